#!/bin/sh
# tests/run.sh - every test suite; `make test` calls it.  Each suite ends
# with "NAME: N passed, N failed"; this adds them up into the last line.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run() {
	printf '== %s\n' "$*"
	"$@" 2>&1 | tee -a "$log"
	# POSIX sh has no PIPESTATUS: trust the counts instead.
}

units=0
for t in "$BUILD"/tests/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] || continue
	units=$((units + 1))
	run "$t"
done
run "$BUILD/tests/mustache_spec" ../shared/mustache-spec
run sh tests/cli.sh
run sh tests/golden.sh
run sh tests/bad.sh
run sh tests/site.sh

passed=0; failed=0
for line in $(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$log" | sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\1:\2/'); do
	passed=$((passed + ${line%%:*}))
	failed=$((failed + ${line##*:}))
done
suites=$(grep -cE '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$log")
expected=$((units + 5))
if [ "$suites" -lt "$expected" ]; then
	echo "run.sh: only $suites of $expected suites reported a result (one crashed?)"
	failed=$((failed + expected - suites))
fi
[ "$failed" -eq 0 ] || status=1
echo
echo "$passed passed, $failed failed"
exit $status
