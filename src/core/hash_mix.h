/*
 * hash_mix.h
 *	  The 64-bit finaliser the feature hashes share (MurmurHash3's fmix64):
 *	  spreads nearby inputs over every bit. Stored models depend on it, so it
 *	  must never change.
 */
#ifndef NN_HASH_MIX_H
#define NN_HASH_MIX_H

#include <stdint.h>

/* MurmurHash3's 64-bit finaliser. */
static inline uint64_t
nn_mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif							/* NN_HASH_MIX_H */
