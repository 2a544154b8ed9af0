/*
 * test_quotes.c
 *	  Unit tests of quote extraction: quote marks of several languages,
 *	  unmatched marks, multi-paragraph quotes, every attribution pattern,
 *	  pronoun and described speakers, indirect speech and scare quotes, with
 *	  the model embedded in the library. The sentences are invented.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cues.h"
#include "fixtures.h"
#include "icu_cache.h"
#include "ner_model.h"
#include "quotes.h"
#include "unit.h"

static NerModel model;
static NerTagger tagger;

/*
 * Describe every row of text as "kind|quote|speaker|label|cue; " into buf;
 * returns the number of rows or -1.
 */
static int
describe(const char *text, char *buf, size_t size)
{
	NnQuoteList list;
	size_t		used = 0;
	int			n;

	buf[0] = '\0';
	if (nn_quotes_extract(&tagger, text, strlen(text), &list) != NN_OK)
		return -1;
	for (int i = 0; i < list.n && used < size; i++)
	{
		const NnQuote *q = &list.items[i];

		used += snprintf(buf + used, size - used, "%s|%.*s|%.*s|%s|%s; ",
						 nn_quote_kind_name(q->kind), (int) (q->end - q->start),
						 text + q->start, (int) q->name_len, nn_quote_speaker(&list, q),
						 q->label ? q->label : "", q->cue ? q->cue : "");
	}
	n = list.n;
	nn_quotes_free(&list);
	return n;
}

/* Check that the rows of text include want. */
static void
expect_has(const char *what, const char *text, const char *want)
{
	char		got[8192];

	describe(text, got, sizeof(got));
	CHECK(strstr(got, want) != NULL, "%s: want \"%s\" in \"%s\"", what, want, got);
}

/* Check that no row of text contains needle. */
static void
expect_lacks(const char *what, const char *text, const char *needle)
{
	char		got[8192];

	describe(text, got, sizeof(got));
	CHECK(strstr(got, needle) == NULL, "%s: \"%s\" not in \"%s\"", what, needle, got);
}

/* Check that text gives exactly n rows. */
static void
expect_rows(const char *what, const char *text, int n)
{
	char		got[8192];
	int			k = describe(text, got, sizeof(got));

	CHECK(k == n, "%s: %d rows, want %d: \"%s\"", what, k, n, got);
}

/* The lexicon knows every inflection and the lemma. */
static void
test_cues(void)
{
	static const char *const forms[][2] = {
		{"said", "say"}, {"says", "say"}, {"saying", "say"}, {"told", "tell"},
		{"tells", "tell"}, {"added", "add"}, {"wrote", "write"},
		{"written", "write"}, {"writes", "write"}, {"predicted", "predict"},
		{"argues", "argue"}, {"arguing", "argue"}, {"responded", "respond"},
		{"warned", "warn"}, {"tweeted", "tweet"}, {"posted", "post"},
		{"cautioned", "caution"}, {"conceded", "concede"}, {"admitted", "admit"},
		{"denies", "deny"}, {"denied", "deny"}, {"replied", "reply"},
		{"Quipped", "quip"}, {"SAID", "say"}, {"swore", "swear"},
		{"chanted", "chant"}, {"wondered", "wonder"}
	};
	const char *lemma = NULL;

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
	{
		NnCueForm f = nn_cue_lookup(forms[i][0], strlen(forms[i][0]), &lemma);

		CHECK(f == NN_CUE_INFLECTED && strcmp(lemma, forms[i][1]) == 0,
			  "cue %s -> %s", forms[i][0], forms[i][1]);
	}
	CHECK(nn_cue_lookup("tweet", 5, &lemma) == NN_CUE_BARE, "bare lemma");
	CHECK(nn_cue_lookup("salad", 5, &lemma) == NN_CUE_NONE, "not a cue");
	CHECK(nn_cue_lookup("sayings", 7, &lemma) == NN_CUE_NONE, "not an inflection");
}

/*
 * Every lemma of the reporting-verb lexicon this extractor claims (the 55
 * verbs named in cues.c after Krestel et al. 2008, and the news verbs tweet
 * and post) is recognised as the lemma and in each inflection: lemma,
 * third person, past, past participle, present participle.
 */
static void
test_cue_inflections(void)
{
	static const char *const verbs[] = {
		"say says said said saying", "tell tells told told telling",
		"add adds added added adding", "note notes noted noted noting",
		"argue argues argued argued arguing", "claim claims claimed claimed claiming",
		"explain explains explained explained explaining",
		"insist insists insisted insisted insisting", "warn warns warned warned warning",
		"report reports reported reported reporting",
		"announce announces announced announced announcing",
		"confirm confirms confirmed confirmed confirming",
		"deny denies denied denied denying", "admit admits admitted admitted admitting",
		"acknowledge acknowledges acknowledged acknowledged acknowledging",
		"suggest suggests suggested suggested suggesting", "urge urges urged urged urging",
		"state states stated stated stating", "stress stresses stressed stressed stressing",
		"declare declares declared declared declaring",
		"assert asserts asserted asserted asserting",
		"maintain maintains maintained maintained maintaining",
		"estimate estimates estimated estimated estimating",
		"predict predicts predicted predicted predicting",
		"promise promises promised promised promising",
		"reveal reveals revealed revealed revealing",
		"describe describes described described describing",
		"accuse accuses accused accused accusing",
		"criticize criticizes criticized criticized criticizing",
		"complain complains complained complained complaining",
		"concede concedes conceded conceded conceding",
		"conclude concludes concluded concluded concluding",
		"contend contends contended contended contending",
		"recall recalls recalled recalled recalling",
		"reply replies replied replied replying",
		"respond responds responded responded responding",
		"remark remarks remarked remarked remarking",
		"comment comments commented commented commenting",
		"mention mentions mentioned mentioned mentioning",
		"observe observes observed observed observing",
		"allege alleges alleged alleged alleging", "agree agrees agreed agreed agreeing",
		"answer answers answered answered answering", "ask asks asked asked asking",
		"advise advises advised advised advising",
		"emphasize emphasizes emphasized emphasized emphasizing",
		"write writes wrote written writing",
		"testify testifies testified testified testifying", "vow vows vowed vowed vowing",
		"swear swears swore sworn swearing",
		"caution cautions cautioned cautioned cautioning",
		"charge charges charged charged charging",
		"disclose discloses disclosed disclosed disclosing",
		"reiterate reiterates reiterated reiterated reiterating",
		"proclaim proclaims proclaimed proclaimed proclaiming",
		"tweet tweets tweeted tweeted tweeting", "post posts posted posted posting"
	};
	int			checked = 0;

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
	{
		char		form[5][24];
		const char *p = verbs[i];

		for (int k = 0; k < 5; k++)
		{
			int			n = 0;

			sscanf(p, "%23s%n", form[k], &n);
			p += n;
		}
		for (int k = 0; k < 5; k++)
		{
			const char *lemma = NULL;
			NnCueForm	f = nn_cue_lookup(form[k], strlen(form[k]), &lemma);

			CHECK(f == (k == 0 ? NN_CUE_BARE : NN_CUE_INFLECTED) && lemma &&
				  strcmp(lemma, form[0]) == 0, "cue %s -> %s", form[k], form[0]);
		}
		checked++;
	}
	CHECK(checked == 57, "%d lemmas checked", checked);
}

/* "…," said X and "…," X said, with titles, curly and straight marks. */
static void
test_said(void)
{
	expect_has("said X", "“We will rebuild the bridge by spring,” said Gov. Ada Quist.",
			   "direct|We will rebuild the bridge by spring|Ada Quist|PER|say; ");
	expect_has("X said", "\"The budget is balanced,\" Tobias Harris said on Monday.",
			   "direct|The budget is balanced|Tobias Harris|PER|say; ");
	expect_has("says X", "“Prices will fall,” says Marta Lindqvist, an economist.",
			   "direct|Prices will fall|Marta Lindqvist|PER|say; ");
	expect_has("told", "“We were not consulted,” Oren Feld told the newspaper.",
			   "direct|We were not consulted|Oren Feld|PER|tell; ");
}

/* An appositive between the speaker and the verb. */
static void
test_appositive(void)
{
	expect_has("appositive",
			   "“The data are clear,” Helena Broch, director of studies at a university, said.",
			   "direct|The data are clear|Helena Broch|PER|say; ");
}

/* "…," X wrote in a column; X added that …; "…" — X. */
static void
test_wrote_added_dash(void)
{
	expect_has("wrote", "“Voters deserve better,” Paul Ostrander wrote in a column.",
			   "direct|Voters deserve better|Paul Ostrander|PER|write; ");
	expect_has("added that",
			   "Paul Ostrander added that the council would vote again next week.",
			   "indirect|the council would vote again next week|Paul Ostrander|PER|add; ");
	expect_has("dash", "“Nobody reads the fine print.” — Irene Castellanos",
			   "|Nobody reads the fine print.|Irene Castellanos|PER|—; ");
}

/* X: "…", argues X: with the quote in the next paragraph. */
static void
test_colon(void)
{
	expect_has("X: quote", "Senator Lisa Moreau: “This bill is dead on arrival.”",
			   "direct|This bill is dead on arrival.|Lisa Moreau|PER|:; ");
	expect_has("argues X:",
			   "The plan has critics. As argues Dmitri Balan:\n“It rewards the wrong people.”",
			   "direct|It rewards the wrong people.|Dmitri Balan|PER|argue; ");
}

/* as X put it to me, "…"; "told me" keeps the source, never "me". */
static void
test_put_it_and_told_me(void)
{
	expect_has("put it",
			   "As Ruth Okafor put it to me, “The river decides, not us.”",
			   "direct|The river decides, not us.|Ruth Okafor|PER|put; ");
	expect_has("told me", "“I never saw the memo,” Jonas Wirth told me.",
			   "direct|I never saw the memo|Jonas Wirth|PER|tell; ");
	expect_lacks("not me", "“I never saw the memo,” Jonas Wirth told me.", "|me|");
}

/* A pronoun takes the last person named outside quotes. */
static void
test_pronoun(void)
{
	expect_has("he said",
			   "Mayor Victor Almeida toured the site. “It is a disgrace,” he said.",
			   "direct|It is a disgrace|Victor Almeida|PER|say; ");
}

/* Described unnamed sources are labelled DESC. */
static void
test_described(void)
{
	expect_has("desc after",
			   "“The program was never approved,” said a former senior intelligence official.",
			   "|a former senior intelligence official|DESC|say; ");
	expect_has("officials",
			   "The shipment was delayed by a week, officials said.",
			   "indirect|The shipment was delayed by a week|officials|DESC|say; ");
}

/* According to X, both before and after the clause. */
static void
test_according(void)
{
	expect_has("according after",
			   "The factory will close in March, according to Nadia Petrova.",
			   "indirect|The factory will close in March|Nadia Petrova|PER|according to; ");
	expect_has("according before",
			   "According to Nadia Petrova, the factory will close in March.",
			   "indirect|the factory will close in March|Nadia Petrova|PER|according to; ");
}

/* Partial quotes inside the writer's sentence. */
static void
test_partial(void)
{
	expect_has("partial",
			   "Clara Jensen said the merger was “a historic mistake” for the town.",
			   "partial|a historic mistake|Clara Jensen|PER|say; ");
}

/* Scare quotes and titles without a cue give no row. */
static void
test_scare_quotes(void)
{
	expect_rows("scare", "The so-called “peace plan” was published on Tuesday.", 0);
	expect_rows("title", "The band played “Autumn Leaves” twice at the festival.", 0);
}

/* Nested single quotes stay inside the outer quote. */
static void
test_nested(void)
{
	expect_has("nested",
			   "“They called it ‘a rescue,’ but it was a sale,” said Amos Keller.",
			   "direct|They called it ‘a rescue,’ but it was a sale|Amos Keller|PER|say; ");
}

/* Guillemets, low-high marks, CJK corner brackets. */
static void
test_other_marks(void)
{
	expect_has("guillemets", "« Nous sommes prêts », said Claire Dubois.",
			   "Nous sommes prêts|Claire Dubois|PER|say; ");
	expect_has("low-high", "„Wir sind bereit“, said Karl Weber.",
			   "Wir sind bereit|Karl Weber|PER|say; ");
	expect_has("corner", "「We are ready,」 said Kenji Sato.",
			   "We are ready|Kenji Sato|PER|say; ");
}

/* Apostrophes never open quotes; an unmatched mark does not derail the rest. */
static void
test_robust_marks(void)
{
	expect_has("apostrophes",
			   "The ’90s were O’Brien’s decade. “Rock ’n’ roll saved us,” said Lena Ortiz.",
			   "direct|Rock ’n’ roll saved us|Lena Ortiz|PER|say; ");
	expect_has("unmatched open",
			   "He wrote “the end of an era. “We will rebuild,” said Lena Ortiz.",
			   "direct|We will rebuild|Lena Ortiz|PER|say; ");
	expect_has("unmatched close",
			   "The vote ended” early. “We lost,” said Lena Ortiz.",
			   "direct|We lost|Lena Ortiz|PER|say; ");
}

/* A multi-paragraph quote gives one row per paragraph with one speaker. */
static void
test_multi_paragraph(void)
{
	const char *text =
		"Marcus Bell said:\n"
		"“The first year was hard. We lost half the staff.\n"
		"“The second year was worse.\n"
		"“Now we are growing again.”\n";

	expect_rows("three rows", text, 3);
	expect_has("first", text, "direct|The first year was hard. We lost half the staff.|Marcus Bell|PER|say; ");
	expect_has("middle", text, "direct|The second year was worse.|Marcus Bell|PER|say; ");
	expect_has("last", text, "direct|Now we are growing again.|Marcus Bell|PER|say; ");
}

/* A quote paragraph without attribution continues the previous speaker. */
static void
test_continuation(void)
{
	const char *text =
		"“We need more teachers,” said Ines Carvalho, the principal.\n"
		"“Classes of forty children cannot work.”\n";

	expect_has("continues", text,
			   "direct|Classes of forty children cannot work.|Ines Carvalho|PER|say; ");
}

/* Organisations speak too, and "tweeted" is a cue. */
static void
test_org_and_tweet(void)
{
	expect_has("tweeted",
			   "Greenpeace tweeted that the spill was far larger than reported.",
			   "indirect|the spill was far larger than reported|Greenpeace|");
}

/* Empty input and text without quotes give no rows. */
static void
test_empty(void)
{
	expect_rows("empty", "", 0);
	expect_rows("no quotes", "The river rose two metres overnight.", 0);
}

/* Cues added for news copy: "called", particle verbs, participles. */
static void
test_more_cues(void)
{
	expect_has("called", "Nora Quint called the new bridge a waste of public money.",
			   "indirect|the new bridge a waste of public money|Nora Quint|PER|call; ");
	expect_lacks("called for", "Nora Quint called for a new vote on the bridge.", "|call; ");
	expect_has("pointed out", "Tomas Ferro pointed out that the ferry was always late.",
			   "indirect|the ferry was always late|Tomas Ferro|PER|point; ");
	expect_has("made clear", "Tomas Ferro made clear that no fares would rise.",
			   "indirect|no fares would rise|Tomas Ferro|PER|make; ");
	expect_has("saying", "Tomas Ferro left early, saying the meeting had run too long.",
			   "indirect|the meeting had run too long|Tomas Ferro|PER|say; ");
	expect_has("bare say", "Engineers say the tunnel will open in May.",
			   "indirect|the tunnel will open in May|Engineers|DESC|say; ");
}

/* Indirect attribution around settings, relatives and places. */
static void
test_indirect_patterns(void)
{
	expect_has("setting", "In an interview, Nora Quint said the harbour needed dredging.",
			   "indirect|the harbour needed dredging|Nora Quint|PER|say; ");
	expect_has("who said", "The board hired Tomas Ferro, who said the depot would move.",
			   "indirect|the depot would move|Tomas Ferro|PER|say; ");
	expect_has("from a place", "The senator from Ohio said the canal was \"a disgrace.\"",
			   "indirect|the canal was \"a disgrace|The senator from Ohio|DESC|say; ");
	expect_has("partial inside", "The senator from Ohio said the canal was \"a disgrace.\"",
			   "partial|a disgrace.|The senator from Ohio|DESC|say; ");
}

/* He and she go to the last person of that gender. */
static void
test_pronoun_gender(void)
{
	const char *text = "Mary Holt met John Pike on Monday. \"We agreed on the plan,\" she said.";

	expect_has("she", text, "direct|We agreed on the plan|Mary Holt|PER|say; ");
}

/* Text longer than a chunk keeps speakers and quotes across the breaks. */
static void
test_chunks(void)
{
	const char *para = "The water board met again on Tuesday to discuss the pipes.\n";
	size_t		n = strlen(para);
	size_t		reps = 3000;
	const char *tail = "Anna Lind spoke after the vote.\n\"The pipes will be replaced,\" she said.\n";
	char	   *text = malloc(n * reps + strlen(tail) + 1);
	char		got[8192];

	for (size_t i = 0; i < reps; i++)
		memcpy(text + i * n, para, n);
	strcpy(text + n * reps, tail);
	describe(text, got, sizeof(got));
	CHECK(strstr(got, "direct|The pipes will be replaced|Anna Lind|PER|say; ") != NULL,
		  "quote after %zu paragraphs: \"%s\"", reps, got);
	free(text);
}

/*
 * A surname in a later chunk takes the full name an earlier chunk gave:
 * the name appears once, then more than a chunk of other text, then the
 * quote with the surname alone.
 */
static void
test_names_across_chunks(void)
{
	const char *head = "Tobias Harris opened the hearing on the harbour.\n";
	const char *para = "The water board met again on Tuesday to discuss the pipes.\n";
	const char *tail = "\xE2\x80\x9CThe pipes will be replaced,\xE2\x80\x9D Harris said.\n";
	size_t		n = strlen(para);
	size_t		reps = 2 * NN_ENTITY_CHUNK / 10;
	char	   *text = malloc(strlen(head) + n * reps + strlen(tail) + 1);
	char		got[8192];
	size_t		used = strlen(head);

	memcpy(text, head, used);
	for (size_t i = 0; i < reps; i++, used += n)
		memcpy(text + used, para, n);
	strcpy(text + used, tail);
	describe(text, got, sizeof(got));
	CHECK(strstr(got, "direct|The pipes will be replaced|Tobias Harris|PER|say; ") != NULL,
		  "surname %zu paragraphs after the full name: \"%s\"", reps, got);
	free(text);
}

/* CPU seconds to extract the quotes of reps copies of unit. */
static double
seconds_for(const char *unit, size_t reps)
{
	size_t		len;
	char	   *text = repeat(unit, reps, &len);
	NnQuoteList list;
	double		t0 = cpu_seconds();

	if (nn_quotes_extract(&tagger, text, len, &list) == NN_OK)
		nn_quotes_free(&list);
	free(text);
	return cpu_seconds() - t0;
}

/* Work stays linear in pathological input: four times the text, not 16. */
static void
test_linear(void)
{
	static const char *const units[] = {
		"\"", "\" \xE2\x80\x9C \xE2\x80\x98 \xC2\xAB '", "\xE2\x80\x9CThey said \xE2\x80\x98we ",
		"\xE2\x80\x94\n", "He is 5'10\" tall and 6'2\" in boots. "
	};

	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
	{
		size_t		reps = 60000 / strlen(units[u]);
		double		small = seconds_for(units[u], reps);
		double		large = seconds_for(units[u], 4 * reps);

		CHECK(large < 8 * small + 0.1, "input %zu: four times the text takes %.3f s against %.3f s",
			  u, large, small);
	}
}

/* A 5 MB document of only quote marks finishes. */
static void
test_quote_marks_only(void)
{
	size_t		len;
	char	   *text = repeat("\"", 5 * 1024 * 1024, &len);
	NnQuoteList list;
	NnStatus	st = nn_quotes_extract(&tagger, text, len, &list);

	CHECK(st == NN_OK, "5 MB of quote marks: status %d", (int) st);
	if (st == NN_OK)
		nn_quotes_free(&list);
	free(text);
}

/* Spaces inside the marks belong to no quote, NBSP and thin spaces too. */
static void
test_trim_spaces(void)
{
	expect_has("space in guillemets",
			   "\xC2\xAB Nous sommes pr\xC3\xAAts \xC2\xBB, said \xC3\x89milie Durand.",
			   "|Nous sommes pr\xC3\xAAts|");
	expect_has("no-break spaces",
			   "\xC2\xAB\xE2\x80\xAFNous partons demain\xC2\xA0\xC2\xBB, said Paul Girard.",
			   "|Nous partons demain|");
	expect_has("thin space",
			   "\xE2\x80\x9C\xE2\x80\x89We will wait,\xE2\x80\x89\xE2\x80\x9D said Mara Lind.",
			   "|We will wait|");
}

/* One cue attributes every partial quote of its sentence. */
static void
test_several_partials(void)
{
	const char *text = "Jeff Kingston called the plan \xE2\x80\x9Cnaive\xE2\x80\x9D and "
		"\xE2\x80\x9C" "dangerous.\xE2\x80\x9D";

	expect_has("first partial", text, "partial|naive|Jeff Kingston|PER|call;");
	expect_has("second partial", text, "partial|dangerous.|Jeff Kingston|PER|call;");
	expect_has("three partials",
			   "Senator Ruth Abel described the bill as \"cruel,\" \"costly\" and \"late.\"",
			   "partial|late.|Ruth Abel|PER|describe;");
}

/* A described speaker is a noun phrase, never a function word. */
static void
test_desc_noun_phrase(void)
{
	const char *text = "Trump\xE2\x80\x99s aides, who came of age in the \xE2\x80\x99" "90s, "
		"don\xE2\x80\x99t comment, said Ines Marr.";

	expect_lacks("contraction speaker", text, "|don\xE2\x80\x99t|");
	expect_lacks("contraction with cue", text, "|comment;");
	expect_lacks("auxiliary speaker",
				 "The rules, as written, would not say much, said Omar Vell.", "|would|DESC|");
}

/* A quoted whole clause is direct, a few quoted words partial. */
static void
test_whole_clause_direct(void)
{
	expect_has("clause after put it",
			   "As Jeff Kingston put it to me, \xE2\x80\x9Cnobody in Tokyo wants this fight.\xE2\x80\x9D",
			   "direct|nobody in Tokyo wants this fight.|");
	expect_has("short quote stays partial",
			   "Jeff Kingston called the plan \xE2\x80\x9Cvery naive.\xE2\x80\x9D",
			   "partial|very naive.|");
}

/* A possessive pronoun source resolves like he or she. */
static void
test_possessive_source(void)
{
	const char *text = "Maria Ostrova spoke for an hour at the summit.\n\n"
		"Her remarks, on the record, ran longer than planned:\n\n"
		"\xE2\x80\x9CWe have waited long enough for this agreement.\xE2\x80\x9D";

	expect_lacks("no bare possessive", text, "|Her|");
	expect_has("possessive resolved", text, "|Maria Ostrova|PER|");
}

/*
 * A quote left open that is followed by a paragraph opening a quote of its
 * own, with its own attribution, is not one multi-paragraph quote: the
 * second keeps its speaker.
 */
static void
test_own_attribution_beats_continuation(void)
{
	const char *text = "Ines Marr said \xE2\x80\x9Cthis never closes.\n"
		"\xE2\x80\x9CWe will be back,\xE2\x80\x9D said Tobias Harris.";

	expect_has("second quote keeps its own speaker", text,
			   "|We will be back|Tobias Harris|PER|say; ");
	expect_lacks("second quote is not the open quote's", text, "|We will be back|Ines Marr|");
}

/* Check that the row whose quote starts with quote_head has a speaker span of want. */
static void
expect_speaker_span(const char *what, const char *text, const char *quote_head,
					const char *want)
{
	NnQuoteList list;
	bool		found = false;

	if (nn_quotes_extract(&tagger, text, strlen(text), &list) != NN_OK)
	{
		CHECK(false, "%s: extraction failed", what);
		return;
	}
	for (int i = 0; i < list.n; i++)
	{
		const NnQuote *q = &list.items[i];

		if (strncmp(text + q->start, quote_head, strlen(quote_head)) != 0)
			continue;
		found = true;
		CHECK(q->spk_end - q->spk_start == strlen(want) &&
			  strncmp(text + q->spk_start, want, strlen(want)) == 0,
			  "%s: speaker span \"%.*s\", want \"%s\"", what,
			  (int) (q->spk_end - q->spk_start), text + q->spk_start, want);
	}
	CHECK(found, "%s: a row starts \"%s\"", what, quote_head);
	nn_quotes_free(&list);
}

/*
 * "X, who said": the speaker span is the relative "who" and the name is X,
 * also past adverbs ("who frequently argues") and after a described X.
 */
static void
test_relative_who(void)
{
	const char *named = "The plan was welcomed by Teresa Okafor, who said that "
		"the harbour would reopen next spring.";
	const char *adverb = "The council invited Bruno Castellan, who frequently argues that "
		"the old bridge should be torn down.";
	const char *described = "The quotas were opposed by several dairy farmers, who said that "
		"the new quotas would ruin them.";

	expect_has("who after a name", named, "|Teresa Okafor|PER|say; ");
	expect_speaker_span("who span after a name", named, "the harbour", "who");
	expect_has("who after an adverb", adverb, "|Bruno Castellan|PER|");
	expect_speaker_span("who span after an adverb", adverb, "the old bridge", "who");
	expect_has("who after a description", described, "|several dairy farmers|DESC|say; ");
	expect_speaker_span("who span after a description", described, "the new quotas", "who");
}

/* A described speaker is its head noun phrase, without "familiar with ...". */
static void
test_described_head(void)
{
	expect_has("description before the verb",
			   "A former senior intelligence official familiar with the talks said "
			   "the plan had been shelved.",
			   "|A former senior intelligence official|DESC|say; ");
	expect_has("description after the verb",
			   "\xE2\x80\x9CThe plan is dead,\xE2\x80\x9D said a former senior intelligence "
			   "official familiar with the talks.",
			   "|a former senior intelligence official|DESC|say; ");
	expect_has("close to",
			   "An aide close to the governor said the budget would be late.",
			   "|An aide|DESC|say; ");
}

/* "X, a former adviser to Y, said": X speaks, also with an adverb before the verb. */
static void
test_appositive_names_other(void)
{
	expect_has("appositive naming another person",
			   "\xE2\x80\x9CThe plan is dead,\xE2\x80\x9D Tobias Harris, a former adviser "
			   "to Mara Lindqvist, said.",
			   "|The plan is dead|Tobias Harris|PER|say; ");
	expect_has("adverb after the appositive",
			   "Tobias Harris, a former adviser to Mara Lindqvist, forcefully argued that "
			   "the plan was dead.",
			   "|Tobias Harris|PER|argue; ");
	expect_has("long appositive",
			   "\xE2\x80\x9CWe will not sell the port,\xE2\x80\x9D Ana Ruiz, the chief executive "
			   "of a shipping firm that moves a third of the cargo of the harbour and "
			   "owns two of its cranes, told the newspaper.",
			   "|We will not sell the port|Ana Ruiz|PER|tell; ");
}

/* Words between a relative "who" and its verb. */
static void
test_who_gap(void)
{
	const char *text = "The plan was criticised by Ines Marr, who for years as mayor has "
		"argued that the bridge should close.";

	expect_has("who ... has argued", text, "|the bridge should close|Ines Marr|PER|argue; ");
	expect_lacks("not the words between", text, "|mayor|");
}

/* "told me": the source speaks, never the writer's "me". */
static void
test_told_me(void)
{
	expect_has("quote, X told me",
			   "\xE2\x80\x9CNobody wants this fight,\xE2\x80\x9D Jeff Kingston told me.",
			   "|Nobody wants this fight|Jeff Kingston|PER|tell; ");
	expect_has("X told me CLAUSE",
			   "Jeff Kingston told me the coalition would not survive the winter.",
			   "indirect|the coalition would not survive the winter|Jeff Kingston|PER|tell; ");
	expect_has("told me after an appositive with a comma",
			   "Ana Ruiz, who runs a shipping firm -- one that, by her count, moves a third "
			   "of the cargo -- told me, \xE2\x80\x9CWe cannot wait for the port.\xE2\x80\x9D",
			   "|Ana Ruiz|PER|tell; ");
	expect_lacks("never me",
				 "Ana Ruiz, who runs a shipping firm -- one that, by her count, moves a third "
				 "of the cargo -- told me, \xE2\x80\x9CWe cannot wait for the port.\xE2\x80\x9D",
				 "|me|");
}

/* "described X at length" narrates; "described X as Y" reports. */
static void
test_described_at_length(void)
{
	expect_rows("at length", "The general described the exercise at length on Monday.", 0);
	expect_rows("in detail", "Ines Marr described the new harbour in detail.", 0);
	expect_has("described as",
			   "The minister described the exercise as a success.",
			   "indirect|the exercise as a success|");
}

/* Plural nouns that are also reporting verbs ("the states", "in emails") report nothing. */
static void
test_plural_nouns(void)
{
	expect_rows("the states", "Voters in the states Ines Marr won were younger than expected.", 0);
	expect_rows("in emails", "In emails released on Friday the aides discussed the budget.", 0);
	expect_rows("swing states", "Ines Marr won most swing states by a wide margin last year.", 0);
	expect_rows("a swing state", "Ohio is a swing state Ines Marr must win in November.", 0);
	expect_has("states that still reports",
			   "The memo states that the harbour will reopen in June.",
			   "indirect|the harbour will reopen in June|The memo|DESC|state; ");
	expect_has("posts: still reports",
			   "Mara Lindqvist posts: \xE2\x80\x9CThe harbour reopens in June.\xE2\x80\x9D",
			   "|Mara Lindqvist|PER|post; ");
	expect_has("her remarks still attribute",
			   "Maria Ostrova spoke for an hour.\n\nHer remarks ran longer than planned:\n\n"
			   "\xE2\x80\x9CWe have waited long enough for this agreement.\xE2\x80\x9D",
			   "|Maria Ostrova|PER|remark; ");
}

/* A place or group modifying a described speaker does not speak ("U.S. officials"). */
static void
test_modifier_mentions(void)
{
	expect_has("place before the head", "U.S. officials said the talks would resume on Friday.",
			   "|U.S. officials|DESC|say; ");
	expect_has("a country alone speaks", "Russia said the talks would resume on Friday.",
			   "|Russia|LOC|say; ");
	expect_has("now before the verb", "Mara Lindqvist now says the talks will resume.",
			   "|Mara Lindqvist|PER|say; ");
}

/* A capitalised lemma inside a name is no verb ("told The Huffington Post."). */
static void
test_name_words(void)
{
	const char *text = "\xE2\x80\x9CWe lost the vote,\xE2\x80\x9D Ines Marr told The Daily Post. "
		"\xE2\x80\x9CWe will be back next year.\xE2\x80\x9D";

	expect_has("quote after a paper's name", text,
			   "|We will be back next year.|Ines Marr|PER|");
	expect_lacks("the paper is no speaker", text, "|The Daily|");
	expect_has("title-case headline keeps its verb",
			   "Mara Lindqvist Says The Harbour Will Reopen In June",
			   "|Mara Lindqvist|PER|say; ");
}

/* A party and state in parentheses between speaker and verb; a horizontal bar as dash. */
static void
test_parenthesis_and_bar(void)
{
	expect_has("parenthesis before said",
			   "\xE2\x80\x9CThe bill is a gift to the banks,\xE2\x80\x9D Rep. Gwen Moore (D-Wis.) said.",
			   "direct|The bill is a gift to the banks|Gwen Moore|PER|say; ");
	expect_has("parenthesis before argued",
			   "Sen. Ruth Abel (R-Ohio) argued that the bill would fail.",
			   "indirect|the bill would fail|Ruth Abel|PER|argue; ");
	expect_has("horizontal bar",
			   "\xE2\x80\x9CWe will not move the port.\xE2\x80\x9D \xE2\x80\x95 Pamela Ruiz",
			   "direct|We will not move the port.|Pamela Ruiz|PER|");
}

/* A person's name right before a colon speaks the quote after it, wherever its sentence starts. */
static void
test_name_colon(void)
{
	expect_has("name ends the clause before the colon",
			   "The timing does not surprise the pollster Daron Shaw: \xE2\x80\x9CLesser-known "
			   "candidates gain the most from early wins.\xE2\x80\x9D",
			   "|Daron Shaw|PER|:; ");
}

/* A participle after a comma ("..., adding: “…”") takes the sentence's subject. */
static void
test_participle_quote(void)
{
	expect_has("adding: quote",
			   "Ines Marr spoke for an hour on the harbour plan, adding: "
			   "\xE2\x80\x9CWe will not wait for Brussels.\xE2\x80\x9D",
			   "|We will not wait for Brussels.|Ines Marr|PER|add; ");
}

/* Run every test with the embedded model. */
int
main(void)
{
	if (!open_embedded_tagger(&model, &tagger))
		return unit_done();
	test_cues();
	test_cue_inflections();
	test_said();
	test_appositive();
	test_wrote_added_dash();
	test_colon();
	test_put_it_and_told_me();
	test_pronoun();
	test_described();
	test_according();
	test_partial();
	test_scare_quotes();
	test_nested();
	test_other_marks();
	test_robust_marks();
	test_multi_paragraph();
	test_continuation();
	test_org_and_tweet();
	test_empty();
	test_more_cues();
	test_indirect_patterns();
	test_pronoun_gender();
	test_chunks();
	test_names_across_chunks();
	test_linear();
	test_quote_marks_only();
	test_trim_spaces();
	test_several_partials();
	test_desc_noun_phrase();
	test_whole_clause_direct();
	test_possessive_source();
	test_own_attribution_beats_continuation();
	test_relative_who();
	test_described_head();
	test_appositive_names_other();
	test_who_gap();
	test_told_me();
	test_described_at_length();
	test_plural_nouns();
	test_modifier_mentions();
	test_name_words();
	test_parenthesis_and_bar();
	test_name_colon();
	test_participle_quote();
	ner_tagger_free(&tagger);
	nn_icu_release();
	return unit_done();
}
