CREATE FUNCTION @extschema@.quotes(body text,
	OUT quote text, OUT speaker text, OUT speaker_label text, OUT cue text, OUT kind text,
	OUT pos int, OUT len int, OUT speaker_pos int, OUT speaker_len int, OUT paragraph int,
	OUT score real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_quotes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 70000 ROWS 25;

COMMENT ON FUNCTION @extschema@.quotes(text) IS
'Quotations of a news text in order: the quoted words without their marks (direct, partial) or the reported clause (indirect), the speaker resolved to a canonical name from entities(), a pronoun''s antecedent or a described source (label PER, ORG or DESC), the reporting verb''s lemma or "according to", ":" or "—", the kind, 1-based character positions and lengths of the quote and of the speaker mention, the paragraph, and a confidence in [0, 1]';
