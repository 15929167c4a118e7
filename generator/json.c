/*
 * json.c - strict JSON reader; see json.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "slug.h"
#include "value.h"

#define JSON_MAXDEPTH	512

struct jp {
	const char	*s;
	size_t		 len, pos;
	size_t		 bol;		/* where the line of pos begins */
	int		 line;		/* of pos, 1-based */
	int		 depth;
	char		*err;
	size_t		 errsz;
};

static struct val	*parse_value(struct jp *);

/* Records the first error, with the line:col of the current position. */
static void
fail(struct jp *p, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 i;
	int	 line = 1, col = 1, n;

	if (p->errsz == 0 || p->err[0] != '\0')
		return;
	for (i = 0; i < p->pos && i < p->len; i++)
		if (p->s[i] == '\n')
			line++, col = 1;
		else if (((unsigned char)p->s[i] & 0xc0) != 0x80)
			col++;
	n = snprintf(p->err, p->errsz, "%d:%d: ", line, col);
	if (n < 0 || (size_t)n >= p->errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errsz - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Line ends are only ever white space: counted here. */
static void
skip_ws(struct jp *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' ||
	    p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
	    p->s[p->pos] == '\r')) {
		if (p->s[p->pos] == '\n') {
			p->line++;
			p->bol = p->pos + 1;
		}
		p->pos++;
	}
}

/* Where a value starts (at, on line `line` that begins at bol). */
static void
set_pos(struct jp *p, struct val *v, size_t at, int line, size_t bol)
{
	size_t	 i;
	int	 col = 1;

	for (i = bol; i < at && i < p->len; i++)
		if (((unsigned char)p->s[i] & 0xc0) != 0x80)
			col++;
	val_set_pos(v, line, col);
}

static int
literal(struct jp *p, const char *word)
{
	size_t	 n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0) {
		fail(p, "ký tự không mong đợi ở đây");
		return -1;
	}
	p->pos += n;
	return 0;
}

static int
hex4(struct jp *p, unsigned *out)
{
	unsigned	 v = 0;
	size_t		 i;
	char		 c;

	if (p->len - p->pos < 4) {
		fail(p, "mã \\u thiếu chữ số");
		return -1;
	}
	for (i = 0; i < 4; i++) {
		c = p->s[p->pos + i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else {
			fail(p, "mã \\u có chữ số hệ 16 sai");
			return -1;
		}
	}
	p->pos += 4;
	*out = v;
	return 0;
}

static void
put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80)
		buf_putc(b, (int)cp);
	else if (cp < 0x800) {
		buf_putc(b, (int)(0xc0 | (cp >> 6)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(b, (int)(0xe0 | (cp >> 12)));
		buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (int)(0xf0 | (cp >> 18)));
		buf_putc(b, (int)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/* A string body after the opening quote, into b. */
static int
parse_string(struct jp *p, struct buf *b)
{
	unsigned	 cp, lo;
	unsigned char	 c;

	for (;;) {
		if (p->pos >= p->len) {
			fail(p, "chuỗi chưa đóng dấu \"");
			return -1;
		}
		/* The bytes up to a quote, backslash or control character
		   at once. */
		size_t	 run = p->pos;

		while (run < p->len && (unsigned char)p->s[run] >= 0x20 &&
		    p->s[run] != '"' && p->s[run] != '\\')
			run++;
		buf_put(b, p->s + p->pos, run - p->pos);
		p->pos = run;
		if (p->pos >= p->len)
			continue;
		c = (unsigned char)p->s[p->pos++];
		if (c == '"')
			return 0;
		if (c < 0x20) {
			p->pos--;
			fail(p, "chuỗi chứa ký tự điều khiển");
			return -1;
		}
		if (c != '\\') {
			buf_putc(b, c);
			continue;
		}
		if (p->pos >= p->len) {
			fail(p, "dấu \\ ở cuối tệp");
			return -1;
		}
		switch (p->s[p->pos++]) {
		case '"': buf_putc(b, '"'); break;
		case '\\': buf_putc(b, '\\'); break;
		case '/': buf_putc(b, '/'); break;
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'n': buf_putc(b, '\n'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'u':
			if (hex4(p, &cp) == -1)
				return -1;
			if (cp >= 0xdc00 && cp <= 0xdfff) {
				fail(p, "mã \\u là nửa sau của một cặp, thiếu nửa đầu");
				return -1;
			}
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (p->len - p->pos < 2 || p->s[p->pos] != '\\' ||
				    p->s[p->pos + 1] != 'u') {
					fail(p, "mã \\u là nửa đầu của một cặp, thiếu nửa sau");
					return -1;
				}
				p->pos += 2;
				if (hex4(p, &lo) == -1)
					return -1;
				if (lo < 0xdc00 || lo > 0xdfff) {
					fail(p, "mã \\u là nửa đầu của một cặp, thiếu nửa sau");
					return -1;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			put_utf8(b, cp);
			break;
		default:
			p->pos--;
			fail(p, "mã thoát sau dấu \\ không hợp lệ");
			return -1;
		}
	}
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 8259 number grammar checked by hand; strtod does the conversion. */
static struct val *
parse_number(struct jp *p)
{
	size_t	 start = p->pos;
	char	*tmp;
	double	 d;

	if (p->pos < p->len && p->s[p->pos] == '-')
		p->pos++;
	if (p->pos < p->len && p->s[p->pos] == '0')
		p->pos++;
	else if (p->pos < p->len && is_digit(p->s[p->pos]))
		while (p->pos < p->len && is_digit(p->s[p->pos]))
			p->pos++;
	else {
		fail(p, "số không hợp lệ");
		return NULL;
	}
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (p->pos >= p->len || !is_digit(p->s[p->pos])) {
			fail(p, "thiếu chữ số sau dấu chấm");
			return NULL;
		}
		while (p->pos < p->len && is_digit(p->s[p->pos]))
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' ||
		    p->s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || !is_digit(p->s[p->pos])) {
			fail(p, "thiếu chữ số ở số mũ");
			return NULL;
		}
		while (p->pos < p->len && is_digit(p->s[p->pos]))
			p->pos++;
	}
	/* strtod needs a NUL: the input need not have one here. */
	if ((tmp = malloc(p->pos - start + 1)) == NULL) {
		fail(p, "hết bộ nhớ");
		return NULL;
	}
	memcpy(tmp, p->s + start, p->pos - start);
	tmp[p->pos - start] = '\0';
	d = strtod(tmp, NULL);
	free(tmp);
	/* 1e999 is no number a double holds (nor JSON can write back). */
	if (!isfinite(d)) {
		p->pos = start;
		fail(p, "số quá lớn");
		return NULL;
	}
	return val_num(d);
}

static struct val *
parse_array(struct jp *p)
{
	struct val	*list = val_list(), *item;

	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return list;
	}
	for (;;) {
		if ((item = parse_value(p)) == NULL)
			goto err;
		val_list_push(list, item);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			return list;
		}
		fail(p, "thiếu dấu ',' hoặc ']'");
		goto err;
	}
err:
	val_unref(list);
	return NULL;
}

static struct val *
parse_object(struct jp *p)
{
	struct val	*map = val_map(), *item;
	struct buf	 key = BUF_INIT;

	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return map;
	}
	for (;;) {
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '"') {
			fail(p, "thiếu tên khóa trong ngoặc kép");
			goto err;
		}
		p->pos++;
		buf_reset(&key);
		if (parse_string(p, &key) == -1)
			goto err;
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			fail(p, "thiếu dấu ':' sau tên khóa");
			goto err;
		}
		p->pos++;
		if ((item = parse_value(p)) == NULL)
			goto err;
		val_map_set(map, buf_cstr(&key), item);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			buf_free(&key);
			return map;
		}
		fail(p, "thiếu dấu ',' hoặc '}'");
		goto err;
	}
err:
	buf_free(&key);
	val_unref(map);
	return NULL;
}

static struct val *
parse_value(struct jp *p)
{
	struct val	*v = NULL;
	struct buf	 b = BUF_INIT;
	size_t		 start, bol, bad;
	int		 nfc, line;

	skip_ws(p);
	if (p->pos >= p->len) {
		fail(p, "thiếu giá trị");
		return NULL;
	}
	start = p->pos;
	line = p->line;
	bol = p->bol;
	if (++p->depth > JSON_MAXDEPTH) {
		fail(p, "lồng nhau quá sâu (hơn 512 tầng)");
		goto out;
	}
	switch (p->s[p->pos]) {
	case '{':
		v = parse_object(p);
		break;
	case '[':
		v = parse_array(p);
		break;
	case '"':
		p->pos++;
		if (parse_string(p, &b) == -1)
			break;
		if (utf8_check(buf_cstr(&b), b.len, &bad, &nfc) == UTF8_BAD) {
			p->pos = start;
			fail(p, "chuỗi có byte không phải UTF-8 (byte thứ %zu)",
			    bad + 1);
			break;
		}
		v = val_strn(buf_cstr(&b), b.len);
		break;
	case 't':
		if (literal(p, "true") == 0)
			v = val_bool(1);
		break;
	case 'f':
		if (literal(p, "false") == 0)
			v = val_bool(0);
		break;
	case 'n':
		if (literal(p, "null") == 0)
			v = val_null();
		break;
	default:
		v = parse_number(p);
		break;
	}
out:
	p->depth--;
	buf_free(&b);
	if (v != NULL)
		set_pos(p, v, start, line, bol);
	return v;
}

struct val *
json_parse(const char *s, size_t len, char *err, size_t errsz)
{
	struct jp	 p;
	struct val	*v;

	memset(&p, 0, sizeof(p));
	p.s = s;
	p.len = len;
	p.err = err;
	p.errsz = errsz;
	p.line = 1;
	if (errsz > 0)
		err[0] = '\0';
	if ((v = parse_value(&p)) == NULL)
		return NULL;
	skip_ws(&p);
	if (p.pos != p.len) {
		fail(&p, "còn nội dung sau giá trị JSON");
		val_unref(v);
		return NULL;
	}
	return v;
}
