/*
 * gen_articles.c
 *	  Deterministic generator of news-like articles for the benchmark.
 *
 *	  Usage: gen_articles [MEGABYTES]   (default 10; a megabyte is 10^6 bytes)
 *
 *	  Writes COPY text format (id TAB body, newlines escaped as \n) to stdout:
 *	  foreign-policy reports built from templates and word lists, with invented
 *	  people, titles, attributed quotes (some spanning paragraphs), U.S.,
 *	  initials, numbers, percentages and dates. The PRNG and its seed are
 *	  fixed, so the same size always gives byte-identical output.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LENGTH(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rng_below(LENGTH(a))])

/* A growable string. */
typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} Buf;

/* A person quoted or mentioned in an article. */
typedef struct Person
{
	const char *first;
	const char *middle;			/* initial with period, or "" */
	const char *last;
	int			female;
	int			role;			/* index into roles[] */
	int			country;		/* index into countries[] */
} Person;

/* A role: title before the name, second-reference title, description. */
typedef struct Role
{
	const char *title;			/* "" for none */
	const char *short_title;	/* NULL means Mr./Ms. */
	const char *desc;			/* %s is the country's name or adjective */
	int			desc_adjective; /* 1 if desc takes the adjective */
} Role;

/* A country: name as used in a sentence, adjective, capital. */
typedef struct Country
{
	const char *name;
	const char *adjective;
	const char *capital;
} Country;

/* What one article is about: its people and countries. */
typedef struct Article
{
	Person		a;
	Person		b;
	int			c1;
	int			c2;
} Article;

static const char *const female_names[] = {
	"Elena", "Marisol", "Ilse", "Priya", "Oksana", "Teodora", "Amara",
	"Ingrid", "Nadia", "Reyna", "Solveig", "Hana", "Lucette", "Zofia",
	"Adaeze", "Maren", "Yelena", "Carys", "Isadora", "Leilani",
};

static const char *const male_names[] = {
	"Halvard", "Tobias", "Ruel", "Abel", "Dmitar", "Kwame", "Anselm",
	"Jorund", "Matteo", "Idris", "Casimir", "Oren", "Bastien", "Teodor",
	"Emeka", "Lorcan", "Viktor", "Rafael", "Soren", "Thaddeus",
};

static const char *const last_names[] = {
	"Orrin", "Teskow", "Danby", "Ferrow", "Hallberg", "Varnes", "Oakhurst",
	"Belcastro", "Adebayo-Lind", "Okonkwo", "Marchetti-Rowe", "Vanholm",
	"Tevendale", "Kasprzak", "Lindqvist", "Mbeki-Shaw", "Quarrington",
	"Sorensen", "Achterberg", "Nakashima", "Delacroix-Vey", "Brannigan",
	"Ostrowski", "Haddad", "Fennimore", "Castellan", "Wexford", "Ibarra",
	"Rasmussen", "O'Dwyer", "McAllister", "Stavros", "Kowalczyk", "Renner",
};

static const char *const initials[] = {
	"", "", "", "", "", "", "K.", "J.", "R.", "T.", "M.", "A.",
};

static const Role roles[] = {
	{"Foreign Minister", NULL, "the foreign minister of %s", 0},
	{"Deputy Foreign Minister", NULL, "%s's deputy foreign minister", 0},
	{"Prime Minister", NULL, "the prime minister of %s", 0},
	{"Gen.", "Gen.", "the commander of %s ground forces", 1},
	{"Col.", "Col.", "a spokesperson for the %s army", 1},
	{"Ambassador", NULL, "%s's ambassador to the United Nations", 0},
	{"Dr.", "Dr.", "a senior fellow at the Harlow Institute who studies %s", 0},
	{"", NULL, "a spokesperson for the %s Foreign Ministry", 1},
	{"", NULL, "a former %s diplomat who took part in earlier talks", 1},
	{"Adm.", "Adm.", "the head of the %s navy", 1},
	{"", NULL, "an analyst at the Ostrava Institute for Security Studies", 0},
	{"Sen.", "Sen.", "a member of the Senate Foreign Relations Committee", 0},
};

static const Country countries[] = {
	{"Varossa", "Varossan", "Telmar"},
	{"Meridia", "Meridian", "Port Calder"},
	{"Ostravia", "Ostravian", "Novigrad"},
	{"Calvenia", "Calvenian", "Sarn"},
	{"Dunmoor", "Dunmoorian", "Ashby"},
	{"the Kestrel Republic", "Kestrel", "Hollin"},
	{"Tesselia", "Tesselian", "Marrow Bay"},
	{"Qaravand", "Qaravandi", "Dasht-e Nur"},
	{"the U.S.", "U.S.", "Washington"},
	{"Lunavia", "Lunavian", "St. Ives-on-Lune"},
	{"Brennmark", "Brennish", "Oskarsholm"},
	{"Zanthara", "Zantharan", "Kiroa"},
};

static const char *const weekdays[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* Months in news style: abbreviated with a period when followed by a day. */
static const char *const months_dated[] = {
	"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
	"Oct.", "Nov.", "Dec.",
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};

static const char *const agreements[] = {
	"extend a ceasefire along their disputed border",
	"resume talks on a framework for their shared river basin",
	"exchange prisoners held since the clashes of {year}",
	"reopen two border crossings closed to trade since {month}",
	"allow international monitors into the contested Harrowgate corridor",
	"cut tariffs on grain and fertilizer by {pct}",
	"restore full diplomatic relations, broken off in {year}",
	"set up a joint commission on fishing rights in the Strait of Vell",
	"withdraw heavy artillery {num} meters from the line of contact",
	"hold a second round of talks in {cap2} before the end of {month}",
};

static const char *const consequences[] = {
	"easing fears of a wider conflict",
	"a step that analysts said could calm markets in the region",
	"though neither side offered details on how it would be enforced",
	"in a deal that critics at home called premature",
	"after weeks of shuttle diplomacy by {org} envoys",
	"the first agreement of its kind in nearly a decade",
};

static const char *const orgs[] = {
	"U.N.", "European Union", "African Union", "NATO", "U.S.",
	"Nordic Council", "Arab League", "ASEAN",
};

static const char *const quotes[] = {
	"This is not a peace agreement, but it is a start",
	"We will not be intimidated by threats, wherever they come from",
	"The door to dialogue remains open, and it will stay open",
	"Nobody in this room believes the problem is solved",
	"Our people have waited long enough for an answer",
	"We have asked for guarantees, and we will keep asking",
	"The numbers are moving in the right direction",
	"Trust is built in small steps, not in press releases",
	"If the other side keeps its word, we will keep ours",
	"There is no military solution to this dispute",
	"We cannot verify every claim that has been made",
	"The families of the detained deserve to know where they are",
	"This agreement protects farmers on both sides of the border",
	"I told my counterpart plainly what we expect",
	"Sanctions were never the goal; a change in behavior was",
	"We are prepared to go further if the ceasefire holds",
	"Every week of delay costs lives and livelihoods",
	"The region has seen too many agreements signed and broken",
	"We welcome the decision, but we will judge it by results",
	"Our forces remain on alert, and that will not change tonight",
	"It's a fragile first step, and fragile things break",
	"The monitors need access, not promises",
	"We don't negotiate through the newspapers",
	"History will not be kind to those who walk away now",
};

static const char *const questions[] = {
	"Who will pay for the reconstruction",
	"What happens if the monitors are turned away",
	"Why should we believe them this time",
	"How many more rounds of talks will it take",
};

static const char *const said_verbs[] = {
	"said", "said", "said", "told reporters", "added", "said in a statement",
	"wrote on social media", "said in an interview",
};

/* Reported speech after a name: "Gen. Hallberg" + one of these. */
static const char *const indirect[] = {
	" said the talks in {cap2} had been \"difficult but useful.\"",
	" said {C1} would \"study the text carefully\" before responding.",
	" told lawmakers on {weekday} that the deal was the best available.",
	" said at least {small} rounds of talks had been held since {month}.",
	" said the monitors would be allowed to inspect {small} sites by {date}.",
	" called the agreement \"a fragile first step.\"",
	" warned that the truce could unravel if either army moved forward.",
	" said {A.he} had spoken to the U.S. secretary of state twice this week.",
};

static const char *const background[] = {
	"The two countries fought a brief war in {year} over the region, which both claim.",
	"Trade between them fell by {pct} last year, according to customs figures.",
	"About {num} people have been displaced since the fighting began, the U.N. refugee agency said.",
	"{C1s} has accused {C2} of massing troops near the frontier, a charge {C2} denies.",
	"The talks were brokered by the {org}, which has kept a small mission in {cap1} since {year}.",
	"Defense spending in the region rose {pct} in {year}, the highest increase in a decade.",
	"Officials in {cap2} did not respond to a request for comment on {weekday}.",
	"The agreement still needs the approval of {C1}'s parliament, where the governing coalition holds a narrow majority.",
	"A previous truce, signed on {date}, collapsed within three weeks.",
	"The U.S. has pledged {money} in aid to the region over the next five years.",
	"Satellite images reviewed by independent analysts showed at least {small} new earthworks near the border.",
	"Markets in {cap1} rose {pct} on the news, and the {adj1} currency gained against the dollar.",
	"Aid groups say {num} people in the border provinces depend on food deliveries.",
	"The {org} said in a statement that it was \"cautiously encouraged\" by the outcome.",
	"Both governments face elections next year, and neither can afford to look weak.",
	"The dispute dates to a treaty signed in {old_year} that drew the border along a river that has since changed course.",
	"The ministry said {small} of its citizens were still held in {C2}.",
	"Prices for wheat in {cap1} have nearly doubled since {month}, to {money_small} a ton.",
};

static const char *const closers[] = {
	"{B.short} is expected to travel to {cap1} in {month} for a further round of talks.",
	"The monitors are due to report to the U.N. Security Council on {date}.",
	"Neither government said when the crossings would reopen.",
	"{A.short} declined to say whether {A.he} would attend the summit in {cap2}.",
	"The next round of talks is scheduled for {date} in Geneva.",
};

static uint64_t rng_state = 0x6E6577736E6C7000ULL;	/* fixed seed */

/* Next value of a splitmix64 sequence: tiny, fast and well mixed. */
static uint64_t
rng_next(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A uniform-enough integer in [0, n); the modulo bias is irrelevant here. */
static size_t
rng_below(size_t n)
{
	return (size_t) (rng_next() % n);
}

/* True with probability percent/100. */
static int
chance(int percent)
{
	return (int) rng_below(100) < percent;
}

/* Make room for n more bytes. */
static void
buf_reserve(Buf *b, size_t n)
{
	if (b->len + n <= b->cap)
		return;
	while (b->len + n > b->cap)
		b->cap = b->cap ? b->cap * 2 : 4096;
	b->data = realloc(b->data, b->cap);
	if (b->data == NULL)
	{
		perror("gen_articles");
		exit(1);
	}
}

/* Append a string. */
static void
buf_puts(Buf *b, const char *s)
{
	size_t		n = strlen(s);

	buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

/* Append formatted text. */
static void
buf_printf(Buf *b, const char *fmt,...)
{
	char		tmp[512];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	buf_puts(b, tmp);
}

/* Append an integer with thousands separators: 28500 -> "28,500". */
static void
put_grouped(Buf *b, long n)
{
	if (n >= 1000)
	{
		put_grouped(b, n / 1000);
		buf_printf(b, ",%03ld", n % 1000);
	}
	else
		buf_printf(b, "%ld", n);
}

/* A count of people or things, rounded as reporters round them. */
static void
put_number(Buf *b)
{
	long		n = 500 + (long) rng_below(95000);

	put_grouped(b, chance(70) ? n / 100 * 100 : n);
}

/* A percentage: "2.5%" or "14 percent". */
static void
put_percent(Buf *b)
{
	int			tenths = 1 + (int) rng_below(400);

	if (tenths % 10 == 0 || chance(40))
		buf_printf(b, "%d percent", tenths / 10 + 1);
	else
		buf_printf(b, "%d.%d%%", tenths / 10, tenths % 10);
}

/* An amount of money: "$4.2 billion", "$750 million". */
static void
put_money(Buf *b)
{
	if (chance(50))
		buf_printf(b, "$%d.%d billion", 1 + (int) rng_below(30), (int) rng_below(10));
	else
		buf_printf(b, "$%d million", 50 * (1 + (int) rng_below(19)));
}

/* A date in news style: "Jan. 5", "March 12". */
static void
put_date(Buf *b)
{
	buf_printf(b, "%s %d", PICK(months_dated), 1 + (int) rng_below(28));
}

/* A person's name with middle initial if any: "Tobias K. Hallberg". */
static void
put_name(Buf *b, const Person *p)
{
	if (p->middle[0])
		buf_printf(b, "%s %s %s", p->first, p->middle, p->last);
	else
		buf_printf(b, "%s %s", p->first, p->last);
}

/* First reference with title: "Foreign Minister Elena Orrin". */
static void
put_full(Buf *b, const Person *p)
{
	const Role *r = &roles[p->role];

	if (r->title[0])
		buf_printf(b, "%s ", r->title);
	put_name(b, p);
}

/* Name and description: "Elena Orrin, the foreign minister of Varossa". */
static void
put_desc(Buf *b, const Person *p)
{
	const Role *r = &roles[p->role];
	const Country *c = &countries[p->country];

	put_name(b, p);
	buf_puts(b, ", ");
	buf_printf(b, r->desc, r->desc_adjective ? c->adjective : c->name);
}

/* Second reference: "Gen. Hallberg", "Ms. Orrin". */
static void
put_short(Buf *b, const Person *p)
{
	const char *t = roles[p->role].short_title;

	buf_printf(b, "%s %s", t ? t : (p->female ? "Ms." : "Mr."), p->last);
}

/* Expand one {key} of a template; return 0 if the key is unknown. */
static int
expand_key(Buf *b, const Article *art, const char *key, size_t n)
{
	const Person *p = (key[0] == 'B') ? &art->b : &art->a;

#define KEY(s) (n == strlen(s) && memcmp(key, s, n) == 0)
	if (KEY("A.full") || KEY("B.full"))
		put_full(b, p);
	else if (KEY("A.desc") || KEY("B.desc"))
		put_desc(b, p);
	else if (KEY("A.short") || KEY("B.short"))
		put_short(b, p);
	else if (KEY("A.he") || KEY("B.he"))
		buf_puts(b, p->female ? "she" : "he");
	else if (KEY("A.He") || KEY("B.He"))
		buf_puts(b, p->female ? "She" : "He");
	else if (KEY("C1") || KEY("C2"))
		buf_puts(b, countries[key[1] == '1' ? art->c1 : art->c2].name);
	else if (KEY("C1s") || KEY("C2s"))
	{
		/* sentence-initial: "the U.S." becomes "The U.S." */
		size_t		at = b->len;

		buf_puts(b, countries[key[1] == '1' ? art->c1 : art->c2].name);
		b->data[at] = toupper((unsigned char) b->data[at]);
	}
	else if (KEY("adj1"))
		buf_puts(b, countries[art->c1].adjective);
	else if (KEY("cap1") || KEY("cap2"))
		buf_puts(b, countries[key[3] == '1' ? art->c1 : art->c2].capital);
	else if (KEY("org"))
		buf_puts(b, PICK(orgs));
	else if (KEY("num"))
		put_number(b);
	else if (KEY("small"))
		buf_printf(b, "%d", 2 + (int) rng_below(60));
	else if (KEY("pct"))
		put_percent(b);
	else if (KEY("money"))
		put_money(b);
	else if (KEY("money_small"))
		buf_printf(b, "$%d", 180 + (int) rng_below(400));
	else if (KEY("date"))
		put_date(b);
	else if (KEY("weekday"))
		buf_puts(b, PICK(weekdays));
	else if (KEY("month"))
		buf_puts(b, PICK(months));
	else if (KEY("year"))
		buf_printf(b, "%d", 1995 + (int) rng_below(29));
	else if (KEY("old_year"))
		buf_printf(b, "%d", 1840 + (int) rng_below(90));
	else
		return 0;
#undef KEY
	return 1;
}

/* Append a template with every {key} expanded. */
static void
expand(Buf *b, const Article *art, const char *tmpl)
{
	const char *p = tmpl;

	while (*p)
	{
		const char *open = strchr(p, '{');
		const char *close;

		if (open == NULL || (close = strchr(open, '}')) == NULL)
		{
			buf_puts(b, p);
			return;
		}
		buf_reserve(b, open - p);
		memcpy(b->data + b->len, p, open - p);
		b->len += open - p;
		if (!expand_key(b, art, open + 1, close - open - 1))
		{
			fprintf(stderr, "gen_articles: unknown key in \"%s\"\n", tmpl);
			exit(1);
		}
		p = close + 1;
	}
}

/* Start a new paragraph unless the body is empty. */
static void
new_paragraph(Buf *b)
{
	if (b->len > 0)
		buf_puts(b, "\n\n");
}

/* Draw a person from a country, avoiding roles that do not fit a foreigner. */
static Person
make_person(int country)
{
	Person		p;

	p.female = chance(50);
	p.first = p.female ? PICK(female_names) : PICK(male_names);
	p.middle = PICK(initials);
	p.last = PICK(last_names);
	p.country = country;
	do
		p.role = (int) rng_below(LENGTH(roles));
	while (strcmp(roles[p.role].title, "Sen.") == 0 &&
		   strcmp(countries[country].name, "the U.S.") != 0);
	return p;
}

/* Pick the article's countries and people. */
static Article
make_article(void)
{
	Article		art;

	art.c1 = (int) rng_below(LENGTH(countries));
	do
		art.c2 = (int) rng_below(LENGTH(countries));
	while (art.c2 == art.c1);
	art.a = make_person(art.c1);
	art.b = make_person(chance(70) ? art.c2 : art.c1);
	do
		art.b.last = PICK(last_names);
	while (art.b.last == art.a.last);
	return art;
}

/* The lede: dateline, agreement, attribution, consequence. */
static void
write_lede(Buf *b, const Article *art)
{
	char		dateline[128];

	snprintf(dateline, sizeof(dateline), "%s — ", countries[art->c1].capital);
	for (char *c = dateline; *c; c++)
		*c = toupper((unsigned char) *c);
	new_paragraph(b);
	buf_puts(b, dateline);
	expand(b, art, "{C1s} and {C2} agreed on {date} to ");
	expand(b, art, PICK(agreements));
	expand(b, art, ", officials said on {weekday}, ");
	expand(b, art, PICK(consequences));
	buf_puts(b, ".");
}

/* A quote other than q, so a speaker does not repeat a sentence at once. */
static const char *
other_quote(const char *q)
{
	const char *r;

	do
		r = PICK(quotes);
	while (r == q);
	return r;
}

/* A quote with its attribution in one of the usual news forms. */
static void
write_quote(Buf *b, const Article *art, const Person *p, int first_mention)
{
	const char *q = PICK(quotes);
	const char *verb = PICK(said_verbs);

	new_paragraph(b);
	switch (rng_below(5))
	{
		case 0:
			buf_printf(b, "“%s,” said ", q);
			(first_mention ? put_desc : put_short) (b, p);
			buf_puts(b, ".");
			break;
		case 1:
			buf_printf(b, "“%s,” %s %s. “%s.”", q, p->female ? "she" : "he",
					   verb, other_quote(q));
			break;
		case 2:
			(first_mention ? put_full : put_short) (b, p);
			buf_printf(b, " %s, “%s.”", verb, q);
			break;
		case 3:
			buf_printf(b, "“%s?” ", PICK(questions));
			put_short(b, p);
			buf_printf(b, " asked. “%s.”", q);
			break;
		default:
			(first_mention ? put_full : put_short) (b, p);
			expand(b, art, PICK(indirect));
	}
}

/* A quote that runs over two or three paragraphs, news style. */
static void
write_long_quote(Buf *b, const Person *p)
{
	int			parts = 2 + (int) rng_below(2);
	const char *q = PICK(quotes);

	new_paragraph(b);
	buf_printf(b, "“%s. %s.", q, other_quote(q));
	for (int i = 1; i < parts; i++)
	{
		new_paragraph(b);
		if (i < parts - 1)
			buf_printf(b, "“%s.", PICK(quotes));
		else
		{
			buf_printf(b, "“%s,” ", PICK(quotes));
			put_short(b, p);
			buf_puts(b, " added.");
		}
	}
}

/* A paragraph of two or three different background sentences. */
static void
write_background(Buf *b, const Article *art)
{
	int			n = 2 + (int) rng_below(2);
	size_t		prev = LENGTH(background);

	new_paragraph(b);
	for (int i = 0; i < n; i++)
	{
		size_t		k;

		do
			k = rng_below(LENGTH(background));
		while (k == prev);
		if (i > 0)
			buf_puts(b, " ");
		expand(b, art, background[k]);
		prev = k;
	}
}

/* One whole article. */
static void
write_article(Buf *b)
{
	Article		art = make_article();
	int			middle = 8 + (int) rng_below(9);

	write_lede(b, &art);
	write_quote(b, &art, &art.a, 1);
	write_background(b, &art);
	write_quote(b, &art, &art.b, 1);
	for (int i = 0; i < middle; i++)
	{
		if (chance(12))
			write_long_quote(b, chance(50) ? &art.a : &art.b);
		else if (chance(45))
			write_quote(b, &art, chance(50) ? &art.a : &art.b, 0);
		else
			write_background(b, &art);
	}
	new_paragraph(b);
	expand(b, &art, PICK(closers));
}

/* Write one COPY text-format row, escaping what COPY treats specially. */
static void
write_row(long id, const Buf *body)
{
	printf("%ld\t", id);
	for (size_t i = 0; i < body->len; i++)
	{
		char		c = body->data[i];

		if (c == '\\')
			fputs("\\\\", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else
			putchar(c);
	}
	putchar('\n');
}

/* Generate articles until their bodies reach the requested size. */
int
main(int argc, char **argv)
{
	double		megabytes = argc > 1 ? atof(argv[1]) : 10.0;
	size_t		target = (size_t) (megabytes * 1000000);
	size_t		total = 0;
	long		id = 0;
	Buf			body = {NULL, 0, 0};

	if (megabytes <= 0)
	{
		fprintf(stderr, "usage: gen_articles [MEGABYTES]\n");
		return 2;
	}
	while (total < target)
	{
		body.len = 0;
		write_article(&body);
		write_row(++id, &body);
		total += body.len;
	}
	fprintf(stderr, "gen_articles: %ld articles, %zu bytes of text\n", id, total);
	free(body.data);
	return ferror(stdout) ? 1 : 0;
}
