#!/bin/bash
# tools/same-output.sh OLD_CCHC [NEW_CCHC] - does a refactoring change
# what cchc writes?  Builds the same inputs with both binaries and
# compares everything a user sees: the output tree (diff -r, nothing
# excluded but cchc's own cache), the messages on stderr and the exit
# status.  Inputs:
#
#   the sample site (this repository) at two --today dates, with and
#   without a warm cache, and `cchc report` for a quarter and a year;
#   every tests/golden/<case>/src; every tests/bad/<case> laid over
#   tests/bad/_base (as tests/bad.sh does); every tests/rules/<rule>/src
#   (as tests/rules.sh lays it out);
#   with SAME_BENCH=N (e.g. 10000), bench/corpus.py's N-post corpus
#   (made once and kept in $SAME_CORPUS_DIR, default /tmp/cchc-corpus).
#
# OLD_CCHC is typically a binary built from the main branch before the
# change:   git worktree add /tmp/base main && make -C /tmp/base cchc
# NEW_CCHC defaults to ./cchc.  Prints one line per input and ends with
# "N passed, N failed"; exit 1 on any difference.
set -u
cd "$(dirname "$0")/.."
TOP=$(pwd)
OLD=${1:?usage: tools/same-output.sh OLD_CCHC [NEW_CCHC]}
NEW=${2:-$TOP/cchc}
case "$OLD" in /*) ;; *) OLD=$TOP/$OLD ;; esac
case "$NEW" in /*) ;; *) NEW=$TOP/$NEW ;; esac
[ -x "$OLD" ] || { echo "same-output: $OLD is not a program" >&2; exit 2; }
[ -x "$NEW" ] || { echo "same-output: $NEW is not a program" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/same-output.XXXXXX")
[ -n "${SAME_KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
pass=0 failn=0
export TZ=Asia/Ho_Chi_Minh LC_ALL=C.UTF-8

# run BIN TAG SRC ARGS...: runs BIN with ARGS on a fresh copy of SRC kept
# at $W/src (same path for both binaries, since messages name it), output
# at $W/out; leaves $W/TAG.{tree,err,rc}.
copy_src() {
	rm -rf "$W/src"
	mkdir -p "$W/src"
	cp -R "$1/." "$W/src/"
}
collect() {
	tag=$1
	rm -rf "$W/$tag.tree"
	if [ -d "$W/out" ]; then mv "$W/out" "$W/$tag.tree"; else mkdir "$W/$tag.tree"; fi
}
# compare NAME: old.* vs new.*
compare() {
	name=$1
	if diff -r "$W/old.tree" "$W/new.tree" >"$W/diff" 2>&1 &&
	    cmp -s "$W/old.err" "$W/new.err" && cmp -s "$W/old.rc" "$W/new.rc"; then
		pass=$((pass + 1))
		echo "same: $name"
	else
		failn=$((failn + 1))
		echo "DIFFERENT: $name"
		head -n 20 "$W/diff" | sed 's/^/    /'
		diff "$W/old.err" "$W/new.err" | head -n 10 | sed 's/^/    err /'
		diff "$W/old.rc" "$W/new.rc" | sed 's/^/    rc /'
	fi
}

# build_both NAME SRC ARGS...: a cold build (no cache) by each binary,
# then (WARM=1) a second build by each over its own output and cache.
build_both() {
	name=$1 src=$2
	shift 2
	for tag in old new; do
		bin=$OLD
		[ $tag = new ] && bin=$NEW
		copy_src "$src"
		rm -rf "$W/src/.cchc-cache" "$W/out"
		(cd "$W" && "$bin" "$@" >"$W/$tag.out" 2>"$W/$tag.err"; echo $? >"$W/$tag.rc")
		cat "$W/$tag.out" >>"$W/$tag.err"
		if [ "${WARM:-0}" = 1 ]; then
			(cd "$W" && "$bin" "$@" >>"$W/$tag.err" 2>&1; echo $? >>"$W/$tag.rc")
		fi
		rm -rf "$W/out/.cchc-cache"
		collect $tag
	done
	compare "$name"
}

# The sample site, from a clone (its history is the repository's).
git clone --quiet "$TOP" "$W/repo"
for today in 2025-11-20 2026-01-01; do
	build_both "sample site --today $today" "$W/repo" build --source src --out out --today "$today"
	WARM=1 build_both "sample site --today $today, rebuilt warm" "$W/repo" build --source src --out out --today "$today"
done
for period in 2025-Q3 2025-H2 2025; do
	build_both "sample site: report $period" "$W/repo" report --source src --today 2026-01-01 --period "$period"
done

# Golden sites.
for dir in "$TOP"/tests/golden/*/; do
	case=$(basename "$dir")
	today=2025-11-20
	[ -f "$dir/today" ] && today=$(cat "$dir/today")
	mkdir -p "$W/in-$case"
	cp -R "$dir/src/." "$W/in-$case/"
	[ -d "$W/in-$case/themes" ] || cp -R "$TOP/themes" "$W/in-$case/"
	for jobs in 1 4; do
		build_both "golden $case --jobs $jobs" "$W/in-$case" build --source src --out out --today "$today" --jobs $jobs
	done
done

# Bad input, as tests/bad.sh lays it out.
for dir in "$TOP"/tests/bad/*/; do
	case=$(basename "$dir")
	[ "$case" = _base ] && continue
	in=$W/in-bad-$case
	mkdir -p "$in"
	cp -R "$TOP/tests/bad/_base/." "$in/"
	[ -d "$in/themes" ] || cp -R "$TOP/themes" "$in/"
	(cd "$dir" && find . -type f ! -name expect | while read -r f; do
		mkdir -p "$in/$(dirname "$f")" && cp "$f" "$in/$f"; done)
	build_both "bad $case" "$in" build --source src --out out --today 2025-11-20
done

# The rule sites (tests/rules.sh), laid out as that suite lays them out
# (tests/rules/lib.sh: a src.sh may make a git history).
. "$TOP/tests/rules/lib.sh"
for dir in "$TOP"/tests/rules/*/; do
	[ -d "$dir/src" ] || continue
	dir=${dir%/}
	case=$(basename "$dir")
	in=$W/in-rule-$case
	if ! rules_prepare "$dir" "$in" "$TOP"; then
		failn=$((failn + 1))
		echo "DIFFERENT: rule $case: its src.sh failed"
		sed 's/^/    /' "$in.log"
		continue
	fi
	today=2025-11-20
	[ -f "$dir/today" ] && today=$(cat "$dir/today")
	build_both "rule $case" "$in" build --source src --out out --today "$today"
done

# The bench corpus.
if [ -n "${SAME_BENCH:-}" ]; then
	n=$SAME_BENCH
	corpus=${SAME_CORPUS_DIR:-/tmp/cchc-corpus}/corpus-$n
	if [ ! -d "$corpus" ]; then
		mkdir -p "$(dirname "$corpus")"
		python3 bench/corpus.py "$corpus" --posts "$n" --procedures 1000 \
		    --git $(( (n + 1000) * 6 / 5 )) >/dev/null 2>&1 ||
		    { echo "same-output: corpus.py failed" >&2; exit 2; }
	fi
	# Built in place (copying 50 MB twice per binary is slow); the
	# cache is removed before each binary runs.
	for tag in old new; do
		bin=$OLD
		[ $tag = new ] && bin=$NEW
		rm -rf "$corpus/.cchc-cache" "$W/out"
		"$bin" build --source "$corpus" --out "$W/out" --today 2026-01-01 >"$W/$tag.err" 2>&1
		echo $? >"$W/$tag.rc"
		rm -rf "$W/out/.cchc-cache"
		collect $tag
	done
	rm -rf "$corpus/.cchc-cache"
	compare "bench corpus, $n posts"
fi

echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ]
