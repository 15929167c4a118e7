/*
 * catalog.c - the procedures catalogue across departments; see
 * catalog.h and docs/bang-theo-doi.md.
 *
 * Every procedure of every department becomes a record; the records are
 * sorted once (by code, numbers as numbers, then portal order) and the
 * runs with one code are the entries: O(n log n) for any number of
 * departments, and the order of departments inside an entry is the
 * portal's by construction.
 */
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "escape.h"
#include "buf.h"
#include "catalog.h"
#include "util.h"
#include "value.h"

/* The fields compared between departments, with their Vietnamese names. */
static const struct {
	const char	*key;
	const char	*label;
} compared[] = {
	{ "title", "Tên thủ tục" },
	{ "field", "Lĩnh vực" },
	{ "level", "Cấp thực hiện" },
	{ "deadline", "Thời hạn giải quyết" },
	{ "fee", "Phí, lệ phí" },
	{ "online", "Mức độ trực tuyến" },
	{ "decision", "Quyết định công bố" },
	{ "effective", "Ngày hiệu lực" },
};
#define NCOMPARED	(sizeof(compared) / sizeof(compared[0]))

/* One procedure of one department. */
struct rec {
	char		 *code;		/* normalised; NULL: none */
	const char	 *title;	/* for codeless ones' order */
	size_t		  dept, seq;	/* seq: portal order, then the data's */
	const struct val *proc;
};

static const char *
sget(const struct val *m, const char *key)
{
	return val_get_str(val_map_get(m, key));
}

static const char *
str_or(const char *s, const char *dflt)
{
	return s != NULL ? s : dflt;
}

static struct val *
str_or_null(const char *s)
{
	return s != NULL ? val_str(s) : val_null();
}

/* Length of the white space at s (ASCII and U+00A0), 0 if none. */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return 2;
	return 0;
}

/*
 * s with every run of white space one space and none at the ends
 * (caller frees); NULL for NULL or only white space.
 */
static char *
norm(const char *s)
{
	struct buf	 b = BUF_INIT;
	size_t		 k;
	int		 gap = 0;

	if (s == NULL)
		return NULL;
	while (*s != '\0') {
		if ((k = space_at(s)) > 0) {
			gap = 1;
			s += k;
			continue;
		}
		if (gap && b.len > 0)
			buf_putc(&b, ' ');
		gap = 0;
		buf_putc(&b, *s++);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
catalog_code_cmp(const char *a, const char *b)
{
	size_t	 la, lb;
	int	 c;

	while (*a != '\0' && *b != '\0') {
		if (is_digit(*a) && is_digit(*b)) {
			while (*a == '0' && is_digit(a[1]))
				a++;
			while (*b == '0' && is_digit(b[1]))
				b++;
			for (la = 0; is_digit(a[la]); la++)
				continue;
			for (lb = 0; is_digit(b[lb]); lb++)
				continue;
			/* More significant digits: a bigger number. */
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = memcmp(a, b, la)) != 0)
				return c < 0 ? -1 : 1;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	if (*a != '\0' || *b != '\0')
		return *a == '\0' ? -1 : 1;
	return 0;
}

static int
rec_cmp(const void *x, const void *y)
{
	const struct rec *a = x, *b = y;
	int		 c;

	if ((a->code == NULL) != (b->code == NULL))
		return a->code == NULL ? 1 : -1;
	if (a->code != NULL) {
		if ((c = catalog_code_cmp(a->code, b->code)) != 0 ||
		    (c = strcmp(a->code, b->code)) != 0)
			return c;
	} else if ((c = strcmp(a->title, b->title)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* A department's name: portal.yaml's, else its data's, else its slug. */
static const char *
dept_name(const struct board_dept *d)
{
	const char	*s = d->name;

	if (s == NULL)
		s = sget(val_map_get(d->data, "site"), "department");
	if (s == NULL)
		s = d->slug;
	return s != NULL ? s : "";
}

/* The entry of records r[0 .. n) (one code, or one codeless record). */
static struct val *
entry_val(const struct board_dept *depts, const struct rec *r, size_t n)
{
	struct val	*e = val_map(), *l = val_list(), *diffs = val_list(),
			*dm, *df, *vals, *v;
	char		*first, *other;
	size_t		 i, k, j;
	int		 differs;

	val_map_set(e, "code", str_or_null(r[0].code));
	val_map_set(e, "title", str_or_null(sget(r[0].proc, "title")));
	val_map_set(e, "field", str_or_null(sget(r[0].proc, "field")));
	val_map_set(e, "level", str_or_null(sget(r[0].proc, "level")));
	for (i = 0; i < n; i++) {
		const struct board_dept *d = &depts[r[i].dept];

		dm = val_map();
		val_map_set_str(dm, "name", dept_name(d));
		val_map_set_str(dm, "slug", d->slug != NULL ? d->slug : "");
		val_map_set(dm, "url", str_or_null(sget(r[i].proc, "url")));
		for (k = 0; k < NCOMPARED; k++)
			val_map_set(dm, compared[k].key, str_or_null(sget(
			    r[i].proc, compared[k].key)));
		val_list_push(l, dm);
	}
	val_map_set(e, "departments", l);
	val_map_set_num(e, "ndepartments", (double)n);

	for (k = 0; k < NCOMPARED; k++) {
		differs = 0;
		first = norm(sget(r[0].proc, compared[k].key));
		for (j = 1; j < n && !differs; j++) {
			other = norm(sget(r[j].proc, compared[k].key));
			if ((first == NULL) != (other == NULL) ||
			    (first != NULL && strcmp(first, other) != 0))
				differs = 1;
			free(other);
		}
		free(first);
		if (!differs)
			continue;
		df = val_map();
		val_map_set_str(df, "field", compared[k].key);
		val_map_set_str(df, "label", compared[k].label);
		vals = val_list();
		for (j = 0; j < n; j++) {
			const struct board_dept *d = &depts[r[j].dept];

			v = val_map();
			val_map_set_str(v, "name", dept_name(d));
			val_map_set_str(v, "slug", d->slug != NULL ? d->slug :
			    "");
			val_map_set(v, "value", str_or_null(sget(r[j].proc,
			    compared[k].key)));
			val_list_push(vals, v);
		}
		val_map_set(df, "values", vals);
		val_list_push(diffs, df);
	}
	val_map_set_bool(e, "differs", val_list_len(diffs) > 0);
	val_map_set(e, "differences", diffs);
	return e;
}

struct val *
catalog_make(const struct board_dept *depts, size_t n)
{
	struct val		*out = val_list();
	struct rec		*r = NULL;
	const struct val	*procs, *p;
	size_t			 nr = 0, cap = 0, i, k, j;

	for (i = 0; i < n; i++) {
		procs = val_map_get(depts[i].data, "procedures");
		for (k = 0; k < val_list_len(procs); k++) {
			p = val_list_at(procs, k);
			if (val_type(p) != VAL_MAP)
				continue;
			ARRAY_GROW(r, nr, cap, 64);
			r[nr].code = norm(sget(p, "code"));
			r[nr].title = sget(p, "title") != NULL ?
			    sget(p, "title") : "";
			r[nr].dept = i;
			r[nr].seq = nr;
			r[nr].proc = p;
			nr++;
		}
	}
	if (nr > 1)
		qsort(r, nr, sizeof(*r), rec_cmp);
	for (i = 0; i < nr; i = j) {
		/* A codeless procedure stands alone: dept + url is unique. */
		j = i + 1;
		if (r[i].code != NULL)
			while (j < nr && r[j].code != NULL &&
			    strcmp(r[j].code, r[i].code) == 0)
				j++;
		val_list_push(out, entry_val(depts, r + i, j - i));
	}
	for (i = 0; i < nr; i++)
		free(r[i].code);
	free(r);
	return out;
}

void
catalog_csv(const struct val *cat, struct buf *out)
{
	static const char *const head[] = { "Mã thủ tục", "Tên thủ tục",
	    "Lĩnh vực", "Cấp thực hiện", "Số đơn vị", "Các đơn vị",
	    "Có khác biệt", "Các điểm khác biệt" };
	const struct val	*e, *l, *df, *v;
	struct buf		 tmp = BUF_INIT;
	size_t			 i, k, j;

	buf_puts(out, "\xef\xbb\xbf");	/* BOM: Excel reads UTF-8 */
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		escape_csv(out, head[i], i + 1 == sizeof(head) /
		    sizeof(head[0]));
	for (i = 0; i < val_list_len(cat); i++) {
		e = val_list_at(cat, i);
		escape_csv(out, sget(e, "code"), 0);
		escape_csv(out, sget(e, "title"), 0);
		escape_csv(out, sget(e, "field"), 0);
		escape_csv(out, sget(e, "level"), 0);
		l = val_map_get(e, "departments");
		buf_reset(&tmp);
		buf_printf(&tmp, "%zu", val_list_len(l));
		escape_csv(out, buf_cstr(&tmp), 0);
		buf_reset(&tmp);
		for (k = 0; k < val_list_len(l); k++)
			buf_printf(&tmp, "%s%s", k ? "; " : "",
			    str_or(sget(val_list_at(l, k), "name"), ""));
		escape_csv(out, buf_cstr(&tmp), 0);
		escape_csv(out, val_get_bool(val_map_get(e, "differs")) ?
		    "Có" : "Không", 0);
		/* "Thời hạn giải quyết: Sở A: 5 ngày; Sở B: 10 ngày | …" */
		buf_reset(&tmp);
		l = val_map_get(e, "differences");
		for (k = 0; k < val_list_len(l); k++) {
			df = val_list_at(l, k);
			buf_printf(&tmp, "%s%s:", k ? " | " : "",
			    str_or(sget(df, "label"), ""));
			for (j = 0; j < val_list_len(val_map_get(df, "values"));
			    j++) {
				v = val_list_at(val_map_get(df, "values"), j);
				buf_printf(&tmp, "%s %s: %s", j ? ";" : "",
				    str_or(sget(v, "name"), ""),
				    str_or(sget(v, "value"), "(không có)"));
			}
		}
		escape_csv(out, buf_cstr(&tmp), 1);
	}
	buf_free(&tmp);
}
