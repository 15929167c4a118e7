/*
 * markdown.c - Markdown to HTML with cmark-gfm; see markdown.h.
 *
 * md_render parses, then edits the tree in two passes before rendering:
 *
 *  1. links, images and raw HTML: URLs are checked and passed to the
 *     resolver, author HTML is dropped unless opts->unsafe (but a plain
 *     <br> becomes a line break), images left without a usable URL
 *     become their alt text, <strong> inside <strong> is flattened;
 *  2. headings and the first paragraph: each heading is rendered on its
 *     own and replaced by an HTML block carrying its id.
 *
 * The tree is then rendered with CMARK_OPT_UNSAFE, so that the HTML blocks
 * we inserted survive; what the author wrote is already gone by then.
 * The cmark iterator must not see nodes it is about to visit freed, so
 * each pass collects nodes while iterating and edits after.
 *
 * The output must not depend on which cmark-gfm Debian ships (0.29.0.gfm.6
 * in Debian 12, 0.29.0.gfm.13 in Debian 13).  Their HTML renderers differ
 * in two ways that reach every page, both evened out here:
 *  - gfm.13 writes nothing for a <strong> directly inside another (gfm.6
 *    writes both); pass 1 flattens such nodes, so both write one;
 *  - the footnote back-links: gfm.6 writes aria-label="Back to content",
 *    gfm.13 data-footnote-backref-idx="N" aria-label="Back to reference N"
 *    ("N-K" for the K-th reference); md_fixup rewrites the attributes of
 *    every back-link, whatever they were, to one Vietnamese label.
 * The parsers differ too, on rarer input (tests/unit/test_markdown.c,
 * test_cmark_versions, says exactly where); those are left as they are.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "markdown.h"
#include "slug.h"
#include "url.h"
#include "util.h"

/*
 * No CMARK_OPT_VALIDATE_UTF8: every text reaching here is a slice, at
 * line starts, of a file parse.c has checked to be valid UTF-8: the
 * check would only read every body again.
 */
#define MD_PARSE_OPTS	(CMARK_OPT_FOOTNOTES | \
			 CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)
#define MD_RENDER_OPTS	(CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | \
			 CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

static const char *const md_ext_names[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist"
};
#define MD_NEXT	(sizeof(md_ext_names) / sizeof(md_ext_names[0]))

static cmark_syntax_extension	*md_exts[MD_NEXT];
static pthread_once_t		 md_once = PTHREAD_ONCE_INIT;
/*
 * cmark-gfm 0.29.0.gfm.6 keeps the inline parser's table of special
 * characters in a global array that every parse switches the extensions'
 * characters on and off in (cmark_manage_extensions_special_characters,
 * called from cmark_parser_finish and from the table extension).  Two
 * parses at once race on it and can lose strikethrough or autolinks, so
 * parsing is serialised.  Tree edits and rendering touch no globals and
 * run in parallel.
 */
static pthread_mutex_t		 md_parse_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * A body's parse makes thousands of small blocks (nodes, their texts,
 * the parser's line buffers), most of them while the inline lock is
 * held, where malloc's time is every other body's wait.  md_render()
 * gives cmark-gfm a bump arena of its own instead (md_amem): an
 * allocation is a pointer moved, a free nothing (the newest block's
 * space comes back), and the whole arena is released at once when the
 * body is rendered.  cmark_mem passes no context, so the arena in use
 * is the thread's (md_acur), set only for the length of one
 * md_render().  Nothing allocated from it outlives that call: the HTML
 * is rendered with the default allocator.  Each block is preceded by
 * its size (struct md_ahdr), which realloc needs.
 *
 * Under AddressSanitizer the arena's unused space, the headers and
 * every freed block are poisoned, so that `make asan` and the fuzzers
 * still catch cmark-gfm or a pass reading past a block or after a free.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MD_ASAN	1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(MD_ASAN)
#define MD_ASAN	1
#endif
#ifdef MD_ASAN
#include <sanitizer/asan_interface.h>
#define MD_POISON(p, n)		ASAN_POISON_MEMORY_REGION((p), (n))
#define MD_UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define MD_POISON(p, n)		((void)(p), (void)(n))
#define MD_UNPOISON(p, n)	((void)(p), (void)(n))
#endif

#define MD_ABLOCK	(64 * 1024)	/* an arena's usual block */
#define MD_AALIGN	16
#define MD_AROUND(n)	(((n) + MD_AALIGN - 1) & ~(size_t)(MD_AALIGN - 1))

struct md_ablk {
	struct md_ablk	*next;
	size_t		 size, used;
	/* the space follows, MD_AALIGN-aligned */
};

struct md_ahdr {
	size_t		 size;
	size_t		 pad;		/* keeps the space aligned */
};

struct md_arena {
	struct md_ablk	*cur;		/* the chain, newest first */
	char		*last;		/* the newest allocation, or NULL */
};

static _Thread_local struct md_arena *md_acur;

#define MD_ABLK_HDR	MD_AROUND(sizeof(struct md_ablk))

static char *
md_ablk_space(struct md_ablk *b)
{
	return (char *)b + MD_ABLK_HDR;
}

/* The size a block was given (its header read). */
static size_t
md_asize(void *p)
{
	struct md_ahdr	*h = (struct md_ahdr *)p - 1;
	size_t		 size;

	MD_UNPOISON(h, sizeof(*h));
	size = h->size;
	MD_POISON(h, sizeof(*h));
	return size;
}

static void
md_asetsize(void *p, size_t size)
{
	struct md_ahdr	*h = (struct md_ahdr *)p - 1;

	MD_UNPOISON(h, sizeof(*h));
	h->size = size;
	MD_POISON(h, sizeof(*h));
}

static void *
md_aalloc(size_t size)
{
	struct md_arena	*a = md_acur;
	struct md_ablk	*b = a->cur;
	char		*p;
	size_t		 need, bsize;

	if (size > SIZE_MAX / 2)
		xdie("out of memory");
	need = sizeof(struct md_ahdr) + MD_AROUND(size);
	if (b == NULL || b->size - b->used < need) {
		bsize = need > MD_ABLOCK / 4 ? need : MD_ABLOCK;
		b = xmalloc(MD_ABLK_HDR + bsize);
		b->size = bsize;
		b->used = 0;
		MD_POISON(md_ablk_space(b), bsize);
		if (a->cur != NULL && bsize != MD_ABLOCK) {
			/* A large block of its own: the current one goes on
			   taking the small ones. */
			b->next = a->cur->next;
			a->cur->next = b;
		} else {
			b->next = a->cur;
			a->cur = b;
		}
	}
	p = md_ablk_space(b) + b->used + sizeof(struct md_ahdr);
	b->used += need;
	md_asetsize(p, size);
	MD_UNPOISON(p, size);
	a->last = b == a->cur ? p : NULL;
	return p;
}

static void *
md_acalloc(size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		xdie("out of memory");
	p = md_aalloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
md_arealloc(void *p, size_t size)
{
	struct md_arena	*a = md_acur;
	struct md_ablk	*b = a->cur;
	size_t		 old, grow;
	void		*q;

	if (p == NULL)
		return md_aalloc(size);
	old = md_asize(p);
	if (size <= old) {
		MD_POISON((char *)p + size, old - size);
		md_asetsize(p, size);
		return p;
	}
	/* The newest block grows in place when its block has room. */
	if (size <= SIZE_MAX / 2 && p == a->last) {
		grow = MD_AROUND(size) - MD_AROUND(old);
		if (b->size - b->used >= grow) {
			b->used += grow;
			md_asetsize(p, size);
			MD_UNPOISON(p, size);
			return p;
		}
	}
	q = md_aalloc(size);
	memcpy(q, p, old);
	MD_POISON(p, old);
	return q;
}

static void
md_afree(void *p)
{
	struct md_arena	*a = md_acur;

	if (p == NULL)
		return;
	MD_POISON(p, md_asize(p));
	if (p != a->last)
		return;
	/* The newest block's space is taken back (a strbuf's scratch). */
	a->cur->used = (size_t)((char *)p - sizeof(struct md_ahdr) -
	    md_ablk_space(a->cur));
	a->last = NULL;
}

static cmark_mem md_amem = { md_acalloc, md_arealloc, md_afree };

/*
 * A node for the tree being edited, from the arena: cmark-gfm links
 * only nodes of one allocator (S_can_contain), and the passes that make
 * nodes run only inside md_render().
 */
static cmark_node *
md_node_new(cmark_node_type type)
{
	return cmark_node_new_with_mem(type, &md_amem);
}

static void
md_arena_free(struct md_arena *a)
{
	struct md_ablk	*b, *next;

	for (b = a->cur; b != NULL; b = next) {
		next = b->next;
		MD_UNPOISON(md_ablk_space(b), b->size);
		free(b);
	}
	a->cur = NULL;
	a->last = NULL;
}

/* Node lists collected while iterating. */
struct md_nodes {
	cmark_node	**v;
	size_t		  len, cap;
};

/* An image the resolver published in widths, until pass 3 writes it. */
struct md_img {
	cmark_node	*node;
	char		*dest;		/* as written, for messages */
	char		*url, *srcset, *large;
	int		 width, height;
};

struct md_ctx {
	const char		*file;
	const char		*src;
	size_t			 srclen;
	int			 first_line;
	const struct md_opts	*opts;
	struct diag		*diag;
	size_t			*lines;		/* byte offset of each line, lazily */
	size_t			 nlines;
	int			 rc;
	int			 eager_done;	/* the first image written */
	/* The resolver's answer (struct md_target) and the images it
	   published in widths, in document order. */
	struct buf		 t_url, t_label, t_srcset, t_large;
	struct md_target	 tgt;
	struct md_img		*imgs;
	size_t			 nimgs, capimgs;
};

static void
md_init_once(void)
{
	size_t	 i;

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < MD_NEXT; i++)
		if ((md_exts[i] = cmark_find_syntax_extension(md_ext_names[i])) == NULL)
			xdie("cmark-gfm: extension \"%s\" not found", md_ext_names[i]);
}

void
md_init(void)
{
	pthread_once(&md_once, md_init_once);
}

static void
md_nodes_push(struct md_nodes *l, cmark_node *n)
{
	ARRAY_GROW(l->v, l->len, l->cap, 16);
	l->v[l->len++] = n;
}

/* Appends s to b with white space runs made one space (b may already hold text). */
static void
md_put_collapsed(struct buf *b, const char *s)
{
	const char	*e;

	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (b->len > 0 && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
			s++;
			continue;
		}
		/* A run of other bytes goes in at once. */
		for (e = s + 1; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != '\n' && *e != '\r'; e++)
			continue;
		buf_put(b, s, (size_t)(e - s));
		s = e;
	}
}

/* A soft or hard break, or a <br>: a new line, or one space. */
static void
md_text_break(struct buf *b, int lines)
{
	if (lines)
		buf_putc(b, '\n');
	else
		md_put_collapsed(b, " ");
}

/*
 * The one plain-text walk (see markdown.h).  ENTER events only: text and
 * code literals, breaks, a <br>; with MD_TEXT_LINES, also the starts of
 * blocks and list items.  HTML is markup; a footnote reference's label
 * is not text.
 */
void
md_text(struct buf *b, cmark_node *root, int flags)
{
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n;
	const char	*lit;
	size_t		 start = b->len;
	int		 lines = (flags & MD_TEXT_LINES) != 0, fresh = 0;

	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) == NULL)
				break;
			if (lines)
				buf_puts(b, lit);
			else
				md_put_collapsed(b, lit);
			fresh = 0;
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			md_text_break(b, lines);
			break;
		case CMARK_NODE_HTML_INLINE:
			if (md_is_br(cmark_node_get_literal(n)))
				md_text_break(b, lines);
			break;
		case CMARK_NODE_ITEM:
			if (!lines || n == root)
				break;
			if (b->len > start)
				buf_putc(b, '\n');
			buf_puts(b, "- ");
			fresh = 1;
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (!lines)
				break;
			if (n != root && !fresh && b->len > start &&
			    b->data[b->len - 1] != '\n')
				buf_putc(b, '\n');
			fresh = 0;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (!lines && b->len > start && b->data[b->len - 1] == ' ')
		buf_truncate(b, b->len - 1);
}

/* Plain text of a subtree: text, code and alt text, no markup. */
static char *
md_plain_text(cmark_node *root)
{
	struct buf	 b = BUF_INIT;

	md_text(&b, root, 0);
	return buf_detach(&b);
}

/*
 * Site-relative destinations go to the resolver.  "#x" points into this
 * page and "//host/x" is another site (no scheme, but not a path here).
 */
static int
md_needs_resolve(const char *u)
{
	if (u[0] == '\0' || u[0] == '#')
		return 0;
	if (u[0] == '/' && u[1] == '/')
		return 0;
	return url_scheme_len(u) == 0 || url_is_drive_path(u);
}

static void
md_index_lines(struct md_ctx *c)
{
	size_t	 i, cap = 0;

	c->lines = NULL;
	c->nlines = 0;
	ARRAY_GROW(c->lines, c->nlines, cap, 64);
	c->lines[c->nlines++] = 0;
	for (i = 0; i < c->srclen; i++) {
		/* cmark ends lines at \n, \r\n and a lone \r. */
		if (c->src[i] == '\r' && i + 1 < c->srclen && c->src[i + 1] == '\n')
			i++;
		else if (c->src[i] != '\n' && c->src[i] != '\r')
			continue;
		ARRAY_GROW(c->lines, c->nlines, cap, 64);
		c->lines[c->nlines++] = i + 1;
	}
}

/*
 * Source position of a node for messages.  cmark 0.29.0.gfm.6 does give
 * inline nodes (links, images) their own line and byte column; only
 * nodes without one (0) fall back to the enclosing block, column 1.  The
 * byte column is turned into a character column, which is what editors
 * count on a Vietnamese line.
 */
static void
md_position(struct md_ctx *c, cmark_node *n, int *line, int *col)
{
	cmark_node	*p;
	size_t		 start, end, i, bytes;
	int		 l, bc, chars;

	for (p = n; p != NULL && cmark_node_get_start_line(p) <= 0;
	    p = cmark_node_parent(p))
		continue;
	if (p == NULL) {
		*line = c->first_line;
		*col = 0;
		return;
	}
	l = cmark_node_get_start_line(p);
	bc = p == n ? cmark_node_get_start_column(p) : 1;
	*line = l + c->first_line - 1;
	*col = bc;
	if (bc <= 1)
		return;
	if (c->lines == NULL)
		md_index_lines(c);
	if ((size_t)l > c->nlines)
		return;
	start = c->lines[l - 1];
	end = (size_t)l < c->nlines ? c->lines[l] : c->srclen;
	bytes = (size_t)bc - 1;
	if (bytes > end - start)
		bytes = end - start;
	for (chars = 0, i = start; i < start + bytes; i++)
		if (((unsigned char)c->src[i] & 0xC0) != 0x80)
			chars++;
	*col = chars + 1;
}

static void
md_warn_unsafe(struct md_ctx *c, cmark_node *n, const char *url, int is_image)
{
	const char	*name, *p;
	int		 line, col;

	md_position(c, n, &line, &col);
	if (strncasecmp(url, "file:", 5) == 0) {
		for (name = p = url + 5; *p != '\0'; p++)
			if (*p == '/' || *p == '\\')
				name = p + 1;
		/* Word's or Explorer's copied path: not a danger, a slip. */
		diag_warn(c->diag, c->file, line, col,
		    "%s “%s” trỏ tới một tệp trên máy tính của người soạn, "
		    "người đọc không mở được nên %s; hãy chép tệp vào thư "
		    "mục của bài rồi ghi tên tệp, ví dụ %s(%s)",
		    is_image ? "ảnh" : "liên kết", url,
		    is_image ? "chỉ còn lại phần mô tả" : "liên kết đã bị bỏ",
		    is_image ? "![mô tả]" : "[tên]", name[0] != '\0' ? name :
		    is_image ? "ten-tep.jpg" : "ten-tep.pdf");
		return;
	}
	if (is_image)
		diag_warn(c->diag, c->file, line, col,
		    "ảnh có địa chỉ không an toàn “%s” nên chỉ còn lại "
		    "phần mô tả; hãy trỏ tới một tệp ảnh bằng đường dẫn "
		    "tương đối hoặc địa chỉ https://", url);
	else
		diag_warn(c->diag, c->file, line, col,
		    "liên kết có địa chỉ không an toàn “%s” đã bị bỏ; "
		    "hãy dùng địa chỉ https:// hoặc đường dẫn tương đối", url);
}

static int
md_in_image(cmark_node *n)
{
	while ((n = cmark_node_parent(n)) != NULL)
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE)
			return 1;
	return 0;
}

static void
md_target_reset(struct md_ctx *c)
{
	buf_reset(&c->t_url);
	buf_reset(&c->t_label);
	buf_reset(&c->t_srcset);
	buf_reset(&c->t_large);
	c->tgt.url = &c->t_url;
	c->tgt.label = &c->t_label;
	c->tgt.srcset = &c->t_srcset;
	c->tgt.large = &c->t_large;
	c->tgt.width = c->tgt.height = 0;
}

/* " (PDF, 1,2 MB)" after a link to a file. */
static void
md_put_label(cmark_node *link, struct buf *label)
{
	struct buf	 b = BUF_INIT;
	cmark_node	*h;

	buf_puts(&b, " <span class=\"tep\">(");
	escape_html(&b, label->data, label->len);
	buf_puts(&b, ")</span>");
	h = md_node_new(CMARK_NODE_HTML_INLINE);
	cmark_node_set_literal(h, buf_cstr(&b));
	if (!cmark_node_insert_after(link, h))
		cmark_node_free(h);
	buf_free(&b);
}

/* Checks, resolves and rewrites the destination of one link or image. */
static void
md_fix_link(struct md_ctx *c, cmark_node *n)
{
	struct md_img	*m;
	const char	*url;
	char		*dest;
	int		 is_image, line, col, safe;

	is_image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
	if ((url = cmark_node_get_url(n)) == NULL)
		return;
	if (!url_is_safe(url) && !url_is_drive_path(url)) {
		md_warn_unsafe(c, n, url, is_image);
		cmark_node_set_url(n, "");
		return;
	}
	if (c->opts->resolve == NULL || !md_needs_resolve(url))
		return;
	md_position(c, n, &line, &col);
	md_target_reset(c);
	if (c->opts->resolve(c->opts->resolve_arg, url, is_image, line, col,
	    &c->tgt, c->diag) == -1) {
		c->rc = -1;	/* keep going: report every bad link */
		return;
	}
	/* The resolver is trusted, but the output must stay safe whatever it does. */
	safe = url_is_safe(buf_cstr(&c->t_url)) &&
	    url_is_safe(buf_cstr(&c->t_large));
	dest = xstrdup(url);	/* set_url frees url */
	cmark_node_set_url(n, safe ? buf_cstr(&c->t_url) : "");
	if (!safe) {
		free(dest);
		return;
	}
	if (!is_image && c->t_label.len > 0)
		md_put_label(n, &c->t_label);
	/* Not one inside another's alt text: that one is text. */
	if (is_image && c->t_srcset.len > 0 && c->tgt.width > 0 &&
	    c->tgt.height > 0 && !md_in_image(n)) {
		ARRAY_GROW(c->imgs, c->nimgs, c->capimgs, 8);
		m = &c->imgs[c->nimgs++];
		m->node = n;
		m->dest = dest;
		dest = NULL;
		m->url = xstrdup(buf_cstr(&c->t_url));
		m->srcset = xstrdup(buf_cstr(&c->t_srcset));
		m->large = xstrdup(c->t_large.len > 0 ? buf_cstr(&c->t_large) :
		    m->url);
		m->width = c->tgt.width;
		m->height = c->tgt.height;
	}
	free(dest);
}

/* Removes raw HTML; a paragraph left with nothing in it goes too. */
int
md_is_br(const char *html)
{
	const char	*p = html;

	if (p == NULL || strncasecmp(p, "<br", 3) != 0)
		return 0;
	p += 3;
	p += strspn(p, " \t\r\n");
	if (*p == '/')
		p++;
	p += strspn(p, " \t\r\n");
	return p[0] == '>' && p[1] == '\0';
}

/*
 * Safe mode keeps one tag: a plain <br> (in a table cell, where Markdown
 * has no other line break) is written as "<br />" whatever its spelling.
 * It stays an inline HTML node (a table cell may not hold a LINEBREAK
 * node) whose text is ours.  Attributes make it author HTML, dropped as
 * any other.
 */
static void
md_br_to_break(cmark_node *n)
{
	cmark_node_set_literal(n, "<br />");
}

static void
md_drop_html(cmark_node *n)
{
	cmark_node	*parent = cmark_node_parent(n);

	cmark_node_unlink(n);
	cmark_node_free(n);
	if (parent != NULL && cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_first_child(parent) == NULL) {
		cmark_node_unlink(parent);
		cmark_node_free(parent);
	}
}

/*
 * A <strong> directly inside another adds nothing; cmark-gfm 0.29.0.gfm.10
 * and later render only the outer one ("____x____", "**a **b** c**"), older
 * ones both.  Its children take its place, so that every version writes one.
 */
static void
md_unwrap(cmark_node *n)
{
	cmark_node	*k;

	while ((k = cmark_node_first_child(n)) != NULL)
		cmark_node_insert_before(n, k);	/* unlinks k from n */
	cmark_node_unlink(n);
	cmark_node_free(n);
}

/*
 * <img src=""> is invalid HTML5 and shows a broken image: an image whose
 * URL is empty (dropped as unsafe, or never given) is replaced by its alt
 * text, as a browser would show it.
 */
static void
md_image_to_text(cmark_node *img)
{
	cmark_node	*t;
	char		*alt;

	alt = md_plain_text(img);
	t = md_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, alt);
	free(alt);
	if (!cmark_node_replace(img, t)) {
		cmark_node_free(t);
		return;
	}
	cmark_node_free(img);
}

/* Pass 1: links, images and raw HTML. */
static void
md_pass_links(struct md_ctx *c, cmark_node *doc)
{
	struct md_nodes	 links = { NULL, 0, 0 }, html = { NULL, 0, 0 };
	struct md_nodes	 noimg = { NULL, 0, 0 }, strong = { NULL, 0, 0 };
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n;
	cmark_node_type	 t;
	const char	*url;
	size_t		 i;
	int		 line, col, is_image;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
			md_nodes_push(&links, n);
		else if ((t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) &&
		    !c->opts->unsafe)
			md_nodes_push(&html, n);
		else if (t == CMARK_NODE_STRONG &&
		    cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_STRONG)
			md_nodes_push(&strong, n);
	}
	cmark_iter_free(it);

	for (i = 0; i < links.len; i++) {
		n = links.v[i];
		is_image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
		url = cmark_node_get_url(n);
		if (is_image && (url == NULL || url[0] == '\0')) {
			md_position(c, n, &line, &col);
			diag_warn(c->diag, c->file, line, col,
			    "ảnh không có địa chỉ nên chỉ còn lại phần mô tả; "
			    "hãy ghi đường dẫn tới tệp ảnh trong ngoặc tròn, "
			    "ví dụ ![mô tả](anh.png)");
		} else
			md_fix_link(c, n);
		url = cmark_node_get_url(n);
		if (is_image && (url == NULL || url[0] == '\0'))
			md_nodes_push(&noimg, n);
	}
	/* HTML nodes are leaves: freeing one frees no other collected node. */
	for (i = 0; i < html.len; i++)
		if (cmark_node_get_type(html.v[i]) == CMARK_NODE_HTML_INLINE &&
		    md_is_br(cmark_node_get_literal(html.v[i])))
			md_br_to_break(html.v[i]);
		else
			md_drop_html(html.v[i]);
	/*
	 * Before the images: an image's alt text may hold them, and replacing
	 * the image frees it.  Unwrapping frees only the node itself.
	 */
	for (i = 0; i < strong.len; i++)
		md_unwrap(strong.v[i]);
	/*
	 * Last, and innermost first: an image's alt text may hold raw HTML
	 * (dropped above) or another image, which replacing it would free.
	 */
	for (i = noimg.len; i > 0; i--)
		md_image_to_text(noimg.v[i - 1]);

	free(links.v);
	free(html.v);
	free(noimg.v);
	free(strong.v);
}

static int
md_id_taken(struct md_result *r, size_t n, const char *id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(r->toc[i].id, id) == 0)
			return 1;
	return 0;
}

/* The id of heading number `ordinal` (1-based), unique among r->toc[0..ordinal-1). */
static char *
md_heading_id(struct md_result *r, size_t ordinal, const char *text)
{
	char	*base, *id;
	int	 k;

	base = slug_make(text, strlen(text));
	if (base[0] == '\0') {
		free(base);
		base = xasprintf("muc-%zu", ordinal);
	}
	if (!md_id_taken(r, ordinal - 1, base))
		return base;
	for (k = 2;; k++) {
		id = xasprintf("%s-%d", base, k);
		if (!md_id_taken(r, ordinal - 1, id))
			break;
		free(id);
	}
	free(base);
	return id;
}

/* Replaces the heading by an HTML block "<hN id=...>inline HTML</hN>". */
static void
md_heading_html(cmark_node *h, const char *id, cmark_llist *exts)
{
	struct buf	 b = BUF_INIT;
	cmark_node	*blk;
	char		*html;
	size_t		 gt;

	/* h may be in md_render()'s arena: the HTML is not. */
	html = cmark_render_html_with_mem(h, MD_RENDER_OPTS, exts,
	    cmark_get_default_mem_allocator());
	/* "<h2>...": the id goes before the first '>'. */
	gt = strcspn(html, ">");
	buf_put(&b, html, gt);
	buf_puts(&b, " id=\"");
	escape_attr(&b, id, strlen(id));
	buf_putc(&b, '"');
	buf_puts(&b, html + gt);
	free(html);

	blk = md_node_new(CMARK_NODE_HTML_BLOCK);
	cmark_node_set_literal(blk, buf_cstr(&b));
	buf_free(&b);
	if (!cmark_node_replace(h, blk)) {
		cmark_node_free(blk);
		return;
	}
	cmark_node_free(h);
}

/*
 * A wide table must scroll on a 320 px phone, and a scrolling region must
 * be reachable by keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"),
 * so each table sits in a labelled, focusable wrapper.
 */
static void
md_wrap_table(cmark_node *table, size_t n)
{
	cmark_node	*open, *close;
	char		*html;

	open = md_node_new(CMARK_NODE_HTML_BLOCK);
	html = xasprintf("<div class=\"bang\" role=\"region\" "
	    "aria-label=\"Bảng %zu\" tabindex=\"0\">", n);
	cmark_node_set_literal(open, html);
	free(html);
	close = md_node_new(CMARK_NODE_HTML_BLOCK);
	cmark_node_set_literal(close, "</div>");
	cmark_node_insert_before(table, open);
	cmark_node_insert_after(table, close);
}

/* isdigit() and isalnum() of the C locale, without a table lookup call. */
static int
md_is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

static int
md_is_alnum(char c)
{
	return md_is_digit(c) || (unsigned char)((c | 0x20) - 'a') < 26;
}

/* Length of a document number at s ("19/KH-UBND"), or 0. */
static size_t
md_docnum(const char *s)
{
	size_t	 i = 0, j;
	int	 letter = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || s[i] != '/')
		return 0;
	for (j = i + 1; ; ) {
		unsigned char ch = (unsigned char)s[j];

		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
			letter = 1;
			j++;
		} else if ((ch >= '0' && ch <= '9') || ch == '-')
			j++;
		else if (ch == 0xC4 && ((unsigned char)s[j + 1] == 0x90 ||
		    (unsigned char)s[j + 1] == 0x91)) {
			letter = 1;	/* Đ, đ as in QĐ */
			j += 2;
		} else
			break;
	}
	while (j > i + 1 && s[j - 1] == '-')
		j--;
	return letter ? j : 0;
}

/*
 * Pass 1b: document numbers in running text become links when the site
 * has that document (the callback decides).  Text inside links and code
 * is left alone.
 */
static void
md_pass_xref(struct md_ctx *c, cmark_node *doc)
{
	struct md_nodes	 texts = { NULL, 0, 0 };
	struct buf	 url = BUF_INIT;
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n, *link, *t;
	const char	*lit;
	char		*num, *rest;
	size_t		 i, k, len;
	int		 inlink = 0;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			inlink += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		case CMARK_NODE_TEXT:
			if (inlink == 0)
				md_nodes_push(&texts, n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < texts.len; i++) {
		n = texts.v[i];
		lit = cmark_node_get_literal(n);
		for (k = 0; lit != NULL && lit[k] != '\0'; k++) {
			/* A number starts with a digit: most bytes are not. */
			if (!md_is_digit(lit[k]))
				continue;
			/* A number starts after a non-alphanumeric byte. */
			if (k > 0 && (md_is_alnum(lit[k - 1]) ||
			    lit[k - 1] == '/'))
				continue;
			if ((len = md_docnum(lit + k)) == 0)
				continue;
			num = xstrndup(lit + k, len);
			buf_reset(&url);
			if (c->opts->xref(c->opts->xref_arg, num, &url) == 1) {
				/* before | link(num) | rest, then go on in rest */
				rest = xstrdup(lit + k + len);
				t = md_node_new(CMARK_NODE_TEXT);
				cmark_node_set_literal(t, num);
				link = md_node_new(CMARK_NODE_LINK);
				cmark_node_set_url(link, buf_cstr(&url));
				cmark_node_append_child(link, t);
				if (k > 0) {
					t = md_node_new(CMARK_NODE_TEXT);
					lit = xstrndup(lit, k);
					cmark_node_set_literal(t, lit);
					free((char *)lit);
					cmark_node_insert_before(n, t);
				}
				cmark_node_insert_before(n, link);
				cmark_node_set_literal(n, rest);
				free(rest);
				lit = cmark_node_get_literal(n);
				k = (size_t)-1;	/* the loop's k++ makes it 0 */
			}
			free(num);
			if (lit == NULL || *lit == '\0')
				break;
		}
	}
	buf_free(&url);
	free(texts.v);
}

/*
 * Pass 3: images published in widths.  What `sizes` says is the theme's
 * column (style.css: .bai is 48rem wide at most; a gallery shows three
 * thumbnails a row there, two on a phone).
 */
#define MD_SIZES_BODY	"(min-width: 50rem) 48rem, 100vw"
#define MD_SIZES_GALLERY "(min-width: 50rem) 15rem, 45vw"

static void
md_img_html(struct md_ctx *c, struct buf *b, const struct md_img *m,
    const char *alt, const char *title, const char *sizes)
{
	buf_puts(b, "<img src=\"");
	escape_url(b, m->url, strlen(m->url));
	buf_puts(b, "\" srcset=\"");
	escape_attr(b, m->srcset, strlen(m->srcset));
	buf_printf(b, "\" sizes=\"%s\" width=\"%d\" height=\"%d\" alt=\"",
	    sizes, m->width, m->height);
	escape_attr(b, alt, strlen(alt));
	buf_putc(b, '"');
	if (title != NULL && *title != '\0') {
		buf_puts(b, " title=\"");
		escape_attr(b, title, strlen(title));
		buf_putc(b, '"');
	}
	if (c->opts->eager_first && !c->eager_done) {
		/* The largest paint: fetched first, shown at once. */
		buf_puts(b, " fetchpriority=\"high\">");
		c->eager_done = 1;
	} else
		buf_puts(b, " loading=\"lazy\" decoding=\"async\">");
}

static struct md_img *
md_img_of(struct md_ctx *c, cmark_node *n)
{
	size_t	 i;

	for (i = 0; i < c->nimgs; i++)
		if (c->imgs[i].node == n)
			return &c->imgs[i];
	return NULL;
}

/*
 * The number of images in paragraph p if it holds only images published
 * in widths (and the line breaks or spaces between them), else 0.
 */
static size_t
md_image_para(struct md_ctx *c, cmark_node *p)
{
	cmark_node	*k;
	const char	*lit;
	size_t		 n = 0;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return 0;
	for (k = cmark_node_first_child(p); k != NULL; k = cmark_node_next(k))
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_IMAGE:
			if (md_img_of(c, k) == NULL)
				return 0;
			n++;
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			break;
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(k);
			if (lit != NULL && lit[strspn(lit, " \t")] != '\0')
				return 0;
			break;
		default:
			return 0;
		}
	return n;
}

/* Replaces node n (a paragraph or an image) by html, block or inline. */
static void
md_replace(cmark_node *n, struct buf *html, int block)
{
	cmark_node	*h;

	h = md_node_new(block ? CMARK_NODE_HTML_BLOCK :
	    CMARK_NODE_HTML_INLINE);
	cmark_node_set_literal(h, buf_cstr(html));
	if (!cmark_node_replace(n, h)) {
		cmark_node_free(h);
		return;
	}
	cmark_node_free(n);
}

/* One image alone in its paragraph, with a title: a figure. */
static void
md_figure(struct md_ctx *c, cmark_node *para, struct md_img *m,
    const char *alt, const char *title)
{
	struct buf	 b = BUF_INIT;

	buf_puts(&b, "<figure class=\"anh\">");
	md_img_html(c, &b, m, alt, NULL, MD_SIZES_BODY);
	buf_puts(&b, "<figcaption>");
	escape_html(&b, title, strlen(title));
	buf_puts(&b, "</figcaption></figure>\n");
	md_replace(para, &b, 1);
	buf_free(&b);
}

/* Paragraphs first .. last (siblings) of images: one gallery. */
static void
md_gallery(struct md_ctx *c, cmark_node *first, cmark_node *last)
{
	struct buf	 b = BUF_INIT;
	cmark_node	*p, *k, *next, *end = cmark_node_next(last);
	struct md_img	*m;
	const char	*title;
	char		*alt;

	buf_puts(&b, "<ul class=\"thu-vien\">\n");
	for (p = first; p != end; p = cmark_node_next(p))
		for (k = cmark_node_first_child(p); k != NULL;
		    k = cmark_node_next(k)) {
			if ((m = md_img_of(c, k)) == NULL)
				continue;
			alt = md_plain_text(k);
			title = cmark_node_get_title(k);
			buf_puts(&b, "<li><figure><a href=\"");
			escape_url(&b, m->large, strlen(m->large));
			buf_puts(&b, "\">");
			md_img_html(c, &b, m, alt, NULL, MD_SIZES_GALLERY);
			buf_puts(&b, "</a>");
			if (title != NULL && *title != '\0') {
				buf_puts(&b, "<figcaption>");
				escape_html(&b, title, strlen(title));
				buf_puts(&b, "</figcaption>");
			}
			buf_puts(&b, "</figure></li>\n");
			free(alt);
			m->node = NULL;	/* freed with its paragraph below */
		}
	buf_puts(&b, "</ul>\n");
	for (p = cmark_node_next(first); p != end; p = next) {
		next = cmark_node_next(p);
		cmark_node_unlink(p);
		cmark_node_free(p);
	}
	md_replace(first, &b, 1);
	buf_free(&b);
}

static void
md_warn_alt(struct md_ctx *c, const struct md_img *m)
{
	int	 line, col;

	md_position(c, m->node, &line, &col);
	diag_warn(c->diag, c->file, line, col, "ảnh “%s” chưa có mô tả; "
	    "hãy viết một câu ngắn trong ngoặc vuông, ví dụ ![Lãnh đạo Sở "
	    "phát biểu tại hội nghị](anh.jpg), để người khiếm thị và người "
	    "đọc khi ảnh chưa tải được biết ảnh nói gì", m->dest);
}

static void
md_pass_images(struct md_ctx *c)
{
	struct md_img	*m;
	struct buf	 b = BUF_INIT;
	cmark_node	*n, *p, *last;
	const char	*title;
	char		*alt;
	size_t		 i, count;

	/* Every missing description first, in the order of the text. */
	for (i = 0; i < c->nimgs; i++) {
		alt = md_plain_text(c->imgs[i].node);
		if (*alt == '\0')
			md_warn_alt(c, &c->imgs[i]);
		free(alt);
	}
	for (i = 0; i < c->nimgs; i++) {
		m = &c->imgs[i];
		if ((n = m->node) == NULL)
			continue;	/* written with a gallery */
		p = cmark_node_parent(n);
		if ((count = md_image_para(c, p)) > 0) {
			/* Image paragraphs in a row holding two or more. */
			for (last = p; md_image_para(c, cmark_node_next(last)) >
			    0; last = cmark_node_next(last))
				count += md_image_para(c, cmark_node_next(last));
			if (count >= 2) {
				md_gallery(c, p, last);
				continue;
			}
			title = cmark_node_get_title(n);
			if (title != NULL && *title != '\0') {
				alt = md_plain_text(n);
				md_figure(c, p, m, alt, title);
				free(alt);
				m->node = NULL;
				continue;
			}
		}
		alt = md_plain_text(n);
		buf_reset(&b);
		md_img_html(c, &b, m, alt, cmark_node_get_title(n),
		    MD_SIZES_BODY);
		free(alt);
		md_replace(n, &b, 0);
		m->node = NULL;
	}
	buf_free(&b);
}

/*
 * A destination with spaces ("![x](Ảnh hội nghị.jpg)") is not a link
 * for Markdown: the page would show the brackets as text.  What looks
 * like one (a "](" in a paragraph's text, then a name with a space
 * ending in a file extension and ")") is an error at its line, with the
 * two ways to write it.  Found in the text cmark left, so a link it did
 * parse (with a title, or in <...>) is never taken for one.
 */
static int
md_ext_end(const char *s, size_t n)
{
	size_t	 i = n;

	while (i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
	    (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
	    (s[i - 1] >= '0' && s[i - 1] <= '9')))
		i--;
	return i > 0 && s[i - 1] == '.' && n - i >= 2 && n - i <= 5;
}

/*
 * Where `needle` starts in the source lines of node n: line and column,
 * and 1; -1 when it is there only after a backslash (written to show as
 * is); 0 and node n's position when it is not there as written.
 */
static int
md_find_pos(struct md_ctx *c, cmark_node *n, const char *needle, int *line,
    int *col)
{
	const char	*p, *hit, *end;
	size_t		 l, start, stop;
	int		 first = cmark_node_get_start_line(n);
	int		 last = cmark_node_get_end_line(n);
	int		 escaped = 0;

	md_position(c, n, line, col);
	if (first <= 0)
		return 0;
	if (c->lines == NULL)
		md_index_lines(c);
	for (l = (size_t)first; l <= (size_t)last && l <= c->nlines; l++) {
		start = c->lines[l - 1];
		stop = l < c->nlines ? c->lines[l] : c->srclen;
		end = c->src + stop;
		for (p = c->src + start; p < end; p++)
			if ((hit = p, strncmp(p, needle, strlen(needle)) == 0)) {
				if (p > c->src && p[-1] == '\\') {
					escaped = 1;
					continue;
				}
				*line = (int)l + c->first_line - 1;
				*col = 1;
				for (p = c->src + start; p < hit; p++)
					if (((unsigned char)*p & 0xC0) != 0x80)
						(*col)++;
				return 1;
			}
	}
	return escaped ? -1 : 0;
}

/*
 * The paragraph's text outside code: an example written in backticks
 * (`![mô tả](Ảnh hội nghị.jpg)`) is meant to show as written.  Each code
 * span leaves a \x01 so no "](" is made across it.
 */
static char *
md_prose_text(cmark_node *para)
{
	struct buf	 b = BUF_INIT;
	cmark_iter	*it;
	cmark_node	*n;
	const char	*lit;

	it = cmark_iter_new(para);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			if (cmark_iter_get_event_type(it) == CMARK_EVENT_ENTER &&
			    (lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(&b, lit);
			break;
		case CMARK_NODE_CODE:
			if (cmark_iter_get_event_type(it) == CMARK_EVENT_ENTER)
				buf_putc(&b, '\x01');
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return buf_detach(&b);
}

static void
md_check_para_spaces(struct md_ctx *c, cmark_node *para)
{
	struct buf	 needle = BUF_INIT;
	const char	*p, *close, *open;
	char		*text;
	size_t		 n;
	int		 line, col, image, found;

	text = md_prose_text(para);
	for (p = text; (p = strstr(p, "](")) != NULL; p += 2) {
		close = strchr(p + 2, ')');
		if (close == NULL)
			break;
		n = (size_t)(close - (p + 2));
		if (n == 0 || memchr(p + 2, ' ', n) == NULL || p[2] == '<' ||
		    memchr(p + 2, '"', n) != NULL)
			continue;
		/* From its "[" (or "!["): where the editor wrote it. */
		for (open = p; open > text && *open != '['; open--)
			continue;
		image = *open == '[' && open > text && open[-1] == '!';
		if (image)
			open--;
		if (*open != '[' && *open != '!')
			open = p;
		buf_reset(&needle);
		buf_put(&needle, open, (size_t)(close + 1 - open));
		/*
		 * Not as written in the source: markup in the link text, or
		 * escaped brackets (\[tên\](...), an example).  The
		 * "](address)" part tells them apart.
		 */
		if ((found = md_find_pos(c, para, buf_cstr(&needle), &line,
		    &col)) == 0) {
			buf_reset(&needle);
			buf_put(&needle, p, (size_t)(close + 1 - p));
			found = md_find_pos(c, para, buf_cstr(&needle), &line,
			    &col);
		}
		if (found != 1)
			continue;
		if (!md_ext_end(p + 2, n) || (url_scheme_len(p + 2) > 0 &&
		    !url_is_drive_path(p + 2))) {
			/* A page folder or web address: a slip, not a lost file. */
			diag_warn(c->diag, c->file, line, col, "địa chỉ “%.*s” "
			    "có dấu cách nên Markdown không hiểu đây là %s và "
			    "trang sẽ hiện nguyên văn; hãy bỏ dấu cách khỏi địa "
			    "chỉ (trong địa chỉ web, dấu cách viết là %%20) hoặc "
			    "đặt địa chỉ trong ngoặc nhọn, ví dụ %s(<%.*s>)",
			    (int)n, p + 2, image ? "ảnh" : "liên kết",
			    image ? "![mô tả]" : "[tên]", (int)n, p + 2);
			continue;
		}
		diag_err(c->diag, c->file, line, col, "tên tệp “%.*s” có dấu "
		    "cách nên Markdown không hiểu đây là %s và trang sẽ hiện "
		    "nguyên văn; hãy đặt tên tệp trong ngoặc nhọn, ví dụ "
		    "%s(<%.*s>), hoặc đổi tên tệp cho không còn dấu cách",
		    (int)n, p + 2, image ? "ảnh" : "liên kết",
		    image ? "![mô tả]" : "[tên]", (int)n, p + 2);
		c->rc = -1;
	}
	buf_free(&needle);
	free(text);
}

static void
md_pass_spaces(struct md_ctx *c, cmark_node *doc)
{
	struct md_nodes	 paras = { NULL, 0, 0 };
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n;
	size_t		 i;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
			md_nodes_push(&paras, n);
	}
	cmark_iter_free(it);
	for (i = 0; i < paras.len; i++)
		md_check_para_spaces(c, paras.v[i]);
	free(paras.v);
}

/* Pass 2: heading ids and table of contents, first paragraph. */
static void
md_pass_headings(cmark_node *doc, cmark_llist *exts, struct md_result *r)
{
	struct md_nodes	 heads = { NULL, 0, 0 }, tables = { NULL, 0, 0 };
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n;
	cmark_node_type	 t;
	size_t		 i;
	int		 in_fn = 0;
	char		*text;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_FOOTNOTE_DEFINITION) {
			in_fn += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HEADING)
			md_nodes_push(&heads, n);
		else if (strcmp(cmark_node_get_type_string(n), "table") == 0)
			md_nodes_push(&tables, n);
		else if (t == CMARK_NODE_PARAGRAPH && r->first_para == NULL &&
		    in_fn == 0) {
			/* Skip paragraphs with no text (an image without alt). */
			text = md_plain_text(n);
			if (text[0] != '\0')
				r->first_para = text;
			else
				free(text);
		}
	}
	cmark_iter_free(it);
	if (r->first_para == NULL)
		r->first_para = xstrdup("");

	r->toc = heads.len ? xreallocarray(NULL, heads.len, sizeof(*r->toc)) : NULL;
	for (i = 0; i < heads.len; i++) {
		n = heads.v[i];
		r->toc[i].level = cmark_node_get_heading_level(n);
		r->toc[i].text = md_plain_text(n);
		r->toc[i].id = md_heading_id(r, i + 1, r->toc[i].text);
		r->ntoc = i + 1;
		md_heading_html(n, r->toc[i].id, exts);
	}
	free(heads.v);
	for (i = 0; i < tables.len; i++)
		md_wrap_table(tables.v[i], i + 1);
	free(tables.v);
}

/*
 * Fixes what cmark-gfm writes that a Vietnamese HTML5 page should not
 * have: task-list checkboxes without an accessible name (axe-core rule
 * "label"; the checkbox state tells done or not, the name says what it
 * is), and the English label of footnote back-links.
 *
 * A back-link is found by what every version writes before its own
 * attributes ('" class="footnote-backref" data-footnote-backref'); what
 * follows up to the end of the tag is replaced (tag_end), whatever the
 * version put there: gfm.6 ' aria-label="Back to content"', gfm.13
 * ' data-footnote-backref-idx="1-2" aria-label="Back to reference 1-2"'.
 * Outside raw HTML, which only opts->unsafe keeps, the text can only come
 * from the renderer: it escapes '"' and '<' everywhere else.
 */
static const struct {
	const char	*from, *to;
	int		 tag_end;	/* from also covers the rest of the tag */
} md_fixups[] = {
	{ "<input type=\"checkbox\" disabled=\"\" />",
	  "<input type=\"checkbox\" disabled=\"\" aria-label=\"Hoàn thành\" />", 0 },
	{ "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
	  "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Hoàn thành\" />", 0 },
	{ "\" class=\"footnote-backref\" data-footnote-backref",
	  "\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Quay lại nội dung\">", 1 },
};

/*
 * Takes html and returns it, or a fixed copy (html then freed).  The
 * fixups are tried at each position, in table order, as a left-to-right
 * scan would; each one's next occurrence is found with strstr and only
 * searched again once the scan has passed it, so a page without any is
 * read a few times by strstr rather than byte by byte.
 */
static char *
md_fixup(char *html)
{
	enum { NFIX = sizeof(md_fixups) / sizeof(md_fixups[0]) };
	struct buf	 b = BUF_INIT;
	const char	*next[NFIX], *p, *end, *start = html;
	size_t		 i, best;

	for (i = 0; i < NFIX; i++)
		next[i] = strstr(html, md_fixups[i].from);
	for (;;) {
		best = NFIX;
		for (i = 0; i < NFIX; i++)
			if (next[i] != NULL && (best == NFIX ||
			    next[i] < next[best]))
				best = i;
		if (best == NFIX)
			break;
		p = next[best];
		end = p + strlen(md_fixups[best].from);
		if (md_fixups[best].tag_end) {
			end = strchr(end, '>');
			if (end == NULL)	/* not a tag after all: stop */
				break;
			end++;
		}
		buf_put(&b, start, (size_t)(p - start));
		buf_puts(&b, md_fixups[best].to);
		start = end;
		for (i = 0; i < NFIX; i++)
			if (next[i] != NULL && next[i] < start)
				next[i] = strstr(start, md_fixups[i].from);
	}
	if (start == html)
		return html;
	buf_puts(&b, start);
	free(html);
	return buf_detach(&b);
}

/* s reallocated to its length (to *len): a renderer's buffer grows in
   steps. */
static char *
md_compact(char *s, size_t *len)
{
	*len = strlen(s);
	return xrealloc(s, *len + 1);
}

/*
 * The blocks are parsed on any thread; the inlines (cmark_parser_finish)
 * one at a time: cmark-gfm sets its extensions' characters in a global
 * table before it parses them and clears them after, so a parse ending
 * on one thread would blind another to `~~` and autolinks.  Nothing else
 * in the parser is global; under one lock for both, the cold build's
 * bodies used 1.5 of the 2 cores.  The caller frees the parser, whose
 * extension list the HTML renderer needs.
 */
static cmark_node *
md_parse(const char *src, size_t len, cmark_mem *mem, cmark_parser **parser)
{
	cmark_node	*doc;
	size_t		 i;

	md_init();
	*parser = cmark_parser_new_with_mem(MD_PARSE_OPTS, mem);
	for (i = 0; i < MD_NEXT; i++)
		cmark_parser_attach_syntax_extension(*parser, md_exts[i]);
	cmark_parser_feed(*parser, src, len);
	pthread_mutex_lock(&md_parse_lock);
	doc = cmark_parser_finish(*parser);
	pthread_mutex_unlock(&md_parse_lock);
	return doc;
}

/* Stable (insertion) sort by line, then column: a page has few. */
static void
md_sort_msgs(struct diag *d)
{
	struct diag_msg	 m;
	size_t		 i, k;

	for (i = 1; i < d->len; i++) {
		m = d->msgs[i];
		for (k = i; k > 0 && (d->msgs[k - 1].line > m.line ||
		    (d->msgs[k - 1].line == m.line &&
		    d->msgs[k - 1].col > m.col)); k--)
			d->msgs[k] = d->msgs[k - 1];
		d->msgs[k] = m;
	}
}

static void
md_ctx_free(struct md_ctx *c)
{
	size_t	 i;

	for (i = 0; i < c->nimgs; i++) {
		free(c->imgs[i].dest);
		free(c->imgs[i].url);
		free(c->imgs[i].srcset);
		free(c->imgs[i].large);
	}
	free(c->imgs);
	buf_free(&c->t_url);
	buf_free(&c->t_label);
	buf_free(&c->t_srcset);
	buf_free(&c->t_large);
}

int
md_render(const char *file, const char *src, size_t len, int first_line,
    const struct md_opts *opts, struct md_result *res, struct diag *d)
{
	static const struct md_opts defopts = { 0, NULL, NULL, NULL, NULL, 0 };
	struct md_ctx	 c;
	struct diag	 local;
	struct md_arena	 arena = { NULL, NULL };
	cmark_parser	*parser = NULL;
	cmark_node	*doc = NULL;
	char		*html;

	memset(res, 0, sizeof(*res));
	memset(&c, 0, sizeof(c));
	c.file = file;
	c.src = src;
	c.srclen = len;
	c.first_line = first_line > 0 ? first_line : 1;
	c.opts = opts != NULL ? opts : &defopts;
	diag_init(&local);
	c.diag = &local;

	md_acur = &arena;
	doc = md_parse(src, len, &md_amem, &parser);
	md_pass_spaces(&c, doc);
	md_pass_links(&c, doc);
	if (c.opts->xref != NULL)
		md_pass_xref(&c, doc);
	md_pass_images(&c);
	md_pass_headings(doc, cmark_parser_get_syntax_extensions(parser), res);

	html = cmark_render_html_with_mem(doc, MD_RENDER_OPTS,
	    cmark_parser_get_syntax_extensions(parser),
	    cmark_get_default_mem_allocator());
	/* Kept until the pages are made: no spare capacity. */
	res->html = md_compact(md_fixup(html), &res->html_len);

	cmark_node_free(doc);
	cmark_parser_free(parser);
	md_arena_free(&arena);
	md_acur = NULL;
	free(c.lines);
	md_ctx_free(&c);
	/* The passes speak in their own order; the editor reads top down. */
	md_sort_msgs(&local);
	diag_move(d, &local);
	return c.rc;
}

cmark_node *
md_parse_doc(const char *src, size_t len)
{
	cmark_parser	*parser;
	cmark_node	*doc;

	doc = md_parse(src, len, cmark_get_default_mem_allocator(), &parser);
	cmark_parser_free(parser);
	return doc;
}

char *
md_node_text(cmark_node *n)
{
	return md_plain_text(n);
}

void
md_result_free(struct md_result *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ntoc; i++) {
		free(r->toc[i].id);
		free(r->toc[i].text);
	}
	free(r->toc);
	free(r->html);
	free(r->first_para);
	memset(r, 0, sizeof(*r));
}
