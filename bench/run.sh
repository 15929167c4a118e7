#!/bin/bash
# bench/run.sh - cchc against Hugo and against a floor, in one run.
#
#   make bench                      (or: bash bench/run.sh)
#   BENCH_LARGE=1 make bench        also the 50,000-post corpus
#
# Builds the corpora with bench/corpus.py (1,000 and 10,000 posts, each
# with 1,000 procedures, as git repositories), then, per corpus, runs the
# measurements below in turn, round after round (5 rounds for 1,000
# posts, 3 otherwise), and reports the median wall time and peak RSS:
#
#   cchc cold       empty .cchc-cache, new output folder
#   Hugo cold       bench/hugo, fresh destination, emptied --cacheDir
#   cchc no change  again into the same output folder, warm cache
#   cchc one edit   a sentence appended to one post, then again into
#                   the same output folder (a different post each round)
#   floor           cmark-gfm over all the Markdown concatenated, plus
#                   cp -r of cchc's output
#
# After the rounds, a cold build of the edited tree must be identical
# (diff -r, nothing excluded) to the output of the last one-edit rebuild.
# Details and targets: bench/README.md.  Never part of `make test`.
#
# With CCHC_BASE=OTHER_BINARY (e.g. one built from an older commit), each
# round also runs that binary's cold, no-change and one-edit builds on its
# own copy of the corpus (its own cache), the report adds "cchc / base"
# ratios, and the two cold outputs must be identical (diff -r): a
# refactoring is measured against the code it replaces in the same run.
#
# Environment: BENCH_LARGE=1 (add 50,000 posts), BENCH_SIZES="1000 ..."
# (post counts, overrides both), BENCH_PROCEDURES (1000), BENCH_ROUNDS
# (rounds for every size), BENCH_KEEP=1 (keep the work folder), CCHC
# (the binary, default ./cchc), CCHC_BASE (see above), BENCH_HUGO=0 (no
# Hugo runs), TMPDIR (where the work folder goes).
# `make bench` runs it with sh: go on in bash (arrays below).
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -eu
cd "$(dirname "$0")/.."
REPO=$(pwd)
TODAY=2026-01-01
CCHC=${CCHC:-$REPO/cchc}
PROCS=${BENCH_PROCEDURES:-1000}
SIZES=${BENCH_SIZES:-1000 10000}
if [ "${BENCH_LARGE:-0}" = 1 ] && [ -z "${BENCH_SIZES:-}" ]; then
	SIZES="$SIZES 50000"
fi

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------- tools

case "$CCHC" in /*) ;; *) CCHC=$REPO/$CCHC ;; esac
[ -x "$CCHC" ] || die "$CCHC not found; run \`make cchc\` first"
BASE=${CCHC_BASE:-}
if [ -n "$BASE" ]; then
	case "$BASE" in /*) ;; *) BASE=$REPO/$BASE ;; esac
	[ -x "$BASE" ] || die "CCHC_BASE=$BASE is not a program"
fi
command -v python3 >/dev/null || die "python3 is missing (apt-get install python3)"
command -v git >/dev/null || die "git is missing (apt-get install git)"

# need CMD PACKAGE: install PACKAGE from Debian when CMD is missing and we
# are root; returns 1 when it cannot be had.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" != 0 ]; then
		say "$1 is missing; as root: apt-get install -y $2"
		return 1
	fi
	if ! apt-cache policy "$2" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		say "$1 is missing and Debian offers no package $2 here"
		return 1
	fi
	say "installing $2 (apt-get install -y $2) ..."
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null ||
	    { say "apt-get install $2 failed"; return 1; }
	command -v "$1" >/dev/null 2>&1
}
[ -x /usr/bin/time ] || need /usr/bin/time time ||
    die "/usr/bin/time is needed for wall time and peak memory"
need cmark-gfm cmark-gfm || die "cmark-gfm is needed for the floor"
HUGO=1
if [ "${BENCH_HUGO:-1}" = 0 ]; then
	say "BENCH_HUGO=0: no Hugo runs"
	HUGO=0
elif ! need hugo hugo; then
	say "Hugo is not available: measuring cchc alone (no Hugo row, no ratios to Hugo)"
	HUGO=0
fi

# ------------------------------------------------------- work folder

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cchc-bench.XXXXXX")
cleanup() {
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		say "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'say interrupted; exit 130' INT TERM
mkdir "$WORK/res"

# A git of our own: no user or system configuration.
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8

# measure NAME SIZE CMD...: one run under /usr/bin/time -v; appends
# "wall_ms peak_kb" to $WORK/res/SIZE.NAME.  Wall time is taken around
# the time process (ms, including process start); peak RSS is time's
# "Maximum resident set size" (the largest process, for a pipeline).
# `sync` first, so that no run pays for writing back the previous one's
# output (hundreds of MB at 10,000 posts).
measure() {
	local name=$1 size=$2 t0 t1 kb
	shift 2
	sync
	t0=$(date +%s%N)
	if ! /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/log.txt" 2>&1; then
		say "$name failed ($size posts): $*"
		tail -n 20 "$WORK/log.txt" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
	[ -n "$kb" ] || die "no peak RSS in /usr/bin/time's output"
	echo "$(( (t1 - t0) / 1000000 )) $kb" >>"$WORK/res/$size.$name"
}

# median FILE COLUMN
median() {
	cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR]=$1} END {
	    if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'
}

# The commands measured (plain commands, for /usr/bin/time to run).
cchc_cmd() {	# SRC OUT [BINARY]
	CMD=("${3:-$CCHC}" build --source "$1" --out "$2" --today "$TODAY" --quiet)
}
hugo_cmd() {	# SRC DEST CACHE RESOURCES: Hugo's working folder is the
		# corpus (contentDir = its content/, git info from its
		# repository); bench/hugo is the theme; nothing is written
		# into the corpus (no lock file, resources elsewhere).
	CMD=(env HUGO_RESOURCEDIR="$4" hugo --source "$1"
	    --config "$REPO/bench/hugo/site.toml"
	    --themesDir "$REPO/bench" --theme hugo --noBuildLock
	    --destination "$2" --cacheDir "$3")
	[ ! -d "$1/.git" ] || CMD+=(--enableGitInfo)
}
floor_cmd() {	# MARKDOWN OUT COPY: cmark-gfm with cchc's extensions.
	# shellcheck disable=SC2016 # expanded by sh -c
	CMD=(sh -c 'cmark-gfm -e table -e strikethrough -e autolink \
	    -e tagfilter -e tasklist --validate-utf8 \
	    --table-prefer-style-attributes "$1" >/dev/null &&
	    cp -r "$2" "$3"' floor "$1" "$2" "$3")
}

# ------------------------------------------------------------ rounds

say "cchc: $("$CCHC" --version 2>&1 | head -n 1)"
[ $HUGO = 1 ] && say "hugo: $(hugo version | head -n 1)"
for n in $SIZES; do
	src=$WORK/corpus-$n
	commits=$(( (n + PROCS) * 6 / 5 ))
	say "corpus: $n posts, $PROCS procedures, $commits commits -> $src"
	python3 bench/corpus.py "$src" --posts "$n" --procedures "$PROCS" \
	    --git "$commits" 2>"$WORK/corpus.txt" ||
	    { cat "$WORK/corpus.txt" >&2; die "corpus.py failed"; }
	sed -n 's/^corpus.py: [^:]*: //p' "$WORK/corpus.txt" >"$WORK/res/$n.corpus"
	find "$src/content" -name '*.md' | sort | xargs cat >"$WORK/all.md"

	# Check both builds once (and warm the page cache and binaries).
	rm -rf "$WORK/out" "$src/.cchc-cache"
	"$CCHC" build --source "$src" --out "$WORK/out" --today "$TODAY" \
	    >"$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt" >&2;
	    die "cchc failed on the $n-post corpus"; }
	if grep -q 'lỗi' "$WORK/log.txt" ||
	    ! grep -q '; 0 cảnh báo\(;\|$\)' "$WORK/log.txt"; then
		cat "$WORK/log.txt" >&2
		die "cchc reported problems on the $n-post corpus"
	fi
	find "$WORK/out" -type f | wc -l >"$WORK/res/$n.files.cchc"
	if [ -n "$BASE" ]; then
		# The baseline's own copy: its cache may be of another format.
		rm -rf "$src-base" "$WORK/out-base"
		cp -a "$src" "$src-base"
		rm -rf "$src-base/.cchc-cache"
		# A copied index holds the old files' inodes and times: without
		# a refresh, every git status would hash the whole tree again.
		git -C "$src-base" update-index -q --refresh >/dev/null 2>&1 || true
		"$BASE" build --source "$src-base" --out "$WORK/out-base" \
		    --today "$TODAY" >"$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt" >&2;
		    die "the baseline failed on the $n-post corpus"; }
	fi
	if [ $HUGO = 1 ]; then
		rm -rf "$WORK/hugo-out" "$WORK/hugo-cache" "$WORK/hugo-res"
		hugo_cmd "$src" "$WORK/hugo-out" "$WORK/hugo-cache" "$WORK/hugo-res"
		"${CMD[@]}" >"$WORK/log.txt" 2>&1 ||
		    { cat "$WORK/log.txt" >&2; die "Hugo failed on the $n-post corpus"; }
		if grep -q 'ERROR\|WARN' "$WORK/log.txt"; then
			cat "$WORK/log.txt" >&2
			die "Hugo reported problems on the $n-post corpus"
		fi
		find "$WORK/hugo-out" -type f | wc -l >"$WORK/res/$n.files.hugo"
		for f in "$src"/* "$src"/.[!.]*; do
			case ${f##*/} in
			.git|.gitignore|.cchc-cache|content|site.yaml|themes|'.[!.]*') ;;
			*) die "Hugo wrote into the corpus: $f" ;;
			esac
		done
	fi

	# Posts to edit, one a round: the newest, one in the middle, the oldest.
	find "$src/content/tin-tuc" -name '*.md' | sort >"$WORK/posts.txt"
	np=$(wc -l <"$WORK/posts.txt")
	edits=("$(sed -n "${np}p" "$WORK/posts.txt")" \
	    "$(sed -n "$(( (np + 1) / 2 ))p" "$WORK/posts.txt")" \
	    "$(sed -n 1p "$WORK/posts.txt")")

	rounds=${BENCH_ROUNDS:-$([ "$n" -le 1000 ] && echo 5 || echo 3)}
	for r in $(seq "$rounds"); do
		say "$n posts: round $r/$rounds"
		cchc_cmd "$src" "$WORK/out"
		rm -rf "$src/.cchc-cache" "$WORK/out"
		measure cchc_cold "$n" "${CMD[@]}"
		if [ $HUGO = 1 ]; then
			rm -rf "$WORK/hugo-out" "$WORK/hugo-cache" "$WORK/hugo-res"
			hugo_cmd "$src" "$WORK/hugo-out" "$WORK/hugo-cache" \
			    "$WORK/hugo-res"
			measure hugo_cold "$n" "${CMD[@]}"
		fi
		cchc_cmd "$src" "$WORK/out"
		measure cchc_nochange "$n" "${CMD[@]}"
		post=${edits[$(( (r - 1) % 3 ))]}
		printf '\nCâu bổ sung lần %d: Văn phòng Sở cập nhật kết quả tiếp nhận hồ sơ trực tuyến.\n' \
		    "$r" >>"$post"
		measure cchc_edit "$n" "${CMD[@]}"
		if [ -n "$BASE" ]; then
			cchc_cmd "$src-base" "$WORK/out-base" "$BASE"
			rm -rf "$src-base/.cchc-cache" "$WORK/out-base"
			measure base_cold "$n" "${CMD[@]}"
			measure base_nochange "$n" "${CMD[@]}"
			printf '\nCâu bổ sung lần %d: Văn phòng Sở cập nhật kết quả tiếp nhận hồ sơ trực tuyến.\n' \
			    "$r" >>"$src-base${post#"$src"}"
			measure base_edit "$n" "${CMD[@]}"
		fi
		rm -rf "$WORK/floor-copy"
		floor_cmd "$WORK/all.md" "$WORK/out" "$WORK/floor-copy"
		measure floor "$n" "${CMD[@]}"
	done

	say "$n posts: comparing the one-edit output with a cold build of the edited tree"
	rm -rf "$src/.cchc-cache" "$WORK/check"
	cchc_cmd "$src" "$WORK/check"
	"${CMD[@]}" >"$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt" >&2;
	    die "cchc failed on the edited $n-post corpus"; }
	if diff -r "$WORK/out" "$WORK/check" >"$WORK/diff.txt" 2>&1; then
		echo yes >"$WORK/res/$n.same"
	else
		echo NO >"$WORK/res/$n.same"
		say "one-edit output differs from a cold build ($n posts):"
		head -n 20 "$WORK/diff.txt" >&2
	fi
	if [ -n "$BASE" ]; then
		# Both edited the same posts the same way: the same bytes.
		if diff -r -x .cchc-cache "$WORK/out-base" "$WORK/check" >"$WORK/diff.txt" 2>&1; then
			echo yes >"$WORK/res/$n.samebase"
		else
			echo NO >"$WORK/res/$n.samebase"
			say "output differs from the baseline's ($n posts):"
			head -n 20 "$WORK/diff.txt" >&2
		fi
		rm -rf "$src-base" "$WORK/out-base"
	fi
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		mv "$WORK/out" "$WORK/out-$n"
		rm -rf "$WORK/hugo-out-$n"
		[ ! -d "$WORK/hugo-out" ] || mv "$WORK/hugo-out" "$WORK/hugo-out-$n"
		rm -rf "$WORK/check" "$WORK/floor-copy"
	else
		rm -rf "$WORK/check" "$WORK/floor-copy" "$WORK/hugo-out" \
		    "$WORK/out" "$WORK/all.md" "$src"
	fi
done

# ------------------------------------------------------------ report

cell() {	# SIZE NAME -> "1.23 s / 45 MB"
	local f=$WORK/res/$1.$2
	[ -s "$f" ] || { echo "–"; return; }
	awk -v ms="$(median "$f" 1)" -v kb="$(median "$f" 2)" \
	    'BEGIN { printf "%.2f s / %.0f MB", ms / 1000, kb / 1024 }'
}
ratio() {	# SIZE NAME COL NAME COL -> a / b
	local a=$WORK/res/$1.$2 b=$WORK/res/$1.$4
	if [ ! -s "$a" ] || [ ! -s "$b" ]; then echo "–"; return; fi
	awk -v x="$(median "$a" "$3")" -v y="$(median "$b" "$5")" \
	    'BEGIN { if (y > 0) printf "%.3f", x / y; else print "–" }'
}
verdict() {	# VALUE LIMIT -> ok / MISSED
	awk -v v="$1" -v l="$2" 'BEGIN { if (v == "–") print ""; else if (v + 0 <= l + 0) print "ok"; else print "MISSED" }'
}
row() {		# LABEL CELLS...
	local label=$1 out
	shift
	out="| $label |"
	for c in "$@"; do out="$out $c |"; done
	echo "$out"
}
fmt() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/.&/;ta' | tr . ,; }

echo
echo "cchc $("$CCHC" --version 2>&1 | head -n 1 | awk '{print $NF}'), $([ $HUGO = 1 ] && hugo version | awk '{print "Hugo " $2}' || echo "no Hugo"), $(cmark-gfm --version | head -n 1 | awk '{print "cmark-gfm " $2}'); $(nproc) CPUs; --today $TODAY; --jobs default"
for n in $SIZES; do
	echo "corpus $(fmt "$n"): $(cat "$WORK/res/$n.corpus"); output files: cchc $(cat "$WORK/res/$n.files.cchc")$([ $HUGO = 1 ] && echo ", Hugo $(cat "$WORK/res/$n.files.hugo")")"
done
echo
hdr="| median wall / peak RSS |"
sep="|---|"
for n in $SIZES; do
	hdr="$hdr $(fmt "$n") posts ($(wc -l <"$WORK/res/$n.cchc_cold") runs) |"
	sep="$sep---:|"
done
echo "$hdr"
echo "$sep"
for m in "cchc_cold:cchc cold build" "hugo_cold:Hugo cold build" \
    "cchc_nochange:cchc rebuild, nothing changed" \
    "cchc_edit:cchc rebuild, one post edited" \
    "floor:floor (cmark-gfm + cp -r)" \
    "base_cold:baseline cold build" \
    "base_nochange:baseline rebuild, nothing changed" \
    "base_edit:baseline rebuild, one post edited"; do
	[ -z "$BASE" ] && [ "${m%%_*}" = base ] && continue
	[ $HUGO = 0 ] && [ "${m%%:*}" = hugo_cold ] && continue
	cells=()
	for n in $SIZES; do cells+=("$(cell "$n" "${m%%:*}")"); done
	row "${m#*:}" "${cells[@]}"
done

echo
hdr="| ratio |"
sep="|---|"
for n in $SIZES; do hdr="$hdr $(fmt "$n") |"; sep="$sep---:|"; done
echo "$hdr target |"
echo "$sep---|"
ratios=()
[ $HUGO = 1 ] && ratios+=("cchc_cold 1 hugo_cold 1:cchc / Hugo, cold time:0.1" \
    "cchc_cold 2 hugo_cold 2:cchc / Hugo, peak memory:0.25")
ratios+=("cchc_cold 1 floor 1:cchc cold / floor, time:2" \
    "cchc_nochange 1 cchc_cold 1:no-change rebuild / cold:0.1" \
    "cchc_edit 1 cchc_cold 1:one-edit rebuild / cold:0.2")
# Against the baseline: "no slower" within the rounds' noise (5 %).
[ -n "$BASE" ] && ratios+=("cchc_cold 1 base_cold 1:cchc / baseline, cold time:1.05" \
    "cchc_cold 2 base_cold 2:cchc / baseline, cold peak memory:1.05" \
    "cchc_nochange 1 base_nochange 1:cchc / baseline, no-change time:1.05" \
    "cchc_edit 1 base_edit 1:cchc / baseline, one-edit time:1.05")
for spec in "${ratios[@]}"; do
	IFS=: read -r args label limit <<<"$spec"
	cells=()
	for n in $SIZES; do
		# shellcheck disable=SC2086
		v=$(ratio "$n" $args)
		cells+=("$v $(verdict "$v" "$limit")")
	done
	row "$label" "${cells[@]}" "≤ $limit"
done
cells=()
for n in $SIZES; do cells+=("$(cat "$WORK/res/$n.same")"); done
row "one-edit output = cold build (diff -r)" "${cells[@]}" "yes"
if [ -n "$BASE" ]; then
	cells=()
	for n in $SIZES; do cells+=("$(cat "$WORK/res/$n.samebase")"); done
	row "output = baseline's (diff -r)" "${cells[@]}" "yes"
fi
echo
echo "wall time of every run, in order (s):"
for n in $SIZES; do
	for m in cchc_cold hugo_cold cchc_nochange cchc_edit floor base_cold base_nochange base_edit; do
		[ -s "$WORK/res/$n.$m" ] || continue
		printf '  %7s posts  %-14s %s\n' "$(fmt "$n")" "$m" \
		    "$(awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / 1000 }' "$WORK/res/$n.$m")"
	done
done

# Growth from one size to the next when it is five times larger
# (10,000 -> 50,000 with BENCH_LARGE=1).
prev=
for n in $SIZES; do
	if [ -n "$prev" ] && [ "$n" -eq $(( prev * 5 )) ]; then
		g=$(awk -v a="$(median "$WORK/res/$n.cchc_cold" 1)" \
		    -v b="$(median "$WORK/res/$prev.cchc_cold" 1)" \
		    'BEGIN { printf "%.2f", a / b }')
		echo
		echo "cchc cold build, $(fmt "$prev") → $(fmt "$n") posts: time × $g $(verdict "$g" 5.5) (target ≤ 5.5)"
	fi
	prev=$n
done
if cat "$WORK"/res/*.same "$WORK"/res/*.samebase 2>/dev/null | grep -q NO; then
	exit 1
fi
