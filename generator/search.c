/*
 * search.c - the search index: documents tokenised in parallel, terms
 * merged into hash tables, one per partition of the hash (merged in
 * parallel too), and the files written from them (see search.h and
 * docs/search.md).
 *
 * Memory: documents are taken in rounds, a chunk of consecutive ones
 * per worker (see chunk_terms()); a chunk's terms are merged and dropped
 * before the next round.  A term's postings are a growable id array
 * appended in id order, so they come out sorted.  In a build, a whole
 * index is made on a thread of its own (struct search_run) while the
 * bodies are made.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "fault.h"
#include "fs.h"
#include "hash.h"
#include "model.h"
#include "pool.h"
#include "routes.h"
#include "search.h"
#include "searchnorm.h"
#include "write.h"
#include "util.h"

#define PART_BITS	4
#define NPART		(1u << PART_BITS)	/* by the hash's top bits */
#define BUCKET_BYTES	2048		/* the average bucket wanted: a bucket
				   download is mostly other terms' postings;
				   each file costs a build ~10 us of kernel
				   time (docs/search.md, "Sizes") */
#define NB_MIN		8
#define NB_MAX		65536
#define SHARD_BYTES	8192		/* the average dictionary shard */
#define NS_MAX		4096
#define KEEP_MOST	16	/* a kept index for at most 1/16 changed */
#define KEEP_LOOKUP	16	/* changed documents looked up, not scanned */
#define KEEP_RESAVE	32	/* changed documents before writing again */

enum rec_kind { REC_UNI, REC_EXACT, REC_BI };

/* Ascending ids; cap 0 with n > 0: borrowed from the index's slab. */
struct ids {
	uint32_t	*v;
	uint32_t	 n, cap;
};

struct exact {
	char		*form;
	struct ids	 ids;
	struct exact	*next;
};

struct entry {
	char		*term;
	uint32_t	 len;
	uint32_t	 hash;
	int		 bigram;
	size_t		 bytes;		/* entry_bytes(), kept */
	struct ids	 p, t;		/* documents; in the title */
	struct exact	*ex;		/* sorted at output */
};

/* An arena of strings: chunks never moved. */
struct arena {
	char		**chunks;
	size_t		  n, cap;
	size_t		  used, size;
	size_t		  first;	/* the size of chunks[0] */
};

struct part {
	struct entry	*e;
	size_t		 n, cap;
	uint32_t	*tab;		/* index + 1 into e; 0 empty */
	size_t		 tabsize;
	struct arena	 ar;
};

/* A distinct term of one document. */
struct rec {
	uint32_t	 hash;
	unsigned char	 kind;		/* enum rec_kind */
	unsigned char	 title;		/* REC_UNI: in the title */
	uint16_t	 len;		/* of term */
	const char	*term;		/* fold, or the bigram */
	const char	*exact;		/* REC_EXACT */
};

struct doctoks {
	struct rec	*r;
	size_t		 n, cap;
	uint32_t	*tab;		/* index + 1 into r; 0 empty */
	size_t		 tabsize;
	struct arena	 ar;
	struct snorm	 sn;
	struct buf	 text;
};

struct keepdoc;

struct search {
	struct page	**docs;
	size_t		  ndocs;
	int		  y0;
	unsigned char	 *meta;
	struct part	  parts[NPART];
	unsigned	  nb;
	struct entry	**byb;		/* entries by bucket */
	size_t		 *bstart;	/* nb + 1 */
	unsigned	  ns;		/* dictionary shards */
	struct entry	**bys;		/* unigrams by shard */
	size_t		 *sstart;	/* ns + 1 */
	/* The postings of a kept index (keep_load), mapped: an ids whose
	   cap is 0 points into it. */
	uint32_t	 *slab;
	size_t		  slabsize;	/* bytes */
	/* Each document's d/ snippet, kept from a whole build's texts for
	   search_doc_js() (NULL ones made again), until
	   search_snippets_drop(). */
	char		**snip;
	/* Per document: 1 when its d/ file was written as its text was cut
	   (search_begin() with an output), until search_snippets_drop(). */
	unsigned char	 *early;
	/* The kept file's write put off to search_keep_write(): where, its
	   salt and the documents' keys (owned); kpath NULL: none. */
	char		 *kpath;
	uint64_t	  ksalt;
	struct keepdoc	 *kkd;
	/* What search_update() changed, for patch.c. */
	unsigned char	 *dirty_b;	/* per bucket */
	unsigned char	 *dirty_s;	/* per shard */
};

/* --- Small parts ------------------------------------------------------ */

uint32_t
search_fnv1a(const char *s, size_t len)
{
	return snorm_fnv1a(s, len);
}

char *
search_bucket_name(unsigned b, unsigned nb)
{
	int	 w = 1;
	unsigned m;

	for (m = (nb - 1) >> 4; m != 0; m >>= 4)
		w++;
	return xasprintf("%0*x", w, b);
}

unsigned
search_shard_of(const char *term, size_t len, unsigned ns)
{
	return search_fnv1a(term, len < 2 ? len : 2) & (ns - 1);
}

/* The LEB128 bytes of gap g (no branch: most gaps take one). */
static inline size_t
vlen(uint32_t g)
{
	return 1 + (size_t)(g > 0x7F) + (size_t)(g > 0x3FFF) +
	    (size_t)(g > 0x1FFFFF) + (size_t)(g > 0xFFFFFFF);
}

/* The length of vbytes() (n > 0): the first gap is ids[0] + 1. */
static size_t
vbytes_len(const uint32_t *ids, size_t n)
{
	size_t	 k = vlen(ids[0] + 1), i;

	for (i = 1; i < n; i++)
		k += vlen(ids[i] - ids[i - 1]);
	return k;
}

/* LEB128 of the gaps to out (room for 5 bytes an id); its length. */
static size_t
vbytes(const uint32_t *ids, size_t n, unsigned char *out)
{
	unsigned char	*o = out;
	uint32_t	 prev = UINT32_MAX, g;	/* the first gap: ids[0] + 1 */
	size_t		 i;

	for (i = 0; i < n; i++) {
		g = ids[i] - prev;
		prev = ids[i];
		for (; g > 0x7F; g >>= 7)
			*o++ = (unsigned char)(g | 0x80);
		*o++ = (unsigned char)g;
	}
	return (size_t)(o - out);
}

static size_t
b64len(size_t n)
{
	return (n * 4 + 2) / 3;
}

/*
 * Gaps (v) or a bitmap (b), whichever is shorter, a tie going to the
 * gaps.  The gaps take at least a byte an id: when that alone is longer
 * than the bitmap (a common term), they are never counted.
 */
void
search_postings(struct buf *b, const uint32_t *ids, size_t n)
{
	unsigned char	 small[1024], *raw;
	size_t		 nv = 0, nbm, need, i;
	int		 gaps;

	if (n == 0) {
		buf_puts(b, "\"\"");
		return;
	}
	nbm = (ids[n - 1] >> 3) + 1;
	gaps = b64len(n) <= b64len(nbm);
	/* Room for either encoding: five bytes a gap at most. */
	need = gaps && n * 5 > nbm ? n * 5 : nbm;
	raw = need <= sizeof(small) ? small : xreallocarray(NULL, need, 1);
	if (gaps) {
		nv = vbytes(ids, n, raw);
		gaps = b64len(nv) <= b64len(nbm);
	}
	buf_putc(b, '"');
	if (gaps) {
		buf_putc(b, 'v');
		search_base64(b, raw, nv);
	} else {
		memset(raw, 0, nbm);
		for (i = 0; i < n; i++)
			raw[ids[i] >> 3] |= (unsigned char)(1u << (ids[i] & 7));
		buf_putc(b, 'b');
		search_base64(b, raw, nbm);
	}
	buf_putc(b, '"');
	if (raw != small)
		free(raw);
}

size_t
search_postings_len(const uint32_t *ids, size_t n)
{
	size_t	 nv, nbm;

	if (n == 0)
		return 2;
	nbm = b64len((ids[n - 1] >> 3) + 1);
	if (b64len(n) > nbm)
		return 3 + nbm;
	nv = b64len(vbytes_len(ids, n));
	return 3 + (nv <= nbm ? nv : nbm);
}

/* --- Sizes: nb and ns (docs/search.md) -------------------------------- */

size_t
search_term_bytes(size_t len, int bigram, const uint32_t *p, size_t np,
    const uint32_t *t, size_t nt)
{
	size_t	 n = len + 6 + search_postings_len(p, np);

	if (!bigram)
		n += 1 + search_postings_len(t, nt);
	return n;
}

size_t
search_form_bytes(size_t len, const uint32_t *ids, size_t n, int same)
{
	return len + 4 + (same ? 3 : search_postings_len(ids, n));
}

size_t
search_dict_bytes(size_t len)
{
	return len + 10;
}

void
search_counts(size_t bytes, size_t dict, unsigned *nb, unsigned *ns)
{
	for (*nb = NB_MIN; *nb < NB_MAX && bytes / *nb > BUCKET_BYTES;
	    *nb *= 2)
		;
	for (*ns = 1; *ns < NS_MAX && dict / *ns > SHARD_BYTES; *ns *= 2)
		;
}

/* --- Arena, ids ------------------------------------------------------- */

static const char *
arena_put(struct arena *a, const char *s, size_t len)
{
	char	*p;

	if (a->n == 0 || a->used + len + 1 > a->size) {
		ARRAY_GROW(a->chunks, a->n, a->cap, 8);
		a->size = len + 1 > 65536 ? len + 1 : 65536;
		a->chunks[a->n++] = xmalloc(a->size);
		a->used = 0;
		if (a->n == 1)
			a->first = a->size;
	}
	p = a->chunks[a->n - 1] + a->used;
	memcpy(p, s, len);
	p[len] = '\0';
	a->used += len + 1;
	return p;
}

/* Empty again, its first chunk kept. */
static void
arena_reset(struct arena *a)
{
	size_t	 i;

	for (i = 1; i < a->n; i++)
		free(a->chunks[i]);
	a->n = a->n > 0 ? 1 : 0;
	a->used = 0;
	a->size = a->first;
}

static void
arena_free(struct arena *a)
{
	size_t	 i;

	for (i = 0; i < a->n; i++)
		free(a->chunks[i]);
	free(a->chunks);
	memset(a, 0, sizeof(*a));
}

static int
ids_equal(const struct ids *a, const struct ids *b)
{
	return a->n == b->n && memcmp(a->v, b->v, a->n * sizeof(*a->v)) == 0;
}

/* Where id is, or would go, in the sorted ids (the first not below it). */
static uint32_t
ids_lower(const struct ids *x, uint32_t id)
{
	uint32_t	 lo = 0, hi = x->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Is id in the sorted ids? */
static int
ids_has(const struct ids *x, uint32_t id)
{
	uint32_t	 lo = ids_lower(x, id);

	return lo < x->n && x->v[lo] == id;
}

/* --- Tokenising one document ------------------------------------------ */

/* Is r (kind, term, exact) the record at slot? */
static int
rec_is(const struct rec *r, unsigned kind, const char *term, size_t len,
    const char *exact)
{
	return r->kind == kind && r->len == len &&
	    memcmp(r->term, term, len) == 0 &&
	    (kind != REC_EXACT || strcmp(r->exact, exact) == 0);
}

static void
doc_rehash(struct doctoks *dt)
{
	size_t	 size = dt->tabsize ? dt->tabsize * 2 : 1024, i, h;

	free(dt->tab);
	dt->tab = xcalloc(size, sizeof(*dt->tab));
	dt->tabsize = size;
	for (i = 0; i < dt->n; i++) {
		for (h = (dt->r[i].hash ^ dt->r[i].kind * 0x9E3779B9u) &
		    (size - 1); dt->tab[h] != 0; h = (h + 1) & (size - 1))
			;
		dt->tab[h] = (uint32_t)(i + 1);
	}
}

/* A term of the document, once (a title use marks the first). */
static void
rec_add(struct doctoks *dt, enum rec_kind kind, int title, const char *term,
    size_t len, const char *exact)
{
	struct rec	*r;
	uint32_t	 hash;
	size_t		 h;

	if (len == 0 || len > SEARCH_TERM_MAX)
		return;
	hash = search_fnv1a(term, len);
	if ((dt->n + 1) * 2 > dt->tabsize)
		doc_rehash(dt);
	for (h = (hash ^ kind * 0x9E3779B9u) & (dt->tabsize - 1);
	    dt->tab[h] != 0; h = (h + 1) & (dt->tabsize - 1)) {
		r = &dt->r[dt->tab[h] - 1];
		if (r->hash == hash && rec_is(r, kind, term, len, exact)) {
			r->title |= (unsigned char)title;
			return;
		}
	}
	ARRAY_GROW(dt->r, dt->n, dt->cap, 256);
	r = &dt->r[dt->n++];
	dt->tab[h] = (uint32_t)dt->n;
	r->kind = (unsigned char)kind;
	r->title = (unsigned char)title;
	r->len = (uint16_t)len;
	r->term = arena_put(&dt->ar, term, len);
	r->exact = exact != NULL ? arena_put(&dt->ar, exact, strlen(exact)) :
	    NULL;
	r->hash = hash;
}

/* One field's terms: unigrams, their exact forms, bigrams. */
static void
field_terms(struct doctoks *dt, struct snorm *sn, const char *text,
    size_t len, int title)
{
	const struct snorm_tok *t, *prev = NULL;
	char		 bi[2 * SNORM_MAXTERM + 8];
	size_t		 i, n, a, b;

	n = snorm_tokens(sn, text, len);
	for (i = 0; i < n; i++) {
		t = &sn->v[i];
		a = t->flen;
		rec_add(dt, REC_UNI, title, t->fold, a, NULL);
		if (!t->same)
			rec_add(dt, REC_EXACT, 0, t->fold, a, t->exact);
		if (t->joined)
			continue;
		if (prev != NULL && t->pos == prev->pos + 1 &&
		    (b = prev->flen) + a + 1 < sizeof(bi)) {
			memcpy(bi, prev->fold, b);
			bi[b] = ' ';
			memcpy(bi + b + 1, t->fold, a);
			rec_add(dt, REC_BI, 0, bi, a + b + 1, NULL);
		}
		prev = t;
	}
}

static unsigned
part_of(uint32_t hash)
{
	return hash >> (32 - PART_BITS);
}

/* The distinct terms of document p into dt (its table kept). */
static void
doc_terms(struct doctoks *dt, const struct site *s, const struct page *p)
{
	dt->n = 0;
	arena_reset(&dt->ar);
	if (dt->tabsize > 0)
		memset(dt->tab, 0, dt->tabsize * sizeof(*dt->tab));
	if (p->title != NULL)
		field_terms(dt, &dt->sn, p->title, strlen(p->title), 1);
	buf_reset(&dt->text);
	search_page_text(s, p, &dt->text);
	field_terms(dt, &dt->sn, buf_cstr(&dt->text), dt->text.len, 0);
}

/* --- Merging ---------------------------------------------------------- */

static void
part_rehash(struct part *pt)
{
	size_t	 size = pt->tabsize ? pt->tabsize * 2 : 1024, i, h;

	free(pt->tab);
	pt->tab = xcalloc(size, sizeof(*pt->tab));
	pt->tabsize = size;
	for (i = 0; i < pt->n; i++) {
		for (h = pt->e[i].hash & (size - 1); pt->tab[h] != 0;
		    h = (h + 1) & (size - 1))
			;
		pt->tab[h] = (uint32_t)(i + 1);
	}
}

static struct entry *
part_get(struct part *pt, const struct rec *r)
{
	struct entry	*e;
	size_t		 h;

	if ((pt->n + 1) * 2 > pt->tabsize)
		part_rehash(pt);
	for (h = r->hash & (pt->tabsize - 1); pt->tab[h] != 0;
	    h = (h + 1) & (pt->tabsize - 1)) {
		e = &pt->e[pt->tab[h] - 1];
		if (e->hash == r->hash && e->len == r->len &&
		    memcmp(e->term, r->term, r->len) == 0)
			return e;
	}
	ARRAY_GROW(pt->e, pt->n, pt->cap, 256);
	e = &pt->e[pt->n];
	memset(e, 0, sizeof(*e));
	e->term = (char *)arena_put(&pt->ar, r->term, r->len);
	e->len = r->len;
	e->hash = r->hash;
	e->bigram = r->kind == REC_BI;
	pt->tab[h] = (uint32_t)++pt->n;
	return e;
}

/* The entry's exact form `form`, made if need be. */
static struct exact *
exact_get(struct part *pt, struct entry *e, const char *form)
{
	struct exact	*x;

	for (x = e->ex; x != NULL; x = x->next)
		if (strcmp(x->form, form) == 0)
			break;
	if (x == NULL) {
		x = xcalloc(1, sizeof(*x));
		x->form = (char *)arena_put(&pt->ar, form, strlen(form));
		x->next = e->ex;
		e->ex = x;
	}
	return x;
}

/* --- Building: chunks of documents, terms interned per worker ------- */

/*
 * Each worker takes a chunk of consecutive documents and interns its
 * terms once into its own table, as small ids; a document adds (id,
 * document) pairs, a repeat caught by the term's last document, so no
 * per-document set is built.  A bigram is keyed by its two atoms' ids
 * (no string until it is new).  The chunks are then merged partition by
 * partition in parallel, appended in chunk order: postings stay sorted.
 * A chunk, not the whole range: the tables stay small (peak memory).
 */
#define CHUNK		512	/* documents per worker and round */
#define WT_NONE		UINT32_MAX	/* no term */
#define BIGRAM_MAX	(2 * SNORM_MAXTERM + 8)	/* as field_terms() */

struct lterm {
	const char	*s;		/* UNI: fold; EXACT: form; BI: "a b" */
	uint32_t	 ghash;		/* FNV-1a of the fold or the bigram */
	uint32_t	 khash;		/* in the worker's table */
	uint32_t	 a, b;		/* EXACT: a its fold; BI: the atoms */
	uint32_t	 last, tlast;	/* the last document + 1 added */
	uint32_t	 gi;		/* its entry in the partition (merge) */
	uint16_t	 len;
	unsigned char	 kind;		/* enum rec_kind */
};

/* (term, document) pairs: the terms in document order, each document's
   first at dstart[document - the chunk's first] (4 bytes a pair). */
struct pairs {
	uint32_t	*lid;
	size_t		 n, cap;
	size_t		 dstart[CHUNK + 1];
	uint32_t	*docs;		/* by term: off[lid] .. off[lid + 1] */
	uint32_t	*off;
	size_t		 docscap, offcap;
};

struct wtab {
	struct lterm	*t;
	size_t		 n, cap;
	uint32_t	*tab;		/* lid + 1; 0 empty */
	size_t		 tabsize;
	struct arena	 ar;
	struct pairs	 p, ti;		/* every use; title uses */
	uint32_t	*byp;		/* lids with documents, by partition */
	size_t		 bypcap;
	size_t		 start[NPART + 1];
	struct snorm	 sn;
	struct wt_atom	*am;		/* by the atom's id in sn */
	size_t		 amcap;
	struct wt_bi	*bc;		/* WT_BICACHE */
	uint32_t	 stamp;		/* this chunk's, in am */
	unsigned	 epoch;		/* sn's memory's, when am was valid */
	struct buf	 text;
	struct buf	 js;		/* a document's d/ file */
};

/* A document of the kept index: hashes of its URL and its parts. */
struct keepdoc {
	uint64_t	 url, key;
};

/*
 * One build of the index (search_begin .. search_end).  A whole build
 * may run on its own thread (th) beside the markdown stage, which
 * parses inlines one body at a time (markdown.c): a chunk is cut as
 * soon as its documents' bodies are done (ready), so the terms use the
 * cores the bodies leave idle.
 */
struct search_run {
	struct site	*site;
	struct search	*idx;
	int		 jobs;
	char		*path;		/* the kept file, or NULL */
	uint64_t	 salt;
	struct keepdoc	*kd, *okd;	/* this build's; the file's */
	struct outdir	*out;		/* d/ files written here, or NULL */
	uint32_t	 nold;		/* documents in the file */
	int		 kept;		/* the file was read */
	int		 started;	/* th runs build_all() */
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	atomic_uint	*ready;		/* bodies done, per chunk */
	unsigned char	*failed;	/* per document, when its body was
					   done (page->failed may change
					   after, on the build's thread) */
	atomic_int	 over;		/* every body done: wait no more */
	atomic_int	 cancel;	/* the build stopped: finish early */
};

/*
 * Two sets of nw tables: a round tokenises into one set while the other
 * set, the round before's, is merged (no barrier between the two).
 */
struct buildjob {
	struct search	*idx;
	const struct site *site;
	struct search_run *bg;		/* beside the bodies, or NULL */
	struct keepdoc	*kd;		/* keys to fill in, or NULL */
	struct outdir	*out;		/* d/ files written as cut, or NULL */
	struct wtab	*w;		/* 2 * nw */
	size_t		 nw;
	size_t		 first;		/* the round's first document */
	size_t		 set;		/* the round's set: 0 or 1 */
	size_t		 nchunk;	/* chunks this round (0: none left) */
	int		 merge;		/* the other set holds a round */
};

static uint32_t
mix64(uint32_t a, uint32_t b)
{
	uint64_t	 k = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull;

	return (uint32_t)(k >> 32);
}

static void
wt_rehash(struct wtab *w)
{
	size_t	 size = w->tabsize ? w->tabsize * 2 : 4096, i, h;

	free(w->tab);
	w->tab = xcalloc(size, sizeof(*w->tab));
	w->tabsize = size;
	for (i = 0; i < w->n; i++) {
		for (h = w->t[i].khash & (size - 1); w->tab[h] != 0;
		    h = (h + 1) & (size - 1))
			;
		w->tab[h] = (uint32_t)(i + 1);
	}
}

/*
 * The id of a term (kind, a, b and, but for a bigram, its bytes), made
 * if new (*made set; the caller fills s and ghash of a bigram).
 */
static uint32_t
wt_intern(struct wtab *w, unsigned kind, uint32_t khash, uint32_t a,
    uint32_t b, const char *s, size_t len, int *made)
{
	struct lterm	*t;
	size_t		 h;

	if ((w->n + 1) * 2 > w->tabsize)
		wt_rehash(w);
	for (h = khash & (w->tabsize - 1); w->tab[h] != 0;
	    h = (h + 1) & (w->tabsize - 1)) {
		t = &w->t[w->tab[h] - 1];
		if (t->khash == khash && t->kind == kind && t->a == a &&
		    t->b == b && (kind == REC_BI || (t->len == len &&
		    memcmp(t->s, s, len) == 0))) {
			*made = 0;
			return w->tab[h] - 1;
		}
	}
	ARRAY_GROW(w->t, w->n, w->cap, 4096);
	t = &w->t[w->n];
	memset(t, 0, sizeof(*t));
	t->kind = (unsigned char)kind;
	t->khash = t->ghash = khash;
	t->a = a;
	t->b = b;
	t->len = (uint16_t)len;
	if (kind != REC_BI)
		t->s = arena_put(&w->ar, s, len);
	w->tab[h] = (uint32_t)++w->n;
	*made = 1;
	return (uint32_t)(w->n - 1);
}

/* Document doc uses term lid (in the title: title), once per document. */
static void
wt_use(struct wtab *w, uint32_t lid, uint32_t doc, int title)
{
	struct lterm	*t = &w->t[lid];

	if (t->last != doc + 1) {
		t->last = doc + 1;
		ARRAY_GROW(w->p.lid, w->p.n, w->p.cap, 65536);
		w->p.lid[w->p.n++] = lid;
	}
	if (title && t->tlast != doc + 1) {
		t->tlast = doc + 1;
		ARRAY_GROW(w->ti.lid, w->ti.n, w->ti.cap, 4096);
		w->ti.lid[w->ti.n++] = lid;
	}
}

/*
 * wt_use() in the text, where half the uses are a term's first in the
 * document: its slot written always and counted only then, no branch to
 * mispredict.  The room is made beforehand (wt_field()).
 */
static inline void
wt_use_text(struct wtab *w, uint32_t lid, uint32_t doc)
{
	struct lterm	*t = &w->t[lid];

	w->p.lid[w->p.n] = lid;
	w->p.n += t->last != doc + 1;
	t->last = doc + 1;
}

/* The bigram of atoms u and v, used by doc: its id (WT_NONE: too long). */
static uint32_t
wt_bigram(struct wtab *w, uint32_t u, uint32_t v, uint32_t doc)
{
	char		 bi[BIGRAM_MAX];
	struct lterm	*t;
	size_t		 ul = w->t[u].len, vl = w->t[v].len;
	uint32_t	 lid;
	int		 made;

	if (ul + vl + 1 >= sizeof(bi))
		return WT_NONE;
	lid = wt_intern(w, REC_BI, mix64(u, v), u, v, NULL, ul + vl + 1,
	    &made);
	if (made) {
		memcpy(bi, w->t[u].s, ul);
		bi[ul] = ' ';
		memcpy(bi + ul + 1, w->t[v].s, vl);
		t = &w->t[lid];
		t->s = arena_put(&w->ar, bi, ul + vl + 1);
		t->ghash = search_fnv1a(bi, ul + vl + 1);
	}
	wt_use(w, lid, doc, 0);
	return lid;
}

/*
 * An atom's unigram and exact form (WT_NONE: its exact form is its
 * fold) in the worker's table, by the atom's id in its snorm: interned
 * once a chunk (stamp), not once a use.
 */
struct wt_atom {
	uint32_t	 stamp;
	uint32_t	 u, x;
};

/*
 * The bigrams met last, by their atoms (a cache, not a table: a slot
 * holds the last pair whose hash falls in it), so that a repeat in a
 * document costs one look, and one use in another.  A chunk of the
 * bench corpus has about 10,000 bigrams: 4,096 slots found 87 % of the
 * uses, 16,384 find 94 % (256 KB a table, within the second-level
 * cache); the misses cost a look in the table.
 */
#define WT_BICACHE	16384

struct wt_bi {
	uint32_t	 stamp;
	uint32_t	 u, v, lid;
};

/* t's unigram and (x) exact form, interned. */
static uint32_t
wt_forms(struct wtab *w, const struct snorm_tok *t, uint32_t *x)
{
	uint32_t	 u;
	int		 made;

	u = wt_intern(w, REC_UNI, t->fhash, 0, 0, t->fold, t->flen, &made);
	*x = WT_NONE;
	if (!t->same) {
		*x = wt_intern(w, REC_EXACT, t->ehash ^ mix64(u, 1), u, 0,
		    t->exact, t->elen, &made);
		w->t[*x].ghash = w->t[u].ghash;
	}
	return u;
}

/* Atoms u then v, used by doc: their bigram, through the cache. */
static void
wt_pair(struct wtab *w, uint32_t u, uint32_t v, uint32_t doc)
{
	struct wt_bi	*c = &w->bc[mix64(u, v) & (WT_BICACHE - 1)];
	uint32_t	 lid;

	if (c->stamp == w->stamp && c->u == u && c->v == v) {
		wt_use_text(w, c->lid, doc);
		return;
	}
	if ((lid = wt_bigram(w, u, v, doc)) == WT_NONE)
		return;
	c->stamp = w->stamp;
	c->u = u;
	c->v = v;
	c->lid = lid;
}

/* One field's terms, as field_terms() finds them. */
static void
wt_field(struct wtab *w, const char *text, size_t len, uint32_t doc,
    int title)
{
	const struct snorm_tok *t;
	struct wt_atom	*am;
	uint32_t	 u, x, pu = 0;
	unsigned	 ppos = 0;
	size_t		 i, n;
	int		 prev = 0;

	n = snorm_tokens(&w->sn, text, len);
	if (w->sn.memo.epoch != w->epoch) {
		w->epoch = w->sn.memo.epoch;	/* the atoms' ids are new */
		w->stamp++;
	}
	if (w->amcap < w->sn.memo.n) {
		i = w->amcap;
		w->amcap = w->sn.memo.cap;
		w->am = xreallocarray(w->am, w->amcap, sizeof(*w->am));
		memset(w->am + i, 0, (w->amcap - i) * sizeof(*w->am));
	}
	if (w->bc == NULL)
		w->bc = xcalloc(WT_BICACHE, sizeof(*w->bc));
	/* Room for three uses a token (its fold, form and bigram). */
	if (w->p.cap - w->p.n < 3 * n + 2) {
		while (w->p.cap - w->p.n < 3 * n + 2)
			w->p.cap = w->p.cap ? w->p.cap * 2 : 65536;
		w->p.lid = xreallocarray(w->p.lid, w->p.cap,
		    sizeof(*w->p.lid));
	}
	for (i = 0; i < n; i++) {
		t = &w->sn.v[i];
		am = NULL;
		if (t->atom == SNORM_NOATOM)
			u = wt_forms(w, t, &x);
		else if ((am = &w->am[t->atom])->stamp == w->stamp) {
			u = am->u;
			x = am->x;
		} else {
			u = am->u = wt_forms(w, t, &am->x);
			x = am->x;
			am->stamp = w->stamp;
		}
		/* A remembered atom's forms are never too long; in the text,
		   a term used before in the document adds nothing. */
		if (am != NULL && !title) {
			wt_use_text(w, u, doc);
			wt_use_text(w, x != WT_NONE ? x : u, doc);
		} else if (t->flen > 0 && t->flen <= SEARCH_TERM_MAX) {
			wt_use(w, u, doc, title);
			if (x != WT_NONE)
				wt_use(w, x, doc, 0);
		}
		if (t->joined)
			continue;
		if (prev && t->pos == ppos + 1)
			wt_pair(w, pu, u, doc);
		pu = u;
		ppos = t->pos;
		prev = 1;
	}
}

/* The pairs by term (a stable counting sort: documents ascending). */
static void
pairs_sort(struct pairs *p, size_t nterms, size_t lo, size_t ndocs)
{
	size_t	 i, d;

	if (p->offcap < nterms + 1) {
		free(p->off);
		p->offcap = nterms + 1;
		p->off = xcalloc(p->offcap, sizeof(*p->off));
	}
	if (p->docscap < p->n) {
		free(p->docs);
		p->docscap = p->cap;
		p->docs = xcalloc(p->docscap, sizeof(*p->docs));
	}
	memset(p->off, 0, (nterms + 1) * sizeof(*p->off));
	for (i = 0; i < p->n; i++)
		p->off[p->lid[i] + 1]++;
	for (i = 0; i < nterms; i++)
		p->off[i + 1] += p->off[i];
	/* off[lid] is the next slot while filling, then moved back. */
	for (d = 0; d < ndocs; d++)
		for (i = p->dstart[d]; i < p->dstart[d + 1]; i++)
			p->docs[p->off[p->lid[i]]++] = (uint32_t)(lo + d);
	memmove(p->off + 1, p->off, nterms * sizeof(*p->off));
	p->off[0] = 0;
}

static int	 doc_write(struct outdir *, const struct page *, const char *,
		    size_t, struct buf *);

/* Until documents lo .. hi - 1 (one chunk) have their bodies. */
static void
run_wait(struct search_run *r, size_t lo, size_t hi)
{
	atomic_uint	*n = &r->ready[lo / CHUNK];

	if (atomic_load(n) >= hi - lo)
		return;
	pthread_mutex_lock(&r->mu);
	while (atomic_load(n) < hi - lo && !atomic_load(&r->over))
		pthread_cond_wait(&r->cv, &r->mu);
	pthread_mutex_unlock(&r->mu);
}

/* Worker i's chunk of the round: its terms and their documents. */
static void
chunk_terms(struct buildjob *j, size_t i)
{
	struct wtab	*w = &j->w[j->set * j->nw + i];
	const struct page *p;
	size_t		 d, lo, hi, k, cut, pos[NPART];

	w->n = w->p.n = w->ti.n = 0;
	w->stamp++;		/* the atoms' interned ids are gone */
	arena_reset(&w->ar);
	if (w->tabsize > 0)
		memset(w->tab, 0, w->tabsize * sizeof(*w->tab));
	lo = j->first + i * CHUNK;
	hi = lo + CHUNK < j->idx->ndocs ? lo + CHUNK : j->idx->ndocs;
	if (j->bg != NULL && lo < hi)
		run_wait(j->bg, lo, hi);
	for (d = lo; d < hi; d++) {
		w->p.dstart[d - lo] = w->p.n;
		w->ti.dstart[d - lo] = w->ti.n;
		p = j->idx->docs[d];
		if (p->title != NULL)
			wt_field(w, p->title, strlen(p->title), (uint32_t)d, 1);
		buf_reset(&w->text);
		if (j->bg != NULL ? j->bg->failed[d] : p->failed)
			continue;	/* beside the bodies: the build stops */
		if (j->kd != NULL)
			j->kd[d].key = search_page_text_key(j->site, p,
			    &w->text);
		else
			search_page_text(j->site, p, &w->text);
		/* Its d/ file, from this text: written now, beside the
		   bodies (a core they leave idle), or its snippet kept for
		   the emit stage.  Not made again either way. */
		cut = search_cut(buf_cstr(&w->text), w->text.len,
		    SEARCH_SNIPPET);
		if (j->out != NULL && doc_write(j->out, p, buf_cstr(&w->text),
		    cut, &w->js) == 0)
			j->idx->early[d] = 1;
		else
			j->idx->snip[d] = xstrndup(buf_cstr(&w->text), cut);
		wt_field(w, buf_cstr(&w->text), w->text.len, (uint32_t)d, 0);
	}
	if (hi < lo)
		hi = lo;	/* no documents left for this chunk */
	w->p.dstart[hi - lo] = w->p.n;
	w->ti.dstart[hi - lo] = w->ti.n;
	pairs_sort(&w->p, w->n, lo, hi - lo);
	pairs_sort(&w->ti, w->n, lo, hi - lo);
	/* The terms with documents by partition, ids ascending: a fold
	   comes before its exact forms (job_merge() needs its entry). */
	memset(w->start, 0, sizeof(w->start));
	for (k = 0; k < w->n; k++)
		if (w->p.off[k + 1] > w->p.off[k])
			w->start[part_of(w->t[k].ghash) + 1]++;
	for (k = 0; k < NPART; k++)
		w->start[k + 1] += w->start[k];
	if (w->bypcap < w->n) {
		free(w->byp);
		w->bypcap = w->cap;
		w->byp = xcalloc(w->bypcap, sizeof(*w->byp));
	}
	memcpy(pos, w->start, sizeof(pos));
	for (k = 0; k < w->n; k++)
		if (w->p.off[k + 1] > w->p.off[k])
			w->byp[pos[part_of(w->t[k].ghash)]++] = (uint32_t)k;
}

/* Appends n ids, all above x's last. */
static void
ids_append(struct ids *x, const uint32_t *v, size_t n)
{
	size_t	 cap = x->cap ? x->cap : 2;

	while (cap < x->n + n)
		cap *= 2;
	if (cap != x->cap) {
		x->v = xreallocarray(x->v, cap, sizeof(*x->v));
		x->cap = (uint32_t)cap;
	}
	memcpy(x->v + x->n, v, n * sizeof(*v));
	x->n += (uint32_t)n;
}

/* Partition k of every chunk of the set's round, in chunk order. */
static void
chunk_merge(struct buildjob *j, size_t set, size_t k)
{
	struct part	*pt = &j->idx->parts[k];
	struct wtab	*w;
	struct lterm	*t;
	struct entry	*e;
	struct rec	 r;
	size_t		 wi, i;
	uint32_t	 lid;

	for (wi = 0; wi < j->nw; wi++) {
		w = &j->w[set * j->nw + wi];
		for (i = w->start[k]; i < w->start[k + 1]; i++) {
			lid = w->byp[i];
			t = &w->t[lid];
			if (t->kind == REC_EXACT) {
				e = &pt->e[w->t[t->a].gi];
				ids_append(&exact_get(pt, e, t->s)->ids,
				    w->p.docs + w->p.off[lid],
				    w->p.off[lid + 1] - w->p.off[lid]);
				continue;
			}
			memset(&r, 0, sizeof(r));
			r.hash = t->ghash;
			r.kind = t->kind;
			r.len = t->len;
			r.term = t->s;
			e = part_get(pt, &r);
			t->gi = (uint32_t)(e - pt->e);
			ids_append(&e->p, w->p.docs + w->p.off[lid],
			    w->p.off[lid + 1] - w->p.off[lid]);
			ids_append(&e->t, w->ti.docs + w->ti.off[lid],
			    w->ti.off[lid + 1] - w->ti.off[lid]);
		}
	}
}

/* Chunks first: a thread done with its chunk merges while others finish. */
static void
job_round(void *arg, size_t i)
{
	struct buildjob	*j = arg;

	if (i < j->nchunk)
		chunk_terms(j, i);
	else
		chunk_merge(j, j->set ^ 1, i - j->nchunk);
}

static void
pairs_free(struct pairs *p)
{
	free(p->lid);
	free(p->docs);
	free(p->off);
}

static void
wtab_free(struct wtab *w)
{
	free(w->t);
	free(w->tab);
	arena_free(&w->ar);
	pairs_free(&w->p);
	pairs_free(&w->ti);
	free(w->byp);
	free(w->am);
	free(w->bc);
	snorm_free(&w->sn);
	buf_free(&w->text);
	buf_free(&w->js);
}

/* --- Documents -------------------------------------------------------- */

static int
is_doc(const struct page *p)
{
	return p->src != NULL && p->url != NULL && !p->skip && !p->failed &&
	    (p->kind == PAGE_POST || p->kind == PAGE_PLAN ||
	    p->kind == PAGE_PROCEDURE || p->kind == PAGE_PAGE);
}

static int
doc_cmp(const void *x, const void *y)
{
	const struct page *a = *(const struct page *const *)x;
	const struct page *b = *(const struct page *const *)y;
	int		 c;

	if (a->has_date != b->has_date)
		return a->has_date ? 1 : -1;	/* undated first */
	if (a->has_date && (c = date_cmp(&a->date, &b->date)) != 0)
		return c;
	return strcmp(a->url, b->url);
}

static int
doc_type(const struct page *p)
{
	switch (p->kind) {
	case PAGE_POST:
		return 0;
	case PAGE_PLAN:
		return 1;
	case PAGE_PROCEDURE:
		return 2;
	default:
		return 3;
	}
}

/* The documents in id order, their ids, the root's meta. */
static void
docs_list(struct search *idx, struct site *s)
{
	size_t	 i;
	int	 y;

	for (i = 0; i < s->npages; i++)
		s->pages[i]->doc = -1;
	idx->docs = xcalloc(s->npages ? s->npages : 1, sizeof(*idx->docs));
	for (i = 0; i < s->npages; i++)
		if (is_doc(s->pages[i]))
			idx->docs[idx->ndocs++] = s->pages[i];
	if (idx->ndocs > 1)
		qsort(idx->docs, idx->ndocs, sizeof(*idx->docs), doc_cmp);
	idx->y0 = 0;
	for (i = 0; i < idx->ndocs; i++) {
		idx->docs[i]->doc = (long)i;
		if (idx->docs[i]->has_date && (idx->y0 == 0 ||
		    idx->docs[i]->date.y < idx->y0))
			idx->y0 = idx->docs[i]->date.y;
	}
	idx->meta = xcalloc(idx->ndocs ? idx->ndocs : 1, 1);
	for (i = 0; i < idx->ndocs; i++) {
		y = idx->docs[i]->has_date ? idx->docs[i]->date.y - idx->y0 :
		    63;
		if (y < 0 || y > 63)
			y = 63;		/* out of range: as if none */
		idx->meta[i] = (unsigned char)(doc_type(idx->docs[i]) | y << 2);
	}
}

/* --- Buckets and shards ----------------------------------------------- */

/* The bytes an entry takes in its bucket, near enough. */
static size_t
entry_bytes(const struct entry *e)
{
	const struct exact *x;
	size_t		 n;

	n = search_term_bytes(e->len, e->bigram, e->p.v, e->p.n, e->t.v,
	    e->t.n);
	if (e->bigram)
		return n;
	for (x = e->ex; x != NULL; x = x->next)
		if (x->ids.n > 0)
			n += search_form_bytes(strlen(x->form), x->ids.v,
			    x->ids.n, ids_equal(&x->ids, &e->p));
	return n;
}

/* Every live entry (one with documents: an edit can empty one). */
#define FOR_ENTRIES(idx, k, i, e)					\
	for ((k) = 0; (k) < NPART; (k)++)				\
		for ((i) = 0; (i) < (idx)->parts[k].n; (i)++)		\
			if (((e) = &(idx)->parts[k].e[i])->p.n > 0)

/* nb and ns from the bytes of the buckets and of the dictionary. */
static size_t
group_sizes(struct search *idx, size_t *nuni)
{
	struct entry	*e;
	size_t		 total = 0, dict = 0, n = 0, i, k;

	*nuni = 0;
	FOR_ENTRIES(idx, k, i, e) {
		total += e->bytes;
		n++;
		if (!e->bigram) {
			dict += search_dict_bytes(e->len);
			(*nuni)++;
		}
	}
	search_counts(total, dict, &idx->nb, &idx->ns);
	return n;
}

/* Entries grouped by bucket and unigrams by shard (counting sorts). */
static void
group(struct search *idx)
{
	size_t		 i, k, n, nuni, *bpos, *spos;
	struct entry	*e;
	unsigned	 b;

	free(idx->bstart);
	free(idx->byb);
	free(idx->sstart);
	free(idx->bys);
	n = group_sizes(idx, &nuni);
	idx->bstart = xcalloc(idx->nb + 1, sizeof(*idx->bstart));
	idx->byb = xcalloc(n ? n : 1, sizeof(*idx->byb));
	idx->sstart = xcalloc(idx->ns + 1, sizeof(*idx->sstart));
	idx->bys = xcalloc(nuni ? nuni : 1, sizeof(*idx->bys));
	FOR_ENTRIES(idx, k, i, e) {
		idx->bstart[(e->hash & (idx->nb - 1)) + 1]++;
		if (!e->bigram)
			idx->sstart[search_shard_of(e->term, e->len,
			    idx->ns) + 1]++;
	}
	for (k = 0; k < idx->nb; k++)
		idx->bstart[k + 1] += idx->bstart[k];
	for (k = 0; k < idx->ns; k++)
		idx->sstart[k + 1] += idx->sstart[k];
	bpos = xcalloc(idx->nb, sizeof(*bpos));
	spos = xcalloc(idx->ns, sizeof(*spos));
	FOR_ENTRIES(idx, k, i, e) {
		b = e->hash & (idx->nb - 1);
		idx->byb[idx->bstart[b] + bpos[b]++] = e;
		if (!e->bigram) {
			b = search_shard_of(e->term, e->len, idx->ns);
			idx->bys[idx->sstart[b] + spos[b]++] = e;
		}
	}
	free(bpos);
	free(spos);
}

/* --- The index -------------------------------------------------------- */

/* Postings grown by doubling, cut to size: the index is kept (serve). */
static void
ids_fit(struct ids *x)
{
	if (x->cap > x->n && x->n > 0) {
		x->v = xreallocarray(x->v, x->n, sizeof(*x->v));
		x->cap = x->n;
	}
}

/* Each entry's bytes, once (an edit recomputes those it changes). */
static void
job_bytes(void *arg, size_t k)
{
	struct search	*idx = arg;
	struct part	*pt = &idx->parts[k];
	struct exact	*x;
	size_t		 i;

	for (i = 0; i < pt->n; i++) {
		ids_fit(&pt->e[i].p);
		ids_fit(&pt->e[i].t);
		for (x = pt->e[i].ex; x != NULL; x = x->next)
			ids_fit(&x->ids);
		pt->e[i].bytes = entry_bytes(&pt->e[i]);
	}
}

static void
doctoks_free(struct doctoks *dt)
{
	free(dt->r);
	free(dt->tab);
	arena_free(&dt->ar);
	snorm_free(&dt->sn);
	buf_free(&dt->text);
	memset(dt, 0, sizeof(*dt));
}

/*
 * Every document cut into terms and merged: the whole index.  kd (if
 * not NULL): each document's key is set, from the same read of its
 * parts as its text.
 */
static void
build_all(struct search *idx, const struct site *s, int jobs,
    struct keepdoc *kd, struct search_run *bg)
{
	struct buildjob	 j;
	size_t		 i, round;

	j.idx = idx;
	j.site = s;
	j.bg = bg;
	j.kd = kd;
	j.out = bg != NULL ? bg->out : NULL;
	search_snippets_drop(idx);
	idx->snip = xcalloc(idx->ndocs ? idx->ndocs : 1, sizeof(*idx->snip));
	if (j.out != NULL)
		idx->early = xcalloc(idx->ndocs ? idx->ndocs : 1, 1);
	j.nw = jobs > 1 ? (size_t)jobs : 1;
	j.w = xcalloc(2 * j.nw, sizeof(*j.w));
	for (i = 0; i < 2 * j.nw; i++) {
		snorm_init(&j.w[i].sn);
		buf_init(&j.w[i].text);
		buf_init(&j.w[i].js);
	}
	round = j.nw * CHUNK;
	j.set = 0;
	j.merge = 0;
	j.nchunk = j.nw;
	for (j.first = 0; j.first < idx->ndocs; j.first += round) {
		if (bg != NULL && atomic_load(&bg->cancel))
			break;	/* the index is dropped: leave it half made */
		pool_run(j.nchunk + (j.merge ? NPART : 0), jobs, job_round,
		    &j);
		j.set ^= 1;
		j.merge = 1;
	}
	if (j.merge) {
		j.nchunk = 0;	/* only the last round's merge */
		pool_run(NPART, jobs, job_round, &j);
	}
	for (i = 0; i < 2 * j.nw; i++)
		wtab_free(&j.w[i]);
	free(j.w);
	pool_run(NPART, jobs, job_bytes, idx);
}

void
search_build(struct site *s, int jobs)
{
	search_build_kept(s, jobs, NULL, 0);
}

static void
ids_free(struct ids *x)
{
	if (x->cap != 0)
		free(x->v);
}

/* The terms and their postings (the index is empty again). */
static void
parts_free(struct search *idx)
{
	struct exact	*x, *nx;
	struct part	*pt;
	size_t		 k, i;

	for (k = 0; k < NPART; k++) {
		pt = &idx->parts[k];
		for (i = 0; i < pt->n; i++) {
			ids_free(&pt->e[i].p);
			ids_free(&pt->e[i].t);
			for (x = pt->e[i].ex; x != NULL; x = nx) {
				nx = x->next;
				ids_free(&x->ids);
				free(x);
			}
		}
		free(pt->e);
		free(pt->tab);
		arena_free(&pt->ar);
		memset(pt, 0, sizeof(*pt));
	}
	if (idx->slab != NULL)
		munmap(idx->slab, idx->slabsize);
	idx->slab = NULL;
	idx->slabsize = 0;
}

void
search_snippets_drop(struct search *idx)
{
	size_t	 i;

	if (idx == NULL)
		return;
	free(idx->early);
	idx->early = NULL;
	if (idx->snip == NULL)
		return;
	for (i = 0; i < idx->ndocs; i++)
		free(idx->snip[i]);
	free(idx->snip);
	idx->snip = NULL;
}

void
search_free(struct search *idx)
{
	if (idx == NULL)
		return;
	search_snippets_drop(idx);
	parts_free(idx);
	free(idx->kpath);
	free(idx->kkd);
	free(idx->docs);
	free(idx->meta);
	free(idx->byb);
	free(idx->bstart);
	free(idx->bys);
	free(idx->sstart);
	free(idx->dirty_b);
	free(idx->dirty_s);
	free(idx);
}

unsigned
search_nbuckets(const struct search *idx)
{
	return idx != NULL ? idx->nb : 0;
}

unsigned
search_nshards(const struct search *idx)
{
	return idx != NULL ? idx->ns : 0;
}

size_t
search_ndocs(const struct search *idx)
{
	return idx != NULL ? idx->ndocs : 0;
}

struct page *
search_doc_page(const struct search *idx, size_t id)
{
	return idx->docs[id];
}

/* --- A document changed (cchc serve) -------------------------------- */

struct search_doc {
	struct doctoks	 dt;
};

struct search_doc *
search_take(const struct site *s, const struct page *p)
{
	struct search_doc *d;

	if (s->search == NULL || p->doc < 0)
		return NULL;
	d = xcalloc(1, sizeof(*d));
	snorm_init(&d->dt.sn);
	buf_init(&d->dt.text);
	doc_terms(&d->dt, s, p);
	return d;
}

void
search_doc_free(struct search_doc *d)
{
	if (d == NULL)
		return;
	doctoks_free(&d->dt);
	free(d);
}

/* The record of dt equal to r (kind, term, exact), or NULL. */
static const struct rec *
doc_find(const struct doctoks *dt, const struct rec *r)
{
	const struct rec *q;
	size_t		 h;

	if (dt->tabsize == 0)
		return NULL;
	for (h = (r->hash ^ r->kind * 0x9E3779B9u) & (dt->tabsize - 1);
	    dt->tab[h] != 0; h = (h + 1) & (dt->tabsize - 1)) {
		q = &dt->r[dt->tab[h] - 1];
		if (q->hash == r->hash && rec_is(q, r->kind, r->term, r->len,
		    r->exact))
			return q;
	}
	return NULL;
}

/* Puts id in (add) or takes it out of sorted ids. */
static void
ids_set(struct ids *x, uint32_t id, int add)
{
	uint32_t	 lo, *v;

	if (add && x->cap == 0 && x->v != NULL) {	/* in the slab: copied */
		v = xcalloc((size_t)x->n + 1, sizeof(*v));
		memcpy(v, x->v, x->n * sizeof(*v));
		x->v = v;
		x->cap = x->n + 1;
	}
	lo = ids_lower(x, id);
	if (add && (lo == x->n || x->v[lo] != id)) {
		ARRAY_GROW(x->v, x->n, x->cap, 2);
		memmove(x->v + lo + 1, x->v + lo, (x->n - lo) * sizeof(*x->v));
		x->v[lo] = id;
		x->n++;
	} else if (!add && lo < x->n && x->v[lo] == id) {
		memmove(x->v + lo, x->v + lo + 1,
		    (x->n - lo - 1) * sizeof(*x->v));
		x->n--;
	}
}

/*
 * The records of `from` that `other` lacks (or, for a unigram, lacks in
 * its title) added to the index (add) or taken out, their buckets and
 * shards marked.
 */
static void
apply(struct search *idx, const struct doctoks *from,
    const struct doctoks *other, uint32_t id, int add)
{
	const struct rec *r, *o;
	struct entry	*e;
	struct exact	*x;
	size_t		 i;

	for (i = 0; i < from->n; i++) {
		r = &from->r[i];
		o = doc_find(other, r);
		if (o != NULL && (r->kind != REC_UNI || !r->title || o->title))
			continue;
		e = part_get(&idx->parts[part_of(r->hash)], r);
		if (idx->dirty_b != NULL)
			idx->dirty_b[e->hash & (idx->nb - 1)] = 1;
		if (r->kind == REC_EXACT) {
			x = exact_get(&idx->parts[part_of(r->hash)], e,
			    r->exact);
			ids_set(&x->ids, id, add);
		} else {
			if (r->title)
				ids_set(&e->t, id, add);
			if (o == NULL) {	/* else only its title changed */
				ids_set(&e->p, id, add);
				if (r->kind == REC_UNI && idx->dirty_s != NULL)
					idx->dirty_s[search_shard_of(e->term,
					    e->len, idx->ns)] = 1;
			}
		}
		e->bytes = e->p.n > 0 ? entry_bytes(e) : 0;
	}
}

int
search_update(struct site *s, const struct page *p, struct search_doc *old)
{
	struct search	*idx = s->search;
	struct search_doc *now;
	unsigned	 nb, ns;

	if (idx == NULL || old == NULL || p->doc < 0)
		return -1;
	if (idx->dirty_b == NULL) {
		idx->dirty_b = xcalloc(idx->nb, 1);
		idx->dirty_s = xcalloc(idx->ns, 1);
	}
	if (idx->snip != NULL) {	/* its text changed */
		free(idx->snip[p->doc]);
		idx->snip[p->doc] = NULL;
	}
	now = search_take(s, p);
	apply(idx, &old->dt, &now->dt, (uint32_t)p->doc, 0);
	apply(idx, &now->dt, &old->dt, (uint32_t)p->doc, 1);
	search_doc_free(now);
	/* As a whole build would group them: the same files, or -1. */
	nb = idx->nb;
	ns = idx->ns;
	group(idx);
	return nb == idx->nb && ns == idx->ns ? 0 : -1;
}

int
search_dirty(const struct search *idx, int kind, size_t k)
{
	if (idx == NULL || idx->dirty_b == NULL)
		return 0;
	return kind == 0 ? idx->dirty_b[k] : idx->dirty_s[k];
}

void
search_clean(struct search *idx)
{
	if (idx == NULL)
		return;
	free(idx->dirty_b);
	free(idx->dirty_s);
	idx->dirty_b = idx->dirty_s = NULL;
}

/* --- The index kept between builds (search_build_kept) --------------- */

/*
 * The file, a cache file (cachefile.h) whose seal covers its head:
 *
 *   u32 ndocs, ndocs x (u64 hash of the URL, u64 search_page_key),
 *   u64 end of each of the NPART parts (offsets after the head),
 *   u64 cf_sum of each part,
 *
 * and then the parts, each checked by its own sum (made and checked on
 * threads, and written from their own buffers: no copy into one):
 *
 *   part: varint nids (its postings' ids), varint nentries, entry*
 *   entry: varint len, term, u8 bigram, varint bytes, ids p,
 *          unigram: ids t, varint nexact, (varint len, form, ids)*
 *   ids: varint n, the first id + 1, then each next's difference
 *
 * Every varint is LEB128.  Only live entries and exact forms with
 * documents are written, so a kept index reads back as a built one.
 */
#define KEEP_MAGIC	"CCHCSRCH"
#define KEEP_VERSION	2
#define KEEP_MAX	((size_t)1 << 30)
#define KEEP_DOC	16		/* bytes a document in the file */

static void
put_varint(struct buf *b, uint64_t v)
{
	unsigned char	 c[10];
	int		 n = 0;

	do {
		c[n++] = (unsigned char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
		v >>= 7;
	} while (v != 0);
	buf_put(b, c, (size_t)n);
}

/* LEB128 of v at p; the bytes written (at most 5). */
static size_t
varint_at(unsigned char *p, uint32_t v)
{
	size_t	 n = 0;

	while (v > 0x7F) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* The count, then the gaps: room made once, written in place. */
static void
put_ids(struct buf *b, const struct ids *x)
{
	unsigned char	*p;
	uint32_t	 i;

	buf_grow(b, 5 * ((size_t)x->n + 1));
	p = (unsigned char *)b->data + b->len;
	p += varint_at(p, x->n);
	for (i = 0; i < x->n; i++)
		p += varint_at(p, i == 0 ? x->v[0] + 1 : x->v[i] - x->v[i - 1]);
	b->len = (size_t)(p - (unsigned char *)b->data);
}

/* One part's live entries. */
static void
put_part(struct buf *b, const struct part *pt)
{
	const struct entry *e;
	const struct exact *x;
	size_t		 i, n = 0, nx, nids = 0;

	for (i = 0; i < pt->n; i++) {
		if ((e = &pt->e[i])->p.n == 0)
			continue;
		n++;
		nids += e->p.n + e->t.n;
		for (x = e->ex; x != NULL; x = x->next)
			nids += x->ids.n;
	}
	put_varint(b, nids);
	put_varint(b, n);
	for (i = 0; i < pt->n; i++) {
		if ((e = &pt->e[i])->p.n == 0)
			continue;
		put_varint(b, e->len);
		buf_put(b, e->term, e->len);
		buf_putc(b, e->bigram ? 1 : 0);
		put_varint(b, e->bytes);
		put_ids(b, &e->p);
		if (e->bigram)
			continue;
		put_ids(b, &e->t);
		for (nx = 0, x = e->ex; x != NULL; x = x->next)
			nx += x->ids.n > 0;
		put_varint(b, nx);
		for (x = e->ex; x != NULL; x = x->next)
			if (x->ids.n > 0) {
				put_varint(b, strlen(x->form));
				buf_puts(b, x->form);
				put_ids(b, &x->ids);
			}
	}
}

/* About the bytes of a part in the file (a gap takes a byte or two). */
static size_t
part_estimate(const struct part *pt)
{
	const struct entry *e;
	const struct exact *x;
	size_t		 i, n = 16;

	for (i = 0; i < pt->n; i++) {
		if ((e = &pt->e[i])->p.n == 0)
			continue;
		n += e->len + 16 + e->p.n + e->t.n + (e->p.n + e->t.n) / 4;
		for (x = e->ex; x != NULL; x = x->next)
			n += 8 + x->ids.n + x->ids.n / 4;
	}
	return n;
}

/* The parts' bytes and sums, made on threads (each its own buffer). */
struct savejob {
	const struct search *idx;
	struct buf	 part[NPART];
	uint64_t	 sum[NPART];
};

static void
job_put(void *arg, size_t k)
{
	struct savejob	*sj = arg;

	buf_grow(&sj->part[k], part_estimate(&sj->idx->parts[k]));
	put_part(&sj->part[k], &sj->idx->parts[k]);
	sj->sum[k] = cf_sum(sj->part[k].data, sj->part[k].len);
}

/* The file written anew (a failure costs only speed: no message). */
static void
keep_save(const struct search *idx, const char *path, uint64_t salt,
    const struct keepdoc *kd, int jobs)
{
	struct savejob	 sj;
	struct fs_piece	 v[1 + NPART];
	struct buf	 b = BUF_INIT;
	size_t		 i, at;

	sj.idx = idx;
	for (i = 0; i < NPART; i++)
		buf_init(&sj.part[i]);
	pool_run(NPART, jobs, job_put, &sj);
	buf_grow(&b, KEEP_DOC * idx->ndocs + 16 * NPART + 64);
	cf_begin_sealed(&b, KEEP_MAGIC, KEEP_VERSION, salt);
	cf_put_u32(&b, (uint32_t)idx->ndocs);
	for (i = 0; i < idx->ndocs; i++) {
		cf_put_u64(&b, kd[i].url);
		cf_put_u64(&b, kd[i].key);
	}
	/* Where each part ends, counted from the head's end. */
	for (i = 0, at = 0; i < NPART; i++) {
		at += sj.part[i].len;
		cf_put_u64(&b, at);
	}
	for (i = 0; i < NPART; i++)
		cf_put_u64(&b, sj.sum[i]);
	cf_seal(&b);
	v[0].data = b.data;
	v[0].len = b.len;
	for (i = 0; i < NPART; i++) {
		v[1 + i].data = sj.part[i].data;
		v[1 + i].len = sj.part[i].len;
	}
	(void)fs_replace_v(path, v, 1 + NPART);
	for (i = 0; i < NPART; i++)
		buf_free(&sj.part[i]);
	buf_free(&b);
}

/* A reader of one part: anything out of place makes it bad. */
struct rd {
	const unsigned char *p, *end;
	uint32_t	*ids, *ids_end;	/* the part's share of the slab */
	int		 bad;
};

static uint32_t
get_varint(struct rd *r)
{
	uint64_t	 v = 0;
	int		 shift;

	for (shift = 0; shift < 35 && r->p < r->end; shift += 7) {
		v |= (uint64_t)(*r->p & 0x7F) << shift;
		if ((*r->p++ & 0x80) == 0)
			return v <= UINT32_MAX ? (uint32_t)v : (r->bad = 1, 0);
	}
	r->bad = 1;
	return 0;
}

/* n bytes of a term or form, with no NUL in them. */
static const char *
get_bytes(struct rd *r, size_t n)
{
	const char	*s = (const char *)r->p;

	if (r->bad || n == 0 || (size_t)(r->end - r->p) < n ||
	    memchr(s, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	return s;
}

/* Postings: ascending, below ndocs. */
static void
get_ids(struct rd *r, struct ids *x, uint32_t ndocs)
{
	uint32_t	 n = get_varint(r), i, g;
	uint64_t	 id = 0;

	if (r->bad || n > ndocs || n > (size_t)(r->ids_end - r->ids)) {
		r->bad = 1;
		return;
	}
	x->v = n > 0 ? r->ids : NULL;	/* cap 0: borrowed */
	r->ids += n;
	for (i = 0; i < n; i++) {
		g = get_varint(r);
		id += i == 0 ? (uint64_t)g - 1 : g;
		if (r->bad || (i > 0 && g == 0) || (i == 0 && g == 0) ||
		    id >= ndocs) {
			r->bad = 1;
			return;
		}
		x->v[x->n++] = (uint32_t)id;
	}
}

/* One entry into part pt; r->bad if it is out of place. */
static void
get_entry(struct rd *r, struct part *pt, unsigned k, uint32_t ndocs)
{
	struct entry	*e;
	struct exact	*x;
	struct rec	 rc;
	uint32_t	 n, nx;
	size_t		 had = pt->n;
	const char	*form;

	memset(&rc, 0, sizeof(rc));
	n = get_varint(r);
	if (n > SEARCH_TERM_MAX || (rc.term = get_bytes(r, n)) == NULL ||
	    r->p >= r->end || *r->p > 1) {
		r->bad = 1;
		return;
	}
	rc.len = (uint16_t)n;
	rc.kind = *r->p++ ? REC_BI : REC_UNI;
	rc.hash = search_fnv1a(rc.term, rc.len);
	if (part_of(rc.hash) != k || (e = part_get(pt, &rc), pt->n == had)) {
		r->bad = 1;		/* another part's, or twice */
		return;
	}
	e->bytes = get_varint(r);
	get_ids(r, &e->p, ndocs);
	if (e->p.n == 0)
		r->bad = 1;
	if (e->bigram || r->bad)
		return;
	get_ids(r, &e->t, ndocs);
	for (nx = get_varint(r); nx > 0 && !r->bad; nx--) {
		n = get_varint(r);
		if (n > 1024 || (form = get_bytes(r, n)) == NULL) {
			r->bad = 1;	/* no form is that long */
			return;
		}
		x = xcalloc(1, sizeof(*x));
		x->form = (char *)arena_put(&pt->ar, form, n);
		x->next = e->ex;
		e->ex = x;
		get_ids(r, &x->ids, ndocs);
	}
}

struct keepjob {
	struct search	*idx;
	const unsigned char *parts;	/* after the table */
	uint64_t	 end[NPART];
	const unsigned char *start[NPART];	/* after its nids */
	size_t		 base[NPART + 1];	/* its ids in the slab */
	uint64_t	 sum[NPART];	/* cf_sum of its bytes */
	uint32_t	 ndocs;		/* the file's */
	int		 bad[NPART];
};

static void
job_load(void *arg, size_t k)
{
	struct keepjob	*kj = arg;
	struct rd	 r;
	uint32_t	 n;

	struct part	*pt = &kj->idx->parts[k];
	const unsigned char *from = kj->parts + (k > 0 ? kj->end[k - 1] : 0);

	if (cf_sum(from, (size_t)(kj->parts + kj->end[k] - from)) !=
	    kj->sum[k]) {
		kj->bad[k] = 1;
		return;
	}
	r.p = kj->start[k];
	r.end = kj->parts + kj->end[k];
	r.ids = kj->idx->slab + kj->base[k];
	r.ids_end = kj->idx->slab + kj->base[k + 1];
	r.bad = 0;
	n = get_varint(&r);
	/* Sized once: an entry takes at least 4 bytes of the file. */
	if (!r.bad && n <= (size_t)(r.end - r.p) / 4) {
		pt->cap = n ? n : 1;
		pt->e = xcalloc(pt->cap, sizeof(*pt->e));
		while (pt->tabsize < 2 * (size_t)n + 2)
			part_rehash(pt);
	} else
		r.bad = 1;
	for (; n > 0 && !r.bad; n--)
		get_entry(&r, pt, (unsigned)k, kj->ndocs);
	kj->bad[k] = r.bad || r.p != r.end || r.ids != r.ids_end;
}

/* The file mapped whole (NULL: none, or not a regular file). */
static const unsigned char *
keep_map(const char *path, size_t *len)
{
	struct stat	 st;
	void		*m;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	m = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size <= KEEP_MAX) {
		*len = (size_t)st.st_size;
		/* Populated at once: a fault a page costs more. */
		m = mmap(NULL, *len, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
		    fd, 0);
	}
	close(fd);
	return m != MAP_FAILED ? m : NULL;
}

/* Room for n ids, in huge pages where the system gives them. */
static int
slab_make(struct search *idx, size_t n)
{
	void	*m;

	idx->slabsize = (n ? n : 1) * sizeof(uint32_t);
	if ((m = map_anon(idx->slabsize)) == NULL) {
		idx->slabsize = 0;
		return -1;
	}
	idx->slab = m;
	return 0;
}

/* The parts' places: where each starts, its ids in the slab. */
static int
keep_parts(struct keepjob *kj, size_t len)
{
	struct rd	 r;
	size_t		 k;

	memset(&r, 0, sizeof(r));
	kj->base[0] = 0;
	for (k = 0; k < NPART; k++) {
		if (kj->end[k] > len || (k > 0 && kj->end[k] < kj->end[k - 1]))
			return -1;
		r.p = kj->parts + (k > 0 ? kj->end[k - 1] : 0);
		r.end = kj->parts + kj->end[k];
		/* An id takes at least a byte of the file. */
		kj->base[k + 1] = kj->base[k] + get_varint(&r);
		if (r.bad || kj->base[k + 1] - kj->base[k] >
		    (size_t)(r.end - r.p))
			return -1;
		kj->start[k] = r.p;
	}
	return kj->end[NPART - 1] == len ? 0 : -1;	/* nothing after */
}

/*
 * The kept index of the file into idx (which has no terms yet), if its
 * documents are idx's first ones: 0 with *nold the file's document
 * count and its keys in okeys (malloc'd), else -1 with idx left empty.
 */
static int
keep_load(struct search *idx, const char *path, uint64_t salt, int jobs,
    const struct keepdoc *kd, struct keepdoc **okeys, uint32_t *nold)
{
	struct keepjob	 kj;
	const unsigned char *map, *p;
	size_t		 maplen = 0, len, i, head;
	int		 rc = -1;

	*okeys = NULL;
	if ((map = keep_map(path, &maplen)) == NULL)
		return -1;
	if (!cf_sealed_head_ok(map, maplen, KEEP_MAGIC, KEEP_VERSION, salt,
	    &head))
		goto out;
	p = map + CF_SEALED_HEAD;
	len = maplen - CF_SEALED_HEAD;
	memset(&kj, 0, sizeof(kj));
	if (head < 4 || (kj.ndocs = (uint32_t)cf_le_get(p, 4)) > idx->ndocs ||
	    head != 4 + (size_t)kj.ndocs * KEEP_DOC + 16 * NPART)
		goto out;
	*okeys = xcalloc(kj.ndocs ? kj.ndocs : 1, sizeof(**okeys));
	for (i = 0; i < kj.ndocs; i++) {
		(*okeys)[i].url = cf_le_get(p + 4 + i * KEEP_DOC, 8);
		(*okeys)[i].key = cf_le_get(p + 4 + i * KEEP_DOC + 8, 8);
		if ((*okeys)[i].url != kd[i].url)
			goto out;	/* other documents, or moved */
	}
	for (i = 0; i < NPART; i++) {
		kj.end[i] = cf_le_get(p + head - 16 * NPART + 8 * i, 8);
		kj.sum[i] = cf_le_get(p + head - 8 * NPART + 8 * i, 8);
	}
	kj.parts = p + head;
	if (keep_parts(&kj, len - head) == -1 ||
	    slab_make(idx, kj.base[NPART]) == -1)
		goto out;
	kj.idx = idx;
	pool_run(NPART, jobs, job_load, &kj);
	for (i = 0; i < NPART; i++)
		if (kj.bad[i])
			goto out;
	*nold = kj.ndocs;
	rc = 0;
out:
	if (rc == -1) {
		parts_free(idx);
		free(*okeys);
		*okeys = NULL;
	}
	munmap((void *)map, maplen);
	return rc;
}

/*
 * The terms each changed document had, from the kept index (which[id]
 * is 1 + the document's place in old, 0 for the others): a look-up of
 * each document in every posting list when they are few, else one pass
 * over every posting.
 */
static void
old_rec(struct doctoks *old, const struct entry *e, uint32_t id)
{
	const struct exact *x;

	rec_add(old, e->bigram ? REC_BI : REC_UNI, !e->bigram &&
	    ids_has(&e->t, id), e->term, e->len, NULL);
	for (x = e->ex; x != NULL; x = x->next)
		if (ids_has(&x->ids, id))
			rec_add(old, REC_EXACT, 0, e->term, e->len, x->form);
}

static void
old_terms(const struct search *idx, const uint32_t *which,
    const uint32_t *chg, size_t nchg, struct doctoks *old)
{
	const struct entry *e;
	size_t		 k, i, n;
	uint32_t	 w;

	for (k = 0; k < NPART; k++)
		for (i = 0; i < idx->parts[k].n; i++) {
			e = &idx->parts[k].e[i];
			if (nchg <= KEEP_LOOKUP) {
				for (n = 0; n < nchg; n++)
					if (which[chg[n]] != 0 &&
					    ids_has(&e->p, chg[n]))
						old_rec(&old[n], e, chg[n]);
				continue;
			}
			for (n = 0; n < e->p.n; n++)
				if ((w = which[e->p.v[n]]) != 0)
					old_rec(&old[w - 1], e, e->p.v[n]);
		}
}

/* The changed documents (chg, nchg) taken out and put in again. */
static void
keep_update(struct search *idx, const struct site *s, const uint32_t *chg,
    size_t nchg, uint32_t nold)
{
	struct doctoks	*old = xcalloc(nchg ? nchg : 1, sizeof(*old));
	struct doctoks	 now;
	uint32_t	*which = xcalloc(idx->ndocs ? idx->ndocs : 1,
			    sizeof(*which));
	size_t		 i;

	for (i = 0; i < nchg; i++)
		if (chg[i] < nold)
			which[chg[i]] = (uint32_t)(i + 1);
	old_terms(idx, which, chg, nchg, old);
	memset(&now, 0, sizeof(now));
	for (i = 0; i < nchg; i++) {
		doc_terms(&now, s, idx->docs[chg[i]]);
		apply(idx, &old[i], &now, chg[i], 0);
		apply(idx, &now, &old[i], chg[i], 1);
		doctoks_free(&old[i]);
	}
	doctoks_free(&now);
	free(old);
	free(which);
}

struct keyjob {
	const struct site *site;
	const struct search *idx;
	struct keepdoc	*kd;
};

static void
job_key(void *arg, size_t i)
{
	struct keyjob	*kj = arg;

	kj->kd[i].key = search_page_key(kj->site, kj->idx->docs[i]);
}

/* A whole build's end: entries grouped, the file written. */
static void
whole_end(struct search_run *r)
{
	struct search	*idx = r->idx;

	group(idx);
	if (r->path == NULL)
		return;
	/* With an output, the build has more to do than this file, which
	   only the next build reads: it is written at the end. */
	if (r->out != NULL) {
		idx->kpath = r->path;
		idx->ksalt = r->salt;
		idx->kkd = r->kd;
		r->path = NULL;
		r->kd = NULL;
	} else
		keep_save(idx, r->path, r->salt, r->kd, r->jobs);
}

void
search_keep_write(struct search *idx, int jobs)
{
	if (idx == NULL || idx->kpath == NULL)
		return;
	keep_save(idx, idx->kpath, idx->ksalt, idx->kkd, jobs);
	free(idx->kpath);
	free(idx->kkd);
	idx->kpath = NULL;
	idx->kkd = NULL;
}

/* Beside the bodies: done while the markdown stage ends too. */
static void *
run_thread(void *arg)
{
	struct search_run *r = arg;

	build_all(r->idx, r->site, r->jobs, r->kd, r);
	if (!atomic_load(&r->cancel))
		whole_end(r);
	return NULL;
}

struct search_run *
search_begin(struct site *s, int jobs, const char *path, uint64_t salt,
    int beside, struct outdir *out)
{
	struct search_run *r = xcalloc(1, sizeof(*r));
	struct search	*idx = xcalloc(1, sizeof(*idx));
	size_t		 i;

	search_free(s->search);
	s->search = idx;
	r->site = s;
	r->idx = idx;
	r->jobs = jobs;
	r->salt = salt;
	r->out = out;
	docs_list(idx, s);
	if (path != NULL) {
		r->path = xstrdup(path);
		r->kd = xcalloc(idx->ndocs ? idx->ndocs : 1, sizeof(*r->kd));
		for (i = 0; i < idx->ndocs; i++)
			r->kd[i].url = hash64(idx->docs[i]->url,
			    strlen(idx->docs[i]->url), 0);
		r->kept = keep_load(idx, path, salt, jobs, r->kd, &r->okd,
		    &r->nold) == 0;
	}
	/* A whole build, and cores to share: its terms (and keys, with
	   the texts) beside the bodies. */
	if (beside && !r->kept && jobs > 1 && idx->ndocs > 0) {
		r->ready = xcalloc((idx->ndocs + CHUNK - 1) / CHUNK,
		    sizeof(*r->ready));
		r->failed = xcalloc(idx->ndocs, 1);
		pthread_mutex_init(&r->mu, NULL);
		pthread_cond_init(&r->cv, NULL);
		r->started = !fault_hit("search-thread", EAGAIN) &&
		    pthread_create(&r->th, NULL, run_thread, r) == 0;
		if (!r->started) {
			pthread_cond_destroy(&r->cv);
			pthread_mutex_destroy(&r->mu);
		}
	}
	return r;
}

void
search_body_done(struct search_run *r, const struct page *p)
{
	size_t		 c, n;

	if (r == NULL || !r->started || p->doc < 0 ||
	    (size_t)p->doc >= r->idx->ndocs || r->idx->docs[p->doc] != p)
		return;
	r->failed[p->doc] = p->failed != 0;
	c = (size_t)p->doc / CHUNK;
	n = r->idx->ndocs - c * CHUNK;
	if (n > CHUNK)
		n = CHUNK;
	if (atomic_fetch_add(&r->ready[c], 1) + 1 == n) {
		pthread_mutex_lock(&r->mu);
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
}

/* The thread beside the bodies, if any, ended (cancel: told to stop). */
static void
run_join(struct search_run *r, int cancel)
{
	if (!r->started)
		return;
	if (cancel)
		atomic_store(&r->cancel, 1);
	pthread_mutex_lock(&r->mu);
	atomic_store(&r->over, 1);
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->th, NULL);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	r->started = 0;
}

static void
run_free(struct search_run *r)
{
	free(r->ready);
	free(r->failed);
	free(r->okd);
	free(r->kd);
	free(r->path);
	free(r);
}

void
search_drop(struct search_run *r)
{
	if (r == NULL)
		return;
	run_join(r, 1);
	run_free(r);
}

void
search_end(struct search_run *r)
{
	struct search	*idx = r->idx;
	struct site	*s = r->site;
	struct keyjob	 kj;
	uint32_t	*chg = NULL;
	size_t		 i, nchg = 0;

	if (r->started)
		run_join(r, 0);
	else if (!r->kept) {	/* the keys made with the texts */
		build_all(idx, s, r->jobs, r->kd, NULL);
		whole_end(r);
	} else {
		/* The keys, to compare. */
		kj.site = s;
		kj.idx = idx;
		kj.kd = r->kd;
		pool_run(idx->ndocs, r->jobs, job_key, &kj);
		chg = xcalloc(idx->ndocs ? idx->ndocs : 1, sizeof(*chg));
		for (i = 0; i < idx->ndocs; i++)
			if (i >= r->nold || r->okd[i].key != r->kd[i].key)
				chg[nchg++] = (uint32_t)i;
		/* Many changed: a whole build is quicker. */
		if (nchg * KEEP_MOST > idx->ndocs + KEEP_MOST) {
			parts_free(idx);
			build_all(idx, s, r->jobs, NULL, NULL);
			whole_end(r);
		} else {
			keep_update(idx, s, chg, nchg, r->nold);
			group(idx);
			/* The file stays as it is while few documents differ
			   from it: each build applies them again, which costs
			   less than writing. */
			if (nchg > KEEP_RESAVE)
				keep_save(idx, r->path, r->salt, r->kd,
				    r->jobs);
		}
	}
	free(chg);
	run_free(r);
}

void
search_build_kept(struct site *s, int jobs, const char *path, uint64_t salt)
{
	search_end(search_begin(s, jobs, path, salt, 0, NULL));
}

/* --- The files -------------------------------------------------------- */

void
search_root_js(const struct search *idx, struct buf *b)
{
	buf_printf(b, "cchcSearch.root({\"v\":1,\"n\":%zu,\"nb\":%u,"
	    "\"ns\":%u,\"y0\":%d,\"meta\":\"", idx->ndocs, idx->nb, idx->ns,
	    idx->y0);
	search_base64(b, idx->meta, idx->ndocs);
	buf_puts(b, "\"})\n");
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct entry *a = *(const struct entry *const *)x;
	const struct entry *b = *(const struct entry *const *)y;
	int		 c = memcmp(a->term, b->term, a->len < b->len ? a->len :
			    b->len);

	return c != 0 ? c : a->len < b->len ? -1 : a->len > b->len;
}

/* A copy of n entries, sorted by bytes (the index is only read). */
static struct entry **
sorted(struct entry *const *v, size_t n)
{
	struct entry	**c = xcalloc(n ? n : 1, sizeof(*c));

	memcpy(c, v, n * sizeof(*c));
	if (n > 1)
		qsort(c, n, sizeof(*c), entry_cmp);
	return c;
}

void
search_dict_js(const struct search *idx, unsigned k, struct buf *b)
{
	struct entry	**v;
	char		*name = search_bucket_name(k, idx->ns);
	size_t		 i, n = idx->sstart[k + 1] - idx->sstart[k];

	v = sorted(idx->bys + idx->sstart[k], n);
	buf_printf(b, "cchcSearch.dict(\"%s\",[", name);
	free(name);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		search_json_str(b, v[i]->term, v[i]->len);
		buf_printf(b, ",%u", v[i]->p.n);
	}
	buf_puts(b, "])\n");
	free(v);
}

static int
exact_cmp(const void *x, const void *y)
{
	return strcmp((*(const struct exact *const *)x)->form,
	    (*(const struct exact *const *)y)->form);
}

/* A unigram's exact forms, sorted, as the third item of its array. */
static void
exact_forms(const struct entry *e, struct buf *b)
{
	struct exact	*x, **v = NULL;
	size_t		 n = 0, cap = 0, i;

	for (x = e->ex; x != NULL; x = x->next)
		if (x->ids.n > 0) {
			ARRAY_GROW(v, n, cap, 4);
			v[n++] = x;
		}
	if (n == 0)
		return;
	if (n > 1)
		qsort(v, n, sizeof(*v), exact_cmp);
	buf_puts(b, ",{");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		search_json_str(b, v[i]->form, strlen(v[i]->form));
		buf_putc(b, ':');
		if (ids_equal(&v[i]->ids, &e->p))
			buf_puts(b, "\"=\"");
		else
			search_postings(b, v[i]->ids.v, v[i]->ids.n);
	}
	buf_putc(b, '}');
	free(v);
}

void
search_bucket_js(const struct search *idx, unsigned bk, struct buf *b)
{
	struct entry	**v;
	char		*name = search_bucket_name(bk, idx->nb);
	size_t		 i, n = idx->bstart[bk + 1] - idx->bstart[bk];

	v = sorted(idx->byb + idx->bstart[bk], n);
	buf_printf(b, "cchcSearch.bucket(\"%s\",{", name);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		search_json_str(b, v[i]->term, v[i]->len);
		buf_puts(b, ":[");
		search_postings(b, v[i]->p.v, v[i]->p.n);
		if (!v[i]->bigram) {
			buf_putc(b, ',');
			search_postings(b, v[i]->t.v, v[i]->t.n);
			exact_forms(v[i], b);
		}
		buf_putc(b, ']');
	}
	buf_puts(b, "})\n");
	free(v);
	free(name);
}

/* Document p's d/ file, its snippet snip[0..len), to b. */
static void
doc_js(struct buf *b, const struct page *p, const char *snip, size_t len)
{
	const char	*t = p->title != NULL ? p->title : "";

	buf_printf(b, "cchcSearch.doc(%ld,{\"u\":", p->doc);
	search_json_str(b, p->url, strlen(p->url));
	buf_puts(b, ",\"t\":");
	search_json_str(b, t, strlen(t));
	buf_printf(b, ",\"k\":%d,\"d\":", doc_type(p));
	if (p->has_date)
		buf_printf(b, "\"%04d-%02d-%02d\"", p->date.y, p->date.m,
		    p->date.d);
	else
		buf_puts(b, "null");
	buf_puts(b, ",\"s\":");
	search_json_str(b, snip, len);
	buf_puts(b, "})\n");
}

/*
 * Document p's d/ file written to out (js: a buffer to make it in): 0,
 * or -1 and the emit stage writes it (and says why it cannot).
 */
static int
doc_write(struct outdir *out, const struct page *p, const char *snip,
    size_t len, struct buf *js)
{
	struct diag	 d;
	char		*rel = route_search_doc(p->doc);
	int		 rc;

	buf_reset(js);
	doc_js(js, p, snip, len);
	diag_init(&d);
	rc = out_write_key(out, rel, js->data, js->len, 0, &d);
	diag_free(&d);
	free(rel);
	return rc;
}

void
search_doc_js(const struct site *s, const struct page *p, struct buf *b)
{
	struct buf	 text = BUF_INIT;
	const struct search *idx = s->search;
	const char	*snip = NULL;

	if (idx != NULL && idx->snip != NULL && p->doc >= 0 &&
	    (size_t)p->doc < idx->ndocs)
		snip = idx->snip[p->doc];
	if (snip == NULL) {
		search_page_snippet(s, p, &text, SEARCH_SNIPPET);
		doc_js(b, p, buf_cstr(&text), text.len);
	} else
		doc_js(b, p, snip, strlen(snip));
	buf_free(&text);
}

int
search_doc_written(const struct search *idx, const struct page *p)
{
	return idx != NULL && idx->early != NULL && p->doc >= 0 &&
	    (size_t)p->doc < idx->ndocs && idx->docs[p->doc] == p &&
	    idx->early[p->doc];
}
