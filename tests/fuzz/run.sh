#!/bin/sh
# tests/fuzz/run.sh - `make fuzz`: runs every harness in build-fuzz/fuzz/
# for FUZZ_SECONDS, FUZZ_JOBS at a time, each on its own corpus
# (build-fuzz/corpus/NAME, kept between runs) plus its seeds
# (tests/fuzz/seeds.sh) and the inputs of tests/fuzz/regress/NAME.
# Prints per harness the executions, exec/s, cov and ft at the end and
# the corpus size, then "fuzz: N passed, N failed".  A crash, leak,
# sanitizer report, timeout (10 s) or 2 GB of memory fails the harness;
# libFuzzer leaves the input in build-fuzz/crashes/NAME/.
#
#   run.sh --clang CC   prints a clang that links a libFuzzer program
#                       (CC first, then clang-19 ... clang-14), or says
#                       what to install and fails
#   run.sh --one NAME   one harness (used with FUZZ_JOBS > 1)
set -u
cd "$(dirname "$0")/../.." || exit 1
B=build-fuzz
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}

find_clang() {
	t=$(mktemp -d) || exit 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
	    >"$t/t.c"
	for cc in "$1" clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
		if command -v "$cc" >/dev/null 2>&1 &&
		    "$cc" -fsanitize=fuzzer,address,undefined -o "$t/t" "$t/t.c" \
		    >/dev/null 2>&1; then
			rm -rf "$t"
			echo "$cc"
			return 0
		fi
	done
	rm -rf "$t"
	echo "make fuzz: không tìm thấy clang có libFuzzer (đã thử $1, clang," \
	    "clang-19 ... clang-14); hãy cài: apt-get install clang" \
	    "libclang-rt-dev, hoặc chỉ định CLANG=đường-dẫn-clang" >&2
	return 1
}

# Longest input per harness: about the size of the files it reads.
max_len() {
	case $1 in
	date) echo 128 ;;
	when) echo 1024 ;;
	slug) echo 4096 ;;
	config) echo 8192 ;;
	frontmatter | mustache | procedure | markdown) echo 32768 ;;
	*) echo 65536 ;;
	esac
}

one() {
	n=$1
	bin=$B/fuzz/fuzz_$n
	log=$B/logs/$n.log
	res=$B/results/$n
	mkdir -p "$B/corpus/$n" "$B/crashes/$n" "$B/logs" "$B/results" \
	    "tests/fuzz/regress/$n"
	rm -rf "$B/seeds/$n"
	sh tests/fuzz/seeds.sh "$n" "$B/seeds/$n"
	"$bin" -max_total_time="$secs" -max_len="$(max_len "$n")" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$B/crashes/$n/" "$B/corpus/$n" "$B/seeds/$n" \
	    "tests/fuzz/regress/$n" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -n 1)
	cov=$(printf '%s' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(ls "$B/corpus/$n" | wc -l)
	if [ "$rc" -eq 0 ]; then
		st=ok
	else
		st="FAILED (exit $rc; $log, input in $B/crashes/$n/)"
	fi
	printf '%-12s %4ss %10s runs %7s/s  cov %5s  ft %6s  corpus %5s  %s\n' \
	    "$n" "$secs" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
	    "$corp" "$st" >"$res"
	cat "$res"
	if [ "$rc" -ne 0 ]; then
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" |
		    head -n 8 | sed 's/^/    /'
	fi
	[ "$rc" -eq 0 ]
}

case ${1:-} in
--clang) find_clang "${2:-clang}"; exit ;;
--one) one "$2"; exit ;;
esac

names=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
rm -rf "$B/results"
echo "fuzz: $(echo $names | wc -w) harnesses, $secs s each, $jobs at a time"
printf '%s\n' $names | xargs -P "$jobs" -n 1 sh tests/fuzz/run.sh --one \
    >/dev/null 2>&1
passed=0 failed=0
for n in $names; do
	if [ -f "$B/results/$n" ] && grep -q ' ok$' "$B/results/$n"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	cat "$B/results/$n" 2>/dev/null || echo "$n: no result"
	grep -qs ' ok$' "$B/results/$n" ||
	    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' \
	    "$B/logs/$n.log" 2>/dev/null | head -n 8 | sed 's/^/    /'
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
