/*
 * test_diagjson.c - messages as JSON (diag.h: diag_format_json and
 * diag_json_str): key order, null for what is missing, and valid JSON
 * whatever the text holds (control characters, quotes, backslashes, and
 * bytes that are not UTF-8: overlong forms, surrogates, cut sequences).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "t.h"

static void
str_is(const char *s, const char *want)
{
	struct buf	 b = BUF_INIT;

	diag_json_str(&b, s);
	T_STREQ(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_str(void)
{
	str_is(NULL, "null");
	str_is("", "\"\"");
	str_is("Tiêu đề “cong”", "\"Tiêu đề “cong”\"");
	str_is("a\"b\\c", "\"a\\\"b\\\\c\"");
	str_is("a\nb\tc\rd\001e\037f\177g", "\"a\\nb\\tc\\u000dd\\u0001e"
	    "\\u001ff\\u007fg\"");
	/* Bytes that are not UTF-8 become U+FFFD, one each. */
	str_is("x\xffy", "\"x\\ufffdy\"");
	str_is("\xc3", "\"\\ufffd\"");			/* cut short */
	str_is("\xc3(", "\"\\ufffd(\"");
	str_is("\xc0\xaf", "\"\\ufffd\\ufffd\"");	/* overlong "/" */
	str_is("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");
	str_is("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	str_is("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* The largest code point and a 4-byte emoji pass through. */
	str_is("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"");
	str_is("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
}

static void
msg_is(enum diag_level level, const char *file, int line, int col,
    const char *text, const char *want)
{
	struct diag	 d;
	struct buf	 b = BUF_INIT;

	diag_init(&d);
	diag_add(&d, level, file, line, col, "%s", text);
	diag_format_json(&d.msgs[0], &b);
	T_STREQ(buf_cstr(&b), want);
	buf_free(&b);
	diag_free(&d);
}

static void
test_msg(void)
{
	msg_is(DIAG_WARNING, "content/a.md", 3, 8, "x", "{\"level\": "
	    "\"warning\", \"file\": \"content/a.md\", \"line\": 3, \"col\": 8, "
	    "\"text\": \"x\"}");
	msg_is(DIAG_ERROR, "site.yaml", 2, 0, "y", "{\"level\": \"error\", "
	    "\"file\": \"site.yaml\", \"line\": 2, \"col\": null, \"text\": "
	    "\"y\"}");
	/* As diag_format: no line without a file, no column without a line. */
	msg_is(DIAG_ERROR, "plans/a.md", 0, 5, "z", "{\"level\": \"error\", "
	    "\"file\": \"plans/a.md\", \"line\": null, \"col\": null, "
	    "\"text\": \"z\"}");
	msg_is(DIAG_WARNING, NULL, 4, 2, "", "{\"level\": \"warning\", "
	    "\"file\": null, \"line\": null, \"col\": null, \"text\": \"\"}");
}

int
main(void)
{
	test_str();
	test_msg();
	return t_done("diagjson");
}
