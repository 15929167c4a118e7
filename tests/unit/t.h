/*
 * t.h - minimal unit-test harness.  Each tests/unit/test_<module>.c is one
 * program; every check counts as one test, failures print file:line and
 * the values compared, and t_done() prints the "N passed, N failed" line
 * that tests/run.sh adds up.  Exit status is non-zero when a check failed.
 */
#ifndef CCHC_T_H
#define CCHC_T_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define T_OK(cond) do {							\
	if (cond)							\
		t_pass++;						\
	else {								\
		t_fail++;						\
		fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); \
	}								\
} while (0)

#define T_STREQ(got, want) do {						\
	const char *t_g_ = (got), *t_w_ = (want);			\
	if (t_g_ != NULL && t_w_ != NULL && strcmp(t_g_, t_w_) == 0)	\
		t_pass++;						\
	else {								\
		t_fail++;						\
		fprintf(stderr, "%s:%d: FAIL: %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
		    __FILE__, __LINE__, #got, t_g_ ? t_g_ : "(null)",	\
		    t_w_ ? t_w_ : "(null)");				\
	}								\
} while (0)

#define T_INTEQ(got, want) do {						\
	long long t_g_ = (long long)(got), t_w_ = (long long)(want);	\
	if (t_g_ == t_w_)						\
		t_pass++;						\
	else {								\
		t_fail++;						\
		fprintf(stderr, "%s:%d: FAIL: %s\n  got:  %lld\n  want: %lld\n", \
		    __FILE__, __LINE__, #got, t_g_, t_w_);		\
	}								\
} while (0)

#define T_CONTAINS(hay, needle) do {					\
	const char *t_h_ = (hay), *t_n_ = (needle);			\
	if (t_h_ != NULL && strstr(t_h_, t_n_) != NULL)			\
		t_pass++;						\
	else {								\
		t_fail++;						\
		fprintf(stderr, "%s:%d: FAIL: %s does not contain \"%s\"\n  in: \"%s\"\n", \
		    __FILE__, __LINE__, #hay, t_n_, t_h_ ? t_h_ : "(null)"); \
	}								\
} while (0)

static inline int
t_done(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, t_pass, t_fail);
	return t_fail != 0;
}

#endif
