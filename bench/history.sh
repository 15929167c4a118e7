#!/bin/sh
# bench/history.sh - the git history pass against `git log` on a generated
# repository (bench/mkrepo.py: 5,000 commits by default, deterministic).
#
#   sh bench/history.sh [COMMITS]
#
# Reports, median of 5 runs each, wall time and peak RSS of one process
# run under /usr/bin/time -v:
#   cold     history_read with an empty cache folder (it writes the cache)
#   cached   history_read after one more commit, from the cache of the
#            commit before (restored before every run: 1 commit walked)
#   git log  git log --name-only --no-merges --format=%H%x09%ct
# Wall time is taken around the /usr/bin/time process by the (Python)
# harness, so it includes starting the process; "in-process" is the time
# inside history_read by the driver's own clock.
set -eu
cd "$(dirname "$0")/.."
N=${1:-5000}
CC=${CC:-cc}

if [ ! -x /usr/bin/time ]; then
	echo "history.sh: /usr/bin/time is missing; apt-get install time" >&2
	exit 1
fi
work=$(mktemp -d /tmp/cchc-bench-history.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# A git of its own: no user or system configuration, fixed identity.
export HOME="$work" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Nguyễn Thị Lan" GIT_AUTHOR_EMAIL=bientap@so.gov.vn
export GIT_COMMITTER_NAME="Nguyễn Thị Lan" GIT_COMMITTER_EMAIL=bientap@so.gov.vn

# shellcheck disable=SC2046
$CC -std=c11 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -pthread -Igenerator -o "$work/history_bench" bench/history_bench.c \
    generator/history.c generator/hist_*.c generator/frontmatter.c generator/value.c \
    generator/buf.c generator/util.c generator/diag.c generator/fs.c \
    generator/date.c generator/hash.c $(pkg-config --cflags --libs libgit2 yaml-0.1) -lm

echo "generating $N commits ..." >&2
python3 bench/mkrepo.py "$work/repo" "$N"

WORK="$work" python3 - <<'EOF'
import os, re, shutil, statistics, subprocess, time

work = os.environ["WORK"]
repo = os.path.join(work, "repo")
cache = os.path.join(work, "cache")
drv = os.path.join(work, "history_bench")
RUNS = 5


def git(*args):
    return subprocess.run(["git", "-C", repo, "-c", "core.quotePath=false"]
                          + list(args), check=True, capture_output=True,
                          text=True).stdout


def run(cmd, before=None):
    """Median wall ms, median peak RSS KB, last stdout of RUNS runs."""
    walls, rss, out = [], [], ""
    tf = os.path.join(work, "time.txt")
    for _ in range(RUNS):
        if before:
            before()
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf] + cmd,
                           stdout=subprocess.PIPE, check=True)
        walls.append((time.perf_counter() - t) * 1e3)
        with open(tf) as f:
            rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                                     f.read()).group(1)))
        out = p.stdout.decode()
    return statistics.median(walls), statistics.median(rss), out


def measure_driver(before):
    """Like run() for the driver, plus its in-process time."""
    walls, rss, ms, last = [], [], [], ""
    tf = os.path.join(work, "time.txt")
    for _ in range(RUNS):
        before()
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf, drv, repo, cache],
                           stdout=subprocess.PIPE, check=True)
        walls.append((time.perf_counter() - t) * 1e3)
        with open(tf) as f:
            rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                                     f.read()).group(1)))
        last = p.stdout.decode().strip()
        ms.append(float(last.split()[1]))
    return (statistics.median(walls), statistics.median(rss),
            statistics.median(ms), last)


commits = int(git("rev-list", "--all", "--count"))
chain = int(git("rev-list", "--first-parent", "--count", "HEAD"))
merges = int(git("rev-list", "--merges", "--count", "HEAD"))
pages = len(git("ls-files", "--", "content/*.md", "plans/*.md").split("\n")) - 1

cold = measure_driver(lambda: shutil.rmtree(cache, ignore_errors=True))
saved = os.path.join(work, "history.saved")
shutil.copyfile(os.path.join(cache, "history"), saved)

# One more commit (fixed dates), then the cached pass.
f = [p for p in git("ls-files", "--", "content/tin-tuc/*.md").split("\n") if p][-1]
with open(os.path.join(repo, f), "a") as fh:
    fh.write("\nMột dòng mới.\n")
env = dict(os.environ, GIT_AUTHOR_DATE="2030-01-01T08:00:00+07:00",
           GIT_COMMITTER_DATE="2030-01-01T08:00:00+07:00")
subprocess.run(["git", "-C", repo, "commit", "-q", "-a", "-m", "Thêm một dòng"],
               check=True, env=env)
cached = measure_driver(lambda: shutil.copyfile(saved, os.path.join(cache, "history")))
if " walked 1 " not in cached[3] + " ":
    raise SystemExit("history.sh: the cached pass did not use the cache: " + cached[3])

gl = run(["git", "-C", repo, "log", "--name-only", "--no-merges",
          "--format=%H%x09%ct"])

def res(line):
    f = line.split()
    return "files %s events %s walked %s" % (f[3], f[5], f[7])

print("repository: %d commits (%d on the first-parent chain, %d merges), "
      "%d pages at HEAD" % (commits, chain, merges, pages))
print("median of %d runs; %d CPUs; %s; libgit2 %s" % (
    RUNS, os.cpu_count(), subprocess.run(["git", "--version"], capture_output=True,
                                         text=True).stdout.strip(),
    subprocess.run(["pkg-config", "--modversion", "libgit2"], capture_output=True,
                   text=True).stdout.strip()))
print()
print("| pass     | wall ms | peak RSS KB | in-process ms | result |")
print("|----------|--------:|------------:|--------------:|--------|")
print("| cold     | %7.1f | %11d | %13.1f | %s |" % (cold[0], cold[1], cold[2], res(cold[3])))
print("| cached   | %7.1f | %11d | %13.1f | %s |" % (cached[0], cached[1], cached[2], res(cached[3])))
print("| git log  | %7.1f | %11d | %13s | %d lines |" % (gl[0], gl[1], "-", gl[2].count("\n")))
print()
print("cold / git log = %.2f (aim <= 2)" % (cold[0] / gl[0]))
print("cached / cold  = %.3f (aim < 0.1); in-process %.3f" % (
    cached[0] / cold[0], cached[2] / cold[2]))
EOF
