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

#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "util.h"
#include "value.h"

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

/*
 * Line and column (in characters, as libyaml counts them) of byte `off`
 * of the YAML text: reader errors give a byte offset, not a mark.
 */
static void
yaml_offset_pos(const struct yctx *c, size_t off, int *line, int *col)
{
	size_t	 i;
	int	 l = 0, k = 0;

	if (off > c->len)
		off = c->len;
	for (i = 0; i < off; i++) {
		unsigned char	 ch = (unsigned char)c->src[i];

		if (ch == '\n' || (ch == '\r' &&
		    (i + 1 >= c->len || c->src[i + 1] != '\n'))) {
			l++;
			k = 0;
		} else if (ch != '\r' && (ch & 0xC0) != 0x80)
			k++;
	}
	*line = c->first_line + l;
	*col = k + 1;
}

/*
 * Offset of the first byte that does not start a valid UTF-8 sequence
 * (len if none).  libyaml points at the bad continuation byte; editors
 * need the character that is wrong, i.e. its first byte.
 */
static size_t
yaml_bad_utf8(const unsigned char *s, size_t len)
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

/* A Vietnamese hint for the libyaml problems editors actually hit. */
static const char *
yaml_hint(const char *problem, const char *context)
{
	if (problem == NULL)
		problem = "";
	if (context == NULL)
		context = "";
	if (strstr(problem, "mapping values are not allowed") != NULL)
		return "có dấu hai chấm ở chỗ không được phép; nếu giá trị "
		    "chứa dấu ':' hãy đặt cả giá trị trong ngoặc kép, "
		    "nếu không hãy kiểm tra thụt lề";
	if (strstr(problem, "cannot start any token") != NULL)
		return "có ký tự không được đứng đầu giá trị (thường là phím "
		    "Tab dùng để thụt lề, hoặc @ ` ở đầu giá trị); thụt lề "
		    "bằng dấu cách và đặt giá trị trong ngoặc kép";
	if (strstr(context, "quoted scalar") != NULL &&
	    strstr(problem, "escape") != NULL)
		return "trong ngoặc kép, dấu \\ phải viết thành \\\\; "
		    "hoặc dùng ngoặc đơn '...' thay cho ngoặc kép";
	if (strstr(context, "quoted scalar") != NULL)
		return "thiếu dấu ngoặc đóng cho chuỗi bắt đầu ở đây; kiểm "
		    "tra các cặp ngoặc kép";
	if (strstr(problem, "could not find expected ':'") != NULL)
		return "thiếu dấu hai chấm sau tên khóa; mỗi dòng cần có "
		    "dạng `khóa: giá trị`";
	if (strstr(problem, "did not find expected key") != NULL ||
	    strstr(problem, "did not find expected '-'") != NULL)
		return "thụt lề không khớp với các dòng phía trên; kiểm tra "
		    "dấu hai chấm và thụt lề";
	return "kiểm tra dấu hai chấm và thụt lề (dùng dấu cách, không "
	    "dùng Tab)";
}

static void
yaml_report_parser(const struct yctx *c, const yaml_parser_t *p)
{
	const yaml_mark_t	*m;
	size_t			 bad;
	int			 line, col;

	if (p->error == YAML_MEMORY_ERROR)
		xdie("out of memory (libyaml)");
	if (p->error == YAML_READER_ERROR) {
		yaml_offset_pos(c, p->problem_offset, &line, &col);
		if (p->problem != NULL &&
		    strstr(p->problem, "control characters") != NULL)
			diag_err(c->d, c->file, line, col,
			    "%s chứa ký tự điều khiển không được phép "
			    "(mã 0x%02X); xóa ký tự này", yaml_what(c),
			    (unsigned)p->problem_value & 0xFFFFFFu);
		else if ((bad = yaml_bad_utf8((const unsigned char *)c->src,
		    c->len)) < c->len) {
			yaml_offset_pos(c, bad, &line, &col);
			diag_err(c->d, c->file, line, col,
			    "%s không phải UTF-8 hợp lệ (byte 0x%02X); lưu "
			    "lại tệp với bảng mã UTF-8", yaml_what(c),
			    (unsigned char)c->src[bad]);
		} else
			diag_err(c->d, c->file, line, col,
			    "%s không phải UTF-8 hợp lệ (%s); lưu lại tệp "
			    "với bảng mã UTF-8", yaml_what(c),
			    p->problem != NULL ? p->problem : "?");
		return;
	}
	/* An unclosed quote fails at the end; its start is more useful. */
	m = &p->problem_mark;
	if (p->context != NULL && strstr(p->context, "quoted scalar") != NULL &&
	    p->problem != NULL && strstr(p->problem, "end of stream") != NULL)
		m = &p->context_mark;
	line = yaml_line(c, m);
	col = yaml_col(m);
	/* An unclosed [ or { is found lines later: say where it opened. */
	if (p->context != NULL && (strstr(p->context, "flow sequence") ||
	    strstr(p->context, "flow mapping"))) {
		diag_err(c->d, c->file, line, col, "YAML không hợp lệ %s: "
		    "%s, %s; dấu %s mở ở dòng %d cột %d chưa được đóng đúng (nếu "
		    "giá trị bắt đầu bằng %s hãy đặt cả giá trị trong ngoặc "
		    "kép)", c->in_fm ? "ở phần đầu (front matter)" : "trong tệp",
		    p->problem != NULL ? p->problem : "lỗi không rõ",
		    p->context, strstr(p->context, "mapping") ? "{" : "[",
		    yaml_line(c, &p->context_mark), yaml_col(&p->context_mark),
		    strstr(p->context, "mapping") ? "{" : "[");
		return;
	}
	diag_err(c->d, c->file, line, col, "YAML không hợp lệ %s: %s%s%s; %s",
	    c->in_fm ? "ở phần đầu (front matter)" : "trong tệp",
	    p->problem != NULL ? p->problem : "lỗi không rõ",
	    p->context != NULL ? ", " : "",
	    p->context != NULL ? p->context : "",
	    yaml_hint(p->problem, p->context));
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
	const char	*anchor;
	int		 line, col, container;

	line = yaml_line(c, &ev->start_mark);
	col = yaml_col(&ev->start_mark);
	if ((anchor = yaml_anchor(ev)) != NULL) {
		diag_err(c->d, c->file, line, col, "không hỗ trợ neo YAML "
		    "(&%s); hãy viết trực tiếp giá trị ở mỗi chỗ cần dùng",
		    anchor);
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
		diag_err(c->d, c->file, yaml_line(c, &ev->start_mark),
		    yaml_col(&ev->start_mark), "không hỗ trợ tham chiếu YAML "
		    "(*%s); hãy viết trực tiếp giá trị ở mỗi chỗ cần dùng",
		    ev->data.alias.anchor != NULL ?
		    (const char *)ev->data.alias.anchor : "");
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
