/*
 * util.c - allocation that cannot fail silently, and tiny string helpers.
 */
#include <sys/mman.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
xdie(const char *fmt, ...)
{
	va_list	 ap;

	fputs("cchc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n ? n : 1)) == NULL)
		xdie("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n ? n : 1, sz ? sz : 1)) == NULL)
		xdie("out of memory (%zu x %zu bytes)", n, sz);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		xdie("out of memory (%zu bytes)", n);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		xdie("array size overflow");
	return xrealloc(p, n * sz);
}

void *
map_anon(size_t len)
{
	void	*m;

	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(m, len, MADV_HUGEPAGE);
#endif
	return m;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xdie("vsnprintf failed");
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int
str_has_prefix(const char *s, const char *pfx)
{
	return strncmp(s, pfx, strlen(pfx)) == 0;
}

int
str_has_suffix(const char *s, const char *sfx)
{
	size_t	 a = strlen(s), b = strlen(sfx);

	return a >= b && memcmp(s + a - b, sfx, b) == 0;
}

const char *
str_to_u64(const char *s, uint64_t *v, int end)
{
	int	 i;

	*v = 0;
	for (i = 0; i < 20 && s[i] >= '0' && s[i] <= '9'; i++) {
		/* 20 digits can exceed UINT64_MAX: that is no number. */
		if (*v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return NULL;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return i > 0 && s[i] == end ? s + i + 1 : NULL;
}
