/*
 * fixtures.h
 *	  Helpers shared by the core's unit tests.
 */
#ifndef NN_FIXTURES_H
#define NN_FIXTURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ner_decode.h"

/* Calls of count_hook since the test last reset it. */
extern long hook_calls;

/* An interrupt hook that counts its calls (install as nn_interrupt_hook). */
extern void count_hook(void);

/* Seconds of CPU time used so far. */
extern double cpu_seconds(void);

/* A new NUL-terminated buffer of n copies of unit; its length goes to *len. */
extern char *repeat(const char *unit, size_t n, size_t *len);

/* For each byte of text (and its end), whether a code point starts there. */
extern bool *code_point_starts(const char *text, size_t len);

/* Check that got equals want; print both when they differ. */
extern void check_same(const char *what, const char *got, const char *want);

/*
 * Open the model embedded in the library into *model and set up *tagger
 * over it; on failure record a failed check and return false.
 */
extern bool open_embedded_tagger(NerModel *model, NerTagger *tagger);

/* Store v at p as a little-endian u32. */
extern void put32(uint8_t *p, uint32_t v);

/*
 * Write the checksum of a model image's words before its trailer into the
 * trailer, computed apart from the core's, after a test edited the image.
 */
extern void reseal(uint8_t *buf, size_t len);

#endif							/* NN_FIXTURES_H */
