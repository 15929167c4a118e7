#!/bin/sh
# tests/rules.sh [--update] [RULE...] - one small site per rule of README.md
# and docs/*.md, each in tests/rules/<rule>/, named for the rule so that a
# failing diff names the feature (like lowdown's regress/).  A folder has:
#
#   README.md        one line: the rule, quoted or cited (README section)
#   src/             the site: site.yaml and only what the rule needs; the
#                    default theme is copied in (as tests/golden.sh does)
#   src.sh           optional: run in the copy of src/ before the build, to
#                    make a git repository with fixed dates (git_commit in
#                    tests/rules/lib.sh); themes/ is kept out of it
#   today            optional: --today (default 2025-11-20)
#   status           optional: the exit status wanted (default 0)
#   expected/        the output tree without the theme's static files (each
#                    is checked against the theme instead) and without the
#                    search index's files (tim-kiem/chi-muc/); absent when
#                    the build must write nothing (an error)
#   expected.stderr  the messages (empty when there are none)
#   expect           what shows the rule (required), checked on each run's output
#                    (so that an --update that loses the rule fails), one
#                    check a line: `has PATH TEXT` (PATH contains TEXT),
#                    `lacks PATH TEXT`, `exists PATH`, `absent PATH`,
#                    `order PATH A | B | …` (each found, on later lines in
#                    this order); PATH is in the output tree, or `stderr`
#                    for the messages
#
# Each site is built with --jobs 1 and --jobs 4; both must match.
# --update (`make golden`) rewrites expected/ and expected.stderr after a
# deliberate change: review the diff, and check that each expected tree
# still shows its rule, before committing it.
. "$(dirname "$0")/lib.sh"
scratch
update=0
if [ "${1:-}" = "--update" ]; then
	update=1
	shift
fi
. "$TOP/tests/rules/lib.sh"

# in_order FILE "A | B | …": each of A, B, … is in FILE, each first found
# on a later line than the one before.
in_order() {
	o_last=0
	o_rest=$2
	while [ -n "$o_rest" ]; do
		case $o_rest in
		*" | "*) o_part=${o_rest%%" | "*}; o_rest=${o_rest#*" | "} ;;
		*) o_part=$o_rest; o_rest= ;;
		esac
		o_line=$(grep -nF -- "$o_part" "$1" 2>/dev/null | head -n 1 | cut -d: -f1)
		[ -n "$o_line" ] && [ "$o_line" -gt "$o_last" ] || return 1
		o_last=$o_line
	done
}
# expect FILE OUT WHAT: the checks of FILE (see above) on the output
# tree OUT and the messages $SCRATCH/err; each is one test.
expect() {
	while read -r e_verb e_path e_text; do
		case $e_verb in ''|'#'*) continue ;; esac
		e_file=$2/$e_path
		[ "$e_path" = stderr ] && e_file=$SCRATCH/err
		case $e_verb in
		has) grep -qF -- "$e_text" "$e_file" 2>/dev/null ;;
		lacks) [ -f "$e_file" ] && ! grep -qF -- "$e_text" "$e_file" ;;
		exists) [ -e "$e_file" ] ;;
		absent) [ ! -e "$e_file" ] ;;
		order) in_order "$e_file" "$e_text" ;;
		*) false ;;
		esac
		if [ $? -eq 0 ]; then ok; else
			fail "$3: expect: $e_verb $e_path $e_text"; fi
	done <"$1"
}

if [ $# -gt 0 ]; then
	dirs=
	for r in "$@"; do dirs="$dirs $TOP/tests/rules/${r%/}/"; done
else
	dirs=$(ls -d "$TOP"/tests/rules/*/)
fi
for dir in $dirs; do
	dir=${dir%/}
	rule=$(basename "$dir")
	if [ ! -d "$dir/src" ]; then
		fail "$rule: no src/ folder"
		continue
	fi
	if [ ! -s "$dir/README.md" ]; then
		fail "$rule: no README.md naming the rule"
	fi
	if [ ! -s "$dir/expect" ]; then
		fail "$rule: no expect file saying what in the output shows the rule"
	fi
	if [ "$update" -eq 0 ] && [ ! -f "$dir/expected.stderr" ]; then
		fail "$rule: no expected.stderr (make it empty for a rule without messages)"
	fi
	today=2025-11-20
	[ -f "$dir/today" ] && today=$(cat "$dir/today")
	want=0
	[ -f "$dir/status" ] && want=$(cat "$dir/status")
	if ! rules_prepare "$dir" "$SCRATCH/src" "$TOP"; then
		fail "$rule: src.sh failed:"
		sed 's/^/    /' "$SCRATCH/src.log" >&2
		continue
	fi
	for jobs in 1 4; do
		# Relative paths, the same for both runs: messages name them.
		out="$SCRATCH/out"
		rm -rf "$out"
		if ! run_cchc -C "$SCRATCH" "$want" build --quiet --source src \
		    --out out --today "$today" --jobs "$jobs"; then
			continue
		fi
		# Theme static files are copied as they are: check each against
		# the theme here rather than keep a copy in every expected tree.
		if [ -d "$out" ]; then
			static="$SCRATCH/src/themes/default/static"
			for f in $(cd "$static" && find . -type f); do
				if [ -f "$dir/src/themes/default/static/$f" ]; then continue; fi
				if cmp -s "$static/$f" "$out/$f"; then ok; else
					fail "$rule (--jobs $jobs): static $f not copied as it is"; fi
				rm -f "$out/$f"
			done
		fi
		# The search index's files hold every page's text again: they
		# are checked by tests/golden.sh and tests/search.sh, not kept
		# in each rule's tree (the page tim-kiem/index.html is).
		rm -rf "$out/tim-kiem/chi-muc"
		if [ "$update" -eq 1 ] && [ "$jobs" -eq 1 ]; then
			rm -rf "$dir/expected"
			[ -d "$out" ] && cp -R "$out" "$dir/expected"
			cp "$SCRATCH/err" "$dir/expected.stderr"
			echo "rules: updated $rule"
		fi
		if [ ! -d "$dir/expected" ]; then
			# A failed build leaves nothing behind.
			if [ -e "$out" ]; then
				fail "$rule (--jobs $jobs): wrote $out, expected/ says nothing"
			else
				ok
			fi
		elif diff -ru "$dir/expected" "$out" >"$SCRATCH/diff"; then
			ok
		else
			fail "$rule (--jobs $jobs): output differs from expected"
			head -n 80 "$SCRATCH/diff" >&2
		fi
		# The rule itself, as its folder says it shows.
		[ -f "$dir/expect" ] && expect "$dir/expect" "$out" "$rule (--jobs $jobs)"
		# Messages are part of the rule too.
		if [ -f "$dir/expected.stderr" ] && diff -u "$dir/expected.stderr" "$SCRATCH/err" >&2; then
			ok
		else
			fail "$rule (--jobs $jobs): messages differ from expected.stderr (or it is missing)"
		fi
	done
done
finish rules
