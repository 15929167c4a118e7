/*
 * test_diag.c - messages to editors (diag.h): the printed form with and
 * without file, line and column, counts, the order kept by diag_move,
 * and what diag_flush and diag_flush_log print and keep.  (test_core.c
 * has a first smoke test.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "t.h"

static void
format_is(enum diag_level level, const char *file, int line, int col,
    const char *text, const char *want)
{
	struct diag	 d;
	struct buf	 b = BUF_INIT;

	diag_init(&d);
	diag_add(&d, level, file, line, col, "%s", text);
	T_INTEQ(d.len, 1);
	diag_format(&d.msgs[0], &b);
	T_STREQ(buf_cstr(&b), want);
	buf_free(&b);
	diag_free(&d);
}

static void
test_format(void)
{
	format_is(DIAG_ERROR, "content/a.md", 3, 7, "x",
	    "content/a.md:3:7: lỗi: x");
	format_is(DIAG_WARNING, "content/a.md", 3, 7, "x",
	    "content/a.md:3:7: cảnh báo: x");
	/* No column: the line alone. */
	format_is(DIAG_ERROR, "site.yaml", 2, 0, "x", "site.yaml:2: lỗi: x");
	/* No line: no column either, even if one is given. */
	format_is(DIAG_WARNING, "plans/a.md", 0, 5, "x",
	    "plans/a.md: cảnh báo: x");
	format_is(DIAG_ERROR, "plans/a.md", 0, 0, "x", "plans/a.md: lỗi: x");
	/* No file: the program speaks, without line or column. */
	format_is(DIAG_WARNING, NULL, 4, 2, "x", "cchc: cảnh báo: x");
	format_is(DIAG_ERROR, NULL, 0, 0, "dừng", "cchc: lỗi: dừng");
	/* An empty text is still a message. */
	format_is(DIAG_ERROR, "a.md", 1, 1, "", "a.md:1:1: lỗi: ");
}

static void
test_add(void)
{
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	char		 file[] = "content/tin-tuc/a.md";

	diag_init(&d);
	T_OK(d.msgs == NULL && d.len == 0 && d.errors == 0 && d.warnings == 0);
	diag_err(&d, file, 10, 2, "ngày “%s” không hợp lệ; %d%% %s", "2025-02-30",
	    100, "xong");
	diag_warn(&d, file, 11, 0, "khóa “%s”", "tac-gia");
	/* The message keeps its own copy of the file name. */
	memcpy(file, "XXXXXXX", 7);
	T_STREQ(d.msgs[0].file, "content/tin-tuc/a.md");
	T_STREQ(d.msgs[0].text, "ngày “2025-02-30” không hợp lệ; 100% xong");
	T_INTEQ(d.msgs[0].level, DIAG_ERROR);
	T_INTEQ(d.msgs[0].line, 10);
	T_INTEQ(d.msgs[0].col, 2);
	T_INTEQ(d.msgs[1].level, DIAG_WARNING);
	T_OK(d.msgs[1].file != NULL && strcmp(d.msgs[1].file, d.msgs[0].file) == 0);
	T_OK(d.msgs[1].file != d.msgs[0].file);
	T_INTEQ(d.errors, 1);
	T_INTEQ(d.warnings, 1);
	diag_add(&d, DIAG_WARNING, NULL, 0, 0, "chung");
	T_OK(d.msgs[2].file == NULL);
	diag_format(&d.msgs[1], &b);
	T_STREQ(buf_cstr(&b), "content/tin-tuc/a.md:11: cảnh báo: khóa “tac-gia”");
	buf_free(&b);
	diag_free(&d);
	/* diag_free leaves an empty list, counts included, ready for reuse. */
	T_OK(d.msgs == NULL && d.len == 0 && d.errors == 0 && d.warnings == 0);
	diag_warn(&d, "b.md", 1, 1, "lại");
	T_INTEQ(d.len, 1);
	T_INTEQ(d.warnings, 1);
	diag_free(&d);
}

/* Many messages keep their order through growth and diag_move. */
static void
test_move(void)
{
	struct diag	 a, b, c;
	size_t		 i;
	int		 ok = 1;
	char		 want[32];

	diag_init(&a);
	diag_init(&b);
	diag_init(&c);
	for (i = 0; i < 100; i++)
		diag_warn(&a, "a.md", (int)i + 1, 0, "a%zu", i);
	for (i = 0; i < 150; i++) {
		if (i % 3 == 0)
			diag_err(&b, "b.md", (int)i + 1, 0, "b%zu", i);
		else
			diag_warn(&b, "b.md", (int)i + 1, 0, "b%zu", i);
	}
	diag_move(&a, &b);
	T_INTEQ(a.len, 250);
	T_INTEQ(a.errors, 50);
	T_INTEQ(a.warnings, 200);
	for (i = 0; i < 250; i++) {
		if (i < 100)
			snprintf(want, sizeof(want), "a%zu", i);
		else
			snprintf(want, sizeof(want), "b%zu", i - 100);
		if (strcmp(a.msgs[i].text, want) != 0)
			ok = 0;
	}
	T_OK(ok);
	T_STREQ(a.msgs[100].file, "b.md");
	T_INTEQ(a.msgs[100].level, DIAG_ERROR);
	/* The source is left empty and usable. */
	T_OK(b.msgs == NULL && b.len == 0 && b.errors == 0 && b.warnings == 0);
	diag_err(&b, "c.md", 1, 1, "sau");
	T_INTEQ(b.len, 1);
	T_INTEQ(b.errors, 1);
	/* Moving an empty list changes nothing; into an empty one copies. */
	diag_move(&a, &c);
	T_INTEQ(a.len, 250);
	diag_move(&c, &b);
	T_INTEQ(c.len, 1);
	T_INTEQ(c.errors, 1);
	T_STREQ(c.msgs[0].text, "sau");
	diag_free(&a);
	diag_free(&b);
	diag_free(&c);
}

/* What diag_flush wrote to fp, as a string (caller frees). */
static char *
slurp(FILE *fp)
{
	long	 n;
	char	*s;

	fflush(fp);
	n = ftell(fp);
	s = calloc(1, (size_t)n + 1);
	rewind(fp);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n)
		s[0] = '\0';
	return s;
}

static void
test_flush(void)
{
	struct diag	 d;
	struct buf	 log = BUF_INIT;
	FILE		*fp;
	char		*s;
	const char	*want =
	    "content/a.md:1:2: lỗi: một\n"
	    "cchc: cảnh báo: hai\n";

	diag_init(&d);
	diag_err(&d, "content/a.md", 1, 2, "một");
	diag_warn(&d, NULL, 0, 0, "hai");
	if ((fp = tmpfile()) == NULL) {
		T_OK(fp != NULL);
		return;
	}
	diag_flush(&d, fp);
	s = slurp(fp);
	T_STREQ(s, want);
	free(s);
	fclose(fp);
	/* Forgets the messages, keeps the counts (the build's summary). */
	T_INTEQ(d.len, 0);
	T_INTEQ(d.errors, 1);
	T_INTEQ(d.warnings, 1);

	/* The log gets the same lines, appended to what it holds. */
	diag_warn(&d, "plans/k.md", 5, 0, "ba");
	fp = tmpfile();
	buf_puts(&log, "trước\n");
	diag_flush_log(&d, fp, &log);
	s = slurp(fp);
	T_STREQ(s, "plans/k.md:5: cảnh báo: ba\n");
	T_STREQ(buf_cstr(&log), "trước\nplans/k.md:5: cảnh báo: ba\n");
	free(s);
	fclose(fp);
	T_INTEQ(d.len, 0);
	T_INTEQ(d.warnings, 2);
	/* Nothing to print: nothing printed, nothing logged. */
	fp = tmpfile();
	diag_flush_log(&d, fp, &log);
	s = slurp(fp);
	T_STREQ(s, "");
	free(s);
	fclose(fp);
	T_STREQ(buf_cstr(&log), "trước\nplans/k.md:5: cảnh báo: ba\n");
	/* A NULL log is allowed, and the list is usable after a flush. */
	diag_err(&d, "x.md", 2, 3, "bốn");
	fp = tmpfile();
	diag_flush_log(&d, fp, NULL);
	s = slurp(fp);
	T_STREQ(s, "x.md:2:3: lỗi: bốn\n");
	free(s);
	fclose(fp);
	T_INTEQ(d.errors, 2);
	buf_free(&log);
	diag_free(&d);
}

static void
test_offset_pos(void)
{
	const char	*s = "ab\nđược x\n";
	int		 line, col;

	diag_offset_pos(s, 0, &line, &col);
	T_INTEQ(line, 1);
	T_INTEQ(col, 1);
	diag_offset_pos(s, 3, &line, &col);
	T_INTEQ(line, 2);
	T_INTEQ(col, 1);
	/* "được" is 4 characters in 9 bytes: "x" is the 6th character. */
	diag_offset_pos(s, 3 + strlen("được "), &line, &col);
	T_INTEQ(line, 2);
	T_INTEQ(col, 6);
}

int
main(void)
{
	test_offset_pos();
	test_format();
	test_add();
	test_move();
	test_flush();
	return t_done("diag");
}
