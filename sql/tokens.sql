-- newsnlp.tokens(): tokens of news copy with sentence numbers and shapes.

SELECT * FROM newsnlp.tokens('Prime Minister Sanae Takaichi’s office said the U.S. would spend $28,500, or 2.5% more.');

-- Possessives and contractions split off; hyphenated words stay whole.
SELECT text, shape FROM newsnlp.tokens('Harris''s team won’t say it doesn''t matter, a well-known Kyiv-based analyst said.');

-- Initials and abbreviations keep their periods.
SELECT text, shape FROM newsnlp.tokens('J.D. Vance met Gen. H.R. McMaster and James N. Mattis on Jan. 5 at 10:30 a.m.');

-- Numbers with separators, decimals, decades and ordinals.
SELECT text, shape FROM newsnlp.tokens('In the ’90s, 1,000,000.25 euros bought 21st-century hardware; by 2024-05-01 it cost €3.5 billion.');

-- URLs, e-mail addresses, handles and hashtags.
SELECT text, shape FROM newsnlp.tokens('Read https://example.org/report?id=7, write to press@example.org or follow @ForeignDesk and #NATOsummit.');

-- Quote marks are told apart from apostrophes.
SELECT text, shape FROM newsnlp.tokens('“It’s ‘naive,’ frankly,” said O’Brien. "Rock ''n'' roll," he added.');

-- Dashes and ellipses.
SELECT text FROM newsnlp.tokens('The plan — a bold one — stalled… Talks resumed in 2019–2020... briefly.');

-- Sentence numbers follow newsnlp.sentences().
SELECT sentence, string_agg(text, ' ' ORDER BY token) FROM newsnlp.tokens(
'“We are ready,” she said. The U.S. delegation agreed. Talks resume Monday.')
GROUP BY sentence ORDER BY sentence;

-- Chinese and Japanese split into words by dictionary, Korean by spaces.
SELECT text FROM newsnlp.tokens('中国外交部发言人表示，双方将继续对话。');
SELECT text FROM newsnlp.tokens('日本政府は新しい防衛計画を発表した。');
SELECT text FROM newsnlp.tokens('한국 정부는 성명을 발표했다.');

-- Emoji with modifiers, combining marks and right-to-left text keep the substr invariant.
SELECT text, pos, len, substr(b, pos, len) = text AS ok
FROM (SELECT 'Great 👍🏽 news 👩‍👩‍👧 🇯🇵 for Zoe' || E'\u0301' || ' and שלום עולם and مرحبا بالعالم.' AS b) d,
     newsnlp.tokens(b);

-- Empty text and NULL give no rows.
SELECT count(*) FROM newsnlp.tokens('');
SELECT count(*) FROM newsnlp.tokens(NULL);
