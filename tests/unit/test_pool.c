/*
 * test_pool.c - the parallel for-loop (pool.h): every index is run
 * exactly once for any count and any number of jobs, all before
 * pool_run returns; with one job (or fewer) in order on the calling
 * thread; results do not depend on the number of jobs.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"
#include "t.h"

#define MAXN	10007

struct counts {
	atomic_int	 hits[MAXN];
	atomic_size_t	 calls;
};

static void
count(void *arg, size_t i)
{
	struct counts	*c = arg;

	atomic_fetch_add(&c->hits[i], 1);
	atomic_fetch_add(&c->calls, 1);
}

static void
test_once(void)
{
	static const size_t ns[] = { 0, 1, 2, 3, 4, 5, 7, 64, 100, 1000,
	    MAXN };
	static const int jobs[] = { -3, 0, 1, 2, 3, 4, 5, 8, 16, 200 };
	struct counts	*c;
	size_t		 a, b, i;
	int		 ok;

	c = calloc(1, sizeof(*c));
	for (a = 0; a < sizeof(ns) / sizeof(ns[0]); a++)
		for (b = 0; b < sizeof(jobs) / sizeof(jobs[0]); b++) {
			for (i = 0; i < MAXN; i++)
				atomic_store(&c->hits[i], 0);
			atomic_store(&c->calls, 0);
			pool_run(ns[a], jobs[b], count, c);
			/* Done by the time pool_run returns, each once. */
			ok = atomic_load(&c->calls) == ns[a];
			for (i = 0; i < MAXN; i++)
				if (atomic_load(&c->hits[i]) !=
				    (i < ns[a] ? 1 : 0))
					ok = 0;
			if (!ok)
				fprintf(stderr, "pool_run(%zu, %d): not each "
				    "index once\n", ns[a], jobs[b]);
			T_OK(ok);
		}
	free(c);
}

/* With jobs <= 1: in order, on the calling thread. */
struct order {
	size_t		 seen[100];
	size_t		 n;
	pthread_t	 caller;
	int		 other_thread;
};

static void
record(void *arg, size_t i)
{
	struct order	*o = arg;

	if (!pthread_equal(pthread_self(), o->caller))
		o->other_thread = 1;
	if (o->n < 100)
		o->seen[o->n] = i;
	o->n++;
}

static void
test_serial(void)
{
	static const int jobs[] = { 1, 0, -1 };
	struct order	 o;
	size_t		 i, k;
	int		 in_order;

	for (k = 0; k < 3; k++) {
		memset(&o, 0, sizeof(o));
		o.caller = pthread_self();
		pool_run(100, jobs[k], record, &o);
		in_order = o.n == 100;
		for (i = 0; i < 100 && in_order; i++)
			if (o.seen[i] != i)
				in_order = 0;
		T_OK(in_order);
		T_INTEQ(o.other_thread, 0);
	}
	/* One item runs on the calling thread whatever jobs is. */
	memset(&o, 0, sizeof(o));
	o.caller = pthread_self();
	pool_run(1, 8, record, &o);
	T_INTEQ(o.n, 1);
	T_INTEQ(o.seen[0], 0);
	T_INTEQ(o.other_thread, 0);
}

/* Each item writes only its own slot: the same results for any jobs. */
static void
square(void *arg, size_t i)
{
	unsigned long long	*out = arg;
	unsigned long long	 x = i, k;

	/* Uneven work, so that items finish out of order. */
	for (k = 0; k < (i % 13) * 200; k++)
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
	out[i] = x ^ (unsigned long long)i * i;
}

static void
test_same_results(void)
{
	unsigned long long	*one, *many;
	size_t			 n = 5000;
	int			 jobs;

	one = calloc(n, sizeof(*one));
	many = calloc(n, sizeof(*many));
	pool_run(n, 1, square, one);
	for (jobs = 2; jobs <= 6; jobs++) {
		memset(many, 0, n * sizeof(*many));
		pool_run(n, jobs, square, many);
		T_OK(memcmp(one, many, n * sizeof(*one)) == 0);
	}
	free(one);
	free(many);
}

static void
test_ncpu(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);
	int	 want = n < 1 ? 1 : n > 256 ? 256 : (int)n;

	T_INTEQ(pool_ncpu(), want);
	T_OK(pool_ncpu() >= 1 && pool_ncpu() <= 256);
}

int
main(void)
{
	test_once();
	test_serial();
	test_same_results();
	test_ncpu();
	return t_done("pool");
}
