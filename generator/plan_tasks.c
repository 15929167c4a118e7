/*
 * plan_tasks.c - the tasks of a plan, read from its cmark-gfm tree; see plan_tasks.h.
 *
 * One pass over the tree with cmark's iterator collects raw items (texts
 * as written, line breaks kept); a second pass cleans them into tasks:
 * group heading rows dropped, trailing periods removed, partners split,
 * duplicate numbers reported.
 *
 * Choices the header leaves open (tests/unit/test_plan_tasks.c pins them):
 *
 *  - A table row whose number cell is empty continues the task above it
 *    (a row cut by a page break, or a repeated header's first row): each
 *    non-empty cell is appended to the same field of that task, joined by
 *    a space (a page break cuts a line, not a paragraph) or by a line
 *    break when the continuation starts with a list mark "- ".
 *  - A body row that repeats the header is skipped (a page break inside
 *    one Markdown table).
 *  - A row numbered with a Roman numeral or a single letter ("I", "A"),
 *    or whose number has sub-numbers below it ("1" before "1.1"), and
 *    that names no lead, partner, time or output, is a group heading, not
 *    a task.
 *  - A task table needs the number and content columns and one of lead,
 *    partners or time; "thời hạn" counts as time.
 *  - "<br>" in a cell is a line break (GFM cells have no other);
 *    markdown.c's md_is_br() says which HTML is one.
 *  - A warning about a doubtful comma split points at the partners cell
 *    (table) or at the first partners label item (list form).
 *  - List form also accepts a heading as the numbered line, and an
 *    ordered list item followed (not nested) by the label list.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <utf8proc.h>

#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "plan_tasks.h"
#include "slug.h"
#include "units.h"
#include "util.h"

/* Fields of a task, also the roles of table columns. */
enum {
	PF_CONTENT,
	PF_LEAD,
	PF_PARTNERS,
	PF_WHEN,
	PF_OUTPUT,
	PF_N
};

/* A task while reading: fields as written, line breaks kept. */
struct plan_item {
	char		*id;
	struct buf	 f[PF_N];
	int		 line, col;
	int		 pline, pcol;	/* where the partners start, or 0 */
	int		 table;		/* from a table row */
};

/* Column roles of a task table: index of each, -1 when absent. */
struct plan_cols {
	int	 num;
	int	 f[PF_N];
	int	 ncols;
};

struct plan_ctx {
	const char		*file;
	int			 off;		/* first_line - 1 */
	struct diag		*d;
	struct plan_item	*v;
	size_t			 n, cap;
	struct plan_cols	 cols;		/* of the last task table */
	int			 have_cols;
	long			 cont;		/* item a continuation row extends */
	cmark_node		*used;		/* label list taken by a task */
	const struct unit_names	*names;		/* or NULL */
	const char		*src;		/* the body */
	size_t			 len;
};

/* Label words of list-form items, folded; `field` is what they give. */
static const struct {
	const char	*label;
	int		 field;
} plan_labels[] = {
	{ "don vi chu tri thuc hien", PF_LEAD },
	{ "don vi chu tri", PF_LEAD },
	{ "co quan chu tri thuc hien", PF_LEAD },
	{ "co quan chu tri", PF_LEAD },
	{ "don vi phoi hop thuc hien", PF_PARTNERS },
	{ "don vi phoi hop", PF_PARTNERS },
	{ "co quan phoi hop thuc hien", PF_PARTNERS },
	{ "co quan phoi hop", PF_PARTNERS },
	{ "thoi gian thuc hien", PF_WHEN },
	{ "thoi gian hoan thanh", PF_WHEN },
	{ "thoi gian", PF_WHEN },
	{ "thoi han hoan thanh", PF_WHEN },
	{ "thoi han", PF_WHEN },
	{ "san pham", PF_OUTPUT },
	{ "san pham dau ra", PF_OUTPUT }
};

/* Names of the fields in messages. */
static const char *const plan_field_names[PF_N] = {
	"Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian",
	"Sản phẩm"
};

static int
plan_is_space(const char *s, size_t len, size_t i, size_t *w)
{
	if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		*w = 1;
		return 1;
	}
	/* NBSP, common in text pasted from PDFs. */
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0) {
		*w = 2;
		return 1;
	}
	return 0;
}

/* Length of a list mark ("- ", "– ", "+ ", "• ") at s, 0 if none. */
static size_t
plan_mark(const char *s, size_t len)
{
	size_t	 m = 0;

	if (len >= 1 && (s[0] == '-' || s[0] == '+' || s[0] == '*'))
		m = 1;
	else if (len >= 3 && (memcmp(s, "\xe2\x80\x93", 3) == 0 ||
	    memcmp(s, "\xe2\x80\x94", 3) == 0 ||
	    memcmp(s, "\xe2\x80\xa2", 3) == 0))
		m = 3;	/* en dash, em dash, bullet */
	if (m == 0)
		return 0;
	if (m == len)
		return m;
	return s[m] == ' ' || s[m] == '\t' ? m + 1 : 0;
}

/*
 * The text as one line: white space collapsed, trimmed, without a leading
 * list mark and without one trailing ".", ";" or "," (an ellipsis stays).
 */
static char *
plan_clean(const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, w, m;
	int		 sp = 0;

	for (i = 0; i < len; ) {
		if (plan_is_space(s, len, i, &w)) {
			sp = b.len > 0;
			i += w;
			continue;
		}
		if (sp)
			buf_putc(&b, ' ');
		sp = 0;
		buf_putc(&b, s[i]);
		i++;
	}
	m = b.len > 0 ? plan_mark(b.data, b.len) : 0;
	if (m > 0) {
		memmove(b.data, b.data + m, b.len - m);
		buf_truncate(&b, b.len - m);
	}
	if (b.len > 0 && (b.data[b.len - 1] == ';' ||
	    b.data[b.len - 1] == ',' || (b.data[b.len - 1] == '.' &&
	    (b.len < 2 || b.data[b.len - 2] != '.'))))
		buf_truncate(&b, b.len - 1);
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	return buf_detach(&b);
}

/* 1 if the text begins with an upper-case letter. */
static int
plan_capital(const char *s)
{
	utf8proc_int32_t	 cp;
	utf8proc_category_t	 cat;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) <= 0)
		return 0;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

struct plan_strs {
	char	**v;
	size_t	  n, cap;
};

static void
plan_strs_push(struct plan_strs *a, char *s)
{
	/* Room for s and the NULL after it. */
	ARRAY_GROW(a->v, a->n + 1, a->cap, 8);
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

static void
plan_strs_free(struct plan_strs *a)
{
	size_t	 i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* Splits s[0..len) at `sep` outside parentheses, pushing raw parts. */
static void
plan_split_at(const char *s, size_t len, int sep, struct plan_strs *out)
{
	size_t	 i, start = 0;
	int	 depth = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] == '(')
			depth++;
		else if (i < len && s[i] == ')' && depth > 0)
			depth--;
		else if (i == len || (s[i] == sep && depth == 0)) {
			plan_strs_push(out, xstrndup(s + start, i - start));
			start = i + 1;
		}
	}
}

/* 1 if a line of the block starting at p (up to a blank line) is marked. */
static int
plan_block_marked(const char *p)
{
	const char	*e, *t;

	for (; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\r\n");
		t = p + strspn(p, " \t");
		if (t == e)
			break;
		if (plan_mark(t, (size_t)(e - t)) > 0)
			return 1;
	}
	return 0;
}

/* "“A”, “B” và “C”": the cleaned parts v[a..b] for a message. */
static void
plan_quote_parts(struct buf *b, char *const *v, size_t a, size_t z)
{
	size_t	 i;
	char	*c;

	for (i = a; i <= z; i++) {
		if (i > a)
			buf_puts(b, i == z ? " và " : ", ");
		c = plan_clean(v[i], strlen(v[i]));
		buf_printf(b, "“%s”", c);
		free(c);
	}
}

/*
 * Warns about the parts v[a..z] of a comma split, of which v[ba..bz] do
 * not look like unit names: together they may be one name.
 */
static void
plan_warn_split(const struct plan_at *at, char *const *v, size_t a,
    size_t z, size_t ba, size_t bz)
{
	struct buf	 parts = BUF_INIT, odd = BUF_INIT, name = BUF_INIT;
	size_t		 i;
	char		*c;

	plan_quote_parts(&parts, v, a, z);
	plan_quote_parts(&odd, v, ba, bz);
	for (i = a; i <= z; i++) {
		c = plan_clean(v[i], strlen(v[i]));
		buf_printf(&name, "%s%s", i > a ? ", " : "", c);
		free(c);
	}
	diag_warn(at->d, at->file, at->line, at->col, "đơn vị phối hợp "
	    "“%s” được tách tại dấu phẩy thành %s, nhưng %s không giống tên "
	    "một đơn vị (không bắt đầu bằng Sở, Phòng, Chi cục, Trung tâm, "
	    "Ban, UBND…); nếu đây là tên một đơn vị, hãy thêm dòng “- %s” "
	    "dưới khóa units: trong site.yaml; nếu là các đơn vị riêng, hãy "
	    "ngăn cách bằng dấu “;”", buf_cstr(&name), buf_cstr(&parts),
	    buf_cstr(&odd), buf_cstr(&name));
	buf_free(&parts);
	buf_free(&odd);
	buf_free(&name);
}

/*
 * Splits one partners text s at commas into out (see plan_tasks.h): known
 * names kept whole, then the capital-letter rule.  Returns 1 if it
 * split (out holds the units), 0 if s is one unit (out left empty).
 */
static int
plan_split_commas(const char *s, const struct unit_names *names,
    const struct plan_at *at, struct plan_strs *out)
{
	struct plan_strs	 seg = { NULL, 0, 0 };
	struct buf		 b = BUF_INIT;
	size_t			 i, k, span, a, z, last;
	char			*known, *bad;
	int			 ok;

	plan_split_at(s, strlen(s), ',', &seg);
	known = xcalloc(seg.n, 1);
	for (i = 0; i < seg.n; i += span) {
		span = names != NULL ? units_match(names, seg.v + i,
		    seg.n - i) : 0;
		known[out->n] = span > 0;
		if (span == 0)
			span = 1;
		buf_reset(&b);
		for (k = i; k < i + span; k++)
			buf_printf(&b, "%s%s", k > i ? "," : "", seg.v[k]);
		plan_strs_push(out, buf_detach(&b));
	}
	ok = out->n > 1;
	for (i = 0; ok && i < out->n; i++)
		ok = plan_capital(out->v[i] + strspn(out->v[i], " \t"));
	if (ok && names != NULL && at != NULL) {
		bad = xcalloc(out->n, 1);
		for (i = 0; i < out->n; i++)
			bad[i] = !known[i] && !units_looks_like(names,
			    out->v[i]);
		/*
		 * Each run of doubtful parts, with the part before it (the
		 * head of the name it may belong to), or after it when the
		 * run starts the text.
		 */
		for (i = 0; i < out->n; i = last + 1) {
			last = i;
			if (!bad[i])
				continue;
			while (last + 1 < out->n && bad[last + 1])
				last++;
			a = i > 0 ? i - 1 : i;
			z = a == last && last + 1 < out->n ? last + 1 : last;
			plan_warn_split(at, out->v, a, z, i, last);
		}
		free(bad);
	}
	if (!ok)
		plan_strs_free(out);
	free(known);
	plan_strs_free(&seg);
	buf_free(&b);
	return ok;
}

char **
plan_split_partners(const char *text, const struct unit_names *names,
    const struct plan_at *at, size_t *n)
{
	struct plan_strs	 items = { NULL, 0, 0 }, parts = { NULL, 0, 0 };
	struct plan_strs	 commas = { NULL, 0, 0 }, res = { NULL, 0, 0 };
	struct buf		 cur = BUF_INIT;
	const char		*p, *e, *t;
	size_t			 i, m, len;
	int			 marked = -1, have = 0;
	char			*c;

	/*
	 * In a block written as a "- " list, an unmarked line is the wrapped
	 * text of the item above; blocks are separated by blank lines.
	 */
	for (p = text; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\r\n");
		t = p + strspn(p, " \t");
		len = (size_t)(e - t);
		if (len == 0) {
			marked = -1;
			continue;
		}
		if (marked < 0) {
			marked = plan_block_marked(p);
			if (have)
				plan_strs_push(&items, buf_detach(&cur));
			have = 0;
		}
		m = plan_mark(t, len);
		if (m == 0 && marked && have) {
			buf_putc(&cur, ' ');
			buf_put(&cur, t, len);
			continue;
		}
		if (have)
			plan_strs_push(&items, buf_detach(&cur));
		buf_put(&cur, t + m, len - m);
		have = 1;
	}
	if (have)
		plan_strs_push(&items, buf_detach(&cur));
	for (i = 0; i < items.n; i++)
		plan_split_at(items.v[i], strlen(items.v[i]), ';', &parts);
	/* Commas only when nothing stronger separates the units. */
	if (parts.n == 1 &&
	    plan_split_commas(parts.v[0], names, at, &commas)) {
		plan_strs_free(&parts);
		parts = commas;
		memset(&commas, 0, sizeof(commas));
	}
	for (i = 0; i < parts.n; i++) {
		c = plan_clean(parts.v[i], strlen(parts.v[i]));
		if (c[0] != '\0')
			plan_strs_push(&res, c);
		else
			free(c);
	}
	/* Never NULL: callers free one array whatever the count. */
	if (res.v == NULL)
		res.v = xcalloc(1, sizeof(*res.v));
	plan_strs_free(&items);
	plan_strs_free(&parts);
	plan_strs_free(&commas);
	buf_free(&cur);
	*n = res.n;
	return res.v;
}

/*
 * Appends the plain text of `node` one line per block, "- " before each
 * nested list item, so that plan_split_partners keeps an item's wrapped
 * lines together (md_text, MD_TEXT_LINES).
 */
static void
plan_text(cmark_node *node, struct buf *b)
{
	md_text(b, node, MD_TEXT_LINES);
}

/*
 * Length of the task number that starts s ("2.1. Tuyên" -> 4), 0 if
 * none; *idlen gets its length without the trailing dot.  A bare "2025"
 * is not a number: it needs a dot.
 */
static size_t
plan_number(const char *s, size_t *idlen)
{
	size_t	 i = 0, groups = 0;

	for (;;) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
		groups++;
		if (s[i] != '.' || s[i + 1] < '0' || s[i + 1] > '9')
			break;
		i++;
	}
	*idlen = i;
	if (s[i] == '.')
		return i + 1;
	if (groups > 1 && (s[i] == ' ' || s[i] == '\t' || s[i] == '\0'))
		return i;
	return 0;
}

/* 1 if the whole of s is a Roman numeral or a single letter ("II", "A"). */
static int
plan_is_group_id(const char *s)
{
	size_t	 i;

	if (s[0] != '\0' && s[1] == '\0' &&
	    ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 1;
	for (i = 0; s[i] != '\0'; i++)
		if (strchr("IVXLCDM", s[i]) == NULL)
			return 0;
	return i > 0;
}

/* 1 if the table cell text is a number ("1", "2.1", "III", "A)"). */
static int
plan_is_cell_number(const char *s)
{
	size_t	 len = strlen(s), i;
	char	*t;
	int	 r = 1;

	if (len > 0 && (s[len - 1] == '.' || s[len - 1] == ')'))
		len--;
	if (len == 0)
		return 0;
	t = xstrndup(s, len);
	if (t[0] >= '0' && t[0] <= '9') {
		for (i = 0; i < len; i++)
			if (t[i] == '.' ? t[i - 1] == '.' || i + 1 == len :
			    t[i] < '0' || t[i] > '9')
				r = 0;
	} else
		r = plan_is_group_id(t);
	free(t);
	return r;
}

static struct plan_item *
plan_item_new(struct plan_ctx *c, char *id, cmark_node *at, int table)
{
	struct plan_item	*it;
	int			 k;

	ARRAY_GROW(c->v, c->n, c->cap, 16);
	it = &c->v[c->n++];
	it->id = id;
	for (k = 0; k < PF_N; k++)
		buf_init(&it->f[k]);
	it->line = cmark_node_get_start_line(at) + c->off;
	it->col = cmark_node_get_start_column(at);
	if (it->col < 1)
		it->col = 1;
	it->pline = it->pcol = 0;
	it->table = table;
	return it;
}

static void
plan_item_free(struct plan_item *it)
{
	int	 k;

	free(it->id);
	for (k = 0; k < PF_N; k++)
		buf_free(&it->f[k]);
}

/*
 * Reads the label items of `list` into it (when not NULL); returns the
 * fields they name as bits (1 << PF_LEAD ...), 0 for other lists.  A
 * label given twice is reported and its first value kept.
 */
static unsigned
plan_labels_read(struct plan_ctx *c, cmark_node *list, struct plan_item *it)
{
	struct buf	 b = BUF_INIT;
	cmark_node	*item;
	const char	*s, *colon;
	char		*f;
	size_t		 k;
	unsigned	 found = 0;
	int		 line;

	if (list == NULL || cmark_node_get_type(list) != CMARK_NODE_LIST)
		return 0;
	for (item = cmark_node_first_child(list); item != NULL;
	    item = cmark_node_next(item)) {
		buf_reset(&b);
		plan_text(item, &b);
		s = buf_cstr(&b);
		colon = memchr(s, ':', b.len);
		if (colon == NULL || memchr(s, '\n', (size_t)(colon - s)) != NULL)
			continue;
		f = slug_fold(s, (size_t)(colon - s));
		for (k = 0; k < sizeof(plan_labels) / sizeof(plan_labels[0]);
		    k++)
			if (strcmp(f, plan_labels[k].label) == 0)
				break;
		free(f);
		if (k == sizeof(plan_labels) / sizeof(plan_labels[0]))
			continue;
		found |= 1u << plan_labels[k].field;
		if (it == NULL)
			continue;
		if (it->f[plan_labels[k].field].len > 0) {
			if (plan_labels[k].field != PF_PARTNERS) {
				line = cmark_node_get_start_line(item) + c->off;
				diag_warn(c->d, c->file, line,
				    cmark_node_get_start_column(item),
				    "mục “%s” của nhiệm vụ “%s” được ghi hai "
				    "lần, chỉ lần đầu được dùng; hãy xóa mục "
				    "thừa", plan_field_names[
				    plan_labels[k].field], it->id);
				continue;
			}
			/* A blank line: each label's units stand apart. */
			buf_puts(&it->f[PF_PARTNERS], "\n\n");
		}
		if (plan_labels[k].field == PF_PARTNERS && it->pline == 0) {
			it->pline = cmark_node_get_start_line(item) + c->off;
			it->pcol = cmark_node_get_start_column(item);
		}
		buf_puts(&it->f[plan_labels[k].field], colon + 1);
		/* An empty value leaves the field unset. */
		if (strspn(buf_cstr(&it->f[plan_labels[k].field]), " \t\n") ==
		    it->f[plan_labels[k].field].len)
			buf_truncate(&it->f[plan_labels[k].field], 0);
	}
	buf_free(&b);
	return found;
}

/* A list-form task: number `id`, content text, labels from `list`. */
static void
plan_list_task(struct plan_ctx *c, char *id, const char *content,
    cmark_node *at, cmark_node *list)
{
	struct plan_item	*it;

	it = plan_item_new(c, id, at, 0);
	buf_puts(&it->f[PF_CONTENT], content);
	plan_labels_read(c, list, it);
	c->used = list;
	c->cont = -1;
}

static unsigned
plan_has_labels(cmark_node *list)
{
	return plan_labels_read(NULL, list, NULL);
}

/* A paragraph or heading "2.1. Text" followed by a label list. */
static void
plan_numbered(struct plan_ctx *c, cmark_node *n)
{
	struct buf	 b = BUF_INIT;
	cmark_node	*next = cmark_node_next(n), *parent;
	const char	*s;
	size_t		 k, idlen;

	/* The first paragraph of an ordered item is plan_ordered_item()'s. */
	parent = cmark_node_parent(n);
	if (cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(parent) == n &&
	    cmark_node_get_list_type(cmark_node_parent(parent)) ==
	    CMARK_ORDERED_LIST)
		goto out;
	if (!plan_has_labels(next))
		goto out;
	plan_text(n, &b);
	s = buf_cstr(&b);
	if ((k = plan_number(s, &idlen)) == 0)
		goto out;
	plan_list_task(c, xstrndup(s, idlen), s + k, n, next);
out:
	buf_free(&b);
}

/*
 * An ordered list item "1. Text": a task when a label list is nested
 * after its first paragraph, or, for the list's last item, follows the
 * list and names a lead or partners (a list of only "Thời gian:" after
 * numbered paragraphs is more often a meeting's time and place).
 */
static void
plan_ordered_item(struct plan_ctx *c, cmark_node *item)
{
	struct buf	 b = BUF_INIT;
	cmark_node	*list = cmark_node_parent(item), *para, *labels, *x;
	int		 idx = 0;

	para = cmark_node_first_child(item);
	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		goto out;
	labels = cmark_node_next(para);
	if (!plan_has_labels(labels)) {
		labels = cmark_node_next(list);
		if (cmark_node_next(item) != NULL || !(plan_has_labels(labels) &
		    (1u << PF_LEAD | 1u << PF_PARTNERS)))
			goto out;
		/* A label list nested deeper in the item is not ours. */
		for (x = cmark_node_next(para); x != NULL;
		    x = cmark_node_next(x))
			if (plan_has_labels(x))
				goto out;
	}
	for (x = cmark_node_previous(item); x != NULL;
	    x = cmark_node_previous(x))
		idx++;
	plan_text(para, &b);
	plan_list_task(c, xasprintf("%d", cmark_node_get_list_start(list) +
	    idx), buf_cstr(&b), item, labels);
out:
	buf_free(&b);
}

/* Plain text of each cell of `row`, as many as the header has. */
static void
plan_row_cells(cmark_node *row, int ncols, struct plan_strs *out)
{
	struct buf	 b = BUF_INIT;
	cmark_node	*cell;
	int		 i = 0;

	for (cell = cmark_node_first_child(row); cell != NULL && i < ncols;
	    cell = cmark_node_next(cell), i++) {
		plan_text(cell, &b);
		plan_strs_push(out, buf_detach(&b));
	}
	for (; i < ncols; i++)
		plan_strs_push(out, xstrdup(""));
}

/* 1 if the folded text has `words` at word boundaries. */
static int
plan_has_words(const char *f, const char *words)
{
	const char	*p;
	size_t		 n = strlen(words);

	for (p = f; (p = strstr(p, words)) != NULL; p++) {
		if ((p == f || !((p[-1] >= 'a' && p[-1] <= 'z') ||
		    (p[-1] >= '0' && p[-1] <= '9'))) &&
		    !((p[n] >= 'a' && p[n] <= 'z') ||
		    (p[n] >= '0' && p[n] <= '9')))
			return 1;
	}
	return 0;
}

/* Recognises the columns of a header row; 1 if it is a task table. */
static int
plan_header(const struct plan_strs *h, struct plan_cols *cols)
{
	char	*f;
	size_t	 i, len;
	int	 role;

	cols->num = -1;
	for (i = 0; i < PF_N; i++)
		cols->f[i] = -1;
	cols->ncols = (int)h->n;
	for (i = 0; i < h->n; i++) {
		f = slug_fold(h->v[i], strlen(h->v[i]));
		len = strlen(f);
		if (len > 0 && f[len - 1] == '.')
			f[--len] = '\0';
		role = -2;
		if (strcmp(f, "tt") == 0 || strcmp(f, "stt") == 0 ||
		    strcmp(f, "so tt") == 0 || strcmp(f, "so thu tu") == 0)
			role = -1;
		else if (plan_has_words(f, "chu tri"))
			role = PF_LEAD;
		else if (plan_has_words(f, "phoi hop"))
			role = PF_PARTNERS;
		else if (plan_has_words(f, "thoi gian") ||
		    plan_has_words(f, "thoi han"))
			role = PF_WHEN;
		else if (plan_has_words(f, "san pham"))
			role = PF_OUTPUT;
		else if (plan_has_words(f, "noi dung") ||
		    plan_has_words(f, "hinh thuc"))
			role = PF_CONTENT;
		free(f);
		if (role == -1 && cols->num < 0)
			cols->num = (int)i;
		else if (role >= 0 && cols->f[role] < 0)
			cols->f[role] = (int)i;
	}
	return cols->num >= 0 && cols->f[PF_CONTENT] >= 0 &&
	    (cols->f[PF_LEAD] >= 0 || cols->f[PF_PARTNERS] >= 0 ||
	    cols->f[PF_WHEN] >= 0);
}

static int
plan_cols_eq(const struct plan_cols *a, const struct plan_cols *b)
{
	int	 k;

	if (a->num != b->num || a->ncols != b->ncols)
		return 0;
	for (k = 0; k < PF_N; k++)
		if (a->f[k] != b->f[k])
			return 0;
	return 1;
}

/* 1 if the row's cells read like the header's (a repeated header). */
static int
plan_same_text(const struct plan_strs *a, const struct plan_strs *b)
{
	char	*x, *y;
	size_t	 i;
	int	 same = a->n == b->n;

	for (i = 0; same && i < a->n; i++) {
		x = slug_fold(a->v[i], strlen(a->v[i]));
		y = slug_fold(b->v[i], strlen(b->v[i]));
		same = strcmp(x, y) == 0;
		free(x);
		free(y);
	}
	return same;
}

static int
plan_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* Appends a continuation row's cell to a field of the task above. */
static void
plan_continue(struct buf *f, const char *text)
{
	const char	*t = text + strspn(text, " \t\r\n");

	if (f->len > 0)
		buf_putc(f, plan_mark(t, strlen(t)) > 0 ? '\n' : ' ');
	buf_puts(f, t);
}

/* Where cell `col` of table row `r` starts, as the task's partners'. */
static void
plan_cell_pos(const struct plan_ctx *c, cmark_node *r, int col,
    struct plan_item *it)
{
	cmark_node	*cell = cmark_node_first_child(r);
	int		 i;

	for (i = 0; i < col && cell != NULL; i++)
		cell = cmark_node_next(cell);
	if (cell == NULL)
		cell = r;
	it->pline = cmark_node_get_start_line(cell) + c->off;
	it->pcol = cmark_node_get_start_column(cell);
}

static void
plan_table(struct plan_ctx *c, cmark_node *table)
{
	struct plan_strs	 head = { NULL, 0, 0 }, row = { NULL, 0, 0 };
	struct plan_cols	 cols;
	struct plan_item	*it;
	cmark_node		*hrow, *r, *numcell;
	char			*num;
	int			 k, empty, i;

	if ((hrow = cmark_node_first_child(table)) == NULL)
		goto out;
	for (i = 0, r = cmark_node_first_child(hrow); r != NULL;
	    r = cmark_node_next(r))
		i++;
	plan_row_cells(hrow, i, &head);
	if (!plan_header(&head, &cols))
		goto out;
	/* A table with the same columns continues the one before. */
	if (!c->have_cols || !plan_cols_eq(&cols, &c->cols))
		c->cont = -1;
	c->cols = cols;
	c->have_cols = 1;
	for (r = cmark_node_next(hrow); r != NULL; r = cmark_node_next(r)) {
		plan_strs_free(&row);
		plan_row_cells(r, cols.ncols, &row);
		if (plan_same_text(&row, &head))
			continue;
		numcell = cmark_node_first_child(r);
		for (i = 0; i < cols.num && numcell != NULL; i++)
			numcell = cmark_node_next(numcell);
		if (numcell == NULL)
			numcell = r;
		num = plan_clean(row.v[cols.num], strlen(row.v[cols.num]));
		/* "1)" is numbered like "1.". */
		if (num[0] != '\0' && num[strlen(num) - 1] == ')' &&
		    strchr(num, '(') == NULL)
			num[strlen(num) - 1] = '\0';
		if (num[0] == '\0') {
			free(num);
			for (empty = 1, i = 0; i < (int)row.n; i++)
				empty = empty && plan_blank(row.v[i]);
			if (empty)
				continue;
			if (c->cont < 0) {
				diag_warn(c->d, c->file,
				    cmark_node_get_start_line(r) + c->off,
				    cmark_node_get_start_column(numcell),
				    "hàng này của bảng nhiệm vụ không có số thứ "
				    "tự và không có nhiệm vụ nào phía trên để "
				    "nối tiếp nên bị bỏ qua; hãy ghi số thứ tự "
				    "vào cột “%s”, ví dụ “1” hoặc “2.1”",
				    head.v[cols.num]);
				continue;
			}
			it = &c->v[c->cont];
			if (it->pline == 0 && cols.f[PF_PARTNERS] >= 0 &&
			    !plan_blank(row.v[cols.f[PF_PARTNERS]]))
				plan_cell_pos(c, r, cols.f[PF_PARTNERS], it);
			for (k = 0; k < PF_N; k++)
				if (cols.f[k] >= 0 &&
				    !plan_blank(row.v[cols.f[k]]))
					plan_continue(&it->f[k],
					    row.v[cols.f[k]]);
			continue;
		}
		if (!plan_is_cell_number(num))
			diag_warn(c->d, c->file,
			    cmark_node_get_start_line(r) + c->off,
			    cmark_node_get_start_column(numcell),
			    "“%s” không phải là số thứ tự của nhiệm vụ; hãy "
			    "ghi số như “1”, “2.1”, hoặc số La Mã “I”, “II” "
			    "cho hàng tiêu đề nhóm", num);
		it = plan_item_new(c, num, r, 1);
		for (k = 0; k < PF_N; k++)
			if (cols.f[k] >= 0)
				buf_puts(&it->f[k], row.v[cols.f[k]]);
		if (cols.f[PF_PARTNERS] >= 0)
			plan_cell_pos(c, r, cols.f[PF_PARTNERS], it);
		c->cont = (long)(c->n - 1);
	}
out:
	plan_strs_free(&head);
	plan_strs_free(&row);
}

/* 1 if the item names nothing but its content. */
static int
plan_only_content(const struct plan_item *it)
{
	int	 k;

	for (k = 0; k < PF_N; k++)
		if (k != PF_CONTENT && it->f[k].len > 0 &&
		    !plan_blank(it->f[k].data))
			return 0;
	return 1;
}

/* A table row that heads a group of tasks rather than being one. */
static int
plan_is_group(const struct plan_ctx *c, size_t i)
{
	const struct plan_item	*it = &c->v[i];
	size_t			 len = strlen(it->id);

	if (!it->table || !plan_only_content(it))
		return 0;
	if (plan_is_group_id(it->id))
		return 1;
	return i + 1 < c->n && c->v[i + 1].table &&
	    strncmp(c->v[i + 1].id, it->id, len) == 0 &&
	    c->v[i + 1].id[len] == '.';
}

/* A field as one line, or NULL when empty. */
static char *
plan_field(const struct buf *f)
{
	char	*s;

	if (f->len == 0)
		return NULL;
	s = plan_clean(f->data, f->len);
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/*
 * A table's lead cell: its lines (from "<br>") joined by "; " when each
 * starts like a unit name, else the cell as one line (see plan_tasks.h).
 */
static char *
plan_lead(const struct unit_names *names, const struct buf *f)
{
	struct plan_strs	 lines = { NULL, 0, 0 };
	struct buf		 b = BUF_INIT;
	size_t			 i;
	int			 units = names != NULL;
	char			*c, *r = NULL;

	if (f->len == 0)
		return NULL;
	plan_split_at(f->data, f->len, '\n', &lines);
	for (i = 0; i < lines.n; i++) {
		c = plan_clean(lines.v[i], strlen(lines.v[i]));
		if (c[0] != '\0') {
			units = units && units_looks_like(names, c);
			buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", c);
		}
		free(c);
	}
	if (units && b.len > 0)
		r = buf_detach(&b);
	plan_strs_free(&lines);
	buf_free(&b);
	return r != NULL ? r : plan_field(f);
}

/* 1 if partners were flattened onto one line: "- A - B". */
static int
plan_flattened(const struct buf *f)
{
	const char	*t;

	if (f->len == 0 || memchr(f->data, '\n', f->len) != NULL)
		return 0;
	t = f->data + strspn(f->data, " \t");
	return plan_mark(t, strlen(t)) > 0 && strstr(t, " - ") != NULL;
}

/*
 * The column in characters of byte column `col` of file line `line`, or
 * of the first character after it that is not a space (a table cell
 * starts right after its "|").
 */
static int
plan_char_col(const struct plan_ctx *c, int line, int col)
{
	size_t	 i = 0, end;
	int	 l, chars = 0;

	for (l = c->off + 1; l < line && i < c->len; i++)
		if (c->src[i] == '\n')
			l++;
	if (l != line || col < 1)
		return col;
	end = i + (size_t)col - 1;
	for (; i < c->len && c->src[i] != '\n' && (i < end ||
	    c->src[i] == ' ' || c->src[i] == '\t'); i++)
		if (((unsigned char)c->src[i] & 0xC0) != 0x80)
			chars++;
	return chars + 1;
}

/* Cleans the items into tasks and reports what is wrong with them. */
static void
plan_finish(struct plan_ctx *c, struct plan_tasks *out)
{
	struct plan_item	*it;
	struct plan_task	*t;
	struct plan_at		 at;
	size_t			 i, j;

	out->v = xcalloc(c->n ? c->n : 1, sizeof(*out->v));
	for (i = 0; i < c->n; i++) {
		it = &c->v[i];
		if (plan_is_group(c, i))
			continue;
		t = &out->v[out->n++];
		t->id = xstrdup(it->id);
		t->content = plan_field(&it->f[PF_CONTENT]);
		if (t->content == NULL) {
			t->content = xstrdup("");
			diag_warn(c->d, c->file, it->line, it->col,
			    "nhiệm vụ “%s” không có nội dung; hãy ghi nội "
			    "dung công việc cần làm", t->id);
		}
		t->lead = it->table ? plan_lead(c->names, &it->f[PF_LEAD]) :
		    plan_field(&it->f[PF_LEAD]);
		t->when = plan_field(&it->f[PF_WHEN]);
		t->output = plan_field(&it->f[PF_OUTPUT]);
		at.file = c->file;
		at.line = it->pline > 0 ? it->pline : it->line;
		at.col = it->pline > 0 && it->pcol > 0 ? it->pcol : it->col;
		/* Only a text with a comma can be warned about. */
		if (it->f[PF_PARTNERS].len > 0 && memchr(it->f[PF_PARTNERS].data, ',',
		    it->f[PF_PARTNERS].len) != NULL)
			at.col = plan_char_col(c, at.line, at.col);
		at.d = c->d;
		t->partners = plan_split_partners(
		    buf_cstr(&it->f[PF_PARTNERS]), c->names, &at,
		    &t->npartners);
		t->line = it->line;
		if (plan_flattened(&it->f[PF_PARTNERS]))
			diag_warn(c->d, c->file, it->line, it->col,
			    "các đơn vị phối hợp của nhiệm vụ “%s” viết liền "
			    "trên một dòng, cách nhau bằng “ - ”, nên được "
			    "đọc là một đơn vị; hãy đặt mỗi đơn vị trên một "
			    "dòng (trong bảng dùng <br>) hoặc ngăn cách "
			    "bằng dấu “;”", t->id);
		for (j = 0; j + 1 < out->n; j++)
			if (strcmp(out->v[j].id, t->id) == 0) {
				diag_warn(c->d, c->file, it->line, it->col,
				    "số thứ tự “%s” đã dùng cho nhiệm vụ ở "
				    "dòng %d; hãy đánh lại số để mỗi nhiệm vụ "
				    "có một số riêng", t->id, out->v[j].line);
				break;
			}
	}
}

int
plan_extract(const char *file, const char *src, size_t len, int first_line,
    const struct unit_names *names, struct plan_tasks *out, struct diag *d)
{
	struct plan_ctx		 c;
	cmark_iter		*it = NULL;
	cmark_event_type	 ev;
	cmark_node		*doc, *n, *parent;
	const char		*type;
	size_t			 i;

	memset(&c, 0, sizeof(c));
	c.file = file;
	c.off = first_line - 1;
	c.d = d;
	c.names = names;
	c.src = src;
	c.len = len;
	c.cont = -1;
	out->v = NULL;
	out->n = 0;
	if ((doc = md_parse_doc(src, len)) == NULL)
		goto out;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		type = cmark_node_get_type_string(n);
		if (type != NULL && strcmp(type, "table") == 0) {
			plan_table(&c, n);
			/* Cells hold no tasks: skip to the table's end. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			plan_numbered(&c, n);
			break;
		case CMARK_NODE_ITEM:
			parent = cmark_node_parent(n);
			if (cmark_node_get_list_type(parent) ==
			    CMARK_ORDERED_LIST)
				plan_ordered_item(&c, n);
			break;
		case CMARK_NODE_LIST:
			/* A lead label with no numbered task: a lost task. */
			if (n != c.used &&
			    (plan_has_labels(n) & 1u << PF_LEAD))
				diag_warn(d, file,
				    cmark_node_get_start_line(n) + c.off,
				    cmark_node_get_start_column(n),
				    "danh sách đơn vị chủ trì này không đi sau "
				    "một nhiệm vụ có số thứ tự nên không được "
				    "đọc là nhiệm vụ; hãy viết nội dung nhiệm vụ "
				    "ngay trước danh sách, bắt đầu bằng số thứ "
				    "tự như “2.1.”");
			break;
		default:
			break;
		}
	}
	plan_finish(&c, out);
out:
	if (it != NULL)
		cmark_iter_free(it);
	if (doc != NULL)
		cmark_node_free(doc);
	for (i = 0; i < c.n; i++)
		plan_item_free(&c.v[i]);
	free(c.v);
	if (out->v == NULL)
		out->v = xcalloc(1, sizeof(*out->v));
	return 0;
}

void
plan_tasks_free(struct plan_tasks *t)
{
	size_t	 i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].id);
		free(t->v[i].content);
		free(t->v[i].lead);
		for (j = 0; j < t->v[i].npartners; j++)
			free(t->v[i].partners[j]);
		free(t->v[i].partners);
		free(t->v[i].output);
		free(t->v[i].when);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
