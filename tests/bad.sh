#!/bin/sh
# tests/bad.sh - bad input: each tests/bad/<case>/ is laid over the small
# valid site in tests/bad/_base/.  Its `expect` file gives the exit code
# (line 1) and text the messages must contain (one per line, e.g. the
# file:line:col).  Every case also checks that the output of an earlier
# good build is left exactly as it was, with no temporary folder behind.
. "$(dirname "$0")/lib.sh"
scratch
base="$TOP/tests/bad/_base"
out="$SCRATCH/public"

snapshot() { (cd "$out" && find . -type f | LC_ALL=C sort | xargs sha256sum); }

mkdir -p "$SCRATCH/good"
cp -R "$base/." "$SCRATCH/good/"
with_theme "$SCRATCH/good"
if ! run_cchc 0 build --quiet --source "$SCRATCH/good" --out "$out" --today 2025-11-20; then
	finish bad
	exit 1
fi
snapshot >"$SCRATCH/before"

for dir in "$TOP"/tests/bad/*/; do
	case=$(basename "$dir")
	[ "$case" = _base ] && continue
	src="$SCRATCH/src-$case"
	mkdir -p "$src"
	cp -R "$base/." "$src/"
	with_theme "$src"
	(cd "$dir" && find . -type f ! -name expect | while read -r f; do
		mkdir -p "$src/$(dirname "$f")" && cp "$f" "$src/$f"; done)
	want=$(head -n 1 "$dir/expect")
	# The exact status (never a crash: a signal gives a status above 128).
	run_cchc -o /dev/null "$want" build --source "$src" --out "$out" --today 2025-11-20
	# An empty line would match any message: it counts as missing.
	check "$case: expect lists no message to look for" [ "$(tail -n +2 "$dir/expect" | grep -c .)" -gt 0 ]
	tail -n +2 "$dir/expect" | while IFS= read -r pat; do
		[ -n "$pat" ] && grep -qF -- "$pat" "$SCRATCH/err" || echo "$pat"
	done >"$SCRATCH/missing"
	if [ -s "$SCRATCH/missing" ]; then
		fail "$case: messages lack: $(cat "$SCRATCH/missing")"
		sed 's/^/    /' "$SCRATCH/err" >&2
	else
		ok
	fi
	snapshot >"$SCRATCH/after"
	check "$case: previous output changed" cmp -s "$SCRATCH/before" "$SCRATCH/after"
	check "$case: temporary folder left behind" [ -z "$(ls -A "$SCRATCH" | grep '^\.public\.tmp')" ]
done

# A folder cchc did not make is never replaced.
mkdir -p "$SCRATCH/foreign"
echo keep >"$SCRATCH/foreign/thu.txt"
run_cchc 1 build --source "$SCRATCH/good" --out "$SCRATCH/foreign" --today 2025-11-20
check "foreign output folder: message" grep -q "không phải do cchc tạo" "$SCRATCH/err"
check "foreign output folder: file kept" grep -q keep "$SCRATCH/foreign/thu.txt"
# Nor the source tree itself.
run_cchc 1 build --source "$SCRATCH/good" --out "$SCRATCH/good" --today 2025-11-20
check "output = source: source intact" [ -f "$SCRATCH/good/site.yaml" ]

finish bad
