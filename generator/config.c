/*
 * config.c - site.yaml; see config.h.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "errtext.h"
#include "fs.h"
#include "config.h"
#include "diag.h"
#include "frontmatter.h"
#include "units.h"
#include "util.h"
#include "value.h"

#define CFG_DEFAULT_URL	"http://localhost/"
#define CFG_INT_MAX	10000	/* more per page or per feed is a typo */
#define CFG_SITEMAP_MAX	50000	/* the sitemap protocol's limit per file */

enum cfg_type {
	CFG_STR,
	CFG_INT,
	CFG_BOOL,
	CFG_MARKDOWN,
	CFG_IMAGES,
	CFG_UNITS,
	CFG_LINKS
};

struct cfg_key {
	const char	*name;
	enum cfg_type	 type;
	size_t		 off;	/* into struct site_config */
};

#define CFG_OFF(f)	offsetof(struct site_config, f)

static const struct cfg_key cfg_keys[] = {
	{ "title",		CFG_STR,	CFG_OFF(title) },
	{ "department",		CFG_STR,	CFG_OFF(department) },
	{ "province",		CFG_STR,	CFG_OFF(province) },
	{ "description",	CFG_STR,	CFG_OFF(description) },
	{ "base_url",		CFG_STR,	CFG_OFF(base_url) },
	{ "language",		CFG_STR,	CFG_OFF(language) },
	{ "theme",		CFG_STR,	CFG_OFF(theme) },
	{ "repo_url",		CFG_STR,	CFG_OFF(repo_url) },
	{ "address",		CFG_STR,	CFG_OFF(address) },
	{ "phone",		CFG_STR,	CFG_OFF(phone) },
	{ "email",		CFG_STR,	CFG_OFF(email) },
	{ "posts_per_page",	CFG_INT,	CFG_OFF(posts_per_page) },
	{ "feed_items",		CFG_INT,	CFG_OFF(feed_items) },
	{ "feed_full_content",	CFG_BOOL,	CFG_OFF(feed_full_content) },
	{ "sitemap_max_urls",	CFG_INT,	CFG_OFF(sitemap_max_urls) },
	{ "markdown",		CFG_MARKDOWN,	0 },
	{ "images",		CFG_IMAGES,	0 },
	{ "units",		CFG_UNITS,	0 },
	{ "links",		CFG_LINKS,	0 },
};

#define CFG_NKEYS	(sizeof(cfg_keys) / sizeof(cfg_keys[0]))

struct cfg_ctx {
	const char		*file;
	struct site_config	*cfg;
	struct diag		*d;
};

/*
 * Reads site.yaml with fs_read.  The messages are those of opening and
 * of reading: a folder (EISDIR) or an I/O error fails while reading.
 */
static int
cfg_read(const char *path, const char *file, struct buf *out,
    struct diag *d)
{
	if (fs_read(path, SIZE_MAX - 1, out) == 0)
		return 0;
	if (errno == ENOENT)
		diag_err(d, file, 0, 0, "không tìm thấy tệp cấu hình; "
		    "tạo tệp site.yaml ở thư mục gốc của trang với ít "
		    "nhất một dòng `title: Chuyên mục Cải cách hành "
		    "chính`");
	else if (errno == EISDIR || errno == EIO)
		diag_err(d, file, 0, 0, "không đọc được tệp cấu hình (%s)",
		    err_text(errno));
	else
		diag_err(d, file, 0, 0, "không mở được tệp cấu hình "
		    "(%s); kiểm tra quyền đọc tệp", err_text(errno));
	return -1;
}

/*
 * Checks an absolute http(s) URL and returns it with a trailing '/', its
 * path part in *path; NULL with *why set when it is not usable.
 */
char *
config_base_url(const char *s, char **path, const char **why)
{
	const char	*host, *p;
	size_t		 n;

	*path = NULL;
	if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else {
		*why = "phải là địa chỉ tuyệt đối bắt đầu bằng http:// hoặc "
		    "https://";
		return NULL;
	}
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			*why = "không được chứa dấu cách hay ký tự điều khiển";
			return NULL;
		}
	if (strpbrk(s, "?#") != NULL) {
		*why = "không được chứa ? hay # (chỉ gồm tên miền và đường dẫn)";
		return NULL;
	}
	n = strcspn(host, "/");
	if (n == 0) {
		*why = "thiếu tên miền sau http:// hoặc https://";
		return NULL;
	}
	p = host + n;
	if (*p == '\0') {
		*path = xstrdup("/");
		return xasprintf("%s/", s);
	}
	if (str_has_suffix(p, "/")) {
		*path = xstrdup(p);
		return xstrdup(s);
	}
	*path = xasprintf("%s/", p);
	return xasprintf("%s/", s);
}

static void
cfg_set_url(struct cfg_ctx *c, const struct val *v, const char *override)
{
	const char	*why = NULL, *s;
	char		*url, *path;

	if (override != NULL) {
		if ((url = config_base_url(override, &path, &why)) == NULL) {
			diag_err(c->d, NULL, 0, 0, "--base-url \"%s\" không hợp "
			    "lệ: %s (ví dụ https://example.gov.vn/cchc/)",
			    override, why);
			return;
		}
	} else if (val_type(v) != VAL_NULL) {
		s = val_get_str(v);
		if (s == NULL || strlen(s) != val_str_len(v)) {
			diag_err(c->d, c->file, val_line(v), val_col(v),
			    "base_url phải là một địa chỉ, ví dụ `base_url: "
			    "https://example.gov.vn/cchc/`");
			return;
		}
		if ((url = config_base_url(s, &path, &why)) == NULL) {
			diag_err(c->d, c->file, val_line(v), val_col(v),
			    "base_url \"%s\" không hợp lệ: %s (ví dụ "
			    "https://example.gov.vn/cchc/)", s, why);
			return;
		}
	} else {
		diag_warn(c->d, c->file, 0, 0, "chưa đặt base_url, tạm dùng "
		    "%s; liên kết trong trang vẫn đúng nhưng liên kết chuẩn "
		    "(canonical) và RSS cần địa chỉ thật: thêm dòng `base_url: "
		    "https://...` vào site.yaml hoặc dùng --base-url",
		    CFG_DEFAULT_URL);
		url = xstrdup(CFG_DEFAULT_URL);
		path = xstrdup("/");
	}
	free(c->cfg->base_url);
	free(c->cfg->base_path);
	c->cfg->base_url = url;
	c->cfg->base_path = path;
}

static void
cfg_set_str(struct cfg_ctx *c, const char *key, const struct val *v,
    char **dst)
{
	const char	*s;

	if (val_type(v) == VAL_NULL)
		return;
	if ((s = val_get_str(v)) == NULL) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "%s phải là "
		    "một chuỗi văn bản, không phải %s", key,
		    val_type(v) == VAL_BOOL ? "true/false (đặt trong ngoặc "
		    "kép nếu muốn viết chữ đó)" : "danh sách hay bảng");
		return;
	}
	if (strlen(s) != val_str_len(v)) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "%s chứa ký "
		    "tự NUL (\\0); xóa ký tự này", key);
		return;
	}
	free(*dst);
	*dst = xstrdup(s);
}

static void
cfg_set_int(struct cfg_ctx *c, const char *key, const struct val *v,
    int *dst, long max)
{
	const char	*s = val_get_str(v), *p;
	long		 n = 0;

	if (s != NULL && *s != '\0') {
		for (p = s; *p >= '0' && *p <= '9' && n <= max; p++)
			n = n * 10 + (*p - '0');
		if (*p == '\0' && n >= 1 && n <= max) {
			*dst = (int)n;
			return;
		}
	}
	diag_err(c->d, c->file, val_line(v), val_col(v), "%s phải là một số "
	    "nguyên dương từ 1 đến %ld (ví dụ `%s: 10`), không phải \"%s\"",
	    key, max, key, s != NULL ? s :
	    val_type(v) == VAL_BOOL ? (val_get_bool(v) ? "true" : "false") :
	    val_type(v) == VAL_NULL ? "" : "danh sách hay bảng");
}

static void
cfg_set_bool(struct cfg_ctx *c, const char *key, const struct val *v,
    int *dst)
{
	if (val_type(v) == VAL_BOOL) {
		*dst = val_get_bool(v);
		return;
	}
	diag_err(c->d, c->file, val_line(v), val_col(v), "%s phải là true "
	    "hoặc false (không đặt trong ngoặc kép)%s%s%s", key,
	    val_get_str(v) != NULL ? ", không phải \"" : "",
	    val_get_str(v) != NULL ? val_get_str(v) : "",
	    val_get_str(v) != NULL ? "\"" : "");
}

static void
cfg_set_markdown(struct cfg_ctx *c, const struct val *v)
{
	const char	*k;
	size_t		 i;
	int		 line, col;

	if (val_type(v) == VAL_NULL)
		return;
	if (val_type(v) != VAL_MAP) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "markdown phải "
		    "là một bảng, ví dụ hai dòng `markdown:` và `  unsafe: "
		    "false`");
		return;
	}
	for (i = 0; i < val_map_len(v); i++) {
		k = val_map_key(v, i);
		if (strcmp(k, "unsafe") == 0) {
			cfg_set_bool(c, "markdown.unsafe", val_map_value(v, i),
			    &c->cfg->markdown_unsafe);
			continue;
		}
		yaml_key_pos(v, k, &line, &col);
		diag_warn(c->d, c->file, line, col, "khóa không rõ "
		    "\"markdown.%s\", bỏ qua; trong markdown chỉ có `unsafe`",
		    k);
	}
}

/*
 * `images`: keep_original (publish the whole photo too, re-encoded
 * without metadata), max_pixels (refuse larger: decompression bombs),
 * quality (of the JPEG variants).
 */
static void
cfg_set_images(struct cfg_ctx *c, const struct val *v)
{
	struct images_cfg *ic = &c->cfg->images;
	const char	*k;
	size_t		 i;
	int		 line, col, n;

	if (val_type(v) == VAL_NULL)
		return;
	if (val_type(v) != VAL_MAP) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "images phải "
		    "là một bảng, ví dụ hai dòng `images:` và `  "
		    "keep_original: false`");
		return;
	}
	for (i = 0; i < val_map_len(v); i++) {
		k = val_map_key(v, i);
		if (strcmp(k, "keep_original") == 0)
			cfg_set_bool(c, "images.keep_original",
			    val_map_value(v, i), &ic->keep_original);
		else if (strcmp(k, "max_pixels") == 0) {
			n = 0;
			cfg_set_int(c, "images.max_pixels", val_map_value(v, i),
			    &n, 1000000000L);
			if (n > 0)
				ic->max_pixels = (size_t)n;
		} else if (strcmp(k, "quality") == 0) {
			n = 0;
			cfg_set_int(c, "images.quality", val_map_value(v, i),
			    &n, 100);
			if (n > 0 && n < 30)
				diag_warn(c->d, c->file, val_line(val_map_value(
				    v, i)), val_col(val_map_value(v, i)),
				    "images.quality %d làm ảnh mờ và vỡ; nên "
				    "để từ 70 đến 90", n);
			if (n > 0)
				ic->quality = n;
		} else {
			yaml_key_pos(v, k, &line, &col);
			diag_warn(c->d, c->file, line, col, "khóa không rõ "
			    "\"images.%s\", bỏ qua; trong images có "
			    "keep_original, max_pixels, quality", k);
		}
	}
}

/* `units`: names added to the compiled-in list (a list of strings). */
static void
cfg_set_units(struct cfg_ctx *c, const struct val *v)
{
	const struct val	*x;
	const char		*s, *what;
	size_t			 i;

	if (val_type(v) == VAL_NULL)
		return;
	if (val_type(v) != VAL_LIST) {
		diag_err(c->d, c->file, val_line(v), val_col(v), "units phải "
		    "là một danh sách tên đơn vị, mỗi tên một dòng bắt đầu "
		    "bằng “- ”, ví dụ hai dòng `units:` và `  - Trung tâm Văn "
		    "hóa, Thể thao tỉnh`");
		return;
	}
	for (i = 0; i < val_list_len(v); i++) {
		x = val_list_at(v, i);
		if ((s = val_get_str(x)) == NULL)
			what = val_type(x) == VAL_BOOL ? "true/false (đặt tên "
			    "trong ngoặc kép nếu muốn viết chữ đó)" :
			    val_type(x) == VAL_NULL ? "một mục trống" :
			    "danh sách hay bảng";
		else if (strlen(s) != val_str_len(x))
			what = "chuỗi chứa ký tự NUL (\\0)";
		else if (s[strspn(s, " \t")] == '\0')
			what = "một tên trống";
		else {
			units_add(c->cfg->units, s);
			continue;
		}
		diag_err(c->d, c->file, val_line(x), val_col(x), "mỗi mục "
		    "của units phải là tên một đơn vị, không phải %s; viết "
		    "tên sau “- ”, ví dụ `  - Trung tâm Văn hóa, Thể thao "
		    "tỉnh`", what);
	}
}

/* `links`: dirs ("tin-tuc/") or files ("tin-tuc/index.html"). */
static void
cfg_set_links(struct cfg_ctx *c, const struct val *v)
{
	const char	*s = val_get_str(v);

	if (s != NULL && (strcmp(s, "dirs") == 0 || strcmp(s, "files") == 0)) {
		c->cfg->links_files = strcmp(s, "files") == 0;
		return;
	}
	diag_err(c->d, c->file, val_line(v), val_col(v), "links phải là dirs "
	    "(liên kết tới thư mục, như “tin-tuc/”: cho máy chủ web) hoặc "
	    "files (liên kết tới “tin-tuc/index.html”: để mở trang từ ổ đĩa "
	    "hay USB)%s%s%s", s != NULL ? ", không phải “" : "",
	    s != NULL ? s : "", s != NULL ? "”" : "");
}

/* Theme names become paths: keep them to one plain folder name. */
static void
cfg_check_theme(struct cfg_ctx *c)
{
	const struct val	*v = val_map_get(c->cfg->raw, "theme");
	const char		*t = c->cfg->theme;

	if (*t != '\0' && *t != '.' && strpbrk(t, "/\\") == NULL)
		return;
	diag_err(c->d, c->file, val_line(v), val_col(v), "theme \"%s\" không "
	    "hợp lệ: phải là tên một thư mục trong themes/ (ví dụ `theme: "
	    "default`)", t);
}

static const struct cfg_key *
cfg_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < CFG_NKEYS; i++)
		if (strcmp(cfg_keys[i].name, name) == 0)
			return &cfg_keys[i];
	return NULL;
}

static void
cfg_apply(struct cfg_ctx *c)
{
	const struct cfg_key	*k;
	const struct val	*map = c->cfg->raw, *v;
	const char		*name;
	char			*base = (char *)c->cfg;
	size_t			 i;
	int			 line, col;

	for (i = 0; i < val_map_len(map); i++) {
		name = val_map_key(map, i);
		v = val_map_value(map, i);
		if ((k = cfg_find(name)) == NULL) {
			yaml_key_pos(map, name, &line, &col);
			diag_warn(c->d, c->file, line, col, "khóa không rõ "
			    "\"%s\", bỏ qua; kiểm tra chính tả (các khóa "
			    "hợp lệ: title, department, province, "
			    "description, base_url, language, theme, "
			    "posts_per_page, feed_items, feed_full_content, "
			    "sitemap_max_urls, "
			    "markdown, images, repo_url, address, phone, "
			    "email, units, links)",
			    name);
			continue;
		}
		switch (k->type) {
		case CFG_STR:
			/* base_url is checked with the override below. */
			if (strcmp(name, "base_url") != 0)
				cfg_set_str(c, name, v,
				    (char **)(void *)(base + k->off));
			break;
		case CFG_INT:
			cfg_set_int(c, name, v, (int *)(void *)(base + k->off),
			    strcmp(name, "sitemap_max_urls") == 0 ?
			    CFG_SITEMAP_MAX : CFG_INT_MAX);
			break;
		case CFG_BOOL:
			cfg_set_bool(c, name, v, (int *)(void *)(base + k->off));
			break;
		case CFG_MARKDOWN:
			cfg_set_markdown(c, v);
			break;
		case CFG_IMAGES:
			cfg_set_images(c, v);
			break;
		case CFG_UNITS:
			cfg_set_units(c, v);
			break;
		case CFG_LINKS:
			cfg_set_links(c, v);
			break;
		}
	}
}

int
config_parse(const char *src, size_t len, const char *display,
    const char *base_url_override, struct site_config *cfg, struct diag *d)
{
	struct cfg_ctx		 c;
	const struct val	*v;
	size_t			 errors = d->errors;

	memset(cfg, 0, sizeof(*cfg));
	cfg->posts_per_page = 10;
	cfg->feed_items = 20;
	cfg->sitemap_max_urls = CFG_SITEMAP_MAX;
	cfg->feed_full_content = 1;
	cfg->markdown_unsafe = 0;
	cfg->images.max_pixels = IMAGES_MAX_PIXELS;
	cfg->images.quality = IMAGES_QUALITY;
	c.file = display;
	c.cfg = cfg;
	c.d = d;
	if ((cfg->units = units_new(d)) == NULL)
		return -1;
	if ((cfg->raw = yaml_parse_map(c.file, src, len, 1, d)) == NULL)
		return -1;
	fm_warn_curly(c.file, src, len, cfg->raw, d);
	cfg_apply(&c);
	v = val_map_get(cfg->raw, "title");
	if (v == NULL)
		diag_err(d, c.file, 0, 0, "thiếu tên chuyên mục; thêm dòng "
		    "`title: Chuyên mục Cải cách hành chính` vào site.yaml");
	else if (cfg->title == NULL || cfg->title[0] == '\0')
		diag_err(d, c.file, val_line(v), val_col(v), "title đang để "
		    "trống; ghi tên chuyên mục sau `title:`");
	cfg_set_url(&c, val_map_get(cfg->raw, "base_url"), base_url_override);
	if (cfg->language == NULL)
		cfg->language = xstrdup("vi");
	if (cfg->theme == NULL)
		cfg->theme = xstrdup("default");
	cfg_check_theme(&c);
	return d->errors == errors ? 0 : -1;
}

int
config_load(const char *path, const char *display,
    const char *base_url_override, struct site_config *cfg, struct diag *d)
{
	struct buf	 text = BUF_INIT;
	const char	*file = display != NULL ? display : path;
	int		 rc = -1;

	memset(cfg, 0, sizeof(*cfg));
	if (cfg_read(path, file, &text, d) == 0)
		rc = config_parse(buf_cstr(&text), text.len, file,
		    base_url_override, cfg, d);
	buf_free(&text);
	return rc;
}

void
config_free(struct site_config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->title);
	free(cfg->department);
	free(cfg->province);
	free(cfg->description);
	free(cfg->base_url);
	free(cfg->base_path);
	free(cfg->language);
	free(cfg->theme);
	free(cfg->repo_url);
	free(cfg->address);
	free(cfg->phone);
	free(cfg->email);
	units_free(cfg->units);
	val_unref(cfg->raw);
	memset(cfg, 0, sizeof(*cfg));
}
