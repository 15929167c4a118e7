/*
 * watch.c - inotify over the source folders (watch.h).
 *
 * One watch per folder, kept in a table wd -> path relative to the root.
 * A folder made or moved in is watched at once, with every folder under
 * it, and reported changed (files may have been written into it before
 * its watch existed); one moved away or removed loses its watches.
 */
#include <sys/inotify.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs.h"
#include "scan.h"
#include "util.h"
#include "watch.h"

#define WATCH_DIR_MASK	(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | \
	IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_ONLYDIR | \
	IN_DONT_FOLLOW)

static const char *const roots[] = { "content", "plans", "themes", NULL };

struct wentry {
	int	 wd;
	char	*rel;		/* "" for the root itself */
};

struct watch {
	int		 fd;
	char		*root;
	struct wentry	*v;
	size_t		 len, cap;
};

/* A name no build reads, that editors write beside the real file. */
static int
ignored(const char *name)
{
	size_t	 n = strlen(name);

	return n == 0 || name[0] == '.' || name[n - 1] == '~' ||
	    name[0] == '#' || strcmp(name, "4913") == 0;
}

static struct wentry *
find_wd(struct watch *w, int wd)
{
	size_t	 i;

	for (i = 0; i < w->len; i++)
		if (w->v[i].wd == wd)
			return &w->v[i];
	return NULL;
}

static void
add_one(struct watch *w, const char *rel)
{
	char		*abs = *rel ? fs_join(w->root, rel) : xstrdup(w->root);
	struct wentry	*e;
	int		 wd;

	wd = inotify_add_watch(w->fd, abs, WATCH_DIR_MASK);
	free(abs);
	if (wd == -1)
		return;		/* gone already, or not a folder */
	if ((e = find_wd(w, wd)) != NULL) {
		/* The same folder seen again (moved back): its new name. */
		free(e->rel);
		e->rel = xstrdup(rel);
		return;
	}
	ARRAY_GROW(w->v, w->len, w->cap, 16);
	w->v[w->len].wd = wd;
	w->v[w->len].rel = xstrdup(rel);
	w->len++;
}

/* rel and every folder under it (depth-limited against loops). */
static void
add_tree(struct watch *w, const char *rel, int depth)
{
	char		*abs, *sub;
	DIR		*d;
	struct dirent	*de;

	if (depth > 64)
		return;
	add_one(w, rel);
	abs = fs_join(w->root, rel);
	d = opendir(abs);
	free(abs);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (ignored(de->d_name))
			continue;
		sub = fs_join(rel, de->d_name);
		if (de->d_type == DT_UNKNOWN) {
			abs = fs_join(w->root, sub);
			if (fs_is_dir(abs))
				add_tree(w, sub, depth + 1);
			free(abs);
		} else if (de->d_type == DT_DIR)
			add_tree(w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
}

/* Forgets the watches of rel and of every folder under it. */
static void
drop_tree(struct watch *w, const char *rel)
{
	size_t	 i, n = strlen(rel);

	for (i = 0; i < w->len; ) {
		const char *r = w->v[i].rel;

		if (strncmp(r, rel, n) == 0 && (r[n] == '\0' || r[n] == '/')) {
			inotify_rm_watch(w->fd, w->v[i].wd);
			free(w->v[i].rel);
			w->v[i] = w->v[--w->len];
		} else
			i++;
	}
}

struct watch *
watch_new(const char *root)
{
	struct watch	*w;
	size_t		 i;
	int		 fd;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	w->root = xstrdup(root);
	add_one(w, "");
	if (w->len == 0) {
		watch_free(w);
		errno = ENOTDIR;
		return NULL;
	}
	for (i = 0; roots[i] != NULL; i++)
		add_tree(w, roots[i], 0);
	return w;
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

static int
is_root_name(const char *name)
{
	size_t	 i;

	for (i = 0; roots[i] != NULL; i++)
		if (strcmp(name, roots[i]) == 0)
			return 1;
	return 0;
}

/* One event: the path it names, and folders to watch or forget. */
static void
one_event(struct watch *w, const struct inotify_event *ev,
    struct strlist *changed, int *all)
{
	struct wentry	*e;
	char		*rel;

	if (ev->mask & IN_Q_OVERFLOW) {
		*all = 1;
		return;
	}
	if (ev->mask & IN_IGNORED) {
		if ((e = find_wd(w, ev->wd)) != NULL) {
			free(e->rel);
			*e = w->v[--w->len];
		}
		return;
	}
	if ((e = find_wd(w, ev->wd)) == NULL || ev->len == 0 ||
	    ignored(ev->name))
		return;
	/* In the root, only site.yaml and the watched folders count. */
	if (*e->rel == '\0' && strcmp(ev->name, "site.yaml") != 0 &&
	    !is_root_name(ev->name))
		return;
	rel = *e->rel ? fs_join(e->rel, ev->name) : xstrdup(ev->name);
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_CREATE | IN_MOVED_TO))
			add_tree(w, rel, 0);
		else if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
			drop_tree(w, rel);
	}
	strlist_push(changed, rel);
}

int
watch_read(struct watch *w, struct strlist *changed, int *all)
{
	/* Aligned for struct inotify_event, room for many at once. */
	char		 b[64 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
			    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t		 n;
	char		*p;

	for (;;) {
		n = read(w->fd, b, sizeof(b));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return 0;
		if (n <= 0)
			return -1;
		for (p = b; p < b + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			one_event(w, ev, changed, all);
		}
	}
}

void
watch_free(struct watch *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	close(w->fd);
	for (i = 0; i < w->len; i++)
		free(w->v[i].rel);
	free(w->v);
	free(w->root);
	free(w);
}
