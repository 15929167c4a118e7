#!/bin/sh
# bench/portal.sh - `cchc portal` over 30 departments of 1,000 posts
# each, plus plans and procedures (issue 16, "Speed and memory").  A
# measurement, not a test: it prints the figures against the targets and
# exits 0 (1 when something failed to run).
#
#   sh bench/portal.sh [WORK]
#
# 1. Makes DEPTS (30) departments with bench/corpus.py (POSTS 1,000
#    posts, PROCS 50 procedures, 1,300 commits each, seeds 1..DEPTS: no
#    two alike), each with the repository's two sample plans committed,
#    and portal.yaml over them.  Kept in WORK (default
#    $TMPDIR/cchc-portal-bench, made once; /dev/shm gives steadier
#    figures; about 1.7 GB).
# 2. Separate builds: each department built cold on its own (`cchc
#    build`, all cores), one after another: the sum S, and the peak
#    memory (PSS) of the largest (one department's).
# 3. A cold portal (no work folder, no caches, no output): its time,
#    against S / cores x 3; its peak memory, the portal and every child
#    it runs at that moment summed (proportional set sizes, so that the
#    binary's and libraries' pages they share count once; sampled from
#    /proc every 5 ms), against 2 x one department's (measured the same
#    way).
# 4. One post of one department edited: the portal's rebuild, against
#    that department's own rebuild of the same edit (a copy built on its
#    own, warm) x 2.  ROUNDS (3) edits, medians.
# CCHC=<binary> for another build; TODAY (2026-01-01).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
CCHC=${CCHC:-$TOP/cchc}
DEPTS=${DEPTS:-30}
POSTS=${POSTS:-1000}
PROCS=${PROCS:-50}
ROUNDS=${ROUNDS:-3}
TODAY=${TODAY:-2026-01-01}
W=${1:-${TMPDIR:-/tmp}/cchc-portal-bench}
BASE=https://cong.example.gov.vn/cchc/
NCPU=$(nproc)
say() { printf 'portal-bench: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
[ -x "$CCHC" ] || die "no $CCHC: run make cchc"
case $CCHC in /*) ;; *) CCHC=$TOP/$CCHC ;; esac
mkdir -p "$W" || die "cannot make $W"

# 1. The departments, made once.
mk() { # mk I
	d=$W/src/d$(printf %02d "$1")
	[ -f "$d/.done" ] && return 0
	rm -rf "$d"
	python3 "$TOP/bench/corpus.py" "$d" --posts "$POSTS" --procedures "$PROCS" \
	    --seed "$1" --git $((POSTS + PROCS + 250)) >/dev/null || return 1
	rm -rf "$d/themes/default" && cp -R "$TOP/themes/default" "$d/themes/" &&
	mkdir -p "$d/plans" && cp "$TOP"/plans/*.md "$d/plans/" &&
	(cd "$d" && git add -A plans themes && GIT_AUTHOR_DATE=2025-02-06T08:00:00+07:00 \
	    GIT_COMMITTER_DATE=2025-02-06T08:00:00+07:00 git -c user.name=Bench \
	    -c user.email=b@example.vn commit -qm "Kế hoạch, giao diện") && touch "$d/.done"
}
if [ ! -f "$W/portal.yaml" ]; then
	say "making $DEPTS departments of $POSTS posts in $W/src (once)"
	i=1
	while [ "$i" -le "$DEPTS" ]; do
		mk "$i" &
		[ $((i % NCPU)) -eq 0 ] && wait
		i=$((i + 1))
	done
	wait
	{
		echo 'title: "Cải cách hành chính tỉnh Thử Nghiệm"'
		echo "base_url: \"$BASE\""
		echo 'departments:'
		i=1
		while [ "$i" -le "$DEPTS" ]; do
			n=$(printf %02d "$i")
			printf '  - name: "Sở số %s"\n    slug: d%s\n    source: src/d%s\n' "$i" "$n" "$n"
			i=$((i + 1))
		done
	} >"$W/portal.yaml.tmp" && mv "$W/portal.yaml.tmp" "$W/portal.yaml"
fi
for d in "$W"/src/d*; do [ -f "$d/.done" ] || die "$d was not made"; done

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# peak KB (PSS) of a command and all its descendants, summed, sampled
# every 5 ms
peak() { # peak OUTFILE CMD...
	o=$1; shift
	python3 - "$o" "$@" <<'PY'
import os, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
errf = open(out + ".err", "w+")
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf)
def tree(pid):
    pids, todo = [], [pid]
    while todo:
        q = todo.pop(); pids.append(q)
        try:
            for t in os.listdir(f"/proc/{q}/task"):
                with open(f"/proc/{q}/task/{t}/children") as f:
                    todo += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return pids
def rss(pid):
    # PSS: a page shared by several processes (the same binary and
    # libraries in the portal and its children) counted once in all,
    # not once per process as summed RSS would.
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
best = 0
while p.poll() is None:
    best = max(best, sum(rss(q) for q in tree(p.pid)))
    time.sleep(0.005)
open(out, "w").write(f"{best}\n")
if p.returncode != 0:
    errf.seek(0); sys.stderr.write(errf.read()); sys.exit(p.returncode)
PY
}

# 2. Separate builds, cold, one after another.
say "separate cold builds of $DEPTS departments"
rm -rf "$W/sep" && mkdir -p "$W/sep"
S=0 M1=0
for d in "$W"/src/d*; do
	n=${d##*/}
	rm -rf "$d/.cchc-cache"
	t=$(date +%s%N)
	peak "$W/sep/$n.kb" "$CCHC" build --quiet --source "$d" --out "$W/sep/$n" \
	    --base-url "$BASE$n/" --today $TODAY || die "build of $n failed"
	S=$((S + $(ms "$t")))
	kb=$(cat "$W/sep/$n.kb")
	[ "$kb" -gt "$M1" ] && M1=$kb
done
rm -rf "$W/sep"

# 3. A cold portal.
say "cold portal"
for d in "$W"/src/d*; do rm -rf "$d/.cchc-cache"; done
rm -rf "$W/.cchc-cache" "$W/public"
t=$(date +%s%N)
peak "$W/portal.kb" "$CCHC" portal --quiet --config "$W/portal.yaml" --out "$W/public" --today $TODAY ||
    die "the cold portal failed"
P=$(ms "$t")
PM=$(cat "$W/portal.kb")
nfiles=$(find "$W/public" -type f | wc -l)
"$CCHC" portal --config "$W/portal.yaml" --out "$W/public" --today $TODAY 2>"$W/err" ||
    die "the no-change portal failed: $(cat "$W/err")"
t=$(date +%s%N)
"$CCHC" portal --quiet --config "$W/portal.yaml" --out "$W/public" --today $TODAY || die "no-change portal"
N0=$(ms "$t")

# 4. One post edited: the department alone (a warm copy), then the portal.
say "one-post rebuilds, $ROUNDS rounds"
one=$W/src/d07
rm -rf "$W/alone" && cp -R "$one" "$W/alone" && rm -rf "$W/alone/.cchc-cache"
"$CCHC" build --quiet --source "$W/alone" --out "$W/alone-out" --base-url "${BASE}d07/" --today $TODAY ||
    die "d07 alone"
post=$(cd "$one" && git ls-files 'content/tin-tuc/*' | sed -n 10p)
: >"$W/r.alone"; : >"$W/r.portal"
r=1
while [ "$r" -le "$ROUNDS" ]; do
	for d in "$W/alone" "$one"; do
		printf '\nĐoạn thêm số %s để đo dựng lại.\n' "$r" >>"$d/$post"
	done
	t=$(date +%s%N)
	"$CCHC" build --quiet --source "$W/alone" --out "$W/alone-out" --base-url "${BASE}d07/" --today $TODAY ||
	    die "d07 alone rebuild"
	ms "$t" >>"$W/r.alone"
	t=$(date +%s%N)
	"$CCHC" portal --quiet --config "$W/portal.yaml" --out "$W/public" --today $TODAY || die "portal rebuild"
	ms "$t" >>"$W/r.portal"
	r=$((r + 1))
done
(cd "$one" && git checkout -q -- "$post")
A=$(median <"$W/r.alone")
R=$(median <"$W/r.portal")
rm -rf "$W/alone" "$W/alone-out"

t1=$((3 * S / NCPU))
verdict() { [ "$1" -le "$2" ] && echo ok || echo MISSED; }
cat <<EOF

cchc portal, $DEPTS departments x $POSTS posts, $PROCS procedures, 2 plans each; $NCPU cores; $(date -u +%Y-%m-%dT%H:%MZ)
  separate cold builds, one after another: S = $S ms; largest peak memory (PSS) M1 = $((M1 / 1024)) MB
  cold portal: $P ms ($nfiles files)      target <= 3 x S / $NCPU = $t1 ms: $(verdict "$P" "$t1")
  cold portal peak memory (all processes, PSS): $((PM / 1024)) MB      target <= 2 x M1 = $((2 * M1 / 1024)) MB: $(verdict "$PM" $((2 * M1)))
  no-change portal: $N0 ms
  one post edited (median of $ROUNDS): portal $R ms, the department alone $A ms      target <= 2 x $A = $((2 * A)) ms: $(verdict "$R" $((2 * A)))
  (rounds: portal $(tr '\n' ' ' <"$W/r.portal")ms; alone $(tr '\n' ' ' <"$W/r.alone")ms)
EOF
