/*
 * fault.c - fault injection for the tests; see fault.h.  Empty unless
 * compiled with -DCCHC_FAULTS.
 *
 * Points (CCHC_FAULT names):
 *   write      an output file written into the staging folder (ENOSPC)
 *   chmod      the staging folder made readable by all (EPERM)
 *   link       a kept output file linked into the staging folder (EIO)
 *   unlink     the old manifest removed before the swap (EIO)
 *   exchange   renameat2(RENAME_EXCHANGE) unsupported (EINVAL): the
 *              two-rename fallback is used
 *   swap       the rename that puts the new tree in place (EIO)
 *   rollback   the rename that puts the old tree back (EIO)
 *   clear      removing the previous output's folder after the swap (EIO)
 *   spare      bringing the previous output up to date as the spare (EIO)
 *   thread     starting a worker thread of the pool (EAGAIN)
 *   search-thread  starting the search index's thread beside the bodies
 *              (EAGAIN): the index is made after them
 * fault_stop() points (killed there):
 *   stop-linked     the staging tree complete, before the swap
 *   stop-aside      fallback: the old tree renamed aside
 *   stop-swapped    the new tree in place, before the manifest is saved
 *   stop-clearing   half way through removing the previous output
 *   stop-spare      bringing the previous output up to date as the spare
 */
#ifdef CCHC_FAULTS

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"

#define FAULT_MAX	16

static struct fault {
	char		 name[32];
	unsigned long	 at;		/* the pass that fails, from 1 */
	atomic_ulong	 passes;
} faults[FAULT_MAX];
static size_t		 nfaults;
static pthread_once_t	 once = PTHREAD_ONCE_INIT;

static void
fault_init(void)
{
	const char	*s = getenv("CCHC_FAULT"), *e, *colon;
	size_t		 n;

	while (s != NULL && *s != '\0' && nfaults < FAULT_MAX) {
		e = strchr(s, ',');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		colon = memchr(s, ':', n);
		if ((colon != NULL ? (size_t)(colon - s) : n) <
		    sizeof(faults[0].name)) {
			memcpy(faults[nfaults].name, s,
			    colon != NULL ? (size_t)(colon - s) : n);
			faults[nfaults].at = colon != NULL ?
			    strtoul(colon + 1, NULL, 10) : 1;
			atomic_init(&faults[nfaults].passes, 0);
			nfaults++;
		}
		s = e != NULL ? e + 1 : NULL;
	}
}

int
fault_hit(const char *point, int err)
{
	size_t	 i;

	pthread_once(&once, fault_init);
	for (i = 0; i < nfaults; i++)
		if (strcmp(faults[i].name, point) == 0 &&
		    atomic_fetch_add(&faults[i].passes, 1) + 1 == faults[i].at) {
			errno = err;
			return 1;
		}
	return 0;
}

void
fault_stop(const char *point)
{
	if (fault_hit(point, 0))
		kill(getpid(), SIGKILL);
}

#else
/* ISO C wants something in a translation unit. */
typedef int fault_none;
#endif
