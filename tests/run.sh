#!/bin/sh
# tests/run.sh - every test suite; `make test` calls it.  Each suite ends
# with "NAME: N passed, N failed"; this adds them up into the last line.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
log=$(mktemp)
trap 'rm -f "$log" "$log.one"' EXIT
status=0

missing=0
# Runs one suite; a suite that prints no result line (it crashed) fails.
run() {
	printf '== %s\n' "$*"
	"$@" 2>&1 | tee "$log.one"
	cat "$log.one" >>"$log"
	if ! tail -n 1 "$log.one" | grep -qE '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed'; then
		echo "run.sh: $* reported no result (it crashed or was killed)"
		missing=$((missing + 1))
	fi
}

for t in "$BUILD"/tests/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] && run "$t"
done
run "$BUILD/tests/mustache_spec" ../shared/mustache-spec
run sh tests/cli.sh
run sh tests/golden.sh
run sh tests/bad.sh
run sh tests/history.sh
run sh tests/plans.sh
run sh tests/incremental.sh
run sh tests/kill.sh
run sh tests/site.sh

passed=0; failed=0
for line in $(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$log" | sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\1:\2/'); do
	passed=$((passed + ${line%%:*}))
	failed=$((failed + ${line##*:}))
done
failed=$((failed + missing))
[ "$failed" -eq 0 ] || status=1
echo
echo "$passed passed, $failed failed"
exit $status
