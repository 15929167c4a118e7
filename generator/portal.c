/*
 * portal.c - `cchc portal`: departments built by child processes, their
 * data read, the portal's pages made, then the output changed in one
 * short step at the end; see portal.h for the stages.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "buf.h"
#include "cachefile.h"
#include "catalog.h"
#include "date.h"
#include "diag.h"
#include "escape.h"
#include "errtext.h"
#include "export.h"
#include "frontmatter.h"
#include "fs.h"
#include "hash.h"
#include "json.h"
#include "model.h"
#include "mustache.h"
#include "pool.h"
#include "render.h"
#include "scan.h"
#include "portal.h"
#include "portal_config.h"
#include "portal_merge.h"
#include "portal_search.h"
#include "theme.h"
#include "util.h"
#include "value.h"
#include "xmlfeed.h"

extern char **environ;

#define PORTAL_MARKER	".cchc-portal"
#define PORTAL_STATE_V	"cchc-portal 3"
#define NEWS_PER_PAGE	20
#define HOME_NEWS	10
#define FEED_ITEMS	50
#define DATA_MAX	((size_t)1 << 30)
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* One department as the portal builds and reads it. */
struct dept {
	const struct portal_dept *cfg;
	char		*work;		/* its built section: work folder or built: */
	char		*url;		/* its base URL in the portal */
	struct val	*data;		/* du-lieu.json */
	char		*datafile;	/* its path, for messages */
	int		 readerr;	/* read_data(): errno reading it, */
	char		*parseerr;	/* or where it does not parse, */
	struct pnews	*news;		/* or its posts, until load_data() */
	uint64_t	 trimmed;	/* trimmed(): its data for the board */
	size_t		 nnews, newscap;
	/* The child building it. */
	pid_t		 pid;
	int		 fd;		/* its stdout and stderr, or -1 */
	struct buf	 log;
	int		 failed;
	uint64_t	 stamp;		/* source_stamp() before its build; 0:
					   none (built:, or not a plain
					   repository) */
	int		 skip;		/* as the last portal left it */
	/* Several sources (a merger): the tree they make together. */
	int		 merged;
	struct portal_merge merge;
};

/*
 * A file of the portal's own: made, hashed, and either found as the last
 * portal wrote it (kept: not written) or written to the staging folder,
 * to be moved in by the commit.  Its bytes are not kept in memory.
 */
struct pfile {
	char		*rel;
	uint64_t	 hash;
	long long	 size, mtime;	/* mtime: the output's file's, once
					   it is there */
	uint64_t	 input;		/* page_kept(): what it is made from */
	int		 staged;
};

struct portal {
	const struct portal_opts *opt;
	struct portal_config cfg;
	struct cdate	 today;
	char		 todays[16];
	struct dept	*d;
	size_t		 nd;
	char		*workroot;	/* .cchc-cache/portal */
	char		*statdir;	/* out_has()'s open folder (rel), */
	int		 statfd;	/*   or -1 (recorded_there()) */
	pthread_t	 checker, preloader;	/* background_start() */
	int		 checking, preloading;
	struct diag	 diag;
	struct pfile	*f;
	size_t		 nf, fcap;
	struct mus_set	*tpl;
	char		*theme;		/* the theme's folder */
	char		*self;		/* this binary, run for each department */
	uint64_t	 config;	/* config_hash() */
	uint64_t	 seed;		/* news_input()'s (0: not yet) */
	uint64_t	 binhash;	/* fs_self_hash(), for caches */
	const struct state *old;	/* what the last portal left */
	struct pnews	*news;		/* every department's posts */
	size_t		 nnews, newscap;
	char		*staging;	/* beside the output, made when needed */
	int		 write_failed;
};

/*
 * A post of any department, for the news pages and feeds: what they
 * show of it, taken from its department's data as that is read, so that
 * the data itself need not be kept whole (portal.c's trim_data).
 */
struct pnews {
	char		*title, *url, *summary, *unit;
	const struct dept *dept;
	struct cdate	 published, updated;
	int		 has_updated;
	long long	 t;
};

/* A file the last portal wrote: its bytes' hash, size and time. */
struct sfile {
	char		*rel;
	uint64_t	 hash;
	long long	 size, mtime;
	uint64_t	 input;		/* what it was made from (0: not said) */
};

/* A department as the last portal left it. */
struct sdept {
	char		*slug;
	char		*id;		/* its work folder's identity */
	uint64_t	 stamp;		/* its source's, before its build */
};

/* What the last portal left in the output (its marker's lines). */
struct state {
	uint64_t	  config;	/* config_hash() */
	struct sfile	 *files;
	size_t		  nfiles;
	unsigned char	 *there;	/* each file still in the output as
					   recorded (check_files()), once
					   checked is set */
	int		  checked;
	uint32_t	 *tab;		/* files by rel: index + 1, 0 empty */
	size_t		  tabsize;
	struct sdept	 *depts;
	size_t		  ndepts;
};

/* --- Small helpers -------------------------------------------------- */

/* CCHC_TIMES=1: each stage's time on stderr, as build.c's are. */
static void
portal_time(const char *name)
{
	static struct timespec	 last;
	struct timespec		 now;
	const char		*e = getenv("CCHC_TIMES");

	FILE			*f;
	char			 line[128];
	long			 rss = 0, hwm = 0, v;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (name != NULL && e != NULL && *e != '\0' && strcmp(e, "0") != 0) {
		/* And the memory it holds then (peaks between are not seen). */
		if ((f = fopen("/proc/self/status", "r")) != NULL) {
			while (fgets(line, sizeof(line), f) != NULL)
				if (sscanf(line, "VmRSS: %ld", &v) == 1)
					rss = v;
				else if (sscanf(line, "VmHWM: %ld", &v) == 1)
					hwm = v;
			fclose(f);
		}
		fprintf(stderr, "cchc portal: %-12s %7.1f ms %6ld MB (peak "
		    "%ld MB)\n", name, (double)(now.tv_sec - last.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - last.tv_nsec) / 1e6, rss / 1024,
		    hwm / 1024);
	}
	last = now;
}

/* url relative to the portal's root when it is below it, else NULL. */
static const char *
under_base(const struct portal *p, const char *url)
{
	size_t	 n = strlen(p->cfg.base_url);

	if (url == NULL || strncmp(url, p->cfg.base_url, n) != 0)
		return NULL;
	return url + n;
}

static const struct sfile *state_file(const struct state *, const char *);

static struct pfile *
file_new(struct portal *p, const char *rel, uint64_t hash, long long size)
{
	struct pfile	*f;

	ARRAY_GROW(p->f, p->nf, p->fcap, 256);
	f = &p->f[p->nf++];
	memset(f, 0, sizeof(*f));
	f->rel = xstrdup(rel);
	f->hash = hash;
	f->size = size;
	return f;
}

/*
 * Is rel, under out, still the file the last portal recorded (of: a
 * regular file of its size and time)?  *dir and *fd keep the last
 * folder looked in open (relative to out; *fd -1: none), so that files
 * met a folder at a time (the index's 48,000) are each looked up in it,
 * not walked to from /.  The caller closes and frees them.
 */
static int
recorded_there(const char *out, const char *rel, const struct sfile *of,
    char **dir, int *fd)
{
	struct stat	 sb;
	const char	*slash = strrchr(rel, '/');
	char		*path;
	size_t		 dl = slash != NULL ? (size_t)(slash - rel) : 0;

	if (*fd == -1 || *dir == NULL || strlen(*dir) != dl ||
	    strncmp(*dir, rel, dl) != 0) {
		if (*fd != -1)
			close(*fd);
		free(*dir);
		*dir = xstrndup(rel, dl);
		path = fs_join(out, *dir);
		*fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		free(path);
	}
	return *fd != -1 && fstatat(*fd, slash != NULL ? slash + 1 : rel,
	    &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == of->size && (long long)sb.st_mtim.tv_sec *
	    1000000000LL + sb.st_mtim.tv_nsec == of->mtime;
}

/*
 * Is rel in the output as the last portal wrote it (of, its line of
 * p->old), untouched since?  As check_files() found beforehand, or
 * looked up now (recorded_there()).
 */
static int
out_has(struct portal *p, const char *rel, const struct sfile *of)
{
	if (p->old != NULL && p->old->checked)
		return p->old->there[of - p->old->files];
	return recorded_there(p->opt->out, rel, of, &p->statdir, &p->statfd);
}

/*
 * Is f (its hash and size set) in the output as the last portal wrote
 * it (of, its line of the state; NULL: none), untouched since?  Then
 * it is kept: its time taken, nothing written.
 */
static int
file_there(struct portal *p, const struct sfile *of, struct pfile *f)
{
	if (of == NULL || of->hash != f->hash || of->size != f->size ||
	    !out_has(p, f->rel, of))
		return 0;
	f->mtime = of->mtime;
	return 1;
}

/*
 * A file of the portal: kept if the output has these bytes, else staged;
 * input (0: none) is what it was made from, for the next page_kept().
 */
static void
add_input(struct portal *p, const char *rel, const char *data, size_t len,
    uint64_t input)
{
	const struct sfile *of = p->old != NULL ? state_file(p->old, rel) :
			    NULL;
	struct pfile	*f;
	char		*path, *base, *name, *norm;

	/* Every name is made here, but from URLs in sources too: none may
	   lead out of the output. */
	norm = *rel != '/' ? fs_normalize(rel) : NULL;
	if (norm == NULL || strcmp(norm, rel) != 0) {
		diag_err(&p->diag, rel, 0, 0, "tên tệp này của cổng ra ngoài "
		    "thư mục đầu ra, không ghi");
		p->write_failed = 1;
		free(norm);
		return;
	}
	free(norm);
	f = file_new(p, rel, hash64(data != NULL ? data : "", len, 0),
	    (long long)len);
	f->input = input;
	if (file_there(p, of, f))
		return;
	if (p->staging == NULL) {
		base = fs_dirname(p->opt->out);
		name = xstrdup(p->opt->out + strlen(base));
		p->staging = xasprintf("%s%s.%s.portal-tmp-%ld", base,
		    *base != '\0' ? "/" : "", name[0] == '/' ? name + 1 : name,
		    (long)getpid());
		free(name);
		free(base);
		fs_rmtree(p->staging);
	}
	path = fs_join(p->staging, rel);
	if (fs_write(path, data != NULL ? data : "", len) == -1) {
		diag_err(&p->diag, path, 0, 0, "không ghi được tệp tạm của "
		    "cổng: %s", err_text(errno));
		p->write_failed = 1;
	}
	f->staged = 1;
	free(path);
}

static void
add_bytes(struct portal *p, const char *rel, const char *data, size_t len)
{
	add_input(p, rel, data, len, 0);
}

/*
 * rel kept as the last portal wrote it (of) if the output still has it
 * (1), with input for the next run; 0, and nothing is added.
 */
static int
kept_as(struct portal *p, const struct sfile *of, const char *rel,
    uint64_t input)
{
	struct pfile	*f = file_new(p, rel, of->hash, of->size);

	f->input = input;
	if (file_there(p, of, f))
		return 1;
	free(p->f[--p->nf].rel);
	return 0;
}

/*
 * Files made together from `input` (a hash of all they show, seeded by
 * page_seed()): when the last portal made each of them from the same
 * and the output still has them, all are kept without being made (1).
 * 0: make them all.
 */
static int
group_kept(struct portal *p, const char *const *rels, size_t n,
    uint64_t input)
{
	const struct sfile *of;
	struct pfile	*f;
	size_t		 i;

	if (input == 0 || p->old == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if ((of = state_file(p->old, rels[i])) == NULL ||
		    of->input != input || !out_has(p, rels[i], of))
			return 0;
	for (i = 0; i < n; i++) {
		of = state_file(p->old, rels[i]);
		f = file_new(p, rels[i], of->hash, of->size);
		f->input = input;
		f->mtime = of->mtime;
	}
	return 1;
}

static int
page_kept(struct portal *p, const char *rel, uint64_t input)
{
	return group_kept(p, &rel, 1, input);
}

/*
 * What every kept page's input starts from: the portal's configuration
 * (portal.yaml, the day, the theme, cchc's version), the binary, and
 * which pages (label); 0 (nothing kept) when the configuration's hash
 * could not be made.
 */
static uint64_t
page_seed(const struct portal *p, const char *label)
{
	return p->config == 0 ? 0 : hash64(label, strlen(label), p->config ^
	    p->binhash) | 1;
}

static void
add_file(struct portal *p, const char *rel, struct buf *b)
{
	add_bytes(p, rel, b->data, b->len);
	buf_reset(b);
}

static int
put_search(void *arg, const char *rel, const char *bytes, size_t len)
{
	struct portal	*p = arg;

	add_bytes(p, rel, bytes, len);
	return p->write_failed ? -1 : 0;
}

/* A file of the merged index kept, if it is there as the merge says. */
static int
keep_search(void *arg, const char *rel, uint64_t hash, uint64_t size)
{
	struct portal	*p = arg;
	const struct sfile *of = p->old != NULL ? state_file(p->old, rel) :
			    NULL;

	return of != NULL && of->hash == hash && (uint64_t)of->size == size &&
	    kept_as(p, of, rel, 0);
}

/* --- Work done while a department builds -------------------------------- */

static void	 read_data(void *, size_t);

/*
 * Every file of the last portal's state checked against the output
 * (size, time: out_has()'s question), into st->there.  On a thread of
 * its own while the departments build (a stat is 1-2 us; 48,000 of
 * them were 70-90 ms of a one-post rebuild, and the child building the
 * department leaves a core partly idle).
 */
static void *
check_files(void *arg)
{
	struct portal	*p = arg;
	struct state	*st = (struct state *)p->old;
	char		*dir = NULL;
	size_t		 i;
	int		 fd = -1;

	for (i = 0; i < st->nfiles; i++)
		st->there[i] = recorded_there(p->opt->out, st->files[i].rel,
		    &st->files[i], &dir, &fd);
	if (fd != -1)
		close(fd);
	free(dir);
	return NULL;
}

/* The departments not to be built: their data read (read_data()). */
static void *
preload_data(void *arg)
{
	struct portal	*p = arg;
	size_t		 i;

	for (i = 0; i < p->nd; i++)
		if (p->d[i].cfg->nsrc == 0 || p->d[i].skip)
			read_data(p, i);
	return NULL;
}

/*
 * Both of the above started on threads of their own (none if a thread
 * cannot start: the work is then done when it is needed).
 */
static void
background_start(struct portal *p)
{
	struct state	*st = (struct state *)p->old;

	if (st != NULL && st->nfiles > 0) {
		st->there = xcalloc(st->nfiles, 1);
		p->checking = pthread_create(&p->checker, NULL, check_files,
		    p) == 0;
	}
	p->preloading = pthread_create(&p->preloader, NULL, preload_data,
	    p) == 0;
}

/* Waits for them; what they found is used from then on. */
static void
background_wait(struct portal *p)
{
	if (p->checking) {
		pthread_join(p->checker, NULL);
		p->checking = 0;
		((struct state *)p->old)->checked = 1;
	}
	if (p->preloading) {
		pthread_join(p->preloader, NULL);
		p->preloading = 0;
	}
}

/* --- 2. Departments built by children --------------------------------- */

static int
spawn_build(struct portal *p, struct dept *d, int jobs)
{
	posix_spawn_file_actions_t fa;
	char		 jbuf[16];
	int		 fds[2], rc;
	const char	*argv[16];
	size_t		 k = 0;

	/* Neither end may leak into the other children. */
	if (pipe(fds) == -1)
		return -1;
	(void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	snprintf(jbuf, sizeof(jbuf), "%d", jobs);
	argv[k++] = "cchc";
	argv[k++] = "build";
	argv[k++] = "--source";
	argv[k++] = d->merged ? d->merge.tree : d->cfg->src[0].abs;
	if (d->merged) {
		argv[k++] = "--merge";
		argv[k++] = d->merge.manifest;
	}
	argv[k++] = "--out";
	argv[k++] = d->work;
	argv[k++] = "--base-url";
	argv[k++] = d->url;
	argv[k++] = "--today";
	argv[k++] = p->todays;
	argv[k++] = "--jobs";
	argv[k++] = jbuf;
	argv[k++] = "--quiet";
	argv[k] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	rc = posix_spawn(&d->pid, p->self, &fa, NULL,
	    (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		errno = rc;
		return -1;
	}
	d->fd = fds[0];
	return 0;
}

/* The child of d said all it will: its status. */
static void
reap(struct dept *d)
{
	int	 st;

	close(d->fd);
	d->fd = -1;
	while (waitpid(d->pid, &st, 0) == -1)
		if (errno != EINTR) {
			d->failed = 1;
			return;
		}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		d->failed = 1;
		if (WIFSIGNALED(st))
			buf_printf(&d->log, "cchc: tiến trình dựng dừng đột ngột "
			    "(tín hiệu %d)\n", WTERMSIG(st));
	}
}

static const struct sdept *state_dept(const struct state *, const char *);
static uint64_t	 source_stamp(const struct portal *, const struct dept *);
static uint64_t	 config_hash(const struct portal *);
static char	*identity(const char *);

/*
 * Whether a department's build would do nothing: its source's stamp
 * (d->stamp, stamp_one()) and its work folder are as the last portal
 * left them.
 */
static int
dept_unchanged(struct dept *d, const struct state *old)
{
	const struct sdept *od = state_dept(old, d->cfg->slug);
	char		*id;
	int		 same;

	if (od == NULL || d->stamp == 0 || od->stamp != d->stamp)
		return 0;
	id = identity(d->work);
	same = strcmp(id, od->id) == 0 && fs_is_dir(d->work);
	free(id);
	return same;
}

/* Each department's source stamp, on a thread each (pool.h). */
static void
stamp_one(void *arg, size_t i)
{
	struct portal	*p = arg;

	if (p->d[i].cfg->nsrc > 0)
		p->d[i].stamp = source_stamp(p, &p->d[i]);
}

/*
 * Builds every department with a source whose build has something to
 * do, at most `jobs` at once; each child gets a share of the cores.  0
 * when all succeeded.
 */
static int
build_departments(struct portal *p, const struct state *old)
{
	struct pollfd	*pf = xcalloc(p->nd + 1, sizeof(*pf));
	size_t		*who = xcalloc(p->nd + 1, sizeof(*who));
	size_t		 i, next = 0, running = 0, nbuild = 0, np;
	int		 ncpu = pool_ncpu(), jobs, each, rc = 0;
	char		 chunk[4096];
	ssize_t		 r;

	pool_run(p->nd, p->opt->jobs > 0 ? p->opt->jobs : ncpu, stamp_one, p);
	for (i = 0; i < p->nd; i++)
		if (p->d[i].cfg->nsrc > 0 &&
		    !(p->d[i].skip = dept_unchanged(&p->d[i], old)))
			nbuild++;
	portal_time("stamps");
	/* The children leave a core partly idle: what does not wait for
	   them is done meanwhile. */
	if (nbuild > 0)
		background_start(p);
	jobs = p->opt->jobs > 0 ? p->opt->jobs : ncpu;
	if ((size_t)jobs > nbuild)
		jobs = nbuild > 0 ? (int)nbuild : 1;
	each = ncpu / jobs > 0 ? ncpu / jobs : 1;
	for (;;) {
		while (running < (size_t)jobs && next < p->nd) {
			struct dept *d = &p->d[next++];

			if (d->cfg->nsrc == 0 || d->skip)
				continue;
			if (spawn_build(p, d, each) == -1) {
				buf_printf(&d->log, "cchc: không chạy được "
				    "cchc build: %s\n", err_text(errno));
				d->failed = 1;
				continue;
			}
			running++;
		}
		if (running == 0)
			break;
		np = 0;
		for (i = 0; i < p->nd; i++)
			if (p->d[i].fd >= 0) {
				pf[np].fd = p->d[i].fd;
				pf[np].events = POLLIN;
				who[np++] = i;
			}
		if (poll(pf, np, -1) == -1) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		for (i = 0; i < np; i++) {
			struct dept *d = &p->d[who[i]];

			if (pf[i].revents == 0)
				continue;
			r = read(d->fd, chunk, sizeof(chunk));
			if (r > 0)
				buf_put(&d->log, chunk, (size_t)r);
			else if (r == 0 || errno != EINTR) {
				reap(d);
				running--;
			}
		}
	}
	for (i = 0; i < p->nd; i++)
		if (p->d[i].failed)
			rc = -1;
	free(pf);
	free(who);
	return rc;
}

/*
 * What the redirects are made from besides the sections: the manifest
 * (the collisions' outcome) and the sources' own base_url, into the
 * configuration hash, so that an output unchanged() is not kept when
 * only these changed (a source's site.yaml need not change its build).
 */
static void
merge_hash(struct portal *p, const struct dept *d)
{
	struct hasher	 h;
	size_t		 k;

	if (p->config == 0)
		return;
	hasher_init(&h);
	hasher_u64(&h, p->config);
	hasher_u64(&h, d->merge.manifest_hash);
	for (k = 0; k < d->merge.nsrc; k++)
		hasher_str(&h, d->merge.own_url[k]);
	p->config = hasher_done(&h) | 1;
}

/*
 * The departments formed by a merger: their sources put together, each
 * collision said (as a warning: it is resolved) with the department and
 * both files.  0, or -1 when a tree cannot be made.
 */
static int
prepare_merges(struct portal *p)
{
	const struct pm_conflict *x;
	const struct portal_source *ps, *ks;
	size_t		 i, k;
	int		 rc = 0;
	char		*tree, *name;

	for (i = 0; i < p->nd; i++) {
		struct dept *d = &p->d[i];

		if (d->cfg->nsrc < 2)
			continue;
		d->merged = 1;
		name = xasprintf("%s.nguon", d->cfg->slug);
		tree = fs_join(p->workroot, name);
		free(name);
		if (portal_merge_prepare(d->cfg, tree, &d->merge,
		    &p->diag) == -1)
			rc = -1;
		free(tree);
		merge_hash(p, d);
		for (k = 0; k < d->merge.nconf; k++) {
			x = &d->merge.conf[k];
			ps = &d->cfg->src[x->src];
			ks = &d->cfg->src[x->keep_src];
			switch (x->kind) {
			case PM_PATH:
				diag_warn(&p->diag, p->cfg.display, ps->line,
				    ps->col, "%s: tệp %s có ở cả nguồn %s và "
				    "nguồn %s; tệp của nguồn %s được đưa vào "
				    "thành %s", d->cfg->name, x->what, ks->path,
				    ps->path, ps->path, x->now);
				break;
			case PM_URL:
				diag_warn(&p->diag, p->cfg.display, ps->line,
				    ps->col, "%s: trang %s (nguồn %s) trùng địa "
				    "chỉ /%s với trang %s (nguồn %s); trang của "
				    "nguồn %s nay ở địa chỉ /%s", d->cfg->name,
				    x->path, ps->path, x->what, x->keep_path,
				    ks->path, ps->path, x->now);
				break;
			case PM_CODE:
				diag_warn(&p->diag, p->cfg.display, ps->line,
				    ps->col, "%s: thủ tục mã %s có ở cả %s "
				    "(nguồn %s) và %s (nguồn %s); giữ thủ tục "
				    "của nguồn %s, địa chỉ cũ của thủ tục kia "
				    "chuyển về /%s", d->cfg->name, x->what,
				    x->keep_path, ks->path, x->path, ps->path,
				    ks->path, x->now != NULL ? x->now : "");
				break;
			case PM_FILE:
				diag_warn(&p->diag, p->cfg.display, ps->line,
				    ps->col, "%s: tệp %s có ở cả nguồn %s và "
				    "nguồn %s với nội dung khác nhau; giữ tệp "
				    "của nguồn %s, hãy đổi tên tệp kia trong "
				    "nguồn %s nếu trang của nó cần", d->cfg->name,
				    x->what, ks->path, ps->path, ks->path,
				    ps->path);
				break;
			}
		}
	}
	return rc;
}

/* What each build said, under its department's name. */
static void
print_logs(const struct portal *p, int failed_only)
{
	size_t	 i;

	for (i = 0; i < p->nd; i++) {
		const struct dept *d = &p->d[i];

		struct buf	 b = BUF_INIT;
		size_t		 k;

		if (d->log.len == 0 || (failed_only && !d->failed))
			continue;
		if (d->merged) {
			/* Its files named in the sources they came from. */
			buf_puts(&b, "gộp từ các nguồn ");
			for (k = 0; k < d->cfg->nsrc; k++)
				buf_printf(&b, "%s%s", k > 0 ? ", " : "",
				    d->cfg->src[k].path);
		} else
			buf_printf(&b, "thư mục nguồn %s", d->cfg->src[0].path);
		fprintf(stderr, "cchc: %s (%s), %s%s:\n", d->cfg->name,
		    d->cfg->slug, buf_cstr(&b), d->failed ? ", dựng bị lỗi" :
		    "");
		buf_reset(&b);
		if (d->merged)
			portal_merge_messages(&d->merge, d->log.data,
			    d->log.len, &b);
		else
			buf_put(&b, d->log.data, d->log.len);
		fputs(buf_cstr(&b), stderr);
		if (b.len > 0 && b.data[b.len - 1] != '\n')
			fputc('\n', stderr);
		buf_free(&b);
	}
}

/* --- 3. Departments' data -------------------------------------------- */

static void	 take_news(struct dept *);
static void	 trim_data(struct dept *);
static void	 trim_sections(struct dept *);
static void	 keep_post_fields(struct dept *, const char *const *, size_t);

#define DATA_CACHE_DIR	"_du-lieu"	/* '_' is in no slug */
#define DATA_MAGIC	"CCHCPDAT"
#define DATA_VERSION	2

/*
 * What the portal reads of a department's data (slim_data(): a post's
 * title, URL, summary, unit, dates; a procedure without its sections'
 * texts), kept packed (val_pack()) in <workroot>/_du-lieu/<slug>.bin,
 * salted with du-lieu.json's identity (cf_file_id()) and the binary: an
 * unchanged department's data is read from there, about a third of the
 * bytes of its JSON and none of its parsing.  *salt
 * gets the salt; NULL when there is no cache.
 */
static char *
data_cache(const struct portal *p, const struct dept *d, uint64_t *salt)
{
	struct stat	 st;

	if (p->workroot == NULL || d->cfg->slug == NULL ||
	    stat(d->datafile, &st) == -1)
		return NULL;
	*salt = cf_file_id(&st, p->binhash);
	return xasprintf("%s/%s/%s.bin", p->workroot, DATA_CACHE_DIR,
	    d->cfg->slug);
}

/* The hash of what trim_data() leaves: all the catalogue and board read. */
static uint64_t
trimmed(const struct val *data)
{
	struct buf	 b = BUF_INIT;
	uint64_t	 h;

	val_pack(&b, data);
	h = hash64(b.data != NULL ? b.data : "", b.len, 0) | 1;
	buf_free(&b);
	return h;
}

/* A post's fields take_news() reads; the rest of the data trim_data()'s. */
static void
slim_data(struct dept *d)
{
	static const char *const keep[] = { "title", "url", "summary",
	    "unit", "published", "updated" };

	keep_post_fields(d, keep, sizeof(keep) / sizeof(keep[0]));
}

/*
 * A department's du-lieu.json read and parsed (or its slim form from
 * the cache), its news taken and the rest trimmed, on a thread each
 * (pool.h): the parse is most of the data stage.  Nothing here reports:
 * a failure is left in d->readerr or d->parseerr for load_data().  A
 * cache that cannot be read or written is only slower.
 */
static void
read_data(void *arg, size_t i)
{
	struct portal	*p = arg;
	struct dept	*d = &p->d[i];
	struct buf	 b = BUF_INIT;
	char		 err[256], *cache;
	uint64_t	 salt = 0;
	size_t		 used;

	if (d->datafile != NULL)
		return;		/* read already (preload_data()) */
	d->datafile = fs_join(d->work, "du-lieu.json");
	cache = data_cache(p, d, &salt);
	/* The cache: u64 trimmed(), then the slim data packed. */
	if (cache != NULL && cf_load(cache, DATA_MAX, DATA_MAGIC, DATA_VERSION,
	    salt, &b, NULL) == 0 && b.len >= CF_SEALED_HEAD + 8 &&
	    (d->data = val_unpack(b.data + CF_SEALED_HEAD + 8, b.len -
	    CF_SEALED_HEAD - 8, &used)) != NULL) {
		if (used != b.len - CF_SEALED_HEAD - 8) {
			val_unref(d->data);
			d->data = NULL;
		} else
			d->trimmed = cf_le_get((const unsigned char *)b.data +
			    CF_SEALED_HEAD, 8);
	}
	buf_free(&b);
	if (d->data != NULL) {
		/* Before load_data()'s checks, which need none of what
		   these drop: the trimmed trees are what 30 threads' worth
		   of data may hold at once. */
		take_news(d);
		trim_data(d);
		free(cache);
		return;
	}
	if (fs_read(d->datafile, DATA_MAX, &b) == -1)
		d->readerr = errno != 0 ? errno : EIO;
	else if ((d->data = json_parse(buf_cstr(&b), b.len, err,
	    sizeof(err))) == NULL)
		d->parseerr = xstrdup(err);
	buf_reset(&b);
	if (d->data != NULL) {
		slim_data(d);
		if (cache != NULL) {
			cf_begin_sealed(&b, DATA_MAGIC, DATA_VERSION, salt);
			cf_put_u64(&b, 0);	/* trimmed(), below */
			val_pack(&b, d->data);
		}
		take_news(d);
		trim_data(d);
		d->trimmed = trimmed(d->data);
		if (cache != NULL) {
			cf_le_put((unsigned char *)b.data + CF_SEALED_HEAD,
			    d->trimmed, 8);
			(void)cf_save(cache, &b);
		}
	}
	buf_free(&b);
	free(cache);
}

/* The data caches of departments no longer listed, removed. */
static void
data_sweep(const struct portal *p)
{
	DIR		*dir;
	struct dirent	*de;
	char		*sub = fs_join(p->workroot, DATA_CACHE_DIR), *path;
	size_t		 i, n;
	int		 used;

	if ((dir = opendir(sub)) == NULL) {
		free(sub);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		for (used = 0, i = 0; i < p->nd && !used; i++) {
			n = strlen(p->d[i].cfg->slug);
			used = strncmp(de->d_name, p->d[i].cfg->slug, n) == 0 &&
			    strcmp(de->d_name + n, ".bin") == 0;
		}
		if (!used) {
			path = fs_join(sub, de->d_name);
			(void)unlink(path);	/* a leftover: no harm if it stays */
			free(path);
		}
	}
	closedir(dir);
	free(sub);
}

/* What read_data() found, checked and reported; the news taken. */
static int
load_data(struct portal *p, struct dept *d)
{
	const struct val *v;
	const char	*s, *url;
	int		 rc = -1;

	if (d->readerr != 0) {
		diag_err(&p->diag, p->cfg.display, d->cfg->line, d->cfg->col,
		    "%s (%s): không đọc được %s: %s; dựng lại đơn vị này bằng "
		    "cchc build", d->cfg->name, d->cfg->slug, d->datafile,
		    err_text(d->readerr));
		goto out;
	}
	if (d->data == NULL) {
		diag_err(&p->diag, d->datafile, 0, 0, "%s (%s): tệp dữ liệu "
		    "hỏng ở %s; dựng lại đơn vị này bằng cchc build",
		    d->cfg->name, d->cfg->slug, d->parseerr != NULL ?
		    d->parseerr : "?");
		goto out;
	}
	s = fm_str(d->data, "format");
	v = val_map_get(d->data, "version");
	if (s == NULL || strcmp(s, "cchc-du-lieu") != 0) {
		diag_err(&p->diag, d->datafile, 1, 1, "%s (%s): đây không phải "
		    "tệp dữ liệu của cchc (thiếu \"format\": \"cchc-du-lieu\")",
		    d->cfg->name, d->cfg->slug);
		goto out;
	}
	if (v == NULL || val_type(v) != VAL_NUM ||
	    val_get_num(v) != EXPORT_DATA_VERSION) {
		s = fm_str(d->data, "generator");
		diag_err(&p->diag, d->datafile, v != NULL ? val_line(v) : 1,
		    v != NULL ? val_col(v) : 1, "%s (%s): tệp dữ liệu do %s "
		    "tạo, phiên bản dữ liệu %g; cchc này (%s) chỉ đọc phiên bản "
		    "%d. Hãy dựng lại đơn vị bằng cùng phiên bản cchc với cổng",
		    d->cfg->name, d->cfg->slug, s != NULL ? s :
		    "một chương trình khác", v != NULL && val_type(v) == VAL_NUM ?
		    val_get_num(v) : 0.0, "cchc " CCHC_VERSION,
		    EXPORT_DATA_VERSION);
		goto out;
	}
	url = fm_str(val_map_get(d->data, "site"), "base_url");
	if (url == NULL || strcmp(url, d->url) != 0) {
		diag_err(&p->diag, d->datafile, 1, 1, "%s (%s): chuyên mục được "
		    "dựng với địa chỉ %s, nhưng trong cổng nó ở %s; dựng lại "
		    "bằng cchc build --base-url %s", d->cfg->name, d->cfg->slug,
		    url != NULL ? url : "(không có)", d->url, d->url);
		goto out;
	}
	/* Its news to the portal's, in the departments' order. */
	if (p->nnews + d->nnews > p->newscap) {
		p->newscap = (p->nnews + d->nnews) * 2;
		p->news = xreallocarray(p->news, p->newscap, sizeof(*p->news));
	}
	if (d->nnews > 0)
		memcpy(p->news + p->nnews, d->news, d->nnews * sizeof(*d->news));
	p->nnews += d->nnews;
	free(d->news);
	d->news = NULL;
	d->nnews = d->newscap = 0;
	rc = 0;
out:
	return rc;
}

/* --- 4. The portal's pages -------------------------------------------- */

static int
load_templates(struct portal *p)
{
	static const char *const dirs[] = { "partials", "portal" };
	struct buf	 b = BUF_INIT;
	DIR		*dir;
	struct dirent	*de;
	char		*path, *file, *name;
	size_t		 i, n;
	int		 rc = 0;

	p->tpl = mus_set_new();
	for (i = 0; i < 2 && rc == 0; i++) {
		path = fs_join(p->theme, dirs[i]);
		if ((dir = opendir(path)) == NULL) {
			diag_err(&p->diag, path, 0, 0, "không mở được thư mục "
			    "giao diện: %s", err_text(errno));
			free(path);
			return -1;
		}
		while ((de = readdir(dir)) != NULL && rc == 0) {
			n = strlen(de->d_name);
			if (n < 10 || de->d_name[0] == '.' ||
			    strcmp(de->d_name + n - 9, ".mustache") != 0)
				continue;
			file = fs_join(path, de->d_name);
			name = xstrndup(de->d_name, n - 9);
			buf_reset(&b);
			if (fs_read(file, 1 << 24, &b) == -1) {
				diag_err(&p->diag, file, 0, 0, "không đọc được "
				    "mẫu trang: %s", err_text(errno));
				rc = -1;
			} else
				rc = mus_set_add(p->tpl, name, file,
				    buf_cstr(&b), b.len, &p->diag);
			free(name);
			free(file);
		}
		closedir(dir);
		free(path);
	}
	buf_free(&b);
	return rc;
}

/* The frames every page shares: the site, then the page's own map. */
static struct val *
site_ctx(const struct portal *p)
{
	struct val	*s = val_map(), *nav = val_list(), *feeds = val_list();
	struct val	*m;
	static const char *const navs[][2] = {
		{ "", "Trang chủ" }, { "tin-tuc/", "Tin tức" },
		{ "thu-tuc/", "Thủ tục hành chính" },
		{ "theo-doi/", "Theo dõi thực hiện" },
		{ "tim-kiem/", "Tìm kiếm" } };
	size_t		 i;

	val_map_set_str(s, "title", p->cfg.title);
	val_map_set_str(s, "lang", "vi");
	val_map_set_str(s, "province", p->cfg.province);
	val_map_set_str(s, "description", p->cfg.description);
	val_map_set_str(s, "base_url", p->cfg.base_url);
	val_map_set_str(s, "generator", "cchc " CCHC_VERSION);
	val_map_set_str(s, "today", p->todays);
	for (i = 0; i < sizeof(navs) / sizeof(navs[0]); i++) {
		m = val_map();
		val_map_set_str(m, "url", navs[i][0]);
		val_map_set_str(m, "title", navs[i][1]);
		val_list_push(nav, m);
	}
	val_map_set(s, "nav", nav);
	m = val_map();
	val_map_set_str(m, "url", "rss.xml");
	val_map_set_str(m, "type", "application/rss+xml");
	val_map_set_str(m, "title", "RSS: tin của các đơn vị");
	val_list_push(feeds, m);
	m = val_map();
	val_map_set_str(m, "url", "atom.xml");
	val_map_set_str(m, "type", "application/atom+xml");
	val_map_set_str(m, "title", "Atom: tin của các đơn vị");
	val_list_push(feeds, m);
	val_map_set(s, "feeds", feeds);
	m = val_list();
	for (i = 0; i < p->nd; i++) {
		struct val *e = val_map();

		val_map_set_str(e, "name", p->d[i].cfg->name);
		val_map_set_str(e, "slug", p->d[i].cfg->slug);
		val_map_set_str(e, "url", p->d[i].cfg->slug);
		val_list_push(m, e);
	}
	val_map_set(s, "departments", m);
	return s;
}

/*
 * Renders layout `name` to rel with page (taken) as the innermost frame;
 * the nav entry whose url is `current` is marked.  0 or -1.
 */
static int
portal_page(struct portal *p, const char *name, const char *rel,
    const char *current, struct val *page, uint64_t input)
{
	struct val	*site = site_ctx(p), *frames[2], *nav;
	struct buf	 b = BUF_INIT;
	char		*root = model_root_prefix(rel), *perm;
	size_t		 i;
	int		 rc;

	nav = val_map_get(site, "nav");
	for (i = 0; i < val_list_len(nav); i++) {
		struct val *e = val_list_at(nav, i);

		if (current != NULL && strcmp(val_get_str(val_map_get(e,
		    "url")), current) == 0)
			val_map_set_bool(e, "current", 1);
	}
	val_map_set_str(page, "root", root);
	perm = xasprintf("%s%.*s", p->cfg.base_url, (int)(strlen(rel) -
	    (strlen(rel) >= 10 && strcmp(rel + strlen(rel) - 10,
	    "index.html") == 0 ? 10 : 0)), rel);
	val_map_set_str(page, "permalink", perm);
	frames[0] = val_map();
	val_map_set(frames[0], "site", site);
	frames[1] = page;
	rc = mus_render(p->tpl, name, frames, 2, &b, &p->diag);
	val_unref(frames[0]);
	if (rc == 0)
		add_input(p, rel, b.data, b.len, input);
	buf_free(&b);
	free(perm);
	free(root);
	val_unref(page);
	return rc;
}

static int
news_cmp(const void *a, const void *b)
{
	const struct pnews *x = a, *y = b;

	if (x->t != y->t)
		return x->t > y->t ? -1 : 1;
	if (x->dept != y->dept)
		return x->dept < y->dept ? -1 : 1;
	return strcmp(x->url, y->url);
}

/* Every post of every department, newest first. */
static struct pnews *
news_all(struct portal *p, size_t *n)
{
	if (p->nnews > 1)
		qsort(p->news, p->nnews, sizeof(*p->news), news_cmp);
	*n = p->nnews;
	return p->news;
}

static void
news_list_free(struct pnews *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].url);
		free(v[i].summary);
		free(v[i].unit);
	}
	free(v);
}

static void
news_free(struct portal *p)
{
	news_list_free(p->news, p->nnews);
	p->news = NULL;
	p->nnews = p->newscap = 0;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* d's posts, as the news pages show them, to d->news. */
static void
take_news(struct dept *d)
{
	const struct val *posts = val_map_get(d->data, "posts");
	struct pnews	*e;
	const char	*why;
	size_t		 k;

	for (k = 0; k < val_list_len(posts); k++) {
		const struct val *post = val_list_at(posts, k);
		const char *pub = fm_str(post, "published"),
		    *upd = fm_str(post, "updated");

		if (fm_str(post, "title") == NULL || fm_str(post, "url") == NULL ||
		    pub == NULL)
			continue;
		ARRAY_GROW(d->news, d->nnews, d->newscap, 256);
		e = &d->news[d->nnews];
		memset(e, 0, sizeof(*e));
		if (date_parse(pub, &e->published, &why) == -1)
			continue;
		e->title = xstrdup(fm_str(post, "title"));
		e->url = xstrdup(fm_str(post, "url"));
		e->summary = dup_or_null(fm_str(post, "summary"));
		e->unit = dup_or_null(fm_str(post, "unit"));
		e->dept = d;
		e->t = date_epoch(&e->published);
		if (upd != NULL && date_parse(upd, &e->updated, &why) == 0)
			e->has_updated = 1;
		d->nnews++;
	}
}

/*
 * Each post of d's data reduced to the fields keep[0..n) (the others
 * dropped), and each procedure's sections to text or not (their words
 * are on its page).
 */
static void
keep_post_fields(struct dept *d, const char *const *keep, size_t n)
{
	struct val	*posts = val_map_get(d->data, "posts"), *slim, *m, *v;
	size_t		 i, k;

	slim = val_list();
	for (i = 0; i < val_list_len(posts); i++) {
		m = val_map();
		for (k = 0; k < n; k++)
			if ((v = val_map_get(val_list_at(posts, i),
			    keep[k])) != NULL)
				val_map_set(m, keep[k], val_ref(v));
		val_list_push(slim, m);
	}
	if (posts != NULL)
		val_map_set(d->data, "posts", slim);
	else
		val_unref(slim);
	trim_sections(d);
}

/* A procedure's sections as text or not (their words are on its page). */
static void
trim_sections(struct dept *d)
{
	struct val	*procs, *secs;
	size_t		 i, k;

	procs = val_map_get(d->data, "procedures");
	for (i = 0; i < val_list_len(procs); i++) {
		secs = val_map_get(val_list_at(procs, i), "sections");
		for (k = 0; k < val_map_len(secs); k++)
			if (val_type(val_map_value(secs, k)) == VAL_STR &&
			    val_str_len(val_map_value(secs, k)) > 0)
				val_map_set(secs, val_map_key(secs, k),
				    val_str(""));
	}
}

/*
 * What the board and catalogue read of a department's data, the rest
 * dropped (taken by take_news() first): a post's publication date, a
 * procedure's sections as text or not.  The data of 30 departments of
 * 1,000 posts took 69 MB whole.
 */
static void
trim_data(struct dept *d)
{
	static const char *const keep[] = { "published" };

	keep_post_fields(d, keep, 1);
}

/* A post as the news templates show it. */
static struct val *
news_item(const struct portal *p, const struct pnews *e, const char *root)
{
	struct val	*m = val_map();
	struct buf	 b = BUF_INIT;
	const char	*rel = under_base(p, e->url);

	val_map_set_str(m, "title", e->title);
	if (rel != NULL)
		val_map_set(m, "url", val_str_cat(root, rel));
	else
		val_map_set_str(m, "url", e->url);
	val_map_set_str(m, "summary", e->summary);
	val_map_set_str(m, "unit", e->unit);
	val_map_set_str(m, "department", e->dept->cfg->name);
	val_map_set(m, "department_url", val_str_cat(root, e->dept->cfg->slug));
	date_fmt_vn(&e->published, &b);
	val_map_set_str(m, "date", buf_cstr(&b));
	buf_reset(&b);
	date_fmt_iso(&e->published, &b);
	val_map_set_str(m, "datetime", buf_cstr(&b));
	buf_free(&b);
	return m;
}

/* Home page, tin-tuc/ and its trang/N/ pages. */
/*
 * What news page pg (of npages, at rel) shows: its posts' fields, their
 * departments, its place; with p->seed (the portal's configuration,
 * theme and binary).  Equal: the same bytes (page_kept()).
 */
static uint64_t
news_input(const struct portal *p, const char *rel, size_t pg,
    size_t npages, const struct pnews *v, size_t n)
{
	struct hasher	 h;
	size_t		 i;

	hasher_init(&h);
	hasher_u64(&h, p->seed);
	hasher_str(&h, rel);
	hasher_u64(&h, pg);
	hasher_u64(&h, npages);
	for (i = 0; i < n; i++) {
		hasher_str(&h, v[i].title);
		hasher_str(&h, v[i].url);
		hasher_u64(&h, v[i].summary != NULL);
		hasher_str(&h, v[i].summary != NULL ? v[i].summary : "");
		hasher_u64(&h, v[i].unit != NULL);
		hasher_str(&h, v[i].unit != NULL ? v[i].unit : "");
		hasher_u64(&h, (uint64_t)(v[i].dept - p->d));
		hasher_add(&h, &v[i].published, sizeof(v[i].published));
	}
	return hasher_done(&h) | 1;
}

static int
make_news_pages(struct portal *p, const struct pnews *v, size_t n)
{
	size_t		 npages = n == 0 ? 1 : (n + NEWS_PER_PAGE - 1) /
			    NEWS_PER_PAGE, pg, i, lo, hi;
	struct val	*page, *items;
	uint64_t	 in;
	char		*rel, *root;
	int		 rc = 0;

	page = val_map();
	val_map_set_str(page, "title", p->cfg.title);
	val_map_set_str(page, "description", p->cfg.description);
	items = val_list();
	for (i = 0; i < n && i < HOME_NEWS; i++)
		val_list_push(items, news_item(p, &v[i], ""));
	val_map_set(page, "news", items);
	if (portal_page(p, "portal-home", "index.html", "", page, 0) == -1)
		return -1;
	if (p->seed == 0)
		p->seed = page_seed(p, "tin-tuc");
	for (pg = 1; pg <= npages && rc == 0; pg++) {
		rel = pg == 1 ? xstrdup("tin-tuc/index.html") :
		    xasprintf("tin-tuc/trang/%zu/index.html", pg);
		lo = (pg - 1) * NEWS_PER_PAGE;
		hi = pg * NEWS_PER_PAGE < n ? pg * NEWS_PER_PAGE : n;
		in = p->seed != 0 ? news_input(p, rel, pg, npages, v + lo,
		    hi - lo) : 0;
		if (page_kept(p, rel, in)) {
			free(rel);
			continue;
		}
		root = model_root_prefix(rel);
		page = val_map();
		val_map_set(page, "title", pg == 1 ? val_str("Tin tức của các "
		    "đơn vị") : val_str_own(xasprintf("Tin tức của các đơn vị "
		    "– trang %zu", pg)));
		items = val_list();
		for (i = lo; i < hi; i++)
			val_list_push(items, news_item(p, &v[i], root));
		val_map_set(page, "news", items);
		if (pg > 1)
			val_map_set(page, "prev_url", pg == 2 ?
			    val_str("tin-tuc/") : val_str_own(xasprintf(
			    "tin-tuc/trang/%zu/", pg - 1)));
		if (pg < npages)
			val_map_set(page, "next_url", val_str_own(xasprintf(
			    "tin-tuc/trang/%zu/", pg + 1)));
		val_map_set_num(page, "page", (double)pg);
		val_map_set_num(page, "pages", (double)npages);
		rc = portal_page(p, "portal-news", rel, "tin-tuc/", page, in);
		free(root);
		free(rel);
	}
	return rc;
}

/* rss.xml and atom.xml: the newest posts of every department. */
static int
make_feeds(struct portal *p, const struct pnews *v, size_t n)
{
	struct feed_item *it = xcalloc(n > 0 ? n : 1, sizeof(*it));
	const char	**cats = xcalloc(n > 0 ? n : 1, sizeof(*cats));
	struct feed	 f;
	struct buf	 b = BUF_INIT;
	char		*link = xstrdup(p->cfg.base_url), *self;
	size_t		 i, k = n < FEED_ITEMS ? n : FEED_ITEMS;
	int		 rc = 0;

	for (i = 0; i < k; i++) {
		it[i].title = v[i].title;
		it[i].link = v[i].url;
		it[i].published = &v[i].published;
		it[i].updated = v[i].has_updated ? &v[i].updated : NULL;
		it[i].summary = v[i].summary;
		it[i].author = v[i].dept->cfg->name;
		cats[i] = v[i].dept->cfg->name;
		it[i].categories = &cats[i];
		it[i].ncategories = 1;
	}
	memset(&f, 0, sizeof(f));
	f.title = p->cfg.title;
	f.link = link;
	f.description = p->cfg.description;
	f.lang = "vi";
	f.generator = "cchc " CCHC_VERSION;
	f.fallback_updated = &p->today;
	f.items = it;
	f.nitems = k;
	f.author = p->cfg.title;
	self = xasprintf("%srss.xml", p->cfg.base_url);
	f.self = self;
	if (xmlfeed_write_rss(&f, &b) == -1)
		rc = -1;
	else
		add_file(p, "rss.xml", &b);
	free(self);
	self = xasprintf("%satom.xml", p->cfg.base_url);
	f.self = self;
	if (rc == 0 && xmlfeed_write_atom(&f, &b) == -1)
		rc = -1;
	else if (rc == 0)
		add_file(p, "atom.xml", &b);
	if (rc == -1)
		diag_err(&p->diag, NULL, 0, 0, "không tạo được nguồn tin RSS/"
		    "Atom của cổng");
	free(self);
	free(link);
	free(cats);
	free(it);
	buf_free(&b);
	return rc;
}

/* Relative URLs of a catalogue's or board's entries, made for the page. */
static void
rel_urls(const struct portal *p, struct val *v, const char *root)
{
	size_t		 i;
	const char	*rel;

	switch (val_type(v)) {
	case VAL_LIST:
		for (i = 0; i < val_list_len(v); i++)
			rel_urls(p, val_list_at(v, i), root);
		break;
	case VAL_MAP:
		for (i = 0; i < val_map_len(v); i++) {
			const char *key = val_map_key(v, i);
			struct val *x = val_map_value(v, i);

			if (val_type(x) == VAL_STR && strcmp(key, "url") == 0 &&
			    (rel = under_base(p, val_get_str(x))) != NULL) {
				val_map_set(v, "href", val_str_cat(root, rel));
				continue;
			}
			/* The online level in words, as a procedure's page says. */
			if (val_type(x) == VAL_STR && strcmp(key, "online") == 0) {
				val_map_set_str(v, "online_label",
				    render_online_label(val_get_str(x)));
				continue;
			}
			rel_urls(p, x, root);
		}
		break;
	default:
		break;
	}
}

/*
 * What the catalogue and the board are made of: every department's
 * name, slug and trimmed data (trimmed()), seeded for `label` (the day
 * is in the seed: the board's statuses are of it).  0: unknown.
 */
static uint64_t
data_input(const struct portal *p, const char *label)
{
	struct hasher	 h;
	size_t		 i;

	if (page_seed(p, label) == 0)
		return 0;
	hasher_init(&h);
	hasher_u64(&h, page_seed(p, label));
	for (i = 0; i < p->nd; i++) {
		if (p->d[i].trimmed == 0)
			return 0;
		hasher_str(&h, p->d[i].cfg->name);
		hasher_str(&h, p->d[i].cfg->slug);
		hasher_u64(&h, p->d[i].trimmed);
	}
	return hasher_done(&h) | 1;
}

static int
make_catalog(struct portal *p, const struct board_dept *bd)
{
	static const char *const rels[] = { "thu-tuc/index.json",
	    "thu-tuc/index.html" };
	struct val	*cat, *page;
	struct buf	 b = BUF_INIT;
	uint64_t	 in = data_input(p, "thu-tuc");

	if (group_kept(p, rels, 2, in))
		return 0;
	cat = catalog_make(bd, p->nd);
	val_to_json(cat, &b, 1);
	buf_putc(&b, '\n');
	add_input(p, rels[0], b.data, b.len, in);
	page = val_map();
	val_map_set_str(page, "title", "Thủ tục hành chính của các đơn vị");
	rel_urls(p, cat, "../");
	val_map_set(page, "procedures", cat);
	buf_free(&b);
	return portal_page(p, "portal-procedures", rels[1], "thu-tuc/", page,
	    in);
}

/*
 * What the board's page shows beyond its JSON: whether each list has
 * anything (a heading only then) and the tasks' statuses in one line,
 * the ones with tasks only ("Quá hạn: 1, Định kỳ: 1").
 */
static void
board_view(struct val *board)
{
	static const char *const lists[][2] = {
		{ "missing_months", "has_missing_months" },
		{ "overdue", "has_overdue" }, { "reports", "has_reports" },
		{ "incomplete", "has_incomplete" } };
	struct val	*deps = val_map_get(board, "departments"), *d, *by, *st;
	struct buf	 b = BUF_INIT;
	size_t		 i, k;

	for (i = 0; i < val_list_len(deps); i++) {
		d = val_list_at(deps, i);
		for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
			val_map_set_bool(d, lists[k][1],
			    val_list_len(val_map_get(d, lists[k][0])) > 0);
		by = val_map_get(val_map_get(d, "tasks"), "by_status");
		buf_reset(&b);
		for (k = 0; k < val_list_len(by); k++) {
			st = val_list_at(by, k);
			if (val_get_num(val_map_get(st, "count")) <= 0)
				continue;
			buf_printf(&b, "%s%s: %g", b.len > 0 ? ", " : "",
			    val_get_str(val_map_get(st, "label")) != NULL ?
			    val_get_str(val_map_get(st, "label")) : "",
			    val_get_num(val_map_get(st, "count")));
		}
		if (b.len > 0)
			val_map_set_str(d, "tasks_text", buf_cstr(&b));
	}
	buf_free(&b);
}

static int
make_board(struct portal *p, const struct board_dept *bd)
{
	static const char *const rels[] = { "theo-doi/bang.json",
	    "theo-doi/bang.csv", "theo-doi/index.html" };
	struct val	*board, *page;
	struct buf	 b = BUF_INIT;
	const char	*err = NULL;
	uint64_t	 in = data_input(p, "theo-doi");

	if (group_kept(p, rels, 3, in))
		return 0;
	if ((board = board_make(bd, p->nd, &p->today, NULL, &err)) == NULL) {
		diag_err(&p->diag, NULL, 0, 0, "không lập được bảng theo dõi: "
		    "%s", err != NULL ? err : "lỗi không rõ");
		return -1;
	}
	val_to_json(board, &b, 1);
	buf_putc(&b, '\n');
	add_input(p, rels[0], b.data, b.len, in);
	buf_reset(&b);
	board_csv(board, &b);
	add_input(p, rels[1], b.data, b.len, in);
	page = val_map();
	val_map_set_str(page, "title", "Theo dõi thực hiện cải cách hành "
	    "chính");
	rel_urls(p, board, "../");
	board_view(board);
	val_map_set(page, "board", board);
	buf_free(&b);
	return portal_page(p, "portal-board", rels[2], "theo-doi/", page, in);
}

static int
make_search(struct portal *p)
{
	struct psearch_src *src = xcalloc(p->nd, sizeof(*src));
	char		**pre = xcalloc(p->nd, sizeof(*pre));
	size_t		 i;
	int		 rc;

	for (i = 0; i < p->nd; i++) {
		pre[i] = xasprintf("%s/", p->d[i].cfg->slug);
		src[i].dir = p->d[i].work;
		src[i].prefix = pre[i];
		src[i].name = p->d[i].cfg->name;
	}
	rc = portal_search_merge(src, p->nd, put_search, keep_search, p,
	    &p->diag, p->workroot);
	if (rc == 0) {
		struct val *page = val_map();

		val_map_set_str(page, "title", "Tìm kiếm");
		rc = portal_page(p, "portal-search", "tim-kiem/index.html",
		    "tim-kiem/", page, 0);
	}
	for (i = 0; i < p->nd; i++)
		free(pre[i]);
	free(pre);
	free(src);
	return rc;
}

/* The newest <lastmod> of a sitemap's text (*has: one was found). */
static void
newest_lastmod(const char *text, struct cdate *max, int *has)
{
	const char	*s, *e, *why;
	char		*v;
	struct cdate	 d;

	*has = 0;
	for (s = text; (s = strstr(s, "<lastmod>")) != NULL; s = e) {
		s += 9;
		if ((e = strstr(s, "</lastmod>")) == NULL)
			break;
		v = xstrndup(s, (size_t)(e - s));
		if (date_parse(v, &d, &why) == 0 &&
		    (!*has || date_cmp(&d, max) > 0)) {
			*max = d;
			*has = 1;
		}
		free(v);
	}
}

/* One sitemap the index lists: its URL and when its newest page changed. */
struct smpart {
	char		*loc;
	struct cdate	 lastmod;
	int		 has;
};

static void
add_part(struct smpart **v, size_t *n, size_t *cap, char *loc,
    const char *text)
{
	ARRAY_GROW(*v, *n, *cap, 64);
	(*v)[*n].loc = loc;
	newest_lastmod(text, &(*v)[*n].lastmod, &(*v)[*n].has);
	(*n)++;
}

/*
 * sitemap.xml: an index of every department's sitemaps (the parts of
 * one that is itself an index: indexes do not nest) and of the portal's
 * own, sitemap-cong.xml, each with its newest page's date.
 */
static int
make_sitemap(struct portal *p)
{
	static const char *const own[] = { "", "tin-tuc/", "thu-tuc/",
	    "theo-doi/" };
	struct sitemap_url u[4], *iu;
	struct smpart	*parts = NULL;
	struct buf	 b = BUF_INIT, sm = BUF_INIT, part = BUF_INIT;
	char		*locs[4], *path;
	const char	*s, *e;
	size_t		 n = 0, cap = 0, i, k;
	int		 rc = 0;

	for (i = 0; i < 4; i++) {
		locs[i] = xasprintf("%s%s", p->cfg.base_url, own[i]);
		u[i].loc = locs[i];
		u[i].lastmod = NULL;
	}
	if (sitemap_write(u, 4, &b) == -1)
		rc = -1;
	for (i = 0; i < 4; i++)
		free(locs[i]);
	if (rc == 0) {
		add_part(&parts, &n, &cap, xasprintf("%ssitemap-cong.xml",
		    p->cfg.base_url), buf_cstr(&b));
		add_file(p, "sitemap-cong.xml", &b);
	}
	for (i = 0; i < p->nd && rc == 0; i++) {
		path = fs_join(p->d[i].work, "sitemap.xml");
		buf_reset(&sm);
		if (fs_read(path, DATA_MAX, &sm) == -1) {
			free(path);
			continue;
		}
		free(path);
		if (strstr(buf_cstr(&sm), "<sitemapindex") == NULL) {
			add_part(&parts, &n, &cap, xasprintf("%ssitemap.xml",
			    p->d[i].url), buf_cstr(&sm));
			continue;
		}
		/* Its parts, each read for its newest page. */
		for (s = buf_cstr(&sm); (s = strstr(s, "<loc>")) != NULL;
		    s = e) {
			s += 5;
			if ((e = strstr(s, "</loc>")) == NULL)
				break;
			k = strlen(p->d[i].url);
			buf_reset(&part);
			if ((size_t)(e - s) > k && strncmp(s, p->d[i].url, k) == 0) {
				char *rel = xstrndup(s + k, (size_t)(e - s) - k);

				path = fs_join(p->d[i].work, rel);
				if (strstr(rel, "..") != NULL ||
				    fs_read(path, DATA_MAX, &part) == -1)
					buf_reset(&part);
				free(path);
				free(rel);
			}
			add_part(&parts, &n, &cap, xstrndup(s, (size_t)(e - s)),
			    buf_cstr(&part));
		}
	}
	if (rc == 0) {
		iu = xcalloc(n, sizeof(*iu));
		for (i = 0; i < n; i++) {
			iu[i].loc = parts[i].loc;
			iu[i].lastmod = parts[i].has ? &parts[i].lastmod : NULL;
		}
		if (sitemap_index_write(iu, n, &b) == -1)
			rc = -1;
		else
			add_file(p, "sitemap.xml", &b);
		free(iu);
	}
	for (i = 0; i < n; i++)
		free(parts[i].loc);
	free(parts);
	buf_reset(&b);
	buf_printf(&b, "User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n",
	    p->cfg.base_url);
	add_file(p, "robots.txt", &b);
	buf_free(&b);
	buf_free(&sm);
	buf_free(&part);
	if (rc == -1)
		diag_err(&p->diag, NULL, 0, 0, "không tạo được sitemap của cổng");
	return rc;
}

/* The theme's static files the portal's pages use. */
static int
copy_static(struct portal *p)
{
	static const char *const files[] = { "style.css", "tim-kiem.js",
	    "tim-kiem-chuan.js" };
	struct buf	 b = BUF_INIT;
	char		*path;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc == 0; i++) {
		path = xasprintf("%s/static/%s", p->theme, files[i]);
		buf_reset(&b);
		if (fs_read(path, 1 << 24, &b) == -1) {
			diag_err(&p->diag, path, 0, 0, "không đọc được tệp của "
			    "giao diện: %s", err_text(errno));
			rc = -1;
		} else
			add_file(p, files[i], &b);
		free(path);
	}
	buf_free(&b);
	return rc;
}

/* --- Redirects of merged departments' former sections --------------- */

/* Every page of a built section, as URLs relative to it ("", "a/b/"). */
static void
section_pages(const char *dir, const char *rel, struct strlist *out)
{
	DIR		*dh;
	struct dirent	*de;
	struct stat	 st;
	char		*path, *r;

	if ((dh = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dh)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = fs_join(dir, de->d_name);
		if (strcmp(de->d_name, "index.html") == 0)
			strlist_push(out, xstrdup(rel));
		else if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			r = xasprintf("%s%s/", rel, de->d_name);
			section_pages(path, r, out);
			free(r);
		}
		free(path);
	}
	closedir(dh);
}

/*
 * A page that sends the reader on: at rel (a folder, "a/b/") of the
 * portal's output, to url: relative to the portal's root, or (abs) an
 * absolute URL, for a page that will be served from another host.
 */
static void
redirect_page(struct portal *p, const char *rel, const char *url, int abs,
    struct buf *b)
{
	struct buf	 to = BUF_INIT, full = BUF_INIT;
	const char	*c;
	char		*file;

	if (abs)
		buf_puts(&to, url);
	else {
		for (c = rel; *c != '\0'; c++)
			if (*c == '/')
				buf_puts(&to, "../");
		buf_puts(&to, url);
	}
	buf_printf(&full, "%s%s", abs ? "" : p->cfg.base_url, url);
	buf_reset(b);
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n"
	    "<title>Trang đã chuyển địa chỉ</title>\n<link rel=\"canonical\" "
	    "href=\"");
	escape_attr(b, full.data, full.len);
	buf_puts(b, "\">\n<meta http-equiv=\"refresh\" content=\"0; url=");
	escape_attr(b, to.data, to.len);
	buf_puts(b, "\">\n</head>\n<body>\n<main>\n<h1>Trang đã chuyển "
	    "địa chỉ</h1>\n<p>Đơn vị đã hợp nhất; trang này nay ở <a href=\"");
	escape_attr(b, to.data, to.len);
	buf_puts(b, "\">");
	escape_html(b, full.data, full.len);
	buf_puts(b, "</a>.</p>\n</main>\n</body>\n</html>\n");
	file = xasprintf("%sindex.html", rel);
	add_bytes(p, file, b->data, b->len);
	free(file);
	buf_free(&to);
	buf_free(&full);
}

/* s for an nginx regex (slugs, host names, base paths). */
static void
regex_quote(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr(".^$*+?()[]{}|\\", *s) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

static int
move_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct pm_move *const *)a)->old_url,
	    (*(const struct pm_move *const *)b)->old_url);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Where one former section was and what leads from it. */
struct former {
	const char	*at;		/* redirect pages: a folder of the
					   output ("sxd-ct/") */
	const char	*from;		/* its address in the maps: a path on
					   the portal's host ("/cchc/sxd-ct/"),
					   or host and path ("sxd.ct.gov.vn/cchc/") */
	const char	*red;		/* the same for _redirects: a path, or
					   a whole URL */
	const char	*to;		/* the new section: a path on the
					   portal's host, or (abs) a URL */
	const char	*to_rel;	/* the same relative to the portal */
	int		 abs;		/* another host: absolute targets */
};

/* One former section of d (source i): its pages and map entries. */
static void
redirect_former(struct portal *p, const struct dept *d, size_t i,
    const struct former *f, const struct strlist *pages, struct buf *map,
    struct buf *red, struct buf *page)
{
	struct pm_move	**mv = NULL, key, *kp = &key;
	size_t		 n = 0, k;
	char		*rel, *to;

	mv = xcalloc(d->merge.nmoves + 1, sizeof(*mv));
	for (k = 0; k < d->merge.nmoves; k++)
		if (d->merge.moves[k].src == i)
			mv[n++] = &d->merge.moves[k];
	if (n > 1)
		qsort(mv, n, sizeof(*mv), move_cmp);
	/* Pages whose URL changed: each to its own. */
	for (k = 0; k < n; k++) {
		if (k > 0 && strcmp(mv[k]->old_url, mv[k - 1]->old_url) == 0)
			continue;	/* the build says it */
		rel = xasprintf("%s%s", f->at, mv[k]->old_url);
		to = xasprintf("%s%s", f->abs ? f->to : f->to_rel,
		    mv[k]->new_url);
		redirect_page(p, rel, to, f->abs, page);
		free(rel);
		free(to);
		if (strcmp(mv[k]->old_url, mv[k]->new_url) != 0) {
			buf_printf(map, "\t\"%s%s\" \"%s%s\";\n", f->from,
			    mv[k]->old_url, f->to, mv[k]->new_url);
			buf_printf(red, "%s%s %s%s 301\n", f->red,
			    mv[k]->old_url, f->to, mv[k]->new_url);
		}
	}
	/* Every other page of the section: the same place in the new one. */
	for (k = 0; k < pages->len; k++) {
		key.old_url = pages->v[k];
		if (n > 0 && bsearch(&kp, mv, n, sizeof(*mv), move_cmp) != NULL)
			continue;
		rel = xasprintf("%s%s", f->at, pages->v[k]);
		to = xasprintf("%s%s", f->abs ? f->to : f->to_rel, pages->v[k]);
		redirect_page(p, rel, to, f->abs, page);
		free(rel);
		free(to);
	}
	/* The rest (feeds, files, pages not there yet) by the prefix. */
	buf_puts(map, "\t\"~^");
	regex_quote(map, f->from);
	buf_printf(map, "(.*)$\" \"%s$1\";\n", f->to);
	buf_printf(red, "%s* %s:splat 301\n", f->red, f->to);
	free(mv);
}

/* The longest quoted key of the maps' entries (one a line). */
static size_t
longest_key(const struct buf *a, const struct buf *b)
{
	const struct buf *v[2] = { a, b };
	const char	*s, *e, *q;
	size_t		 i, n, max = 0;

	for (i = 0; i < 2; i++)
		for (s = v[i]->data, e = s + v[i]->len; s != NULL && s < e;
		    s = q != NULL ? q + 1 : e) {
			q = memchr(s, '\n', (size_t)(e - s));
			n = strcspn(s + 2, "\"");	/* after the tab, '"' */
			if (n > max)
				max = n;
		}
	return max;
}

/*
 * Whether a URL's host or path may become a folder of the output and a
 * key of the maps: letters, digits and "-._~%", "/" between parts in a
 * path, no part "." or ".." (a base_url is checked for less: no quote,
 * "$" or climbing out may come from it).
 */
static int
url_part_ok(const char *s, size_t n, int path)
{
	size_t	 i, seg = 0;

	if (path && n == 0)
		return 1;
	if (n == 0 || (!path && s[0] == '.'))
		return 0;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '/') {
			if (!path && i < n)
				return 0;
			if ((i - seg == 1 && s[seg] == '.') ||
			    (i - seg == 2 && s[seg] == '.' && s[seg + 1] == '.'))
				return 0;
			seg = i + 1;
			continue;
		}
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || strchr("-._~%", s[i]) !=
		    NULL))
			return 0;
	}
	return 1;
}

/* The former sections of merged department d: pages and map lines
   (here: the portal's own host; there: former domains; red). */
static void
redirect_dept(struct portal *p, const struct dept *d, struct buf *here,
    struct buf *there, struct buf *red, struct buf *page)
{
	struct strlist	 pages;
	struct former	 f;
	size_t		 k, j;
	char		*to, *to_rel, *to_abs, *from, *at, *host;
	const char	*url, *path;

	memset(&pages, 0, sizeof(pages));
	section_pages(d->work, "", &pages);
	if (pages.len > 1)
		qsort(pages.v, pages.len, sizeof(*pages.v), str_cmp);
	to = xasprintf("%s%s/", p->cfg.base_path, d->cfg->slug);
	to_rel = xasprintf("%s/", d->cfg->slug);
	to_abs = xasprintf("%s%s/", p->cfg.base_url, d->cfg->slug);
	/* In the portal, where the slug is not the department's own. */
	for (k = 0; k < d->cfg->nsrc; k++) {
		const char *former = d->cfg->src[k].former;

		if (strcmp(former, d->cfg->slug) == 0)
			continue;
		at = xasprintf("%s/", former);
		from = xasprintf("%s%s/", p->cfg.base_path, former);
		f = (struct former){ at, from, from, to, to_rel, 0 };
		redirect_former(p, d, k, &f, &pages, here, red, page);
		free(at);
		free(from);
	}
	/* Each source's own domain, once for one address. */
	for (k = 0; k < d->merge.nsrc; k++) {
		if ((url = d->merge.own_url[k]) == NULL ||
		    under_base(p, url) != NULL)
			continue;
		for (j = 0; j < k; j++)
			if (d->merge.own_url[j] != NULL &&
			    strcmp(d->merge.own_url[j], url) == 0)
				break;
		if (j < k)
			continue;
		url += strncmp(url, "https://", 8) == 0 ? 8 : 7;
		path = url + strcspn(url, "/");
		if (!url_part_ok(url, strcspn(url, ":/"), 0) ||
		    !url_part_ok(path + 1, strlen(path + 1), 1)) {
			diag_warn(&p->diag, d->cfg->src[k].path, 0, 0, "%s: "
			    "base_url “%s” trong site.yaml của nguồn này có ký "
			    "tự không dùng được cho trang chuyển hướng; các địa "
			    "chỉ cũ ở đó không được chuyển về", d->cfg->name,
			    d->merge.own_url[k]);
			continue;
		}
		host = xstrndup(url, strcspn(url, ":/"));
		for (j = 0; host[j] != '\0'; j++)
			if (host[j] >= 'A' && host[j] <= 'Z')
				host[j] += 'a' - 'A';
		at = xasprintf("chuyen-huong/%s%s", host, path);
		from = xasprintf("%s%s", host, path);
		f = (struct former){ at, from, d->merge.own_url[k], to_abs,
		    to_abs, 1 };
		redirect_former(p, d, k, &f, &pages, there, red, page);
		free(at);
		free(from);
		free(host);
	}
	free(to);
	free(to_rel);
	free(to_abs);
	strlist_free(&pages);
}

/* gop-don-vi.csv's rows for merged department d. */
static void
conflict_rows(const struct dept *d, struct buf *csv)
{
	static const char *const kinds[] = { "trùng tên tệp",
	    "trùng địa chỉ trang", "trùng mã thủ tục", "trùng tệp khác" };
	static const char *const done[] = { "đổi tên tệp của nguồn sau",
	    "đổi địa chỉ trang của nguồn sau", "bỏ thủ tục của nguồn sau",
	    "bỏ tệp của nguồn sau" };
	size_t		 k;

	for (k = 0; k < d->merge.nconf; k++) {
		const struct pm_conflict *x = &d->merge.conf[k];

		escape_csv(csv, d->cfg->name, 0);
		escape_csv(csv, d->cfg->slug, 0);
		escape_csv(csv, kinds[x->kind], 0);
		escape_csv(csv, d->cfg->src[x->src].path, 0);
		escape_csv(csv, x->path, 0);
		escape_csv(csv, d->cfg->src[x->keep_src].path, 0);
		escape_csv(csv, x->keep_path, 0);
		escape_csv(csv, x->what, 0);
		escape_csv(csv, done[x->kind], 0);
		escape_csv(csv, x->now != NULL ? x->now : "", 1);
	}
}

/*
 * For every merged department, the addresses of its former sections
 * lead to the new one (docs/portal.md, "Merged departments"):
 *  - each source's place in the portal (<former slug>/), unless that is
 *    the department's own: redirect pages there, and entries of the
 *    nginx map on $uri;
 *  - each source's own base_url where it is on another host (the
 *    section as its department published it): redirect pages under
 *    chuyen-huong/<host><path> to serve from that host, and entries of
 *    a second map, on $host$uri;
 * both maps in chuyen-huong.conf, the same in _redirects, and
 * gop-don-vi.csv listing every collision and how it was resolved.
 */
static int
make_redirects(struct portal *p)
{
	struct buf	 here = BUF_INIT, there = BUF_INIT, red = BUF_INIT;
	struct buf	 csv = BUF_INIT, page = BUF_INIT, conf = BUF_INIT;
	size_t		 i, nmerged = 0, bucket;

	buf_puts(&red, "# cchc portal: địa chỉ cũ của các đơn vị đã hợp "
	    "nhất (docs/portal.md)\n");
	buf_puts(&csv, "\xEF\xBB\xBF" "Đơn vị,Slug,Loại,Nguồn,Tệp,Nguồn được "
	    "giữ,Tệp được giữ,Trùng,Cách xử lý,Nay là\r\n");
	for (i = 0; i < p->nd; i++)
		if (p->d[i].merged) {
			nmerged++;
			redirect_dept(p, &p->d[i], &here, &there, &red, &page);
			conflict_rows(&p->d[i], &csv);
		}
	/* nginx's default map bucket (64 bytes) holds short keys only. */
	for (bucket = 64; bucket < longest_key(&here, &there) + 32;)
		bucket *= 2;
	buf_printf(&conf, "# cchc portal: địa chỉ cũ của các đơn vị đã hợp nhất "
	    "(docs/portal.md).\n# Trong khối http: include chuyen-huong.conf;\n"
	    "# Trong khối server của cổng:\n#   if ($cchc_chuyen_huong) "
	    "{ return 301 $cchc_chuyen_huong; }\n# Trong khối server của "
	    "tên miền cũ của đơn vị:\n#   if ($cchc_chuyen_huong_cu) "
	    "{ return 301 $cchc_chuyen_huong_cu; }\n# Nếu khối http đã đặt "
	    "map_hash_bucket_size, hãy bỏ dòng dưới đây và đặt ở đó giá trị "
	    "không nhỏ hơn.\nmap_hash_bucket_size %zu;\nmap $uri "
	    "$cchc_chuyen_huong {\n\tdefault \"\";\n", bucket);
	buf_put(&conf, here.data != NULL ? here.data : "", here.len);
	buf_puts(&conf, "}\nmap $host$uri $cchc_chuyen_huong_cu {\n"
	    "\tdefault \"\";\n");
	buf_put(&conf, there.data != NULL ? there.data : "", there.len);
	buf_puts(&conf, "}\n");
	if (nmerged > 0 && !url_part_ok(p->cfg.base_path + 1,
	    strlen(p->cfg.base_path + 1), 1))
		diag_warn(&p->diag, p->cfg.display, 0, 0, "đường dẫn “%s” của "
		    "base_url có ký tự không dùng được trong cấu hình nginx: "
		    "không ghi chuyen-huong.conf và _redirects; các trang "
		    "chuyển hướng vẫn được ghi", p->cfg.base_path);
	else if (nmerged > 0) {
		add_bytes(p, "chuyen-huong.conf", conf.data, conf.len);
		add_bytes(p, "_redirects", red.data, red.len);
	}
	if (nmerged > 0)
		add_bytes(p, "gop-don-vi.csv", csv.data, csv.len);
	buf_free(&here);
	buf_free(&there);
	buf_free(&conf);
	buf_free(&red);
	buf_free(&csv);
	buf_free(&page);
	return p->write_failed ? -1 : 0;
}

/* What drop_start() hands its thread: the posts and the data. */
struct drop {
	struct pnews	*news;
	size_t		 nnews;
	struct val	**data;
	size_t		 ndata;
};

static void *
drop_run(void *arg)
{
	struct drop	*x = arg;
	size_t		 i;

	news_list_free(x->news, x->nnews);
	for (i = 0; i < x->ndata; i++)
		val_unref(x->data[i]);
	free(x->data);
	free(x);
#ifdef __GLIBC__
	/* They were many small blocks in the heap: freed, glibc keeps
	   their pages, and the search merge's images would come on top
	   of them. */
	malloc_trim(0);
#endif
	return NULL;
}

/*
 * The posts and the data taken from p and freed on a thread (their
 * many small blocks take tens of milliseconds to free, which the
 * search merge's single-threaded part leaves a core for): 1 with *t
 * to join, or 0 when they were freed here (no thread).
 */
static int
drop_start(struct portal *p, pthread_t *t)
{
	struct drop	*x = xcalloc(1, sizeof(*x));
	size_t		 i;

	x->news = p->news;
	x->nnews = p->nnews;
	p->news = NULL;
	p->nnews = p->newscap = 0;
	x->data = xcalloc(p->nd ? p->nd : 1, sizeof(*x->data));
	x->ndata = p->nd;
	for (i = 0; i < p->nd; i++) {
		x->data[i] = p->d[i].data;
		p->d[i].data = NULL;
	}
	if (pthread_create(t, NULL, drop_run, x) == 0)
		return 1;
	(void)drop_run(x);
	return 0;
}

static int
make_pages(struct portal *p)
{
	struct board_dept *bd = xcalloc(p->nd, sizeof(*bd));
	struct pnews	*news;
	pthread_t	 dropper;
	size_t		 i, n;
	int		 rc, dropping;

	for (i = 0; i < p->nd; i++) {
		bd[i].name = p->d[i].cfg->name;
		bd[i].slug = p->d[i].cfg->slug;
		bd[i].data = p->d[i].data;
	}
	news = news_all(p, &n);
	rc = load_templates(p);
	if (rc == 0 && (rc = make_news_pages(p, news, n)) == 0)
		portal_time("news");
	if (rc == 0 && (rc = make_feeds(p, news, n)) == 0)
		portal_time("feeds");
	if (rc == 0 && (rc = make_catalog(p, bd)) == 0)
		portal_time("catalogue");
	if (rc == 0 && (rc = make_board(p, bd)) == 0)
		portal_time("board");
	/* The rest reads the sections' files: the data and the posts go,
	   on a thread of their own beside the search merge. */
	dropping = drop_start(p, &dropper);
	if (rc == 0 && (rc = make_search(p)) == 0)
		portal_time("search");
	if (dropping)
		pthread_join(dropper, NULL);
	if (rc == 0 && (rc = make_sitemap(p)) == 0)
		portal_time("sitemap");
	if (rc == 0 && (rc = make_redirects(p)) == 0)
		portal_time("redirects");
	if (rc == 0)
		rc = copy_static(p);
	if (p->write_failed)
		rc = -1;
	free(bd);
	return rc;
}

/* --- 5. The output, changed at the end -------------------------------- */

static void
state_free(struct state *st)
{
	size_t	 i;

	for (i = 0; i < st->nfiles; i++)
		free(st->files[i].rel);
	for (i = 0; i < st->ndepts; i++) {
		free(st->depts[i].slug);
		free(st->depts[i].id);
	}
	free(st->files);
	free(st->depts);
	free(st->tab);
	free(st->there);
	memset(st, 0, sizeof(*st));
}

/* The slot of rel in a table of tabsize slots (index + 1, 0 empty). */
static size_t
rel_slot(const uint32_t *tab, size_t tabsize, char *const *names,
    size_t stride, const char *rel)
{
	size_t	 h = (size_t)hash64(rel, strlen(rel), 0) & (tabsize - 1);

	while (tab[h] != 0 && strcmp(*(char *const *)((const char *)names +
	    (tab[h] - 1) * stride), rel) != 0)
		h = (h + 1) & (tabsize - 1);
	return h;
}

/* A table of n names (each the first field of a record of `stride`). */
static uint32_t *
rel_table(char *const *names, size_t stride, size_t n, size_t *tabsize)
{
	uint32_t	*tab;
	size_t		 i, size = 16;

	while (size < 2 * n + 1)
		size *= 2;
	tab = xcalloc(size, sizeof(*tab));
	for (i = 0; i < n; i++)
		tab[rel_slot(tab, size, names, stride, *(char *const *)
		    ((const char *)names + i * stride))] = (uint32_t)(i + 1);
	*tabsize = size;
	return tab;
}

static const struct sfile *
state_file(const struct state *st, const char *rel)
{
	size_t	 h;

	if (st->tab == NULL)
		return NULL;
	h = rel_slot(st->tab, st->tabsize, &st->files[0].rel,
	    sizeof(st->files[0]), rel);
	return st->tab[h] != 0 ? &st->files[st->tab[h] - 1] : NULL;
}

static const struct sdept *
state_dept(const struct state *st, const char *slug)
{
	size_t	 i;

	for (i = 0; i < st->ndepts; i++)
		if (strcmp(st->depts[i].slug, slug) == 0)
			return &st->depts[i];
	return NULL;
}

/*
 * Reads out/.cchc-portal: "c CONFIG", "d SLUG STAMP ID" and "f HASH
 * SIZE MTIME REL" lines.  0; 1: there, but of another version (an
 * older cchc's portal: everything is made again); -1: none.
 */
static int
state_read(const char *out, struct state *st)
{
	struct buf	 b = BUF_INIT;
	char		*path = fs_join(out, PORTAL_MARKER), *line, *nl, *end;
	size_t		 fcap = 0, dcap = 0;
	int		 rc = -1, n;
	unsigned long long h;
	uint64_t	 fh, in, size, mtime;
	const char	*q;
	struct sdept	*d;

	memset(st, 0, sizeof(*st));
	if (fs_read(path, DATA_MAX, &b) == -1)
		goto out;
	rc = 1;		/* the portal's, but its state is of no use */
	line = (char *)buf_cstr(&b);
	if (strncmp(line, PORTAL_STATE_V "\n", strlen(PORTAL_STATE_V) + 1)
	    != 0)
		goto out;
	for (line += strlen(PORTAL_STATE_V) + 1; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		*nl = '\0';
		if (sscanf(line, "c %llx", &h) == 1)
			st->config = h;
		else if (line[0] == 'f' && line[1] == ' ' &&
		    (q = hash_unhex(line + 2, &fh)) != NULL && *q++ == ' ' &&
		    (q = str_to_u64(q, &size, ' ')) != NULL &&
		    (q = str_to_u64(q, &mtime, ' ')) != NULL &&
		    (q = hash_unhex(q, &in)) != NULL && *q++ == ' ' &&
		    *q != '\0' && size <= LLONG_MAX && mtime <= LLONG_MAX) {
			/* 48,000 lines at 30 departments: not by sscanf. */
			ARRAY_GROW(st->files, st->nfiles, fcap, 256);
			st->files[st->nfiles].rel = xstrdup(q);
			st->files[st->nfiles].hash = fh;
			st->files[st->nfiles].size = (long long)size;
			st->files[st->nfiles].input = in;
			st->files[st->nfiles++].mtime = (long long)mtime;
		} else if (line[0] == 'd' && line[1] == ' ' &&
		    (end = strchr(line + 2, ' ')) != NULL &&
		    sscanf(end, " %llx %n", &h, &n) == 1 && end[n] != '\0') {
			ARRAY_GROW(st->depts, st->ndepts, dcap, 16);
			d = &st->depts[st->ndepts++];
			d->slug = xstrndup(line + 2, (size_t)(end - line - 2));
			d->stamp = h;
			d->id = xstrdup(end + n);
		}
	}
	if (st->nfiles > 0)
		st->tab = rel_table(&st->files[0].rel, sizeof(st->files[0]),
		    st->nfiles, &st->tabsize);
	rc = 0;
out:
	free(path);
	buf_free(&b);
	return rc;
}

/*
 * What a department's build reads, as stat data: every file of its
 * source but .git/ and .cchc-cache/ (names, sizes, times, inodes), and
 * of .git the files a commit or a change of branch touches.  Equal
 * stamps, and the work folder as the last portal left it: its build
 * would find nothing to do, so it is not run.  (The build's own check
 * reads the files' bytes; this is the cheap question before it.)
 */
/* A folder's entry, as readdir() gives it. */
struct dent {
	char		*name;
	ino_t		 ino;
	unsigned char	 type;		/* DT_*, DT_UNKNOWN: not said */
};

static int
dent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name,
	    ((const struct dent *)b)->name);
}

/* Entries of folder fd (taken: closed by closedir), by name; NULL: -1. */
static struct dent *
dir_ents(int fd, size_t *n)
{
	DIR		*dir;
	struct dirent	*de;
	struct dent	*v = NULL;
	size_t		 cap = 0;

	*n = 0;
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return NULL;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		ARRAY_GROW(v, *n, cap, 64);
		v[*n].name = xstrdup(de->d_name);
		v[*n].ino = de->d_ino;
		v[(*n)++].type = de->d_type;
	}
	closedir(dir);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), dent_cmp);
	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	return v;
}

static void
dents_free(struct dent *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/*
 * The folder dfd (taken: closed here), its entries in byte order.  By
 * descriptor (fstatat, openat) rather than by path: each name is looked
 * up once, in its folder, not walked to again from the root.
 */
static void
stamp_fd(struct hasher *h, int dfd, int top, int *ok)
{
	struct dent	*v;
	struct stat	 st;
	size_t		 i, n;
	int		 sub;

	if ((v = dir_ents(dup(dfd), &n)) == NULL) {
		close(dfd);
		*ok = 0;
		return;
	}
	for (i = 0; i < n; i++) {
		const char *nm = v[i].name;

		if (top && strcmp(nm, ".cchc-cache") == 0)
			continue;
		if (fstatat(dfd, nm, &st, AT_SYMLINK_NOFOLLOW) == -1)
			*ok = 0;
		else {
			hasher_str(h, nm);
			hasher_u64(h, (uint64_t)st.st_mode);
			hasher_u64(h, (uint64_t)st.st_size);
			hasher_u64(h, (uint64_t)st.st_ino);
			hasher_u64(h, (uint64_t)st.st_mtim.tv_sec);
			hasher_u64(h, (uint64_t)st.st_mtim.tv_nsec);
			hasher_u64(h, (uint64_t)st.st_ctim.tv_nsec);
			if (S_ISDIR(st.st_mode) && !(top &&
			    strcmp(nm, ".git") == 0)) {
				sub = openat(dfd, nm, O_RDONLY | O_DIRECTORY |
				    O_NOFOLLOW | O_CLOEXEC);
				if (sub == -1)
					*ok = 0;
				else
					stamp_fd(h, sub, 0, ok);
			}
		}
	}
	dents_free(v, n);
	close(dfd);
}

static void
stamp_tree(struct hasher *h, const char *dir, int top, int *ok)
{
	int	 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		*ok = 0;
		return;
	}
	stamp_fd(h, fd, top, ok);
}

static uint64_t
source_stamp(const struct portal *p, const struct dept *d)
{
	static const char *const git[] = { "HEAD", "index", "packed-refs" };
	struct hasher	 h;
	struct stat	 st;
	char		*path, *refs;
	size_t		 i, k;
	int		 ok = 1;

	hasher_init(&h);
	hasher_str(&h, "cchc " CCHC_VERSION);
	hasher_str(&h, p->todays);
	hasher_str(&h, d->url);
	/* A merger's tree: the department's name is in its site.yaml, how
	   collisions went is in the manifest (the former slugs name the
	   renamed files). */
	if (d->merged) {
		hasher_str(&h, d->cfg->name);
		hasher_u64(&h, d->merge.manifest_hash);
	}
	for (k = 0; k < d->cfg->nsrc; k++) {
		const char *root = d->cfg->src[k].abs;

		hasher_str(&h, root);
		stamp_tree(&h, root, 1, &ok);
		for (i = 0; i < sizeof(git) / sizeof(git[0]); i++) {
			path = xasprintf("%s/.git/%s", root, git[i]);
			if (stat(path, &st) == 0) {
				hasher_u64(&h, (uint64_t)st.st_size);
				hasher_u64(&h, (uint64_t)st.st_mtim.tv_sec);
				hasher_u64(&h, (uint64_t)st.st_mtim.tv_nsec);
				hasher_u64(&h, (uint64_t)st.st_ino);
			} else
				hasher_u64(&h, 0);
			free(path);
		}
		refs = xasprintf("%s/.git/refs", root);
		if (fs_is_dir(refs))
			stamp_tree(&h, refs, 0, &ok);
		else
			ok = 0;	/* not a plain repository: always built */
		free(refs);
	}
	return ok ? hasher_done(&h) | 1 : 0;
}

/*
 * Everything of the portal's own that is not a department: portal.yaml,
 * the day, this cchc and its theme's files.  Equal, with every
 * department as it was: the output is already this portal.
 */
static uint64_t
config_hash(const struct portal *p)
{
	struct hasher	 h;
	struct buf	 b = BUF_INIT;
	int		 ok = 1;

	hasher_init(&h);
	hasher_str(&h, "cchc " CCHC_VERSION);
	hasher_str(&h, p->todays);
	if (fs_read(p->opt->config, DATA_MAX, &b) == 0)
		hasher_add(&h, b.data != NULL ? b.data : "", b.len);
	stamp_tree(&h, p->theme, 0, &ok);
	buf_free(&b);
	return ok ? hasher_done(&h) | 1 : 0;
}

/* The identity of a built section: its folder's inode and time. */
static char *
identity(const char *dir)
{
	struct stat	 st;

	if (stat(dir, &st) == -1)
		return xstrdup("-");
	return xasprintf("%llu.%llu.%lld.%ld", (unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino, (long long)st.st_mtim.tv_sec,
	    st.st_mtim.tv_nsec);
}

/*
 * The tree src into dst: hard links (the work folders' files are never
 * written in place: cchc writes a changed file as a new one), or copies
 * where `copy` is set (a built: folder is someone else's) or the two are
 * on different file systems.
 */
static int
link_tree(const char *src, const char *dst, int copy)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 st;
	struct buf	 b = BUF_INIT;
	char		*s, *t;
	int		 rc = 0;

	if (mkdir(dst, 0777) == -1 && errno != EEXIST)
		return -1;
	if ((dir = opendir(src)) == NULL)
		return -1;
	while (rc == 0 && (de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		s = fs_join(src, de->d_name);
		t = fs_join(dst, de->d_name);
		if (lstat(s, &st) == -1)
			rc = -1;
		else if (S_ISDIR(st.st_mode))
			rc = link_tree(s, t, copy);
		else if (S_ISREG(st.st_mode) && (copy || link(s, t) == -1)) {
			buf_reset(&b);
			rc = copy || errno == EXDEV || errno == EPERM ?
			    (fs_read(s, SIZE_MAX / 2, &b) == -1 ? -1 :
			    fs_write(t, b.data, b.len)) : -1;
		}
		free(s);
		free(t);
	}
	closedir(dir);
	buf_free(&b);
	return rc;
}

static int	 sync_fd(int, int);

/* e's type and inode where readdir() did not say them. */
static int
dent_stat(int dfd, struct dent *e)
{
	struct stat	 st;

	if (e->type != DT_UNKNOWN)
		return 0;
	if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return -1;
	e->ino = st.st_ino;
	e->type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ?
	    DT_REG : DT_LNK;
	return 0;
}

/* Entry name of folder dfd removed, a folder with all it holds. */
static int
remove_at(int dfd, const char *name)
{
	struct dent	*v;
	size_t		 i, n;
	int		 fd, rc = 0;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	if ((fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((v = dir_ents(dup(fd), &n)) == NULL) {
		close(fd);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = remove_at(fd, v[i].name);
	dents_free(v, n);
	close(fd);
	return rc == 0 ? unlinkat(dfd, name, AT_REMOVEDIR) : -1;
}

/*
 * Entry s of src (a file or folder) made the same in dst, where d is
 * what dst has under that name (NULL: nothing).  The inodes are
 * readdir()'s: one file system (sync_tree() checks), so equal inodes
 * are one file.
 */
static int
sync_entry(int src, int dst, struct dent *s, struct dent *d)
{
	char		*tmp;
	int		 rc, sfd, dfd, e;

	if (dent_stat(src, s) == -1 || (d != NULL && dent_stat(dst, d) == -1))
		return -1;
	if (s->type == DT_DIR) {
		if (d != NULL && d->type != DT_DIR &&
		    remove_at(dst, d->name) == -1)
			return -1;
		if ((d == NULL || d->type != DT_DIR) &&
		    mkdirat(dst, s->name, 0777) == -1)
			return -1;
		sfd = openat(src, s->name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		dfd = openat(dst, s->name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		rc = sfd == -1 || dfd == -1 ? -1 : sync_fd(sfd, dfd);
		if (sfd != -1)
			close(sfd);
		if (dfd != -1)
			close(dfd);
		return rc;
	}
	if (s->type != DT_REG)
		return 0;		/* as link_tree(): files and folders */
	if (d != NULL && d->type == DT_REG && d->ino == s->ino)
		return 0;		/* the same file: a link to it */
	if (d != NULL && d->type == DT_DIR && remove_at(dst, d->name) == -1)
		return -1;
	/* Linked aside and renamed over: a reader sees one or the other. */
	tmp = xasprintf(".%s.portal-tmp", s->name);
	(void)unlinkat(dst, tmp, 0);
	rc = linkat(src, s->name, dst, tmp, 0) == -1 ||
	    renameat(dst, tmp, dst, s->name) == -1 ? -1 : 0;
	if (rc == -1) {
		e = errno;
		(void)unlinkat(dst, tmp, 0);
		errno = e;
	}
	free(tmp);
	return rc;
}

/*
 * Folder dst made the same as folder src (both held open, not closed
 * here): a file there already as a link to src's is left alone, others
 * linked in, what src does not have removed.  Entries in byte order,
 * every one first added, then the removals.  Each folder is read once
 * on each side: no file is stat'ed where readdir() says its type.
 */
static int
sync_fd(int src, int dst)
{
	struct dent	*sv, *dv;
	size_t		 sn, dn, i, k;
	int		 rc = 0, c;

	if ((sv = dir_ents(dup(src), &sn)) == NULL)
		return -1;
	if ((dv = dir_ents(dup(dst), &dn)) == NULL) {
		dents_free(sv, sn);
		return -1;
	}
	for (i = k = 0; i < sn && rc == 0; i++) {
		while (k < dn && strcmp(dv[k].name, sv[i].name) < 0)
			k++;
		c = k < dn ? strcmp(dv[k].name, sv[i].name) : 1;
		rc = sync_entry(src, dst, &sv[i], c == 0 ? &dv[k] : NULL);
	}
	for (i = k = 0; k < dn && rc == 0; k++) {
		while (i < sn && strcmp(sv[i].name, dv[k].name) < 0)
			i++;
		if (i == sn || strcmp(sv[i].name, dv[k].name) != 0)
			rc = remove_at(dst, dv[k].name);
	}
	dents_free(sv, sn);
	dents_free(dv, dn);
	return rc;
}

/*
 * The folder dst, a section the last portal linked from src, brought up
 * to date in place (a department's one-post rebuild changes a handful
 * of its thousands of files; linking all again took 85 ms of a portal's
 * rebuild at 30 x 1,000 posts).  Each file changes whole, as in a
 * department's own build; -1 with errno (EXDEV: not one file system).
 */
static int
sync_tree(const char *src, const char *dst)
{
	struct stat	 ss, ds;
	int		 s, d, rc;

	if ((s = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if ((d = open(dst, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		close(s);
		return -1;
	}
	/* Inodes compared are of one file system (sync_entry()). */
	if (fstat(s, &ss) == -1 || fstat(d, &ds) == -1 ||
	    ss.st_dev != ds.st_dev) {
		close(s);
		close(d);
		errno = EXDEV;
		return -1;
	}
	rc = sync_fd(s, d);
	close(s);
	close(d);
	return rc;
}

/*
 * The tree tmp in dst's place: one exchange where the kernel has it,
 * else the old tree moved aside first.  tmp then holds what was there.
 */
static int
swap_dir(const char *tmp, const char *dst)
{
	char	*old;
	int	 rc;

	if (!fs_is_dir(dst))
		return rename(tmp, dst);
#ifdef SYS_renameat2
	if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, dst,
	    RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP &&
	    errno != EPERM)
		return -1;
#endif
	old = xasprintf("%s.old", tmp);
	rc = rename(dst, old);
	if (rc == 0 && (rc = rename(tmp, dst)) == -1)
		(void)rename(old, dst);
	else if (rc == 0)
		rc = rename(old, tmp);
	free(old);
	return rc;
}

/* dst's bytes are already these. */
static int
same_file(const char *path, const char *data, size_t len)
{
	struct stat	 st;
	struct buf	 b = BUF_INIT;
	int		 same;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		return 0;
	same = fs_read(path, len + 1, &b) == 0 && b.len == len &&
	    (len == 0 || memcmp(b.data, data, len) == 0);
	buf_free(&b);
	return same;
}

/* rel's now empty folders, up to the output's root. */
static void
prune_dirs(const char *out, const char *rel)
{
	char	*d = xstrdup(rel), *s, *path;

	while ((s = strrchr(d, '/')) != NULL) {
		*s = '\0';
		path = fs_join(out, d);
		if (rmdir(path) == -1) {
			free(path);
			break;
		}
		free(path);
	}
	free(d);
}

/*
 * Department d's section put at dst.  One the last portal linked from
 * the same work folder is brought up to date in place; otherwise (or if
 * that fails) the whole tree is linked beside it and swapped in.
 */
static int
place_dept(struct portal *p, const struct dept *d, const struct sdept *od,
    const char *dst)
{
	char	*tmp;
	int	 rc = 0;

	if (od != NULL && d->cfg->built == NULL && fs_is_dir(dst) &&
	    sync_tree(d->work, dst) == 0)
		return 0;
	tmp = xasprintf("%s/.%s.tmp-%ld", p->opt->out, d->cfg->slug,
	    (long)getpid());
	fs_rmtree(tmp);
	if (link_tree(d->work, tmp, d->cfg->built != NULL) == -1 ||
	    swap_dir(tmp, dst) == -1) {
		diag_err(&p->diag, dst, 0, 0, "%s (%s): không đặt được chuyên "
		    "mục vào thư mục đầu ra: %s", d->cfg->name, d->cfg->slug,
		    err_text(errno));
		rc = -1;
	}
	fs_rmtree(tmp);
	free(tmp);
	return rc;
}

/*
 * Each department whose work folder changed since the last portal put
 * in place (place_dept); its line of the state to st.  *changed counts
 * them.  0 or -1.
 */
static int
commit_depts(struct portal *p, const struct state *old, struct buf *st,
    size_t *changed)
{
	const struct sdept *od;
	char		*id, *dst;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < p->nd && rc == 0; i++) {
		struct dept *d = &p->d[i];

		id = identity(d->work);
		dst = fs_join(p->opt->out, d->cfg->slug);
		od = state_dept(old, d->cfg->slug);
		if (od == NULL || strcmp(od->id, id) != 0 || !fs_is_dir(dst)) {
			rc = place_dept(p, d, od, dst);
			(*changed)++;
		}
		buf_printf(st, "d %s %016llx %s\n", d->cfg->slug,
		    (unsigned long long)d->stamp, id);
		free(id);
		free(dst);
	}
	return rc;
}

/* f's line of the state: "f hash size mtime input rel" (state_read()). */
static void
state_line(struct buf *st, const struct pfile *f)
{
	char	 hex[17];

	buf_puts(st, "f ");
	hash_hex(f->hash, hex);
	buf_put(st, hex, 16);
	buf_putc(st, ' ');
	buf_put_u64(st, (uint64_t)f->size);
	buf_putc(st, ' ');
	buf_put_u64(st, (uint64_t)f->mtime);
	buf_putc(st, ' ');
	hash_hex(f->input, hex);
	buf_put(st, hex, 16);
	buf_putc(st, ' ');
	buf_puts(st, f->rel);
	buf_putc(st, '\n');
}

/* The staged files renamed into place; every file's line to st.  0, -1. */
static int
commit_files(struct portal *p, struct buf *st, size_t *written)
{
	struct stat	 sb;
	char		*path, *tmp, *parent;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < p->nf && rc == 0; i++) {
		struct pfile *f = &p->f[i];

		if (f->staged) {
			path = fs_join(p->opt->out, f->rel);
			tmp = fs_join(p->staging, f->rel);
			parent = fs_dirname(path);
			if (fs_mkdirs(parent) == -1 || rename(tmp, path) == -1 ||
			    stat(path, &sb) == -1) {
				diag_err(&p->diag, path, 0, 0, "không ghi được "
				    "tệp đầu ra: %s", err_text(errno));
				rc = -1;
			} else
				f->mtime = (long long)sb.st_mtim.tv_sec *
				    1000000000LL + sb.st_mtim.tv_nsec;
			free(parent);
			free(tmp);
			free(path);
			(*written)++;
		}
		state_line(st, f);
	}
	return rc;
}

/* What the last portal wrote and this one did not: the count removed. */
static size_t
remove_stale(struct portal *p, const struct state *old)
{
	uint32_t	*now;
	char		*path;
	size_t		 i, k, nowsize, removed = 0;

	now = p->nf > 0 ? rel_table(&p->f[0].rel, sizeof(p->f[0]), p->nf,
	    &nowsize) : NULL;
	for (i = 0; i < old->nfiles; i++)
		if (now == NULL || now[rel_slot(now, nowsize, &p->f[0].rel,
		    sizeof(p->f[0]), old->files[i].rel)] == 0) {
			path = fs_join(p->opt->out, old->files[i].rel);
			if (unlink(path) == 0)
				removed++;
			prune_dirs(p->opt->out, old->files[i].rel);
			free(path);
		}
	free(now);
	for (i = 0; i < old->ndepts; i++) {
		for (k = 0; k < p->nd; k++)
			if (strcmp(old->depts[i].slug, p->d[k].cfg->slug) == 0)
				break;
		if (k == p->nd && strchr(old->depts[i].slug, '/') == NULL &&
		    old->depts[i].slug[0] != '.') {
			path = fs_join(p->opt->out, old->depts[i].slug);
			fs_rmtree(path);
			free(path);
			removed++;
		}
	}
	return removed;
}

/*
 * Puts every department's section and the portal's files in place.
 * Departments first: a portal page never links to a page not there yet.
 * A file whose bytes the last portal wrote is not written again (it was
 * not staged); .cchc-portal is written last.
 */
static int
commit(struct portal *p, const struct state *old)
{
	struct buf	 st = BUF_INIT;
	char		*path;
	size_t		 changed = 0, written = 0, removed;
	int		 rc = 0;

	if (fs_mkdirs(p->opt->out) == -1) {
		diag_err(&p->diag, p->opt->out, 0, 0, "không tạo được thư mục "
		    "đầu ra: %s", err_text(errno));
		return -1;
	}
	buf_puts(&st, PORTAL_STATE_V "\n");
	buf_printf(&st, "c %016llx\n", (unsigned long long)p->config);
	if (commit_depts(p, old, &st, &changed) == -1 ||
	    commit_files(p, &st, &written) == -1) {
		buf_free(&st);
		return -1;
	}
	removed = remove_stale(p, old);
	path = fs_join(p->opt->out, PORTAL_MARKER);
	if (!same_file(path, st.data, st.len) &&
	    fs_replace(path, st.data, st.len) == -1) {
		diag_err(&p->diag, path, 0, 0, "không ghi được tệp đánh dấu "
		    "của cổng: %s", err_text(errno));
		rc = -1;
	}
	free(path);
	if (rc == 0 && !p->opt->quiet)
		fprintf(stderr, "cchc: đã tạo cổng %s: %zu đơn vị (%zu thay đổi),"
		    " %zu tệp của cổng ghi mới, %zu tệp bị xóa\n",
		    p->opt->out, p->nd, changed, written, removed);
	buf_free(&st);
	return rc;
}

/* The output is new, empty, or the portal's own. */
static int
check_out(struct portal *p, struct state *old)
{
	DIR		*dir;
	struct dirent	*de;
	int		 empty = 1;

	if (state_read(p->opt->out, old) >= 0)
		return 0;
	if ((dir = opendir(p->opt->out)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(dir)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(dir);
	if (!empty) {
		diag_err(&p->diag, p->opt->out, 0, 0, "thư mục này có sẵn nội "
		    "dung không do cchc portal tạo (thiếu tệp %s); chọn thư "
		    "mục khác cho --out hoặc làm trống nó", PORTAL_MARKER);
		return -1;
	}
	return 0;
}

/* --- The command ------------------------------------------------------ */

static void
portal_free(struct portal *p)
{
	size_t	 i;

	if (p->statfd != -1)
		close(p->statfd);
	free(p->statdir);
	for (i = 0; i < p->nd; i++) {
		free(p->d[i].work);
		free(p->d[i].url);
		free(p->d[i].datafile);
		free(p->d[i].parseerr);
		news_list_free(p->d[i].news, p->d[i].nnews);
		val_unref(p->d[i].data);
		buf_free(&p->d[i].log);
	}
	for (i = 0; p->d != NULL && i < p->nd; i++)
		portal_merge_free(&p->d[i].merge);
	free(p->d);
	news_free(p);
	for (i = 0; i < p->nf; i++)
		free(p->f[i].rel);
	if (p->staging != NULL) {
		fs_rmtree(p->staging);
		free(p->staging);
	}
	free(p->f);
	if (p->tpl != NULL)
		mus_set_free(p->tpl);
	free(p->theme);
	free(p->self);
	free(p->workroot);
	portal_config_free(&p->cfg);
	diag_free(&p->diag);
}

/* Config, today, the departments' folders: 0 or -1 (messages in p). */
static int
portal_open(struct portal *p, const struct portal_opts *opt)
{
	size_t	 i;
	char	*cache;

	memset(p, 0, sizeof(*p));
	p->opt = opt;
	p->statfd = -1;
	diag_init(&p->diag);
	if (opt->today != NULL) {
		if (date_parse_ymd(opt->today, &p->today) == -1)
			return -1;	/* main.c checked it */
	} else
		date_today_vn(&p->today);
	snprintf(p->todays, sizeof(p->todays), "%04d-%02d-%02d",
	    p->today.y, p->today.m, p->today.d);
	if (portal_config_load(opt->config, &p->cfg, &p->diag) == -1 ||
	    portal_config_check_paths(&p->cfg, &p->diag) == -1)
		return -1;
	if ((p->theme = theme_installed("default")) == NULL) {
		diag_err(&p->diag, NULL, 0, 0, "không tìm thấy giao diện "
		    "default đã cài cùng cchc");
		return -1;
	}
	/* Where the binary was deleted (reinstalled) since it started, the
	   /proc link still runs this one. */
	if ((p->self = fs_self_exe()) == NULL || !fs_is_file(p->self)) {
		free(p->self);
		p->self = xstrdup("/proc/self/exe");
	}
	p->config = config_hash(p);
	p->binhash = fs_self_hash();
	cache = fs_join(p->cfg.dir, ".cchc-cache");
	p->workroot = fs_join(cache, "portal");
	if (fs_mkdirs(p->workroot) == -1) {
		diag_err(&p->diag, p->workroot, 0, 0, "không tạo được thư mục "
		    "làm việc của cổng: %s", err_text(errno));
		free(cache);
		return -1;
	}
	{
		/* Without it the data are only not cached (read_data()). */
		char *dc = fs_join(p->workroot, DATA_CACHE_DIR);

		(void)fs_mkdirs(dc);
		free(dc);
	}
	{
		char *gi = fs_join(cache, ".gitignore");

		if (!fs_is_file(gi))
			(void)fs_write(gi, "*\n", 2);
		free(gi);
	}
	free(cache);
	p->nd = p->cfg.ndepts;
	p->d = xcalloc(p->nd, sizeof(*p->d));
	for (i = 0; i < p->nd; i++) {
		struct dept *d = &p->d[i];

		d->cfg = &p->cfg.depts[i];
		d->fd = -1;
		d->url = xasprintf("%s%s/", p->cfg.base_url, d->cfg->slug);
		d->work = d->cfg->built != NULL ? xstrdup(d->cfg->built) :
		    fs_join(p->workroot, d->cfg->slug);
	}
	return 0;
}

/*
 * The output is already this portal: its configuration, day, cchc and
 * theme, every department's section as the last portal put it there.
 */
static int
unchanged(struct portal *p, const struct state *old)
{
	const struct sdept *od;
	char		*id, *dst, *marker;
	size_t		 i;
	int		 same;

	if (p->config == 0 || old->config != p->config ||
	    old->ndepts != p->nd)
		return 0;
	for (i = 0; i < p->nd; i++) {
		od = state_dept(old, p->d[i].cfg->slug);
		if (od == NULL || p->d[i].cfg->built != NULL)
			return 0;	/* a built: folder is not ours to trust */
		id = identity(p->d[i].work);
		dst = fs_join(p->opt->out, p->d[i].cfg->slug);
		same = strcmp(id, od->id) == 0 && fs_is_dir(dst);
		free(id);
		free(dst);
		if (!same)
			return 0;
	}
	marker = fs_join(p->opt->out, PORTAL_MARKER);
	same = fs_is_file(marker);
	free(marker);
	return same;
}

static void
stop(struct portal *p, const char *why)
{
	diag_flush(&p->diag, stderr);
	fprintf(stderr, "cchc: dừng vì %s; thư mục %s vẫn giữ nguyên như "
	    "trước\n", why, p->opt->out);
}

int
portal_run(const struct portal_opts *opt)
{
	struct portal	 p;
	struct state	 old;
	size_t		 i, nfailed = 0;
	int		 status = 1;
	char		 why[128];

	memset(&old, 0, sizeof(old));
	portal_time(NULL);
	if (portal_open(&p, opt) == -1) {
		stop(&p, "lỗi trong cấu hình cổng");
		goto out;
	}
	portal_time("config");
	if (check_out(&p, &old) == -1) {
		stop(&p, "thư mục đầu ra không dùng được");
		goto out;
	}
	p.old = &old;
	xmlfeed_global_init();
	if (prepare_merges(&p) == -1) {
		stop(&p, "không ghép được nguồn của đơn vị hợp nhất");
		goto out;
	}
	portal_time("merges");
	if (build_departments(&p, &old) == -1) {
		print_logs(&p, 1);
		for (i = 0; i < p.nd; i++)
			nfailed += p.d[i].failed;
		snprintf(why, sizeof(why), "%zu đơn vị dựng bị lỗi", nfailed);
		stop(&p, why);
		goto out;
	}
	background_wait(&p);
	portal_time("departments");
	if (!opt->quiet)
		print_logs(&p, 0);
	if (unchanged(&p, &old)) {
		if (!opt->quiet)
			fprintf(stderr, "cchc: cổng %s đã đúng như nguồn, không "
			    "có gì thay đổi (%zu đơn vị)\n", opt->out, p.nd);
		status = 0;
		goto out;
	}
	pool_run(p.nd, opt->jobs > 0 ? opt->jobs : pool_ncpu(), read_data,
	    &p);
	for (i = 0; i < p.nd; i++)
		if (load_data(&p, &p.d[i]) == -1)
			nfailed++;
	data_sweep(&p);
	portal_time("data");
	if (nfailed > 0) {
		stop(&p, "dữ liệu của đơn vị không dùng được");
		goto out;
	}
	if (make_pages(&p) == -1) {
		stop(&p, "lỗi khi tạo các trang của cổng");
		goto out;
	}
	diag_flush(&p.diag, stderr);
	if (commit(&p, &old) == -1) {
		portal_time("commit");
		diag_flush(&p.diag, stderr);
		fprintf(stderr, "cchc: dừng vì không ghi được thư mục %s\n",
		    opt->out);
		goto out;
	}
	portal_time("commit");
	status = 0;
out:
	background_wait(&p);
	state_free(&old);
	portal_free(&p);
	portal_time("free");
	return status;
}

int
portal_report(const struct portal_opts *opt)
{
	struct portal	 p;
	struct board_dept *bd = NULL;
	struct val	*board = NULL;
	struct buf	 b = BUF_INIT;
	const char	*err = NULL;
	size_t		 i;
	int		 status = 1, bad = 0;

	if (portal_open(&p, opt) == -1) {
		diag_flush(&p.diag, stderr);
		fprintf(stderr, "cchc: dừng vì lỗi trong cấu hình cổng\n");
		goto out;
	}
	/* The sections as the last `cchc portal` put them in the output. */
	for (i = 0; i < p.nd; i++) {
		free(p.d[i].work);
		p.d[i].work = fs_join(opt->out, p.d[i].cfg->slug);
	}
	pool_run(p.nd, opt->jobs > 0 ? opt->jobs : pool_ncpu(), read_data,
	    &p);
	for (i = 0; i < p.nd; i++)
		if (load_data(&p, &p.d[i]) == -1)
			bad = 1;
	if (bad) {
		diag_flush(&p.diag, stderr);
		fprintf(stderr, "cchc: dừng vì chưa đọc được dữ liệu các đơn vị "
		    "trong %s; chạy cchc portal trước\n", opt->out);
		goto out;
	}
	/* Without --today: the day the portal was built for, which the
	   data's task statuses are of, not the day the report is asked. */
	if (opt->today == NULL && p.nd > 0 &&
	    fm_str(p.d[0].data, "today") != NULL)
		(void)date_parse_ymd(fm_str(p.d[0].data, "today"), &p.today);
	bd = xcalloc(p.nd, sizeof(*bd));
	for (i = 0; i < p.nd; i++) {
		bd[i].name = p.d[i].cfg->name;
		bd[i].slug = p.d[i].cfg->slug;
		bd[i].data = p.d[i].data;
	}
	if ((board = board_make(bd, p.nd, &p.today, opt->period, &err)) ==
	    NULL) {
		fprintf(stderr, "cchc: --period %s: %s\n", opt->period,
		    err != NULL ? err : "không hiểu kỳ báo cáo");
		status = 2;
		goto out;
	}
	board_markdown(board, &b);
	if (fwrite(b.data, 1, b.len, stdout) != b.len ||
	    fflush(stdout) == EOF) {
		fprintf(stderr, "cchc: không ghi được báo cáo ra: %s\n",
		    err_text(errno));
		goto out;
	}
	status = 0;
out:
	val_unref(board);
	buf_free(&b);
	free(bd);
	portal_free(&p);
	return status;
}
