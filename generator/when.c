/*
 * when.c - Vietnamese time expressions of plan tasks; see when.h.
 *
 * The text is folded with slug_fold() (so "Hằng"/"Hàng", NFC/NFD, case
 * and extra spaces all look alike), cut into tokens (words, numbers,
 * symbols; bracketed remarks dropped) and tried against the forms in
 * this order: on request, continuous, recurring, deadline, range.
 * Deadlines and ranges share one small grammar: "items" (a day, month,
 * quarter, half-year or year, each with an optional year) joined by
 * span separators ("-", "đến", "tới") or list separators (",", "và").
 *
 * Decisions on ambiguous forms (tests/unit/test_when.c has a row for
 * each):
 *  - "trước X" is exclusive for a month or year: the deadline is the day
 *    before X begins ("trước tháng 6/2025" -> 2025-05-31, "trước năm
 *    2026" -> 2025-12-31); for a day it is that day, as deadlines in
 *    official documents are read ("trước ngày 15/10/2025" -> 2025-10-15).  "Chậm nhất",
 *    "Hạn chót", "Hạn cuối", "Hoàn thành [trong]", "Đến hết", "Từ nay
 *    đến [hết]" are inclusive: the last day of X.
 *  - A deadline's start is the plan's start, or the deadline itself when
 *    that falls before the plan starts, so that start <= end always.
 *  - A list ("Quý I, II/2025", "tháng 6, 7 và 8") is one range and must
 *    be consecutive; "Quý I, III" is unknown.  A span ("-", "đến") must
 *    go forward: "Tháng 9 - 6/2025" and "Tháng 6 - 6" are unknown.
 *  - A year left out of an item is taken from the nearest item after it
 *    that has one ("Tháng 6 - 9/2025"), else before it ("tháng 3/2025
 *    đến tháng 5"), else it is the plan's first year.  So a span across
 *    years needs its years written ("tháng 11/2025 - 02/2026");
 *    "Tháng 11 - 2/2026" is unknown rather than guessed.
 *  - "Trong năm" / "Cả năm" without a year: the plan's first year.
 *  - Remarks: anything in brackets is dropped; after a range or deadline
 *    a comma may start a remark only if a word (not a number, unit or
 *    Roman numeral) follows it ("Quý II/2025, tùy tình hình"); other
 *    trailing text makes the whole text unknown.  After the recurring
 *    and continuous forms anything may follow ("Thường xuyên trong năm",
 *    "Hàng quý, trước ngày 15 của tháng cuối quý").
 *  - Recurrence is [định kỳ] hàng|hằng|mỗi [N] unit, or [định kỳ] N unit
 *    một lần (or "N tháng/lần"), or định kỳ [N] unit, unit being tháng,
 *    quý, nửa năm or năm; N x unit must be 1, 3, 6 or 12 months
 *    ("3 tháng một lần" is quarterly); "2 tháng một lần" is unknown.
 *  - "Hàng ngày", "Hàng tuần", "Liên tục" count as continuous.
 *  - "Theo chỉ đạo" counts as on-request, like "Theo yêu cầu".
 *  - Dates are written with "/" or as "ngày 15 tháng 10 năm 2025";
 *    "15.10.2025" and "15-10-2025" are unknown.  Years are 1900-9999
 *    with four digits.  "T3", "Q2" abbreviate tháng and quý.
 *  - A NULL period: recurring, continuous and deadline forms keep their
 *    kind without dates (a deadline has no start); a range or deadline
 *    whose year is left out is unknown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "slug.h"
#include "util.h"
#include "when.h"

#define WHEN_MIN_YEAR	1900
#define WHEN_MAX_YEAR	9999
#define WHEN_MAX_ITEMS	24	/* "tháng 1, 2, ..., 12" with room to spare */

enum tok_type {
	TOK_WORD,	/* a-z */
	TOK_NUM,	/* 0-9 */
	TOK_SYM		/* one symbol; dashes of every kind read "-" */
};

struct tok {
	enum tok_type	 type;
	const char	*s;
	size_t		 n;
	int		 val;	/* TOK_NUM, capped at 100000000 */
};

struct cur {
	struct tok	*v;
	size_t		 n, cap;
	size_t		 i;	/* the next token to read */
};

enum unit {
	U_NONE,
	U_DAY,
	U_MONTH,
	U_QUARTER,
	U_HALF,
	U_YEAR
};

enum sep {
	SEP_NONE,
	SEP_SPAN,	/* "-", "đến": any later item */
	SEP_LIST	/* ",", "và": the very next item */
};

struct item {
	enum unit	 unit;
	int		 n;	/* day, month, quarter or half (1, 2) */
	int		 m;	/* U_DAY: the month */
	int		 y;	/* 0: not written */
	enum sep	 sep;	/* between the previous item and this one */
	struct cdate	 s, e;
};

static const char *const when_kind_names[] = {
	[WHEN_RANGE] = "range",
	[WHEN_DEADLINE] = "deadline",
	[WHEN_MONTHLY] = "monthly",
	[WHEN_QUARTERLY] = "quarterly",
	[WHEN_HALF_YEARLY] = "half-yearly",
	[WHEN_YEARLY] = "yearly",
	[WHEN_CONTINUOUS] = "continuous",
	[WHEN_ON_REQUEST] = "on-request",
	[WHEN_UNKNOWN] = "unknown"
};

/* Dashes that editors and word processors put between months. */
static const char *const when_dashes[] = {
	"\xe2\x80\x90",		/* U+2010 hyphen */
	"\xe2\x80\x91",		/* U+2011 non-breaking hyphen */
	"\xe2\x80\x93",		/* U+2013 en dash */
	"\xe2\x80\x94",		/* U+2014 em dash */
	"\xe2\x88\x92"		/* U+2212 minus */
};

/*
 * Words before the time itself: "Dự kiến quý III", "Trong năm 2024", a
 * label or list mark left in the cell ("Thời gian: …", "- …").
 */
static const char *const when_fillers[] = {
	"thoi gian thuc hien", "thoi gian", "du kien", "thuc hien", "tu",
	"trong", "ca", "vao", "khoang", ":", "-"
};

static const char *const when_continuous[] = {
	"thuong xuyen", "lien tuc", "hang ngay", "hang tuan"
};

static const char *const when_on_request[] = {
	"theo yeu cau", "theo chi dao"
};

/* After "Khi": "Khi có yêu cầu", "Khi cơ quan cấp trên có yêu cầu". */
static const char *const when_on_request_khi[] = {
	"yeu cau", "chi dao"
};

static const struct {
	const char	*phrase;
	int		 months;
} when_recur_units[] = {
	{ "thang", 1 },
	{ "quy", 3 },
	{ "nua nam", 6 },
	{ "nam", 12 }
};

static const struct {
	const char	*word;
	int		 n;
} when_number_words[] = {
	{ "mot", 1 }, { "ba", 3 }, { "sau", 6 }
};

static const struct {
	int		 months;
	enum when_kind	 kind;
} when_recur_kinds[] = {
	{ 1, WHEN_MONTHLY },
	{ 3, WHEN_QUARTERLY },
	{ 6, WHEN_HALF_YEARLY },
	{ 12, WHEN_YEARLY }
};

/* Longer phrases first: the first match wins. */
static const struct {
	const char	*phrase;
	int		 before;	/* exclusive: the day before X */
} when_deadlines[] = {
	{ "tu nay den het", 0 },
	{ "tu nay den", 0 },
	{ "den het", 0 },
	{ "hoan thanh truoc", 1 },
	{ "hoan thanh cham nhat", 0 },
	{ "hoan thanh", 0 },
	{ "cham nhat", 0 },
	{ "han chot", 0 },
	{ "han cuoi", 0 },
	{ "truoc", 1 }
};

/* Between a deadline word and its time: "Chậm nhất là ngày", "Hạn chót:". */
static const char *const when_deadline_fillers[] = {
	":", "la", "vao", "trong", "den", "het"
};

static const struct {
	const char	*word;
	enum unit	 unit;
} when_heads[] = {
	{ "ngay", U_DAY },
	{ "thang", U_MONTH },
	{ "t", U_MONTH },
	{ "quy", U_QUARTER },
	{ "q", U_QUARTER },
	{ "nam", U_YEAR }
};

static const char *const when_roman[] = { "i", "ii", "iii", "iv" };

static const struct {
	const char	*phrase;
	enum sep	 sep;
} when_seps[] = {
	{ "-", SEP_SPAN },
	{ "den het", SEP_SPAN },
	{ "den", SEP_SPAN },
	{ "toi", SEP_SPAN },
	{ ",", SEP_LIST },
	{ "va", SEP_LIST }
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- calendar ---- */

struct cdate
when_date(int y, int m, int d)
{
	struct cdate	 r;

	memset(&r, 0, sizeof(r));
	r.y = y;
	r.m = m;
	r.d = d;
	r.tz = DATE_VN_TZ;
	return r;
}

static struct cdate
when_prev_day(struct cdate a)
{
	if (--a.d > 0)
		return a;
	if (--a.m == 0) {
		a.m = 12;
		a.y--;
	}
	a.d = date_days_in_month(a.y, a.m);
	return a;
}

static struct cdate
when_next_day(struct cdate a)
{
	if (++a.d <= date_days_in_month(a.y, a.m))
		return a;
	a.d = 1;
	if (++a.m == 13) {
		a.m = 1;
		a.y++;
	}
	return a;
}

/* ---- tokens ---- */

static void
when_push(struct cur *c, enum tok_type type, const char *s, size_t n)
{
	struct tok	*t;
	size_t		 k;

	ARRAY_GROW(c->v, c->n, c->cap, 16);
	t = &c->v[c->n++];
	t->type = type;
	t->s = s;
	t->n = n;
	t->val = 0;
	/* Capped so that "tháng 99999999999" is just too big, not overflow. */
	for (k = 0; type == TOK_NUM && k < n; k++)
		if (t->val < 100000000)
			t->val = t->val * 10 + (s[k] - '0');
}

static int
when_is_alpha(int c)
{
	return c >= 'a' && c <= 'z';
}

static int
when_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Cuts folded text into tokens.  Text in brackets is a remark
 * ("(Trang thông tin điện tử)") and dropped, an unclosed bracket drops
 * the rest; final ".", ";", "," end a sentence, not the expression.
 */
static void
when_tokenize(const char *f, struct cur *c)
{
	const char	*p = f;
	size_t		 n, k;
	int		 depth = 0, dash;
	unsigned char	 ch;

	while ((ch = (unsigned char)*p) != '\0') {
		if (ch == ' ') {
			p++;
			continue;
		}
		if (ch == '(' || ch == '[') {
			depth++;
			p++;
			continue;
		}
		if (ch == ')' || ch == ']') {
			if (depth > 0)
				depth--;
			p++;
			continue;
		}
		n = 1;
		if (when_is_alpha(ch)) {
			while (when_is_alpha((unsigned char)p[n]))
				n++;
		} else if (when_is_digit(ch)) {
			while (when_is_digit((unsigned char)p[n]))
				n++;
		} else if (ch >= 0x80) {
			while (((unsigned char)p[n] & 0xC0) == 0x80)
				n++;
		}
		if (depth == 0) {
			dash = 0;
			for (k = 0; k < NELEM(when_dashes); k++)
				if (n == strlen(when_dashes[k]) &&
				    memcmp(p, when_dashes[k], n) == 0)
					dash = 1;
			if (dash)
				when_push(c, TOK_SYM, "-", 1);
			else
				when_push(c, when_is_alpha(ch) ? TOK_WORD :
				    when_is_digit(ch) ? TOK_NUM : TOK_SYM, p, n);
		}
		p += n;
	}
	while (c->n > 0 && c->v[c->n - 1].type == TOK_SYM &&
	    c->v[c->n - 1].n == 1 && strchr(".;,", c->v[c->n - 1].s[0]))
		c->n--;
}

/* Token i is the word or symbol s. */
static int
when_tok_is(const struct cur *c, size_t i, const char *s)
{
	return i < c->n && c->v[i].n == strlen(s) &&
	    memcmp(c->v[i].s, s, c->v[i].n) == 0;
}

/*
 * Tokens from i spell phrase (words separated by one space); sets *end
 * past them.
 */
static int
when_phrase(const struct cur *c, size_t i, const char *phrase, size_t *end)
{
	const char	*p = phrase, *sp;
	size_t		 n;

	for (;;) {
		sp = strchr(p, ' ');
		n = sp ? (size_t)(sp - p) : strlen(p);
		if (i >= c->n || c->v[i].n != n ||
		    memcmp(c->v[i].s, p, n) != 0)
			return 0;
		i++;
		if (sp == NULL)
			break;
		p = sp + 1;
	}
	*end = i;
	return 1;
}

/* Index of the first phrase of list that starts at token i, or -1. */
static int
when_phrase_any(const struct cur *c, size_t i, const char *const *list,
    size_t nlist, size_t *end)
{
	size_t	 k;

	for (k = 0; k < nlist; k++)
		if (when_phrase(c, i, list[k], end))
			return (int)k;
	return -1;
}

/* A number of at most two digits ("6", "06"). */
static int
when_small(const struct cur *c, size_t i, int *v)
{
	if (i >= c->n || c->v[i].type != TOK_NUM || c->v[i].n > 2)
		return 0;
	*v = c->v[i].val;
	return 1;
}

/* A four-digit number; whether it is a sensible year is checked later. */
static int
when_year_tok(const struct cur *c, size_t i, int *v)
{
	if (i >= c->n || c->v[i].type != TOK_NUM || c->v[i].n != 4)
		return 0;
	*v = c->v[i].val;
	return 1;
}

static enum unit
when_head(const struct cur *c, size_t i)
{
	size_t	 k;

	for (k = 0; k < NELEM(when_heads); k++)
		if (when_tok_is(c, i, when_heads[k].word))
			return when_heads[k].unit;
	return U_NONE;
}

/* ---- items ---- */

/* "/2025", "năm 2025", "-2025" after a month, quarter or day. */
static void
when_year_suffix(struct cur *c, struct item *it)
{
	int	 y;

	if ((when_tok_is(c, c->i, "/") || when_tok_is(c, c->i, "nam") ||
	    when_tok_is(c, c->i, "-")) && when_year_tok(c, c->i + 1, &y)) {
		it->y = y;
		c->i += 2;
	}
}

/* "15/10[/2025]", "15 tháng 10 [năm 2025]". */
static int
when_day(struct cur *c, struct item *it)
{
	size_t	 i = c->i;

	if (!when_small(c, i, &it->n) ||
	    !(when_tok_is(c, i + 1, "/") || when_tok_is(c, i + 1, "thang")) ||
	    !when_small(c, i + 2, &it->m))
		return 0;
	it->unit = U_DAY;
	c->i = i + 3;
	when_year_suffix(c, it);
	return 1;
}

/* "6 tháng đầu năm [2025]", "nửa cuối năm". */
static int
when_half(struct cur *c, struct item *it)
{
	size_t	 i = c->i;
	int	 six;

	if (when_small(c, i, &six) && six == 6 && when_tok_is(c, i + 1, "thang"))
		i += 2;
	else if (when_tok_is(c, i, "sau") && when_tok_is(c, i + 1, "thang"))
		i += 2;
	else if (when_tok_is(c, i, "nua"))
		i++;
	else
		return 0;
	if (when_tok_is(c, i, "dau"))
		it->n = 1;
	else if (when_tok_is(c, i, "cuoi"))
		it->n = 2;
	else
		return 0;
	if (!when_tok_is(c, i + 1, "nam"))
		return 0;
	i += 2;
	if (when_year_tok(c, i, &it->y))
		i++;
	it->unit = U_HALF;
	c->i = i;
	return 1;
}

static int
when_quarter_num(const struct cur *c, size_t i, int *q)
{
	size_t	 k;

	for (k = 0; k < NELEM(when_roman); k++)
		if (when_tok_is(c, i, when_roman[k])) {
			*q = (int)k + 1;
			return 1;
		}
	return when_small(c, i, q);
}

/*
 * One item.  prev is the unit of the item before it, which a later item
 * may leave unsaid ("Quý II - III", "tháng 11/2025 - 02/2026").  Moves
 * the cursor only when it succeeds.  Values are checked later, when the
 * years are known.
 */
static int
when_item(struct cur *c, enum unit prev, struct item *it)
{
	size_t		 save = c->i;
	enum unit	 unit;
	int		 v;

	memset(it, 0, sizeof(*it));
	if (when_half(c, it))
		return 1;
	if ((unit = when_head(c, c->i)) != U_NONE)
		c->i++;
	else if ((unit = prev) == U_NONE) {
		/* Bare: "2025", "4/2025", "30/6[/2025]". */
		if (when_year_tok(c, c->i, &it->y)) {
			it->unit = U_YEAR;
			c->i++;
			return 1;
		}
		if (when_small(c, c->i, &v) && when_tok_is(c, c->i + 1, "/") &&
		    when_year_tok(c, c->i + 2, &it->y)) {
			it->unit = U_MONTH;
			it->n = v;
			c->i += 3;
			return 1;
		}
		unit = U_DAY;
	}
	switch (unit) {
	case U_DAY:
		if (when_day(c, it))
			return 1;
		break;
	case U_MONTH:
		if (when_small(c, c->i, &it->n)) {
			it->unit = U_MONTH;
			c->i++;
			when_year_suffix(c, it);
			return 1;
		}
		break;
	case U_QUARTER:
		if (when_quarter_num(c, c->i, &it->n)) {
			it->unit = U_QUARTER;
			c->i++;
			when_year_suffix(c, it);
			return 1;
		}
		break;
	case U_YEAR:
		if (when_year_tok(c, c->i, &it->y)) {
			it->unit = U_YEAR;
			c->i++;
			return 1;
		}
		break;
	default:
		break;
	}
	c->i = save;
	return 0;
}

/* Checks an item whose year is known and sets its first and last day. */
static int
when_item_dates(struct item *it)
{
	int	 y = it->y, first, last;

	if (y < WHEN_MIN_YEAR || y > WHEN_MAX_YEAR)
		return -1;
	switch (it->unit) {
	case U_DAY:
		if (it->n < 1 || it->n > date_days_in_month(y, it->m))
			return -1;
		it->s = it->e = when_date(y, it->m, it->n);
		return 0;
	case U_MONTH:
		if (it->n < 1 || it->n > 12)
			return -1;
		first = last = it->n;
		break;
	case U_QUARTER:
		if (it->n < 1 || it->n > 4)
			return -1;
		first = 3 * it->n - 2;
		last = 3 * it->n;
		break;
	case U_HALF:
		first = 6 * it->n - 5;
		last = 6 * it->n;
		break;
	case U_YEAR:
		first = 1;
		last = 12;
		break;
	default:
		return -1;
	}
	it->s = when_date(y, first, 1);
	it->e = when_date(y, last, date_days_in_month(y, last));
	return 0;
}

static enum sep
when_sep(struct cur *c)
{
	size_t	 k, end;

	for (k = 0; k < NELEM(when_seps); k++)
		if (when_phrase(c, c->i, when_seps[k].phrase, &end)) {
			c->i = end;
			return when_seps[k].sep;
		}
	return SEP_NONE;
}

/*
 * Items joined by separators, up to the first token that does not fit.
 * Returns how many (0: none), or -1 when there are too many.
 */
static int
when_items(struct cur *c, struct item *v)
{
	size_t		 n = 0, save;
	enum sep	 sep;

	if (!when_item(c, U_NONE, &v[0]))
		return 0;
	for (n = 1;; n++) {
		save = c->i;
		if ((sep = when_sep(c)) == SEP_NONE)
			break;
		if (n == WHEN_MAX_ITEMS)
			return -1;
		if (!when_item(c, v[n - 1].unit, &v[n])) {
			/* Not a time: maybe ", tùy tình hình"; see when_rest_ok. */
			c->i = save;
			break;
		}
		v[n].sep = sep;
	}
	return (int)n;
}

/*
 * Fills in missing years (see the top of the file), checks every item
 * and the order between them.  y0 is the plan's first year, 0 if none.
 */
static int
when_span(struct item *v, int n, int y0)
{
	int	 k, carry;

	for (carry = 0, k = n - 1; k >= 0; k--)
		if (v[k].y)
			carry = v[k].y;
		else
			v[k].y = carry;
	for (carry = 0, k = 0; k < n; k++)
		if (v[k].y)
			carry = v[k].y;
		else
			v[k].y = carry;
	for (k = 0; k < n; k++) {
		if (v[k].y == 0) {
			if (y0 == 0)
				return -1;
			v[k].y = y0;
		}
		if (when_item_dates(&v[k]) == -1)
			return -1;
		if (k == 0)
			continue;
		if (v[k].sep == SEP_SPAN &&
		    date_cmp_day(&v[k].s, &v[k - 1].e) <= 0)
			return -1;
		if (v[k].sep == SEP_LIST) {
			struct cdate	 next = when_next_day(v[k - 1].e);

			if (date_cmp_day(&v[k].s, &next) != 0)
				return -1;
		}
	}
	return 0;
}

/* Nothing left, or a comma and a remark in words. */
static int
when_rest_ok(const struct cur *c)
{
	size_t	 i = c->i, k;

	if (i == c->n)
		return 1;
	if (!when_tok_is(c, i, ",") && !when_tok_is(c, i, ";"))
		return 0;
	if (i + 1 == c->n || c->v[i + 1].type != TOK_WORD ||
	    when_head(c, i + 1) != U_NONE)
		return 0;
	for (k = 0; k < NELEM(when_roman); k++)
		if (when_tok_is(c, i + 1, when_roman[k]))
			return 0;
	return 1;
}

/* ---- forms ---- */

static int
when_is_on_request(const struct cur *c)
{
	size_t	 i, end;

	if (when_phrase_any(c, c->i, when_on_request,
	    NELEM(when_on_request), &end) != -1)
		return 1;
	if (!when_tok_is(c, c->i, "khi"))
		return 0;
	for (i = c->i + 1; i < c->n; i++)
		if (when_phrase_any(c, i, when_on_request_khi,
		    NELEM(when_on_request_khi), &end) != -1)
			return 1;
	return 0;
}

/* The kind of a recurring form at the cursor, or WHEN_UNKNOWN. */
static enum when_kind
when_recurring(const struct cur *c)
{
	size_t	 i = c->i, end, k;
	int	 dinh_ky = 0, every = 0, n = 1, months = 0;

	if (when_phrase(c, i, "dinh ky", &end)) {
		dinh_ky = 1;
		i = end;
	}
	if (when_tok_is(c, i, "hang") || when_tok_is(c, i, "moi")) {
		every = 1;
		i++;
	}
	if (when_small(c, i, &n))
		i++;
	else
		for (k = 0; k < NELEM(when_number_words); k++)
			if (when_tok_is(c, i, when_number_words[k].word) &&
			    i + 1 < c->n && c->v[i + 1].type == TOK_WORD) {
				n = when_number_words[k].n;
				i++;
				break;
			}
	for (k = 0; k < NELEM(when_recur_units); k++)
		if (when_phrase(c, i, when_recur_units[k].phrase, &end)) {
			months = n * when_recur_units[k].months;
			i = end;
			break;
		}
	if (months == 0)
		return WHEN_UNKNOWN;
	/* "6 tháng đầu năm" and "Năm 2025" are not recurring. */
	if (!dinh_ky && !every && !when_phrase(c, i, "mot lan", &end) &&
	    !when_phrase(c, i, "/ lan", &end))
		return WHEN_UNKNOWN;
	for (k = 0; k < NELEM(when_recur_kinds); k++)
		if (when_recur_kinds[k].months == months)
			return when_recur_kinds[k].kind;
	return WHEN_UNKNOWN;
}

static void
when_set_period(struct when *w, enum when_kind kind, const struct period *p)
{
	w->kind = kind;
	if (p != NULL) {
		w->has_dates = 1;
		w->start = p->start;
		w->end = p->end;
	}
}

/* Parses the tokens of one text; c->i is at the start. */
static void
when_classify(struct cur *c, const struct period *p, struct when *w)
{
	struct item	 items[WHEN_MAX_ITEMS];
	enum when_kind	 kind;
	size_t		 k, end = 0;
	int		 n, y0 = p != NULL ? p->start.y : 0, fillers = 0;
	int		 before = -1;

	for (;;) {
		for (k = 0; k < NELEM(when_deadlines); k++)
			if (when_phrase(c, c->i, when_deadlines[k].phrase,
			    &end))
				break;
		if (k < NELEM(when_deadlines)) {
			before = when_deadlines[k].before;
			c->i = end;
			break;
		}
		if (when_phrase_any(c, c->i, when_fillers, NELEM(when_fillers),
		    &end) == -1)
			break;
		c->i = end;
		fillers++;
	}
	if (before == -1) {
		if (when_is_on_request(c)) {
			w->kind = WHEN_ON_REQUEST;
			return;
		}
		if (when_phrase_any(c, c->i, when_continuous,
		    NELEM(when_continuous), &end) != -1) {
			when_set_period(w, WHEN_CONTINUOUS, p);
			return;
		}
		if ((kind = when_recurring(c)) != WHEN_UNKNOWN) {
			when_set_period(w, kind, p);
			return;
		}
		/* "Trong năm", "Cả năm": the plan's (first) year. */
		if (fillers > 0 && c->i + 1 == c->n &&
		    when_tok_is(c, c->i, "nam")) {
			if (p != NULL) {
				w->kind = WHEN_RANGE;
				w->has_dates = 1;
				w->start = when_date(y0, 1, 1);
				w->end = when_date(y0, 12, 31);
			}
			return;
		}
	} else
		while (when_phrase_any(c, c->i, when_deadline_fillers,
		    NELEM(when_deadline_fillers), &end) != -1)
			c->i = end;

	if ((n = when_items(c, items)) <= 0 || !when_rest_ok(c) ||
	    when_span(items, n, y0) == -1)
		return;
	if (before == -1) {
		w->kind = WHEN_RANGE;
		w->has_dates = 1;
		w->start = items[0].s;
		w->end = items[n - 1].e;
		return;
	}
	w->kind = WHEN_DEADLINE;
	if (p == NULL)
		return;
	w->has_dates = 1;
	/* "trước ngày 15/10" is due on the 15th; "trước tháng 6" in May. */
	w->end = before && items[0].unit != U_DAY ?
	    when_prev_day(items[0].s) : items[n - 1].e;
	w->start = date_cmp_day(&p->start, &w->end) <= 0 ? p->start : w->end;
}

void
when_parse(const char *text, const struct period *p, struct when *w)
{
	struct cur	 c;
	char		*f;

	memset(w, 0, sizeof(*w));
	w->kind = WHEN_UNKNOWN;
	if (text == NULL || (f = slug_fold(text, strlen(text))) == NULL)
		return;
	memset(&c, 0, sizeof(c));
	when_tokenize(f, &c);
	if (c.n > 0)
		when_classify(&c, p, w);
	free(c.v);
	free(f);
}

const char *
when_kind_name(enum when_kind k)
{
	if ((unsigned)k >= NELEM(when_kind_names))
		return "unknown";
	return when_kind_names[k];
}

/* ---- periods and dates ---- */

/* Four digits that make a year in range; advances *s past them. */
static int
period_year(const char **s, int *y)
{
	const char	*p = *s;
	int		 k;

	for (k = 0, *y = 0; k < 4; k++, p++) {
		if (!when_is_digit((unsigned char)*p))
			return 0;
		*y = *y * 10 + (*p - '0');
	}
	if (when_is_digit((unsigned char)*p) || *y < WHEN_MIN_YEAR)
		return 0;
	*s = p;
	return 1;
}

static const char *
period_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int
period_parse(const char *s, struct period *out)
{
	int	 y1, y2;
	size_t	 k;

	if (s == NULL)
		return -1;
	s = period_space(s);
	if (!period_year(&s, &y1))
		return -1;
	s = period_space(s);
	y2 = y1;
	if (*s != '\0') {
		if (*s == '-')
			s++;
		else {
			for (k = 0; k < NELEM(when_dashes); k++)
				if (strncmp(s, when_dashes[k],
				    strlen(when_dashes[k])) == 0)
					break;
			if (k == NELEM(when_dashes))
				return -1;
			s += strlen(when_dashes[k]);
		}
		s = period_space(s);
		if (!period_year(&s, &y2) || *period_space(s) != '\0' ||
		    y2 < y1)
			return -1;
	}
	out->start = when_date(y1, 1, 1);
	out->end = when_date(y2, 12, 31);
	return 0;
}

char *
when_month_title(int y, int m)
{
	return xasprintf("Tháng %d/%d", m, y);
}
