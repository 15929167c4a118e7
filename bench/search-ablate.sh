#!/bin/bash
# bench/search-ablate.sh - what each part of the search index costs a
# cold build (issue 15: the index is to add at most 10 % to it):
#
#   sh bench/search-ablate.sh [CORPUS]
#
# The index's three largest parts are left out one at a time, then all
# three, by a copy of cchc built with bench/search-ablate.patch (the
# variable CCHC_ABLATE, which cchc itself does not have):
#   docs     the d/ files, one a document (each result's title, date and
#            snippet): 11,000 of the index's 15,000 files;
#   bigrams  the two-atom terms that make phrases match;
#   exact    the exact forms (diacritics kept) that rank a match with the
#            right diacritics first;
#   bipost   the bigrams' postings alone: each bigram is still looked up,
#            made and cached as the text is cut, but no document is added
#            to it (what a bigram costs before its postings).
# Each round builds CORPUS cold once in every variant, in turn, and once
# without the index (CCHC_SEARCH=0); a variant's cost is the median of
# its rounds' differences from that build (a round's builds meet the
# same machine), as bench/search.sh measures the whole index's, with
# the differences' quartiles: on a shared machine they spread widely.
#
# The copy is made from HEAD (git archive: uncommitted changes are not
# in it) under $TMPDIR (default /tmp; /dev/shm gives steadier figures),
# with the corpus; both are removed at the end.  CORPUS as in
# bench/search.sh (default /dev/shm/c10, else bench/corpus.py's 10,000
# posts).  ABLATE_ROUNDS (10).  ABLATE_CPUS=LIST runs every build on
# those CPUs alone (taskset -c LIST): ABLATE_CPUS=1 gives what each part
# costs when nothing runs beside it, in CPU and in time on one core,
# where on two the index shares the cores with the bodies.  Needs git,
# make, patch, /usr/bin/time and python3 (and taskset, from util-linux,
# with ABLATE_CPUS).  A measurement, not a test: exit 1 only when
# something failed (for one, the patch no longer applies to search.c).
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${ABLATE_ROUNDS:-10}
corpus=${1:-}
[ -z "$corpus" ] && [ -d /dev/shm/c10 ] && corpus=/dev/shm/c10

say() { printf 'search-ablate: %s\n' "$*" >&2; }
die() { printf 'search-ablate: error: %s\n' "$*" >&2; exit 1; }
. bench/search-corpus.sh

for c in git make patch python3; do
	command -v "$c" >/dev/null || die "$c is missing"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
CPUS=${ABLATE_CPUS:-}
PIN=
if [ -n "$CPUS" ]; then
	command -v taskset >/dev/null || die "taskset is missing (apt-get install util-linux)"
	taskset -c "$CPUS" true 2>/dev/null || die "ABLATE_CPUS=$CPUS: taskset cannot run on those CPUs"
	PIN="taskset -c $CPUS"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cchc-search-ablate.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'say interrupted; exit 130' INT TERM
export LC_ALL=C.UTF-8

say "building HEAD ($(git rev-parse --short HEAD)) with bench/search-ablate.patch"
mkdir "$WORK/tree"
git archive --format=tar HEAD | tar -x -C "$WORK/tree"
patch -s -d "$WORK/tree" -p1 <bench/search-ablate.patch ||
    die "bench/search-ablate.patch does not apply to this generator/search.c: update the patch"
make -s -C "$WORK/tree" cchc >"$WORK/make.txt" 2>&1 ||
    { cat "$WORK/make.txt" >&2; die "make failed"; }
CCHC=$WORK/tree/cchc

src=$WORK/src
# The theme from the tree built: theme and binary of one commit.
search_corpus "$src" "$corpus" "$WORK/tree"

# build NAME ENV...: one cold build with ENV alone of the two variables
# (not the caller's); appends "round wall_s cpu_s" to $WORK/NAME.
build() {
	local name=$1
	shift
	rm -rf "$src/.cchc-cache" "$WORK/out"
	env -u CCHC_ABLATE -u CCHC_SEARCH "$@" /usr/bin/time -f '%e %U %S' -o "$WORK/time" $PIN "$CCHC" build \
	    --source "$src" --out "$WORK/out" --today 2026-01-01 \
	    >/dev/null 2>"$WORK/err" ||
	    { cat "$WORK/err" >&2; die "$name: the build failed"; }
	echo "$r $(tail -n 1 "$WORK/time")" >>"$WORK/$name"
}

say "warm-up build${CPUS:+; every build on CPUs $CPUS alone}"
r=0
build warmup CCHC_SEARCH=1
for r in $(seq 1 "$ROUNDS"); do
	say "round $r of $ROUNDS"
	build whole CCHC_SEARCH=1
	build docs CCHC_ABLATE=docs
	build bigrams CCHC_ABLATE=bigrams
	build exact CCHC_ABLATE=exact
	build all3 CCHC_ABLATE=docs,bigrams,exact
	build bipost CCHC_ABLATE=bipost
	build none CCHC_SEARCH=0
done

python3 - "$WORK" <<'PY'
import statistics as S, sys
work = sys.argv[1]
def load(name):
    d = {}
    for line in open(f"{work}/{name}"):
        r, w, u, s = line.split()
        d[r] = (float(w), float(u) + float(s))
    return d
none = load("none")
rows = [("whole", "the whole index"),
        ("docs", "without the d/ files"),
        ("bigrams", "without bigrams (phrases)"),
        ("exact", "without exact forms"),
        ("all3", "without all three"),
        ("bipost", "without bigrams' postings")]
print(f"{'':28s}{'wall':>9s}{'adds':>9s}{'(q1 to q3)':>16s}{'of its build':>14s}"
      f"{'CPU adds':>10s}")
for name, label in rows:
    d = load(name)
    wall = S.median(v[0] for v in d.values())
    diffs = [d[r][0] - none[r][0] for r in d]
    add = S.median(diffs)
    q = S.quantiles(diffs) if len(diffs) > 1 else [add, add, add]
    cpu = S.median(d[r][1] - none[r][1] for r in d)
    spread = f"({q[0] * 1000:.0f} to {q[2] * 1000:.0f})"
    print(f"{label:28s}{wall:8.3f}s{add * 1000:7.0f}ms{spread:>16s}"
          f"{add / wall * 100:13.1f}%{cpu * 1000:8.0f}ms")
print(f"{'no index (CCHC_SEARCH=0)':28s}{S.median(v[0] for v in none.values()):8.3f}s")
PY
