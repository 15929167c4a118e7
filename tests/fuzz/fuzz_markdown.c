/*
 * fuzz_markdown.c - Markdown to HTML (md_render) with cchc's own
 * post-processing: raw HTML dropped or kept, dangerous URLs removed,
 * heading ids, links passed to a resolver, document numbers to the
 * cross-reference lookup; and the structure readers (md_parse_doc,
 * md_node_text).  The first byte picks the options; the rest is the
 * text.  Without unsafe, no <script must come out.
 */
#include <cmark-gfm.h>

#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "fuzz.h"


static int
xref(void *arg, const char *number, struct buf *out)
{
	(void)arg;
	if (strlen(number) % 2)
		return 0;
	buf_puts(out, "/van-ban/");
	buf_puts(out, number);
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	struct md_opts	 o = { 0, NULL, NULL, NULL, NULL, 0 };
	struct md_result res;
	struct cmark_node *doc;
	struct diag	 d;
	size_t		 len, i;
	char		*text, *plain;

	if (size == 0)
		return 0;
	if (!ready) {
		md_init();
		ready = 1;
	}
	o.unsafe = data[0] & 1;
	if (data[0] & 2)
		o.resolve = fz_resolve;
	if (data[0] & 4)
		o.xref = xref;
	o.eager_first = (data[0] & 8) != 0;
	if ((text = fz_text(data + 1, size - 1, &len)) == NULL)
		return 0;
	diag_init(&d);
	memset(&res, 0, sizeof(res));
	(void)md_render("content/a.md", text, len, 3, &o, &res, &d);
	if (res.html == NULL || res.first_para == NULL ||
	    (!o.unsafe && strstr(res.html, "<script") != NULL))
		abort();
	for (i = 0; i < res.ntoc; i++)
		if (res.toc[i].id == NULL || res.toc[i].id[0] == '\0' ||
		    res.toc[i].level < 1 || res.toc[i].level > 6)
			abort();
	md_result_free(&res);
	if ((doc = md_parse_doc(text, len)) != NULL) {
		plain = md_node_text(doc);
		free(plain);
		cmark_node_free(doc);
	}
	diag_free(&d);
	free(text);
	return 0;
}
