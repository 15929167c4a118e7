#!/bin/sh
# bench/serve.sh - `cchc serve` on the 10,000-post corpus: the time from
# a file saved to the live-reload event sent, the page the browser shows
# checked to be the new one at that moment (issue 14's targets: median
# ≤ 150 ms for a post body edit, ≤ 1 s for a template edit).  A
# measurement, not a test: it prints the figures and exits 0.
#
#   sh bench/serve.sh [CORPUS]
#
# CORPUS (default /dev/shm/c10 if it exists) is copied, never changed;
# without one, bench/corpus.py makes 10,000 posts (BENCH_POSTS).  The
# repository's themes/default replaces the corpus's theme.  An SSE
# client in python3 saves the file and waits for the "reload" event on
# /__cchc/events, ROUNDS (10) times per kind of edit, after a warm-up
# edit of each kind; the server's resident memory is read from /proc
# before and after; then EDITS (1000) body edits in a row, and the
# server's resident memory after the first tenth against the end
# (issue 14: growth under 5 %).  Work folder under $TMPDIR (default /tmp; /dev/shm
# gives steadier figures), removed at the end.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
CCHC=${CCHC:-$TOP/cchc}
ROUNDS=${ROUNDS:-10}
EDITS=${EDITS:-1000}
POSTS=${BENCH_POSTS:-10000}
corpus=${1:-}
[ -z "$corpus" ] && [ -d /dev/shm/c10 ] && corpus=/dev/shm/c10
[ -x "$CCHC" ] || { echo "bench/serve.sh: no $CCHC: run make cchc" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cchc-serve-bench.XXXXXX") || exit 1
pid=
cleanup() {
	[ -n "$pid" ] && kill -INT "$pid" 2>/dev/null && wait "$pid"
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
src=$work/src
if [ -n "$corpus" ]; then
	cp -R "$corpus" "$src" || exit 1
else
	python3 "$TOP/bench/corpus.py" "$src" --posts "$POSTS" >&2 || exit 1
fi
rm -rf "$src/themes/default" "$src/.cchc-cache"
mkdir -p "$src/themes"
cp -R "$TOP/themes/default" "$src/themes/"
# A copy has new inodes and times: without this, every git status of the
# server's builds would read all 11,000 files again, which an editor's
# own clone never does.
[ -d "$src/.git" ] && git -C "$src" status --porcelain >/dev/null 2>&1
echo "corpus: $(find "$src/content" -name '*.md' | wc -l) pages, $(du -sh "$src" | cut -f1)" >&2

log=$work/serve.log
t0=$(date +%s.%N)
"$CCHC" serve --source "$src" --port 0 >"$log" 2>&1 &
pid=$!
url=
while [ -z "$url" ]; do
	kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
	sleep 0.2
	url=$(sed -n 's/^cchc: xem trước tại \(http[^ ]*\) .*/\1/p' "$log")
done
t1=$(date +%s.%N)
echo "first (cold) preview build: $(echo "$t1 - $t0" | bc) s; $(grep 'đã dựng bản xem trước' "$log")" >&2
port=$(echo "$url" | sed 's|http://127.0.0.1:\([0-9]*\)/.*|\1|')
rss() { sed -n 's/^VmRSS: *//p' "/proc/$pid/status"; }
echo "server RSS after the first build: $(rss)" >&2

post=$(find "$src/content/tin-tuc" -name '*.md' | sort | sed -n 5000p)
tmpl=$src/themes/default/layouts/post.mustache
# The page the browser shows: the edited post (its URL is its file's name
# under tin-tuc/, below base_url's path).
base=$(echo "$url" | sed 's|^http://[^/]*||')
viewed="${base}tin-tuc/$(basename "$post" .md)/"
python3 - "$port" "$post" "$tmpl" "$ROUNDS" "$pid" "$EDITS" "$viewed" <<'EOF'
import http.client, socket, statistics, sys, time, urllib.parse
port, post, tmpl, rounds = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
pid, edits, viewed = int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
def fetch(path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", path)
    r = c.getresponse()
    return r.status, r.read().decode()
def rss():
    for l in open("/proc/%d/status" % pid):
        if l.startswith("VmRSS:"):
            return int(l.split()[1])
s = socket.create_connection(("127.0.0.1", port))
# The stream says which page it shows, as the page's own script does.
s.sendall(("GET /__cchc/events?page=%s HTTP/1.1\r\nHost: x\r\n\r\n"
           % urllib.parse.quote(viewed, safe="")).encode())
s.settimeout(120)
buf = b""
def wait_event():
    global buf
    while True:
        i = buf.find(b"\n\n")
        while i >= 0:
            ev, buf = buf[:i], buf[i + 2:]
            for l in ev.split(b"\n"):
                if l.startswith(b"event: "):
                    return l[7:].decode()
            i = buf.find(b"\n\n")
        d = s.recv(65536)
        if not d:
            raise SystemExit("stream closed")
        buf += d
while b"retry:" not in buf:
    buf += s.recv(65536)
buf = buf[buf.index(b"retry:"):]
buf = buf[buf.find(b"\n\n") + 2:]
orig_post, orig_tmpl = open(post).read(), open(tmpl).read()
def one(path, text, marker=None):
    t = time.monotonic()
    with open(path, "w") as f:
        f.write(text)
    name = wait_event()
    ms = (time.monotonic() - t) * 1000
    # The page shown must be the new one when the event comes.
    if marker is not None:
        status, body = fetch(viewed)
        if status != 200 or marker not in body:
            raise SystemExit("the page shown was not made yet at the event (%d)" % status)
    return name, ms
for kind, path, orig, edit, marker in [
    ("post body", post, orig_post, lambda k: orig_post + "\nCâu thêm số %d.\n" % k,
     lambda k: "Câu thêm số %d." % k),
    ("template", tmpl, orig_tmpl, lambda k: orig_tmpl.replace("<article", "<!-- %d --><article" % k, 1),
     lambda k: "<!-- %d -->" % k),
]:
    one(path, edit(10**6))          # warm-up
    ms = []
    for k in range(rounds):
        name, t = one(path, edit(k), marker(k))
        if name != "reload":
            raise SystemExit("%s: got %s" % (kind, name))
        ms.append(t)
        # After a template edit the rest of the site is still being
        # made: the next edit waits for it, as an editor's does.
        time.sleep(0.2 if kind == "post body" else 4)
    one(path, orig)
    print("%-10s saved -> reload event: median %.0f ms, min %.0f, max %.0f (n=%d)"
          % (kind, statistics.median(ms), min(ms), max(ms), len(ms)))
# Memory over many edits: the server's resident size once it has settled
# (after the first tenth of the edits) against the end.
if edits > 0:
    ms = []
    for k in range(edits):
        if k == edits // 10:
            settled = rss()
        name, t = one(post, orig_post + "\nCâu bộ nhớ %d.\n" % k)
        ms.append(t)
    end = rss()
    one(post, orig_post)
    print("memory over %d body edits: %d kB after %d, %d kB at the end (%+.1f %%); "
          "their median %.0f ms" % (edits, settled, edits // 10, end,
          100.0 * (end - settled) / settled, statistics.median(ms)))
EOF
echo "server RSS at the end: $(rss)" >&2
grep -c 'đã dựng lại' "$log" | sed 's/^/rebuilds: /' >&2
kill -INT "$pid" && wait "$pid"
pid=

# The control, on the same machine at the same time: `cchc build` of the
# same tree after the same post edit (a shared machine's load moves both).
[ "${BENCH_CONTROL:-1}" = 0 ] && exit 0
"$CCHC" build --quiet --source "$src" --out "$work/public" >/dev/null 2>&1
python3 - "$CCHC" "$src" "$work/public" "$post" "$ROUNDS" <<'EOF2'
import statistics, subprocess, sys, time
cchc, src, out, post, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
orig = open(post).read()
ms = []
for k in range(rounds):
    open(post, "w").write(orig + "\nCâu đối chứng %d.\n" % k)
    t = time.monotonic()
    subprocess.run([cchc, "build", "--quiet", "--source", src, "--out", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ms.append((time.monotonic() - t) * 1000)
open(post, "w").write(orig)
print("control: cchc build after a post body edit: median %.0f ms, min %.0f, max %.0f (n=%d)"
      % (statistics.median(ms), min(ms), max(ms), len(ms)))
EOF2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
