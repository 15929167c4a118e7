/*
 * watch.h - what `cchc serve` rebuilds for: changes under content/,
 * plans/ and themes/ (every folder, folders made later included) and to
 * site.yaml, by inotify.
 *
 * Editors save in different ways - vim and gedit write a new file and
 * rename it over the old one, VS Code writes in place - and one save is
 * several events: watch_read() reports paths, the caller waits for a
 * quiet moment (debounce) before rebuilding.  Hidden names (".x", so
 * .cchc-cache, swap and temporary files), "x~", "#x#" and vim's "4913"
 * are never reported.
 */
#ifndef CCHC_WATCH_H
#define CCHC_WATCH_H

struct strlist;
struct watch;

/*
 * Watches root's content/, plans/, themes/ (those that exist; one made
 * later is picked up) and site.yaml.  NULL with errno when inotify
 * cannot start.
 */
struct watch	*watch_new(const char *root);
/* The descriptor to poll for POLLIN. */
int	 watch_fd(const struct watch *);
/*
 * Reads the pending events: appends each changed path (relative to the
 * root; the list owns them; one path may come twice) to changed, and
 * sets *all when the kernel dropped events (rebuild everything).
 * 0, or -1 on a read error.
 */
int	 watch_read(struct watch *, struct strlist *changed, int *all);
void	 watch_free(struct watch *);

#endif
