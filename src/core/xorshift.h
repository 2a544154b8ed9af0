/*
 * xorshift.h
 *	  The seeded generator the trainers shuffle and sample with (xorshift32),
 *	  so a seed gives the same model on every run.
 */
#ifndef NN_XORSHIFT_H
#define NN_XORSHIFT_H

#include <stdint.h>

/* Advance *state (never 0) and return its new value. */
static inline uint32_t
nn_xorshift32(uint32_t *state)
{
	uint32_t	x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif							/* NN_XORSHIFT_H */
