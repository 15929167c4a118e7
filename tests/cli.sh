#!/bin/sh
# tests/cli.sh - the command line: help, version, exit codes.
. "$(dirname "$0")/lib.sh"
scratch

expect_exit() { # expect_exit CODE PATTERN ARGS...
	want=$1; pat=$2; shift 2
	run_cchc "$want" "$@" || return
	if ! grep -q -- "$pat" "$SCRATCH/cchc.out" "$SCRATCH/err"; then
		fail "cchc $*: output lacks '$pat'"; cat "$SCRATCH/err" >&2; return
	fi
	ok
}

expect_exit 0 'Cách dùng: cchc LỆNH' --help
expect_exit 0 '^  build ' --help
expect_exit 0 'Cách dùng: cchc build' build --help
expect_exit 0 'Cách dùng: cchc build' build --source x --help
expect_exit 0 'Cách dùng: cchc report --period' report --help
expect_exit 2 'tùy chọn --out không dùng với lệnh này' report --period 2025 --out x
expect_exit 2 'tùy chọn --period không dùng với lệnh này' build --period 2025
expect_exit 0 '^cchc [0-9]' --version
expect_exit 2 'thiếu lệnh'
expect_exit 2 'không có lệnh “xuat-ban”' xuat-ban
expect_exit 2 'không hiểu tùy chọn “--bogus”' build --bogus
expect_exit 2 'tùy chọn --out cần một giá trị' build --out
expect_exit 2 '--jobs cần một số' build --jobs 0
expect_exit 2 '--jobs cần một số' build --jobs abc
expect_exit 2 '--today cần ngày dạng YYYY-MM-DD' build --today 2025-02-30
# The date meant, read the Vietnamese way (day first), or why it does not exist.
expect_exit 2 '^cchc: --today cần ngày dạng YYYY-MM-DD, không phải “15/06/2025”; hãy ghi --today 2025-06-15$' build --today 15/06/2025
expect_exit 2 '^cchc: --today cần ngày dạng YYYY-MM-DD, không phải “1/2/25”; hãy ghi --today 2025-02-01$' report --period 2025 --today 1/2/25
expect_exit 2 '^cchc: --today cần ngày dạng YYYY-MM-DD, không phải “15/06/2025”; hãy ghi --today 2025-06-15$' check --today 15/06/2025
expect_exit 2 '^Hãy xem: cchc check --help$' check --today 15/06/2025
expect_exit 2 '^cchc: --today cần ngày dạng YYYY-MM-DD, không phải “15/06/2025”; hãy ghi --today 2025-06-15$' serve --today 15/06/2025
expect_exit 2 '^Hãy xem: cchc serve --help$' serve --today 15/06/2025
expect_exit 2 '^cchc: --today cần ngày dạng YYYY-MM-DD, không phải “2025-02-30” (tháng 2 năm 2025 chỉ có 28 ngày)$' build --today 2025-02-30
expect_exit 2 '^cchc: --today cần ngày dạng YYYY-MM-DD, không phải “hôm nay”$' build --today 'hôm nay'
expect_exit 1 'không có thư mục nguồn' build --source "$SCRATCH/none" --out "$SCRATCH/o"
expect_exit 1 'không có thư mục nguồn' report --period 2025-Q2 --source "$SCRATCH/none"
[ ! -e "$SCRATCH/o" ] && ok || fail "a failed build created its output folder"

# A long list shows a window of page numbers, not all of them.
mkdir -p "$SCRATCH/long/content/tin-tuc"
printf 'title: Dài\nbase_url: https://vidu.gov.vn/\nposts_per_page: 1\n' >"$SCRATCH/long/site.yaml"
i=1
while [ $i -le 30 ]; do
	printf -- '---\ntitle: Bài %d\ndate: 2025-01-%02d\n---\nNội dung %d.\n' $i $i $i \
	    >"$SCRATCH/long/content/tin-tuc/bai-$i.md"
	i=$((i + 1))
done
with_theme "$SCRATCH/long"
if run_cchc 0 build --quiet --source "$SCRATCH/long" --out "$SCRATCH/long-out" --today 2025-11-20; then
	p15="$SCRATCH/long-out/tin-tuc/trang/15/index.html"
	nums=$(grep -c 'class="phan-trang__so"' "$p15")
	check "page 15 of 30 shows $nums numbers, want 7 (1, 13-17, 30)" [ "$nums" -eq 7 ]
	check "page 15 of 30 lacks its two gap marks" [ "$(grep -c 'phan-trang__cach' "$p15")" -eq 2 ]
	check "page 15 does not link page 30" grep -q 'href="../../../tin-tuc/trang/30/"' "$p15"
	check "page 15 links page 14 as prev" grep -q '<link rel="prev" href="../../../tin-tuc/trang/14/">' "$p15"
	p30="$SCRATCH/long-out/tin-tuc/trang/30/index.html"
	check "page 30 has no next (or is missing)" sh -c "[ -f '$p30' ] && ! grep -q 'rel=\"next\"' '$p30'"
fi

# A theme whose sections nest over the same list renders it k^depth
# times: {{#nav}} fifteen deep made a build grow past 400 MB and run on.
# Each render stops at its work limit: exit 1, the message at the
# outermost section, and the output of the last build left as it was.
# One post (about ten pages, each up to the limit of 16 Mi steps), run
# without valgrind, which would take minutes to get there.
mkdir -p "$SCRATCH/nest/content/tin-tuc"
printf 'title: Lồng\nbase_url: https://vidu.gov.vn/\n' >"$SCRATCH/nest/site.yaml"
printf -- '---\ntitle: Bài\ndate: 2025-01-02\n---\nNội dung.\n' >"$SCRATCH/nest/content/tin-tuc/bai.md"
with_theme "$SCRATCH/nest"
check "the one-post site builds" "$CCHC" build --quiet --source "$SCRATCH/nest" --out "$SCRATCH/nest-out" --today 2025-11-20
nest=""; i=0
while [ $i -lt 15 ]; do nest="$nest{{#nav}}"; i=$((i + 1)); done
nest="${nest}x"
i=0
while [ $i -lt 15 ]; do nest="$nest{{/nav}}"; i=$((i + 1)); done
printf '<nav>\n  %s\n</nav>\n' "$nest" >"$SCRATCH/nest/themes/default/partials/nav.mustache"
sums() { (cd "$SCRATCH/nest-out" && find . -type f -exec md5sum {} + | sort | md5sum); }
before=$(sums)
"$CCHC" build --quiet --source "$SCRATCH/nest" --out "$SCRATCH/nest-out" --today 2025-11-20 >"$SCRATCH/out" 2>"$SCRATCH/err"
got=$?
check "a theme nesting {{#nav}} 15 deep: exit $got, want 1" [ "$got" -eq 1 ]
check "the message names the outermost section" grep -q 'themes/default/partials/nav.mustache:2:3: lỗi: mục {{#nav}} làm trang quá lớn khi dựng.*hãy bớt các mục lồng nhau trong mẫu' "$SCRATCH/err"
check "no other error than the theme's" [ "$(grep -c 'lỗi:' "$SCRATCH/err")" -eq "$(grep -c 'nav.mustache:2:3: lỗi:' "$SCRATCH/err")" ]
check "the failed build left the previous output alone" [ "$before" = "$(sums)" ]

# Output that cannot be written (a full disk, a closed descriptor) is an
# error: exit 1 and a message on stderr, never a silent 0.
# full_stdout NAME ARGS...: cchc ARGS with stdout on /dev/full.
full_stdout() {
	fs_name=$1; shift
	cchc "$@" >/dev/full 2>"$SCRATCH/err"
	fs_rc=$?
	check "$fs_name >/dev/full: exit $fs_rc, want 1" [ "$fs_rc" -eq 1 ]
	check "$fs_name >/dev/full: no message: $(cat "$SCRATCH/err")" \
	    grep -q 'không ghi được ra đầu ra chuẩn' "$SCRATCH/err"
}
full_stdout "--help" --help
full_stdout "build --help" build --help
full_stdout "--version" --version
mkdir -p "$SCRATCH/rep"
cp -R "$TOP/site.yaml" "$TOP/content" "$TOP/plans" "$TOP/themes" "$SCRATCH/rep/"
cchc report --period 2025-Q2 --source "$SCRATCH/rep" --today 2025-11-20 >"$SCRATCH/rep.md" 2>"$SCRATCH/err"
r_rc=$?
check "report: exit $r_rc: $(cat "$SCRATCH/err")" [ "$r_rc" -eq 0 ]
check "report: printed" grep -q '^# Báo cáo quý II năm 2025' "$SCRATCH/rep.md"
full_stdout "report" report --period 2025-Q2 --source "$SCRATCH/rep" --today 2025-11-20
cchc --version >&- 2>"$SCRATCH/err"
r_rc=$?
check "--version, stdout closed: exit $r_rc, want 1" [ "$r_rc" -eq 1 ]

finish cli
