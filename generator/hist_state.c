/*
 * hist_state.c - the state of the history pass (see hist_int.h): pools,
 * the string table, the path -> page map, commits and events as the walk
 * records them and the cache keeps them; and the result (struct history)
 * made from that state.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "hash.h"
#include "hist_int.h"
#include "history.h"
#include "util.h"

#define HIST_POOL_CHUNK	65536

static char hist_tomb[1];

/* ---- pools, text ---- */

void
hist_pool_own(struct hist_pool *p, char *block)
{
	ARRAY_GROW(p->blocks, p->nblocks, p->cap, 16);
	p->blocks[p->nblocks++] = block;
}

char *
hist_pool_alloc(struct hist_pool *p, size_t n)
{
	char	*r;

	if (n > p->left) {
		if (n > HIST_POOL_CHUNK / 4) {
			r = xmalloc(n);
			hist_pool_own(p, r);
			return r;
		}
		p->cur = xmalloc(HIST_POOL_CHUNK);
		p->left = HIST_POOL_CHUNK;
		hist_pool_own(p, p->cur);
	}
	r = p->cur;
	p->cur += n;
	p->left -= n;
	return r;
}

char *
hist_pool_strn(struct hist_pool *p, const char *s, size_t n)
{
	char	*r = hist_pool_alloc(p, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

void
hist_pool_free(struct hist_pool *p)
{
	size_t	 i;

	for (i = 0; i < p->nblocks; i++)
		free(p->blocks[i]);
	free(p->blocks);
	memset(p, 0, sizeof(*p));
}

/*
 * Copies author names and subjects as valid UTF-8: a byte that does not
 * start a well-formed sequence becomes U+FFFD, so pages stay valid HTML
 * whatever encoding an old commit used.
 */
char *
hist_utf8_dup(struct hist_pool *pool, const char *s, size_t n)
{
	struct buf	 b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	char		*r;
	size_t		 len, k;
	unsigned	 c, min;

	while (p < e) {
		if (*p < 0x80) {
			buf_putc(&b, *p++);
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			len = 2, c = *p & 0x1f, min = 0x80;
		else if (*p >= 0xe0 && *p <= 0xef)
			len = 3, c = *p & 0x0f, min = 0x800;
		else if (*p >= 0xf0 && *p <= 0xf4)
			len = 4, c = *p & 0x07, min = 0x10000;
		else
			len = 0, c = 0, min = 0;
		for (k = 1; len > 0 && k < len; k++) {
			if (p + k >= e || (p[k] & 0xc0) != 0x80) {
				len = 0;
				break;
			}
			c = c << 6 | (p[k] & 0x3f);
		}
		if (len == 0 || c < min || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff)) {
			buf_puts(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		buf_put(&b, p, len);
		p += len;
	}
	r = hist_pool_strn(pool, buf_cstr(&b), b.len);
	buf_free(&b);
	return r;
}

/* ---- path -> page map ---- */

static uint64_t
hist_strhash(const char *s)
{
	return hash64(s, strlen(s), 0);
}

struct hist_slot *
hist_map_find(const struct hist_map *m, const char *key)
{
	size_t	 i;

	if (m->cap == 0)
		return NULL;
	for (i = hist_strhash(key) & (m->cap - 1); m->slots[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (m->slots[i].key != hist_tomb &&
		    strcmp(m->slots[i].key, key) == 0)
			return &m->slots[i];
	return NULL;
}

static void
hist_map_insert(struct hist_map *m, char *key, size_t page, uint32_t sid)
{
	size_t	 i;

	for (i = hist_strhash(key) & (m->cap - 1); m->slots[i].key != NULL &&
	    m->slots[i].key != hist_tomb; i = (i + 1) & (m->cap - 1))
		;
	if (m->slots[i].key == NULL)
		m->used++;
	m->slots[i].key = key;
	m->slots[i].page = page;
	m->slots[i].sid = sid;
	m->n++;
}

/* Room for `want` keys without growing again. */
static void
hist_map_reserve(struct hist_map *m, size_t want)
{
	struct hist_slot *old = m->slots;
	size_t		 ocap = m->cap, i;

	m->cap = 16;
	while (m->cap < want * 2)
		m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->used = m->n = 0;
	for (i = 0; i < ocap; i++)
		if (old[i].key != NULL && old[i].key != hist_tomb)
			hist_map_insert(m, old[i].key, old[i].page,
			    old[i].sid);
	free(old);
}

/* `key` must outlive the map (a pool string).  -1 if already present. */
static int
hist_map_put(struct hist_map *m, char *key, size_t page, uint32_t sid)
{
	if (hist_map_find(m, key) != NULL)
		return -1;
	if ((m->used + 1) * 4 > m->cap * 3)
		hist_map_reserve(m, (m->n + 1) * 2);
	hist_map_insert(m, key, page, sid);
	return 0;
}

/* Removes `key`; returns its page (and string id) or HIST_NONE. */
static size_t
hist_map_del(struct hist_map *m, const char *key, uint32_t *sid)
{
	struct hist_slot *s = hist_map_find(m, key);

	if (s == NULL)
		return HIST_NONE;
	if (sid != NULL)
		*sid = s->sid;
	s->key = hist_tomb;
	m->n--;
	return s->page;
}

/* ---- state ---- */

static uint32_t
hist_str_add(struct hist_state *st, char *s)
{
	ARRAY_GROW(st->strs, st->nstrs, st->strs_cap, 256);
	st->strs[st->nstrs] = s;
	return (uint32_t)st->nstrs++;
}

/*
 * The id of a string equal to s[0..n), adding it if this call has not
 * seen it.  Strings of a loaded cache are not looked up (that would hash
 * them all): a repeat across builds costs a few bytes, no difference.
 */
static uint32_t
hist_intern(struct hist_state *st, const char *s, size_t n)
{
	struct hist_imap *m = &st->intern;
	size_t		 i, k;
	uint32_t	 id;

	if ((m->n + 1) * 2 > m->cap) {
		uint32_t *old = m->slots;
		size_t	 ocap = m->cap;

		m->cap = m->cap ? m->cap * 2 : 256;
		m->slots = xcalloc(m->cap, sizeof(*m->slots));
		for (k = 0; k < ocap; k++) {
			if (old[k] == 0)
				continue;
			for (i = hist_strhash(st->strs[old[k] - 1]) &
			    (m->cap - 1); m->slots[i] != 0;
			    i = (i + 1) & (m->cap - 1))
				;
			m->slots[i] = old[k];
		}
		free(old);
	}
	for (i = hash64(s, n, 0) & (m->cap - 1);
	    m->slots[i] != 0; i = (i + 1) & (m->cap - 1)) {
		id = m->slots[i] - 1;
		if (strncmp(st->strs[id], s, n) == 0 &&
		    st->strs[id][n] == '\0')
			return id;
	}
	id = hist_str_add(st, hist_pool_strn(st->pool, s, n));
	m->slots[i] = id + 1;
	m->n++;
	return id;
}

uint32_t
hist_intern_str(struct hist_state *st, const char *s)
{
	return hist_intern(st, s, strlen(s));
}

/* The pool and the strings in it are not the state's to free. */
void
hist_state_free(struct hist_state *st)
{
	free(st->strs);
	free(st->crecs);
	free(st->evs);
	free(st->live.slots);
	free(st->order);
	free(st->intern.slots);
	memset(st, 0, sizeof(*st));
}

size_t
hist_crec_add(struct hist_state *st, const struct hist_commit *c,
    size_t seq)
{
	struct hist_crec *r;

	ARRAY_GROW(st->crecs, st->ncrecs, st->crecs_cap, 64);
	r = &st->crecs[st->ncrecs];
	r->oid = c->id;
	git_oid_tostr(r->id, sizeof(r->id), &c->id);
	r->time = c->time;
	r->tz = c->tz;
	r->seq = seq;
	r->author = hist_intern_str(st, c->author);
	r->subject = hist_intern_str(st, c->subject);
	return st->ncrecs++;
}

void
hist_ev_add(struct hist_state *st, int kind, size_t crec, size_t page,
    uint32_t path, uint32_t old_path, uint32_t title)
{
	struct hist_ev	*e;

	ARRAY_GROW(st->evs, st->nevs, st->evs_cap, 256);
	e = &st->evs[st->nevs++];
	e->kind = kind;
	e->crec = crec;
	e->page = page;
	e->path = path;
	e->old_path = old_path;
	e->title = title;
}

/*
 * Takes the page at `path` off the map; a new page if there is none
 * (cannot happen with a consistent state).
 */
size_t
hist_page_take(struct hist_state *st, const char *path, uint32_t *sid)
{
	size_t	 page;

	if ((page = hist_map_del(&st->live, path, sid)) != HIST_NONE)
		return page;
	*sid = hist_intern_str(st, path);
	return st->npages++;
}

/* `page` now lives at `path`. */
uint32_t
hist_page_move(struct hist_state *st, const char *path, size_t page)
{
	uint32_t	 sid = hist_intern_str(st, path);

	hist_map_del(&st->live, path, NULL);
	hist_map_put(&st->live, st->strs[sid], page, sid);
	return sid;
}

void
hist_map_from_order(struct hist_state *st)
{
	size_t	 i;

	hist_map_reserve(&st->live, st->norder);
	for (i = 0; i < st->norder; i++)
		hist_map_insert(&st->live, st->order[i].path,
		    st->order[i].page, st->order[i].sid);
	st->have_map = 1;
}

/* ---- result ---- */

struct hist_order {
	long long	 time;
	size_t		 seq;
	const char	*path;
	size_t		 ev;
};

/* Newest first; ties: later in the chain first, then by path. */
static int
hist_order_cmp(const void *a_, const void *b_)
{
	const struct hist_order *a = a_, *b = b_;

	if (a->time != b->time)
		return a->time > b->time ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq > b->seq ? -1 : 1;
	return strcmp(a->path, b->path);
}

static int
hist_live_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hist_live *)a)->path,
	    ((const struct hist_live *)b)->path);
}

/*
 * The live pages sorted by path.  Nothing applied: the loaded list.
 * Otherwise the loaded pages still at the same path keep their order,
 * and only the others (new, moved) are sorted and merged in.
 */
struct hist_live *
hist_live_list(const struct hist_state *st, size_t *np)
{
	struct hist_live *out, *extra;
	uint32_t	*cur;
	size_t		 i, k, n = 0, ne = 0, nk = 0;

	if (!st->have_map) {
		out = xreallocarray(NULL, st->norder ? st->norder : 1,
		    sizeof(*out));
		if (st->norder > 0)
			memcpy(out, st->order, st->norder * sizeof(*out));
		*np = st->norder;
		return out;
	}
	cur = xcalloc(st->npages ? st->npages : 1, sizeof(*cur));
	for (i = 0; i < st->live.cap; i++)
		if (st->live.slots[i].key != NULL &&
		    st->live.slots[i].key != hist_tomb)
			cur[st->live.slots[i].page] = st->live.slots[i].sid + 1;
	out = xreallocarray(NULL, st->live.n ? st->live.n : 1, sizeof(*out));
	extra = xreallocarray(NULL, st->live.n ? st->live.n : 1,
	    sizeof(*extra));
	/* Kept in place: out[0..nk); cur[] of those is cleared. */
	for (i = 0; i < st->norder; i++)
		if (cur[st->order[i].page] == st->order[i].sid + 1) {
			out[nk++] = st->order[i];
			cur[st->order[i].page] = 0;
		}
	for (i = 0; i < st->live.cap; i++) {
		const struct hist_slot *s = &st->live.slots[i];

		if (s->key != NULL && s->key != hist_tomb && cur[s->page] != 0)
			extra[ne++] = (struct hist_live){ s->key, s->page,
			    s->sid };
	}
	if (ne > 1)
		qsort(extra, ne, sizeof(*extra), hist_live_cmp);
	/* Merge, from the end, in place. */
	n = nk + ne;
	for (i = nk, k = ne; k > 0;)
		if (i > 0 && strcmp(out[i - 1].path, extra[k - 1].path) > 0) {
			out[i + k - 1] = out[i - 1];
			i--;
		} else {
			out[i + k - 1] = extra[k - 1];
			k--;
		}
	free(extra);
	free(cur);
	*np = n;
	return out;
}

/*
 * The log order.  Events are kept in chain order and, within a commit,
 * by path; so commits newest first, each one's events in order, is the
 * answer whenever committer times do not go back along the chain (the
 * usual case): checked in one pass, sorted only if not.
 */
static struct hist_order *
hist_log_order(const struct hist_state *st)
{
	struct hist_order *ord;
	size_t		 i, k, end, n = 0;

	ord = xreallocarray(NULL, st->nevs ? st->nevs : 1, sizeof(*ord));
	for (end = st->nevs; end > 0; end = k) {
		for (k = end; k > 0 && st->evs[k - 1].crec ==
		    st->evs[end - 1].crec; k--)
			;
		for (i = k; i < end; i++) {
			const struct hist_crec *c = &st->crecs[st->evs[i].crec];

			ord[n++] = (struct hist_order){ c->time, c->seq,
			    st->strs[st->evs[i].path], i };
		}
	}
	for (i = 1; i < n; i++)
		if (hist_order_cmp(&ord[i - 1], &ord[i]) > 0) {
			qsort(ord, n, sizeof(*ord), hist_order_cmp);
			break;
		}
	return ord;
}

/* Fills files and log; their strings stay in the pool, which h takes. */
void
hist_output(const struct hist_state *st, const struct hist_live *live,
    size_t n, struct hist_pool *pool, struct history *h)
{
	struct hist_priv *pv;
	struct hist_order *ord;
	size_t		*pos, *first, *cnt, i, k, used = 0, ne = st->nevs;

	pv = xcalloc(1, sizeof(*pv));
	pv->pool = *pool;
	memset(pool, 0, sizeof(*pool));
	h->priv = pv;
	if (st->tip[0] != '\0')
		memcpy(h->tip, st->tip, sizeof(h->tip));
	ord = hist_log_order(st);
	/* Every field is set below: no need to clear. */
	h->log = xreallocarray(NULL, ne ? ne : 1, sizeof(*h->log));
	h->nlog = ne;
	pos = xreallocarray(NULL, ne ? ne : 1, sizeof(*pos));
	for (i = 0; i < ne; i++) {
		const struct hist_ev *e = &st->evs[ord[i].ev];
		const struct hist_crec *c = &st->crecs[e->crec];
		struct hist_event *o = &h->log[i];

		pos[ord[i].ev] = i;
		o->kind = (enum hist_kind)e->kind;
		o->time = c->time;
		o->tz = c->tz;
		o->author = st->strs[c->author];
		o->subject = st->strs[c->subject];
		memcpy(o->id, c->id, sizeof(o->id));
		o->path = st->strs[e->path];
		o->old_path = e->old_path != HIST_NOSTR ?
		    st->strs[e->old_path] : NULL;
		o->title = e->title != HIST_NOSTR ? st->strs[e->title] : NULL;
	}
	/* Each live page's events, oldest first (the recorded order). */
	cnt = xcalloc(st->npages ? st->npages : 1, sizeof(*cnt));
	first = xcalloc(st->npages ? st->npages : 1, sizeof(*first));
	for (i = 0; i < ne; i++)
		cnt[st->evs[i].page]++;
	h->files = xreallocarray(NULL, n ? n : 1, sizeof(*h->files));
	h->nfiles = n;
	pv->evptrs = xreallocarray(NULL, ne ? ne : 1, sizeof(*pv->evptrs));
	for (i = 0; i < n; i++) {
		h->files[i].path = live[i].path;
		h->files[i].events = pv->evptrs + used;
		h->files[i].nevents = 0;
		used += cnt[live[i].page];
		first[live[i].page] = i + 1;
	}
	for (i = 0; i < ne; i++)
		if ((k = first[st->evs[i].page]) != 0) {
			struct hist_file *f = &h->files[k - 1];

			f->events[f->nevents++] = &h->log[pos[i]];
		}
	free(first);
	free(cnt);
	free(pos);
	free(ord);
}
