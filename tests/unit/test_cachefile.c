/*
 * test_cachefile.c - the one cache framing: the exact bytes of a tiny
 * file (the same on every host), and every damage rejected; a file's
 * identity for a cache (cf_file_id).
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cachefile.h"
#include "fs.h"
#include "hash.h"
#include "util.h"
#include "t.h"

#define MAGIC	"CCHCTEST"

static int
bytes_are(const struct buf *b, const unsigned char *want, size_t n)
{
	return b->len == n && memcmp(b->data, want, n) == 0;
}

static void
test_le(void)
{
	unsigned char	 p[8];
	struct buf	 b = BUF_INIT;
	static const unsigned char want[] = {
		0x04, 0x03, 0x02, 0x01,			/* u32 0x01020304 */
		0xfe, 0xff, 0xff, 0xff,			/* i32 -2 */
		0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
	};

	cf_put_u32(&b, 0x01020304);
	cf_put_i32(&b, -2);
	cf_put_u64(&b, UINT64_C(0x0102030405060708));
	T_OK(bytes_are(&b, want, sizeof(want)));
	T_OK(cf_le_get(want, 4) == 0x01020304);
	T_OK((int32_t)(uint32_t)cf_le_get(want + 4, 4) == -2);
	T_OK(cf_le_get(want + 8, 8) == UINT64_C(0x0102030405060708));
	cf_le_put(p, UINT64_C(0xa1b2c3), 3);
	T_OK(p[0] == 0xc3 && p[1] == 0xb2 && p[2] == 0xa1);
	buf_free(&b);
}

/* A sealed file of body "ab": every byte known, whatever the host. */
static void
test_sealed_bytes(void)
{
	struct buf	 b = BUF_INIT;
	unsigned char	 want[CF_SEALED_HEAD + 2];
	uint64_t	 sum = hash64("ab", 2, 0), got = 0;
	int		 i;

	memcpy(want, MAGIC, 8);
	memcpy(want + 8, "\x07\0\0\0", 4);			/* version 7 */
	memcpy(want + 12, "\x88\x77\x66\x55\x44\x33\x22\x11", 8); /* salt */
	memcpy(want + 20, "\x02\0\0\0\0\0\0\0", 8);		/* length */
	for (i = 0; i < 8; i++)
		want[28 + i] = (unsigned char)(sum >> (8 * i));
	memcpy(want + 36, "ab", 2);

	cf_begin_sealed(&b, MAGIC, 7, UINT64_C(0x1122334455667788));
	buf_put(&b, "ab", 2);
	T_OK(cf_seal(&b) == sum);
	T_OK(bytes_are(&b, want, sizeof(want)));
	T_OK(cf_sealed_ok(b.data, b.len, MAGIC, 7,
	    UINT64_C(0x1122334455667788), &got));
	T_OK(got == sum);
	buf_free(&b);
}

/* Every kind of damage makes the file no file. */
static void
test_sealed_damage(void)
{
	struct buf	 b = BUF_INIT;
	uint64_t	 salt = 42;
	size_t		 i;
	int		 bad = 0;

	cf_begin_sealed(&b, MAGIC, 1, salt);
	buf_puts(&b, "một thân bài\n");
	cf_seal(&b);
	T_OK(cf_sealed_ok(b.data, b.len, MAGIC, 1, salt, NULL));
	/* Another magic, version or salt. */
	T_OK(!cf_sealed_ok(b.data, b.len, "CCHCTESU", 1, salt, NULL));
	T_OK(!cf_sealed_ok(b.data, b.len, MAGIC, 2, salt, NULL));
	T_OK(!cf_sealed_ok(b.data, b.len, MAGIC, 1, salt + 1, NULL));
	/* Every truncation, the header too. */
	for (i = 0; i < b.len; i++)
		bad += cf_sealed_ok(b.data, i, MAGIC, 1, salt, NULL);
	T_INTEQ(bad, 0);
	/* A byte too many. */
	buf_putc(&b, 'x');
	T_OK(!cf_sealed_ok(b.data, b.len, MAGIC, 1, salt, NULL));
	b.len--;
	/* Every single flipped bit. */
	for (i = 0; i < b.len * 8; i++) {
		b.data[i / 8] ^= (char)(1 << (i % 8));
		bad += cf_sealed_ok(b.data, b.len, MAGIC, 1, salt, NULL);
		b.data[i / 8] ^= (char)(1 << (i % 8));
	}
	T_INTEQ(bad, 0);
	T_OK(cf_sealed_ok(b.data, b.len, MAGIC, 1, salt, NULL));
	buf_free(&b);
}

/* A seal over the head only: what follows is the caller's to check. */
static void
test_sealed_head(void)
{
	struct buf	 b = BUF_INIT;
	uint64_t	 salt = 9;
	size_t		 head = 0, i, n;
	int		 bad = 0;

	cf_begin_sealed(&b, MAGIC, 3, salt);
	buf_puts(&b, "đầu");
	cf_seal(&b);
	n = b.len;
	buf_puts(&b, "phần sau");
	T_OK(cf_sealed_head_ok(b.data, b.len, MAGIC, 3, salt, &head));
	T_INTEQ(head, n - CF_SEALED_HEAD);
	/* Not a whole sealed file; but its head alone is one. */
	T_OK(!cf_sealed_ok(b.data, b.len, MAGIC, 3, salt, NULL));
	T_OK(cf_sealed_ok(b.data, n, MAGIC, 3, salt, NULL));
	/* The bytes after the head are not the seal's. */
	b.data[b.len - 1] ^= 1;
	T_OK(cf_sealed_head_ok(b.data, b.len, MAGIC, 3, salt, &head));
	/* Another magic, version or salt. */
	T_OK(!cf_sealed_head_ok(b.data, b.len, "CCHCTESU", 3, salt, &head));
	T_OK(!cf_sealed_head_ok(b.data, b.len, MAGIC, 4, salt, &head));
	T_OK(!cf_sealed_head_ok(b.data, b.len, MAGIC, 3, salt + 1, &head));
	/* Cut within the head; a flipped bit of the head. */
	for (i = 0; i < n; i++)
		bad += cf_sealed_head_ok(b.data, i, MAGIC, 3, salt, &head);
	for (i = 0; i < n * 8; i++) {
		b.data[i / 8] ^= (char)(1 << (i % 8));
		bad += cf_sealed_head_ok(b.data, b.len, MAGIC, 3, salt, &head);
		b.data[i / 8] ^= (char)(1 << (i % 8));
	}
	T_INTEQ(bad, 0);
	buf_free(&b);
}

static void
test_save_load(void)
{
	char		 tmpl[] = "/tmp/cchc-cachefile-XXXXXX";
	char		*path;
	struct buf	 b = BUF_INIT, r = BUF_INIT;
	uint64_t	 sum = 0;

	if (mkdtemp(tmpl) == NULL) {
		T_OK(0);
		return;
	}
	path = fs_join(tmpl, "c");
	T_INTEQ(cf_load(path, 1 << 20, MAGIC, 1, 0, &r, NULL), -1);
	cf_begin_sealed(&b, MAGIC, 1, 0);
	buf_puts(&b, "body");
	T_INTEQ(cf_save(path, &b), 0);
	T_INTEQ(cf_load(path, 1 << 20, MAGIC, 1, 0, &r, &sum), 0);
	T_OK(r.len == CF_SEALED_HEAD + 4 &&
	    memcmp(r.data + CF_SEALED_HEAD, "body", 4) == 0);
	T_OK(sum == hash64("body", 4, 0));
	buf_free(&r);
	/* Too big for max, or truncated: -1 and nothing kept. */
	T_INTEQ(cf_load(path, 10, MAGIC, 1, 0, &r, NULL), -1);
	T_OK(r.len == 0);
	fs_write(path, b.data, b.len - 1);
	T_INTEQ(cf_load(path, 1 << 20, MAGIC, 1, 0, &r, NULL), -1);
	T_OK(r.len == 0);
	fs_rmtree(tmpl);
	free(path);
	buf_free(&b);
}

/* A record log: exact record bytes, torn tails, damaged payloads. */
static void
test_records(void)
{
	struct buf	 b = BUF_INIT;
	uint64_t	 key, sum = hash64("xyz", 3, 0);
	size_t		 poff, plen, i, start;
	unsigned char	 rec[CF_RECHEAD + 3];
	int		 n = 0;

	cf_begin(&b, MAGIC, 3, 9);
	T_OK(b.len == CF_HEAD && memcmp(b.data + 8, "\3\0\0\0\11\0\0\0\0\0\0",
	    12) == 0);
	T_OK(cf_head_ok(b.data, b.len, MAGIC, 3, 9));
	T_OK(!cf_head_ok(b.data, b.len - 1, MAGIC, 3, 9));
	start = b.len;
	cf_put_record(&b, 0x0102, "xyz", 3);
	memcpy(rec, "\x02\x01\0\0\0\0\0\0" "\3\0\0\0\0\0\0\0", 16);
	for (i = 0; i < 8; i++)
		rec[16 + i] = (unsigned char)(sum >> (8 * i));
	memcpy(rec + 24, "xyz", 3);
	T_OK(b.len - start == sizeof(rec) &&
	    memcmp(b.data + start, rec, sizeof(rec)) == 0);
	cf_put_record(&b, 7, "", 0);
	for (i = CF_HEAD; cf_next_record(b.data, b.len, i, &key, &poff,
	    &plen) == 0; i = poff + plen) {
		T_OK(cf_record_ok(b.data, poff, plen));
		n++;
	}
	T_INTEQ(n, 2);
	T_OK(i == b.len);
	/* A torn tail: the last record is not whole. */
	T_INTEQ(cf_next_record(b.data, b.len - 1, start + sizeof(rec), &key,
	    &poff, &plen), -1);
	T_INTEQ(cf_next_record(b.data, start + sizeof(rec) - 1, start, &key,
	    &poff, &plen), -1);
	/* A length past the end is refused, not trusted. */
	b.data[start + 15] = 0x7f;
	T_INTEQ(cf_next_record(b.data, b.len, start, &key, &poff, &plen), -1);
	b.data[start + 15] = 0;
	/* A damaged payload fails its checksum. */
	b.data[start + CF_RECHEAD] ^= 1;
	T_OK(!cf_record_ok(b.data, start + CF_RECHEAD, 3));
	buf_free(&b);
}

/* A file's identity: device, inode, size, mtime, from a seed. */
static void
test_file_id(void)
{
	struct stat	 st, st2;
	unsigned char	 b[40];

	memset(&st, 0, sizeof(st));
	st.st_dev = 3;
	st.st_ino = 77;
	st.st_size = 1234;
	st.st_mtim.tv_sec = 1700000000;
	st.st_mtim.tv_nsec = 5;
	cf_le_put(b, 3, 8);
	cf_le_put(b + 8, 77, 8);
	cf_le_put(b + 16, 1234, 8);
	cf_le_put(b + 24, 1700000000, 8);
	cf_le_put(b + 32, 5, 8);
	T_OK(cf_file_id(&st, 9) == hash64(b, sizeof(b), 9));
	T_OK(cf_file_id(&st, 9) != cf_file_id(&st, 10));
	/* The ctime and mode are not part of it; the mtime's ns are. */
	st2 = st;
	st2.st_ctim.tv_sec = 42;
	st2.st_mode = 0100644;
	T_OK(cf_file_id(&st2, 9) == cf_file_id(&st, 9));
	st2.st_mtim.tv_nsec = 6;
	T_OK(cf_file_id(&st2, 9) != cf_file_id(&st, 9));
	st2 = st;
	st2.st_ino = 78;
	T_OK(cf_file_id(&st2, 9) != cf_file_id(&st, 9));
}

int
main(void)
{
	test_le();
	test_sealed_bytes();
	test_sealed_damage();
	test_sealed_head();
	test_save_load();
	test_records();
	test_file_id();
	return t_done("cachefile");
}
