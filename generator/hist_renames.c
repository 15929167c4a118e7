/*
 * hist_renames.c - which files deleted and added in one commit are a
 * rename, decided as `git diff -M` (and so `git log -M`) decides it; see
 * docs/history.md and hist_int.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "hist_int.h"
#include "util.h"

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

/*
 * What follows decides renames as `git diff -M` (and so `git log -M`)
 * does, from reading git's diffcore-rename.c and diffcore-delta.c: same
 * candidates, same similarity index, same order of passes and the same
 * ties, so that the audit trail says what git says.
 */

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
	ARRAY_GROW(c->spans, c->nspans, *cap, 64);
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
unsigned
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
void
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
