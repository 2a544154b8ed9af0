-- newsnlp.stance(), stance_score(), stance_at() and claims(): the built-in
-- news stance model. Each case is one pattern of news copy.

-- Clear favor and against towards leaders, governments and alliances.
CREATE TEMP TABLE cases (id int, body text, target text);
INSERT INTO cases VALUES
 (1, 'Voters praised Prime Minister Helena Brandt for her brilliant handling of the flood crisis.', 'Helena Brandt'),
 (2, 'Prime Minister Helena Brandt was condemned for a disastrous response that left thousands stranded.', 'Helena Brandt'),
 (3, 'The government of Norland was accused of corruption, fraud and brutal abuses against protesters.', 'Norland'),
 (4, 'Analysts hailed the alliance as a great success that has kept the peace and helped its members thrive. NATO won wide support.', 'NATO'),
 (5, 'Helena Brandt will travel to Geneva on Tuesday for the meeting, her office said.', 'Helena Brandt'),
 (6, 'The ministry published its annual report on fisheries in March.', 'Helena Brandt');
SELECT id, newsnlp.stance(body, target), newsnlp.stance_score(body, target) > 0.3 AS positive,
       newsnlp.stance_score(body, target) < -0.3 AS negative
FROM cases ORDER BY id;

-- The score is P(favor) - P(against): within [-1, 1], and its sign agrees with the label.
SELECT bool_and(s BETWEEN -1 AND 1) AS in_range,
       bool_and(CASE l WHEN 'favor' THEN s > 0 WHEN 'against' THEN s < 0 ELSE true END) AS sign_agrees
FROM (SELECT newsnlp.stance(body, target) AS l, newsnlp.stance_score(body, target) AS s FROM cases) x;

-- Entity resolution: a surname, "Mr." and a pronoun resolved to the target
-- all count; the full name matches the surname and the other way round.
\set body 'Tomas Keller took office in May. Critics say Mr. Keller has been a disaster for the economy. He is a liar and a failure, they said.'
SELECT t, newsnlp.stance(:'body', t) FROM unnest(ARRAY['Tomas Keller', 'Keller', 'keller', 'TOMAS KELLER']) t;
-- A pronoun resolved to the target carries its sentence's stance to it.
SELECT newsnlp.stance_score('Tomas Keller spoke in Berlin on Monday. He is a corrupt and dishonest failure.', 'Tomas Keller') <
       newsnlp.stance_score('Tomas Keller spoke in Berlin on Monday. It is a corrupt and dishonest failure.', 'Tomas Keller') - 0.05
       AS pronoun_counts;
-- A different person with the same surname is not the target.
SELECT newsnlp.stance('Anna Keller was praised as a brilliant and generous leader.', 'Tomas Keller') AS other_keller;

-- A target that is not mentioned is none with score 0.
SELECT newsnlp.stance('Lena Ortiz praised the plan.', 'Tomas Keller') AS absent,
       newsnlp.stance_score('Lena Ortiz praised the plan.', 'Tomas Keller') AS absent_score;
-- An empty or blank target and a target longer than the text name nothing: none, 0.
SELECT newsnlp.stance('Keller is great.', '') AS empty, newsnlp.stance_score('Keller is great.', '') AS empty_score,
       newsnlp.stance('Keller is great.', '   ') AS blank,
       newsnlp.stance('Keller is great.', 'Keller is great. And more words than the text.') AS longer;
-- NULL in, NULL out (STRICT).
SELECT newsnlp.stance(NULL, 'Keller') IS NULL AS null_body, newsnlp.stance('Keller is great.', NULL) IS NULL AS null_target,
       newsnlp.stance_score(NULL, 'x') IS NULL AS null_score, newsnlp.stance_at(NULL, 1, 1) IS NULL AS null_at;

-- stance_at: the mention at a 1-based character span (substr rule), after non-ASCII text.
\set body2 'Ärger in Zürich: critics called Helena Brandt a failure. Voters praised Tomas Keller as a brilliant leader.'
SELECT strpos(:'body2', 'Helena') AS pos1, newsnlp.stance_at(:'body2', strpos(:'body2', 'Helena'), 13) AS at1,
       strpos(:'body2', 'Tomas') AS pos2, newsnlp.stance_at(:'body2', strpos(:'body2', 'Tomas'), 12) AS at2;

-- claims: each attributed quote's speaker towards each entity it mentions.
\set body3 'Tomas Keller met Helena Brandt in Geneva on Tuesday.\n“Helena Brandt is a liar and a disaster for this country,” said Tomas Keller.\nBrandt answered that Keller was a brilliant and generous partner.\n“The weather was cold,” said Lena Ortiz.'
SELECT speaker, speaker_label, target, target_label, stance, quote FROM newsnlp.claims(E:'body3');
-- pos and len locate the quote: substr(body, pos, len) = quote.
SELECT bool_and(substr(E:'body3', pos, len) = quote) AS substr_rule, count(*) AS rows FROM newsnlp.claims(E:'body3');
-- A speaker's own name inside the quote is no target; a quote with no entity gives no row.
SELECT count(*) AS self_rows FROM newsnlp.claims('“Tomas Keller will win,” said Tomas Keller.');
SELECT count(*) AS no_claims FROM newsnlp.claims('The markets were calm on Friday. No one was quoted.');
-- A pronoun in the quote resolved to a person counts as that person.
SELECT speaker, target, stance FROM newsnlp.claims(E'Helena Brandt spoke on Monday.\n“She is a disgrace and a liar,” said Tomas Keller.');

-- claims agrees with quotes(): every claim's quote is one of the quotes.
SELECT bool_and(EXISTS (SELECT 1 FROM newsnlp.quotes(E:'body3') q WHERE q.pos = c.pos AND q.len = c.len)) AS from_quotes
FROM newsnlp.claims(E:'body3') c;
