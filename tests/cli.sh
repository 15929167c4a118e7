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

finish cli
