-- newsnlp.quotes(): who said what. Each case is one pattern of news copy.

-- A view of the rows that matter in these tests.
CREATE FUNCTION q(body text) RETURNS TABLE(quote text, speaker text, speaker_label text, cue text, kind text)
LANGUAGE sql AS $$
	SELECT quote, speaker, speaker_label, cue, kind FROM newsnlp.quotes(body)
$$;

-- "…," said X / "…," X said / says X
SELECT * FROM q('“We will not be rushed,” said Tobias Harris, a Japan expert at the Lowell Institute.');
SELECT * FROM q('“The talks are over,” Mara Lindqvist said on Tuesday.');
SELECT * FROM q('"Nobody wants a trade war," says Jeff Kingston, who teaches in Tokyo.');

-- X told the newspaper; an appositive between speaker and verb
SELECT * FROM q('Amina Diallo told the newspaper that the ceasefire would hold.');
SELECT * FROM q('Jeff Kingston, director of Asian Studies at Temple University, said the coalition was fragile.');

-- "…," X wrote in a column; X: "…"; "…" — X
SELECT * FROM q('“The alliance has never looked weaker,” Ravi Okafor wrote in a column for the weekly.');
SELECT * FROM q('Ines Marr: “We expected more from Brussels.”');
SELECT * FROM q('“Sanctions alone will not end this war.” — Helena Brandt');

-- X added that …; according to X
SELECT * FROM q('Tobias Harris spoke first. Harris added that the vote could slip to May.');
SELECT * FROM q('According to Mara Lindqvist, the fleet will sail in June.');

-- as X put it to me, "…" (first-person interview framing: the speaker is the source, never "me")
SELECT * FROM q('As Jeff Kingston put it to me, “nobody in Tokyo wants this fight.”');
SELECT * FROM q('A former senior intelligence official told me that the plan had been shelved.');

-- argues X: with the quote in the next paragraph
SELECT * FROM q(E'The case for patience is simple, argues Amina Diallo:\n“Every month of talks is a month without shelling.”');

-- Multi-paragraph quote: each paragraph opens with a mark, only the last closes;
-- one direct row per paragraph, all with the same speaker.
SELECT quote, speaker, kind, paragraph FROM newsnlp.quotes(
E'Admiral Helen Okafor took the podium at noon.\n“We are not here to provoke anyone.\n“We are here because the cables matter.\n“That is all this is,” she said.');

-- A quote paragraph without its own attribution continues the previous speaker.
SELECT quote, speaker, kind, paragraph FROM newsnlp.quotes(
E'“The vote is close,” said Tobias Harris.\n“It could go either way.”');

-- A pronoun resolves to its antecedent.
SELECT * FROM q('Mara Lindqvist left the meeting early. “We have said enough,” she said.');

-- Unnamed sources are described.
SELECT * FROM q('A spokesperson for the ministry said the border would reopen on Monday.');
SELECT * FROM q('Officials said the summit would go ahead.');

-- Partial quotes inside the writer's own sentence.
SELECT * FROM q('Jeff Kingston called the plan “naive” and “dangerous.”');

-- Quote marks of other languages, nested singles, and apostrophes that open nothing.
SELECT * FROM q('« Nous sommes prêts », said Émilie Durand, the French envoy.');
SELECT * FROM q('„Wir sind bereit“, said Friedrich Brandt after the vote.');
SELECT * FROM q('「準備はできている」, said Kenji Sato, the Japanese negotiator.');
SELECT * FROM q('“He told us ‘never again,’ and he meant it,” said Tobias Harris.');
SELECT * FROM q('Trump’s aides, who came of age in the ’90s, don’t comment, said Ines Marr.');

-- Scare quotes, titles and nicknames are not speech.
SELECT * FROM q('The so-called “peace plan” was published on Monday.');
SELECT * FROM q('Critics of the “America First” doctrine gathered outside.');

-- "told me" framing: the source speaks, never "me"
SELECT * FROM q('“Nobody in Tokyo wants this fight,” Jeff Kingston told me.');
SELECT * FROM q('Jeff Kingston told me the coalition would not survive the winter.');

-- X, a former adviser to Y, said: X speaks, not Y
SELECT * FROM q('“The plan is dead,” Tobias Harris, a former adviser to Mara Lindqvist, said.');
SELECT * FROM q('Tobias Harris, a former adviser to Mara Lindqvist, forcefully argued that the plan was dead.');

-- X (party-state) said
SELECT * FROM q('“The bill is a gift to the banks,” Rep. Gwen Moore (D-Wis.) said.');

-- "who" with words before its verb
SELECT * FROM q('The plan was criticised by Ines Marr, who for years as mayor has argued that the bridge should close.');

-- A described speaker ends at its head noun phrase.
SELECT * FROM q('A former senior intelligence official familiar with the talks said the plan had been shelved.');
SELECT * FROM q('“The plan is dead,” said an aide close to the governor.');

-- A place after a preposition belongs to the description; it does not speak.
SELECT * FROM q('Officials in Tokyo said the talks would resume.');

-- "described X at length" narrates an act; "described X as Y" reports.
SELECT * FROM q('The general described the exercise at length on Monday.');
SELECT * FROM q('The minister described the exercise as a success.');

-- Plural nouns that are also reporting verbs report nothing.
SELECT * FROM q('Voters in the states Ines Marr won were younger than expected.');

-- A surname far into a long document (past the 20,000-token chunks) takes
-- the full name given at its start, as entities() resolves it.
SELECT quote, speaker, speaker_label, cue FROM newsnlp.quotes(
  E'Tobias Harris opened the hearing on the harbour.\n' ||
  repeat(E'The water board met again on Tuesday to discuss the pipes.\n', 4000) ||
  '“The pipes will be replaced,” Harris said.');

-- Positions: substr(body, pos, len) = quote, and the speaker span is text of the body.
SELECT bool_and(substr(b, pos, len) = quote) AS quote_positions_hold,
       bool_and(speaker_pos IS NULL OR speaker_len > 0) AS speaker_spans_sane
FROM (SELECT E'“We are ready,” said Émilie Durand. 👍🏽 “Ça suffit,” Ravi Okafor said.\nOfficials said the talks would resume.' AS b) d,
     newsnlp.quotes(b);

-- NULL and empty text give no rows.
SELECT count(*) FROM newsnlp.quotes(NULL);
SELECT count(*) FROM newsnlp.quotes('');
