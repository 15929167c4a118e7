/*
 * build.c - `cchc build`: the pipeline from source tree to output tree.
 *
 *   open      site.yaml, files, theme; git and the output   scan.c
 *             folder read on threads of their own
 *   unchanged the fingerprint: nothing to do?                (here)
 *   model     parse (parallel), history, URL table, order,  parse.c
 *             bodies (parallel), the output plan            model.c
 *                                                           bodies.c
 *                                                           outplan.c
 *   emit      every file of the plan made (parallel)        emit.c
 *   write     aside, then swapped in on success             write.c
 *   report    the messages and the last line                (here)
 *
 * build_run() at the bottom is the table of contents.  struct build owns
 * the build session (session.h: the source, the theme, the caches, the
 * threads) and the site (model.h), and hands each stage the parts it
 * reads.
 *
 * Messages are collected per page and printed in source order after each
 * parallel stage, so output and messages never depend on --jobs.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bodies.h"
#include "buf.h"
#include "build.h"
#include "cachefile.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "errtext.h"
#include "emit.h"
#include "export.h"
#include "xmlfeed.h"
#include "fs.h"
#include "hash.h"
#include "hist_merge.h"
#include "history.h"
#include "routes.h"
#include "images.h"
#include "markdown.h"
#include "mdcache.h"
#include "model.h"
#include "mustache.h"
#include "outplan.h"
#include "parse.h"
#include "patch.h"
#include "plans.h"
#include "pool.h"
#include "render.h"
#include "scan.h"
#include "search.h"
#include "session.h"
#include "source.h"
#include "stamps.h"
#include "theme.h"
#include "util.h"
#include "value.h"
#include "write.h"

#define TEMPLATE_MAX (1u << 20)

/* Layouts every theme must have. */
static const char *const required_layouts[] = {
	"home", "post", "plan", "procedure", "page", "list", "404", "terms",
	"archive", NULL
};

/*
 * CCHC_TIMES=1 prints the wall time of each stage to stderr: for the
 * benchmark and for profiling; it never reaches the output.
 * CCHC_TIMES=cpu adds the process's CPU time (all threads) in the stage,
 * which a loaded machine disturbs less.
 */
static double
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void
stage_time(const char *name)
{
	static int		 on = -1;
	static struct timespec	 last, lastcpu;
	struct timespec		 now, cpu;
	const char		*e;

	if (on == -1) {
		e = getenv("CCHC_TIMES");
		on = e == NULL || *e == '\0' || strcmp(e, "0") == 0 ? 0 :
		    strcmp(e, "cpu") == 0 ? 2 : 1;
	}
	/* NULL starts the clock: each build of `cchc serve` anew. */
	if (name == NULL) {
		clock_gettime(CLOCK_MONOTONIC, &last);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &lastcpu);
	}
	if (!on || name == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (on == 2) {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
		fprintf(stderr, "cchc: %-10s %7.1f ms, cpu %7.1f ms\n", name,
		    ms_between(&last, &now), ms_between(&lastcpu, &cpu));
		lastcpu = cpu;
	} else
		fprintf(stderr, "cchc: %-10s %7.1f ms\n", name,
		    ms_between(&last, &now));
	last = now;
}

struct job {
	struct site	*site;
	struct source	*src;
	struct prefetch	*pre;		/* or NULL */
	const struct hist_merge *merge;	/* --merge, or NULL */
};

static char *
strip_ext(const char *path, const char *ext)
{
	const char	*base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return xstrndup(base, strlen(base) - strlen(ext));
}

/*
 * The theme: the site's own themes/<name>/, else the installed one
 * (theme.h) served in its place (source_overlay()), so that a folder
 * holding only site.yaml and content/ builds.  -1 when there is none.
 */
static int
find_theme(struct session *se, struct site *s)
{
	const struct val *v = val_map_get(s->cfg.raw, "theme");
	struct strlist	 tried = { NULL, 0, 0 };
	struct buf	 list = BUF_INIT;
	char		*dir;
	size_t		 i;

	if (source_is_dir(se->src, se->theme_dir))
		return 0;
	if ((dir = theme_installed(s->cfg.theme)) != NULL) {
		source_overlay(se->src, se->theme_dir, dir);
		free(dir);
		return 0;
	}
	theme_candidates(s->cfg.theme, &tried);
	for (i = 0; i < tried.len; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", tried.v[i]);
	diag_err(&s->diag, "site.yaml", v != NULL ? val_line(v) : 0,
	    v != NULL ? val_col(v) : 0, "không tìm thấy giao diện “%s”: "
	    "chuyên mục không có thư mục %s/, và cũng không có giao diện cài "
	    "sẵn ở %s; hãy kiểm tra khóa “theme” (đang là “%s”), chép giao "
	    "diện vào %s/, hoặc cài cchc bằng “make install”", s->cfg.theme,
	    se->theme_dir, list.len ? buf_cstr(&list) : "(không có chỗ nào)",
	    s->cfg.theme, se->theme_dir);
	strlist_free(&tried);
	buf_free(&list);
	return -1;
}

/* The session's templates, compiled; messages in the site's diag. */
static int
load_theme(struct session *se, struct site *s, const struct scan *sc)
{
	const struct strlist *lists[2] = { &sc->layouts, &sc->partials };
	struct buf	 b = BUF_INIT;
	char		*abs, *name, *want;
	size_t		 i, k;
	int		 rc = 0;

	se->render.theme = mus_set_new();
	if (sc->layouts.len == 0) {
		abs = fs_join(se->theme_dir, "layouts");
		/* An installed theme's folder is named where it is. */
		name = fs_join(se->root, abs);
		want = source_disk_path(se->src, abs);
		if (want != NULL && strcmp(want, name) != 0) {
			free(abs);
			abs = want;
			want = NULL;
		}
		free(want);
		free(name);
		diag_err(&s->diag, abs, 0, 0, "không có mẫu trang nào; kiểm tra "
		    "khóa “theme” trong site.yaml (đang là “%s”) và thư mục "
		    "themes/", s->cfg.theme);
		free(abs);
		return -1;
	}
	/* Layouts first, partials second: a partial of the same name wins. */
	for (k = 0; k < 2; k++)
		for (i = 0; i < lists[k]->len; i++) {
			const char *rel = lists[k]->v[i];

			buf_reset(&b);
			if (source_read(se->src, rel, TEMPLATE_MAX, &b) == -1) {
				diag_err(&s->diag, rel, 0, 0, "không đọc được "
				    "mẫu: %s", err_text(errno));
				rc = -1;
			} else {
				name = strip_ext(rel, ".mustache");
				if (mus_set_add(se->render.theme, name, rel,
				    buf_cstr(&b), b.len, &s->diag) == -1)
					rc = -1;
				free(name);
			}
		}
	for (i = 0; required_layouts[i] != NULL; i++) {
		if (mus_set_has(se->render.theme, required_layouts[i]))
			continue;
		want = xasprintf("%s/layouts/%s.mustache", se->theme_dir,
		    required_layouts[i]);
		/* One that exists but did not compile is reported already. */
		if (!source_is_file(se->src, want))
			diag_err(&s->diag, want, 0, 0, "chủ đề thiếu mẫu trang "
			    "này; hãy tạo tệp (xem docs/templates.md)");
		free(want);
		rc = -1;
	}
	if (rc == 0)
		mus_set_check(se->render.theme, &s->diag);
	buf_free(&b);
	return rc;
}

/* The program itself: a new cchc may write other bytes from the same input. */
static uint64_t
self_hash(void)
{
	static uint64_t	 h;
	struct buf	 exe = BUF_INIT;

	if (h == 0) {
		if (fs_read("/proc/self/exe", (size_t)256 << 20, &exe) == 0)
			h = hash64(exe.data, exe.len, 7);
		h = hash64("cchc " CCHC_VERSION, strlen("cchc " CCHC_VERSION),
		    h) | 1;
		buf_free(&exe);
	}
	return h;
}

/* What every page's output depends on besides its context. */
static void
theme_salt(struct session *se, const struct scan *sc)
{
	const struct strlist *lists[2] = { &sc->layouts, &sc->partials };
	struct hasher	 h;
	struct buf	 b = BUF_INIT;
	size_t		 i, k;

	hasher_init(&h);
	hasher_u64(&h, self_hash());
	for (k = 0; k < 2; k++)
		for (i = 0; i < lists[k]->len; i++) {
			buf_reset(&b);
			hasher_str(&h, lists[k]->v[i]);
			if (source_read(se->src, lists[k]->v[i], TEMPLATE_MAX,
			    &b) == 0)
				hasher_add(&h, b.data, b.len);
		}
	render_hash_val(&h, se->render.site_val);
	hasher_u64(&h, (uint64_t)se->render.links_files);
	se->render.salt = hasher_done(&h);
	buf_free(&b);
}

static void
job_parse(void *arg, size_t i)
{
	struct job	*j = arg;

	struct page	*p = j->site->pages[i];
	const char	*url;

	parse_page(&j->site->today, j->src, j->pre, p);
	/* A merged department: where two sources' pages would share a URL,
	   the portal gave one of them another. */
	if (j->merge != NULL && p->url != NULL &&
	    (url = hist_merge_url(j->merge, p->src)) != NULL) {
		free(p->url);
		free(p->out);
		p->url = xstrdup(url);
		p->out = route_out(p->url);
	}
}

/*
 * The git history pass runs on a thread of its own while the main thread
 * takes the fingerprint and the pages are parsed (libgit2 is best used
 * from one thread; see ../shared/notes and docs/history.md); what the
 * fingerprint needs of git (the commit, the branch, git status) is read
 * on the main thread meanwhile.  history_finish() joins it and says once
 * what is missing: no repository, a shallow clone, uncommitted pages.
 */
struct hist_job {
	const char		*root;
	const char		*rev;
	const char		*cache;		/* borrowed */
	struct history		*hist;		/* written by the thread */
	struct diag		 diag;		/* the thread's messages */
	int			 rc;
	pthread_t		 thread;
	int			 running;
	int			 finished, finish_rc;
	struct hist_head	 head;		/* main thread */
	int			 head_rc;	/* -1: unknown (no shortcut) */
	struct history		 status;	/* its dirty and uncommitted */
	struct hist_merge	*merge;		/* --merge: owned */
	struct diag		 sdiag;
	int			 status_rc;
	pthread_t		 sthread;	/* git status, meanwhile */
	int			 srunning;
};

static void *
history_thread(void *arg)
{
	struct hist_job	*j = arg;

	if (j->merge != NULL)
		j->rc = hist_merge_read(j->merge, j->cache, j->hist, &j->diag);
	else
		j->rc = history_read(j->root, j->rev, j->cache, j->hist,
		    &j->diag);
	return NULL;
}

static void *
status_thread(void *arg)
{
	struct hist_job	*j = arg;

	if (j->merge != NULL)
		j->status_rc = hist_merge_status(j->merge, &j->status,
		    &j->sdiag);
	else
		j->status_rc = history_status(j->root, &j->status, &j->sdiag);
	return NULL;
}

/* git status is known (for the fingerprint and the messages). */
static void
status_wait(struct hist_job *j)
{
	if (j->srunning)
		pthread_join(j->sthread, NULL);
	j->srunning = 0;
}

static void
history_start(struct site *s, const char *root, const struct build_opts *opt,
    const char *cache, struct hist_job *j)
{
	j->root = root;
	j->rev = opt->rev;
	j->cache = cache;
	j->hist = &s->hist;
	/*
	 * Without the commit the fingerprint cannot tell this build from
	 * the last: fingerprint() then gives 0 and the build is a real one.
	 */
	if (j->merge != NULL)
		j->head_rc = hist_merge_head(j->merge, &j->head);
	else
		j->head_rc = history_head(root, opt->rev, &j->head);
	if (pthread_create(&j->thread, NULL, history_thread, j) == 0)
		j->running = 1;
	else
		history_thread(j);
	j->status_rc = -1;
	if (opt->rev == NULL && j->head.available) {
		j->status.available = 1;
		if (pthread_create(&j->sthread, NULL, status_thread, j) == 0)
			j->srunning = 1;
		else
			status_thread(j);
	}
}

static int
history_finish(struct site *s, const struct build_opts *opt,
    struct hist_job *j)
{
	struct history	*h = &s->hist;
	size_t		 i;

	if (j->finished)
		return j->finish_rc;
	j->finished = 1;
	j->finish_rc = -1;
	if (j->running)
		pthread_join(j->thread, NULL);
	j->running = 0;
	status_wait(j);
	diag_move(&s->diag, &j->diag);
	if (j->rc == -1)
		return -1;
	j->finish_rc = 0;
	if (!h->available) {
		diag_warn(&s->diag, NULL, 0, 0, "thư mục nguồn không nằm trong "
		    "kho git nên không có lịch sử: ngày đăng lấy từ “date” "
		    "trong front matter, nếu không có thì lấy ngày %s; hãy "
		    "lưu trang vào kho git (git init, git add, git commit)",
		    s->today_str);
		return 0;
	}
	if (h->shallow)
		diag_warn(&s->diag, NULL, 0, 0, "kho git là bản sao nông "
		    "(shallow clone) nên không biết ngày đăng của các trang "
		    "trước mốc cắt; hãy chạy “git fetch --unshallow”, hoặc "
		    "đặt fetch-depth: 0 cho bước checkout của CI");
	if (opt->rev != NULL)
		return 0;
	diag_move(&s->diag, &j->sdiag);
	if (j->status_rc != 0)
		return 0;
	h->dirty = j->status.dirty;
	h->uncommitted = j->status.uncommitted;
	h->nuncommitted = j->status.nuncommitted;
	j->status.uncommitted = NULL;
	j->status.nuncommitted = 0;
	for (i = 0; i < h->nuncommitted; i++)
		diag_warn(&s->diag, h->uncommitted[i], 0, 0, "trang chưa được "
		    "commit vào git: ngày đăng tạm lấy từ “date” trong front "
		    "matter hoặc ngày %s; hãy commit để có ngày đăng và lịch "
		    "sử chính thức", s->today_str);
	return 0;
}

static void
history_cleanup(struct hist_job *j)
{
	if (j->running)
		pthread_join(j->thread, NULL);
	j->running = 0;
	status_wait(j);
	history_head_free(&j->head);
	history_free(&j->status);
	hist_merge_free(j->merge);
	diag_free(&j->diag);
	diag_free(&j->sdiag);
}

/* The output folder, read ahead on a thread of its own (out_probe). */
struct probe_job {
	const char		*out;
	const char		*cache;		/* borrowed */
	struct outprobe		*pr;
	pthread_t		 thread;
	int			 running;
};

static void *
probe_thread(void *arg)
{
	struct probe_job *j = arg;

	j->pr = out_probe(j->out, j->cache);
	return NULL;
}

static void
probe_start(struct probe_job *j, const char *out, const char *cache)
{
	j->out = out;
	j->cache = cache;
	if (pthread_create(&j->thread, NULL, probe_thread, j) == 0)
		j->running = 1;
	else
		probe_thread(j);
}

static struct outprobe *
probe_wait(struct probe_job *j)
{
	if (j->running)
		pthread_join(j->thread, NULL);
	j->running = 0;
	return j->pr;
}

static void
probe_free(struct probe_job *j)
{
	probe_wait(j);
	out_probe_free(j->pr);
	memset(j, 0, sizeof(*j));
}

/*
 * The fingerprint of everything a build reads: the binary, the options,
 * the bytes of every file under content/, plans/ and the theme, and
 * site.yaml, and the git state (the commit built, the work tree's status,
 * a shallow clone).  Two builds with the same fingerprint write the same
 * bytes, so a build that finds its output folder as the last build with
 * this fingerprint left it has nothing to do.  0 when it cannot be
 * taken (then nothing is skipped).
 */
struct fpjob {
	const struct session *sess;	/* the source read */
	struct strlist	*files;
	uint64_t	*hashes;
	struct buf	*bufs;		/* kept for the parse stage */
	const struct stamps *stamps;	/* NULL: read every file */
	struct stat	*sts;		/* each file's, before it was read */
};

static void
job_hash(void *arg, size_t i)
{
	struct fpjob	*j = arg;
	struct buf	*b = &j->bufs[i];
	char		*path;

	/* A file that looks as when it was last read has that hash. */
	if (j->stamps != NULL) {
		/* The installed theme's files are not under the root. */
		path = source_disk_path(j->sess->src, j->files->v[i]);
		if (path == NULL || stat(path, &j->sts[i]) == -1)
			memset(&j->sts[i], 0, sizeof(j->sts[i]));
		free(path);
		if ((j->hashes[i] = stamps_get(j->stamps, j->files->v[i],
		    &j->sts[i])) != 0)
			return;
	}
	if (source_read(j->sess->src, j->files->v[i], (size_t)1 << 30,
	    b) == -1) {
		j->hashes[i] = 0;	/* unreadable: the build will say */
		buf_free(b);
	} else
		j->hashes[i] = hash64(b->data, b->len, 1) | 1;
	/* Only Markdown pages are read again; the rest can go now. */
	if (!str_has_suffix(j->files->v[i], ".md"))
		buf_free(b);
}

/*
 * .cchc-cache/clean: the content hashes of the pages the last build found
 * to be valid UTF-8 in NFC without NUL, sorted: a sealed cache file
 * (cachefile.h) whose body is the u64 hashes, salted with the binary's
 * hash.  Anything else is ignored.
 */
#define CLEAN_MAGIC	"CCHCCLEN"
#define CLEAN_VERSION	2

static void
clean_load(struct prefetch *pf, const char *cache)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, n;
	char		*path = fs_join(cache, "clean");

	if (pf == NULL || cf_load(path, (size_t)64 << 20, CLEAN_MAGIC,
	    CLEAN_VERSION, self_hash(), &b, NULL) == -1 ||
	    (b.len - CF_SEALED_HEAD) % 8 != 0)
		goto out;
	n = (b.len - CF_SEALED_HEAD) / 8;
	pf->nknown = n;
	pf->known = xcalloc(n ? n : 1, sizeof(uint64_t));
	for (i = 0; i < n; i++)
		pf->known[i] = cf_le_get((const unsigned char *)b.data +
		    CF_SEALED_HEAD + i * 8, 8);
out:
	free(path);
	buf_free(&b);
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The pages of this build found clean; written only when it changed. */
static void
clean_save(struct prefetch *pf, const char *cache)
{
	struct buf	 b = BUF_INIT;
	uint64_t	*v;
	size_t		 i, n = 0, k = 0;
	char		*path;

	if (pf == NULL)
		return;
	v = xcalloc(pf->n ? pf->n : 1, sizeof(*v));
	for (i = 0; i < pf->n; i++)
		if (pf->clean[i] && pf->hashes[i] != 0)
			v[n++] = pf->hashes[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), u64_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	if (k == pf->nknown && (k == 0 ||
	    memcmp(v, pf->known, k * sizeof(*v)) == 0)) {
		free(v);
		return;
	}
	cf_begin_sealed(&b, CLEAN_MAGIC, CLEAN_VERSION, self_hash());
	for (i = 0; i < k; i++)
		cf_put_u64(&b, v[i]);
	path = fs_join(cache, "clean");
	/* Only speed is lost if this fails: no message. */
	cf_save(path, &b);
	free(path);
	free(v);
	buf_free(&b);
}

/*
 * The bytes fingerprint() read and parse_page() did not take; the paths
 * and hashes stay for images.c (file_hash), which needs a photo's hash,
 * not its bytes.
 */
static void
prefetch_drop_bytes(struct prefetch *pf)
{
	size_t	 i;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->n; i++)
		buf_free(&pf->bufs[i]);
}

static int
prefetch_path_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/* The content hash the fingerprint took of path, or 0. */
static uint64_t
prefetch_hash(void *arg, const char *path)
{
	struct prefetch	*pf = arg;
	char		**hit;

	hit = bsearch(path, pf->paths, pf->n, sizeof(*pf->paths),
	    prefetch_path_cmp);
	return hit != NULL ? pf->hashes[hit - pf->paths] : 0;
}

/* What fingerprint() read and parse_page() did not take. */
static void
prefetch_free(struct prefetch *pf)
{
	size_t	 i;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->n; i++) {
		buf_free(&pf->bufs[i]);
		free(pf->paths[i]);
	}
	free(pf->bufs);
	free(pf->paths);
	free(pf->hashes);
	free(pf->clean);
	free(pf->known);
	free(pf);
}

static uint64_t
fingerprint(struct site *s, const struct session *se,
    const struct build_opts *opt, const char *cache, struct hist_job *hj,
    const struct scan *sc, struct prefetch **pre)
{
	const struct strlist *lists[4] = { &sc->files, &sc->layouts,
	    &sc->partials, &sc->statics };
	struct strlist	 files = { NULL, 0, 0 };
	struct hasher	 h;
	struct fpjob	 j;
	uint64_t	 fp = 0;
	size_t		 i, k;
	char		*spath;

	/* What the build reads: the scan's lists and site.yaml. */
	for (k = 0; k < 4; k++)
		for (i = 0; i < lists[k]->len; i++)
			strlist_push(&files, xstrdup(lists[k]->v[i]));
	strlist_push(&files, xstrdup("site.yaml"));
	strlist_sort(&files);
	j.sess = se;
	j.files = &files;
	j.hashes = xcalloc(files.len ? files.len : 1, sizeof(*j.hashes));
	j.bufs = xcalloc(files.len ? files.len : 1, sizeof(*j.bufs));
	j.sts = xcalloc(files.len ? files.len : 1, sizeof(*j.sts));
	/* Stamps are for the folder; a --rev tree is read from git. */
	spath = fs_join(cache, "sources");
	j.stamps = opt->rev == NULL ? stamps_load(spath) : NULL;
	pool_run(files.len, se->jobs, job_hash, &j);
	/* Only a cache: without it the next build reads every file again. */
	if (j.stamps != NULL && stamps_save(j.stamps, spath, files.v, j.sts,
	    j.hashes, files.len) == -1)
		diag_warn(&s->diag, NULL, 0, 0, "không lưu được bộ nhớ đệm “%s” "
		    "(%s); lần dựng sau sẽ đọc lại mọi tệp nguồn, chậm hơn; hãy "
		    "kiểm tra quyền ghi và chỗ trống của thư mục .cchc-cache",
		    spath, err_text(errno));
	stamps_free((struct stamps *)j.stamps);
	free(j.sts);
	free(spath);

	status_wait(hj);
	hasher_init(&h);
	hasher_u64(&h, self_hash());
	hasher_str(&h, opt->base_url);
	hasher_u64(&h, (uint64_t)opt->links);
	hasher_str(&h, opt->rev);
	hasher_str(&h, s->today_str);
	if (opt->preview)
		hasher_str(&h, "preview");
	hasher_u64(&h, (uint64_t)hj->head.available |
	    (uint64_t)hj->head.shallow << 1 |
	    (uint64_t)hj->status.dirty << 2 |
	    (uint64_t)(hj->status_rc == 0) << 3);
	hasher_str(&h, hj->head.tip);
	hasher_str(&h, hj->head.branch);
	hasher_str(&h, hj->head.prefix);
	hasher_u64(&h, hj->status.nuncommitted);
	for (i = 0; i < hj->status.nuncommitted; i++)
		hasher_str(&h, hj->status.uncommitted[i]);
	hasher_u64(&h, files.len);
	for (i = 0; i < files.len; i++) {
		hasher_str(&h, files.v[i]);
		hasher_u64(&h, j.hashes[i]);
	}
	fp = hasher_done(&h) | 1;
	if (hj->head_rc == -1) {
		diag_warn(&s->diag, NULL, 0, 0, "không đọc được commit hiện "
		    "tại của kho git nên không biết có gì thay đổi từ lần dựng "
		    "trước: dựng lại toàn bộ");
		fp = 0;
	}
	/* The bytes go on to parse_page(), which takes them. */
	*pre = xcalloc(1, sizeof(**pre));
	(*pre)->paths = files.v;
	(*pre)->bufs = j.bufs;
	(*pre)->hashes = j.hashes;
	(*pre)->clean = xcalloc(files.len ? files.len : 1, 1);
	(*pre)->n = files.len;
	memset(&files, 0, sizeof(files));
	strlist_free(&files);
	return fp;
}

/*
 * What a build saves with its manifest to be said again when nothing has
 * changed: "<pages> <posts> <plans> <procedures> <warnings>\n" and the
 * messages as printed.
 */
static int
replay_note(const char *note, const struct build_opts *opt)
{
	size_t	 built, nposts, nplans, nprocs, warnings;
	const char *nl;
	int	 n = 0;

	if (sscanf(note, "%zu %zu %zu %zu %zu%n", &built, &nposts, &nplans,
	    &nprocs, &warnings, &n) != 5 || n == 0 ||
	    (nl = strchr(note + n, '\n')) == NULL)
		return -1;
	fputs(nl + 1, stderr);
	/* The rest of the first line: what was left out (left_out()). */
	if (!opt->quiet)
		fprintf(stderr, "cchc: đã tạo %zu trang (%zu tin, %zu kế hoạch, "
		    "%zu thủ tục) trong %s%.*s; %zu cảnh báo (không có gì thay "
		    "đổi)\n", built, nposts, nplans, nprocs, opt->out,
		    (int)(nl - (note + n)), note + n, warnings);
	fflush(stderr);
	return 0;
}

static size_t	flush_log(struct site *, size_t *, size_t *, struct buf *);
static size_t	flush_to(struct site *, size_t *, size_t *, struct buf *,
		    struct diag *);

/* opt->msgs: a copy of every message about to be printed. */
static void
collect_msgs(const struct build_opts *opt, const struct site *s)
{
	const struct diag *lists;
	size_t		 i, k;

	if (opt->msgs == NULL)
		return;
	for (i = 0; i <= s->npages; i++) {
		lists = i == 0 ? &s->diag : &s->pages[i - 1]->diag;
		for (k = 0; k < lists->len; k++) {
			const struct diag_msg *m = &lists->msgs[k];

			diag_add(opt->msgs, m->level, m->file, m->line,
			    m->col, "%s", m->text);
		}
	}
}

/*
 * A preview (`cchc serve`) shows drafts and scheduled posts: they stay
 * marked (page->draft, page->scheduled: the banner) but are built.
 */
static void
preview_unskip(const struct build_opts *opt, struct site *s)
{
	size_t	 i;

	if (!opt->preview)
		return;
	for (i = 0; i < s->npages; i++)
		s->pages[i]->skip = 0;
}

/* Prints messages in order and counts pages that failed. */
static size_t
flush_all(struct site *s, size_t *errors, size_t *warnings)
{
	return flush_log(s, errors, warnings, NULL);
}

/* flush_all(), keeping what was printed in log (when not NULL). */
static size_t
flush_log(struct site *s, size_t *errors, size_t *warnings, struct buf *log)
{
	return flush_to(s, errors, warnings, log, NULL);
}

/* One list of messages printed, or moved to collect (build_opts). */
static void
say(struct diag *d, struct buf *log, struct diag *collect)
{
	if (collect != NULL)
		diag_move(collect, d);
	else
		diag_flush_log(d, stderr, log);
}

/* flush_log(), moving the messages to collect when it is not NULL. */
static size_t
flush_to(struct site *s, size_t *errors, size_t *warnings, struct buf *log,
    struct diag *collect)
{
	size_t	 i, failed = 0;

	*errors += s->diag.errors;
	*warnings += s->diag.warnings;
	s->diag.errors = s->diag.warnings = 0;
	say(&s->diag, log, collect);
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		*errors += p->diag.errors;
		*warnings += p->diag.warnings;
		p->diag.errors = p->diag.warnings = 0;
		say(&p->diag, log, collect);
		if (p->failed)
			failed++;
	}
	return failed;
}

/*
 * The site's root above `dir` (its parent or grandparent holding a
 * site.yaml, as when cchc is run from content/ or plans/), or NULL.
 */
static char *
site_root_above(const char *dir)
{
	char	*p = xstrdup(dir), *up, *f;
	int	 i, found = 0;

	for (i = 0; i < 2 && !found; i++) {
		up = fs_dirname(p);
		if (*up == '\0' || strcmp(up, p) == 0) {	/* at "/" */
			free(up);
			break;
		}
		free(p);
		p = up;
		f = fs_join(p, "site.yaml");
		found = fs_is_file(f);
		free(f);
	}
	if (!found) {
		free(p);
		p = NULL;
	}
	return p;
}

/* site.yaml could not be read: where cchc looked, and what to do. */
static void
config_missing(struct site *s, struct source *src, const char *rev, int err)
{
	const char	*root = source_root(src);
	char		*abs = realpath(root, NULL), *up = NULL;
	const char	*where = abs != NULL ? abs : root;

	if (err != ENOENT)
		diag_err(&s->diag, NULL, 0, 0, "không đọc được tệp cấu hình "
		    "site.yaml trong %s (%s)", where, err_text(err));
	else if (rev != NULL)
		diag_err(&s->diag, NULL, 0, 0, "không có tệp site.yaml trong "
		    "%s của %s; hãy chọn một bản có site.yaml", source_name(src),
		    where);
	else if ((up = site_root_above(where)) != NULL)
		diag_err(&s->diag, NULL, 0, 0, "không có tệp site.yaml trong "
		    "%s; có vẻ bạn đang ở trong thư mục con của trang; hãy "
		    "chạy ở %s hoặc dùng --source %s", where, up, up);
	else
		diag_err(&s->diag, NULL, 0, 0, "không có tệp site.yaml trong "
		    "%s; hãy chạy cchc ở thư mục gốc của trang (nơi có "
		    "site.yaml) hoặc dùng --source THƯ_MỤC, còn nếu đây là trang "
		    "mới thì tạo site.yaml với ít nhất một dòng “title: …”",
		    where);
	free(up);
	free(abs);
}

static int
read_config(struct site *s, struct source *src, const struct build_opts *opt)
{
	struct buf	 b = BUF_INIT;
	int		 rc = -1;

	if (source_read(src, "site.yaml", 1u << 20, &b) == -1)
		config_missing(s, src, opt->rev, errno);
	else
		rc = config_parse(buf_cstr(&b), b.len, "site.yaml",
		    opt->base_url, &s->cfg, &s->diag);
	buf_free(&b);
	return rc;
}

/* A build that writes the output folder (not a report, a query, a check). */
static int
writes_output(const struct build_opts *opt)
{
	return opt->report == NULL && opt->deps_of == NULL && !opt->check;
}

/* `cchc report --period P`: the report as Markdown on stdout. */
static int
print_report(struct site *s, const struct build_opts *opt, size_t *errors,
    size_t *warnings)
{
	const struct report	*r;
	struct buf		 b = BUF_INIT;
	size_t			 i;
	int			 rc = 1;

	if (flush_all(s, errors, warnings) > 0 || *errors > 0)
		return 1;
	if ((r = plans_report(s, opt->report)) == NULL) {
		/* The last line names the period (stop_reason). */
		fprintf(stderr, "cchc: lỗi: không có kỳ báo cáo “%s”: kỳ phải "
		    "thuộc thời gian của một kế hoạch và đã bắt đầu; các kỳ hiện "
		    "có:", opt->report);
		for (i = 0; i < s->nreports; i++)
			fprintf(stderr, " %s", s->reports[i].key);
		fputs(s->nreports ? "\n" : " (không có)\n", stderr);
		return 1;
	}
	export_report_md(s, r, &b);
	if (fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0 &&
	    !ferror(stdout))
		rc = 0;
	buf_free(&b);
	return rc;
}

/*
 * One build: the session (how files and templates are read), the site
 * (the model) and everything the stages hand on.
 */
struct build {
	const struct build_opts	*opt;
	struct session		 sess;
	struct site		 s;
	struct scan		 sc;
	struct outdir		 o;
	struct outplan		 plan;
	struct images		 images;	/* s.images */
	struct hist_job		 hj;
	struct probe_job	 pj;
	struct job		 j;
	char			*cache;		/* <source>/.cchc-cache */
	char			 today[16];	/* s.today_str */
	uint64_t		 fp;		/* fingerprint(), 0: none */
	struct buf		 log;		/* messages printed, for the note */
	size_t			 errors, warnings;
	size_t			 built;		/* pages written */
	char			 changes[128];	/* for the last line */
	struct buf		 leftout;	/* left_out(), for it too */
	int			 have_out, git_held;
	/* build_run_kept(): the output folder as this build left it, for
	   the next build_patch(). */
	int			 keep;
	struct outprobe		*next_probe;
	/* The index, once its files are written, freed on this thread
	   (drop_index()), joined by build_free(). */
	pthread_t		 index_drop;
	int			 index_dropping;
};

static void
build_init(struct build *b, const struct build_opts *opt)
{
	memset(b, 0, sizeof(*b));
	b->opt = opt;
	buf_init(&b->log);
	buf_init(&b->leftout);
	diag_init(&b->hj.diag);
	diag_init(&b->hj.sdiag);
	diag_init(&b->s.diag);
	b->sess.root = xstrdup(opt->source);
	b->sess.jobs = opt->jobs > 0 ? opt->jobs : pool_ncpu();
	b->cache = fs_join(b->sess.root, ".cchc-cache");
	b->sess.cache = b->cache;
	b->j.site = &b->s;
}

void
build_today_msg(const char *today, struct buf *out)
{
	struct buf	 hint = BUF_INIT;
	int		 rc = date_suggest(today, &hint);

	buf_printf(out, "--today cần ngày dạng YYYY-MM-DD, không phải “%s”",
	    today);
	if (rc == 1)	/* a time after the date has no place here */
		buf_printf(out, "; hãy ghi --today %.*s",
		    (int)strcspn(buf_cstr(&hint), "T"), buf_cstr(&hint));
	else if (rc == -1)
		buf_printf(out, " (%s)", buf_cstr(&hint));
	buf_free(&hint);
}

/*
 * Stage 1: the source, site.yaml, the file lists and the theme; the
 * history pass started and the output folder probed (on their threads).
 */
static int
build_open(struct build *b)
{
	const struct build_opts *opt = b->opt;
	struct session	*se = &b->sess;
	struct site	*s = &b->s;
	struct buf	 msg = BUF_INIT;
	int		 bad_today;

	/* main() checked --today; a caller of build_run() may not have. */
	bad_today = opt->today != NULL &&
	    date_parse_ymd(opt->today, &s->today) == -1;
	if (opt->today == NULL || bad_today)
		date_today_vn(&s->today);
	snprintf(b->today, sizeof(b->today), "%04d-%02d-%02d",
	    s->today.y % 10000, s->today.m % 100, s->today.d % 100);
	s->today_str = b->today;
	md_init();
	xmlfeed_global_init();
	stage_time(NULL);

	if (bad_today) {
		build_today_msg(opt->today, &msg);
		diag_err(&s->diag, NULL, 0, 0, "%s", buf_cstr(&msg));
		buf_free(&msg);
		return -1;
	}
	if (!fs_is_dir(se->root)) {
		diag_err(&s->diag, se->root, 0, 0, "không có thư mục nguồn này; "
		    "kiểm tra --source");
		return -1;
	}
	if (source_open(&se->src, se->root, opt->rev, &s->diag) == -1 ||
	    read_config(s, se->src, opt) == -1)
		return -1;
	b->j.src = se->src;
	se->theme_dir = fs_join("themes", s->cfg.theme);
	if (find_theme(se, s) == -1 ||
	    scan_tree(se->src, se->theme_dir, &b->sc, &s->diag) == -1 ||
	    load_theme(se, s, &b->sc) == -1)
		return -1;
	render_site_value(&se->render, &s->cfg);
	if (opt->links != BUILD_LINKS_SITE)
		s->cfg.links_files = opt->links == BUILD_LINKS_FILES;
	se->render.links_files = s->cfg.links_files;
	theme_salt(se, &b->sc);
	stage_time("scan");

	/* The history next: with the files, it is what the fingerprint
	   covers. */
	if (history_global_init(&s->diag) == -1)
		return -1;
	b->git_held = 1;
	if (opt->merge != NULL && opt->rev != NULL) {
		diag_err(&s->diag, NULL, 0, 0, "--merge và --rev không dùng "
		    "cùng nhau: một đơn vị gộp được dựng từ cây thư mục mà "
		    "“cchc portal” ghép");
		return -1;
	}
	if (opt->merge != NULL &&
	    (b->hj.merge = hist_merge_load(opt->merge, &s->diag)) == NULL)
		return -1;
	b->j.merge = b->hj.merge;
	history_start(s, se->root, opt, b->cache, &b->hj);
	if (writes_output(opt)) {
		/* What a killed build left beside the output goes first. */
		out_sweep(opt->out, stderr, &s->diag);
		probe_start(&b->pj, opt->out, b->cache);
	}
	stage_time("git");
	return 0;
}

/*
 * An output folder left as a build of the same fingerprint made it needs
 * nothing more: 1 when so (that build's messages said again), else 0.
 */
static int
build_unchanged(struct build *b)
{
	struct outprobe	*pr;

	if (!writes_output(b->opt))
		return 0;
	b->fp = fingerprint(&b->s, &b->sess, b->opt, b->cache, &b->hj, &b->sc,
	    &b->j.pre);
	pr = probe_wait(&b->pj);
	stage_time("check");
	if (!out_probe_unchanged(pr, b->fp) ||
	    history_finish(&b->s, b->opt, &b->hj) != 0 ||
	    b->s.diag.errors != 0 || replay_note(pr->note, b->opt) != 0)
		return 0;
	/* Its messages are in the note, said again above. */
	diag_free(&b->s.diag);
	diag_init(&b->s.diag);
	return 1;
}

/* The output folder's new tree begun (write.h); 0 or -1. */
static int
begin_output(struct build *b)
{
	if (out_begin(&b->o, b->opt->out, b->sess.root, b->cache,
	    probe_wait(&b->pj), &b->s.diag) == -1)
		return -1;
	b->have_out = 1;
	return 0;
}

/* Documents first, in id order (search.h), then the other pages. */
static struct page **
body_order(const struct site *s)
{
	struct page	**v = xcalloc(s->npages ? s->npages : 1, sizeof(*v));
	size_t		  i, n = 0;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->doc >= 0) {
			v[s->pages[i]->doc] = s->pages[i];
			n++;
		}
	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->doc < 0)
			v[n++] = s->pages[i];
	return v;
}

static void
body_done(void *arg, const struct page *p)
{
	search_body_done(arg, p);
}

/*
 * The search index (not for `cchc report`): its documents listed and its
 * kept file read now, so that a whole build runs beside the bodies,
 * which leave cores idle (search.h).  Kept between builds; a preview's
 * (drafts too) apart.  A build that writes an output begins it now: the
 * index writes its documents' files there beside the bodies.  *run and
 * *order (the bodies' order, documents first) stay NULL without an
 * index.  -1 when the output cannot be begun.
 */
static int
start_index(struct build *b, struct search_run **run, struct page ***order)
{
	struct site	*s = &b->s;
	const char	*v;
	char		*spath;
	size_t		 i;
	int		 failed = 0, nosearch;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->failed)
			failed = 1;	/* the build stops after the bodies */
	/* CCHC_SEARCH=0 (for bench/search.sh): a build without the index,
	   to measure what the index costs. */
	nosearch = (v = getenv("CCHC_SEARCH")) != NULL && strcmp(v, "0") == 0;
	for (i = 0; nosearch && i < s->npages; i++)
		if (s->pages[i]->kind == PAGE_SEARCH)
			s->pages[i]->skip = 1;
	if (b->opt->report != NULL || failed || nosearch)
		return 0;
	if (writes_output(b->opt) && begin_output(b) == -1)
		return -1;
	spath = fs_join(b->cache, b->opt->preview ? "search-preview" :
	    "search");
	*run = search_begin(s, b->sess.jobs, spath, self_hash(), 1,
	    b->have_out ? &b->o : NULL);
	free(spath);
	*order = body_order(s);
	return 0;
}

/*
 * Stages 2 and 3: every source page parsed, the history joined, the model
 * built and completed (Markdown, plan links, summaries), and the output
 * plan listed.  -1 when a page failed or an error was said.
 */
static int
build_model(struct build *b)
{
	struct session	*se = &b->sess;
	struct site	*s = &b->s;
	struct search_run *run = NULL;
	struct page	**order = NULL;
	size_t		 i;

	for (i = 0; i < b->sc.pages.len; i++)
		site_add_page(s, page_new(parse_kind(b->sc.pages.v[i]),
		    b->sc.pages.v[i]));
	clean_load(b->j.pre, b->cache);
	pool_run(s->npages, se->jobs, job_parse, &b->j);
	preview_unskip(b->opt, s);
	clean_save(b->j.pre, b->cache);
	prefetch_drop_bytes(b->j.pre);
	stage_time("parse");
	if (history_finish(s, b->opt, &b->hj) == -1)
		return -1;
	stage_time("history");

	model_apply_history(s);
	/* Failures mark their pages, which stops the build below. */
	model_build(s);
	/* A theme made before the search page (copied by an older `cchc
	   init`) has no layout for it: the index is written, the page not. */
	for (i = 0; !mus_set_has(se->render.theme, "search") &&
	    i < s->npages; i++)
		if (s->pages[i]->kind == PAGE_SEARCH)
			s->pages[i]->skip = 1;
	stage_time("model");
	/* The model completed (bodies need the whole URL table). */
	se->mdc = mdc_open(b->cache);
	s->images = &b->images;
	images_init(s->images, &s->cfg.images);
	s->images->src = se->src;
	s->images->mdc = se->mdc;
	if (b->j.pre != NULL) {
		s->images->file_hash = prefetch_hash;
		s->images->file_hash_arg = b->j.pre;
	}
	s->files = &b->sc.files;
	if (start_index(b, &run, &order) == -1)
		return -1;
	bodies_pages_in(s, se->src, se->mdc, se->jobs, order,
	    run != NULL ? body_done : NULL, run);
	free(order);
	s->images->mdc = NULL;
	s->images->file_hash = NULL;
	mdc_close(se->mdc, &s->diag);
	se->mdc = NULL;
	prefetch_free(b->j.pre);
	b->j.pre = NULL;
	stage_time("markdown");
	/* The index goes on beside these (they change no text of it). */
	bodies_finish(s);
	stage_time("summaries");

	/* `cchc report` prints its messages itself. */
	if (b->opt->report != NULL)
		return 0;
	collect_msgs(b->opt, s);
	if (flush_to(s, &b->errors, &b->warnings, &b->log,
	    b->opt->collect) > 0 || b->errors > 0) {
		search_drop(run);
		return -1;
	}
	if (run != NULL)
		search_end(run);
	stage_time("search");
	outplan_make(&b->plan, s, se->theme_dir, &b->sc.statics);
	/* The portal's data is no preview's business: a body edit in
	   `cchc serve` would make the whole file again (docs/du-lieu.md). */
	if (b->opt->preview)
		outplan_drop(&b->plan, OUT_DATA_JSON);
	stage_time("plan");
	return 0;
}

static int
cdate_cmp(const void *a, const void *b)
{
	return date_cmp(a, b);
}

/*
 * What the build did not put out, for the last line: "; không đưa ra 2
 * bài hẹn giờ (20/12/2026, 05/01/2027), 1 bản nháp" (the first three
 * days of publication, Vietnam time, each once), or nothing.
 */
static void
left_out(const struct site *s, struct buf *b)
{
	struct cdate	*days;
	size_t		 i, n = 0, shown = 0, ndrafts = 0;

	days = xcalloc(s->npages ? s->npages : 1, sizeof(*days));
	for (i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];

		if (p->failed || !p->skip)
			continue;
		if (p->draft)
			ndrafts++;
		else if (p->scheduled) {
			date_to_vn(&p->date, &days[n]);
			days[n].hh = days[n].mi = days[n].ss = 0;
			days[n].has_time = 0;
			n++;
		}
	}
	if (n > 1)
		qsort(days, n, sizeof(*days), cdate_cmp);
	if (n > 0) {
		buf_printf(b, "; không đưa ra %zu bài hẹn giờ (", n);
		for (i = 0; i < n; i++) {
			if (i > 0 && date_cmp_day(&days[i], &days[i - 1]) == 0)
				continue;
			if (shown == 3) {
				buf_puts(b, ", …");
				break;
			}
			if (shown++ > 0)
				buf_puts(b, ", ");
			date_fmt_vn(&days[i], b);
		}
		buf_putc(b, ')');
	}
	if (ndrafts > 0)
		buf_printf(b, "%s%zu bản nháp", n > 0 ? ", " :
		    "; không đưa ra ", ndrafts);
	free(days);
}

/*
 * `cchc check`: stages 4 and 5 with an output that writes nothing, so
 * that every page is rendered (template errors show only then) and
 * every photo decoded.
 */
static int
build_check(struct build *b)
{
	struct session	*se = &b->sess;
	struct site	*s = &b->s;

	out_begin_dry(&b->o);
	b->have_out = 1;
	render_share(&se->render, s);
	if (emit_run(s, se, &b->plan, &b->o) == -1)
		return -1;
	stage_time("emit");
	if (flush_to(s, &b->errors, &b->warnings, &b->log,
	    b->opt->collect) > 0 || b->errors > 0)
		return -1;
	return 0;
}

static void *
drop_index_run(void *arg)
{
	search_keep_write(arg, 1);
	search_free(arg);
	return NULL;
}

/*
 * A build that keeps no model needs its index no more once its files
 * are written: its kept file for the next build is written, and its
 * hundreds of thousands of blocks freed, on a thread beside the commit
 * and the rest of the model's freeing, which leave a core idle.
 */
static void
drop_index(struct build *b)
{
	struct search	*idx = b->s.search;

	if (idx == NULL)
		return;
	b->s.search = NULL;
	if (pthread_create(&b->index_drop, NULL, drop_index_run, idx) == 0)
		b->index_dropping = 1;
	else
		(void)drop_index_run(idx);
}

/*
 * Stages 4 and 5: every file of the plan made and written aside, then
 * swapped in, only if everything succeeded.
 */
static int
build_emit(struct build *b)
{
	const struct build_opts *opt = b->opt;
	struct session	*se = &b->sess;
	struct site	*s = &b->s;
	struct outdir	*o = &b->o;
	size_t		 i;

	if (!b->have_out && begin_output(b) == -1)
		return -1;
	/* What many pages' contexts share, made once for this site. */
	render_share(&se->render, s);
	if (emit_run(s, se, &b->plan, o) == -1)
		return -1;
	/* Written: a preview's later edits make theirs again. */
	if (b->keep) {
		search_keep_write(s->search, se->jobs);
		search_snippets_drop(s->search);
	} else
		drop_index(b);
	stage_time("emit");
	collect_msgs(opt, s);
	if (flush_log(s, &b->errors, &b->warnings, &b->log) > 0 ||
	    b->errors > 0)
		return -1;
	for (i = 0; i < s->npages; i++)
		if (!s->pages[i]->skip && s->pages[i]->url != NULL)
			b->built++;
	o->fingerprint = b->fp;
	left_out(s, &b->leftout);
	o->note = xasprintf("%zu %zu %zu %zu %zu%s\n%s", b->built, s->nposts,
	    s->nplans, s->nprocs, b->warnings, buf_cstr(&b->leftout),
	    buf_cstr(&b->log));
	if (out_commit(o, &s->diag) == -1)
		return -1;
	if (b->keep)
		b->next_probe = out_probe_after(o);
	stage_time("commit");
	if (getenv("CCHC_TIMES") != NULL)
		fprintf(stderr, "cchc: %s: %zu files written, %zu kept (%zu "
		    "not remade), %zu removed\n", o->update ? "update" : "swap",
		    o->written, o->kept, o->reused, o->removed);
	/* What changed in the folder, for whoever deploys it. */
	if (o->update)
		snprintf(b->changes, sizeof(b->changes), "; %zu tệp thay đổi, "
		    "%zu tệp bị xóa, %zu tệp giữ nguyên", o->written,
		    o->removed, o->kept);
	else
		snprintf(b->changes, sizeof(b->changes), "; ghi mới %zu tệp",
		    o->written);
	return 0;
}

/*
 * opt->deps_of: the outputs to remake, each once, in plan order.  A file
 * written "in-place:FILE" asks outplan_affected_in_place() (an edit that
 * keeps its date, URL and kind), any other outplan_affected().
 */
static int
print_deps(struct build *b)
{
	static const char in_place[] = "in-place:";
	unsigned char	*hit = xcalloc(b->plan.n ? b->plan.n : 1, 1);
	const char	*f;
	size_t		*idx, i, k, n;

	for (k = 0; k < b->opt->ndeps_of; k++) {
		f = b->opt->deps_of[k];
		if (str_has_prefix(f, in_place))
			n = outplan_affected_in_place(&b->plan, &b->s,
			    b->sess.theme_dir, f + sizeof(in_place) - 1, &idx);
		else
			n = outplan_affected(&b->plan, &b->s,
			    b->sess.theme_dir, f, &idx);
		for (i = 0; i < n; i++)
			hit[idx[i]] = 1;
		free(idx);
	}
	for (i = 0; i < b->plan.n; i++)
		if (hit[i])
			printf("%s\n", b->plan.v[i].path);
	free(hit);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

/*
 * Why a build or report stopped, for its last line: the errors when there
 * are some; else what stopped it with no error counted (pages that
 * failed, a report period that does not exist, stdout that could not be
 * written), never "0 lỗi".
 */
static void
stop_reason(const struct build *b, struct buf *out)
{
	const struct site *s = &b->s;
	size_t		 i, failed = 0;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->failed)
			failed++;
	if (b->errors > 0)
		buf_printf(out, "%zu lỗi", b->errors);
	else if (failed > 0)
		buf_printf(out, "%zu trang không xử lý được (xem thông báo ở "
		    "trên)", failed);
	else if (ferror(stdout))
		buf_puts(out, "không ghi được kết quả ra đầu ra chuẩn (stdout)");
	else if (b->opt->report != NULL && plans_report(s,
	    b->opt->report) == NULL)
		buf_printf(out, "không có kỳ báo cáo “%s”", b->opt->report);
	else
		buf_puts(out, "gặp sự cố (xem thông báo ở trên)");
}

/* The last line of a build or report that stopped. */
static void
stop_line(const struct build *b, int lost)
{
	const struct build_opts *opt = b->opt;
	struct buf	 why = BUF_INIT;

	stop_reason(b, &why);
	if (opt->report != NULL || opt->deps_of != NULL)
		fprintf(stderr, "cchc: dừng vì %s, %zu cảnh báo\n",
		    buf_cstr(&why), b->warnings);
	else
		fprintf(stderr, "cchc: dừng vì %s, %zu cảnh báo; thư mục %s "
		    "%s\n", buf_cstr(&why), b->warnings, opt->out, lost ?
		    "không còn ở chỗ cũ (xem lỗi ở trên)" :
		    "vẫn giữ nguyên như trước");
	buf_free(&why);
}

/* The messages, then the last line: what was made, or why it stopped. */
static void
build_report(struct build *b, int status)
{
	const struct build_opts *opt = b->opt;
	struct site	*s = &b->s;
	int		 lost = 0;	/* the old output is not in place */

	if (b->have_out || b->o.final != NULL) {
		lost = b->o.lost;
		out_abort(&b->o, &s->diag);
	}
	collect_msgs(opt, s);
	if (opt->check) {
		/* cchc check says its own last line. */
		flush_to(s, &b->errors, &b->warnings, NULL, opt->collect);
		return;
	}
	flush_all(s, &b->errors, &b->warnings);
	if (status == 0 && !opt->quiet && opt->report == NULL)
		fprintf(stderr, "cchc: đã tạo %zu trang (%zu tin, %zu kế hoạch, "
		    "%zu thủ tục) trong %s%s; %zu cảnh báo%s\n", b->built,
		    s->nposts, s->nplans, s->nprocs, opt->out,
		    buf_cstr(&b->leftout), b->warnings, b->changes);
	else if (status != 0)
		stop_line(b, lost);
}

static void
build_free(struct build *b)
{
	outplan_free(&b->plan);
	out_probe_free(b->next_probe);
	buf_free(&b->log);
	buf_free(&b->leftout);
	prefetch_free(b->j.pre);
	probe_free(&b->pj);
	history_cleanup(&b->hj);
	scan_free(&b->sc);
	if (b->s.images != NULL)
		images_free(b->s.images);
	site_free(&b->s);
	session_free(&b->sess);
	if (b->git_held)
		history_global_shutdown();
	free(b->cache);
	if (b->index_dropping)
		pthread_join(b->index_drop, NULL);
	stage_time("free");
}

/*
 * The table of contents: open the source, stop if the output is already
 * this build's, else build the model, then print the report or write the
 * output, and say how it went.
 */
static int
build_go(struct build *b, int keep)
{
	const struct build_opts *opt = b->opt;
	int		 rc, status;

	b->keep = keep;
	rc = build_open(b);
	if (rc == 0 && keep) {
		/* The model is wanted even when the output is up to date. */
		b->fp = fingerprint(&b->s, &b->sess, opt, b->cache, &b->hj,
		    &b->sc, &b->j.pre);
		stage_time("check");
	} else if (rc == 0 && build_unchanged(b))
		return 0;
	if (rc == 0)
		rc = build_model(b);
	if (rc == 0)
		rc = opt->report != NULL ? print_report(&b->s, opt,
		    &b->errors, &b->warnings) : opt->deps_of != NULL ?
		    print_deps(b) : opt->check ? build_check(b) :
		    build_emit(b);
	status = rc == 0 ? 0 : 1;
	build_report(b, status);
	return status;
}

int
build_run(const struct build_opts *opt)
{
	struct build	 b;
	int		 status;

	build_init(&b, opt);
	status = build_go(&b, 0);
	build_free(&b);
	return status;
}

int
build_run_kept(const struct build_opts *opt, struct build **kept)
{
	struct build	*b = xmalloc(sizeof(*b));
	int		 status;

	build_init(b, opt);
	status = build_go(b, 1);
	if (status != 0 || opt->report != NULL || opt->deps_of != NULL ||
	    opt->check) {
		build_kept_free(b);
		b = NULL;
	}
	*kept = b;
	return status;
}

/* The env patch.c works in: all of it the build's. */
static void
patch_env_of(struct build *b, struct patch_env *env)
{
	env->opt = b->opt;
	env->site = &b->s;
	env->sess = &b->sess;
	env->plan = &b->plan;
	env->cache = b->cache;
	env->probe = &b->next_probe;
}

/*
 * What a patch answered, as build_patch() and build_patch_rest() return
 * it; the pages' messages printed (and copied to opt->msgs) unless the
 * site is to be built again, which says them itself.
 */
static int
patch_said(struct build *b, enum patch_result r, const size_t *written)
{
	stage_time("patch");
	if (r == PATCH_REBUILD)
		return 0;
	collect_msgs(b->opt, &b->s);
	flush_log(&b->s, &b->errors, &b->warnings, &b->log);
	if (r == PATCH_FAILED || b->errors > 0)
		return -1;
	if (getenv("CCHC_TIMES") != NULL)
		fprintf(stderr, "cchc: patch: %zu files written\n", *written);
	return 1;
}

int
build_patch(struct build *b, const char *const *changed, size_t n)
{
	struct patch_env env;
	enum patch_result r;
	size_t		 written = 0;

	patch_env_of(b, &env);
	stage_time(NULL);
	b->errors = b->warnings = 0;
	buf_reset(&b->log);
	/* Not patch_said(b, patch_apply(..., &written), written): the
	   order in which arguments are evaluated is unspecified, and
	   the compiler read the count before the patch set it. */
	r = patch_apply(&env, changed, n, &written);
	return patch_said(b, r, &written);
}

/* Is path one of the theme's templates, as the scan listed them? */
static int
is_theme_template(const struct scan *sc, const char *path)
{
	const struct strlist *lists[2] = { &sc->layouts, &sc->partials };
	size_t	 i, k;

	if (!str_has_suffix(path, ".mustache"))
		return 0;
	for (k = 0; k < 2; k++)
		for (i = 0; i < lists[k]->len; i++)
			if (strcmp(lists[k]->v[i], path) == 0)
				return 1;
	return 0;
}

int
build_patch_theme(struct build *b, const char *const *changed, size_t n,
    const char *const *viewed, size_t nviewed)
{
	struct session	*se = &b->sess;
	struct site	*s = &b->s;
	struct patch_env env;
	size_t		 i, k;
	int		 rc = -1;

	for (i = 0, k = 0; i < n; i++) {
		if (is_theme_template(&b->sc, changed[i]) &&
		    source_is_file(se->src, changed[i]))
			k++;
		/* Else only an editor's temporary file beside them, gone
		   by now ("sed -i"). */
		else if (is_theme_template(&b->sc, changed[i]) ||
		    !str_has_prefix(changed[i], se->theme_dir) ||
		    !fs_missing_under(se->root, changed[i]))
			return 0;
	}
	if (k == 0)
		return 0;
	stage_time(NULL);
	b->errors = b->warnings = 0;
	buf_reset(&b->log);
	mus_set_free(se->render.theme);
	se->render.theme = NULL;
	if (load_theme(se, s, &b->sc) == 0) {
		theme_salt(se, &b->sc);
		patch_env_of(b, &env);
		if (patch_pages_now(&env, viewed, nviewed) == PATCH_DONE)
			rc = 1;
	}
	stage_time("templates");
	collect_msgs(b->opt, s);
	flush_log(s, &b->errors, &b->warnings, &b->log);
	return rc == 1 && b->errors == 0 ? 1 : -1;
}

int
build_patch_rest(struct build *b, const char *const *changed, size_t n)
{
	struct patch_env env;
	enum patch_result r;
	size_t		 written = 0;

	patch_env_of(b, &env);
	stage_time(NULL);
	r = patch_outputs(&env, changed, n, &written);
	return patch_said(b, r, &written);
}

void
build_kept_free(struct build *b)
{
	if (b == NULL)
		return;
	build_free(b);
	free(b);
}
