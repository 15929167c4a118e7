/*
 * cachefile.c - the framing of cache files; see cachefile.h.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "cachefile.h"
#include "fs.h"
#include "hash.h"

void
cf_le_put(unsigned char *p, uint64_t v, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

uint64_t
cf_le_get(const unsigned char *p, int n)
{
	uint64_t	 v = 0;
	int		 i;

	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

void
cf_put_u32(struct buf *b, uint32_t v)
{
	unsigned char	 p[4];

	cf_le_put(p, v, 4);
	buf_put(b, p, 4);
}

void
cf_put_i32(struct buf *b, int v)
{
	cf_put_u32(b, (uint32_t)(int32_t)v);
}

void
cf_put_u64(struct buf *b, uint64_t v)
{
	unsigned char	 p[8];

	cf_le_put(p, v, 8);
	buf_put(b, p, 8);
}

uint64_t
cf_sum(const void *p, size_t n)
{
	return hash64(p, n, 0);
}

uint64_t
cf_file_id(const struct stat *st, uint64_t seed)
{
	unsigned char	 b[40];

	cf_le_put(b, (uint64_t)st->st_dev, 8);
	cf_le_put(b + 8, (uint64_t)st->st_ino, 8);
	cf_le_put(b + 16, (uint64_t)st->st_size, 8);
	cf_le_put(b + 24, (uint64_t)st->st_mtim.tv_sec, 8);
	cf_le_put(b + 32, (uint64_t)st->st_mtim.tv_nsec, 8);
	return hash64(b, sizeof(b), seed);
}

void
cf_begin(struct buf *b, const char magic[8], uint32_t version, uint64_t salt)
{
	buf_put(b, magic, 8);
	cf_put_u32(b, version);
	cf_put_u64(b, salt);
}

void
cf_begin_sealed(struct buf *b, const char magic[8], uint32_t version,
    uint64_t salt)
{
	cf_begin(b, magic, version, salt);
	cf_put_u64(b, 0);
	cf_put_u64(b, 0);
}

uint64_t
cf_seal(struct buf *b)
{
	unsigned char	*p = (unsigned char *)b->data;
	size_t		 n = b->len - CF_SEALED_HEAD;
	uint64_t	 sum = cf_sum(p + CF_SEALED_HEAD, n);

	cf_le_put(p + CF_HEAD, n, 8);
	cf_le_put(p + CF_HEAD + 8, sum, 8);
	return sum;
}

int
cf_save(const char *path, struct buf *b)
{
	cf_seal(b);
	return fs_replace(path, b->data, b->len);
}

int
cf_head_ok(const void *data, size_t len, const char magic[8],
    uint32_t version, uint64_t salt)
{
	const unsigned char	*p = data;

	return len >= CF_HEAD && memcmp(p, magic, 8) == 0 &&
	    cf_le_get(p + 8, 4) == version && cf_le_get(p + 12, 8) == salt;
}

int
cf_sealed_ok(const void *data, size_t len, const char magic[8],
    uint32_t version, uint64_t salt, uint64_t *sum)
{
	const unsigned char	*p = data;
	uint64_t		 s;

	if (len < CF_SEALED_HEAD || !cf_head_ok(data, len, magic, version,
	    salt) || cf_le_get(p + CF_HEAD, 8) != len - CF_SEALED_HEAD)
		return 0;
	s = cf_sum(p + CF_SEALED_HEAD, len - CF_SEALED_HEAD);
	if (cf_le_get(p + CF_HEAD + 8, 8) != s)
		return 0;
	if (sum != NULL)
		*sum = s;
	return 1;
}

int
cf_sealed_head_ok(const void *data, size_t len, const char magic[8],
    uint32_t version, uint64_t salt, size_t *headlen)
{
	const unsigned char	*p = data;
	uint64_t		 n;

	if (len < CF_SEALED_HEAD || !cf_head_ok(data, len, magic, version,
	    salt) || (n = cf_le_get(p + CF_HEAD, 8)) > len - CF_SEALED_HEAD ||
	    cf_le_get(p + CF_HEAD + 8, 8) != cf_sum(p + CF_SEALED_HEAD,
	    (size_t)n))
		return 0;
	*headlen = (size_t)n;
	return 1;
}

int
cf_load(const char *path, size_t max, const char magic[8], uint32_t version,
    uint64_t salt, struct buf *b, uint64_t *sum)
{
	if (fs_read(path, max, b) == 0 &&
	    cf_sealed_ok(b->data, b->len, magic, version, salt, sum))
		return 0;
	buf_free(b);
	return -1;
}

void
cf_put_record(struct buf *b, uint64_t key, const void *p, size_t len)
{
	cf_put_u64(b, key);
	cf_put_u64(b, (uint64_t)len);
	cf_put_u64(b, cf_sum(p, len));
	buf_put(b, p, len);
}

int
cf_next_record(const void *data, size_t len, size_t off, uint64_t *key,
    size_t *poff, size_t *plen)
{
	const unsigned char	*p = data;
	uint64_t		 n;

	if (off > len || len - off < CF_RECHEAD)
		return -1;
	n = cf_le_get(p + off + 8, 8);
	if (n > len - off - CF_RECHEAD)
		return -1;
	*key = cf_le_get(p + off, 8);
	*poff = off + CF_RECHEAD;
	*plen = (size_t)n;
	return 0;
}

int
cf_record_ok(const void *data, size_t poff, size_t plen)
{
	const unsigned char	*p = data;

	return poff >= CF_RECHEAD && cf_sum(p + poff, plen) ==
	    cf_le_get(p + poff - 8, 8);
}
