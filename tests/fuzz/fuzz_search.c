/*
 * fuzz_search.c - the search index's text side over any bytes: the
 * normaliser (searchnorm.c) and the text of rendered HTML and its
 * snippet cut (searchtext.c).  Checks what docs/search.md promises:
 * every token is valid UTF-8 with a folded form of 1..SNORM_MAXTERM
 * bytes, atoms' positions grow, a joined form sits at or before the
 * atom it follows, folding is idempotent; HTML text from valid UTF-8
 * is valid UTF-8, and a cut is at most its limit, at a character's
 * start.
 */
#include "fuzz.h"
#include "search.h"
#include "searchnorm.h"

static void
check_tokens(const char *s, size_t size)
{
	struct snorm	 sn;
	size_t		 i, n, fl;
	unsigned	 last = 0;
	int		 any = 0;
	char		*again;

	snorm_init(&sn);
	n = snorm_tokens(&sn, s, size);
	if (n != sn.n)
		abort();
	for (i = 0; i < n; i++) {
		const struct snorm_tok *t = &sn.v[i];

		fl = strlen(t->fold);
		if (fl == 0 || fl > SNORM_MAXTERM || *t->exact == '\0' ||
		    !utf8_valid(t->fold, fl, NULL) ||
		    !utf8_valid(t->exact, strlen(t->exact), NULL))
			abort();
		if (t->joined) {
			if (!any || t->pos > last)
				abort();
		} else {
			if (any && t->pos <= last)
				abort();
			last = t->pos;
			any = 1;
			/* A folded atom folds to itself. */
			again = snorm_fold(t->fold, fl);
			if (strcmp(again, t->fold) != 0)
				abort();
			free(again);
		}
	}
	snorm_free(&sn);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	struct buf	 text = BUF_INIT;
	size_t		 cut, max;
	char		*fold;
	int		 valid = utf8_valid(s, size, NULL);

	check_tokens(s, size);
	fold = snorm_fold(s, size);
	if (!utf8_valid(fold, strlen(fold), NULL))
		abort();
	free(fold);
	search_html_text(&text, s, size);
	if (valid && !utf8_valid(text.data != NULL ? text.data : "",
	    text.len, NULL))
		abort();
	max = size > 0 ? data[0] : 0;
	cut = search_cut(text.data != NULL ? text.data : "", text.len, max);
	if (cut > max || cut > text.len || (valid && cut < text.len &&
	    ((unsigned char)text.data[cut] & 0xC0) == 0x80))
		abort();
	buf_free(&text);
	return 0;
}
