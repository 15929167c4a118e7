/*
 * taxonomy.c - topics, units and months of the news; see taxonomy.h.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "model.h"
#include "routes.h"
#include "slug.h"
#include "taxonomy.h"
#include "util.h"
#include "value.h"
#include "when.h"

/* One use of a name by a post. */
struct use {
	char		*slug;
	const char	*name;		/* borrowed from the post's meta */
	struct page	*post;
	int		 line, col;
};

static int
use_cmp(const void *a, const void *b)
{
	const struct use *x = a, *y = b;
	int c = strcmp(x->slug, y->slug);

	if (c != 0)
		return c;
	return x->post->rank < y->post->rank ? -1 :
	    x->post->rank > y->post->rank;
}

static int
term_cmp(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	return model_title_cmp(x->name, y->name);
}

static int
slug_cmp(const void *a, const void *b)
{
	const struct term *x = *(struct term *const *)a;
	const struct term *y = *(struct term *const *)b;

	return strcmp(x->slug, y->slug);
}

static void
add_use(struct use **v, size_t *n, size_t *cap, struct page *p,
    const struct val *name, const char *what, int *rc)
{
	const char	*s = val_get_str(name);
	char		*slug;

	if (s == NULL)
		return;
	slug = slug_make(s, strlen(s));
	if (*slug == '\0') {
		diag_err(&p->diag, p->src, val_line(name), val_col(name),
		    "%s “%s” không có chữ hay số nào để làm địa chỉ trang; "
		    "hãy viết tên bằng chữ", what, s);
		p->failed = 1;
		*rc = -1;
		free(slug);
		return;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].slug = slug;
	(*v)[*n].name = s;
	(*v)[*n].post = p;
	(*v)[*n].line = val_line(name);
	(*v)[*n].col = val_col(name);
	(*n)++;
}

/* Groups sorted uses into terms. */
static void
group(struct taxonomy *t, struct use *v, size_t n, const char *what)
{
	size_t	 i, j, k, cap = 0;
	struct term *term;

	if (n > 1)
		qsort(v, n, sizeof(*v), use_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].slug, v[i].slug) == 0; j++)
			;
		if (t->nterms == cap) {
			cap = cap ? cap * 2 : 16;
			t->terms = xreallocarray(t->terms, cap,
			    sizeof(*t->terms));
		}
		term = &t->terms[t->nterms++];
		/* The oldest post (last in rank order) names the term. */
		term->name = xstrdup(v[j - 1].name);
		term->slug = xstrdup(v[i].slug);
		term->url = route_term(t->base, term->slug);
		term->posts = xcalloc(j - i, sizeof(*term->posts));
		term->nposts = 0;
		for (k = i; k < j; k++) {
			if (strcmp(v[k].name, term->name) != 0)
				diag_warn(&v[k].post->diag, v[k].post->src,
				    v[k].line, v[k].col, "%s “%s” được gộp "
				    "vào “%s” vì cùng địa chỉ /%s; hãy viết "
				    "thống nhất một cách", what, v[k].name,
				    term->name, term->url);
			/* A post naming one term twice is listed once. */
			if (term->nposts > 0 &&
			    term->posts[term->nposts - 1] == v[k].post)
				continue;
			term->posts[term->nposts++] = v[k].post;
		}
	}
	if (t->nterms > 1)
		qsort(t->terms, t->nterms, sizeof(*t->terms), term_cmp);
	t->byslug = xcalloc(t->nterms, sizeof(*t->byslug));
	for (i = 0; i < t->nterms; i++)
		t->byslug[i] = &t->terms[i];
	if (t->nterms > 1)
		qsort(t->byslug, t->nterms, sizeof(*t->byslug), slug_cmp);
}

static void
free_uses(struct use *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].slug);
	free(v);
}

static void
post_vn_date(const void *items, size_t i, struct cdate *out)
{
	struct page *const	*posts = items;

	date_to_vn(&posts[i]->date, out);
}

static void
build_months(struct site *s)
{
	struct month_run	*runs;
	struct month		*m;
	size_t			 i, nr;

	/* Posts are newest first, so a month is a run of them. */
	nr = date_month_runs(s->posts, s->nposts, post_vn_date, &runs);
	if (nr > 0)
		s->months = xcalloc(nr, sizeof(*s->months));
	for (i = 0; i < nr; i++) {
		m = &s->months[s->nmonths++];
		m->year = runs[i].y;
		m->month = runs[i].m;
		m->url = route_month(ROUTE_ARCHIVE, runs[i].y, runs[i].m);
		m->title = when_month_title(runs[i].y, runs[i].m);
		m->posts = &s->posts[runs[i].first];
		m->nposts = runs[i].n;
	}
	free(runs);
}

int
taxonomy_build(struct site *s)
{
	struct use	*tv = NULL, *uv = NULL;
	size_t		 tn = 0, tcap = 0, un = 0, ucap = 0, i, k;
	const struct val *tags;
	int		 rc = 0;

	s->topics.base = ROUTE_TOPICS;
	s->units.base = ROUTE_UNITS;
	for (i = 0; i < s->nposts; i++) {
		struct page *p = s->posts[i];

		p->rank = i;
		tags = val_map_get(p->meta, "tags");
		if (val_type(tags) == VAL_STR)
			add_use(&tv, &tn, &tcap, p, tags, "chủ đề", &rc);
		for (k = 0; k < val_list_len(tags); k++)
			add_use(&tv, &tn, &tcap, p, val_list_at(tags, k),
			    "chủ đề", &rc);
		add_use(&uv, &un, &ucap, p, val_map_get(p->meta, "unit"),
		    "đơn vị", &rc);
	}
	group(&s->topics, tv, tn, "chủ đề");
	group(&s->units, uv, un, "đơn vị");
	free_uses(tv, tn);
	free_uses(uv, un);
	/* Procedures by field (lĩnh vực), in title order. */
	s->fields.base = ROUTE_FIELDS;
	tv = NULL;
	tn = tcap = 0;
	for (i = 0; i < s->nprocs; i++) {
		s->procs[i]->rank = i;
		add_use(&tv, &tn, &tcap, s->procs[i],
		    val_map_get(s->procs[i]->meta, "field"), "lĩnh vực", &rc);
	}
	group(&s->fields, tv, tn, "lĩnh vực");
	free_uses(tv, tn);
	build_months(s);
	return rc;
}

static void
free_tax(struct taxonomy *t)
{
	size_t	 i;

	for (i = 0; i < t->nterms; i++) {
		free(t->terms[i].name);
		free(t->terms[i].slug);
		free(t->terms[i].url);
		free(t->terms[i].posts);
	}
	free(t->terms);
	free(t->byslug);
	t->byslug = NULL;
	t->terms = NULL;
	t->nterms = 0;
}

void
taxonomy_free(struct site *s)
{
	size_t	 i;

	free_tax(&s->topics);
	free_tax(&s->units);
	free_tax(&s->fields);
	for (i = 0; i < s->nmonths; i++) {
		free(s->months[i].url);
		free(s->months[i].title);
	}
	free(s->months);
	s->months = NULL;
	s->nmonths = 0;
}

const struct term *
taxonomy_find(const struct taxonomy *t, const char *name)
{
	struct term	 key, *kp = &key, **hit;

	key.slug = slug_make(name, strlen(name));
	hit = t->nterms ? bsearch(&kp, t->byslug, t->nterms,
	    sizeof(*t->byslug), slug_cmp) : NULL;
	free(key.slug);
	return hit != NULL ? *hit : NULL;
}
