# tests/lib.sh - shared by the test scripts: counters and the cchc command.
#
# Every script sources this, calls ok/fail (or skip) per test, and ends
# with `finish NAME`, which prints "NAME: N passed, N failed" (followed by
# ", N skipped" when a test was skipped; the line tests/run.sh adds up)
# and sets the exit status.  Every run of cchc goes through cchc() or
# run_cchc(): a sanitizer or valgrind report (exit 97, 98, 99) fails the
# suite whatever status the caller expected.

export TZ=Asia/Ho_Chi_Minh LC_ALL=C.UTF-8
# The validators in tests/validate import each other: without this, Python
# writes tests/validate/__pycache__/ into the tree the sample site is built
# from, and the builds after it say the tree is dirty (seen in a fresh
# bookworm chroot, whose environment does not set it).
export PYTHONDONTWRITEBYTECODE=1
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
# CCHC may be overridden (sanitizer build); CCHC_WRAP runs it under valgrind.
CCHC=${CCHC:-$TOP/cchc}
CCHC_WRAP=${CCHC_WRAP:-}
SHARED=${SHARED:-$TOP/../shared}
npass=0
nfail=0
nskip=0
# The suite's own stderr, for messages from commands whose stderr the
# caller sent to a file.
exec 9>&2

ok() { npass=$((npass + 1)); }
fail() { nfail=$((nfail + 1)); printf 'FAIL: %s\n' "$*" >&2; }
# skip WHAT IS MISSING: a test that could not run; shown in the result line.
skip() { nskip=$((nskip + 1)); printf 'SKIP: %s\n' "$*" >&2; }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@"; then ok; else fail "$d"; fi
}
# What exit 97, 98 or 99 means under `make asan` / `make valgrind`
# (tests/run-native.sh sets these codes), or nothing.
sanitizer_exit() {
	case $1 in
	97) echo "UndefinedBehaviorSanitizer report" ;;
	98) echo "AddressSanitizer or LeakSanitizer report" ;;
	99) echo "valgrind report" ;;
	*) return 1 ;;
	esac
}
# cchc ARGS...: runs cchc (under $CCHC_WRAP).  A sanitizer or valgrind
# exit is written down in $SCRATCH/.sanitizer, which finish counts as
# failures (this works in subshells too), and said on the suite's stderr.
cchc() {
	$CCHC_WRAP "$CCHC" "$@" 9>&-
	c_rc=$?
	if c_why=$(sanitizer_exit "$c_rc"); then
		printf 'cchc %s: exit %d: %s\n' "$*" "$c_rc" "$c_why" >>"${SCRATCH:?call scratch first}/.sanitizer"
		printf 'FAIL: cchc %s: exit %d: %s (in its messages)\n' "$*" "$c_rc" "$c_why" >&9
	fi
	return "$c_rc"
}
# run_cchc [-C DIR] [-o FILE] [-e FILE] WANT ARGS...: one test: cchc ARGS
# (run in DIR) exits with status WANT (0 success, 1 content errors, 2
# usage).  Its output goes to FILE ($SCRATCH/cchc.out), its messages to FILE
# ($SCRATCH/err), shown when the status differs.  Returns 0 if it is WANT.
run_cchc() {
	r_dir= r_out=$SCRATCH/cchc.out r_err=$SCRATCH/err
	while :; do
		case $1 in
		-C) r_dir=$2; shift 2 ;;
		-o) r_out=$2; shift 2 ;;
		-e) r_err=$2; shift 2 ;;
		*) break ;;
		esac
	done
	r_want=$1; shift
	if [ -n "$r_dir" ]; then
		(cd "$r_dir" && cchc "$@") >"$r_out" 2>"$r_err"
	else
		cchc "$@" >"$r_out" 2>"$r_err"
	fi
	r_got=$?
	if [ "$r_got" -eq "$r_want" ]; then
		ok
		return 0
	fi
	fail "cchc $*${r_dir:+ (in $r_dir)}: exit $r_got, want $r_want$(sanitizer_exit "$r_got" | sed 's/^/: /')"
	sed 's/^/    /' "$r_err" | head -n 80 >&2
	return 1
}
finish() {
	if [ -s "${SCRATCH:-/nonexistent}/.sanitizer" ]; then
		f_n=$(wc -l <"$SCRATCH/.sanitizer")
		printf 'FAIL: %s: %d run(s) of cchc stopped by a sanitizer or valgrind:\n' "$1" "$f_n" >&2
		sed 's/^/    /' "$SCRATCH/.sanitizer" >&2
		nfail=$((nfail + f_n))
	fi
	if [ "$nskip" -gt 0 ]; then
		echo "$1: $npass passed, $nfail failed, $nskip skipped"
	else
		echo "$1: $npass passed, $nfail failed"
	fi
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
# it with CCHC_FAULT=SPEC, through cchc() so that a sanitizer or valgrind
# exit fails the suite as any other run's does.
CCHC_TEST=${CCHC_TEST:-$TOP/$BUILD/cchc-test}
cchc_fault() {
	f_saved=$CCHC
	CCHC=$CCHC_TEST
	CCHC_FAULT=$1
	export CCHC_FAULT
	shift
	cchc "$@"
	f_rc=$?
	unset CCHC_FAULT
	CCHC=$f_saved
	return "$f_rc"
}
