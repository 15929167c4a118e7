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

finish cli
