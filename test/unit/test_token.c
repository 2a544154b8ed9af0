/*
 * test_token.c
 *	  Unit tests of the tokenizer: every rule of token.h on news-style
 *	  sentences written for these tests, then hostile input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charclass.h"
#include "icu_cache.h"
#include "sentence.h"
#include "token.h"
#include "fixtures.h"
#include "unit.h"
#include "utf8.h"

/* Short names of the token kinds, in NnTokenKind order. */
static const char *const kind_names[] = {
	"W", "N", "A", "C", "P", "QO", "QC", "S", "U", "E", "H", "T"
};

/*
 * Tokenize text and write "text|KIND" for each token, space-separated, into
 * buf; a token in a later sentence than the one before it is preceded by
 * "/ ". Return the number of tokens.
 */
static int
render(const char *text, char *buf, size_t size)
{
	NnTokenizer tk;
	NnToken		t;
	size_t		used = 0;
	int			n = 0;
	int32_t		sentence = 1;

	buf[0] = '\0';
	if (nn_tokens_begin(&tk, text, strlen(text)) != NN_OK)
		return -1;
	while (nn_tokens_next(&tk, &t))
	{
		used += snprintf(buf + used, size - used, "%s%s%.*s|%s",
						 n ? " " : "", t.sentence != sentence ? "/ " : "",
						 (int) (t.end - t.start), text + t.start, kind_names[t.kind]);
		if (used >= size)
			used = size - 1;
		sentence = t.sentence;
		n++;
	}
	return n;
}

/* Check that text gives exactly the tokens of want, as render() writes them. */
static void
expect_tokens(const char *what, const char *text, const char *want)
{
	char		got[8192];

	render(text, got, sizeof(got));
	check_same(what, got, want);
}

/* Words, sentence-final periods and commas. */
static void
test_basic(void)
{
	expect_tokens("words and punctuation are separate tokens",
				  "The council approved the budget, then adjourned.",
				  "The|W council|W approved|W the|W budget|W ,|P then|W adjourned|W .|P");
	expect_tokens("brackets, colons and semicolons stand alone",
				  "Turnout (low) fell; officials: stunned",
				  "Turnout|W (|P low|W )|P fell|W ;|P officials|W :|P stunned|W");
	expect_tokens("empty text has no tokens", "", "");
	expect_tokens("blank text has no tokens", " \t\n\r\n ", "");
}

/* Every kind of white space separates and is never part of a token. */
static void
test_spaces(void)
{
	expect_tokens("NBSP, em space, ideographic space and tab separate",
				  "Mayor\xc2\xa0Okafor\xe2\x80\x83won\xe3\x80\x80" "again\there",
				  "Mayor|W Okafor|W won|W again|W here|W");
	expect_tokens("narrow NBSP before a percent sign separates",
				  "up 12\xe2\x80\xaf%",
				  "up|W 12|N %|S");
}

/* Format characters stay inside words and are skipped at a token start. */
static void
test_format(void)
{
	expect_tokens("ZWNJ inside a Persian word stays in it",
				  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85 now",
				  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85|W now|W");
	expect_tokens("a soft hyphen inside a word stays in it",
				  "inter\xc2\xad" "national law",
				  "inter\xc2\xad" "national|W law|W");
	expect_tokens("bidi marks before and after a word are left out",
				  "\xe2\x80\x8f" "Gaza\xe2\x80\x8e talks",
				  "Gaza|W talks|W");
	expect_tokens("a ZWJ alone between words is skipped",
				  "peace \xe2\x80\x8d deal",
				  "peace|W deal|W");
}

/* Combining marks stay with their base letter. */
static void
test_marks(void)
{
	expect_tokens("a decomposed accent stays in the word",
				  "Jose\xcc\x81 Marti\xcc\x81 spoke",
				  "Jose\xcc\x81|W Marti\xcc\x81|W spoke|W");
	expect_tokens("Devanagari vowel signs stay in the word",
				  "\xe0\xa4\xad\xe0\xa4\xbe\xe0\xa4\xb0\xe0\xa4\xa4 won",
				  "\xe0\xa4\xad\xe0\xa4\xbe\xe0\xa4\xb0\xe0\xa4\xa4|W won|W");
}

/* Internal hyphens join compound words; dash runs are punctuation. */
static void
test_hyphens(void)
{
	expect_tokens("hyphenated compounds stay whole",
				  "A well-known Kyiv-based aide to Jean-Claude Moreau tracked COVID-19 cases.",
				  "A|W well-known|W Kyiv-based|W aide|W to|W Jean-Claude|W Moreau|W "
				  "tracked|W COVID-19|W cases|W .|P");
	expect_tokens("double hyphens are one dash token",
				  "The vote--finally--passed",
				  "The|W vote|W --|P finally|W --|P passed|W");
	expect_tokens("a hanging hyphen is its own token",
				  "pre- and post-war",
				  "pre|W -|P and|W post-war|W");
	expect_tokens("a Unicode hyphen joins like the ASCII one",
				  "self\xe2\x80\x90" "funded",
				  "self\xe2\x80\x90" "funded|W");
}

/* Apostrophes inside names stay; possessives split off as clitics. */
static void
test_possessives(void)
{
	expect_tokens("apostrophes inside names stay",
				  "O'Brien met D\xe2\x80\x99" "Amato.",
				  "O'Brien|W met|W D\xe2\x80\x99" "Amato|W .|P");
	expect_tokens("possessive 's and \xe2\x80\x99s split off",
				  "Sato\xe2\x80\x99s aide read Harris's memo.",
				  "Sato|W \xe2\x80\x99s|C aide|W read|W Harris|W 's|C memo|W .|P");
	expect_tokens("plural possessive after s is a clitic apostrophe",
				  "The Harris' campaign and the voters\xe2\x80\x99 mood",
				  "The|W Harris|W '|C campaign|W and|W the|W voters|W \xe2\x80\x99|C mood|W");
	expect_tokens("possessive after an abbreviation",
				  "the U.S.\xe2\x80\x99s allies",
				  "the|W U.S.|A \xe2\x80\x99s|C allies|W");
	expect_tokens("possessive after a number and an upper-case word",
				  "COVID-19's toll and NATO'S reply",
				  "COVID-19|W 's|C toll|W and|W NATO|W 'S|C reply|W");
}

/* Contractions split the Penn Treebank way. */
static void
test_contractions(void)
{
	expect_tokens("n't splits off with its n",
				  "They don't know, won\xe2\x80\x99t say and can't wait.",
				  "They|W do|W n't|C know|W ,|P wo|W n\xe2\x80\x99t|C say|W and|W "
				  "ca|W n't|C wait|W .|P");
	expect_tokens("'re 've 'll 'd 'm split off",
				  "they're sure we've won, she'll stay, I'd go, I'm here",
				  "they|W 're|C sure|W we|W 've|C won|W ,|P she|W 'll|C stay|W ,|P "
				  "I|W 'd|C go|W ,|P I|W 'm|C here|W");
	expect_tokens("upper-case contraction",
				  "DON'T PANIC",
				  "DO|W N'T|C PANIC|W");
}

/* Abbreviations and initials keep their period; other words do not. */
static void
test_abbreviations(void)
{
	expect_tokens("dotted acronyms keep the final period",
				  "The U.S., U.K. and U.N. backed J.D. Ortiz, a Ph.D. holder.",
				  "The|W U.S.|A ,|P U.K.|A and|W U.N.|A backed|W J.D.|A Ortiz|W ,|P "
				  "a|W Ph.D.|A holder|W .|P");
	expect_tokens("lower-case dotted abbreviations",
				  "Polls open at 7 a.m., e.g. in Ohio",
				  "Polls|W open|W at|W 7|N a.m.|A ,|P e.g.|A in|W Ohio|W");
	expect_tokens("a capital initial keeps its period",
				  "James N. Mattis spoke",
				  "James|W N.|A Mattis|W spoke|W");
	expect_tokens("titles, months and company suffixes from the table",
				  "Gen. Ruiz and Dr. Sato met on Jan. 9 at Acme Inc. offices.",
				  "Gen.|A Ruiz|W and|W Dr.|A Sato|W met|W on|W Jan.|A 9|N at|W Acme|W "
				  "Inc.|A offices|W .|P");
	expect_tokens("No. keeps its period before a number only",
				  "He ranked No. 3 and said no.",
				  "He|W ranked|W No.|A 3|N and|W said|W no|W .|P");
	expect_tokens("an ordinary word before a period",
				  "Prices rose. Wages did not.",
				  "Prices|W rose|W .|P / Wages|W did|W not|W .|P");
	expect_tokens("a capital ending the sentence is not an initial",
				  "They chose Plan B.",
				  "They|W chose|W Plan|W B|W .|P");
	expect_tokens("a domain-like word keeps its inner period only",
				  "She joined Amazon.com.",
				  "She|W joined|W Amazon.com|W .|P");
}

/* Numbers keep separators, decimals and suffixes; symbols split off. */
static void
test_numbers(void)
{
	expect_tokens("separators and decimals stay in the number",
				  "About 28,500 people paid 2.5 or 1,000,000.25 at 10:30 on 2024-05-01",
				  "About|W 28,500|N people|W paid|W 2.5|N or|W 1,000,000.25|N at|W "
				  "10:30|N on|W 2024-05-01|N");
	expect_tokens("ordinals and decades are numbers",
				  "the 21st vote since the 1990s and the 3rd in 2nd place",
				  "the|W 21st|N vote|W since|W the|W 1990s|N and|W the|W 3rd|N in|W "
				  "2nd|N place|W");
	expect_tokens("elided decades keep their apostrophe",
				  "in the \xe2\x80\x99" "90s and the '80s, class of '08",
				  "in|W the|W \xe2\x80\x99" "90s|N and|W the|W '80s|N ,|P class|W of|W '08|N");
	expect_tokens("currency and percent signs are symbols",
				  "$28.5 and \xe2\x82\xac" "3 or \xc2\xa3" "4 and \xc2\xa5" "5, up 2.5%",
				  "$|S 28.5|N and|W \xe2\x82\xac|S 3|N or|W \xc2\xa3|S 4|N and|W "
				  "\xc2\xa5|S 5|N ,|P up|W 2.5|N %|S");
	expect_tokens("US$ is a word and a symbol",
				  "US$40 million",
				  "US|W $|S 40|N million|W");
	expect_tokens("letters mixed with digits make a word",
				  "5G masts and 21st-century rules",
				  "5G|W masts|W and|W 21st-century|W rules|W");
	expect_tokens("decimals without an integer part",
				  "a .22 rifle cost $.75 or (.5)",
				  "a|W .22|N rifle|W cost|W $|S .75|N or|W (|P .5|N )|P");
	expect_tokens("an elided decade after a hyphen",
				  "the mid-\xe2\x80\x99" "90s",
				  "the|W mid|W -|P \xe2\x80\x99" "90s|N");
	expect_tokens("a number before a sentence-final period",
				  "It cost 40.",
				  "It|W cost|W 40|N .|P");
}

/* URLs, e-mail addresses, handles and hashtags stay whole. */
static void
test_web(void)
{
	expect_tokens("URLs lose trailing sentence punctuation",
				  "See https://example.org/a?b=1&c=2. Or http://example.net/x, or www.example.com!",
				  "See|W https://example.org/a?b=1&c=2|U .|P / Or|W http://example.net/x|U ,|P "
				  "or|W www.example.com|U !|P");
	expect_tokens("a URL loses a closing quote and an unbalanced paren",
				  "(source: \xe2\x80\x9chttps://example.org/r\xe2\x80\x9d) and (https://example.org/x)",
				  "(|P source|W :|P \xe2\x80\x9c|QO https://example.org/r|U \xe2\x80\x9d|QC )|P "
				  "and|W (|P https://example.org/x|U )|P");
	expect_tokens("a URL keeps balanced parens",
				  "at https://example.org/wiki/Lima_(city) today",
				  "at|W https://example.org/wiki/Lima_(city)|U today|W");
	expect_tokens("e-mail addresses stay whole",
				  "Write to press.desk@example.org or j_doe+tips@mail.example.co.uk.",
				  "Write|W to|W press.desk@example.org|E or|W j_doe+tips@mail.example.co.uk|E .|P");
	expect_tokens("an @ without a domain is not an e-mail address",
				  "meet@noon",
				  "meet|W @noon|H");
	expect_tokens("handles and hashtags stay whole",
				  "@ForeignDesk posted #Election2024 and #\xe6\x97\xa5\xe6\x9c\xac news.",
				  "@ForeignDesk|H posted|W #Election2024|T and|W #\xe6\x97\xa5\xe6\x9c\xac|T news|W .|P");
	expect_tokens("# before digits is a symbol, a lone @ too",
				  "the #1 seller @ home",
				  "the|W #|S 1|N seller|W @|S home|W");
}

/* Punctuation: one token per mark except runs of dots, hyphens, ! and ?. */
static void
test_punctuation(void)
{
	expect_tokens("ellipsis and exclamation runs group",
				  "Wait... what?! No!!!",
				  "Wait|W ...|P what|W ?!|P / No|W !!!|P");
	expect_tokens("the ellipsis character and dashes stand alone",
				  "Talks stalled\xe2\x80\xa6 then \xe2\x80\x94 in 2019\xe2\x80\x93" "2020 \xe2\x80\x94 resumed",
				  "Talks|W stalled|W \xe2\x80\xa6|P then|W \xe2\x80\x94|P in|W 2019|N "
				  "\xe2\x80\x93|P 2020|N \xe2\x80\x94|P resumed|W");
	expect_tokens("other marks one each",
				  "a/b, c;d",
				  "a|W /|P b|W ,|P c|W ;|P d|W");
}

/* Quote marks told apart from apostrophes by the marks and their context. */
static void
test_quotes(void)
{
	expect_tokens("curly double and single quotes",
				  "\xe2\x80\x9cIt\xe2\x80\x99s \xe2\x80\x98naive,\xe2\x80\x99 frankly,\xe2\x80\x9d she said.",
				  "\xe2\x80\x9c|QO It|W \xe2\x80\x99s|C \xe2\x80\x98|QO naive|W ,|P \xe2\x80\x99|QC "
				  "frankly|W ,|P \xe2\x80\x9d|QC she|W said|W .|P");
	expect_tokens("straight double quotes open and close by context",
				  "He said \"yes,\" and \"no\".",
				  "He|W said|W \"|QO yes|W ,|P \"|QC and|W \"|QO no|W \"|QC .|P");
	expect_tokens("straight quote after a colon with no space opens",
				  "Tweet:\"Vote now\"",
				  "Tweet|W :|P \"|QO Vote|W now|W \"|QC");
	expect_tokens("guillemets and CJK corner brackets",
				  "\xc2\xab" "Non\xc2\xbb and \xe3\x80\x8c\xe3\x81\xaf\xe3\x81\x84\xe3\x80\x8d",
				  "\xc2\xab|QO Non|W \xc2\xbb|QC and|W \xe3\x80\x8c|QO "
				  "\xe3\x81\xaf\xe3\x81\x84|W \xe3\x80\x8d|QC");
	expect_tokens("low-9 quotes open",
				  "\xe2\x80\x9eJa\xe2\x80\x9c",
				  "\xe2\x80\x9e|QO Ja|W \xe2\x80\x9c|QO");
	expect_tokens("straight single quotes around a word",
				  "a 'fair' deal, 'Rock 'n' roll'",
				  "a|W '|QO fair|W '|QC deal|W ,|P '|QO Rock|W '|QO n|W '|QC roll|W '|QC");
	expect_tokens("an open single quote makes a closing one after s a quote",
				  "\xe2\x80\x98We back Harris\xe2\x80\x99 now",
				  "\xe2\x80\x98|QO We|W back|W Harris|W \xe2\x80\x99|QC now|W");
	expect_tokens("nested quotes close in order",
				  "\"He said 'no.'\" Then",
				  "\"|QO He|W said|W '|QO no|W .|P '|QC \"|QC / Then|W");
	expect_tokens("a quote depth carries over to the next sentence",
				  "\"We won. We are proud,\" she said.",
				  "\"|QO We|W won|W .|P / We|W are|W proud|W ,|P \"|QC she|W said|W .|P");
	expect_tokens("a new paragraph reopens a quote",
				  "\"We will fight.\n\"And we will win,\" he said.",
				  "\"|QO We|W will|W fight|W .|P / \"|QO And|W we|W will|W win|W ,|P \"|QC "
				  "he|W said|W .|P");
}

/* Feet and inches marks after digits are punctuation. */
static void
test_primes(void)
{
	expect_tokens("feet and inches",
				  "The 5'10\" guard",
				  "The|W 5|N '|P 10|N \"|P guard|W");
	expect_tokens("a quote closing after a digit still closes",
				  "\"It cost $5\" she said",
				  "\"|QO It|W cost|W $|S 5|N \"|QC she|W said|W");
	expect_tokens("prime marks in a row",
				  "4'02\"'\"",
				  "4|N '|P 02|N \"|P '|QC \"|QC");
}

/* Symbols and emoji: one token per cluster. */
static void
test_emoji(void)
{
	expect_tokens("skin tone modifier stays with its emoji",
				  "Great \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd news",
				  "Great|W \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd|S news|W");
	expect_tokens("ZWJ family sequence is one token",
				  "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 here",
				  "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7|S here|W");
	expect_tokens("regional indicators pair into flags",
				  "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xa9",
				  "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5|S \xf0\x9f\x87\xab\xf0\x9f\x87\xb7|S "
				  "\xf0\x9f\x87\xa9|S");
	expect_tokens("keycaps are one symbol each",
				  "1\xef\xb8\x8f\xe2\x83\xa3 #\xef\xb8\x8f\xe2\x83\xa3 *\xe2\x83\xa3",
				  "1\xef\xb8\x8f\xe2\x83\xa3|S #\xef\xb8\x8f\xe2\x83\xa3|S *\xe2\x83\xa3|S");
	expect_tokens("emoji next to words and each other split",
				  "wow\xf0\x9f\x98\x80\xf0\x9f\x98\x80!",
				  "wow|W \xf0\x9f\x98\x80|S \xf0\x9f\x98\x80|S !|P");
	expect_tokens("variation selector and a rainbow flag ZWJ sequence",
				  "\xe2\x9d\xa4\xef\xb8\x8f \xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88",
				  "\xe2\x9d\xa4\xef\xb8\x8f|S \xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88|S");
	expect_tokens("other symbols one each",
				  "A&B +5 \xc2\xa9",
				  "A|W &|S B|W +|S 5|N \xc2\xa9|S");
}

/* Tokens of text in dictionary scripts, each checked against expectations. */
static void
check_dict(const char *what, const char *text, const char *must, int min, int max)
{
	char		got[4096];
	char		needle[256];
	int			n = render(text, got, sizeof(got));

	snprintf(needle, sizeof(needle), "%s|W", must);
	CHECK(n >= min && n <= max && strstr(got, needle) != NULL, "%s", what);
	if (!(n >= min && n <= max && strstr(got, needle) != NULL))
		printf("#   got %d: %s\n", n, got);
}

/* A Han run longer than one ICU chunk gives well-formed words of every byte. */
static void
check_long_dict_run(void)
{
	size_t		len;
	char	   *text = repeat("\xe6\x94\xbf\xe5\xba\x9c\xe3\x81\xaf", 20000, &len);
	NnTokenizer tk;
	NnToken		t;
	size_t		covered = 0;
	size_t		prev_end = 0;
	bool		ok = true;

	nn_tokens_begin(&tk, text, len);
	while (nn_tokens_next(&tk, &t))
	{
		ok = ok && t.start == prev_end && t.end > t.start && t.end - t.start < 64 &&
			t.kind == NN_TOK_WORD && nn_utf8_is_lead((unsigned char) text[t.start]);
		covered += t.end - t.start;
		prev_end = t.end;
	}
	CHECK(ok && covered == len, "a 360 KB Han run is split into short words covering it");
	free(text);
}

/* Chinese, Japanese and Thai split by ICU's dictionaries, Korean by spaces. */
static void
test_dictionary(void)
{
	/* 中国外交部发言人表示双方将继续对话。 (18 characters) */
	check_dict("Chinese splits into dictionary words",
			   "\xe4\xb8\xad\xe5\x9b\xbd\xe5\xa4\x96\xe4\xba\xa4\xe9\x83\xa8\xe5\x8f\x91"
			   "\xe8\xa8\x80\xe4\xba\xba\xe8\xa1\xa8\xe7\xa4\xba\xe5\x8f\x8c\xe6\x96\xb9"
			   "\xe5\xb0\x86\xe7\xbb\xa7\xe7\xbb\xad\xe5\xaf\xb9\xe8\xaf\x9d\xe3\x80\x82",
			   "\xe8\xa1\xa8\xe7\xa4\xba", 5, 14);
	/* 日本政府は新しい計画を発表した。 */
	check_dict("Japanese splits into dictionary words",
			   "\xe6\x97\xa5\xe6\x9c\xac\xe6\x94\xbf\xe5\xba\x9c\xe3\x81\xaf\xe6\x96\xb0"
			   "\xe3\x81\x97\xe3\x81\x84\xe8\xa8\x88\xe7\x94\xbb\xe3\x82\x92\xe7\x99\xba"
			   "\xe8\xa1\xa8\xe3\x81\x97\xe3\x81\x9f\xe3\x80\x82",
			   "\xe6\x94\xbf\xe5\xba\x9c", 5, 12);
	/* ภาษาไทย (Thai language) */
	check_dict("Thai splits into dictionary words",
			   "\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2\xe0\xb9\x84\xe0\xb8\x97"
			   "\xe0\xb8\xa2",
			   "\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2", 2, 2);
	check_long_dict_run();
	expect_tokens("Latin next to Han splits at the script change",
				  "iPhone\xe7\x94\xa8 2024\xe5\xb9\xb4",
				  "iPhone|W \xe7\x94\xa8|W 2024|N \xe5\xb9\xb4|W");
	expect_tokens("Korean splits at spaces",
				  "\xed\x95\x9c\xea\xb5\xad \xec\xa0\x95\xeb\xb6\x80\xeb\x8a\x94 "
				  "\xeb\xb0\x9c\xed\x91\x9c\xed\x96\x88\xeb\x8b\xa4.",
				  "\xed\x95\x9c\xea\xb5\xad|W \xec\xa0\x95\xeb\xb6\x80\xeb\x8a\x94|W "
				  "\xeb\xb0\x9c\xed\x91\x9c\xed\x96\x88\xeb\x8b\xa4|W .|P");
	expect_tokens("Arabic and Hebrew are ordinary letters",
				  "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\xd8\x8c \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d!",
				  "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7|W \xd8\x8c|P \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d|W !|P");
}

/* Sentence numbers follow the splitter and no token crosses a sentence end. */
static void
test_sentences(void)
{
	const char *text = "Gen. Ruiz arrived. \xe2\x80\x9cWe are ready,\xe2\x80\x9d he said.\n\nTalks begin.";
	NnTokenizer tk;
	NnToken		t;
	NnSentenceSplitter sp;
	NnSentence	s[8];
	int			ns = 0;
	bool		ok = true;
	int32_t		last = 0;

	nn_sentences_begin(&sp, text, strlen(text));
	while (ns < 8 && nn_sentences_next(&sp, &s[ns]))
		ns++;
	nn_tokens_begin(&tk, text, strlen(text));
	while (nn_tokens_next(&tk, &t))
	{
		ok = ok && t.sentence >= 1 && t.sentence <= ns && t.sentence >= last &&
			t.start >= s[t.sentence - 1].start && t.end <= s[t.sentence - 1].end;
		last = t.sentence;
	}
	CHECK(ns == 3 && ok && last == 3, "tokens carry 1-based sentence numbers inside their sentence");
	expect_tokens("sentence marks in the rendering",
				  text,
				  "Gen.|A Ruiz|W arrived|W .|P / \xe2\x80\x9c|QO We|W are|W ready|W ,|P "
				  "\xe2\x80\x9d|QC he|W said|W .|P / Talks|W begin|W .|P");
}

/* True if text[start..end) is all white space. */
static bool
all_space(const char *text, size_t start, size_t end)
{
	while (start < end)
	{
		int			width;

		if (!nn_cc_is_space(nn_char_class(nn_utf8_decode(text, end, start, &width))))
			return false;
		start += width;
	}
	return true;
}

/*
 * Tokenize text[0..len) and test the invariants: tokens non-empty, in
 * order, not overlapping, not white space, inside the text, at code point
 * boundaries. Count the tokens into *count and the longest into *longest.
 */
static bool
well_formed(const char *text, size_t len, long *count, size_t *longest)
{
	NnTokenizer tk;
	NnToken		t;
	bool	   *starts = code_point_starts(text, len);
	size_t		prev_end = 0;
	int32_t		sentence = 1;
	bool		ok = nn_tokens_begin(&tk, text, len) == NN_OK;

	*count = 0;
	*longest = 0;
	while (ok && nn_tokens_next(&tk, &t))
	{
		ok = t.start < t.end && t.end <= len && t.start >= prev_end &&
			starts[t.start] && starts[t.end] && t.sentence >= sentence &&
			!all_space(text, t.start, t.end);
		prev_end = t.end;
		sentence = t.sentence;
		if (t.end - t.start > *longest)
			*longest = t.end - t.start;
		(*count)++;
	}
	ok = ok && !nn_tokens_next(&tk, &t);
	free(starts);
	return ok;
}

/* Check well_formed() and return the token count. */
static long
check_well_formed(const char *what, const char *text, size_t len)
{
	long		n;
	size_t		longest;

	CHECK(well_formed(text, len, &n, &longest), "%s: tokens are well formed", what);
	return n;
}

/* Invalid UTF-8 and control characters give well-formed tokens. */
static void
test_invalid(void)
{
	static const char bad[] =
		"Bad \xff\xfe bytes \xe2\x80 cut \xc3 and \xed\xa0\x80 surrogate, "
		"\xf4\x90\x80\x80 too big, \xc0\xaf overlong\x01\x7f\xc2\x85 end \x80";
	const char *truncated[] = {"\xe2", "\xe2\x80", "\xf0\x9f\x91", "a\xcc", "'\xe2\x80", "\"\xc3"};

	check_well_formed("invalid UTF-8", bad, sizeof(bad) - 1);
	expect_tokens("invalid bytes are symbols of one byte",
				  "a\xff" "b",
				  "a|W \xff|S b|W");
	for (int i = 0; i < 6; i++)
		check_well_formed("a truncated sequence at the end", truncated[i], strlen(truncated[i]));
	CHECK(check_well_formed("NUL bytes", "a\0b\0\0c", 6) == 3, "NUL bytes separate like spaces");
	expect_tokens("controls are skipped", "a\x07" "b \x1b", "a|W b|W");
	expect_tokens("stray combining marks and ZWJs", "\xcc\x81\xcc\x81 a\x07" "b \xe2\x80\x8d\xe2\x80\x8d",
				  "\xcc\x81\xcc\x81|S a|W b|W");
}

/* A pseudo-random generator with a fixed seed, so failures reproduce. */
static uint32_t
next_random(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

/* Random mixes of the tricky pieces of news copy are well formed. */
static void
test_random_mixes(void)
{
	static const char *const pieces[] = {
		"a", "Z", "1", "'", "\xe2\x80\x99", "\"", ".", "..", "-", ",", ":", "/",
		"@", "#", "$", "%", " ", "\n", "\xc2\xa0", "\xe2\x80\x8d", "\xe2\x80\x8f",
		"\xcc\x81", "\xef\xb8\x8f", "\xe2\x83\xa3", "\xf0\x9f\x87\xaf", "\xf0\x9f\x91\x8d",
		"\xf0\x9f\x8f\xbd", "\xe4\xb8\xad", "\xe3\x81\xaf", "\xe0\xb8\xa0", "\xed\x95\x9c",
		"http://", "www.", "n't", "'s", "U.S.", "No.", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xe2\x80\x98", "(", ")", "\xff", "\xe2\x80", "_", "+", "e.g.", "x@y.com",
		"\xe2\x80\xa6", "\xe2\x80\x94", "!", "?", "\x01", "\xc2\x85"
	};
	const int	npieces = sizeof(pieces) / sizeof(pieces[0]);
	uint32_t	state = 20240501;
	char		buf[512];
	bool		ok = true;
	int			failed_at = -1;

	for (int round = 0; round < 3000 && ok; round++)
	{
		size_t		len = 0;
		int			count = next_random(&state) % 40;
		long		n;
		size_t		longest;

		for (int k = 0; k < count; k++)
		{
			const char *p = pieces[next_random(&state) % npieces];

			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		ok = well_formed(buf, len, &n, &longest);
		if (!ok)
			failed_at = round;
	}
	CHECK(ok, "3000 random mixes of tricky pieces are well formed");
	if (!ok)
		printf("#   failed in round %d\n", failed_at);
}

/* Tokenize n copies of unit; return the CPU seconds taken and the token count. */
static double
time_repeat(const char *unit, size_t n, long *count)
{
	size_t		len;
	size_t		longest;
	char	   *text = repeat(unit, n, &len);
	double		t0 = cpu_seconds();

	well_formed(text, len, count, &longest);
	t0 = cpu_seconds() - t0;
	free(text);
	return t0;
}

/*
 * True if every token of text[0..len) spans a whole sentence, as a word with
 * no white space must when the splitter cuts it into windows.
 */
static bool
one_token_per_sentence(const char *text, size_t len)
{
	NnSentenceSplitter sp;
	NnSentence	s;
	NnTokenizer tk;
	NnToken		t;
	bool		ok = true;

	nn_sentences_begin(&sp, text, len);
	nn_tokens_begin(&tk, text, len);
	while (ok && nn_sentences_next(&sp, &s))
		ok = nn_tokens_next(&tk, &t) && t.start == s.start && t.end == s.end;
	return ok && !nn_tokens_next(&tk, &t);
}

/* Hook calls made by the tokenizer itself: all of a pass less the splitter's. */
static long
tokenizer_hook_calls(const char *text, size_t len)
{
	NnSentenceSplitter sp;
	NnSentence	s;
	NnTokenizer tk;
	NnToken		t;
	long		split_calls;

	hook_calls = 0;
	nn_sentences_begin(&sp, text, len);
	while (nn_sentences_next(&sp, &s))
		continue;
	split_calls = hook_calls;
	hook_calls = 0;
	nn_tokens_begin(&tk, text, len);
	while (nn_tokens_next(&tk, &t))
		continue;
	return hook_calls - split_calls;
}

/* Huge degenerate inputs: correct counts, interrupt checks, linear time. */
static void
test_huge(void)
{
	size_t		len;
	long		n;
	size_t		longest;
	char	   *text;

	text = repeat("x", 10000000, &len);
	CHECK(well_formed(text, len, &n, &longest), "a 10-million-character word is well formed");
	CHECK(one_token_per_sentence(text, len),
		  "a 10-million-character word is one token per sentence (%ld)", n);
	CHECK(tokenizer_hook_calls(text, len) >= (long) (len / NN_CHECK_INTERVAL) - 1,
		  "the tokenizer runs the interrupt hook inside huge words");
	free(text);

	text = repeat("y", NN_SENTENCE_WINDOW - 1, &len);
	CHECK(well_formed(text, len, &n, &longest) && n == 1 && longest == len,
		  "a word just under the sentence window is one token");
	free(text);

	text = repeat("\n", 1000000, &len);
	CHECK(well_formed(text, len, &n, &longest) && n == 0, "a million newlines give no token");
	free(text);

	text = repeat("?!.,;:()[]{}-\xe2\x80\x94\xe2\x80\x93\xe2\x80\xa6", 100000, &len);
	CHECK(well_formed(text, len, &n, &longest) && n > 0, "all punctuation is well formed");
	free(text);

	text = repeat("\xe2\x80\x9c\xe2\x80\x9d\"'\xe2\x80\x98\xe2\x80\x99\xc2\xab\xc2\xbb\xe2\x80\x9e", 100000, &len);
	CHECK(well_formed(text, len, &n, &longest) && n == 900000,
		  "all quote marks are one token each (%ld)", n);
	free(text);
}

/* Degenerate patterns take linear time: eight times the input, not 64 times the time. */
static void
test_linear(void)
{
	static const char *const units[] = {
		"x", "a_", "a.", "a-", "'", "\"", "\xe2\x80\x98\xe2\x80\x99", "a@", "#1",
		"http://a.", "\xe2\x80\x8d", "a\xe2\x80\x8d", "\xcc\x81", ".", "1,", "a'",
		"\xe4\xb8\xad", "\xf0\x9f\x87\xaf", "@", "n't ", "B.", "No.", " ", "a.b"
	};

	for (int u = 0; u < (int) (sizeof(units) / sizeof(units[0])); u++)
	{
		long		n1;
		long		n8;
		double		small = time_repeat(units[u], 20000, &n1);
		double		large = time_repeat(units[u], 160000, &n8);

		/* a floor keeps timer noise on tiny runs from failing the test */
		CHECK(large < 24 * (small > 0.002 ? small : 0.002),
			  "unit #%d repeated is linear (%.4fs vs %.4fs)", u, small, large);
	}
}

int
main(void)
{
	nn_interrupt_hook = count_hook;
	test_basic();
	test_spaces();
	test_format();
	test_marks();
	test_hyphens();
	test_possessives();
	test_contractions();
	test_abbreviations();
	test_numbers();
	test_web();
	test_punctuation();
	test_quotes();
	test_primes();
	test_emoji();
	test_dictionary();
	test_sentences();
	test_invalid();
	test_random_mixes();
	test_huge();
	test_linear();
	nn_icu_release();
	return unit_done();
}
