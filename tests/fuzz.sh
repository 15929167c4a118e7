#!/bin/sh
# tests/fuzz.sh - the fuzz harnesses (tests/fuzz/fuzz_*.c) replayed by
# their plain driver ($BUILD/tests/replay_NAME, no clang needed) over
# their seeds (tests/fuzz/seeds.sh) and the inputs fuzzing found
# (tests/fuzz/regress/NAME).  Each harness is one test: it fails on a
# crash, an abort() of its checks, or (asan, valgrind) any report.
. "$(dirname "$0")/lib.sh"
scratch
cd "$TOP" || exit 1

for src in tests/fuzz/fuzz_*.c; do
	n=${src##*/fuzz_}
	n=${n%.c}
	bin=$BUILD/tests/replay_$n
	if [ ! -x "$bin" ]; then
		fail "$bin is missing (make unit)"
		continue
	fi
	sh tests/fuzz/seeds.sh "$n" "$SCRATCH/$n"
	set -- "$SCRATCH/$n"
	[ -d "tests/fuzz/regress/$n" ] && set -- "$@" "tests/fuzz/regress/$n"
	if $CCHC_WRAP "$bin" "$@" >"$SCRATCH/out" 2>&1 &&
	    grep -q '^replay: [1-9][0-9]* inputs$' "$SCRATCH/out"; then
		ok
	else
		fail "fuzz harness $n on its seeds and regress inputs"
		tail -n 20 "$SCRATCH/out" >&2
	fi
done
finish fuzz
