/*
 * parse.c - stage 2: one page's text, front matter, fields and URL.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "errtext.h"
#include "frontmatter.h"
#include "fs.h"
#include "hash.h"
#include "model.h"
#include "parse.h"
#include "plans.h"
#include "routes.h"
#include "slug.h"
#include "source.h"
#include "util.h"
#include "value.h"

/* Front matter keys each kind accepts; anything else is a warning. */
static const char *const post_keys[] = {
	"title", "date", "summary", "tags", "unit", "image", "image_alt",
	"image_focus", "draft", "slug", "plan", "task", NULL
};
static const char *const page_keys[] = {
	"title", "date", "summary", "image", "image_alt", "image_focus",
	"draft", "slug", NULL
};
static const char *const plan_keys[] = {
	"title", "number", "issued", "issuer", "signer", "period", "basis",
	"summary", "draft", "slug", NULL
};
static const char *const proc_keys[] = {
	"title", "code", "field", "level", "agency", "deadline", "fee",
	"online", "online_url", "decision", "effective", "summary", "draft",
	"slug", NULL
};

int
parse_kind(const char *src)
{
	if (str_has_prefix(src, ROUTE_SRC_NEWS))
		return PAGE_POST;
	if (str_has_prefix(src, ROUTE_SRC_PROCS))
		return PAGE_PROCEDURE;
	if (str_has_prefix(src, "plans/"))
		return PAGE_PLAN;
	return PAGE_PAGE;
}

static const char *
kind_label(enum page_kind k)
{
	switch (k) {
	case PAGE_POST:
		return "bài tin tức";
	case PAGE_PROCEDURE:
		return "thủ tục hành chính";
	case PAGE_PLAN:
		return "kế hoạch";
	default:
		return "trang";
	}
}

static const char *const *
kind_keys(enum page_kind k)
{
	switch (k) {
	case PAGE_POST:
		return post_keys;
	case PAGE_PROCEDURE:
		return proc_keys;
	case PAGE_PLAN:
		return plan_keys;
	default:
		return page_keys;
	}
}

static void
check_keys(struct page *p)
{
	const char *const	*keys = kind_keys(p->kind);
	struct buf		 list = BUF_INIT;
	size_t			 i, k;
	int			 line, col;
	const char		*key;

	for (i = 0; i < val_map_len(p->meta); i++) {
		key = val_map_key(p->meta, i);
		for (k = 0; keys[k] != NULL; k++)
			if (strcmp(keys[k], key) == 0)
				break;
		if (keys[k] != NULL)
			continue;
		if (list.len == 0)
			for (k = 0; keys[k] != NULL; k++)
				buf_printf(&list, "%s%s", k ? ", " : "",
				    keys[k]);
		yaml_key_pos(p->meta, key, &line, &col);
		diag_warn(&p->diag, p->src, line, col,
		    "khóa “%s” không dùng cho %s nên bị bỏ qua; kiểm tra "
		    "chính tả (các khóa dùng được: %s)", key,
		    kind_label(p->kind), buf_cstr(&list));
	}
	buf_free(&list);
}

static void
meta_err(struct page *p, const char *key, const struct val *v,
    const char *what)
{
	int	 line = val_line(v), col = val_col(v);

	if (line == 0)
		yaml_key_pos(p->meta, key, &line, &col);
	diag_err(&p->diag, p->src, line, col, "“%s”: %s", key, what);
	p->failed = 1;
}

/* A string field; other scalars are an error.  NULL when absent. */
static const char *
meta_str(struct page *p, const char *key)
{
	struct val	*v = val_map_get(p->meta, key);

	if (v == NULL || val_type(v) == VAL_NULL)
		return NULL;
	if (val_type(v) != VAL_STR) {
		meta_err(p, key, v, "cần một đoạn chữ; nếu giá trị có dấu "
		    "hai chấm hay bắt đầu bằng ký tự đặc biệt, hãy đặt nó "
		    "trong dấu ngoặc kép");
		return NULL;
	}
	return val_get_str(v);
}

/*
 * A date date_parse refused: the date the editor meant, written as it
 * should be ("15/06/2025" → 2025-06-15), or why it does not exist.
 */
static void
meta_date_err(struct page *p, const char *key, const struct val *v,
    const char *why)
{
	struct buf	 b = BUF_INIT, fix = BUF_INIT;
	const char	*s = val_type(v) == VAL_STR ? val_get_str(v) : NULL;

	switch (date_suggest(s, &fix)) {
	case 1:
		buf_printf(&b, "ngày “%s” chưa viết đúng dạng; hãy viết %s "
		    "(năm-tháng-ngày%s)", s, buf_cstr(&fix),
		    strchr(buf_cstr(&fix), 'T') != NULL ? ", rồi giờ:phút" : "");
		break;
	case -1:
		buf_printf(&b, "ngày “%s” không có thật (%s); hãy kiểm tra "
		    "lại ngày, viết theo dạng năm-tháng-ngày, ví dụ 2025-06-15",
		    s, buf_cstr(&fix));
		break;
	default:
		buf_printf(&b, "ngày “%s” không hợp lệ%s%s; viết theo dạng "
		    "YYYY-MM-DD, ví dụ 2025-06-15, hoặc 2025-06-15T09:30:00",
		    s != NULL ? s : "?", why ? ": " : "", why ? why : "");
	}
	meta_err(p, key, v, buf_cstr(&b));
	buf_free(&fix);
	buf_free(&b);
}

static int
meta_date(struct page *p, const char *key, struct cdate *out)
{
	struct val	*v = val_map_get(p->meta, key);
	const char	*why = NULL;

	if (v == NULL || val_type(v) == VAL_NULL)
		return 0;
	if (val_type(v) != VAL_STR || date_parse(val_get_str(v), out,
	    &why) == -1) {
		meta_date_err(p, key, v, why);
		return 0;
	}
	return 1;
}

/* A list of strings; a single string is taken as a one-item list. */
static void
meta_strlist(struct page *p, const char *key)
{
	struct val	*v = val_map_get(p->meta, key), *it;
	size_t		 i;

	if (v == NULL || val_type(v) == VAL_NULL || val_type(v) == VAL_STR)
		return;
	if (val_type(v) != VAL_LIST) {
		meta_err(p, key, v, "cần một danh sách, mỗi mục một dòng "
		    "bắt đầu bằng “- ”");
		return;
	}
	for (i = 0; i < val_list_len(v); i++) {
		it = val_list_at(v, i);
		if (val_type(it) != VAL_STR) {
			meta_err(p, key, it, "mỗi mục của danh sách phải là "
			    "một đoạn chữ");
			return;
		}
	}
}

/* title (required) and draft. */
static void
read_title_draft(struct page *p)
{
	const char	*t;
	struct val	*v;

	t = meta_str(p, "title");
	if (t == NULL || *t == '\0') {
		if (!p->failed)
			diag_err(&p->diag, p->src, 1, 1, "thiếu tiêu đề: "
			    "thêm dòng “title: …” vào phần đầu (front "
			    "matter) giữa hai dòng ---");
		p->failed = 1;
	} else
		p->title = xstrdup(t);

	/* The message needs the value's position; the read does not. */
	if ((v = val_map_get(p->meta, "draft")) != NULL &&
	    val_type(v) != VAL_NULL && val_type(v) != VAL_BOOL)
		meta_err(p, "draft", v, "cần true hoặc false");
	p->draft = fm_bool(p->meta, "draft", p->draft);
}

/* The fields of the page's kind, checked in the order they are listed. */
static void
read_kind_fields(struct page *p)
{
	switch (p->kind) {
	case PAGE_POST:
		meta_str(p, "unit");
		meta_strlist(p, "tags");
		p->has_date = meta_date(p, "date", &p->date);
		break;
	case PAGE_PLAN:
		p->has_date = meta_date(p, "issued", &p->date);
		meta_str(p, "number");
		meta_str(p, "issuer");
		meta_str(p, "signer");
		meta_str(p, "period");
		meta_strlist(p, "basis");
		if (!p->failed)
			plans_read_period(p);
		break;
	case PAGE_PROCEDURE: {
		static const char *const f[] = { "code", "field", "level",
		    "agency", "deadline", "fee", "online", "online_url",
		    "decision", NULL };
		struct cdate	 eff;
		size_t		 i;

		for (i = 0; f[i] != NULL; i++)
			meta_str(p, f[i]);
		meta_date(p, "effective", &eff);
		p->has_date = meta_date(p, "date", &p->date);
		break;
	}
	default:
		p->has_date = meta_date(p, "date", &p->date);
		break;
	}
}

/* An undated page's date, and whether the page is left out of the build. */
static void
set_date_skip(const struct cdate *today, struct page *p)
{
	struct cdate	 today_end;

	if (!p->has_date) {
		/* Until history is read, an undated page counts from today. */
		p->date = *today;
		p->has_date = 0;
	}
	if (p->kind == PAGE_POST && p->has_date) {
		today_end = *today;
		today_end.hh = 23;
		today_end.mi = 59;
		today_end.ss = 59;
		p->scheduled = date_cmp(&p->date, &today_end) > 0;
	}
	p->skip = p->draft || p->scheduled;
}

/* Slug: the field, else the file name. */
static void
read_slug(struct page *p)
{
	const char	*sl;
	char		*fslug, *base;

	sl = meta_str(p, "slug");
	if (sl != NULL) {
		p->slug = slug_make(sl, strlen(sl));
		if (*p->slug == '\0') {
			meta_err(p, "slug", val_map_get(p->meta, "slug"),
			    "không tạo được địa chỉ từ giá trị này; dùng chữ "
			    "thường không dấu, số và dấu gạch ngang, ví dụ "
			    "hoi-nghi-cchc-2025");
		} else if (strcmp(p->slug, sl) != 0) {
			int line, col;

			yaml_key_pos(p->meta, "slug", &line, &col);
			diag_warn(&p->diag, p->src, line, col, "“slug” được "
			    "đổi thành “%s”: địa chỉ chỉ gồm chữ thường không "
			    "dấu, số và dấu gạch ngang", p->slug);
		}
	} else {
		base = xstrdup(strrchr(p->src, '/') + 1);
		base[strlen(base) - 3] = '\0';	/* ".md" */
		fslug = slug_make(base, strlen(base));
		if (*fslug == '\0' && strcmp(base, "index") != 0) {
			diag_err(&p->diag, p->src, 0, 0, "tên tệp không tạo "
			    "được địa chỉ trang; đổi tên tệp (chữ không dấu, "
			    "số, dấu gạch ngang) hoặc thêm khóa “slug”");
			p->failed = 1;
		}
		p->slug = fslug;
		free(base);
	}
}

/* The front matter checked and read, in this order (so are the messages). */
static void
parse_fields(const struct cdate *today, struct page *p)
{
	check_keys(p);
	read_title_draft(p);
	meta_str(p, "summary");
	meta_str(p, "image");
	meta_str(p, "image_alt");
	meta_str(p, "image_focus");
	read_kind_fields(p);
	set_date_skip(today, p);
	read_slug(p);
}

/* ------------------------------------------------ what editors get wrong */

/*
 * Warnings about slips that build without an error but not as the editor
 * meant (none stops the build): Word's curly quotes around a value, tags
 * written as one string with commas, a date years ahead.
 */

/* One item of a flow list: quoted when YAML would read it otherwise. */
static void
list_item(struct buf *b, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return;
	if (b->len > 0 && b->data[b->len - 1] != '[')
		buf_puts(b, ", ");
	if (strchr("[]{}&*!|>'\"%@`#?:-", *s) != NULL ||
	    memchr(s, ':', n) != NULL || memchr(s, '#', n) != NULL)
		yaml_quote(b, s, n);
	else
		buf_put(b, s, n);
}

/*
 * tags: A, B is one string, so one topic named "A, B": say so, with the
 * list the editor most likely meant.
 */
static void
warn_tags_string(struct page *p)
{
	const struct val *v = val_map_get(p->meta, "tags");
	const char	 *s = val_get_str(v), *sep;
	struct buf	  b = BUF_INIT;

	if (p->kind != PAGE_POST || s == NULL || strpbrk(s, ",;") == NULL)
		return;
	buf_puts(&b, "tags: [");
	while ((sep = strpbrk(s, ",;")) != NULL) {
		list_item(&b, s, (size_t)(sep - s));
		s = sep + 1;
	}
	list_item(&b, s, strlen(s));
	buf_putc(&b, ']');
	diag_warn(&p->diag, p->src, val_line(v), val_col(v), "“tags”: “%s” "
	    "là một chuỗi nên cả dòng thành một chủ đề; nếu đây là nhiều chủ "
	    "đề, hãy viết dạng danh sách: %s", val_get_str(v), buf_cstr(&b));
	buf_free(&b);
}

/*
 * The year the editor probably meant by y: two digits swapped, else one
 * digit mistyped, within a year of today's (the nearest; ties: the
 * earlier); 0 if none.
 */
static int
likely_year(int y, int ty)
{
	char	 d[5], t[5];
	int	 best = 0, i, k, c, pass;

	if (y < 1000 || y > 9999)
		return 0;
	snprintf(d, sizeof(d), "%04d", y);
	for (pass = 0; pass < 2 && best == 0; pass++)
		for (i = 0; i < 4; i++)
			for (k = pass == 0 ? i + 1 : 0; k < (pass == 0 ? 4 :
			    10); k++) {
				memcpy(t, d, sizeof(t));
				if (pass == 0) {
					t[i] = d[k];
					t[k] = d[i];
				} else
					t[i] = (char)('0' + k);
				c = atoi(t);
				if (c == y || c < ty - 1 || c > ty + 1)
					continue;
				if (best == 0 || abs(c - ty) < abs(best - ty) ||
				    (abs(c - ty) == abs(best - ty) && c < best))
					best = c;
			}
	return best;
}

/* A date more than a year after today: most likely a mistyped year. */
static void
warn_far_date(const struct cdate *today, struct page *p, const char *key)
{
	const struct val *v = val_map_get(p->meta, key);
	struct cdate	  d, limit = *today;
	const char *const *keys = kind_keys(p->kind);
	struct buf	  b = BUF_INIT;
	int		  y;

	while (*keys != NULL && strcmp(*keys, key) != 0)
		keys++;
	if (*keys == NULL || !fm_date(p->meta, key, &d))
		return;
	date_to_vn(&d, &d);
	limit.y++;
	if (limit.m == 2 && limit.d == 29)
		limit.d = 28;
	if (date_cmp_day(&d, &limit) <= 0)
		return;
	y = likely_year(d.y, today->y);
	if (y != 0 && d.d <= date_days_in_month(y, d.m))
		buf_printf(&b, "; có phải là %04d%s? Nếu gõ nhầm năm, hãy sửa "
		    "lại", y, val_get_str(v) + 4);
	else
		buf_puts(&b, "; nếu gõ nhầm năm, hãy sửa lại");
	diag_warn(&p->diag, p->src, val_line(v), val_col(v), "“%s”: ngày "
	    "“%s” là ngày %d tháng %d năm %d, hơn một năm sau hôm nay "
	    "(%02d/%02d/%04d)%s%s", key, val_get_str(v), d.d, d.m, d.y,
	    today->d, today->m, today->y, p->kind == PAGE_POST &&
	    strcmp(key, "date") == 0 ? " nên bài sẽ không được đưa ra cho "
	    "tới ngày đó" : "", buf_cstr(&b));
	buf_free(&b);
}

/* The editor's likely slips, in the order of the checks above. */
static void
warn_slips(const struct cdate *today, struct page *p)
{
	static const char *const dates[] = { "date", "issued", "effective",
	    NULL };
	size_t	 i;

	fm_warn_curly(p->src, p->text, p->text != NULL ? strlen(p->text) : 0,
	    p->meta, &p->diag);
	warn_tags_string(p);
	for (i = 0; dates[i] != NULL; i++)
		warn_far_date(today, p, dates[i]);
}

/* See route_page(). */
static char *
page_url(const struct page *p)
{
	int	 is_index;

	is_index = p->kind == PAGE_PAGE &&
	    strcmp(strrchr(p->src, '/') + 1, "index.md") == 0 &&
	    val_map_get(p->meta, "slug") == NULL;
	return route_page(p->kind, p->src, p->slug, is_index);
}

char *
parse_url(const char *src, const char *slug)
{
	const char	*base = strrchr(src, '/');
	char		*sl, *url = NULL;
	size_t		 n;
	int		 kind = parse_kind(src), is_index;

	base = base != NULL ? base + 1 : src;
	n = strlen(base);
	if (n < 3 || strcmp(base + n - 3, ".md") != 0)
		return NULL;
	is_index = slug == NULL && kind == PAGE_PAGE &&
	    strcmp(base, "index.md") == 0;
	sl = slug != NULL ? slug_make(slug, strlen(slug)) :
	    slug_make(base, n - 3);
	if (*sl != '\0' || is_index)
		url = route_page(kind, src, sl, is_index);
	free(sl);
	return url;
}

static int
path_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The page's bytes: from the prefetch when the build has them; *idx is
 * then the file's index in it, else (size_t)-1.
 */
static int
read_page(struct source *src, struct prefetch *pf, const char *path,
    struct buf *b, size_t *idx)
{
	char		**hit;
	size_t		 i;

	*idx = (size_t)-1;
	if (pf != NULL && (hit = bsearch(path, pf->paths, pf->n,
	    sizeof(*pf->paths), path_cmp)) != NULL) {
		i = (size_t)(hit - pf->paths);
		if (pf->bufs[i].data == NULL) {
			/*
			 * Known by its stamp, not read yet: read it now, and
			 * hash what was read (it may have changed since).
			 */
			if (source_read(src, path, PARSE_MAX_FILE, b) == -1)
				return -1;
			pf->hashes[i] = hash64(b->data, b->len, 1) | 1;
			*idx = i;
			return 0;
		}
		*idx = i;
		if (pf->bufs[i].len > PARSE_MAX_FILE) {
			errno = EFBIG;
			return -1;
		}
		*b = pf->bufs[i];
		memset(&pf->bufs[i], 0, sizeof(pf->bufs[i]));
		return 0;
	}
	return source_read(src, path, PARSE_MAX_FILE, b);
}

void
parse_page(const struct cdate *today, struct source *src,
    struct prefetch *pf, struct page *p)
{
	struct buf	 b = BUF_INIT;
	size_t		 bad;
	size_t		 idx;
	int		 line, col, is_nfc;

	p->kind = parse_kind(p->src);
	if (read_page(src, pf, p->src, &b, &idx) == -1) {
		diag_err(&p->diag, p->src, 0, 0, "không đọc được tệp: %s%s",
		    err_text(errno), errno == EFBIG ?
		    " (tệp lớn hơn 16 MB; hãy chia nhỏ)" : "");
		p->failed = 1;
		goto out;
	}
	/*
	 * One pass: bad UTF-8 (reported first, anywhere), NUL, NFC.  Bytes
	 * an earlier build found clean (by content hash) need no second
	 * look.
	 */
	if (idx != (size_t)-1 && pf->hashes[idx] != 0 && pf->nknown > 0 &&
	    bsearch(&pf->hashes[idx], pf->known, pf->nknown,
	    sizeof(*pf->known), u64_cmp) != NULL) {
		is_nfc = 1;
		pf->clean[idx] = 1;
	} else switch (utf8_check(buf_cstr(&b), b.len, &bad, &is_nfc)) {
	case UTF8_BAD:
		diag_offset_pos(b.data, bad, &line, &col);
		diag_err(&p->diag, p->src, line, col, "tệp không phải văn "
		    "bản UTF-8 hợp lệ (byte 0x%02X); hãy lưu lại tệp với "
		    "bảng mã UTF-8", (unsigned char)b.data[bad]);
		p->failed = 1;
		goto out;
	case UTF8_NUL:
		diag_offset_pos(b.data, bad, &line, &col);
		diag_err(&p->diag, p->src, line, col, "tệp chứa ký tự NUL; "
		    "hãy lưu lại tệp dưới dạng văn bản thuần");
		p->failed = 1;
		goto out;
	default:
		break;
	}
	/* NFC so that text typed on any system compares and slugs alike. */
	if (is_nfc && idx != (size_t)-1)
		pf->clean[idx] = 1;
	if (is_nfc) {
		/* Already NFC: keep the buffer read rather than copy it. */
		p->textlen = b.len;
		if (b.cap > b.len + 1 + b.len / 8)
			b.data = xrealloc(b.data, b.len + 1);
		p->text = buf_detach(&b);
	} else {
		p->text = utf8_nfc(buf_cstr(&b), b.len);
		p->textlen = strlen(p->text);
	}
	if (fm_split(p->src, p->text, p->textlen, &p->meta, &p->body_off,
	    &p->body_line, &p->diag) == -1) {
		p->failed = 1;
		goto out;
	}
	parse_fields(today, p);
	warn_slips(today, p);
	if (p->slug != NULL && !p->failed) {
		p->url = page_url(p);
		p->out = route_out(p->url);
	}
out:
	buf_free(&b);
}
