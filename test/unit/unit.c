/*
 * unit.c
 *	  TAP output for the core's unit tests (see unit.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "unit.h"

static int	checks = 0;
static int	failures = 0;

/* Print one TAP line for a check. */
void
unit_check(bool ok, const char *file, int line, const char *fmt,...)
{
	va_list		ap;

	checks++;
	if (!ok)
		failures++;
	printf("%s %d - ", ok ? "ok" : "not ok", checks);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf(" # at %s:%d", file, line);
	printf("\n");
}

/* Close the TAP stream. */
int
unit_done(void)
{
	printf("1..%d\n", checks);
	return failures ? 1 : 0;
}
