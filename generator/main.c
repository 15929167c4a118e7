/*
 * main.c - the cchc command line.  Only this file exits.
 *
 * Exit status: 0 success, 1 content errors (or output that could not be
 * written), 2 usage errors.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "date.h"

static const char usage_text[] =
"Cách dùng: cchc build [--source THƯ_MỤC] [--out THƯ_MỤC] [--base-url URL]\n"
"                      [--today YYYY-MM-DD] [--rev REV] [--jobs N] [--quiet]\n"
"           cchc report --period KỲ [--source THƯ_MỤC] [--today YYYY-MM-DD] [--rev REV]\n"
"           cchc --help | --version\n"
"\n"
"Tạo chuyên mục cải cách hành chính (HTML) từ content/, plans/ và themes/.\n"
"\n"
"  --source DIR     thư mục nguồn có site.yaml (mặc định: .)\n"
"  --out DIR        thư mục đầu ra (mặc định: public); chỉ được thay khi\n"
"                   tạo thành công, nếu có lỗi bản cũ vẫn giữ nguyên\n"
"  --base-url URL   địa chỉ gốc của chuyên mục, thay cho base_url trong site.yaml\n"
"  --today DATE     coi hôm nay là ngày này (bài hẹn giờ, bản nháp, trạng thái\n"
"                   kế hoạch); mặc định: ngày hiện tại giờ Việt Nam\n"
"  --rev REV        dựng từ cây đã commit ở phiên bản REV (nhánh, thẻ, mã commit)\n"
"                   thay vì thư mục làm việc, với lịch sử tới REV\n"
"  --jobs N         số luồng xử lý song song (mặc định: số lõi CPU)\n"
"  --quiet          không in dòng tóm tắt khi thành công\n"
"\n"
"\n"
"  report --period KỲ  in báo cáo định kỳ dạng Markdown ra màn hình để dán vào\n"
"                   văn bản; KỲ là 2025-Q2 (quý), 2025-H1 (6 tháng) hoặc 2025 (năm)\n"
"\n"
"Mã thoát: 0 thành công, 1 lỗi nội dung hoặc không ghi được kết quả,\n"
"2 sai cách dùng.\n";

static int
usage(const char *fmt, const char *arg)
{
	fputs("cchc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nHãy xem: cchc --help\n", stderr);
	return 2;
}

static int
need_arg(int argc, char **argv, int i)
{
	return i + 1 < argc && argv[i + 1] != NULL;
}

static int
run(int argc, char **argv)
{
	struct build_opts	 o;
	struct cdate		 d;
	char			*end;
	long			 n;
	int			 i;

	memset(&o, 0, sizeof(o));
	o.source = ".";
	o.out = "public";
	if (argc < 2)
		return usage("thiếu lệnh%s", "; dùng “cchc build”");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("cchc " CCHC_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "build") != 0 && strcmp(argv[1], "report") != 0)
		return usage("không có lệnh “%s”; dùng “cchc build” hoặc "
		    "“cchc report”", argv[1]);
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			o.quiet = 1;
			continue;
		}
		if (strcmp(a, "--source") != 0 && strcmp(a, "--out") != 0 &&
		    strcmp(a, "--base-url") != 0 && strcmp(a, "--today") != 0 &&
		    strcmp(a, "--jobs") != 0 && strcmp(a, "--rev") != 0 &&
		    strcmp(a, "--period") != 0)
			return usage("không hiểu tùy chọn “%s”", a);
		if (!need_arg(argc, argv, i))
			return usage("tùy chọn %s cần một giá trị", a);
		i++;
		if (*argv[i] == '\0')
			return usage("giá trị của %s không được để trống", a);
		if (strcmp(a, "--source") == 0)
			o.source = argv[i];
		else if (strcmp(a, "--out") == 0)
			o.out = argv[i];
		else if (strcmp(a, "--base-url") == 0)
			o.base_url = argv[i];
		else if (strcmp(a, "--rev") == 0)
			o.rev = argv[i];
		else if (strcmp(a, "--period") == 0)
			o.report = argv[i];
		else if (strcmp(a, "--today") == 0) {
			if (date_parse_ymd(argv[i], &d) == -1)
				return usage("--today cần ngày dạng YYYY-MM-DD, "
				    "không phải “%s”", argv[i]);
			o.today = argv[i];
		} else {
			errno = 0;
			n = strtol(argv[i], &end, 10);
			if (errno != 0 || *end != '\0' || n < 1 || n > 256)
				return usage("--jobs cần một số từ 1 đến 256, "
				    "không phải “%s”", argv[i]);
			o.jobs = (int)n;
		}
	}
	if (strcmp(argv[1], "report") == 0) {
		if (o.report == NULL)
			return usage("%s", "“cchc report” cần --period, ví dụ "
			    "--period 2025-Q2");
		o.quiet = 1;
	} else if (o.report != NULL)
		return usage("%s", "--period chỉ dùng với “cchc report”");
	return build_run(&o);
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
		    err != 0 ? ": " : "", err != 0 ? strerror(err) : "");
		return status != 0 ? status : 1;
	}
	return status;
}
