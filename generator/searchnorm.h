/*
 * searchnorm.h - the search index's normalisation: text cut into atoms,
 * each with its exact (lower-case NFC) and folded (no diacritics, đ->d,
 * i/y variants one) form, compounds' joined forms; docs/search.md is the
 * contract, which themes/default/static/tim-kiem-chuan.js follows too.
 *
 * Invariants: a token's strings are NUL-terminated, valid UTF-8, and
 * point into the struct's own storage, valid until the next
 * snorm_tokens() on the same struct or snorm_free().  Positions start at
 * 0 for each call and grow by one per atom; a joined token has the
 * position of its compound's first atom.  Pure functions: safe from
 * several threads on distinct structs.
 */
#ifndef CCHC_SEARCHNORM_H
#define CCHC_SEARCHNORM_H

#include <stddef.h>
#include <stdint.h>

#define SNORM_MAXTERM	40	/* folded atoms longer than this are dropped */
#define SNORM_NOATOM	UINT32_MAX	/* a token that is no remembered atom */

struct snorm_tok {
	const char	*exact;		/* lower case, NFC, diacritics kept */
	const char	*fold;		/* folded: what the index is keyed by */
	unsigned	 pos;		/* atom position; joined: its first */
	int		 joined;	/* a compound's joined form, not an atom */
	/* For callers that intern terms, so that they need not measure: */
	uint32_t	 elen, flen;	/* strlen(exact), strlen(fold) */
	uint32_t	 ehash, fhash;	/* FNV-1a (32 bits) of exact, of fold */
	int		 same;		/* exact equals fold */
	/*
	 * An atom's id in the struct's memory of atoms (below): the same
	 * id, the same exact and folded forms, until snorm_free() or the
	 * memory is emptied (epoch changes).  SNORM_NOATOM for a joined
	 * token or an atom too long to remember.
	 */
	uint32_t	 atom;
};

/*
 * The atoms seen, by their bytes in the text: most of a text's words
 * were seen before, so each is cut, lower-cased and folded once (the
 * forms live in blocks that never move, so tokens may point at them).
 */
struct snorm_memo {
	struct snorm_atom_ent *e;	/* by id */
	size_t		  n, cap;
	uint32_t	 *tab;		/* id + 1; 0 empty */
	size_t		  tabsize;
	char		**blk;		/* the forms' blocks */
	size_t		  nblk, blkcap, used; /* used: of the last block */
	unsigned	  epoch;	/* bumped each time it is emptied */
};

struct snorm {
	struct snorm_tok *v;		/* in text order; a compound's joined
					   token right after its last atom */
	size_t		  n, cap;
	char		 *pool;		/* joined forms' strings */
	size_t		  pool_len, pool_cap;
	struct snorm_memo memo;
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
/* FNV-1a, 32 bits, of len bytes (the index's term hash). */
uint32_t snorm_fnv1a(const char *, size_t);

#endif
