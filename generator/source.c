/*
 * source.c - source files from a folder or from a git tree; see source.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "scan.h"
#include "source.h"
#include "util.h"

#define SOURCE_MAX_DEPTH 32

struct source {
	char		*root;
	char		 name[64];
	/* git backend; repo == NULL for a folder */
	git_repository	*repo;
	git_tree	*tree;		/* the source root's tree at rev */
	int		 git_inited;	/* git_libgit2_init() to balance */
	pthread_mutex_t	 lock;
	/* source_overlay(): paths below ov_rel/ are read from ov_dir */
	char		*ov_rel;
	char		*ov_dir;
};

/*
 * The part of `path` below the overlay's folder ("" for the folder
 * itself), or NULL when the path is not in it.
 */
static const char *
overlay_rest(const struct source *s, const char *path)
{
	size_t	 n;

	if (s->ov_rel == NULL)
		return NULL;
	n = strlen(s->ov_rel);
	if (strncmp(path, s->ov_rel, n) != 0)
		return NULL;
	if (path[n] == '\0')
		return path + n;
	return path[n] == '/' ? path + n + 1 : NULL;
}

/*
 * Where `path` is on disk (the overlay's file, or under the root), and
 * in *base the folder it must stay inside.  Caller frees.
 */
static char *
disk_path(const struct source *s, const char *path, const char **base)
{
	const char	*rest = overlay_rest(s, path);

	if (rest != NULL) {
		*base = s->ov_dir;
		return fs_join(s->ov_dir, rest);
	}
	*base = s->root;
	return fs_join(s->root, path);
}

void
source_overlay(struct source *s, const char *rel, const char *dir)
{
	free(s->ov_rel);
	free(s->ov_dir);
	s->ov_rel = xstrdup(rel);
	s->ov_dir = xstrdup(dir);
}

char *
source_disk_path(const struct source *s, const char *path)
{
	const char	*base;

	if (s->tree != NULL && overlay_rest(s, path) == NULL)
		return NULL;
	return disk_path(s, path, &base);
}

static int
ignored_name(const char *n)
{
	size_t	 len = strlen(n);

	return n[0] == '.' || n[0] == '#' || (len > 0 && n[len - 1] == '~');
}

/* Path of `root` inside the work tree of `repo` ("" or "site/"). */
static char *
repo_prefix(git_repository *repo, const char *root)
{
	const char	*wd = git_repository_workdir(repo);
	char		*rel, *prefix;

	if (wd == NULL || (rel = fs_under(wd, root)) == NULL)
		return NULL;
	prefix = *rel != '\0' ? xasprintf("%s/", rel) : xstrdup("");
	free(rel);
	return prefix;
}

int
source_open(struct source **out, const char *root, const char *rev,
    struct diag *d)
{
	struct source	*s;
	git_object	*obj = NULL;
	git_commit	*commit = NULL;
	git_tree	*top = NULL;
	git_tree_entry	*ent = NULL;
	char		*prefix = NULL, *sub;
	int		 rc = -1;

	s = xcalloc(1, sizeof(*s));
	s->root = xstrdup(root);
	pthread_mutex_init(&s->lock, NULL);
	snprintf(s->name, sizeof(s->name), "thư mục nguồn");
	*out = s;
	if (rev == NULL)
		return 0;

	git_libgit2_init();
	s->git_inited = 1;
	if (git_repository_open_ext(&s->repo, root, 0, NULL) != 0) {
		diag_err(d, root, 0, 0, "--rev cần thư mục nguồn nằm trong một "
		    "kho git, nhưng ở đây không có kho git nào");
		goto out;
	}
	if (git_revparse_single(&obj, s->repo, rev) != 0 ||
	    git_object_peel((git_object **)&commit, obj,
	    GIT_OBJECT_COMMIT) != 0) {
		diag_err(d, NULL, 0, 0, "không tìm thấy phiên bản “%s” trong kho "
		    "git; kiểm tra tên nhánh, thẻ hoặc mã commit", rev);
		goto out;
	}
	snprintf(s->name, sizeof(s->name), "commit %.7s",
	    git_oid_tostr_s(git_commit_id(commit)));
	if (git_commit_tree(&top, commit) != 0 ||
	    (prefix = repo_prefix(s->repo, root)) == NULL) {
		diag_err(d, root, 0, 0, "không đọc được cây thư mục của %s",
		    s->name);
		goto out;
	}
	if (*prefix == '\0') {
		s->tree = top;
		top = NULL;
	} else {
		sub = xstrndup(prefix, strlen(prefix) - 1);
		if (git_tree_entry_bypath(&ent, top, sub) != 0 ||
		    git_tree_entry_type(ent) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&s->tree, s->repo,
		    git_tree_entry_id(ent)) != 0) {
			diag_err(d, root, 0, 0, "thư mục nguồn “%s” chưa có "
			    "trong %s", sub, s->name);
			free(sub);
			goto out;
		}
		free(sub);
	}
	rc = 0;
out:
	git_tree_entry_free(ent);
	git_tree_free(top);
	git_commit_free(commit);
	git_object_free(obj);
	free(prefix);
	return rc;
}

void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	git_tree_free(s->tree);
	git_repository_free(s->repo);
	if (s->git_inited)
		git_libgit2_shutdown();
	pthread_mutex_destroy(&s->lock);
	free(s->ov_rel);
	free(s->ov_dir);
	free(s->root);
	free(s);
}

int
source_size(struct source *s, const char *path, size_t *size)
{
	git_tree_entry	*ent = NULL;
	git_blob	*blob = NULL;
	struct stat	 st;
	const char	*base;
	char		*abs;
	int		 rc = -1;

	if (s->tree == NULL || overlay_rest(s, path) != NULL) {
		abs = disk_path(s, path, &base);
		if (stat(abs, &st) == 0 && S_ISREG(st.st_mode) &&
		    fs_inside(base, abs)) {
			*size = (size_t)st.st_size;
			rc = 0;
		}
		free(abs);
		return rc;
	}
	pthread_mutex_lock(&s->lock);
	if (git_tree_entry_bypath(&ent, s->tree, path) == 0 &&
	    (git_tree_entry_filemode(ent) == GIT_FILEMODE_BLOB ||
	    git_tree_entry_filemode(ent) == GIT_FILEMODE_BLOB_EXECUTABLE) &&
	    git_blob_lookup(&blob, s->repo, git_tree_entry_id(ent)) == 0) {
		*size = (size_t)git_blob_rawsize(blob);
		rc = 0;
	}
	git_blob_free(blob);
	git_tree_entry_free(ent);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

const char *
source_root(const struct source *s)
{
	return s->root;
}

const char *
source_name(const struct source *s)
{
	return s->name;
}

/* Folder backend: readdir, following links that stay inside the tree. */
static int
dir_list(struct source *s, const char *rel, const char *suffix,
    int recurse, int depth, struct strlist *out, struct diag *d)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 st;
	const char	*base;
	char		*abs, *crel, *cabs;
	int		 rc = 0;

	abs = disk_path(s, rel, &base);
	if ((dir = opendir(abs)) == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		if (rc == -1)
			diag_err(d, rel, 0, 0, "không đọc được thư mục: %s",
			    err_text(errno));
		free(abs);
		return rc;
	}
	if (depth > SOURCE_MAX_DEPTH) {
		diag_err(d, rel, 0, 0, "thư mục lồng nhau quá sâu (hơn %d "
		    "cấp); hãy sắp xếp lại thư mục", SOURCE_MAX_DEPTH);
		closedir(dir);
		free(abs);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (ignored_name(de->d_name))
			continue;
		crel = fs_join(rel, de->d_name);
		/* The common cases need no stat: the folder says the type. */
		if (de->d_type == DT_REG) {
			if (suffix == NULL || str_has_suffix(de->d_name, suffix))
				strlist_push(out, crel);
			else
				free(crel);
			continue;
		}
		cabs = disk_path(s, crel, &base);
		if (de->d_type == DT_DIR) {
			if (recurse && dir_list(s, crel, suffix, recurse,
			    depth + 1, out, d) == -1)
				rc = -1;
		} else if (lstat(cabs, &st) == -1) {
			diag_err(d, crel, 0, 0, "không đọc được: %s",
			    err_text(errno));
			rc = -1;
		} else if (S_ISLNK(st.st_mode) && !fs_inside(base, cabs)) {
			diag_err(d, crel, 0, 0, "liên kết tượng trưng trỏ ra "
			    "ngoài thư mục nguồn; hãy chép tệp vào trong "
			    "thư mục nguồn thay vì liên kết");
			rc = -1;
		} else if (stat(cabs, &st) == -1) {
			diag_err(d, crel, 0, 0, "liên kết hỏng: %s",
			    err_text(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (recurse && dir_list(s, crel, suffix, recurse,
			    depth + 1, out, d) == -1)
				rc = -1;
		} else if (S_ISREG(st.st_mode) &&
		    (suffix == NULL || str_has_suffix(de->d_name, suffix))) {
			strlist_push(out, crel);
			crel = NULL;
		}
		free(crel);
		free(cabs);
	}
	closedir(dir);
	free(abs);
	return rc;
}

/* Git backend: walk tree entries. */
static int
tree_list(struct source *s, const git_tree *tree, const char *rel,
    const char *suffix, int recurse, int depth, struct strlist *out,
    struct diag *d)
{
	const git_tree_entry	*e;
	git_tree		*sub;
	const char		*name;
	char			*crel;
	size_t			 i, n = git_tree_entrycount(tree);
	int			 rc = 0;

	if (depth > SOURCE_MAX_DEPTH) {
		diag_err(d, rel, 0, 0, "thư mục lồng nhau quá sâu (hơn %d "
		    "cấp); hãy sắp xếp lại thư mục", SOURCE_MAX_DEPTH);
		return -1;
	}
	for (i = 0; i < n; i++) {
		e = git_tree_entry_byindex(tree, i);
		name = git_tree_entry_name(e);
		if (ignored_name(name))
			continue;
		crel = fs_join(rel, name);
		switch (git_tree_entry_filemode(e)) {
		case GIT_FILEMODE_TREE:
			if (!recurse)
				break;
			if (git_tree_lookup(&sub, s->repo,
			    git_tree_entry_id(e)) != 0) {
				diag_err(d, crel, 0, 0, "không đọc được thư "
				    "mục trong %s", s->name);
				rc = -1;
				break;
			}
			if (tree_list(s, sub, crel, suffix, recurse,
			    depth + 1, out, d) == -1)
				rc = -1;
			git_tree_free(sub);
			break;
		case GIT_FILEMODE_BLOB:
		case GIT_FILEMODE_BLOB_EXECUTABLE:
			if (suffix == NULL || str_has_suffix(name, suffix)) {
				strlist_push(out, crel);
				crel = NULL;
			}
			break;
		case GIT_FILEMODE_LINK:
			diag_err(d, crel, 0, 0, "liên kết tượng trưng không dùng "
			    "được khi dựng từ một commit (--rev); hãy thay bằng "
			    "tệp thật");
			rc = -1;
			break;
		default:
			break;	/* submodules: not part of the site */
		}
		free(crel);
	}
	return rc;
}

int
source_list(struct source *s, const char *dir, const char *suffix,
    int recurse, struct strlist *out, struct diag *d)
{
	git_tree_entry	*ent = NULL;
	git_tree	*tree = NULL;
	int		 rc = 0;

	if (s->tree == NULL || overlay_rest(s, dir) != NULL)
		return dir_list(s, dir, suffix, recurse, 0, out, d);
	pthread_mutex_lock(&s->lock);
	if (git_tree_entry_bypath(&ent, s->tree, dir) == 0 &&
	    git_tree_entry_type(ent) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&tree, s->repo, git_tree_entry_id(ent)) == 0)
		rc = tree_list(s, tree, dir, suffix, recurse, 0, out, d);
	git_tree_free(tree);
	git_tree_entry_free(ent);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int
source_read(struct source *s, const char *path, size_t max, struct buf *b)
{
	git_tree_entry	*ent = NULL;
	git_blob	*blob = NULL;
	const char	*base;
	char		*abs, *norm;
	size_t		 n;
	int		 rc = -1, err = ENOENT;

	/* Both backends by one rule: a path that leaves the root is none. */
	if ((norm = fs_normalize(path)) == NULL) {
		errno = ENOENT;
		return -1;
	}
	if (s->tree == NULL || overlay_rest(s, norm) != NULL) {
		abs = disk_path(s, norm, &base);
		rc = fs_read(abs, max, b);
		err = errno;	/* fs_read's reason, whatever free() does */
		free(abs);
		free(norm);
		errno = err;
		return rc;
	}
	pthread_mutex_lock(&s->lock);
	if (git_tree_entry_bypath(&ent, s->tree, norm) != 0 ||
	    (git_tree_entry_filemode(ent) != GIT_FILEMODE_BLOB &&
	    git_tree_entry_filemode(ent) != GIT_FILEMODE_BLOB_EXECUTABLE))
		goto out;
	err = EIO;
	if (git_blob_lookup(&blob, s->repo, git_tree_entry_id(ent)) != 0)
		goto out;
	n = (size_t)git_blob_rawsize(blob);
	err = EFBIG;
	if (n > max)
		goto out;
	buf_put(b, git_blob_rawcontent(blob), n);
	rc = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(ent);
	pthread_mutex_unlock(&s->lock);
	free(norm);
	if (rc == -1)
		errno = err;
	return rc;
}

int
source_is_file(struct source *s, const char *path)
{
	git_tree_entry	*ent = NULL;
	const char	*base;
	char		*abs;
	int		 ok;

	if (s->tree == NULL || overlay_rest(s, path) != NULL) {
		abs = disk_path(s, path, &base);
		ok = fs_is_file(abs) && fs_inside(base, abs);
		free(abs);
		return ok;
	}
	pthread_mutex_lock(&s->lock);
	ok = git_tree_entry_bypath(&ent, s->tree, path) == 0 &&
	    (git_tree_entry_filemode(ent) == GIT_FILEMODE_BLOB ||
	    git_tree_entry_filemode(ent) == GIT_FILEMODE_BLOB_EXECUTABLE);
	git_tree_entry_free(ent);
	pthread_mutex_unlock(&s->lock);
	return ok;
}

int
source_is_dir(struct source *s, const char *path)
{
	git_tree_entry	*ent = NULL;
	const char	*base;
	char		*abs;
	int		 ok;

	if (s->tree == NULL || overlay_rest(s, path) != NULL) {
		abs = disk_path(s, path, &base);
		ok = fs_is_dir(abs) && fs_inside(base, abs);
		free(abs);
		return ok;
	}
	pthread_mutex_lock(&s->lock);
	ok = git_tree_entry_bypath(&ent, s->tree, path) == 0 &&
	    git_tree_entry_type(ent) == GIT_OBJECT_TREE;
	git_tree_entry_free(ent);
	pthread_mutex_unlock(&s->lock);
	return ok;
}
