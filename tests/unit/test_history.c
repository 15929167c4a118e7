/*
 * test_history.c - git history: events, renames, merges, shallow clones,
 * source roots in subfolders, work tree status and the cache.  Each test
 * builds a repository in a temporary folder with the git CLI, with fixed
 * names and dates, and reads it back with history_read.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "hist_merge.h"
#include "history.h"
#include "t.h"
#include "util.h"

#define T0	1750000000LL	/* 2025-06-15 22:06:40 +07:00 */

static char	 tmp[PATH_MAX];
static struct buf msgs = BUF_INIT;	/* messages of the last read */
static size_t	 nerr, nwarn;

/* Runs a shell command; its output is thrown away.  Exit status. */
static int
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_puts(&b, " >/dev/null 2>&1");
	rc = system(buf_cstr(&b));
	buf_free(&b);
	return rc;
}

/* "<tmp>/<name>", malloc'd. */
static char *
dir(const char *name)
{
	return fs_join(tmp, name);
}

static void
put(const char *repo, const char *rel, const char *text)
{
	char	*p = fs_join(repo, rel);

	if (fs_write(p, text, strlen(text)) == -1)
		fprintf(stderr, "cannot write %s\n", p);
	free(p);
}

static void
page(const char *repo, const char *rel, const char *title, const char *body)
{
	struct buf	 b = BUF_INIT;

	buf_printf(&b, "---\ntitle: %s\n---\n%s", title, body);
	put(repo, rel, buf_cstr(&b));
	buf_free(&b);
}

static void
when(long long t)
{
	char	 s[64];

	snprintf(s, sizeof(s), "%lld +0700", t);
	setenv("GIT_AUTHOR_DATE", s, 1);
	setenv("GIT_COMMITTER_DATE", s, 1);
}

/* git add -A and commit everything at time t. */
static int
commit(const char *repo, long long t, const char *msg)
{
	when(t);
	return sh("cd '%s' && git add -A && git commit -q -m '%s'", repo, msg);
}

/* Output of a git command, first line, static. */
static const char *
gitout(const char *repo, const char *args)
{
	static char	 line[256];
	struct buf	 b = BUF_INIT;
	FILE		*f;

	line[0] = '\0';
	buf_printf(&b, "cd '%s' && git %s 2>/dev/null", repo, args);
	if ((f = popen(buf_cstr(&b), "r")) != NULL) {
		if (fgets(line, sizeof(line), f) == NULL)
			line[0] = '\0';
		pclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	buf_free(&b);
	return line;
}

static int
hread(const char *root, const char *rev, const char *cache, struct history *h)
{
	struct diag	 d;
	size_t		 i;
	int		 rc;

	diag_init(&d);
	rc = history_read(root, rev, cache, h, &d);
	buf_reset(&msgs);
	for (i = 0; i < d.len; i++) {
		diag_format(&d.msgs[i], &msgs);
		buf_putc(&msgs, '\n');
	}
	nerr = d.errors;
	nwarn = d.warnings;
	diag_free(&d);
	return rc;
}

static void
dump_event(struct buf *b, const struct hist_event *e)
{
	buf_printf(b, "  %d %lld %d %s|%s|%s|%s|%s|%s\n", (int)e->kind,
	    e->time, e->tz, e->id, e->author, e->subject, e->path,
	    e->old_path ? e->old_path : "-", e->title ? e->title : "-");
}

/* Everything history_read produced, as text: for equality checks. */
static char *
dump(const struct history *h)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, k;

	buf_printf(&b, "available %d shallow %d tip %s branch %s prefix %s\n",
	    h->available, h->shallow, h->tip, h->branch ? h->branch : "-",
	    h->prefix ? h->prefix : "-");
	for (i = 0; i < h->nfiles; i++) {
		buf_printf(&b, "file %s\n", h->files[i].path);
		for (k = 0; k < h->files[i].nevents; k++)
			dump_event(&b, h->files[i].events[k]);
	}
	buf_puts(&b, "log\n");
	for (i = 0; i < h->nlog; i++)
		dump_event(&b, &h->log[i]);
	return buf_detach(&b);
}

/* Reads without cache and returns the dump. */
static char *
fresh(const char *root, const char *rev)
{
	struct history	 h;
	char		*s;

	if (hread(root, rev, NULL, &h) == -1)
		fprintf(stderr, "read failed: %s", buf_cstr(&msgs));
	s = dump(&h);
	history_free(&h);
	return s;
}

static const struct hist_event *
ev(const struct history *h, const char *path, size_t i)
{
	const struct hist_file *f = history_find(h, path);

	return f != NULL && i < f->nevents ? f->events[i] : NULL;
}

static size_t
nev(const struct history *h, const char *path)
{
	const struct hist_file *f = history_find(h, path);

	return f != NULL ? f->nevents : 0;
}

static char *
init_repo(const char *name)
{
	char	*r = dir(name);

	sh("git init -q -b main '%s'", r);
	return r;
}

/* add, edit, git mv, move with an edit, delete: one page's life. */
static void
test_lifecycle(void)
{
	struct history	 h;
	const struct hist_event *e;
	char		*r = init_repo("life"), id1[41], id2[41];
	const char	*a = "content/tin-tuc/2025/06/hoi-nghi.md";
	const char	*b = "content/tin-tuc/2025/06/hoi-nghi-cchc.md";
	const char	*c = "content/tin-tuc/2025/07/hoi-nghi-cchc.md";
	const char	*body = "Dòng 1\nDòng 2\nDòng 3\nDòng 4\nDòng 5\n"
	    "Dòng 6\nDòng 7\nDòng 8\n";

	/* add */
	page(r, a, "Hội nghị CCHC", body);
	T_INTEQ(commit(r, T0, "Đăng tin hội nghị"), 0);
	snprintf(id1, sizeof(id1), "%s", gitout(r, "rev-parse HEAD"));
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(nerr + nwarn, 0);
	T_INTEQ(h.available, 1);
	T_INTEQ(h.shallow, 0);
	T_STREQ(h.tip, id1);
	T_STREQ(h.branch, "main");
	T_STREQ(h.prefix, "");
	T_INTEQ(h.nfiles, 1);
	T_INTEQ(h.nlog, 1);
	T_INTEQ(h.walked, 1);
	T_INTEQ(nev(&h, a), 1);
	if ((e = ev(&h, a, 0)) != NULL) {
		T_INTEQ(e->kind, HIST_ADDED);
		T_INTEQ(e->time, T0);
		T_INTEQ(e->tz, 420);
		T_STREQ(e->author, "Nguyễn Thị Biên Tập");
		T_STREQ(e->subject, "Đăng tin hội nghị");
		T_STREQ(e->id, id1);
		T_STREQ(e->path, a);
		T_OK(e->old_path == NULL && e->title == NULL);
		T_OK(e == &h.log[0]);
	} else
		T_OK(0);
	history_free(&h);

	/* edit */
	page(r, a, "Hội nghị CCHC năm 2025", body);
	T_INTEQ(commit(r, T0 + 3600, "Sửa tiêu đề\n\nChi tiết ở đây"), 0);
	snprintf(id2, sizeof(id2), "%s", gitout(r, "rev-parse HEAD"));
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(nev(&h, a), 2);
	T_OK((e = ev(&h, a, 1)) != NULL && e->kind == HIST_MODIFIED &&
	    e->time == T0 + 3600 && strcmp(e->id, id2) == 0 &&
	    strcmp(e->subject, "Sửa tiêu đề") == 0);
	T_OK((e = ev(&h, a, 0)) != NULL && e->kind == HIST_ADDED);
	T_OK(h.nlog == 2 && h.log[0].kind == HIST_MODIFIED &&
	    h.log[1].kind == HIST_ADDED);
	history_free(&h);

	/* git mv: same page, history kept */
	T_INTEQ(sh("cd '%s' && git mv %s %s", r, a, b), 0);
	T_INTEQ(commit(r, T0 + 7200, "Đổi tên tệp"), 0);
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_OK(history_find(&h, a) == NULL);
	T_INTEQ(h.nfiles, 1);
	T_INTEQ(nev(&h, b), 3);
	T_OK((e = ev(&h, b, 0)) != NULL && e->kind == HIST_ADDED &&
	    e->time == T0 && strcmp(e->path, a) == 0);
	T_OK((e = ev(&h, b, 2)) != NULL && e->kind == HIST_RENAMED &&
	    e->old_path != NULL && strcmp(e->old_path, a) == 0 &&
	    strcmp(e->path, b) == 0);
	history_free(&h);

	/* moved to another folder with a small edit: still the same page */
	T_INTEQ(sh("cd '%s' && mkdir -p content/tin-tuc/2025/07 && git mv %s %s",
	    r, b, c), 0);
	page(r, c, "Hội nghị CCHC năm 2025", "Dòng 1\nDòng 2\nDòng 3\n"
	    "Dòng 4 đã sửa\nDòng 5\nDòng 6\nDòng 7\nDòng 8\n");
	T_INTEQ(commit(r, T0 + 10800, "Chuyển sang tháng 7"), 0);
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(h.nfiles, 1);
	T_INTEQ(nev(&h, c), 4);
	T_OK((e = ev(&h, c, 0)) != NULL && e->kind == HIST_ADDED &&
	    e->time == T0);
	T_OK((e = ev(&h, c, 3)) != NULL && e->kind == HIST_MODIFIED &&
	    e->old_path != NULL && strcmp(e->old_path, b) == 0);
	history_free(&h);

	/* delete: gone from files, REMOVED with the last title in the log */
	T_INTEQ(sh("cd '%s' && git rm -q %s", r, c), 0);
	T_INTEQ(commit(r, T0 + 14400, "Gỡ tin"), 0);
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(h.nfiles, 0);
	T_OK(history_find(&h, c) == NULL);
	T_INTEQ(h.nlog, 5);
	T_OK(h.nlog > 0 && h.log[0].kind == HIST_REMOVED);
	T_STREQ(h.nlog > 0 ? h.log[0].title : NULL, "Hội nghị CCHC năm 2025");
	T_STREQ(h.nlog > 0 ? h.log[0].path : NULL, c);
	T_STREQ(h.nlog > 0 ? h.log[0].subject : NULL, "Gỡ tin");
	history_free(&h);

	/* put back later: a new page, its history starts again */
	page(r, c, "Hội nghị CCHC (đăng lại)", body);
	T_INTEQ(commit(r, T0 + 18000, "Đăng lại"), 0);
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(nev(&h, c), 1);
	T_OK((e = ev(&h, c, 0)) != NULL && e->kind == HIST_ADDED &&
	    e->time == T0 + 18000);
	T_INTEQ(h.nlog, 6);
	history_free(&h);
	T_INTEQ(sh("cd '%s' && git reset -q --hard HEAD~1", r), 0);

	/* an older commit: only the history up to it */
	T_INTEQ(hread(r, "HEAD~3", NULL, &h), 0);
	T_STREQ(h.tip, id2);
	T_OK(h.branch == NULL);
	T_INTEQ(h.nlog, 2);
	T_INTEQ(nev(&h, a), 2);
	history_free(&h);
	T_INTEQ(hread(r, id1, NULL, &h), 0);
	T_INTEQ(h.nlog, 1);
	T_STREQ(h.tip, id1);
	history_free(&h);
	T_INTEQ(hread(r, "main", NULL, &h), 0);
	T_STREQ(h.branch, "main");
	T_INTEQ(h.nlog, 5);
	history_free(&h);
	T_INTEQ(sh("cd '%s' && git checkout -q --detach HEAD~1", r), 0);
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_OK(h.branch == NULL);
	T_INTEQ(h.nlog, 4);
	history_free(&h);
	sh("cd '%s' && git checkout -q main", r);

	/* a revision that does not exist */
	T_INTEQ(hread(r, "khong-co-nhanh-nay", NULL, &h), -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(buf_cstr(&msgs), "“khong-co-nhanh-nay”");
	T_CONTAINS(buf_cstr(&msgs), "không tìm thấy phiên bản");
	T_OK(h.nfiles == 0 && h.nlog == 0);
	history_free(&h);
	free(r);
}

/* Work merged from a side branch dates from the merge commit. */
static void
test_merge(void)
{
	struct history	 h;
	const struct hist_event *e;
	char		*r = init_repo("merge"), merge[41];

	page(r, "content/gioi-thieu.md", "Giới thiệu", "Chào.\n");
	commit(r, T0, "Khởi tạo");
	sh("cd '%s' && git checkout -q -b ke-hoach", r);
	page(r, "plans/ke-hoach-2025.md", "Kế hoạch 2025", "Nháp.\n");
	commit(r, T0 + 100, "Nháp kế hoạch");
	page(r, "plans/ke-hoach-2025.md", "Kế hoạch 2025", "Bản cuối.\n");
	commit(r, T0 + 200, "Hoàn thiện kế hoạch");
	sh("cd '%s' && git checkout -q main", r);
	page(r, "content/gioi-thieu.md", "Giới thiệu", "Xin chào.\n");
	commit(r, T0 + 300, "Sửa giới thiệu");
	when(T0 + 1000);
	T_INTEQ(sh("cd '%s' && git merge -q --no-ff -m 'Gộp kế hoạch' ke-hoach",
	    r), 0);
	snprintf(merge, sizeof(merge), "%s", gitout(r, "rev-parse HEAD"));
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(h.nfiles, 2);
	T_INTEQ(nev(&h, "plans/ke-hoach-2025.md"), 1);
	T_OK((e = ev(&h, "plans/ke-hoach-2025.md", 0)) != NULL &&
	    e->kind == HIST_ADDED && e->time == T0 + 1000 &&
	    strcmp(e->id, merge) == 0 && strcmp(e->subject,
	    "Gộp kế hoạch") == 0);
	T_INTEQ(nev(&h, "content/gioi-thieu.md"), 2);
	T_INTEQ(h.walked, 3);		/* first-parent chain only */
	history_free(&h);

	/* A shallow clone: the walk stops at the cut, without error. */
	{
		char *c = dir("shallow");

		T_INTEQ(sh("git clone -q --depth 1 'file://%s' '%s'", r, c), 0);
		T_INTEQ(hread(c, NULL, NULL, &h), 0);
		T_INTEQ(nerr, 0);
		T_INTEQ(h.shallow, 1);
		T_INTEQ(h.walked, 1);
		T_INTEQ(h.nfiles, 2);
		T_OK((e = ev(&h, "content/gioi-thieu.md", 0)) != NULL &&
		    e->kind == HIST_ADDED && e->time == T0 + 1000);
		T_STREQ(h.branch, "main");
		history_free(&h);
		/* with a cache; then deepened: the cache no longer fits */
		{
			char *cache = fs_join(c, ".cchc-cache"), *want;

			T_INTEQ(hread(c, NULL, cache, &h), 0);
			T_INTEQ(h.walked, 1);
			history_free(&h);
			T_INTEQ(sh("cd '%s' && git fetch -q --deepen 1", c), 0);
			want = fresh(c, NULL);
			T_INTEQ(hread(c, NULL, cache, &h), 0);
			T_INTEQ(h.shallow, 1);
			T_INTEQ(h.walked, 2);
			{
				char *got = dump(&h);

				T_STREQ(got, want);
				free(got);
			}
			T_OK((e = ev(&h, "content/gioi-thieu.md", 0)) != NULL &&
			    e->time == T0 + 300);
			history_free(&h);
			free(want);
			free(cache);
		}
		free(c);
	}
	free(r);
}

/*
 * A department formed by a merger (hist_merge.c): two repositories, one
 * tree.  Each page keeps its own repository's events under its path in
 * the tree; the log interleaves both by time.
 */
static struct hist_merge *
mload(const char *text, struct buf *msg)
{
	struct hist_merge *m;
	struct diag	 d;
	char		*f = dir("manifest.txt");
	size_t		 i;

	put(tmp, "manifest.txt", text);
	diag_init(&d);
	m = hist_merge_load(f, &d);
	buf_reset(msg);
	for (i = 0; i < d.len; i++)
		diag_format(&d.msgs[i], msg);
	diag_free(&d);
	free(f);
	return m;
}

static void
test_merged_sources(void)
{
	struct hist_merge *m;
	struct hist_head hh;
	struct history	 h, st;
	const struct hist_event *e;
	struct diag	 d;
	struct buf	 text = BUF_INIT, msg = BUF_INIT;
	char		*a = init_repo("gop-a"), *b = init_repo("gop-b");
	char		*cache = dir("gop-cache"), ida[41], idb[41];
	size_t		 i;

	page(a, "content/tin-tuc/x.md", "X của A", "A.\n");
	commit(a, T0, "A đăng x");
	page(b, "content/tin-tuc/x.md", "X của B", "B.\n");
	page(b, "content/tin-tuc/w.md", "W của B", "B.\n");
	commit(b, T0 + 100, "B đăng x");
	snprintf(idb, sizeof(idb), "%s", gitout(b, "rev-parse HEAD"));
	page(a, "content/tin-tuc/x.md", "X của A", "A sửa.\n");
	commit(a, T0 + 300, "A sửa x");
	snprintf(ida, sizeof(ida), "%s", gitout(a, "rev-parse HEAD"));
	sh("cd '%s' && git rm -q content/tin-tuc/w.md", b);
	page(b, "content/tin-tuc/z.md", "Z của B", "B.\n");
	commit(b, T0 + 200, "B đăng z, gỡ w");
	page(b, "content/tin-tuc/moi.md", "Mới", "Chưa commit.\n");
	page(b, "content/tin-tuc/le.md", "Lẻ", "Không trong cây.\n");

	buf_printf(&text, "cchc-merge 1\nsource\t%s\nsource\t%s\n"
	    "page\t0\tcontent/tin-tuc/x.md\tcontent/tin-tuc/x.md\t-\n"
	    "page\t1\tcontent/tin-tuc/x-b.md\tcontent/tin-tuc/x.md\t"
	    "tin-tuc/x-b/\n"
	    "page\t1\tcontent/tin-tuc/z.md\tcontent/tin-tuc/z.md\t-\n"
	    "page\t1\tcontent/tin-tuc/moi.md\tcontent/tin-tuc/moi.md\t-\n",
	    a, b);
	T_OK((m = mload(buf_cstr(&text), &msg)) != NULL);
	if (m == NULL)
		goto out;
	T_STREQ(hist_merge_url(m, "content/tin-tuc/x-b.md"), "tin-tuc/x-b/");
	T_OK(hist_merge_url(m, "content/tin-tuc/x.md") == NULL);
	T_OK(hist_merge_url(m, "content/tin-tuc/khong.md") == NULL);

	T_INTEQ(hist_merge_head(m, &hh), 0);
	T_INTEQ(hh.available, 1);
	T_INTEQ(hh.shallow, 0);
	T_INTEQ(strlen(hh.tip), 16);	/* a digest, for the fingerprint */
	history_head_free(&hh);

	diag_init(&d);
	T_INTEQ(hist_merge_read(m, cache, &h, &d), 0);
	T_INTEQ(d.errors, 0);
	diag_free(&d);
	T_INTEQ(h.available, 1);
	T_STREQ(h.tip, "");		/* no one commit: build.json's is null */
	T_INTEQ(h.walked, 4);
	T_INTEQ(h.nfiles, 3);		/* moi.md has no history yet */
	T_INTEQ(nev(&h, "content/tin-tuc/x.md"), 2);
	T_OK((e = ev(&h, "content/tin-tuc/x.md", 1)) != NULL &&
	    e->time == T0 + 300 && strcmp(e->id, ida) == 0);
	T_INTEQ(nev(&h, "content/tin-tuc/x-b.md"), 1);
	T_OK((e = ev(&h, "content/tin-tuc/x-b.md", 0)) != NULL &&
	    e->kind == HIST_ADDED && e->time == T0 + 100 &&
	    strcmp(e->subject, "B đăng x") == 0 &&
	    strcmp(e->path, "content/tin-tuc/x-b.md") == 0);
	T_OK(history_find(&h, "content/tin-tuc/w.md") == NULL);
	/* The log: both repositories, newest first, with the tree's paths;
	   w.md, gone, keeps its own. */
	T_INTEQ(h.nlog, 6);
	for (i = 1; i < h.nlog; i++)
		T_OK(h.log[i - 1].time >= h.log[i].time);
	T_OK(h.nlog == 6 && h.log[0].time == T0 + 300 &&
	    strcmp(h.log[0].path, "content/tin-tuc/x.md") == 0);
	T_OK(h.nlog == 6 && h.log[4].time == T0 + 100 &&
	    strcmp(h.log[4].id, idb) == 0);
	for (i = 0; i < h.nlog; i++)
		if (h.log[i].kind == HIST_REMOVED)
			T_STREQ(h.log[i].path, "content/tin-tuc/w.md");
	history_free(&h);
	/* Again from the cache: nothing walked, the same answer. */
	diag_init(&d);
	T_INTEQ(hist_merge_read(m, cache, &h, &d), 0);
	diag_free(&d);
	T_INTEQ(h.walked, 0);
	T_INTEQ(nev(&h, "content/tin-tuc/x-b.md"), 1);
	history_free(&h);

	/* git status of both: only pages of the tree count. */
	memset(&st, 0, sizeof(st));
	diag_init(&d);
	T_INTEQ(hist_merge_status(m, &st, &d), 0);
	diag_free(&d);
	T_INTEQ(st.dirty, 1);
	T_INTEQ(st.nuncommitted, 1);
	if (st.nuncommitted == 1)
		T_STREQ(st.uncommitted[0], "content/tin-tuc/moi.md");
	history_free(&st);
	hist_merge_free(m);

	/* Manifests cchc did not write: refused with the line. */
	T_OK(mload("cchc-merge 2\n", &msg) == NULL);
	T_CONTAINS(buf_cstr(&msg), "manifest.txt:1:1:");
	buf_reset(&text);
	buf_printf(&text, "cchc-merge 1\nsource\t%s\npage\t1\ta.md\ta.md\t-\n",
	    a);
	T_OK(mload(buf_cstr(&text), &msg) == NULL);
	T_CONTAINS(buf_cstr(&msg), "manifest.txt:3:1:");
	T_OK(mload("cchc-merge 1\nsource\trelative/path\n", &msg) == NULL);
	T_CONTAINS(buf_cstr(&msg), "manifest.txt:2:1:");
	T_OK(mload("cchc-merge 1\n", &msg) == NULL);
	T_CONTAINS(buf_cstr(&msg), "không có nguồn nào");
	buf_reset(&text);
	buf_printf(&text, "cchc-merge 1\nsource\t%s\npage\t0\ta.md\ta.md\t-\n"
	    "page\t0\ta.md\tb.md\t-\n", a);
	T_OK(mload(buf_cstr(&text), &msg) == NULL);
	T_CONTAINS(buf_cstr(&msg), "ghi hai lần trang a.md");
out:
	buf_free(&text);
	buf_free(&msg);
	free(cache);
	free(a);
	free(b);
}

/* Not a repository; an empty one. */
static void
test_norepo(void)
{
	struct history	 h;
	char		*d = dir("plain"), *r;

	page(d, "content/a.md", "A", "");
	T_INTEQ(hread(d, NULL, NULL, &h), 0);
	T_INTEQ(h.available, 0);
	T_INTEQ(nerr + nwarn, 0);
	T_INTEQ(h.nfiles, 0);
	history_free(&h);
	{
		struct diag dg;

		diag_init(&dg);
		T_INTEQ(history_status(d, &h, &dg), 0);
		T_INTEQ(dg.len, 0);
		diag_free(&dg);
	}
	free(d);

	r = init_repo("empty");
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(h.available, 1);
	T_INTEQ(h.nfiles + h.nlog, 0);
	T_STREQ(h.tip, "");
	T_STREQ(h.branch, "main");
	T_INTEQ(nerr, 0);
	history_free(&h);
	free(r);
}

/* Source root in a subfolder; what is not a source page is ignored. */
static void
test_subfolder(void)
{
	struct history	 h;
	struct diag	 dg;
	char		*r = init_repo("sub"), *site = fs_join(r, "site");
	char		*cache = fs_join(site, ".cchc-cache");

	page(r, "site/content/gioi-thieu.md", "Giới thiệu", "");
	page(r, "site/content/thu-tuc/cap-phep.md", "Cấp phép", "");
	page(r, "site/plans/ke-hoach.md", "Kế hoạch", "");
	page(r, "content/ngoai.md", "Ngoài", "");		/* outside root */
	page(r, "site/ghi-chu.md", "Ghi chú", "");		/* not a page */
	page(r, "site/themes/x/README.md", "x", "");		/* not a page */
	put(r, "site/content/anh.png", "PNG");
	put(r, "site/content/ghi-chu.txt", "text");
	page(r, "site/content/.nhap.md", "Nháp ẩn", "");
	put(r, ".gitignore", "*.tmp\n");
	T_INTEQ(commit(r, T0, "Khởi tạo"), 0);
	T_INTEQ(hread(site, NULL, cache, &h), 0);
	T_STREQ(h.prefix, "site/");
	T_INTEQ(h.nfiles, 3);
	T_STREQ(h.nfiles == 3 ? h.files[0].path : NULL, "content/gioi-thieu.md");
	T_STREQ(h.nfiles == 3 ? h.files[1].path : NULL,
	    "content/thu-tuc/cap-phep.md");
	T_STREQ(h.nfiles == 3 ? h.files[2].path : NULL, "plans/ke-hoach.md");
	T_INTEQ(h.nlog, 3);

	/* clean (the cache folder ignores itself) */
	diag_init(&dg);
	T_INTEQ(history_status(site, &h, &dg), 0);
	T_INTEQ(h.dirty, 0);
	T_INTEQ(h.nuncommitted, 0);
	/* changes outside the source root and ignored files do not count */
	page(r, "content/ngoai.md", "Ngoài 2", "");
	put(r, "site/content/tam.tmp", "x");
	T_INTEQ(history_status(site, &h, &dg), 0);
	T_INTEQ(h.dirty, 0);
	/* new and modified pages, plus a non-page */
	page(r, "site/plans/ke-hoach.md", "Kế hoạch sửa", "");
	page(r, "site/content/tin-tuc/moi.md", "Mới", "");
	put(r, "site/content/ghi-chu.txt", "text 2");
	T_INTEQ(history_status(site, &h, &dg), 0);
	T_INTEQ(h.dirty, 1);
	T_INTEQ(h.nuncommitted, 2);
	T_STREQ(h.nuncommitted == 2 ? h.uncommitted[0] : NULL,
	    "content/tin-tuc/moi.md");
	T_STREQ(h.nuncommitted == 2 ? h.uncommitted[1] : NULL,
	    "plans/ke-hoach.md");
	/* only a non-page changed: dirty, nothing listed */
	sh("cd '%s' && git checkout -q -- site/plans && rm -rf "
	    "site/content/tin-tuc", r);
	T_INTEQ(history_status(site, &h, &dg), 0);
	T_INTEQ(h.dirty, 1);
	T_INTEQ(h.nuncommitted, 0);
	/* a staged new page counts too */
	sh("cd '%s' && git checkout -q -- . && cp site/plans/ke-hoach.md "
	    "site/plans/ke-hoach-2.md && git add site/plans/ke-hoach-2.md", r);
	T_INTEQ(history_status(site, &h, &dg), 0);
	T_INTEQ(h.dirty, 1);
	T_INTEQ(h.nuncommitted, 1);
	T_STREQ(h.nuncommitted == 1 ? h.uncommitted[0] : NULL,
	    "plans/ke-hoach-2.md");
	T_INTEQ(dg.len, 0);
	diag_free(&dg);
	history_free(&h);

	/* the whole work tree as root: outside pages are back */
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_STREQ(h.prefix, "");
	T_INTEQ(h.nfiles, 1);
	T_STREQ(h.nfiles == 1 ? h.files[0].path : NULL, "content/ngoai.md");
	history_free(&h);
	free(cache);
	free(site);
	free(r);
}

/* Rename pairing: identical blobs, similarity threshold, ties by path. */
static void
test_renames(void)
{
	struct history	 h;
	const struct hist_event *e;
	char		*r = init_repo("ren");

	page(r, "content/a.md", "Chung", "cùng nội dung\n");
	page(r, "content/b.md", "Chung", "cùng nội dung\n");
	page(r, "content/c.md", "C", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
	page(r, "content/khong-front-matter.md", "X", "");
	put(r, "content/khong-front-matter.md", "chỉ có thân bài\n");
	commit(r, T0, "Khởi tạo");
	/* two identical files renamed in one commit: paired by path */
	sh("cd '%s' && git mv content/a.md content/x.md && "
	    "git mv content/b.md content/y.md", r);
	/* c rewritten beyond recognition: removed + added, not a rename */
	sh("cd '%s' && git rm -q content/c.md", r);
	page(r, "content/d.md", "D", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
	sh("cd '%s' && git rm -q content/khong-front-matter.md", r);
	commit(r, T0 + 60, "Sắp xếp lại");
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_INTEQ(h.nfiles, 3);
	T_OK((e = ev(&h, "content/x.md", 1)) != NULL &&
	    e->kind == HIST_RENAMED && strcmp(e->old_path, "content/a.md") == 0);
	T_OK((e = ev(&h, "content/y.md", 1)) != NULL &&
	    e->kind == HIST_RENAMED && strcmp(e->old_path, "content/b.md") == 0);
	T_INTEQ(nev(&h, "content/d.md"), 1);
	T_OK((e = ev(&h, "content/d.md", 0)) != NULL && e->kind == HIST_ADDED);
	/* log: newest commit first, then by path */
	T_INTEQ(h.nlog, 9);
	if (h.nlog == 9) {
		T_STREQ(h.log[0].path, "content/c.md");
		T_OK(h.log[0].kind == HIST_REMOVED);
		T_STREQ(h.log[0].title, "C");
		T_STREQ(h.log[1].path, "content/d.md");
		T_STREQ(h.log[2].path, "content/khong-front-matter.md");
		T_OK(h.log[2].kind == HIST_REMOVED && h.log[2].title == NULL);
		T_STREQ(h.log[3].path, "content/x.md");
		T_STREQ(h.log[4].path, "content/y.md");
		T_STREQ(h.log[5].path, "content/a.md");
		T_OK(h.log[5].kind == HIST_ADDED && h.log[5].time == T0);
		T_STREQ(h.log[8].path, "content/khong-front-matter.md");
	}
	history_free(&h);

	/* equally similar candidates: the old path that sorts first wins */
	put(r, "plans/a.md", "1\n2\n3\n4\n5\n6\np\nq\n");
	put(r, "plans/b.md", "1\n2\n3\n4\n5\n6\nr\ns\n");
	commit(r, T0 + 120, "Hai bản nháp");
	sh("cd '%s' && git rm -q plans/a.md plans/b.md", r);
	put(r, "plans/c.md", "1\n2\n3\n4\n5\n6\n7\n8\n");
	/* an author name that is not UTF-8 (git itself would convert it) */
	T_INTEQ(sh("cd '%s' && git add -A && t=$(git write-tree) && "
	    "p=$(git rev-parse HEAD) && c=$(printf 'tree %%s\\nparent %%s\\n"
	    "author L\\352 V\\304n <a@b> %lld +0700\\ncommitter C <c@d> "
	    "%lld +0700\\n\\nG\\341\\273\\231p b\\341\\272\\243n "
	    "nh\\303\\241p\\n' $t $p | git hash-object -t commit -w "
	    "--stdin) && git update-ref refs/heads/main $c && git reset -q",
	    r, T0 + 180, T0 + 180), 0);
	T_INTEQ(hread(r, NULL, NULL, &h), 0);
	T_OK((e = ev(&h, "plans/c.md", 1)) != NULL &&
	    e->kind == HIST_MODIFIED && e->old_path != NULL &&
	    strcmp(e->old_path, "plans/a.md") == 0);
	T_OK(h.nlog > 0 && h.log[0].kind == HIST_REMOVED &&
	    strcmp(h.log[0].path, "plans/b.md") == 0);
	T_STREQ(h.nlog > 0 ? h.log[0].author : NULL,
	    "L\xef\xbf\xbd V\xef\xbf\xbdn");
	history_free(&h);
	free(r);
}

static long
fsize(const char *p)
{
	FILE	*f = fopen(p, "rb");
	long	 n;

	if (f == NULL)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n;
}

/* Flips one byte at `off` (from the end if negative). */
static void
flip(const char *p, long off)
{
	FILE	*f = fopen(p, "r+b");
	int	 c;

	if (f == NULL)
		return;
	fseek(f, off, off < 0 ? SEEK_END : SEEK_SET);
	c = fgetc(f);
	fseek(f, off, off < 0 ? SEEK_END : SEEK_SET);
	fputc(c ^ 0x20, f);
	fclose(f);
}

static int
file_has(const char *p, const char *needle)
{
	struct buf	 b = BUF_INIT;
	int		 r = 0;
	size_t		 n = strlen(needle), i;

	if (fs_read(p, 1 << 26, &b) == 0)
		for (i = 0; i + n <= b.len && !r; i++)
			r = memcmp(b.data + i, needle, n) == 0;
	buf_free(&b);
	return r;
}

/* The cache: same answer, fewer commits walked, never trusted blindly. */
static void
test_cache(void)
{
	struct history	 h;
	char		*r = init_repo("cache"), *cache = dir("cache-dir");
	char		*file = fs_join(cache, "history"), *want, *got;
	char		 tip[41];
	int		 i;

	for (i = 0; i < 12; i++) {
		char	 p[64], t[64];

		snprintf(p, sizeof(p), "content/tin-tuc/2025/%02d/tin-%d.md",
		    i % 3 + 1, i);
		snprintf(t, sizeof(t), "Tin số %d", i);
		page(r, p, t, "Nội dung.\n");
		if (i % 4 == 3)
			sh("cd '%s' && git rm -q --cached -r content/tin-tuc/"
			    "2025/01 && rm -rf content/tin-tuc/2025/01", r);
		if (i == 6)
			sh("cd '%s' && git add -A && mkdir -p plans && git mv "
			    "content/tin-tuc/2025/02/tin-4.md plans/tin-4.md",
			    r);
		commit(r, T0 + i * 60, "Cập nhật");
	}
	want = fresh(r, NULL);

	/* cold: everything walked, same result as without a cache */
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 12);
	T_INTEQ(nerr + nwarn, 0);
	T_STREQ((got = dump(&h)), want);
	free(got);
	snprintf(tip, sizeof(tip), "%s", h.tip);
	history_free(&h);
	T_OK(fsize(file) > 0);
	T_OK(file_has(file, tip));
	T_OK(file_has(file, "CCHCHIST"));
	{
		char *ign = fs_join(cache, ".gitignore");

		T_OK(fs_is_file(ign));
		free(ign);
	}

	/* warm: nothing walked */
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 0);
	T_STREQ((got = dump(&h)), want);
	free(got);
	history_free(&h);

	/* one more commit: only it is walked */
	page(r, "content/tin-tuc/2025/03/tin-11.md", "Tin số 11 (sửa)", "Mới.\n");
	page(r, "plans/ke-hoach.md", "Kế hoạch", "Mới.\n");
	commit(r, T0 + 10000, "Thêm kế hoạch");
	free(want);
	want = fresh(r, NULL);
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 1);
	T_STREQ((got = dump(&h)), want);
	free(got);
	history_free(&h);

	/* truncated: ignored, rebuilt, same answer */
	T_INTEQ(truncate(file, fsize(file) - 7), 0);
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 13);
	T_INTEQ(nerr + nwarn, 0);
	T_STREQ((got = dump(&h)), want);
	free(got);
	history_free(&h);
	/* rebuilt: warm again */
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 0);
	history_free(&h);

	/* one byte flipped in the body, then in the header */
	flip(file, fsize(file) / 2);
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 13);
	T_STREQ((got = dump(&h)), want);
	free(got);
	history_free(&h);
	flip(file, 9);
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 13);
	T_STREQ((got = dump(&h)), want);
	free(got);
	history_free(&h);
	/* not a cache at all */
	put(cache, "history", "rác");
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 13);
	T_STREQ((got = dump(&h)), want);
	free(got);
	history_free(&h);

	/* history rewritten (amend): the cached tip is not in the chain */
	page(r, "plans/ke-hoach.md", "Kế hoạch (sửa lại)", "Khác.\n");
	when(T0 + 20000);
	sh("cd '%s' && git add -A && git commit -q --amend -m 'Sửa lại'", r);
	free(want);
	want = fresh(r, NULL);
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 13);
	T_STREQ((got = dump(&h)), want);
	T_CONTAINS(got, "|Sửa lại|plans/ke-hoach.md|");
	free(got);
	history_free(&h);

	/* an older revision: a full walk, then HEAD goes on from it */
	T_INTEQ(hread(r, "HEAD~2", cache, &h), 0);
	T_INTEQ(h.walked, 11);
	history_free(&h);
	T_INTEQ(hread(r, NULL, cache, &h), 0);
	T_INTEQ(h.walked, 2);
	T_STREQ((got = dump(&h)), want);
	free(got);
	history_free(&h);

	/* another source root (prefix) with the same cache folder */
	page(r, "site/content/a.md", "A", "");
	commit(r, T0 + 30000, "Thư mục con");
	{
		char *site = fs_join(r, "site"), *w2 = fresh(site, NULL);

		T_INTEQ(hread(site, NULL, cache, &h), 0);
		T_INTEQ(h.walked, 14);
		T_STREQ((got = dump(&h)), w2);
		free(got);
		history_free(&h);
		free(w2);
		free(site);
	}
	/* an unwritable cache folder: a warning, the same answer */
	{
		char *bad = fs_join(file, "x");

		free(want);
		want = fresh(r, NULL);
		T_INTEQ(hread(r, NULL, bad, &h), 0);
		T_INTEQ(nerr, 0);
		T_INTEQ(nwarn, 1);
		T_CONTAINS(buf_cstr(&msgs), "bộ nhớ đệm");
		T_STREQ((got = dump(&h)), want);
		free(got);
		history_free(&h);
		free(bad);
	}
	free(want);
	free(file);
	free(cache);
	free(r);
}

int
main(void)
{
	char	*home;

	snprintf(tmp, sizeof(tmp), "/tmp/cchc-history-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	/* A git of our own: no user or system configuration. */
	home = fs_join(tmp, "home");
	fs_mkdirs(home);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "Nguyễn Thị Biên Tập", 1);
	setenv("GIT_AUTHOR_EMAIL", "bientap@so.gov.vn", 1);
	setenv("GIT_COMMITTER_NAME", "Trần Văn Duyệt", 1);
	setenv("GIT_COMMITTER_EMAIL", "duyet@so.gov.vn", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	free(home);

	test_lifecycle();
	test_merge();
	test_merged_sources();
	test_norepo();
	test_subfolder();
	test_renames();
	test_cache();

	if (t_fail == 0)
		fs_rmtree(tmp);
	else
		fprintf(stderr, "repositories kept in %s\n", tmp);
	buf_free(&msgs);
	return t_done("history");
}
