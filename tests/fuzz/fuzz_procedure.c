/*
 * fuzz_procedure.c - an administrative procedure's page: front matter
 * checked and the body split into its standard sections (proc_check), as
 * parse.c does; every section found must lie within the body.
 */
#include "diag.h"
#include "frontmatter.h"
#include "procedure.h"
#include "value.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proc_body body;
	struct val	*meta = NULL;
	struct diag	 d;
	size_t		 len, off = 0, blen, i;
	char		*text;
	int		 line = 1;

	if ((text = fz_text(data, size, &len)) == NULL)
		return 0;
	diag_init(&d);
	if (fm_split("content/thu-tuc/a.md", text, len, &meta, &off, &line,
	    &d) == 0) {
		memset(&body, 0, sizeof(body));
		blen = len - off;
		(void)proc_check("content/thu-tuc/a.md", meta, text + off, blen,
		    line, &body, &d);
		for (i = 0; i < PROC_NSECTIONS; i++)
			if (body.present[i] && (body.off[i] > blen ||
			    body.len[i] > blen - body.off[i]))
				abort();
		if (body.intro_off > blen ||
		    body.intro_len > blen - body.intro_off)
			abort();
	}
	for (i = 0; i < PROC_NSECTIONS; i++)
		(void)proc_section_index(proc_sections[i].title);
	(void)proc_section_index(text);
	val_unref(meta);
	diag_free(&d);
	free(text);
	return 0;
}
