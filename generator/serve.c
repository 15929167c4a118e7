/*
 * serve.c - `cchc serve`: HTTP over libmicrohttpd, live reload over
 * Server-Sent Events, the watch-and-rebuild loop (serve.h).
 *
 * Threads: the main thread builds (preview.h) and waits on inotify and
 * on a signalfd (SIGINT and SIGTERM are blocked in every thread, so a
 * build under way always ends as a build ends: swapped in or removed);
 * libmicrohttpd answers on a thread per connection (an SSE client waits
 * on a condition variable; a slow or stuck client holds only its own
 * thread), under a connection limit and an idle timeout.
 *
 * Every request opens the output folder again by its path and walks down
 * it one name at a time with O_NOFOLLOW: write.c swaps a new tree in
 * under the same name, and no link, "..", or hidden name is followed.
 */
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "buf.h"
#include "build.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "preview.h"
#include "scan.h"
#include "serve.h"
#include "url.h"
#include "util.h"
#include "watch.h"

#define DEBOUNCE_MS	50	/* a save is several events: one build */
#define DEBOUNCE_MAX_MS	1000	/* but never wait longer than this */
#define KEEPALIVE_S	10	/* an SSE comment this often */
#define IDLE_TIMEOUT_S	30	/* a connection silent this long is closed */
#define MAX_CONNECTIONS	512
#define HTML_MAX	((size_t)64 << 20)
#define SRC_LINE_MAX	400	/* bytes of a source line in the overlay */

#define EVENTS_URL	"/__cchc/events"
#define CLIENT_URL	"/__cchc/client.js"
#define CLIENT_TAG	"<script src=\"" CLIENT_URL "\"></script>"

/* What the open pages are told: the last event, numbered. */
struct events {
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	unsigned long	 gen;		/* bumped by each event */
	const char	*name;		/* "reload", "css", "errors" */
	char		*data;		/* its JSON */
	int		 failed;	/* the last build failed: say it to
					   each new client at once */
	int		 stopping;
	char		*base;		/* base_url's path, "/cchc/" */
	/* The paths the open pages show (one per event stream, as each
	   page gave it), so that a template edit makes them first. */
	char		**viewed;
	size_t		  nviewed, capviewed;
};

struct server {
	char		*root;		/* the source, absolute */
	char		*out;		/* the preview folder, absolute */
	struct events	 ev;
};

/* One SSE client: what it has been sent. */
struct sse {
	struct server	*sv;
	unsigned long	 seen;
	struct buf	 pending;
	size_t		 off;
	char		*page;		/* in ev.viewed, or NULL */
};

static const char client_js[] =
"/* cchc serve: live reload and the error overlay (never on the site) */\n"
"(function () {\n"
"  'use strict';\n"
"  if (window.__cchcLive) return;\n"
"  window.__cchcLive = true;\n"
"  var box = null, before = null;\n"
"  function make(tag, text, css) {\n"
"    var e = document.createElement(tag);\n"
"    if (text !== undefined) e.textContent = text;\n"
"    if (css) e.style.cssText = css;\n"
"    return e;\n"
"  }\n"
"  function hide() {\n"
"    if (!box) return;\n"
"    box.remove();\n"
"    box = null;\n"
"    if (before && before.focus) before.focus();\n"
"  }\n"
"  function item(m) {\n"
"    var li = make('li', undefined, 'margin:0 0 1.25rem');\n"
"    var kind = m.level === 'error' ? 'lỗi' : 'cảnh báo';\n"
"    li.appendChild(make('p', m.where + ': ' + kind + ': ' + m.text,\n"
"        'margin:0 0 .5rem;font-weight:600'));\n"
"    if (typeof m.src === 'string') {\n"
"      var n = String(m.line), pad = n.replace(/./g, ' ');\n"
"      var caret = m.col > 0 ? Array.from(m.src).slice(0, m.col - 1)\n"
"          .map(function (c) { return c === '\\t' ? c : ' '; }).join('') + '^' : '';\n"
"      li.appendChild(make('pre', n + ' | ' + m.src + '\\n' + pad + ' | ' + caret,\n"
"          'margin:0;padding:.5rem .75rem;background:#000;color:#fff;' +\n"
"          'white-space:pre;overflow:auto;font:15px/1.4 monospace'));\n"
"    }\n"
"    return li;\n"
"  }\n"
"  function show(list) {\n"
"    hide();\n"
"    before = document.activeElement;\n"
"    var errors = list.filter(function (m) { return m.level === 'error'; });\n"
"    box = make('div', undefined, 'position:fixed;inset:0;z-index:2147483647;' +\n"
"        'overflow:auto;background:#1b1f24;color:#fff;padding:1.5rem;' +\n"
"        'font:16px/1.5 system-ui,sans-serif');\n"
"    box.id = 'cchc-loi';\n"
"    box.lang = 'vi';\n"
"    box.setAttribute('role', 'alertdialog');\n"
"    box.setAttribute('aria-modal', 'true');\n"
"    box.setAttribute('aria-labelledby', 'cchc-loi-tieu-de');\n"
"    box.setAttribute('aria-describedby', 'cchc-loi-giai-thich');\n"
"    var h = make('h2', 'Không dựng được trang: ' + errors.length + ' lỗi',\n"
"        'margin:0 0 .5rem;font-size:1.375rem;color:#ffb4ab');\n"
"    h.id = 'cchc-loi-tieu-de';\n"
"    var p = make('p', 'Đang hiện bản dựng thành công gần nhất. Hãy sửa ' +\n"
"        'các lỗi dưới đây rồi lưu tệp: trang sẽ tự tải lại.', 'margin:0 0 1rem');\n"
"    p.id = 'cchc-loi-giai-thich';\n"
"    var ul = make('ul', undefined, 'margin:0 0 1rem;padding:0;list-style:none');\n"
"    list.forEach(function (m) { ul.appendChild(item(m)); });\n"
"    var close = make('button', 'Đóng', 'font:inherit;padding:.25rem 1rem;' +\n"
"        'color:#1b1f24;background:#fff;border:2px solid #fff;border-radius:4px');\n"
"    close.type = 'button';\n"
"    close.addEventListener('click', hide);\n"
"    box.addEventListener('keydown', function (e) {\n"
"      if (e.key === 'Escape') hide();\n"
"    });\n"
"    box.append(h, p, ul, close);\n"
"    document.body.appendChild(box);\n"
"    close.focus();\n"
"  }\n"
"  function css() {\n"
"    hide();\n"
"    var stamp = String(Date.now());\n"
"    document.querySelectorAll('link[rel~=\"stylesheet\"]').forEach(function (l) {\n"
"      var u = new URL(l.href, location.href);\n"
"      u.searchParams.set('cchc', stamp);\n"
"      var n = l.cloneNode();\n"
"      n.href = u.href;\n"
"      n.addEventListener('load', function () { l.remove(); });\n"
"      n.addEventListener('error', function () { l.remove(); });\n"
"      l.after(n);\n"
"    });\n"
"  }\n"
"  var es = new EventSource('" EVENTS_URL "?page=' +\n"
"      encodeURIComponent(location.pathname));\n"
"  es.addEventListener('reload', function () { location.reload(); });\n"
"  es.addEventListener('css', css);\n"
"  es.addEventListener('errors', function (e) {\n"
"    try { show(JSON.parse(e.data)); } catch (x) { /* a bad event */ }\n"
"  });\n"
"})();\n";

static const struct {
	const char	*ext;
	const char	*type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".htm", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".webmanifest", "application/manifest+json; charset=utf-8" },
	{ ".xml", "application/xml; charset=utf-8" },
	{ ".rss", "application/rss+xml; charset=utf-8" },
	{ ".atom", "application/atom+xml; charset=utf-8" },
	{ ".xsl", "application/xslt+xml; charset=utf-8" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".md", "text/markdown; charset=utf-8" },
	{ ".csv", "text/csv; charset=utf-8" },
	{ ".svg", "image/svg+xml; charset=utf-8" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".jpeg", "image/jpeg" },
	{ ".gif", "image/gif" },
	{ ".webp", "image/webp" },
	{ ".avif", "image/avif" },
	{ ".ico", "image/x-icon" },
	{ ".pdf", "application/pdf" },
	{ ".doc", "application/msword" },
	{ ".docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document" },
	{ ".xls", "application/vnd.ms-excel" },
	{ ".xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	{ ".odt", "application/vnd.oasis.opendocument.text" },
	{ ".ods", "application/vnd.oasis.opendocument.spreadsheet" },
	{ ".zip", "application/zip" },
	{ ".woff", "font/woff" },
	{ ".woff2", "font/woff2" },
	{ ".ttf", "font/ttf" },
	{ ".otf", "font/otf" },
	{ ".mp4", "video/mp4" },
	{ ".webm", "video/webm" },
	{ ".mp3", "audio/mpeg" },
};

static const char *
content_type(const char *name)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	if (dot != NULL && strchr(dot, '/') == NULL)
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcasecmp(dot, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

static int
is_html(const char *type)
{
	return str_has_prefix(type, "text/html");
}

/* ---------- JSON and the events ---------- */

static void
json_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == '<' || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/*
 * Line `line` of the source file `file` (relative to root), for the
 * overlay's caret; NULL when it cannot be read or is not under root.
 */
static char *
source_line(const char *root, const char *file, int line)
{
	struct buf	 b = BUF_INIT;
	char		*path, *rel, *res = NULL;
	const char	*p, *end, *nl;
	int		 n;

	if (file == NULL || line < 1)
		return NULL;
	path = fs_join(root, file);
	rel = fs_under(root, path);
	if (rel != NULL && fs_read(path, (size_t)16 << 20, &b) == 0) {
		p = b.data;
		end = b.data + b.len;
		for (n = 1; n < line && p < end; n++) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				p = end;
			else
				p = nl + 1;
		}
		if (n == line && p <= end) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				nl = end;
			if (nl > p && nl[-1] == '\r')
				nl--;
			res = xstrndup(p, (size_t)(nl - p) > SRC_LINE_MAX ?
			    SRC_LINE_MAX : (size_t)(nl - p));
			/* No NUL inside: the JSON string would end there. */
			res[strlen(res)] = '\0';
		}
	}
	free(rel);
	free(path);
	buf_free(&b);
	return res;
}

/* The "errors" event's data: every message, with its source line. */
static char *
messages_json(const char *root, const struct diag *d)
{
	struct buf	 b = BUF_INIT, where = BUF_INIT;
	size_t		 i;
	char		*src;

	buf_putc(&b, '[');
	for (i = 0; i < d->len; i++) {
		const struct diag_msg *m = &d->msgs[i];

		buf_reset(&where);
		if (m->file != NULL) {
			buf_puts(&where, m->file);
			if (m->line > 0)
				buf_printf(&where, ":%d", m->line);
			if (m->line > 0 && m->col > 0)
				buf_printf(&where, ":%d", m->col);
		} else
			buf_puts(&where, "cchc");
		buf_puts(&b, i ? ",{\"level\":" : "{\"level\":");
		json_str(&b, m->level == DIAG_ERROR ? "error" : "warning");
		buf_puts(&b, ",\"where\":");
		json_str(&b, buf_cstr(&where));
		buf_puts(&b, ",\"file\":");
		json_str(&b, m->file != NULL ? m->file : "");
		buf_printf(&b, ",\"line\":%d,\"col\":%d,\"text\":", m->line,
		    m->col);
		json_str(&b, m->text);
		if ((src = source_line(root, m->file, m->line)) != NULL) {
			buf_puts(&b, ",\"src\":");
			json_str(&b, src);
			free(src);
		}
		buf_putc(&b, '}');
	}
	buf_putc(&b, ']');
	buf_free(&where);
	return buf_detach(&b);
}

/* Tells every open page (data is taken). */
static void
events_publish(struct events *ev, const char *name, char *data, int failed)
{
	pthread_mutex_lock(&ev->lock);
	free(ev->data);
	ev->name = name;
	ev->data = data;
	ev->failed = failed;
	ev->gen++;
	pthread_cond_broadcast(&ev->cond);
	pthread_mutex_unlock(&ev->lock);
}

static void
sse_event(struct buf *b, const char *name, const char *data)
{
	buf_printf(b, "event: %s\ndata: %s\n\n", name, data);
}

/* MHD asks for more of the stream: wait for an event or a keep-alive. */
static ssize_t
sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct sse	*c = cls;
	struct events	*ev = &c->sv->ev;
	struct timespec	 until;
	size_t		 n;

	(void)pos;
	if (c->off >= c->pending.len) {
		buf_reset(&c->pending);
		c->off = 0;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += KEEPALIVE_S;
		pthread_mutex_lock(&ev->lock);
		while (!ev->stopping && c->seen == ev->gen)
			if (pthread_cond_timedwait(&ev->cond, &ev->lock,
			    &until) == ETIMEDOUT)
				break;
		if (ev->stopping) {
			pthread_mutex_unlock(&ev->lock);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (c->seen != ev->gen) {
			c->seen = ev->gen;
			sse_event(&c->pending, ev->name, ev->data);
		} else
			buf_puts(&c->pending, ": còn kết nối\n\n");
		pthread_mutex_unlock(&ev->lock);
	}
	n = c->pending.len - c->off;
	if (n > max)
		n = max;
	memcpy(out, c->pending.data + c->off, n);
	c->off += n;
	return (ssize_t)n;
}

static void
sse_free(void *cls)
{
	struct sse	*c = cls;
	struct events	*ev = &c->sv->ev;
	size_t		 i;

	if (c->page != NULL) {
		pthread_mutex_lock(&ev->lock);
		for (i = 0; i < ev->nviewed; i++)
			if (ev->viewed[i] == c->page) {
				ev->viewed[i] = ev->viewed[--ev->nviewed];
				break;
			}
		pthread_mutex_unlock(&ev->lock);
		free(c->page);
	}
	buf_free(&c->pending);
	free(c);
}

/* The URL of the site a page's path names ("/cchc/tin-tuc/a/" ->
   "tin-tuc/a/"), or NULL when it is not under the site. */
static char *
viewed_url(const char *base, const char *path)
{
	size_t	 n = strlen(base);

	if (path == NULL || strncmp(path, base, n) != 0)
		return NULL;
	path += n;
	/* "…/index.html" (links: files) shows the folder's page. */
	if (str_has_suffix(path, "index.html"))
		return xstrndup(path, strlen(path) - strlen("index.html"));
	return xstrdup(path);
}

/* ---------- responses ---------- */

static void
common_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
}

static enum MHD_Result
queue(struct MHD_Connection *c, unsigned int status, struct MHD_Response *r)
{
	enum MHD_Result	 rc;

	if (r == NULL)
		return MHD_NO;
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* A short text answer (copied). */
static enum MHD_Result
reply_text(struct MHD_Connection *c, unsigned int status, const char *type,
    const char *text)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	common_headers(r, type);
	return queue(c, status, r);
}

static enum MHD_Result
reply_405(struct MHD_Connection *c)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(strlen("Chỉ nhận GET và HEAD.\n"),
	    (void *)"Chỉ nhận GET và HEAD.\n", MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	common_headers(r, "text/plain; charset=utf-8");
	MHD_add_response_header(r, "Allow", "GET, HEAD");
	return queue(c, MHD_HTTP_METHOD_NOT_ALLOWED, r);
}

static enum MHD_Result
reply_redirect(struct MHD_Connection *c, unsigned int status,
    const char *path, const char *tail)
{
	struct MHD_Response *r;
	struct buf	 loc = BUF_INIT;
	enum MHD_Result	 rc;

	url_pct_encode(&loc, path, strlen(path), URL_PCT_STRAY);
	buf_puts(&loc, tail);
	r = MHD_create_response_from_buffer(0, (void *)"",
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL) {
		buf_free(&loc);
		return MHD_NO;
	}
	common_headers(r, "text/plain; charset=utf-8");
	MHD_add_response_header(r, "Location", buf_cstr(&loc));
	rc = queue(c, status, r);
	buf_free(&loc);
	return rc;
}

static enum MHD_Result
reply_sse(struct server *sv, struct MHD_Connection *c)
{
	struct MHD_Response *r;
	struct sse	*s = xcalloc(1, sizeof(*s));

	s->sv = sv;
	buf_init(&s->pending);
	buf_puts(&s->pending, "retry: 1000\n\n");
	pthread_mutex_lock(&sv->ev.lock);
	s->seen = sv->ev.gen;
	s->page = viewed_url(sv->ev.base, MHD_lookup_connection_value(c,
	    MHD_GET_ARGUMENT_KIND, "page"));
	if (s->page != NULL) {
		ARRAY_GROW(sv->ev.viewed, sv->ev.nviewed, sv->ev.capviewed,
		    8);
		sv->ev.viewed[sv->ev.nviewed++] = s->page;
	}
	if (sv->ev.failed)
		sse_event(&s->pending, sv->ev.name, sv->ev.data);
	pthread_mutex_unlock(&sv->ev.lock);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
	    sse_read, s, sse_free);
	if (r == NULL) {
		sse_free(s);
		return MHD_NO;
	}
	common_headers(r, "text/event-stream; charset=utf-8");
	return queue(c, MHD_HTTP_OK, r);
}

/* ---------- files of the output ---------- */

enum found {
	FOUND_FILE,		/* *fd is a regular file */
	FOUND_DIR_NOSLASH,	/* a folder asked for without its '/' */
	FOUND_NONE
};

/*
 * rel ("tin-tuc/a/", "style.css"; decoded once) under the folder out,
 * one name at a time, never through a link, "..", "." or a hidden name.
 * A folder stands for its index.html.
 */
static enum found
open_under(const char *out, const char *rel, int *fd, struct stat *st)
{
	enum found	 res = FOUND_NONE;
	const unsigned char *u;
	char		*copy, *seg, *slash;
	int		 dir, f;

	*fd = -1;
	for (u = (const unsigned char *)rel; *u != '\0'; u++)
		if (*u < 0x20 || *u == 0x7f || *u == '\\')
			return FOUND_NONE;
	if ((dir = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return FOUND_NONE;
	copy = xstrdup(rel);
	for (seg = copy; ; seg = slash + 1) {
		slash = strchr(seg, '/');
		if (slash != NULL)
			*slash = '\0';
		if (*seg == '\0') {
			/* The end of "a/b/" or the root itself. */
			if (slash != NULL)
				break;
			seg = (char *)"index.html";
		} else if (*seg == '.')
			break;
		if (slash == NULL) {
			f = openat(dir, seg, O_RDONLY | O_NOFOLLOW |
			    O_CLOEXEC | O_NONBLOCK);
			if (f == -1 || fstat(f, st) == -1) {
				if (f != -1)
					close(f);
				break;
			}
			if (S_ISREG(st->st_mode)) {
				*fd = f;
				res = FOUND_FILE;
			} else {
				close(f);
				if (S_ISDIR(st->st_mode) &&
				    strcmp(seg, "index.html") != 0)
					res = FOUND_DIR_NOSLASH;
			}
			break;
		}
		f = openat(dir, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		close(dir);
		if ((dir = f) == -1)
			break;
	}
	if (dir != -1)
		close(dir);
	free(copy);
	return res;
}

/* An HTML file with the client script before its last </body>. */
static char *
read_injected(int fd, size_t size, size_t *len)
{
	struct buf	 b = BUF_INIT;
	const char	*at = NULL, *p;
	size_t		 cut, got = 0;
	ssize_t		 n;

	if (size > HTML_MAX)
		return NULL;
	buf_grow(&b, size + sizeof(CLIENT_TAG) + 1);
	while (got < size && (n = read(fd, b.data + got, size - got)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			buf_free(&b);
			return NULL;
		}
		got += (size_t)n;
	}
	b.len = got;
	for (p = b.data; p + 7 <= b.data + b.len; p++)
		if (strncasecmp(p, "</body>", 7) == 0)
			at = p;
	cut = at != NULL ? (size_t)(at - b.data) : b.len;
	memmove(b.data + cut + strlen(CLIENT_TAG), b.data + cut, b.len - cut);
	memcpy(b.data + cut, CLIENT_TAG, strlen(CLIENT_TAG));
	b.len += strlen(CLIENT_TAG);
	*len = b.len;
	return buf_detach(&b);
}

/* Does If-None-Match name this ETag? */
static int
etag_matches(struct MHD_Connection *c, const char *etag)
{
	const char	*inm;

	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm == NULL)
		return 0;
	return strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL;
}

/* The file fd (taken) with status; HTML gets the client script. */
static enum MHD_Result
reply_fd(struct MHD_Connection *c, unsigned int status, int fd,
    const struct stat *st, const char *name)
{
	struct MHD_Response *r;
	const char	*type = content_type(name);
	char		 etag[96], *html;
	size_t		 len;

	snprintf(etag, sizeof(etag), "\"%llx-%llx-%llx.%lx%s\"",
	    (unsigned long long)st->st_ino, (unsigned long long)st->st_size,
	    (unsigned long long)st->st_mtim.tv_sec,
	    (unsigned long)st->st_mtim.tv_nsec, is_html(type) ? "-l" : "");
	if (status == MHD_HTTP_OK && etag_matches(c, etag)) {
		close(fd);
		r = MHD_create_response_from_buffer(0, (void *)"",
		    MHD_RESPMEM_PERSISTENT);
		if (r == NULL)
			return MHD_NO;
		MHD_add_response_header(r, "ETag", etag);
		MHD_add_response_header(r, "Cache-Control", "no-cache");
		return queue(c, MHD_HTTP_NOT_MODIFIED, r);
	}
	if (is_html(type)) {
		html = read_injected(fd, (size_t)st->st_size, &len);
		close(fd);
		if (html == NULL)
			return reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
			    "text/plain; charset=utf-8",
			    "Không đọc được tệp.\n");
		r = MHD_create_response_from_buffer(len, html,
		    MHD_RESPMEM_MUST_FREE);
		if (r == NULL)
			free(html);
	} else {
		r = MHD_create_response_from_fd((size_t)st->st_size, fd);
		if (r == NULL)
			close(fd);
	}
	if (r == NULL)
		return MHD_NO;
	common_headers(r, type);
	if (status == MHD_HTTP_OK)
		MHD_add_response_header(r, "ETag", etag);
	return queue(c, status, r);
}

/* The site's 404 page, with status 404. */
static enum MHD_Result
reply_404(struct server *sv, struct MHD_Connection *c)
{
	struct stat	 st;
	int		 fd;

	if (open_under(sv->out, "404.html", &fd, &st) == FOUND_FILE)
		return reply_fd(c, MHD_HTTP_NOT_FOUND, fd, &st, "404.html");
	return reply_text(c, MHD_HTTP_NOT_FOUND, "text/plain; charset=utf-8",
	    "Không tìm thấy trang (bản xem trước chưa dựng xong?).\n");
}

static enum MHD_Result
reply_file(struct server *sv, struct MHD_Connection *c, const char *url)
{
	struct stat	 st;
	char		*base;
	size_t		 n;
	int		 fd;
	enum MHD_Result	 rc;

	pthread_mutex_lock(&sv->ev.lock);
	base = xstrdup(sv->ev.base);
	pthread_mutex_unlock(&sv->ev.lock);
	n = strlen(base);
	if (strncmp(url, base, n) != 0) {
		/* "/" and "/cchc" lead to the site. */
		if (strcmp(url, "/") == 0 || (strlen(url) + 1 == n &&
		    strncmp(url, base, n - 1) == 0))
			rc = reply_redirect(c, MHD_HTTP_FOUND, base, "");
		else
			rc = reply_404(sv, c);
		free(base);
		return rc;
	}
	free(base);
	switch (open_under(sv->out, url + n, &fd, &st)) {
	case FOUND_FILE:
		return reply_fd(c, MHD_HTTP_OK, fd, &st, url[strlen(url) - 1]
		    == '/' ? "index.html" : url);
	case FOUND_DIR_NOSLASH:
		return reply_redirect(c, MHD_HTTP_MOVED_PERMANENTLY, url, "/");
	default:
		return reply_404(sv, c);
	}
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct server	*sv = cls;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)con_cls;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return reply_405(c);
	if (url[0] != '/')
		return reply_404(sv, c);
	if (strcmp(url, EVENTS_URL) == 0)
		return reply_sse(sv, c);
	if (strcmp(url, CLIENT_URL) == 0)
		return reply_text(c, MHD_HTTP_OK,
		    "text/javascript; charset=utf-8", client_js);
	return reply_file(sv, c, url);
}

static int
hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * The URL decoded once, in place.  A "%00" would cut the path short
 * ("a.html%00.jpg"): it becomes a control byte, which open_under()
 * refuses.
 */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char	*r = s, *w = s;
	int	 hi, lo;

	(void)cls;
	(void)c;
	while (*r != '\0') {
		if (r[0] == '%' && (hi = hexval((unsigned char)r[1])) >= 0 &&
		    (lo = hexval((unsigned char)r[2])) >= 0) {
			*w = (char)(hi * 16 + lo);
			if (*w == '\0')
				*w = '\x01';
			w++;
			r += 3;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* ---------- the daemon ---------- */

static struct MHD_Daemon *
start_http(struct server *sv, const char *bind_addr, unsigned port,
    unsigned *bound)
{
	struct sockaddr_in	 a4;
	struct sockaddr_in6	 a6;
	struct sockaddr		*sa;
	struct MHD_Daemon	*d;
	const union MHD_DaemonInfo *info;
	unsigned int		 flags = MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO;

	memset(&a4, 0, sizeof(a4));
	memset(&a6, 0, sizeof(a6));
	if (inet_pton(AF_INET, bind_addr, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a4;
	} else if (inet_pton(AF_INET6, bind_addr, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	} else
		return NULL;
	d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, sv,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)MAX_CONNECTIONS,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)IDLE_TIMEOUT_S,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
	    MHD_OPTION_THREAD_STACK_SIZE, (size_t)1 << 20,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape, (void *)NULL,
	    MHD_OPTION_END);
	if (d == NULL)
		return NULL;
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	*bound = info != NULL && info->port != 0 ? info->port : port;
	return d;
}

/* base_url's path from site.yaml, when it reads (else kept). */
static void
read_base(struct server *sv)
{
	struct site_config	 cfg;
	struct diag		 d;
	char			*path = fs_join(sv->root, "site.yaml");

	memset(&cfg, 0, sizeof(cfg));
	diag_init(&d);
	if (config_load(path, "site.yaml", NULL, &cfg, &d) == 0 &&
	    cfg.base_path != NULL && cfg.base_path[0] == '/') {
		pthread_mutex_lock(&sv->ev.lock);
		free(sv->ev.base);
		sv->ev.base = xstrdup(cfg.base_path);
		pthread_mutex_unlock(&sv->ev.lock);
	}
	config_free(&cfg);
	diag_free(&d);
	free(path);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One update of the preview, told to the pages and on the terminal. */
static void
rebuild(struct server *sv, struct preview *pv, struct strlist *changed,
    int all)
{
	struct preview_result	 res;
	struct strlist		 viewed = { NULL, 0, 0 };
	size_t			 i, k = 0;

	/* Each path once (a save is several events). */
	if (changed->len > 1)
		qsort(changed->v, changed->len, sizeof(*changed->v), path_cmp);
	for (i = 0; i < changed->len; i++)
		if (k == 0 || strcmp(changed->v[k - 1], changed->v[i]) != 0)
			changed->v[k++] = changed->v[i];
		else
			free(changed->v[i]);
	changed->len = k;
	/* What the open pages show, as they are now. */
	pthread_mutex_lock(&sv->ev.lock);
	viewed.len = 0;
	for (i = 0; i < sv->ev.nviewed; i++) {
		ARRAY_GROW(viewed.v, viewed.len, viewed.cap, 8);
		viewed.v[viewed.len++] = xstrdup(sv->ev.viewed[i]);
	}
	pthread_mutex_unlock(&sv->ev.lock);
	preview_update(pv, (const char *const *)changed->v, all ? 0 :
	    changed->len, (const char *const *)viewed.v, viewed.len, &res);
	for (i = 0; i < viewed.len; i++)
		free(viewed.v[i]);
	free(viewed.v);
	read_base(sv);
	if (res.ok && res.pending) {
		/* The pages shown are ready: they reload while the rest of
		   the site is made. */
		events_publish(&sv->ev, "reload", xstrdup("{}"), 0);
		fprintf(stderr, "cchc: đã dựng lại các trang đang xem sau "
		    "%.0f ms; đang dựng lại các trang khác\n", res.ms);
		fflush(stderr);
		preview_result_free(&res);
		if (preview_finish(pv, &res) == 0) {
			fprintf(stderr, "cchc: đã dựng lại các trang khác sau "
			    "%.0f ms\n", res.ms);
			goto done;
		}
	}
	if (res.ok) {
		events_publish(&sv->ev, res.reload == PREVIEW_CSS ? "css" :
		    "reload", xstrdup("{}"), 0);
		if (all && changed->len == 0)
			fprintf(stderr, "cchc: đã dựng bản xem trước sau "
			    "%.0f ms\n", res.ms);
		else
			fprintf(stderr, "cchc: đã dựng lại sau %.0f ms (%zu "
			    "tệp thay đổi)%s\n", res.ms, changed->len,
			    res.reload == PREVIEW_CSS ?
			    "; chỉ thay kiểu trình bày" : "");
	} else {
		events_publish(&sv->ev, "errors", messages_json(sv->root,
		    &res.msgs), 1);
		fprintf(stderr, "cchc: dựng lại không được (%zu lỗi); trình "
		    "duyệt vẫn hiện bản trước và báo lỗi\n", res.msgs.errors);
	}
done:
	fflush(stderr);
	preview_result_free(&res);
}

/*
 * Gathers the changes of one save: events until DEBOUNCE_MS pass
 * without one.  1 when a signal came meanwhile.
 */
static int
gather(struct watch *w, int sfd, struct strlist *changed, int *all)
{
	struct pollfd	 p[2];
	struct timespec	 t0, t;
	long		 waited;
	int		 n;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (watch_read(w, changed, all) == -1)
			*all = 1;
		p[0].fd = watch_fd(w);
		p[0].events = POLLIN;
		p[1].fd = sfd;
		p[1].events = POLLIN;
		n = poll(p, 2, DEBOUNCE_MS);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		if (p[1].revents != 0)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &t);
		waited = (t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (waited > DEBOUNCE_MAX_MS) {
			watch_read(w, changed, all);
			return 0;
		}
	}
}

/* Until SIGINT or SIGTERM: 0, or -1 when the watch fails. */
static int
serve_loop(struct server *sv, struct preview *pv, struct watch *w, int sfd)
{
	struct strlist	 changed;
	struct pollfd	 p[2];
	int		 n, all, stop;

	for (;;) {
		p[0].fd = watch_fd(w);
		p[0].events = POLLIN;
		p[1].fd = sfd;
		p[1].events = POLLIN;
		n = poll(p, 2, -1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (p[1].revents != 0)
			return 0;
		memset(&changed, 0, sizeof(changed));
		all = 0;
		stop = gather(w, sfd, &changed, &all);
		if (!stop && (changed.len > 0 || all))
			rebuild(sv, pv, &changed, all);
		strlist_free(&changed);
		if (stop)
			return 0;
	}
}

/* ---------- the command ---------- */

struct serve_opts {
	struct build_opts	 b;
	const char		*bind;
	unsigned		 port;
};


static int
parse_num(const char *v, long lo, long hi, long *out)
{
	char	*end;

	errno = 0;
	*out = strtol(v, &end, 10);
	return errno == 0 && end != v && *end == '\0' && *out >= lo &&
	    *out <= hi ? 0 : -1;
}

/* One option a with its value v. */
static int
serve_opt(struct serve_opts *o, const char *a, const char *v)
{
	struct in6_addr	 a6;
	struct in_addr	 a4;
	struct cdate	 d;
	long		 n;

	if (strcmp(a, "--source") == 0)
		o->b.source = v;
	else if (strcmp(a, "--port") == 0) {
		if (parse_num(v, 0, 65535, &n) == -1)
			return cli_usage("serve", "--port cần một số từ 0 đến 65535 "
			    "(0: một cổng còn trống), không phải “%s”", v);
		o->port = (unsigned)n;
	} else if (strcmp(a, "--bind") == 0) {
		if (inet_pton(AF_INET, v, &a4) != 1 &&
		    inet_pton(AF_INET6, v, &a6) != 1)
			return cli_usage("serve", "--bind cần một địa chỉ IP như "
			    "127.0.0.1 hoặc ::1, không phải “%s”", v);
		o->bind = v;
	} else if (strcmp(a, "--today") == 0) {
		if (date_parse_ymd(v, &d) == -1)
			return cli_today_usage("serve", v);
		o->b.today = v;
	} else if (strcmp(a, "--jobs") == 0) {
		if (parse_num(v, 1, 256, &n) == -1)
			return cli_usage("serve", "--jobs cần một số từ 1 đến 256, "
			    "không phải “%s”", v);
		o->b.jobs = (int)n;
	} else
		return cli_usage("serve", "không hiểu tùy chọn “%s”", a);
	return 0;
}

static int
serve_args(struct serve_opts *o, int argc, char **argv)
{
	int	 i, rc;

	memset(o, 0, sizeof(*o));
	o->b.source = ".";
	o->bind = "127.0.0.1";
	o->port = 1313;
	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0)
			return cli_usage("serve", "không hiểu tùy chọn “%s”", argv[i]);
		if (i + 1 >= argc)
			return cli_usage("serve", "tùy chọn %s cần một giá trị",
			    argv[i]);
		if (*argv[i + 1] == '\0')
			return cli_usage("serve", "giá trị của %s không được để "
			    "trống", argv[i]);
		if ((rc = serve_opt(o, argv[i], argv[i + 1])) != 0)
			return rc;
		i++;
	}
	return 0;
}

/* SIGINT and SIGTERM blocked in every thread, read from a signalfd. */
static int
signals_fd(void)
{
	sigset_t	 set;

	signal(SIGPIPE, SIG_IGN);
	/* A shell starts a background job with them ignored. */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static void
server_free(struct server *sv)
{
	free(sv->root);
	free(sv->out);
	free(sv->ev.data);
	free(sv->ev.base);
	free(sv->ev.viewed);
	pthread_mutex_destroy(&sv->ev.lock);
	pthread_cond_destroy(&sv->ev.cond);
}

/* The server's folders: the source and its preview folder. */
static int
server_init(struct server *sv, const char *source)
{
	char	*cache, *real;

	memset(sv, 0, sizeof(*sv));
	pthread_mutex_init(&sv->ev.lock, NULL);
	pthread_cond_init(&sv->ev.cond, NULL);
	sv->ev.name = "reload";
	sv->ev.data = xstrdup("{}");
	sv->ev.base = xstrdup("/");
	if ((real = realpath(source, NULL)) == NULL || !fs_is_dir(real)) {
		fprintf(stderr, "cchc: không có thư mục nguồn “%s”; kiểm tra "
		    "--source\n", source);
		free(real);
		return -1;
	}
	sv->root = real;
	cache = fs_join(real, ".cchc-cache");
	sv->out = fs_join(cache, "preview");
	if (fs_mkdirs(cache) == -1) {
		fprintf(stderr, "cchc: không tạo được thư mục “%s” (%s); hãy "
		    "kiểm tra quyền ghi\n", cache, err_text(errno));
		free(cache);
		return -1;
	}
	free(cache);
	return 0;
}

/* Serving, watching and rebuilding until a signal: the exit status. */
static int
serve_run(struct serve_opts *o, struct server *sv, int sfd)
{
	struct MHD_Daemon	*d;
	struct preview		*pv;
	struct watch		*w;
	struct strlist		 none = { NULL, 0, 0 };
	unsigned		 port = o->port;
	int			 rc;

	if ((w = watch_new(sv->root)) == NULL) {
		fprintf(stderr, "cchc: không theo dõi được thư mục nguồn (%s)"
		    "; hãy tăng fs.inotify.max_user_watches\n",
		    err_text(errno));
		return 1;
	}
	if ((d = start_http(sv, o->bind, o->port, &port)) == NULL) {
		fprintf(stderr, "cchc: không mở được cổng %u trên %s: có thể "
		    "một chương trình khác (một cchc serve khác?) đang dùng; "
		    "hãy chọn cổng khác với --port\n", o->port, o->bind);
		watch_free(w);
		return 1;
	}
	o->b.out = sv->out;
	pv = preview_new(&o->b);
	fprintf(stderr, "cchc: đang dựng bản xem trước (có cả bản nháp và "
	    "bài hẹn giờ)…\n");
	rebuild(sv, pv, &none, 1);
	pthread_mutex_lock(&sv->ev.lock);
	printf("cchc: xem trước tại http://%s%s%s:%u%s (Ctrl-C để dừng)\n",
	    strchr(o->bind, ':') ? "[" : "", o->bind,
	    strchr(o->bind, ':') ? "]" : "", port, sv->ev.base);
	pthread_mutex_unlock(&sv->ev.lock);
	fflush(stdout);
	rc = serve_loop(sv, pv, w, sfd) == 0 ? 0 : 1;
	fprintf(stderr, "cchc: đã dừng máy chủ xem trước\n");
	/* Open event streams end, then the connections' threads. */
	pthread_mutex_lock(&sv->ev.lock);
	sv->ev.stopping = 1;
	pthread_cond_broadcast(&sv->ev.cond);
	pthread_mutex_unlock(&sv->ev.lock);
	MHD_stop_daemon(d);
	preview_free(pv);
	watch_free(w);
	return rc;
}

int
cmd_serve(const struct command *c, int argc, char **argv)
{
	struct serve_opts	 o;
	struct server		 sv;
	int			 rc, sfd;

	(void)c;
	if ((rc = serve_args(&o, argc, argv)) != 0)
		return rc;
	if ((sfd = signals_fd()) == -1) {
		fprintf(stderr, "cchc: không đặt được cách xử lý Ctrl-C (%s)\n",
		    err_text(errno));
		return 1;
	}
	if (server_init(&sv, o.b.source) == -1)
		rc = 1;
	else {
		o.b.source = sv.root;
		rc = serve_run(&o, &sv, sfd);
	}
	server_free(&sv);
	close(sfd);
	return rc;
}
