/*
 * test_portal_search.c - the portal's merged search index
 * (portal_search.h, docs/search.md "Across departments (the portal)"):
 * small departments' indexes written by search.c's own writer, merged,
 * and read back: ids by date across departments, URLs prefixed, "g",
 * postings, title postings, exact forms ("=" expanded and made again),
 * bigrams, the dictionary's df, the root's meta, the same bytes twice;
 * one department merged alone gives its own index back byte for byte,
 * and two generated ones the index of their union; damaged files and a
 * missing index said; the cache: warm gives cold's bytes, a changed
 * department is read again and the others not, a damaged, cut or other
 * version's cache file is made again; a changed department's files that
 * kept their identity are taken from its last image, not read, and one
 * that has not settled is read; a settled cache file is known by its
 * identity, not summed again.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "fs.h"
#include "hash.h"
#include "json.h"
#include "model.h"
#include "portal_search.h"
#include "routes.h"
#include "search.h"
#include "t.h"
#include "value.h"

static char	 tmp[] = "/tmp/cchc-psearch-XXXXXX";

/* --- Departments ------------------------------------------------------ */

struct tpage {
	enum page_kind	 kind;
	const char	*url, *title, *html, *date;	/* date NULL: none */
};

static struct site *
site_of(const struct tpage *tp, size_t n)
{
	struct site	*s = calloc(1, sizeof(*s));
	struct page	*p;
	char		 src[64];
	size_t		 i;

	s->pages = calloc(n ? n : 1, sizeof(*s->pages));
	for (i = 0; i < n; i++) {
		p = s->pages[i] = calloc(1, sizeof(*p));
		p->kind = tp[i].kind;
		snprintf(src, sizeof(src), "content/p%05zu.md", i);
		p->src = strdup(src);
		p->url = strdup(tp[i].url);
		p->title = strdup(tp[i].title);
		p->md.html = strdup(tp[i].html);
		p->md_done = 1;
		if (tp[i].date != NULL) {
			p->has_date = 1;
			sscanf(tp[i].date, "%d-%d-%d", &p->date.y, &p->date.m,
			    &p->date.d);
		}
	}
	s->npages = n;
	search_build(s, 1);
	return s;
}

static void
tsite_free(struct site *s)
{
	size_t	 i;

	search_free(s->search);
	for (i = 0; i < s->npages; i++) {
		free(s->pages[i]->src);
		free(s->pages[i]->url);
		free(s->pages[i]->title);
		free(s->pages[i]->md.html);
		free(s->pages[i]);
	}
	free(s->pages);
	free(s);
}

static void
put_at(const char *dir, char *rel, struct buf *b)
{
	char	*path = fs_join(dir, rel);

	if (fs_write(path, b->data, b->len) == -1)
		fprintf(stderr, "cannot write %s\n", path);
	free(path);
	free(rel);
	buf_reset(b);
}

/* The index search.c writes for s, under dir/tim-kiem/chi-muc/. */
static void
write_index(const char *dir, const struct site *s)
{
	const struct search *idx = s->search;
	struct buf	 b = BUF_INIT;
	unsigned	 k;
	size_t		 i;

	search_root_js(idx, &b);
	put_at(dir, strdup(ROUTE_SEARCH_ROOT), &b);
	for (k = 0; k < search_nshards(idx); k++) {
		search_dict_js(idx, k, &b);
		put_at(dir, route_search_dict(k, search_nshards(idx)), &b);
	}
	for (k = 0; k < search_nbuckets(idx); k++) {
		search_bucket_js(idx, k, &b);
		put_at(dir, route_search_bucket(k, search_nbuckets(idx)), &b);
	}
	for (i = 0; i < search_ndocs(idx); i++) {
		search_doc_js(s, search_doc_page(idx, i), &b);
		put_at(dir, route_search_doc((long)i), &b);
	}
	buf_free(&b);
}

static char *
dept_dir(const char *name)
{
	char	*d = fs_join(tmp, name);

	fs_rmtree(d);
	return d;
}

/* Department A: ids gioi-thieu 0 (no date), hoi-nghi 1, ke-hoach 2. */
static const struct tpage dept_a[] = {
	{ PAGE_POST, "tin-tuc/hoi-nghi/", "Hội nghị thủ tục",
	  "<p>Thủ tục hành chính được giao</p>", "2024-03-15" },
	{ PAGE_PLAN, "ke-hoach/kh/", "Kế hoạch", "<p>Được duyệt viec</p>",
	  "2024-05-01" },
	{ PAGE_PAGE, "gioi-thieu/", "Giới thiệu",
	  "<p>Giới thiệu chung alphaxx</p>", NULL },
};

/* Department B: cu 0, tt 1 (A's hoi-nghi's day), cp 2. */
static const struct tpage dept_b[] = {
	{ PAGE_POST, "tin-tuc/cu/", "Tin cũ", "<p>thủ tục mới betaxx</p>",
	  "2023-12-01" },
	{ PAGE_POST, "tin-tuc/tt/", "Thủ tục", "<p>hành chính được việc</p>",
	  "2024-03-15" },
	{ PAGE_PAGE, "trang/cp/", "Cấp phép", "<p>hành chính</p>",
	  "2025-02-01" },
};

static char *
make_dept(const char *name, const struct tpage *tp, size_t n)
{
	char		*dir = dept_dir(name);
	struct site	*s = site_of(tp, n);

	write_index(dir, s);
	tsite_free(s);
	return dir;
}

/* --- The merged files --------------------------------------------------- */

struct files {
	char	**rel, **data;
	size_t	 *len;
	size_t	  n, cap;
	int	  stop_at;	/* put() says stop at this file (-1: never) */
};

static int
collect(void *arg, const char *rel, const char *bytes, size_t len)
{
	struct files	*f = arg;

	if (f->stop_at >= 0 && f->n == (size_t)f->stop_at)
		return -1;
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->rel = realloc(f->rel, f->cap * sizeof(*f->rel));
		f->data = realloc(f->data, f->cap * sizeof(*f->data));
		f->len = realloc(f->len, f->cap * sizeof(*f->len));
	}
	f->rel[f->n] = strdup(rel);
	f->data[f->n] = malloc(len + 1);
	memcpy(f->data[f->n], bytes, len);
	f->data[f->n][len] = '\0';
	f->len[f->n++] = len;
	return 0;
}

static void
files_free(struct files *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++) {
		free(f->rel[i]);
		free(f->data[i]);
	}
	free(f->rel);
	free(f->data);
	free(f->len);
	memset(f, 0, sizeof(*f));
	f->stop_at = -1;
}

static const char *
file_of(const struct files *f, const char *rel)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->rel[i], rel) == 0)
			return f->data[i];
	return NULL;
}

/* A file's call's arguments as a JSON array (owned by the caller). */
static struct val *
args_of(const char *text)
{
	const char	*a, *z;
	struct buf	 b = BUF_INIT;
	struct val	*v;

	if (text == NULL || (a = strchr(text, '(')) == NULL ||
	    (z = strrchr(text, ')')) == NULL || z < a)
		return NULL;
	buf_putc(&b, '[');
	buf_put(&b, a + 1, (size_t)(z - a - 1));
	buf_putc(&b, ']');
	v = json_parse(b.data, b.len, NULL, 0);
	buf_free(&b);
	return v;
}

static int
root_num(const struct files *f, const char *key)
{
	struct val	*v = args_of(file_of(f, ROUTE_SEARCH_ROOT));
	int		 n = -1;

	if (v != NULL)
		n = (int)val_get_num(val_map_get(val_list_at(v, 0), key));
	val_unref(v);
	return n;
}

/* Term's value in its bucket as JSON text ("" when absent). */
static void
term_json(const struct files *f, const char *term, struct buf *out)
{
	unsigned	 nb = (unsigned)root_num(f, "nb");
	char		*rel = route_search_bucket(search_fnv1a(term,
			    strlen(term)) & (nb - 1), nb);
	struct val	*v = args_of(file_of(f, rel));

	buf_reset(out);
	if (v != NULL && val_map_get(val_list_at(v, 1), term) != NULL)
		val_to_json(val_map_get(val_list_at(v, 1), term), out, 0);
	val_unref(v);
	free(rel);
}

/* The postings of ids as JSON text. */
static void
post(struct buf *b, const uint32_t *ids, size_t n)
{
	search_postings(b, ids, n);
}

#define IDS(...)	((const uint32_t[]){ __VA_ARGS__ }),		\
	sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t)

static void
check_term(const struct files *f, const char *term, const char *want)
{
	struct buf	 b = BUF_INIT;

	term_json(f, term, &b);
	T_STREQ(buf_cstr(&b), want);
	buf_free(&b);
}

static struct val *
doc_of(const struct files *f, size_t id)
{
	char		*rel = route_search_doc((long)id);
	struct val	*v = args_of(file_of(f, rel));

	free(rel);
	return v;
}

static const char *
doc_str(const struct val *d, const char *key)
{
	const struct val *v = val_map_get(val_list_at(d, 1), key);

	return val_type(v) == VAL_STR ? val_get_str(v) : "(none)";
}

static int
merge(const struct psearch_src *src, size_t n, struct files *f,
    struct diag *d)
{
	files_free(f);
	diag_free(d);
	diag_init(d);
	return portal_search_merge(src, n, collect, NULL, f, d, NULL);
}

/* --- Tests -------------------------------------------------------------- */

static void
test_two(void)
{
	char		*a = make_dept("a", dept_a, 3), *b = make_dept("b",
			    dept_b, 3);
	struct psearch_src src[] = {
		{ a, "so-a/", "Sở A" }, { b, "so-b/", "Sở B" } };
	struct files	 f = { .stop_at = -1 }, g = { .stop_at = -1 };
	struct diag	 d;
	struct buf	 w = BUF_INIT;
	struct val	*v;
	const char	*want_u[] = { "so-a/gioi-thieu/", "so-b/tin-tuc/cu/",
			    "so-a/tin-tuc/hoi-nghi/", "so-b/tin-tuc/tt/",
			    "so-a/ke-hoach/kh/", "so-b/trang/cp/" };
	const char	*want_g[] = { "Sở A", "Sở B", "Sở A", "Sở B", "Sở A",
			    "Sở B" };
	const unsigned char want_meta[] = { 3 | 63 << 2, 0, 0 | 1 << 2,
			    0 | 1 << 2, 1 | 1 << 2, 3 | 2 << 2 };
	size_t		 i;

	diag_init(&d);
	T_INTEQ(merge(src, 2, &f, &d), 0);
	T_INTEQ(d.errors + d.warnings, 0);
	/* Every file once, the root last. */
	T_INTEQ(f.n, 6 + root_num(&f, "nb") + root_num(&f, "ns") + 1);
	T_STREQ(f.rel[f.n - 1], ROUTE_SEARCH_ROOT);
	T_INTEQ(root_num(&f, "n"), 6);
	T_INTEQ(root_num(&f, "y0"), 2023);
	T_INTEQ(root_num(&f, "v"), 1);
	/* Ids by date, then department, then old id; URL, "g", d. */
	for (i = 0; i < 6; i++) {
		v = doc_of(&f, i);
		T_INTEQ(val_get_num(val_list_at(v, 0)), i);
		T_STREQ(doc_str(v, "u"), want_u[i]);
		T_STREQ(doc_str(v, "g"), want_g[i]);
		val_unref(v);
	}
	v = doc_of(&f, 0);
	T_OK(val_type(val_map_get(val_list_at(v, 1), "d")) == VAL_NULL);
	val_unref(v);
	v = doc_of(&f, 3);
	T_STREQ(doc_str(v, "d"), "2024-03-15");
	T_STREQ(doc_str(v, "t"), "Thủ tục");
	T_STREQ(doc_str(v, "s"), "hành chính được việc");
	val_unref(v);
	/* "g" after "s", the keys in the documented order. */
	T_CONTAINS(file_of(&f, "tim-kiem/chi-muc/d/2.js"),
	    "cchcSearch.doc(2,{\"u\":\"so-a/tin-tuc/hoi-nghi/\",\"t\":"
	    "\"Hội nghị thủ tục\",\"k\":0,\"d\":\"2024-03-15\",\"s\":"
	    "\"Thủ tục hành chính được giao\",\"g\":\"Sở A\"})\n");
	/* The root's meta: type | (year - 2023) << 2. */
	v = args_of(file_of(&f, ROUTE_SEARCH_ROOT));
	buf_reset(&w);
	{
		const struct val *m = val_map_get(val_list_at(v, 0), "meta");

		T_INTEQ(search_unbase64(&w, val_get_str(m), val_str_len(m)),
		    0);
	}
	T_INTEQ(w.len, 6);
	T_OK(w.len == 6 && memcmp(w.data, want_meta, 6) == 0);
	val_unref(v);

	/* In both departments: thủ tục (A's 2; B's 1, 3), titles 2, 3. */
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(1, 2, 3));
	buf_putc(&w, ',');
	post(&w, IDS(2, 3));
	buf_puts(&w, ",{\"thủ\":\"=\"}]");
	check_term(&f, "thu", buf_cstr(&w));
	/* "=" in both, "=" again: được in 2, 4 and 3. */
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(2, 3, 4));
	buf_puts(&w, ",\"\",{\"được\":\"=\"}]");
	check_term(&f, "duoc", buf_cstr(&w));
	/* B's "=" expanded: việc only in 3, viec in 3 and 4. */
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(3, 4));
	buf_puts(&w, ",\"\",{\"việc\":");
	post(&w, IDS(3));
	buf_puts(&w, "}]");
	check_term(&f, "viec", buf_cstr(&w));
	/* In one department only. */
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(0));
	buf_puts(&w, ",\"\"]");
	check_term(&f, "alphaxx", buf_cstr(&w));
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(1));
	buf_puts(&w, ",\"\"]");
	check_term(&f, "betaxx", buf_cstr(&w));
	/* A title-only word. */
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(1));
	buf_putc(&w, ',');
	post(&w, IDS(1));
	buf_puts(&w, ",{\"cũ\":\"=\"}]");
	check_term(&f, "cu", buf_cstr(&w));
	/* Bigrams. */
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(2, 3, 5));
	buf_putc(&w, ']');
	check_term(&f, "hanh chinh", buf_cstr(&w));
	buf_reset(&w);
	buf_putc(&w, '[');
	post(&w, IDS(1, 2, 3));
	buf_putc(&w, ']');
	check_term(&f, "thu tuc", buf_cstr(&w));
	check_term(&f, "khong co", "");
	/* The dictionary: df from the merged postings. */
	{
		unsigned	 ns = (unsigned)root_num(&f, "ns");
		char		*rel;

		rel = route_search_dict(search_shard_of("thu", 3, ns), ns);
		T_CONTAINS(file_of(&f, rel), "\"thu\",3");
		free(rel);
		rel = route_search_dict(search_shard_of("hanh", 4, ns), ns);
		T_CONTAINS(file_of(&f, rel), "\"hanh\",3");
		free(rel);
		rel = route_search_dict(search_shard_of("alphaxx", 7, ns),
		    ns);
		T_CONTAINS(file_of(&f, rel), "\"alphaxx\",1");
		free(rel);
	}
	/* The same bytes again. */
	T_INTEQ(merge(src, 2, &g, &d), 0);
	T_INTEQ(g.n, f.n);
	for (i = 0; i < f.n && i < g.n; i++) {
		T_STREQ(g.rel[i], f.rel[i]);
		T_OK(g.len[i] == f.len[i] && memcmp(g.data[i], f.data[i],
		    f.len[i]) == 0);
	}
	/*
	 * Departments without an index first, between and last: the same
	 * bytes (each term's ids are found again by where its source's
	 * occurrences start, the skipped ones' included).
	 */
	{
		char		*none = dept_dir("none-two");
		struct psearch_src ws[5];
		struct diag	 wd;

		fs_mkdirs(none);
		ws[0].dir = ws[2].dir = ws[4].dir = none;
		ws[0].prefix = ws[2].prefix = ws[4].prefix = "x/";
		ws[0].name = ws[2].name = ws[4].name = "X";
		ws[1] = src[0];
		ws[3] = src[1];
		diag_init(&wd);
		T_INTEQ(merge(ws, 5, &g, &wd), 0);
		T_INTEQ(wd.errors, 0);
		T_INTEQ(wd.warnings, 3);
		T_INTEQ(g.n, f.n);
		for (i = 0; i < f.n && i < g.n; i++) {
			T_STREQ(g.rel[i], f.rel[i]);
			T_OK(g.len[i] == f.len[i] && memcmp(g.data[i],
			    f.data[i], f.len[i]) == 0);
		}
		diag_free(&wd);
		free(none);
	}
	/* The other order of departments: B's documents first on a tie. */
	{
		struct psearch_src rs[] = { src[1], src[0] };

		T_INTEQ(merge(rs, 2, &g, &d), 0);
		v = doc_of(&g, 2);
		T_STREQ(doc_str(v, "u"), "so-b/tin-tuc/tt/");
		val_unref(v);
	}
	/* put() says stop: -1, said. */
	files_free(&g);
	g.stop_at = 3;
	T_INTEQ(portal_search_merge(src, 2, collect, NULL, &g, &d, NULL), -1);
	T_INTEQ(g.n, 3);
	T_OK(d.errors > 0);
	files_free(&g);
	diag_free(&d);
	files_free(&f);
	buf_free(&w);
	free(a);
	free(b);
}

/* One department alone, no prefix or name: its own files, byte for byte. */
static void
same_files(const char *dir, const struct files *f)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, bad = 0;
	char		*path;

	for (i = 0; i < f->n; i++) {
		path = fs_join(dir, f->rel[i]);
		buf_reset(&b);
		if (fs_read(path, (size_t)1 << 26, &b) == -1 ||
		    b.len != f->len[i] || memcmp(b.data, f->data[i],
		    b.len) != 0) {
			if (bad++ == 0)
				fprintf(stderr, "differs: %s\n", f->rel[i]);
		}
		free(path);
	}
	T_INTEQ(bad, 0);
	buf_free(&b);
}

/* f, without each document's "g", is the index under dir. */
static void
same_but_g(const char *dir, const struct files *f)
{
	struct files	 nog = { .stop_at = -1 };
	struct buf	 b = BUF_INIT;
	char		*p;
	size_t		 i;

	for (i = 0; i < f->n; i++) {
		buf_reset(&b);
		buf_put(&b, f->data[i], f->len[i]);
		if ((p = strstr(b.data, ",\"g\":\"")) != NULL &&
		    strncmp(f->rel[i], "tim-kiem/chi-muc/d/", 19) == 0) {
			buf_truncate(&b, (size_t)(p - b.data));
			buf_puts(&b, "})\n");
		}
		collect(&nog, f->rel[i], b.data, b.len);
	}
	T_OK(nog.n > 0);
	same_files(dir, &nog);
	files_free(&nog);
	buf_free(&b);
}

/* n generated documents: dates over some years (some none), words by
   id, an exact form on a third, a word in almost every document. */
static struct tpage *
gen_pages(size_t n, const char *tag, unsigned seed)
{
	struct tpage	*tp = calloc(n, sizeof(*tp));
	char		 t[256];
	size_t		 i;
	unsigned	 r = seed;

	for (i = 0; i < n; i++) {
		r = r * 1103515245u + 12345u;
		tp[i].kind = (enum page_kind[]){ PAGE_POST, PAGE_PLAN,
		    PAGE_PAGE }[i % 3];
		snprintf(t, sizeof(t), "%s/p%04zu/", tag, i);
		tp[i].url = strdup(t);
		snprintf(t, sizeof(t), "tiêu đề t%c %s", (char)('a' + i % 5),
		    tag);
		tp[i].title = strdup(t);
		snprintf(t, sizeof(t), "<p>w%c x%c alpha beta %s %s k%u</p>",
		    (char)('a' + i % 7), (char)('a' + r % 11),
		    i % 3 == 0 ? "việc" : "viec", i % 50 == 0 ? "" : "chung",
		    (r >> 8) % 300);
		tp[i].html = strdup(t);
		if ((r >> 4) % 10 != 0) {
			snprintf(t, sizeof(t), "%04u-%02u-%02u",
			    2015 + (r >> 12) % 8, 1 + (r >> 16) % 12,
			    1 + (r >> 20) % 28);
			tp[i].date = strdup(t);
		}
	}
	return tp;
}

static void
gen_free(struct tpage *tp, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free((char *)tp[i].url);
		free((char *)tp[i].title);
		free((char *)tp[i].html);
		free((char *)tp[i].date);
	}
	free(tp);
}

#define NX	700
#define NY	450
#define NDEPT	5	/* the union test's departments */

static void
test_round_trip(void)
{
	struct tpage	*x = gen_pages(NX, "x", 1), *y = gen_pages(NY, "y", 7);
	struct tpage	*xy = calloc(NX + NY, sizeof(*xy));
	char		*dx = make_dept("x", x, NX);
	char		*dy = make_dept("y", y, NY);
	char		*dxy;
	struct psearch_src one[] = { { dx, "", NULL } };
	struct psearch_src two[] = { { dx, "", "X" }, { dy, "", "Y" } };
	struct files	 f = { .stop_at = -1 };
	struct diag	 d;

	diag_init(&d);
	/* A alone gives A back (the small one too). */
	T_INTEQ(merge(one, 1, &f, &d), 0);
	T_INTEQ(f.n, NX + root_num(&f, "nb") + root_num(&f, "ns") + 1);
	same_files(dx, &f);
	{
		char	*a = make_dept("a", dept_a, 3);

		one[0].dir = a;
		T_INTEQ(merge(one, 1, &f, &d), 0);
		same_files(a, &f);
		free(a);
	}
	/* Departments whose URLs already sort in their order (x/ before
	   y/ ...): the index of their union, but for each document's "g". */
	memcpy(xy, x, NX * sizeof(*xy));
	memcpy(xy + NX, y, NY * sizeof(*xy));
	{
		struct site	*s = site_of(xy, NX + NY);

		dxy = dept_dir("xy");
		write_index(dxy, s);
		tsite_free(s);
	}
	T_INTEQ(merge(two, 2, &f, &d), 0);
	T_INTEQ(root_num(&f, "n"), NX + NY);
	same_but_g(dxy, &f);
	free(dxy);
	/* More departments: postings merged from more runs. */
	{
		static const size_t sizes[NDEPT] = { 90, 1, 300, 0, 170 };
		struct tpage	*gp[NDEPT], *all;
		struct psearch_src many[NDEPT];
		char		*dirs[NDEPT], tag[8];
		size_t		 k, total = 0;
		struct site	*s;

		for (k = 0; k < NDEPT; k++)
			total += sizes[k];
		all = calloc(total, sizeof(*all));
		for (k = total = 0; k < NDEPT; k++) {
			snprintf(tag, sizeof(tag), "m%zu", k);
			gp[k] = gen_pages(sizes[k], tag, (unsigned)k * 31 + 5);
			dirs[k] = make_dept(tag, gp[k], sizes[k]);
			many[k].dir = dirs[k];
			many[k].prefix = "";
			many[k].name = tag;
			memcpy(all + total, gp[k], sizes[k] * sizeof(*all));
			total += sizes[k];
		}
		s = site_of(all, total);
		dxy = dept_dir("all");
		write_index(dxy, s);
		tsite_free(s);
		T_INTEQ(merge(many, NDEPT, &f, &d), 0);
		T_INTEQ(root_num(&f, "n"), total);
		same_but_g(dxy, &f);
		for (k = 0; k < NDEPT; k++) {
			gen_free(gp[k], sizes[k]);
			free(dirs[k]);
		}
		free(all);
		free(dxy);
	}
	T_INTEQ(d.errors + d.warnings, 0);
	files_free(&f);
	diag_free(&d);
	gen_free(x, NX);
	gen_free(y, NY);
	free(xy);
	free(dx);
	free(dy);
}

static void
write_file(const char *dir, const char *rel, const char *text)
{
	char	*path = fs_join(dir, rel);

	fs_write(path, text, strlen(text));
	free(path);
}

/* The first error's file is dir/rel, its text has want. */
static void
check_error(const struct diag *d, const char *dir, const char *rel,
    const char *want)
{
	char	*path = fs_join(dir, rel);

	T_INTEQ(d->errors, 1);
	if (d->len > 0) {
		T_STREQ(d->msgs[0].file, path);
		T_CONTAINS(d->msgs[0].text, want);
		T_CONTAINS(d->msgs[0].text, "Sở A");
	}
	free(path);
}

/* A bucket file for term holding text (its bucket among nb). */
static char *
bucket_for(const char *term, unsigned nb)
{
	return route_search_bucket(search_fnv1a(term, strlen(term)) &
	    (nb - 1), nb);
}

static void
test_errors(void)
{
	struct psearch_src src[] = { { NULL, "so-a/", "Sở A" },
	    { NULL, "so-b/", "Sở B" } };
	struct files	 f = { .stop_at = -1 };
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	char		*a, *rel, *none;
	unsigned	 nb;

	diag_init(&d);
	/* A department without an index: a warning, the other merged. */
	none = dept_dir("none");
	fs_mkdirs(none);
	src[0].dir = none;
	src[1].dir = a = make_dept("a", dept_a, 3);
	T_INTEQ(merge(src, 2, &f, &d), 0);
	T_INTEQ(d.errors, 0);
	T_INTEQ(d.warnings, 1);
	if (d.len > 0) {
		T_CONTAINS(d.msgs[0].file, "tim-kiem/chi-muc/goc.js");
		T_CONTAINS(d.msgs[0].text, "không có chỉ mục tìm kiếm");
		T_OK(d.msgs[0].level == DIAG_WARNING);
	}
	T_INTEQ(root_num(&f, "n"), 3);
	/* None at all: an empty index. */
	src[1].dir = none;
	T_INTEQ(merge(src, 2, &f, &d), 0);
	T_INTEQ(root_num(&f, "n"), 0);
	T_INTEQ(d.warnings, 2);
	free(a);

	src[0].dir = a = make_dept("a", dept_a, 3);
	nb = 8;
	/* A bucket that does not parse: its file, line:col. */
	rel = bucket_for("thu", nb);
	write_file(a, rel, "cchcSearch.bucket(\"x\",{\"thu\":[\"\",]})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, rel, "hỏng");
	if (d.len > 0) {
		T_INTEQ(d.msgs[0].line, 1);
		T_INTEQ(d.msgs[0].col, 34);
	}
	/* Its name wrong. */
	write_file(a, rel, "cchcSearch.bucket(\"x\",{})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, rel, "cchcSearch.bucket(");
	/* Postings that do not decode: the string's line:col. */
	{
		char	*name = search_bucket_name(search_fnv1a("thu", 3) &
			    (nb - 1), nb);

		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"thu\":[\"v!!\","
		    "\"\"]})\n", name);
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "không giải mã được");
		if (d.len > 0) {
			T_INTEQ(d.msgs[0].line, 1);
			T_INTEQ(d.msgs[0].col, 31);
		}
		/* An id out of range: gap 100, id 99 of 3. */
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"thu\":[\"vZA\","
		    "\"\"]})\n", name);
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "mã tài liệu 99");
		/* A bitmap past the documents. */
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"thu\":[\"bCA\","
		    "\"\"]})\n", name);
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "mã tài liệu 3");
		/* A LEB128 cut short, and a gap of 0. */
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"thu\":[\"vgA\","
		    "\"\"]})\n", name);
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "không giải mã được");
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"thu\":[\"vAQA\","
		    "\"\"]})\n", name);
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "không tăng dần");
		/* A unigram shaped as a bigram; a form that is no string. */
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"thu\":[\"vAQ\"]})"
		    "\n", name);
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "không đúng dạng");
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"thu\":[\"vAQ\","
		    "\"\",{\"thủ\":3}]})\n", name);
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "phải là một chuỗi");
		/* A term in another term's bucket. */
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{\"zzz%s\":[\"vAQ\","
		    "\"\"]})\n", name, (search_fnv1a("zzz", 3) & (nb - 1)) ==
		    (search_fnv1a("thu", 3) & (nb - 1)) ? "q" : "");
		write_file(a, rel, b.data);
		T_INTEQ(merge(src, 1, &f, &d), -1);
		check_error(&d, a, rel, "không thuộc tệp này");
		free(name);
	}
	free(rel);
	/* Not a call at all. */
	free(a);
	src[0].dir = a = make_dept("a", dept_a, 3);
	rel = bucket_for("thu", nb);
	write_file(a, rel, "<html>404</html>\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, rel, "không phải tệp chỉ mục tìm kiếm");
	free(rel);
	/* A document's file missing. */
	free(a);
	src[0].dir = a = make_dept("a", dept_a, 3);
	rel = route_search_doc(1);
	{
		char	*path = fs_join(a, rel);

		unlink(path);
		free(path);
	}
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, rel, "không đọc được");
	free(rel);
	/* A document of another id, or without its date's shape. */
	write_file(a, "tim-kiem/chi-muc/d/1.js", "cchcSearch.doc(2,{\"u\":\"a/"
	    "\",\"t\":\"\",\"k\":0,\"d\":null,\"s\":\"\"})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, "tim-kiem/chi-muc/d/1.js", "cchcSearch.doc(1,");
	write_file(a, "tim-kiem/chi-muc/d/1.js", "cchcSearch.doc(1,{\"u\":\"a/"
	    "\",\"t\":\"\",\"k\":0,\"d\":\"15/03/2024\",\"s\":\"\"})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, "tim-kiem/chi-muc/d/1.js", "YYYY-MM-DD");
	/* A root of another version; one whose meta is not n bytes. */
	free(a);
	src[0].dir = a = make_dept("a", dept_a, 3);
	write_file(a, ROUTE_SEARCH_ROOT, "cchcSearch.root({\"v\":2,\"n\":3,"
	    "\"nb\":8,\"ns\":1,\"y0\":2024,\"meta\":\"AAAA\"})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, ROUTE_SEARCH_ROOT, "phiên bản");
	write_file(a, ROUTE_SEARCH_ROOT, "cchcSearch.root({\"v\":1,\"n\":3,"
	    "\"nb\":8,\"ns\":1,\"y0\":2024,\"meta\":\"AAAAAA\"})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, ROUTE_SEARCH_ROOT, "\"meta\"");
	write_file(a, ROUTE_SEARCH_ROOT, "cchcSearch.root({\"v\":1,\"n\":3,"
	    "\"nb\":12,\"ns\":1,\"y0\":2024,\"meta\":\"AAAA\"})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, ROUTE_SEARCH_ROOT, "\"nb\"");
	/* A root naming more documents than there are files. */
	write_file(a, ROUTE_SEARCH_ROOT, "cchcSearch.root({\"v\":1,\"n\":4,"
	    "\"nb\":8,\"ns\":1,\"y0\":2024,\"meta\":\"AAAAAA\"})\n");
	T_INTEQ(merge(src, 1, &f, &d), -1);
	check_error(&d, a, "tim-kiem/chi-muc/d/3.js", "không đọc được");
	files_free(&f);
	diag_free(&d);
	buf_free(&b);
	free(a);
	free(none);
}

#define UNB64(s, want) do {						\
	struct buf t_b_ = BUF_INIT;					\
	T_INTEQ(search_unbase64(&t_b_, (s), strlen(s)), 0);		\
	T_STREQ(buf_cstr(&t_b_), (want));				\
	buf_free(&t_b_);						\
} while (0)

/* The helpers search.h gained for the merge. */
static void
test_helpers(void)
{
	struct buf	 b = BUF_INIT;
	unsigned char	 all[256];
	unsigned	 nb, ns;
	size_t		 i;

	UNB64("", "");
	UNB64("Zg", "f");
	UNB64("Zm8", "fo");
	UNB64("Zm9v", "foo");
	UNB64("Zm9vYmFy", "foobar");
	T_INTEQ(search_unbase64(&b, "Z", 1), -1);
	T_INTEQ(search_unbase64(&b, "Zm9=", 4), -1);
	T_INTEQ(search_unbase64(&b, "Zm 9", 4), -1);
	T_INTEQ(search_unbase64(&b, "Zm-9", 4), -1);
	for (i = 0; i < sizeof(all); i++)
		all[i] = (unsigned char)(255 - i);
	buf_reset(&b);
	search_base64(&b, all, sizeof(all));
	{
		struct buf	 d = BUF_INIT;

		T_INTEQ(search_unbase64(&d, b.data, b.len), 0);
		T_OK(d.len == sizeof(all) && memcmp(d.data, all,
		    sizeof(all)) == 0);
		buf_free(&d);
	}
	/* The rules' ends: 8 buckets and 1 shard at least; 2 KB, 8 KB. */
	search_counts(0, 0, &nb, &ns);
	T_INTEQ(nb, 8);
	T_INTEQ(ns, 1);
	search_counts(8 * 2048, 8192, &nb, &ns);
	T_INTEQ(nb, 8);
	T_INTEQ(ns, 1);
	search_counts(8 * 2048 + 8, 8192 + 1, &nb, &ns);
	T_INTEQ(nb, 16);
	T_INTEQ(ns, 2);
	search_counts((size_t)1 << 40, (size_t)1 << 40, &nb, &ns);
	T_INTEQ(nb, 65536);
	T_INTEQ(ns, 4096);
	/* A bigram: its term and P; a unigram: T too; a form. */
	T_INTEQ(search_term_bytes(3, 1, IDS(0), NULL, 0), 3 + 6 + 5);
	T_INTEQ(search_term_bytes(3, 0, IDS(0), IDS(0)), 3 + 6 + 5 + 1 + 5);
	T_INTEQ(search_form_bytes(4, IDS(0), 1), 4 + 4 + 3);
	T_INTEQ(search_postings_len(NULL, 0), 2);
	buf_free(&b);
}

/*
 * A department written by hand, its ids not in date order (search.c
 * never writes one so, but the merge must not rely on it): ids swap,
 * postings sorted again.
 */
static void
test_hand(void)
{
	char		*h = dept_dir("hand"), *rel, *name;
	struct psearch_src src[] = { { h, "h/", "Sở H" } };
	struct files	 f = { .stop_at = -1 };
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	unsigned	 k, hb = search_fnv1a("hand", 4) & 7;
	unsigned	 bb = search_fnv1a("hand made", 9) & 7;
	struct val	*v;

	diag_init(&d);
	/* Old 0: a post of 2025; old 1: a page of 2020 (y0). */
	write_file(h, ROUTE_SEARCH_ROOT, "cchcSearch.root({\"v\":1,\"n\":2,"
	    "\"nb\":8,\"ns\":1,\"y0\":2020,\"meta\":\"FAM\"})\n");
	write_file(h, "tim-kiem/chi-muc/d/0.js", "cchcSearch.doc(0,{\"u\":"
	    "\"a/\",\"t\":\"A\",\"k\":0,\"d\":\"2025-01-01\",\"s\":"
	    "\"x\"})\n");
	write_file(h, "tim-kiem/chi-muc/d/1.js", "cchcSearch.doc(1,{\"u\":"
	    "\"b/\",\"t\":\"B\",\"k\":3,\"d\":\"2020-06-01\",\"s\":"
	    "\"y\"})\n");
	for (k = 0; k < 8; k++) {
		name = search_bucket_name(k, 8);
		buf_reset(&b);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{", name);
		/* hand: P {0, 1}, T {0}, hánd {1}; hand made {0, 1}. */
		if (k == hb)
			buf_puts(&b, "\"hand\":[\"bAw\",\"vAQ\",{\"hánd\":"
			    "\"vAg\",\"hànd\":\"=\"}]");
		if (k == bb)
			buf_printf(&b, "%s\"hand made\":[\"bAw\"]",
			    k == hb ? "," : "");
		buf_puts(&b, "})\n");
		rel = route_search_bucket(k, 8);
		write_file(h, rel, b.data);
		free(rel);
		free(name);
	}
	T_INTEQ(merge(src, 1, &f, &d), 0);
	T_INTEQ(d.errors + d.warnings, 0);
	v = doc_of(&f, 0);
	T_STREQ(doc_str(v, "u"), "h/b/");
	val_unref(v);
	v = doc_of(&f, 1);
	T_STREQ(doc_str(v, "u"), "h/a/");
	T_STREQ(doc_str(v, "g"), "Sở H");
	val_unref(v);
	/* Old 1 is new 0: T {1}, hánd {0}, hànd "=" still; P the same. */
	buf_reset(&b);
	buf_putc(&b, '[');
	post(&b, IDS(0, 1));
	buf_putc(&b, ',');
	post(&b, IDS(1));
	buf_puts(&b, ",{\"hànd\":\"=\",\"hánd\":");
	post(&b, IDS(0));
	buf_puts(&b, "}]");
	check_term(&f, "hand", b.data);
	buf_reset(&b);
	buf_putc(&b, '[');
	post(&b, IDS(0, 1));
	buf_putc(&b, ']');
	check_term(&f, "hand made", b.data);
	/* The root: y0 2020, new 0 a page of 2020, new 1 a post of 2025. */
	T_INTEQ(root_num(&f, "y0"), 2020);
	T_CONTAINS(file_of(&f, ROUTE_SEARCH_ROOT), "\"meta\":\"AxQ\"");
	files_free(&f);
	diag_free(&d);
	buf_free(&b);
	free(h);
}

/* --- The cache ----------------------------------------------------------- */

static int
merge_c(const struct psearch_src *src, size_t n, struct files *f,
    struct diag *d, const char *cache)
{
	files_free(f);
	diag_free(d);
	diag_init(d);
	return portal_search_merge(src, n, collect, NULL, f, d, cache);
}

/* Are a and b the same files, in the same order, with the same bytes? */
static int
same_bytes(const struct files *a, const struct files *b)
{
	size_t	 i;

	if (a->n != b->n || a->n == 0)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->rel[i], b->rel[i]) != 0 || a->len[i] != b->len[i] ||
		    memcmp(a->data[i], b->data[i], a->len[i]) != 0)
			return 0;
	return 1;
}

/* A file written in place (same inode, its folder untouched). */
static void
overwrite(const char *path, const char *bytes, size_t len)
{
	FILE	*fp = fopen(path, "r+");

	T_OK(fp != NULL);
	if (fp == NULL)
		return;
	T_OK(ftruncate(fileno(fp), 0) == 0);
	T_OK(fwrite(bytes, 1, len, fp) == len);
	fclose(fp);
}

static char *
cache_ext(const char *cache, const char *dir, const char *ext)
{
	char	 name[64], *sub = fs_join(cache, "_tim-kiem"), *p;

	snprintf(name, sizeof(name), "%016llx%s",
	    (unsigned long long)hash64(dir, strlen(dir), 0), ext);
	p = fs_join(sub, name);
	free(sub);
	return p;
}

static char *
cache_file(const char *cache, const char *dir)
{
	return cache_ext(cache, dir, ".bin");
}

/* path's mtime set to t (seconds, nanoseconds). */
static void
set_mtime(const char *path, time_t t, long ns)
{
	struct timespec	 ts[2] = { { 0, UTIME_OMIT }, { t, ns } };

	T_INTEQ(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Every file of dir's index (docs, buckets, shards, root) last changed at t. */
static void
age_index(const char *dir, size_t ndocs, unsigned nb, time_t t)
{
	char	*rel, *path;
	size_t	 i;

	for (i = 0; i < ndocs + nb + 1; i++) {
		rel = i < ndocs ? route_search_doc((long)i) : i < ndocs + nb ?
		    route_search_bucket((unsigned)(i - ndocs), nb) :
		    strdup(ROUTE_SEARCH_ROOT);
		path = fs_join(dir, rel);
		set_mtime(path, t, 0);
		free(path);
		free(rel);
	}
}

/*
 * A file made and removed in dir's folder of documents: the folder's
 * identity changes (as a department's rebuild changes it), so its
 * image is made again.
 */
static void
touch_folder(const char *dir)
{
	char	*p = fs_join(dir, "tim-kiem/chi-muc/d/x.tmp");

	T_INTEQ(fs_write(p, "x", 1), 0);
	T_INTEQ(unlink(p), 0);
	free(p);
}

/* The file at path with its first `from` replaced by `to` (same size). */
static void
edit_in_place(const char *path, const char *from, const char *to)
{
	struct buf	 b = BUF_INIT;
	char		*at;

	T_INTEQ(fs_read(path, 1 << 20, &b), 0);
	T_OK((at = strstr(buf_cstr(&b), from)) != NULL);
	if (at != NULL && strlen(to) == strlen(from)) {
		memcpy(at, to, strlen(to));
		overwrite(path, b.data, b.len);
	}
	buf_free(&b);
}

static void
test_reuse(void)
{
	char		*a = make_dept("ra", dept_a, 3), *b = make_dept("rb",
			    dept_b, 3), *cache = fs_join(tmp, "rcache");
	char		*doc = fs_join(a, "tim-kiem/chi-muc/d/0.js"), *bucket;
	char		*bin = cache_ext(cache, a, ".bin"),
			*ids = cache_ext(cache, a, ".ids"), *rel;
	struct psearch_src src[] = {
		{ a, "so-a/", "Sở A" }, { b, "so-b/", "Sở B" } };
	struct files	 none = { .stop_at = -1 }, cold = { .stop_at = -1 },
			 warm = { .stop_at = -1 };
	struct buf	 x = BUF_INIT;
	struct stat	 st;
	struct diag	 d;
	time_t		 t = time(NULL) - 100;
	unsigned	 nb;

	diag_init(&d);
	/* Every file settled: the merge knows each by its identity. */
	T_INTEQ(merge_c(src, 2, &cold, &d, NULL), 0);
	nb = (unsigned)root_num(&cold, "nb");
	T_OK(nb >= 1);
	age_index(a, 3, nb, t);
	age_index(b, 3, nb, t);
	T_INTEQ(merge_c(src, 2, &cold, &d, cache), 0);
	T_INTEQ((int)d.errors, 0);

	/* A's document 0 changed in place at its size, its inode and mtime
	   kept, and A's folder changed: its image is made again, with that
	   document taken from the last image, not read. */
	edit_in_place(doc, "alphaxx", "alphaxy");
	set_mtime(doc, t, 0);
	touch_folder(a);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_INTEQ((int)d.errors, 0);
	T_OK(same_bytes(&cold, &warm));
	T_INTEQ(merge_c(src, 2, &none, &d, NULL), 0);
	T_OK(!same_bytes(&cold, &none));
	T_CONTAINS(file_of(&none, "tim-kiem/chi-muc/d/0.js"), "alphaxy");
	/* Its mtime moved (as a rebuild's new file has): read again. */
	set_mtime(doc, t + 1, 0);
	touch_folder(a);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_OK(same_bytes(&none, &warm));

	/* A bucket likewise: garbage at its size, its identity kept, is not
	   read; with a new mtime it is, and said. */
	rel = route_search_bucket(0, nb);
	bucket = fs_join(a, rel);
	free(rel);
	T_INTEQ(fs_read(bucket, 1 << 20, &x), 0);
	memset(x.data, '#', x.len);
	overwrite(bucket, x.data, x.len);
	set_mtime(bucket, t, 0);
	touch_folder(a);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_INTEQ((int)d.errors, 0);
	T_OK(same_bytes(&none, &warm));
	set_mtime(bucket, t + 1, 0);
	touch_folder(a);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), -1);
	T_OK(d.errors > 0);
	T_CONTAINS(d.len > 0 && d.msgs[0].file != NULL ? d.msgs[0].file : "", "ds/");

	/* Files that have not settled are not known by their identity:
	   made anew, a document written again in place at its size with
	   the very same mtime (as within one tick of the clock) is read. */
	free(make_dept("ra", dept_a, 3));
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_INTEQ(stat(doc, &st), 0);
	edit_in_place(doc, "alphaxx", "alphaxz");
	set_mtime(doc, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	touch_folder(a);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_CONTAINS(file_of(&warm, "tim-kiem/chi-muc/d/0.js"), "alphaxz");
	T_INTEQ(merge_c(src, 2, &none, &d, NULL), 0);
	T_OK(same_bytes(&none, &warm));

	/* The cache file, once settled and checked whole, is known by its
	   identity (the ids file says it): not summed again.  Damaged in
	   place with its identity kept, that damage is not seen (git's
	   index trusts its stat data alike); with a new mtime it is, and
	   the file is made again. */
	buf_reset(&x);
	T_INTEQ(fs_read(ids, 1 << 24, &x), 0);
	T_OK(x.len >= 52 && cf_le_get((unsigned char *)x.data + 44, 8) == 0);
	set_mtime(bin, t, 0);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_OK(same_bytes(&none, &warm));
	buf_reset(&x);
	T_INTEQ(fs_read(ids, 1 << 24, &x), 0);
	T_OK(x.len >= 52 && cf_le_get((unsigned char *)x.data + 44, 8) != 0);
	buf_reset(&x);
	T_INTEQ(fs_read(bin, 1 << 24, &x), 0);
	T_OK(x.len > 10);
	x.data[x.len - 2] ^= 0x20;	/* in the texts */
	overwrite(bin, x.data, x.len);
	set_mtime(bin, t, 0);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_OK(!same_bytes(&none, &warm));
	set_mtime(bin, t + 1, 0);
	T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
	T_INTEQ((int)d.errors, 0);
	T_OK(same_bytes(&none, &warm));

	diag_free(&d);
	files_free(&none);
	files_free(&cold);
	files_free(&warm);
	buf_free(&x);
	free(bucket);
	free(doc);
	free(bin);
	free(ids);
	free(cache);
	free(a);
	free(b);
}

static void
test_cache(void)
{
	char		*a = make_dept("ca", dept_a, 3), *b = make_dept("cb",
			    dept_b, 3), *cache = fs_join(tmp, "cache");
	char		*doc = fs_join(a, "tim-kiem/chi-muc/d/0.js");
	char		*ca = cache_file(cache, a), *cb = cache_file(cache, b);
	struct psearch_src src[] = {
		{ a, "so-a/", "Sở A" }, { b, "so-b/", "Sở B" } };
	struct files	 none = { .stop_at = -1 }, cold = { .stop_at = -1 },
			 warm = { .stop_at = -1 };
	struct buf	 orig = BUF_INIT, good = BUF_INIT, x = BUF_INIT;
	const char	*what[] = { "damaged", "cut", "version", "texts damaged",
			    "longer", "head damaged", "texts cut" };
	int		 k;

	/* No cache, then cold, then warm: the same bytes. */
	T_INTEQ(merge_c(src, 2, &none, &(struct diag){ 0 }, NULL), 0);
	{
		struct diag	 d;

		diag_init(&d);
		T_INTEQ(merge_c(src, 2, &cold, &d, cache), 0);
		T_INTEQ((int)d.errors, 0);
		T_OK(same_bytes(&none, &cold));
		T_OK(fs_is_file(ca) && fs_is_file(cb));
		/* A's document damaged in place: the cache is what is read. */
		T_INTEQ(fs_read(doc, 1 << 20, &orig), 0);
		overwrite(doc, "garbage", 7);
		T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
		T_INTEQ((int)d.errors, 0);
		T_OK(same_bytes(&cold, &warm));
		/* Without the cache the damage is seen. */
		T_INTEQ(merge_c(src, 2, &warm, &d, NULL), -1);
		T_OK(d.errors > 0);
		/* B built again otherwise: it is read again, A is not. */
		free(make_dept("cb", dept_a, 2));
		T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
		T_INTEQ((int)d.errors, 0);
		overwrite(doc, orig.data, orig.len);
		T_INTEQ(merge_c(src, 2, &none, &d, NULL), 0);
		T_OK(same_bytes(&none, &warm));
		T_OK(!same_bytes(&cold, &warm));
		/* A cache file damaged, cut, of another version: made again.
		   The texts (after the sealed head) have their own checksum. */
		T_INTEQ(fs_read(ca, 1 << 24, &good), 0);
		T_OK(good.len > 64);
		for (k = 0; k < 7; k++) {
			buf_reset(&x);
			buf_put(&x, good.data, good.len);
			if (k == 0)
				x.data[x.len / 2] ^= 0x55;
			else if (k == 1)
				x.len /= 2;
			else if (k == 2)
				x.data[8]++;	/* the header's version */
			else if (k == 3)
				x.data[x.len - 1] ^= 0x20;
			else if (k == 4)
				buf_putc(&x, ' ');
			else if (k == 5)
				x.data[40] ^= 1;	/* in the sealed head */
			else
				x.len--;
			T_INTEQ(fs_write(ca, x.data, x.len), 0);
			T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
			T_INTEQ((int)d.errors, 0);
			if (!same_bytes(&none, &warm))
				T_STREQ(what[k], "same bytes");
			buf_reset(&x);
			T_INTEQ(fs_read(ca, 1 << 24, &x), 0);
			T_OK(x.len == good.len &&
			    memcmp(x.data, good.data, x.len) == 0);
		}
		/* The last merge's record damaged or cut: every file made
		   as without it. */
		{
			char *rec = fs_join(cache, "_tim-kiem/gop.bin");

			T_INTEQ(fs_read(rec, 1 << 24, &good), 0);
			T_OK(good.len > 64);
			for (k = 0; k < 3; k++) {
				buf_reset(&x);
				buf_put(&x, good.data, good.len);
				if (k == 0)
					x.data[x.len - 3] ^= 0x11;
				else if (k == 1)
					x.len -= 5;
				else
					x.data[40] ^= 1;
				T_INTEQ(fs_write(rec, x.data, x.len), 0);
				T_INTEQ(merge_c(src, 2, &warm, &d, cache), 0);
				T_INTEQ((int)d.errors, 0);
				T_OK(same_bytes(&none, &warm));
			}
			free(rec);
		}
		/* A department left out of the list: its record goes, the
		   other stays and is used. */
		{
			char *ib = cache_ext(cache, b, ".ids");

			T_OK(fs_is_file(ib));
			T_INTEQ(merge_c(src, 1, &warm, &d, cache), 0);
			T_INTEQ((int)d.errors, 0);
			T_OK(fs_is_file(ca) && !fs_is_file(cb) &&
			    !fs_is_file(ib));
			free(ib);
		}
		/* A cache folder that cannot be made: merged without. */
		T_INTEQ(merge_c(src, 2, &warm, &d, doc), 0);
		T_OK(same_bytes(&none, &warm));
		diag_free(&d);
	}
	files_free(&none);
	files_free(&cold);
	files_free(&warm);
	buf_free(&orig);
	buf_free(&good);
	buf_free(&x);
	free(doc);
	free(ca);
	free(cb);
	free(cache);
	free(a);
	free(b);
}

int
main(void)
{
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_helpers();
	test_two();
	test_round_trip();
	test_hand();
	test_errors();
	test_cache();
	test_reuse();
	fs_rmtree(tmp);
	return t_done("portal_search");
}
