/*
 * hist_walk.c - the walk of the history pass (see hist_int.h): commits
 * and trees read as raw objects with git_odb_read and parsed here (no
 * git_commit / git_tree objects, no diff machinery), the first-parent
 * chain read newest to oldest, then each commit's tree compared with its
 * parent's oldest to newest, entry by entry, a subtree whose id did not
 * change never opened; the changes found become events (hist_apply).
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "fs.h"
#include "hash.h"
#include "hist_int.h"
#include "history.h"
#include "util.h"
#include "value.h"

struct hist_tent {
	const char	*name;
	size_t		 nlen;
	unsigned	 mode;
	const git_oid	*oid;
};

struct hist_titer {
	const unsigned char *p, *end;
};

/* ---- raw objects ---- */

int
hist_read(struct hist_walk *w, const git_oid *id, git_object_t type,
    git_odb_object **out)
{
	char	 hex[41];

	if (git_odb_read(out, w->odb, id) == 0) {
		if (git_odb_object_type(*out) == type)
			return 0;
		git_odb_object_free(*out);
		*out = NULL;
	}
	git_oid_tostr(hex, sizeof(hex), id);
	diag_err(w->d, NULL, 0, 0, "kho git bị hỏng: không đọc được đối "
	    "tượng %s (%s); hãy chạy “git fsck” để kiểm tra kho", hex,
	    hist_giterr());
	return -1;
}

static int
hist_hexoid(git_oid *out, const char *s, size_t n)
{
	return n >= GIT_OID_HEXSZ && git_oid_fromstrn(out, s,
	    GIT_OID_HEXSZ) == 0 ? 0 : -1;
}

/* "Name <mail> 1718000000 +0700": name, time and offset in minutes. */
static int
hist_parse_ident(struct hist_pool *pool, const char *s, size_t n,
    char **name, long long *time, int *tz)
{
	const char	*lt = memchr(s, '<', n), *gt, *p, *e = s + n;
	size_t		 nl;
	long long	 t = 0;
	int		 sign, off = 0, k;

	if (lt == NULL || (gt = memchr(lt, '>', (size_t)(e - lt))) == NULL)
		return -1;
	if (name != NULL) {
		nl = (size_t)(lt - s);
		while (nl > 0 && s[nl - 1] == ' ')
			nl--;
		*name = hist_utf8_dup(pool, s, nl);
	}
	if (time == NULL)
		return 0;
	for (p = gt + 1; p < e && *p == ' '; p++)
		;
	for (; p < e && *p >= '0' && *p <= '9'; p++)
		if (t < LLONG_MAX / 10 - 10)
			t = t * 10 + (*p - '0');
	for (; p < e && *p == ' '; p++)
		;
	if (p < e && (*p == '+' || *p == '-')) {
		sign = *p++ == '-' ? -1 : 1;
		for (k = 0; k < 4 && p < e && *p >= '0' && *p <= '9'; k++)
			off = off * 10 + (*p++ - '0');
		if (k == 4)
			*tz = sign * ((off / 100) * 60 + off % 100);
	}
	*time = t;
	return 0;
}

/* Tree id, first parent (if any), committer time, author, subject. */
int
hist_parse_commit(struct hist_pool *pool, const char *s, size_t n,
    struct hist_commit *c, git_oid *parent, int *has_parent)
{
	const char	*e = s + n, *nl, *line;
	size_t		 len;
	int		 have_tree = 0;

	*has_parent = 0;
	while (s < e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		line = s;
		len = nl ? (size_t)(nl - s) : (size_t)(e - s);
		s = nl ? nl + 1 : e;
		if (len == 0)
			break;
		if (len > 5 && memcmp(line, "tree ", 5) == 0) {
			if (hist_hexoid(&c->tree, line + 5, len - 5) == -1)
				return -1;
			have_tree = 1;
		} else if (len > 7 && memcmp(line, "parent ", 7) == 0 &&
		    !*has_parent) {
			if (hist_hexoid(parent, line + 7, len - 7) == -1)
				return -1;
			*has_parent = 1;
		} else if (len > 7 && memcmp(line, "author ", 7) == 0 &&
		    c->author == NULL) {
			if (hist_parse_ident(pool, line + 7, len - 7,
			    &c->author, NULL, NULL) == -1)
				return -1;
		} else if (len > 10 && memcmp(line, "committer ", 10) == 0) {
			if (hist_parse_ident(pool, line + 10, len - 10, NULL,
			    &c->time, &c->tz) == -1)
				return -1;
		}
	}
	/* Message: its first non-empty line. */
	while (s < e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		line = s;
		len = nl ? (size_t)(nl - s) : (size_t)(e - s);
		s = nl ? nl + 1 : e;
		while (len > 0 && (line[len - 1] == ' ' ||
		    line[len - 1] == '\t' || line[len - 1] == '\r'))
			len--;
		if (len > 0) {
			c->subject = hist_utf8_dup(pool, line, len);
			break;
		}
	}
	if (c->author == NULL)
		c->author = hist_pool_strn(pool, "", 0);
	if (c->subject == NULL)
		c->subject = hist_pool_strn(pool, "", 0);
	return have_tree ? 0 : -1;
}

/* ---- trees ---- */

static size_t
hist_oidhash(const git_oid *id)
{
	size_t	 h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

static git_odb_object **
hist_tc_find(struct hist_tcache *tc, const git_oid *id, size_t *at)
{
	size_t	 i;

	for (i = hist_oidhash(id) & (tc->cap - 1); tc->slots[i].obj != NULL;
	    i = (i + 1) & (tc->cap - 1))
		if (git_oid_equal(git_odb_object_id(tc->slots[i].obj), id)) {
			*at = i;
			return &tc->slots[i].obj;
		}
	*at = i;
	return NULL;
}

static void
hist_tc_init(struct hist_tcache *tc, size_t want)
{
	tc->cap = 64;
	while (tc->cap < want * 2)
		tc->cap *= 2;
	tc->slots = xcalloc(tc->cap, sizeof(*tc->slots));
	tc->n = 0;
}

static void
hist_tc_insert(struct hist_tcache *tc, git_odb_object *obj, unsigned gen)
{
	size_t	 at;

	if ((tc->n + 1) * 2 > tc->cap) {
		struct hist_tcache old = *tc;
		size_t	 i;

		hist_tc_init(tc, tc->n + 1);
		for (i = 0; i < old.cap; i++)
			if (old.slots[i].obj != NULL)
				hist_tc_insert(tc, old.slots[i].obj,
				    old.slots[i].gen);
		free(old.slots);
	}
	(void)hist_tc_find(tc, git_odb_object_id(obj), &at);
	tc->slots[at].obj = obj;
	tc->slots[at].gen = gen;
	tc->n++;
}

/*
 * After a commit, keeps only the trees of its new side: they are the old
 * side of the next commit, so each tree is read once.  (Old-side trees
 * are loaded with generation 0 and go here.)
 */
static void
hist_tc_sweep(struct hist_tcache *tc, unsigned gen)
{
	struct hist_tcache old = *tc;
	size_t		 i, keep = 0;

	for (i = 0; i < old.cap; i++)
		if (old.slots[i].obj != NULL && old.slots[i].gen == gen)
			keep++;
	hist_tc_init(tc, keep);
	for (i = 0; i < old.cap; i++) {
		if (old.slots[i].obj == NULL)
			continue;
		if (old.slots[i].gen == gen)
			hist_tc_insert(tc, old.slots[i].obj, gen);
		else
			git_odb_object_free(old.slots[i].obj);
	}
	free(old.slots);
}

static void
hist_tc_free(struct hist_tcache *tc)
{
	size_t	 i;

	for (i = 0; i < tc->cap; i++)
		git_odb_object_free(tc->slots[i].obj);
	free(tc->slots);
	memset(tc, 0, sizeof(*tc));
}

static int
hist_tree_load(struct hist_walk *w, const git_oid *id, int newside,
    struct hist_titer *it)
{
	git_odb_object	**hit, *obj;
	size_t		  at;

	if ((hit = hist_tc_find(&w->tc, id, &at)) != NULL) {
		obj = *hit;
		if (newside)
			w->tc.slots[at].gen = w->step;
	} else {
		if (hist_read(w, id, GIT_OBJECT_TREE, &obj) == -1)
			return -1;
		hist_tc_insert(&w->tc, obj, newside ? w->step : 0);
	}
	it->p = git_odb_object_data(obj);
	it->end = it->p + git_odb_object_size(obj);
	return 0;
}

/* Next "<octal mode> <name>\0<20-byte id>": 1, 0 at the end, -1 bad. */
static int
hist_tree_next(struct hist_titer *it, struct hist_tent *e)
{
	const unsigned char *p = it->p, *nul;
	unsigned	 mode = 0;
	int		 k = 0;

	if (p == it->end)
		return 0;
	for (; p < it->end && *p >= '0' && *p <= '7' && k < 7; p++, k++)
		mode = mode * 8 + (unsigned)(*p - '0');
	if (k == 0 || p == it->end || *p != ' ')
		return -1;
	p++;
	if ((nul = memchr(p, '\0', (size_t)(it->end - p))) == NULL ||
	    nul == p || (size_t)(it->end - nul - 1) < GIT_OID_RAWSZ)
		return -1;
	e->name = (const char *)p;
	e->nlen = (size_t)(nul - p);
	e->mode = mode;
	e->oid = (const git_oid *)(const void *)(nul + 1);
	it->p = nul + 1 + GIT_OID_RAWSZ;
	return 1;
}

/* Git's tree order: a folder sorts as if its name ended in '/'. */
static int
hist_tent_cmp(const struct hist_tent *x, const struct hist_tent *y)
{
	size_t		 n = x->nlen < y->nlen ? x->nlen : y->nlen;
	unsigned	 cx, cy;
	int		 c;

	if ((c = memcmp(x->name, y->name, n)) != 0)
		return c;
	cx = n < x->nlen ? (unsigned char)x->name[n] :
	    HIST_IS_TREE(x->mode) ? '/' : 0;
	cy = n < y->nlen ? (unsigned char)y->name[n] :
	    HIST_IS_TREE(y->mode) ? '/' : 0;
	return (cx > cy) - (cx < cy);
}

static int
hist_name_is(const struct hist_tent *e, const char *s)
{
	return strlen(s) == e->nlen && memcmp(e->name, s, e->nlen) == 0;
}

static void
hist_chg_add(struct hist_walk *w, char kind, const struct hist_tent *e,
    const git_oid *old, const git_oid *new, int page, int cand)
{
	struct hist_chg	*c;
	size_t		 n = w->path.len;
	char		*p;

	ARRAY_GROW(w->chg, w->nchg, w->chgcap, 32);
	c = &w->chg[w->nchg++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->page = (char)page;
	c->cand = (char)cand;
	c->mode = e->mode;
	p = hist_pool_alloc(w->pool, n + 1 + e->nlen + 1);
	memcpy(p, w->path.data, n);
	if (n > 0)
		p[n++] = '/';
	memcpy(p + n, e->name, e->nlen);
	p[n + e->nlen] = '\0';
	c->path = p;
	if (old != NULL)
		c->old = *old;
	if (new != NULL)
		c->new = *new;
	c->pair = HIST_NONE;
}

/*
 * Where a folder lies: above the source root on the way to it, at the
 * root, inside content/ or plans/ (where .md files are pages), or
 * elsewhere.
 */
enum { HIST_Z_ABOVE, HIST_Z_ROOT, HIST_Z_PAGES, HIST_Z_OTHER };

static int hist_diff(struct hist_walk *, const git_oid *, const git_oid *,
    size_t, int);

/*
 * One name present on either side (or both, same kind), in a folder of
 * zone `zone` at `depth`.  The first pass (w->others == 0) enters only
 * the prefix, content/ and plans/, and records the pages: files ending
 * in .md there, except names that scan skips (".x", "#x").  The second,
 * run only when a commit both added and deleted pages, enters every
 * changed folder and records the other files added or deleted: git
 * pairs those with pages too.
 */
static int
hist_entry(struct hist_walk *w, const struct hist_tent *ea,
    const struct hist_tent *eb, size_t depth, int zone)
{
	const struct hist_tent *e = ea != NULL ? ea : eb;
	size_t		 mark;
	int		 sub, page, fa, fb, rc;

	if (zone == HIST_Z_ABOVE)
		sub = HIST_IS_TREE(e->mode) && hist_name_is(e, w->pfx[depth]) ?
		    (depth + 1 == w->npfx ? HIST_Z_ROOT : HIST_Z_ABOVE) :
		    HIST_Z_OTHER;
	else if (zone == HIST_Z_OTHER || e->name[0] == '.' ||
	    e->name[0] == '#')
		sub = HIST_Z_OTHER;
	else if (zone == HIST_Z_ROOT)
		sub = hist_name_is(e, "content") || hist_name_is(e, "plans") ?
		    HIST_Z_PAGES : HIST_Z_OTHER;
	else
		sub = HIST_Z_PAGES;
	if (sub == HIST_Z_OTHER && !w->others)
		return 0;
	if (HIST_IS_TREE(e->mode)) {
		if (ea != NULL && eb != NULL && git_oid_equal(ea->oid, eb->oid))
			return 0;
		mark = w->path.len;
		if (mark > 0)
			buf_putc(&w->path, '/');
		buf_put(&w->path, e->name, e->nlen);
		rc = hist_diff(w, ea ? ea->oid : NULL, eb ? eb->oid : NULL,
		    depth + 1, sub);
		buf_truncate(&w->path, mark);
		return rc;
	}
	page = zone == HIST_Z_PAGES && sub == HIST_Z_PAGES && e->nlen >= 4 &&
	    memcmp(e->name + e->nlen - 3, ".md", 3) == 0;
	if (page == w->others)
		return 0;
	fa = ea != NULL && HIST_IS_FILE(ea->mode);
	fb = eb != NULL && HIST_IS_FILE(eb->mode);
	/*
	 * A file that became a submodule or back is a change of type for
	 * git, never a rename: the page goes or comes all the same.
	 */
	if (fa && fb) {
		if (page && !git_oid_equal(ea->oid, eb->oid))
			hist_chg_add(w, 'M', eb, ea->oid, eb->oid, 1, 0);
	} else if (fa && (page || eb == NULL))
		hist_chg_add(w, 'D', ea, ea->oid, NULL, page, eb == NULL);
	else if (fb && (page || ea == NULL))
		hist_chg_add(w, 'A', eb, NULL, eb->oid, page, ea == NULL);
	return 0;
}

/* Compares trees a (older, may be NULL) and b (newer, may be NULL). */
static int
hist_diff(struct hist_walk *w, const git_oid *a, const git_oid *b,
    size_t depth, int zone)
{
	struct hist_titer ia = { NULL, NULL }, ib = { NULL, NULL };
	struct hist_tent ea, eb;
	int		 ra = 0, rb = 0, c;

	if (a != NULL && b != NULL && git_oid_equal(a, b))
		return 0;
	if (a != NULL && hist_tree_load(w, a, 0, &ia) == -1)
		return -1;
	if (b != NULL && hist_tree_load(w, b, 1, &ib) == -1)
		return -1;
	if (a != NULL)
		ra = hist_tree_next(&ia, &ea);
	if (b != NULL)
		rb = hist_tree_next(&ib, &eb);
	while (ra == 1 || rb == 1) {
		if (ra == 1 && rb == 1)
			c = hist_tent_cmp(&ea, &eb);
		else
			c = ra == 1 ? -1 : 1;
		if (hist_entry(w, c <= 0 ? &ea : NULL, c >= 0 ? &eb : NULL,
		    depth, zone) == -1)
			return -1;
		if (c <= 0)
			ra = hist_tree_next(&ia, &ea);
		if (c >= 0)
			rb = hist_tree_next(&ib, &eb);
	}
	if (ra == -1 || rb == -1) {
		diag_err(w->d, NULL, 0, 0, "kho git bị hỏng: một cây thư mục "
		    "không đọc được; hãy chạy “git fsck” để kiểm tra kho");
		return -1;
	}
	return 0;
}

/* ---- a commit's changes into events ---- */

/* The title in the front matter of a blob, as a string id. */
static uint32_t
hist_title(struct hist_walk *w, struct hist_state *st, const git_oid *id,
    const char *path)
{
	git_odb_object	*obj;
	struct val	*meta = NULL;
	struct diag	 d;
	const char	*t;
	uint32_t	 title = HIST_NOSTR;
	size_t		 off;
	int		 line;

	if (git_odb_read(&obj, w->odb, id) != 0)
		return HIST_NOSTR;
	diag_init(&d);
	if (git_odb_object_type(obj) == GIT_OBJECT_BLOB &&
	    fm_split(path, git_odb_object_data(obj), git_odb_object_size(obj),
	    &meta, &off, &line, &d) == 0 &&
	    (t = fm_str(meta, "title")) != NULL)
		title = hist_intern_str(st, t);
	val_unref(meta);
	diag_free(&d);
	git_odb_object_free(obj);
	return title;
}

static int
hist_chg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hist_chg *)a)->path,
	    ((const struct hist_chg *)b)->path);
}

static void
hist_chg_clear(struct hist_walk *w)
{
	size_t	 i;

	for (i = 0; i < w->nchg; i++)
		free(w->chg[i].spans);
	w->nchg = 0;
}

/*
 * Turns the changes of one commit into events and page moves.  Changes
 * are taken in path order, so a commit's events are too (hist_output
 * relies on it).
 */
static void
hist_apply(struct hist_state *st, struct hist_walk *w,
    const struct hist_commit *cm, size_t seq)
{
	struct hist_chg	*c;
	struct hist_slot *s;
	const char	*path;
	size_t		 i, crec, page, o;
	uint32_t	 sid, osid;

	if (w->nchg == 0)
		return;
	if (w->nchg > 1)
		qsort(w->chg, w->nchg, sizeof(*w->chg), hist_chg_cmp);
	hist_renames(w);
	crec = hist_crec_add(st, cm, seq);
	for (i = 0; i < w->nchg; i++) {
		c = &w->chg[i];
		if (!c->page)
			continue;
		path = c->path + w->pfxlen;
		/* A page renamed to or from another file went or came. */
		o = c->pair != HIST_NONE && w->chg[c->pair].page ? c->pair :
		    HIST_NONE;
		switch (c->kind) {
		case 'M':
			if ((s = hist_map_find(&st->live, path)) != NULL) {
				page = s->page;
				sid = s->sid;
			} else {
				/* Unknown page (cannot happen): start it. */
				page = st->npages++;
				sid = hist_page_move(st, path, page);
			}
			hist_ev_add(st, HIST_MODIFIED, crec, page, sid,
			    HIST_NOSTR, HIST_NOSTR);
			break;
		case 'D':
			if (o != HIST_NONE)
				break;	/* the added side tells */
			page = hist_page_take(st, path, &sid);
			hist_ev_add(st, HIST_REMOVED, crec, page, sid,
			    HIST_NOSTR, hist_title(w, st, &c->old, path));
			break;
		case 'A':
			if (o == HIST_NONE) {
				page = st->npages++;
				sid = hist_page_move(st, path, page);
				hist_ev_add(st, HIST_ADDED, crec, page, sid,
				    HIST_NOSTR, HIST_NOSTR);
				break;
			}
			page = hist_page_take(st, w->chg[o].path + w->pfxlen,
			    &osid);
			sid = hist_page_move(st, path, page);
			hist_ev_add(st, c->exact ? HIST_RENAMED :
			    HIST_MODIFIED, crec, page, sid, osid, HIST_NOSTR);
			break;
		}
	}
}

/* ---- the walk ---- */

static int
hist_oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/*
 * The commits a shallow clone cut off below (<commondir>/shallow): they
 * are roots here, as they are for git log.  The file's hash is part of
 * the cache key: deepening the clone changes the history.
 */
void
hist_shallow_load(git_repository *repo, struct hist_shallow *sh)
{
	struct buf	 b = BUF_INIT;
	const char	*s, *e, *nl;
	char		*file;
	size_t		 cap = 0;

	memset(sh, 0, sizeof(*sh));
	file = fs_join(git_repository_commondir(repo), "shallow");
	if (fs_read(file, HIST_CACHE_MAX, &b) == 0) {
		sh->key = hash64(b.data, b.len, 0) | 1;
		for (s = b.data, e = s + b.len; s != NULL && s < e;
		    s = nl ? nl + 1 : NULL) {
			nl = memchr(s, '\n', (size_t)(e - s));
			ARRAY_GROW(sh->ids, sh->n, cap, 8);
			if (hist_hexoid(&sh->ids[sh->n], s, (size_t)((nl ?
			    nl : e) - s)) == 0)
				sh->n++;
		}
		if (sh->n > 1)
			qsort(sh->ids, sh->n, sizeof(*sh->ids), hist_oid_cmp);
	}
	buf_free(&b);
	free(file);
}

/*
 * Reads the first-parent chain from `tip` down to the root, a shallow
 * boundary, or `stop` (the cached tip, not included): newest first.
 * *resumed says whether `stop` was met.
 */
int
hist_chain(struct hist_walk *w, const git_oid *tip, const git_oid *stop,
    const struct hist_shallow *sh, int shallow, struct hist_commit **out,
    size_t *nout, int *resumed)
{
	struct hist_commit *cs = NULL, *c;
	git_odb_object	*obj;
	git_oid		 id = *tip, parent;
	size_t		 n = 0, cap = 0;
	int		 has_parent, rc = -1;
	char		 hex[41];

	*resumed = 0;
	for (;;) {
		if (stop != NULL && git_oid_equal(&id, stop)) {
			*resumed = 1;
			break;
		}
		obj = NULL;
		if (git_odb_read(&obj, w->odb, &id) != 0 ||
		    git_odb_object_type(obj) != GIT_OBJECT_COMMIT) {
			git_odb_object_free(obj);
			/* A shallow clone may lack what its file names. */
			if (shallow && n > 0) {
				cs[n - 1].root = 1;
				break;
			}
			git_oid_tostr(hex, sizeof(hex), &id);
			diag_err(w->d, NULL, 0, 0, "kho git bị hỏng: không đọc "
			    "được commit %s (%s); hãy chạy “git fsck” để kiểm "
			    "tra kho", hex, hist_giterr());
			goto out;
		}
		ARRAY_GROW(cs, n, cap, 256);
		c = &cs[n++];
		memset(c, 0, sizeof(*c));
		c->id = id;
		if (hist_parse_commit(w->pool, git_odb_object_data(obj),
		    git_odb_object_size(obj), c, &parent, &has_parent) == -1) {
			git_odb_object_free(obj);
			git_oid_tostr(hex, sizeof(hex), &id);
			diag_err(w->d, NULL, 0, 0, "kho git bị hỏng: commit %s "
			    "không đọc được; hãy chạy “git fsck” để kiểm tra "
			    "kho", hex);
			goto out;
		}
		git_odb_object_free(obj);
		if (!has_parent || (sh->n > 0 && bsearch(&id, sh->ids, sh->n,
		    sizeof(*sh->ids), hist_oid_cmp) != NULL)) {
			c->root = 1;
			break;
		}
		id = parent;
	}
	rc = 0;
out:
	if (rc == -1) {
		free(cs);
		cs = NULL;
		n = 0;
	}
	*out = cs;
	*nout = n;
	return rc;
}

/* Whether the commit both added and deleted pages (that may pair). */
static int
hist_maybe_renamed(const struct hist_walk *w)
{
	size_t	 i;
	int	 a = 0, d = 0;

	for (i = 0; i < w->nchg && !(a && d); i++) {
		a |= w->chg[i].cand && w->chg[i].kind == 'A';
		d |= w->chg[i].cand && w->chg[i].kind == 'D';
	}
	return a && d;
}

/*
 * The other files added and deleted, which git pairs with pages too.
 * Only needed when pages may pair, so most commits never look outside
 * content/ and plans/.
 */
static int
hist_others(struct hist_walk *w, const git_oid *a, const git_oid *b)
{
	int	 rc;

	w->others = 1;
	rc = hist_diff(w, a, b, 0, w->npfx > 0 ? HIST_Z_ABOVE : HIST_Z_ROOT);
	w->others = 0;
	return rc;
}

/* Compares each commit of cs (newest first) with the one before it. */
int
hist_walk_commits(struct hist_walk *w, struct hist_state *st,
    struct hist_commit *cs, size_t n, const git_oid *base)
{
	const git_oid	*prev = base;
	size_t		 i;
	int		 top = w->npfx > 0 ? HIST_Z_ABOVE : HIST_Z_ROOT;

	for (i = n; i-- > 0;) {
		w->step++;
		if (cs[i].root)
			prev = NULL;
		if (hist_diff(w, prev, &cs[i].tree, 0, top) == -1 ||
		    (hist_maybe_renamed(w) && hist_others(w, prev,
		    &cs[i].tree) == -1)) {
			hist_chg_clear(w);
			return -1;
		}
		hist_apply(st, w, &cs[i], st->ncommits++);
		hist_chg_clear(w);
		hist_tc_sweep(&w->tc, w->step);
		prev = &cs[i].tree;
	}
	git_oid_tostr(st->tip, sizeof(st->tip), &cs[0].id);
	return 0;
}

/* ---- setting up ---- */

/* The prefix's folders, "site/x/" -> "site", "x", to enter them. */
static void
hist_split_prefix(const char *prefix, struct hist_walk *w)
{
	const char	*s, *e;
	size_t		 cap = 0;

	for (s = prefix; *s != '\0'; s = *e ? e + 1 : e) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s)
			continue;
		ARRAY_GROW(w->pfx, w->npfx, cap, 4);
		w->pfx[w->npfx++] = xstrndup(s, (size_t)(e - s));
		w->pfxlen += (size_t)(e - s) + 1;
	}
}

int
hist_walk_init(struct hist_walk *w, git_repository *repo, const char *prefix,
    struct hist_pool *scratch, struct diag *d)
{
	memset(w, 0, sizeof(*w));
	w->pool = scratch;
	w->d = d;
	if (git_repository_odb(&w->odb, repo) != 0) {
		diag_err(d, NULL, 0, 0, "không đọc được kho git (%s); hãy "
		    "kiểm tra kho bằng “git fsck”", hist_giterr());
		return -1;
	}
	hist_split_prefix(prefix, w);
	hist_tc_init(&w->tc, 0);
	return 0;
}

void
hist_walk_free(struct hist_walk *w)
{
	size_t	 i;

	hist_tc_free(&w->tc);
	hist_chg_clear(w);
	free(w->chg);
	buf_free(&w->path);
	for (i = 0; i < w->npfx; i++)
		free(w->pfx[i]);
	free(w->pfx);
	git_odb_free(w->odb);
	memset(w, 0, sizeof(*w));
}
