/*
 * write.c - stage 5: the output folder, swapped or updated; see write.h.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "cachefile.h"
#include "errtext.h"
#include "fault.h"
#include "fs.h"
#include "hash.h"
#include "pool.h"
#include "util.h"
#include "write.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Version 3: the cachefile.h framing (2 was text with an "end" line). */
#define MANIFEST_MAGIC	"CCHCOUTP"
#define MANIFEST_VERSION 3
#define MANIFEST_MAX	((size_t)1 << 30)

/* In a staging folder only, from its making until just before the swap. */
#define STAGE_MARKER	".cchc-staging"

enum walk_mode { WALK_CHECK, WALK_CLEAR };

/* Is the entry a folder (not a link to one)?  The folder usually says. */
static int
entry_is_dir(DIR *dir, const struct dirent *de)
{
	struct stat	 st;

	if (de->d_type != DT_UNKNOWN)
		return de->d_type == DT_DIR;
	return fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
	    0 && S_ISDIR(st.st_mode);
}

static long	walk_check_parallel(struct outdir *);

/* One file of the output as written. */
struct outfile {
	char		*rel;
	uint64_t	 hash;		/* of the bytes */
	uint64_t	 key;		/* of what made them, 0 if unknown */
	uint64_t	 size;
	int64_t		 mtime_s;
	long		 mtime_ns;
	uint64_t	 ino, dev;
	int		 staged;	/* in o->tmp, to be renamed in */
	int		 ok;		/* old: found as recorded */
};

/* The files of one build, with a hash table on rel. */
struct outman {
	struct outfile	*v;
	size_t		 len, cap;
	size_t		*tab;		/* index + 1; 0 is empty */
	size_t		 tabcap;	/* a power of two, > 2 * len */
};

static struct outman *
man_new(void)
{
	return xcalloc(1, sizeof(struct outman));
}

static void
man_free(struct outman *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->len; i++)
		free(m->v[i].rel);
	free(m->v);
	free(m->tab);
	free(m);
}

static void
man_rehash(struct outman *m)
{
	size_t	 i, k;

	free(m->tab);
	m->tabcap = 64;
	while (m->tabcap < 2 * m->cap + 2)
		m->tabcap *= 2;
	m->tab = xcalloc(m->tabcap, sizeof(*m->tab));
	for (i = 0; i < m->len; i++) {
		k = hash64(m->v[i].rel, strlen(m->v[i].rel), 0) &
		    (m->tabcap - 1);
		while (m->tab[k] != 0)
			k = (k + 1) & (m->tabcap - 1);
		m->tab[k] = i + 1;
	}
}

static struct outfile *
man_get(const struct outman *m, const char *rel)
{
	size_t	 k, i;

	if (m == NULL || m->tabcap == 0)
		return NULL;
	k = hash64(rel, strlen(rel), 0) & (m->tabcap - 1);
	while ((i = m->tab[k]) != 0) {
		if (strcmp(m->v[i - 1].rel, rel) == 0)
			return &m->v[i - 1];
		k = (k + 1) & (m->tabcap - 1);
	}
	return NULL;
}

/* Adds f (taking its rel); a second entry for one rel replaces the first. */
static void
man_add(struct outman *m, struct outfile *f)
{
	struct outfile	*old;
	size_t		 k;

	if ((old = man_get(m, f->rel)) != NULL) {
		free(old->rel);
		*old = *f;
		return;
	}
	if (m->len == m->cap) {
		ARRAY_GROW(m->v, m->len, m->cap, 256);
		m->v[m->len++] = *f;
		man_rehash(m);
		return;
	}
	m->v[m->len] = *f;
	k = hash64(f->rel, strlen(f->rel), 0) & (m->tabcap - 1);
	while (m->tab[k] != 0)
		k = (k + 1) & (m->tabcap - 1);
	m->tab[k] = ++m->len;
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct outfile *)a)->rel,
	    ((const struct outfile *)b)->rel);
}

static void
stat_to(struct outfile *f, const struct stat *st)
{
	f->size = (uint64_t)st->st_size;
	f->mtime_s = (int64_t)st->st_mtim.tv_sec;
	f->mtime_ns = st->st_mtim.tv_nsec;
	f->ino = (uint64_t)st->st_ino;
	f->dev = (uint64_t)st->st_dev;
}

/* Is the file st describes the one f records? */
static int
stat_is(const struct outfile *f, const struct stat *st)
{
	return S_ISREG(st->st_mode) && (uint64_t)st->st_size == f->size &&
	    (int64_t)st->st_mtim.tv_sec == f->mtime_s &&
	    st->st_mtim.tv_nsec == f->mtime_ns &&
	    (uint64_t)st->st_ino == f->ino && (uint64_t)st->st_dev == f->dev;
}

/*
 * The manifest file is sealed (cachefile.h: magic "CCHCOUTP", version,
 * salt 0, length, checksum); its body is text:
 *   final <absolute output path>
 *   fingerprint <16 hex>
 *   note <bytes>\n<that many bytes>\n
 *   <hash> <key> <size> <mtime s>.<ns> <inode> <device> <rel>  a file
 * Anything else (truncated, edited, another version) is not used.  The
 * body's checksum names the manifest (the spare's marker).
 */
/* 16 hex digits then `end`; the position after it, or NULL. */
static const char *
get_hex(const char *s, uint64_t *v, int end)
{
	return (s = hash_unhex(s, v)) != NULL && *s == end ? s + 1 : NULL;
}

/*
 * The manifest's bytes in b (NUL-terminated, changed in place) if it was
 * written for the output folder `final`: its files, fingerprint and note.
 * 0 or -1 (nothing set).
 */
static int
man_parse(struct buf *b, const char *final, struct outman **mp,
    uint64_t *fp, char **note, uint64_t *mh)
{
	struct outman	*m = NULL;
	struct outfile	 f;
	char		*s, *end, *nl;
	uint64_t	 size, ino, dev, h, key, sec, ns, nn;
	const char	*p;
	size_t		 n;
	int		 rc = -1;

	*mp = NULL;
	*note = NULL;
	if (!cf_sealed_ok(b->data, b->len, MANIFEST_MAGIC, MANIFEST_VERSION,
	    0, mh))
		goto out;
	s = b->data + CF_SEALED_HEAD;
	end = b->data + b->len;
	n = strlen(final);
	if (strncmp(s, "final ", 6) != 0 || strncmp(s + 6, final, n) != 0 ||
	    s[6 + n] != '\n')
		goto out;
	s += 6 + n + 1;
	if (strncmp(s, "fingerprint ", 12) != 0 ||
	    (p = get_hex(s + 12, &h, '\n')) == NULL)
		goto out;
	*fp = h;
	s = (char *)p;
	if (strncmp(s, "note ", 5) != 0)
		goto out;
	/* The note's length is checked before it is added to anything. */
	if ((p = str_to_u64(s + 5, &nn, '\n')) == NULL ||
	    nn >= (uint64_t)(end - p) || p[nn] != '\n')
		goto out;
	*note = xstrndup(p, (size_t)nn);
	s = (char *)p + nn + 1;
	m = man_new();
	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			goto out;
		*nl = '\0';
		memset(&f, 0, sizeof(f));
		if ((p = get_hex(s, &h, ' ')) == NULL ||
		    (p = get_hex(p, &key, ' ')) == NULL ||
		    (p = str_to_u64(p, &size, ' ')) == NULL ||
		    (p = str_to_u64(p, &sec, '.')) == NULL ||
		    (p = str_to_u64(p, &ns, ' ')) == NULL ||
		    (p = str_to_u64(p, &ino, ' ')) == NULL ||
		    (p = str_to_u64(p, &dev, ' ')) == NULL || *p == '\0')
			goto out;
		f.hash = h;
		f.key = key;
		f.size = size;
		f.mtime_s = (int64_t)sec;
		f.mtime_ns = (long)ns;
		f.ino = ino;
		f.dev = dev;
		f.rel = xstrdup(p);
		man_add(m, &f);
		s = nl + 1;
	}
	*mp = m;
	m = NULL;
	rc = 0;
out:
	if (rc == -1) {
		free(*note);
		*note = NULL;
	}
	man_free(m);
	return rc;
}

static int
man_load(const char *path, const char *final, struct outman **mp,
    uint64_t *fp, char **note, uint64_t *mh)
{
	struct buf	 b = BUF_INIT;
	int		 rc;

	*mp = NULL;
	*note = NULL;
	rc = fs_read(path, MANIFEST_MAX, &b) == 0 ?
	    man_parse(&b, final, mp, fp, note, mh) : -1;
	buf_free(&b);
	return rc;
}


/*
 * f's line of the manifest, as "%s %s %" PRIu64 " %" PRId64 ".%09ld %"
 * PRIu64 " %" PRIu64 " %s\n" of its hash and key in hex, size, mtime,
 * inode, device and path would write it (man_load() reads it back).
 */
static void
man_line(struct buf *b, const struct outfile *f)
{
	char	 hex[17], ns[9];
	long	 v = f->mtime_ns;
	size_t	 k;

	hash_hex(f->hash, hex);
	buf_put(b, hex, 16);
	buf_putc(b, ' ');
	hash_hex(f->key, hex);
	buf_put(b, hex, 16);
	buf_putc(b, ' ');
	buf_put_u64(b, f->size);
	buf_putc(b, ' ');
	if (f->mtime_s < 0) {
		buf_putc(b, '-');
		buf_put_u64(b, -(uint64_t)f->mtime_s);
	} else
		buf_put_u64(b, (uint64_t)f->mtime_s);
	buf_putc(b, '.');
	if (v < 0 || v > 999999999) {
		buf_printf(b, "%09ld", v);	/* no system gives these */
	} else {
		for (k = sizeof(ns); k > 0; k--, v /= 10)
			ns[k - 1] = (char)('0' + v % 10);
		buf_put(b, ns, sizeof(ns));
	}
	buf_putc(b, ' ');
	buf_put_u64(b, f->ino);
	buf_putc(b, ' ');
	buf_put_u64(b, f->dev);
	buf_putc(b, ' ');
	buf_puts(b, f->rel);
	buf_putc(b, '\n');
}

/* Written to a temporary file, then renamed over the old one; *mh: its hash. */
static int
man_save(const struct outdir *o, const char *final, uint64_t *mh)
{
	struct buf	 b = BUF_INIT;
	char		 hex[17];
	size_t		 i;
	int		 rc;

	cf_begin_sealed(&b, MANIFEST_MAGIC, MANIFEST_VERSION, 0);
	buf_printf(&b, "final %s\n", final);
	hash_hex(o->fingerprint, hex);
	buf_printf(&b, "fingerprint %s\n", hex);
	buf_printf(&b, "note %zu\n%s\n", o->note ? strlen(o->note) : 0,
	    o->note ? o->note : "");
	/* A line a file, 36,000 on the bench site: not through printf. */
	for (i = 0; i < o->cur->len; i++)
		man_line(&b, &o->cur->v[i]);
	*mh = cf_seal(&b);
	rc = fs_replace(o->manifest, b.data, b.len);
	buf_free(&b);
	return rc;
}

static int
dir_is_empty(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	int		 empty = 1;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/*
 * The folder to swap for the output `out`: `out` without trailing
 * slashes or, when it is a symbolic link to a folder, that folder (the
 * link stays as it is).  Its parent folder and its name.
 */
static void
out_split(const char *out, char **final, char **parent, char **name)
{
	struct stat	 st;
	char		 r[PATH_MAX], *f, *slash;

	f = xstrdup(out);
	while (strlen(f) > 1 && f[strlen(f) - 1] == '/')
		f[strlen(f) - 1] = '\0';
	if (lstat(f, &st) == 0 && S_ISLNK(st.st_mode) && fs_is_dir(f) &&
	    realpath(f, r) != NULL) {
		free(f);
		f = xstrdup(r);
	}
	if ((slash = strrchr(f, '/')) != NULL) {
		*parent = slash == f ? xstrdup("/") :
		    xstrndup(f, (size_t)(slash - f));
		*name = xstrdup(slash + 1);
	} else {
		*parent = xstrdup(".");
		*name = xstrdup(f);
	}
	*final = f;
}

/*
 * Is `entry` (in the output's parent folder) named as a staging folder
 * of the output `name` is: ".<name>.tmp-<pid>-XXXXXX", or
 * ".<name>.tmp-XXXXXX" (cchc 0.1.0 and before), either perhaps with
 * ".old" after it (the previous output moved aside by a swap)?  *pid is
 * the pid in it, or 0.
 */
static int
leftover_name(const char *entry, const char *name, long *pid, int *old)
{
	const char	*s;
	char		*e;
	size_t		 n = strlen(name), k;

	if (entry[0] != '.' || strncmp(entry + 1, name, n) != 0 ||
	    strncmp(entry + 1 + n, ".tmp-", 5) != 0)
		return 0;
	s = entry + 1 + n + 5;
	*pid = 0;
	if (strchr(s, '-') != NULL) {
		if (*s < '0' || *s > '9')
			return 0;
		*pid = strtol(s, &e, 10);
		if (*e != '-' || *pid <= 0)
			return 0;
		s = e + 1;
	}
	for (k = 0; k < 6; k++, s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z')))
			return 0;
	*old = strcmp(s, ".old") == 0;
	return *s == '\0' || *old;
}

static int	dir_is_empty(const char *);
static void	spare_drop(const char *);
#define SPARE_MARKER	".cchc-spare"

/*
 * A folder cchc made: one holding `marker` (a staging folder's, a
 * spare's) or the output's own marker (an output moved aside), or an
 * empty one.
 */
static int
made_by_cchc(const char *path, const char *marker)
{
	char	*a = fs_join(path, marker), *b = fs_join(path, OUT_MARKER);
	int	 yes;

	yes = fs_is_file(a) || fs_is_file(b) || dir_is_empty(path);
	free(a);
	free(b);
	return yes;
}

void
out_sweep(const char *out, FILE *notes, struct diag *d)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*dir;
	char		*final, *parent, *name, *path, **v = NULL, *v2;
	size_t		 n = 0, i, vcap = 0, ocap = 0;
	long		 pid;
	int		 old, *isold = NULL;

	out_split(out, &final, &parent, &name);
	if ((dir = opendir(parent)) == NULL)
		goto out;
	while ((de = readdir(dir)) != NULL) {
		if (!leftover_name(de->d_name, name, &pid, &old))
			continue;
		/* A build of this output still running: its own. */
		if (pid != 0 && pid != (long)getpid() &&
		    (kill((pid_t)pid, 0) == 0 || errno == EPERM))
			continue;
		path = fs_join(parent, de->d_name);
		if (lstat(path, &st) == -1 || !S_ISDIR(st.st_mode) ||
		    !made_by_cchc(path, STAGE_MARKER)) {
			free(path);
			continue;
		}
		ARRAY_GROW(v, n, vcap, 8);
		ARRAY_GROW(isold, n, ocap, 8);
		v[n] = path;
		isold[n++] = old;
	}
	closedir(dir);
	/* A spare without its marker: one whose editing was cut short. */
	path = xasprintf("%s/.%s.cchc-spare", parent, name);
	v2 = fs_join(path, SPARE_MARKER);
	if (!fs_is_file(v2))
		spare_drop(path);
	free(v2);
	free(path);
	/* A swap killed between its two renames: the old tree goes back. */
	if (lstat(final, &st) == -1 && errno == ENOENT)
		for (i = 0; i < n; i++)
			if (isold[i] && rename(v[i], final) == 0) {
				fprintf(notes, "cchc: ghi chú: thư mục đầu ra %s "
				    "bị thiếu vì một lần dựng trước dừng giữa lúc "
				    "thay thư mục (bị ngắt hoặc gặp lỗi); đã đặt "
				    "lại bản trước đó từ "
				    "%s\n", final, v[i]);
				free(v[i]);
				v[i] = NULL;
				break;
			}
	for (i = 0; i < n; i++) {
		if (v[i] == NULL)
			continue;
		if (fs_rmtree(v[i]) == 0)
			fprintf(notes, "cchc: ghi chú: đã xóa %s, thư mục tạm "
			    "mà một lần dựng trước bị ngắt (kill, mất điện) để "
			    "lại\n", v[i]);
		else
			diag_warn(d, v[i], 0, 0, "không xóa được thư mục tạm "
			    "mà một lần dựng trước bị ngắt để lại (%s); hãy tự "
			    "xóa nó", err_text(errno));
		free(v[i]);
	}
out:
	free(v);
	free(isold);
	free(final);
	free(parent);
	free(name);
}

/* The absolute form of the output path, which need not exist yet. */
static char *
abs_final(const char *parent, const char *name)
{
	char	 r[PATH_MAX];

	if (realpath(parent, r) == NULL)
		return NULL;
	return strcmp(r, "/") == 0 ? xasprintf("/%s", name) :
	    xasprintf("%s/%s", r, name);
}

/*
 * The spare: the previous output, kept after a swap and brought up to
 * date with the new one (hard links to the same files), beside the
 * output as ".<name>.cchc-spare".  The next update edits it instead of
 * linking every file into an empty staging folder.  It holds
 * SPARE_MARKER ("cchc-spare <hash of the manifest it mirrors>") only
 * while it is clean: the marker goes before it is edited and comes back
 * after, so a kill half way leaves one that is not used.
 */

/* Is path a folder (not a link) holding the marker for manifest mh? */
static int
spare_matches(const char *path, uint64_t mh)
{
	struct stat	 st;
	struct buf	 b = BUF_INIT;
	char		*m, want[32], hex[17];
	int		 yes = 0;

	if (lstat(path, &st) == -1 || !S_ISDIR(st.st_mode))
		return 0;
	m = fs_join(path, SPARE_MARKER);
	hash_hex(mh, hex);
	snprintf(want, sizeof(want), "cchc-spare %s\n", hex);
	if (fs_read(m, 64, &b) == 0 && b.len == strlen(want) &&
	    memcmp(b.data, want, b.len) == 0)
		yes = 1;
	buf_free(&b);
	free(m);
	return yes;
}

/*
 * Removes the spare at path if it is one cchc made (a folder holding its
 * marker or the output's, or empty); quietly: it is cchc's own.
 */
static void
spare_drop(const char *path)
{
	struct stat	 st;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	    made_by_cchc(path, SPARE_MARKER))
		(void)fs_rmtree(path);
}

/*
 * Makes way for root/rel where an older tree has something else: a file
 * where a folder of its path must be, or a folder where the file goes.
 */
static int
clear_way(const char *root, const char *rel)
{
	struct stat	 st;
	char		*p = fs_join(root, rel), *s;
	size_t		 n = strlen(root) + 1;
	int		 rc = -1;

	for (s = p + n; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (lstat(p, &st) == 0 && !S_ISDIR(st.st_mode) &&
		    unlink(p) == -1) {
			*s = '/';
			goto out;
		}
		*s = '/';
	}
	if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && fs_rmtree(p) == -1)
		goto out;
	rc = 0;
out:
	free(p);
	return rc;
}

/*
 * Makes `to` a hard link to `from`, making its folders as needed; where
 * the file system has no hard links, a copy.  0: linked (`to` is
 * `from`'s inode), 1: copied (*st, if not NULL, is the copy's status),
 * -1: failed (errno).
 */
static int
link_or_copy(const char *from, const char *to, struct stat *st)
{
	struct buf	 b = BUF_INIT;
	char		*dir;
	int		 r;

	if ((r = link(from, to)) == -1 && errno == ENOENT) {
		/* Folders are made as needed (safe to race: EEXIST is fine). */
		dir = fs_dirname(to);
		r = fs_mkdirs(dir) == -1 ? -1 : link(from, to);
		free(dir);
	}
	if (r == 0)
		return 0;
	if (errno != EPERM && errno != EXDEV && errno != EMLINK &&
	    errno != ENOTSUP && errno != ENOSYS)
		return -1;
	if ((r = fs_read(from, MANIFEST_MAX, &b)) == 0)
		r = fs_write_stat(to, b.data, b.len, st);
	buf_free(&b);
	return r == 0 ? 1 : -1;
}

/*
 * Puts a file at root/rel by way of a temporary name and a rename: what
 * was there (in the spare, a link to an output file, whose bytes must not
 * change) is replaced, never written into, and nothing is half there.
 * From the file `from` (a hard link; a copy where there are none) if not
 * NULL, else the bytes data.  st (may be NULL): the new file's status.
 */
static int
put_file(const char *root, const char *rel, const char *from,
    const void *data, size_t len, struct stat *st)
{
	char		*path = fs_join(root, rel), *tmp;
	int		 rc = -1, tries, r, saved;

	tmp = xasprintf("%s.cchc-tmp-%ld", path, (long)getpid());
	for (tries = 0; tries < 2 && rc == -1; tries++) {
		if (tries > 0 && clear_way(root, rel) == -1)
			break;
		if (unlink(tmp) == -1 && errno != ENOENT && errno != ENOTDIR)
			break;
		if (from != NULL) {
			r = link_or_copy(from, tmp, NULL) == -1 ? -1 : 0;
			if (r == 0 && st != NULL && lstat(tmp, st) == -1)
				r = -1;
		} else
			r = fs_write_stat(tmp, data, len, st);
		if (r == 0 && rename(tmp, path) == 0)
			rc = 0;
		else if (errno != ENOTDIR && errno != EISDIR &&
		    errno != EEXIST && errno != ENOTEMPTY)
			break;
	}
	if (rc == -1) {
		saved = errno;
		(void)unlink(tmp);
		errno = saved;
	}
	free(tmp);
	free(path);
	return rc;
}

/* Removes root/rel, then its folders as far up as they are empty. */
static int
unlink_rel(const char *root, const char *rel)
{
	char	*p = fs_join(root, rel), *s;
	size_t	 n = strlen(root);
	int	 rc = -1;

	if (unlink(p) == -1 && errno != ENOENT && errno != ENOTDIR)
		goto out;
	while ((s = strrchr(p + n + 1, '/')) != NULL) {
		*s = '\0';
		if (rmdir(p) == -1) {
			if (errno == ENOTEMPTY || errno == EEXIST ||
			    errno == ENOENT || errno == ENOTDIR)
				break;
			goto out;
		}
	}
	rc = 0;
out:
	free(p);
	return rc;
}

/*
 * May the build replace the folder o->final?  Not if it holds the
 * source, holds files cchc did not make, or is a file.  0 or -1.
 */
static int
out_check_target(const struct outdir *o, const char *source,
    const char *marker, struct diag *d)
{
	if (fs_is_dir(o->final) && fs_inside(o->final, source)) {
		diag_err(d, o->final, 0, 0, "thư mục đầu ra chứa thư mục "
		    "nguồn; cchc thay toàn bộ thư mục đầu ra nên hãy chọn "
		    "thư mục khác, ví dụ --out public");
		return -1;
	}
	if (fs_is_dir(o->final) && !fs_is_file(marker) &&
	    !dir_is_empty(o->final)) {
		diag_err(d, o->final, 0, 0, "thư mục đầu ra đã có tệp mà không "
		    "phải do cchc tạo (thiếu tệp %s); cchc thay toàn bộ thư "
		    "mục này nên không ghi đè: hãy chọn thư mục khác hoặc tự "
		    "xóa nó", OUT_MARKER);
		return -1;
	}
	if (!fs_is_dir(o->final) && access(o->final, F_OK) == 0) {
		diag_err(d, o->final, 0, 0, "đã có một tệp (không phải thư "
		    "mục) trùng tên thư mục đầu ra; hãy chọn tên khác");
		return -1;
	}
	return 0;
}

/*
 * The manifest of this output folder in `cache`, and whether the build
 * updates the folder in place (o->update, o->old, o->intact): from the
 * probe's reading when it read this folder, else read and checked here.
 * Without a manifest to trust, a folder cchc made is still updated,
 * each file compared with what is on disk.
 */
static void
out_load_manifest(struct outdir *o, const char *parent, const char *name,
    const char *cache, struct outprobe *pr, const char *marker)
{
	char	*absf, *note = NULL;	/* the note: only the probe needs it */
	char	 hex[17];
	uint64_t fp;
	size_t	 i;
	int	 made = fs_is_dir(o->final) && fs_is_file(marker);

	if (cache != NULL && (absf = abs_final(parent, name)) != NULL) {
		if (fs_mkdirs(cache) == 0 || fs_is_dir(cache)) {
			hash_hex(hash64(absf, strlen(absf), 0), hex);
			o->manifest = xasprintf("%s/output-%s", cache, hex);
			o->absfinal = xstrdup(absf);
			if (pr != NULL && pr->old != NULL &&
			    pr->absfinal != NULL &&
			    strcmp(pr->absfinal, absf) == 0 && made) {
				/* Read and checked already by out_probe(). */
				o->update = 1;
				o->old = pr->old;
				o->intact = pr->intact;
				o->manhash = pr->manhash;
				pr->old = NULL;
			} else if (made && man_load(o->manifest, absf, &o->old,
			    &fp, &note, &o->manhash) == 0) {
				/* Which files are still as recorded. */
				o->update = 1;
				if (walk_check_parallel(o) == -1) {
					man_free(o->old);
					o->old = NULL;
				} else {
					o->intact = o->removed == 0;
					for (i = 0; i < o->old->len &&
					    o->intact; i++)
						o->intact = o->old->v[i].ok;
				}
				o->removed = 0;
			}
		}
		free(absf);
	}
	free(note);
	if (!o->update && made) {
		o->update = 1;
		man_free(o->old);
		o->old = NULL;
	}
}

/*
 * The staging folder beside the output: named after the output and this
 * process, and marked inside, so that if this build is killed the next
 * one knows it for a leftover (out_sweep).  A clean spare of the output
 * this manifest describes takes its place (a folder renames over an
 * empty one) and loses its marker before anything in it changes; any
 * other spare is removed: the old tree becomes the next one.  0 or -1.
 */
static int
out_make_stage(struct outdir *o, const char *parent, const char *name,
    struct diag *d)
{
	char	*tmpl, *stage = NULL;
	int	 rc = -1;

	tmpl = xasprintf("%s/.%s.tmp-%ld-XXXXXX", parent, name,
	    (long)getpid());
	if (mkdtemp(tmpl) == NULL) {
		diag_err(d, tmpl, 0, 0, "không tạo được thư mục tạm: %s",
		    err_text(errno));
		free(tmpl);
		return -1;
	}
	o->tmp = tmpl;
	if (o->old != NULL && o->manifest != NULL &&
	    spare_matches(o->spare, o->manhash) &&
	    rename(o->spare, o->tmp) == 0) {
		stage = fs_join(o->tmp, SPARE_MARKER);
		if (unlink(stage) == -1) {
			diag_err(d, stage, 0, 0, "không xóa được tệp: %s",
			    err_text(errno));
			goto out;
		}
		free(stage);
		o->usespare = 1;
	} else
		spare_drop(o->spare);
	stage = fs_join(o->tmp, STAGE_MARKER);
	if (fs_write(stage, "cchc\n", 5) == -1) {
		diag_err(d, stage, 0, 0, "không ghi được tệp: %s",
		    err_text(errno));
		goto out;
	}
	/*
	 * mkdtemp makes it 0700, and it becomes the output folder: left so,
	 * the web server could not read the site.  An error, not a warning.
	 */
	if (fault_hit("chmod", EPERM) || chmod(o->tmp, 0755) == -1) {
		diag_err(d, o->tmp, 0, 0, "không đặt được quyền 0755 (ai cũng "
		    "đọc được) cho thư mục tạm: %s; để vậy máy chủ web sẽ không "
		    "đọc được trang, nên cchc dừng: hãy kiểm tra quyền của thư "
		    "mục chứa thư mục đầu ra", err_text(errno));
		goto out;
	}
	rc = 0;
out:
	free(stage);
	return rc;
}

int
out_begin(struct outdir *o, const char *out, const char *source,
    const char *cache, struct outprobe *pr, struct diag *d)
{
	char	*parent, *name, *marker;
	int	 rc = -1;

	memset(o, 0, sizeof(*o));
	pthread_mutex_init(&o->lock, NULL);
	o->cur = man_new();
	out_split(out, &o->final, &parent, &name);
	marker = fs_join(o->final, OUT_MARKER);
	o->spare = xasprintf("%s/.%s.cchc-spare", parent, name);

	if (fs_mkdirs(parent) == -1) {
		diag_err(d, parent, 0, 0, "không tạo được thư mục: %s",
		    err_text(errno));
		goto out;
	}
	if (out_check_target(o, source, marker, d) == -1)
		goto out;
	out_load_manifest(o, parent, name, cache, pr, marker);
	if (out_make_stage(o, parent, name, d) == -1)
		goto out;
	rc = out_write(o, OUT_MARKER, "cchc\n", 5, d);
out:
	free(parent);
	free(name);
	free(marker);
	return rc;
}

void
out_begin_dry(struct outdir *o)
{
	memset(o, 0, sizeof(*o));
	pthread_mutex_init(&o->lock, NULL);
	o->dry = 1;
}

/* Does the output already hold exactly these bytes at rel? */
static int
same_on_disk(const struct outdir *o, const char *rel, const void *data,
    size_t len, struct stat *st)
{
	char		*path = fs_join(o->final, rel);
	char		 chunk[65536];
	const char	*want = data;
	size_t		 at = 0;
	ssize_t		 n;
	int		 fd, same = 0;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return 0;
	if (fstat(fd, st) == 0 && S_ISREG(st->st_mode) &&
	    (uint64_t)st->st_size == len) {
		same = 1;
		while (same && (n = read(fd, chunk, sizeof(chunk))) != 0) {
			if (n == -1) {
				if (errno == EINTR)
					continue;
				same = 0;
			} else if ((size_t)n > len - at ||
			    memcmp(chunk, want + at, (size_t)n) != 0)
				same = 0;
			else
				at += (size_t)n;
		}
		same = same && at == len;
	}
	close(fd);
	return same;
}

int
out_keep(struct outdir *o, const char *rel, uint64_t key)
{
	const struct outfile *old;
	struct outfile	 f;

	if (!o->update || key == 0 || (old = man_get(o->old, rel)) == NULL ||
	    !old->ok || old->key != key)
		return 0;
	f = *old;
	f.rel = xstrdup(rel);
	f.staged = 0;
	pthread_mutex_lock(&o->lock);
	man_add(o->cur, &f);
	o->kept++;
	o->reused++;
	pthread_mutex_unlock(&o->lock);
	return 1;
}

int
out_keep_rest(struct outdir *o)
{
	const struct outfile *old;
	struct outfile	 f;
	size_t		 i;

	if (!o->update || o->old == NULL)
		return -1;
	for (i = 0; i < o->old->len; i++) {
		old = &o->old->v[i];
		if (man_get(o->cur, old->rel) != NULL)
			continue;
		if (!old->ok)
			return -1;
		f = *old;
		f.rel = xstrdup(old->rel);
		f.staged = 0;
		pthread_mutex_lock(&o->lock);
		man_add(o->cur, &f);
		o->kept++;
		o->reused++;
		pthread_mutex_unlock(&o->lock);
	}
	return 0;
}

int
out_write(struct outdir *o, const char *rel, const void *data, size_t len,
    struct diag *d)
{
	return out_write_key(o, rel, data, len, 0, d);
}

int
out_write_key(struct outdir *o, const char *rel, const void *data,
    size_t len, uint64_t key, struct diag *d)
{
	struct outfile	 f;
	const struct outfile *old;
	struct stat	 st;
	char		*path;
	int		 rc = 0;

	if (o->dry) {
		pthread_mutex_lock(&o->lock);
		o->written++;
		pthread_mutex_unlock(&o->lock);
		return 0;
	}
	memset(&f, 0, sizeof(f));
	f.hash = hash64(data, len, 0);
	f.key = key;
	old = o->update ? man_get(o->old, rel) : NULL;
	if (old != NULL && old->ok && old->hash == f.hash && old->size == len) {
		f = *old;
		f.rel = xstrdup(rel);
		f.staged = 0;
		f.key = key;
		pthread_mutex_lock(&o->lock);
		man_add(o->cur, &f);
		o->kept++;
		pthread_mutex_unlock(&o->lock);
		return 0;
	}
	/* Not known to be the same: it may still be, on disk. */
	if (o->update && (old == NULL || !old->ok) &&
	    same_on_disk(o, rel, data, len, &st)) {
		stat_to(&f, &st);
		f.rel = xstrdup(rel);
		f.staged = 0;
		pthread_mutex_lock(&o->lock);
		man_add(o->cur, &f);
		o->kept++;
		pthread_mutex_unlock(&o->lock);
		return 0;
	}
	path = fs_join(o->tmp, rel);
	if (fault_hit("write", ENOSPC) || (o->usespare ?
	    put_file(o->tmp, rel, NULL, data, len, &st) :
	    fs_write_stat(path, data, len, &st)) == -1) {
		diag_err(d, rel, 0, 0, "không ghi được tệp đầu ra %s: %s",
		    path, err_text(errno));
		rc = -1;
	} else {
		stat_to(&f, &st);
		f.rel = xstrdup(rel);
		f.staged = 1;
		pthread_mutex_lock(&o->lock);
		man_add(o->cur, &f);
		o->written++;
		pthread_mutex_unlock(&o->lock);
	}
	free(path);
	return rc;
}

/*
 * Walks the folder rel of the output ("" at the top), open as dfd, with
 * relative system calls (no path is looked up twice).
 *
 * WALK_CHECK: marks each file of o->old whose inode, size and time are
 * still those of the manifest (outfile.ok); counts anything else in
 * o->removed (a file not in it, a changed one, an empty folder).
 * WALK_CLEAR: removes everything (the previous output, after the swap),
 * counting in o->removed the files not in o->cur.
 * Returns the number of entries left in the folder, or -1.
 */
static long
walk(struct outdir *o, int dfd, struct buf *rel, enum walk_mode mode)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 st;
	struct outfile	*f;
	size_t		 mark = rel->len;
	long		 left = 0, sub;
	int		 isdir, sfd;

	if ((dir = fdopendir(dfd)) == NULL) {
		close(dfd);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		buf_truncate(rel, mark);
		if (mark > 0)
			buf_putc(rel, '/');
		buf_puts(rel, de->d_name);
		isdir = entry_is_dir(dir, de);
		if (isdir) {
			sfd = openat(dirfd(dir), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sfd == -1 || (sub = walk(o, sfd, rel, mode)) == -1) {
				closedir(dir);
				return -1;
			}
			if (mode == WALK_CLEAR) {
				if (unlinkat(dirfd(dir), de->d_name,
				    AT_REMOVEDIR) == -1) {
					closedir(dir);
					return -1;
				}
			} else if (sub == 0)
				o->removed++;
			else
				left++;
			continue;
		}
		left++;
		if (mode == WALK_CHECK) {
			f = man_get(o->old, buf_cstr(rel));
			if (f != NULL && fstatat(dirfd(dir), de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 && stat_is(f, &st))
				f->ok = 1;
			else
				o->removed++;
		} else {
			fault_stop("stop-clearing");
			if (man_get(o->cur, buf_cstr(rel)) == NULL)
				o->removed++;
			if (unlinkat(dirfd(dir), de->d_name, 0) == -1) {
				closedir(dir);
				return -1;
			}
			left--;
		}
	}
	closedir(dir);
	buf_truncate(rel, mark);
	return left;
}

/*
 * The check walk in parallel: the top two levels are read here, and
 * every folder below them ("tin-tuc/<slug>", ...) is a job.  Each job
 * counts into its own view of o; the views are added up in job order.
 */
struct wdir {
	char		*rel;		/* "a" (level 1) or "a/b" (level 2) */
	size_t		 parent;	/* level 2: index of its level-1 dir */
	int		 level;
	long		 left;		/* entries left, -1 on error */
	size_t		 removed;
};

struct wjob {
	struct outdir	*o;
	int		 rootfd;
	struct wdir	*v;
};

static void
job_walk(void *arg, size_t i)
{
	struct wjob	*j = arg;
	struct wdir	*w = &j->v[i];
	struct outdir	 view;
	struct buf	 rel = BUF_INIT;
	int		 fd;

	if (w->level != 2)
		return;
	memset(&view, 0, sizeof(view));
	view.old = j->o->old;
	view.cur = j->o->cur;
	buf_puts(&rel, w->rel);
	fd = openat(j->rootfd, w->rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	w->left = fd == -1 ? -1 : walk(&view, fd, &rel, WALK_CHECK);
	w->removed = view.removed;
	buf_free(&rel);
}

/* One file met at the top two levels (WALK_CHECK). */
static void
check_file(struct outdir *o, int dfd, const char *name, const char *rel)
{
	struct outfile	*f = man_get(o->old, rel);
	struct stat	 st;

	if (f != NULL && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    stat_is(f, &st))
		f->ok = 1;
	else
		o->removed++;
}

/* Lists dir (open as fd, at rel): files checked, folders added to v. */
static int
walk_level(struct outdir *o, int fd, const char *rel, int level,
    size_t parent, struct wdir **v, size_t *n, size_t *cap, long *files)
{
	DIR		*dir;
	struct dirent	*de;
	char		*crel;
	int		 isdir;

	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		crel = *rel ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		isdir = entry_is_dir(dir, de);
		if (isdir) {
			ARRAY_GROW(*v, *n, *cap, 64);
			memset(&(*v)[*n], 0, sizeof(**v));
			(*v)[*n].rel = crel;
			(*v)[*n].level = level;
			(*v)[*n].parent = parent;
			(*n)++;
			continue;
		}
		(*files)++;
		check_file(o, dirfd(dir), de->d_name, crel);
		free(crel);
	}
	closedir(dir);
	return 0;
}

static long
walk_check_parallel(struct outdir *o)
{
	struct wjob	 j;
	struct wdir	*v = NULL;
	long		*files = NULL, rootfiles = 0, rc = 0;
	size_t		 n = 0, cap = 0, n1, i;
	int		 fd;

	if ((j.rootfd = open(o->final, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((fd = dup(j.rootfd)) == -1 || walk_level(o, fd, "", 1, 0, &v, &n,
	    &cap, &rootfiles) == -1) {
		rc = -1;
		goto out;
	}
	n1 = n;
	files = xcalloc(n1 ? n1 : 1, sizeof(*files));
	for (i = 0; i < n1 && rc == 0; i++) {
		fd = openat(j.rootfd, v[i].rel, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (fd == -1 || walk_level(o, fd, v[i].rel, 2, i, &v, &n,
		    &cap, &files[i]) == -1)
			rc = -1;
	}
	if (rc == -1)
		goto out;
	j.o = o;
	j.v = v;
	pool_run(n, pool_ncpu(), job_walk, &j);
	/* Add up; a folder with nothing left in it counts as a change. */
	for (i = n1; i < n; i++) {
		if (v[i].left == -1)
			rc = -1;
		o->removed += v[i].removed;
		if (v[i].left == 0)
			o->removed++;
		else
			files[v[i].parent]++;
	}
	for (i = 0; i < n1; i++)
		if (files[i] == 0)
			o->removed++;
out:
	for (i = 0; i < n; i++)
		free(v[i].rel);
	free(v);
	free(files);
	close(j.rootfd);
	return rc;
}

/*
 * Removes the previous output, which the swap moved to path, counting
 * in o->removed its files that this build did not make again.  The
 * folders two levels down ("tin-tuc/<slug>") go first, in parallel;
 * then one walk removes what is left and reports any failure.
 */
struct cjob {
	struct outdir	*o;
	int		 rootfd;
	char		**rel;
	size_t		*removed;
};

static void
job_clear(void *arg, size_t i)
{
	struct cjob	*j = arg;
	struct outdir	 view;
	struct buf	 rel = BUF_INIT;
	int		 fd;

	memset(&view, 0, sizeof(view));
	view.cur = j->o->cur;
	buf_puts(&rel, j->rel[i]);
	fd = openat(j->rootfd, j->rel[i], O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	if (fd != -1 && walk(&view, fd, &rel, WALK_CLEAR) != -1)
		(void)unlinkat(j->rootfd, j->rel[i], AT_REMOVEDIR);
	j->removed[i] = view.removed;
	buf_free(&rel);
}

static int
is_dots(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* The folders at the second level under rootfd ("a/b"). */
static void
list_level2(int rootfd, char ***v, size_t *n, size_t *cap)
{
	DIR		*d1, *d2;
	struct dirent	*e1, *e2;
	int		 fd;

	/* Not dup(): a duplicate would share (and move) rootfd's offset. */
	if ((fd = openat(rootfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || (d1 = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((e1 = readdir(d1)) != NULL) {
		if (is_dots(e1->d_name))
			continue;
		if (!entry_is_dir(d1, e1) || (fd = openat(rootfd, e1->d_name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
			continue;
		if ((d2 = fdopendir(fd)) == NULL) {
			close(fd);
			continue;
		}
		while ((e2 = readdir(d2)) != NULL) {
			if (is_dots(e2->d_name))
				continue;
			if (!entry_is_dir(d2, e2))
				continue;
			ARRAY_GROW(*v, *n, *cap, 64);
			(*v)[(*n)++] = xasprintf("%s/%s", e1->d_name,
			    e2->d_name);
		}
		closedir(d2);
	}
	closedir(d1);
}

static int
clear_tree(struct outdir *o, const char *path)
{
	struct buf	 rel = BUF_INIT;
	struct cjob	 j;
	size_t		 n = 0, cap = 0, i;
	int		 fd, rc = -1;

	if ((j.rootfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	j.o = o;
	j.rel = NULL;
	list_level2(j.rootfd, &j.rel, &n, &cap);
	j.removed = xcalloc(n ? n : 1, sizeof(*j.removed));
	pool_run(n, pool_ncpu(), job_clear, &j);
	for (i = 0; i < n; i++) {
		o->removed += j.removed[i];
		free(j.rel[i]);
	}
	free(j.rel);
	free(j.removed);
	if ((fd = openat(j.rootfd, ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) != -1 && walk(o, fd, &rel, WALK_CLEAR) != -1 &&
	    !fault_hit("clear", EIO) && rmdir(path) == 0)
		rc = 0;
	close(j.rootfd);
	buf_free(&rel);
	return rc;
}


struct outprobe *
out_probe(const char *out, const char *cache)
{
	struct outprobe	*pr = xcalloc(1, sizeof(*pr));
	struct outdir	 o;
	char		*marker, *parent, *name, hex[17];
	size_t		 i;

	memset(&o, 0, sizeof(o));
	out_split(out, &o.final, &parent, &name);
	marker = fs_join(o.final, OUT_MARKER);
	if (cache != NULL && fs_is_file(marker) &&
	    (o.absfinal = abs_final(parent, name)) != NULL) {
		hash_hex(hash64(o.absfinal, strlen(o.absfinal), 0), hex);
		o.manifest = xasprintf("%s/output-%s", cache, hex);
		if (man_load(o.manifest, o.absfinal, &o.old,
		    &pr->fingerprint, &pr->note, &pr->manhash) == 0) {
			o.update = 1;
			if (walk_check_parallel(&o) == -1) {
				man_free(o.old);
				o.old = NULL;
			} else {
				pr->intact = o.removed == 0;
				for (i = 0; i < o.old->len && pr->intact; i++)
					pr->intact = o.old->v[i].ok;
			}
		}
	}
	pr->absfinal = o.absfinal;
	pr->old = o.old;
	free(marker);
	free(parent);
	free(name);
	free(o.final);
	free(o.manifest);
	return pr;
}

struct outprobe *
out_probe_parse(const char *data, size_t len, const char *final)
{
	struct outprobe	*pr = xcalloc(1, sizeof(*pr));
	struct buf	 b = BUF_INIT;

	buf_put(&b, data, len);
	pr->absfinal = xstrdup(final);
	if (man_parse(&b, final, &pr->old, &pr->fingerprint, &pr->note,
	    &pr->manhash) == 0)
		pr->intact = 1;
	buf_free(&b);
	return pr;
}

int
out_probe_unchanged(const struct outprobe *pr, uint64_t fingerprint)
{
	return pr != NULL && pr->old != NULL && pr->intact &&
	    fingerprint != 0 && pr->fingerprint == fingerprint;
}

struct outprobe *
out_probe_after(struct outdir *o)
{
	struct outprobe	*pr;
	size_t		 i;

	if (!o->saved || o->cur == NULL || o->absfinal == NULL)
		return NULL;
	pr = xcalloc(1, sizeof(*pr));
	pr->absfinal = xstrdup(o->absfinal);
	pr->old = o->cur;
	o->cur = NULL;
	for (i = 0; i < pr->old->len; i++) {
		pr->old->v[i].ok = 1;
		pr->old->v[i].staged = 0;
	}
	pr->fingerprint = o->fingerprint;
	pr->note = xstrdup(o->note != NULL ? o->note : "");
	pr->intact = 1;
	pr->manhash = o->manhash;
	return pr;
}

void
out_probe_free(struct outprobe *pr)
{
	if (pr == NULL)
		return;
	man_free(pr->old);
	free(pr->absfinal);
	free(pr->note);
	free(pr);
}

/*
 * Update: the staging tree is made whole with a hard link to each kept
 * file, which so keeps its inode and time (deploy tools see it
 * unchanged), while the output itself is not touched.  Where the file
 * system has no hard links, a copy.  In parallel, LINK_CHUNK files a job.
 */
#define LINK_CHUNK	256

struct ljob {
	struct outdir	*o;
	int		*err;		/* per job: errno, 0 if fine */
	size_t		*at;		/* per job: the file that failed */
};

static int
link_one(struct outdir *o, struct outfile *f)
{
	struct stat	 st;
	char		*from, *to;
	int		 r;

	from = fs_join(o->final, f->rel);
	to = fs_join(o->tmp, f->rel);
	r = fault_hit("link", EIO) ? -1 : link_or_copy(from, to, &st);
	if (r == 1)
		stat_to(f, &st);	/* a copy is a new file */
	free(from);
	free(to);
	return r == -1 ? -1 : 0;
}

static void
job_link(void *arg, size_t i)
{
	struct ljob	*j = arg;
	size_t		 k, end = (i + 1) * LINK_CHUNK;

	if (end > j->o->cur->len)
		end = j->o->cur->len;
	for (k = i * LINK_CHUNK; k < end; k++)
		if (!j->o->cur->v[k].staged &&
		    link_one(j->o, &j->o->cur->v[k]) == -1) {
			j->err[i] = errno != 0 ? errno : EIO;
			j->at[i] = k;
			return;
		}
}

static int
link_kept(struct outdir *o, struct diag *d)
{
	struct ljob	 j;
	size_t		 n = (o->cur->len + LINK_CHUNK - 1) / LINK_CHUNK, i;
	int		 rc = 0;

	j.o = o;
	j.err = xcalloc(n ? n : 1, sizeof(*j.err));
	j.at = xcalloc(n ? n : 1, sizeof(*j.at));
	pool_run(n, pool_ncpu(), job_link, &j);
	for (i = 0; i < n && rc == 0; i++)
		if (j.err[i] != 0) {
			diag_err(d, o->final, 0, 0, "không đưa được tệp giữ "
			    "nguyên %s vào thư mục tạm %s: %s; thư mục đầu ra "
			    "vẫn giữ nguyên", o->cur->v[j.at[i]].rel, o->tmp,
			    err_text(j.err[i]));
			rc = -1;
		}
	free(j.err);
	free(j.at);
	return rc;
}

/*
 * Puts the staging tree in the output's place.  Where the kernel and the
 * file system have RENAME_EXCHANGE, in one step: at every moment the
 * output is the whole old tree or the whole new one.  Elsewhere in two
 * renames, the old tree first moved aside to "<tmp>.old": a kill between
 * them leaves no output, which the next build puts back (out_sweep).
 * *aside: where the previous output now is, to be removed.
 */
static int
swap_in(struct outdir *o, char **aside, int *exch, struct diag *d)
{
	char	*old = NULL;
	int	 rc = -1, r = -1, err;

	*aside = NULL;
	*exch = 0;
	if (!fs_is_dir(o->final)) {
		if (fault_hit("swap", EIO) || rename(o->tmp, o->final) == -1) {
			diag_err(d, o->final, 0, 0, "không đổi tên được thư "
			    "mục tạm %s thành thư mục đầu ra: %s", o->tmp,
			    err_text(errno));
			goto out;
		}
		rc = 0;
		goto out;
	}
	errno = ENOSYS;
#ifdef SYS_renameat2
	if (fault_hit("exchange", EINVAL))
		r = -1;
	else if (fault_hit("swap", EIO))
		r = -1;
	else
		r = (int)syscall(SYS_renameat2, AT_FDCWD, o->tmp, AT_FDCWD,
		    o->final, RENAME_EXCHANGE);
#endif
	if (r == 0) {
		/* o->tmp now holds the previous output. */
		*aside = xstrdup(o->tmp);
		*exch = 1;
		rc = 0;
		goto out;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP &&
	    errno != EPERM) {
		diag_err(d, o->final, 0, 0, "không thay được thư mục đầu ra "
		    "bằng thư mục tạm %s: %s; thư mục đầu ra vẫn giữ nguyên",
		    o->tmp, err_text(errno));
		goto out;
	}
	/* No atomic exchange here: move the old tree aside first. */
	old = xasprintf("%s.old", o->tmp);
	if (rename(o->final, old) == -1) {
		diag_err(d, o->final, 0, 0, "không đổi tên được thư mục đầu "
		    "ra để thay nó: %s; thư mục đầu ra vẫn giữ nguyên",
		    err_text(errno));
		goto out;
	}
	fault_stop("stop-aside");
	if (fault_hit("swap", EIO) || rename(o->tmp, o->final) == -1) {
		err = errno;
		if (fault_hit("rollback", EIO) || rename(old, o->final) == -1) {
			o->lost = 1;
			diag_err(d, o->final, 0, 0, "không đưa được thư mục mới "
			    "vào chỗ thư mục đầu ra (%s), rồi cũng không đặt lại "
			    "được bản trước đó (%s): bản trước đó đang nằm ở %s; "
			    "hãy đổi tên nó lại (mv '%s' '%s') hoặc chạy lại "
			    "cchc, lần dựng sau sẽ tự đặt lại nó", err_text(err),
			    err_text(errno), old, old, o->final);
			goto out;
		}
		diag_err(d, o->final, 0, 0, "không đưa được thư mục mới vào "
		    "chỗ thư mục đầu ra: %s; thư mục đầu ra vẫn giữ nguyên",
		    err_text(err));
		goto out;
	}
	*aside = old;
	old = NULL;
	rc = 0;
out:
	free(old);
	return rc;
}

/*
 * Update from the spare (o->tmp): the files kept that it does not hold
 * as the output does (found again on disk after a change there) are
 * linked in from the output, and the files this build no longer makes
 * are removed.  Written files are in it already, each by a new inode.
 */
static int
spare_fix(struct outdir *o, struct diag *d)
{
	const struct outfile *f, *old;
	char		*from;
	size_t		 i;
	int		 r;

	for (i = 0; i < o->cur->len; i++) {
		f = &o->cur->v[i];
		if (f->staged)
			continue;
		old = man_get(o->old, f->rel);
		if (old != NULL && old->ok && old->ino == f->ino &&
		    old->dev == f->dev)
			continue;
		from = fs_join(o->final, f->rel);
		r = fault_hit("link", EIO) ? -1 :
		    put_file(o->tmp, f->rel, from, NULL, 0, NULL);
		free(from);
		if (r == -1) {
			diag_err(d, o->final, 0, 0, "không đưa được tệp giữ "
			    "nguyên %s vào thư mục tạm %s: %s; thư mục đầu ra "
			    "vẫn giữ nguyên", f->rel, o->tmp, err_text(errno));
			return -1;
		}
	}
	for (i = 0; i < o->old->len; i++)
		if (man_get(o->cur, o->old->v[i].rel) == NULL &&
		    unlink_rel(o->tmp, o->old->v[i].rel) == -1) {
			diag_err(d, o->final, 0, 0, "không xóa được tệp %s "
			    "trong thư mục tạm %s: %s; thư mục đầu ra vẫn giữ "
			    "nguyên", o->old->v[i].rel, o->tmp,
			    err_text(errno));
			return -1;
		}
	return 0;
}

/*
 * After the exchange: the previous output, at aside, exactly the files
 * of o->old (o->intact), is brought up to date with the new one (a link
 * to each file written, the files no longer made removed), marked clean
 * for the manifest mh and renamed to the spare.  Counts o->removed.
 * -1: aside is left as it is, unmarked, for clear_tree().
 */
static int
catch_up(struct outdir *o, const char *aside, uint64_t mh)
{
	const struct outfile *f;
	char		*from, *m, hex[17], text[32];
	size_t		 i;
	int		 r;

	for (i = 0; i < o->cur->len; i++) {
		f = &o->cur->v[i];
		if (!f->staged)
			continue;
		fault_stop("stop-spare");
		if (fault_hit("spare", EIO))
			return -1;
		from = fs_join(o->final, f->rel);
		r = put_file(aside, f->rel, from, NULL, 0, NULL);
		free(from);
		if (r == -1)
			return -1;
	}
	for (i = 0; i < o->old->len; i++)
		if (man_get(o->cur, o->old->v[i].rel) == NULL) {
			if (unlink_rel(aside, o->old->v[i].rel) == -1)
				return -1;
			o->removed++;
		}
	hash_hex(mh, hex);
	snprintf(text, sizeof(text), "cchc-spare %s\n", hex);
	m = fs_join(aside, SPARE_MARKER);
	r = fs_write(m, text, strlen(text));
	free(m);
	if (r == -1 || rename(aside, o->spare) == -1)
		return -1;
	return 0;
}

int
out_commit(struct outdir *o, struct diag *d)
{
	char	*aside = NULL, *stage;
	uint64_t mh = 0;
	int	 rc = -1, r, exch, saved = 0;

	qsort(o->cur->v, o->cur->len, sizeof(*o->cur->v), file_cmp);
	man_rehash(o->cur);
	if (o->usespare ? spare_fix(o, d) == -1 :
	    o->update && link_kept(o, d) == -1)
		goto out;
	fault_stop("stop-linked");
	stage = fs_join(o->tmp, STAGE_MARKER);
	if ((r = unlink(stage)) == -1)
		diag_err(d, stage, 0, 0, "không xóa được tệp: %s; thư mục "
		    "đầu ra vẫn giữ nguyên", err_text(errno));
	free(stage);
	if (r == -1)
		goto out;
	/*
	 * The old manifest goes first: from the swap on it is wrong.  Where
	 * it cannot be removed it could not be replaced either: stop while
	 * the output is as it was.
	 */
	if (o->manifest != NULL && (fault_hit("unlink", EIO) ||
	    unlink(o->manifest) == -1) && errno != ENOENT) {
		diag_err(d, o->manifest, 0, 0, "không xóa được danh sách tệp "
		    "đầu ra của lần dựng trước: %s; thư mục đầu ra vẫn giữ "
		    "nguyên: hãy kiểm tra quyền ghi của thư mục .cchc-cache "
		    "rồi chạy lại", err_text(errno));
		goto out;
	}
	if (swap_in(o, &aside, &exch, d) == -1)
		goto out;
	fault_stop("stop-swapped");
	free(o->tmp);
	o->tmp = NULL;
	if (o->manifest != NULL) {
		if (man_save(o, o->absfinal, &mh) == 0)
			saved = 1;
		else
			diag_warn(d, o->manifest, 0, 0, "không lưu được danh "
			    "sách tệp đầu ra (%s): lần sau cchc sẽ so lại từng "
			    "tệp", err_text(errno));
	}
	/*
	 * After an update whose old tree was exactly the last manifest, that
	 * tree becomes the next build's spare; any other goes.
	 */
	if (aside != NULL && exch && saved && o->old != NULL && o->intact) {
		if (catch_up(o, aside, mh) == 0) {
			free(aside);
			aside = NULL;
		} else
			o->removed = 0;
	}
	if (saved) {
		o->saved = 1;
		o->manhash = mh;
	}
	/* The site is right already; what is left goes at the next build. */
	if (aside != NULL && clear_tree(o, aside) == -1)
		diag_warn(d, aside, 0, 0, "không xóa hết được bản trước của "
		    "thư mục đầu ra (%s); lần dựng sau sẽ xóa nốt, hoặc hãy tự "
		    "xóa thư mục này", err_text(errno));
	rc = 0;
out:
	free(aside);
	return rc;
}

void
out_abort(struct outdir *o, struct diag *d)
{
	if (o->tmp != NULL && fs_rmtree(o->tmp) == -1)
		diag_warn(d, o->tmp, 0, 0, "không xóa được thư mục tạm (%s); "
		    "lần dựng sau sẽ xóa nó, hoặc hãy tự xóa", err_text(errno));
	free(o->tmp);
	free(o->spare);
	free(o->final);
	free(o->manifest);
	free(o->absfinal);
	free(o->note);
	man_free(o->old);
	man_free(o->cur);
	pthread_mutex_destroy(&o->lock);
	memset(o, 0, sizeof(*o));
}
