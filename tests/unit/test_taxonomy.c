/*
 * test_taxonomy.c - topics, units, fields and months (taxonomy.h): names
 * grouped by slug, the oldest post's spelling wins and every other
 * spelling is warned about at its line:col, a name that slugs to nothing
 * is an error, the order of terms and of their posts, and the months in
 * Vietnam's time zone.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "model.h"
#include "taxonomy.h"
#include "util.h"
#include "value.h"
#include "t.h"

/* A page whose front matter is `yaml` (starting on line 2 of src). */
static struct page *
mkpage(enum page_kind k, const char *src, const char *date,
    const char *yaml)
{
	struct page	*p = page_new(k, src);
	struct diag	 d;
	const char	*why;

	diag_init(&d);
	p->meta = yaml_parse_map(src, yaml, strlen(yaml), 2, &d);
	T_OK(p->meta != NULL);
	T_INTEQ(d.len, 0);
	diag_free(&d);
	p->title = xstrdup(src);
	p->url = xasprintf("%s/", src);
	T_INTEQ(date_parse(date, &p->date, &why), 0);
	p->has_date = 1;
	return p;
}

/*
 * The one place a site is made: posts newest first and procedures in
 * title order, as model_build hands them over; then taxonomy_build.
 */
static int
mksite(struct site *s, struct page **posts, size_t np, struct page **procs,
    size_t nproc)
{
	size_t	 i;

	memset(s, 0, sizeof(*s));
	diag_init(&s->diag);
	s->posts = xcalloc(np + 1, sizeof(*s->posts));
	s->procs = xcalloc(nproc + 1, sizeof(*s->procs));
	for (i = 0; i < np; i++) {
		site_add_page(s, posts[i]);
		s->posts[s->nposts++] = posts[i];
	}
	for (i = 0; i < nproc; i++) {
		site_add_page(s, procs[i]);
		s->procs[s->nprocs++] = procs[i];
	}
	return taxonomy_build(s);
}

/* Every message of p, formatted, one a line. */
static char *
msgs(const struct page *p)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < p->diag.len; i++) {
		diag_format(&p->diag.msgs[i], &b);
		buf_putc(&b, '\n');
	}
	return buf_detach(&b);
}

static void
msgs_are(const struct page *p, const char *want)
{
	char	*m = msgs(p);

	T_STREQ(m, want);
	free(m);
}

static void
test_grouping(void)
{
	struct site	 s;
	struct page	*v[4], *f[3];
	const struct term *t;

	v[0] = mkpage(PAGE_POST, "content/tin-tuc/c.md", "2025-06-20",
	    "tags: [Chuyển đổi số, Cải cách]\n"		/* 2 */
	    "unit: Văn Phòng Sở\n");			/* 3 */
	v[1] = mkpage(PAGE_POST, "content/tin-tuc/b.md", "2025-06-02",
	    "tags:\n"					/* 2 */
	    "  - chuyển đổi số\n"			/* 3 */
	    "  - Chuyển Đổi Số\n"			/* 4 */
	    "unit: Văn phòng Sở\n");
	/* 2025-04-30 20:00 UTC is 1 May in Vietnam. */
	v[2] = mkpage(PAGE_POST, "content/tin-tuc/z.md", "2025-04-30T20:00Z",
	    "unit: Thanh tra\n");
	v[3] = mkpage(PAGE_POST, "content/tin-tuc/a.md", "2025-04-29",
	    "title: x\n"				/* 2 */
	    "tags: Chuyển đổi số\n"			/* 3 */
	    "unit: Văn phòng Sở\n");
	f[0] = mkpage(PAGE_PROCEDURE, "content/thu-tuc/a.md", "2025-01-01",
	    "field: Đất Đai\n");
	f[1] = mkpage(PAGE_PROCEDURE, "content/thu-tuc/b.md", "2025-01-01",
	    "field: Đất đai\n");
	f[2] = mkpage(PAGE_PROCEDURE, "content/thu-tuc/c.md", "2025-01-01",
	    "field: Hộ tịch\n");
	T_INTEQ(mksite(&s, v, 4, f, 3), 0);

	/* Topics by name; each one's posts newest first, once each. */
	T_STREQ(s.topics.base, "chu-de/");
	T_INTEQ(s.topics.nterms, 2);
	T_STREQ(s.topics.terms[0].name, "Cải cách");
	T_STREQ(s.topics.terms[0].slug, "cai-cach");
	T_STREQ(s.topics.terms[0].url, "chu-de/cai-cach/");
	T_INTEQ(s.topics.terms[0].nposts, 1);
	t = &s.topics.terms[1];
	T_STREQ(t->name, "Chuyển đổi số");		/* a.md's, the oldest */
	T_STREQ(t->slug, "chuyen-doi-so");
	T_INTEQ(t->nposts, 3);
	T_OK(t->posts[0] == v[0] && t->posts[1] == v[1] &&
	    t->posts[2] == v[3]);
	/* Units: the oldest spelling wins, the others are warned about. */
	T_INTEQ(s.units.nterms, 2);
	T_STREQ(s.units.terms[0].name, "Thanh tra");
	T_STREQ(s.units.terms[1].name, "Văn phòng Sở");
	T_STREQ(s.units.terms[1].url, "don-vi/van-phong-so/");
	T_INTEQ(s.units.terms[1].nposts, 3);
	msgs_are(v[0], "content/tin-tuc/c.md:3:7: cảnh báo: đơn vị “Văn Phòng "
	    "Sở” được gộp vào “Văn phòng Sở” vì cùng địa chỉ "
	    "/don-vi/van-phong-so/; hãy viết thống nhất một cách\n");
	msgs_are(v[1], "content/tin-tuc/b.md:3:5: cảnh báo: chủ đề “chuyển "
	    "đổi số” được gộp vào “Chuyển đổi số” vì cùng địa chỉ "
	    "/chu-de/chuyen-doi-so/; hãy viết thống nhất một cách\n"
	    "content/tin-tuc/b.md:4:5: cảnh báo: chủ đề “Chuyển Đổi Số” được "
	    "gộp vào “Chuyển đổi số” vì cùng địa chỉ /chu-de/chuyen-doi-so/; "
	    "hãy viết thống nhất một cách\n");
	msgs_are(v[3], "");
	T_INTEQ(v[0]->diag.warnings, 1);
	T_OK(!v[0]->failed && !v[1]->failed);
	/* Ranks follow the order given. */
	T_INTEQ(v[0]->rank, 0);
	T_INTEQ(v[3]->rank, 3);
	/* Fields: procedures in title order, the last one names it. */
	T_STREQ(s.fields.base, "thu-tuc/linh-vuc/");
	T_INTEQ(s.fields.nterms, 2);
	T_STREQ(s.fields.terms[0].name, "Đất đai");
	T_STREQ(s.fields.terms[0].url, "thu-tuc/linh-vuc/dat-dai/");
	T_STREQ(s.fields.terms[1].name, "Hộ tịch");
	T_INTEQ(f[0]->diag.warnings, 1);
	T_INTEQ(f[1]->diag.warnings, 0);
	/* Lookups by any spelling. */
	t = taxonomy_find(&s.topics, "CHUYỂN ĐỔI SỐ");
	T_OK(t == &s.topics.terms[1]);
	T_OK(taxonomy_find(&s.units, "thanh  tra") == &s.units.terms[0]);
	T_OK(taxonomy_find(&s.units, "Chuyển đổi số") == NULL);
	T_OK(taxonomy_find(&s.topics, "") == NULL);
	/* Months newest first, in Vietnam's time zone. */
	T_INTEQ(s.nmonths, 3);
	T_STREQ(s.months[0].url, "luu-tru/2025/06/");
	T_STREQ(s.months[0].title, "Tháng 6/2025");
	T_INTEQ(s.months[0].nposts, 2);
	T_STREQ(s.months[1].url, "luu-tru/2025/05/");
	T_STREQ(s.months[1].title, "Tháng 5/2025");
	T_INTEQ(s.months[1].nposts, 1);
	T_OK(s.months[1].posts[0] == v[2]);
	T_STREQ(s.months[2].title, "Tháng 4/2025");
	T_OK(s.months[2].posts[0] == v[3] && s.months[2].nposts == 1);
	site_free(&s);
}

static void
test_empty_slug(void)
{
	struct site	 s;
	struct page	*v[2];

	v[0] = mkpage(PAGE_POST, "content/tin-tuc/b.md", "2025-06-02",
	    "tags: [An toàn, \"!!!\"]\n");
	v[1] = mkpage(PAGE_POST, "content/tin-tuc/a.md", "2025-06-01",
	    "unit: \"– –\"\n");
	T_INTEQ(mksite(&s, v, 2, NULL, 0), -1);
	msgs_are(v[0], "content/tin-tuc/b.md:2:17: lỗi: chủ đề “!!!” không có "
	    "chữ hay số nào để làm địa chỉ trang; hãy viết tên bằng chữ\n");
	msgs_are(v[1], "content/tin-tuc/a.md:2:7: lỗi: đơn vị “– –” không có "
	    "chữ hay số nào để làm địa chỉ trang; hãy viết tên bằng chữ\n");
	T_OK(v[0]->failed && v[1]->failed);
	/* The good name is still grouped. */
	T_INTEQ(s.topics.nterms, 1);
	T_STREQ(s.topics.terms[0].slug, "an-toan");
	T_INTEQ(s.units.nterms, 0);
	T_INTEQ(s.nmonths, 1);
	site_free(&s);

	/* No posts at all: empty, not an error. */
	T_INTEQ(mksite(&s, NULL, 0, NULL, 0), 0);
	T_INTEQ(s.topics.nterms + s.units.nterms + s.fields.nterms, 0);
	T_INTEQ(s.nmonths, 0);
	T_OK(taxonomy_find(&s.topics, "x") == NULL);
	site_free(&s);
}

int
main(void)
{
	test_grouping();
	test_empty_slug();
	return t_done("taxonomy");
}
