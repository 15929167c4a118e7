/*
 * emit.c - every file of the output plan made and written (see emit.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "emit.h"
#include "errtext.h"
#include "export.h"
#include "feeds.h"
#include "images.h"
#include "imgproc.h"
#include "model.h"
#include "outplan.h"
#include "pool.h"
#include "render.h"
#include "search.h"
#include "session.h"
#include "source.h"
#include "util.h"
#include "value.h"
#include "write.h"

#define COPY_MAX ((size_t)1 << 30)

/* What a producer hands back. */
struct product {
	struct buf	 bytes;
	uint64_t	 key;		/* out_write_key's; 0: none */
	int		 kept;		/* out_keep() said so: no bytes */
};

struct emit {
	struct site		*site;
	struct imgproc		*img;		/* image variants */
	const struct session	*sess;
	const struct outplan	*plan;
	struct outdir		*out;
	struct feeds_prep	*feeds;		/* shared by the feeds */
	struct diag		*diags;		/* one per record */
	int			*rcs;
	size_t			*order;		/* the records in the order
						   taken, or NULL: plan order */
};

/*
 * A producer: 0 with pr->bytes (or pr->kept), or -1 with a message in
 * d.  The same signature for every kind, so that a new kind of output is
 * one route, one producer and one line in the table below.
 */
typedef int (*producer)(struct emit *, const struct output *,
    struct product *, struct diag *d);

/* A page through its layout; kept when templates and context are. */
static int
make_page(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	struct page	*p = o->page;
	struct val	*ctx;
	size_t		 nmsg;
	int		 rc = 0;

	(void)d;	/* render.c writes to the page's own diag */
	ctx = render_context(&e->sess->render, e->site, p);
	pr->key = render_key(&e->sess->render, p, ctx);
	if (out_keep(e->out, o->path, pr->key))
		pr->kept = 1;
	else {
		nmsg = p->diag.len;
		rc = render_with(&e->sess->render, p, ctx, &pr->bytes);
		/* Messages would not be said again: no reuse then. */
		if (p->diag.len != nmsg)
			pr->key = 0;
	}
	val_unref(ctx);
	return rc;
}

/* A file of the source tree, as it is. */
static int
make_copy(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	if (source_read(e->sess->src, o->src, COPY_MAX, &pr->bytes) == 0)
		return 0;
	diag_err(d, o->src, 0, 0, "không đọc được tệp để chép: %s",
	    err_text(errno));
	return -1;
}

/* A variant of an image; kept while the output has it (its key names
   the source's bytes and every setting). */
static int
make_image(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	pr->key = o->image->vars[o->part].key;
	if (out_keep(e->out, o->path, pr->key)) {
		pr->kept = 1;
		return 0;
	}
	return imgproc_make(e->img, o->image, o->part, &pr->bytes, d);
}

/* libxml2 failed (it says nothing itself). */
static int
xml_made(int rc, const struct output *o, struct diag *d)
{
	if (rc == -1)
		diag_err(d, o->path, 0, 0, "không tạo được tệp này (libxml2 "
		    "báo lỗi; thường do thiếu bộ nhớ)");
	return rc;
}

static int
make_sitemap(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	return xml_made(feeds_sitemap_file(e->site, e->feeds, o->part,
	    &pr->bytes), o,
	    d);
}

static int
make_log_atom(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	return xml_made(feeds_log_atom(e->site, &pr->bytes), o, d);
}

static int
make_procs_rss(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	return xml_made(feeds_procs_rss(e->site, &pr->bytes), o, d);
}

static int
make_news_rss(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	return xml_made(feeds_rss(e->site, e->feeds, NULL, &pr->bytes), o, d);
}

static int
make_news_atom(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	return xml_made(feeds_atom(e->site, e->feeds, &pr->bytes), o, d);
}

static int
make_term_rss(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	return xml_made(feeds_rss(e->site, e->feeds, o->term,
	    &pr->bytes), o, d);
}

static int
make_robots(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)o;
	(void)d;
	feeds_robots(e->site, &pr->bytes);
	return 0;
}

static int
make_procs_json(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)o;
	(void)d;
	export_procs_json(e->site, &pr->bytes);
	return 0;
}

static int
make_plan_json(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)d;
	export_plan_json(e->site, o->page, &pr->bytes);
	return 0;
}

static int
make_report_csv(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)d;
	export_report_csv(e->site, o->report, &pr->bytes);
	return 0;
}

static int
make_data_json(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)o;
	(void)d;
	export_data_json(e->site, "cchc " CCHC_VERSION, &pr->bytes);
	return 0;
}

/* The search index's files (search.h), from the model's index. */
static int
make_search_root(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)o;
	(void)d;
	search_root_js(e->site->search, &pr->bytes);
	return 0;
}

static int
make_search_dict(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)d;
	search_dict_js(e->site->search, (unsigned)o->part, &pr->bytes);
	return 0;
}

static int
make_search_bucket(struct emit *e, const struct output *o,
    struct product *pr, struct diag *d)
{
	(void)d;
	search_bucket_js(e->site->search, (unsigned)o->part, &pr->bytes);
	return 0;
}

static int
make_search_doc(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	(void)d;
	/* Most were written beside the bodies, as their texts were cut. */
	if (search_doc_written(e->site->search, o->page))
		pr->kept = 1;
	else
		search_doc_js(e->site, o->page, &pr->bytes);
	return 0;
}

static void
json_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			buf_printf(b, "\\u%04x", (unsigned char)*s);
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Provenance for deploy scripts: what was built, from what. */
static int
make_build_json(struct emit *e, const struct output *o, struct product *pr,
    struct diag *d)
{
	const struct site *s = e->site;
	struct buf	*b = &pr->bytes;

	(void)o;
	(void)d;
	buf_puts(b, "{\n  \"generator\": ");
	json_str(b, "cchc " CCHC_VERSION);
	buf_puts(b, ",\n  \"commit\": ");
	json_str(b, s->hist.available && s->hist.tip[0] ? s->hist.tip : NULL);
	buf_puts(b, ",\n  \"branch\": ");
	json_str(b, s->hist.branch);
	buf_printf(b, ",\n  \"dirty\": %s", s->hist.dirty ? "true" :
	    "false");
	buf_puts(b, ",\n  \"today\": ");
	json_str(b, s->today_str);
	buf_puts(b, "\n}\n");
	return 0;
}

/* One producer per kind, in enum out_kind's order. */
static const producer producers[OUT_KINDS] = {
	make_data_json, make_procs_json, make_sitemap, make_log_atom, make_procs_rss,
	make_news_rss, make_news_atom, make_term_rss, make_robots,
	make_plan_json, make_report_csv, make_search_root, make_search_dict,
	make_search_bucket, make_search_doc, make_page, make_copy, make_image,
	make_copy, make_build_json
};

static void
job_emit(void *arg, size_t i)
{
	struct emit		*e = arg;
	const struct output	*o;
	struct product		 pr;
	struct diag		*d;
	int			 rc;

	if (e->order != NULL)
		i = e->order[i];
	o = &e->plan->v[i];
	d = o->kind == OUT_PAGE ? &o->page->diag : &e->diags[i];
	memset(&pr, 0, sizeof(pr));
	buf_init(&pr.bytes);
	rc = producers[o->kind](e, o, &pr, d);
	if (rc == 0 && !pr.kept)
		rc = out_write_key(e->out, o->path, buf_cstr(&pr.bytes),
		    pr.bytes.len, pr.key, d);
	if (rc == -1 && o->kind == OUT_PAGE)
		o->page->failed = 1;
	e->rcs[i] = rc;
	buf_free(&pr.bytes);
}

static int
is_index_file(const struct output *o)
{
	return o->kind == OUT_SEARCH_BUCKET || o->kind == OUT_SEARCH_DOC;
}

/*
 * The order the records are taken in: the search index's files (tens
 * of thousands, in two folders) spread evenly among the others, each
 * group in plan order.  Threads that create files in one folder at
 * once wait on its lock; a page and an index file are made in
 * different folders.  NULL: plan order (no index, or nothing else).
 */
static size_t *
emit_order(const struct outplan *pl)
{
	size_t	*v, *idx, i, n = pl->n, ns = 0, no, ks = 0, ko = 0, k;

	for (i = 0; i < n; i++)
		ns += is_index_file(&pl->v[i]);
	no = n - ns;
	if (ns == 0 || no == 0)
		return NULL;
	idx = xcalloc(n, sizeof(*idx));		/* index files, then others */
	for (i = 0; i < n; i++)
		if (is_index_file(&pl->v[i]))
			idx[ks++] = i;
		else
			idx[ns + ko++] = i;
	v = xcalloc(n, sizeof(*v));
	ks = ko = 0;
	for (k = 0; k < n; k++)
		/* Whichever group is behind its share of the k taken. */
		if (ko == no || (ks < ns && ks * no <= ko * ns))
			v[k] = idx[ks++];
		else
			v[k] = idx[ns + ko++];
	free(idx);
	return v;
}

/* The messages of the records of kinds [lo, hi] to the site, in order. */
static int
gather(struct emit *e, enum out_kind lo, enum out_kind hi)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < e->plan->n; i++)
		if (e->plan->v[i].kind >= lo && e->plan->v[i].kind <= hi) {
			diag_move(&e->site->diag, &e->diags[i]);
			if (e->rcs[i] == -1)
				rc = -1;
		}
	return rc;
}

/* See emit.h for where messages go and why. */
static int
gather_all(struct emit *e)
{
	struct page	*p;
	size_t		 i;

	for (i = 0; i < e->plan->n; i++) {
		if (e->plan->v[i].kind != OUT_ASSET)
			continue;
		/* A page's assets were copied after it, until one failed. */
		p = e->plan->v[i].page;
		if (p->failed)
			continue;
		diag_move(&p->diag, &e->diags[i]);
		if (e->rcs[i] == -1)
			p->failed = 1;
	}
	if (gather(e, OUT_IMAGE, OUT_IMAGE) == -1 ||
	    gather(e, OUT_STATIC, OUT_STATIC) == -1 ||
	    gather(e, OUT_DATA_JSON, OUT_SEARCH_DOC) == -1 ||
	    gather(e, OUT_BUILD_JSON, OUT_BUILD_JSON) == -1)
		return -1;
	return 0;
}

int
emit_run(struct site *s, const struct session *sess,
    const struct outplan *pl, struct outdir *out)
{
	static const struct images no_images;
	struct emit	 e;
	size_t		 i, decoded, cached;
	int		 rc;

	e.site = s;
	e.sess = sess;
	e.plan = pl;
	e.out = out;
	e.diags = xcalloc(pl->n ? pl->n : 1, sizeof(*e.diags));
	e.rcs = xcalloc(pl->n ? pl->n : 1, sizeof(*e.rcs));
	for (i = 0; i < pl->n; i++)
		diag_init(&e.diags[i]);
	e.feeds = feeds_prepare(s, sess->jobs);
	e.img = imgproc_new(s->images != NULL ? s->images : &no_images,
	    sess->src, sess->cache);
	e.order = emit_order(pl);
	pool_run(pl->n, sess->jobs, job_emit, &e);
	free(e.order);
	feeds_release(e.feeds);
	rc = gather_all(&e);
	if (getenv("CCHC_TIMES") != NULL) {
		imgproc_stats(e.img, &decoded, &cached);
		fprintf(stderr, "cchc: images: %zu decoded, %zu variants from "
		    "the cache\n", decoded, cached);
	}
	/* The cache keeps what this build uses, once it has succeeded. */
	if (rc == 0 && s->images != NULL && !pl->partial)
		imgproc_sweep(e.img);
	imgproc_free(e.img);
	for (i = 0; i < pl->n; i++)
		diag_free(&e.diags[i]);
	free(e.diags);
	free(e.rcs);
	return rc;
}
