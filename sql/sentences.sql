-- newsnlp.sentences(): sentence and paragraph segmentation of news copy.

-- Paragraphs are separated by one or more newlines; sentences never cross them.
SELECT * FROM newsnlp.sentences(
'The talks in Geneva ended late on Tuesday. Neither side claimed victory.

Officials said a second round could begin next month.
Diplomats were less hopeful.');

-- Titles and initials do not end a sentence.
SELECT sentence, text FROM newsnlp.sentences(
'Gen. Halvard Brekke met Sen. Ada Quist and Rep. Tomas Vell on Monday. '
'Lt. Col. Ines Marr, a spokeswoman, declined to comment. '
'Dr. Ravi Okafor and Gov. Lena Stroud later joined them.');

SELECT sentence, text FROM newsnlp.sentences(
'J.D. Vance spoke first. H.R. McMaster followed him. '
'James N. Mattis, the former secretary, did not attend.');

-- Dotted country abbreviations mid-sentence, and at the end of one.
SELECT sentence, text FROM newsnlp.sentences(
'The U.S. and the U.K. signed the accord at the U.N. headquarters. '
'The deal was welcomed in the U.S. The vote is due in May.');

-- Months and numbers.
SELECT sentence, text FROM newsnlp.sentences(
'The summit was moved to Jan. 14 after Resolution No. 2231 expired. It was the third delay.');

-- Closing quote marks stay with the sentence they close.
SELECT sentence, text FROM newsnlp.sentences(
'She was blunt. “We will not retreat.” The minister left the room.');

SELECT sentence, text FROM newsnlp.sentences(
'He was blunt. "We will not retreat." The envoy left the room.');

-- A quoted sentence followed by its attribution is one sentence.
SELECT sentence, text FROM newsnlp.sentences(
'“We are ready,” she said. “Are we ready?” he asked. “Go now!” the officer shouted. The crowd dispersed.');

-- Ellipses: a lowercase continuation stays in the sentence, a capital starts a new one.
SELECT sentence, text FROM newsnlp.sentences(
'The envoy paused... and then continued. The room waited… Nobody spoke.');

-- Positions are characters as substr() counts them, with accents, quotes and emoji.
SELECT bool_and(substr(b, pos, len) = text) AS substr_holds, count(*) AS sentences
FROM (SELECT 'Zelenskyy’s aide met Médecins Sans Frontières in Kyiv. 👍🏽 The talks went well. 東京での会議は終わった。次は大阪だ。' AS b) d,
     newsnlp.sentences(b);

-- Empty and whitespace-only text give no rows; NULL gives no rows.
SELECT count(*) FROM newsnlp.sentences('');
SELECT count(*) FROM newsnlp.sentences(E'  \n\n  \t ');
SELECT count(*) FROM newsnlp.sentences(NULL);

-- Windows line ends separate paragraphs too.
SELECT sentence, paragraph, text FROM newsnlp.sentences(E'First paragraph here.\r\n\r\nSecond paragraph here.\r\nThird one.');
