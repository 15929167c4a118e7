/*
 * mdcache.h - rendered Markdown kept between builds, by content hash.
 *
 * md_render() is a function of its text, a few options and the answers
 * of its two callbacks (the link resolver and the cross-reference
 * lookup), which read the rest of the site.  So a record keeps, under a
 * key hashed from the text, the file name, the first line and the
 * options: the result, every message, and every callback call with its
 * answer.  mdc_render() finds the record, asks the callbacks the same
 * questions again (they also redo their effects on the page: assets,
 * citations) and uses the record only if every answer is the same;
 * otherwise it renders and records anew.  The result is therefore always
 * what md_render() would give now.
 *
 * On disk, <cache>/markdown is a header (format, and a salt that changes
 * with the cchc binary and the cmark-gfm library) followed by records,
 * each with its own length and checksum; new records are appended, a
 * damaged or foreign file is started afresh, and the file is rewritten
 * without the records no longer used once they make up most of it.
 *
 * mdc_render() may be called from several threads; mdc_open() and
 * mdc_close() are not.
 */
#ifndef CCHC_MDCACHE_H
#define CCHC_MDCACHE_H

#include <stddef.h>
#include <stdint.h>

struct diag;
struct md_opts;
struct md_result;
struct mdcache;

/* NULL dir: no file, nothing kept (every call renders). */
struct mdcache	*mdc_open(const char *dir);
/*
 * For tests and tests/fuzz: a cache over a copy of data[0..len), read as
 * the file <cache>/markdown and accepted with the salt written in it.
 * Nothing is written back: mdc_close() only frees it.
 */
struct mdcache	*mdc_open_mem(const void *data, size_t len);
/* The key mdc_render() files a render under (tests build records). */
uint64_t	 mdc_key(const struct mdcache *, const char *file,
		    const char *src, size_t len, int first_line,
		    const struct md_opts *);
/* As md_render() (markdown.h), through the cache. */
int		 mdc_render(struct mdcache *, const char *file,
		    const char *src, size_t len, int first_line,
		    const struct md_opts *, struct md_result *, struct diag *);
/*
 * Other results kept the same way: a fixed-size block of bytes, a return
 * code and the messages, under a key the caller hashes from all the
 * inputs of the computation and mdc_salt() (0: nothing is kept).
 * mdc_get_result() copies the block into data and appends the messages
 * to d: 0 on a hit, -1 (nothing touched) otherwise.
 */
uint64_t	 mdc_salt(const struct mdcache *);
int		 mdc_get_result(struct mdcache *, uint64_t key, int *rc,
		    void *data, size_t size, struct diag *d);
void		 mdc_put_result(struct mdcache *, uint64_t key, int rc,
		    const void *data, size_t size, const struct diag *msgs);
/* Writes new records; a failure only costs speed next time (warning). */
void		 mdc_close(struct mdcache *, struct diag *);
/* Counts for CCHC_TIMES. */
void		 mdc_stats(const struct mdcache *, size_t *hits,
		    size_t *misses);

#endif
