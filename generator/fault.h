/*
 * fault.h - fault injection for the tests, compiled in only with
 * -DCCHC_FAULTS (the Makefile's $(BUILD)/cchc-test).  The shipped cchc is
 * built without it: fault_hit() is then the constant 0 and no code reads
 * the environment.
 *
 * CCHC_FAULT="point[:n],..." makes the n-th pass (default the first)
 * through `point` fail: fault_hit() returns 1 with errno set to err.
 * fault_stop(point) instead kills the process there (SIGKILL), as a
 * power cut or `kill -9` would.  The points are listed in fault.c.
 */
#ifndef CCHC_FAULT_H
#define CCHC_FAULT_H

#ifdef CCHC_FAULTS
int	 fault_hit(const char *point, int err);
void	 fault_stop(const char *point);
#else
#define	 fault_hit(point, err)	((void)(point), (void)(err), 0)
#define	 fault_stop(point)	((void)(point))
#endif

#endif
