/*
 * init.c - `cchc init`: a new site; see init.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "errtext.h"
#include "fs.h"
#include "init.h"
#include "newpage.h"
#include "scan.h"
#include "theme.h"
#include "util.h"

#define INIT_MAX_DEPTH	16
#define INIT_FILE_MAX	((size_t)64 << 20)

/* site.yaml: what a department sets, said in its language. */
static const char site_yaml[] =
"# site.yaml: cấu hình chuyên mục cải cách hành chính (cchc).\n"
"# Dòng bắt đầu bằng # là chú thích, cchc bỏ qua; muốn dùng một dòng\n"
"# đang là chú thích thì xóa dấu # ở đầu dòng.  Giá trị có dấu hai chấm\n"
"# hay bắt đầu bằng ký tự đặc biệt thì đặt trong dấu ngoặc kép \"...\".\n"
"\n"
"# Tên chuyên mục, hiện ở đầu mỗi trang và trong RSS.\n"
"title: \"Chuyên mục Cải cách hành chính\"\n"
"\n"
"# Tên cơ quan.  Đây cũng là đơn vị ghi sẵn trong bài mới\n"
"# (cchc new tin-tuc), sửa được trong từng bài.\n"
"department: \"Sở ...\"\n"
"# province: \"tỉnh ...\"\n"
"\n"
"# Một hai câu giới thiệu chuyên mục, cho máy tìm kiếm và mạng xã hội.\n"
"# description: \"Thông tin về công tác cải cách hành chính của Sở ...\"\n"
"\n"
"# Địa chỉ của chuyên mục trên cổng thông tin, cần cho RSS và liên kết\n"
"# chuẩn.  Khi chưa đặt, mỗi lần dựng cchc build sẽ nhắc.\n"
"# base_url: https://ten-mien.gov.vn/cai-cach-hanh-chinh/\n"
"\n"
"# Giao diện: tên một thư mục trong themes/.\n"
"theme: default\n"
"\n"
"# Số tin trên một trang danh sách, số tin trong RSS.\n"
"posts_per_page: 10\n"
"feed_items: 20\n"
"\n"
"# Liên hệ, hiện ở chân trang.\n"
"# address: \"Số ..., phường ..., tỉnh ...\"\n"
"# phone: \"0299 ...\"\n"
"# email: \"...@....gov.vn\"\n"
"\n"
"# Địa chỉ kho git trên máy chủ (GitLab, Gitea...): mỗi trang liên kết\n"
"# lịch sử thay đổi của nó tới từng commit.\n"
"# repo_url: https://git.ten-mien.gov.vn/so/cai-cach-hanh-chinh\n"
"\n"
"# Tên các đơn vị có dấu phẩy, để cchc không tách chúng ra khi đọc cột\n"
"# \"Đơn vị phối hợp\" của kế hoạch.  Mỗi tên một dòng:\n"
"# units:\n"
"#   - \"Trung tâm Văn hóa, Thể thao tỉnh\"\n";

/* .gitignore: what cchc makes, never to be committed. */
static const char *const ignores[] = {
	"/public/", "/.public.*", ".cchc-cache/", NULL
};

/* Copies the folder from into to (made), files and subfolders. */
static int
copy_tree(const char *from, const char *to, int depth)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 st;
	struct buf	 b = BUF_INIT;
	char		*src, *dst;
	int		 rc = 0;

	if (depth > INIT_MAX_DEPTH) {
		errno = ELOOP;
		fprintf(stderr, "cchc: %s: thư mục lồng nhau quá sâu\n", from);
		return -1;
	}
	if (fs_mkdirs(to) == -1 || (dir = opendir(from)) == NULL) {
		fprintf(stderr, "cchc: không tạo được %s từ %s: %s\n", to, from,
		    err_text(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		src = fs_join(from, de->d_name);
		dst = fs_join(to, de->d_name);
		if (stat(src, &st) == -1) {
			fprintf(stderr, "cchc: không đọc được %s: %s\n", src,
			    err_text(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode))
			rc = copy_tree(src, dst, depth + 1);
		else if (S_ISREG(st.st_mode)) {
			buf_reset(&b);
			if (fs_read(src, INIT_FILE_MAX, &b) == -1 ||
			    fs_write(dst, b.data, b.len) == -1) {
				fprintf(stderr, "cchc: không chép được %s sang "
				    "%s: %s\n", src, dst, err_text(errno));
				rc = -1;
			}
		}
		free(src);
		free(dst);
	}
	closedir(dir);
	buf_free(&b);
	return rc;
}

/* Does text (NUL-terminated) have `line` as one of its lines? */
static int
has_line(const char *text, const char *line)
{
	size_t		 n = strlen(line);
	const char	*p;

	for (p = text; *p != '\0'; p = strchr(p, '\n') ? strchr(p, '\n') + 1 :
	    p + strlen(p))
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' ||
		    p[n] == '\0' || (p[n] == '\r' && p[n + 1] == '\n')))
			return 1;
	return 0;
}

/* Adds the lines .gitignore lacks; 0 or -1 after saying why. */
static int
write_gitignore(const char *dir)
{
	struct buf	 old = BUF_INIT, b = BUF_INIT;
	char		*path = fs_join(dir, ".gitignore");
	size_t		 i;
	int		 rc = 0, had;

	had = fs_read(path, INIT_FILE_MAX, &old) == 0;
	if (!had)
		buf_puts(&b, "# Thư mục do cchc tạo ra: không đưa vào git.\n");
	else {
		buf_put(&b, old.data, old.len);
		if (b.len > 0 && b.data[b.len - 1] != '\n')
			buf_putc(&b, '\n');
	}
	for (i = 0; ignores[i] != NULL; i++)
		if (!had || !has_line(buf_cstr(&old), ignores[i]))
			buf_printf(&b, "%s\n", ignores[i]);
	if (!had || b.len != old.len)
		rc = fs_write(path, b.data, b.len);
	if (rc == -1)
		fprintf(stderr, "cchc: không ghi được %s: %s\n", path,
		    err_text(errno));
	free(path);
	buf_free(&old);
	buf_free(&b);
	return rc;
}

/* Refuses a folder with a site in it; 0 when it may be used. */
static int
check_dir(const char *dir)
{
	struct stat	 st;
	char		*p;
	int		 rc = 0;

	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "cchc: %s là một tệp, không phải thư mục; hãy "
		    "chọn tên thư mục khác\n", dir);
		return -1;
	}
	p = fs_join(dir, "site.yaml");
	if (access(p, F_OK) == 0) {
		fprintf(stderr, "cchc: thư mục %s đã có site.yaml: cchc init "
		    "không ghi đè lên một chuyên mục đã có; để viết bài mới "
		    "hãy dùng “cchc new tin-tuc \"Tiêu đề\"”, hoặc chọn một "
		    "thư mục mới: cchc init THƯ_MỤC\n", dir);
		rc = -1;
	}
	free(p);
	p = fs_join(dir, "content");
	if (rc == 0 && access(p, F_OK) == 0) {
		fprintf(stderr, "cchc: thư mục %s đã có content/: cchc init "
		    "không ghi đè lên bài đã có; hãy chọn một thư mục mới: "
		    "cchc init THƯ_MỤC\n", dir);
		rc = -1;
	}
	free(p);
	/* A theme someone has changed is theirs too. */
	p = fs_join(dir, "themes/default");
	if (rc == 0 && access(p, F_OK) == 0) {
		fprintf(stderr, "cchc: thư mục %s đã có themes/default/: cchc "
		    "init không ghi đè lên giao diện đã có; hãy chọn một thư "
		    "mục mới: cchc init THƯ_MỤC\n", dir);
		rc = -1;
	}
	free(p);
	return rc;
}

/* Is dir inside a git work tree (a .git in it or above)? */
static int
in_git(const char *dir)
{
	char	 buf[PATH_MAX], *p, *g;
	int	 found = 0;

	if (realpath(dir, buf) == NULL)
		return 0;
	for (;;) {
		g = fs_join(*buf != '\0' ? buf : "/", ".git");
		found = access(g, F_OK) == 0;
		free(g);
		if (found || (p = strrchr(buf, '/')) == NULL || *buf == '\0')
			break;
		*p = '\0';
	}
	return found;
}

/* A path as a shell reads it: quoted when it needs to be. */
static void
put_shell(struct buf *b, const char *s)
{
	const char	*p;

	if (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_./") == strlen(s) && *s != '\0') {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++)
		if (*p == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *p);
	buf_putc(b, '\'');
}

/* What was made and what to do next. */
static void
print_next(const char *dir, const char *post, int git)
{
	struct buf	 b = BUF_INIT;
	char		 abs[PATH_MAX];

	buf_printf(&b, "Đã tạo chuyên mục mới trong %s:\n",
	    realpath(dir, abs) != NULL ? abs : dir);
	buf_printf(&b, "  site.yaml        cấu hình: hãy sửa title, department "
	    "và base_url\n");
	buf_printf(&b, "  themes/default/  giao diện, sửa được; mẫu trang mới ở "
	    "themes/default/archetypes/\n");
	buf_printf(&b, "  .gitignore       những thư mục cchc tạo ra, không "
	    "đưa vào git\n");
	buf_printf(&b, "  %s\n                   bài viết đầu tiên\n", post);
	buf_puts(&b, "\nBước tiếp theo:\n");
	if (strcmp(dir, ".") != 0) {
		buf_puts(&b, "  cd ");
		put_shell(&b, dir);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "  cchc serve       xem thử trong trình duyệt ở "
	    "http://127.0.0.1:1313/\n"
	    "  cchc build       tạo chuyên mục vào thư mục public/\n"
	    "  cchc new tin-tuc \"Tiêu đề bài\"\n"
	    "                   viết một bài mới\n"
	    "\nLưu vào git:\n");
	if (!git)
		buf_puts(&b, "  git init\n");
	buf_puts(&b, "  git add .\n"
	    "  git commit -m \"Tạo chuyên mục cải cách hành chính\"\n");
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/* The installed default theme, or NULL after saying where cchc looked. */
static char *
find_default_theme(void)
{
	struct strlist	 tried = { NULL, 0, 0 };
	char		*dir;
	size_t		 i;

	if ((dir = theme_installed("default")) != NULL)
		return dir;
	theme_candidates("default", &tried);
	fprintf(stderr, "cchc: không tìm thấy giao diện mặc định để chép "
	    "vào chuyên mục mới; cchc đã tìm ở:\n");
	for (i = 0; i < tried.len; i++)
		fprintf(stderr, "  %s\n", tried.v[i]);
	fprintf(stderr, "cchc: hãy cài cchc bằng “make install”, hoặc đặt "
	    "biến CCHC_THEMES là thư mục chứa themes/default\n");
	strlist_free(&tried);
	return NULL;
}

int
init_run(const char *dir)
{
	struct newpage_opts o;
	char		*theme = NULL, *to = NULL, *yaml = NULL, *post = NULL;
	int		 rc = 1;

	if (check_dir(dir) == -1 || (theme = find_default_theme()) == NULL)
		goto out;
	if (fs_mkdirs(dir) == -1) {
		fprintf(stderr, "cchc: không tạo được thư mục %s: %s\n", dir,
		    err_text(errno));
		goto out;
	}
	/* A copy into itself would never end. */
	if (fs_inside(theme, dir)) {
		fprintf(stderr, "cchc: %s nằm trong giao diện %s; hãy chọn "
		    "thư mục khác\n", dir, theme);
		goto out;
	}
	to = fs_join(dir, "themes/default");
	if (copy_tree(theme, to, 0) == -1 || write_gitignore(dir) == -1)
		goto out;
	yaml = fs_join(dir, "site.yaml");
	if (fs_write(yaml, site_yaml, sizeof(site_yaml) - 1) == -1) {
		fprintf(stderr, "cchc: không ghi được %s: %s\n", yaml,
		    err_text(errno));
		goto out;
	}
	memset(&o, 0, sizeof(o));
	o.kind = "tin-tuc";
	o.title = INIT_FIRST_TITLE;
	o.source = dir;
	o.quiet = 1;
	if (newpage_run(&o, &post) != NEWPAGE_OK)
		goto out;
	print_next(dir, post, in_git(dir));
	rc = 0;
out:
	free(theme);
	free(to);
	free(yaml);
	free(post);
	return rc;
}
