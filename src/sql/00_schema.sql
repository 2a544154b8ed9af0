-- newsnlp: news text analysis in SQL (sentences, tokens, entities, quotes, stance).

\echo Use "CREATE EXTENSION newsnlp" to load this file. \quit

-- Every role may use the extension's functions and read its dictionary.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
