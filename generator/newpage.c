/*
 * newpage.c - `cchc new`: a page from the theme's archetype; see newpage.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "errtext.h"
#include "frontmatter.h"
#include "fs.h"
#include "newpage.h"
#include "scan.h"
#include "slug.h"
#include "source.h"
#include "theme.h"
#include "util.h"
#include "value.h"

#define ARCHETYPE_MAX	(1u << 20)
#define PLAN_MAX	(16u << 20)
/* {{plan}} for a site without plans: the README's example number. */
#define PLAN_EXAMPLE	"137/KH-SKHCN"

const char newpage_kinds[] = "tin-tuc, thu-tuc, ke-hoach, trang";

static const char *const kinds[] = {
	"tin-tuc", "thu-tuc", "ke-hoach", "trang", NULL
};

static int
kind_ok(const char *kind)
{
	size_t	 i;

	for (i = 0; kinds[i] != NULL; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

char *
newpage_path(const char *kind, const char *slug, const struct cdate *date)
{
	if (strcmp(kind, "tin-tuc") == 0)
		return xasprintf("content/tin-tuc/%04d/%02d/%s.md",
		    date->y % 10000, date->m % 100, slug);
	if (strcmp(kind, "thu-tuc") == 0)
		return xasprintf("content/thu-tuc/%s.md", slug);
	if (strcmp(kind, "ke-hoach") == 0)
		return xasprintf("plans/%s.md", slug);
	if (strcmp(kind, "trang") == 0)
		return xasprintf("content/%s.md", slug);
	return NULL;
}

char *
newpage_slug(const char *title)
{
	char	*slug = slug_make(title, strlen(title)), *cut;

	/* A whole sentence makes a file name no one can read or type. */
	if (strlen(slug) > NEWPAGE_SLUG_MAX) {
		slug[NEWPAGE_SLUG_MAX] = '\0';
		if ((cut = strrchr(slug, '-')) != NULL && cut > slug)
			*cut = '\0';
	}
	return slug;
}

/*
 * A double-quoted YAML scalar: whatever the text holds (quotes, a colon,
 * a leading '[' or '#'), it reads back as itself.  Titles hold no
 * control characters (checked before); the Unicode line breaks YAML
 * would fold are escaped.
 */
char *
newpage_yaml_str(const char *s)
{
	struct buf	 b = BUF_INIT;
	const unsigned char *p;

	buf_putc(&b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(&b, '\\');
			buf_putc(&b, (char)*p);
		} else if (*p < 0x20 || *p == 0x7f)
			buf_printf(&b, "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] == 0x85) {
			buf_puts(&b, "\\N");
			p++;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_puts(&b, p[2] == 0xa8 ? "\\L" : "\\P");
			p += 2;
		} else
			buf_putc(&b, (char)*p);
	}
	buf_putc(&b, '"');
	return buf_detach(&b);
}

/* 1-based line and column (in characters) of src + off. */
static void
fill_pos(const char *src, size_t off, int *line, int *col)
{
	size_t	 i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (src[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)src[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

/* The value of placeholder name[0..n), or NULL. */
static const char *
fill_value(const struct newpage_vals *v, const char *name, size_t n)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} names[] = {
		{ "title", offsetof(struct newpage_vals, title) },
		{ "date", offsetof(struct newpage_vals, date) },
		{ "year", offsetof(struct newpage_vals, year) },
		{ "unit", offsetof(struct newpage_vals, unit) },
		{ "plan", offsetof(struct newpage_vals, plan) },
	};
	size_t	 i;

	while (n > 0 && (*name == ' ' || *name == '\t')) {
		name++;
		n--;
	}
	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n &&
		    memcmp(names[i].name, name, n) == 0)
			return *(const char *const *)(const void *)
			    ((const char *)v + names[i].off);
	return NULL;
}

/* The first two-byte mark ("{{", "}}") in s[0..n), or NULL. */
static const char *
find_mark(const char *s, size_t n, const char *mark)
{
	size_t	 i;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == mark[0] && s[i + 1] == mark[1])
			return s + i;
	return NULL;
}

/* Is src[a..b) blank (spaces and tabs)? */
static int
blank(const char *src, size_t a, size_t b)
{
	for (; a < b; a++)
		if (src[a] != ' ' && src[a] != '\t')
			return 0;
	return 1;
}

int
newpage_fill(const char *file, const char *src, size_t len,
    const struct newpage_vals *v, struct buf *out, struct diag *d)
{
	const char	*open, *close, *val;
	size_t		 i = 0, at, end, bol, eol;
	int		 line, col, rc = 0;

	while (i < len) {
		open = find_mark(src + i, len - i, "{{");
		if (open == NULL) {
			buf_put(out, src + i, len - i);
			break;
		}
		at = (size_t)(open - src);
		close = find_mark(open + 2, len - at - 2, "}}");
		if (close == NULL) {
			fill_pos(src, at, &line, &col);
			diag_err(d, file, line, col, "“{{” không có “}}” đóng; "
			    "hãy thêm “}}” hoặc xóa “{{”");
			return -1;
		}
		end = (size_t)(close - src) + 2;
		if (open[2] == '!') {
			/* A note on lines of its own goes with its lines. */
			for (bol = at; bol > i && src[bol - 1] != '\n'; bol--)
				;
			eol = end;
			while (eol < len && (src[eol] == ' ' ||
			    src[eol] == '\t' || src[eol] == '\r'))
				eol++;
			if (blank(src, bol, at) && (eol == len ||
			    src[eol] == '\n')) {
				buf_put(out, src + i, bol - i);
				i = eol < len ? eol + 1 : eol;
			} else {
				buf_put(out, src + i, at - i);
				i = end;
			}
			continue;
		}
		buf_put(out, src + i, at - i);
		val = fill_value(v, open + 2, end - at - 4);
		if (val == NULL) {
			fill_pos(src, at, &line, &col);
			diag_err(d, file, line, col, "không có chỗ điền “%.*s”; "
			    "mẫu chỉ dùng được {{title}}, {{date}}, {{year}}, "
			    "{{unit}}, {{plan}} và ghi chú {{! …}}",
			    (int)(end - at), open);
			rc = -1;
		} else
			buf_puts(out, val);
		i = end;
	}
	return rc;
}

/*
 * The title as it goes into the page: trimmed, NFC; NULL with *why when
 * it cannot be one.
 */
static char *
clean_title(const char *t, const char **why)
{
	const unsigned char *p;
	size_t		 a = 0, n = strlen(t);

	if (!utf8_valid(t, n, NULL)) {
		*why = "tiêu đề không phải văn bản UTF-8 hợp lệ";
		return NULL;
	}
	while (a < n && (t[a] == ' ' || t[a] == '\t'))
		a++;
	while (n > a && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	if (a == n) {
		*why = "tiêu đề để trống";
		return NULL;
	}
	for (p = (const unsigned char *)t + a; p < (const unsigned char *)t + n;
	    p++)
		if (*p < 0x20 || *p == 0x7f) {
			*why = "tiêu đề có ký tự xuống dòng hoặc ký tự điều "
			    "khiển";
			return NULL;
		}
	return utf8_nfc(t + a, n - a);
}

/* The folder as the editor knows it: absolute when it can be. */
static char *
abs_dir(const char *dir)
{
	char	 buf[PATH_MAX];

	return realpath(dir, buf) != NULL ? xstrdup(buf) : xstrdup(dir);
}

/*
 * The site's folder holds site.yaml, else says plainly where cchc looked
 * and, when a folder above has one (run from content/), which.
 */
static int
check_site(const char *source, int given)
{
	char	*abs, *yaml, *up, *p;
	int	 rc = -1;

	if (!fs_is_dir(source)) {
		fprintf(stderr, "cchc: không có thư mục nguồn “%s”; kiểm tra "
		    "--source\n", source);
		return -1;
	}
	yaml = fs_join(source, "site.yaml");
	if (fs_is_file(yaml)) {
		free(yaml);
		return 0;
	}
	free(yaml);
	abs = abs_dir(source);
	fprintf(stderr, "cchc: không thấy tệp site.yaml trong thư mục %s%s%s%s; "
	    "lệnh này cần chạy trong thư mục của chuyên mục (nơi có "
	    "site.yaml)\n",
	    abs, given ? " (--source " : "", given ? source : "",
	    given ? ")" : "");
	/* The nearest folder above with site.yaml. */
	up = xstrdup(abs);
	while ((p = strrchr(up, '/')) != NULL && p != up) {
		*p = '\0';
		yaml = fs_join(up, "site.yaml");
		rc = fs_is_file(yaml) ? 0 : -1;
		free(yaml);
		if (rc == 0)
			break;
	}
	if (rc == 0)
		fprintf(stderr, "cchc: thư mục %s ở trên có site.yaml: hãy chạy "
		    "“cd %s” rồi chạy lại lệnh, hoặc thêm --source %s\n", up,
		    up, up);
	else
		fprintf(stderr, "cchc: hãy chuyển vào thư mục của chuyên mục, "
		    "dùng --source THƯ_MỤC, hoặc tạo chuyên mục mới bằng "
		    "“cchc init”\n");
	free(up);
	free(abs);
	return -1;
}

/* The number of the plan issued last ("" when none has one). */
static char *
latest_plan(struct source *src)
{
	struct strlist	 files = { NULL, 0, 0 };
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	struct cdate	 best, when;
	struct val	*meta;
	const char	*num;
	char		*found = NULL;
	size_t		 i, off;
	int		 line;

	diag_init(&d);
	source_list(src, "plans", ".md", 1, &files, &d);
	strlist_sort(&files);
	for (i = 0; i < files.len; i++) {
		buf_reset(&b);
		meta = NULL;
		/* A plan that does not read is the build's to report. */
		if (source_read(src, files.v[i], PLAN_MAX, &b) == -1 ||
		    fm_split(files.v[i], buf_cstr(&b), b.len, &meta, &off,
		    &line, &d) == -1 ||
		    (num = fm_str(meta, "number")) == NULL || *num == '\0' ||
		    !fm_date(meta, "issued", &when) ||
		    (found != NULL && date_cmp(&when, &best) <= 0)) {
			val_unref(meta);
			continue;
		}
		free(found);
		found = xstrdup(num);
		best = when;
		val_unref(meta);
	}
	diag_free(&d);
	buf_free(&b);
	strlist_free(&files);
	return found;
}

/*
 * The archetype for `kind`: the site's theme folder, the installed theme
 * of that name, the installed default theme (each place theme.h lists).
 * 0 with its bytes and its name for messages, or -1 after saying where
 * cchc looked.
 */
static int
read_archetype(const char *source, const char *theme, const char *kind,
    struct buf *out, char **file)
{
	struct strlist	 dirs = { NULL, 0, 0 }, tried = { NULL, 0, 0 };
	char		*rel, *path;
	size_t		 i;
	int		 rc = -1;

	rel = xasprintf("themes/%s/archetypes/%s.md", theme, kind);
	strlist_push(&tried, fs_join(source, rel));
	theme_candidates(theme, &dirs);
	if (strcmp(theme, "default") != 0)
		theme_candidates("default", &dirs);
	for (i = 0; i < dirs.len; i++)
		strlist_push(&tried, xasprintf("%s/archetypes/%s.md",
		    dirs.v[i], kind));
	for (i = 0; i < tried.len && rc == -1; i++) {
		path = tried.v[i];
		buf_reset(out);
		if (fs_read(path, ARCHETYPE_MAX, out) == 0) {
			rc = 0;
			*file = i == 0 ? xstrdup(rel) : xstrdup(path);
		}
	}
	if (rc == -1) {
		fprintf(stderr, "cchc: không có mẫu cho loại trang “%s”; cchc "
		    "đã tìm ở:\n", kind);
		for (i = 0; i < tried.len; i++)
			fprintf(stderr, "  %s\n", tried.v[i]);
		fprintf(stderr, "cchc: hãy chép thư mục archetypes/ của giao "
		    "diện mặc định vào themes/%s/, hoặc cài cchc bằng "
		    "“make install”\n", theme);
	}
	free(rel);
	strlist_free(&dirs);
	strlist_free(&tried);
	return rc;
}

/*
 * A post's URL is /tin-tuc/<file name>/ whatever its month: another post
 * of that name (in another month) would take the same URL.  Its path, or
 * NULL.
 */
static char *
same_post(const char *source, const char *rel)
{
	struct source	*src;
	struct strlist	 posts = { NULL, 0, 0 };
	struct diag	 d;
	const char	*base = strrchr(rel, '/') + 1, *b;
	char		*found = NULL;
	size_t		 i;

	diag_init(&d);
	if (source_open(&src, source, NULL, &d) == 0 &&
	    source_list(src, "content/tin-tuc", ".md", 1, &posts, &d) == 0) {
		strlist_sort(&posts);
		for (i = 0; i < posts.len && found == NULL; i++) {
			b = strrchr(posts.v[i], '/');
			if (strcmp(b != NULL ? b + 1 : posts.v[i], base) == 0)
				found = xstrdup(posts.v[i]);
		}
	}
	source_free(src);
	strlist_free(&posts);
	diag_free(&d);
	return found;
}

/* Creates path with the bytes, never over an existing file. */
static int
write_excl(const char *path, const struct buf *b)
{
	char	*dir = fs_dirname(path);
	int	 fd, err;

	if (*dir != '\0' && fs_mkdirs(dir) == -1) {
		err = errno;
		free(dir);
		errno = err;
		return -1;
	}
	free(dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666)) == -1)
		return -1;
	if (fs_write_all(fd, b->data, b->len) == -1) {
		err = errno;
		close(fd);
		unlink(path);
		errno = err;
		return -1;
	}
	if (close(fd) == -1) {
		err = errno;
		unlink(path);
		errno = err;
		return -1;
	}
	return 0;
}

/* What the site says: its default unit and theme; -1 after its errors. */
static int
read_site(const char *source, struct site_config *cfg)
{
	struct diag	 d;
	char		*path = fs_join(source, "site.yaml");
	int		 rc;

	diag_init(&d);
	rc = config_load(path, "site.yaml", NULL, cfg, &d);
	/* Its warnings are the build's to say; errors stop here too. */
	if (rc == -1 || d.errors > 0) {
		diag_flush(&d, stderr);
		rc = -1;
	}
	diag_free(&d);
	free(path);
	return rc;
}

/* The usage checks: kind, title, date.  NEWPAGE_OK or NEWPAGE_USAGE. */
static enum newpage_status
check_args(const struct newpage_opts *o, char **title, struct cdate *date)
{
	const char	*why = NULL;

	if (o->kind == NULL || !kind_ok(o->kind)) {
		cli_usage("new", "không có loại trang “%s”; các loại: %s "
		    "(ví dụ: cchc new tin-tuc \"Tiêu đề bài\")",
		    o->kind != NULL ? o->kind : "", newpage_kinds);
		return NEWPAGE_USAGE;
	}
	if (o->title == NULL || (*title = clean_title(o->title, &why)) ==
	    NULL) {
		cli_usage("new", "%s; hãy ghi tiêu đề trên một dòng, "
		    "trong dấu ngoặc kép sau loại trang, ví dụ: cchc new %s "
		    "\"Tiêu đề\"", why != NULL ? why : "thiếu tiêu đề",
		    o->kind);
		return NEWPAGE_USAGE;
	}
	if (o->date == NULL)
		date_today_vn(date);
	else if (date_parse_ymd(o->date, date) == -1) {
		cli_usage("new", "--date cần ngày dạng YYYY-MM-DD, ví dụ "
		    "2025-06-15, không phải “%s”", o->date);
		free(*title);
		*title = NULL;
		return NEWPAGE_USAGE;
	}
	return NEWPAGE_OK;
}

/* The archetype filled for this site: 0, or -1 after saying why. */
static int
make_text(const struct newpage_opts *o, const struct site_config *cfg,
    const char *title, const struct cdate *date, struct buf *out)
{
	struct newpage_vals v;
	struct source	*src = NULL;
	struct buf	 tmpl = BUF_INIT;
	struct diag	 d;
	char		 ymd[16], year[8];
	char		*file = NULL, *qtitle, *unit, *plan, *qplan;
	int		 rc = -1;

	diag_init(&d);
	snprintf(ymd, sizeof(ymd), "%04d-%02d-%02d", date->y % 10000,
	    date->m % 100, date->d % 100);
	snprintf(year, sizeof(year), "%04d", date->y % 10000);
	qtitle = newpage_yaml_str(title);
	unit = newpage_yaml_str(cfg->department != NULL ? cfg->department :
	    "");
	plan = NULL;
	if (source_open(&src, o->source, NULL, &d) == 0)
		plan = latest_plan(src);
	source_free(src);
	qplan = newpage_yaml_str(plan != NULL ? plan : PLAN_EXAMPLE);
	v.title = qtitle;
	v.date = ymd;
	v.year = year;
	v.unit = unit;
	v.plan = qplan;
	if (read_archetype(o->source, cfg->theme, o->kind, &tmpl, &file) == 0) {
		rc = newpage_fill(file, buf_cstr(&tmpl), tmpl.len, &v, out, &d);
		diag_flush(&d, stderr);
	}
	if (rc == 0 && !o->quiet)
		fprintf(stderr, "cchc: đã tạo theo mẫu %s; hãy mở tệp để viết "
		    "nội dung\n", file);
	diag_free(&d);
	buf_free(&tmpl);
	free(file);
	free(qtitle);
	free(unit);
	free(plan);
	free(qplan);
	return rc;
}

enum newpage_status
newpage_run(const struct newpage_opts *o, char **written)
{
	struct site_config cfg;
	struct cdate	 date;
	struct buf	 text = BUF_INIT;
	enum newpage_status st;
	char		*title = NULL, *slug = NULL, *rel = NULL, *path = NULL;
	char		*other = NULL, *where;
	const char	*show;		/* the path as the editor typed it */
	int		 given = strcmp(o->source, ".") != 0;

	memset(&cfg, 0, sizeof(cfg));
	if (written != NULL)
		*written = NULL;
	if ((st = check_args(o, &title, &date)) != NEWPAGE_OK)
		return st;
	st = NEWPAGE_USAGE;
	slug = newpage_slug(title);
	if (*slug == '\0') {
		fprintf(stderr, "cchc: tiêu đề “%s” không có chữ hay số nào để "
		    "đặt tên tệp; hãy viết tiêu đề bằng chữ\n", title);
		goto out;
	}
	st = NEWPAGE_FAILED;
	if (check_site(o->source, given) == -1 || read_site(o->source,
	    &cfg) == -1)
		goto out;
	rel = newpage_path(o->kind, slug, &date);
	path = fs_join(o->source, rel);
	show = given ? path : rel;
	if (fs_is_file(path) || access(path, F_OK) == 0) {
		fprintf(stderr, "cchc: đã có tệp %s; cchc không ghi đè lên trang "
		    "đã có: hãy mở tệp đó để sửa, hoặc đặt tiêu đề khác\n", show);
		goto out;
	}
	if (strcmp(o->kind, "tin-tuc") == 0 &&
	    (other = same_post(o->source, rel)) != NULL) {
		where = given ? fs_join(o->source, other) : xstrdup(other);
		fprintf(stderr, "cchc: đã có bài %s cùng tên tệp %s.md, nên hai "
		    "bài sẽ trùng địa chỉ tin-tuc/%s/; hãy đặt tiêu đề khác, "
		    "ví dụ thêm tháng hoặc năm vào tiêu đề\n", where, slug,
		    slug);
		free(where);
		goto out;
	}
	if (make_text(o, &cfg, title, &date, &text) == -1)
		goto out;
	if (write_excl(path, &text) == -1) {
		fprintf(stderr, "cchc: %s: %s; %s\n", show, errno == EEXIST ?
		    "tệp vừa được tạo bởi chương trình khác" : err_text(errno),
		    errno == EEXIST ? "cchc không ghi đè lên trang đã có" :
		    "kiểm tra quyền ghi và chỗ trống trên đĩa");
		goto out;
	}
	if (!o->quiet)
		printf("%s\n", show);
	if (written != NULL) {
		*written = rel;
		rel = NULL;
	}
	st = NEWPAGE_OK;
out:
	config_free(&cfg);
	buf_free(&text);
	free(other);
	free(title);
	free(slug);
	free(rel);
	free(path);
	return st;
}
