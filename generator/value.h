/*
 * value.h - the data tree shared by front matter, site config and
 * template contexts: null, bool, number, string, list or map.
 *
 * Ownership: every constructor returns a value with one reference, owned
 * by the caller.  val_list_push() and val_map_set() take over the
 * caller's reference to the item.  Getters (val_map_get, val_list_at)
 * return borrowed pointers, valid while the container lives; call
 * val_ref() to keep one longer.  Reference counts are atomic, so a tree
 * built before worker threads start may be shared (read and ref'd) by
 * all of them; mutation is the builder's job alone.
 *
 * Maps keep insertion order (YAML and templates rely on it) and look up
 * keys linearly, comparing a hash of each key first: they hold a few
 * dozen keys at most.  Strings are NUL-terminated and may also contain
 * NUL bytes (val_str_len gives the length).
 *
 * `line` and `col` (1-based, 0 when unknown) record where a value came
 * from in its source file, so later stages can point at it in messages.
 */
#ifndef CCHC_VALUE_H
#define CCHC_VALUE_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct hasher;

enum val_type {
	VAL_NULL,
	VAL_BOOL,
	VAL_NUM,
	VAL_STR,
	VAL_LIST,
	VAL_MAP
};

struct val;

struct val	*val_null(void);
struct val	*val_bool(int);
struct val	*val_num(double);
struct val	*val_str(const char *);
struct val	*val_strn(const char *, size_t);
struct val	*val_str_own(char *);		/* takes a malloc'd string */
struct val	*val_str_cat(const char *, const char *);	/* a then b */
struct val	*val_list(void);
struct val	*val_map(void);
/*
 * A map that keeps the key pointers it is given instead of copies: every
 * key set on it must outlive it (string literals).
 */
struct val	*val_map_lit(void);

struct val	*val_ref(struct val *);
void		 val_unref(struct val *);	/* NULL is fine */

enum val_type	 val_type(const struct val *);
int		 val_line(const struct val *);
int		 val_col(const struct val *);
void		 val_set_pos(struct val *, int line, int col);

int		 val_get_bool(const struct val *);
double		 val_get_num(const struct val *);
const char	*val_get_str(const struct val *);	/* NULL unless VAL_STR */
size_t		 val_str_len(const struct val *);

size_t		 val_list_len(const struct val *);
struct val	*val_list_at(const struct val *, size_t);
void		 val_list_push(struct val *, struct val *);

size_t		 val_map_len(const struct val *);
const char	*val_map_key(const struct val *, size_t);
struct val	*val_map_value(const struct val *, size_t);
struct val	*val_map_get(const struct val *, const char *);
/*
 * The hash maps keep of their keys, and val_map_get with it computed
 * beforehand (for names looked up many times, as in templates).
 */
uint32_t	 val_key_hash(const char *);
struct val	*val_map_get_hash(const struct val *, const char *,
		    uint32_t hash);
/* Replaces an existing key in place (keeping its position). */
void		 val_map_set(struct val *, const char *, struct val *);
/* Convenience setters; s may be NULL, which stores nothing. */
void		 val_map_set_str(struct val *, const char *, const char *);
void		 val_map_set_bool(struct val *, const char *, int);
void		 val_map_set_num(struct val *, const char *, double);
/*
 * Where a map's key (not its value) was written, for messages about the
 * key itself ("unknown key"); 0 when unknown or the key is absent.
 */
void		 val_map_set_key_pos(struct val *, const char *, int line,
		    int col);
void		 val_map_key_pos(const struct val *, const char *, int *line,
		    int *col);

/*
 * A binary form of v appended to b, for caches (not for other hosts'
 * eyes: a number is its double's bits, little-endian): every value and
 * map key in order, no positions.  val_unpack() reads one back from
 * data[0..len) (*used: its bytes) or NULL when they are not one (nesting
 * deeper than 512 included); never reads past len.
 */
void		 val_pack(struct buf *, const struct val *);
struct val	*val_unpack(const void *data, size_t len, size_t *used);

/* Mustache truthiness: false for null, false, "" is truthy, [] falsey. */
int		 val_truthy(const struct val *);
/*
 * Appends v as JSON (UTF-8 kept as is, control characters escaped),
 * indented by two spaces per level when `indent` is set.  Maps keep
 * their insertion order, so output is deterministic.
 */
void		 val_to_json(const struct val *, struct buf *, int indent);
/* Appends s as a JSON string literal. */
void		 json_quote(struct buf *, const char *);
/*
 * Feeds the whole tree to the hasher: every type, string, number, bool,
 * list length, map key and its order, so that two trees hash alike only
 * if they are equal.  Positions (line, col) are not data and are left
 * out; a missing value (NULL) hashes as null.
 */
void		 val_hash(struct hasher *, const struct val *);
/* Appends the text form used for interpolation (numbers as %.15g). */
void		 val_to_text(const struct val *, struct buf *);

#endif
