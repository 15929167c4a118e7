/*
 * bodies.c - the model completed: page bodies (Markdown to HTML with
 * links resolved, assets, cross-references, procedure sections, plan
 * tasks), then plan links, citations, statuses and summaries; see
 * bodies.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bodies.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "hash.h"
#include "images.h"
#include "links.h"
#include "markdown.h"
#include "mdcache.h"
#include "model.h"
#include "plans.h"
#include "pool.h"
#include "procedure.h"
#include "render.h"
#include "url.h"
#include "util.h"
#include "value.h"

/*
 * proc_check(), its split kept in the Markdown cache: splitting parses
 * the body with cmark-gfm (its inlines under the parser's lock).
 */
static int
proc_check_cached(struct mdcache *mdc, struct page *p, const char *body,
    size_t len)
{
	struct hasher	 h;
	struct diag	 dl;
	uint64_t	 key = 0;
	size_t		 errors = p->diag.errors;
	int		 rc;

	proc_check_meta(p->src, p->meta, &p->diag);
	if (mdc_salt(mdc) != 0) {
		hasher_init(&h);
		hasher_u64(&h, mdc_salt(mdc));
		hasher_str(&h, "proc_split_body");
		hasher_str(&h, p->src);
		hasher_u64(&h, (uint64_t)(int64_t)p->body_line);
		hasher_add(&h, body, len);
		key = hasher_done(&h);
	}
	if (key == 0 || mdc_get_result(mdc, key, &rc, &p->proc,
	    sizeof(p->proc), &p->diag) == -1) {
		diag_init(&dl);
		rc = proc_split_body(p->src, body, len, p->body_line, &p->proc,
		    &dl);
		if (key != 0)
			mdc_put_result(mdc, key, rc, &p->proc,
			    sizeof(p->proc), &dl);
		diag_move(&p->diag, &dl);
	}
	return rc == -1 || p->diag.errors != errors ? -1 : 0;
}

/*
 * A procedure is checked, then each of its sections is rendered on its
 * own so the page can show them in the standard order whatever order the
 * editor wrote them in.  The introduction (text before the first
 * section) stands in `md` and gives the description.
 */
static void
body_procedure(struct mdcache *mdc, struct page *p, const struct md_opts *o)
{
	struct md_result	 r;
	const char		*body = p->text + p->body_off;
	size_t			 i;

	if (proc_check_cached(mdc, p, body, p->textlen - p->body_off) == -1) {
		p->failed = 1;
		memset(&p->md, 0, sizeof(p->md));
		p->md.html = xstrdup("");
		p->md.first_para = xstrdup("");
		return;
	}
	p->proc_ok = 1;
	if (mdc_render(mdc, p->src, body + p->proc.intro_off,
	    p->proc.intro_len, p->body_line, o, &p->md, &p->diag) == -1)
		p->failed = 1;
	for (i = 0; i < PROC_NSECTIONS; i++) {
		if (!p->proc.present[i])
			continue;
		if (mdc_render(mdc, p->src, body + p->proc.off[i],
		    p->proc.len[i], p->proc.line[i], o, &r, &p->diag) == -1)
			p->failed = 1;
		p->sec_html[i] = r.html;
		/* With no introduction, the first section describes it. */
		if (*p->md.first_para == '\0' && *r.first_para != '\0') {
			free(p->md.first_para);
			p->md.first_para = r.first_para;
			r.first_para = NULL;
		}
		r.html = NULL;
		md_result_free(&r);
	}
}

/*
 * The front-matter image follows the same rules as images in the body;
 * a raster one becomes the page's cover (links.c, images.h), cropped
 * around `image_focus` for thumbnails and social cards.
 */
static void
body_cover(struct links *r, struct page *p)
{
	struct buf	 url = BUF_INIT, more[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	struct md_target t = { &url, &more[0], &more[1], &more[2], 0, 0 };
	struct img_focus focus;
	struct val	*v, *f;
	const char	*u, *fs;
	size_t		 n;

	v = val_map_get(p->meta, "image");
	if ((u = val_get_str(v)) == NULL)
		return;
	/* "scheme://": an address on another site. */
	if ((n = url_scheme_len(u)) > 0 && strncmp(u + n, "://", 3) == 0) {
		diag_err(&p->diag, p->src, val_line(v), val_col(v),
		    "ảnh bìa “%s” phải là tệp đặt cạnh bài viết, không "
		    "phải địa chỉ trang khác (ảnh từ trang ngoài làm lộ "
		    "thông tin người đọc); hãy tải ảnh về và ghi tên tệp",
		    u);
		p->failed = 1;
		return;
	}
	f = val_map_get(p->meta, "image_focus");
	if ((fs = val_get_str(f)) != NULL) {
		if (images_parse_focus(fs, &focus) == 0)
			r->focus = &focus;
		else
			diag_warn(&p->diag, p->src, val_line(f), val_col(f),
			    "image_focus “%s” không hiểu được, ảnh thu nhỏ sẽ "
			    "cắt quanh giữa ảnh; hãy ghi một trong: giữa, trên, "
			    "dưới, trái, phải, hoặc hai tỉ lệ phần trăm theo "
			    "chiều ngang và chiều dọc như \"50%% 30%%\"", fs);
	}
	r->cover = 1;
	if (links_resolve(r, u, 1, val_line(v), val_col(v), &t,
	    &p->diag) == -1)
		p->failed = 1;
	else if (fm_str(p->meta, "image_alt") == NULL)
		diag_warn(&p->diag, p->src, val_line(v), val_col(v), "ảnh bìa "
		    "“%s” chưa có mô tả; hãy thêm một dòng image_alt: nói ảnh "
		    "cho thấy gì (ví dụ image_alt: Quang cảnh hội nghị), để "
		    "người khiếm thị và người đọc khi ảnh chưa tải được biết "
		    "ảnh nói gì", u);
	r->cover = 0;
	r->focus = NULL;
	buf_free(&url);
	buf_free(&more[0]);
	buf_free(&more[1]);
	buf_free(&more[2]);
}

void
bodies_markdown(const struct site *s, struct source *src, struct mdcache *mdc,
    struct page *p)
{
	struct links	 r;
	struct md_opts	 o;

	if (p->failed || p->skip || p->src == NULL)
		return;
	links_init(&r, s, src, p);
	/* The cover first: without one, the body's first photo is the
	   page's largest paint. */
	body_cover(&r, p);
	memset(&o, 0, sizeof(o));
	o.unsafe = s->cfg.markdown_unsafe;
	o.resolve = links_resolve;
	o.resolve_arg = &r;
	o.xref = links_xref;
	o.xref_arg = &r;
	o.eager_first = p->cover == NULL;
	if (p->kind == PAGE_PROCEDURE)
		body_procedure(mdc, p, &o);
	else if (mdc_render(mdc, p->src, p->text + p->body_off,
	    p->textlen - p->body_off, p->body_line, &o, &p->md,
	    &p->diag) == -1)
		p->failed = 1;
	p->md_done = 1;
	if (p->kind == PAGE_PLAN)
		plans_read_tasks(p, s->cfg.units);
	links_free(&r);
	/* Nothing reads the source text after this (a patch parses the
	   file again): the build's largest input goes before the search
	   index and the pages are made. */
	free(p->text);
	p->text = NULL;
	p->textlen = 0;
	p->body_off = 0;
}

/* What bodies_pages() hands each thread. */
struct job {
	struct site	*site;
	struct source	*src;
	struct mdcache	*mdc;
	struct page *const *order;
	void		(*done)(void *, const struct page *);
	void		*arg;
};

static void
job_markdown(void *arg, size_t i)
{
	const struct job	*j = arg;
	struct page		*p = j->order != NULL ? j->order[i] :
				    j->site->pages[i];

	bodies_markdown(j->site, j->src, j->mdc, p);
	if (j->done != NULL)
		j->done(j->arg, p);
}

void
bodies_pages_in(struct site *s, struct source *src, struct mdcache *mdc,
    int jobs, struct page *const *order,
    void (*done)(void *, const struct page *), void *arg)
{
	struct job	 j;
	size_t		 hits, misses;

	j.site = s;
	j.src = src;
	j.mdc = mdc;
	j.order = order;
	j.done = done;
	j.arg = arg;
	pool_run(s->npages, jobs, job_markdown, &j);
	if (getenv("CCHC_TIMES") != NULL) {
		mdc_stats(mdc, &hits, &misses);
		fprintf(stderr, "cchc: markdown cache: %zu hits, %zu misses\n",
		    hits, misses);
	}
}

void
bodies_pages(struct site *s, struct source *src, struct mdcache *mdc,
    int jobs)
{
	bodies_pages_in(s, src, mdc, jobs, NULL, NULL, NULL);
}

int
bodies_finish(struct site *s)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->failed)
			rc = -1;
	if (s->images != NULL)
		images_finish(s->images);
	if (plans_link(s) == -1)
		rc = -1;
	plans_cited_by(s);
	plans_statuses(s);
	render_summaries(s);
	return rc;
}
