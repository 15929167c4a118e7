#!/bin/sh
# tests/run-native.sh - the C-level suites (unit tests, Mustache spec, CLI,
# golden and bad-input builds) against $BUILD, for `make asan` (a
# sanitizer build) and `make valgrind` (VALGRIND=1 wraps every run).
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
export CCHC="$PWD/$BUILD/cchc"
wrap=""
if [ "${VALGRIND:-0}" = 1 ]; then
	wrap="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
	export CCHC_WRAP="$wrap"
fi
# Sanitizers: fail on the first report, and report leaks.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=98
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=97
log=$(mktemp)
trap 'rm -f "$log" "$log.one"' EXIT

missing=0
# Runs one suite; a suite that prints no result line (it crashed) fails.
run() {
	printf '== %s\n' "$*"
	"$@" 2>&1 | tee "$log.one"
	cat "$log.one" >>"$log"
	if ! tail -n 1 "$log.one" | grep -qE '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed'; then
		echo "run-native.sh: $* reported no result (a sanitizer or valgrind stopped it?)"
		missing=$((missing + 1))
	fi
}

for t in "$BUILD"/tests/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] && run $wrap "$t"
done
run $wrap "$BUILD/tests/mustache_spec" ../shared/mustache-spec
run sh tests/cli.sh
run sh tests/golden.sh
run sh tests/bad.sh
run sh tests/history.sh
run sh tests/plans.sh
run sh tests/incremental.sh
# Killed builds: too slow under valgrind; a smaller site under ASan.
if [ "${VALGRIND:-0}" != 1 ]; then
	KILL_POSTS=500 KILL_POINTS=6
	export KILL_POSTS KILL_POINTS
	run sh tests/kill.sh
fi

passed=0; failed=0
for line in $(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$log" | sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\1:\2/'); do
	passed=$((passed + ${line%%:*}))
	failed=$((failed + ${line##*:}))
done
failed=$((failed + missing))
# Sanitizer and valgrind reports fail the run even if counts look fine.
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|== ERROR SUMMARY: [1-9]|definitely lost: [1-9]' "$log"; then
	echo "run-native.sh: sanitizer or valgrind reports above"
	failed=$((failed + 1))
fi
echo
echo "${VALGRIND:+valgrind }$BUILD: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
