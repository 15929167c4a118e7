/*
 * frontmatter.c - YAML (front matter, site.yaml) to value.h trees with
 * libyaml's event parser; see frontmatter.h.
 *
 * The tree is built iteratively with a fixed stack of open containers, so
 * hostile nesting is refused at FM_MAX_DEPTH instead of exhausting the C
 * stack.  Every new node is attached to its parent as soon as it starts:
 * on error only the root (and pending keys) need freeing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "util.h"
#include "value.h"
#include "yamlmsg.h"

#define FM_MAX_DEPTH	64
#define FM_BOM		"\xEF\xBB\xBF"

/* An open list or map; a map between its key and value holds the key. */
struct yframe {
	struct val	*v;	/* borrowed: the parent or the root owns it */
	char		*key;	/* pending key, owned */
	int		 kline;
	int		 kcol;
};

struct yctx {
	const char	*file;
	const char	*src;	/* the YAML text given to libyaml */
	size_t		 len;
	int		 first_line;
	int		 in_fm;	/* wording: front matter or a YAML file */
	struct diag	*d;
	struct yframe	 st[FM_MAX_DEPTH];
	size_t		 depth;
	struct val	*root;
};

static const char *
yaml_what(const struct yctx *c)
{
	return c->in_fm ? "phần đầu (front matter)" : "tệp YAML";
}

static int
yaml_line(const struct yctx *c, const yaml_mark_t *m)
{
	return c->first_line + (int)m->line;
}

static int
yaml_col(const yaml_mark_t *m)
{
	return (int)m->column + 1;
}

/* ASCII-only, so the result never depends on the locale. */
static int
yaml_ieq(const char *s, size_t n, const char *word)
{
	size_t	 i;

	if (strlen(word) != n)
		return 0;
	for (i = 0; i < n; i++) {
		int	 a = (unsigned char)s[i], b = (unsigned char)word[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return 1;
}

/* libyaml's error, said by yamlmsg.c in Vietnamese with its cause. */
static void
yaml_report_parser(const struct yctx *c, const yaml_parser_t *p)
{
	struct yamlmsg	 m;

	if (p->error == YAML_MEMORY_ERROR)
		xdie("out of memory (libyaml)");
	yamlmsg_explain(p, c->src, c->len, c->first_line, c->in_fm, &m);
	diag_err(c->d, c->file, m.line, m.col, "%s", m.text);
	free(m.text);
}

/* An anchor, alias or tag: most often a value that begins with & * !. */
static void
yaml_report_node(const struct yctx *c, const yaml_mark_t *mk,
    enum yamlmsg_node what, const char *name)
{
	struct yamlmsg	 m;

	yamlmsg_node(c->src, c->len, c->first_line, mk->line, mk->column,
	    what, name, &m);
	diag_err(c->d, c->file, m.line, m.col, "%s", m.text);
	free(m.text);
}

static struct val *
yaml_scalar(const yaml_event_t *ev)
{
	const char	*s = (const char *)ev->data.scalar.value;
	size_t		 n = ev->data.scalar.length;

	/* Only plain, untagged words are special: "true" stays a string. */
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    ev->data.scalar.tag == NULL) {
		if (n == 0 || (n == 1 && s[0] == '~') ||
		    yaml_ieq(s, n, "null"))
			return val_null();
		if (yaml_ieq(s, n, "true"))
			return val_bool(1);
		if (yaml_ieq(s, n, "false"))
			return val_bool(0);
	}
	return val_strn(s != NULL ? s : "", n);
}

static const char *
yaml_anchor(const yaml_event_t *ev)
{
	const yaml_char_t	*a = NULL;

	if (ev->type == YAML_SCALAR_EVENT)
		a = ev->data.scalar.anchor;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		a = ev->data.sequence_start.anchor;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		a = ev->data.mapping_start.anchor;
	return (const char *)a;
}

/* An explicit tag: "!x", or "tag:yaml.org,2002:str" for "!!str". */
static const char *
yaml_tag(const yaml_event_t *ev)
{
	const yaml_char_t	*t = NULL;

	if (ev->type == YAML_SCALAR_EVENT)
		t = ev->data.scalar.tag;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		t = ev->data.sequence_start.tag;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		t = ev->data.mapping_start.tag;
	return (const char *)t;
}

/* A scalar in key position of the open map `top`. */
static int
yaml_key(struct yctx *c, struct yframe *top, const yaml_event_t *ev,
    int line, int col)
{
	const char	*s = (const char *)ev->data.scalar.value;
	size_t		 n = ev->data.scalar.length;
	int		 pl, pc;

	if (s == NULL)
		s = "";
	if (memchr(s, '\0', n) != NULL) {
		diag_err(c->d, c->file, line, col, "tên khóa chứa ký tự NUL "
		    "(\\0); xóa ký tự này khỏi tên khóa");
		return -1;
	}
	if (val_map_get(top->v, s) != NULL) {
		val_map_key_pos(top->v, s, &pl, &pc);
		diag_err(c->d, c->file, line, col, "khóa \"%s\" bị lặp lại "
		    "(đã có ở dòng %d); xóa hoặc đổi tên một trong hai", s, pl);
		return -1;
	}
	top->key = xstrndup(s, n);
	top->kline = line;
	top->kcol = col;
	return 0;
}

/* A scalar, sequence start or mapping start event. */
static int
yaml_node(struct yctx *c, const yaml_event_t *ev)
{
	struct yframe	*top = c->depth > 0 ? &c->st[c->depth - 1] : NULL;
	struct val	*v;
	const char	*name;
	char		*t;
	int		 line, col, container;

	line = yaml_line(c, &ev->start_mark);
	col = yaml_col(&ev->start_mark);
	if ((name = yaml_anchor(ev)) != NULL) {
		yaml_report_node(c, &ev->start_mark, YAMLMSG_ANCHOR, name);
		return -1;
	}
	/*
	 * "title: !Quan trọng" would silently lose "!Quan": a local tag has
	 * no meaning here (the standard ones, "!!str", keep theirs).
	 */
	if ((name = yaml_tag(ev)) != NULL && name[0] == '!' && name[1] != '\0') {
		yaml_report_node(c, &ev->start_mark, YAMLMSG_TAG, name);
		return -1;
	}
	container = ev->type != YAML_SCALAR_EVENT;
	if (top != NULL && val_type(top->v) == VAL_MAP && top->key == NULL) {
		if (container) {
			diag_err(c->d, c->file, line, col, "khóa phải là một "
			    "tên đơn giản, không phải danh sách hay bảng; "
			    "kiểm tra dấu hai chấm và thụt lề");
			return -1;
		}
		return yaml_key(c, top, ev, line, col);
	}
	if (top == NULL && ev->type != YAML_MAPPING_START_EVENT) {
		/* "---" alone: an empty document, hence an empty map. */
		if (ev->type == YAML_SCALAR_EVENT &&
		    ev->data.scalar.length == 0 &&
		    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    ev->data.scalar.tag == NULL) {
			c->root = val_map();
			val_set_pos(c->root, line, col);
			return 0;
		}
		if ((t = yamlmsg_nospace(c->src, c->len,
		    ev->start_mark.line)) != NULL) {
			diag_err(c->d, c->file, line, col, "%s", t);
			free(t);
			return -1;
		}
		diag_err(c->d, c->file, line, col, "%s phải gồm các dòng "
		    "`khóa: giá trị` (ví dụ `title: Tiêu đề`), không phải %s",
		    yaml_what(c), ev->type == YAML_SEQUENCE_START_EVENT ?
		    "một danh sách" : "một giá trị đơn lẻ (dòng này thiếu "
		    "dấu hai chấm sau tên khóa?)");
		return -1;
	}
	if (container && c->depth == FM_MAX_DEPTH) {
		diag_err(c->d, c->file, line, col, "dữ liệu lồng nhau quá sâu "
		    "(hơn %d cấp); hãy đơn giản hóa cấu trúc", FM_MAX_DEPTH);
		return -1;
	}
	if (ev->type == YAML_SCALAR_EVENT)
		v = yaml_scalar(ev);
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		v = val_list();
	else
		v = val_map();
	val_set_pos(v, line, col);
	if (top == NULL)
		c->root = v;
	else if (val_type(top->v) == VAL_LIST)
		val_list_push(top->v, v);
	else {
		val_map_set(top->v, top->key, v);
		val_map_set_key_pos(top->v, top->key, top->kline, top->kcol);
		free(top->key);
		top->key = NULL;
	}
	if (container) {
		c->st[c->depth].v = v;
		c->st[c->depth].key = NULL;
		c->depth++;
	}
	return 0;
}

static int
yaml_event(struct yctx *c, const yaml_event_t *ev, int *ndocs, int *done)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		*done = 1;
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (++*ndocs > 1) {
			diag_err(c->d, c->file, yaml_line(c, &ev->start_mark),
			    yaml_col(&ev->start_mark), "%s chỉ được có một "
			    "tài liệu YAML; xóa dòng `---` thứ hai",
			    yaml_what(c));
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		yaml_report_node(c, &ev->start_mark, YAMLMSG_ALIAS,
		    (const char *)ev->data.alias.anchor);
		return -1;
	case YAML_SCALAR_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return yaml_node(c, ev);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (c->depth > 0)
			c->depth--;
		return 0;
	default:
		return 0;
	}
}

static struct val *
yaml_parse(struct yctx *c)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	struct val	*res = NULL;
	size_t		 i;
	int		 ndocs = 0, done = 0, r;

	if (!yaml_parser_initialize(&p))
		xdie("out of memory (libyaml)");
	yaml_parser_set_input_string(&p, (const unsigned char *)c->src,
	    c->len);
	/* Files must be UTF-8; don't let libyaml guess UTF-16. */
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			yaml_report_parser(c, &p);
			goto out;
		}
		r = yaml_event(c, &ev, &ndocs, &done);
		yaml_event_delete(&ev);
		if (r == -1)
			goto out;
	}
	if (c->root == NULL) {
		c->root = val_map();
		val_set_pos(c->root, c->first_line, 1);
	}
	res = c->root;
	c->root = NULL;
out:
	for (i = 0; i < c->depth; i++)
		free(c->st[i].key);
	c->depth = 0;
	val_unref(c->root);
	c->root = NULL;
	yaml_parser_delete(&p);
	return res;
}

static struct val *
yaml_parse_text(const char *file, const char *src, size_t len,
    int first_line, int in_fm, struct diag *d)
{
	struct yctx	*c;
	struct val	*v;

	/* A BOM would count as a column for libyaml; drop it here. */
	if (len >= 3 && memcmp(src, FM_BOM, 3) == 0) {
		src += 3;
		len -= 3;
	}
	c = xcalloc(1, sizeof(*c));
	c->file = file;
	c->src = src != NULL ? src : "";
	c->len = len;
	c->first_line = first_line > 0 ? first_line : 1;
	c->in_fm = in_fm;
	c->d = d;
	v = yaml_parse(c);
	free(c);
	return v;
}

struct val *
yaml_parse_map(const char *file, const char *src, size_t len,
    int first_line, struct diag *d)
{
	return yaml_parse_text(file, src, len, first_line, 0, d);
}

void
yaml_key_pos(const struct val *map, const char *key, int *line, int *col)
{
	val_map_key_pos(map, key, line, col);
}

/*
 * Whether the line starting at src[pos] is exactly `mark` (trailing blanks
 * and a CR allowed); *next gets the offset of the following line.
 */
static int
fm_delim(const char *src, size_t len, size_t pos, const char *mark,
    size_t *next)
{
	size_t	 n = strlen(mark), i;

	if (len - pos < n || memcmp(src + pos, mark, n) != 0)
		return 0;
	for (i = pos + n; i < len && (src[i] == ' ' || src[i] == '\t'); i++)
		continue;
	if (i < len && src[i] == '\r')
		i++;
	if (i < len && src[i] != '\n')
		return 0;
	*next = i < len ? i + 1 : len;
	return 1;
}

int
fm_split(const char *file, const char *src, size_t len, struct val **meta,
    size_t *body_off, int *body_line, struct diag *d)
{
	const char	*nl;
	size_t		 off = 0, start, pos, next = 0;
	int		 line, found = 0, rc = -1;

	*meta = NULL;
	*body_off = 0;
	*body_line = 1;
	if (src == NULL)
		src = "";
	if (len >= 3 && memcmp(src, FM_BOM, 3) == 0)
		off = 3;
	if (!fm_delim(src, len, off, "---", &start)) {
		*meta = val_map();
		*body_off = off;
		rc = 0;
		goto out;
	}
	for (pos = start, line = 2; pos < len; line++) {
		if (fm_delim(src, len, pos, "---", &next) ||
		    fm_delim(src, len, pos, "...", &next)) {
			found = 1;
			break;
		}
		if ((nl = memchr(src + pos, '\n', len - pos)) == NULL)
			break;
		pos = (size_t)(nl - src) + 1;
	}
	if (!found) {
		diag_err(d, file, 1, 1, "phần đầu (front matter) mở bằng dòng "
		    "`---` nhưng không có dòng `---` đóng lại; thêm một dòng "
		    "chỉ gồm `---` ngay sau phần đầu, trước nội dung bài");
		goto out;
	}
	*body_off = next;
	*body_line = line + 1;
	if ((*meta = yaml_parse_text(file, src + start, pos - start, 2, 1,
	    d)) == NULL)
		goto out;
	rc = 0;
out:
	return rc;
}

/* ------------------------------------------------------------ typed reads */

const char *
fm_str(const struct val *meta, const char *key)
{
	return val_get_str(val_map_get(meta, key));
}

size_t
fm_strlist_len(const struct val *meta, const char *key)
{
	const struct val	*v = val_map_get(meta, key);

	return val_type(v) == VAL_STR ? 1 : val_list_len(v);
}

const char *
fm_strlist_at(const struct val *meta, const char *key, size_t i)
{
	const struct val	*v = val_map_get(meta, key);

	if (val_type(v) == VAL_STR)
		return i == 0 ? val_get_str(v) : NULL;
	return val_get_str(val_list_at(v, i));
}

int
fm_bool(const struct val *meta, const char *key, int dflt)
{
	const struct val	*v = val_map_get(meta, key);

	return val_type(v) == VAL_BOOL ? val_get_bool(v) : dflt;
}

int
fm_date(const struct val *meta, const char *key, struct cdate *out)
{
	const char	*s = fm_str(meta, key), *why;

	return s != NULL && date_parse(s, out, &why) == 0;
}

/* ------------------------------------------------- Word's curly quotes */

/* Byte length of the curly quote at s (“ ” ‘ ’), 0 if none; *dbl: “ ”. */
static size_t
curly_at(const char *s, int *dbl)
{
	if (strncmp(s, "\xE2\x80\x9C", 3) == 0 ||
	    strncmp(s, "\xE2\x80\x9D", 3) == 0) {
		*dbl = 1;
		return 3;
	}
	if (strncmp(s, "\xE2\x80\x98", 3) == 0 ||
	    strncmp(s, "\xE2\x80\x99", 3) == 0) {
		*dbl = 0;
		return 3;
	}
	return 0;
}

/* The byte of text[0..len) at line:col (columns in characters), or NULL. */
static const char *
text_at(const char *text, size_t len, int line, int col)
{
	const char	*t = text, *end = text + len;
	int		 l;

	if (t == NULL || line < 1 || col < 1)
		return NULL;
	for (l = 1; l < line; l++)
		if ((t = memchr(t, '\n', (size_t)(end - t))) == NULL)
			return NULL;
		else
			t++;
	while (--col > 0 && t < end && *t != '\n')
		for (t++; t < end && ((unsigned char)*t & 0xC0) == 0x80; t++)
			continue;
	return t < end ? t : NULL;
}

void
yaml_quote(struct buf *b, const char *s, size_t n)
{
	size_t	 i;

	if (memchr(s, '"', n) == NULL) {
		buf_printf(b, "\"%.*s\"", (int)n, s);
		return;
	}
	buf_putc(b, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			buf_putc(b, '\'');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '\'');
}

/*
 * A string value typed between curly quotes without YAML quotes: they
 * are part of the value, and show on the page (in the H1 for a title).
 */
static void
warn_curly(const char *file, const char *text, size_t len, const char *key,
    const struct val *v, int item, struct diag *d)
{
	const char	*s = val_get_str(v), *raw;
	struct buf	 b = BUF_INIT;
	size_t		 n, open, close;
	int		 d1, d2;

	if (s == NULL || (n = strlen(s)) < 7 ||
	    (open = curly_at(s, &d1)) == 0 ||
	    (close = curly_at(s + n - 3, &d2)) == 0 || d1 != d2)
		return;
	/* "“…”" in YAML quotes is what the editor meant. */
	if ((raw = text_at(text, len, val_line(v), val_col(v))) == NULL ||
	    *raw == '"' || *raw == '\'')
		return;
	yaml_quote(&b, s + open, n - open - close);
	diag_warn(d, file, val_line(v), val_col(v), "“%s”: giá trị nằm giữa "
	    "hai dấu ngoặc %s cong (Word tự đổi khi gõ) nên hai dấu này sẽ "
	    "hiện ra trên trang; hãy thay bằng ngoặc kép thẳng (\") hoặc bỏ "
	    "ngoặc, ví dụ %s%s%s", key, d1 ? "kép" : "đơn", item ? "" : key,
	    item ? "" : ": ", buf_cstr(&b));
	buf_free(&b);
}

void
fm_warn_curly(const char *file, const char *text, size_t len,
    const struct val *map, struct diag *d)
{
	const struct val *v;
	size_t		  i, k;

	for (i = 0; i < val_map_len(map); i++) {
		v = val_map_value(map, i);
		if (val_type(v) == VAL_STR)
			warn_curly(file, text, len, val_map_key(map, i), v, 0,
			    d);
		else if (val_type(v) == VAL_LIST)
			for (k = 0; k < val_list_len(v); k++)
				warn_curly(file, text, len, val_map_key(map,
				    i), val_list_at(v, k), 1, d);
	}
}
