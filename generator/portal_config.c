/*
 * portal_config.c - portal.yaml; see portal_config.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "errtext.h"
#include "frontmatter.h"
#include "fs.h"
#include "portal_config.h"
#include "slug.h"
#include "util.h"
#include "value.h"

#define PC_MAX_FILE	(1u << 20)	/* a thousand departments fit */
#define PC_KEYS		"title, base_url, province, description, departments"
#define PC_DEPT_KEYS	"name, slug, source, sources, built"
#define PC_URL_EXAMPLE	"https://soctrang.gov.vn/cai-cach-hanh-chinh/"
#define PC_ONE_OF	"mỗi đơn vị dùng đúng một trong ba khóa: source " \
			"(thư mục nguồn của đơn vị), sources (đơn vị sáp " \
			"nhập: thư mục nguồn của các đơn vị cũ) hoặc built " \
			"(chuyên mục đã dựng sẵn ở nơi khác)"

/* The portal's own top-level folders: no department may take one. */
static const char *const pc_reserved[] = {
	"tin-tuc", "thu-tuc", "tim-kiem", "theo-doi", "chuyen-huong",
	"static", "anh", "trang"
};
#define PC_RESERVED_LIST "tin-tuc, thu-tuc, tim-kiem, theo-doi, " \
			"chuyen-huong, static, anh, trang"

/* A place in the portal: a department's slug, or a former one's. */
struct pc_place {
	const char	*slug;		/* owned by the config */
	size_t		 dept;
	int		 former;
	int		 line, col;
};

/* A folder a department reads: a source, or its built section. */
struct pc_use {
	char		*norm;		/* abs without "." and ".." */
	const char	*path;		/* as written, owned by the config */
	size_t		 dept;
	int		 built;
	int		 line, col;
};

struct pc_ctx {
	const char		*file;
	struct portal_config	*cfg;
	struct diag		*d;
	struct pc_place		*places;
	size_t			 nplaces, cplaces;
	struct pc_use		*uses;
	size_t			 nuses, cuses;
};

/*
 * How a department is named in messages: "Sở Tư pháp (so-tu-phap)" as
 * `cchc portal` says it (with_slug, when the slug is known), "Sở Tư
 * pháp", or "đơn vị ở dòng 12" when it has no name.  Caller frees.
 */
static char *
pc_who(const struct portal_dept *pd, int with_slug)
{
	if (pd->name == NULL)
		return xasprintf("đơn vị ở dòng %d", pd->line);
	if (with_slug && pd->slug != NULL)
		return xasprintf("%s (%s)", pd->name, pd->slug);
	return xstrdup(pd->name);
}

/*
 * The text of a string value, or NULL after an error "<what> <why>;
 * <todo>": not a string, blank, or holding a NUL.
 */
static const char *
pc_text(struct pc_ctx *c, const struct val *v, const char *what,
    const char *todo)
{
	const char	*s = val_get_str(v), *why;

	if (s == NULL)
		why = val_type(v) == VAL_NULL ? "đang để trống" :
		    val_type(v) == VAL_BOOL ? "phải là một chuỗi văn bản, "
		    "không phải true/false (đặt trong ngoặc kép nếu muốn viết "
		    "chữ đó)" : "phải là một chuỗi văn bản, không phải danh "
		    "sách hay bảng";
	else if (strlen(s) != val_str_len(v)) {
		why = "chứa ký tự NUL (\\0)";
		todo = "xóa ký tự này";
	} else if (s[strspn(s, " \t")] == '\0')
		why = "đang để trống";
	else
		return s;
	diag_err(c->d, c->file, val_line(v), val_col(v), "%s %s; %s", what,
	    why, todo);
	return NULL;
}

/* path joined to the config's folder; an absolute one is kept. */
static char *
pc_join(const char *dir, const char *path)
{
	if (path[0] == '/' || strcmp(dir, ".") == 0)
		return xstrdup(path);
	return xasprintf("%s%s%s", dir, str_has_suffix(dir, "/") ? "" : "/",
	    path);
}

/*
 * The path's text without "." and empty segments, ".." taken against
 * the segment before it: "../a/./b/" and "../a/b" are one folder.
 */
static char *
pc_norm(const char *p)
{
	struct buf	 b = BUF_INIT;
	size_t		*at, nseg = 0, nup = 0, n, root;

	if (p[0] == '/')
		buf_putc(&b, '/');
	root = b.len;
	at = xcalloc(strlen(p) / 2 + 1, sizeof(*at));
	for (; *p != '\0'; p += n) {
		p += strspn(p, "/");
		if ((n = strcspn(p, "/")) == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (nseg > nup) {
				buf_truncate(&b, at[--nseg]);
				continue;
			}
			if (root > 0)	/* "/.." is "/" */
				continue;
			nup++;
		}
		at[nseg++] = b.len;
		if (b.len > root)
			buf_putc(&b, '/');
		buf_put(&b, p, n);
	}
	free(at);
	if (b.len == 0)
		buf_putc(&b, '.');
	return buf_detach(&b);
}

/* NULL when s is a well-formed slug, else what is wrong with it. */
static const char *
pc_slug_why(const char *s)
{
	const char	*p;
	size_t		 n = strlen(s);

	if (n == 0)
		return "đang để trống";
	if (n > PORTAL_SLUG_MAX)
		return "dài quá 64 ký tự";	/* PORTAL_SLUG_MAX */
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return "chỉ được gồm chữ thường không dấu a-z, chữ số "
			    "0-9 và dấu gạch ngang -";
	if (s[0] == '-' || s[n - 1] == '-')
		return "không được bắt đầu hay kết thúc bằng dấu gạch ngang";
	if (strstr(s, "--") != NULL)
		return "không được có hai dấu gạch ngang liền nhau";
	return NULL;
}

static int
pc_is_reserved(const char *s)
{
	size_t	 i;

	for (i = 0; i < sizeof(pc_reserved) / sizeof(pc_reserved[0]); i++)
		if (strcmp(s, pc_reserved[i]) == 0)
			return 1;
	return 0;
}

/* slug_make(s) when that is a slug a department may take, else NULL. */
static char *
pc_suggest(const char *s, size_t n)
{
	char	*t = slug_make(s, n);

	if (pc_slug_why(t) == NULL && !pc_is_reserved(t))
		return t;
	free(t);
	return NULL;
}

/*
 * A slug as written (what: "Sở X: slug"): 0, or -1 after an error at
 * line:col saying why and what to write instead.
 */
static int
pc_check_slug(struct pc_ctx *c, const char *what, const char *s, int line,
    int col)
{
	const char	*why;
	char		*fix;

	if ((why = pc_slug_why(s)) != NULL) {
		if ((fix = pc_suggest(s, strlen(s))) != NULL)
			diag_err(c->d, c->file, line, col, "%s “%s” không hợp "
			    "lệ: %s; đổi thành `slug: %s`", what, s, why, fix);
		else
			diag_err(c->d, c->file, line, col, "%s “%s” không hợp "
			    "lệ: %s; chỉ dùng chữ thường không dấu, chữ số và "
			    "dấu gạch ngang, ví dụ `slug: so-tu-phap`", what, s,
			    why);
		free(fix);
		return -1;
	}
	if (pc_is_reserved(s)) {
		diag_err(c->d, c->file, line, col, "%s “%s” trùng với một mục "
		    "của chính cổng (" PC_RESERVED_LIST "); đặt slug khác, ví "
		    "dụ tên viết tắt của đơn vị như `slug: so-tu-phap`", what,
		    s);
		return -1;
	}
	return 0;
}

static void
pc_add_place(struct pc_ctx *c, const char *slug, size_t dept, int former,
    int line, int col)
{
	struct pc_place	*pl;

	ARRAY_GROW(c->places, c->nplaces, c->cplaces, 16);
	pl = &c->places[c->nplaces++];
	pl->slug = slug;
	pl->dept = dept;
	pl->former = former;
	pl->line = line;
	pl->col = col;
}

static void
pc_add_use(struct pc_ctx *c, const char *path, const char *abs,
    size_t dept, int built, int line, int col)
{
	struct pc_use	*u;

	ARRAY_GROW(c->uses, c->nuses, c->cuses, 16);
	u = &c->uses[c->nuses++];
	u->norm = pc_norm(abs);
	u->path = path;
	u->dept = dept;
	u->built = built;
	u->line = line;
	u->col = col;
}

/*
 * A folder's path (key: source, built, or an entry of sources), or NULL
 * after an error naming the department.
 */
static const char *
pc_path(struct pc_ctx *c, const char *who, const char *key,
    const struct val *v)
{
	const char	*s, *todo;
	char		*what;

	if (strcmp(key, "built") == 0)
		todo = "ghi đường dẫn tới thư mục chuyên mục đã dựng sẵn của "
		    "đơn vị (tính từ thư mục chứa portal.yaml), ví dụ `built: "
		    "../artifacts/so-tu-phap`";
	else if (strcmp(key, "sources") == 0)
		todo = "mỗi mục của sources là đường dẫn tới thư mục nguồn của "
		    "một đơn vị cũ (tính từ thư mục chứa portal.yaml), ví dụ "
		    "`- ../sxd-soc-trang`, hoặc `- {path: ../sxd-soc-trang, "
		    "slug: sxd-soc-trang}`";
	else
		todo = "ghi đường dẫn tới thư mục nguồn của đơn vị (tính từ "
		    "thư mục chứa portal.yaml), ví dụ `source: ../so-tu-phap`";
	what = strcmp(key, "sources") == 0 ?
	    xasprintf("%s: một mục của sources", who) :
	    xasprintf("%s: %s", who, key);
	s = pc_text(c, v, what, todo);
	free(what);
	return s;
}

/* The last segment of a path: "../a/b/" -> "b". */
static char *
pc_last_name(const char *path)
{
	size_t	 end = strlen(path), start;

	while (end > 1 && path[end - 1] == '/')
		end--;
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		continue;
	return xstrndup(path + start, end - start);
}

/*
 * The former section's slug of one of several sources: written (sv), or
 * made from the folder's name.
 */
static void
pc_former(struct pc_ctx *c, size_t di, const char *who,
    struct portal_source *ps, const struct val *sv)
{
	const char	*s, *why;
	char		*what, *norm, *last, *f;
	int		 line, col;

	if (sv != NULL) {
		what = xasprintf("%s: slug cũ của nguồn %s", who, ps->path);
		s = pc_text(c, sv, what, "ghi nơi chuyên mục của đơn vị cũ "
		    "từng ở trong cổng, ví dụ `slug: sxd-can-tho`");
		if (s != NULL && pc_check_slug(c, what, s, val_line(sv),
		    val_col(sv)) == 0)
			ps->former = xstrdup(s);
		free(what);
		if (ps->former == NULL)
			return;
		line = val_line(sv);
		col = val_col(sv);
	} else {
		/* From the path as written (not abs): the same file gives
		   the same slugs wherever cchc runs from. */
		norm = pc_norm(ps->path);
		last = pc_last_name(norm);
		free(norm);
		f = slug_make(last, strlen(last));
		why = f[0] == '\0' ? "tên thư mục không có chữ hay số" :
		    pc_slug_why(f) != NULL ? "tên thư mục dài quá 64 ký tự" :
		    pc_is_reserved(f) ? "tên đó trùng với một mục của chính "
		    "cổng (" PC_RESERVED_LIST ")" : NULL;
		if (why != NULL) {
			diag_err(c->d, c->file, ps->line, ps->col, "%s: không "
			    "đặt được slug cũ cho nguồn %s từ tên thư mục "
			    "“%s”: %s; ghi slug cũ của nguồn này, ví dụ "
			    "`- {path: %s, slug: so-cu}`", who, ps->path, last,
			    why, ps->path);
			free(f);
			free(last);
			return;
		}
		free(last);
		ps->former = f;
		line = ps->line;
		col = ps->col;
	}
	pc_add_place(c, ps->former, di, 1, line, col);
}

/* `sources`: paths, or maps {path, slug}. */
static void
pc_sources(struct pc_ctx *c, size_t di, const char *who, const struct val *v)
{
	struct portal_dept	*pd = &c->cfg->depts[di];
	struct portal_source	*ps;
	const struct val	*x, *pv, *sv, **slugv;
	const char		*s, *k;
	size_t			 i, j, n;
	int			 line, col;

	if (val_type(v) != VAL_LIST || val_list_len(v) == 0) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "%s: sources "
		    "phải là danh sách thư mục nguồn của các đơn vị đã sáp "
		    "nhập%s, ví dụ `sources: [../sxd-soc-trang, "
		    "../sxd-can-tho]`", who, val_type(v) == VAL_LIST ?
		    " (danh sách đang trống)" : "");
		return;
	}
	n = val_list_len(v);
	pd->src = xcalloc(n, sizeof(*pd->src));
	slugv = xcalloc(n, sizeof(*slugv));
	for (i = 0; i < n; i++) {
		x = val_list_at(v, i);
		pv = x;
		sv = NULL;
		if (val_type(x) == VAL_MAP) {
			pv = val_map_get(x, "path");
			sv = val_map_get(x, "slug");
			for (j = 0; j < val_map_len(x); j++) {
				k = val_map_key(x, j);
				if (strcmp(k, "path") == 0 ||
				    strcmp(k, "slug") == 0)
					continue;
				yaml_key_pos(x, k, &line, &col);
				diag_warn(c->d, c->file, line, col, "khóa không "
				    "rõ \"%s\" trong một nguồn của %s, bỏ qua; "
				    "mỗi nguồn chỉ có path và slug", k, who);
			}
			if (pv == NULL) {
				diag_err(c->d, c->file, val_line(x), val_col(x),
				    "%s: một mục của sources thiếu path (thư "
				    "mục nguồn); viết `- {path: ../sxd-can-tho, "
				    "slug: sxd-can-tho}`", who);
				continue;
			}
		}
		if ((s = pc_path(c, who, "sources", pv)) == NULL)
			continue;
		ps = &pd->src[pd->nsrc];
		slugv[pd->nsrc++] = sv;
		ps->path = xstrdup(s);
		ps->abs = pc_join(c->cfg->dir, s);
		ps->line = val_line(pv);
		ps->col = val_col(pv);
		pc_add_use(c, ps->path, ps->abs, di, 0, ps->line, ps->col);
	}
	/* One entry is `source`: no merger, so no former section. */
	if (n == 1) {
		if (slugv[0] != NULL)
			diag_warn(c->d, c->file, val_line(slugv[0]),
			    val_col(slugv[0]), "%s: slug cũ của nguồn chỉ dùng "
			    "khi gộp từ hai nguồn trở lên, bỏ qua; với một "
			    "nguồn, viết `source: %s`", who, pd->src[0].path);
	} else
		for (i = 0; i < pd->nsrc; i++)
			pc_former(c, di, who, &pd->src[i], slugv[i]);
	free(slugv);
}

/* source, sources or built: the one a department has. */
static void
pc_folders(struct pc_ctx *c, size_t di, const char *who, const char *key,
    const struct val *v)
{
	struct portal_dept	*pd = &c->cfg->depts[di];
	const char		*s;

	if (strcmp(key, "sources") == 0) {
		pc_sources(c, di, who, v);
		return;
	}
	if ((s = pc_path(c, who, key, v)) == NULL)
		return;
	if (strcmp(key, "built") == 0) {
		pd->built_path = xstrdup(s);
		pd->built = pc_join(c->cfg->dir, s);
		pc_add_use(c, pd->built_path, pd->built, di, 1, val_line(v),
		    val_col(v));
		return;
	}
	pd->src = xcalloc(1, sizeof(*pd->src));
	pd->nsrc = 1;
	pd->src[0].path = xstrdup(s);
	pd->src[0].abs = pc_join(c->cfg->dir, s);
	pd->src[0].line = val_line(v);
	pd->src[0].col = val_col(v);
	pc_add_use(c, pd->src[0].path, pd->src[0].abs, di, 0, val_line(v),
	    val_col(v));
}

static void
pc_slug(struct pc_ctx *c, size_t di, const char *who, const struct val *v)
{
	struct portal_dept	*pd = &c->cfg->depts[di];
	const char		*s;
	char			*what;

	what = xasprintf("%s: slug", who);
	s = pc_text(c, v, what, "ghi tên thư mục của đơn vị trong địa chỉ "
	    "cổng, ví dụ `slug: so-tu-phap`");
	if (s != NULL && pc_check_slug(c, what, s, val_line(v),
	    val_col(v)) == 0) {
		pd->slug = xstrdup(s);
		pc_add_place(c, pd->slug, di, 0, val_line(v), val_col(v));
	}
	free(what);
}

/* "source và built", "source, sources và built" */
static void
pc_kinds_text(struct buf *b, const char *const *kinds, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, i + 1 == n ? " và " : ", ");
		buf_puts(b, kinds[i]);
	}
}

/* One entry of `departments`, a map. */
static void
pc_dept(struct pc_ctx *c, const struct val *m)
{
	struct portal_dept	*pd;
	struct buf		 b = BUF_INIT;
	const struct val	*v;
	const char		*k, *s, *kinds[3];
	char			*who, *fix, *what;
	size_t			 di, i, nkinds = 0;
	int			 line, col;

	di = c->cfg->ndepts++;
	pd = &c->cfg->depts[di];
	pd->line = val_line(m);
	pd->col = val_col(m);
	if ((v = val_map_get(m, "name")) == NULL)
		diag_err(c->d, c->file, pd->line, pd->col, "đơn vị ở dòng %d "
		    "thiếu name (tên đơn vị); thêm dòng `name: \"Sở Tư "
		    "pháp\"` vào đơn vị này", pd->line);
	else {
		what = xasprintf("đơn vị ở dòng %d: name", pd->line);
		if ((s = pc_text(c, v, what, "ghi tên đơn vị sau `name:`, ví "
		    "dụ `name: \"Sở Tư pháp\"`")) != NULL)
			pd->name = xstrdup(s);
		free(what);
	}
	if ((v = val_map_get(m, "slug")) != NULL) {
		who = pc_who(pd, 0);
		pc_slug(c, di, who, v);
		free(who);
	}
	who = pc_who(pd, 1);
	for (i = 0; i < val_map_len(m); i++) {
		k = val_map_key(m, i);
		v = val_map_value(m, i);
		if (strcmp(k, "name") == 0 || strcmp(k, "slug") == 0)
			continue;
		if (strcmp(k, "source") == 0 || strcmp(k, "sources") == 0 ||
		    strcmp(k, "built") == 0) {
			kinds[nkinds++] = k;
			continue;
		}
		yaml_key_pos(m, k, &line, &col);
		diag_warn(c->d, c->file, line, col, "khóa không rõ \"%s\" "
		    "của %s, bỏ qua; kiểm tra chính tả (các khóa của một đơn "
		    "vị: " PC_DEPT_KEYS ")", k, who);
	}
	if (val_map_get(m, "slug") == NULL) {
		s = pd->name != NULL ? pd->name : "";
		if ((fix = pc_suggest(s, strlen(s))) != NULL)
			diag_err(c->d, c->file, pd->line, pd->col, "%s: thiếu "
			    "slug (tên thư mục của đơn vị trong địa chỉ cổng); "
			    "thêm dòng `slug: %s` (hoặc một tên ngắn hơn) vào "
			    "đơn vị này", who, fix);
		else
			diag_err(c->d, c->file, pd->line, pd->col, "%s: thiếu "
			    "slug (tên thư mục của đơn vị trong địa chỉ cổng); "
			    "thêm một dòng như `slug: so-tu-phap` vào đơn vị "
			    "này", who);
		free(fix);
	}
	if (nkinds == 0)
		diag_err(c->d, c->file, pd->line, pd->col, "%s: chưa ghi thư "
		    "mục của đơn vị; " PC_ONE_OF ", ví dụ `source: "
		    "../so-tu-phap`", who);
	else if (nkinds > 1) {
		pc_kinds_text(&b, kinds, nkinds);
		yaml_key_pos(m, kinds[1], &line, &col);
		diag_err(c->d, c->file, line, col, "%s: có cả %s; " PC_ONE_OF
		    "; xóa dòng thừa", who, buf_cstr(&b));
		buf_free(&b);
	} else
		pc_folders(c, di, who, kinds[0], val_map_get(m, kinds[0]));
	free(who);
}

static void
pc_depts(struct pc_ctx *c, const struct val *v)
{
	const struct val	*x;
	size_t			 i, n;

	if (val_type(v) == VAL_NULL ||
	    (val_type(v) == VAL_LIST && val_list_len(v) == 0)) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "departments "
		    "đang để trống; ghi các đơn vị của cổng bên dưới, mỗi đơn "
		    "vị bắt đầu bằng “- ”, ví dụ `  - name: \"Sở Tư pháp\"` rồi "
		    "`    slug: so-tu-phap` và `    source: ../so-tu-phap`");
		return;
	}
	if (val_type(v) != VAL_LIST) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "departments "
		    "phải là danh sách các đơn vị, mỗi đơn vị bắt đầu bằng "
		    "“- ” trên một dòng riêng, ví dụ `  - name: \"Sở Tư pháp\"` "
		    "rồi `    slug: so-tu-phap` và `    source: ../so-tu-phap`");
		return;
	}
	n = val_list_len(v);
	c->cfg->depts = xcalloc(n, sizeof(*c->cfg->depts));
	for (i = 0; i < n; i++) {
		x = val_list_at(v, i);
		if (val_type(x) == VAL_MAP) {
			pc_dept(c, x);
			continue;
		}
		diag_err(c->d, c->file, val_line(x), val_col(x), "mục thứ %zu "
		    "của departments phải là một đơn vị gồm các dòng name, "
		    "slug và source (hoặc sources, built), không phải %s; "
		    "viết `- name: \"Sở Tư pháp\"` rồi các dòng kia thụt vào "
		    "thẳng hàng với name", i + 1,
		    val_type(x) == VAL_NULL ? "một mục trống" :
		    val_type(x) == VAL_LIST ? "một danh sách" :
		    "một chuỗi hay true/false");
	}
}

static void
pc_base_url(struct pc_ctx *c, const struct val *v)
{
	const char	*s, *why = NULL;
	char		*url, *path;

	if ((s = pc_text(c, v, "base_url", "ghi địa chỉ của cổng, ví dụ "
	    "`base_url: " PC_URL_EXAMPLE "`")) == NULL)
		return;
	if ((url = config_base_url(s, &path, &why)) == NULL) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "base_url "
		    "\"%s\" không hợp lệ: %s (ví dụ " PC_URL_EXAMPLE ")", s,
		    why);
		return;
	}
	c->cfg->base_url = url;
	c->cfg->base_path = path;
}

/* province, description: NULL when absent or empty. */
static void
pc_optional(struct pc_ctx *c, const char *key, const struct val *v,
    char **dst)
{
	const char	*s;

	if (val_type(v) == VAL_NULL)
		return;
	if ((s = val_get_str(v)) != NULL && s[0] == '\0')
		return;
	if ((s = pc_text(c, v, key, "ghi chữ sau dấu hai chấm, hoặc xóa "
	    "dòng này")) != NULL)
		*dst = xstrdup(s);
}

static void
pc_top(struct pc_ctx *c)
{
	const struct val	*map = c->cfg->raw, *v;
	const char		*k, *s;
	size_t			 i;
	int			 line, col;

	for (i = 0; i < val_map_len(map); i++) {
		k = val_map_key(map, i);
		v = val_map_value(map, i);
		if (strcmp(k, "title") == 0) {
			if ((s = pc_text(c, v, "title", "ghi tên cổng sau "
			    "`title:`, ví dụ `title: \"Cải cách hành chính tỉnh "
			    "Sóc Trăng\"`")) != NULL)
				c->cfg->title = xstrdup(s);
		} else if (strcmp(k, "base_url") == 0)
			pc_base_url(c, v);
		else if (strcmp(k, "province") == 0)
			pc_optional(c, k, v, &c->cfg->province);
		else if (strcmp(k, "description") == 0)
			pc_optional(c, k, v, &c->cfg->description);
		else if (strcmp(k, "departments") == 0)
			pc_depts(c, v);
		else {
			yaml_key_pos(map, k, &line, &col);
			diag_warn(c->d, c->file, line, col, "khóa không rõ "
			    "\"%s\", bỏ qua; kiểm tra chính tả (các khóa hợp "
			    "lệ: " PC_KEYS ")", k);
		}
	}
	if (val_map_get(map, "title") == NULL)
		diag_err(c->d, c->file, 0, 0, "thiếu tên cổng; thêm dòng "
		    "`title: \"Cải cách hành chính tỉnh Sóc Trăng\"` (tên của "
		    "tỉnh mình) vào đầu tệp");
	if (val_map_get(map, "base_url") == NULL)
		diag_err(c->d, c->file, 0, 0, "thiếu base_url, địa chỉ của "
		    "cổng trên mạng; thêm dòng `base_url: " PC_URL_EXAMPLE "` "
		    "(địa chỉ thật của cổng)");
	if (val_map_get(map, "departments") == NULL)
		diag_err(c->d, c->file, 0, 0, "thiếu danh sách đơn vị; thêm "
		    "dòng `departments:` rồi mỗi đơn vị bắt đầu bằng “- ”, ví "
		    "dụ `  - name: \"Sở Tư pháp\"` rồi `    slug: so-tu-phap` "
		    "và `    source: ../so-tu-phap`");
}

/* Two places in the portal with one slug (j after i): said at j. */
static int
pc_place_clash(struct pc_ctx *c, const struct pc_place *a,
    const struct pc_place *b)
{
	const struct portal_dept *d = c->cfg->depts;
	const struct pc_place	*s, *f;
	char			*wa, *wb;
	int			 rc = 1;

	wa = pc_who(&d[a->dept], 0);
	wb = pc_who(&d[b->dept], a->dept == b->dept);
	if (!a->former && !b->former)
		diag_err(c->d, c->file, b->line, b->col, "hai đơn vị cùng dùng "
		    "slug “%s” (%s ở dòng %d và %s ở dòng %d); đổi slug của "
		    "một đơn vị", b->slug, wa, a->line, wb, b->line);
	else if (a->dept == b->dept && (!a->former || !b->former))
		rc = 0;	/* where one of its former departments was: fine */
	else if (a->dept == b->dept)
		diag_err(c->d, c->file, b->line, b->col, "%s: hai nguồn trong "
		    "sources cùng có slug cũ “%s” (dòng %d và dòng %d); mỗi "
		    "đơn vị cũ cần slug cũ riêng: ghi slug cho một nguồn, ví "
		    "dụ `- {path: ../sxd-can-tho, slug: sxd-can-tho}`", wb,
		    b->slug, a->line, b->line);
	else if (a->former && b->former)
		diag_err(c->d, c->file, b->line, b->col, "slug cũ “%s” có ở hai "
		    "đơn vị (%s ở dòng %d và %s ở dòng %d); một địa chỉ cũ chỉ "
		    "chuyển về được một đơn vị: sửa slug cũ của một nguồn",
		    b->slug, wa, a->line, wb, b->line);
	else {
		s = a->former ? b : a;
		f = a->former ? a : b;
		diag_err(c->d, c->file, b->line, b->col, "slug “%s” vừa là slug "
		    "của %s (dòng %d) vừa là slug cũ của một nguồn gộp vào %s "
		    "(dòng %d); hai đơn vị không thể ở cùng một địa chỉ: đổi "
		    "slug của %s hoặc ghi slug cũ khác cho nguồn đó", b->slug,
		    s == a ? wa : wb, s->line, f == a ? wa : wb, f->line,
		    s == a ? wa : wb);
	}
	free(wa);
	free(wb);
	return rc;
}

/* Two uses of one folder (j after i): said at j. */
static int
pc_use_clash(struct pc_ctx *c, const struct pc_use *a, const struct pc_use *b)
{
	const struct portal_dept *d = c->cfg->depts;
	char			*wa, *wb;

	if (a->built != b->built)
		return 0;	/* a source and a built section: not one use */
	wa = pc_who(&d[a->dept], 0);
	wb = pc_who(&d[b->dept], a->dept == b->dept);
	if (a->dept == b->dept)
		diag_err(c->d, c->file, b->line, b->col, "%s: thư mục nguồn "
		    "%s được ghi hai lần trong sources (dòng %d và dòng %d); "
		    "xóa một dòng", wb, b->path, a->line, b->line);
	else if (b->built)
		diag_err(c->d, c->file, b->line, b->col, "hai đơn vị cùng dùng "
		    "thư mục đã dựng %s (%s ở dòng %d và %s ở dòng %d); mỗi "
		    "đơn vị cần thư mục đã dựng của riêng mình: sửa đường dẫn "
		    "của một đơn vị", b->path, wa, a->line, wb, b->line);
	else
		diag_err(c->d, c->file, b->line, b->col, "hai đơn vị cùng dùng "
		    "thư mục nguồn %s (%s ở dòng %d và %s ở dòng %d); mỗi thư "
		    "mục nguồn chỉ thuộc một đơn vị: sửa đường dẫn của một đơn "
		    "vị", b->path, wa, a->line, wb, b->line);
	free(wa);
	free(wb);
	return 1;
}

/* Slugs and folders taken twice: each later one said once. */
static void
pc_clashes(struct pc_ctx *c)
{
	size_t	 i, j;

	for (j = 1; j < c->nplaces; j++)
		for (i = 0; i < j; i++)
			if (strcmp(c->places[i].slug, c->places[j].slug) == 0 &&
			    pc_place_clash(c, &c->places[i], &c->places[j]))
				break;
	for (j = 1; j < c->nuses; j++)
		for (i = 0; i < j; i++)
			if (strcmp(c->uses[i].norm, c->uses[j].norm) == 0 &&
			    pc_use_clash(c, &c->uses[i], &c->uses[j]))
				break;
}

int
portal_config_parse(const char *src, size_t len, const char *display,
    const char *dir, struct portal_config *cfg, struct diag *d)
{
	struct pc_ctx	 c;
	size_t		 errors = d->errors, bad, i;
	char		*text = NULL;
	int		 rc = -1, line, col, is_nfc;

	memset(cfg, 0, sizeof(*cfg));
	memset(&c, 0, sizeof(c));
	cfg->display = xstrdup(display != NULL ? display : "portal.yaml");
	cfg->dir = xstrdup(dir != NULL && dir[0] != '\0' ? dir : ".");
	c.file = cfg->display;
	c.cfg = cfg;
	c.d = d;
	switch (utf8_check(src, len, &bad, &is_nfc)) {
	case UTF8_BAD:
		diag_offset_pos(src, bad, &line, &col);
		diag_err(d, c.file, line, col, "tệp không phải văn bản UTF-8 "
		    "hợp lệ (byte 0x%02X); hãy lưu lại tệp với bảng mã UTF-8",
		    (unsigned char)src[bad]);
		goto out;
	case UTF8_NUL:
		diag_offset_pos(src, bad, &line, &col);
		diag_err(d, c.file, line, col, "tệp chứa ký tự NUL; hãy lưu "
		    "lại tệp dưới dạng văn bản thuần");
		goto out;
	default:
		break;
	}
	/*
	 * A copy with a NUL after it (the YAML messages read one byte past
	 * the end), composed: names typed decomposed would show apart.
	 */
	text = is_nfc ? xstrndup(src, len) : utf8_nfc(src, len);
	if (text == NULL)
		goto out;	/* not reached: checked above */
	len = strlen(text);
	if ((cfg->raw = yaml_parse_map(c.file, text, len, 1, d)) == NULL)
		goto out;
	fm_warn_curly(c.file, text, len, cfg->raw, d);
	pc_top(&c);
	pc_clashes(&c);
	if (d->errors == errors)
		rc = 0;
out:
	for (i = 0; i < c.nuses; i++)
		free(c.uses[i].norm);
	free(c.uses);
	free(c.places);
	free(text);
	return rc;
}

int
portal_config_load(const char *path, struct portal_config *cfg,
    struct diag *d)
{
	struct buf	 text = BUF_INIT;
	const char	*slash;
	char		*dir;
	int		 rc = -1;

	memset(cfg, 0, sizeof(*cfg));
	if ((slash = strrchr(path, '/')) == NULL)
		dir = xstrdup(".");
	else
		dir = xstrndup(path, slash == path ? 1 :
		    (size_t)(slash - path));
	if (fs_read(path, PC_MAX_FILE, &text) == 0)
		rc = portal_config_parse(buf_cstr(&text), text.len, path, dir,
		    cfg, d);
	else {
		if (errno == ENOENT)
			diag_err(d, path, 0, 0, "không tìm thấy tệp cấu hình "
			    "của cổng; tạo tệp portal.yaml (xem docs/portal.md) "
			    "hoặc chỉ tới tệp đó bằng --config TỆP");
		else if (errno == EFBIG)
			diag_err(d, path, 0, 0, "tệp cấu hình của cổng lớn hơn "
			    "1 MB, không phải portal.yaml; kiểm tra lại tên tệp "
			    "trong --config");
		else if (errno == EISDIR)
			diag_err(d, path, 0, 0, "đây là một thư mục, không phải "
			    "tệp cấu hình; ghi đường dẫn tới tệp portal.yaml, "
			    "ví dụ --config %s/portal.yaml", path);
		else
			diag_err(d, path, 0, 0, "không đọc được tệp cấu hình "
			    "của cổng (%s); kiểm tra quyền đọc tệp",
			    err_text(errno));
		cfg->display = xstrdup(path);
		cfg->dir = xstrdup(dir);
	}
	free(dir);
	buf_free(&text);
	return rc;
}

/* Where a department's built: is written (its entry when not found). */
static void
pc_built_pos(const struct portal_config *cfg, const struct portal_dept *pd,
    int *line, int *col)
{
	const struct val	*list, *m, *v;
	size_t			 i;

	*line = pd->line;
	*col = pd->col;
	if ((list = val_map_get(cfg->raw, "departments")) == NULL)
		return;
	for (i = 0; i < val_list_len(list); i++) {
		m = val_list_at(list, i);
		if (val_line(m) != pd->line || val_col(m) != pd->col)
			continue;
		if ((v = val_map_get(m, "built")) != NULL) {
			*line = val_line(v);
			*col = val_col(v);
		}
		return;
	}
}

/* " (tìm ở ../x)" when the path was joined to the config's folder. */
static const char *
pc_where(const char *path, const char *abs, char **tmp)
{
	*tmp = NULL;
	if (strcmp(path, abs) == 0)
		return "";
	*tmp = xasprintf(" (tìm ở %s)", abs);
	return *tmp;
}

/* A source folder: 0, or -1 after an error. */
static int
pc_check_source(const struct portal_config *cfg, const char *who,
    const struct portal_source *ps, struct diag *d)
{
	struct stat	 st;
	char		*tmp;
	const char	*where;
	int		 found, err;

	found = stat(ps->abs, &st) == 0;
	err = errno;
	if (found && S_ISDIR(st.st_mode))
		return 0;
	where = pc_where(ps->path, ps->abs, &tmp);
	if (found)
		diag_err(d, cfg->display, ps->line, ps->col, "%s: nguồn %s%s "
		    "là một tệp, không phải thư mục; ghi đường dẫn tới thư mục "
		    "nguồn của đơn vị (thư mục có site.yaml)", who, ps->path,
		    where);
	else if (err == ENOENT || err == ENOTDIR)
		diag_err(d, cfg->display, ps->line, ps->col, "%s: không có thư "
		    "mục nguồn %s%s; sửa đường dẫn (tính từ thư mục chứa "
		    "portal.yaml) hoặc lấy mã nguồn của đơn vị về đó, ví dụ "
		    "bằng git clone", who, ps->path, where);
	else
		diag_err(d, cfg->display, ps->line, ps->col, "%s: không mở được "
		    "thư mục nguồn %s%s (%s); kiểm tra quyền đọc thư mục", who,
		    ps->path, where, err_text(err));
	free(tmp);
	return -1;
}

/* A built folder and its du-lieu.json: 0, or -1 after an error. */
static int
pc_check_built(const struct portal_config *cfg, const char *who,
    const struct portal_dept *pd, struct diag *d)
{
	struct stat	 st;
	char		*tmp, *data = NULL;
	const char	*where;
	int		 line, col, found, err, rc = -1;

	found = stat(pd->built, &st) == 0;
	err = errno;
	pc_built_pos(cfg, pd, &line, &col);
	where = pc_where(pd->built_path, pd->built, &tmp);
	if (found && !S_ISDIR(st.st_mode))
		diag_err(d, cfg->display, line, col, "%s: %s%s là một tệp, "
		    "không phải thư mục; ghi đường dẫn tới thư mục kết quả "
		    "`cchc build` của đơn vị (thư mục có du-lieu.json)", who,
		    pd->built_path, where);
	else if (!found && (err == ENOENT || err == ENOTDIR))
		diag_err(d, cfg->display, line, col, "%s: không có thư mục đã "
		    "dựng %s%s; chép kết quả `cchc build` của đơn vị về đó "
		    "hoặc sửa đường dẫn (tính từ thư mục chứa portal.yaml)",
		    who, pd->built_path, where);
	else if (!found)
		diag_err(d, cfg->display, line, col, "%s: không mở được thư mục "
		    "đã dựng %s%s (%s); kiểm tra quyền đọc thư mục", who,
		    pd->built_path, where, err_text(err));
	else if (!fs_is_file(data = fs_join(pd->built, "du-lieu.json")))
		diag_err(d, cfg->display, line, col, "%s: thư mục đã dựng %s%s "
		    "không có tệp du-lieu.json, nên không phải một chuyên mục "
		    "do cchc build dựng trọn vẹn; dựng lại bằng `cchc build "
		    "--base-url %s%s/` rồi chép cả thư mục kết quả về đó", who,
		    pd->built_path, where, cfg->base_url != NULL ?
		    cfg->base_url : "", pd->slug != NULL ? pd->slug : "");
	else
		rc = 0;
	free(data);
	free(tmp);
	return rc;
}

int
portal_config_check_paths(const struct portal_config *cfg, struct diag *d)
{
	const struct portal_dept *pd;
	char			*who;
	size_t			 i, k;
	int			 rc = 0;

	for (i = 0; i < cfg->ndepts; i++) {
		pd = &cfg->depts[i];
		who = pc_who(pd, 1);
		for (k = 0; k < pd->nsrc; k++)
			if (pd->src[k].abs != NULL &&
			    pc_check_source(cfg, who, &pd->src[k], d) == -1)
				rc = -1;
		if (pd->built != NULL && pd->built_path != NULL &&
		    pc_check_built(cfg, who, pd, d) == -1)
			rc = -1;
		free(who);
	}
	return rc;
}

void
portal_config_free(struct portal_config *cfg)
{
	struct portal_dept	*pd;
	size_t			 i, k;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->ndepts; i++) {
		pd = &cfg->depts[i];
		for (k = 0; k < pd->nsrc; k++) {
			free(pd->src[k].path);
			free(pd->src[k].abs);
			free(pd->src[k].former);
		}
		free(pd->src);
		free(pd->name);
		free(pd->slug);
		free(pd->built);
		free(pd->built_path);
	}
	free(cfg->depts);
	free(cfg->title);
	free(cfg->base_url);
	free(cfg->base_path);
	free(cfg->province);
	free(cfg->description);
	free(cfg->dir);
	free(cfg->display);
	val_unref(cfg->raw);
	memset(cfg, 0, sizeof(*cfg));
}
