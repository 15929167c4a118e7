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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "hash.h"
#include "pool.h"
#include "util.h"
#include "write.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define MANIFEST_MAGIC	"cchc-output 2\n"
#define MANIFEST_MAX	((size_t)1 << 30)

enum walk_mode { WALK_CHECK, WALK_PRUNE };

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

static long	walk_top(struct outdir *, enum walk_mode);
static void	extra_add(struct outdir *, const char *);
static void	extras_free(struct outdir *);

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
		m->cap = m->cap ? m->cap * 2 : 256;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
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
 * The manifest file:
 *   cchc-output 1
 *   final <absolute output path>
 *   fingerprint <16 hex>
 *   note <bytes>\n<that many bytes>\n
 *   <hash> <key> <size> <mtime s>.<ns> <inode> <device> <rel>  a file
 *   end <16 hex: hash64 of everything before this line>
 * Anything else (truncated, edited, another version) is not used.
 */
/* 16 hex digits then `end`; the position after it, or NULL. */
static const char *
get_hex(const char *s, uint64_t *v, int end)
{
	return (s = hash_unhex(s, v)) != NULL && *s == end ? s + 1 : NULL;
}

/*
 * The manifest's text in b (NUL-terminated, changed in place) if it was
 * written for the output folder `final`: its files, fingerprint and note.
 * 0 or -1 (nothing set).
 */
static int
man_parse(struct buf *b, const char *final, struct outman **mp,
    uint64_t *fp, char **note)
{
	struct outman	*m = NULL;
	struct outfile	 f;
	char		*s, *end, *nl, hex[17];
	uint64_t	 size, ino, dev, h, key, sec, ns, nn;
	const char	*p;
	size_t		 n;
	int		 rc = -1;

	*mp = NULL;
	*note = NULL;
	if (b->len < 32)
		goto out;
	s = b->data;
	/* The trailer covers everything before it. */
	if (b->data[b->len - 1] != '\n')
		goto out;
	for (end = b->data + b->len - 1; end > s && end[-1] != '\n'; end--)
		;
	if (strncmp(end, "end ", 4) != 0 || b->data + b->len - end != 21)
		goto out;
	hash_hex(hash64(s, (size_t)(end - s), 0), hex);
	if (memcmp(end + 4, hex, 16) != 0)
		goto out;
	if (strncmp(s, MANIFEST_MAGIC, strlen(MANIFEST_MAGIC)) != 0)
		goto out;
	s += strlen(MANIFEST_MAGIC);
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
    uint64_t *fp, char **note)
{
	struct buf	 b = BUF_INIT;
	int		 rc;

	*mp = NULL;
	*note = NULL;
	rc = fs_read(path, MANIFEST_MAX, &b) == 0 ?
	    man_parse(&b, final, mp, fp, note) : -1;
	buf_free(&b);
	return rc;
}


/* Written to a temporary file, then renamed over the old one. */
static int
man_save(const struct outdir *o, const char *final)
{
	struct buf	 b = BUF_INIT;
	char		 hex[17], khex[17];
	size_t		 i;
	int		 rc;

	buf_puts(&b, MANIFEST_MAGIC);
	buf_printf(&b, "final %s\n", final);
	hash_hex(o->fingerprint, hex);
	buf_printf(&b, "fingerprint %s\n", hex);
	buf_printf(&b, "note %zu\n%s\n", o->note ? strlen(o->note) : 0,
	    o->note ? o->note : "");
	for (i = 0; i < o->cur->len; i++) {
		const struct outfile *f = &o->cur->v[i];

		hash_hex(f->hash, hex);
		hash_hex(f->key, khex);
		buf_printf(&b, "%s %s %" PRIu64 " %" PRId64 ".%09ld %" PRIu64
		    " %" PRIu64 " %s\n", hex, khex, f->size, f->mtime_s,
		    f->mtime_ns, f->ino, f->dev, f->rel);
	}
	hash_hex(hash64(b.data, b.len, 0), hex);
	buf_printf(&b, "end %s\n", hex);
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

int
out_begin(struct outdir *o, const char *out, const char *source,
    const char *cache, struct outprobe *pr, struct diag *d)
{
	char	*parent, *name, *tmpl, *marker, *absf = NULL, hex[17];
	char	*note = NULL;	/* the manifest's; only the probe needs it */
	char	 rsrc[PATH_MAX], rout[PATH_MAX];
	uint64_t fp;
	size_t	 n;
	int	 rc = -1;

	memset(o, 0, sizeof(*o));
	pthread_mutex_init(&o->lock, NULL);
	o->cur = man_new();
	o->final = xstrdup(out);
	while (strlen(o->final) > 1 && o->final[strlen(o->final) - 1] == '/')
		o->final[strlen(o->final) - 1] = '\0';
	parent = strrchr(o->final, '/') != NULL ?
	    xstrndup(o->final, (size_t)(strrchr(o->final, '/') - o->final)) :
	    xstrdup(".");
	if (*parent == '\0') {
		free(parent);
		parent = xstrdup("/");
	}
	name = xstrdup(strrchr(o->final, '/') != NULL ?
	    strrchr(o->final, '/') + 1 : o->final);
	tmpl = NULL;
	marker = fs_join(o->final, OUT_MARKER);

	if (fs_mkdirs(parent) == -1) {
		diag_err(d, parent, 0, 0, "không tạo được thư mục: %s",
		    strerror(errno));
		goto out;
	}
	if (fs_is_dir(o->final) && realpath(source, rsrc) != NULL &&
	    realpath(o->final, rout) != NULL) {
		n = strlen(rout);
		if (strcmp(rsrc, rout) == 0 || (strncmp(rsrc, rout, n) == 0 &&
		    (rsrc[n] == '/' || n == 1))) {
			diag_err(d, o->final, 0, 0, "thư mục đầu ra chứa thư "
			    "mục nguồn; cchc thay toàn bộ thư mục đầu ra nên "
			    "hãy chọn thư mục khác, ví dụ --out public");
			goto out;
		}
	}
	if (fs_is_dir(o->final) && !fs_is_file(marker) &&
	    !dir_is_empty(o->final)) {
		diag_err(d, o->final, 0, 0, "thư mục đầu ra đã có tệp mà không "
		    "phải do cchc tạo (thiếu tệp %s); cchc thay toàn bộ thư "
		    "mục này nên không ghi đè: hãy chọn thư mục khác hoặc tự "
		    "xóa nó", OUT_MARKER);
		goto out;
	}
	if (!fs_is_dir(o->final) && access(o->final, F_OK) == 0) {
		diag_err(d, o->final, 0, 0, "đã có một tệp (không phải thư "
		    "mục) trùng tên thư mục đầu ra; hãy chọn tên khác");
		goto out;
	}
	/* The manifest of this output folder, and whether to update. */
	if (cache != NULL && (absf = abs_final(parent, name)) != NULL &&
	    (fs_mkdirs(cache) == 0 || fs_is_dir(cache))) {
		hash_hex(hash64(absf, strlen(absf), 0), hex);
		o->manifest = xasprintf("%s/output-%s", cache, hex);
		o->absfinal = xstrdup(absf);
		if (pr != NULL && pr->old != NULL && pr->absfinal != NULL &&
		    strcmp(pr->absfinal, absf) == 0 && fs_is_dir(o->final) &&
		    fs_is_file(marker)) {
			/* Read and checked already by out_probe(). */
			o->update = 1;
			o->old = pr->old;
			o->extra = pr->extra;
			o->nextra = pr->nextra;
			pr->old = NULL;
			pr->extra = NULL;
			pr->nextra = 0;
		} else if (fs_is_dir(o->final) && fs_is_file(marker) &&
		    man_load(o->manifest, absf, &o->old, &fp, &note) == 0) {
			/* Which files are still as recorded (outfile.ok). */
			o->update = 1;
			if (walk_top(o, WALK_CHECK) == -1) {
				man_free(o->old);
				o->old = NULL;
			}
			o->removed = 0;
		}
	}
	/*
	 * A folder cchc made but with no manifest to trust (cache deleted or
	 * damaged, another source built into it): still updated in place,
	 * each file compared with what is on disk.
	 */
	if (!o->update && fs_is_dir(o->final) && fs_is_file(marker)) {
		o->update = 1;
		man_free(o->old);
		o->old = NULL;
	}
	tmpl = xasprintf("%s/.%s.tmp-XXXXXX", parent, name);
	if (mkdtemp(tmpl) == NULL) {
		diag_err(d, tmpl, 0, 0, "không tạo được thư mục tạm: %s",
		    strerror(errno));
		goto out;
	}
	/* mkdtemp makes it 0700; the site must be readable by a server. */
	chmod(tmpl, 0755);
	o->tmp = tmpl;
	tmpl = NULL;
	rc = out_write(o, OUT_MARKER, "cchc\n", 5, d);
out:
	free(parent);
	free(name);
	free(tmpl);
	free(marker);
	free(absf);
	free(note);
	return rc;
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
	if (fs_write_stat(path, data, len, &st) == -1) {
		diag_err(d, rel, 0, 0, "không ghi được tệp đầu ra %s: %s",
		    path, strerror(errno));
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
 * Makes every folder above rel inside root, replacing a file (or a
 * link) that stands where a folder must be.
 */
static int
make_parents(const char *root, const char *rel)
{
	struct stat	 st;
	char		*p;
	size_t		 n = strlen(root), i;
	int		 rc = 0;

	p = fs_join(root, rel);
	for (i = n + 1; p[i] != '\0' && rc == 0; i++) {
		if (p[i] != '/')
			continue;
		p[i] = '\0';
		if (lstat(p, &st) == 0 && !S_ISDIR(st.st_mode) &&
		    unlink(p) == -1)
			rc = -1;
		else if (mkdir(p, 0777) == -1 && errno != EEXIST)
			rc = -1;
		p[i] = '/';
	}
	free(p);
	return rc;
}

/* Moves a staged file into the output, over whatever is in its way. */
static int
put_in(struct outdir *o, const char *rel)
{
	char	*from, *to;
	int	 rc, tries;

	from = fs_join(o->tmp, rel);
	to = fs_join(o->final, rel);
	for (tries = 0; (rc = rename(from, to)) == -1 && tries < 2; tries++) {
		if (errno == ENOENT || errno == ENOTDIR) {
			if (make_parents(o->final, rel) == -1)
				break;
		} else if (errno == EISDIR || errno == ENOTEMPTY ||
		    errno == EEXIST) {
			if (fs_rmtree(to) == -1)
				break;
		} else
			break;
	}
	free(from);
	free(to);
	return rc;
}

/*
 * Walks the folder rel of the output ("" at the top), open as dfd, with
 * relative system calls (no path is looked up twice).
 *
 * WALK_CHECK: marks each file of o->old whose inode, size and time are
 * still those of the manifest (outfile.ok); counts anything else in
 * o->removed (a file not in it, a changed one, an empty folder).
 * WALK_PRUNE: removes every file not in o->cur, and folders left empty,
 * counting them in o->removed.
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
			if (sub == 0 && mode == WALK_CHECK) {
				extra_add(o, buf_cstr(rel));
				o->removed++;
			} else if (sub == 0 && unlinkat(dirfd(dir), de->d_name,
			    AT_REMOVEDIR) == 0)
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
			if (f == NULL)
				extra_add(o, buf_cstr(rel));
		} else if (man_get(o->cur, buf_cstr(rel)) == NULL) {
			if (unlinkat(dirfd(dir), de->d_name, 0) == -1) {
				closedir(dir);
				return -1;
			}
			left--;
			o->removed++;
		}
	}
	closedir(dir);
	buf_truncate(rel, mark);
	return left;
}

static void
extras_free(struct outdir *o)
{
	while (o->nextra > 0)
		free(o->extra[--o->nextra]);
	free(o->extra);
	o->extra = NULL;
}

/* Something in the output that the manifest does not list. */
static void
extra_add(struct outdir *o, const char *rel)
{
	o->extra = xreallocarray(o->extra, o->nextra + 1, sizeof(*o->extra));
	o->extra[o->nextra++] = xstrdup(rel);
}

/*
 * Removes rel (a file, or an empty folder) unless this build produced
 * it, then each folder above it that is left empty.  -1 if a removal
 * that should work fails.
 */
static int
remove_up(struct outdir *o, const char *rel)
{
	char	*p, *slash;
	size_t	 n = strlen(o->final);
	int	 rc = 0;

	if (man_get(o->cur, rel) != NULL)
		return 0;
	p = fs_join(o->final, rel);
	if (unlink(p) == 0 || (errno == EISDIR && rmdir(p) == 0))
		o->removed++;
	else if (errno != ENOENT && errno != ENOTEMPTY && errno != EEXIST)
		rc = -1;
	while (rc == 0 && (slash = strrchr(p + n + 1, '/')) != NULL) {
		*slash = '\0';
		if (rmdir(p) == -1)
			break;
		o->removed++;
	}
	free(p);
	return rc;
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
	char		**extra;
	size_t		  nextra;
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
	w->extra = view.extra;
	w->nextra = view.nextra;
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
	if (f == NULL)
		extra_add(o, rel);
}

/* Lists dir (open as fd, at rel): files checked, folders added to v. */
static int
walk_level(struct outdir *o, int fd, const char *rel, int level,
    size_t parent, struct wdir **v, size_t *n, long *files)
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
			*v = xreallocarray(*v, *n + 1, sizeof(**v));
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
	size_t		 n = 0, n1, i, k;
	int		 fd;

	if ((j.rootfd = open(o->final, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((fd = dup(j.rootfd)) == -1 || walk_level(o, fd, "", 1, 0, &v, &n,
	    &rootfiles) == -1) {
		rc = -1;
		goto out;
	}
	n1 = n;
	files = xcalloc(n1 ? n1 : 1, sizeof(*files));
	for (i = 0; i < n1 && rc == 0; i++) {
		fd = openat(j.rootfd, v[i].rel, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (fd == -1 || walk_level(o, fd, v[i].rel, 2, i, &v, &n,
		    &files[i]) == -1)
			rc = -1;
	}
	if (rc == -1)
		goto out;
	j.o = o;
	j.v = v;
	pool_run(n, pool_ncpu(), job_walk, &j);
	/* Add up in order; a folder with nothing left in it is an extra. */
	for (i = n1; i < n; i++) {
		if (v[i].left == -1)
			rc = -1;
		o->removed += v[i].removed;
		for (k = 0; k < v[i].nextra; k++)
			extra_add(o, v[i].extra[k]);
		if (v[i].left == 0) {
			extra_add(o, v[i].rel);
			o->removed++;
		} else
			files[v[i].parent]++;
	}
	for (i = 0; i < n1; i++)
		if (files[i] == 0) {
			extra_add(o, v[i].rel);
			o->removed++;
		}
out:
	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].nextra; k++)
			free(v[i].extra[k]);
		free(v[i].extra);
		free(v[i].rel);
	}
	free(v);
	free(files);
	close(j.rootfd);
	return rc;
}

static long
walk_top(struct outdir *o, enum walk_mode mode)
{
	struct buf	 rel = BUF_INIT;
	long		 n = -1;
	int		 fd;

	if (mode == WALK_CHECK)
		return walk_check_parallel(o);
	if ((fd = open(o->final, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1)
		n = walk(o, fd, &rel, mode);
	buf_free(&rel);
	return n;
}


struct outprobe *
out_probe(const char *out, const char *cache)
{
	struct outprobe	*pr = xcalloc(1, sizeof(*pr));
	struct outdir	 o;
	char		*marker, *parent, *name, *slash, hex[17];
	size_t		 i;

	memset(&o, 0, sizeof(o));
	o.final = xstrdup(out);
	while (strlen(o.final) > 1 && o.final[strlen(o.final) - 1] == '/')
		o.final[strlen(o.final) - 1] = '\0';
	if ((slash = strrchr(o.final, '/')) != NULL) {
		parent = slash == o.final ? xstrdup("/") :
		    xstrndup(o.final, (size_t)(slash - o.final));
		name = xstrdup(slash + 1);
	} else {
		parent = xstrdup(".");
		name = xstrdup(o.final);
	}
	marker = fs_join(o.final, OUT_MARKER);
	if (cache != NULL && fs_is_file(marker) &&
	    (o.absfinal = abs_final(parent, name)) != NULL) {
		hash_hex(hash64(o.absfinal, strlen(o.absfinal), 0), hex);
		o.manifest = xasprintf("%s/output-%s", cache, hex);
		if (man_load(o.manifest, o.absfinal, &o.old,
		    &pr->fingerprint, &pr->note) == 0) {
			o.update = 1;
			if (walk_top(&o, WALK_CHECK) == -1) {
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
	pr->extra = o.extra;
	pr->nextra = o.nextra;
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
	if (man_parse(&b, final, &pr->old, &pr->fingerprint, &pr->note) == 0)
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

void
out_probe_free(struct outprobe *pr)
{
	struct outdir	 o;

	if (pr == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.extra = pr->extra;
	o.nextra = pr->nextra;
	extras_free(&o);
	man_free(pr->old);
	free(pr->absfinal);
	free(pr->note);
	free(pr);
}

static int
commit_swap(struct outdir *o, struct diag *d)
{
	char	*old = NULL;
	int	 rc = -1;

	if (!fs_is_dir(o->final)) {
		if (rename(o->tmp, o->final) == -1) {
			diag_err(d, o->final, 0, 0, "không đổi tên được thư "
			    "mục tạm: %s", strerror(errno));
			goto out;
		}
		rc = 0;
		goto out;
	}
#ifdef SYS_renameat2
	if (syscall(SYS_renameat2, AT_FDCWD, o->tmp, AT_FDCWD, o->final,
	    RENAME_EXCHANGE) == 0) {
		/* o->tmp now holds the previous output. */
		if (fs_rmtree(o->tmp) == -1)
			diag_warn(d, o->tmp, 0, 0, "không xóa được bản cũ: %s",
			    strerror(errno));
		rc = 0;
		goto out;
	}
#endif
	/* No atomic exchange: move the old tree aside first. */
	old = xasprintf("%s.old", o->tmp);
	if (rename(o->final, old) == -1) {
		diag_err(d, o->final, 0, 0, "không thay được thư mục đầu ra: "
		    "%s", strerror(errno));
		goto out;
	}
	if (rename(o->tmp, o->final) == -1) {
		diag_err(d, o->final, 0, 0, "không thay được thư mục đầu ra: "
		    "%s", strerror(errno));
		rename(old, o->final);
		goto out;
	}
	fs_rmtree(old);
	rc = 0;
out:
	free(old);
	return rc;
}

static int
commit_update(struct outdir *o, struct diag *d)
{
	struct buf	 rel = BUF_INIT;
	size_t		 i;
	int		 rc = -1;

	for (i = 0; i < o->cur->len; i++)
		if (o->cur->v[i].staged && put_in(o, o->cur->v[i].rel) == -1) {
			diag_err(d, o->final, 0, 0, "không đưa được tệp %s vào "
			    "thư mục đầu ra (%s); thư mục có thể mới cập nhật "
			    "một phần: hãy sửa lỗi rồi chạy lại", o->cur->v[i].rel,
			    strerror(errno));
			goto out;
		}
	/*
	 * With a manifest, the check at out_begin() saw everything in the
	 * folder: remove what it listed and what this build dropped.
	 * Without one, walk the folder again.
	 */
	if (o->old != NULL) {
		rc = 0;
		for (i = 0; i < o->old->len && rc == 0; i++)
			if (remove_up(o, o->old->v[i].rel) == -1)
				rc = 1;
		for (i = 0; i < o->nextra && rc == 0; i++)
			if (remove_up(o, o->extra[i]) == -1)
				rc = 1;
		if (rc == 1) {
			diag_err(d, o->final, 0, 0, "không xóa được tệp cũ "
			    "trong thư mục đầu ra (%s); hãy sửa lỗi rồi chạy "
			    "lại", strerror(errno));
			rc = -1;
			goto out;
		}
	} else if (walk_top(o, WALK_PRUNE) == -1) {
		diag_err(d, o->final, 0, 0, "không xóa được tệp cũ trong thư "
		    "mục đầu ra (%s); hãy sửa lỗi rồi chạy lại",
		    strerror(errno));
		goto out;
	}
	/* Only folders are left in the staging tree. */
	if (fs_rmtree(o->tmp) == -1)
		diag_warn(d, o->tmp, 0, 0, "không xóa được thư mục tạm: %s",
		    strerror(errno));
	rc = 0;
out:
	buf_free(&rel);
	return rc;
}

int
out_commit(struct outdir *o, struct diag *d)
{
	int	 rc;

	qsort(o->cur->v, o->cur->len, sizeof(*o->cur->v), file_cmp);
	man_rehash(o->cur);
	/* The old manifest goes first: it is wrong from the first change. */
	if (o->manifest != NULL)
		unlink(o->manifest);
	rc = o->update ? commit_update(o, d) : commit_swap(o, d);
	if (rc == -1)
		return -1;
	free(o->tmp);
	o->tmp = NULL;
	if (o->manifest != NULL && man_save(o, o->absfinal) == -1)
		diag_warn(d, o->manifest, 0, 0, "không lưu được danh sách tệp "
		    "đầu ra (%s): lần sau cchc sẽ ghi lại toàn bộ",
		    strerror(errno));
	return 0;
}

void
out_abort(struct outdir *o)
{
	if (o->tmp != NULL)
		fs_rmtree(o->tmp);
	free(o->tmp);
	free(o->final);
	free(o->manifest);
	free(o->absfinal);
	free(o->note);
	extras_free(o);
	man_free(o->old);
	man_free(o->cur);
	pthread_mutex_destroy(&o->lock);
	memset(o, 0, sizeof(*o));
}
