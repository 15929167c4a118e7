/*
 * test_emit.c - emit_run (emit.h) over the output plan of a small site
 * made by hand: every file but the pages (which need a theme) is written,
 * each with the same bytes as the standalone function that makes its
 * kind (feeds.h, export.h, the source file for copies); build.json's
 * text; and a copy that fails reported on the site with its path.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "emit.h"
#include "export.h"
#include "feeds.h"
#include "fs.h"
#include "model.h"
#include "outplan.h"
#include "plans.h"
#include "scan.h"
#include "search.h"
#include "session.h"
#include "source.h"
#include "util.h"
#include "value.h"
#include "when.h"
#include "write.h"
#include "t.h"

static char	 tmp[PATH_MAX];

static const char plan_md[] =
    "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Tuyên truyền \"CCHC\", số 1 | Văn phòng Sở | Thanh tra | "
    "Quý II/2025 |\n";

static void
put(const char *rel, const char *text)
{
	char	*p = fs_join(tmp, rel), *d = fs_dirname(p);

	fs_mkdirs(d);
	if (fs_write(p, text, strlen(text)) == -1)
		fprintf(stderr, "cannot write %s\n", p);
	free(d);
	free(p);
}

static struct page *
page(enum page_kind k, const char *src, const char *url, const char *title,
    const char *date)
{
	struct page	*p = page_new(k, src);
	const char	*why;

	p->url = xstrdup(url);
	p->out = xasprintf("%sindex.html", url);
	p->title = xstrdup(title);
	p->meta = val_map_lit();
	T_INTEQ(date_parse(date, &p->date, &why), 0);
	p->has_date = 1;
	return p;
}

/*
 * The one place a site is made: tmp/src read as the source, --today
 * 2025-08-15, two posts (one with a copied image), a procedure and a
 * plan of 2025; the model built.
 */
/* The session of the site mksite() makes: its source, theme, jobs. */
static struct session sess;

static void
mksite(struct site *s)
{
	struct page	*p;
	struct diag	 d;
	const char	*why;
	char		*root = fs_join(tmp, "src");

	memset(s, 0, sizeof(*s));
	diag_init(&s->diag);
	diag_init(&d);
	session_free(&sess);
	T_INTEQ(source_open(&sess.src, root, NULL, &d), 0);
	diag_free(&d);
	free(root);
	s->cfg.title = xstrdup("CCHC Sở Tư pháp");
	s->cfg.base_url = xstrdup("https://example.gov.vn/");
	s->cfg.language = xstrdup("vi");
	s->cfg.posts_per_page = 10;
	s->cfg.feed_items = 20;
	s->cfg.feed_full_content = 1;
	sess.theme_dir = xstrdup("themes/default");
	sess.jobs = 2;
	date_parse("2025-08-15", &s->today, &why);
	s->today_str = "2025-08-15";

	p = page(PAGE_POST, "content/tin-tuc/a.md", "tin-tuc/a/", "Tin A",
	    "2025-05-02");
	val_map_set_str(p->meta, "tags", "Tuyên truyền");
	val_map_set_str(p->meta, "unit", "Văn phòng Sở");
	p->md.html = xstrdup("<p><img src=\"anh.png\" alt=\"\"></p>");
	p->md_done = 1;
	p->assets = xcalloc(1, sizeof(*p->assets));
	p->assets[0].src = xstrdup("content/tin-tuc/anh.png");
	p->assets[0].dest = xstrdup("tin-tuc/a/anh.png");
	p->nassets = 1;
	site_add_page(s, p);
	p = page(PAGE_POST, "content/tin-tuc/b.md", "tin-tuc/b/", "Tin B & C",
	    "2025-07-03T10:00:00+07:00");
	p->md.html = xstrdup("<p>B</p>");
	p->md_done = 1;
	site_add_page(s, p);
	p = page(PAGE_PROCEDURE, "content/thu-tuc/khai-sinh.md",
	    "thu-tuc/khai-sinh/", "Đăng ký khai sinh", "2025-01-01");
	val_map_set_str(p->meta, "code", "1.001193");
	val_map_set_str(p->meta, "field", "Hộ tịch");
	site_add_page(s, p);
	p = page(PAGE_PLAN, "plans/kh-01.md", "ke-hoach/kh-01/",
	    "Kế hoạch CCHC 2025", "2025-01-10");
	val_map_set_str(p->meta, "number", "01/KH-STP");
	p->text = xstrdup(plan_md);
	p->textlen = strlen(plan_md);
	p->body_line = 1;
	T_INTEQ(period_parse("2025", &p->period), 0);
	p->has_period = 1;
	plans_read_tasks(p, NULL);
	site_add_page(s, p);
	model_apply_history(s);
	T_INTEQ(model_build(s), 0);
	/* The index, as the build's search stage makes it. */
	search_build(s, 1);
}

/* What the standalone function makes for record o. */
static void
expected(const struct site *s, const struct feeds_prep *fp,
    const struct output *o, struct buf *b)
{
	switch (o->kind) {
	case OUT_PROCS_JSON:
		export_procs_json(s, b);
		break;
	case OUT_SITEMAP:
		T_INTEQ(feeds_sitemap_file(s, fp, o->part, b), 0);
		break;
	case OUT_LOG_ATOM:
		T_INTEQ(feeds_log_atom(s, b), 0);
		break;
	case OUT_PROCS_RSS:
		T_INTEQ(feeds_procs_rss(s, b), 0);
		break;
	case OUT_NEWS_RSS:
		T_INTEQ(feeds_rss(s, fp, NULL, b), 0);
		break;
	case OUT_NEWS_ATOM:
		T_INTEQ(feeds_atom(s, fp, b), 0);
		break;
	case OUT_TERM_RSS:
		T_INTEQ(feeds_rss(s, fp, o->term, b), 0);
		break;
	case OUT_ROBOTS:
		feeds_robots(s, b);
		break;
	case OUT_PLAN_JSON:
		export_plan_json(s, o->page, b);
		break;
	case OUT_DATA_JSON:
		export_data_json(s, "cchc " CCHC_VERSION, b);
		break;
	case OUT_REPORT_CSV:
		export_report_csv(s, o->report, b);
		break;
	case OUT_ASSET:
	case OUT_STATIC:
		T_INTEQ(source_read(sess.src, o->src, 1 << 20, b), 0);
		break;
	case OUT_SEARCH_ROOT:
		search_root_js(s->search, b);
		break;
	case OUT_SEARCH_DICT:
		search_dict_js(s->search, (unsigned)o->part, b);
		break;
	case OUT_SEARCH_BUCKET:
		search_bucket_js(s->search, (unsigned)o->part, b);
		break;
	case OUT_SEARCH_DOC:
		search_doc_js(s, o->page, b);
		break;
	case OUT_BUILD_JSON:
		buf_puts(b, "{\n  \"generator\": \"cchc " CCHC_VERSION "\",\n"
		    "  \"commit\": null,\n  \"branch\": null,\n"
		    "  \"dirty\": false,\n  \"today\": \"2025-08-15\"\n}\n");
		break;
	default:
		T_OK(0);
		break;
	}
}

/* The records of the plan but pages (no theme here), shallow copies. */
static void
no_pages(const struct outplan *all, struct outplan *some)
{
	size_t	 i;

	memset(some, 0, sizeof(*some));
	some->v = xcalloc(all->n, sizeof(*some->v));
	for (i = 0; i < all->n; i++)
		if (all->v[i].kind != OUT_PAGE)
			some->v[some->n++] = all->v[i];
}

static void
test_same_bytes(void)
{
	struct site		 s;
	struct strlist		 statics = { NULL, 0, 0 };
	struct outplan		 pl, some;
	struct outdir		 o;
	struct feeds_prep	*fp;
	struct buf		 got = BUF_INIT, want = BUF_INIT;
	struct diag		 d;
	char			*out = fs_join(tmp, "out"), *p;
	size_t			 i, same = 0, kinds = 0;
	unsigned		 seen = 0;

	mksite(&s);
	strlist_push(&statics, xstrdup("themes/default/static/css/a.css"));
	outplan_make(&pl, &s, sess.theme_dir, &statics);
	no_pages(&pl, &some);
	diag_init(&d);
	T_INTEQ(out_begin(&o, out, sess.src != NULL ? source_root(sess.src) : "",
	    NULL, NULL, &d), 0);
	T_INTEQ(emit_run(&s, &sess, &some, &o), 0);
	T_INTEQ(out_commit(&o, &d), 0);
	out_abort(&o, &d);
	T_INTEQ(d.len, 0);
	T_INTEQ(s.diag.len, 0);

	fp = feeds_prepare(&s, sess.jobs);
	for (i = 0; i < some.n; i++) {
		const struct output *r = &some.v[i];

		buf_reset(&got);
		buf_reset(&want);
		p = fs_join(out, r->path);
		T_INTEQ(fs_read(p, 1 << 20, &got), 0);
		free(p);
		expected(&s, fp, r, &want);
		if (got.len == want.len && memcmp(got.data, want.data,
		    got.len) == 0)
			same++;
		else
			fprintf(stderr, "%s: not the standalone bytes\n",
			    r->path);
		if (!(seen & (1u << r->kind)))
			kinds++;
		seen |= 1u << r->kind;
	}
	feeds_release(fp);
	T_INTEQ(same, some.n);
	/* Every kind but pages and image variants (test_imgproc.c) was
	   there to compare. */
	T_INTEQ(kinds, OUT_KINDS - 2);
	p = fs_join(out, "css/a.css");
	buf_reset(&got);
	T_INTEQ(fs_read(p, 100, &got), 0);
	T_STREQ(buf_cstr(&got), "body{}\n");
	free(p);
	p = fs_join(out, "tin-tuc/a/anh.png");
	T_OK(fs_is_file(p));
	free(p);
	p = fs_join(out, "tin-tuc/a/index.html");
	T_OK(!fs_is_file(p));		/* pages were not in the plan given */
	free(p);

	free(some.v);
	outplan_free(&pl);
	strlist_free(&statics);
	buf_free(&got);
	buf_free(&want);
	diag_free(&d);
	site_free(&s);
	session_free(&sess);
	free(out);
}

/* A static file that cannot be read: the site says so, by its path. */
static void
test_copy_fails(void)
{
	struct site	 s;
	struct strlist	 statics = { NULL, 0, 0 };
	struct outplan	 pl, some;
	struct outdir	 o;
	struct diag	 d;
	struct buf	 m = BUF_INIT;
	char		*out = fs_join(tmp, "out2");

	mksite(&s);
	strlist_push(&statics, xstrdup("themes/default/static/khong-co.css"));
	outplan_make(&pl, &s, sess.theme_dir, &statics);
	no_pages(&pl, &some);
	diag_init(&d);
	T_INTEQ(out_begin(&o, out, source_root(sess.src), NULL, NULL, &d), 0);
	T_INTEQ(emit_run(&s, &sess, &some, &o), -1);
	out_abort(&o, &d);
	T_INTEQ(s.diag.errors, 1);
	if (s.diag.len > 0)
		diag_format(&s.diag.msgs[0], &m);
	T_STREQ(buf_cstr(&m), "themes/default/static/khong-co.css: lỗi: "
	    "không đọc được tệp để chép: không có tệp hay thư mục này");
	/* The output was never committed. */
	T_OK(!fs_is_file(out) && !fs_is_dir(out));
	free(some.v);
	outplan_free(&pl);
	strlist_free(&statics);
	buf_free(&m);
	diag_free(&d);
	site_free(&s);
	session_free(&sess);
	free(out);
}

int
main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/cchc-emit-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	put("src/content/tin-tuc/anh.png", "\x89PNG fake");
	put("src/themes/default/static/css/a.css", "body{}\n");
	test_same_bytes();
	test_copy_fails();
	if (t_fail == 0)
		fs_rmtree(tmp);
	else
		fprintf(stderr, "files kept in %s\n", tmp);
	return t_done("emit");
}
