#!/bin/bash
# bench/search.sh - cchc's search against Pagefind on the 10,000-post
# corpus, in one run (issue 15, "Speed and size"):
#
#   sh bench/search.sh [CORPUS]
#
# 1. cchc builds CORPUS cold BENCH_ROUNDS times (9), alternating with
#    the same binary's cold build without the index (CCHC_SEARCH=0):
#    wall time, CPU time and peak RSS of each.  What the index costs is
#    the median of the rounds' differences (a round's two builds meet
#    the same machine): the whole of it (the terms, made beside the
#    markdown stage, and the 15,000 files written) and the part before
#    the files (the "markdown" and "search" stages of CCHC_TIMES=1).
# 2. Pagefind (the npm package pinned in bench/package.json, run as its
#    Linux binary) indexes cchc's output, PAGEFIND_ROUNDS times (1):
#    wall time, CPU time, peak RSS.
# 3. Index size: bytes (sum of file sizes) and files, cchc's
#    tim-kiem/chi-muc/ against Pagefind's pagefind/.
# 4. Queries in Debian's Chromium (playwright-core from tests/), the
#    output served by `python3 -m http.server` on 127.0.0.1, a new
#    browser context (empty cache) per query and tool:
#    - cchc: tim-kiem/index.html loads; then the query is typed into its
#      box (a key every TYPE_DELAY ms, 60); measured: the bytes of every
#      response body after the page loaded until the network is quiet,
#      and the time from the last keystroke (its input event) to the
#      first results (li) added to #cchc-kq.
#    - Pagefind: a blank page of the same server loads; then its JS API
#      as a page would use it (import pagefind.js, search(q), .data() of
#      the first 10 results, as many as cchc shows): bytes as above, time
#      from the import to the 10 results' data.
# Then a table: each target of the issue, what was measured, ok/MISSED.
#
# CORPUS (default /dev/shm/c10 when it exists) is copied, never changed;
# without one, bench/corpus.py makes 10,000 posts and 1,000 procedures
# (with --git, as bench/run.sh).  The repository's themes/default
# replaces the corpus's theme.  Work folder under $TMPDIR (default /tmp;
# /dev/shm gives steadier figures; about 1 GB), removed at the end
# (BENCH_KEEP=1 keeps it; its res/queries.jsonl lists every file each
# query downloaded, and for cchc's their Resource Timing from the last
# input).  To iterate on queries alone: BENCH_ROUNDS=0 (the
# warm-up build only), PAGEFIND_ROUNDS=0 (no Pagefind: bench/node_modules
# is then not needed), BENCH_QUERY_ROUNDS (3), BENCH_SITE=DIR (no build
# and no Pagefind: the queries on an output already built, as it is).
# Needs /usr/bin/time, python3, node,
# /usr/bin/chromium, tests/node_modules (cd tests && npm ci) and
# bench/node_modules (cd bench && npm ci).  A measurement, not a test:
# exit 0 whether or not the targets are met, 1 when something failed.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -eu
cd "$(dirname "$0")/.."
REPO=$(pwd)
TODAY=2026-01-01
CCHC=${CCHC:-$REPO/cchc}
# Nine pairs, not five: on a shared 2-core machine one round's
# difference ranged from 240 to 620 ms around a median of 490; the
# median of five could not tell 11 % from 15 %.
ROUNDS=${BENCH_ROUNDS:-9}
PF_ROUNDS=${PAGEFIND_ROUNDS:-1}
TYPE_DELAY=${TYPE_DELAY:-60}
QROUNDS=${BENCH_QUERY_ROUNDS:-3}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
QUERIES=${BENCH_QUERIES:-duoc|được|thu tuc hanh chinh|cải cách|dich vu|khoa học|toan trinh}
corpus=${1:-}
[ -z "$corpus" ] && [ -d /dev/shm/c10 ] && corpus=/dev/shm/c10

say() { printf 'search-bench: %s\n' "$*" >&2; }
die() { printf 'search-bench: error: %s\n' "$*" >&2; exit 1; }
. bench/search-corpus.sh

case "$CCHC" in /*) ;; *) CCHC=$REPO/$CCHC ;; esac
[ -x "$CCHC" ] || die "$CCHC not found; run \`make cchc\` first"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v python3 >/dev/null || die "python3 is missing"
command -v node >/dev/null || die "node is missing (apt-get install nodejs)"
[ -x "$CHROMIUM" ] || die "$CHROMIUM is missing (apt-get install chromium)"
[ -d "$REPO/tests/node_modules/playwright-core" ] ||
    die "no tests/node_modules/playwright-core: cd tests && npm ci"
SITE=${BENCH_SITE:-}
if [ -n "$SITE" ]; then
	case "$SITE" in /*) ;; *) SITE=$REPO/$SITE ;; esac
	[ -f "$SITE/tim-kiem/chi-muc/goc.js" ] || die "BENCH_SITE=$SITE holds no tim-kiem/chi-muc/goc.js"
	PF_ROUNDS=0	# queries only, on that output as it is
fi
pf_version=none
if [ "$PF_ROUNDS" -gt 0 ]; then
	PAGEFIND=$(find "$REPO/bench/node_modules/@pagefind" -path '*/bin/pagefind*' \
	    -type f -perm -u+x 2>/dev/null | grep -v '\.sha256$' | sort | head -n 1)
	[ -n "$PAGEFIND" ] || die "no Pagefind binary in bench/node_modules: cd bench && npm ci (or PAGEFIND_ROUNDS=0)"
	pf_version=$("$PAGEFIND" --version 2>&1 | awk '{print $NF}')
	want=$(sed -n 's/.*"pagefind": *"\([^"]*\)".*/\1/p' "$REPO/bench/package.json")
	[ "$pf_version" = "$want" ] ||
	    die "Pagefind $pf_version in bench/node_modules, bench/package.json pins $want: cd bench && npm ci"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cchc-search-bench.XXXXXX")
server=
cleanup() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
	fi
	if [ "${BENCH_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'say interrupted; exit 130' INT TERM
mkdir "$WORK/res"
export LC_ALL=C.UTF-8

# ------------------------------------------------------------- corpus

src=$WORK/src
out=$WORK/out
if [ -n "$SITE" ]; then
	say "queries only, on $SITE (BENCH_SITE)"
	out=$SITE
	pages=$(find "$out/tim-kiem/chi-muc/d" -name '*.js' | wc -l)
else
	search_corpus "$src" "$corpus"
	pages=$(find "$src/content" -name '*.md' | wc -l)
fi

# measure NAME CMD...: one run under /usr/bin/time -v; appends "wall_ms
# peak_kb cpu_ms" to $WORK/res/NAME and keeps its stderr in
# $WORK/NAME.err (the stage times).
measure() {
	local name=$1 t0 t1 kb cpu
	shift
	sync
	t0=$(date +%s%N)
	if ! /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/log.txt" 2>"$WORK/$name.err"; then
		say "$name failed: $*"
		tail -n 20 "$WORK/$name.err" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
	cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%d", s * 1000 }' "$WORK/time.txt")
	echo "$(( (t1 - t0) / 1000000 )) $kb $cpu" >>"$WORK/res/$name"
}
median() {	# FILE COLUMN
	cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR]=$1} END {
	    if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'
}
# The "markdown" and "search" stages' time in ms from a build's stderr
# (the index's terms are made beside the markdown stage).
stages_ms() {
	sed -n 's/^cchc: \(markdown\|search\)  *\([0-9.]*\) ms$/\2/p' "$1" |
	    awk '{ s += $1 } END { if (NR) printf "%.1f", s }'
}
# Bytes and files under a folder.
size_of() {
	find "$1" -type f -printf '%s\n' | awk '{ b += $1; n++ } END { printf "%d %d", b, n }'
}

# ------------------------------------------------------------- builds

if [ -z "$SITE" ]; then
say "cchc: $("$CCHC" --version 2>&1 | head -n 1); warm-up build"
CCHC_TIMES=1 "$CCHC" build --source "$src" --out "$out" --today "$TODAY" \
    >"$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt" >&2; die "cchc failed"; }
grep -q 'lỗi' "$WORK/log.txt" && { cat "$WORK/log.txt" >&2; die "cchc reported errors"; }
for r in $(seq "$ROUNDS"); do
	say "cchc cold build $r/$ROUNDS, and without the index"
	rm -rf "$src/.cchc-cache" "$out"
	measure cchc env CCHC_TIMES=1 "$CCHC" build --source "$src" --out "$out" \
	    --today "$TODAY" --quiet
	rm -rf "$src/.cchc-cache" "$WORK/out-nosearch"
	measure nosearch env CCHC_TIMES=1 CCHC_SEARCH=0 "$CCHC" build \
	    --source "$src" --out "$WORK/out-nosearch" --today "$TODAY" --quiet
	rm -rf "$WORK/out-nosearch"
	echo "$(stages_ms "$WORK/cchc.err") $(stages_ms "$WORK/nosearch.err")" \
	    >>"$WORK/res/stages"
done

fi	# BENCH_SITE
files=$(find "$out" -type f | wc -l)
html=$(find "$out" -name '*.html' | wc -l)
[ -f "$WORK/res/cchc.size" ] || size_of "$out/tim-kiem/chi-muc" >"$WORK/res/cchc.size"

for r in $(seq "$PF_ROUNDS"); do
	say "Pagefind $pf_version over cchc's output, $r/$PF_ROUNDS (about a minute)"
	rm -rf "$out/pagefind"
	measure pagefind "$PAGEFIND" --site "$out"
done
touch "$WORK/res/pagefind.log"
[ "$PF_ROUNDS" -gt 0 ] && { grep -h 'Indexed\|Finished' "$WORK/log.txt" | sed 's/^ */    /' >"$WORK/res/pagefind.log" || true; }
[ "$PF_ROUNDS" -gt 0 ] && size_of "$out/pagefind" >"$WORK/res/pagefind.size"

# ------------------------------------------------------------ queries

www=$WORK/www
mkdir "$www"
ln -s "$out" "$www/site"
printf '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Pagefind</title><p>Pagefind\n' >"$www/pf.html"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$www" \
    >"$WORK/http.log" 2>&1 &
server=$!
for i in $(seq 50); do
	python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/pf.html')" \
	    2>/dev/null && break
	sleep 0.1
done

cat >"$WORK/queries.mjs" <<'EOF'
// One query per fresh context; prints one JSON line per query and tool.
import { createRequire } from 'node:module';
import path from 'node:path';
const [repo, base, chromiumPath, delay, rounds, pfRounds, ...queries] = process.argv.slice(2);
const require = createRequire(path.join(repo, 'tests', 'package.json'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
	executablePath: chromiumPath, headless: true, timeout: 30000,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
		'--disable-component-update', '--disable-sync', '--no-first-run'],
});

// Bytes of every response body from `counting` on, and quiet detection.
function tracker(context) {
	const t = { counting: false, bytes: 0, n: 0, pending: 0, last: Date.now(), urls: [] };
	context.on('request', () => { t.pending++; t.last = Date.now(); });
	const done = async (req) => {
		t.pending--;
		t.last = Date.now();
		if (!t.counting) return;
		let b = 0;
		try {
			b = (await req.sizes()).responseBodySize;
		} catch (e) {
			b = 0;
		}
		t.bytes += b;
		t.n++;
		t.urls.push([req.url().replace(base, ''), b]);
	};
	context.on('requestfinished', done);
	context.on('requestfailed', (req) => { t.pending--; t.last = Date.now(); });
	return t;
}
async function quiet(t, ms = 500, max = 15000) {
	const end = Date.now() + max;
	while (Date.now() < end) {
		if (t.pending <= 0 && Date.now() - t.last >= ms) return true;
		await new Promise((r) => setTimeout(r, 50));
	}
	return false;
}

// mode "typed": a key every `delay` ms; "input": the whole query pasted
// (Ctrl+V from the clipboard: one input event, of type insertFromPaste),
// one search as Pagefind's API call is.
async function cchcQuery(q, mode) {
	const context = await browser.newContext();
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const t = tracker(context);
	const page = await context.newPage();
	const r = { tool: mode === 'typed' ? 'cchc, typed' : 'cchc, one input', q };
	try {
		await page.goto(base + 'site/tim-kiem/index.html', { waitUntil: 'load' });
		await quiet(t);
		// The page's own box: the input of the form inside <main>, else
		// the last text input of the page (the header's comes first).
		const sel = await page.evaluate(() => {
			const el = document.querySelector('main input[type=search], main input[name=q]') ||
				Array.from(document.querySelectorAll('input[type=search], input[name=q]')).pop();
			if (!el) return null;
			el.setAttribute('data-bench', '1');
			return '[data-bench="1"]';
		});
		if (!sel) throw new Error('no search box on tim-kiem/index.html');
		await page.evaluate(() => {
			const box = document.querySelector('[data-bench="1"]');
			window.__b = { last: 0, shown: 0 };
			box.addEventListener('input', () => { window.__b.last = performance.now(); window.__b.shown = 0; }, true);
			new MutationObserver((ms) => {
				const kq = document.getElementById('cchc-kq');
				if (!kq || !window.__b.last || window.__b.shown) return;
				const added = ms.some((m) => m.type === 'childList' && (kq.contains(m.target) || m.target.contains(kq)) &&
					Array.from(m.addedNodes).some((n) => n.nodeName === 'LI' || (n.querySelector && n.querySelector('#cchc-kq li, li'))));
				if (added && kq.querySelector('li')) window.__b.shown = performance.now();
			}).observe(document.documentElement, { subtree: true, childList: true });
		});
		await page.click(sel);
		if (mode !== 'typed')
			await page.evaluate((text) => navigator.clipboard.writeText(text), q);
		// Playwright's script for waitForFunction is put into the page
		// on its first use: here, not on the page's main thread while
		// the query runs (its 10-25 ms there were counted as the
		// page's, after a paste).
		await page.waitForFunction(() => true);
		t.counting = true;
		if (mode === 'typed')
			await page.keyboard.type(q, { delay: Number(delay) });
		else
			await page.keyboard.press('Control+V');
		await page.waitForFunction(() => window.__b.shown > 0, null, { timeout: 10000 })
			.catch(() => {});
		await quiet(t);
		const m = await page.evaluate(() => ({
			ms: window.__b.shown ? window.__b.shown - window.__b.last : null,
			results: document.querySelectorAll('#cchc-kq li').length,
			// Each file asked for after the last input: [name, start, end]
			// in ms from that input (Resource Timing), for where the time went.
			timing: performance.getEntriesByType('resource')
			    .filter((e) => window.__b.last && e.startTime >= window.__b.last - 1)
			    .map((e) => [e.name.replace(/.*chi-muc\//, ''),
				Math.round(e.startTime - window.__b.last), Math.round(e.responseEnd - window.__b.last)]),
			status: (document.querySelector('#cchc_tk-trang-thai, main [role=status]') || {}).textContent || '',
		}));
		// The page shows 10; its status line says how many matched.
		const found = /([0-9][0-9.,]*) kết quả/.exec(m.status);
		if (found) m.results = Number(found[1].replace(/[.,]/g, ''));
		Object.assign(r, m, { bytes: t.bytes, requests: t.n, urls: t.urls });
	} catch (e) {
		r.error = String(e.message || e).split('\n')[0];
	}
	await context.close();
	return r;
}

async function pagefindQuery(q) {
	const context = await browser.newContext();
	const t = tracker(context);
	const page = await context.newPage();
	const r = { tool: 'pagefind', q };
	try {
		await page.goto(base + 'pf.html', { waitUntil: 'load' });
		await quiet(t);
		t.counting = true;
		const m = await page.evaluate(async (q) => {
			const t0 = performance.now();
			const pf = await import('/site/pagefind/pagefind.js');
			await pf.init();
			const s = await pf.search(q);
			const top = await Promise.all(s.results.slice(0, 10).map((x) => x.data()));
			return { ms: performance.now() - t0, results: s.results.length, shown: top.length };
		}, q);
		await quiet(t);
		Object.assign(r, m, { bytes: t.bytes, requests: t.n });
	} catch (e) {
		r.error = String(e.message || e).split('\n')[0];
	}
	await context.close();
	return r;
}

for (let round = 1; round <= Number(rounds); round++) {
	for (const q of queries) {
		const rs = [await cchcQuery(q, 'typed'), await cchcQuery(q, 'input')];
		if (Number(pfRounds) > 0)
			rs.push(await pagefindQuery(q));
		for (const r of rs)
			console.log(JSON.stringify(Object.assign({ round }, r)));
	}
}
await browser.close();
EOF
say "queries in Chromium over http://127.0.0.1:$port/"
IFS='|' read -r -a qs <<<"$QUERIES"
node "$WORK/queries.mjs" "$REPO" "http://127.0.0.1:$port/" "$CHROMIUM" \
    "$TYPE_DELAY" "$QROUNDS" "$PF_ROUNDS" "${qs[@]}" >"$WORK/res/queries.jsonl" ||
    die "the Chromium queries failed"

# ------------------------------------------------------------- report

python3 - "$WORK" "$pages" "$files" "$html" "$pf_version" "$ROUNDS" "$PF_ROUNDS" \
    "$("$CCHC" --version 2>&1 | head -n 1)" <<'EOF'
import json, os, statistics, sys
work, pages, files, html, pfv, rounds, pfrounds, version = sys.argv[1:]
res = os.path.join(work, "res")
def rows(name):
    p = os.path.join(res, name)
    if not os.path.exists(p):
        return []
    return [[float(x) for x in l.split()] for l in open(p) if l.strip()]
def med(name, col):
    r = rows(name)
    return statistics.median(x[col] for x in r) if r else None
def size(name):
    p = os.path.join(res, name + ".size")
    return [int(x) for x in open(p).read().split()] if os.path.exists(p) else None
def kb(b): return "%.0f KB" % (b / 1024)
def mb(k): return "%.0f MB" % (k / 1024)
def fmt(v, f): return f(v) if v is not None else "–"
def verdict(v, limit):
    if v is None: return "not measured"
    return "ok" if v <= limit else "MISSED"

cold, cold_kb, cold_cpu = med("cchc", 0), med("cchc", 1), med("cchc", 2)
ns, ns_kb = med("nosearch", 0), med("nosearch", 1)
# What the index costs: the median of each round's difference.
def paired(a, b, col):
    x, y = rows(a), rows(b)
    d = [p[col] - q[col] for p, q in zip(x, y)]
    return statistics.median(d) if d else None
cost, cost_cpu = paired("cchc", "nosearch", 0), paired("cchc", "nosearch", 2)
# The rounds' differences, lowest to highest: how far to trust the median.
spread = sorted(p[0] - q[0] for p, q in zip(rows("cchc"), rows("nosearch")))
st = rows("stages")
terms = statistics.median(r[0] - r[1] for r in st if len(r) == 2) if st else None
pf, pf_kb, pf_cpu = med("pagefind", 0), med("pagefind", 1), med("pagefind", 2)
cs, ps = size("cchc"), size("pagefind")
print()
print("%s; Pagefind %s (binary from bench/node_modules); %d CPUs; corpus: %s pages, "
      "cchc output %s files (%s HTML)" % (version, pfv, os.cpu_count(), pages, files, html))
print()
print("| build (median of runs) | wall | CPU (user+sys) | peak RSS |")
print("|---|---:|---:|---:|")
print("| cchc cold build (%d runs) | %s | %s | %s |" % (len(rows("cchc")),
      fmt(cold, lambda v: "%.2f s" % (v / 1000)), fmt(cold_cpu, lambda v: "%.2f s" % (v / 1000)), fmt(cold_kb, mb)))
if ns is not None:
    print("| the same without the index (CCHC_SEARCH=0), alternating | %.2f s | %.2f s | %s |" % (
          ns / 1000, med("nosearch", 2) / 1000, mb(ns_kb)))
    print("| what the index adds (median of the rounds' differences; each round's: %s ms) | %.0f ms | %.0f ms | |" % (
          ", ".join("%.0f" % v for v in spread), cost, cost_cpu))
    print("| of which its terms (the markdown and search stages) | %s | | |" % fmt(terms, lambda v: "%.0f ms" % v))
print("| Pagefind over cchc's output (%d runs) | %s | %s | %s |" % (len(rows("pagefind")),
      fmt(pf, lambda v: "%.2f s" % (v / 1000)), fmt(pf_cpu, lambda v: "%.2f s" % (v / 1000)), fmt(pf_kb, mb)))
print()
print("| index | bytes | files |")
print("|---|---:|---:|")
print("| cchc tim-kiem/chi-muc/ | %s |" % ("%s | %d" % (kb(cs[0]), cs[1]) if cs else "– | –"))
print("| Pagefind pagefind/ | %s |" % ("%s | %d" % (kb(ps[0]), ps[1]) if ps else "– | –"))

# Each query and tool over the rounds: the median, an error or a
# result not shown in any round making it missing.
runs = [json.loads(l) for l in open(os.path.join(res, "queries.jsonl")) if l.strip()]
qs = []
for r in runs:
    key = (r["q"], r["tool"])
    if not any((q["q"], q["tool"]) == key for q in qs):
        same = [x for x in runs if (x["q"], x["tool"]) == key]
        q = {"q": r["q"], "tool": r["tool"], "n": len(same)}
        bad = [x for x in same if "error" in x]
        if bad:
            q["error"] = bad[0]["error"]
        else:
            for k in ("bytes", "requests", "results"):
                q[k] = statistics.median(x[k] for x in same)
            ms = [x.get("ms") for x in same]
            q["ms"] = None if None in ms else statistics.median(ms)
            q["ms_range"] = None if None in ms else (min(ms), max(ms))
        qs.append(q)
print()
print("| query | tool | downloaded | requests | first results (min–max) | results |")
print("|---|---|---:|---:|---:|---:|")
for q in qs:
    if "error" in q:
        print("| %s | %s | error: %s | | | |" % (q["q"], q["tool"], q["error"]))
        continue
    print("| %s | %s | %s | %d | %s | %d |" % (q["q"], q["tool"], kb(q["bytes"]), q["requests"],
          "%.0f ms (%.0f–%.0f)" % ((q["ms"],) + q["ms_range"]) if q.get("ms") is not None else "not shown",
          q["results"]))
print("(median of %d rounds per query and tool, each in a new browser context)" % max(q["n"] for q in qs))

def two_word(q): return len(q.split()) == 2
def worst(tool, key, pick=lambda q: True):
    qq = [q for q in qs if q["tool"] == tool and pick(q["q"])]
    v = [q.get(key) for q in qq if "error" not in q]
    if not qq or len(v) < len(qq) or None in v:
        return None
    return max(v)
worst2 = worst("cchc, one input", "bytes", two_word)
worst2t = worst("cchc, typed", "bytes", two_word)
worst_ms = worst("cchc, typed", "ms")
worst_ms1 = worst("cchc, one input", "ms")
print()
print("| target (issue 15) | measured | |")
print("|---|---|---|")
r = cost / cold if cost is not None and cold else None
print("| index build ≤ 10 %% of cchc's cold build (what the index adds, its files included) | %s | %s |" % (
      "%.0f ms / %.2f s = %.1f %% (its terms alone: %.0f ms = %.1f %%)" % (cost, cold / 1000, 100 * r,
      terms, 100 * terms / cold) if r is not None and terms is not None else "not measured",
      verdict(r, 0.10)))
r = cost / pf if cost is not None and pf else None
print("| index build ≤ 1/20 of Pagefind's time | %s | %s |" % (
      "%.0f ms / %.1f s = 1/%.0f" % (cost, pf / 1000, pf / max(cost, 1)) if r is not None else "–",
      verdict(r, 0.05)))
r = cold_kb / pf_kb if cold_kb and pf_kb else None
print("| peak memory ≤ 1/10 of Pagefind's (cchc's whole build) | %s | %s |" % (
      "%s / %s = %.3f" % (mb(cold_kb), mb(pf_kb), r) if r is not None else "–", verdict(r, 0.10)))
if ns_kb is not None and cold_kb is not None and pf_kb:
    d = max(cold_kb - ns_kb, 0)
    print("| peak memory ≤ 1/10 of Pagefind's (what the search adds) | %s − %s = %s, /%s = %.3f | %s |" % (
          mb(cold_kb), mb(ns_kb), mb(d), mb(pf_kb), d / pf_kb, verdict(d / pf_kb, 0.10)))
r = cs[0] / ps[0] if cs and ps else None
print("| total index bytes ≤ Pagefind's | %s | %s |" % (
      "%s / %s = %.2f" % (kb(cs[0]), kb(ps[0]), r) if r is not None else
      "no tim-kiem/chi-muc/ in the output" if not cs else "Pagefind not run",
      verdict(r, 1.0)))
print("| a two-word query downloads ≤ 100 KB (worst; the query in one input) | %s | %s |" % (
      fmt(worst2, kb), verdict(worst2 / 1024 if worst2 is not None else None, 100)))
print("| the same, typed a key at a time (every prefix searched) | %s | %s |" % (
      fmt(worst2t, kb), verdict(worst2t / 1024 if worst2t is not None else None, 100)))
print("| first results ≤ 100 ms after the last keystroke (worst; typed) | %s | %s |" % (
      fmt(worst_ms, lambda v: "%.0f ms" % v), verdict(worst_ms, 100)))
print("| the same, the query in one input | %s | %s |" % (
      fmt(worst_ms1, lambda v: "%.0f ms" % v), verdict(worst_ms1, 100)))
EOF
echo
echo "Pagefind's own summary:"
cat "$WORK/res/pagefind.log"
