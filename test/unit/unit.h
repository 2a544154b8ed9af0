/*
 * unit.h
 *	  A minimal TAP-emitting unit test harness for the analysis core.
 */
#ifndef NN_UNIT_H
#define NN_UNIT_H

#include <stdbool.h>

/* Record one check; prints "ok N - what" or "not ok N - what # file:line". */
extern void unit_check(bool ok, const char *file, int line, const char *fmt,...)
			__attribute__((format(printf, 4, 5)));

/* Print the plan and return the process exit status. */
extern int	unit_done(void);

#define CHECK(cond, ...) unit_check((cond), __FILE__, __LINE__, __VA_ARGS__)

#endif							/* NN_UNIT_H */
