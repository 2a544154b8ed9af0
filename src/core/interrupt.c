/*
 * interrupt.c
 *	  The host's interrupt hook (see nn_common.h).
 */
#include "nn_common.h"

NnInterruptHook nn_interrupt_hook = NULL;
