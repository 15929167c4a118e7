/*
 * pool.c - a parallel for-loop over independent items; see pool.h.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "fault.h"
#include "pool.h"
#include "util.h"

struct pool {
	atomic_size_t	 next;
	size_t		 n;
	pool_fn		 fn;
	void		*arg;
};

static void *
pool_worker(void *v)
{
	struct pool	*p = v;
	size_t		 i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		p->fn(p->arg, i);
	return NULL;
}

void
pool_run(size_t n, int jobs, pool_fn fn, void *arg)
{
	struct pool	 p;
	pthread_t	*th;
	size_t		 i, nth, started;

	if (jobs <= 1 || n <= 1) {
		for (i = 0; i < n; i++)
			fn(arg, i);
		return;
	}
	atomic_init(&p.next, 0);
	p.n = n;
	p.fn = fn;
	p.arg = arg;
	nth = (size_t)jobs < n ? (size_t)jobs : n;
	th = xcalloc(nth, sizeof(*th));
	/*
	 * The calling thread works too; start nth - 1 helpers.  One that
	 * cannot start (threads or memory exhausted) is done without: the
	 * items are shared out as they come, so fewer threads, or the
	 * calling thread alone, still do them all (as build.c does).
	 */
	for (started = 1; started < nth; started++)
		if (fault_hit("thread", EAGAIN) ||
		    pthread_create(&th[started], NULL, pool_worker, &p) != 0)
			break;
	pool_worker(&p);
	for (i = 1; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
}

int
pool_ncpu(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}
