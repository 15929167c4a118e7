/*
 * fuzz_frontmatter.c - a page's front matter split and parsed as parse.c
 * does (fm_split, libyaml into value trees), then walked the way later
 * stages read it: JSON, hashing, key positions.
 */
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "hash.h"
#include "value.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct val	*meta = NULL;
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	struct hasher	 h;
	size_t		 off, len, i;
	char		*text;
	int		 line, col, bl;

	if ((text = fz_text(data, size, &len)) == NULL)
		return 0;
	diag_init(&d);
	if (fm_split("content/tin-tuc/a.md", text, len, &meta, &off, &bl,
	    &d) == 0) {
		if (off > len || bl < 1)
			abort();	/* the body must be within the file */
		val_to_json(meta, &b, 1);
		hasher_init(&h);
		val_hash(&h, meta);
		(void)hasher_done(&h);
		for (i = 0; i < val_map_len(meta); i++)
			yaml_key_pos(meta, val_map_key(meta, i), &line, &col);
	}
	val_unref(meta);
	/* The same text as a whole YAML file (site.yaml's reader). */
	meta = yaml_parse_map("site.yaml", text, len, 1, &d);
	val_unref(meta);
	for (i = 0; i < d.len; i++)
		diag_format(&d.msgs[i], &b);
	buf_free(&b);
	diag_free(&d);
	free(text);
	return 0;
}
