#!/bin/sh
# tests/golden.sh [--update] - builds each tests/golden/<case>/src with
# the default theme and compares the whole output tree with
# tests/golden/<case>/expected (diff -ru), and its messages with
# tests/golden/<case>/expected.stderr (empty for a clean case).  Each case
# is built with --jobs 1 and --jobs 4; both must match.  --update rewrites expected/
# (`make golden`) after a deliberate change: review the diff before
# committing it.
. "$(dirname "$0")/lib.sh"
scratch
update=0
[ "${1:-}" = "--update" ] && update=1

for dir in "$TOP"/tests/golden/*/; do
	case=$(basename "$dir")
	if [ ! -d "$dir/src" ]; then
		fail "$case: no src/ folder"
		continue
	fi
	if [ "$update" -eq 0 ] && [ ! -f "$dir/expected.stderr" ]; then
		fail "$case: no expected.stderr (make it empty for a case without messages)"
	fi
	today=2025-11-20
	[ -f "$dir/today" ] && today=$(cat "$dir/today")
	rm -rf "$SCRATCH/src"
	cp -R "$dir/src" "$SCRATCH/src"
	with_theme "$SCRATCH/src"
	for jobs in 1 4; do
		out="$SCRATCH/out-$case-$jobs"
		if ! run_cchc 0 build --quiet --source "$SCRATCH/src" --out "$out" \
		    --today "$today" --jobs "$jobs"; then
			continue
		fi
		# Theme static files are copied as they are: check each against
		# the theme here rather than keep a copy in every expected tree.
		static="$SCRATCH/src/themes/default/static"
		for f in $(cd "$static" && find . -type f); do
			if [ -f "$dir/src/themes/default/static/$f" ]; then continue; fi
			if cmp -s "$static/$f" "$out/$f"; then ok; else
				fail "$case (--jobs $jobs): static $f not copied as it is"; fi
			rm -f "$out/$f"
		done
		if [ "$update" -eq 1 ] && [ "$jobs" -eq 1 ]; then
			rm -rf "$dir/expected"
			cp -R "$out" "$dir/expected"
			cp "$SCRATCH/err" "$dir/expected.stderr"
			echo "golden: updated $case"
		fi
		if diff -ru "$dir/expected" "$out" >"$SCRATCH/diff"; then
			ok
		else
			fail "$case (--jobs $jobs): output differs from expected"
			head -n 80 "$SCRATCH/diff" >&2
		fi
		# Messages are part of the contract too.
		if [ -f "$dir/expected.stderr" ] && diff -u "$dir/expected.stderr" "$SCRATCH/err" >&2; then
			ok
		else
			fail "$case (--jobs $jobs): messages differ from expected.stderr (or it is missing)"
		fi
	done
done
finish golden
