/*
 * history.c - the git history pass; see history.h and docs/history.md.
 *
 * Speed (measured in /work/shared/notes/libgit2-history-speed.md): one
 * walk down the first-parent chain; commits and trees are read as raw
 * objects with git_odb_read and parsed here, not built into git_commit /
 * git_tree objects nor run through the diff machinery; two trees are
 * compared entry by entry and a subtree whose id did not change is never
 * opened.  Strict hash verification and the object cache are turned off
 * (process-wide libgit2 options): every object is needed about once.
 *
 * The walk first reads the chain newest to oldest (commit objects only),
 * then compares trees oldest to newest, so that pages can be followed
 * through renames as they happen.  The state that makes this possible
 * (events so far; a page's path is that of its last event) is what the
 * cache keeps, so a later build applies only the new commits on top.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "fs.h"
#include "history.h"
#include "util.h"
#include "value.h"

/*
 * Bump when the cache layout or the meaning of its contents changes
 * (2: renames decided as git diff -M decides them).
 */
#define HIST_CACHE_VERSION	2
#define HIST_CACHE_MAGIC	"CCHCHIST"
#define HIST_CACHE_HEAD		(8 + 4 + 8 + 8)
#define HIST_CACHE_MAX		((size_t)1 << 30)
/*
 * Rename detection as git's diffcore-rename.c does it (docs/history.md):
 * scores out of HIST_MAX_SCORE, a rename from HIST_MIN_SCORE (50 %), a
 * pair of unique basenames from HIST_BASENAME_SCORE (75 %).  Past
 * HIST_RENAME_LIMIT^2 deleted x added files left after the exact and
 * basename passes, only those two count (git's diff.renameLimit default,
 * so that a mass import does not compare every pair).
 */
#define HIST_MAX_SCORE		60000
#define HIST_MIN_SCORE		30000
#define HIST_BASENAME_SCORE	(HIST_MIN_SCORE + \
				 (HIST_MAX_SCORE - HIST_MIN_SCORE) / 2)
#define HIST_RENAME_LIMIT	1000
/* Candidates kept per added file, identical candidates looked at. */
#define HIST_KEEP		4
#define HIST_SAME_TRIES		100
/* Chunks of the similarity index: a line, or 64 bytes; hash modulus. */
#define HIST_SPAN_MAX		64
#define HIST_SPAN_BASE		107927
/* Bytes looked at for a NUL that makes a blob binary (as git). */
#define HIST_BINARY_PEEK	8000
#define HIST_NONE		((size_t)-1)
#define HIST_NOSTR		UINT32_MAX

#define HIST_IS_TREE(m)		(((m) & 0170000) == 0040000)
/* Regular files and symlinks; a gitlink (submodule) is no page. */
#define HIST_IS_FILE(m)		(((m) & 0170000) == 0100000 || \
				 ((m) & 0170000) == 0120000)

/*
 * Strings that outlive a step live in pools freed at once: the result's
 * strings in one that the history keeps (a loaded cache file joins it
 * whole, its strings NUL-terminated in place), commit texts and changed
 * paths in a scratch one.  A warm build copies and frees no string one
 * by one.
 */
struct hist_pool {
	char		**blocks;
	size_t		 nblocks, cap;
	char		*cur;
	size_t		 left;
};

#define HIST_POOL_CHUNK	65536

/* What history->priv holds. */
struct hist_priv {
	struct hist_pool pool;
	struct hist_event **evptrs;	/* all hist_file.events arrays */
	int		 git;		/* holds a git_libgit2_init */
};

/* One commit of the chain, read before the trees are compared. */
struct hist_commit {
	git_oid		 id;
	git_oid		 tree;
	long long	 time;
	int		 tz;
	int		 root;		/* compare with the empty tree */
	char		*author;	/* scratch pool */
	char		*subject;
};

/* A commit that carries events (the cache keeps only these). */
struct hist_crec {
	git_oid		 oid;
	char		 id[41];
	long long	 time;
	int		 tz;
	size_t		 seq;		/* position in the chain, 0 = oldest */
	uint32_t	 author;	/* string ids */
	uint32_t	 subject;
};

struct hist_ev {
	int		 kind;
	size_t		 crec;
	size_t		 page;
	uint32_t	 path;		/* string ids, HIST_NOSTR for none */
	uint32_t	 old_path;
	uint32_t	 title;
};

/* Path -> page (and the path's string id), open addressing. */
struct hist_slot {
	char		*key;		/* NULL empty, hist_tomb deleted */
	size_t		 page;
	uint32_t	 sid;
};

struct hist_map {
	struct hist_slot *slots;
	size_t		 cap;
	size_t		 used;		/* live + tombstones */
	size_t		 n;
};

/* A live page, in the list sorted by path. */
struct hist_live {
	char		*path;
	size_t		 page;
	uint32_t	 sid;
};

/* Text -> string id, for the strings this call adds. */
struct hist_imap {
	uint32_t	*slots;		/* id + 1; 0 is empty */
	size_t		 cap, n;
};

/*
 * Everything needed to go on from `tip`: what the cache stores.  Strings
 * are numbered in one table; events and commits refer to them by id.
 */
struct hist_state {
	char		 tip[41];
	size_t		 ncommits;	/* chain length = next seq */
	size_t		 npages;
	char		**strs;
	size_t		 nstrs, strs_cap;
	struct hist_crec *crecs;
	size_t		 ncrecs, crecs_cap;
	struct hist_ev	*evs;
	size_t		 nevs, evs_cap;
	struct hist_map	 live;		/* built only to apply commits */
	int		 have_map;
	struct hist_live *order;	/* live pages by path, as loaded */
	size_t		 norder;
	struct hist_imap intern;
	struct hist_pool *pool;		/* the kept pool */
	/* The loaded cache's strings, commits and events, byte ranges
	   that a new cache copies as they are (only appends follow). */
	const unsigned char *sec[3];
	size_t		 seclen[3], secn[3];
	size_t		 size_hint;	/* bytes of the cache loaded */
};

/* A chunk hash of a blob and the bytes in chunks with that hash. */
struct hist_span {
	uint32_t	 hash;
	uint32_t	 cnt;
};

/*
 * One change between two trees.  Pages make events; other files that
 * were added or deleted take part in rename detection only, as they do
 * in git (a page may be "renamed" to one of them).
 */
struct hist_chg {
	char		 kind;		/* 'A', 'D', 'M' */
	char		 page;		/* a source page */
	char		 cand;		/* may be one side of a rename */
	unsigned	 mode;		/* of the side that exists */
	char		*path;		/* from the work tree's top, scratch */
	git_oid		 old, new;
	size_t		 pair;		/* rename partner, or HIST_NONE */
	int		 exact;		/* partner has the same blob */
	/* The similarity index, read when first needed. */
	int		 sized, spanned;
	size_t		 size;
	struct hist_span *spans;	/* sorted by hash, one per hash */
	size_t		 nspans;
};
/* Trees loaded for the current commit; see hist_tree_load. */
struct hist_tslot {
	git_odb_object	*obj;
	unsigned	 gen;
};

struct hist_tcache {
	struct hist_tslot *slots;
	size_t		 cap, n;
};

struct hist_tent {
	const char	*name;
	size_t		 nlen;
	unsigned	 mode;
	const git_oid	*oid;
};

struct hist_titer {
	const unsigned char *p, *end;
};

struct hist_walk {
	git_odb		*odb;
	char		**pfx;		/* prefix components */
	size_t		 npfx;
	size_t		 pfxlen;	/* bytes of "site/" before a page path */
	int		 others;	/* second pass: files that are no pages */
	struct buf	 path;		/* current folder, from the top */
	struct hist_chg	*chg;
	size_t		 nchg, chgcap;
	struct hist_tcache tc;
	unsigned	 step;
	struct hist_pool *pool;		/* scratch */
	struct diag	*d;
};

static char hist_tomb[1];

static const char *
hist_giterr(void)
{
	const git_error	*e = git_error_last();

	return e != NULL && e->message != NULL ? e->message : "lỗi không rõ";
}

#define HIST_FNV_INIT	0xcbf29ce484222325ULL
#define HIST_FNV_PRIME	0x100000001b3ULL

static uint64_t
hist_fnv(const void *p, size_t n, uint64_t h)
{
	const unsigned char	*s = p;

	while (n-- > 0) {
		h ^= *s++;
		h *= HIST_FNV_PRIME;
	}
	return h;
}

/*
 * The cache checksum: FNV-1a 64 taken over 8-byte words (host order),
 * then over the tail bytes: eight times fewer multiplications than byte
 * by byte.  A change in any one word changes the sum (xor, then an odd
 * multiplier: both one-to-one).
 */
static uint64_t
hist_sum(const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 h = HIST_FNV_INIT, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * HIST_FNV_PRIME;
	}
	return hist_fnv(s, n, h);
}

static void
hist_pool_own(struct hist_pool *p, char *block)
{
	if (p->nblocks == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->blocks = xreallocarray(p->blocks, p->cap,
		    sizeof(*p->blocks));
	}
	p->blocks[p->nblocks++] = block;
}

static char *
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

static char *
hist_pool_strn(struct hist_pool *p, const char *s, size_t n)
{
	char	*r = hist_pool_alloc(p, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static void
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
static char *
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
	return hist_sum(s, strlen(s));
}

static struct hist_slot *
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
	if (st->nstrs == st->strs_cap) {
		st->strs_cap = st->strs_cap ? st->strs_cap * 2 : 256;
		st->strs = xreallocarray(st->strs, st->strs_cap,
		    sizeof(*st->strs));
	}
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
	for (i = hist_sum(s, n) & (m->cap - 1);
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

static uint32_t
hist_intern_str(struct hist_state *st, const char *s)
{
	return hist_intern(st, s, strlen(s));
}

/* The pool and the strings in it are not the state's to free. */
static void
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

static size_t
hist_crec_add(struct hist_state *st, const struct hist_commit *c,
    size_t seq)
{
	struct hist_crec *r;

	if (st->ncrecs == st->crecs_cap) {
		st->crecs_cap = st->crecs_cap ? st->crecs_cap * 2 : 64;
		st->crecs = xreallocarray(st->crecs, st->crecs_cap,
		    sizeof(*st->crecs));
	}
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

static void
hist_ev_add(struct hist_state *st, int kind, size_t crec, size_t page,
    uint32_t path, uint32_t old_path, uint32_t title)
{
	struct hist_ev	*e;

	if (st->nevs == st->evs_cap) {
		st->evs_cap = st->evs_cap ? st->evs_cap * 2 : 256;
		st->evs = xreallocarray(st->evs, st->evs_cap,
		    sizeof(*st->evs));
	}
	e = &st->evs[st->nevs++];
	e->kind = kind;
	e->crec = crec;
	e->page = page;
	e->path = path;
	e->old_path = old_path;
	e->title = title;
}

/* ---- raw objects ---- */

static int
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
static int
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

	if (w->nchg == w->chgcap) {
		w->chgcap = w->chgcap ? w->chgcap * 2 : 32;
		w->chg = xreallocarray(w->chg, w->chgcap, sizeof(*w->chg));
	}
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

/* ---- renames ---- */

/*
 * What follows decides renames as `git diff -M` (and so `git log -M`)
 * does, from reading git's diffcore-rename.c and diffcore-delta.c: same
 * candidates, same similarity index, same order of passes and the same
 * ties, so that the audit trail says what git says.
 */

#define HIST_IS_REG(m)		(((m) & 0170000) == 0100000)

/* Blob size, from the object header only; 0 if it cannot be read. */
static size_t
hist_sim_size(struct hist_walk *w, struct hist_chg *c)
{
	git_object_t	 type;
	size_t		 size;

	if (!c->sized) {
		c->sized = 1;
		if (git_odb_read_header(&size, &type, w->odb, c->kind == 'D' ?
		    &c->old : &c->new) == 0 && type == GIT_OBJECT_BLOB)
			c->size = size;
	}
	return c->size;
}

static int
hist_span_cmp(const void *a, const void *b)
{
	uint32_t	 x = ((const struct hist_span *)a)->hash;
	uint32_t	 y = ((const struct hist_span *)b)->hash;

	return (x > y) - (x < y);
}

static void
hist_span_push(struct hist_chg *c, size_t *cap, uint32_t hash, uint32_t n)
{
	if (c->nspans == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		c->spans = xreallocarray(c->spans, *cap, sizeof(*c->spans));
	}
	c->spans[c->nspans].hash = hash;
	c->spans[c->nspans++].cnt = n;
}

/*
 * git's similarity index of a blob: the blob cut into chunks that end
 * after a newline or at 64 bytes, each hashed (git's rolling hash, modulo
 * a prime, so unlike chunks may share a hash: git counts them as alike
 * and so do we) and counted by its bytes.  In a text blob (no NUL in the
 * first 8000 bytes) a CR before an LF is not counted, so CRLF and LF
 * copies are alike.  The last chunk counts even without a newline, as
 * since git 2.44 (older git drops it).
 */
static void
hist_sim_spans(struct hist_walk *w, struct hist_chg *c)
{
	git_odb_object	*obj;
	const unsigned char *s, *e;
	uint32_t	 a1 = 0, a2 = 0, o1, n = 0;
	size_t		 cap = 0, i, k;
	int		 text;

	if (c->spanned)
		return;
	c->spanned = 1;
	if (git_odb_read(&obj, w->odb, c->kind == 'D' ? &c->old : &c->new) != 0)
		return;
	s = git_odb_object_data(obj);
	e = s + git_odb_object_size(obj);
	text = memchr(s, '\0', (size_t)(e - s) < HIST_BINARY_PEEK ?
	    (size_t)(e - s) : HIST_BINARY_PEEK) == NULL;
	for (; s < e; s++) {
		if (text && *s == '\r' && s + 1 < e && s[1] == '\n')
			continue;
		o1 = a1;
		a1 = (a1 << 7) ^ (a2 >> 25);
		a2 = (a2 << 7) ^ (o1 >> 25);
		a1 += *s;
		if (++n < HIST_SPAN_MAX && *s != '\n')
			continue;
		hist_span_push(c, &cap, (a1 + a2 * 0x61) % HIST_SPAN_BASE, n);
		n = a1 = a2 = 0;
	}
	if (n > 0)
		hist_span_push(c, &cap, (a1 + a2 * 0x61) % HIST_SPAN_BASE, n);
	git_odb_object_free(obj);
	if (c->nspans > 1)
		qsort(c->spans, c->nspans, sizeof(*c->spans), hist_span_cmp);
	/* One entry per hash, its bytes added up. */
	for (i = k = 0; i < c->nspans; i++)
		if (k > 0 && c->spans[k - 1].hash == c->spans[i].hash)
			c->spans[k - 1].cnt += c->spans[i].cnt;
		else
			c->spans[k++] = c->spans[i];
	c->nspans = k;
}

/*
 * How much of `dst` comes from `src`, out of HIST_MAX_SCORE: the bytes
 * copied (per hash, the lesser count) over the larger size.  Only regular
 * files; sizes too far apart to reach `min` are not read.
 */
static unsigned
hist_similarity(struct hist_walk *w, struct hist_chg *src,
    struct hist_chg *dst, unsigned min)
{
	uint64_t	 ss, ds, big, small, copied = 0;
	size_t		 i = 0, k = 0;

	if (!HIST_IS_REG(src->mode) || !HIST_IS_REG(dst->mode))
		return 0;
	ss = hist_sim_size(w, src);
	ds = hist_sim_size(w, dst);
	big = ss > ds ? ss : ds;
	small = ss < ds ? ss : ds;
	if (big * (HIST_MAX_SCORE - min) < (big - small) * HIST_MAX_SCORE ||
	    ds == 0)
		return 0;
	hist_sim_spans(w, src);
	hist_sim_spans(w, dst);
	while (i < src->nspans && k < dst->nspans) {
		if (src->spans[i].hash < dst->spans[k].hash)
			i++;
		else if (src->spans[i].hash > dst->spans[k].hash)
			k++;
		else {
			copied += src->spans[i].cnt < dst->spans[k].cnt ?
			    src->spans[i].cnt : dst->spans[k].cnt;
			i++, k++;
		}
	}
	return (unsigned)(copied * HIST_MAX_SCORE / big);
}

static const char *
hist_basename(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static int
hist_same_basename(const char *a, const char *b)
{
	return strcmp(hist_basename(a), hist_basename(b)) == 0;
}

static void
hist_pair(struct hist_chg *c, size_t d, size_t a)
{
	c[d].pair = a;
	c[a].pair = d;
	c[d].exact = c[a].exact = git_oid_equal(&c[d].old, &c[a].new);
}

/* Deleted files by blob id, then in path order (their index). */
struct hist_byoid {
	const git_oid	*oid;
	size_t		 i;
};

static int
hist_byoid_cmp(const void *x_, const void *y_)
{
	const struct hist_byoid *x = x_, *y = y_;
	int		 c = git_oid_cmp(x->oid, y->oid);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/*
 * Identical blobs.  Each added file in path order takes, among the
 * unpaired deleted ones with its blob (in path order; a symlink only
 * with a symlink), the first with its basename, else the first; git
 * gives up looking after 100 candidates.
 */
static void
hist_exact(struct hist_chg *c, const size_t *src, size_t ns,
    const size_t *dst, size_t nd)
{
	struct hist_byoid *by, key;
	size_t		 i, k, lo, hi, best, s, tries;
	int		 score, bscore;

	by = xcalloc(ns, sizeof(*by));
	for (i = 0; i < ns; i++)
		by[i] = (struct hist_byoid){ &c[src[i]].old, src[i] };
	qsort(by, ns, sizeof(*by), hist_byoid_cmp);
	for (k = 0; k < nd; k++) {
		key = (struct hist_byoid){ &c[dst[k]].new, 0 };
		for (lo = 0, hi = ns; lo < hi;) {
			i = lo + (hi - lo) / 2;
			if (hist_byoid_cmp(&by[i], &key) < 0)
				lo = i + 1;
			else
				hi = i;
		}
		best = HIST_NONE;
		bscore = -1;
		tries = HIST_SAME_TRIES;
		for (i = lo; i < ns && git_oid_equal(by[i].oid, key.oid); i++) {
			s = by[i].i;
			if ((!HIST_IS_REG(c[s].mode) ||
			    !HIST_IS_REG(c[dst[k]].mode)) &&
			    c[s].mode != c[dst[k]].mode)
				continue;
			if (c[s].pair != HIST_NONE)
				continue;
			score = 1 + hist_same_basename(c[s].path, c[dst[k]].path);
			if (score > bscore) {
				best = s;
				bscore = score;
				if (score == 2)
					break;
			}
			if (--tries == 0)
				break;
		}
		if (best != HIST_NONE)
			hist_pair(c, best, dst[k]);
	}
	free(by);
}

/* Drops the paired ones from a list of change indices, in order. */
static size_t
hist_unpaired(const struct hist_chg *c, size_t *v, size_t n)
{
	size_t	 i, m;

	for (i = m = 0; i < n; i++)
		if (c[v[i]].pair == HIST_NONE)
			v[m++] = v[i];
	return m;
}

struct hist_byname {
	const char	*base;
	size_t		 i;
};

static int
hist_byname_cmp(const void *x_, const void *y_)
{
	const struct hist_byname *x = x_, *y = y_;

	return strcmp(x->base, y->base);
}

/* The files of v whose basename no other file of v has, by basename. */
static size_t
hist_unique_names(const struct hist_chg *c, const size_t *v, size_t n,
    struct hist_byname *out)
{
	size_t	 i, m = 0;

	for (i = 0; i < n; i++)
		out[i] = (struct hist_byname){ hist_basename(c[v[i]].path),
		    v[i] };
	qsort(out, n, sizeof(*out), hist_byname_cmp);
	for (i = 0; i < n; i++)
		if ((i == 0 || strcmp(out[i - 1].base, out[i].base) != 0) &&
		    (i + 1 == n || strcmp(out[i + 1].base, out[i].base) != 0))
			out[m++] = out[i];
	return m;
}

/*
 * git >= 2.33: a deleted and an added file whose basename is unique on
 * each side are a rename when at least 75 % similar, before any other
 * pair is scored.
 */
static void
hist_basenames(struct hist_walk *w, const size_t *src, size_t ns,
    const size_t *dst, size_t nd)
{
	struct hist_byname *bs, *bd;
	size_t		 ms, md, i = 0, k = 0;
	int		 r;

	bs = xcalloc(ns, sizeof(*bs));
	bd = xcalloc(nd, sizeof(*bd));
	ms = hist_unique_names(w->chg, src, ns, bs);
	md = hist_unique_names(w->chg, dst, nd, bd);
	while (i < ms && k < md) {
		if ((r = strcmp(bs[i].base, bd[k].base)) < 0)
			i++;
		else if (r > 0)
			k++;
		else {
			if (hist_similarity(w, &w->chg[bs[i].i],
			    &w->chg[bd[k].i], HIST_BASENAME_SCORE) >=
			    HIST_BASENAME_SCORE)
				hist_pair(w->chg, bs[i].i, bd[k].i);
			i++, k++;
		}
	}
	free(bs);
	free(bd);
}

/* A scored pair; dst HIST_NONE for an empty place. */
struct hist_score {
	size_t		 src, dst, ord;
	unsigned	 score;
	int		 name;		/* same basename */
};

/* Better first: higher score, then same basename; empty places last. */
static int
hist_score_cmp(const struct hist_score *a, const struct hist_score *b)
{
	if (a->dst == HIST_NONE || b->dst == HIST_NONE)
		return (a->dst == HIST_NONE) - (b->dst == HIST_NONE);
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return b->name - a->name;
}

/* The same, stable (git sorts stably): then by place in the matrix. */
static int
hist_score_qcmp(const void *a_, const void *b_)
{
	const struct hist_score *a = a_, *b = b_;
	int		 c = hist_score_cmp(a, b);

	return c != 0 ? c : (a->ord > b->ord) - (a->ord < b->ord);
}

/* Keeps one of an added file's best candidates: replaces a worse one. */
static void
hist_keep(struct hist_score *m, const struct hist_score *o)
{
	size_t	 i, worst = 0;

	for (i = 1; i < HIST_KEEP; i++)
		if (hist_score_cmp(&m[i], &m[worst]) > 0)
			worst = i;
	if (hist_score_cmp(&m[worst], o) > 0)
		m[worst] = *o;
}

/*
 * Every deleted x added file left: each added file keeps its four best
 * candidates; all of them, best first, are paired greedily from 50 %.
 */
static void
hist_inexact(struct hist_walk *w, const size_t *src, size_t ns,
    const size_t *dst, size_t nd)
{
	struct hist_chg	*c = w->chg;
	struct hist_score *mx, *m, o;
	size_t		 i, k, n = nd * HIST_KEEP;

	mx = xcalloc(n, sizeof(*mx));
	for (k = 0; k < nd; k++) {
		m = &mx[k * HIST_KEEP];
		for (i = 0; i < HIST_KEEP; i++)
			m[i].dst = HIST_NONE;
		for (i = 0; i < ns; i++) {
			o.ord = 0;
			o.src = src[i];
			o.dst = dst[k];
			o.score = hist_similarity(w, &c[src[i]], &c[dst[k]],
			    HIST_MIN_SCORE);
			o.name = hist_same_basename(c[src[i]].path,
			    c[dst[k]].path);
			hist_keep(m, &o);
		}
	}
	for (i = 0; i < n; i++)
		mx[i].ord = i;
	qsort(mx, n, sizeof(*mx), hist_score_qcmp);
	for (i = 0; i < n && mx[i].dst != HIST_NONE &&
	    mx[i].score >= HIST_MIN_SCORE; i++)
		if (c[mx[i].dst].pair == HIST_NONE &&
		    c[mx[i].src].pair == HIST_NONE)
			hist_pair(c, mx[i].src, mx[i].dst);
	free(mx);
}

/*
 * Pairs deleted with added files as git does: identical blobs, then
 * unique basenames at 75 %, then (within the limit) the rest at 50 %.
 * Sources and destinations are taken in path order (w->chg is sorted).
 */
static void
hist_renames(struct hist_walk *w)
{
	struct hist_chg	*c = w->chg;
	size_t		*src, *dst, ns = 0, nd = 0, i;

	src = xcalloc(w->nchg, sizeof(*src));
	dst = xcalloc(w->nchg, sizeof(*dst));
	for (i = 0; i < w->nchg; i++)
		if (c[i].cand && c[i].kind == 'D')
			src[ns++] = i;
		else if (c[i].cand && c[i].kind == 'A')
			dst[nd++] = i;
	if (ns == 0 || nd == 0)
		goto out;
	hist_exact(c, src, ns, dst, nd);
	ns = hist_unpaired(c, src, ns);
	nd = hist_unpaired(c, dst, nd);
	if (ns == 0 || nd == 0)
		goto out;
	hist_basenames(w, src, ns, dst, nd);
	ns = hist_unpaired(c, src, ns);
	nd = hist_unpaired(c, dst, nd);
	if (ns == 0 || nd == 0 || (uint64_t)ns * nd >
	    (uint64_t)HIST_RENAME_LIMIT * HIST_RENAME_LIMIT)
		goto out;
	hist_inexact(w, src, ns, dst, nd);
out:
	free(src);
	free(dst);
}

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
	    (t = val_get_str(val_map_get(meta, "title"))) != NULL)
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
 * Takes the page at `path` off the map; a new page if there is none
 * (cannot happen with a consistent state).
 */
static size_t
hist_page_take(struct hist_state *st, const char *path, uint32_t *sid)
{
	size_t	 page;

	if ((page = hist_map_del(&st->live, path, sid)) != HIST_NONE)
		return page;
	*sid = hist_intern_str(st, path);
	return st->npages++;
}

/* `page` now lives at `path`. */
static uint32_t
hist_page_move(struct hist_state *st, const char *path, size_t page)
{
	uint32_t	 sid = hist_intern_str(st, path);

	hist_map_del(&st->live, path, NULL);
	hist_map_put(&st->live, st->strs[sid], page, sid);
	return sid;
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

struct hist_shallow {
	git_oid		*ids;		/* sorted */
	size_t		 n;
	uint64_t	 key;		/* hash of the file, 0 if none */
};

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
static void
hist_shallow_load(git_repository *repo, struct hist_shallow *sh)
{
	struct buf	 b = BUF_INIT;
	const char	*s, *e, *nl;
	char		*file;
	size_t		 cap = 0;

	memset(sh, 0, sizeof(*sh));
	file = fs_join(git_repository_commondir(repo), "shallow");
	if (fs_read(file, HIST_CACHE_MAX, &b) == 0) {
		sh->key = hist_fnv(b.data, b.len, HIST_FNV_INIT) | 1;
		for (s = b.data, e = s + b.len; s != NULL && s < e;
		    s = nl ? nl + 1 : NULL) {
			nl = memchr(s, '\n', (size_t)(e - s));
			if (sh->n == cap) {
				cap = cap ? cap * 2 : 8;
				sh->ids = xreallocarray(sh->ids, cap,
				    sizeof(*sh->ids));
			}
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
static int
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
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			cs = xreallocarray(cs, cap, sizeof(*cs));
		}
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
static int
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

/* ---- cache ---- */

/* n more bytes at the end of b (the caller fills them). */
static unsigned char *
hist_wr(struct buf *b, size_t n)
{
	unsigned char	*p;

	if (b->cap - b->len < n + 1)
		buf_grow(b, n);
	p = (unsigned char *)b->data + b->len;
	b->len += n;
	return p;
}

static void
hist_le(unsigned char *p, uint64_t v, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void
hist_put(struct buf *b, uint64_t v, int n)
{
	hist_le(hist_wr(b, (size_t)n), v, n);
}

/* Length, bytes and a NUL, so that a loaded cache is used in place. */
static void
hist_putstr(struct buf *b, const char *s)
{
	size_t		 n = strlen(s);
	unsigned char	*p = hist_wr(b, 4 + n + 1);

	hist_le(p, n, 4);
	memcpy(p + 4, s, n + 1);
}

struct hist_rd {
	const unsigned char *p, *end;
	int		 bad;
};

static uint64_t
hist_get(struct hist_rd *r, int n)
{
	uint64_t	 v = 0;
	int		 i;

	if (r->bad || r->end - r->p < n) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += n;
	return v;
}

/* A string of the buffer itself, checked: no NUL inside, one after. */
static char *
hist_getstr(struct hist_rd *r)
{
	uint64_t	 n = hist_get(r, 4);
	char		*s;

	if (r->bad || (uint64_t)(r->end - r->p) <= n || r->p[n] != '\0' ||
	    memchr(r->p, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	/* The buffer is ours (see hist_cache_load): mutable. */
	s = (char *)(uintptr_t)r->p;
	r->p += n + 1;
	return s;
}

/* A count that the remaining bytes could possibly hold. */
static size_t
hist_getcount(struct hist_rd *r, size_t minsize)
{
	uint64_t	 n = hist_get(r, 4);

	if (r->bad || n > (uint64_t)(r->end - r->p) / minsize) {
		r->bad = 1;
		return 0;
	}
	return n;
}

/* A string id read from the cache: valid, or HIST_NOSTR if allowed. */
static uint32_t
hist_getsid(struct hist_rd *r, const struct hist_state *st, int nullable)
{
	uint32_t	 id = (uint32_t)hist_get(r, 4);

	if (id >= st->nstrs && !(nullable && id == HIST_NOSTR))
		r->bad = 1;
	return id;
}

static int
hist_is_hex40(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return s[40] == '\0';
}

/*
 * The cache body (see docs/history.md): key, string table, commits with
 * events, events, live pages by path.  Integers are little-endian.  What
 * came from a loaded cache is copied as bytes: the state only grows.
 */
static void
hist_cache_body(const struct hist_state *st, const char *prefix,
    uint64_t skey, const struct hist_live *live, size_t nlive, struct buf *b)
{
	unsigned char	*p;
	size_t		 i;

	hist_putstr(b, prefix);
	hist_putstr(b, st->tip);
	hist_put(b, skey, 8);
	hist_put(b, st->ncommits, 8);
	hist_put(b, st->npages, 8);
	hist_put(b, st->nstrs, 4);
	if (st->seclen[0] > 0)
		memcpy(hist_wr(b, st->seclen[0]), st->sec[0],
		    st->seclen[0]);
	for (i = st->secn[0]; i < st->nstrs; i++)
		hist_putstr(b, st->strs[i]);
	hist_put(b, st->ncrecs, 4);
	if (st->seclen[1] > 0)
		memcpy(hist_wr(b, st->seclen[1]), st->sec[1],
		    st->seclen[1]);
	for (i = st->secn[1]; i < st->ncrecs; i++) {
		const struct hist_crec *c = &st->crecs[i];

		p = hist_wr(b, 20 + 8 + 4 + 8 + 4 + 4);
		memcpy(p, c->oid.id, 20);
		hist_le(p + 20, (uint64_t)c->time, 8);
		hist_le(p + 28, (uint32_t)c->tz, 4);
		hist_le(p + 32, c->seq, 8);
		hist_le(p + 40, c->author, 4);
		hist_le(p + 44, c->subject, 4);
	}
	hist_put(b, st->nevs, 4);
	if (st->seclen[2] > 0)
		memcpy(hist_wr(b, st->seclen[2]), st->sec[2],
		    st->seclen[2]);
	for (i = st->secn[2]; i < st->nevs; i++) {
		const struct hist_ev *e = &st->evs[i];

		p = hist_wr(b, 1 + 4 + 4 + 4 + 4 + 4);
		p[0] = (unsigned char)e->kind;
		hist_le(p + 1, e->crec, 4);
		hist_le(p + 5, e->page, 4);
		hist_le(p + 9, e->path, 4);
		hist_le(p + 13, e->old_path, 4);
		hist_le(p + 17, e->title, 4);
	}
	hist_put(b, nlive, 4);
	for (i = 0; i < nlive; i++) {
		p = hist_wr(b, 8);
		hist_le(p, live[i].page, 4);
		hist_le(p + 4, live[i].sid, 4);
	}
}

/*
 * Checks the loaded list of live pages against the events: exactly the
 * pages whose last event is not a removal, each at that event's path,
 * in strictly increasing path order (so no path twice).  0 or -1.
 */
static int
hist_order_check(struct hist_state *st)
{
	size_t	*last, i, n = 0;
	int	 rc = -1;

	last = xcalloc(st->npages ? st->npages : 1, sizeof(*last));
	for (i = 0; i < st->nevs; i++)
		last[st->evs[i].page] = i + 1;
	for (i = 0; i < st->npages; i++) {
		if (last[i] == 0)
			goto out;	/* every page starts with an event */
		n += st->evs[last[i] - 1].kind != HIST_REMOVED;
	}
	if (n != st->norder)
		goto out;
	for (i = 0; i < st->norder; i++) {
		struct hist_live *l = &st->order[i];
		const struct hist_ev *e;

		if (l->page >= st->npages || last[l->page] == 0 ||
		    (e = &st->evs[last[l->page] - 1])->kind == HIST_REMOVED ||
		    e->path != l->sid)
			goto out;
		last[l->page] = 0;	/* seen */
		l->path = st->strs[l->sid];
		if (i > 0 && strcmp(st->order[i - 1].path, l->path) >= 0)
			goto out;
	}
	rc = 0;
out:
	free(last);
	return rc;
}

/* The path map, from the loaded list, before commits are applied. */
static void
hist_map_from_order(struct hist_state *st)
{
	size_t	 i;

	hist_map_reserve(&st->live, st->norder);
	for (i = 0; i < st->norder; i++)
		hist_map_insert(&st->live, st->order[i].path,
		    st->order[i].page, st->order[i].sid);
	st->have_map = 1;
}

/* The whole file into b, read straight into place (max bytes). */
static int
hist_slurp(const char *file, size_t max, struct buf *b)
{
	struct stat	 sb;
	ssize_t		 r;
	int		 fd, rc = -1;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (uintmax_t)sb.st_size > max)
		goto out;
	buf_grow(b, (size_t)sb.st_size);
	for (;;) {
		if (b->cap - b->len < 2)
			buf_grow(b, 4096);
		if ((r = read(fd, b->data + b->len, b->cap - b->len - 1)) ==
		    -1 && errno == EINTR)
			continue;
		if (r < 0)
			goto out;
		if (r == 0)
			break;
		b->len += (size_t)r;
		if (b->len > max)
			goto out;
	}
	b->data[b->len] = '\0';
	rc = 0;
out:
	close(fd);
	return rc;
}

/*
 * The body of a cache file, b->data[off..len): used if made for this
 * prefix and shallow state; every count, index and the order of the live
 * list are checked, so a damaged file is dropped, never trusted.  On
 * success b's buffer joins the pool (st's strings point into it) and b is
 * left empty.  0 or -1.
 */
static int
hist_cache_parse(struct buf *b, size_t off, const char *prefix,
    uint64_t skey, struct hist_state *st)
{
	static const char hex[] = "0123456789abcdef";
	struct hist_rd	 r;
	const char	*s;
	size_t		 i, k, n;
	int		 rc = -1;

	r.p = (const unsigned char *)b->data + off;
	r.end = (const unsigned char *)b->data + b->len;
	r.bad = 0;
	if ((s = hist_getstr(&r)) == NULL || strcmp(s, prefix) != 0)
		goto out;
	if (!hist_is_hex40(s = hist_getstr(&r)))
		goto out;
	memcpy(st->tip, s, 41);
	if (hist_get(&r, 8) != skey)
		goto out;
	st->ncommits = hist_get(&r, 8);
	st->npages = hist_get(&r, 8);

	n = hist_getcount(&r, 4 + 1);
	st->strs = xreallocarray(NULL, n ? n : 1, sizeof(*st->strs));
	st->strs_cap = n ? n : 1;
	st->sec[0] = r.p;
	for (i = 0; i < n && !r.bad; i++)
		st->strs[st->nstrs++] = hist_getstr(&r);
	st->seclen[0] = (size_t)(r.p - st->sec[0]);

	n = hist_getcount(&r, 48);
	st->crecs = xreallocarray(NULL, n ? n : 1, sizeof(*st->crecs));
	st->crecs_cap = n ? n : 1;
	st->sec[1] = r.p;
	for (i = 0; i < n && !r.bad; i++) {
		struct hist_crec *c = &st->crecs[st->ncrecs++];

		memcpy(c->oid.id, r.p, 20);	/* counted: 48 bytes left */
		for (k = 0; k < 20; k++) {
			c->id[2 * k] = hex[r.p[k] >> 4];
			c->id[2 * k + 1] = hex[r.p[k] & 15];
		}
		c->id[40] = '\0';
		r.p += 20;
		c->time = (long long)hist_get(&r, 8);
		c->tz = (int)(int32_t)(uint32_t)hist_get(&r, 4);
		c->seq = hist_get(&r, 8);
		c->author = hist_getsid(&r, st, 0);
		c->subject = hist_getsid(&r, st, 0);
		if (c->seq >= st->ncommits || (i > 0 &&
		    c->seq <= st->crecs[i - 1].seq))
			r.bad = 1;
	}
	st->seclen[1] = (size_t)(r.p - st->sec[1]);

	n = hist_getcount(&r, 21);
	st->evs = xreallocarray(NULL, n ? n : 1, sizeof(*st->evs));
	st->evs_cap = n ? n : 1;
	st->sec[2] = r.p;
	for (i = 0; i < n && !r.bad; i++) {
		struct hist_ev *e = &st->evs[st->nevs++];

		e->kind = (int)hist_get(&r, 1);
		e->crec = hist_get(&r, 4);
		e->page = hist_get(&r, 4);
		e->path = hist_getsid(&r, st, 0);
		e->old_path = hist_getsid(&r, st, 1);
		e->title = hist_getsid(&r, st, 1);
		if (e->kind < HIST_ADDED || e->kind > HIST_REMOVED ||
		    e->crec >= st->ncrecs || e->page >= st->npages ||
		    (i > 0 && e->crec < st->evs[i - 1].crec))
			r.bad = 1;
	}
	st->seclen[2] = (size_t)(r.p - st->sec[2]);

	n = hist_getcount(&r, 8);
	st->order = xreallocarray(NULL, n ? n : 1, sizeof(*st->order));
	for (i = 0; i < n && !r.bad; i++) {
		st->order[i].page = hist_get(&r, 4);
		st->order[i].sid = (uint32_t)hist_get(&r, 4);
		st->order[i].path = NULL;
	}
	st->norder = n;
	if (r.bad || r.p != r.end || st->npages > st->nevs ||
	    hist_order_check(st) == -1)
		goto out;
	for (i = 0; i < 3; i++)
		st->secn[i] = i == 0 ? st->nstrs : i == 1 ? st->ncrecs :
		    st->nevs;
	st->size_hint = b->len;
	hist_pool_own(st->pool, buf_detach(b));
	rc = 0;
out:
	if (rc == -1) {
		struct hist_pool *pool = st->pool;

		hist_state_free(st);
		st->pool = pool;
	}
	return rc;
}

/*
 * Loads <dir>/history into st if it is whole (length, checksum, version)
 * and made for this prefix and shallow state; see hist_cache_parse.
 * 0 or -1.
 */
static int
hist_cache_load(const char *dir, const char *prefix, uint64_t skey,
    struct hist_state *st)
{
	struct buf	 b = BUF_INIT;
	struct hist_rd	 r;
	char		*file;
	uint64_t	 len, sum;
	int		 rc = -1;

	file = fs_join(dir, "history");
	if (hist_slurp(file, HIST_CACHE_MAX, &b) == -1 ||
	    b.len < HIST_CACHE_HEAD || memcmp(b.data, HIST_CACHE_MAGIC, 8) != 0)
		goto out;
	r.p = (const unsigned char *)b.data + 8;
	r.end = (const unsigned char *)b.data + b.len;
	r.bad = 0;
	if (hist_get(&r, 4) != HIST_CACHE_VERSION)
		goto out;
	len = hist_get(&r, 8);
	sum = hist_get(&r, 8);
	if (len != b.len - HIST_CACHE_HEAD || hist_sum(r.p, len) != sum)
		goto out;
	rc = hist_cache_parse(&b, HIST_CACHE_HEAD, prefix, skey, st);
out:
	buf_free(&b);
	free(file);
	return rc;
}

/*
 * Writes the cache beside itself and renames it into place, so a reader
 * sees the old file or the new one.  The folder gets a .gitignore of "*"
 * so that the cache never shows as an uncommitted change.
 */
static void
hist_cache_save(const char *dir, const char *prefix, uint64_t skey,
    const struct hist_state *st, const struct hist_live *live, size_t nlive,
    struct diag *d)
{
	struct buf	 b = BUF_INIT;
	char		*file = NULL, *tmp = NULL, *ign;
	const char	*what = NULL;
	unsigned char	*hd;
	int		 fd = -1, err = 0, made = 0, w;

	ign = fs_join(dir, ".gitignore");
	if (fs_mkdirs(dir) == -1) {
		what = dir;
		err = errno;
		goto out;
	}
	if (!fs_is_file(ign) && fs_write(ign, "*\n", 2) == -1) {
		what = ign;
		err = errno;
		goto out;
	}
	/* The header is filled in once the body is known. */
	buf_grow(&b, st->size_hint + 65536);
	(void)hist_wr(&b, HIST_CACHE_HEAD);
	hist_cache_body(st, prefix, skey, live, nlive, &b);
	b.data[b.len] = '\0';
	hd = (unsigned char *)b.data;
	memcpy(hd, HIST_CACHE_MAGIC, 8);
	hist_le(hd + 8, HIST_CACHE_VERSION, 4);
	hist_le(hd + 12, b.len - HIST_CACHE_HEAD, 8);
	hist_le(hd + 20, hist_sum(hd + HIST_CACHE_HEAD,
	    b.len - HIST_CACHE_HEAD), 8);
	file = fs_join(dir, "history");
	tmp = xasprintf("%s/.history.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) == -1) {
		what = tmp;
		err = errno;
		goto out;
	}
	made = 1;
	if (fs_write_all(fd, b.data, b.len) == -1) {
		what = tmp;
		err = errno;
		goto out;
	}
	/* mkstemp makes 0600; the cache is no secret of the repository's. */
	if (fchmod(fd, 0644) == -1) {
		what = tmp;
		err = errno;
		goto out;
	}
	w = close(fd);
	fd = -1;
	if (w == -1) {
		what = tmp;
		err = errno;
		goto out;
	}
	/*
	 * ext4 flushes a file renamed over another to disk (auto_da_alloc),
	 * ~1 ms here; a cache needs no such care, so the old one goes first.
	 * A reader then finds the old file, none (a full walk), or the new.
	 */
	if (unlink(file) == -1 && errno != ENOENT) {
		what = file;
		err = errno;
		goto out;
	}
	if (rename(tmp, file) == -1) {
		what = file;
		err = errno;
	} else
		made = 0;
out:
	if (fd != -1)
		close(fd);
	if (made)
		unlink(tmp);
	if (what != NULL)
		diag_warn(d, NULL, 0, 0, "không ghi được bộ nhớ đệm lịch sử "
		    "git “%s” (%s); lần dựng sau sẽ đọc lại toàn bộ lịch sử, "
		    "chậm hơn; hãy kiểm tra quyền ghi của thư mục “%s”", what,
		    strerror(err), dir);
	free(ign);
	free(file);
	free(tmp);
	buf_free(&b);
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
static struct hist_live *
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
static void
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

/* ---- repository ---- */

/* Opens the repository holding `root`; 0, 1 when there is none, or -1. */
static int
hist_open(const char *root, git_repository **repo, char **prefix,
    struct diag *d)
{
	const char	*wd;
	char		*rroot = NULL, *rwd = NULL;
	size_t		 n;
	int		 err, rc = -1;

	*repo = NULL;
	*prefix = NULL;
	if ((err = git_repository_open_ext(repo, root, 0, NULL)) != 0) {
		if (err == GIT_ENOTFOUND)
			rc = 1;
		else
			diag_err(d, NULL, 0, 0, "không mở được kho git chứa "
			    "thư mục nguồn (%s); hãy kiểm tra kho bằng “git "
			    "status”", hist_giterr());
		goto out;
	}
	/* A bare repository has no work tree for the source root to be in. */
	if ((wd = git_repository_workdir(*repo)) == NULL ||
	    (rroot = realpath(root, NULL)) == NULL ||
	    (rwd = realpath(wd, NULL)) == NULL) {
		rc = 1;
		goto out;
	}
	n = strlen(rwd);
	if (strcmp(rroot, rwd) == 0)
		*prefix = xstrdup("");
	else if (strncmp(rroot, rwd, n) == 0 && (rroot[n] == '/' ||
	    (n > 0 && rwd[n - 1] == '/')))
		*prefix = xasprintf("%s/", rroot + n + (rroot[n] == '/'));
	else {
		rc = 1;
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		git_repository_free(*repo);
		*repo = NULL;
	}
	free(rroot);
	free(rwd);
	return rc;
}

static void
hist_split_prefix(const char *prefix, struct hist_walk *w)
{
	const char	*s, *e;

	for (s = prefix; *s != '\0'; s = *e ? e + 1 : e) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s)
			continue;
		w->pfx = xreallocarray(w->pfx, w->npfx + 1, sizeof(*w->pfx));
		w->pfx[w->npfx++] = xstrndup(s, (size_t)(e - s));
		w->pfxlen += (size_t)(e - s) + 1;
	}
}

/* "main" for HEAD -> refs/heads/main (even unborn), else NULL. */
static char *
hist_branch(git_repository *repo, git_reference *ref)
{
	git_reference	*head = NULL, *res = NULL;
	const char	*t;
	char		*b = NULL;

	if (ref == NULL) {
		/* Unborn: HEAD names a branch that has no commit yet. */
		if (git_reference_lookup(&head, repo, "HEAD") == 0 &&
		    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
		    (t = git_reference_symbolic_target(head)) != NULL &&
		    str_has_prefix(t, "refs/heads/"))
			b = xstrdup(t + strlen("refs/heads/"));
		git_reference_free(head);
		return b;
	}
	if (git_reference_resolve(&res, ref) == 0 &&
	    git_reference_is_branch(res))
		b = xstrdup(git_reference_shorthand(res));
	git_reference_free(res);
	return b;
}

static int
hist_init(struct diag *d)
{
	int	 n;

	if ((n = git_libgit2_init()) < 0) {
		diag_err(d, NULL, 0, 0, "không khởi động được libgit2 (%s)",
		    hist_giterr());
		return -1;
	}
	/*
	 * Every object is read about once: hashing it again and caching it
	 * cost more than they give (see the notes in docs/history.md).
	 * Set by the first user only: the options are process-wide, and a
	 * build holds a reference (history_global_init) before any thread.
	 */
	if (n == 1 && (git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION,
	    0) < 0 || git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0) < 0)) {
		diag_err(d, NULL, 0, 0, "không đặt được tùy chọn libgit2 (%s)",
		    hist_giterr());
		git_libgit2_shutdown();
		return -1;
	}
	return 0;
}

int
history_global_init(struct diag *d)
{
	return hist_init(d);
}

void
history_global_shutdown(void)
{
	git_libgit2_shutdown();
}

int
history_head(const char *source_root, const char *rev, struct hist_head *hh)
{
	git_repository	*repo = NULL;
	git_object	*obj = NULL, *commit = NULL;
	git_reference	*ref = NULL;
	struct diag	 quiet;
	int		 r, rc = -1;

	memset(hh, 0, sizeof(*hh));
	diag_init(&quiet);
	if (hist_init(&quiet) == -1)
		goto out;
	rc = 0;
	if ((r = hist_open(source_root, &repo, &hh->prefix, &quiet)) != 0)
		goto done;
	hh->available = 1;
	hh->shallow = git_repository_is_shallow(repo) == 1;
	if (git_revparse_ext(&obj, &ref, repo, rev != NULL ? rev : "HEAD") !=
	    0 || git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) != 0) {
		hh->branch = hist_branch(repo, NULL);
		goto done;
	}
	git_oid_tostr(hh->tip, sizeof(hh->tip), git_object_id(commit));
	if (ref != NULL)
		hh->branch = hist_branch(repo, ref);
done:
	git_object_free(commit);
	git_object_free(obj);
	git_reference_free(ref);
	git_repository_free(repo);
	git_libgit2_shutdown();
out:
	diag_free(&quiet);
	return rc;
}

void
history_head_free(struct hist_head *hh)
{
	free(hh->branch);
	free(hh->prefix);
	memset(hh, 0, sizeof(*hh));
}

int
history_cache_parse(const void *body, size_t len, const char *prefix,
    struct history *h)
{
	struct hist_state st;
	struct hist_pool kept;
	struct hist_live *live;
	struct buf	 b = BUF_INIT;
	size_t		 nlive;
	int		 rc = -1;

	memset(h, 0, sizeof(*h));
	memset(&st, 0, sizeof(st));
	memset(&kept, 0, sizeof(kept));
	st.pool = &kept;
	buf_put(&b, body, len);
	if (hist_cache_parse(&b, 0, prefix, 0, &st) == -1)
		goto out;
	/* As history_read when the cache is up to date. */
	h->available = 1;
	h->prefix = xstrdup(prefix);
	live = hist_live_list(&st, &nlive);
	hist_output(&st, live, nlive, &kept, h);
	free(live);
	rc = 0;
out:
	hist_state_free(&st);
	hist_pool_free(&kept);
	buf_free(&b);
	return rc;
}

int
history_read(const char *source_root, const char *rev, const char *cache_dir,
    struct history *h, struct diag *d)
{
	struct hist_walk  w;
	struct hist_pool  kept, scratch;
	struct hist_state st, cached;
	struct hist_shallow sh;
	struct hist_commit *cs = NULL, base;
	struct hist_live *live = NULL;
	git_repository	*repo = NULL;
	git_object	*obj = NULL, *commit = NULL;
	git_reference	*ref = NULL;
	git_odb_object	*tipobj = NULL;
	git_oid		 tip, ctip, parent;
	const char	*spec = rev != NULL ? rev : "HEAD";
	size_t		 n = 0, nlive = 0, i;
	int		 have_cache = 0, resumed = 0, has_parent, r, rc = -1;

	memset(h, 0, sizeof(*h));
	memset(&w, 0, sizeof(w));
	memset(&kept, 0, sizeof(kept));
	memset(&scratch, 0, sizeof(scratch));
	memset(&st, 0, sizeof(st));
	memset(&cached, 0, sizeof(cached));
	memset(&sh, 0, sizeof(sh));
	memset(&base, 0, sizeof(base));
	st.pool = cached.pool = &kept;
	w.pool = &scratch;
	w.d = d;
	if (hist_init(d) == -1)
		return -1;
	if ((r = hist_open(source_root, &repo, &h->prefix, d)) != 0) {
		rc = r == 1 ? 0 : -1;
		goto out;
	}
	h->available = 1;
	if ((r = git_repository_is_shallow(repo)) < 0) {
		diag_err(d, NULL, 0, 0, "không đọc được kho git (%s); hãy "
		    "kiểm tra kho bằng “git status”", hist_giterr());
		goto out;
	}
	h->shallow = r;
	if (git_revparse_ext(&obj, &ref, repo, spec) != 0) {
		/* No commit yet: an empty history, not an error. */
		if (strcmp(spec, "HEAD") == 0 &&
		    git_repository_head_unborn(repo) == 1) {
			h->branch = hist_branch(repo, NULL);
			rc = 0;
			goto out;
		}
		diag_err(d, NULL, 0, 0, "không tìm thấy phiên bản “%s” trong "
		    "kho git; hãy ghi đúng tên nhánh, thẻ hoặc mã commit "
		    "(xem danh sách bằng “git branch -a” và “git log "
		    "--oneline”)", spec);
		goto out;
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) != 0) {
		diag_err(d, NULL, 0, 0, "phiên bản “%s” không phải là một "
		    "commit; hãy ghi tên nhánh, thẻ hoặc mã commit", spec);
		goto out;
	}
	tip = *git_object_id(commit);
	if (ref != NULL)
		h->branch = hist_branch(repo, ref);
	if (git_repository_odb(&w.odb, repo) != 0) {
		diag_err(d, NULL, 0, 0, "không đọc được kho git (%s); hãy "
		    "kiểm tra kho bằng “git fsck”", hist_giterr());
		goto out;
	}
	hist_split_prefix(h->prefix, &w);
	hist_tc_init(&w.tc, 0);
	if (h->shallow)
		hist_shallow_load(repo, &sh);
	if (cache_dir != NULL && hist_cache_load(cache_dir, h->prefix, sh.key,
	    &cached) == 0 && git_oid_fromstr(&ctip, cached.tip) == 0)
		have_cache = 1;
	if (hist_chain(&w, &tip, have_cache ? &ctip : NULL, &sh, h->shallow,
	    &cs, &n, &resumed) == -1)
		goto out;
	if (resumed) {
		st = cached;
		memset(&cached, 0, sizeof(cached));
	} else
		st.have_map = 1;	/* from empty */
	if (resumed && n > 0) {
		/* The new commits go on from the cached tip's tree. */
		hist_map_from_order(&st);
		if (hist_read(&w, &ctip, GIT_OBJECT_COMMIT, &tipobj) == -1)
			goto out;
		if (hist_parse_commit(&scratch, git_odb_object_data(tipobj),
		    git_odb_object_size(tipobj), &base, &parent,
		    &has_parent) == -1) {
			diag_err(d, NULL, 0, 0, "kho git bị hỏng: commit %s "
			    "không đọc được; hãy chạy “git fsck” để kiểm tra "
			    "kho", st.tip);
			goto out;
		}
	}
	if (n > 0 && hist_walk_commits(&w, &st, cs, n, resumed ? &base.tree :
	    NULL) == -1)
		goto out;
	h->walked = n;
	live = hist_live_list(&st, &nlive);
	/* Up to date: the cache is the answer, and stays as it is. */
	if (cache_dir != NULL && n > 0)
		hist_cache_save(cache_dir, h->prefix, sh.key, &st, live, nlive,
		    d);
	hist_output(&st, live, nlive, &kept, h);
	rc = 0;
out:
	if (rc == -1)
		history_free(h);
	git_odb_object_free(tipobj);
	free(live);
	free(cs);
	hist_state_free(&st);
	hist_state_free(&cached);
	hist_pool_free(&kept);
	hist_pool_free(&scratch);
	free(sh.ids);
	hist_tc_free(&w.tc);
	hist_chg_clear(&w);
	free(w.chg);
	buf_free(&w.path);
	for (i = 0; i < w.npfx; i++)
		free(w.pfx[i]);
	free(w.pfx);
	git_odb_free(w.odb);
	git_reference_free(ref);
	git_object_free(commit);
	git_object_free(obj);
	git_repository_free(repo);
	/*
	 * libgit2's init costs milliseconds here (it parses the system's CA
	 * certificates): the history keeps one until history_free, so that
	 * history_status in between does not pay it again.
	 */
	if (rc == 0 && h->available) {
		if (h->priv == NULL)
			h->priv = xcalloc(1, sizeof(struct hist_priv));
		((struct hist_priv *)h->priv)->git = 1;
	} else
		git_libgit2_shutdown();
	return rc;
}

/* content/ ** / *.md or plans/ ** / *.md, names scan would not skip. */
static int
hist_is_page(const char *p)
{
	const char	*s;

	if (!str_has_prefix(p, "content/") && !str_has_prefix(p, "plans/"))
		return 0;
	if (!str_has_suffix(p, ".md"))
		return 0;
	for (s = strchr(p, '/'); s != NULL; s = strchr(s + 1, '/'))
		if (s[1] == '.' || s[1] == '#' || s[1] == '\0')
			return 0;
	return strlen(strrchr(p, '/') + 1) > 3;
}

static int
hist_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
history_status(const char *source_root, struct history *h, struct diag *d)
{
	git_status_options opts;
	git_status_list	*list = NULL;
	git_repository	*repo = NULL;
	const git_status_entry *e;
	char		*prefix = NULL, *pspec;
	const char	*path;
	size_t		 i, n, plen, cap = 0;
	int		 r, rc = -1;
	unsigned	 changed = GIT_STATUS_INDEX_NEW |
	    GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_RENAMED |
	    GIT_STATUS_INDEX_TYPECHANGE | GIT_STATUS_WT_NEW |
	    GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_RENAMED |
	    GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_CONFLICTED;

	if (!h->available)
		return 0;
	for (i = 0; i < h->nuncommitted; i++)
		free(h->uncommitted[i]);
	free(h->uncommitted);
	h->uncommitted = NULL;
	h->nuncommitted = 0;
	h->dirty = 0;
	if (hist_init(d) == -1)
		return -1;
	if ((r = hist_open(source_root, &repo, &prefix, d)) != 0) {
		rc = r == 1 ? 0 : -1;
		goto out;
	}
	plen = strlen(prefix);
	pspec = prefix;
	if (git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION) != 0) {
		diag_err(d, NULL, 0, 0, "không đọc được trạng thái kho git "
		    "(%s)", hist_giterr());
		goto out;
	}
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	/* The prefix is a folder, not a pattern ("[" in a name). */
	if (plen > 0) {
		opts.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
		opts.pathspec.strings = &pspec;
		opts.pathspec.count = 1;
	}
	if (git_status_list_new(&list, repo, &opts) != 0) {
		diag_err(d, NULL, 0, 0, "không đọc được trạng thái kho git "
		    "(%s); hãy kiểm tra bằng “git status”", hist_giterr());
		goto out;
	}
	n = git_status_list_entrycount(list);
	for (i = 0; i < n; i++) {
		e = git_status_byindex(list, i);
		if (e == NULL || e->status == GIT_STATUS_CURRENT ||
		    (e->status & GIT_STATUS_IGNORED))
			continue;
		if (e->index_to_workdir != NULL)
			path = e->index_to_workdir->new_file.path;
		else if (e->head_to_index != NULL)
			path = e->head_to_index->new_file.path;
		else
			continue;
		if (path == NULL || strncmp(path, prefix, plen) != 0)
			continue;
		h->dirty = 1;
		/* A page that is gone from the work tree is no page. */
		if (!(e->status & changed) || (e->status & GIT_STATUS_WT_DELETED) ||
		    !hist_is_page(path + plen))
			continue;
		if (h->nuncommitted == cap) {
			cap = cap ? cap * 2 : 8;
			h->uncommitted = xreallocarray(h->uncommitted, cap,
			    sizeof(*h->uncommitted));
		}
		h->uncommitted[h->nuncommitted++] = xstrdup(path + plen);
	}
	if (h->nuncommitted > 1)
		qsort(h->uncommitted, h->nuncommitted,
		    sizeof(*h->uncommitted), hist_str_cmp);
	rc = 0;
out:
	git_status_list_free(list);
	git_repository_free(repo);
	free(prefix);
	git_libgit2_shutdown();
	return rc;
}

static int
hist_file_cmp(const void *key, const void *f)
{
	return strcmp(key, ((const struct hist_file *)f)->path);
}

const struct hist_file *
history_find(const struct history *h, const char *path)
{
	if (h->nfiles == 0)
		return NULL;
	return bsearch(path, h->files, h->nfiles, sizeof(*h->files),
	    hist_file_cmp);
}

void
history_free(struct history *h)
{
	struct hist_priv *pv = h->priv;
	size_t		 i;

	/* Paths and events' strings are in the pool. */
	free(h->files);
	free(h->log);
	if (pv != NULL) {
		hist_pool_free(&pv->pool);
		free(pv->evptrs);
		if (pv->git)
			git_libgit2_shutdown();
		free(pv);
	}
	for (i = 0; i < h->nuncommitted; i++)
		free(h->uncommitted[i]);
	free(h->uncommitted);
	free(h->branch);
	free(h->prefix);
	memset(h, 0, sizeof(*h));
}
