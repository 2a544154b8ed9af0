-- newsnlp.dictionary: constraints, privileges, caching and its errors.
-- Only dictionary mentions (Q-number canonicals) are shown, so the model's
-- own guesses do not change the output.
\set VERBOSITY terse
TRUNCATE newsnlp.dictionary;

-- Each bad row names the rule it breaks.
INSERT INTO newsnlp.dictionary (term, label) VALUES ('', 'PER');
INSERT INTO newsnlp.dictionary (term, label) VALUES ('...', 'PER');
INSERT INTO newsnlp.dictionary (term, label) VALUES (' -- ', 'ORG');
INSERT INTO newsnlp.dictionary (term, label) VALUES ('Lyon', 'CITY');
INSERT INTO newsnlp.dictionary (term, label) VALUES ('Lyon', 'loc');
INSERT INTO newsnlp.dictionary (term, label) VALUES ('Lyon', NULL);
INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES ('Lyon', 'LOC', '');
INSERT INTO newsnlp.dictionary (id, term, label) VALUES (1, 'Lyon', 'LOC');
-- letters and digits of any script pass, whatever the database's locale
INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES
	('Москва', 'LOC', 'Q649'), ('٣', 'MISC', 'Q3');
SELECT term, label, canonical FROM newsnlp.dictionary ORDER BY id;

-- Matches ignore case, except for terms written in capitals.
TRUNCATE newsnlp.dictionary RESTART IDENTITY;
INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES
	('Joe Biden', 'PER', 'Q6279'),
	('US', 'LOC', 'Q30'),
	('New York', 'LOC', 'Q60'),
	('New York Times', 'ORG', 'Q9684');
SELECT mention, label, canonical, pos, len, score
FROM newsnlp.dict_entities('JOE BIDEN told us the US and The New York Times agree. New York is calm.')
WHERE canonical ~ '^Q[0-9]+$' ORDER BY pos;
SELECT array(SELECT DISTINCT k FROM unnest(newsnlp.dict_entity_names(
	'Joe Biden and joe biden left New York.')) AS k WHERE k ~ ':Q[0-9]+$' ORDER BY k) AS names;

-- Another role may read the dictionary but not change it.
CREATE ROLE regress_dict_reader;
SET ROLE regress_dict_reader;
SELECT count(*) FROM newsnlp.dictionary;
SELECT array(SELECT DISTINCT k FROM unnest(newsnlp.dict_entity_names('Joe Biden')) AS k
	WHERE k ~ ':Q[0-9]+$' ORDER BY k) AS names;
INSERT INTO newsnlp.dictionary (term, label) VALUES ('Paris', 'LOC');
UPDATE newsnlp.dictionary SET canonical = 'Q1';
DELETE FROM newsnlp.dictionary;
TRUNCATE newsnlp.dictionary;
RESET ROLE;
DROP ROLE regress_dict_reader;

-- The trigger function is for the trigger only.
SELECT newsnlp.dictionary_changed();

-- A hostile search_path does not redirect the dictionary.
CREATE SCHEMA regress_evil;
CREATE TABLE regress_evil.dictionary (id bigint, term text, label text, canonical text);
INSERT INTO regress_evil.dictionary VALUES (1, 'Joe Biden', 'ORG', 'Q666');
SET search_path = regress_evil, public;
INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES ('Kamala Harris', 'PER', 'Q10853588');
SELECT mention, label, canonical FROM newsnlp.dict_entities('Joe Biden and Kamala Harris.')
WHERE canonical ~ '^Q[0-9]+$' ORDER BY pos;
RESET search_path;
DROP SCHEMA regress_evil CASCADE;

-- A row the constraints allow but the matcher cannot use is a clear error,
-- and the dictionary works again once the row is gone.
INSERT INTO newsnlp.dictionary (term, label)
	VALUES (repeat('word ', 33), 'MISC');
SELECT newsnlp.dict_entity_names('Joe Biden');
DELETE FROM newsnlp.dictionary WHERE label = 'MISC';
SELECT array(SELECT DISTINCT k FROM unnest(newsnlp.dict_entity_names('Joe Biden')) AS k
	WHERE k ~ ':Q[0-9]+$' ORDER BY k) AS names;

-- Changes in the middle of a query: each statement inside the function sees
-- the rows added before it, and the query finishes.
CREATE FUNCTION regress_add_and_read(i int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO newsnlp.dictionary (term, label, canonical)
		VALUES ('Person' || i, 'PER', 'Q' || (1000 + i));
	IF i % 3 = 0 THEN
		DELETE FROM newsnlp.dictionary WHERE term = 'Person' || (i - 1);
	END IF;
	RETURN cardinality(array(SELECT DISTINCT k FROM unnest(newsnlp.dict_entity_names(
		'Person1 Person2 Person3 Person4 Person5 Person6 Person7 Person8 Person9 Person10'))
		AS k WHERE k ~ ':Q1[0-9]+$'));
END $$;
SELECT i, regress_add_and_read(i) FROM generate_series(1, 10) AS i;
DROP FUNCTION regress_add_and_read(int);

-- Emptied, the dictionary matches nothing.
TRUNCATE newsnlp.dictionary;
SELECT count(*) FROM newsnlp.dict_entities('Joe Biden')
WHERE canonical ~ '^Q[0-9]+$';

-- End to end with the model: a dictionary match replaces the model's mention it
-- overlaps, a later surname resolves to the dictionary's name, the rest of
-- the model's mentions stay, and the immutable functions ignore the dictionary.
INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES
    ('Tobias Harris', 'PER', 'Q-HARRIS'),
    ('Lowell Institute for Asian Affairs', 'ORG', 'Lowell Institute');
SELECT mention, label, canonical, score = 1 AS from_dictionary FROM newsnlp.dict_entities(
'Tobias Harris of the Lowell Institute for Asian Affairs spoke in Tokyo. Harris left early.');
SELECT mention, label, canonical FROM newsnlp.entities(
'Tobias Harris of the Lowell Institute for Asian Affairs spoke in Tokyo. Harris left early.');
SELECT newsnlp.dict_entity_names('Tobias Harris spoke in Tokyo. Harris left early.'),
       newsnlp.entity_names('Tobias Harris spoke in Tokyo. Harris left early.');
DELETE FROM newsnlp.dictionary WHERE canonical IN ('Q-HARRIS', 'Lowell Institute');
SELECT mention, canonical FROM newsnlp.dict_entities('Tobias Harris spoke in Tokyo.');
