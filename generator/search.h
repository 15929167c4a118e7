/*
 * search.h - the search index (docs/search.md is the contract with the
 * page's reader): every built post, plan, procedure and page is a
 * document, cut into terms (searchnorm.h), and the index is written as
 * small JavaScript files under tim-kiem/chi-muc/: the root, dictionary
 * shards, postings buckets and one file per document.
 *
 * A build begins the index before the bodies and ends it after them
 * (search_begin .. search_end, the "search" stage); search_build() does
 * both once the bodies exist, and a patched body updates it (patch.c,
 * search_update).  The output plan lists the files from the index it
 * made (search_nbuckets ...), and emit.c's producers write each from
 * it.  Producers only read the index, so they run in parallel.
 *
 * Ownership: the site owns its index (site->search, freed by
 * site_free()); the index borrows the site's pages, and its strings are
 * its own.  Each document's page gets its id (page->doc, -1 for a page
 * that is no document).
 */
#ifndef CCHC_SEARCH_H
#define CCHC_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct page;
struct search;
struct site;

#define SEARCH_TERM_MAX	96	/* a bigram: two folded atoms and a space */
#define SEARCH_SNIPPET	3000	/* bytes of a document's text kept (d/) */

/*
 * Indexes every document of s (tokenised on `jobs` threads), replacing
 * s->search; sets each page's doc id.  Never fails (a page whose text
 * cannot be read is indexed by its title alone).
 */
void		 search_build(struct site *s, int jobs);
/*
 * search_build() with the index kept between builds in the file `path`
 * (a sealed cache file, cachefile.h, of this `salt`) beside each
 * document's key (search_page_key).  When the documents are the ones
 * the file was written for, in the same order (or more after them),
 * and few changed, the kept index is read and only the changed
 * documents are taken out and put in again, as search_update() does:
 * the same index a whole build makes.  Anything else (no file, another
 * version or salt, a damaged file, other documents, many changed) is a
 * whole build.  The file is written again when the index changed; a
 * failure to write costs only speed.  path NULL: search_build().
 */
void		 search_build_kept(struct site *s, int jobs, const char *path,
		    uint64_t salt);
/*
 * search_build_kept() in two steps, for a build whose bodies are not
 * made yet: search_begin() lists the documents (page->doc) and reads the
 * kept file.  With `beside`, a whole build (no file to keep) on more
 * than one job runs on a thread of its own from then on: it cuts each
 * chunk of documents as soon as search_body_done() has been called for
 * every one of them, from the thread that made the body, after it.
 * search_end() completes the index (waiting for that thread) and frees
 * the run; search_drop() stops it instead (the build failed; s->search
 * is then half made, for site_free() only).  In between, the pages'
 * fields a document's text reads (searchtext.c: the title, front
 * matter, HTML, sections, tasks' texts, topics) may change only in
 * bodies_markdown(), before search_body_done(); page->failed may
 * change after it (it is taken then).
 *
 * With `out` (an output begun, write.h), a whole build beside the
 * bodies writes each document's d/ file there as soon as its text is
 * cut, from that text (the cores the bodies leave idle, and no snippet
 * kept until the emit stage); search_doc_written() tells the emit stage
 * which files are there already.  A file that cannot be written then is
 * left to the emit stage, which says why.  The output is borrowed until
 * search_end() or search_drop().  Such a build also puts off writing the
 * kept file (`path`) until search_keep_write(), once its own files are
 * written: only the next build reads it.
 */
struct outdir;
struct search_run;
struct search_run *search_begin(struct site *s, int jobs, const char *path,
		    uint64_t salt, int beside, struct outdir *out);
void		 search_body_done(struct search_run *, const struct page *);
void		 search_end(struct search_run *);
void		 search_drop(struct search_run *);
void		 search_free(struct search *);
/* The kept file put off by a whole build with an output, written (on
   `jobs` threads); nothing when none is. */
void		 search_keep_write(struct search *, int jobs);
/*
 * A whole build keeps each document's d/ snippet from the text it cut
 * (search_doc_js() uses it, instead of making the text again): the
 * build drops them once its files are written (its largest part then).
 */
void		 search_snippets_drop(struct search *);
/* Was p's d/ file written while its text was cut (search_begin())?  The
   emit stage keeps it then (until search_snippets_drop()). */
int		 search_doc_written(const struct search *, const struct page *);

/*
 * A body edited (cchc serve, patch.c): search_take() the document's
 * terms before the edit, search_update() after it, which changes the
 * index as a whole build would make it and marks the buckets and shards
 * whose bytes may have changed (search_dirty: kind 0 a bucket, 1 a
 * shard), until search_clean().  -1: the files are not the same set
 * now (the bucket or shard count changed): build the site again.
 */
struct search_doc;
struct search_doc *search_take(const struct site *, const struct page *);
void		 search_doc_free(struct search_doc *);
int		 search_update(struct site *, const struct page *,
		    struct search_doc *old);
int		 search_dirty(const struct search *, int kind, size_t k);
void		 search_clean(struct search *);

/* What the output plan lists. */
unsigned	 search_nbuckets(const struct search *);
unsigned	 search_nshards(const struct search *);
size_t		 search_ndocs(const struct search *);
struct page	*search_doc_page(const struct search *, size_t id);

/* The files' bytes (each a complete .js file). */
void		 search_root_js(const struct search *, struct buf *);
void		 search_dict_js(const struct search *, unsigned shard,
		    struct buf *);
void		 search_bucket_js(const struct search *, unsigned b,
		    struct buf *);
void		 search_doc_js(const struct site *, const struct page *,
		    struct buf *);

/* The parts of the format, for tests/unit/test_search.c. */
/* FNV-1a, 32 bits, of len bytes. */
uint32_t	 search_fnv1a(const char *s, size_t len);
/* A bucket's or shard's name: b in lower-case hex, as wide as nb - 1's
   ("0" when nb is 1; malloc'd). */
char		*search_bucket_name(unsigned b, unsigned nb);
/* A term's dictionary shard: FNV-1a of its first two bytes, & (ns - 1). */
unsigned	 search_shard_of(const char *term, size_t len, unsigned ns);
/* Postings of n ids (ascending, distinct): "", "v…" or "b…", quoted. */
void		 search_postings(struct buf *, const uint32_t *ids, size_t n);
/* The bytes search_postings() writes for them, without writing them. */
size_t		 search_postings_len(const uint32_t *ids, size_t n);
/*
 * nb and ns (docs/search.md): search_counts() from the estimated bytes
 * of every bucket together (each term's search_term_bytes(), a
 * unigram's with search_form_bytes() for each exact form it lists,
 * `same` when the form's ids are P's) and of the dictionary's shards
 * (search_dict_bytes() of each unigram).  The portal's merged index
 * (portal_search.c) is sized by the same rules.
 */
size_t		 search_term_bytes(size_t len, int bigram, const uint32_t *p,
		    size_t np, const uint32_t *t, size_t nt);
size_t		 search_form_bytes(size_t len, const uint32_t *ids, size_t n,
		    int same);
size_t		 search_dict_bytes(size_t len);
void		 search_counts(size_t bytes, size_t dict, unsigned *nb,
		    unsigned *ns);
/* Standard base64 without padding. */
void		 search_base64(struct buf *, const unsigned char *, size_t);
/*
 * Its inverse, appended to out: -1 on a character outside the alphabet
 * ('=' padding included) or a length no encoding has (4k + 1).  The
 * unused low bits of the last character are not checked.
 */
int		 search_unbase64(struct buf *out, const char *s, size_t len);
/* A JSON string of len bytes (valid UTF-8), quoted; U+2028/9 escaped. */
void		 search_json_str(struct buf *, const char *s, size_t len);
/*
 * The text a reader sees of HTML: tags dropped (and what <script> and
 * <style> hold), entities decoded, block ends and white space runs as
 * one space; appended to out, with a space before it if out is not
 * empty and does not end with one.
 */
void		 search_html_text(struct buf *out, const char *html,
		    size_t len);
/* A document's text (its fields but the title), as indexed. */
void		 search_page_text(const struct site *, const struct page *,
		    struct buf *);
/* The same, returning the document's search_page_key() too (one read of
   its HTML for both: a cold build's way). */
uint64_t	 search_page_text_key(const struct site *,
		    const struct page *, struct buf *);
/*
 * Its text cut for its d/ file (search_cut at max), without making more
 * of the text than the cut needs.
 */
void		 search_page_snippet(const struct site *, const struct page *,
		    struct buf *, size_t max);
/*
 * A hash of everything a document's terms come from (its kind, title
 * and the parts of search_page_text), without making its text: one key,
 * one text.
 */
uint64_t	 search_page_key(const struct site *, const struct page *);
/* At most max bytes of text, cut at a word boundary (ends with no space). */
size_t		 search_cut(const char *text, size_t len, size_t max);

#endif
