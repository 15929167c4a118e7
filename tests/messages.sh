#!/bin/sh
# tests/messages.sh - messages an editor meets outside a page, each with
# its exact text: a missing site.yaml (where cchc looked, what to run),
# the last line of a build or report that stopped with no error counted,
# errno in Vietnamese.  YAML and date messages are tests/bad/ cases and
# unit tests (test_yamlmsg.c, test_date.c).
. "$(dirname "$0")/lib.sh"
scratch
# Absolute, as cchc prints it (realpath: /tmp may be a link).
root=$(cd "$SCRATCH" && pwd -P)
site="$root/trang"
mkdir -p "$site/content/tin-tuc" "$site/plans/2025"
cp -R "$TOP/tests/bad/_base/." "$site/"
with_theme "$site"

# the_line WANT: the messages hold exactly the line WANT.
the_line() {
	cat "$SCRATCH/err" >>"$SCRATCH/all"
	if grep -qxF -- "$1" "$SCRATCH/err"; then ok; else
		fail "no line: $1"
		sed 's/^/    /' "$SCRATCH/err" >&2
	fi
}

# Run from a folder of the site: its root is named, with --source.
for sub in content content/tin-tuc plans plans/2025; do
	run_cchc -C "$site/$sub" 1 build --out "$root/out" --today 2025-11-20
	the_line "cchc: lỗi: không có tệp site.yaml trong $site/$sub; có vẻ bạn đang ở trong thư mục con của trang; hãy chạy ở $site hoặc dùng --source $site"
done
# Three levels down is too far to guess.
mkdir -p "$site/content/tin-tuc/2025"
run_cchc -C "$site/content/tin-tuc/2025" 1 build --out "$root/out"
the_line "cchc: lỗi: không có tệp site.yaml trong $site/content/tin-tuc/2025; hãy chạy cchc ở thư mục gốc của trang (nơi có site.yaml) hoặc dùng --source THƯ_MỤC, còn nếu đây là trang mới thì tạo site.yaml với ít nhất một dòng “title: …”"
mkdir -p "$root/khac/a/b"
run_cchc 1 build --source "$root/khac/a/b" --out "$root/out"
the_line "cchc: lỗi: không có tệp site.yaml trong $root/khac/a/b; hãy chạy cchc ở thư mục gốc của trang (nơi có site.yaml) hoặc dùng --source THƯ_MỤC, còn nếu đây là trang mới thì tạo site.yaml với ít nhất một dòng “title: …”"
the_line "cchc: dừng vì 1 lỗi, 0 cảnh báo; thư mục $root/out vẫn giữ nguyên như trước"
# A relative --source is said as an absolute path.
run_cchc -C "$root/khac" 1 build --source a --out "$root/out"
the_line "cchc: lỗi: không có tệp site.yaml trong $root/khac/a; hãy chạy cchc ở thư mục gốc của trang (nơi có site.yaml) hoặc dùng --source THƯ_MỤC, còn nếu đây là trang mới thì tạo site.yaml với ít nhất một dòng “title: …”"
# site.yaml that is a folder: the reason in Vietnamese.
mkdir -p "$root/thu-muc/site.yaml"
run_cchc 1 build --source "$root/thu-muc" --out "$root/out"
the_line "cchc: lỗi: không đọc được tệp cấu hình site.yaml trong $root/thu-muc (đây là một thư mục, không phải tệp)"

# A report period that does not exist: the last line says so, not
# "0 lỗi" nor an error count that hides the reason.
mkdir -p "$root/kh"
cp -R "$TOP/site.yaml" "$TOP/content" "$TOP/plans" "$TOP/themes" "$root/kh/"
run_cchc 1 report --period 2031-Q1 --source "$root/kh" --today 2025-11-20
the_line "cchc: dừng vì không có kỳ báo cáo “2031-Q1”, 1 cảnh báo"
check "unknown period: the error line" grep -q '^cchc: lỗi: không có kỳ báo cáo “2031-Q1”: kỳ phải thuộc thời gian của một kế hoạch' "$SCRATCH/err"
# A report that cannot be written.
cchc report --period 2025-Q2 --source "$root/kh" --today 2025-11-20 >/dev/full 2>"$SCRATCH/err"
check "report to a full disk: exit 1" [ $? -eq 1 ]
the_line "cchc: dừng vì không ghi được kết quả ra đầu ra chuẩn (stdout), 1 cảnh báo"
check "no summary line says 0 lỗi" sh -c "! grep -q 'dừng vì 0 lỗi' '$SCRATCH/err'"

# errno in Vietnamese (we run as root: no EACCES from chmod 000).
# ENOTDIR: the output folder under a file.
echo x >"$root/tep"
run_cchc 1 build --source "$site" --out "$root/tep/public" --today 2025-11-20
the_line "$root/tep: lỗi: không tạo được thư mục: một phần của đường dẫn không phải là thư mục"
# No run above printed libc's English.
check "English errno text: $(grep -hE 'No such file|Not a directory|Is a directory|Permission denied' "$SCRATCH/all")" \
    sh -c "! grep -qE 'No such file|Not a directory|Is a directory|Permission denied' '$SCRATCH/all'"

finish messages
