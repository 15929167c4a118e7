/*
 * test_yamlmsg.c - libyaml's errors in Vietnamese: a table of what
 * editors break, each with the exact message (line:col: text).
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "yamlmsg.h"
#include "t.h"

static struct buf	 got = BUF_INIT;

/* Parses src until libyaml fails; the message as "line:col: text". */
static const char *
explain(const char *src, int first_line)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	struct yamlmsg	 m;
	int		 done = 0;

	buf_reset(&got);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)src,
	    strlen(src));
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			yamlmsg_explain(&p, src, strlen(src), first_line, 1, &m);
			buf_printf(&got, "%d:%d: %s", m.line, m.col, m.text);
			free(m.text);
			yaml_parser_delete(&p);
			return buf_cstr(&got);
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return "(parsed)";
}

struct tcase {
	const char	*src;
	const char	*want;
};

/*
 * The mistakes of the brief first (inner quote, leading [, ": " in a
 * value, a leading indicator, a tab, no space after the colon, list items
 * out of line, an unclosed quote), then the rest of libyaml's errors an
 * editor can reach.  The text starts on line 2, as front matter does.
 */
static const struct tcase cases[] = {
	{ "title: \"Kế hoạch \"Năm 2025\" của Sở\"\ndate: 2025-01-01\n",
	    "2:18: dấu \" bên trong giá trị của “title” làm giá trị kết "
	    "thúc sớm; hãy sửa thành: title: 'Kế hoạch \"Năm 2025\" của "
	    "Sở' (hoặc dùng ngoặc kép cong “…” bên trong)" },
	{ "title: [Dự thảo] Kế hoạch\ndate: 2025-01-01\n",
	    "2:8: giá trị của “title” bắt đầu bằng dấu [ nên được hiểu "
	    "là một danh sách [ … ]; nếu đây là chữ, hãy đặt cả giá "
	    "trị trong ngoặc kép: title: \"[Dự thảo] Kế hoạch\"" },
	{ "title: Kế hoạch: tuyên truyền\ndate: 2025-01-01\n",
	    "2:16: giá trị của “title” có dấu hai chấm và dấu cách (“: "
	    "”) nên phần sau bị hiểu là một khóa mới; hãy đặt cả giá "
	    "trị trong ngoặc kép: title: \"Kế hoạch: tuyên truyền\"" },
	{ "title: @Sở Tư pháp\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu @; "
	    "hãy đặt cả giá trị trong ngoặc kép: title: \"@Sở Tư pháp\"" },
	{ "title: `code`\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu `; "
	    "hãy đặt cả giá trị trong ngoặc kép: title: \"`code`\"" },
	{ "title: %50 hồ sơ\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu %; "
	    "hãy đặt cả giá trị trong ngoặc kép: title: \"%50 hồ sơ\"" },
	{ "title: *Quan trọng*\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu * "
	    "(bị hiểu là tham chiếu YAML); hãy đặt cả giá trị trong "
	    "ngoặc kép: title: \"*Quan trọng*\"" },
	{ "title: |Ghi chú\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu | "
	    "(dùng cho đoạn văn nhiều dòng); hãy đặt cả giá trị trong "
	    "ngoặc kép: title: \"|Ghi chú\"" },
	{ "title: >Ghi chú\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu > "
	    "(dùng cho đoạn văn nhiều dòng); hãy đặt cả giá trị trong "
	    "ngoặc kép: title: \">Ghi chú\"" },
	{ "title: a\n\tdate: b\n",
	    "3:1: dòng này thụt lề bằng phím Tab; chỉ được thụt lề "
	    "bằng dấu cách: hãy thay Tab bằng dấu cách" },
	{ "tags:\n\t- a\n",
	    "3:1: dòng này thụt lề bằng phím Tab; chỉ được thụt lề "
	    "bằng dấu cách: hãy thay Tab bằng dấu cách" },
	{ "title:Kế hoạch\ndate: 2025-01-01\n",
	    "2:7: thiếu dấu cách sau dấu hai chấm của “title”; hãy sửa "
	    "thành: title: Kế hoạch" },
	{ "tags:\n  - a\n - b\n",
	    "4:2: mục danh sách này thụt lề 1 dấu cách, còn mục ở dòng "
	    "3 thụt lề 2; các mục của một danh sách phải thẳng cột: "
	    "hãy thụt lề 2 dấu cách như dòng 3" },
	{ "a:\n  - x\n  b: 1\n",
	    "4:3: thụt lề của dòng này (2 dấu cách) không khớp với các "
	    "dòng phía trên; các khóa cùng cấp phải thẳng cột, khóa "
	    "con thụt vào sâu hơn khóa cha (thụt lề bằng dấu cách)" },
	{ "title: \"abc\ndate: 2025\n",
	    "2:8: dấu \" mở đầu giá trị của “title” không có dấu \" "
	    "đóng; hãy sửa thành: title: \"abc\"" },
	{ "title: 'abc\ndate: 2025\n",
	    "2:8: dấu ' mở đầu giá trị của “title” không có dấu ' "
	    "đóng; hãy sửa thành: title: 'abc'" },
	{ "title: \"abc\ndate: 2025\nx: \"y\"\n",
	    "2:8: dấu \" mở đầu giá trị của “title” không có dấu \" "
	    "đóng; hãy sửa thành: title: \"abc\"" },
	{ "title: 'Nhà nước'ta'\n",
	    "2:17: dấu ' bên trong giá trị của “title” làm giá trị kết "
	    "thúc sớm; hãy sửa thành: title: \"Nhà nước'ta\" (hoặc viết "
	    "hai dấu '' cho mỗi dấu ' bên trong)" },
	{ "title: \"Tiếng nói\" của cơ sở\n",
	    "2:18: giá trị của “title” bắt đầu bằng dấu \" nên chỉ phần "
	    "trong ngoặc được hiểu là giá trị, phần phía sau bị thừa; "
	    "hãy đặt cả giá trị trong ngoặc: title: '\"Tiếng nói\" của "
	    "cơ sở'" },
	{ "title: {Dự thảo} abc\n",
	    "2:8: giá trị của “title” bắt đầu bằng dấu { nên được hiểu "
	    "là một nhóm khóa { … }; nếu đây là chữ, hãy đặt cả giá "
	    "trị trong ngoặc kép: title: \"{Dự thảo} abc\"" },
	{ "title: a\n  date: b\n",
	    "3:3: dòng này thụt lề sâu hơn dòng 2 nên bị hiểu là phần "
	    "tiếp của giá trị “title”; nếu đây là một khóa mới, hãy bỏ "
	    "thụt lề cho thẳng cột với “title”, còn nếu là phần tiếp "
	    "thì đặt cả giá trị trong ngoặc kép trên một dòng" },
	{ "title: \"C:\\Users\\x\"\n",
	    "2:11: trong ngoặc kép, dấu \\ mở đầu một ký tự đặc biệt "
	    "nên “\\U” không hợp lệ; hãy dùng ngoặc đơn: title: "
	    "'C:\\Users\\x' (hoặc viết \\\\ cho mỗi dấu \\)" },
	{ "title: \"a\\qb\"\n",
	    "2:10: trong ngoặc kép, dấu \\ mở đầu một ký tự đặc biệt "
	    "nên “\\q” không hợp lệ; hãy dùng ngoặc đơn: title: 'a\\qb' "
	    "(hoặc viết \\\\ cho mỗi dấu \\)" },
	/* A bad escape on a later line than its quote: the quote was left
	   open (the fuzzer's input; it once made the suggestion for the
	   escape read past the line, from a backslash before the quote). */
	{ "l: \"=\n\\:l: \"\n",
	    "2:4: dấu \" mở đầu giá trị của “l” không có dấu \" đóng; "
	    "hãy sửa thành: l: \"=\"" },
	{ "title: a\nghi chú thêm\nx: y\n",
	    "3:1: dòng này không có dạng “khóa: giá trị” (thiếu dấu "
	    "hai chấm và dấu cách sau tên khóa); hãy thêm “: ” sau tên "
	    "khóa, hoặc nếu đây là phần tiếp của giá trị ở dòng trên "
	    "thì nối vào dòng đó" },
	{ "title: [Bài viết chưa đóng ngoặc\ndate: 2025-06-02\n",
	    "2:8: dấu [ ở đầu giá trị của “title” chưa được đóng; nếu "
	    "đây là chữ, hãy đặt cả giá trị trong ngoặc kép: title: "
	    "\"[Bài viết chưa đóng ngoặc\", còn nếu là danh sách thì "
	    "thêm dấu ] ở cuối" },
	{ "tags: [a, , b]\n",
	    "2:7: trong danh sách [ … ] ở đây có chỗ sai: các mục cách "
	    "nhau bằng dấu phẩy, mục có dấu phẩy, hai chấm hay ngoặc "
	    "thì đặt trong ngoặc kép; nếu cả giá trị là chữ, hãy đặt "
	    "nó trong ngoặc kép: tags: \"[a, , b]\"" },
	{ "a: 1\n...\nb\n",
	    "4:1: có nội dung sau dòng kết thúc “...”; hãy xóa dòng "
	    "“...” ở phía trên" },
	{ "%abc: 1\n",
	    "2:1: dòng bắt đầu bằng dấu % bị hiểu là chỉ thị YAML; hãy "
	    "xóa dòng này, hoặc đặt tên khóa trong ngoặc kép" },
	{ "title: - a\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu “- ” "
	    "(mục danh sách); hãy đặt cả giá trị trong ngoặc kép: "
	    "title: \"- a\"" },
	{ "title: ? a\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu “? "
	    "”; hãy đặt cả giá trị trong ngoặc kép: title: \"? a\"" },
	{ "title: & abc\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu & "
	    "(bị hiểu là neo YAML); hãy đặt cả giá trị trong ngoặc "
	    "kép: title: \"& abc\"" },
	{ "a:\n  b: 1\n c: 2\n",
	    "4:2: thụt lề của dòng này (1 dấu cách) không khớp với các "
	    "dòng phía trên; các khóa cùng cấp phải thẳng cột, khóa "
	    "con thụt vào sâu hơn khóa cha (thụt lề bằng dấu cách)" },
	{ "a: |0\n  x\n",
	    "2:4: giá trị của “a” không được bắt đầu bằng dấu | (dùng "
	    "cho đoạn văn nhiều dòng); hãy đặt cả giá trị trong ngoặc "
	    "kép: a: \"|0\"" },
	{ "tags:\n  - a\n  - b: c: d\n",
	    "4:9: giá trị của “b” có dấu hai chấm và dấu cách (“: ”) "
	    "nên phần sau bị hiểu là một khóa mới; hãy đặt cả giá trị "
	    "trong ngoặc kép: - b: \"c: d\"" },
	{ "- a\nb: c\n",
	    "3:1: thụt lề của dòng này (0 dấu cách) không khớp với các "
	    "dòng phía trên; các khóa cùng cấp phải thẳng cột, khóa "
	    "con thụt vào sâu hơn khóa cha (thụt lề bằng dấu cách)" },
	{ "title: !<x y\n",
	    "2:8: giá trị của “title” không được bắt đầu bằng dấu ! "
	    "(bị hiểu là thẻ kiểu YAML); hãy đặt cả giá trị trong "
	    "ngoặc kép: title: \"!<x y\"" },
	{ "date: 2025-01-01\ntitle:Kế hoạch\nx: y\n",
	    "3:7: thiếu dấu cách sau dấu hai chấm của “title”; hãy sửa "
	    "thành: title: Kế hoạch" },
	{ "title: \"Kế hoạch \"Năm 2025\" của Sở\"\r\ndate: 2025-01-01\r\n",
	    "2:18: dấu \" bên trong giá trị của “title” làm giá trị kết "
	    "thúc sớm; hãy sửa thành: title: 'Kế hoạch \"Năm 2025\" của "
	    "Sở' (hoặc dùng ngoặc kép cong “…” bên trong)" },
	{ "a: 1\xe2\x80\xa8" "title: Điều 5: phạm vi\n",
	    "3:14: giá trị của “title” có dấu hai chấm và dấu cách (“: "
	    "”) nên phần sau bị hiểu là một khóa mới; hãy đặt cả giá "
	    "trị trong ngoặc kép: title: \"Điều 5: phạm vi\"" },
	{ "title: 'Sở's \"tin\"'\n",
	    "2:11: dấu ' bên trong giá trị của “title” làm giá trị kết "
	    "thúc sớm; hãy sửa thành: title: \"Sở's \\\"tin\\\"\" (hoặc viết "
	    "hai dấu '' cho mỗi dấu ' bên trong)" },
	{ "link:https://a.gov.vn\nb: 1\n",
	    "2:6: thiếu dấu cách sau dấu hai chấm của “link”; hãy sửa "
	    "thành: link: https://a.gov.vn" },
	{ "summary: Dòng một\n  dòng hai: tiếp\n",
	    "3:3: dòng này thụt lề sâu hơn dòng 2 nên bị hiểu là phần "
	    "tiếp của giá trị “summary”; nếu đây là một khóa mới, hãy "
	    "bỏ thụt lề cho thẳng cột với “summary”, còn nếu là phần "
	    "tiếp thì đặt cả giá trị trong ngoặc kép trên một dòng" },
	{ "units:\n  - name: A\n    slug: a\n  - name: B\n   slug: b\n",
	    "6:4: “slug” thụt lề 3 dấu cách, còn “name” ở dòng 5 bắt đầu "
	    "ở cột 5; hai khóa của cùng một mục phải thẳng cột: hãy thụt "
	    "lề 4 dấu cách" },
	{ "units:\n  - name: A\n     slug: a\n",
	    "4:6: dòng này thụt lề sâu hơn dòng 3 nên bị hiểu là phần tiếp "
	    "của giá trị “name”; nếu đây là một khóa mới, hãy bỏ thụt lề "
	    "cho thẳng cột với “name”, còn nếu là phần tiếp thì đặt cả giá "
	    "trị trong ngoặc kép trên một dòng" },
	{ "title: Kế hoạch \"Năm 2025\": nội dung\n",
	    "2:27: giá trị của “title” có dấu hai chấm và dấu cách (“: ”) "
	    "nên phần sau bị hiểu là một khóa mới; hãy đặt cả giá trị "
	    "trong ngoặc kép: title: 'Kế hoạch \"Năm 2025\": nội dung'" },
	{ "title: \"\"Kế hoạch\"\"\n",
	    "2:9: dấu \" bên trong giá trị của “title” làm giá trị kết thúc "
	    "sớm; hãy sửa thành: title: '\"Kế hoạch\"' (hoặc dùng ngoặc kép "
	    "cong “…” bên trong)" },
	/* A comment after a value is not part of the corrected value. */
	{ "title: Điều 5: phạm vi # ghi chú\n",
	    "2:14: giá trị của “title” có dấu hai chấm và dấu cách (“: ”) "
	    "nên phần sau bị hiểu là một khóa mới; hãy đặt cả giá trị "
	    "trong ngoặc kép: title: \"Điều 5: phạm vi\"" },
};

/*
 * Mutations of broken inputs (a fixed pseudo-random sequence): every
 * error has a place in the text and a Vietnamese sentence, never
 * libyaml's English.
 */
static void
test_no_english(void)
{
	static const char alphabet[] = " \t\n\r:\"'[]{}-#&*!|>@`%?\\,xé";
	unsigned long	 seed = 1;
	char		 src[256];
	size_t		 i, n, it, bad = 0, errors = 0;

	for (it = 0; it < 20000; it++) {
		const char *base = cases[it % (sizeof(cases) /
		    sizeof(cases[0]))].src, *g;

		n = strlen(base) < 200 ? strlen(base) : 200;
		memcpy(src, base, n);
		for (i = 0; i < 3 && n > 0; i++) {
			seed = seed * 1103515245 + 12345;
			src[(seed >> 8) % n] = alphabet[(seed >> 16) %
			    (sizeof(alphabet) - 1)];
		}
		src[n] = '\0';
		g = explain(src, 2);
		if (strcmp(g, "(parsed)") == 0)
			continue;
		errors++;
		if (strstr(g, "found") != NULL || strstr(g, "expected") != NULL ||
		    strstr(g, "while ") != NULL || strstr(g, "allowed") != NULL ||
		    strstr(g, ": ") == NULL || g[0] < '2' || g[0] > '9' ||
		    strstr(g, ":0:") != NULL) {
			if (bad++ < 5)
				fprintf(stderr, "mutation %zu: %s\n  -> %s\n",
				    it, src, g);
		}
	}
	T_OK(errors > 10000);
	T_INTEQ(bad, 0);
}

/*
 * Text that does not end in a NUL (a file read into a buffer of its own
 * size): an error whose column is past the line's end must not read past
 * the text (found by fuzz_portal_config; make asan checks it).
 */
static void
test_unterminated(void)
{
	static const char	 src[] = "\"d \\x";
	size_t			 n = sizeof(src) - 1;
	char			*text = malloc(n);
	yaml_parser_t		 p;
	yaml_event_t		 ev;
	struct yamlmsg		 m;
	int			 failed = 0;

	memcpy(text, src, n);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, n);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			yamlmsg_explain(&p, text, n, 1, 1, &m);
			T_OK(m.text != NULL && m.line == 1);
			free(m.text);
			failed = 1;
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	T_OK(failed);
	yaml_parser_delete(&p);
	free(text);
}

int
main(void)
{
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *g = explain(cases[i].src, 2);
		if (strcmp(g, cases[i].want) != 0)
			fprintf(stderr, "case %zu: %s\n  got: %s\n", i,
			    cases[i].src, g);
		T_STREQ(g, cases[i].want);
	}
	test_no_english();
	test_unterminated();
	buf_free(&got);
	return t_done("test_yamlmsg");
}
