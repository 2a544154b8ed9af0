-- Databases not in UTF8 are refused at the first call, naming the encoding.
CREATE DATABASE newsnlp_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c newsnlp_latin1
CREATE EXTENSION newsnlp;
SELECT * FROM newsnlp.sentences('One sentence.');
SELECT * FROM newsnlp.tokens('One token');
SELECT * FROM newsnlp.entities('Tobias Harris met officials in Oslo.');
SELECT newsnlp.entity_names('Tobias Harris met officials in Oslo.');
SELECT * FROM newsnlp.dict_entities('Tobias Harris met officials in Oslo.');
\c contrib_regression
DROP DATABASE newsnlp_latin1;
