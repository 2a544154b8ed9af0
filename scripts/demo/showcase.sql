-- newsnlp showcase over the sample articles loaded by scripts/demo.sh into
-- articles(id, published, headline, body).
\set ON_ERROR_STOP 1
\pset pager off
\pset format aligned

\echo
\echo '1. Sentences and paragraphs per article'
SELECT a.id, a.published, a.headline,
       count(*) AS sentences, max(s.paragraph) AS paragraphs
FROM articles a, newsnlp.sentences(a.body) s
GROUP BY a.id
ORDER BY a.id;

\echo '2. The naval exercise article sentence by sentence, with paragraph numbers'
\echo '   (the admiral''s quote runs over three paragraphs; titles and initials stay inside sentences)'
SELECT s.paragraph, s.sentence, s.text
FROM articles a, newsnlp.sentences(a.body) s
WHERE a.headline LIKE 'Allies Expand Naval Drills%'
ORDER BY s.sentence;

\echo '3. Tokens and word shapes of one sentence of the Arctic article'
SELECT t.token, t.pos, t.len, t.text, t.shape
FROM articles a,
     newsnlp.sentences(a.body) s,
     newsnlp.tokens(a.body) t
WHERE a.headline LIKE 'Arctic Shipping Talks%'
  AND s.text LIKE 'Ships carried 28,500 containers%'
  AND t.sentence = s.sentence
ORDER BY t.token;

\echo '4. Who is named in the naval exercise article: mentions as written, with canonical names'
\echo '   (titles dropped, surnames resolved to the first full mention, U.S. -> United States)'
SELECT e.sentence, e.mention, e.label, e.canonical, round(e.score::numeric, 2) AS score
FROM articles a, newsnlp.entities(a.body) e
WHERE a.headline LIKE 'Allies Expand Naval Drills%'
ORDER BY e.pos;

\echo '4b. Who said what in the naval exercise article: the admiral''s three-paragraph quote gives one row'
\echo '    per paragraph; unnamed sources are described (DESC)'
SELECT q.paragraph, q.kind, left(q.quote, 60) AS quote, q.speaker, q.speaker_label, q.cue
FROM articles a, newsnlp.quotes(a.body) q
WHERE a.headline LIKE 'Allies Expand Naval Drills%'
ORDER BY q.pos;

\echo '5. The most-named people, organisations and places across the articles'
SELECT split_part(k, ':', 1) AS label, substr(k, strpos(k, ':') + 1) AS canonical,
       count(*) AS articles
FROM articles a, unnest(newsnlp.entity_names(a.body)) k
GROUP BY k
HAVING count(*) >= 2
ORDER BY articles DESC, k;

\echo '6. Which articles name the United States, and who else they name (an indexable query)'
CREATE INDEX articles_entity_names ON articles USING gin (newsnlp.entity_names(body));
SELECT a.id, a.headline,
       array_to_string(array(SELECT k FROM unnest(newsnlp.entity_names(a.body)) k
                             WHERE k LIKE 'PER:%'), ', ') AS people
FROM articles a
WHERE newsnlp.entity_names(a.body) @> '{LOC:United States}'
ORDER BY a.id;

\echo '7. A user dictionary: map a name to an identifier of your own'
INSERT INTO newsnlp.dictionary (term, label, canonical)
SELECT e.mention, 'PER', 'person:0001'
FROM articles a, newsnlp.entities(a.body) e
WHERE e.label = 'PER' AND e.mention LIKE '% %'
ORDER BY a.id, e.pos
LIMIT 1;
SELECT term, label, canonical FROM newsnlp.dictionary;
SELECT DISTINCT e.mention, e.label, e.canonical
FROM articles a, newsnlp.dict_entities(a.body) e
WHERE e.canonical = 'person:0001';

\echo '8. The positions invariant substr(body, pos, len) = text over every row'
SELECT 'sentences' AS function, count(*) AS rows,
       count(*) FILTER (WHERE substr(a.body, s.pos, s.len) IS DISTINCT FROM s.text) AS mismatches
FROM articles a, newsnlp.sentences(a.body) s
UNION ALL
SELECT 'tokens', count(*),
       count(*) FILTER (WHERE substr(a.body, t.pos, t.len) IS DISTINCT FROM t.text)
FROM articles a, newsnlp.tokens(a.body) t
UNION ALL
SELECT 'entities', count(*),
       count(*) FILTER (WHERE substr(a.body, e.pos, e.len) IS DISTINCT FROM e.mention)
FROM articles a, newsnlp.entities(a.body) e
UNION ALL
SELECT 'quotes', count(*),
       count(*) FILTER (WHERE substr(a.body, q.pos, q.len) IS DISTINCT FROM q.quote)
FROM articles a, newsnlp.quotes(a.body) q;

\echo '9. annotate() in a generated column: entities and quotes as one jsonb value, stored with the row'
ALTER TABLE articles ADD COLUMN nlp jsonb GENERATED ALWAYS AS (newsnlp.annotate(body)) STORED;
CREATE INDEX articles_nlp ON articles USING gin (nlp jsonb_path_ops);
SELECT id, headline,
       jsonb_array_length(nlp -> 'entities') AS entities,
       jsonb_array_length(nlp -> 'quotes') AS quotes
FROM articles
ORDER BY id;
\echo '   Which articles quote Mara Lindqvist (a jsonb containment query the GIN index can serve):'
SELECT a.id, a.headline, q ->> 'kind' AS kind, left(q ->> 'quote', 50) AS quote
FROM articles a, jsonb_array_elements(a.nlp -> 'quotes') q
WHERE a.nlp @> '{"quotes": [{"speaker": "Mara Lindqvist"}]}'
  AND q ->> 'speaker' = 'Mara Lindqvist'
ORDER BY a.id, (q ->> 'pos')::int;

\echo '10. The tag() trigger: a plain jsonb column that follows the text on INSERT and UPDATE'
CREATE TABLE wire (id int PRIMARY KEY, body text, nlp jsonb);
CREATE TRIGGER wire_tag BEFORE INSERT OR UPDATE ON wire
    FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
INSERT INTO wire (id, body) VALUES
    (1, '“We are close on rescue, far on money,” Mara Lindqvist said in Reykjavík.');
SELECT id, jsonb_pretty(nlp) AS nlp FROM wire;
\echo '    The desk corrects the story: the trigger annotates the new text'
UPDATE wire SET body = 'Deputy Envoy Thomas R. Abernathy told reporters in Reykjavík that Washington would wait.'
WHERE id = 1;
SELECT id, jsonb_path_query_array(nlp, '$.entities[*].canonical') AS entities,
       jsonb_path_query_array(nlp, '$.quotes[*].speaker') AS speakers,
       jsonb_path_query_array(nlp, '$.quotes[*].quote') AS quotes
FROM wire;

\echo '11. Side tables for BI tools: track() the articles, backfill the rows already there'
\echo '    (backfill() commits batch by batch and reports its progress in NOTICEs)'
\o /dev/null
SELECT newsnlp.track('articles', 'body', 'id', 'published');
\o
SELECT tbl, entities_table, quotes_table, speakers_view, mentions_view FROM newsnlp.tracked;
CALL newsnlp.backfill('articles', 2);
SELECT (SELECT count(*) FROM articles_entities) AS entity_rows,
       (SELECT count(*) FROM articles_quotes) AS quote_rows;
\echo '    A new article: the tracking trigger fills the side tables as it is inserted'
INSERT INTO articles (published, headline, body) VALUES
    ('2024-07-04', 'Border Commission Named',
     'KATHMANDU, Nepal — Five members were named to the grazing commission of the Council of Himalayan States. '
     '“The valleys need rules before winter,” said Lucía Ferrand-Obi.');
SELECT a.id, a.headline, e.mention, e.label, e.canonical
FROM articles a JOIN articles_entities e USING (id)
WHERE a.headline = 'Border Commission Named'
ORDER BY e.pos;
\echo '    Top speakers (view articles_top_speakers)'
SELECT speaker, speaker_label, quotes, articles
FROM articles_top_speakers
ORDER BY quotes DESC, speaker
LIMIT 8;
\echo '    Mentions per entity per day (view articles_entity_mentions_daily), entities named twice or more'
SELECT day, label, canonical, mentions
FROM articles_entity_mentions_daily
WHERE mentions >= 2
ORDER BY day, mentions DESC, canonical;

\echo '12. Train a stance model in SQL on 54 labelled sentences about two targets, then predict'
CREATE TABLE stance_labels (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                            body text NOT NULL, target text NOT NULL, label text NOT NULL);
INSERT INTO stance_labels (body, target, label) VALUES
    ('Farmers'' groups praised the grain corridor as a lifeline for exporters.', 'grain corridor', 'FAVOR'),
    ('Shipping firms welcome the extension of the grain corridor.', 'grain corridor', 'FAVOR'),
    ('Aid agencies backed the grain corridor, saying it feeds millions.', 'grain corridor', 'FAVOR'),
    ('Port officials support the grain corridor and want it made permanent.', 'grain corridor', 'FAVOR'),
    ('Traders hailed the grain corridor for bringing calm to wheat markets.', 'grain corridor', 'FAVOR'),
    ('Bakers support the grain corridor because flour costs have fallen.', 'grain corridor', 'FAVOR'),
    ('The minister praised the grain corridor as a success.', 'grain corridor', 'FAVOR'),
    ('Dock workers welcome the grain corridor and the jobs it brings.', 'grain corridor', 'FAVOR'),
    ('The mediator defended the grain corridor as the best deal available.', 'grain corridor', 'FAVOR'),
    ('Economists back the grain corridor, crediting it with lower food prices.', 'grain corridor', 'FAVOR'),
    ('Critics condemned the grain corridor as a reward for the blockade.', 'grain corridor', 'AGAINST'),
    ('Local fishermen oppose the grain corridor, warning that convoys damage their nets.', 'grain corridor', 'AGAINST'),
    ('Opposition lawmakers attacked the grain corridor as a costly failure.', 'grain corridor', 'AGAINST'),
    ('The farmers'' union rejects the grain corridor, saying cheap imports ruin growers.', 'grain corridor', 'AGAINST'),
    ('Insurers warn the grain corridor is too dangerous for crews.', 'grain corridor', 'AGAINST'),
    ('A senior diplomat criticised the grain corridor as a mistake.', 'grain corridor', 'AGAINST'),
    ('Environmental groups condemned the grain corridor for polluting the strait.', 'grain corridor', 'AGAINST'),
    ('Inspectors oppose the grain corridor because smugglers slip through.', 'grain corridor', 'AGAINST'),
    ('Rival exporters reject the grain corridor and demand an end to it.', 'grain corridor', 'AGAINST'),
    ('Skeptics warn the grain corridor will collapse within weeks.', 'grain corridor', 'AGAINST'),
    ('The grain corridor runs for about 300 nautical miles.', 'grain corridor', 'NONE'),
    ('Talks on the grain corridor resume in Geneva on Tuesday.', 'grain corridor', 'NONE'),
    ('The grain corridor was first opened two years ago.', 'grain corridor', 'NONE'),
    ('Reporters asked how many ships used the grain corridor last month.', 'grain corridor', 'NONE'),
    ('A map of the grain corridor was published on Monday.', 'grain corridor', 'NONE'),
    ('The grain corridor passes two ports and a narrow strait.', 'grain corridor', 'NONE'),
    ('Officials will review the grain corridor in six months.', 'grain corridor', 'NONE'),
    ('Coastal towns support the escort fee, saying it pays for safer routes.', 'escort fee', 'FAVOR'),
    ('The observer praised the escort fee as a fair way to share the cost.', 'escort fee', 'FAVOR'),
    ('Rescue crews welcome the escort fee as overdue funding.', 'escort fee', 'FAVOR'),
    ('Northern mayors praised the escort fee for protecting their harbours.', 'escort fee', 'FAVOR'),
    ('The ministry defended the escort fee as modest and sensible.', 'escort fee', 'FAVOR'),
    ('Insurers back the escort fee because escorted ships sink less often.', 'escort fee', 'FAVOR'),
    ('Scientists welcome the escort fee and the research fund it pays for.', 'escort fee', 'FAVOR'),
    ('A delegate hailed the escort fee for making big carriers pay their share.', 'escort fee', 'FAVOR'),
    ('Fishing villages support the escort fee and the patrols it funds.', 'escort fee', 'FAVOR'),
    ('Environmental groups backed the escort fee as a brake on traffic.', 'escort fee', 'FAVOR'),
    ('Shipping companies reject the escort fee as a tax on trade.', 'escort fee', 'AGAINST'),
    ('Exporters warn the escort fee will raise freight costs and hurt jobs.', 'escort fee', 'AGAINST'),
    ('The industry lobby attacked the escort fee as unfair to small operators.', 'escort fee', 'AGAINST'),
    ('Two delegations oppose the escort fee and threatened to walk out.', 'escort fee', 'AGAINST'),
    ('Critics condemned the escort fee as a cash grab.', 'escort fee', 'AGAINST'),
    ('Captains criticised the escort fee for charging them for escorts they never get.', 'escort fee', 'AGAINST'),
    ('Port owners oppose the escort fee, saying traffic will move south.', 'escort fee', 'AGAINST'),
    ('Carriers reject the escort fee as a threat to free passage.', 'escort fee', 'AGAINST'),
    ('Freight groups warn the escort fee will drive cargo to longer routes.', 'escort fee', 'AGAINST'),
    ('Traders condemned the escort fee as a burden on small firms.', 'escort fee', 'AGAINST'),
    ('The escort fee would apply from next spring.', 'escort fee', 'NONE'),
    ('Negotiators discussed the escort fee for three hours on Thursday.', 'escort fee', 'NONE'),
    ('The escort fee is set out in the annex of the draft treaty.', 'escort fee', 'NONE'),
    ('A vote on the escort fee is expected in June.', 'escort fee', 'NONE'),
    ('Officials published the text of the escort fee on Friday.', 'escort fee', 'NONE'),
    ('The escort fee was first proposed last year.', 'escort fee', 'NONE'),
    ('Delegates will meet again in September to discuss the escort fee.', 'escort fee', 'NONE');
SELECT target, label, count(*) AS sentences FROM stance_labels GROUP BY 1, 2 ORDER BY 1, 2;

CREATE TABLE stance_models (name text PRIMARY KEY, model newsnlp.stance_model);
INSERT INTO stance_models
SELECT 'arctic-and-grain', newsnlp.stance_train(body, target, label ORDER BY id) FROM stance_labels;
\echo '    What the model holds (stance_model_info)'
SELECT key, value
FROM stance_models, jsonb_each(newsnlp.stance_model_info(model))
WHERE name = 'arctic-and-grain'
ORDER BY key;
\echo '    Predictions on sentences it has not seen (so few examples teach it the cue words they use:'
\echo '    welcome, praise, back... against oppose, condemn, warn...; more labelled rows generalise further)'
SELECT s.target, s.body,
       newsnlp.stance(m.model, s.body, s.target) AS stance,
       round(newsnlp.stance_score(m.model, s.body, s.target)::numeric, 2) AS p
FROM stance_models m,
     (VALUES ('Harbour workers welcome the grain corridor.', 'grain corridor'),
             ('Wheat growers condemned the grain corridor.', 'grain corridor'),
             ('The grain corridor reopened on Monday.', 'grain corridor'),
             ('Freight firms oppose the escort fee.', 'escort fee'),
             ('Rescue services welcome the escort fee.', 'escort fee'),
             ('The escort fee will be debated in June.', 'escort fee')) AS s(body, target)
WHERE m.name = 'arctic-and-grain';
