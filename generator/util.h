/*
 * util.h - memory helpers that never return NULL, and small string helpers.
 *
 * x* allocators abort with a message on exhaustion; callers own what they
 * return and release it with free().
 */
#ifndef CCHC_UTIL_H
#define CCHC_UTIL_H

#include <stddef.h>

#ifndef SIZE_MAX
#include <stdint.h>
#endif

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
/*
 * The one way an array grows: makes room for element v[n] (n elements in
 * use, cap allocated), doubling cap from `first` when full.  v, n and cap
 * are lvalues and are evaluated more than once; v may start NULL with
 * cap 0.  Doubling keeps appending n elements O(n).
 */
#define ARRAY_GROW(v, n, cap, first) do {				\
	if ((n) >= (cap)) {						\
		(cap) = (cap) ? (cap) * 2 : (first);			\
		(v) = xreallocarray((v), (cap), sizeof(*(v)));		\
	}								\
} while (0)

char	*xstrdup(const char *);
/* Exactly n bytes (NULs included, unlike strndup) and a NUL after them. */
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * len bytes of fresh zeroed memory mapped on their own (munmap() them),
 * in huge pages where the kernel gives them on request
 * (transparent_hugepage "madvise", Debian's default): for large buffers
 * written once, where each 4 KB page's first touch is a fault.  NULL
 * (errno set) when the mapping fails: the caller falls back to malloc.
 */
void	*map_anon(size_t len);
_Noreturn void xdie(const char *, ...) __attribute__((format(printf, 1, 2)));

int	 str_has_prefix(const char *, const char *);
int	 str_has_suffix(const char *, const char *);
/*
 * Decimal digits (1 to 20, at most UINT64_MAX) at s followed by the byte
 * `end`: the position after it, or NULL.
 */
const char *str_to_u64(const char *s, uint64_t *, int end);

#endif
