/*
 * procedure.c - administrative procedures: required fields, the `online`
 * level, and the body split into its standard `##` sections; see
 * procedure.h.
 *
 * Section headings are matched on a canonical form: slug_fold() (no case,
 * no diacritics, đ -> d), every ASCII character that is not a letter or a
 * digit made a space (so "Phí, lệ phí", "Phí/lệ phí" and "Phí lệ phí:"
 * are alike), leading numbering ("1.", "2.1") dropped, then the endings
 * the national forms add ("(nếu có)", "[của] thủ tục hành chính",
 * "[của] TTHC") dropped.  What is left is looked up in proc_names[].
 *
 * Byte ranges come from cmark's line numbers: the body's line starts are
 * indexed once, counting line endings as cmark does (LF, CRLF, lone CR).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "markdown.h"
#include "procedure.h"
#include "slug.h"
#include "util.h"
#include "value.h"

const struct proc_section_def proc_sections[PROC_NSECTIONS] = {
	{ "Trình tự thực hiện",		"trinh-tu-thuc-hien",	1 },
	{ "Cách thức thực hiện",	"cach-thuc-thuc-hien",	1 },
	{ "Thành phần hồ sơ",		"thanh-phan-ho-so",	1 },
	{ "Thời hạn giải quyết",	"thoi-han-giai-quyet",	1 },
	{ "Đối tượng thực hiện",	"doi-tuong-thuc-hien",	1 },
	{ "Cơ quan thực hiện",		"co-quan-thuc-hien",	1 },
	{ "Kết quả thực hiện",		"ket-qua-thuc-hien",	1 },
	{ "Phí, lệ phí",		"phi-le-phi",		0 },
	{ "Tên mẫu đơn, tờ khai",	"ten-mau-don-to-khai",	0 },
	{ "Yêu cầu, điều kiện",		"yeu-cau-dieu-kien",	0 },
	{ "Căn cứ pháp lý",		"can-cu-phap-ly",	1 },
};

/*
 * Accepted headings in canonical form (see the top of the file), with
 * the section each names.  Decisions:
 *  - "Phí, lệ phí" also as "Phí và lệ phí", "Phí/lệ phí" (punctuation
 *    is a space); NOT "Lệ phí" or "Phí" alone: phí and lệ phí are
 *    distinct charges in law, and a heading naming one would silently
 *    become the standard "Phí, lệ phí" on the page;
 *  - "Cơ quan giải quyết" is "Cơ quan thực hiện": the national forms and
 *    provincial portals use both for the agency that handles the case;
 *    "Cơ quan có thẩm quyền" is not a section (the samples list it as
 *    an item inside "Cơ quan thực hiện");
 *  - "Thành phần, số lượng hồ sơ" (the national form's name) is
 *    "Thành phần hồ sơ";
 *  - "Mẫu đơn, tờ khai" and "[Tên] mẫu đơn, mẫu tờ khai" are
 *    "Tên mẫu đơn, tờ khai";
 *  - "Yêu cầu, điều kiện thực hiện" is "Yêu cầu, điều kiện";
 *  - "... của thủ tục hành chính" ("Căn cứ pháp lý của thủ tục hành
 *    chính") and "(nếu có)" are dropped as endings for every section.
 */
static const struct {
	const char	*canon;
	int		 idx;
} proc_names[] = {
	{ "trinh tu thuc hien",		0 },
	{ "cach thuc thuc hien",	1 },
	{ "thanh phan ho so",		2 },
	{ "thanh phan so luong ho so",	2 },
	{ "thoi han giai quyet",	3 },
	{ "doi tuong thuc hien",	4 },
	{ "co quan thuc hien",		5 },
	{ "co quan giai quyet",		5 },
	{ "ket qua thuc hien",		6 },
	{ "phi le phi",			7 },
	{ "phi va le phi",		7 },
	{ "ten mau don to khai",	8 },
	{ "mau don to khai",		8 },
	{ "ten mau don mau to khai",	8 },
	{ "mau don mau to khai",	8 },
	{ "yeu cau dieu kien",		9 },
	{ "yeu cau dieu kien thuc hien",	9 },
	{ "can cu phap ly",		10 },
};

/* Endings dropped before the lookup, longest first. */
static const char *const proc_endings[] = {
	" neu co", " cua thu tuc hanh chinh", " thu tuc hanh chinh",
	" cua tthc", " tthc", NULL
};

/* Required front matter fields (procedure.h), with what to write there. */
const struct proc_field_def proc_fields[PROC_NFIELDS] = {
	{ "title", "Tên thủ tục", "tên thủ tục như trên Cơ sở dữ liệu quốc "
	    "gia, ví dụ Cấp Giấy chứng nhận doanh nghiệp khoa học và công "
	    "nghệ" },
	{ "code", "Mã thủ tục", "mã thủ tục trên Cơ sở dữ liệu quốc gia, ví "
	    "dụ 1.004227" },
	{ "field", "Lĩnh vực", "lĩnh vực, ví dụ Hoạt động khoa học và công "
	    "nghệ" },
	{ "agency", "Cơ quan thực hiện", "cơ quan thực hiện, ví dụ Sở Khoa học "
	    "và Công nghệ" },
	{ "deadline", "Thời hạn giải quyết", "thời hạn giải quyết, ví dụ 15 "
	    "ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ" },
};

#define PROC_ONLINE_HELP "toan-trinh (trực tuyến toàn trình), mot-phan " \
	"(trực tuyến một phần) hoặc khong (không có dịch vụ công trực tuyến)"
#define PROC_DVC_URL "https://dichvucong.gov.vn/p/home/" \
	"dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="

/* Drops a trailing `end` (which starts with a space) from s in place. */
static int
proc_drop_ending(char *s, const char *end)
{
	size_t	 n = strlen(s), k = strlen(end);

	if (n <= k || strcmp(s + n - k, end) != 0)
		return 0;
	s[n - k] = '\0';
	return 1;
}

/* The canonical form of a heading (see the top of the file); malloc'd. */
static char *
proc_canon(const char *heading)
{
	char		*f, *o, *w, *p;
	const char	*r;
	size_t		 i;
	int		 again;

	f = slug_fold(heading, strlen(heading));
	/* ASCII punctuation runs become one space; UTF-8 bytes stay. */
	for (r = f, o = f; *r != '\0'; r++) {
		unsigned char	 c = (unsigned char)*r;

		if (c >= 0x80 || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9'))
			*o++ = (char)c;
		else if (o > f && o[-1] != ' ')
			*o++ = ' ';
	}
	if (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	/* Leading numbering: "1. Trình tự", "2.1 Thành phần". */
	for (w = f; *w >= '0' && *w <= '9';) {
		for (p = w; *p >= '0' && *p <= '9'; p++)
			continue;
		if (*p != ' ')
			break;
		w = p + 1;
	}
	memmove(f, w, strlen(w) + 1);
	do {
		again = 0;
		for (i = 0; proc_endings[i] != NULL; i++)
			if (proc_drop_ending(f, proc_endings[i]))
				again = 1;
	} while (again);
	return f;
}

int
proc_section_index(const char *heading)
{
	char	*c;
	size_t	 i;
	int	 idx = -1;

	if (heading == NULL)
		return -1;
	c = proc_canon(heading);
	for (i = 0; i < sizeof(proc_names) / sizeof(proc_names[0]); i++)
		if (strcmp(c, proc_names[i].canon) == 0) {
			idx = proc_names[i].idx;
			break;
		}
	free(c);
	return idx;
}

/* Where to point at a value: its own position, else its key's, else 1:1. */
static void
proc_val_pos(const struct val *meta, const char *key, const struct val *v,
    int *line, int *col)
{
	*line = val_line(v);
	*col = val_col(v);
	if (*line == 0)
		yaml_key_pos(meta, key, line, col);
	if (*line == 0) {
		*line = 1;
		*col = 1;
	}
}

static int
proc_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* A present, non-blank string value, or NULL. */
static const char *
proc_str(const struct val *meta, const char *key)
{
	const char	*s = fm_str(meta, key);

	return s != NULL && !proc_blank(s) ? s : NULL;
}

/* "1.004227": one digit, a dot, six digits (n = bytes to look at). */
static int
proc_code_ok(const char *s, size_t n)
{
	size_t	 i;

	if (n != 8 || s[1] != '.')
		return 0;
	for (i = 0; i < n; i++)
		if (i != 1 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static void
proc_check_fields(const char *file, const struct val *meta, struct diag *d)
{
	const struct val	*v;
	const char		*s;
	size_t			 i;
	int			 line, col;

	for (i = 0; i < PROC_NFIELDS; i++) {
		const char	*key = proc_fields[i].key;

		if ((v = val_map_get(meta, key)) == NULL) {
			diag_err(d, file, 1, 1, "thiếu “%s” (%s); thêm dòng "
			    "“%s: …” vào phần đầu (front matter) giữa hai "
			    "dòng ---", key, proc_fields[i].what, key);
			continue;
		}
		proc_val_pos(meta, key, v, &line, &col);
		if (val_type(v) == VAL_NULL ||
		    (val_type(v) == VAL_STR && proc_blank(val_get_str(v))))
			diag_err(d, file, line, col, "“%s” để trống; ghi %s",
			    key, proc_fields[i].what);
		else if (val_type(v) != VAL_STR)
			diag_err(d, file, line, col, "“%s”: cần một đoạn chữ "
			    "(%s); nếu giá trị có dấu hai chấm hay bắt đầu "
			    "bằng ký tự đặc biệt, hãy đặt nó trong dấu ngoặc "
			    "kép", key, proc_fields[i].what);
	}

	if ((s = proc_str(meta, "code")) != NULL &&
	    !proc_code_ok(s, strlen(s))) {
		proc_val_pos(meta, "code", val_map_get(meta, "code"), &line,
		    &col);
		/* The local code "1.004227.000.00.00.H53" starts with it. */
		if (strlen(s) > 8 && s[8] == '.' && proc_code_ok(s, 8))
			diag_warn(d, file, line, col, "“code”: “%s” là mã "
			    "thủ tục tại địa phương; ghi mã trên Cơ sở dữ "
			    "liệu quốc gia, ở đây là “%.8s”", s, s);
		else
			diag_warn(d, file, line, col, "“code”: “%s” không "
			    "giống mã thủ tục trên Cơ sở dữ liệu quốc gia "
			    "(một chữ số, dấu chấm và sáu chữ số, ví dụ "
			    "1.004227); chép đúng mã từ dichvucong.gov.vn", s);
	}
}

/* Checks `online` and its agreement with `online_url`. */
static void
proc_check_online(const char *file, const struct val *meta, struct diag *d)
{
	static const char *const allowed[] = { "toan-trinh", "mot-phan",
	    "khong", NULL };
	const struct val	*v = val_map_get(meta, "online");
	const char		*s, *url, *code;
	char			*sl;
	size_t			 i;
	int			 line, col;

	if (v == NULL || val_type(v) == VAL_NULL)
		return;
	proc_val_pos(meta, "online", v, &line, &col);
	if ((s = val_get_str(v)) == NULL) {
		diag_err(d, file, line, col, "“online”: cần một trong các "
		    "giá trị " PROC_ONLINE_HELP);
		return;
	}
	for (i = 0; allowed[i] != NULL; i++)
		if (strcmp(s, allowed[i]) == 0)
			break;
	if (allowed[i] == NULL) {
		/* "mot phan", "Toàn trình": point at the spelling meant. */
		sl = slug_make(s, strlen(s));
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(sl, allowed[i]) == 0)
				break;
		free(sl);
		diag_err(d, file, line, col, "“online”: “%s” không phải giá "
		    "trị hợp lệ; ghi một trong: " PROC_ONLINE_HELP "%s%s%s",
		    s, allowed[i] ? " (ở đây có lẽ là “" : "",
		    allowed[i] ? allowed[i] : "", allowed[i] ? "”)" : "");
		return;
	}
	url = proc_str(meta, "online_url");
	if (strcmp(s, "khong") == 0 && url != NULL) {
		proc_val_pos(meta, "online_url", val_map_get(meta,
		    "online_url"), &line, &col);
		diag_warn(d, file, line, col, "có “online_url” nhưng "
		    "“online” là khong (không có dịch vụ công trực tuyến); "
		    "xóa dòng “online_url” hoặc sửa “online” thành "
		    "toan-trinh hoặc mot-phan");
	} else if (strcmp(s, "khong") != 0 && url == NULL) {
		code = proc_str(meta, "code");
		if (code == NULL || !proc_code_ok(code, strlen(code)))
			code = "1.004227";
		diag_warn(d, file, line, col, "“online” là %s nhưng thiếu "
		    "“online_url”; thêm dòng “online_url: …” với địa chỉ "
		    "nộp hồ sơ trực tuyến, ví dụ " PROC_DVC_URL "%s", s, code);
	}
}


/* Byte offset of each line of src as cmark counts lines (LF, CRLF, CR). */
struct proc_lines {
	size_t	*start;
	size_t	 n;
	size_t	 len;
};

static void
proc_lines_index(struct proc_lines *l, const char *src, size_t len)
{
	size_t	 i, cap = 0;

	l->start = NULL;
	l->n = 0;
	ARRAY_GROW(l->start, l->n, cap, 16);
	l->start[l->n++] = 0;
	l->len = len;
	for (i = 0; i < len; i++) {
		if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
			i++;
		else if (src[i] != '\n' && src[i] != '\r')
			continue;
		ARRAY_GROW(l->start, l->n, cap, 16);
		l->start[l->n++] = i + 1;
	}
}

/* Offset of 1-based line k; past the last line, the end of src. */
static size_t
proc_line_off(const struct proc_lines *l, int k)
{
	if (k < 1)
		return 0;
	if ((size_t)k > l->n)
		return l->len;
	return l->start[k - 1];
}

/* Whether line k (1-based) is a setext level-2 underline: "---", up to
 * three spaces before, blanks after. */
static int
proc_is_underline(const char *src, const struct proc_lines *l, int k)
{
	size_t	 i = proc_line_off(l, k), end = proc_line_off(l, k + 1), n;

	for (n = 0; n < 3 && i < end && src[i] == ' '; n++)
		i++;
	if (i == end || src[i] != '-')
		return 0;
	while (i < end && src[i] == '-')
		i++;
	while (i < end && (src[i] == ' ' || src[i] == '\t' ||
	    src[i] == '\r' || src[i] == '\n'))
		i++;
	return i == end;
}

/*
 * Last line of a level-2 heading.  cmark gives a setext heading the line
 * after its underline as end line, so find the underline ourselves; an
 * ATX heading ("## X") is one line.
 */
static int
proc_heading_end(const char *src, const struct proc_lines *l,
    cmark_node *h)
{
	int	 sl = cmark_node_get_start_line(h);
	int	 el = cmark_node_get_end_line(h), k;
	size_t	 i = proc_line_off(l, sl), end = proc_line_off(l, sl + 1), n;

	for (n = 0; n < 3 && i < end && src[i] == ' '; n++)
		i++;
	if (end - i >= 2 && src[i] == '#' && src[i + 1] == '#' &&
	    (end - i == 2 || src[i + 2] == ' ' || src[i + 2] == '\t' ||
	    src[i + 2] == '\r' || src[i + 2] == '\n'))
		return sl;
	for (k = sl + 1; k <= el; k++)
		if (proc_is_underline(src, l, k))
			return k;
	return el;
}

/* Ends the open section (or the intro) where the line `line` starts. */
static void
proc_close(struct proc_body *b, const struct proc_lines *l, int open,
    int line)
{
	size_t	 end = proc_line_off(l, line);

	if (open == -2)
		b->intro_len = end;
	else if (open >= 0)
		b->len[open] = end - b->off[open];
}

/* Appends “A”, “B”, … : the standard section names. */
static void
proc_section_list(struct buf *b)
{
	size_t	 i;

	for (i = 0; i < PROC_NSECTIONS; i++)
		buf_printf(b, "%s“%s”", i ? ", " : "", proc_sections[i].title);
}

static int
proc_split(const char *file, const char *src, size_t len, int first_line,
    struct proc_body *b, struct diag *d)
{
	struct proc_lines	 l;
	struct buf		 names = BUF_INIT;
	cmark_node		*doc, *n;
	char			*text;
	int			 head_line[PROC_NSECTIONS];
	int			 open = -2, idx, sl, el, line, next, rc = 0;
	size_t			 i, k;

	memset(head_line, 0, sizeof(head_line));
	proc_lines_index(&l, src, len);
	/* open: the section being read; -2 the intro, -1 a rejected heading. */
	b->intro_off = 0;
	b->intro_len = len;
	if ((doc = md_parse_doc(src, len)) == NULL) {
		diag_err(d, file, first_line, 1, "không đọc được nội dung "
		    "Markdown của thủ tục");
		rc = -1;
		goto out;
	}
	/* Only top-level headings split: a `##` in a list or quote is text. */
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(n) != 2)
			continue;
		sl = cmark_node_get_start_line(n);
		el = proc_heading_end(src, &l, n);
		line = sl + first_line - 1;
		proc_close(b, &l, open, sl);
		open = -1;
		text = md_node_text(n);
		idx = proc_section_index(text);
		if (idx < 0) {
			if (names.len == 0)
				proc_section_list(&names);
			if (proc_blank(text))
				diag_err(d, file, line,
				    cmark_node_get_start_column(n), "tiêu đề "
				    "“##” không có chữ; ghi tên một mục chuẩn "
				    "của thủ tục hành chính: %s",
				    buf_cstr(&names));
			else
				diag_err(d, file, line,
				    cmark_node_get_start_column(n), "mục “%s” "
				    "không phải mục chuẩn của thủ tục hành "
				    "chính; các mục chuẩn: %s; đổi tên cho đúng "
				    "một mục chuẩn, hoặc viết “### %s” để nội "
				    "dung thành mục con của mục phía trên",
				    text, buf_cstr(&names), text);
			rc = -1;
		} else if (b->present[idx]) {
			diag_err(d, file, line, cmark_node_get_start_column(n),
			    "mục “%s” đã có ở dòng %d; gộp nội dung hai mục "
			    "làm một và xóa tiêu đề thứ hai",
			    proc_sections[idx].title, head_line[idx]);
			rc = -1;
		} else {
			b->present[idx] = 1;
			b->off[idx] = proc_line_off(&l, el + 1);
			b->len[idx] = 0;
			b->line[idx] = el + 1 + first_line - 1;
			head_line[idx] = line;
			open = idx;
		}
		free(text);
	}
	proc_close(b, &l, open, INT_MAX);
	cmark_node_free(doc);

	for (i = 0; i < PROC_NSECTIONS; i++) {
		if (!proc_sections[i].required || b->present[i])
			continue;
		/* Say where it goes: before the next standard section present. */
		for (k = i + 1; k < PROC_NSECTIONS && !b->present[k]; k++)
			continue;
		next = k < PROC_NSECTIONS ? head_line[k] : 0;
		if (next > 0)
			diag_err(d, file, 1, 1, "thiếu mục bắt buộc “%s”; thêm "
			    "tiêu đề “## %s” và nội dung của mục, trước mục "
			    "“%s” (dòng %d)", proc_sections[i].title,
			    proc_sections[i].title, proc_sections[k].title,
			    next);
		else
			diag_err(d, file, 1, 1, "thiếu mục bắt buộc “%s”; thêm "
			    "tiêu đề “## %s” và nội dung của mục vào cuối "
			    "tệp", proc_sections[i].title,
			    proc_sections[i].title);
		rc = -1;
	}
out:
	buf_free(&names);
	free(l.start);
	return rc;
}

int
proc_check(const char *file, const struct val *meta, const char *src,
    size_t len, int first_line, struct proc_body *b, struct diag *d)
{
	size_t	 errors = d->errors;
	int	 rc = 0;

	memset(b, 0, sizeof(*b));
	if (first_line < 1)
		first_line = 1;
	proc_check_meta(file, meta, d);
	if (proc_split(file, src, len, first_line, b, d) == -1 ||
	    d->errors != errors)
		rc = -1;
	return rc;
}

void
proc_check_meta(const char *file, const struct val *meta, struct diag *d)
{
	proc_check_fields(file, meta, d);
	proc_check_online(file, meta, d);
}

int
proc_split_body(const char *file, const char *src, size_t len,
    int first_line, struct proc_body *b, struct diag *d)
{
	memset(b, 0, sizeof(*b));
	return proc_split(file, src, len, first_line < 1 ? 1 : first_line, b,
	    d);
}
