/*
 * fuzz_mustache.c - templates compiled and rendered.  The input holds up
 * to three templates separated by NUL bytes, added as "page", "base" and
 * "nav" (names the default theme uses, so {{<base}} and {{>nav}} in one
 * reach the others), and "page" is rendered against a fixed context with
 * a list, nested maps, false, an empty list, a number and HTML, so that
 * sections, inverted sections, dotted names, partials, parents and
 * blocks are all reached.  The work limits are set low: a render that
 * runs into them must fail cleanly, with its output untouched.
 */
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "value.h"
#include "fuzz.h"

static struct val *
context(void)
{
	struct val	*c = val_map(), *nav = val_list(), *m, *page;
	static const char *const titles[] = { "Trang chủ", "Tin <b>", "" };
	size_t		 i;

	for (i = 0; i < 3; i++) {
		m = val_map();
		val_map_set_str(m, "title", titles[i]);
		val_map_set_str(m, "url", i == 0 ? "" : "tin-tuc/");
		val_map_set_bool(m, "current", i == 1);
		val_list_push(nav, m);
	}
	val_map_set(c, "nav", nav);
	page = val_map();
	val_map_set_str(page, "title", "Kế hoạch \"CCHC\" & <năm 2025>");
	val_map_set_str(page, "intro", "");
	val_map_set_num(page, "count", 3.5);
	val_map_set(page, "tags", val_list());
	val_map_set(c, "page", page);
	val_map_set_bool(c, "yes", 1);
	val_map_set_bool(c, "no", 0);
	val_map_set(c, "none", val_null());
	val_map_set_str(c, "root", "../");
	val_map_set_str(c, "partial", "nav");
	return c;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "page", "base", "nav" };
	static const char *const files[] = { "layouts/page.mustache",
	    "partials/base.mustache", "partials/nav.mustache" };
	struct mus_set	*set = mus_set_new();
	struct val	*ctx = context();
	struct diag	 d;
	struct buf	 out = BUF_INIT;
	const char	*p = (const char *)data, *end = p + size, *z;
	size_t		 i, olen;

	diag_init(&d);
	mus_set_limits(set, 200000, (size_t)1 << 20);
	for (i = 0; i < 3 && p <= end; i++) {
		z = memchr(p, '\0', (size_t)(end - p));
		if (z == NULL)
			z = end;
		(void)mus_set_add(set, names[i], files[i], p, (size_t)(z - p),
		    &d);
		p = z + 1;
	}
	(void)mus_set_check(set, &d);
	buf_puts(&out, "<!-- before -->");
	for (i = 0; i < 3; i++) {
		olen = out.len;
		if (mus_render(set, names[i], &ctx, 1, &out, &d) == -1 &&
		    out.len != olen)
			abort();	/* a failed render leaves no half page */
	}
	buf_free(&out);
	diag_free(&d);
	val_unref(ctx);
	mus_set_free(set);
	return 0;
}
