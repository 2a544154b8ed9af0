/*
 * nn_common.h
 *	  Types shared by the analysis core. The core knows nothing of PostgreSQL:
 *	  it takes UTF-8 bytes and reports byte spans.
 */
#ifndef NN_COMMON_H
#define NN_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Result of a core call that can fail for reasons outside the input. */
typedef enum NnStatus
{
	NN_OK = 0,
	NN_ERR_ICU,					/* ICU could not open or run an iterator */
	NN_ERR_NOMEM				/* an allocation failed */
} NnStatus;

/* A half-open byte range [start, end) of the input. */
typedef struct NnSpan
{
	size_t		start;
	size_t		end;
} NnSpan;

/*
 * Hook the host installs so long loops can be interrupted (the PostgreSQL
 * layer points it at CHECK_FOR_INTERRUPTS). It may not return.
 */
typedef void (*NnInterruptHook) (void);
extern NnInterruptHook nn_interrupt_hook;

/* Bytes of input a loop may consume between two interrupt checks. */
#define NN_CHECK_INTERVAL 65536

/* Call the host's interrupt hook, if any. */
static inline void
nn_check_interrupts(void)
{
	if (nn_interrupt_hook)
		nn_interrupt_hook();
}

/*
 * Allocation functions the host may replace. The PostgreSQL layer points
 * them at palloc in the current memory context, so memory taken during a
 * call is released with that context even when an error or a cancel jumps
 * out of the core. Per-call working memory goes through these; objects that
 * outlive a call (models, caches) use malloc and are owned by the host.
 */
typedef struct NnAllocator
{
	void	   *(*alloc) (size_t size);
	void	   *(*resize) (void *ptr, size_t size);
	void		(*release) (void *ptr);
} NnAllocator;

extern NnAllocator nn_allocator;

/* Allocate size bytes of per-call memory; NULL only if the host allows it. */
static inline void *
nn_alloc(size_t size)
{
	return nn_allocator.alloc(size);
}

/* Resize per-call memory from nn_alloc. */
static inline void *
nn_resize(void *ptr, size_t size)
{
	return nn_allocator.resize(ptr, size);
}

/* Release per-call memory from nn_alloc; NULL is ignored. */
static inline void
nn_release(void *ptr)
{
	if (ptr)
		nn_allocator.release(ptr);
}

#endif							/* NN_COMMON_H */
