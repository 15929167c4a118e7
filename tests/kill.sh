#!/bin/sh
# tests/kill.sh - builds killed with `kill -9` at any moment.  The output
# must then be the whole old tree or the whole new one (diff -r against
# reference trees built beforehand), never a mix and never missing; the
# next build must give exactly a cold build's tree and leave nothing
# beside it (no .public.tmp-* staging folder, no .old tree) but the clean
# spare .public.cchc-spare, which must then mirror the output.
#
# The site: bench/corpus.py (deterministic), KILL_POSTS posts (default
# 1500, about 1 s to build on 2 cores).  Tree A is built from it, then a
# template is changed (every post page changes) and tree B built cold.
# Two scenarios, each killed at KILL_POINTS moments spread over its
# measured build time:
#   cold    .cchc-cache removed, the output holding A: every file is
#           compared with the disk and the tree swapped;
#   update  the cache of A's build kept: an update build after a
#           template change (the manifest is trusted);
#   spare   the same with a clean spare of A beside the output (left by
#           a second update build of A), which the build edits and swaps
#           in instead of linking every file anew.
# Then the kill points of the test binary (generator/fault.c) at each
# step of the commit, deterministic, including the swap without
# RENAME_EXCHANGE, whose one unsafe moment the next build repairs.
. "$(dirname "$0")/lib.sh"
# What is tested is the process being killed, not the disk: on tmpfs the
# many copies and removals of whole trees take little time.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	TMPDIR=/dev/shm
	export TMPDIR
fi
scratch
POSTS=${KILL_POSTS:-1500}
POINTS=${KILL_POINTS:-10}
TODAY=2026-01-01
src="$SCRATCH/src"
site="$SCRATCH/site"		# the output's parent: only "public" in it
out="$site/public"
refA="$SCRATCH/refA"
refB="$SCRATCH/refB"
t_start=$(date +%s)

now_ms() { date +%s%3N; }
# build [OPTION...]: one full build of $src into $out.
build() { "$CCHC" build --quiet --source "$src" --out "$out" --today "$TODAY" "$@" 2>"$SCRATCH/err"; }
spare="$site/.public.cchc-spare"
# beside: what is in the output's parent folder besides the output and a
# clean spare (one holding its marker).
beside() {
	ls -A "$site" | grep -vx public | { if [ -f "$spare/.cchc-spare" ]; then grep -vx .public.cchc-spare; else cat; fi; } | tr '\n' ' '
}
# restore cold|update|spare: the output back to A (the same inodes, so
# that A's manifest holds), the cache as A's build left it or none; for
# spare, the cache of the second update build of A and its spare.
restore() {
	rm -rf "$out" "$src/.cchc-cache"
	find "$site" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
	cp -al "$refA" "$out"
	[ "$1" = update ] && cp -a "$SCRATCH/cacheA" "$src/.cchc-cache"
	if [ "$1" = spare ]; then
		cp -a "$SCRATCH/cacheS" "$src/.cchc-cache"
		cp -al "$SCRATCH/spareA" "$spare"
	fi
	:
}
# which: A, B, missing or mixed, for the output as it is.
which() {
	if [ ! -e "$out" ]; then echo missing
	elif diff -r "$out" "$refB" >/dev/null 2>&1; then echo B
	elif diff -r "$out" "$refA" >/dev/null 2>&1; then echo A
	else echo mixed
	fi
}
# recover NAME: the next build completes, equals B, leaves nothing.
recover() {
	build
	r_rc=$?
	check "$1: next build exit $r_rc: $(cat "$SCRATCH/err")" [ "$r_rc" -eq 0 ]
	check "$1: next build differs from a cold build: $(diff -r "$out" "$refB" 2>&1 | head -c 600)" \
	    diff -r "$out" "$refB"
	check "$1: left beside the output: $(beside)" [ -z "$(beside)" ]
	if [ -e "$spare" ]; then
		check "$1: the spare differs from the output: $(diff -r -x .cchc-spare "$out" "$spare" 2>&1 | head -c 600)" \
		    diff -r -x .cchc-spare "$out" "$spare"
	fi
}

if ! python3 "$TOP/bench/corpus.py" "$src" --posts "$POSTS" --procedures $((POSTS / 10)) >"$SCRATCH/gen" 2>&1; then
	fail "bench/corpus.py: $(cat "$SCRATCH/gen")"
	finish kill
	exit 1
fi
mkdir -p "$site"

# Tree A, and the cache its build left.
build
rc=$?
check "build A: exit $rc: $(cat "$SCRATCH/err")" [ "$rc" -eq 0 ]
cp -al "$out" "$refA"
cp -a "$src/.cchc-cache" "$SCRATCH/cacheA"
# A second update build of A (the test binary: another fingerprint, every
# file the same and kept) leaves a clean spare of A beside it.
cchc_fault "" build --quiet --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err"
rc=$?
check "spare of A: exit $rc: $(cat "$SCRATCH/err")" [ "$rc" -eq 0 ]
check "spare of A: a clean spare" [ -f "$spare/.cchc-spare" ]
check "spare of A: output still A, same inodes" sh -c "[ \"\$(cd '$out' && find . -type f -exec stat -c '%n %i' {} + | sort)\" = \"\$(cd '$refA' && find . -type f -exec stat -c '%n %i' {} + | sort)\" ]"
check "spare of A mirrors A" diff -r -x .cchc-spare "$spare" "$refA"
cp -al "$spare" "$SCRATCH/spareA"
cp -a "$src/.cchc-cache" "$SCRATCH/cacheS"
# Tree B: a template changed, built cold into a new folder (timed).
echo '<!-- bản mẫu mới -->' >>"$src/themes/default/layouts/post.mustache"
rm -rf "$src/.cchc-cache"
t0=$(now_ms)
"$CCHC" build --quiet --source "$src" --out "$refB" --today "$TODAY" 2>"$SCRATCH/err"
rc=$?
t_cold=$(( $(now_ms) - t0 ))
check "build B: exit $rc: $(cat "$SCRATCH/err")" [ "$rc" -eq 0 ]
check "A and B differ" sh -c "! diff -r -q '$refA' '$refB' >/dev/null"
# update_to_b SCENARIO LABEL: from SCENARIO's state, an update build that
# must give B; its time in $t_ms.
update_to_b() {
	restore "$1"
	t0=$(now_ms)
	build
	rc=$?
	t_ms=$(( $(now_ms) - t0 ))
	check "$2: exit $rc: $(cat "$SCRATCH/err")" [ "$rc" -eq 0 ]
	check "$2 equals B" diff -r "$out" "$refB"
}
update_to_b update "update A -> B"
t_update=$t_ms
update_to_b spare "update A -> B from the spare"
t_spare=$t_ms
check "update A -> B from the spare: the new spare is B" diff -r -x .cchc-spare "$spare" "$refB"
check "update A -> B from the spare: nothing else beside: $(beside)" [ -z "$(beside)" ]
echo "kill: $POSTS posts, $(find "$refB" -type f | wc -l) files; cold build ${t_cold} ms, update build ${t_update} ms, from the spare ${t_spare} ms"

# kill_at SCENARIO DELAY_MS: a build killed after DELAY_MS.
kill_at() {
	restore "$1"
	# The binary itself in the background (a function would be a
	# subshell, and the kill would miss cchc).
	"$CCHC" build --quiet --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err" &
	k_pid=$!
	sleep "$(printf '%d.%03d' $(($2 / 1000)) $(($2 % 1000)))"
	kill -9 "$k_pid" 2>/dev/null
	wait "$k_pid"
	k_rc=$?
	k_is=$(which)
	# 137: killed; 0: it finished first (then it must be B).
	case $k_rc:$k_is in
	137:A|137:B|0:B) ok ;;
	*) fail "$1 killed at $2 ms: exit $k_rc (137: killed, 0: done first), output $k_is: want A or B, B if done" ;;
	esac
	printf '  %-6s %5d ms: %s%s\n' "$1" "$2" "$k_is" "$( [ -n "$(beside)" ] && printf ', left beside: %s' "$(beside)")"
	recover "$1 killed at $2 ms"
}
for scenario in cold update spare; do
	case $scenario in
	cold) t=$t_cold ;;
	update) t=$t_update ;;
	spare) t=$t_spare ;;
	esac
	i=1
	while [ $i -le "$POINTS" ]; do
		# Spread over the build and a little beyond it.
		kill_at $scenario $((t * (2 * i - 1) * 11 / (20 * POINTS)))
		i=$((i + 1))
	done
done

# The same at fixed steps of the commit (the test binary's kill points).
# stop SPEC WANT [update|spare]: killed at SPEC, the output must be WANT.
stop() {
	restore "${3:-update}"
	cchc_fault "$1" build --quiet --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err"
	s_rc=$?
	check "$1: exit $s_rc, want 137 (killed)" [ "$s_rc" -eq 137 ]
	s_is=$(which)
	check "$1: output is $s_is, want $2" [ "$s_is" = "$2" ]
	check "$1: something left beside to clean up" [ -n "$(beside)" ]
	recover "$1"
	check "$1: the next build says what it removed" grep -q 'ghi chú: ' "$SCRATCH/err"
}
stop stop-linked A
stop stop-swapped B
stop stop-clearing:100 B cold
stop stop-spare B
stop stop-linked A spare
stop stop-swapped B spare
stop stop-spare B spare
# Without RENAME_EXCHANGE the two renames leave a moment with no output;
# a kill there is repaired by the next build, which puts A back first.
stop exchange,stop-aside missing
check "stop-aside: A put back, with a note" grep -q 'đã đặt lại bản trước đó' "$SCRATCH/err"
restore update
cchc_fault exchange build --quiet --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err"
rc=$?
check "swap without RENAME_EXCHANGE: exit $rc: $(cat "$SCRATCH/err")" [ "$rc" -eq 0 ]
check "swap without RENAME_EXCHANGE: output is B" diff -r "$out" "$refB"
check "swap without RENAME_EXCHANGE: left beside: $(beside)" [ -z "$(beside)" ]

# Only what cchc made is removed: a folder of the same name pattern
# without a cchc marker, and one of a running process, stay.
restore update
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir -p "$site/.public.tmp-$dead-abcdef" "$site/.public.tmp-$$-ghijkl"
echo giữ >"$site/.public.tmp-$dead-abcdef/thu.txt"
echo cchc >"$site/.public.tmp-$$-ghijkl/.cchc-build"
build
rc=$?
check "foreign leftovers: exit $rc" [ "$rc" -eq 0 ]
check "a folder without a marker is kept" [ -f "$site/.public.tmp-$dead-abcdef/thu.txt" ]
check "a running build's folder is kept" [ -f "$site/.public.tmp-$$-ghijkl/.cchc-build" ]

echo "kill: $(( $(date +%s) - t_start )) s"
finish kill
