/*
 * fuzz_pack.c - value.c's val_unpack() (the portal reads each
 * department's cached data with it): it never reads past the bytes it
 * is given, and what it accepts packs back to the bytes it used.
 */
#include "buf.h"
#include "fuzz.h"
#include "value.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = BUF_INIT;
	struct val	*v;
	size_t		 used = 0;

	if ((v = val_unpack(data, size, &used)) == NULL)
		return 0;
	if (used > size)
		abort();
	val_pack(&b, v);
	if (b.len != used || memcmp(b.data, data, used) != 0)
		abort();
	val_unref(v);
	buf_free(&b);
	return 0;
}
