-- Stance. COST as in 10_segmentation.sql (units of cpu_operator_cost; about
-- 50,000 per to_tsvector('english', body) of a benchmark article), from
-- make bench: stance() runs the entity pass whenever the target's name
-- appears (at most about 1.0x to_tsvector; about 0.2x for a name most
-- articles lack), so it is costed as entities(); stance_at() tokenizes the
-- body once (about 0.25x); claims() is quotes() plus reading each quote
-- (about 1.3x).
CREATE FUNCTION @extschema@.stance(body text, target text)
RETURNS text
AS 'MODULE_PATHNAME', 'newsnlp_stance'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 50000;

COMMENT ON FUNCTION @extschema@.stance(text, text) IS
'Stance of a news text towards a named target, ''favor'', ''against'' or ''none'', from the built-in model (trained on NewsMTSC) over the sentences that mention it. The target is matched through entity resolution, ignoring ASCII case: a mention''s canonical name or text, a person''s surname ("Trump" for "Donald Trump") and pronouns resolved to it. A target that is empty, longer than 256 bytes or than the text, or not mentioned, gives ''none''';

CREATE FUNCTION @extschema@.stance_score(body text, target text)
RETURNS real
AS 'MODULE_PATHNAME', 'newsnlp_stance_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 50000;

COMMENT ON FUNCTION @extschema@.stance_score(text, text) IS
'Stance of a news text towards a named target as a score in [-1, 1]: the built-in model''s P(favor) - P(against); the target is matched as for stance(), and 0 when it is not mentioned';

CREATE FUNCTION @extschema@.stance_at(body text, pos int, len int)
RETURNS text
AS 'MODULE_PATHNAME', 'newsnlp_stance_at'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 20000;

COMMENT ON FUNCTION @extschema@.stance_at(text, int, int) IS
'Stance of a news text towards the mention at 1-based character position pos of len characters (substr(body, pos, len)), ''favor'', ''against'' or ''none'', read from the sentence holding it; a span outside the text raises 22023 (invalid_parameter_value)';

CREATE FUNCTION @extschema@.claims(body text,
	OUT speaker text, OUT speaker_label text, OUT target text, OUT target_label text,
	OUT stance text, OUT score real, OUT quote text, OUT pos int, OUT len int)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_claims'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 80000 ROWS 10;

COMMENT ON FUNCTION @extschema@.claims(text) IS
'Who takes which side: for every quote from quotes() with a speaker, one row per entity the quote mentions by name or by a pronoun resolved to it (not the speaker), with the speaker and label, the target''s canonical name and label (PER, ORG, LOC, MISC), the stance (''favor'', ''against'', ''none'') and score in [-1, 1] read from the quote''s words, the quote, and its 1-based character position and length (substr(body, pos, len) = quote)';
