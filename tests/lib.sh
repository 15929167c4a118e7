# tests/lib.sh - shared by the test scripts: counters and the cchc command.
#
# Every script sources this, calls ok/fail per test, and ends with
# `finish NAME`, which prints "NAME: N passed, N failed" (the line
# tests/run.sh adds up) and sets the exit status.

export TZ=Asia/Ho_Chi_Minh LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
# CCHC may be overridden (sanitizer build); CCHC_WRAP runs it under valgrind.
CCHC=${CCHC:-$TOP/cchc}
CCHC_WRAP=${CCHC_WRAP:-}
SHARED=${SHARED:-$TOP/../shared}
npass=0
nfail=0

ok() { npass=$((npass + 1)); }
fail() { nfail=$((nfail + 1)); printf 'FAIL: %s\n' "$*" >&2; }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@"; then ok; else fail "$d"; fi
}
cchc() { $CCHC_WRAP "$CCHC" "$@"; }
finish() {
	echo "$1: $npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
}
# A scratch folder removed on exit.
scratch() {
	SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/cchc-test.XXXXXX")
	trap 'rm -rf "$SCRATCH"' EXIT INT TERM
}
# Copies the default theme into a source tree that has none.
with_theme() {
	[ -d "$1/themes" ] || { mkdir -p "$1/themes" && cp -R "$TOP/themes/default" "$1/themes/"; }
}
# The test copy of cchc, with fault injection compiled in (Makefile:
# $(BUILD)/cchc-test; generator/fault.h).  cchc_fault SPEC ARGS... runs
# it with CCHC_FAULT=SPEC.
CCHC_TEST=${CCHC_TEST:-$TOP/$BUILD/cchc-test}
cchc_fault() { f_spec=$1; shift; CCHC_FAULT=$f_spec $CCHC_WRAP "$CCHC_TEST" "$@"; }
