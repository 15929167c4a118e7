/*
 * frontmatter.h - YAML front matter and YAML files (site.yaml) read with
 * libyaml into value.h trees.
 *
 * Scalars become VAL_STR, except plain (unquoted) true/false (any case)
 * which become VAL_BOOL, and plain null, ~ or an empty value which become
 * VAL_NULL.  Numbers stay strings: "1.004227" is a procedure code, not a
 * number.  Sequences become VAL_LIST, mappings VAL_MAP (a repeated key is
 * an error).  Anchors and aliases are refused (error), as are non-scalar
 * keys.  Every value carries the line and column (of the source file) it
 * started at; for a map entry that is the value's position, and
 * yaml_key_pos() gives the key's.
 */
#ifndef CCHC_FRONTMATTER_H
#define CCHC_FRONTMATTER_H

#include <stddef.h>

struct buf;
struct diag;
struct val;

/*
 * Parses YAML text src[0..len) that starts on line `first_line` of
 * `file`.  An empty document gives an empty map.  The top level must be a
 * mapping.  Returns a map (caller owns it) or NULL after reporting the
 * error with file:line:col and a hint in Vietnamese.
 */
struct val	*yaml_parse_map(const char *file, const char *src, size_t len,
		    int first_line, struct diag *);
/* Position of key `key` in a map made by yaml_parse_map, 0 if absent. */
void		 yaml_key_pos(const struct val *map, const char *key,
		    int *line, int *col);

/*
 * Splits a Markdown file into front matter and body.  Front matter is
 * present when the file starts with a line "---" (a UTF-8 BOM before it is
 * skipped) and ends at the next line that is "---" or "..."; a missing
 * closing line is an error at line 1.  *meta gets the parsed map (an empty
 * map when there is no front matter), *body_off the byte offset where the
 * body starts, *body_line its 1-based line.  Returns 0 or -1.
 */
int		 fm_split(const char *file, const char *src, size_t len,
		    struct val **meta, size_t *body_off, int *body_line,
		    struct diag *);

/*
 * Typed reads of a front-matter map (fm_split, yaml_parse_map) by key,
 * for the stages after parse.c has checked the fields.  They never
 * report: a missing key, null, or a value of another type gives the
 * empty answer (the checks and their messages are parse.c's).  meta may
 * be NULL.
 */
/* The string, or NULL unless the value is a string. */
const char	*fm_str(const struct val *meta, const char *key);
/*
 * A list of strings as front matter writes one: a list, or a single
 * string for a one-item list.  fm_strlist_len counts the items;
 * fm_strlist_at gives item i, NULL if it is not a string.
 */
size_t		 fm_strlist_len(const struct val *meta, const char *key);
const char	*fm_strlist_at(const struct val *meta, const char *key,
		    size_t i);
/* true or false; dflt when absent or not a boolean. */
int		 fm_bool(const struct val *meta, const char *key, int dflt);
/* 1 with *out set when the value is a valid date (date_parse), else 0. */
struct cdate;
int		 fm_date(const struct val *meta, const char *key,
		    struct cdate *out);

/*
 * Warns (in d, at file) about each top-level string value and list item
 * of map typed between Word's curly quotes (“…” or ‘…’) without YAML
 * quotes: the quotes would show on the page.  text[0..len) is the YAML
 * source the map was read from, line 1 at its start (to tell "“…”",
 * quoted on purpose, from “…”).
 */
void		 fm_warn_curly(const char *file, const char *text, size_t len,
		    const struct val *map, struct diag *);
/* Appends s[0..n) as a YAML scalar to paste: "s", or 's' if s has a ". */
void		 yaml_quote(struct buf *, const char *s, size_t n);

#endif
