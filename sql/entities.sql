-- newsnlp.entities() and newsnlp.entity_names(): named entities of news copy.

-- Titles are not part of a name; a later surname resolves to the full name.
SELECT mention, label, canonical, pos, len, sentence
FROM newsnlp.entities('Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo on Monday. '
                      'Takaichi said Japan would keep its support, and Zelensky thanked her.');

-- Short forms, honorifics and possessives resolve to the fullest earlier form.
SELECT mention, label, canonical FROM newsnlp.entities(
'Tobias Harris, a Japan expert at the Lowell Institute in Washington, said the vote was close. '
'"It could go either way," Harris said. Mr. Harris''s view is shared by Jeff Kingston, '
'director of Asian Studies at Temple University. Kingston expects a coalition.');

-- Known variants of a country or organisation get one canonical name.
SELECT mention, label, canonical FROM newsnlp.entities(
'Officials in the U.S. said the United States would not attend. '
'The US envoy later met NATO allies in Brussels, and the United Nations welcomed the talks.');

-- entity_names() gives the distinct LABEL:canonical keys, sorted.
SELECT newsnlp.entity_names(
'Officials in the U.S. said the United States would not attend. Tobias Harris disagreed. Harris left.');

-- Positions satisfy substr(body, pos, len) = mention, with curly quotes and accents around.
SELECT bool_and(substr(b, pos, len) = mention) AS substr_holds, count(*) > 0 AS found
FROM (SELECT '“Ça suffit,” said Émilie Durand of the Élysée. Kyiv’s mayor, Vitali Klitschko, agreed.' AS b) d,
     newsnlp.entities(b);

-- Scores are confidences in [0, 1].
SELECT bool_and(score BETWEEN 0 AND 1) AS scores_in_range
FROM newsnlp.entities('Chancellor Friedrich Merz and President Emmanuel Macron spoke in Berlin on Friday.');

-- Text without names, NULL and empty text give no rows; entity_names gives an empty array.
SELECT count(*) FROM newsnlp.entities('the committee will meet again next week to discuss the budget.');
SELECT count(*) FROM newsnlp.entities(NULL);
SELECT count(*) FROM newsnlp.entities('');
SELECT newsnlp.entity_names('');
