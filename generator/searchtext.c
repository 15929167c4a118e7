/*
 * searchtext.c - the text of a document as a reader sees it, from the
 * model's rendered HTML and front matter (see search.h), and the JSON
 * and base64 the index files are written in.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "frontmatter.h"
#include "hash.h"
#include "model.h"
#include "procedure.h"
#include "render.h"
#include "search.h"
#include "swar.h"
#include "taxonomy.h"

/* Tags whose end (or, for <br>, which) ends a line of text. */
static int
is_block(const char *name, size_t n)
{
	static const struct { char name[11]; unsigned char len; } blocks[] = {
	    { "p", 1 }, { "li", 2 }, { "br", 2 }, { "tr", 2 }, { "td", 2 },
	    { "th", 2 }, { "h1", 2 }, { "h2", 2 }, { "h3", 2 }, { "h4", 2 },
	    { "h5", 2 }, { "h6", 2 }, { "div", 3 }, { "ul", 2 }, { "ol", 2 },
	    { "table", 5 }, { "blockquote", 10 }, { "pre", 3 }, { "dt", 2 },
	    { "dd", 2 }, { "figcaption", 10 }, { "hr", 2 }, { "section", 7 },
	    { "caption", 7 } };
	size_t	 i;

	/* A tag a paragraph: most are <p>, <a>, <strong>, <em>. */
	if (n == 0 || n > 10)
		return 0;
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (blocks[i].len == n && (name[0] | 0x20) == blocks[i].name[0] &&
		    strncasecmp(blocks[i].name, name, n) == 0)
			return 1;
	return 0;
}

static void
space(struct buf *out)
{
	if (out->len > 0 && out->data[out->len - 1] != ' ')
		buf_putc(out, ' ');
}

static void
put_utf8(struct buf *out, unsigned long c)
{
	if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80)
		buf_putc(out, (int)c);
	else if (c < 0x800) {
		buf_putc(out, (int)(0xC0 | c >> 6));
		buf_putc(out, (int)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_putc(out, (int)(0xE0 | c >> 12));
		buf_putc(out, (int)(0x80 | (c >> 6 & 0x3F)));
		buf_putc(out, (int)(0x80 | (c & 0x3F)));
	} else {
		buf_putc(out, (int)(0xF0 | c >> 18));
		buf_putc(out, (int)(0x80 | (c >> 12 & 0x3F)));
		buf_putc(out, (int)(0x80 | (c >> 6 & 0x3F)));
		buf_putc(out, (int)(0x80 | (c & 0x3F)));
	}
}

/* An entity at h[0] == '&': decoded to out; the bytes it took. */
static size_t
entity(const char *h, size_t len, struct buf *out)
{
	static const struct { const char *name; const char *text; } named[] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" },
		{ "quot;", "\"" }, { "apos;", "'" }, { "nbsp;", " " },
		{ NULL, NULL }
	};
	unsigned long	 c = 0;
	size_t		 i, k;
	int		 hex;

	if (len > 2 && h[1] == '#') {
		hex = h[2] == 'x' || h[2] == 'X';
		for (i = hex ? 3 : 2; i < len && i < 12; i++) {
			int ch = (unsigned char)h[i], v;

			if (ch >= '0' && ch <= '9')
				v = ch - '0';
			else if (hex && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
				v = (ch | 0x20) - 'a' + 10;
			else
				break;
			c = c * (hex ? 16 : 10) + (unsigned long)v;
		}
		if (i < len && h[i] == ';' && i > (size_t)(hex ? 3 : 2)) {
			put_utf8(out, c);
			return i + 1;
		}
	}
	for (k = 0; named[k].name != NULL; k++) {
		i = strlen(named[k].name);
		if (len > i && strncmp(h + 1, named[k].name, i) == 0) {
			buf_puts(out, named[k].text);
			return i + 1;
		}
	}
	buf_putc(out, '&');
	return 1;
}

/* A tag at h[0] == '<' (len bytes left): its length; *skip set for
   <script> and <style>, whose text is no text. */
static size_t
tag(const char *h, size_t len, struct buf *out, const char **skip)
{
	const char	*e = memchr(h, '>', len), *n = h + 1;
	size_t		 nl;

	if (e == NULL)
		return len;
	if (*n == '/')
		n++;
	for (nl = 0; n + nl < e && (((n[nl] | 0x20) >= 'a' &&
	    (n[nl] | 0x20) <= 'z') || (n[nl] >= '0' && n[nl] <= '9')); nl++)
		;
	if (is_block(n, nl))
		space(out);
	if (h[1] != '/' && nl == 6 && strncasecmp(n, "script", 6) == 0)
		*skip = "</script";
	else if (h[1] != '/' && nl == 5 && strncasecmp(n, "style", 5) == 0)
		*skip = "</style";
	return (size_t)(e - h) + 1;
}

/* The bytes that end a run of text: markup, and white space (2: a
   space, in the run when it follows a byte that is not one). */
static const unsigned char html_stop[256] = {
	['<'] = 1, ['&'] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1, [' '] = 2,
};

/*
 * Where the run of text that starts at h[i] (no byte of html_stop)
 * ends: at the first byte of html_stop but a space that follows a byte
 * that is not one.  Eight bytes a step where the byte order allows:
 * most of a body is runs, and this is the index's first pass over it.
 */
static size_t
run_end(const char *h, size_t i, size_t len)
{
	size_t		 n = i;
#if SWAR_LE
	uint64_t	 x, sp, m, prev = 0;	/* h[n - 1] is a space */

	/* h[i] is no space: byte 0 needs no byte before it. */
	for (; n + 8 <= len; n += 8) {
		memcpy(&x, h + n, 8);
		sp = swar_eq(x, ' ');
		m = swar_eq(x, '<') | swar_eq(x, '&') | swar_eq(x, '\n') |
		    swar_eq(x, '\t') | swar_eq(x, '\r') | (sp & (sp << 8 | prev));
		if (m != 0)
			return n + swar_first(m);
		prev = sp >> 56;
	}
#endif
	for (; n < len; n++) {
		unsigned char	 c = html_stop[(unsigned char)h[n]];

		if (c == 0)
			continue;
		if (c == 2 && n > i && h[n - 1] != ' ')
			continue;
		break;
	}
	return n;
}

/* As search_html_text(), stopping once out holds limit bytes. */
static void
html_text(struct buf *out, const char *html, size_t len, size_t limit)
{
	const char	*skip = NULL, *e;
	size_t		 i = 0, n;

	if (html == NULL)
		return;
	space(out);
	while (i < len && out->len < limit) {
		if (skip != NULL) {
			n = strlen(skip);
			for (e = html + i; e + n <= html + len &&
			    strncasecmp(e, skip, n) != 0; e++)
				;
			i = e + n <= html + len ? (size_t)(e - html) : len;
			skip = NULL;
			continue;
		}
		/* A run of text with single spaces, copied as it is (one
		   call a sentence, not a word). */
		n = html_stop[(unsigned char)html[i]] ? i :
		    run_end(html, i, len);
		if (n > i) {
			buf_put(out, html + i, n - i);
			i = n;
			continue;
		}
		if (html[i] == '<')
			i += tag(html + i, len - i, out, &skip);
		else if (html[i] == '&')
			i += entity(html + i, len - i, out);
		else if (html[i] == ' ' || html[i] == '\n' || html[i] == '\t' ||
		    html[i] == '\r') {
			space(out);
			i++;
		}
	}
}

void
search_html_text(struct buf *out, const char *html, size_t len)
{
	html_text(out, html, len, SIZE_MAX);
}

/*
 * Where a document's parts go: its text (out), and/or, for its key, a
 * hash of the same parts in the same order (h), so that two documents
 * with one key have one text.  Either may be NULL.
 */
struct sink {
	struct buf	*out;
	struct hasher	*h;
	size_t		 limit;		/* out's bytes wanted at most, near */
};

/* Plain text (front matter) as a field of its own. */
static void
plain(struct sink *k, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	if (k->h != NULL) {
		hasher_u64(k->h, 1);
		hasher_str(k->h, s);
	}
	if (k->out != NULL && k->out->len < k->limit) {
		space(k->out);
		buf_puts(k->out, s);
	}
}

/* Rendered HTML, n bytes (never NULL: a body done has its HTML). */
static void
html_n(struct sink *k, const char *s, size_t n)
{
	if (k->h == NULL && (k->out == NULL || k->out->len >= k->limit))
		return;
	/* Both from one read of s: it is in the cache for the second. */
	if (k->h != NULL) {
		hasher_u64(k->h, 2);
		hasher_add(k->h, s, n);
	}
	if (k->out != NULL && k->out->len < k->limit)
		html_text(k->out, s, n, k->limit);
}

static void
html(struct sink *k, const char *s)
{
	html_n(k, s, strlen(s));
}

/* A body's HTML, the index's largest input: its length as rendered
   (0: not recorded, a result made by hand). */
static void
body(struct sink *k, const struct md_result *md)
{
	html_n(k, md->html, md->html_len > 0 ? md->html_len :
	    strlen(md->html));
}

static void
plan_text(const struct page *p, struct sink *k)
{
	const struct plan_task *t;
	size_t		 i, n;

	plain(k, fm_str(p->meta, "number"));
	if (p->md_done)
		body(k, &p->md);
	for (i = 0; i < p->tasks.n; i++) {
		t = &p->tasks.v[i];
		plain(k, t->content);
		plain(k, t->lead);
		for (n = 0; n < t->npartners; n++)
			plain(k, t->partners[n]);
		plain(k, t->when);
	}
}

static void
proc_text(const struct page *p, struct sink *k)
{
	static const char *const keys[] = { "code", "field", "level",
	    "agency", "deadline", "fee", "decision", NULL };
	size_t		 i;

	for (i = 0; keys[i] != NULL; i++)
		plain(k, fm_str(p->meta, keys[i]));
	plain(k, render_online_label(fm_str(p->meta, "online")));
	if (p->md_done)
		body(k, &p->md);
	for (i = 0; i < PROC_NSECTIONS; i++)
		if (p->sec_html[i] != NULL) {
			plain(k, proc_sections[i].title);
			html(k, p->sec_html[i]);
		}
}

/* Every part of a document's text, in order, to k. */
static void
page_parts(const struct site *s, const struct page *p, struct sink *k)
{
	const struct term *t;
	const char	*name;
	size_t		 i, n;

	switch (p->kind) {
	case PAGE_PLAN:
		plan_text(p, k);
		break;
	case PAGE_PROCEDURE:
		proc_text(p, k);
		break;
	default:
		if (p->md_done)
			body(k, &p->md);
		if (p->kind != PAGE_POST)
			break;
		n = fm_strlist_len(p->meta, "tags");
		for (i = 0; i < n; i++) {
			if ((name = fm_strlist_at(p->meta, "tags", i)) == NULL)
				continue;
			t = taxonomy_find(&s->topics, name);
			plain(k, t != NULL ? t->name : name);
		}
		break;
	}
}

/* The key's hash started: what it covers besides the parts. */
static void
key_begin(struct hasher *h, const struct page *p)
{
	hasher_init(h);
	hasher_u64(h, (uint64_t)p->kind);
	hasher_str(h, p->title);
}

/*
 * The text, or (limit) enough of it for its first limit - 2 bytes to be
 * the whole text's and a search_cut() at fewer to cut it as it would
 * the whole: what is made is always a prefix of the whole, and two
 * spaces never follow each other.  h: the key's hash too (begun).
 */
static void
page_text(const struct site *s, const struct page *p, struct buf *out,
    size_t limit, struct hasher *h)
{
	struct sink	 k = { out, h, limit };

	page_parts(s, p, &k);
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
	if (out->len > 0 && out->data[0] == ' ') {
		memmove(out->data, out->data + 1, out->len - 1);
		buf_truncate(out, out->len - 1);
	}
}

void
search_page_text(const struct site *s, const struct page *p, struct buf *out)
{
	page_text(s, p, out, SIZE_MAX, NULL);
}

uint64_t
search_page_text_key(const struct site *s, const struct page *p,
    struct buf *out)
{
	struct hasher	 h;

	key_begin(&h, p);
	page_text(s, p, out, SIZE_MAX, &h);
	return hasher_done(&h);
}

void
search_page_snippet(const struct site *s, const struct page *p,
    struct buf *out, size_t max)
{
	page_text(s, p, out, max + 3, NULL);
	buf_truncate(out, search_cut(buf_cstr(out), out->len, max));
}

uint64_t
search_page_key(const struct site *s, const struct page *p)
{
	struct hasher	 h;
	struct sink	 k = { NULL, &h, SIZE_MAX };

	key_begin(&h, p);
	page_parts(s, p, &k);
	return hasher_done(&h);
}

size_t
search_cut(const char *text, size_t len, size_t max)
{
	size_t	 n;

	if (len <= max)
		n = len;
	else {
		/* Back to a space; within a long word, to a UTF-8 start. */
		for (n = max; n > 0 && text[n] != ' '; n--)
			;
		if (n == 0)
			for (n = max; n > 0 &&
			    ((unsigned char)text[n] & 0xC0) == 0x80; n--)
				;
	}
	while (n > 0 && text[n - 1] == ' ')
		n--;
	return n;
}

/*
 * From u[i], the first byte search_json_str() must look at (len if
 * none): below 0x20, '"', '\\', 0x7F, or 0xE2 (U+2028/2029 start with
 * it).  Eight bytes a step where the byte order allows.
 */
static size_t
json_plain(const unsigned char *u, size_t i, size_t len)
{
#if SWAR_LE
	uint64_t	 x, m;

	for (; i + 8 <= len; i += 8) {
		memcpy(&x, u + i, 8);
		m = swar_ctl(x) | swar_eq(x, '"') | swar_eq(x, '\\') |
		    swar_eq(x, 0x7F) | swar_eq(x, 0xE2);
		if (m != 0)
			return i + swar_first(m);
	}
#endif
	for (; i < len; i++)
		if (u[i] < 0x20 || u[i] == '"' || u[i] == '\\' ||
		    u[i] == 0x7F || u[i] == 0xE2)
			break;
	return i;
}

void
search_json_str(struct buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t		 i, run = 0;

	buf_grow(b, len + 2);
	buf_putc(b, '"');
	/* Most bytes need no escape: copy them a run at a time. */
	for (i = 0; i < len; i++) {
		if ((i = json_plain(u, i, len)) == len)
			break;
		/* 0xE2 starts U+2028/9 and many characters left as they are. */
		if (u[i] == 0xE2 && (i + 2 >= len || u[i + 1] != 0x80 ||
		    (u[i + 2] != 0xA8 && u[i + 2] != 0xA9)))
			continue;
		buf_put(b, u + run, i - run);
		if (u[i] == '"' || u[i] == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, u[i]);
		} else if (u[i] == '\n')
			buf_puts(b, "\\n");
		else if (u[i] == '\t')
			buf_puts(b, "\\t");
		else if (u[i] < 0x20 || u[i] == 0x7F)
			buf_printf(b, "\\u%04x", u[i]);
		else {
			/* U+2028, U+2029: line ends to older JavaScript. */
			buf_printf(b, "\\u%04x", u[i + 2] == 0xA8 ? 0x2028 :
			    0x2029);
			i += 2;
		}
		run = i + 1;
	}
	buf_put(b, u + run, len - run);
	buf_putc(b, '"');
}

void
search_base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t		 i;
	unsigned long	 v;
	char		*o;

	/* Written in place: 4 characters for 3 bytes, 2 or 3 for the rest. */
	buf_grow(b, (n * 4 + 2) / 3 + 1);
	o = b->data + b->len;
	for (i = 0; i + 3 <= n; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		*o++ = a[v >> 18];
		*o++ = a[v >> 12 & 63];
		*o++ = a[v >> 6 & 63];
		*o++ = a[v & 63];
	}
	if (n - i == 1) {
		v = (unsigned long)p[i] << 16;
		*o++ = a[v >> 18];
		*o++ = a[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8;
		*o++ = a[v >> 18];
		*o++ = a[v >> 12 & 63];
		*o++ = a[v >> 6 & 63];
	}
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
}

int
search_unbase64(struct buf *out, const char *s, size_t len)
{
	unsigned long	 v = 0;
	size_t		 i;
	int		 c, bits = 0;

	if (len % 4 == 1)
		return -1;
	buf_grow(out, len / 4 * 3 + 3);
	out->data[out->len] = '\0';	/* grown, maybe nothing put */
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c -= 'A';
		else if (c >= 'a' && c <= 'z')
			c = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			c = c - '0' + 52;
		else if (c == '+')
			c = 62;
		else if (c == '/')
			c = 63;
		else
			return -1;
		v = (v << 6 | (unsigned long)c) & 0xFFFFFF;
		if ((bits += 6) >= 8) {
			bits -= 8;
			buf_putc(out, (int)(v >> bits & 0xFF));
		}
	}
	return 0;
}
