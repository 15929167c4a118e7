/*
 * mustache.h - Mustache templates (spec v1.4: comments, delimiters,
 * interpolation, sections, inverted sections, partials with standalone
 * indentation, and ~inheritance: {{<parent}} with {{$block}} overrides).
 *
 * A mus_set holds compiled templates by name.  All templates and partials
 * are added (compiled) up front; afterwards the set is read-only and may
 * be rendered from several threads at once.
 *
 * Data comes from value.h trees.  The context stack is an array of values,
 * outermost first; name lookup walks it from the innermost frame, dotted
 * names resolve the first part that way and then descend.
 * {{x}} appends escape_html() of the value's text; {{{x}}} and {{& x}}
 * append it raw.  Lambdas are not supported (the data has no functions).
 *
 * A partial that is not in the set renders as the empty string (the spec
 * requires it); mus_set_check() reports such references so a theme author
 * hears about a typo.
 *
 * Errors (unclosed or mismatched section, bad delimiter tag, unclosed tag)
 * are reported as "file:line:col: lỗi: ..." through diag, where file is the
 * name given to mus_set_add().
 */
#ifndef CCHC_MUSTACHE_H
#define CCHC_MUSTACHE_H

#include <stddef.h>

struct buf;
struct diag;
struct val;
struct mus_set;

struct mus_set	*mus_set_new(void);
void		 mus_set_free(struct mus_set *);
/*
 * Compiles `src` under `name` (e.g. "post", "base"); `file` is used in
 * messages.  Returns 0, or -1 after reporting the error.  Adding a name
 * twice replaces the earlier template.
 */
int		 mus_set_add(struct mus_set *, const char *name,
		    const char *file, const char *src, size_t len,
		    struct diag *);
int		 mus_set_has(const struct mus_set *, const char *name);
/* Warns about partials referenced but not in the set; returns the count. */
int		 mus_set_check(const struct mus_set *, struct diag *);
/*
 * The work one mus_render() may do: nodes rendered (sections count each
 * pass) and bytes appended.  Past either, the render fails with an error
 * at the outermost section.  mus_set_new() sets 16 Mi nodes and 64 MiB,
 * far beyond real pages; tests set small ones.
 */
void		 mus_set_limits(struct mus_set *, size_t maxsteps,
		    size_t maxout);
/*
 * Renders template `name` with the context stack ctx[0..nctx-1] (ctx[0]
 * outermost), appending to out.  Returns 0, or -1 if `name` is unknown,
 * partials nest deeper than 64 levels or the render does more than the
 * limits above (reported through diag).
 */
int		 mus_render(const struct mus_set *, const char *name,
		    struct val *const *ctx, size_t nctx, struct buf *out,
		    struct diag *);

#endif
