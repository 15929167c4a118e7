/*
 * test_buf.c - the growable byte buffer (buf.h): its invariants after
 * every kind of append, reserving room, truncating, detaching and reuse.
 * (test_core.c has a first smoke test.)
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "t.h"

/* The invariant of buf.h, after any append. */
static int
buf_ok(const struct buf *b)
{
	if (b->data == NULL)
		return b->len == 0 && b->cap == 0;
	return b->len < b->cap && b->data[b->len] == '\0';
}

static void
test_empty(void)
{
	struct buf	 b = BUF_INIT, c;

	T_OK(b.data == NULL && b.len == 0 && b.cap == 0);
	T_STREQ(buf_cstr(&b), "");
	buf_reset(&b);			/* nothing to reset: no crash */
	T_OK(b.data == NULL);
	buf_truncate(&b, 0);
	T_OK(b.data == NULL && b.len == 0);
	buf_free(&b);
	T_OK(b.data == NULL && b.len == 0 && b.cap == 0);

	memset(&c, 0x5a, sizeof(c));
	buf_init(&c);
	T_OK(c.data == NULL && c.len == 0 && c.cap == 0);
	/* An empty append leaves a valid, empty string. */
	buf_put(&c, "", 0);
	T_OK(buf_ok(&c));
	T_INTEQ(c.len, 0);
	T_STREQ(buf_cstr(&c), "");
	buf_puts(&c, "");
	T_INTEQ(c.len, 0);
	buf_printf(&c, "%s", "");
	T_INTEQ(c.len, 0);
	T_STREQ(buf_cstr(&c), "");
	buf_free(&c);
}

/*
 * Appends of every size, one after the other, against a plain array:
 * contents and invariant after each, across many reallocations.
 */
static void
test_appends(void)
{
	struct buf	 b = BUF_INIT;
	static char	 want[70000];
	char		 chunk[300];
	size_t		 n = 0, k, i;
	int		 ok = 1, round;

	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)('a' + i % 26);
	for (round = 0; n + 2 * sizeof(chunk) < sizeof(want); round++) {
		k = (size_t)(round * 7) % sizeof(chunk);
		switch (round % 5) {
		case 0:
			buf_put(&b, chunk, k);
			memcpy(want + n, chunk, k);
			n += k;
			break;
		case 1:
			buf_putc(&b, 'A' + round % 26);
			want[n++] = (char)('A' + round % 26);
			break;
		case 2:
			buf_put_grow(&b, chunk, k);
			memcpy(want + n, chunk, k);
			n += k;
			break;
		case 3:
			buf_putc_grow(&b, '0' + round % 10);
			want[n++] = (char)('0' + round % 10);
			break;
		default:
			buf_printf(&b, "<%d>", round);
			n += (size_t)sprintf(want + n, "<%d>", round);
			break;
		}
		if (!buf_ok(&b) || b.len != n || memcmp(b.data, want, n) != 0) {
			fprintf(stderr, "appends: wrong after round %d\n", round);
			ok = 0;
			break;
		}
	}
	T_OK(ok);
	T_OK(n > 60000);
	buf_free(&b);
}

/* Bytes are bytes: NUL and non-ASCII are kept, lengths are byte counts. */
static void
test_binary(void)
{
	struct buf	 b = BUF_INIT;

	buf_put(&b, "a\0b", 3);
	T_INTEQ(b.len, 3);
	T_OK(memcmp(b.data, "a\0b", 4) == 0);
	buf_putc(&b, '\0');
	T_INTEQ(b.len, 4);
	T_INTEQ(b.data[4], '\0');
	buf_reset(&b);
	buf_puts(&b, "Văn phòng Sở");
	T_INTEQ(b.len, strlen("Văn phòng Sở"));
	T_INTEQ(b.len, 16);
	buf_putc(&b, 0xc3);		/* an int, stored as its low byte */
	T_INTEQ((unsigned char)b.data[16], 0xc3);
	buf_free(&b);
}

/* buf_grow reserves: appends within the room reserved do not move data. */
static void
test_grow(void)
{
	struct buf	 b = BUF_INIT;
	char		*p;
	size_t		 cap;
	int		 i, moved = 0;

	buf_grow(&b, 1000);
	T_OK(b.data != NULL);
	T_OK(b.cap >= 1001);
	T_INTEQ(b.len, 0);
	p = b.data;
	cap = b.cap;
	for (i = 0; i < 1000; i++) {
		buf_putc(&b, 'x');
		if (b.data != p)
			moved = 1;
	}
	T_OK(!moved);
	T_INTEQ(b.cap, cap);
	T_INTEQ(b.len, 1000);
	T_INTEQ(b.data[1000], '\0');
	/* Growing by less than the room left changes nothing. */
	buf_reset(&b);
	buf_grow(&b, 10);
	T_OK(b.data == p && b.cap == cap);
	buf_grow(&b, 0);
	T_OK(b.data == p && b.cap == cap);
	buf_free(&b);
}

static void
vfmt(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

static void
test_printf(void)
{
	struct buf	 b = BUF_INIT;
	char		*big;

	buf_puts(&b, "Kế hoạch ");
	buf_printf(&b, "số %d/%s-%s", 137, "KH", "SKHCN");
	T_STREQ(buf_cstr(&b), "Kế hoạch số 137/KH-SKHCN");
	vfmt(&b, " (%02d/%02d/%04d)%c", 5, 6, 2025, '.');
	T_STREQ(buf_cstr(&b), "Kế hoạch số 137/KH-SKHCN (05/06/2025).");
	buf_reset(&b);
	vfmt(&b, "%s", "");
	T_STREQ(buf_cstr(&b), "");
	/* Output far longer than the room the buffer has. */
	big = malloc(10001);
	memset(big, 'y', 10000);
	big[10000] = '\0';
	buf_putc(&b, '[');
	buf_printf(&b, "%s]%zu", big, (size_t)10000);
	T_INTEQ(b.len, 1 + 10000 + 1 + 5);
	T_OK(b.data[0] == '[' && b.data[10000] == 'y' && b.data[10001] == ']');
	T_STREQ(b.data + 10002, "10000");
	T_OK(buf_ok(&b));
	free(big);
	buf_free(&b);
}

static void
test_truncate(void)
{
	struct buf	 b = BUF_INIT;

	buf_puts(&b, "0123456789");
	buf_truncate(&b, 20);		/* longer than the contents: no-op */
	T_STREQ(buf_cstr(&b), "0123456789");
	T_INTEQ(b.len, 10);
	buf_truncate(&b, 10);
	T_INTEQ(b.len, 10);
	buf_truncate(&b, 4);
	T_STREQ(buf_cstr(&b), "0123");
	T_INTEQ(b.len, 4);
	T_OK(buf_ok(&b));
	buf_puts(&b, "ab");
	T_STREQ(buf_cstr(&b), "0123ab");
	buf_truncate(&b, 0);
	T_STREQ(buf_cstr(&b), "");
	T_INTEQ(b.len, 0);
	buf_free(&b);
}

static void
test_reset_and_reuse(void)
{
	struct buf	 b = BUF_INIT;
	size_t		 cap;

	buf_puts(&b, "một hai ba");
	cap = b.cap;
	buf_reset(&b);
	T_INTEQ(b.len, 0);
	T_INTEQ(b.cap, cap);		/* keeps its memory */
	T_STREQ(buf_cstr(&b), "");
	buf_puts(&b, "bốn");
	T_STREQ(buf_cstr(&b), "bốn");
	buf_free(&b);
	T_OK(b.data == NULL && b.len == 0 && b.cap == 0);
	buf_puts(&b, "năm");		/* usable again after buf_free */
	T_STREQ(buf_cstr(&b), "năm");
	buf_free(&b);
}

static void
test_detach(void)
{
	struct buf	 b = BUF_INIT;
	char		*s, *t;

	buf_puts(&b, "Thủ tục");
	s = buf_detach(&b);
	T_STREQ(s, "Thủ tục");
	T_OK(b.data == NULL && b.len == 0 && b.cap == 0);
	/* The buffer is empty and usable; the string is the caller's. */
	buf_puts(&b, "khác");
	T_STREQ(s, "Thủ tục");
	T_STREQ(buf_cstr(&b), "khác");
	t = buf_detach(&b);
	T_STREQ(t, "khác");
	T_OK(s != t);
	free(s);
	free(t);
	/* Never NULL, even with nothing appended. */
	s = buf_detach(&b);
	T_OK(s != NULL);
	T_STREQ(s, "");
	free(s);
	/* After a reset: the empty string, not the old contents. */
	buf_puts(&b, "cũ");
	buf_reset(&b);
	s = buf_detach(&b);
	T_STREQ(s, "");
	free(s);
}

/* Decimal as printf writes it, for the extremes and every length. */
static void
test_put_u64(void)
{
	struct buf	 b = BUF_INIT;
	char		 want[48];
	uint64_t	 v;

	buf_put_u64(&b, 0);
	T_STREQ(buf_cstr(&b), "0");
	for (v = 1; v != 0 && v <= UINT64_MAX / 10; v *= 10) {
		buf_reset(&b);
		buf_put_u64(&b, v - 1);
		buf_putc(&b, ' ');
		buf_put_u64(&b, v);
		snprintf(want, sizeof(want), "%" PRIu64 " %" PRIu64, v - 1, v);
		T_STREQ(buf_cstr(&b), want);
	}
	buf_reset(&b);
	buf_put_u64(&b, UINT64_MAX);
	T_STREQ(buf_cstr(&b), "18446744073709551615");
	buf_free(&b);
}

int
main(void)
{
	test_empty();
	test_appends();
	test_binary();
	test_grow();
	test_printf();
	test_truncate();
	test_reset_and_reuse();
	test_detach();
	test_put_u64();
	return t_done("buf");
}
