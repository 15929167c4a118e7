/*
 * main.c - the cchc command line: one table of commands, each with its
 * own help (`cchc build --help`).  Only this file exits.
 *
 * Exit status: 0 success, 1 content errors (or output that could not be
 * written), 2 usage errors.
 *
 * Help texts are Vietnamese, one language per line: option names and
 * examples are commands, not English prose.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "build.h"
#include "cli.h"
#include "check.h"
#include "date.h"
#include "errtext.h"
#include "init.h"
#include "newpage.h"
#include "portal.h"
#include "serve.h"

struct command {
	const char	*name;
	const char	*summary;	/* one line in `cchc --help` */
	const char	*help;		/* `cchc NAME --help` */
	int		(*run)(const struct command *, int, char **);
};

static const char build_help[] =
"Cách dùng: cchc build [--source THƯ_MỤC] [--out THƯ_MỤC] [--base-url URL]\n"
"                      [--today YYYY-MM-DD] [--rev REV] [--links dirs|files]\n"
"                      [--jobs N] [--quiet]\n"
"\n"
"Tạo chuyên mục cải cách hành chính (HTML, RSS, Atom) từ content/, plans/\n"
"và giao diện trong themes/.  Bản nháp và bài hẹn giờ không được đưa ra.\n"
"\n"
"  --source DIR     thư mục nguồn có site.yaml (mặc định: .)\n"
"  --out DIR        thư mục đầu ra (mặc định: public); chỉ được thay khi\n"
"                   tạo thành công, nếu có lỗi bản cũ vẫn giữ nguyên\n"
"  --base-url URL   địa chỉ gốc của chuyên mục, thay cho base_url trong site.yaml\n"
"  --today DATE     coi hôm nay là ngày này (bài hẹn giờ, bản nháp, trạng thái\n"
"                   kế hoạch); mặc định: ngày hiện tại giờ Việt Nam\n"
"  --rev REV        dựng từ cây đã commit ở phiên bản REV (nhánh, thẻ, mã commit)\n"
"                   thay vì thư mục làm việc, với lịch sử tới REV\n"
"  --links KIỂU     dirs: liên kết tới thư mục (tin-tuc/), cho máy chủ web;\n"
"                   files: liên kết tới tin-tuc/index.html, để mở trang ngay\n"
"                   từ ổ đĩa hay USB; mặc định: khóa links trong site.yaml,\n"
"                   không có thì dirs\n"
"  --jobs N         số luồng xử lý song song (mặc định: số lõi CPU)\n"
"  --merge FILE     cây nguồn do cchc portal ghép cho đơn vị hợp nhất, theo\n"
"                   bản kê FILE: mỗi trang lấy lịch sử từ kho git của mình\n"
"  --quiet          không in dòng tóm tắt khi thành công\n"
"\n"
"Mã thoát: 0 thành công, 1 lỗi nội dung hoặc không ghi được kết quả,\n"
"2 sai cách dùng.\n";

static const char report_help[] =
"Cách dùng: cchc report --period KỲ [--source THƯ_MỤC] [--today YYYY-MM-DD]\n"
"                       [--rev REV] [--jobs N]\n"
"\n"
"In báo cáo định kỳ về việc thực hiện kế hoạch tuyên truyền (Markdown) ra\n"
"màn hình để dán vào văn bản.\n"
"\n"
"  --period KỲ      2025-Q2 (quý), 2025-H1 (6 tháng) hoặc 2025 (năm)\n"
"  --source DIR     thư mục nguồn có site.yaml (mặc định: .)\n"
"  --today DATE     coi hôm nay là ngày này (trạng thái nhiệm vụ)\n"
"  --rev REV        dựng từ cây đã commit ở phiên bản REV\n"
"  --jobs N         số luồng xử lý song song (mặc định: số lõi CPU)\n"
"\n"
"Mã thoát: 0 thành công, 1 lỗi nội dung, 2 sai cách dùng.\n";

static const char new_help[] =
"Cách dùng: cchc new LOẠI \"Tiêu đề\" [--source THƯ_MỤC] [--date YYYY-MM-DD]\n"
"\n"
"Tạo một trang mới theo mẫu của giao diện (themes/<giao diện>/archetypes/),\n"
"điền sẵn tiêu đề, ngày và đơn vị, rồi in đường dẫn tệp vừa tạo.\n"
"Không bao giờ ghi đè lên tệp đã có.\n"
"\n"
"Các loại trang:\n"
"  tin-tuc          bài tin tức: content/tin-tuc/NĂM/THÁNG/<tên>.md\n"
"  thu-tuc          thủ tục hành chính: content/thu-tuc/<tên>.md\n"
"  ke-hoach         kế hoạch: plans/<tên>.md\n"
"  trang            trang riêng (Giới thiệu, Liên hệ...): content/<tên>.md\n"
"Tên tệp lấy từ tiêu đề, bỏ dấu: “Hội nghị CCHC” thành hoi-nghi-cchc.md.\n"
"\n"
"  --source DIR     thư mục của chuyên mục, nơi có site.yaml (mặc định: .)\n"
"  --date DATE      ngày của trang, dạng YYYY-MM-DD; mặc định: hôm nay\n"
"                   theo giờ Việt Nam\n"
"\n"
"Ví dụ:\n"
"  cchc new tin-tuc \"Hội nghị triển khai kế hoạch CCHC năm 2026\"\n"
"\n"
"Mã thoát: 0 thành công, 1 không tạo được (đã có tệp, không thấy\n"
"site.yaml), 2 sai cách dùng.\n";

static const char init_help[] =
"Cách dùng: cchc init [THƯ_MỤC]\n"
"\n"
"Tạo một chuyên mục mới trong THƯ_MỤC (mặc định: thư mục hiện tại; tạo\n"
"thư mục nếu chưa có): site.yaml có chú thích, giao diện mặc định\n"
"(themes/default/), .gitignore và một bài viết đầu tiên, rồi in các\n"
"bước tiếp theo.  Chuyên mục dựng được ngay bằng cchc build.\n"
"Không làm gì nếu thư mục đã có site.yaml, content/ hoặc themes/default/.\n"
"\n"
"Mã thoát: 0 thành công, 1 không tạo được, 2 sai cách dùng.\n";
static const char serve_help[] =
"Cách dùng: cchc serve [--source THƯ_MỤC] [--port 1313] [--bind 127.0.0.1]\n"
"                      [--today YYYY-MM-DD] [--jobs N]\n"
"\n"
"Xem trước chuyên mục trong trình duyệt khi đang viết bài.  Mỗi lần lưu\n"
"một tệp trong content/, plans/, themes/ hoặc site.yaml, trang được dựng\n"
"lại và trình duyệt tự tải lại; nếu có lỗi, trình duyệt hiện lỗi (tệp,\n"
"dòng, cột) trên bản dựng thành công gần nhất cho tới khi sửa xong.\n"
"Bản nháp và bài hẹn giờ cũng được hiện, có dòng ghi chú “Bản nháp” hoặc\n"
"“Hẹn giờ đăng …”; lệnh cchc build không bao giờ đưa chúng ra.\n"
"Bản xem trước nằm trong .cchc-cache/preview/ của thư mục nguồn.\n"
"Nhấn Ctrl-C để dừng.\n"
"\n"
"  --source DIR     thư mục nguồn có site.yaml (mặc định: .)\n"
"  --port N         cổng (mặc định: 1313; 0: một cổng còn trống)\n"
"  --bind IP        địa chỉ nghe (mặc định: 127.0.0.1, chỉ máy này xem được)\n"
"  --today DATE     coi hôm nay là ngày này (YYYY-MM-DD)\n"
"  --jobs N         số luồng xử lý song song (mặc định: số lõi CPU)\n"
"\n"
"Mã thoát: 0 khi dừng bằng Ctrl-C, 1 khi không chạy được máy chủ,\n"
"2 sai cách dùng.\n";

static const char check_help[] =
"Cách dùng: cchc check [--source THƯ_MỤC] [--today YYYY-MM-DD] [--rev REV]\n"
"                      [--jobs N] [--format text|json]\n"
"\n"
"Kiểm tra mọi thứ mà lệnh build kiểm tra (kể cả dựng từng trang theo mẫu)\n"
"nhưng không ghi thư mục đầu ra.  Cảnh báo thêm những lỗi soạn thảo hay gặp:\n"
"ngoặc kép cong quanh giá trị, tags viết thành một chuỗi có dấu phẩy, tệp\n"
"đặt sai đuôi (.MD, .md.txt), ngày quá xa, bản nháp lâu không sửa.\n"
"\n"
"  --source DIR     thư mục nguồn có site.yaml (mặc định: .)\n"
"  --today DATE     coi hôm nay là ngày này; mặc định: ngày hiện tại giờ Việt Nam\n"
"  --rev REV        kiểm tra cây đã commit ở phiên bản REV\n"
"  --jobs N         số luồng xử lý song song (mặc định: số lõi CPU)\n"
"  --format F       text (mặc định): các dòng thông báo như lệnh build;\n"
"                   json: một tài liệu JSON ra đầu ra chuẩn, cho CI và git hook\n"
"\n"
"Mã thoát: 0 không có lỗi (có thể có cảnh báo), 1 có lỗi, 2 sai cách dùng.\n";

static const char portal_help[] =
"Cách dùng: cchc portal [--config portal.yaml] [--out THƯ_MỤC]\n"
"                       [--today YYYY-MM-DD] [--jobs N] [--quiet]\n"
"           cchc portal report --period KỲ [--config portal.yaml]\n"
"                       [--out THƯ_MỤC] [--today YYYY-MM-DD]\n"
"\n"
"Tạo cổng cải cách hành chính của tỉnh: chuyên mục của từng đơn vị trong\n"
"portal.yaml (mỗi đơn vị ở THƯ_MỤC/<slug>/, dựng song song, đơn vị không\n"
"đổi thì không phải dựng lại), cùng các trang chung: tin của mọi đơn vị\n"
"(có RSS, Atom), danh mục thủ tục hành chính theo mã, bảng theo dõi thực\n"
"hiện (HTML, CSV, JSON) và tìm kiếm trên cả cổng.  Đơn vị hợp nhất\n"
"(sources: nhiều thư mục) được ghép thành một chuyên mục, mỗi trang giữ\n"
"lịch sử kho git của mình, địa chỉ cũ chuyển về trang mới.  Nếu có lỗi,\n"
"thư mục đầu ra giữ nguyên như trước.  Xem docs/portal.md.\n"
"\n"
"  --config FILE    tệp cấu hình cổng (mặc định: portal.yaml)\n"
"  --out DIR        thư mục đầu ra (mặc định: public)\n"
"  --today DATE     coi hôm nay là ngày này; mặc định: ngày hiện tại giờ Việt Nam\n"
"  --jobs N         số đơn vị dựng cùng lúc (mặc định: số lõi CPU)\n"
"  --period KỲ      (report) kỳ báo cáo: 2025-Q2, 2025-H1 hoặc 2025;\n"
"                   in bảng theo dõi của kỳ đó dạng Markdown, từ dữ liệu các\n"
"                   đơn vị trong thư mục đầu ra của lần chạy cchc portal gần nhất,\n"
"                   tính đến ngày lần chạy đó dựng (hoặc --today)\n"
"\n"
"Mã thoát: 0 thành công, 1 có lỗi (thư mục đầu ra giữ nguyên), 2 sai cách dùng.\n";

static int	run_build(const struct command *, int, char **);
static int	run_portal(const struct command *, int, char **);
static int	run_new(const struct command *, int, char **);
static int	run_init(const struct command *, int, char **);

static const struct command commands[] = {
	{ "build", "tạo chuyên mục (HTML, RSS, Atom) vào thư mục đầu ra",
	    build_help, run_build },
	{ "serve", "xem trước chuyên mục trong trình duyệt, tự tải lại khi "
	    "lưu tệp", serve_help, cmd_serve },
	{ "report", "in báo cáo định kỳ về kế hoạch tuyên truyền (Markdown)",
	    report_help, run_build },
	{ "check", "kiểm tra nội dung như lệnh build mà không ghi gì ra",
	    check_help, cmd_check },
	{ "new", "tạo trang mới theo mẫu: tin-tuc, thu-tuc, ke-hoach, trang",
	    new_help, run_new },
	{ "init", "tạo chuyên mục mới: site.yaml, giao diện, bài đầu tiên",
	    init_help, run_init },
	{ "portal", "tạo cổng của tỉnh từ chuyên mục của nhiều đơn vị",
	    portal_help, run_portal },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
print_global_help(void)
{
	size_t	 i;

	fputs("Cách dùng: cchc LỆNH [TÙY_CHỌN...]\n"
	    "          cchc LỆNH --help | cchc --help | cchc --version\n"
	    "\n"
	    "Tạo chuyên mục cải cách hành chính cho trang thông tin điện tử\n"
	    "của một sở từ các tệp Markdown trong content/ và plans/.\n"
	    "\n"
	    "Các lệnh:\n", stdout);
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	    "Xem cách dùng từng lệnh: cchc build --help\n"
	    "\n"
	    "Mã thoát: 0 thành công, 1 lỗi nội dung hoặc không ghi được kết quả,\n"
	    "2 sai cách dùng.\n", stdout);
}

static int
need_arg(int argc, char **argv, int i)
{
	return i + 1 < argc && argv[i + 1] != NULL;
}

/* One option of build and report, with its value argv[i]. */
static int
build_opt(const struct command *c, struct build_opts *o, const char *a,
    const char *v)
{
	struct cdate	 d;
	char		*end;
	long		 n;

	int		 report = strcmp(c->name, "report") == 0;

	if ((report && (strcmp(a, "--out") == 0 ||
	    strcmp(a, "--base-url") == 0 || strcmp(a, "--links") == 0 ||
	    strcmp(a, "--merge") == 0)) ||
	    (!report && strcmp(a, "--period") == 0))
		return cli_usage(c->name, "tùy chọn %s không dùng với lệnh này", a);
	if (strcmp(a, "--source") == 0)
		o->source = v;
	else if (strcmp(a, "--out") == 0)
		o->out = v;
	else if (strcmp(a, "--base-url") == 0)
		o->base_url = v;
	else if (strcmp(a, "--rev") == 0)
		o->rev = v;
	else if (strcmp(a, "--merge") == 0)
		o->merge = v;
	else if (strcmp(a, "--period") == 0)
		o->report = v;
	else if (strcmp(a, "--links") == 0) {
		if (strcmp(v, "dirs") == 0)
			o->links = BUILD_LINKS_DIRS;
		else if (strcmp(v, "files") == 0)
			o->links = BUILD_LINKS_FILES;
		else
			return cli_usage(c->name, "--links cần dirs hoặc files, "
			    "không phải “%s”", v);
	}
	else if (strcmp(a, "--today") == 0) {
		if (date_parse_ymd(v, &d) == -1)
			return cli_today_usage(c->name, v);
		o->today = v;
	} else if (strcmp(a, "--jobs") == 0) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || *end != '\0' || n < 1 || n > 256)
			return cli_usage(c->name, "--jobs cần một số từ 1 đến 256, "
			    "không phải “%s”", v);
		o->jobs = (int)n;
	} else
		return cli_usage(c->name, "không hiểu tùy chọn “%s”", a);
	return 0;
}

static int
is_valued(const char *a)
{
	static const char *const valued[] = { "--source", "--out",
	    "--base-url", "--today", "--jobs", "--rev", "--period", "--links",
	    "--merge", NULL };
	size_t	 i;

	for (i = 0; valued[i] != NULL; i++)
		if (strcmp(a, valued[i]) == 0)
			return 1;
	return 0;
}

/* `cchc build` and `cchc report`: argv[0] is the command's name. */
static int
run_build(const struct command *c, int argc, char **argv)
{
	struct build_opts	 o;
	int			 i, rc;

	memset(&o, 0, sizeof(o));
	o.source = ".";
	o.out = "public";
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			o.quiet = 1;
			continue;
		}
		if (!is_valued(a))
			return cli_usage(c->name, "không hiểu tùy chọn “%s”", a);
		if (!need_arg(argc, argv, i))
			return cli_usage(c->name, "tùy chọn %s cần một giá trị", a);
		i++;
		if (*argv[i] == '\0')
			return cli_usage(c->name, "giá trị của %s không được để "
			    "trống", a);
		if ((rc = build_opt(c, &o, a, argv[i])) != 0)
			return rc;
	}
	if (strcmp(c->name, "report") == 0) {
		if (o.report == NULL)
			return cli_usage(c->name, "%s", "“cchc report” cần "
			    "--period, ví dụ --period 2025-Q2");
		o.quiet = 1;
	}
	return build_run(&o);
}

/* `cchc new KIND "Title" [--source DIR] [--date D]`. */
static int
run_new(const struct command *c, int argc, char **argv)
{
	struct newpage_opts	 o;
	const char		*pos[2] = { NULL, NULL };
	int			 i, npos = 0, opts = 1;

	memset(&o, 0, sizeof(o));
	o.source = ".";
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
			continue;
		}
		if (opts && (strcmp(a, "--source") == 0 ||
		    strcmp(a, "--date") == 0)) {
			if (!need_arg(argc, argv, i) || *argv[i + 1] == '\0')
				return cli_usage(c->name, "tùy chọn %s cần một giá "
				    "trị", a);
			if (strcmp(a, "--source") == 0)
				o.source = argv[++i];
			else
				o.date = argv[++i];
			continue;
		}
		if (opts && a[0] == '-' && a[1] == '-')
			return cli_usage(c->name, "không hiểu tùy chọn “%s”", a);
		if (npos == 2)
			return cli_usage(c->name, "thừa “%s”: tiêu đề có dấu cách "
			    "phải đặt trong dấu ngoặc kép, ví dụ \"Hội nghị "
			    "CCHC\"", a);
		pos[npos++] = a;
	}
	if (npos == 0)
		return cli_usage(c->name, "thiếu loại trang và tiêu đề; ví dụ: cchc "
		    "new tin-tuc \"Tiêu đề bài\" (các loại: %s)",
		    newpage_kinds);
	o.kind = pos[0];
	o.title = pos[1];
	return (int)newpage_run(&o, NULL);
}

/* `cchc init [DIR]`. */
static int
run_init(const struct command *c, int argc, char **argv)
{
	const char	*dir = NULL;
	int		 i, opts = 1;

	for (i = 1; i < argc; i++) {
		if (opts && strcmp(argv[i], "--") == 0) {
			opts = 0;
			continue;
		}
		if (opts && argv[i][0] == '-')
			return cli_usage(c->name, "không hiểu tùy chọn “%s”",
			    argv[i]);
		if (dir != NULL)
			return cli_usage(c->name, "chỉ tạo được một thư mục mỗi "
			    "lần, thừa “%s”", argv[i]);
		if (*argv[i] == '\0')
			return cli_usage(c->name, "%s", "tên thư mục để trống");
		dir = argv[i];
	}
	return init_run(dir != NULL ? dir : ".");
}

/* `cchc portal [report] ...`. */
static int
run_portal(const struct command *c, int argc, char **argv)
{
	struct portal_opts	 o;
	struct cdate		 d;
	char			*end;
	long			 n;
	int			 i = 1, report = 0;

	memset(&o, 0, sizeof(o));
	o.config = "portal.yaml";
	o.out = "public";
	if (argc > 1 && strcmp(argv[1], "report") == 0) {
		report = 1;
		i = 2;
	}
	for (; i < argc; i++) {
		const char *a = argv[i], *v;

		if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			o.quiet = 1;
			continue;
		}
		if (strcmp(a, "--config") != 0 && strcmp(a, "--out") != 0 &&
		    strcmp(a, "--today") != 0 && strcmp(a, "--jobs") != 0 &&
		    strcmp(a, "--period") != 0)
			return cli_usage(c->name, "không hiểu tùy chọn “%s”", a);
		if (!need_arg(argc, argv, i) || *argv[i + 1] == '\0')
			return cli_usage(c->name, "tùy chọn %s cần một giá trị", a);
		v = argv[++i];
		if (strcmp(a, "--config") == 0)
			o.config = v;
		else if (strcmp(a, "--out") == 0)
			o.out = v;
		else if (strcmp(a, "--period") == 0) {
			if (!report)
				return cli_usage(c->name, "%s", "--period chỉ "
				    "dùng với cchc portal report");
			o.period = v;
		} else if (strcmp(a, "--today") == 0) {
			if (date_parse_ymd(v, &d) == -1)
				return cli_today_usage(c->name, v);
			o.today = v;
		} else {
			errno = 0;
			n = strtol(v, &end, 10);
			if (errno != 0 || *end != '\0' || n < 1 || n > 256)
				return cli_usage(c->name, "--jobs cần một số từ 1 "
				    "đến 256, không phải “%s”", v);
			o.jobs = (int)n;
		}
	}
	if (report) {
		if (o.period == NULL)
			return cli_usage(c->name, "%s", "“cchc portal report” "
			    "cần --period, ví dụ --period 2025-Q2");
		return portal_report(&o);
	}
	return portal_run(&o);
}

static int
is_help(const char *a)
{
	return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

static int
run(int argc, char **argv)
{
	const struct command	*c = NULL;
	size_t			 i;
	int			 k;

	if (argc < 2)
		return cli_usage(NULL, "thiếu lệnh%s", "; dùng “cchc build”");
	if (is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
		print_global_help();
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("cchc " CCHC_VERSION);
		return 0;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			c = &commands[i];
	if (c == NULL) {
		fprintf(stderr, "cchc: không có lệnh “%s”; các lệnh:", argv[1]);
		for (i = 0; i < NCOMMANDS; i++)
			fprintf(stderr, "%s %s", i ? "," : "", commands[i].name);
		fputs(" (xem cchc --help)\n", stderr);
		return 2;
	}
	for (k = 2; k < argc; k++)
		if (is_help(argv[k])) {
			fputs(c->help, stdout);
			return 0;
		}
	return c->run(c, argc - 1, argv + 1);
}

/*
 * Whatever went to standard output (help, version, a report) must have
 * reached it: a full disk or a closed descriptor is an error, not a
 * silent success.
 */
int
main(int argc, char **argv)
{
	int	 status = run(argc, argv), err;

	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		err = errno;
		fprintf(stderr, "cchc: không ghi được ra đầu ra chuẩn "
		    "(stdout)%s%s; kết quả in ra không đầy đủ: hãy kiểm tra "
		    "chỗ trống trên đĩa hoặc nơi chuyển kết quả tới\n",
		    err != 0 ? ": " : "", err != 0 ? err_text(err) : "");
		return status != 0 ? status : 1;
	}
	return status;
}
