/*
 * yamlmsg.h - libyaml's errors said to an editor: in Vietnamese, at the
 * place the editor made the mistake, with its likely cause and, when it
 * can be guessed, the line corrected.
 *
 * libyaml stops where the grammar broke, which is often after the real
 * mistake (an inner quote ends the value early and the error is "did not
 * find expected key" on the text that follows).  These functions read the
 * source lines around libyaml's marks and name the cause an editor makes:
 * an inner quote, a value starting with [ or {, ": " in an unquoted value,
 * a value starting with a YAML indicator (@ ` % * & ! | > - ?), a tab used
 * for indentation, a key without a space after its colon, list items out
 * of line, an unclosed quote, a backslash in double quotes.  Anything
 * else still gets a Vietnamese sentence: libyaml's English never shows.
 *
 * `src`/`len` is the YAML text given to libyaml (a BOM already dropped),
 * and `first_line` the line of the file it starts on, so the lines named
 * in messages are the file's.  Lines and columns follow libyaml: columns
 * count characters, and CR, CRLF, NEL, LS and PS break lines.
 */
#ifndef CCHC_YAMLMSG_H
#define CCHC_YAMLMSG_H

#include <stddef.h>

#include <yaml.h>

struct yamlmsg {
	int	 line;	/* the file's line, 1-based */
	int	 col;	/* 1-based, in characters */
	char	*text;	/* "what is wrong; what to do", owned by the caller */
};

/*
 * The message for the error parser `p` stopped with (p->error is a reader,
 * scanner or parser error; a memory error is the caller's).  in_fm: the
 * text is a page's front matter (wording only).
 */
void	 yamlmsg_explain(const yaml_parser_t *p, const char *src, size_t len,
	    int first_line, int in_fm, struct yamlmsg *m);

/* What the parser accepted but cchc refuses, at the event's mark. */
enum yamlmsg_node {
	YAMLMSG_ANCHOR,		/* &name */
	YAMLMSG_ALIAS,		/* *name */
	YAMLMSG_TAG		/* !name */
};

/*
 * The message for an anchor, alias or tag `name` met at (0-based) line0 /
 * col0 of src: most often a value that begins with & * or ! by chance.
 */
void	 yamlmsg_node(const char *src, size_t len, int first_line,
	    size_t line0, size_t col0, enum yamlmsg_node what,
	    const char *name, struct yamlmsg *m);

/*
 * When 0-based line0 of src is a key and its value with no space after
 * the colon ("title:Kế hoạch"): the message (caller frees), else NULL.
 */
char	*yamlmsg_nospace(const char *src, size_t len, size_t line0);

#endif
