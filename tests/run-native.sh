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
RUNNER=run-native.sh
CRASHED="a sanitizer or valgrind stopped it?"
. tests/runner.sh

for t in "$BUILD"/tests/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] && run $wrap "$t"
done
run $wrap "$BUILD/tests/mustache_spec" ../shared/mustache-spec
run sh tests/cli.sh
run sh tests/golden.sh
run sh tests/rules.sh
run sh tests/images.sh
run sh tests/searchnorm.sh
run sh tests/search.sh
run sh tests/bad.sh
run sh tests/messages.sh
run sh tests/check.sh
run sh tests/history.sh
run sh tests/renames.sh
run sh tests/plans.sh
run sh tests/incremental.sh
run sh tests/deps.sh
run sh tests/fuzz.sh
# make install links the objects again: not those of a sanitizer build.
NEWINIT_INSTALL=0
export NEWINIT_INSTALL
run sh tests/newinit.sh
run sh tests/serve.sh
# The portal: its own process under the sanitizer or valgrind, and the
# departments' builds it runs (children of the same binary).
run sh tests/portal.sh
# Killed builds: too slow under valgrind; a smaller site under ASan.
if [ "${VALGRIND:-0}" != 1 ]; then
	KILL_POSTS=500 KILL_POINTS=6
	export KILL_POSTS KILL_POINTS
	run sh tests/kill.sh
fi

total
# Sanitizer and valgrind reports fail the run even if counts look fine.
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|== ERROR SUMMARY: [1-9]|definitely lost: [1-9]' "$log"; then
	echo "run-native.sh: sanitizer or valgrind reports above"
	failed=$((failed + 1))
fi
echo
echo "${VALGRIND:+valgrind }$BUILD: $passed passed, $failed failed$skips"
echo "$passed passed, $failed failed$skips"
[ "$failed" -eq 0 ]
