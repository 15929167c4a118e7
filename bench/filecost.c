/*
 * filecost.c - what one new output file costs the machine, apart from
 * making its bytes: the floor under every file a build writes (pages,
 * and the search index's buckets, shards and documents).
 *
 *   build/filecost DIR [N [SIZE]]
 *
 * In a new folder under DIR (removed at the end) it creates N files
 * (11,001: the bench corpus's search documents) of SIZE bytes (3,200:
 * such a document) as cchc's write layer does (open O_CREAT|O_TRUNC,
 * write, fstat, close, a path relative to the folder), three times over
 * in fresh folders; then the same without the fstat, and without the
 * write and the fstat (empty files); and prints the median microseconds
 * a file of each.  Point DIR where the output goes (bench/search.sh's
 * is under $TMPDIR: /dev/shm).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS	3

enum { DO_WRITE = 1, DO_STAT = 2 };

static double
now_us(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* Removes the n files made in dfd's folder, then the folder; 0 or -1. */
static int
unmake(int dfd, const char *dir, long n)
{
	char	 name[32];
	long	 i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%ld.js", i);
		if (unlinkat(dfd, name, 0) == -1 && errno != ENOENT)
			return -1;
	}
	close(dfd);
	return rmdir(dir);
}

/* Microseconds a file for n files of size bytes; -1 on an error. */
static double
one_round(const char *dir, long n, const char *data, size_t size, int what)
{
	char		 name[32];
	struct stat	 st;
	double		 t0, t;
	long		 i;
	int		 dfd, fd, rc = 0;

	if (mkdir(dir, 0777) == -1 ||
	    (dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		perror(dir);
		return -1;
	}
	t0 = now_us();
	for (i = 0; i < n && rc == 0; i++) {
		snprintf(name, sizeof(name), "%ld.js", i);
		if ((fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0666)) == -1) {
			rc = -1;
			break;
		}
		if ((what & DO_WRITE) &&
		    write(fd, data, size) != (ssize_t)size)
			rc = -1;
		if ((what & DO_STAT) && fstat(fd, &st) == -1)
			rc = -1;
		if (close(fd) == -1)
			rc = -1;
	}
	t = (now_us() - t0) / (double)n;
	if (rc == -1)
		perror(name);
	if (unmake(dfd, dir, n) == -1) {
		perror(dir);
		rc = -1;
	}
	return rc == 0 ? t : -1;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char *argv[])
{
	static const struct {
		const char	*label;
		int		 what;
	} ways[] = {
		{ "open, write, fstat, close", DO_WRITE | DO_STAT },
		{ "open, write, close", DO_WRITE },
		{ "open, close (empty)", 0 },
	};
	char	*dir, *data;
	double	 t[ROUNDS];
	long	 n = 11001;
	size_t	 size = 3200, w;
	int	 r;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: filecost DIR [N [SIZE]]\n");
		return 2;
	}
	if (argc > 2 && (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "filecost: N must be a positive number\n");
		return 2;
	}
	if (argc > 3 && (argv[3][0] == '-' ||
	    (size = (size_t)atol(argv[3])) > (1u << 30))) {
		fprintf(stderr, "filecost: SIZE must be 0 to 1 GB\n");
		return 2;
	}
	if ((data = malloc(size + 1)) == NULL ||
	    (dir = malloc(strlen(argv[1]) + 32)) == NULL) {
		perror("filecost");
		free(data);
		return 1;
	}
	memset(data, 'a', size);
	snprintf(dir, strlen(argv[1]) + 32, "%s/filecost-%ld", argv[1],
	    (long)getpid());
	printf("filecost: %ld files of %zu bytes in %s, median of %d\n",
	    n, size, argv[1], ROUNDS);
	for (w = 0; w < sizeof(ways) / sizeof(ways[0]); w++) {
		for (r = 0; r < ROUNDS; r++)
			if ((t[r] = one_round(dir, n, data, size,
			    ways[w].what)) < 0) {
				free(data);
				free(dir);
				return 1;
			}
		qsort(t, ROUNDS, sizeof(t[0]), cmp_double);
		printf("  %-28s %6.2f us a file (%.2f-%.2f)\n",
		    ways[w].label, t[ROUNDS / 2], t[0], t[ROUNDS - 1]);
	}
	free(data);
	free(dir);
	return 0;
}
