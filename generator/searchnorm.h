/*
 * searchnorm.h - the search index's normalisation: text cut into atoms,
 * each with its exact (lower-case NFC) and folded (no diacritics, đ->d,
 * i/y variants one) form, compounds' joined forms; docs/search.md is the
 * contract, which themes/default/static/tim-kiem-chuan.js follows too.
 *
 * Invariants: a token's strings are NUL-terminated, valid UTF-8, and
 * point into the tokens' own storage, valid until the next
 * snorm_tokens() on the same struct or snorm_free().  Positions start at
 * 0 for each call and grow by one per atom; a joined token has the
 * position of its compound's first atom.  Pure functions: safe from
 * several threads on distinct structs.
 */
#ifndef CCHC_SEARCHNORM_H
#define CCHC_SEARCHNORM_H

#include <stddef.h>

#define SNORM_MAXTERM	40	/* folded atoms longer than this are dropped */

struct snorm_tok {
	const char	*exact;		/* lower case, NFC, diacritics kept */
	const char	*fold;		/* folded: what the index is keyed by */
	unsigned	 pos;		/* atom position; joined: its first */
	int		 joined;	/* a compound's joined form, not an atom */
};

struct snorm {
	struct snorm_tok *v;		/* in text order; a compound's joined
					   token right after its last atom */
	size_t		  n, cap;
	char		 *pool;		/* the strings */
	size_t		  pool_len, pool_cap;
};

void	 snorm_init(struct snorm *);
void	 snorm_free(struct snorm *);
/*
 * Cuts text (len bytes of UTF-8; invalid bytes are separators, never an
 * error) into s, replacing what s held.  Returns the number of tokens.
 */
size_t	 snorm_tokens(struct snorm *, const char *text, size_t len);
/*
 * The folded form of one word (len bytes): NUL-terminated, malloc'd.
 * The same as an atom's fold; for callers with a single word.
 */
char	*snorm_fold(const char *word, size_t len);

#endif
