-- Each client adds a dictionary term of its own (Kelmar followed by its number
-- in letters), must find it in dict_entities(), removes it and must no longer
-- find it, while the other clients change the dictionary too. A division by
-- zero marks a wrong answer.
INSERT INTO newsnlp.dictionary (term, label, canonical, note)
VALUES ('Kelmar' || translate(:client_id::text, '0123456789', 'ABCDEFGHIJ'), 'ORG',
	'Kelmar test ' || :client_id, 'pgbench')
RETURNING id AS dict_id \gset
SELECT 1 / (count(*) = 1)::int
FROM newsnlp.dict_entities('Shares of Kelmar' || translate(:client_id::text, '0123456789', 'ABCDEFGHIJ')
	|| ' rose on Monday, officials said.')
WHERE label = 'ORG' AND canonical = 'Kelmar test ' || :client_id;
DELETE FROM newsnlp.dictionary WHERE id = :dict_id;
SELECT 1 / (count(*) = 0)::int
FROM newsnlp.dict_entities('Shares of Kelmar' || translate(:client_id::text, '0123456789', 'ABCDEFGHIJ')
	|| ' rose on Monday, officials said.')
WHERE canonical = 'Kelmar test ' || :client_id;
