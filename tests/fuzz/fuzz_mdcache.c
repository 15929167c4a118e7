/*
 * fuzz_mdcache.c - the Markdown cache (<cache>/markdown) as a build
 * reads it: the records indexed (mdc_open_mem), then looked up by
 * mdc_render, which replays a record's recorded resolver and
 * cross-reference calls against the live callbacks, and by
 * mdc_get_result.  The input is the records (a whole file from a real
 * build has its header, cachefile.h's CF_HEAD bytes, skipped).  The harness gives each whole
 * record the key of one of the lookups (its key modulo their number) and
 * its right checksum, so that mutations reach the payloads; bytes after
 * the last whole record stay as a torn tail.
 */
#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "markdown.h"
#include "mdcache.h"
#include "fuzz.h"

#define MAGIC	"CCHCMARK"
#define VERSION	2

static const char *const texts[] = {
	"# Kế hoạch\n\nXem [kế hoạch](../ke-hoach/a.md) và 19/KH-UBND.\n",
	"![ảnh](anh.png) [x](x)\n",
	"Không có liên kết.\n",
};
#define NTEXTS	(sizeof(texts) / sizeof(texts[0]))
#define RESULT_KEY	0x5eedULL


static int
xref(void *arg, const char *number, struct buf *out)
{
	(void)arg;
	buf_puts(out, "/van-ban/");
	buf_puts(out, number);
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	struct md_opts	 o = { 0, fz_resolve, NULL, xref, NULL, 0 };
	struct md_result res;
	struct mdcache	*c;
	struct diag	 d;
	struct buf	 file = BUF_INIT;
	uint64_t	 keys[NTEXTS + 1], len;
	unsigned char	 block[16];
	size_t		 i;
	int		 rc;

	if (!ready) {
		md_init();
		ready = 1;
	}
	if (size >= CF_HEAD && memcmp(data, MAGIC, 8) == 0) {
		data += CF_HEAD;
		size -= CF_HEAD;
	}
	/* The salt is the file's own: any value works for a memory cache. */
	cf_begin(&file, MAGIC, VERSION, 42);
	c = mdc_open_mem(file.data, file.len);
	for (i = 0; i < NTEXTS; i++)
		keys[i] = mdc_key(c, "content/a.md", texts[i],
		    strlen(texts[i]), 5, &o);
	keys[NTEXTS] = RESULT_KEY;
	mdc_close(c, NULL);
	while (size >= CF_RECHEAD &&
	    (len = cf_le_get(data + 8, 8)) <= size - CF_RECHEAD) {
		cf_put_record(&file, keys[cf_le_get(data, 8) % (NTEXTS + 1)],
		    data + CF_RECHEAD, (size_t)len);
		data += CF_RECHEAD + len;
		size -= CF_RECHEAD + len;
	}
	buf_put(&file, data, size);

	c = mdc_open_mem(file.data, file.len);
	diag_init(&d);
	for (i = 0; i < NTEXTS; i++) {
		memset(&res, 0, sizeof(res));
		(void)mdc_render(c, "content/a.md", texts[i], strlen(texts[i]),
		    5, &o, &res, &d);
		if (res.html == NULL || res.first_para == NULL)
			abort();
		md_result_free(&res);
	}
	(void)mdc_get_result(c, RESULT_KEY, &rc, block, sizeof(block), &d);
	mdc_close(c, NULL);
	diag_free(&d);
	buf_free(&file);
	return 0;
}
