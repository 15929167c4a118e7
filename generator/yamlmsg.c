/*
 * yamlmsg.c - libyaml's errors in Vietnamese, with their real cause; see
 * yamlmsg.h.
 *
 * yamlmsg_explain() tries the causes in a fixed order, from the surest
 * (libyaml names it: an unclosed quote, a bad escape, a tab) to the
 * guessed (read from the line at the mark), and ends with a sentence that
 * names no cause.  Every rule is a static ym_* function that returns 1
 * when it wrote the message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"
#include "yamlmsg.h"

#define YM_NONE	SIZE_MAX

/* One source line, cut into the parts the rules look at (byte offsets). */
struct yline {
	const char	*s;
	size_t		 n;	/* without the line break, CR or blanks at the end */
	size_t		 indent;	/* leading spaces and tabs */
	size_t		 tab;	/* first tab among them, or YM_NONE */
	int		 item;	/* starts with "- " */
	size_t		 body;	/* after the indent and "- " markers */
	size_t		 key, keyn;	/* a plain key before ": " (keyn 0: none) */
	size_t		 val, valn;	/* the value; the body when no key */
};

struct ym {
	const char	*src;
	size_t		 len;
	int		 first_line;
	int		 in_fm;
	struct yamlmsg	*m;
	struct buf	 b;
};

/* Length of the line break at src[i], 0 if none (libyaml's breaks). */
static size_t
ym_break(const char *src, size_t len, size_t i)
{
	const unsigned char *s = (const unsigned char *)src;

	if (s[i] == '\n')
		return 1;
	if (s[i] == '\r')
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85)
		return 2;
	if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
		return 3;
	return 0;
}

static int
ym_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Cuts line `k` (0-based) of the text into *l; 0 when there is none. */
static int
ym_line(const char *src, size_t len, size_t k, struct yline *l)
{
	size_t	 i = 0, start, n, br;

	memset(l, 0, sizeof(*l));
	for (; k > 0; k--) {
		while (i < len && ym_break(src, len, i) == 0)
			i++;
		if (i >= len)
			return 0;
		i += ym_break(src, len, i);
	}
	if (i > len)
		return 0;
	start = i;
	while (i < len && (br = ym_break(src, len, i)) == 0)
		i++;
	l->s = src + start;
	n = i - start;
	while (n > 0 && ym_blank(l->s[n - 1]))
		n--;
	l->n = n;
	l->tab = YM_NONE;
	for (i = 0; i < n && ym_blank(l->s[i]); i++)
		if (l->s[i] == '\t' && l->tab == YM_NONE)
			l->tab = i;
	l->indent = i;
	while (i < n && l->s[i] == '-' && (i + 1 == n || ym_blank(l->s[i + 1]))) {
		l->item = 1;
		for (i++; i < n && ym_blank(l->s[i]); i++)
			continue;
	}
	l->body = i;
	/* A plain key ends at the first ": " (or ':' ending the line). */
	if (i < n && strchr("\"'[{#&*!|>%@`", l->s[i]) == NULL)
		for (; i < n; i++)
			if (l->s[i] == ':' && (i + 1 == n || ym_blank(l->s[i + 1]))) {
				l->key = l->body;
				l->keyn = i - l->body;
				for (i++; i < n && ym_blank(l->s[i]); i++)
					continue;
				break;
			}
	if (l->keyn == 0)
		i = l->body;
	l->val = i;
	l->valn = n - i;
	return 1;
}

/* Column (1-based, in characters) of byte `off` of a line. */
static int
ym_col(const struct yline *l, size_t off)
{
	size_t	 i;
	int	 c = 1;

	for (i = 0; i < off && i < l->n; i++)
		if (((unsigned char)l->s[i] & 0xC0) != 0x80)
			c++;
	return c + (int)(off > l->n ? off - l->n : 0);
}

/* Byte offset of 0-based character column `col` of a line. */
static size_t
ym_off(const struct yline *l, size_t col)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (((unsigned char)l->s[i] & 0xC0) != 0x80 && col-- == 0)
			return i;
	return l->n;
}

static void
ym_at(struct ym *y, size_t line0, int col)
{
	y->m->line = y->first_line + (int)line0;
	y->m->col = col;
}

/* Offset just past the quoted scalar that opens at s[i], or YM_NONE. */
static size_t
ym_qend(const char *s, size_t n, size_t i)
{
	char	 q = s[i];

	for (i++; i < n; i++) {
		if (q == '"' && s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == q) {
			if (q == '\'' && i + 1 < n && s[i + 1] == '\'') {
				i++;
				continue;
			}
			return i + 1;
		}
	}
	return YM_NONE;
}

/* Offset just past the [ … ] or { … } that opens at s[i], or YM_NONE. */
static size_t
ym_flow_end(const char *s, size_t n, size_t i)
{
	int	 depth = 0;

	for (; i < n; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			size_t e = ym_qend(s, n, i);

			if (e == YM_NONE)
				return YM_NONE;
			i = e - 1;
		} else if (s[i] == '[' || s[i] == '{')
			depth++;
		else if ((s[i] == ']' || s[i] == '}') && --depth == 0)
			return i + 1;
	}
	return YM_NONE;
}

/* v[0..n) as a YAML scalar in quotes: "…" when it can, else '…'. */
static void
ym_quote(struct buf *b, const char *v, size_t n)
{
	size_t	 i;

	if (memchr(v, '"', n) == NULL && memchr(v, '\\', n) == NULL) {
		buf_putc(b, '"');
		buf_put(b, v, n);
		buf_putc(b, '"');
	} else if (memchr(v, '\'', n) == NULL) {
		buf_putc(b, '\'');
		buf_put(b, v, n);
		buf_putc(b, '\'');
	} else {
		buf_putc(b, '"');
		for (i = 0; i < n; i++) {
			if (v[i] == '"' || v[i] == '\\')
				buf_putc(b, '\\');
			buf_putc(b, v[i]);
		}
		buf_putc(b, '"');
	}
}

/* A plain value without its comment (" #…"). */
static size_t
ym_plain_len(const char *v, size_t n)
{
	size_t	 i;

	for (i = 1; i < n; i++)
		if (v[i] == '#' && ym_blank(v[i - 1])) {
			while (i > 0 && ym_blank(v[i - 1]))
				i--;
			return i;
		}
	return n;
}

/* The line as it should be: its "- " and key, then v[0..n) quoted. */
static void
ym_fixed(struct buf *b, const struct yline *l, const char *v, size_t n)
{
	buf_put(b, l->s + l->indent, (l->keyn > 0 ? l->val : l->body) -
	    l->indent);
	if (l->keyn > 0 && l->val == l->key + l->keyn + 1)
		buf_putc(b, ' ');	/* "key:" at the end of the line */
	ym_quote(b, v, n);
}

/* What the value is called: the key's, or a list item's. */
static void
ym_subject(struct buf *b, const struct yline *l)
{
	if (l->keyn > 0) {
		buf_puts(b, "giá trị của “");
		buf_put(b, l->s + l->key, l->keyn);
		buf_puts(b, "”");
	} else if (l->item)
		buf_puts(b, "mục danh sách này");
	else
		buf_puts(b, "giá trị này");
}

/* "title:Kế hoạch": a key word, ':' and no space. */
static size_t
ym_nospace_colon(const struct yline *l)
{
	size_t	 i;

	if (l->keyn > 0 || l->body >= l->n ||
	    strchr("\"'[{#&*!|>%@`-?:", l->s[l->body]) != NULL)
		return YM_NONE;
	for (i = l->body; i < l->n; i++) {
		if (ym_blank(l->s[i]))
			return YM_NONE;
		if (l->s[i] == ':')
			break;
	}
	/* Not a URL ("https://…") nor a time ("9:30"). */
	if (i >= l->n || i + 1 >= l->n || l->s[i + 1] == '/' ||
	    (l->s[i - 1] >= '0' && l->s[i - 1] <= '9'))
		return YM_NONE;
	return i;
}

/* Whether v[0..n) holds ": ", which ends a plain value. */
static int
ym_colon_space(const char *v, size_t n)
{
	size_t	 i;

	for (i = 0; i + 1 < n; i++)
		if (v[i] == ':' && ym_blank(v[i + 1]))
			return 1;
	return 0;
}

static void
ym_nospace_text(struct buf *b, const struct yline *l, size_t colon)
{
	const char	*v = l->s + colon + 1;
	size_t		 n = l->n - colon - 1;

	buf_puts(b, "thiếu dấu cách sau dấu hai chấm của “");
	buf_put(b, l->s + l->body, colon - l->body);
	buf_puts(b, "”; hãy sửa thành: ");
	buf_put(b, l->s + l->indent, colon + 1 - l->indent);
	buf_putc(b, ' ');
	/* Quoted only when the value needs it. */
	if (ym_colon_space(v, n))
		ym_quote(b, v, ym_plain_len(v, n));
	else
		buf_put(b, v, n);
}

static const char *
ym_indicator_name(char c)
{
	switch (c) {
	case '-':
		return "“- ” (mục danh sách)";
	case '?':
		return "“? ”";
	case '|':
	case '>':
		return c == '|' ? "| (dùng cho đoạn văn nhiều dòng)" :
		    "> (dùng cho đoạn văn nhiều dòng)";
	case '*':
		return "* (bị hiểu là tham chiếu YAML)";
	case '&':
		return "& (bị hiểu là neo YAML)";
	case '!':
		return "! (bị hiểu là thẻ kiểu YAML)";
	case '%':
		return "%";
	case '@':
		return "@";
	default:
		return "`";
	}
}

/* A value that begins with a YAML indicator: quote it. */
static int
ym_indicator(struct ym *y, size_t k, const struct yline *l, char c)
{
	ym_at(y, k, ym_col(l, l->val));
	ym_subject(&y->b, l);
	buf_printf(&y->b, " không được bắt đầu bằng dấu %s; hãy đặt cả giá "
	    "trị trong ngoặc kép: ", ym_indicator_name(c));
	ym_fixed(&y->b, l, l->s + l->val, ym_plain_len(l->s + l->val,
	    l->valn));
	return 1;
}

static int
ym_unclosed(struct ym *y, size_t k)
{
	struct yline	 l;
	char		 q;

	if (!ym_line(y->src, y->len, k, &l) || l.valn == 0 ||
	    (l.s[l.val] != '"' && l.s[l.val] != '\''))
		return 0;
	q = l.s[l.val];
	ym_at(y, k, ym_col(&l, l.val));
	buf_printf(&y->b, "dấu %c mở đầu ", q);
	ym_subject(&y->b, &l);
	buf_printf(&y->b, " không có dấu %c đóng; hãy sửa thành: ", q);
	buf_put(&y->b, l.s + l.indent, l.n - l.indent);
	if (l.n - l.val < 2 || l.s[l.n - 1] != q)
		buf_putc(&y->b, q);
	return 1;
}

/* "\U" in double quotes, as in a Windows path. */
static int
ym_escape(struct ym *y, size_t k, size_t col0)
{
	struct yline	 l;
	size_t		 at, e;

	if (!ym_line(y->src, y->len, k, &l) || l.valn == 0 ||
	    l.s[l.val] != '"')
		return 0;
	at = ym_off(&l, col0);
	/* The error's column may be past the line's end (past the text,
	   which need not end in a NUL): look from its last byte. */
	if (at >= l.n)
		at = l.n - 1;
	while (at > l.val && l.s[at] != '\\')
		at--;
	/* Only a backslash inside the quotes: one before them (the error
	   column can point there) is plain text, and e below needs at > val. */
	if (at <= l.val || at >= l.n || l.s[at] != '\\')
		return 0;
	ym_at(y, k, ym_col(&l, at));
	buf_puts(&y->b, "trong ngoặc kép, dấu \\ mở đầu một ký tự đặc biệt "
	    "nên “");
	buf_put(&y->b, l.s + at, at + 1 < l.n ? 2 : 1);
	buf_puts(&y->b, "” không hợp lệ; hãy dùng ngoặc đơn: ");
	e = ym_qend(l.s, l.n, l.val);
	if (e == YM_NONE)
		e = l.n;
	if (memchr(l.s + l.val + 1, '\'', e - l.val - 2) == NULL) {
		buf_put(&y->b, l.s + l.indent, l.val - l.indent);
		buf_putc(&y->b, '\'');
		buf_put(&y->b, l.s + l.val + 1, e - l.val - 2);
		buf_putc(&y->b, '\'');
	} else
		buf_put(&y->b, l.s + l.indent, l.n - l.indent);
	buf_puts(&y->b, " (hoặc viết \\\\ cho mỗi dấu \\)");
	return 1;
}

/* A tab in the indentation of line k, or of the lines just above it. */
static int
ym_tab(struct ym *y, size_t k, size_t from)
{
	struct yline	 l;

	for (;; k--) {
		if (ym_line(y->src, y->len, k, &l) && l.tab != YM_NONE &&
		    l.indent < l.n) {
			ym_at(y, k, ym_col(&l, l.tab));
			buf_puts(&y->b, "dòng này thụt lề bằng phím Tab; chỉ "
			    "được thụt lề bằng dấu cách: hãy thay Tab bằng dấu "
			    "cách");
			return 1;
		}
		if (k == 0 || k <= from)
			return 0;
	}
}

/*
 * A quote opened on an earlier line and never closed there: the parser
 * went on to the next quote, on line k before col0, and failed after it.
 */
static int
ym_open_quote_above(struct ym *y, size_t k, size_t col0)
{
	struct yline	 l, m;
	size_t		 j;
	char		 q;

	if (k == 0 || !ym_line(y->src, y->len, k, &m))
		return 0;
	for (j = k; j-- > 0;) {
		if (!ym_line(y->src, y->len, j, &l))
			return 0;
		if (l.valn == 0 || (l.s[l.val] != '"' && l.s[l.val] != '\''))
			continue;
		q = l.s[l.val];
		if (ym_qend(l.s, l.n, l.val) != YM_NONE)
			return 0;
		if (memchr(m.s, q, ym_off(&m, col0)) == NULL)
			return 0;
		return ym_unclosed(y, j);
	}
	return 0;
}

/* The value on line k opens a quote that closes before its end. */
static int
ym_inner_quote(struct ym *y, size_t k, const struct yline *l)
{
	size_t	 e;
	char	 q = l->s[l->val];

	if (l->valn < 2 || (q != '"' && q != '\'') ||
	    (e = ym_qend(l->s, l->n, l->val)) == YM_NONE || e >= l->n)
		return 0;
	ym_at(y, k, ym_col(l, e - 1));
	if (l->s[l->n - 1] == q) {
		buf_printf(&y->b, "dấu %c bên trong ", q);
		ym_subject(&y->b, l);
		buf_puts(&y->b, " làm giá trị kết thúc sớm; hãy sửa thành: ");
		ym_fixed(&y->b, l, l->s + l->val + 1, l->n - l->val - 2);
		buf_puts(&y->b, q == '"' ? " (hoặc dùng ngoặc kép cong “…” "
		    "bên trong)" : " (hoặc viết hai dấu '' cho mỗi dấu ' bên "
		    "trong)");
	} else {
		ym_subject(&y->b, l);
		buf_printf(&y->b, " bắt đầu bằng dấu %c nên chỉ phần trong "
		    "ngoặc được hiểu là giá trị, phần phía sau bị thừa; hãy "
		    "đặt cả giá trị trong ngoặc: ", q);
		ym_fixed(&y->b, l, l->s + l->val, l->n - l->val);
	}
	return 1;
}

/* The value on line k starts with [ or {. */
static int
ym_bracket(struct ym *y, size_t k, const struct yline *l)
{
	size_t	 e;
	char	 c;

	if (l->valn == 0 || (l->s[l->val] != '[' && l->s[l->val] != '{'))
		return 0;
	c = l->s[l->val];
	e = ym_flow_end(l->s, l->n, l->val);
	ym_at(y, k, ym_col(l, l->val));
	if (e == YM_NONE) {
		buf_printf(&y->b, "dấu %c ở đầu ", c);
		ym_subject(&y->b, l);
		buf_puts(&y->b, " chưa được đóng; nếu đây là chữ, hãy đặt cả "
		    "giá trị trong ngoặc kép: ");
		ym_fixed(&y->b, l, l->s + l->val, l->valn);
		buf_printf(&y->b, ", còn nếu là %s thì thêm dấu %c ở cuối",
		    c == '[' ? "danh sách" : "nhóm khóa", c == '[' ? ']' : '}');
	} else if (e < l->n) {
		ym_subject(&y->b, l);
		buf_printf(&y->b, " bắt đầu bằng dấu %c nên được hiểu là %s; "
		    "nếu đây là chữ, hãy đặt cả giá trị trong ngoặc kép: ", c,
		    c == '[' ? "một danh sách [ … ]" : "một nhóm khóa { … }");
		ym_fixed(&y->b, l, l->s + l->val, ym_plain_len(l->s + l->val,
		    l->valn));
	} else {
		buf_printf(&y->b, "trong %s ở đây có chỗ sai: các mục cách "
		    "nhau bằng dấu phẩy, mục có dấu phẩy, hai chấm hay ngoặc "
		    "thì đặt trong ngoặc kép; nếu cả giá trị là chữ, hãy đặt nó "
		    "trong ngoặc kép: ", c == '[' ? "danh sách [ … ]" :
		    "nhóm khóa { … }");
		ym_fixed(&y->b, l, l->s + l->val, l->valn);
	}
	return 1;
}

/* What the value on line k itself shows: quotes, brackets, indicators. */
static int
ym_value(struct ym *y, size_t k)
{
	struct yline	 l;

	if (!ym_line(y->src, y->len, k, &l) || l.valn == 0)
		return 0;
	if (ym_inner_quote(y, k, &l) || ym_bracket(y, k, &l))
		return 1;
	if (strchr("*&!@`%|>", l.s[l.val]) != NULL)
		return ym_indicator(y, k, &l, l.s[l.val]);
	return 0;
}

/* The nearest line above k with text (not blank, not a comment). */
static int
ym_above(const struct ym *y, size_t k, size_t *j, struct yline *l)
{
	while (k-- > 0)
		if (ym_line(y->src, y->len, k, l) && l->indent < l->n &&
		    l->s[l->indent] != '#') {
			*j = k;
			return 1;
		}
	return 0;
}

/* List items out of line with the item above them. */
static int
ym_list_indent(struct ym *y, size_t k, const struct yline *l)
{
	struct yline	 a;
	size_t		 j = k;
	int		 found = 0;

	if (!l->item)
		return 0;
	while (ym_above(y, j, &j, &a))
		if ((found = a.item) || a.indent <= l->indent)
			break;
	if (!found || a.indent == l->indent)
		return 0;
	ym_at(y, k, ym_col(l, l->indent));
	buf_printf(&y->b, "mục danh sách này thụt lề %zu dấu cách, còn mục ở "
	    "dòng %d thụt lề %zu; các mục của một danh sách phải thẳng cột: "
	    "hãy thụt lề %zu dấu cách như dòng %d", l->indent,
	    y->first_line + (int)j, a.indent, a.indent, y->first_line + (int)j);
	return 1;
}

/* The generic indentation sentence, at line k. */
static int
ym_indent(struct ym *y, size_t k)
{
	struct yline	 l, a;
	size_t		 j;

	if (!ym_line(y->src, y->len, k, &l) || l.indent >= l.n)
		return 0;
	if (ym_list_indent(y, k, &l))
		return 1;
	ym_at(y, k, ym_col(&l, l.indent));
	if (!ym_above(y, k, &j, &a))
		a.keyn = 0;
	/* Under a list item's key, off its column ("- name:" then "slug:"). */
	if (a.keyn > 0 && l.keyn > 0 && a.item && l.indent > a.indent &&
	    l.indent < a.key) {
		buf_puts(&y->b, "“");
		buf_put(&y->b, l.s + l.key, l.keyn);
		buf_printf(&y->b, "” thụt lề %zu dấu cách, còn “", l.indent);
		buf_put(&y->b, a.s + a.key, a.keyn);
		buf_printf(&y->b, "” ở dòng %d bắt đầu ở cột %d; hai khóa của "
		    "cùng một mục phải thẳng cột: hãy thụt lề %zu dấu cách",
		    y->first_line + (int)j, ym_col(&a, a.key), a.key);
		return 1;
	}
	if (a.keyn > 0 && a.valn > 0 && l.indent > a.key) {
		buf_printf(&y->b, "dòng này thụt lề sâu hơn dòng %d nên bị "
		    "hiểu là phần tiếp của giá trị “", y->first_line + (int)j);
		buf_put(&y->b, a.s + a.key, a.keyn);
		buf_puts(&y->b, "”; nếu đây là một khóa mới, hãy bỏ thụt lề "
		    "cho thẳng cột với “");
		buf_put(&y->b, a.s + a.key, a.keyn);
		buf_puts(&y->b, "”, còn nếu là phần tiếp thì đặt cả giá trị "
		    "trong ngoặc kép trên một dòng");
		return 1;
	}
	buf_printf(&y->b, "thụt lề của dòng này (%zu dấu cách) không khớp với "
	    "các dòng phía trên; các khóa cùng cấp phải thẳng cột, khóa con "
	    "thụt vào sâu hơn khóa cha (thụt lề bằng dấu cách)", l.indent);
	return 1;
}

/* "mapping values are not allowed in this context": a ':' at the mark. */
static int
ym_colon(struct ym *y, size_t k, size_t col0)
{
	struct yline	 l, a;
	size_t		 at, j;
	char		*t;

	if (!ym_line(y->src, y->len, k, &l))
		return 0;
	at = ym_off(&l, col0);
	if (l.keyn > 0 && at > l.key + l.keyn) {
		if (ym_value(y, k))
			return 1;
		ym_at(y, k, ym_col(&l, at));
		ym_subject(&y->b, &l);
		buf_puts(&y->b, " có dấu hai chấm và dấu cách (“: ”) nên phần "
		    "sau bị hiểu là một khóa mới; hãy đặt cả giá trị trong "
		    "ngoặc kép: ");
		ym_fixed(&y->b, &l, l.s + l.val, ym_plain_len(l.s + l.val,
		    l.valn));
		return 1;
	}
	/* The key on this line is fine: the value above ran on to it. */
	if (ym_above(y, k, &j, &a) && (t = yamlmsg_nospace(y->src, y->len,
	    j)) != NULL) {
		ym_at(y, j, ym_col(&a, ym_nospace_colon(&a)) + 1);
		buf_puts(&y->b, t);
		free(t);
		return 1;
	}
	return ym_indent(y, k);
}

/* "could not find expected ':'": a line that is not "key: value". */
static int
ym_nocolon(struct ym *y, size_t k)
{
	struct yline	 l;
	size_t		 c;

	if (!ym_line(y->src, y->len, k, &l))
		return 0;
	if ((c = ym_nospace_colon(&l)) != YM_NONE) {
		ym_at(y, k, ym_col(&l, c) + 1);
		ym_nospace_text(&y->b, &l, c);
		return 1;
	}
	ym_at(y, k, ym_col(&l, l.indent));
	buf_puts(&y->b, "dòng này không có dạng “khóa: giá trị” (thiếu dấu "
	    "hai chấm và dấu cách sau tên khóa); hãy thêm “: ” sau tên khóa, "
	    "hoặc nếu đây là phần tiếp của giá trị ở dòng trên thì nối vào "
	    "dòng đó");
	return 1;
}

/* A flow collection ([ … ] or { … }) opened at line k. */
static int
ym_flow(struct ym *y, size_t k, size_t col0)
{
	struct yline	 l;
	size_t		 at;

	if (!ym_line(y->src, y->len, k, &l))
		return 0;
	if (ym_bracket(y, k, &l))
		return 1;
	at = ym_off(&l, col0);
	ym_at(y, k, ym_col(&l, at));
	buf_puts(&y->b, "danh sách hoặc nhóm khóa viết trong ngoặc [ … ] hay "
	    "{ … } có chỗ sai ở đây: các mục cách nhau bằng một dấu phẩy, mục "
	    "có dấu phẩy, hai chấm hay ngoặc thì đặt trong ngoặc kép");
	return 1;
}

/* The line at a mark with a character that libyaml refused. */
static int
ym_char(struct ym *y, size_t k, size_t col0, int ctx)
{
	struct yline	 l;
	size_t		 at;

	if (!ym_line(y->src, y->len, k, &l))
		return 0;
	at = ym_off(&l, col0);
	if (at < l.n && at == l.val && l.valn > 0 && at > l.indent &&
	    (l.keyn > 0 || l.item))
		return ym_indicator(y, k, &l, ctx != 0 ? (char)ctx : l.s[at]);
	return 0;
}

static int
ym_has(const char *s, const char *word)
{
	return s != NULL && strstr(s, word) != NULL;
}

/* Reader errors: bad UTF-8 or control characters (byte offsets). */
static void
ym_offset_pos(const struct ym *y, size_t off, int *line, int *col)
{
	size_t	 i, br;
	int	 l = 0, k = 0;

	if (off > y->len)
		off = y->len;
	for (i = 0; i < off; i++) {
		if ((br = ym_break(y->src, y->len, i)) > 0) {
			l++;
			k = 0;
			i += br - 1;
		} else if (((unsigned char)y->src[i] & 0xC0) != 0x80)
			k++;
	}
	*line = y->first_line + l;
	*col = k + 1;
}

/*
 * Offset of the first byte that does not start a valid UTF-8 sequence
 * (len if none).  libyaml points at the bad continuation byte; editors
 * need the character that is wrong, i.e. its first byte.
 */
static size_t
ym_bad_utf8(const unsigned char *s, size_t len)
{
	size_t		 i = 0, n, k;
	unsigned long	 cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF)
			n = 2, cp = s[i] & 0x1F;
		else if (s[i] >= 0xE0 && s[i] <= 0xEF)
			n = 3, cp = s[i] & 0x0F;
		else if (s[i] >= 0xF0 && s[i] <= 0xF4)
			n = 4, cp = s[i] & 0x07;
		else
			return i;
		if (len - i < n)
			return i;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return i;
		i += n;
	}
	return len;
}

static void
ym_reader(struct ym *y, const yaml_parser_t *p)
{
	const char	*what = y->in_fm ? "phần đầu (front matter)" :
			    "tệp YAML";
	size_t		 bad;

	ym_offset_pos(y, p->problem_offset, &y->m->line, &y->m->col);
	if (ym_has(p->problem, "control characters"))
		buf_printf(&y->b, "%s chứa ký tự điều khiển không được phép "
		    "(mã 0x%02X); xóa ký tự này", what,
		    (unsigned)p->problem_value & 0xFFFFFFu);
	else if ((bad = ym_bad_utf8((const unsigned char *)y->src,
	    y->len)) < y->len) {
		ym_offset_pos(y, bad, &y->m->line, &y->m->col);
		buf_printf(&y->b, "%s không phải UTF-8 hợp lệ (byte 0x%02X); "
		    "lưu lại tệp với bảng mã UTF-8", what,
		    (unsigned char)y->src[bad]);
	} else if (ym_has(p->problem, "too long"))
		buf_printf(&y->b, "%s quá dài; hãy chia nhỏ tệp", what);
	else
		buf_printf(&y->b, "%s không phải UTF-8 hợp lệ; lưu lại tệp "
		    "với bảng mã UTF-8", what);
}

/* The causes libyaml names itself, from its context. */
static int
ym_by_context(struct ym *y, const yaml_parser_t *p)
{
	size_t	 pl = p->problem_mark.line, pc = p->problem_mark.column;
	size_t	 cl = p->context_mark.line, cc = p->context_mark.column;
	int	 ctx = p->context != NULL;

	if (ctx && ym_has(p->context, "quoted scalar")) {
		if (ym_has(p->problem, "end of stream") ||
		    ym_has(p->problem, "document indicator"))
			return ym_unclosed(y, cl);
		/* A bad escape on a later line than the opening quote: that
		   quote was left open, which is the editor's mistake. */
		if (cl < pl && ym_unclosed(y, cl))
			return 1;
		return ym_escape(y, pl, pc);
	}
	if (ym_has(p->problem, "tab character"))
		return ym_tab(y, pl, ctx ? cl : pl);
	if (ym_tab(y, pl, pl) || ym_open_quote_above(y, pl, pc))
		return 1;
	if (ctx && ym_has(p->context, "flow"))
		return ym_flow(y, cl, cc);
	if (ym_has(p->problem, "could not find expected ':'"))
		return ym_nocolon(y, ctx ? cl : pl);
	if (ym_has(p->problem, "mapping values are not allowed"))
		return ym_colon(y, pl, pc);
	if (ym_has(p->problem, "block sequence entries"))
		return ym_char(y, pl, pc, '-') || ym_indent(y, pl);
	if (ym_has(p->problem, "mapping keys are not allowed"))
		return ym_char(y, pl, pc, '?');
	if (ctx && ym_has(p->context, "block scalar"))
		return ym_char(y, cl, cc, 0);
	if (ctx && (ym_has(p->context, "anchor") ||
	    ym_has(p->context, "alias") || ym_has(p->context, "tag") ||
	    ym_has(p->context, "simple key")))
		return ym_char(y, cl, cc, 0) || ym_value(y, cl);
	return 0;
}

static void
ym_classify(struct ym *y, const yaml_parser_t *p)
{
	size_t	 pl = p->problem_mark.line, pc = p->problem_mark.column;
	struct yline l;

	if (ym_by_context(y, p))
		return;
	if (ym_has(p->problem, "cannot start any token") &&
	    ym_char(y, pl, pc, 0))
		return;
	if (ym_has(p->problem, "directive") || ym_has(p->problem, "%YAML") ||
	    ym_has(p->problem, "%TAG") || (p->context != NULL &&
	    ym_has(p->context, "directive"))) {
		ym_at(y, pl, 1);
		buf_puts(&y->b, "dòng bắt đầu bằng dấu % bị hiểu là chỉ thị "
		    "YAML; hãy xóa dòng này, hoặc đặt tên khóa trong ngoặc kép");
		return;
	}
	if (ym_has(p->problem, "<document start>")) {
		ym_at(y, pl, (int)pc + 1);
		buf_puts(&y->b, "có nội dung sau dòng kết thúc “...”; hãy xóa "
		    "dòng “...” ở phía trên");
		return;
	}
	if (ym_has(p->problem, "tag") || ym_has(p->problem, "'!'") ||
	    ym_has(p->problem, "URI")) {
		if (ym_char(y, pl, pc, '!') || ym_value(y, pl))
			return;
	}
	if (ym_value(y, pl))
		return;
	if (ym_line(y->src, y->len, pl, &l) && ym_list_indent(y, pl, &l))
		return;
	if ((ym_has(p->problem, "expected key") ||
	    ym_has(p->problem, "'-' indicator")) && ym_indent(y, pl))
		return;
	ym_at(y, pl, (int)pc + 1);
	buf_puts(&y->b, "cú pháp YAML không hợp lệ ở đây; kiểm tra dấu hai "
	    "chấm và dấu cách sau tên khóa, các cặp ngoặc kép, và thụt lề "
	    "(bằng dấu cách, không dùng Tab)");
}

void
yamlmsg_explain(const yaml_parser_t *p, const char *src, size_t len,
    int first_line, int in_fm, struct yamlmsg *m)
{
	struct ym	 y;

	memset(&y, 0, sizeof(y));
	y.src = src != NULL ? src : "";
	y.len = src != NULL ? len : 0;
	y.first_line = first_line;
	y.in_fm = in_fm;
	y.m = m;
	m->line = first_line;
	m->col = 1;
	if (p->error == YAML_READER_ERROR)
		ym_reader(&y, p);
	else
		ym_classify(&y, p);
	m->text = buf_detach(&y.b);
}

void
yamlmsg_node(const char *src, size_t len, int first_line, size_t line0,
    size_t col0, enum yamlmsg_node what, const char *name,
    struct yamlmsg *m)
{
	static const char *const kind[] = { "neo YAML (&", "tham chiếu YAML (*",
	    "thẻ kiểu YAML (" };
	struct buf	 b = BUF_INIT;
	struct yline	 l;

	m->line = first_line + (int)line0;
	m->col = (int)col0 + 1;
	if (ym_line(src, len, line0, &l) && l.valn > 0 &&
	    ym_off(&l, col0) == l.val && (l.keyn > 0 || l.item)) {
		ym_subject(&b, &l);
		buf_printf(&b, " bắt đầu bằng dấu %c nên bị hiểu là %s%s), "
		    "cchc không hỗ trợ; nếu đây là chữ, hãy đặt cả giá trị "
		    "trong ngoặc kép: ", l.s[l.val], kind[what],
		    name != NULL ? name : "");
		ym_fixed(&b, &l, l.s + l.val, ym_plain_len(l.s + l.val,
		    l.valn));
	} else
		buf_printf(&b, "không hỗ trợ %s%s); hãy viết trực tiếp giá "
		    "trị ở mỗi chỗ cần dùng", kind[what],
		    name != NULL ? name : "");
	m->text = buf_detach(&b);
}

char *
yamlmsg_nospace(const char *src, size_t len, size_t line0)
{
	struct buf	 b = BUF_INIT;
	struct yline	 l;
	size_t		 c;

	if (!ym_line(src, len, line0, &l) ||
	    (c = ym_nospace_colon(&l)) == YM_NONE)
		return NULL;
	ym_nospace_text(&b, &l, c);
	return buf_detach(&b);
}
