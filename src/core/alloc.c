/*
 * alloc.c
 *	  The host's allocation functions (see nn_common.h); the C library's
 *	  by default.
 */
#include <stdlib.h>

#include "nn_common.h"

NnAllocator nn_allocator = {malloc, realloc, free};
