#!/bin/sh
# tests/run.sh - every test suite; `make test` calls it.  Each suite ends
# with "NAME: N passed, N failed[, N skipped]"; tests/runner.sh adds them up
# into the last line.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
RUNNER=run.sh
CRASHED="it crashed or was killed"
. tests/runner.sh
status=0

for t in "$BUILD"/tests/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] && run "$t"
done
run "$BUILD/tests/mustache_spec" ../shared/mustache-spec
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
run sh tests/newinit.sh
run sh tests/kill.sh
run sh tests/site.sh
run sh tests/serve.sh
run sh tests/searchpage.sh
run sh tests/portal.sh

total
[ "$failed" -eq 0 ] || status=1
echo
echo "$passed passed, $failed failed$skips"
exit $status
