/*
 * charclass.c
 *	  Code point classification (see charclass.h).
 */
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "charclass.h"
#include "utf8.h"

/* Classes of the 128 ASCII code points, filled on first use. */
static NnCharClass ascii_class[128];
static bool ascii_ready = false;

/* Classify an ASCII code point without ICU. */
static NnCharClass
classify_ascii(int32_t c)
{
	if (c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return NN_CC_NEWLINE;
	if (c == ' ' || c == '\t')
		return NN_CC_SPACE;
	if (c >= 'A' && c <= 'Z')
		return NN_CC_UPPER;
	if (c >= 'a' && c <= 'z')
		return NN_CC_LOWER;
	if (c >= '0' && c <= '9')
		return NN_CC_DIGIT;
	if (c < 0x20 || c == 0x7F)
		return NN_CC_OTHER;
	if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' ||
		c == '^' || c == '`' || c == '|' || c == '~')
		return NN_CC_SYMBOL;
	return NN_CC_PUNCT;
}

/* True if cp belongs to a script that ICU splits into words by dictionary. */
static bool
is_dictionary_script(int32_t cp)
{
	UErrorCode	status = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(cp, &status);

	if (U_FAILURE(status))
		return false;
	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
		sc == USCRIPT_KATAKANA || sc == USCRIPT_THAI || sc == USCRIPT_LAO ||
		sc == USCRIPT_KHMER || sc == USCRIPT_MYANMAR;
}

/* Classify a letter outside ASCII. */
static NnCharClass
classify_letter(int32_t cp, int8_t type)
{
	if (is_dictionary_script(cp))
		return NN_CC_DICT;
	if (type == U_UPPERCASE_LETTER || type == U_TITLECASE_LETTER)
		return NN_CC_UPPER;
	if (type == U_LOWERCASE_LETTER)
		return NN_CC_LOWER;
	return NN_CC_LETTER;
}

/* Classify a code point outside ASCII through ICU's general category. */
static NnCharClass
classify_unicode(int32_t cp)
{
	int8_t		type = u_charType(cp);

	if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return NN_CC_NEWLINE;
	if (cp == 0x30FC || cp == 0x3005)	/* prolonged sound mark, iteration mark */
		return NN_CC_DICT;
	switch (type)
	{
		case U_UPPERCASE_LETTER:
		case U_LOWERCASE_LETTER:
		case U_TITLECASE_LETTER:
		case U_MODIFIER_LETTER:
		case U_OTHER_LETTER:
			return classify_letter(cp, type);
		case U_NON_SPACING_MARK:
		case U_ENCLOSING_MARK:
		case U_COMBINING_SPACING_MARK:
			return NN_CC_MARK;
		case U_DECIMAL_DIGIT_NUMBER:
			return NN_CC_DIGIT;
		case U_SPACE_SEPARATOR:
			return NN_CC_SPACE;
		case U_LINE_SEPARATOR:
		case U_PARAGRAPH_SEPARATOR:
			return NN_CC_NEWLINE;
		case U_DASH_PUNCTUATION:
		case U_START_PUNCTUATION:
		case U_END_PUNCTUATION:
		case U_CONNECTOR_PUNCTUATION:
		case U_OTHER_PUNCTUATION:
		case U_INITIAL_PUNCTUATION:
		case U_FINAL_PUNCTUATION:
			return NN_CC_PUNCT;
		case U_MATH_SYMBOL:
		case U_CURRENCY_SYMBOL:
		case U_MODIFIER_SYMBOL:
		case U_OTHER_SYMBOL:
		case U_LETTER_NUMBER:
		case U_OTHER_NUMBER:
			return NN_CC_SYMBOL;
		case U_FORMAT_CHAR:
			return NN_CC_FORMAT;
		default:
			return NN_CC_OTHER;
	}
}

/* Fill the ASCII table once. */
static void
init_ascii(void)
{
	for (int32_t c = 0; c < 128; c++)
		ascii_class[c] = classify_ascii(c);
	ascii_ready = true;
}

/* The class of code point cp. */
NnCharClass
nn_char_class(int32_t cp)
{
	if (cp < 128 && cp >= 0)
	{
		if (!ascii_ready)
			init_ascii();
		return ascii_class[cp];
	}
	return classify_unicode(cp);
}

/* True for code points that extend an emoji or symbol into one cluster. */
bool
nn_is_emoji_extender(int32_t cp)
{
	return cp == 0x200D ||		/* zero width joiner */
		(cp >= 0xFE00 && cp <= 0xFE0F) ||	/* variation selectors */
		(cp >= 0x1F3FB && cp <= 0x1F3FF) || /* skin tone modifiers */
		(cp >= 0xE0020 && cp <= 0xE007F) || /* tag characters */
		cp == 0x20E3;			/* combining keycap */
}

/* True if s[0..len) holds a letter whose script is not Latin. */
bool
nn_has_foreign_letters(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		int			width;
		int32_t		cp = nn_utf8_decode(s, len, i, &width);
		UErrorCode	status = U_ZERO_ERROR;
		UScriptCode sc;

		i += width;
		/* Latin, Latin-1 and Latin Extended-A/B need no lookup */
		if (cp < 0x250 || !u_isalpha(cp))
			continue;
		sc = uscript_getScript(cp, &status);
		if (U_SUCCESS(status) && sc != USCRIPT_LATIN && sc != USCRIPT_COMMON &&
			sc != USCRIPT_INHERITED)
			return true;
	}
	return false;
}
