/*
 * test_write.c - the output folder is built aside and swapped in; a
 * failed build leaves the old one; foreign folders are never replaced.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "fs.h"
#include "hash.h"
#include "util.h"
#include "write.h"
#include "t.h"

static char *
slurp(const char *dir, const char *rel)
{
	struct buf	 b = BUF_INIT;
	char		*p = fs_join(dir, rel);

	if (fs_read(p, 1 << 20, &b) == -1) {
		free(p);
		buf_free(&b);
		return xstrdup("(missing)");
	}
	free(p);
	return buf_detach(&b);
}

#define FILE_IS(dir, rel, want) do {					\
	char *g_ = slurp((dir), (rel));					\
	T_STREQ(g_, (want));						\
	free(g_);							\
} while (0)

static int
stat_of(const char *dir, const char *rel, struct stat *st)
{
	char	*p = fs_join(dir, rel);
	int	 rc = lstat(p, st);

	free(p);
	return rc;
}

/* Same inode and modification time: the file was not touched. */
static int
untouched(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* With a cache folder, later builds update the output in place. */
static void
update_mode(const char *tmpl, const char *src, struct diag *d)
{
	struct outdir	 o;
	struct stat	 a1, a2, k1, k2;
	char		*out = fs_join(tmpl, "site"), *cache, *p;
	struct outprobe	*pr;

	cache = fs_join(tmpl, "cache");
	/* First: no manifest yet, so a swap; the manifest is saved. */
	T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
	T_INTEQ(o.update, 0);
	out_write(&o, "index.html", "v1", 2, d);
	out_write(&o, "tin-tuc/a/index.html", "a1", 2, d);
	out_write(&o, "tin-tuc/b/index.html", "b1", 2, d);
	out_write(&o, "keep.css", "k", 1, d);
	o.fingerprint = 42;
	o.note = xstrdup("1 1 0 0 0\n");
	T_INTEQ(out_commit(&o, d), 0);
	out_abort(&o, d);
	stat_of(out, "tin-tuc/a/index.html", &a1);
	stat_of(out, "keep.css", &k1);

	/* Unchanged and intact: the probe says so for 42 only. */
	pr = out_probe(out, cache);
	T_INTEQ(out_probe_unchanged(pr, 42), 1);
	T_STREQ(pr->note, "1 1 0 0 0\n");
	T_INTEQ(out_probe_unchanged(pr, 43), 0);
	out_probe_free(pr);

	/* Second: update; same bytes stay, others are staged. */
	T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
	T_INTEQ(o.update, 1);
	out_write(&o, "index.html", "v2", 2, d);
	out_write(&o, "tin-tuc/a/index.html", "a1", 2, d);
	out_write(&o, "keep.css", "k", 1, d);
	out_write(&o, "tin-tuc/c/index.html", "c1", 2, d);
	/* Nothing reaches the output before the commit. */
	FILE_IS(out, "index.html", "v1");
	FILE_IS(out, "tin-tuc/c/index.html", "(missing)");
	T_INTEQ(out_commit(&o, d), 0);
	T_INTEQ(o.kept, 3);	/* a, keep.css and the marker */
	T_INTEQ(o.written, 2);
	T_INTEQ(o.removed, 1);	/* tin-tuc/b/index.html */
	out_abort(&o, d);
	FILE_IS(out, "index.html", "v2");
	FILE_IS(out, "tin-tuc/c/index.html", "c1");
	FILE_IS(out, "tin-tuc/b/index.html", "(missing)");
	p = fs_join(out, "tin-tuc/b");
	T_OK(!fs_is_dir(p));
	free(p);
	stat_of(out, "tin-tuc/a/index.html", &a2);
	stat_of(out, "keep.css", &k2);
	T_OK(untouched(&a1, &a2));
	T_OK(untouched(&k1, &k2));

	/* A failed update leaves everything as it was. */
	T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
	out_write(&o, "index.html", "v3", 2, d);
	out_write(&o, "tin-tuc/a/index.html", "a1", 2, d);
	out_abort(&o, d);
	FILE_IS(out, "index.html", "v2");
	FILE_IS(out, "tin-tuc/c/index.html", "c1");
	stat_of(out, "tin-tuc/a/index.html", &a1);
	T_OK(untouched(&a1, &a2));

	/* Tampered output: a changed file is rewritten, a stray one goes. */
	p = fs_join(out, "keep.css");
	fs_write(p, "x", 1);
	free(p);
	p = fs_join(out, "la/stray.html");
	fs_write(p, "?", 1);
	free(p);
	/* The probe sees the changes; out_begin() takes its reading over. */
	pr = out_probe(out, cache);
	T_INTEQ(pr->intact, 0);
	T_INTEQ(out_probe_unchanged(pr, 42), 0);
	T_INTEQ(out_begin(&o, out, src, cache, pr, d), 0);
	T_OK(pr->old == NULL);
	out_probe_free(pr);
	out_write(&o, "index.html", "v2", 2, d);
	out_write(&o, "tin-tuc/a/index.html", "a1", 2, d);
	out_write(&o, "tin-tuc/c/index.html", "c1", 2, d);
	out_write(&o, "keep.css", "k", 1, d);
	T_INTEQ(out_commit(&o, d), 0);
	T_INTEQ(o.written, 1);
	out_abort(&o, d);
	FILE_IS(out, "keep.css", "k");
	FILE_IS(out, "la/stray.html", "(missing)");
	p = fs_join(out, "la");
	T_OK(!fs_is_dir(p));
	free(p);

	/* A damaged manifest is not used: the next build swaps. */
	p = fs_join(cache, "output-");
	{
		char *q = NULL;
		struct buf b = BUF_INIT;

		T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
		q = xstrdup(o.manifest);
		out_abort(&o, d);
		fs_read(q, 1 << 20, &b);
		if (b.len > 10)
			b.data[b.len / 2] ^= 1;
		fs_write(q, b.data, b.len);
		buf_free(&b);
		/* Not trusted: every file is compared with the disk instead. */
		stat_of(out, "tin-tuc/a/index.html", &a1);
		T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
		T_INTEQ(o.update, 1);
		T_OK(o.old == NULL);
		out_write(&o, "index.html", "v2", 2, d);
		out_write(&o, "tin-tuc/a/index.html", "a1", 2, d);
		out_write(&o, "tin-tuc/c/index.html", "c2", 2, d);
		out_write(&o, "keep.css", "k", 1, d);
		T_INTEQ(out_commit(&o, d), 0);
		T_INTEQ(o.written, 1);
		out_abort(&o, d);
		FILE_IS(out, "tin-tuc/c/index.html", "c2");
		stat_of(out, "tin-tuc/a/index.html", &a2);
		T_OK(untouched(&a1, &a2));
		free(q);
	}
	free(p);
	free(out);
	free(cache);
}

/* A manifest with this body, sealed (cachefile.h). */
static struct outprobe *
probe_text(const char *body)
{
	struct buf	 b = BUF_INIT;
	struct outprobe	*pr;

	cf_begin_sealed(&b, "CCHCOUTP", 3, 0);
	buf_puts(&b, body);
	(void)cf_seal(&b);
	pr = out_probe_parse(b.data, b.len, "/srv/public");
	buf_free(&b);
	return pr;
}

/*
 * The note's length is checked without overflow: "note 2^64-1" once
 * passed the check (n + 1 wrapped to 0) and moved the reader by it.
 */
static void
test_manifest_note(void)
{
	struct outprobe	*pr;
	const char	*head = "final /srv/public\n"
	    "fingerprint 0123456789abcdef\n";
	char		 text[512];

	snprintf(text, sizeof(text), "%snote 5\nab\ncd\n", head);
	pr = probe_text(text);
	T_OK(pr->old != NULL);
	T_STREQ(pr->note, "ab\ncd");
	T_OK(out_probe_unchanged(pr, 0x0123456789abcdefULL));
	out_probe_free(pr);
	snprintf(text, sizeof(text), "%snote 18446744073709551615\n\n", head);
	pr = probe_text(text);
	T_OK(pr->old == NULL);
	T_OK(pr->note == NULL);
	out_probe_free(pr);
	snprintf(text, sizeof(text), "%snote 6\nab\ncd\n", head);
	pr = probe_text(text);
	T_OK(pr->old == NULL);
	out_probe_free(pr);
}

/*
 * A build of part of the site (cchc serve's patch): the probe taken
 * after a commit trusts the folder without reading it, and every file
 * the partial build does not make is kept as it was.
 */
static void
partial_update(const char *tmpl, const char *src, struct diag *d)
{
	struct outdir	 o;
	struct outprobe	*pr;
	struct stat	 b1, b2, m1, m2;
	char		*out = fs_join(tmpl, "part"), *cache, *p;

	cache = fs_join(tmpl, "cache-part");
	/* Without a manifest there is nothing to keep from. */
	T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
	out_write(&o, "index.html", "v1", 2, d);
	T_INTEQ(out_keep_rest(&o), -1);
	out_write(&o, "a/index.html", "a1", 2, d);
	out_write(&o, "b/index.html", "b1", 2, d);
	T_INTEQ(out_commit(&o, d), 0);
	T_INTEQ(o.saved, 1);
	pr = out_probe_after(&o);
	T_OK(pr != NULL && pr->intact && pr->old != NULL);
	out_abort(&o, d);
	stat_of(out, "b/index.html", &b1);
	stat_of(out, ".cchc-build", &m1);

	/* Only a/ is made again: b/ and the marker are kept. */
	T_INTEQ(out_begin(&o, out, src, cache, pr, d), 0);
	T_INTEQ(o.update, 1);
	T_INTEQ(o.intact, 1);
	out_probe_free(pr);
	out_write(&o, "a/index.html", "a2", 2, d);
	T_INTEQ(out_keep_rest(&o), 0);
	T_INTEQ(out_commit(&o, d), 0);
	T_INTEQ(o.written, 1);
	T_INTEQ(o.removed, 0);
	pr = out_probe_after(&o);
	out_abort(&o, d);
	FILE_IS(out, "a/index.html", "a2");
	FILE_IS(out, "b/index.html", "b1");
	FILE_IS(out, "index.html", "v1");
	stat_of(out, "b/index.html", &b2);
	stat_of(out, ".cchc-build", &m2);
	T_OK(untouched(&b1, &b2));
	T_OK(untouched(&m1, &m2));

	/* The manifest saved is whole: a normal update keeps b/ too. */
	out_probe_free(pr);
	T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
	T_INTEQ(o.intact, 1);
	out_write(&o, "index.html", "v1", 2, d);
	out_write(&o, "a/index.html", "a2", 2, d);
	out_write(&o, "b/index.html", "b1", 2, d);
	T_INTEQ(out_commit(&o, d), 0);
	T_INTEQ(o.written, 0);
	out_abort(&o, d);

	/* A file changed behind the build's back: nothing is kept blindly. */
	p = fs_join(out, "b/index.html");
	fs_write(p, "x", 1);
	free(p);
	T_INTEQ(out_begin(&o, out, src, cache, NULL, d), 0);
	T_INTEQ(o.intact, 0);
	out_write(&o, "a/index.html", "a2", 2, d);
	T_INTEQ(out_keep_rest(&o), -1);
	out_abort(&o, d);
	FILE_IS(out, "b/index.html", "x");
	free(out);
	free(cache);
}

int
main(void)
{
	char		 tmpl[] = "/tmp/cchc-write-XXXXXX";
	char		*src, *out, *foreign, *f;
	struct outdir	 o;
	struct diag	 d;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	src = fs_join(tmpl, "src");
	out = fs_join(tmpl, "public");
	foreign = fs_join(tmpl, "documents");
	fs_mkdirs(src);
	diag_init(&d);
	test_manifest_note();

	/* First build: the folder appears only at commit. */
	T_INTEQ(out_begin(&o, out, src, NULL, NULL, &d), 0);
	T_INTEQ(out_write(&o, "index.html", "v1", 2, &d), 0);
	T_INTEQ(out_write(&o, "tin-tuc/a/index.html", "a1", 2, &d), 0);
	T_OK(!fs_is_dir(out));
	T_INTEQ(out_commit(&o, &d), 0);
	out_abort(&o, &d);
	FILE_IS(out, "index.html", "v1");
	FILE_IS(out, "tin-tuc/a/index.html", "a1");
	FILE_IS(out, OUT_MARKER, "cchc\n");

	/* A failed build: old output untouched, temporary folder gone. */
	T_INTEQ(out_begin(&o, out, src, NULL, NULL, &d), 0);
	T_INTEQ(out_write(&o, "index.html", "v2", 2, &d), 0);
	f = xstrdup(o.tmp);
	out_abort(&o, &d);
	T_OK(!fs_is_dir(f));
	free(f);
	FILE_IS(out, "index.html", "v1");

	/* A second build replaces the whole tree: stale files go. */
	T_INTEQ(out_begin(&o, out, src, NULL, NULL, &d), 0);
	T_INTEQ(out_write(&o, "index.html", "v3", 2, &d), 0);
	T_INTEQ(out_commit(&o, &d), 0);
	out_abort(&o, &d);
	FILE_IS(out, "index.html", "v3");
	FILE_IS(out, "tin-tuc/a/index.html", "(missing)");
	T_INTEQ(d.errors, 0);

	/* A folder with files cchc did not write is refused... */
	f = fs_join(foreign, "thu.txt");
	fs_write(f, "giữ", strlen("giữ"));
	T_INTEQ(out_begin(&o, foreign, src, NULL, NULL, &d), -1);
	out_abort(&o, &d);
	T_INTEQ(d.errors, 1);
	T_CONTAINS(d.msgs[0].text, "không phải do cchc tạo");
	FILE_IS(foreign, "thu.txt", "giữ");
	free(f);
	/* ...and so is a folder that holds the source. */
	T_INTEQ(out_begin(&o, tmpl, src, NULL, NULL, &d), -1);
	out_abort(&o, &d);
	T_INTEQ(d.errors, 2);
	/* An empty folder is fine. */
	f = fs_join(tmpl, "empty");
	fs_mkdirs(f);
	T_INTEQ(out_begin(&o, f, src, NULL, NULL, &d), 0);
	T_INTEQ(out_commit(&o, &d), 0);
	out_abort(&o, &d);
	FILE_IS(f, OUT_MARKER, "cchc\n");
	free(f);

	update_mode(tmpl, src, &d);
	partial_update(tmpl, src, &d);
	T_INTEQ(d.errors, 2);

	diag_free(&d);
	fs_rmtree(tmpl);
	free(src);
	free(out);
	free(foreign);
	return t_done("write");
}
