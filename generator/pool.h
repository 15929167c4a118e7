/*
 * pool.h - run fn(arg, i) for i in [0, n) on `jobs` threads.
 *
 * Items are handed out one at a time from an atomic counter, so uneven
 * pages balance across threads.  fn must only write to item i's own
 * state; results are therefore identical whatever `jobs` is.  With
 * jobs <= 1 everything runs on the calling thread, in order.  A helper
 * thread that cannot start is done without (the calling thread alone if
 * need be); pool_run() never fails.
 */
#ifndef CCHC_POOL_H
#define CCHC_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *arg, size_t i);

void	 pool_run(size_t n, int jobs, pool_fn, void *arg);
/* Number of online CPUs, at least 1. */
int	 pool_ncpu(void);

#endif
