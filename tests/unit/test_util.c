/*
 * test_util.c - the allocation and string helpers of util.h that
 * test_core.c does not reach: ARRAY_GROW's doubling, xstrndup's length,
 * xasprintf, prefix/suffix tests, str_to_u64's limits, and xdie's
 * message and abort on an array size that overflows.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "t.h"

static void
test_array_grow(void)
{
	int	*v = NULL;
	size_t	 n = 0, cap = 0, i, caps[5], k = 0, last = 0;
	int	 ok = 1;

	for (i = 0; i < 100; i++) {
		ARRAY_GROW(v, n, cap, 4);
		if (cap != last && k < 5)
			caps[k++] = last = cap;
		v[n++] = (int)i * 3;
	}
	T_INTEQ(n, 100);
	T_INTEQ(cap, 128);
	T_INTEQ(k, 5);
	T_INTEQ(caps[0], 4);
	T_INTEQ(caps[1], 8);
	T_INTEQ(caps[4], 64);
	for (i = 0; i < 100; i++)
		if (v[i] != (int)i * 3)
			ok = 0;
	T_OK(ok);		/* contents kept across every realloc */
	free(v);
	/* Room is made only when full. */
	v = NULL;
	n = 0;
	cap = 0;
	ARRAY_GROW(v, n, cap, 1);
	T_INTEQ(cap, 1);
	v[n++] = 7;
	ARRAY_GROW(v, n, cap, 1);
	T_INTEQ(cap, 2);
	v[n++] = 8;
	T_INTEQ(v[0], 7);
	free(v);
}

static void
test_strings(void)
{
	char	*s;

	s = xstrndup("Sở Tư pháp", 5);		/* bytes, not characters */
	T_STREQ(s, "Sở ");
	free(s);
	s = xstrndup("", 0);
	T_STREQ(s, "");
	free(s);
	s = xstrdup("Đắk Lắk");
	T_STREQ(s, "Đắk Lắk");
	free(s);
	s = xasprintf("%s/%03d-%zu", "ke-hoach", 7, (size_t)12);
	T_STREQ(s, "ke-hoach/007-12");
	free(s);
	s = xasprintf("%s", "");
	T_STREQ(s, "");
	free(s);
	T_INTEQ(str_has_prefix("content/tin-tuc", "content/"), 1);
	T_INTEQ(str_has_prefix("content", "content/"), 0);
	T_INTEQ(str_has_prefix("x", ""), 1);
	T_INTEQ(str_has_suffix("a.md", ".md"), 1);
	T_INTEQ(str_has_suffix("md", ".md"), 0);
	T_INTEQ(str_has_suffix("a.md.bak", ".md"), 0);
	T_INTEQ(str_has_suffix("", ""), 1);
	/* Zero-size allocations still give a pointer to free. */
	s = xmalloc(0);
	T_OK(s != NULL);
	s = xrealloc(s, 0);
	T_OK(s != NULL);
	free(s);
	s = xcalloc(0, 0);
	T_OK(s != NULL);
	free(s);
	s = xcalloc(3, 4);
	T_OK(memcmp(s, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) == 0);
	free(s);
}

static void
test_u64(void)
{
	uint64_t	 v = 99;
	const char	*s = "1733356800:rest", *p;

	p = str_to_u64(s, &v, ':');
	T_OK(p == s + 11);
	T_INTEQ(v, 1733356800);
	T_OK(str_to_u64("0\n", &v, '\n') != NULL);
	T_INTEQ(v, 0);
	T_OK(str_to_u64("12x", &v, ':') == NULL);	/* wrong end byte */
	T_OK(str_to_u64(":", &v, ':') == NULL);		/* no digit */
	T_OK(str_to_u64("-1:", &v, ':') == NULL);
	T_OK(str_to_u64("18446744073709551615:", &v, ':') != NULL);
	T_OK(v == UINT64_MAX);
	/* One more than UINT64_MAX, and the largest 20 digits: no number. */
	T_OK(str_to_u64("18446744073709551616:", &v, ':') == NULL);
	T_OK(str_to_u64("99999999999999999999:", &v, ':') == NULL);
	/* 21 digits is too long even before the end byte. */
	T_OK(str_to_u64("000000000000000000001:", &v, ':') == NULL);
	T_OK(str_to_u64("42", &v, '\0') != NULL);
	T_INTEQ(v, 42);
}

/* xreallocarray refuses n * sz past SIZE_MAX: message, then abort. */
static void
test_overflow_dies(void)
{
	int	 fd[2], st = 0;
	pid_t	 pid;
	char	 msg[128];
	ssize_t	 r;
	size_t	 got = 0;

	if (pipe(fd) != 0) {
		T_OK(0);
		return;
	}
	if ((pid = fork()) == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		(void)xreallocarray(NULL, SIZE_MAX / 2 + 1, 2);
		_exit(0);
	}
	close(fd[1]);
	while (got < sizeof(msg) - 1 &&
	    (r = read(fd[0], msg + got, sizeof(msg) - 1 - got)) > 0)
		got += (size_t)r;
	msg[got] = '\0';
	close(fd[0]);
	waitpid(pid, &st, 0);
	T_OK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	T_STREQ(msg, "cchc: array size overflow\n");
}

int
main(void)
{
	test_array_grow();
	test_strings();
	test_u64();
	test_overflow_dies();
	return t_done("util");
}
