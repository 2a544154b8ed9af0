/*
 * shape.h
 *	  Compact word shapes: letters become X or x with runs collapsed, digits
 *	  become d (runs kept up to four), other characters stand for themselves.
 *	  "Harris" -> "Xx", "U.S." -> "X.X.", "28,500" -> "dd,ddd", "iPhone" -> "xXx".
 */
#ifndef NN_SHAPE_H
#define NN_SHAPE_H

#include "nn_common.h"

/* Longest shape produced, in bytes, not counting the terminating NUL. */
#define NN_SHAPE_MAX 64

/*
 * Write the shape of s[0..len) into buf (at least NN_SHAPE_MAX + 1 bytes),
 * NUL-terminated; return its length in bytes.
 */
extern size_t nn_shape(const char *s, size_t len, char *buf);

#endif							/* NN_SHAPE_H */
