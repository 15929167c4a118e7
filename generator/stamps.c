/*
 * stamps.c - see stamps.h.  The file is sealed (cachefile.h: magic
 * "CCHCSTMP", version, salt 0, length, checksum); its body is text, a
 * line a file:
 *
 *   <hash> <size> <mtime s>.<ns> <ctime s>.<ns> <inode> <device> <path>
 *
 * Paths are sorted; the same stamps give the same bytes.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachefile.h"
#include "fs.h"
#include "hash.h"
#include "stamps.h"
#include "util.h"

/* Version 2: the cachefile.h framing (1 was text with an "end" line). */
#define STAMPS_MAGIC	"CCHCSTMP"
#define STAMPS_VERSION	2
#define STAMPS_MAX	((size_t)256 << 20)

struct stamp {
	char		*path;
	uint64_t	 hash, size, ino, dev;
	int64_t		 ms, cs;		/* mtime, ctime seconds */
	long		 mns, cns;		/* and nanoseconds */
};

struct stamps {
	struct stamp	*v;
	size_t		 n;
	size_t		*tab;		/* index + 1; 0 empty */
	size_t		 tabcap;
	int64_t		 saved;		/* when the file was written (s) */
};

static size_t
slot(const struct stamps *t, const char *path)
{
	return hash64(path, strlen(path), 3) & (t->tabcap - 1);
}

static const char *
hex(const char *s, uint64_t *v)
{
	return (s = hash_unhex(s, v)) != NULL && *s == ' ' ? s + 1 : NULL;
}

/* Parses the lines of the body; -1 if damaged. */
static int
parse(struct stamps *t, char *s, char *end)
{
	struct stamp	 e;
	const char	*p;
	char		*nl;
	uint64_t	 ms, mns, cs, cns;
	size_t		 cap = 0, k;

	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			return -1;
		*nl = '\0';
		if ((p = hex(s, &e.hash)) == NULL ||
		    (p = str_to_u64(p, &e.size, ' ')) == NULL ||
		    (p = str_to_u64(p, &ms, '.')) == NULL ||
		    (p = str_to_u64(p, &mns, ' ')) == NULL ||
		    (p = str_to_u64(p, &cs, '.')) == NULL ||
		    (p = str_to_u64(p, &cns, ' ')) == NULL ||
		    (p = str_to_u64(p, &e.ino, ' ')) == NULL ||
		    (p = str_to_u64(p, &e.dev, ' ')) == NULL || *p == '\0')
			return -1;
		e.ms = (int64_t)ms;
		e.mns = (long)mns;
		e.cs = (int64_t)cs;
		e.cns = (long)cns;
		e.path = xstrdup(p);
		ARRAY_GROW(t->v, t->n, cap, 1024);
		t->v[t->n++] = e;
		s = nl + 1;
	}
	t->tabcap = 1024;
	while (t->tabcap < 2 * t->n + 2)
		t->tabcap *= 2;
	t->tab = xcalloc(t->tabcap, sizeof(*t->tab));
	for (k = 0; k < t->n; k++) {
		size_t i = slot(t, t->v[k].path);

		while (t->tab[i] != 0)
			i = (i + 1) & (t->tabcap - 1);
		t->tab[i] = k + 1;
	}
	return 0;
}

static void
clear(struct stamps *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].path);
	free(t->v);
	free(t->tab);
	t->v = NULL;
	t->tab = NULL;
	t->n = t->tabcap = 0;
}

/* The file's bytes in b (NUL-terminated, changed in place) into t. */
static void
load(struct stamps *t, struct buf *b)
{
	if (!cf_sealed_ok(b->data, b->len, STAMPS_MAGIC, STAMPS_VERSION, 0,
	    NULL))
		return;
	if (parse(t, b->data + CF_SEALED_HEAD, b->data + b->len) == -1)
		clear(t);
}

struct stamps *
stamps_load(const char *path)
{
	struct stamps	*t = xcalloc(1, sizeof(*t));
	struct buf	 b = BUF_INIT;
	struct stat	 st;

	if (stat(path, &st) == -1 || fs_read(path, STAMPS_MAX, &b) == -1)
		goto out;
	t->saved = (int64_t)st.st_mtim.tv_sec;
	load(t, &b);
out:
	buf_free(&b);
	return t;
}

struct stamps *
stamps_parse(const char *data, size_t len, int64_t saved)
{
	struct stamps	*t = xcalloc(1, sizeof(*t));
	struct buf	 b = BUF_INIT;

	t->saved = saved;
	buf_put(&b, data, len);
	load(t, &b);
	buf_free(&b);
	return t;
}

uint64_t
stamps_get(const struct stamps *t, const char *path, const struct stat *st)
{
	const struct stamp *e;
	size_t		 i, k;

	if (t->tabcap == 0)
		return 0;
	for (i = slot(t, path); (k = t->tab[i]) != 0;
	    i = (i + 1) & (t->tabcap - 1)) {
		e = &t->v[k - 1];
		if (strcmp(e->path, path) != 0)
			continue;
		if (!S_ISREG(st->st_mode) ||
		    (uint64_t)st->st_size != e->size ||
		    (int64_t)st->st_mtim.tv_sec != e->ms ||
		    st->st_mtim.tv_nsec != e->mns ||
		    (int64_t)st->st_ctim.tv_sec != e->cs ||
		    st->st_ctim.tv_nsec != e->cns ||
		    (uint64_t)st->st_ino != e->ino ||
		    (uint64_t)st->st_dev != e->dev)
			return 0;
		/* Changed too close to the saving to be sure: read it. */
		if (e->ms >= t->saved - STAMPS_RACY ||
		    e->cs >= t->saved - STAMPS_RACY)
			return 0;
		return e->hash;
	}
	return 0;
}

int
stamps_save(const struct stamps *old, const char *path, char *const *paths,
    const struct stat *sts, const uint64_t *hashes, size_t n)
{
	struct buf	 b = BUF_INIT;
	char		 h[17];
	size_t		 i, same = 0, kept = 0;
	int		 rc;

	cf_begin_sealed(&b, STAMPS_MAGIC, STAMPS_VERSION, 0);
	for (i = 0; i < n; i++) {
		const struct stat *st = &sts[i];

		if (hashes[i] == 0)
			continue;
		kept++;
		if (stamps_get(old, paths[i], st) == hashes[i])
			same++;
		hash_hex(hashes[i], h);
		buf_printf(&b, "%s %" PRIu64 " %" PRId64 ".%09ld %" PRId64
		    ".%09ld %" PRIu64 " %" PRIu64 " %s\n", h,
		    (uint64_t)st->st_size, (int64_t)st->st_mtim.tv_sec,
		    st->st_mtim.tv_nsec, (int64_t)st->st_ctim.tv_sec,
		    st->st_ctim.tv_nsec, (uint64_t)st->st_ino,
		    (uint64_t)st->st_dev, paths[i]);
	}
	/* Everything trusted and nothing else: leave the file as it is. */
	if (same == kept && kept == old->n) {
		buf_free(&b);
		return 0;
	}
	rc = cf_save(path, &b);
	buf_free(&b);
	return rc;
}

void
stamps_free(struct stamps *t)
{
	if (t == NULL)
		return;
	clear(t);
	free(t);
}
