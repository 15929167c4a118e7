# tests/runner.sh - sourced by tests/run.sh and tests/run-native.sh: runs
# the suites and adds up their result lines.  The sourcing script sets
# RUNNER (its name in messages) and CRASHED (what a missing result line
# may mean).

log=$(mktemp)
trap 'rm -f "$log" "$log.one" "$log.rc"' EXIT
# A suite's result line: "SUITE: N passed, N failed[, N skipped]".
result='^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
missing=0

# Runs one suite; a suite that prints no result line (it crashed), or
# exits with a failure status while its line says 0 failed, fails.
run() {
	printf '== %s\n' "$*"
	t0=$(date +%s)
	{ "$@" 2>&1; echo $? >"$log.rc"; } | tee "$log.one"
	printf -- '-- %s: %s s\n' "$RUNNER" $(($(date +%s) - t0))
	cat "$log.one" >>"$log"
	rc=$(cat "$log.rc")
	if ! tail -n 1 "$log.one" | grep -qE "$result"; then
		echo "$RUNNER: $* reported no result ($CRASHED; exit $rc)"
		missing=$((missing + 1))
	elif [ "$rc" -ne 0 ] && tail -n 1 "$log.one" | grep -q ', 0 failed'; then
		echo "$RUNNER: $* exited with status $rc but reported no failure"
		missing=$((missing + 1))
	fi
}

# Adds up every result line: sets passed, failed (with the suites that
# did not report), skipped, and skips (", N skipped" when N > 0).
total() {
	passed=0; failed=0; skipped=0
	for line in $(grep -E "$result" "$log" | sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\1:\2:\4/'); do
		passed=$((passed + ${line%%:*}))
		line=${line#*:}
		failed=$((failed + ${line%%:*}))
		line=${line#*:}
		skipped=$((skipped + ${line:-0}))
	done
	failed=$((failed + missing))
	skips=
	[ "$skipped" -eq 0 ] || skips=", $skipped skipped"
}
