/*
 * write.h - stage 5: the output folder, built aside and swapped in.
 *
 * out_begin() makes an empty sibling folder ".<name>.tmp-XXXXXX" next to
 * the output; pages are written there; out_commit() swaps it with the
 * old output in one rename (RENAME_EXCHANGE where the kernel has it) and
 * removes the old tree.  On any failure out_abort() removes the new tree
 * and the previous output is left exactly as it was.
 *
 * cchc replaces the whole output folder, so it refuses a folder that it
 * did not make (no ".cchc-build" marker inside) unless it is empty, and a
 * folder that contains the source tree.
 */
#ifndef CCHC_WRITE_H
#define CCHC_WRITE_H

#include <stddef.h>

struct diag;

struct outdir {
	char	*final;		/* as given: "public" */
	char	*tmp;		/* the folder being written */
};

#define OUT_MARKER ".cchc-build"

int	 out_begin(struct outdir *, const char *out, const char *source,
	    struct diag *);
/* Writes `rel` (relative to the output root); 0 or -1 with a message. */
int	 out_write(struct outdir *, const char *rel, const void *, size_t,
	    struct diag *);
int	 out_commit(struct outdir *, struct diag *);
/* Releases o; removes the new tree unless out_commit() succeeded. */
void	 out_abort(struct outdir *);

#endif
