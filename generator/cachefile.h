/*
 * cachefile.h - the one framing of the files in .cchc-cache: a header
 * that says what wrote the file, in a fixed byte order, so that a cache
 * is the same bytes on every host and a file from another format, another
 * binary or a torn write is never read as data.
 *
 * Every integer is little-endian, written and read byte by byte.
 *
 *   header   magic[8] (the file's kind), u32 version (bumped when the
 *            layout or the meaning of the contents changes), u64 salt
 *            (what else must match, e.g. the binary's hash; 0 if nothing)
 *
 * A sealed file is written whole:
 *
 *   header, u64 length of the body, u64 checksum of the body, body
 *
 * A record log (the Markdown cache) is appended to:
 *
 *   header, record*   record: u64 key, u64 length, u64 checksum, payload
 *
 * The checksum is hash64(bytes, len, 0) (hash.h).  Readers check every
 * field; anything that does not match is treated as no file.  None of
 * these functions prints; the callers decide what a failure means.
 */
#ifndef CCHC_CACHEFILE_H
#define CCHC_CACHEFILE_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct stat;

#define CF_HEAD		20		/* magic, version, salt */
#define CF_SEALED_HEAD	36		/* the header, length, checksum */
#define CF_RECHEAD	24		/* key, length, checksum */

/* n (1..8) bytes of v at p, least significant first; and back. */
void		 cf_le_put(unsigned char *p, uint64_t v, int n);
uint64_t	 cf_le_get(const unsigned char *p, int n);
/* Appends v as 4 or 8 little-endian bytes; an int as its 32-bit value. */
void		 cf_put_u32(struct buf *, uint32_t);
void		 cf_put_i32(struct buf *, int);
void		 cf_put_u64(struct buf *, uint64_t);
/* The checksum of every framing. */
uint64_t	 cf_sum(const void *, size_t);
/*
 * A file's identity for a cache, hashed from seed: its device, inode,
 * size and mtime; what cchc changes when it writes a file anew (aside,
 * then renamed in).  Not its ctime, which linking the file elsewhere
 * (into an output) moves.
 */
uint64_t	 cf_file_id(const struct stat *, uint64_t seed);

/*
 * Appends the header (b should be empty).  For a sealed file, room for
 * the length and checksum follows; cf_seal() fills them in.
 */
void		 cf_begin(struct buf *, const char magic[8], uint32_t version,
		    uint64_t salt);
void		 cf_begin_sealed(struct buf *, const char magic[8],
		    uint32_t version, uint64_t salt);
/* Fills in the length and checksum of b's body; returns the checksum. */
uint64_t	 cf_seal(struct buf *);
/*
 * Seals b and writes it to path through a temporary file renamed over it
 * (fs_replace): readers see the old file or the new one.  0, or -1 with
 * errno set.
 */
int		 cf_save(const char *path, struct buf *);

/* Is data[0..len) at least a header with this magic, version and salt? */
int		 cf_head_ok(const void *data, size_t len, const char magic[8],
		    uint32_t version, uint64_t salt);
/*
 * Is data[0..len) a whole sealed file with this magic, version and salt
 * (length and checksum right)?  The body is data + CF_SEALED_HEAD,
 * len - CF_SEALED_HEAD bytes; *sum (when not NULL) gets its checksum.
 */
int		 cf_sealed_ok(const void *data, size_t len, const char magic[8],
		    uint32_t version, uint64_t salt, uint64_t *sum);
/*
 * A file whose seal covers only its head: the sealed body (cf_seal) is
 * followed by more bytes that the head describes and checks itself (as
 * the search index's parts, each with its own checksum, so that neither
 * writing nor reading needs them in one buffer).  Is data[0..len) such
 * a file?  The head's length (after CF_SEALED_HEAD) goes to *headlen.
 */
int		 cf_sealed_head_ok(const void *data, size_t len,
		    const char magic[8], uint32_t version, uint64_t salt,
		    size_t *headlen);
/*
 * Reads path (at most max bytes) into b if it is a whole sealed file as
 * above: 0, the body at b->data + CF_SEALED_HEAD.  Otherwise -1 with b
 * empty (a missing, unreadable, foreign or damaged file alike).
 */
int		 cf_load(const char *path, size_t max, const char magic[8],
		    uint32_t version, uint64_t salt, struct buf *b,
		    uint64_t *sum);

/* Appends one record of a record log. */
void		 cf_put_record(struct buf *, uint64_t key, const void *,
		    size_t);
/*
 * The whole record at data[off..len) (a record log's records start at
 * CF_HEAD): 0 with *key, the payload's offset and length set (its
 * checksum is not checked: see cf_record_ok), -1 if what is left is not a
 * whole record (a torn tail).
 */
int		 cf_next_record(const void *data, size_t len, size_t off,
		    uint64_t *key, size_t *poff, size_t *plen);
/* Does the payload at data[poff..poff+plen) match its record's checksum? */
int		 cf_record_ok(const void *data, size_t poff, size_t plen);

#endif
