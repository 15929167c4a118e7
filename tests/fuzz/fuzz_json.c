/*
 * fuzz_json.c - json.c's reader (the portal reads departments'
 * du-lieu.json with it): what it accepts must write back as JSON that
 * it reads again to the same text.
 */
#include "buf.h"
#include "fuzz.h"
#include "json.h"
#include "value.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 err[256];
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	struct val	*v, *w;

	if ((v = json_parse((const char *)data, size, err, sizeof(err))) ==
	    NULL) {
		if (err[0] == '\0')
			abort();	/* a refusal always says why */
		return 0;
	}
	val_to_json(v, &a, 1);
	if ((w = json_parse(a.data, a.len, err, sizeof(err))) == NULL)
		abort();
	val_to_json(w, &b, 1);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		abort();
	val_unref(v);
	val_unref(w);
	buf_free(&a);
	buf_free(&b);
	return 0;
}
