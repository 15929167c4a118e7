/*
 * mustache.c - Mustache templates compiled to a node tree; see mustache.h.
 *
 * A template is compiled in four passes over a flat token array:
 *
 *   scan        tags and text ranges, each tag with its line:col and
 *               whether only blanks surround it on its line;
 *   match       pairs every section, block and parent with its closing
 *               tag (this is where structural errors are found);
 *   standalone  decides which tag lines vanish and trims the text around
 *               them, including the ~inheritance pairs such as
 *               "{{<parent}}{{$block}}" on a line of their own;
 *   build       the node tree, copying text with block dedent applied.
 *
 * Rendering walks the tree with state local to the call, so a set is
 * read-only once built and may be rendered from several threads at once.
 *
 * Indentation follows the spec's model ("prepend the indentation to each
 * line of the partial, then render") without re-parsing: a node that
 * starts a source line carries NF_BOL, and while a standalone partial,
 * parent or block is rendered the renderer writes the current indentation
 * before each such node and after each newline inside text.  Blocks are
 * dedented at compile time by their common leading blanks and re-indented
 * where they are expanded.
 *
 * A block takes the override of the outermost parent tag being expanded
 * that has one (the spec: top-level substitutions win), also inside
 * partials the parent includes.
 *
 * Recursion is bounded: sections nest at most MUS_MAXNEST deep in one
 * template (a compile error beyond), and partials, parents and block
 * overrides at most MUS_MAXDEPTH deep in a render (a render error).
 * Work is bounded too: sections nested over the same list render it
 * k^depth times, so one render stops (an error naming the outermost
 * section) past MUS_MAXSTEPS nodes or MUS_MAXOUT bytes of output, far
 * beyond any real page.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

#define MUS_MAXDEPTH	64	/* partials, parents and overrides in a render */
#define MUS_MAXNEST	100	/* sections nested inside one template */
#define MUS_MAXSTEPS	((size_t)16 << 20)	/* nodes rendered per render */
#define MUS_MAXOUT	((size_t)64 << 20)	/* bytes written per render */
#define NONE		SIZE_MAX

enum tok_type {
	T_TEXT,
	T_VAR,		/* {{x}} */
	T_RAW,		/* {{{x}}} or {{&x}} */
	T_SECTION,	/* {{#x}} */
	T_INVERTED,	/* {{^x}} */
	T_CLOSE,	/* {{/x}} */
	T_PARTIAL,	/* {{>x}} */
	T_PARENT,	/* {{<x}} */
	T_BLOCK,	/* {{$x}} */
	T_COMMENT,	/* {{!x}} */
	T_DELIM		/* {{=<% %>=}} */
};

#define TF_ALONE	0x01	/* the tag's line vanishes from the output */
#define TF_PAIRBLOCK	0x02	/* "{{$b}}{{/b}}" alone: indent, keep newline */
#define TF_DEDENT	0x04	/* block whose body is dedented */
#define TF_DYN		0x08	/* name began with '*' (dynamic name) */

struct tok {
	enum tok_type	 type;
	unsigned	 flags;
	size_t		 start, end;	/* the text, or the tag with delimiters */
	size_t		 ns, ne;	/* the name, trimmed, after any '*' */
	size_t		 odlen, cdlen;	/* delimiter lengths, for messages */
	size_t		 lb;	/* line start if only blanks precede, or NONE */
	size_t		 le;	/* past the newline if only blanks follow, or NONE */
	size_t		 nl;	/* where that newline starts */
	size_t		 ostart, oend;	/* the tag with the blanks it took */
	size_t		 match;		/* the partner open or close tag */
	int		 line, col;
};

enum node_kind {
	N_TEXT,
	N_VAR,
	N_RAW,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,
	N_BLOCK
};

#define NF_BOL		0x01	/* starts a source line: indentation goes first */
#define NF_ALONE	0x02	/* standalone: its line vanished, it is indented */
#define NF_DYN		0x04	/* the partial's name is looked up in the data */

struct node {
	enum node_kind	 kind;
	unsigned	 flags;
	int		 line, col;
	const char	*file;		/* the template's, for messages */
	char		*str;		/* text, or the name */
	size_t		 len;
	char		**path;		/* the name split at dots; NULL for "." */
	uint32_t	*hpath;		/* val_key_hash of each part */
	size_t		 npath;
	char		*indent;	/* standalone partial, parent or block */
	size_t		 ilen;
	struct node	*kids;		/* section body, block default, or the
					   blocks a parent overrides */
	size_t		 nkids;
};

struct nodevec {
	struct node	*v;
	size_t		 len, cap;
};

struct tmpl {
	char		*name;
	char		*file;
	struct node	*nodes;
	size_t		 nnodes;
};

struct mus_set {
	struct tmpl	**t;		/* in the order added */
	size_t		  len, cap;
	size_t		 *hash;		/* open addressing: index + 1, 0 free */
	size_t		  hcap;		/* a power of two */
	size_t		  maxsteps, maxout;	/* per render */
};

struct comp {
	const char	*file;
	const char	*src;
	size_t		 len;
	struct diag	*d;
	struct tok	*t;
	size_t		 nt, capt;
	size_t		 cpos;		/* line:col cursor, moves forward only */
	int		 cline, ccol;
};

struct rstate {
	const struct mus_set	 *set;
	struct buf		 *out;
	struct diag		 *d;
	const struct val	**ctx;	/* context stack, outermost first */
	size_t			  nctx, capctx;
	const struct node	**args;	/* parents being expanded, outermost first */
	size_t			  nargs, capargs;
	struct buf		  ind;	/* indentation strings, stacked */
	size_t			  ioff, ilen;	/* the current one, within ind */
	int			  depth;
	struct buf		  tmp;
	size_t			  steps, olen;	/* work done, out->len at start */
	const struct node	 *outer;	/* outermost section rendering */
};

static int	render_list(struct rstate *, const struct node *, size_t, int);
static void	nodes_free(struct node *, size_t);

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* memmem(), which C11 and POSIX.1-2008 lack. */
static size_t
find(const char *s, size_t len, size_t from, const char *pat, size_t plen)
{
	const char	*p;

	while (from <= len && len - from >= plen) {
		p = memchr(s + from, pat[0], len - from - plen + 1);
		if (p == NULL)
			return NONE;
		if (memcmp(p, pat, plen) == 0)
			return (size_t)(p - s);
		from = (size_t)(p - s) + 1;
	}
	return NONE;
}

/*
 * Advances the line:col cursor to pos.  Columns count characters, not
 * bytes, as an editor shows them for Vietnamese text.
 */
static void
cursor_to(struct comp *c, size_t pos, int *line, int *col)
{
	for (; c->cpos < pos; c->cpos++) {
		if (c->src[c->cpos] == '\n') {
			c->cline++;
			c->ccol = 1;
		} else if (((unsigned char)c->src[c->cpos] & 0xc0) != 0x80)
			c->ccol++;
	}
	*line = c->cline;
	*col = c->ccol;
}

static struct tok *
tok_new(struct comp *c, enum tok_type type, size_t start, size_t end)
{
	struct tok	*t;

	ARRAY_GROW(c->t, c->nt, c->capt, 64);
	t = &c->t[c->nt++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->start = t->ostart = start;
	t->end = t->oend = end;
	t->lb = t->le = t->nl = t->match = NONE;
	return t;
}

/* Prefix, for messages, of the tag that opens a block of this type. */
static const char *
sigil(enum tok_type type)
{
	switch (type) {
	case T_SECTION:
		return "#";
	case T_INVERTED:
		return "^";
	case T_PARENT:
		return "<";
	case T_BLOCK:
		return "$";
	case T_PARTIAL:
		return ">";
	default:
		return "/";
	}
}

/* A name to show in "missing name" messages. */
static const char *
example(enum tok_type type)
{
	switch (type) {
	case T_PARTIAL:
		return "header";
	case T_PARENT:
		return "base";
	case T_BLOCK:
		return "main";
	default:
		return "page.title";
	}
}

/*
 * Reports an unterminated tag at pos, quoting its beginning (up to a
 * blank or 30 bytes, not splitting a UTF-8 sequence).
 */
static void
err_unclosed_tag(struct comp *c, size_t pos, char last, const char *cd,
    size_t cdlen)
{
	size_t	 n = 0;
	int	 line, col;

	while (pos + n < c->len && n < 30 && !is_space(c->src[pos + n]))
		n++;
	while (pos + n < c->len && n > 0 &&
	    ((unsigned char)c->src[pos + n] & 0xc0) == 0x80)
		n--;
	cursor_to(c, pos, &line, &col);
	diag_err(c->d, c->file, line, col,
	    "thẻ %.*s chưa được đóng; thêm %.*s%.*s vào cuối thẻ",
	    (int)n, c->src + pos, last != '\0', &last, (int)cdlen, cd);
}

/* Checks a tag's name: not empty, no blanks inside.  Marks '*' names. */
static int
check_name(struct comp *c, struct tok *t)
{
	const char	*s = c->src;
	size_t		 i;

	if ((t->type == T_PARTIAL || t->type == T_PARENT ||
	    t->type == T_CLOSE) && t->ns < t->ne && s[t->ns] == '*') {
		/* Dynamic name: "{{> * name }}" is allowed, like padding. */
		t->flags |= TF_DYN;
		for (t->ns++; t->ns < t->ne && is_space(s[t->ns]); t->ns++)
			continue;
	}
	if (t->ns == t->ne) {
		diag_err(c->d, c->file, t->line, t->col,
		    "thẻ %.*s thiếu tên; viết tên vào giữa thẻ, "
		    "ví dụ %.*s%s%s%.*s", (int)(t->end - t->start),
		    s + t->start, (int)t->odlen, s + t->start,
		    t->type == T_VAR || t->type == T_RAW ? "" :
		    sigil(t->type), example(t->type),
		    (int)t->cdlen, s + t->end - t->cdlen);
		return -1;
	}
	for (i = t->ns; i < t->ne; i++)
		if (is_space(s[i])) {
			diag_err(c->d, c->file, t->line, t->col,
			    "tên trong thẻ %.*s có khoảng trắng; viết tên "
			    "liền một khối, ví dụ page.date_display",
			    (int)(t->end - t->start), s + t->start);
			return -1;
		}
	return 0;
}

/*
 * Parses "{{=<% %>=}}": the two new delimiters, separated by blanks,
 * neither containing blanks or '='.
 */
static int
set_delims(struct comp *c, struct tok *t, size_t a, size_t b,
    const char **od, size_t *odlen, const char **cd, size_t *cdlen)
{
	const char	*s = c->src;
	size_t		 p = a, o1, o2, c1, c2, i;

	while (p < b && is_space(s[p]))
		p++;
	for (o1 = p; p < b && !is_space(s[p]); p++)
		continue;
	o2 = p;
	while (p < b && is_space(s[p]))
		p++;
	for (c1 = p; p < b && !is_space(s[p]); p++)
		continue;
	c2 = p;
	while (p < b && is_space(s[p]))
		p++;
	if (o1 == o2 || c1 == c2 || o2 == c1 || p != b)
		goto bad;
	for (i = o1; i < c2; i++)
		if (s[i] == '=' && (i < o2 || i >= c1))
			goto bad;
	*od = s + o1;
	*odlen = o2 - o1;
	*cd = s + c1;
	*cdlen = c2 - c1;
	return 0;
bad:
	diag_err(c->d, c->file, t->line, t->col,
	    "thẻ đổi dấu phân cách %.*s không hợp lệ; viết dạng "
	    "%.*s=<%% %%>=%.*s: hai dấu mới cách nhau một khoảng trắng, "
	    "mỗi dấu không chứa khoảng trắng hay dấu \"=\"",
	    (int)(t->end - t->start), s + t->start, (int)t->odlen,
	    s + t->start, (int)t->cdlen, s + t->end - t->cdlen);
	return -1;
}

/* Pass 1: tags and text. */
static int
tokenize(struct comp *c)
{
	const char	*s = c->src, *od = "{{", *cd = "}}";
	size_t		 len = c->len, odlen = 2, cdlen = 2;
	size_t		 pos = 0, ts, q, f, nameend, p;
	struct tok	*t;
	enum tok_type	 type;
	char		 last;

	while (pos < len) {
		ts = find(s, len, pos, od, odlen);
		if (ts == NONE)
			ts = len;
		if (ts > pos)
			tok_new(c, T_TEXT, pos, ts);
		if (ts == len)
			break;

		q = ts + odlen;
		while (q < len && is_blank(s[q]))
			q++;
		last = 0;
		switch (q < len ? s[q] : '\0') {
		case '#': type = T_SECTION; break;
		case '^': type = T_INVERTED; break;
		case '/': type = T_CLOSE; break;
		case '>': type = T_PARTIAL; break;
		case '<': type = T_PARENT; break;
		case '$': type = T_BLOCK; break;
		case '!': type = T_COMMENT; break;
		case '&': type = T_RAW; break;
		case '=': type = T_DELIM; last = '='; break;
		case '{': type = T_RAW; last = '}'; break;
		default: type = T_VAR; q--; break;
		}
		q++;

		/* The closing delimiter, after '}' or '=' for those tags. */
		for (f = q;; f++) {
			f = find(s, len, f, cd, cdlen);
			if (f == NONE || last == '\0' ||
			    (f > q && s[f - 1] == last))
				break;
		}
		if (f == NONE) {
			err_unclosed_tag(c, ts, last, cd, cdlen);
			return -1;
		}
		nameend = last != '\0' ? f - 1 : f;

		t = tok_new(c, type, ts, f + cdlen);
		t->odlen = odlen;
		t->cdlen = cdlen;
		cursor_to(c, ts, &t->line, &t->col);
		for (t->ns = q; t->ns < nameend && is_space(s[t->ns]); t->ns++)
			continue;
		for (t->ne = nameend; t->ne > t->ns && is_space(s[t->ne - 1]);
		    t->ne--)
			continue;

		/* Only blanks between the line start and the tag? */
		for (p = ts; p > 0 && is_blank(s[p - 1]); p--)
			continue;
		if (p == 0 || s[p - 1] == '\n')
			t->lb = p;
		/* Only blanks, then a newline or the end, after it? */
		for (p = t->end; p < len && is_blank(s[p]); p++)
			continue;
		if (p == len)
			t->nl = t->le = len;
		else if (s[p] == '\n')
			t->nl = p, t->le = p + 1;
		else if (s[p] == '\r' && p + 1 < len && s[p + 1] == '\n')
			t->nl = p, t->le = p + 2;

		/*
		 * "{{name ... {{x}}": the first tag lacks its end, whatever
		 * the next tag's end makes of it.
		 */
		if (type != T_COMMENT && type != T_DELIM &&
		    find(s, nameend, q, od, odlen) != NONE) {
			err_unclosed_tag(c, ts, last, cd, cdlen);
			return -1;
		}
		if (type == T_DELIM) {
			if (set_delims(c, t, q, nameend, &od, &odlen,
			    &cd, &cdlen) == -1)
				return -1;
		} else if (type != T_COMMENT && check_name(c, t) == -1)
			return -1;
		pos = t->end;
	}
	return 0;
}

static int
same_name(const struct comp *c, const struct tok *a, const struct tok *b)
{
	return (a->flags & TF_DYN) == (b->flags & TF_DYN) &&
	    a->ne - a->ns == b->ne - b->ns &&
	    memcmp(c->src + a->ns, c->src + b->ns, a->ne - a->ns) == 0;
}

/* What an opening tag is called in messages. */
static const char *
what(enum tok_type type)
{
	switch (type) {
	case T_INVERTED:
		return "mục đảo";
	case T_PARENT:
		return "thẻ kế thừa";
	case T_BLOCK:
		return "khối";
	default:
		return "mục";
	}
}

/* Pass 2: pairs opening and closing tags. */
static int
match(struct comp *c)
{
	const char	*s = c->src;
	size_t		*stack = NULL, n = 0, i, o;
	struct tok	*t, *ot;
	int		 rc = -1;

	stack = xreallocarray(NULL, MUS_MAXNEST + 1, sizeof(*stack));
	for (i = 0; i < c->nt; i++) {
		t = &c->t[i];
		switch (t->type) {
		case T_SECTION:
		case T_INVERTED:
		case T_PARENT:
		case T_BLOCK:
			if (n == MUS_MAXNEST) {
				diag_err(c->d, c->file, t->line, t->col,
				    "%s %.*s lồng quá %d cấp; tách bớt phần "
				    "bên trong ra partial", what(t->type),
				    (int)(t->end - t->start), s + t->start,
				    MUS_MAXNEST);
				goto out;
			}
			stack[n++] = i;
			break;
		case T_CLOSE:
			if (n == 0) {
				diag_err(c->d, c->file, t->line, t->col,
				    "thẻ đóng %.*s không đóng mục nào; xoá thẻ "
				    "này, hoặc mở mục bằng %.*s#%s%.*s%.*s ở "
				    "phía trước",
				    (int)(t->end - t->start), s + t->start,
				    (int)t->odlen, s + t->start,
				    t->flags & TF_DYN ? "*" : "",
				    (int)(t->ne - t->ns), s + t->ns,
				    (int)t->cdlen, s + t->end - t->cdlen);
				goto out;
			}
			o = stack[n - 1];
			ot = &c->t[o];
			if (!same_name(c, ot, t)) {
				diag_err(c->d, c->file, t->line, t->col,
				    "thẻ đóng %.*s không khớp với %s %.*s "
				    "mở ở dòng %d, cột %d; đóng %s đó bằng "
				    "%.*s/%s%.*s%.*s trước, hoặc sửa lại tên",
				    (int)(t->end - t->start), s + t->start,
				    what(ot->type),
				    (int)(ot->end - ot->start), s + ot->start,
				    ot->line, ot->col, what(ot->type),
				    (int)t->odlen, s + t->start,
				    ot->flags & TF_DYN ? "*" : "",
				    (int)(ot->ne - ot->ns), s + ot->ns,
				    (int)t->cdlen, s + t->end - t->cdlen);
				goto out;
			}
			t->match = o;
			ot->match = i;
			n--;
			break;
		default:
			break;
		}
	}
	if (n > 0) {
		/* The innermost one: it is the first the author must close. */
		ot = &c->t[stack[n - 1]];
		diag_err(c->d, c->file, ot->line, ot->col,
		    "%s %.*s chưa được đóng; thêm %.*s/%s%.*s%.*s",
		    what(ot->type), (int)(ot->end - ot->start), s + ot->start,
		    (int)ot->odlen, s + ot->start,
		    ot->flags & TF_DYN ? "*" : "",
		    (int)(ot->ne - ot->ns), s + ot->ns,
		    (int)ot->cdlen, s + ot->end - ot->cdlen);
		goto out;
	}
	rc = 0;
out:
	free(stack);
	return rc;
}

/* Removes the blanks before tag i from the preceding text. */
static void
strip_before(struct comp *c, size_t i)
{
	struct tok	*t = &c->t[i];

	if (i > 0 && c->t[i - 1].type == T_TEXT)
		c->t[i - 1].end = t->lb > c->t[i - 1].start ?
		    t->lb : c->t[i - 1].start;
	t->ostart = t->lb;
}

/* Removes the blanks after tag i, and its newline unless keep_nl. */
static void
strip_after(struct comp *c, size_t i, int keep_nl)
{
	struct tok	*t = &c->t[i];
	size_t		 p = keep_nl ? t->nl : t->le;

	if (i + 1 < c->nt && c->t[i + 1].type == T_TEXT)
		c->t[i + 1].start = p < c->t[i + 1].end ?
		    p : c->t[i + 1].end;
	t->oend = p;
}

/*
 * Pass 3: standalone lines.  A tag other than an interpolation that is
 * alone on its line (blanks aside) takes the line with it.  From the
 * ~inheritance spec, two adjacent tags may share the line the same way:
 * "{{<p}}{{/p}}", "{{<p}}{{$b}}", "{{/b}}{{/p}}", and "{{$b}}{{/b}}",
 * which keeps its newline (an empty block still ends the line).
 */
static void
standalone(struct comp *c)
{
	struct tok	*t, *u;
	size_t		 i;
	int		 pair;

	for (i = 0; i < c->nt; i++) {
		t = &c->t[i];
		if (t->type == T_TEXT || t->type == T_VAR ||
		    t->type == T_RAW || t->lb == NONE)
			continue;
		u = i + 1 < c->nt ? &c->t[i + 1] : NULL;
		pair = 0;
		if (u != NULL && u->start == t->end && u->le != NONE) {
			if (t->type == T_PARENT && u->type == T_CLOSE &&
			    u->match == i)
				pair = 1;
			else if (t->type == T_BLOCK && u->type == T_CLOSE &&
			    u->match == i)
				pair = 2;
			else if (t->type == T_PARENT && u->type == T_BLOCK)
				pair = 3;
			else if (t->type == T_CLOSE && u->type == T_CLOSE &&
			    c->t[t->match].type == T_BLOCK &&
			    c->t[u->match].type == T_PARENT)
				pair = 4;
		}
		if (pair != 0) {
			strip_before(c, i);
			strip_after(c, i + 1, pair == 2);
			t->flags |= TF_ALONE;
			u->flags |= TF_ALONE;
			if (pair == 2)
				t->flags |= TF_PAIRBLOCK | TF_DEDENT;
			else if (pair == 3)
				u->flags |= TF_DEDENT;
			i++;
		} else if (t->le != NONE) {
			strip_before(c, i);
			strip_after(c, i, 0);
			t->flags |= TF_ALONE;
			if (t->type == T_BLOCK)
				t->flags |= TF_DEDENT;
		}
	}
}

static struct node *
node_new(struct comp *c, struct nodevec *nv, enum node_kind kind,
    const struct tok *t)
{
	struct node	*n;

	ARRAY_GROW(nv->v, nv->len, nv->cap, 8);
	n = &nv->v[nv->len++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->file = c->file;
	if (t != NULL) {
		n->line = t->line;
		n->col = t->col;
	}
	return n;
}

/* Copies the name, and splits it at dots for lookups. */
static void
node_name(struct comp *c, struct node *n, const struct tok *t)
{
	size_t	 i, k;
	char	*p;

	n->len = t->ne - t->ns;
	n->str = xstrndup(c->src + t->ns, n->len);
	if (t->flags & TF_DYN)
		n->flags |= NF_DYN;
	if (strcmp(n->str, ".") == 0)
		return;		/* the implicit iterator: the top frame */
	n->npath = 1;
	for (i = 0; i < n->len; i++)
		if (n->str[i] == '.')
			n->npath++;
	/* One allocation: the pointers, the hashes, the parts with NULs. */
	n->path = xmalloc(n->npath * (sizeof(char *) + sizeof(uint32_t)) +
	    n->len + 1);
	n->hpath = (uint32_t *)(n->path + n->npath);
	p = (char *)(n->hpath + n->npath);
	memcpy(p, n->str, n->len + 1);
	n->path[0] = p;
	for (i = 0, k = 1; i < n->len; i++)
		if (p[i] == '.') {
			p[i] = '\0';
			n->path[k++] = p + i + 1;
		}
	/* Hashed once here, not at every lookup while rendering. */
	for (k = 0; k < n->npath; k++)
		n->hpath[k] = val_key_hash(n->path[k]);
}

static void
node_indent(struct node *n, const char *s, size_t len)
{
	n->indent = xstrndup(s, len);
	n->ilen = len;
}

/*
 * Text from the source, with up to `dedent` blanks removed at the start of
 * each source line.
 */
static void
add_text(struct comp *c, struct nodevec *nv, const struct tok *t,
    size_t dedent)
{
	struct buf	 b = BUF_INIT;
	const char	*s = c->src, *nl;
	size_t		 p = t->start, q, k;
	int		 ls;
	struct node	*n;

	if (t->start >= t->end)
		return;
	ls = p == 0 || s[p - 1] == '\n';
	while (p < t->end) {
		if (ls)
			for (k = 0; k < dedent && p < t->end &&
			    is_blank(s[p]); k++)
				p++;
		nl = memchr(s + p, '\n', t->end - p);
		q = nl != NULL ? (size_t)(nl - s) + 1 : t->end;
		buf_put(&b, s + p, q - p);
		p = q;
		ls = 1;
	}
	/* All blanks dedented away: no node, and nothing to keep. */
	if (b.len == 0) {
		buf_free(&b);
		return;
	}
	n = node_new(c, nv, N_TEXT, NULL);
	if (t->start == 0 || s[t->start - 1] == '\n')
		n->flags |= NF_BOL;
	n->len = b.len;
	n->str = buf_detach(&b);
}

/*
 * The common leading blanks of the non-blank lines of [a, b) (b == a: an
 * empty body gives 0).  *first is set when the first line is not blank,
 * so that the margin is also that line's indentation.
 */
static size_t
margin(const char *s, size_t a, size_t b, int *first)
{
	const char	*m = NULL, *nl;
	size_t		 p = a, q, w, k, mlen = 0;

	*first = 0;
	while (p < b) {
		for (q = p; q < b && is_blank(s[q]); q++)
			continue;
		if (q < b && s[q] != '\n' &&
		    !(s[q] == '\r' && q + 1 < b && s[q + 1] == '\n')) {
			w = q - p;
			if (m == NULL) {
				m = s + p;
				mlen = w;
				*first = p == a;
			} else {
				for (k = 0; k < mlen && k < w && s[p + k] == m[k];
				    k++)
					continue;
				mlen = k;
			}
		}
		nl = memchr(s + q, '\n', b - q);
		if (nl == NULL)
			break;
		p = (size_t)(nl - s) + 1;
	}
	return mlen;
}

/*
 * Pass 4: the nodes of tokens [from, to).  `dedent` is the margin of the
 * innermost dedented block around them, in source bytes; in a parent tag
 * (`inparent`) only blocks are kept, the rest is ignored as the spec says.
 */
static void
build_nodes(struct comp *c, size_t from, size_t to, size_t dedent, int inparent,
    struct nodevec *nv)
{
	const char	*s = c->src;
	const struct tok *t, *ct;
	struct nodevec	 kids;
	struct node	*n;
	size_t		 i, m, a, w;
	int		 first;

	for (i = from; i < to; i++) {
		t = &c->t[i];
		if (t->type == T_COMMENT || t->type == T_DELIM ||
		    t->type == T_CLOSE)
			continue;
		if (inparent && t->type != T_BLOCK) {
			if (t->match != NONE)
				i = t->match;	/* skip the whole section */
			continue;
		}
		if (t->type == T_TEXT) {
			add_text(c, nv, t, dedent);
			continue;
		}

		n = node_new(c, nv, N_VAR, t);
		switch (t->type) {
		case T_RAW:
			n->kind = N_RAW;
			break;
		case T_SECTION:
			n->kind = N_SECTION;
			break;
		case T_INVERTED:
			n->kind = N_INVERTED;
			break;
		case T_PARTIAL:
			n->kind = N_PARTIAL;
			break;
		case T_PARENT:
			n->kind = N_PARENT;
			break;
		case T_BLOCK:
			n->kind = N_BLOCK;
			break;
		default:
			break;
		}
		node_name(c, n, t);
		/* Standalone tags produce no text of their own. */
		if (t->flags & TF_ALONE)
			n->flags |= NF_ALONE;
		else if (t->lb != NONE && t->start - t->lb <= dedent)
			n->flags |= NF_BOL;

		/* Indentation is relative to the enclosing dedented block. */
		if ((t->flags & TF_ALONE) &&
		    (t->type == T_PARTIAL || t->type == T_PARENT)) {
			a = t->lb + (t->start - t->lb < dedent ?
			    t->start - t->lb : dedent);
			node_indent(n, s + a, t->start - a);
		}
		if (t->match == NONE)
			continue;

		ct = &c->t[t->match];
		m = dedent;
		if (t->flags & TF_DEDENT) {
			/*
			 * A standalone block: its body loses its margin
			 * here and gets the block's indentation back where
			 * it is expanded: that of its first line, else the
			 * blanks before the tag.
			 */
			m = margin(s, t->oend, ct->ostart, &first);
			if (first)
				a = t->oend, w = m;
			else if (t->lb != NONE)
				a = t->lb, w = t->start - t->lb;
			else
				a = t->start, w = 0;
			if (m < dedent)
				m = dedent;
			if (w > dedent)
				node_indent(n, s + a + dedent, w - dedent);
			else
				node_indent(n, s + a, 0);
		}
		memset(&kids, 0, sizeof(kids));
		build_nodes(c, i + 1, t->match, m, t->type == T_PARENT, &kids);
		n->kids = kids.v;
		n->nkids = kids.len;
		i = t->match;
	}
}

static void
nodes_free(struct node *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].str);
		free(v[i].path);
		free(v[i].indent);
		nodes_free(v[i].kids, v[i].nkids);
	}
	free(v);
}

static void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	nodes_free(t->nodes, t->nnodes);
	free(t->name);
	free(t->file);
	free(t);
}

static size_t
hash_str(const char *s)
{
	size_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot holding name, or the free slot where it would go. */
static size_t
set_slot(const struct mus_set *set, const char *name)
{
	size_t	 i, mask = set->hcap - 1;

	for (i = hash_str(name) & mask; set->hash[i] != 0; i = (i + 1) & mask)
		if (strcmp(set->t[set->hash[i] - 1]->name, name) == 0)
			break;
	return i;
}

static const struct tmpl *
set_find(const struct mus_set *set, const char *name)
{
	size_t	 i;

	if (set->hcap == 0)
		return NULL;
	i = set_slot(set, name);
	return set->hash[i] != 0 ? set->t[set->hash[i] - 1] : NULL;
}

static void
set_rehash(struct mus_set *set)
{
	size_t	 i;

	free(set->hash);
	set->hcap = set->hcap ? set->hcap * 2 : 16;
	set->hash = xcalloc(set->hcap, sizeof(*set->hash));
	for (i = 0; i < set->len; i++)
		set->hash[set_slot(set, set->t[i]->name)] = i + 1;
}

struct mus_set *
mus_set_new(void)
{
	struct mus_set	*set = xcalloc(1, sizeof(*set));

	set->maxsteps = MUS_MAXSTEPS;
	set->maxout = MUS_MAXOUT;
	return set;
}

void
mus_set_limits(struct mus_set *set, size_t maxsteps, size_t maxout)
{
	set->maxsteps = maxsteps;
	set->maxout = maxout;
}

void
mus_set_free(struct mus_set *set)
{
	size_t	 i;

	if (set == NULL)
		return;
	for (i = 0; i < set->len; i++)
		tmpl_free(set->t[i]);
	free(set->t);
	free(set->hash);
	free(set);
}

int
mus_set_add(struct mus_set *set, const char *name, const char *file,
    const char *src, size_t len, struct diag *d)
{
	struct comp	 c;
	struct nodevec	 nv;
	struct tmpl	*t = NULL;
	size_t		 i;
	int		 rc = -1;

	memset(&c, 0, sizeof(c));
	memset(&nv, 0, sizeof(nv));
	c.file = file != NULL ? file : name;
	c.src = src != NULL ? src : "";
	c.len = src != NULL ? len : 0;
	c.d = d;
	c.cline = c.ccol = 1;
	if (tokenize(&c) == -1 || match(&c) == -1)
		goto out;
	standalone(&c);

	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->file = xstrdup(c.file);
	c.file = t->file;	/* nodes point at the template's copy */
	build_nodes(&c, 0, c.nt, 0, 0, &nv);
	t->nodes = nv.v;
	t->nnodes = nv.len;

	if (set->hcap != 0 &&
	    set->hash[i = set_slot(set, name)] != 0) {
		/* Replaced in place: the set keeps its order. */
		tmpl_free(set->t[set->hash[i] - 1]);
		set->t[set->hash[i] - 1] = t;
	} else {
		ARRAY_GROW(set->t, set->len, set->cap, 16);
		set->t[set->len++] = t;
		if (set->len * 2 > set->hcap)
			set_rehash(set);
		else
			set->hash[set_slot(set, name)] = set->len;
	}
	t = NULL;
	rc = 0;
out:
	tmpl_free(t);
	free(c.t);
	return rc;
}

int
mus_set_has(const struct mus_set *set, const char *name)
{
	return set_find(set, name) != NULL;
}

static int
check_nodes(const struct mus_set *set, const struct node *v, size_t n,
    struct diag *d)
{
	size_t	 i;
	int	 missing = 0;

	for (i = 0; i < n; i++) {
		if ((v[i].kind == N_PARTIAL || v[i].kind == N_PARENT) &&
		    !(v[i].flags & NF_DYN) && set_find(set, v[i].str) == NULL) {
			diag_warn(d, v[i].file, v[i].line, v[i].col,
			    "partial {{%c%s}} không có trong giao diện nên "
			    "chỗ này sẽ để trống; tạo tệp partials/%s.mustache "
			    "hoặc sửa lại tên", v[i].kind == N_PARTIAL ?
			    '>' : '<', v[i].str, v[i].str);
			missing++;
		}
		missing += check_nodes(set, v[i].kids, v[i].nkids, d);
	}
	return missing;
}

int
mus_set_check(const struct mus_set *set, struct diag *d)
{
	size_t	 i;
	int	 missing = 0;

	for (i = 0; i < set->len; i++)
		missing += check_nodes(set, set->t[i]->nodes,
		    set->t[i]->nnodes, d);
	return missing;
}

static void
ctx_push(struct rstate *st, const struct val *v)
{
	ARRAY_GROW(st->ctx, st->nctx, st->capctx, 16);
	st->ctx[st->nctx++] = v;
}

/*
 * The first part of a dotted name is found by walking the stack from the
 * innermost frame; the rest descends from there and does not walk again.
 */
static const struct val *
lookup(const struct rstate *st, const struct node *n)
{
	const struct val	*v = NULL;
	size_t			 i;

	if (n->npath == 0)
		return st->nctx > 0 ? st->ctx[st->nctx - 1] : NULL;
	for (i = st->nctx; i-- > 0;)
		if ((v = val_map_get_hash(st->ctx[i], n->path[0],
		    n->hpath[0])) != NULL)
			break;
	for (i = 1; i < n->npath && v != NULL; i++)
		v = val_map_get_hash(v, n->path[i], n->hpath[i]);
	return v;
}

static void
put_indent(struct rstate *st)
{
	if (st->ilen > 0)
		buf_put(st->out, st->ind.data + st->ioff, st->ilen);
}

/* Template text: the indentation goes before each line that is not empty. */
static void
put_text(struct rstate *st, const struct node *n, int bol)
{
	const char	*p = n->str, *e = p + n->len, *nl, *q;

	if (st->ilen == 0) {
		buf_put(st->out, n->str, n->len);
		return;
	}
	while (p < e) {
		if (bol && *p != '\n' && !(*p == '\r' && p + 1 < e &&
		    p[1] == '\n'))
			put_indent(st);
		nl = memchr(p, '\n', (size_t)(e - p));
		q = nl != NULL ? nl + 1 : e;
		buf_put(st->out, p, (size_t)(q - p));
		p = q;
		bol = 1;
	}
}

static void
put_value(struct rstate *st, const struct val *v, int esc)
{
	const char	*s;
	size_t		 n;

	if (val_type(v) == VAL_STR) {
		s = val_get_str(v);
		n = val_str_len(v);
	} else {
		buf_reset(&st->tmp);
		val_to_text(v, &st->tmp);
		s = st->tmp.data;
		n = st->tmp.len;
	}
	if (n == 0)
		return;
	if (esc)
		escape_html(st->out, s, n);
	else
		buf_put(st->out, s, n);
}

/*
 * Makes the current indentation `own` appended to it (copied to the end
 * of the stack buffer), or empty if reset.  The caller restores ioff,
 * ilen and ind.len.
 */
static void
indent_push(struct rstate *st, const char *own, size_t olen, int reset)
{
	size_t	 off = st->ind.len;

	if (reset) {
		st->ioff = off;
		st->ilen = 0;
		return;
	}
	buf_grow(&st->ind, st->ilen + olen);	/* no move while copying */
	buf_put(&st->ind, st->ind.data + st->ioff, st->ilen);
	buf_put(&st->ind, own, olen);
	st->ioff = off;
	st->ilen = st->ind.len - off;
}

static int
too_deep(struct rstate *st, const struct node *n)
{
	if (st->depth < MUS_MAXDEPTH)
		return 0;
	if (n->kind == N_BLOCK)
		diag_err(st->d, n->file, n->line, n->col,
		    "khối {{$%s}} được thay thế lồng nhau quá %d cấp: nội dung "
		    "thay cho khối có lẽ chứa lại chính khối đó; bỏ {{$%s}} "
		    "ra khỏi phần thay thế", n->str, MUS_MAXDEPTH, n->str);
	else
		diag_err(st->d, n->file, n->line, n->col,
		    "partial {{%c%s%s}} lồng nhau quá %d cấp: có lẽ nó tự gọi "
		    "lại chính mình (trực tiếp hoặc qua partial khác) mà không "
		    "có điểm dừng; đặt lời gọi trong một mục {{#...}} chỉ "
		    "đúng khi còn dữ liệu, hoặc bỏ lời gọi đó",
		    n->kind == N_PARTIAL ? '>' : '<',
		    n->flags & NF_DYN ? "*" : "", n->str, MUS_MAXDEPTH);
	return 1;
}

/*
 * A partial or parent: standalone, it is indented like its tag; inline,
 * its lines after the first are not indented at all (as if re-parsed).
 */
static int
render_partial(struct rstate *st, const struct node *n)
{
	const struct tmpl	*t;
	const struct val	*v;
	const char		*name = n->str;
	size_t			 ioff = st->ioff, ilen = st->ilen;
	size_t			 ind = st->ind.len;
	int			 rc;

	if (n->flags & NF_DYN) {
		/* "{{>*x}}": the partial named by the value of x. */
		if ((v = lookup(st, n)) == NULL || val_type(v) != VAL_STR)
			return 0;
		name = val_get_str(v);
	}
	if ((t = set_find(st->set, name)) == NULL)
		return 0;	/* the spec: a missing partial is empty */
	if (too_deep(st, n))
		return -1;
	if (n->kind == N_PARENT) {
		ARRAY_GROW(st->args, st->nargs, st->capargs, 8);
		st->args[st->nargs++] = n;
	}
	indent_push(st, n->indent, n->ilen, !(n->flags & NF_ALONE));
	st->depth++;
	rc = render_list(st, t->nodes, t->nnodes, 0);
	st->depth--;
	st->ioff = ioff;
	st->ilen = ilen;
	buf_truncate(&st->ind, ind);
	if (n->kind == N_PARENT)
		st->nargs--;
	return rc;
}

/*
 * A block: the outermost parent tag that overrides it wins, else its own
 * default.  Standalone, its content is indented like the block here.
 */
static int
render_block(struct rstate *st, const struct node *n)
{
	const struct node	*use = n, *a;
	size_t			 i, k, ioff = st->ioff, ilen = st->ilen;
	size_t			 ind = st->ind.len;
	int			 rc, over = 0;

	for (i = 0; i < st->nargs && !over; i++) {
		a = st->args[i];
		for (k = 0; k < a->nkids; k++)
			if (strcmp(a->kids[k].str, n->str) == 0) {
				use = &a->kids[k];
				over = 1;
				break;
			}
	}
	if (over && too_deep(st, n))
		return -1;
	if (n->flags & NF_ALONE)
		indent_push(st, n->indent, n->ilen, 0);
	st->depth += over;
	rc = render_list(st, use->kids, use->nkids, (n->flags & NF_ALONE) != 0);
	st->depth -= over;
	st->ioff = ioff;
	st->ilen = ilen;
	buf_truncate(&st->ind, ind);
	return rc;
}

/*
 * Too much work for one page: sections nested over the same lists (or a
 * page that would be absurdly big).  Named after the outermost section,
 * where the multiplying starts.
 */
static void
too_much(struct rstate *st, const struct node *nd)
{
	const struct node	*n = st->outer != NULL ? st->outer : nd;

	if (n->kind == N_SECTION)
		diag_err(st->d, n->file, n->line, n->col,
		    "mục {{#%s}} làm trang quá lớn khi dựng (quá %zu bước "
		    "hoặc %zu MiB): các mục {{#...}} lồng nhau quá nhiều, mỗi "
		    "tầng lặp lại cả danh sách của tầng ngoài; hãy bớt các mục "
		    "lồng nhau trong mẫu", n->str, st->set->maxsteps,
		    st->set->maxout >> 20);
	else
		diag_err(st->d, n->file, n->line, n->col,
		    "mẫu làm trang quá lớn khi dựng (quá %zu bước hoặc %zu "
		    "MiB): các mục {{#...}} hoặc partial lồng nhau quá nhiều; "
		    "hãy bớt các mục lồng nhau trong mẫu", st->set->maxsteps,
		    st->set->maxout >> 20);
}

/*
 * Renders a node list.  `force` marks the first node as starting a line:
 * a standalone block's content is indented from its first line on.
 */
static int
render_list(struct rstate *st, const struct node *v, size_t n, int force)
{
	const struct node	*nd;
	const struct val	*x;
	size_t			 i, k, len;
	int			 bol;

	for (i = 0; i < n; i++) {
		nd = &v[i];
		if (++st->steps > st->set->maxsteps ||
		    st->out->len - st->olen > st->set->maxout) {
			too_much(st, nd);
			return -1;
		}
		bol = (nd->flags & NF_BOL) ||
		    (force && i == 0 && !(nd->flags & NF_ALONE));
		if (nd->kind == N_TEXT) {
			put_text(st, nd, bol);
			continue;
		}
		if (bol)
			put_indent(st);
		switch (nd->kind) {
		case N_VAR:
		case N_RAW:
			put_value(st, lookup(st, nd), nd->kind == N_VAR);
			break;
		case N_SECTION:
			x = lookup(st, nd);
			if (!val_truthy(x))
				break;
			if (st->outer == NULL)
				st->outer = nd;
			if (val_type(x) == VAL_LIST) {
				len = val_list_len(x);
				for (k = 0; k < len; k++) {
					ctx_push(st, val_list_at(x, k));
					if (render_list(st, nd->kids, nd->nkids,
					    0) == -1)
						return -1;
					st->nctx--;
				}
			} else {
				ctx_push(st, x);
				if (render_list(st, nd->kids, nd->nkids, 0) ==
				    -1)
					return -1;
				st->nctx--;
			}
			if (st->outer == nd)
				st->outer = NULL;
			break;
		case N_INVERTED:
			if (!val_truthy(lookup(st, nd)) &&
			    render_list(st, nd->kids, nd->nkids, 0) == -1)
				return -1;
			break;
		case N_PARTIAL:
		case N_PARENT:
			if (render_partial(st, nd) == -1)
				return -1;
			break;
		case N_BLOCK:
			if (render_block(st, nd) == -1)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

int
mus_render(const struct mus_set *set, const char *name,
    struct val *const *ctx, size_t nctx, struct buf *out, struct diag *d)
{
	struct rstate		 st;
	const struct tmpl	*t;
	size_t			 i, olen = out->len;
	int			 rc = -1;

	memset(&st, 0, sizeof(st));
	if ((t = set_find(set, name)) == NULL) {
		diag_err(d, NULL, 0, 0, "không có mẫu %s để dựng trang; tạo tệp "
		    "layouts/%s.mustache trong giao diện", name, name);
		return -1;
	}
	st.set = set;
	st.out = out;
	st.olen = olen;
	st.d = d;
	for (i = 0; i < nctx; i++)
		ctx_push(&st, ctx[i]);
	if (render_list(&st, t->nodes, t->nnodes, 0) == -1) {
		/* No half page: the caller reports and skips it. */
		buf_truncate(out, olen);
		goto out;
	}
	rc = 0;
out:
	free(st.ctx);
	free(st.args);
	buf_free(&st.ind);
	buf_free(&st.tmp);
	return rc;
}
