/*
 * test_mdcache.c - rendered Markdown is reused only when every callback
 * answers as it did; damaged files are never trusted.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "fs.h"
#include "markdown.h"
#include "mdcache.h"
#include "util.h"
#include "t.h"

/* A resolver whose answer the test changes; it counts its calls. */
static const char	*answer = "../b/";
static int		 fail_link;
static int		 calls;

static int
resolver(void *arg, const char *dest, int is_image, int line, int col,
    struct md_target *out, struct diag *d)
{
	(void)arg;
	(void)is_image;
	calls++;
	if (fail_link && strcmp(dest, "c.md") == 0) {
		diag_err(d, "a.md", line, col, "không có trang “%s”", dest);
		return -1;
	}
	buf_puts(out->url, strcmp(dest, "b.md") == 0 ? answer : dest);
	return 0;
}

static int
xref(void *arg, const char *number, struct buf *out)
{
	(void)arg;
	if (strcmp(number, "15/KH-SKHCN") != 0)
		return 0;
	buf_puts(out, "../ke-hoach/15/");
	return 1;
}

static const char text[] =
    "# Tiêu đề\n\nXem [bài B](b.md) và [C](c.md) theo 15/KH-SKHCN.\n\n"
    "<b>thô</b>\n";

struct run {
	struct md_result	 r;
	struct diag		 d;
	int			 rc;
	size_t			 hits, misses;
};

static void
render(const char *dir, struct run *out)
{
	struct md_opts	 o = { 0, resolver, NULL, xref, NULL, 0 };
	struct mdcache	*c = mdc_open(dir);
	struct diag	 save;

	diag_init(&out->d);
	diag_init(&save);
	out->rc = mdc_render(c, "a.md", text, sizeof(text) - 1, 5, &o, &out->r,
	    &out->d);
	mdc_stats(c, &out->hits, &out->misses);
	/* A hit records the body's length as a render does. */
	T_INTEQ((long)out->r.html_len, (long)strlen(out->r.html));
	mdc_close(c, &save);
	T_INTEQ(save.len, 0);
	diag_free(&save);
}

static void
run_free(struct run *r)
{
	md_result_free(&r->r);
	diag_free(&r->d);
}

static char *
msgs(const struct diag *d)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < d->len; i++) {
		diag_format(&d->msgs[i], &b);
		buf_putc(&b, '\n');
	}
	return buf_detach(&b);
}

static void
same_as_plain(const struct run *got)
{
	struct md_opts	 o = { 0, resolver, NULL, xref, NULL, 0 };
	struct md_result r;
	struct diag	 d;
	char		*a, *b;
	int		 rc;

	diag_init(&d);
	rc = md_render("a.md", text, sizeof(text) - 1, 5, &o, &r, &d);
	T_INTEQ(got->rc, rc);
	T_STREQ(got->r.html, r.html);
	T_STREQ(got->r.first_para, r.first_para);
	T_INTEQ(got->r.ntoc, r.ntoc);
	if (got->r.ntoc == r.ntoc && r.ntoc > 0) {
		T_STREQ(got->r.toc[0].id, r.toc[0].id);
		T_STREQ(got->r.toc[0].text, r.toc[0].text);
	}
	a = msgs(&got->d);
	b = msgs(&d);
	T_STREQ(a, b);
	T_INTEQ(got->d.errors, d.errors);
	T_INTEQ(got->d.warnings, d.warnings);
	free(a);
	free(b);
	md_result_free(&r);
	diag_free(&d);
}

/* Overwrites n bytes at offset off of the file (from the end if < 0). */
static void
damage(const char *path, long off, size_t n)
{
	struct buf	 b = BUF_INIT;
	size_t		 at, i;

	if (fs_read(path, 1 << 24, &b) == -1 || b.len < n)
		return;
	at = off < 0 ? b.len - (size_t)-off : (size_t)off;
	for (i = 0; i < n && at + i < b.len; i++)
		b.data[at + i] ^= 0x5a;
	fs_write(path, b.data, b.len);
	buf_free(&b);
}

int
main(void)
{
	char		 tmpl[] = "/tmp/cchc-mdcache-XXXXXX";
	char		*dir, *file;
	struct run	 r;
	struct stat	 st;

	md_init();
	if (mkdtemp(tmpl) == NULL)
		return 1;
	dir = fs_join(tmpl, ".cchc-cache");
	file = fs_join(dir, "markdown");

	/* 1. First build: a miss, recorded; the result is md_render's. */
	render(dir, &r);
	T_INTEQ(r.misses, 1);
	T_INTEQ(r.hits, 0);
	T_CONTAINS(r.r.html, "href=\"../b/\"");
	T_CONTAINS(r.r.html, "href=\"../ke-hoach/15/\"");
	same_as_plain(&r);
	run_free(&r);
	T_OK(stat(file, &st) == 0 && st.st_size > CF_HEAD);
	/* The cachefile.h header: its version little-endian whatever the host. */
	{
		struct buf	 hb = BUF_INIT;

		T_OK(fs_read(file, 1 << 20, &hb) == 0 && hb.len > CF_HEAD &&
		    memcmp(hb.data, "CCHCMARK\3\0\0\0", 12) == 0);
		buf_free(&hb);
	}

	/* 2. Same answers: a hit; the resolver is asked again. */
	calls = 0;
	render(dir, &r);
	T_INTEQ(r.hits, 1);
	T_INTEQ(r.misses, 0);
	T_INTEQ(calls, 2);
	same_as_plain(&r);
	run_free(&r);

	/* 3. The link now resolves elsewhere: rendered again, not reused. */
	answer = "../b-moi/";
	render(dir, &r);
	T_INTEQ(r.hits, 0);
	T_INTEQ(r.misses, 1);
	T_CONTAINS(r.r.html, "href=\"../b-moi/\"");
	same_as_plain(&r);
	run_free(&r);

	/* 4. A resolver error and the raw-HTML warning come back on a hit. */
	fail_link = 1;
	render(dir, &r);
	T_INTEQ(r.misses, 1);
	T_INTEQ(r.rc, -1);
	run_free(&r);
	render(dir, &r);
	T_INTEQ(r.hits, 1);
	T_INTEQ(r.rc, -1);
	T_OK(r.d.errors == 1);
	same_as_plain(&r);
	run_free(&r);

	/* 5. A flipped byte in the last record: not used, rendered anew. */
	damage(file, -20, 4);
	render(dir, &r);
	T_INTEQ(r.hits, 0);
	T_INTEQ(r.misses, 1);
	same_as_plain(&r);
	run_free(&r);
	render(dir, &r);
	T_INTEQ(r.hits, 1);
	run_free(&r);

	/* 6. A torn tail and a damaged header: started afresh, no crash. */
	if (truncate(file, st.st_size - 7) == 0) {
		render(dir, &r);
		same_as_plain(&r);
		run_free(&r);
	}
	damage(file, 3, 2);
	render(dir, &r);
	T_INTEQ(r.hits, 0);
	same_as_plain(&r);
	run_free(&r);
	render(dir, &r);
	T_INTEQ(r.hits, 1);
	run_free(&r);

	/* 7. No folder: nothing kept, every call renders. */
	{
		struct mdcache	*c = mdc_open(NULL);
		struct md_opts	 o = { 0, resolver, NULL, xref, NULL, 0 };
		struct md_result res;
		struct diag	 d;
		size_t		 h, m;

		diag_init(&d);
		mdc_render(c, "a.md", text, sizeof(text) - 1, 5, &o, &res, &d);
		mdc_stats(c, &h, &m);
		T_INTEQ(h + m, 0);
		T_CONTAINS(res.html, "<h1");
		md_result_free(&res);
		diag_free(&d);
		mdc_close(c, NULL);
	}

	fs_rmtree(tmpl);
	free(dir);
	free(file);
	return t_done("mdcache");
}
