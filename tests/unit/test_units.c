/*
 * test_units.c - the unit names compiled in from data/don-vi.yaml: the
 * file parses, the binary holds the file as it is in the tree, every
 * entry is NFC and unique without case and diacritics, and the two
 * questions plan_tasks.c asks (units_match, units_looks_like).
 *
 * Run from the repository root (tests/run.sh does), or give the root as
 * the first argument.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "fs.h"
#include "slug.h"
#include "t.h"
#include "units.h"
#include "util.h"
#include "value.h"

static const char *root = ".";

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry of list l is a non-empty NFC string; folded keys to keys. */
static void
check_list(const char *key, const struct val *l, char ***keys, size_t *n)
{
	const struct val	*v;
	const char		*s;
	char			*nfc;
	size_t			 i;

	T_OK(val_type(l) == VAL_LIST);
	for (i = 0; i < val_list_len(l); i++) {
		v = val_list_at(l, i);
		s = val_get_str(v);
		T_OK(s != NULL && s[0] != '\0');
		if (s == NULL)
			continue;
		nfc = utf8_nfc(s, strlen(s));
		if (nfc == NULL || strcmp(nfc, s) != 0) {
			t_fail++;
			fprintf(stderr, "data/don-vi.yaml:%d: FAIL: %s: “%s” is "
			    "not NFC\n", val_line(v), key, s);
		} else
			t_pass++;
		free(nfc);
		/* No stray white space or punctuation at either end. */
		T_OK(s[0] != ' ' && s[strlen(s) - 1] != ' ' &&
		    strchr(".,;", s[strlen(s) - 1]) == NULL);
		*keys = xreallocarray(*keys, *n + 1, sizeof(**keys));
		(*keys)[(*n)++] = slug_fold(s, strlen(s));
	}
}

/* Reports keys that appear twice; frees them. */
static void
check_unique(const char *what, char **keys, size_t n)
{
	size_t	 i, dup = 0;

	qsort(keys, n, sizeof(*keys), cmp_str);
	for (i = 0; i + 1 < n; i++)
		if (strcmp(keys[i], keys[i + 1]) == 0) {
			fprintf(stderr, "data/don-vi.yaml: FAIL: %s: “%s” twice "
			    "(without case and diacritics)\n", what, keys[i]);
			dup++;
		}
	T_INTEQ(dup, 0);
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

static void
test_data_file(void)
{
	struct diag		 d;
	struct val		*map;
	struct buf		 text = BUF_INIT;
	char			*path, **names = NULL, **words = NULL;
	size_t			 i, nnames = 0, nwords = 0;
	const char		*key;
	int			 rc;

	path = xasprintf("%s/data/don-vi.yaml", root);
	rc = fs_read(path, 1u << 20, &text);
	T_INTEQ(rc, 0);
	free(path);
	if (rc != 0)
		return;
	/* The binary holds the file as it is now (make rebuilt it). */
	T_INTEQ(unit_data_len, text.len);
	T_OK(unit_data_len == text.len &&
	    memcmp(unit_data, text.data, text.len) == 0);
	T_INTEQ(unit_data[unit_data_len], '\0');
	diag_init(&d);
	map = yaml_parse_map("data/don-vi.yaml", buf_cstr(&text), text.len, 1,
	    &d);
	buf_free(&text);
	T_OK(map != NULL);
	T_INTEQ(d.len, 0);
	diag_flush(&d, stderr);
	diag_free(&d);
	if (map == NULL)
		return;
	T_OK(val_list_len(val_map_get(map, "unit_words")) >= 20);
	T_OK(val_list_len(val_map_get(map, "departments")) >= 12);
	for (i = 0; i < val_map_len(map); i++) {
		key = val_map_key(map, i);
		if (strcmp(key, "unit_words") == 0)
			check_list(key, val_map_value(map, i), &words, &nwords);
		else
			check_list(key, val_map_value(map, i), &names, &nnames);
	}
	check_unique("names", names, nnames);
	check_unique("unit_words", words, nwords);
	val_unref(map);
}

/* The names of 2025 that a plan must not cut at their comma. */
static void
test_known(void)
{
	static const char *const want[] = {
		"Sở Văn hóa, Thể thao và Du lịch",
		"Báo và Phát thanh, Truyền hình",
		"Sở Nội vụ", "Sở Tài chính", "Sở Nông nghiệp và Môi trường",
		"Sở Xây dựng", "Sở Khoa học và Công nghệ",
		"Sở Dân tộc và Tôn giáo", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
		"Ủy ban MTTQ Việt Nam tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
	};
	struct diag		 d;
	struct unit_names	*u;
	char			*seg[4];
	size_t			 i;

	diag_init(&d);
	u = units_new(&d);
	T_OK(u != NULL);
	T_INTEQ(d.len, 0);
	diag_free(&d);
	if (u == NULL)
		return;
	T_OK(units_count(u) > 100);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		T_OK(units_looks_like(u, want[i]));

	/* units_match: parts covered by the longest name starting there. */
	seg[0] = xstrdup("Báo và Phát thanh");
	seg[1] = xstrdup(" Truyền hình tỉnh Sóc Trăng");
	seg[2] = xstrdup(" Sở Y tế");
	T_INTEQ(units_match(u, seg, 3), 2);
	T_INTEQ(units_match(u, seg, 1), 0);
	T_INTEQ(units_match(u, seg + 1, 2), 0);
	T_INTEQ(units_match(u, seg + 2, 1), 1);
	free(seg[1]);
	/* A word boundary after the name: "Truyền hình" is not "… hìnhx". */
	seg[1] = xstrdup(" Truyền hìnhx");
	T_INTEQ(units_match(u, seg, 2), 0);
	free(seg[1]);
	seg[1] = xstrdup(" TRUYEN HINH.");
	T_INTEQ(units_match(u, seg, 2), 2);
	for (i = 0; i < 3; i++)
		free(seg[i]);

	/* units_looks_like: unit words, known names, capitals. */
	T_OK(units_looks_like(u, " Phòng Nghiệp vụ"));
	T_OK(units_looks_like(u, "Chi cục Thủy sản"));
	T_OK(units_looks_like(u, "UBND các xã"));
	T_OK(units_looks_like(u, "VNPT Sóc Trăng"));
	T_OK(units_looks_like(u, "uỷ ban nhân dân tỉnh"));
	T_OK(!units_looks_like(u, "Thể thao và Du lịch"));
	T_OK(!units_looks_like(u, "Phòngx A"));
	T_OK(!units_looks_like(u, "A"));
	T_OK(!units_looks_like(u, "Ông A"));
	T_OK(!units_looks_like(u, ""));
	/* A site's name counts once added. */
	T_OK(!units_looks_like(u, "Bưu điện tỉnh"));
	units_add(u, "Bưu điện tỉnh");
	T_OK(units_looks_like(u, "bưu điện tỉnh Sóc Trăng"));
	units_free(u);
	units_free(NULL);
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		root = argv[1];
	test_data_file();
	test_known();
	return t_done("units");
}
