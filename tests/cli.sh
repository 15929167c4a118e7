#!/bin/sh
# tests/cli.sh - the command line: help, version, exit codes.
. "$(dirname "$0")/lib.sh"
scratch

expect_exit() { # expect_exit CODE PATTERN ARGS...
	want=$1; pat=$2; shift 2
	cchc "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "cchc $*: exit $got, want $want"; return
	fi
	if ! grep -q -- "$pat" "$SCRATCH/out" "$SCRATCH/err"; then
		fail "cchc $*: output lacks '$pat'"; cat "$SCRATCH/err" >&2; return
	fi
	ok
}

expect_exit 0 'Cách dùng: cchc build' --help
expect_exit 0 'Cách dùng: cchc build' build --help
expect_exit 0 '^cchc [0-9]' --version
expect_exit 2 'thiếu lệnh'
expect_exit 2 'không có lệnh “serve”' serve
expect_exit 2 'không hiểu tùy chọn “--bogus”' build --bogus
expect_exit 2 'tùy chọn --out cần một giá trị' build --out
expect_exit 2 '--jobs cần một số' build --jobs 0
expect_exit 2 '--jobs cần một số' build --jobs abc
expect_exit 2 '--today cần ngày dạng YYYY-MM-DD' build --today 2025-02-30
expect_exit 1 'không có thư mục nguồn' build --source "$SCRATCH/none" --out "$SCRATCH/o"
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
if cchc build --quiet --source "$SCRATCH/long" --out "$SCRATCH/long-out" --today 2025-11-20 2>"$SCRATCH/err"; then
	p15="$SCRATCH/long-out/tin-tuc/trang/15/index.html"
	nums=$(grep -c 'class="phan-trang__so"' "$p15")
	check "page 15 of 30 shows $nums numbers, want 7 (1, 13-17, 30)" [ "$nums" -eq 7 ]
	check "page 15 of 30 lacks its two gap marks" [ "$(grep -c 'phan-trang__cach' "$p15")" -eq 2 ]
	check "page 15 does not link page 30" grep -q 'href="../../../tin-tuc/trang/30/"' "$p15"
	check "page 15 links page 14 as prev" grep -q '<link rel="prev" href="../../../tin-tuc/trang/14/">' "$p15"
	check "page 30 has no next" sh -c "! grep -q 'rel=\"next\"' '$SCRATCH/long-out/tin-tuc/trang/30/index.html'"
else
	fail "the 30-post site does not build"; cat "$SCRATCH/err" >&2
fi

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
