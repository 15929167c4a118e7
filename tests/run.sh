#!/bin/sh
# tests/run.sh - every test suite; `make test` calls it.  Each suite ends
# with "NAME: N passed, N failed"; this adds them up into the last line.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
log=$(mktemp)
trap 'rm -f "$log" "$log.one" "$log.rc"' EXIT
# A suite's result line: "SUITE: N passed, N failed[, N skipped]".
result='^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
status=0

missing=0
# Runs one suite; a suite that prints no result line (it crashed), or
# exits with a failure status while its line says 0 failed, fails.
run() {
	printf '== %s\n' "$*"
	{ "$@" 2>&1; echo $? >"$log.rc"; } | tee "$log.one"
	cat "$log.one" >>"$log"
	rc=$(cat "$log.rc")
	if ! tail -n 1 "$log.one" | grep -qE "$result"; then
		echo "run.sh: $* reported no result (it crashed or was killed; exit $rc)"
		missing=$((missing + 1))
	elif [ "$rc" -ne 0 ] && tail -n 1 "$log.one" | grep -q ', 0 failed'; then
		echo "run.sh: $* exited with status $rc but reported no failure"
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
run sh tests/site.sh

passed=0; failed=0; skipped=0
for line in $(grep -E "$result" "$log" | sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\1:\2:\4/'); do
	passed=$((passed + ${line%%:*}))
	line=${line#*:}
	failed=$((failed + ${line%%:*}))
	line=${line#*:}
	skipped=$((skipped + ${line:-0}))
done
# ", N skipped" only when something was skipped.
skips=
[ "$skipped" -eq 0 ] || skips=", $skipped skipped"
failed=$((failed + missing))
[ "$failed" -eq 0 ] || status=1
echo
echo "$passed passed, $failed failed$skips"
exit $status
