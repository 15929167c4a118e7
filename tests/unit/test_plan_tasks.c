/*
 * test_plan_tasks.c - plan_extract and plan_split_partners: the fixture pairs
 * in tests/plans/ (X.md and the tasks expected from it in X.json), the
 * sample plans in plans/, partner splitting, split tables and warnings.
 *
 * Run from the repository root (tests/run.sh does), or give the root as
 * the first argument.  Links tests/json.c for the expected tasks.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "plan_tasks.h"
#include "t.h"
#include "units.h"
#include "util.h"
#include "value.h"

static const char *root = ".";
/* The compiled-in unit names (data/don-vi.yaml), as a build has them. */
static struct unit_names *units;

/* Reads a whole file; NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[8192];
	size_t		 n;
	FILE		*fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return buf_detach(&b);
}

/*
 * Skips the front matter ("---" ... "---") the way fm_split does, giving
 * the body's offset and first line.
 */
static void
body_of(const char *s, size_t len, size_t *off, int *line)
{
	const char	*p;
	size_t		 i;

	*off = 0;
	*line = 1;
	if (len < 4 || memcmp(s, "---\n", 4) != 0)
		return;
	for (p = s + 4; p < s + len; p = strchr(p, '\n') + 1) {
		if (strncmp(p, "---\n", 4) == 0) {
			*off = (size_t)(p - s) + 4;
			break;
		}
		if (strchr(p, '\n') == NULL)
			return;
	}
	for (i = 0; i < *off; i++)
		if (s[i] == '\n')
			(*line)++;
}

/* plan_extract on a whole file (front matter skipped); 0 or -1. */
static int
extract_file(const char *path, struct plan_tasks *t, struct diag *d)
{
	char	*src;
	size_t	 len, off;
	int	 line;

	if ((src = slurp(path, &len)) == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	body_of(src, len, &off, &line);
	plan_extract(path, src + off, len - off, line, units, t, d);
	free(src);
	return 0;
}

static void
extract(const char *md, struct plan_tasks *t, struct diag *d)
{
	plan_extract("plans/x.md", md, strlen(md), 1, units, t, d);
}

/* A string or null field of an expected task. */
static const char *
jstr(const struct val *task, const char *key)
{
	const struct val	*v = val_map_get(task, key);

	return v == NULL ? NULL : val_get_str(v);
}

/* Compares a possibly-NULL field with the expected string or null. */
#define T_FIELD(what, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (w_ == NULL && g_ == NULL)					\
		t_pass++;						\
	else if (w_ != NULL && g_ != NULL && strcmp(g_, w_) == 0)	\
		t_pass++;						\
	else {								\
		t_fail++;						\
		fprintf(stderr, "%s: FAIL: %s\n  got:  %s%s%s\n  want: %s%s%s\n", \
		    where, what, g_ ? "\"" : "", g_ ? g_ : "null",	\
		    g_ ? "\"" : "", w_ ? "\"" : "", w_ ? w_ : "null",	\
		    w_ ? "\"" : "");					\
	}								\
} while (0)

/* Checks one fixture pair: base.md against base.json. */
static void
check_fixture(const char *dir, const char *base)
{
	struct plan_tasks	 t;
	struct diag		 d;
	struct val		*want, *wt, *wp;
	char			 err[256], where[512], what[64];
	char			*path, *json;
	size_t			 len, i, j, n;

	path = xasprintf("%s/%s.json", dir, base);
	json = slurp(path, &len);
	free(path);
	T_OK(json != NULL);
	if (json == NULL)
		return;
	want = json_parse(json, len, err, sizeof(err));
	free(json);
	if (want == NULL)
		fprintf(stderr, "%s/%s.json:%s\n", dir, base, err);
	T_OK(want != NULL && val_type(want) == VAL_LIST);
	if (want == NULL)
		return;
	diag_init(&d);
	path = xasprintf("%s/%s.md", dir, base);
	T_INTEQ(extract_file(path, &t, &d), 0);
	free(path);
	/* The fixtures are well-formed plans: nothing to warn about. */
	T_INTEQ(d.warnings, 0);
	for (i = 0; i < d.len; i++)
		fprintf(stderr, "%s: unexpected: %d: %s\n", base,
		    d.msgs[i].line, d.msgs[i].text);
	n = val_list_len(want);
	snprintf(where, sizeof(where), "%s", base);
	T_INTEQ(t.n, n);
	for (i = 0; i < n && i < t.n; i++) {
		wt = val_list_at(want, i);
		snprintf(where, sizeof(where), "tests/plans/%s.md task %zu", base,
		    i + 1);
		T_FIELD("id", t.v[i].id, jstr(wt, "id"));
		T_FIELD("content", t.v[i].content, jstr(wt, "content"));
		T_FIELD("lead", t.v[i].lead, jstr(wt, "lead"));
		T_FIELD("output", t.v[i].output, jstr(wt, "output"));
		T_FIELD("when", t.v[i].when, jstr(wt, "when"));
		if (val_map_get(wt, "line") != NULL)
			T_INTEQ(t.v[i].line,
			    (int)val_get_num(val_map_get(wt, "line")));
		wp = val_map_get(wt, "partners");
		T_INTEQ(t.v[i].npartners, val_list_len(wp));
		for (j = 0; j < t.v[i].npartners && j < val_list_len(wp); j++) {
			snprintf(what, sizeof(what), "partners[%zu]", j);
			T_FIELD(what, t.v[i].partners[j],
			    val_get_str(val_list_at(wp, j)));
		}
		T_OK(t.v[i].partners != NULL &&
		    t.v[i].partners[t.v[i].npartners] == NULL);
	}
	val_unref(want);
	plan_tasks_free(&t);
	diag_free(&d);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_fixtures(void)
{
	char		*dir, **names = NULL;
	size_t		 n = 0, i, len;
	DIR		*dp;
	struct dirent	*de;

	dir = xasprintf("%s/tests/plans", root);
	dp = opendir(dir);
	T_OK(dp != NULL);
	while (dp != NULL && (de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrndup(de->d_name, len - 5);
	}
	if (dp != NULL)
		closedir(dp);
	qsort(names, n, sizeof(*names), cmp_str);
	/* The two seeds and at least two of our own. */
	T_OK(n >= 4);
	for (i = 0; i < n; i++) {
		check_fixture(dir, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
}

/* The sample plans shipped in plans/. */
static void
test_sample_plans(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	char			*path;
	char			 id[8];
	size_t			 i;

	diag_init(&d);
	path = xasprintf("%s/plans/ke-hoach-tuyen-truyen-cchc-2025.md", root);
	T_INTEQ(extract_file(path, &t, &d), 0);
	free(path);
	T_INTEQ(t.n, 7);
	for (i = 0; i < t.n && i < 7; i++) {
		snprintf(id, sizeof(id), "2.%zu", i + 1);
		T_STREQ(t.v[i].id, id);
		T_OK(t.v[i].lead != NULL && t.v[i].when != NULL);
		T_OK(t.v[i].output == NULL);
	}
	if (t.n == 7) {
		T_STREQ(t.v[0].lead, "Văn phòng Sở");
		T_INTEQ(t.v[0].npartners, 2);
		T_STREQ(t.v[0].partners[0], "Phòng Nghiệp vụ");
		T_STREQ(t.v[0].partners[1],
		    "Chi cục Tiêu chuẩn Đo lường Chất lượng");
		T_STREQ(t.v[0].when, "Thường xuyên");
		T_INTEQ(t.v[0].line, 50);
		T_STREQ(t.v[1].when,
		    "Định kỳ hằng tháng (Trang thông tin điện tử)");
		T_INTEQ(t.v[1].npartners, 1);
		T_STREQ(t.v[1].partners[0], "Các phòng, đơn vị thuộc Sở");
		T_STREQ(t.v[4].when, "Tháng 6 - 9/2025");
		T_STREQ(t.v[6].lead, "Chi cục Tiêu chuẩn Đo lường Chất lượng");
		T_INTEQ(t.v[6].npartners, 0);
		T_STREQ(t.v[6].when, "Quý II - III/2025");
		T_CONTAINS(t.v[6].content, "TCVN ISO 9001:2015");
	}
	plan_tasks_free(&t);

	path = xasprintf("%s/plans/ke-hoach-thong-tin-tuyen-truyen-cchc-2024.md",
	    root);
	T_INTEQ(extract_file(path, &t, &d), 0);
	free(path);
	T_INTEQ(t.n, 6);
	for (i = 0; i < t.n && i < 6; i++) {
		snprintf(id, sizeof(id), "%zu", i + 1);
		T_STREQ(t.v[i].id, id);
		T_STREQ(t.v[i].lead, "Văn phòng Sở");
		T_STREQ(t.v[i].when, "Trong năm 2024");
	}
	if (t.n == 6) {
		T_STREQ(t.v[0].content, "Niêm yết, thông báo trên Trang thông "
		    "tin điện tử của Sở và các đơn vị trực thuộc");
		T_INTEQ(t.v[0].npartners, 2);
		T_INTEQ(t.v[1].npartners, 4);
		T_STREQ(t.v[1].partners[3],
		    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng");
		T_INTEQ(t.v[4].npartners, 1);
		T_STREQ(t.v[4].partners[0], "Các phòng, đơn vị có liên quan");
		T_INTEQ(t.v[0].line, 61);
		T_INTEQ(t.v[5].line, 66);
	}
	plan_tasks_free(&t);
	T_INTEQ(d.len, 0);
	diag_free(&d);
}

/* Checks plan_split_partners(text) against the NULL-ended list. */
static void
split_is(int line, const char *text, const char *const *want)
{
	char	**v;
	size_t	  n, k, i;
	int	  ok;

	for (k = 0; want[k] != NULL; k++)
		;
	v = plan_split_partners(text, units, NULL, &n);
	ok = v != NULL && n == k && v[n] == NULL;
	for (i = 0; ok && i < n; i++)
		ok = strcmp(v[i], want[i]) == 0;
	if (ok)
		t_pass++;
	else {
		t_fail++;
		fprintf(stderr, "%s:%d: FAIL: plan_split_partners(\"%s\")\n",
		    __FILE__, line, text);
		for (i = 0; v != NULL && i < n; i++)
			fprintf(stderr, "  got[%zu]:  \"%s\"\n", i, v[i]);
		for (i = 0; i < k; i++)
			fprintf(stderr, "  want[%zu]: \"%s\"\n", i, want[i]);
	}
	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}
#define SPLIT(text, ...) do {						\
	static const char *const w_[] = { __VA_ARGS__, NULL };		\
	split_is(__LINE__, (text), w_);					\
} while (0)
#define SPLIT_NONE(text) do {						\
	static const char *const w_[] = { NULL };			\
	split_is(__LINE__, (text), w_);					\
} while (0)

static void
test_split_partners(void)
{
	/* Commas: every part capitalised, or the text is one unit. */
	SPLIT("Phòng Nghiệp vụ, Chi cục Tiêu chuẩn Đo lường Chất lượng.",
	    "Phòng Nghiệp vụ", "Chi cục Tiêu chuẩn Đo lường Chất lượng");
	SPLIT("các phòng, đơn vị thuộc Sở.", "các phòng, đơn vị thuộc Sở");
	SPLIT("Các phòng, đơn vị thuộc Sở", "Các phòng, đơn vị thuộc Sở");
	SPLIT("Toàn thể công chức, viên chức, người lao động",
	    "Toàn thể công chức, viên chức, người lao động");
	SPLIT("Thanh tra Sở, Văn phòng Sở, Phòng Tổ chức bộ máy",
	    "Thanh tra Sở", "Văn phòng Sở", "Phòng Tổ chức bộ máy");
	SPLIT("Văn phòng Sở, các phòng chuyên môn",
	    "Văn phòng Sở, các phòng chuyên môn");
	SPLIT("UBND các huyện, Đài Phát thanh và Truyền hình",
	    "UBND các huyện", "Đài Phát thanh và Truyền hình");
	/* Ư, Đ, Ủ are capitals too (precomposed). */
	SPLIT("Ủy ban nhân dân tỉnh, Đoàn Thanh niên",
	    "Ủy ban nhân dân tỉnh", "Đoàn Thanh niên");
	/* A number is not a capital letter. */
	SPLIT("Phòng A, 3 trường học", "Phòng A, 3 trường học");
	/* Commas inside parentheses never split. */
	SPLIT("Văn phòng Sở (Bộ phận Một cửa, Tổ Công nghệ thông tin)",
	    "Văn phòng Sở (Bộ phận Một cửa, Tổ Công nghệ thông tin)");
	/*
	 * A known name (data/don-vi.yaml) is never cut at its comma; with
	 * ";" (or on lines) its comma is kept anyway.
	 */
	SPLIT("Sở Văn hóa, Thể thao và Du lịch",
	    "Sở Văn hóa, Thể thao và Du lịch");
	SPLIT("Sở Nội vụ; Sở Văn hóa, Thể thao và Du lịch",
	    "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch");
	/* Semicolons, with trailing periods and empty parts. */
	SPLIT("Chi cục Tiêu chuẩn Đo lường Chất lượng; Trung tâm Thông tin "
	    "khoa học và công nghệ.", "Chi cục Tiêu chuẩn Đo lường Chất lượng",
	    "Trung tâm Thông tin khoa học và công nghệ");
	SPLIT("A;;  B ;", "A", "B");
	SPLIT("Phòng A;\nPhòng B;\nPhòng C.", "Phòng A", "Phòng B", "Phòng C");
	/* Line breaks. */
	SPLIT("Văn phòng Sở\nPhòng Nghiệp vụ", "Văn phòng Sở", "Phòng Nghiệp vụ");
	SPLIT("  Văn phòng Sở \r\n\r\n Phòng Nghiệp vụ  ", "Văn phòng Sở",
	    "Phòng Nghiệp vụ");
	/* "- " marks; an unmarked line continues the item above it. */
	SPLIT("- Chi cục Tiêu chuẩn Đo lường Chất lượng\n- Trung tâm Kỹ thuật "
	    "Tiêu chuẩn Đo lường\nChất lượng\n- Vườn ươm công nghệ công nghiệp "
	    "Việt Nam - Hàn Quốc",
	    "Chi cục Tiêu chuẩn Đo lường Chất lượng",
	    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
	    "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc");
	SPLIT("- Phòng A;\n- Phòng B.", "Phòng A", "Phòng B");
	SPLIT("+ Phòng A\n• Phòng B\n– Phòng C", "Phòng A", "Phòng B",
	    "Phòng C");
	/* A dash inside a name is not a mark. */
	SPLIT("Sở Lao động - Thương binh và Xã hội",
	    "Sở Lao động - Thương binh và Xã hội");
	SPLIT("- Vườn ươm Việt Nam - Hàn Quốc, Phòng A",
	    "Vườn ươm Việt Nam - Hàn Quốc", "Phòng A");
	/* "-2030" is no mark: a mark needs a space after it. */
	SPLIT("-Phòng A", "-Phòng A");
	/* Stronger separators win over commas. */
	SPLIT("- Phòng A, Phòng B\n- Phòng C", "Phòng A, Phòng B", "Phòng C");
	/* Nothing at all. */
	SPLIT_NONE("");
	SPLIT_NONE("   \n \n");
	SPLIT_NONE("-");
	SPLIT_NONE(" - \n;\n.");
	/* White space inside a unit collapses. */
	SPLIT("Văn  phòng\tSở", "Văn phòng Sở");
	/* An ellipsis is kept. */
	SPLIT("Phòng A, Phòng B...", "Phòng A", "Phòng B...");
}

/* Field checks on extracted task i (NULL-safe). */
#define TASK(t, i)	((i) < (t).n ? &(t).v[(i)] : NULL)

/*
 * Known names with a comma stay whole, matched at comma boundaries
 * without case or diacritics, longest first, in the cell's spelling.
 */
static void
test_known_names(void)
{
	SPLIT("Báo và Phát thanh, Truyền hình tỉnh",
	    "Báo và Phát thanh, Truyền hình tỉnh");
	/* The province's name after the known stem. */
	SPLIT("Báo và Phát thanh, Truyền hình Sóc Trăng, Sở Nội vụ",
	    "Báo và Phát thanh, Truyền hình Sóc Trăng", "Sở Nội vụ");
	SPLIT("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế, Công an tỉnh.",
	    "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "Công an tỉnh");
	SPLIT("Phòng Nghiệp vụ, Sở Văn hóa, Thể thao và Du lịch tỉnh Sóc "
	    "Trăng, Báo và Phát thanh, Truyền hình",
	    "Phòng Nghiệp vụ",
	    "Sở Văn hóa, Thể thao và Du lịch tỉnh Sóc Trăng",
	    "Báo và Phát thanh, Truyền hình");
	/* Capitals, the old tone placement ("HOÁ"), decomposed (NFD). */
	SPLIT("SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH, Sở Y tế",
	    "SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH", "Sở Y tế");
	SPLIT("So\xcc\x9b\xcc\x89 Va\xcc\x86n ho\xcc\x81" "a, Thê\xcc\x89 "
	    "thao và Du li\xcc\xa3" "ch, Sở Y tế", "So\xcc\x9b\xcc\x89 "
	    "Va\xcc\x86n ho\xcc\x81" "a, Thê\xcc\x89 thao và Du li\xcc\xa3"
	    "ch", "Sở Y tế");
	/* White space around the comma does not matter; it is collapsed. */
	SPLIT("Sở Văn hóa ,Thể thao và Du lịch, Sở Y tế",
	    "Sở Văn hóa ,Thể thao và Du lịch", "Sở Y tế");
	SPLIT("Phòng Kinh tế, Hạ tầng và Đô thị, Phòng Văn hóa, Khoa học và "
	    "Thông tin", "Phòng Kinh tế, Hạ tầng và Đô thị",
	    "Phòng Văn hóa, Khoa học và Thông tin");
	/* A name must end at a word boundary: "Du lịchx" is not it. */
	SPLIT("Sở Văn hóa, Thể thao và Du lịchx", "Sở Văn hóa",
	    "Thể thao và Du lịchx");
	/* Known names do not make lower-case parts split. */
	SPLIT("Sở Văn hóa, Thể thao và Du lịch, các phòng chuyên môn",
	    "Sở Văn hóa, Thể thao và Du lịch, các phòng chuyên môn");
}

/* How many partners plan_split_partners finds (warnings go to at). */
static size_t
nsplit(const char *text, const struct unit_names *u, const struct plan_at *at)
{
	char	**v;
	size_t	  n, i;

	v = plan_split_partners(text, u, at, &n);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return n;
}

/* The warning texts a list of tasks from `md` gives, one a line. */
static void
warnings_of(const char *md, const struct unit_names *u, struct buf *out)
{
	struct plan_tasks	 t;
	struct diag		 d;
	size_t			 i;

	diag_init(&d);
	plan_extract("plans/x.md", md, strlen(md), 1, u, &t, &d);
	buf_reset(out);
	for (i = 0; i < d.len; i++) {
		diag_format(&d.msgs[i], out);
		buf_putc(out, '\n');
	}
	plan_tasks_free(&t);
	diag_free(&d);
}

static void
test_split_warnings(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	struct plan_at		 at = { "plans/x.md", 7, 3, NULL };
	struct buf		 b = BUF_INIT;
	char			**v;
	size_t			 n, i;

	/* An unknown name with a comma: split as before, and a warning. */
	diag_init(&d);
	at.d = &d;
	v = plan_split_partners("Phòng Nghiệp vụ, Trung tâm Văn hóa, Thể "
	    "thao tỉnh, Sở Y tế", units, &at, &n);
	T_INTEQ(n, 4);
	if (n == 4) {
		T_STREQ(v[1], "Trung tâm Văn hóa");
		T_STREQ(v[2], "Thể thao tỉnh");
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	T_INTEQ(d.len, 1);
	T_INTEQ(d.warnings, 1);
	if (d.len == 1) {
		diag_format(&d.msgs[0], &b);
		T_STREQ(buf_cstr(&b), "plans/x.md:7:3: cảnh báo: đơn vị phối "
		    "hợp “Trung tâm Văn hóa, Thể thao tỉnh” được tách tại dấu "
		    "phẩy thành “Trung tâm Văn hóa” và “Thể thao tỉnh”, nhưng "
		    "“Thể thao tỉnh” không giống tên một đơn vị (không bắt đầu "
		    "bằng Sở, Phòng, Chi cục, Trung tâm, Ban, UBND…); nếu đây "
		    "là tên một đơn vị, hãy thêm dòng “- Trung tâm Văn hóa, Thể "
		    "thao tỉnh” dưới khóa units: trong site.yaml; nếu là các đơn "
		    "vị riêng, hãy ngăn cách bằng dấu “;”");
	}
	diag_free(&d);

	/* Plain lists of units: no warning. */
	diag_init(&d);
	at.d = &d;
	for (i = 0; i < 6; i++) {
		static const char *const plain[] = {
			"Phòng A, Phòng B",
			"Thanh tra Sở, Văn phòng Sở, Phòng Tổ chức bộ máy",
			"UBND các huyện, Đài Phát thanh và Truyền hình",
			"Ủy ban nhân dân tỉnh, Đoàn Thanh niên",
			"VNPT Sóc Trăng, Bưu điện tỉnh, Chi cục Thuế",
			/* Not split at all: nothing to warn about. */
			"Văn phòng Sở, các phòng chuyên môn",
		};
		T_OK(nsplit(plain[i], units, &at) >= 1);
	}
	/* "Bưu điện" is no unit word: the only warning is for it. */
	T_INTEQ(d.len, 1);
	if (d.len == 1)
		T_CONTAINS(d.msgs[0].text, "“VNPT Sóc Trăng, Bưu điện tỉnh” "
		    "được tách tại dấu phẩy thành “VNPT Sóc Trăng” và “Bưu "
		    "điện tỉnh”, nhưng “Bưu điện tỉnh” không giống");
	diag_free(&d);

	/*
	 * A run of doubtful parts is one warning; when the first part is
	 * the doubtful one, the part after it is named with it.
	 */
	diag_init(&d);
	at.d = &d;
	T_INTEQ(nsplit("Sở Giao thông, Vận tải, Cầu đường, Phòng A, Đồng "
	    "chí Nguyễn Văn B", units, &at), 5);
	T_INTEQ(nsplit("Đồng chí Nguyễn Văn A, Phó Giám đốc Sở", units, &at),
	    2);
	T_INTEQ(d.len, 3);
	if (d.len == 3) {
		T_CONTAINS(d.msgs[0].text, "“Sở Giao thông, Vận tải, Cầu "
		    "đường” được tách tại dấu phẩy thành “Sở Giao thông”, “Vận "
		    "tải” và “Cầu đường”, nhưng “Vận tải” và “Cầu đường” không");
		T_CONTAINS(d.msgs[1].text, "“Phòng A, Đồng chí Nguyễn Văn B” "
		    "được tách");
		T_CONTAINS(d.msgs[2].text, "“Đồng chí Nguyễn Văn A, Phó Giám "
		    "đốc Sở” được tách tại dấu phẩy thành “Đồng chí Nguyễn Văn "
		    "A” và “Phó Giám đốc Sở”, nhưng “Đồng chí Nguyễn Văn A” "
		    "không");
	}
	diag_free(&d);

	/* Without names (or without a place) nothing is said. */
	diag_init(&d);
	at.d = &d;
	T_INTEQ(nsplit("Sở Văn hóa, Thể thao và Du lịch", NULL, &at), 2);
	T_INTEQ(nsplit("Trung tâm Văn hóa, Thể thao", units, NULL), 2);
	T_INTEQ(d.len, 0);
	diag_free(&d);

	/* In a plan: at the partners cell, and at the partners label. */
	warnings_of("Kế hoạch.\n\n| TT | Nội dung | Chủ trì | Phối hợp |\n"
	    "|---|---|---|---|\n| 1 | Việc | Văn phòng Sở | Trung tâm Văn hóa, "
	    "Thể thao |\n", units, &b);
	T_CONTAINS(buf_cstr(&b), "plans/x.md:5:29: cảnh báo: đơn vị phối hợp "
	    "“Trung tâm Văn hóa, Thể thao” được tách");
	warnings_of("Kế hoạch.\n\n2.1. Việc\n\n- Cơ quan chủ trì: Văn phòng "
	    "Sở\n- Cơ quan phối hợp: Trung tâm Văn hóa, Thể thao\n", units, &b);
	T_CONTAINS(buf_cstr(&b), "plans/x.md:6:1: cảnh báo: đơn vị phối hợp "
	    "“Trung tâm Văn hóa, Thể thao” được tách");
	/* Known, or written with ";": no warning. */
	warnings_of("| TT | Nội dung | Phối hợp |\n|---|---|---|\n| 1 | Việc | "
	    "Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình "
	    "tỉnh |\n| 2 | Việc | Trung tâm Văn hóa; Thể thao |\n", units, &b);
	T_STREQ(buf_cstr(&b), "");
	buf_free(&b);

	/* Extracted tasks keep the known names whole. */
	diag_init(&d);
	extract("| TT | Nội dung | Phối hợp |\n|---|---|---|\n| 1 | Việc | "
	    "Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình "
	    "tỉnh |\n", &t, &d);
	T_INTEQ(t.n, 1);
	if (t.n == 1) {
		T_INTEQ(t.v[0].npartners, 2);
		if (t.v[0].npartners == 2) {
			T_STREQ(t.v[0].partners[0],
			    "Sở Văn hóa, Thể thao và Du lịch");
			T_STREQ(t.v[0].partners[1],
			    "Báo và Phát thanh, Truyền hình tỉnh");
		}
	}
	plan_tasks_free(&t);
	diag_free(&d);
}

/* A name a site adds (site.yaml `units:`) is kept whole as well. */
static void
test_site_names(void)
{
	struct diag		 d;
	struct unit_names	*u;
	struct plan_at		 at = { "plans/x.md", 1, 1, NULL };
	char			**v;
	size_t			 n, i;

	diag_init(&d);
	u = units_new(&d);
	T_OK(u != NULL);
	if (u == NULL)
		return;
	at.d = &d;
	T_INTEQ(nsplit("Trung tâm Văn hóa, Thể thao tỉnh, Sở Y tế", u, &at),
	    3);
	T_INTEQ(d.warnings, 1);
	diag_free(&d);
	diag_init(&d);
	at.d = &d;
	units_add(u, "trung tâm văn hoá , thể thao tỉnh");
	v = plan_split_partners("Trung tâm Văn hóa, Thể thao tỉnh, Sở Y tế",
	    u, &at, &n);
	T_INTEQ(n, 2);
	if (n == 2) {
		T_STREQ(v[0], "Trung tâm Văn hóa, Thể thao tỉnh");
		T_STREQ(v[1], "Sở Y tế");
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	T_INTEQ(d.len, 0);
	diag_free(&d);
	units_free(u);
}

/* "<br>" in table cells: partners and leads split there. */
static void
test_br_cells(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	struct plan_task	*k;

	diag_init(&d);
	extract("| TT | Nội dung | Chủ trì | Phối hợp |\n|---|---|---|---|\n"
	    "| 1 | Việc | Văn phòng Sở<br>Phòng Nghiệp vụ | Sở Văn hóa, Thể "
	    "thao và Du lịch<BR/>Sở Y tế<br />Thanh tra tỉnh |\n"
	    "| 2 | Việc | Trung tâm Kỹ thuật Tiêu chuẩn<br>Đo lường Chất lượng"
	    " | Phòng A<br onclick=\"x\">Phòng B |\n"
	    "| 3 | Việc | - Văn phòng Sở<br>- Thanh tra Sở. | |\n", &t, &d);
	T_INTEQ(t.n, 3);
	if ((k = TASK(t, 0)) != NULL) {
		T_STREQ(k->lead, "Văn phòng Sở; Phòng Nghiệp vụ");
		T_INTEQ(k->npartners, 3);
		if (k->npartners == 3) {
			T_STREQ(k->partners[0],
			    "Sở Văn hóa, Thể thao và Du lịch");
			T_STREQ(k->partners[1], "Sở Y tế");
			T_STREQ(k->partners[2], "Thanh tra tỉnh");
		}
	}
	if ((k = TASK(t, 1)) != NULL) {
		/* A name wrapped onto two lines stays one line. */
		T_STREQ(k->lead, "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất "
		    "lượng");
		/* A tag with attributes is no line break. */
		T_INTEQ(k->npartners, 1);
		if (k->npartners == 1)
			T_STREQ(k->partners[0], "Phòng APhòng B");
	}
	if ((k = TASK(t, 2)) != NULL)
		T_STREQ(k->lead, "Văn phòng Sở; Thanh tra Sở");
	plan_tasks_free(&t);
	T_INTEQ(d.len, 0);
	diag_free(&d);
}

static void
test_table_basic(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	struct plan_task	*k;

	diag_init(&d);
	/* Column order, header variants, NFD header, <br> and code spans. */
	extract(
	    "| Thời gian thực hiện | Cơ quan phối hợp | STT. | Sản phẩm đầu ra "
	    "| Chu\xcc\x89 tri\xcc\x80 | NỘI DUNG |\n"
	    "|---|---|---|---|---|---|\n"
	    "| Quý I. | A; B | 1. | Báo cáo<br>tổng hợp. | `Văn phòng` | Một<br/>hai. |\n"
	    "| | | 2.3.4 | | | Chỉ nội dung |\n", &t, &d);
	T_INTEQ(t.n, 2);
	if ((k = TASK(t, 0)) != NULL) {
		T_STREQ(k->id, "1");
		T_STREQ(k->content, "Một hai");
		T_STREQ(k->lead, "Văn phòng");
		T_STREQ(k->when, "Quý I");
		T_STREQ(k->output, "Báo cáo tổng hợp");
		T_INTEQ(k->npartners, 2);
		T_INTEQ(k->line, 3);
	}
	if ((k = TASK(t, 1)) != NULL) {
		T_STREQ(k->id, "2.3.4");
		T_OK(k->lead == NULL && k->when == NULL && k->output == NULL);
		T_INTEQ(k->npartners, 0);
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* Tables that are not task tables. */
	extract("| STT | Tên văn bản | Ghi chú |\n|---|---|---|\n| 1 | a | b |\n\n"
	    "| TT | Nội dung | Chủ trì |\n|---|---|---|\n\n"
	    "| Nội dung | Chủ trì | Thời gian |\n|---|---|---|\n| a | b | c |\n"
	    "\n| Số TT | Nội dung | Thời hạn |\n|---|---|---|\n| 7 | x | y |\n",
	    &t, &d);
	T_INTEQ(t.n, 1);
	if ((k = TASK(t, 0)) != NULL) {
		T_STREQ(k->id, "7");
		T_STREQ(k->when, "y");
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* Group heading rows: Roman, letters, and parents of sub-numbers. */
	extract("| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n"
	    "| I | Nhóm một | | |\n"
	    "| 1 | Nhóm con | | |\n"
	    "| 1.1 | Việc một | A | Q1 |\n"
	    "| 2 | Việc hai, không chủ trì | | |\n"
	    "| B. | Nhóm hai | | |\n"
	    "| III | Việc La Mã có chủ trì | C | |\n", &t, &d);
	T_INTEQ(t.n, 3);
	if (t.n == 3) {
		T_STREQ(t.v[0].id, "1.1");
		T_STREQ(t.v[1].id, "2");
		T_OK(t.v[1].lead == NULL && t.v[1].when == NULL);
		T_STREQ(t.v[2].id, "III");
		T_STREQ(t.v[2].lead, "C");
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);
	diag_free(&d);
}

static void
test_table_continuation(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	struct plan_task	*k;

	diag_init(&d);
	/*
	 * The page break of seed 002: a unit cut in two ("Đo lường" /
	 * "Chất lượng"), a new "- " unit after it, and "(nếu" / "có)".
	 */
	extract(
	    "| TT | Hình thức | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
	    "|---|---|---|---|---|\n"
	    "| 1 | Việc (nếu | Văn phòng | - Chi cục A<br>- Trung tâm Đo lường | Năm |\n"
	    "\n"
	    "| TT | Hình thức | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
	    "|---|---|---|---|---|\n"
	    "| | có) | | Chất lượng<br>- Vườn ươm Việt Nam - Hàn Quốc | 2024 |\n"
	    "| 2 | Việc hai | Văn phòng | Phòng B | Quý II |\n"
	    "|  |  |  |  |  |\n"
	    "| | | | - Phòng C | |\n", &t, &d);
	T_INTEQ(t.n, 2);
	if ((k = TASK(t, 0)) != NULL) {
		T_STREQ(k->content, "Việc (nếu có)");
		T_STREQ(k->when, "Năm 2024");
		T_INTEQ(k->npartners, 3);
		if (k->npartners == 3) {
			T_STREQ(k->partners[1], "Trung tâm Đo lường Chất lượng");
			T_STREQ(k->partners[2], "Vườn ươm Việt Nam - Hàn Quốc");
		}
		T_INTEQ(k->line, 3);
	}
	/* A continuation starting with "- " is a new line, not more text. */
	if ((k = TASK(t, 1)) != NULL) {
		T_INTEQ(k->npartners, 2);
		if (k->npartners == 2)
			T_STREQ(k->partners[1], "Phòng C");
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* The header repeated inside one Markdown table is skipped. */
	extract("| TT | Nội dung | Chủ trì |\n|---|---|---|\n"
	    "| 1 | Một | A |\n"
	    "| TT | Nội dung | Chủ trì |\n"
	    "| | tiếp | |\n"
	    "| 2 | Hai | B |\n", &t, &d);
	T_INTEQ(t.n, 2);
	if (t.n == 2) {
		T_STREQ(t.v[0].content, "Một tiếp");
		T_STREQ(t.v[1].content, "Hai");
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* Same columns in other words still continue. */
	extract("| TT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | Một | A |\n\n"
	    "Trang 2\n\n"
	    "| STT | Nội dung công việc | Đơn vị chủ trì |\n|---|---|---|\n"
	    "| | tiếp | |\n", &t, &d);
	T_INTEQ(t.n, 1);
	if (t.n == 1)
		T_STREQ(t.v[0].content, "Một tiếp");
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* Other columns: a new table, and its first row continues nothing. */
	extract("| TT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | Một | A |\n\n"
	    "| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n"
	    "| | mồ côi | | |\n| 2 | Hai | B | C |\n", &t, &d);
	T_INTEQ(t.n, 2);
	if (t.n == 2)
		T_STREQ(t.v[0].content, "Một");
	T_INTEQ(d.len, 1);
	if (d.len == 1) {
		T_INTEQ(d.msgs[0].line, 7);
		T_INTEQ(d.msgs[0].level, DIAG_WARNING);
		T_CONTAINS(d.msgs[0].text, "không có số thứ tự");
		T_CONTAINS(d.msgs[0].text, "cột “TT”");
	}
	plan_tasks_free(&t);

	/* A list-form task in between ends the table's run. */
	extract("| TT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | Một | A |\n\n"
	    "2.1. Việc\n\n- Cơ quan chủ trì: B\n\n"
	    "| TT | Nội dung | Chủ trì |\n|---|---|---|\n| | tiếp | |\n",
	    &t, &d);
	T_INTEQ(t.n, 2);
	if (t.n == 2) {
		T_STREQ(t.v[0].content, "Một");
		T_STREQ(t.v[1].content, "Việc");
	}
	T_INTEQ(d.len, 2);
	plan_tasks_free(&t);
	diag_free(&d);
}

static void
test_list_form(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	struct plan_task	*k;

	diag_init(&d);
	/*
	 * cmark reads "2.1. Text" as a paragraph (2.1. is no list marker)
	 * and "1. Text" as an ordered list item; both make tasks.
	 */
	extract("2.1. Tuyên truyền trên\ntrang tin.\n\n"
	    "- Đơn vị chủ trì thực hiện: Văn phòng Sở.\n"
	    "- Đơn vị phối hợp: Phòng A, Phòng B.\n"
	    "- Thời gian thực hiện: Thường xuyên.\n"
	    "- Ghi chú: không phải nhãn\n\n"
	    "1. Việc một\n"
	    "   - Cơ quan chủ trì: C\n"
	    "   - Sản phẩm: Báo cáo.\n"
	    "2. Không phải nhiệm vụ\n"
	    "3. Việc ba\n\n"
	    "- CƠ QUAN CHỦ TRÌ : D\n"
	    "- Cơ quan phối hợp:\n"
	    "- Thời gian:\n", &t, &d);
	T_INTEQ(t.n, 3);
	if ((k = TASK(t, 0)) != NULL) {
		T_STREQ(k->id, "2.1");
		T_STREQ(k->content, "Tuyên truyền trên trang tin");
		T_STREQ(k->lead, "Văn phòng Sở");
		T_INTEQ(k->npartners, 2);
		T_STREQ(k->when, "Thường xuyên");
		T_OK(k->output == NULL);
		T_INTEQ(k->line, 1);
	}
	if ((k = TASK(t, 1)) != NULL) {
		T_STREQ(k->id, "1");
		T_STREQ(k->content, "Việc một");
		T_STREQ(k->lead, "C");
		T_STREQ(k->output, "Báo cáo");
		T_OK(k->when == NULL);
		T_INTEQ(k->line, 9);
	}
	if ((k = TASK(t, 2)) != NULL) {
		T_STREQ(k->id, "3");
		T_STREQ(k->lead, "D");
		T_INTEQ(k->npartners, 0);
		T_OK(k->when == NULL);
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* Numbers that are not tasks, and lists that are not label lists. */
	extract("2025. Năm cải cách.\n\n- Cơ quan chủ trì: X\n\n"
	    "2.1. Không có nhãn\n\n- Một\n- Hai\n\n"
	    "1. Mục một\n2. Mục hai\n\n- Thời gian: 8 giờ\n- Địa điểm: Hội trường\n",
	    &t, &d);
	T_INTEQ(t.n, 1);
	if (t.n == 1)
		T_STREQ(t.v[0].id, "2025");
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* "1.3 Text" without a final dot, in a heading, nested in an item. */
	extract("### 1.3 Việc có tiêu đề\n\n- Cơ quan chủ trì: A\n\n"
	    "- 4.2. Việc trong mục\n  - Cơ quan chủ trì: B\n", &t, &d);
	T_INTEQ(t.n, 2);
	if (t.n == 2) {
		T_STREQ(t.v[0].id, "1.3");
		T_STREQ(t.v[0].content, "Việc có tiêu đề");
		T_STREQ(t.v[1].id, "4.2");
		T_STREQ(t.v[1].lead, "B");
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);

	/* Partners on lines, in a nested list, with a wrapped item. */
	extract("5.1. Việc\n\n- Cơ quan phối hợp: Phòng A\n  Phòng B\n"
	    "- Cơ quan phối hợp:\n  - Hiệp hội\n    các khu công nghiệp\n"
	    "  - Công an tỉnh\n", &t, &d);
	T_INTEQ(t.n, 1);
	if ((k = TASK(t, 0)) != NULL) {
		T_OK(k->lead == NULL);
		T_INTEQ(k->npartners, 4);
		if (k->npartners == 4) {
			T_STREQ(k->partners[0], "Phòng A");
			T_STREQ(k->partners[1], "Phòng B");
			T_STREQ(k->partners[2], "Hiệp hội các khu công nghiệp");
			T_STREQ(k->partners[3], "Công an tỉnh");
		}
	}
	T_INTEQ(d.len, 0);
	plan_tasks_free(&t);
	diag_free(&d);
}

static void
test_warnings(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	struct buf		 b = BUF_INIT;
	const char		*src;

	diag_init(&d);
	/* Duplicate ids across forms; lines shifted by first_line. */
	src = "| TT | Nội dung | Chủ trì |\n|---|---|---|\n"
	    "| 1 | Một | A |\n| 2 | Hai | A |\n| 1 | Lại một | B |\n\n"
	    "2. Hai nữa\n   - Cơ quan chủ trì: C\n";
	plan_extract("plans/kh.md", src, strlen(src), 10, units, &t, &d);
	T_INTEQ(t.n, 4);
	T_INTEQ(d.len, 2);
	if (d.len == 2) {
		T_STREQ(d.msgs[0].file, "plans/kh.md");
		T_INTEQ(d.msgs[0].line, 14);
		T_INTEQ(d.msgs[0].col, 1);
		T_STREQ(d.msgs[0].text, "số thứ tự “1” đã dùng cho nhiệm vụ ở "
		    "dòng 12; hãy đánh lại số để mỗi nhiệm vụ có một số riêng");
		T_INTEQ(d.msgs[1].line, 16);
		T_CONTAINS(d.msgs[1].text, "“2” đã dùng cho nhiệm vụ ở dòng 13");
		diag_format(&d.msgs[0], &b);
		T_STREQ(buf_cstr(&b), "plans/kh.md:14:1: cảnh báo: số thứ tự "
		    "“1” đã dùng cho nhiệm vụ ở dòng 12; hãy đánh lại số để mỗi "
		    "nhiệm vụ có một số riêng");
	}
	T_INTEQ(d.warnings, 2);
	T_INTEQ(d.errors, 0);
	/* Both duplicates are kept. */
	if (t.n == 4) {
		T_STREQ(t.v[2].content, "Lại một");
		T_STREQ(t.v[3].id, "2");
	}
	plan_tasks_free(&t);
	diag_free(&d);

	/* A number cell that is no number: warned, the task kept. */
	diag_init(&d);
	extract("| TT | Nội dung | Chủ trì |\n|---|---|---|\n"
	    "| 1a | Một | A |\n| (2) | Hai | B |\n", &t, &d);
	T_INTEQ(t.n, 2);
	if (t.n == 2) {
		T_STREQ(t.v[0].id, "1a");
		T_STREQ(t.v[1].id, "(2)");
	}
	T_INTEQ(d.len, 2);
	if (d.len == 2) {
		/* The column of the number cell. */
		T_INTEQ(d.msgs[0].line, 3);
		T_INTEQ(d.msgs[0].col, 2);
		T_STREQ(d.msgs[0].text, "“1a” không phải là số thứ tự của nhiệm "
		    "vụ; hãy ghi số như “1”, “2.1”, hoặc số La Mã “I”, “II” cho "
		    "hàng tiêu đề nhóm");
		T_INTEQ(d.msgs[1].line, 4);
	}
	plan_tasks_free(&t);
	diag_free(&d);

	/* A first row without a number; an empty content. */
	diag_init(&d);
	extract("Mở đầu.\n\n| STT | Nội dung | Chủ trì |\n|---|---|---|\n"
	    "| | Không số | A |\n| 1 | | B |\n", &t, &d);
	T_INTEQ(t.n, 1);
	if (t.n == 1)
		T_STREQ(t.v[0].content, "");
	T_INTEQ(d.len, 2);
	if (d.len == 2) {
		T_INTEQ(d.msgs[0].line, 5);
		T_STREQ(d.msgs[0].text, "hàng này của bảng nhiệm vụ không có "
		    "số thứ tự và không có nhiệm vụ nào phía trên để nối tiếp nên "
		    "bị bỏ qua; hãy ghi số thứ tự vào cột “STT”, ví dụ “1” hoặc "
		    "“2.1”");
		T_INTEQ(d.msgs[1].line, 6);
		T_STREQ(d.msgs[1].text, "nhiệm vụ “1” không có nội dung; hãy "
		    "ghi nội dung công việc cần làm");
	}
	plan_tasks_free(&t);
	diag_free(&d);

	/* Partners flattened onto one line with " - " (seed 002 as text). */
	diag_init(&d);
	extract("| TT | Nội dung | Chủ trì | Phối hợp |\n|---|---|---|---|\n"
	    "| 2 | Việc | A | - Chi cục B - Vườn ươm Việt Nam - Hàn Quốc |\n"
	    "| 3 | Việc | A | Sở Lao động - Thương binh và Xã hội |\n", &t, &d);
	T_INTEQ(t.n, 2);
	if (t.n == 2) {
		T_INTEQ(t.v[0].npartners, 1);
		T_INTEQ(t.v[1].npartners, 1);
	}
	T_INTEQ(d.len, 1);
	if (d.len == 1) {
		T_INTEQ(d.msgs[0].line, 3);
		T_STREQ(d.msgs[0].text, "các đơn vị phối hợp của nhiệm vụ “2” "
		    "viết liền trên một dòng, cách nhau bằng “ - ”, nên được đọc "
		    "là một đơn vị; hãy đặt mỗi đơn vị trên một dòng (trong bảng "
		    "dùng <br>) hoặc ngăn cách bằng dấu “;”");
	}
	plan_tasks_free(&t);
	diag_free(&d);

	/* A label given twice; a lead list with no numbered task. */
	diag_init(&d);
	extract("3.1. Việc\n\n- Thời gian: Quý I\n- Cơ quan chủ trì: A\n"
	    "- Thời gian: Quý II\n- Cơ quan phối hợp: B\n- Đơn vị phối hợp: C\n\n"
	    "Tổ chức hội nghị\n\n- Cơ quan chủ trì: D\n", &t, &d);
	T_INTEQ(t.n, 1);
	if (t.n == 1) {
		T_STREQ(t.v[0].when, "Quý I");
		T_INTEQ(t.v[0].npartners, 2);
	}
	T_INTEQ(d.len, 2);
	if (d.len == 2) {
		T_INTEQ(d.msgs[0].line, 5);
		T_STREQ(d.msgs[0].text, "mục “Thời gian” của nhiệm vụ “3.1” được "
		    "ghi hai lần, chỉ lần đầu được dùng; hãy xóa mục thừa");
		T_INTEQ(d.msgs[1].line, 11);
		T_STREQ(d.msgs[1].text, "danh sách đơn vị chủ trì này không đi "
		    "sau một nhiệm vụ có số thứ tự nên không được đọc là nhiệm vụ; "
		    "hãy viết nội dung nhiệm vụ ngay trước danh sách, bắt đầu bằng "
		    "số thứ tự như “2.1.”");
	}
	plan_tasks_free(&t);
	diag_free(&d);
	buf_free(&b);
}

static void
test_edges(void)
{
	struct plan_tasks	 t;
	struct diag		 d;
	const char		*src;

	diag_init(&d);
	T_INTEQ(plan_extract("x.md", "", 0, 1, units, &t, &d), 0);
	T_INTEQ(t.n, 0);
	T_OK(t.v != NULL);
	plan_tasks_free(&t);
	T_OK(t.v == NULL && t.n == 0);
	plan_tasks_free(&t);
	plan_tasks_free(NULL);
	/* Invalid UTF-8 is replaced by cmark, never a crash. */
	extract("1.1. Vi\xff\xfe\xc3\n\n- Cơ quan chủ trì: \xe1\xbb\n", &t, &d);
	T_INTEQ(t.n, 1);
	plan_tasks_free(&t);
	/* Empty items and a paragraph with no text (fuzzing found these). */
	extract("2.1. A\n\n-\n- Cơ quan chủ trì: B\n- Thời gian:\n\n"
	    "![](a.png)\n\n- Cơ quan chủ trì: C\n", &t, &d);
	T_INTEQ(t.n, 1);
	if (t.n == 1) {
		T_STREQ(t.v[0].lead, "B");
		T_OK(t.v[0].when == NULL);
	}
	T_INTEQ(d.len, 1);
	if (d.len == 1)
		T_INTEQ(d.msgs[0].line, 9);
	diag_free(&d);
	diag_init(&d);
	plan_tasks_free(&t);
	/* The length counts, not the NUL. */
	src = "2.1. A\n\n- Thời gian: B\n\n2.2. C\n\n- Thời gian: D\n";
	plan_extract("x.md", src, strlen("2.1. A\n\n- Thời gian: B\n\n2.2. C"),
	    1, units, &t, &d);
	T_INTEQ(t.n, 1);
	plan_tasks_free(&t);
	T_INTEQ(d.len, 0);
	diag_free(&d);
}

int
main(int argc, char **argv)
{
	struct diag	 d;

	if (argc > 1)
		root = argv[1];
	diag_init(&d);
	if ((units = units_new(&d)) == NULL) {
		diag_flush(&d, stderr);
		return 1;
	}
	diag_free(&d);
	test_fixtures();
	test_sample_plans();
	test_split_partners();
	test_known_names();
	test_split_warnings();
	test_site_names();
	test_br_cells();
	test_table_basic();
	test_table_continuation();
	test_list_form();
	test_warnings();
	test_edges();
	units_free(units);
	return t_done("plan");
}
