#!/bin/sh
# tests/validate/vnu.sh DIR
#
# Checks every *.html file under DIR with the Nu Html Checker (vnu.jar,
# pinned in tests/package.json) in a single JVM run, errors only.
# Each HTML file is one test. For each failing file prints
#   FAIL path (N errors)
#     path:line:col: message
# and ends with "vnu: N passed, N failed". Exits 1 if any file failed.
#
# VNU_JAR=/path/to/vnu.jar overrides the jar from tests/node_modules.

set -u

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 DIR  (a directory of generated HTML)" >&2
	exit 2
fi
dir=${1%/}
[ -n "$dir" ] || dir=/
case $dir in -*) dir=./$dir ;; esac # never an option to find or vnu

here=$(cd "$(dirname "$0")" && pwd) || exit 1
jar=${VNU_JAR:-$here/../node_modules/vnu-jar/build/dist/vnu.jar}

if ! command -v java >/dev/null 2>&1; then
	echo "vnu: java not found; install it: sudo apt-get install -y default-jre-headless (or: sh tools/deps.sh test)" >&2
	exit 1
fi
if [ ! -f "$jar" ]; then
	echo "vnu: $jar not found; run: sh tools/deps.sh test (npm ci in tests/)" >&2
	exit 1
fi
if ! command -v node >/dev/null 2>&1; then
	echo "vnu: node not found (needed to read vnu's JSON); install it: sudo apt-get install -y nodejs (or: sh tools/deps.sh test)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vnu.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The list of tests: every regular *.html file, sorted, one per line.
find "$dir" -type f -name '*.html' -print | LC_ALL=C sort >"$tmp/files"
n=$(wc -l <"$tmp/files")
if [ "$n" -eq 0 ]; then
	echo "vnu: no *.html files under $dir" >&2
	echo "vnu: 0 passed, 0 failed"
	exit 1
fi

# All files as arguments of one java run (vnu silently ignores a path that
# does not exist, so the list comes from find, never from guesses). Split
# on newlines only, no globbing; the kernel's ~2 MB argument limit is
# ~20,000 pages of this project's path lengths.
IFS='
'
set -f
# shellcheck disable=SC2046
set -- $(cat "$tmp/files")
set +f
unset IFS

# -Xss: vnu's parser recurses; deep documents overflow the default stack.
# --exit-zero-always: exit status != 0 then means vnu itself failed.
java -Xss16m -XX:+UseSerialGC -jar "$jar" --errors-only --format json \
	--stdout --exit-zero-always "$@" >"$tmp/out.json" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ] || [ ! -s "$tmp/out.json" ]; then
	cat "$tmp/err" >&2
	echo "vnu: vnu.jar failed (exit $rc), no report" >&2
	echo "vnu: 0 passed, $n failed"
	exit 1
fi

# Group vnu's messages by file and print the summary.
node - "$tmp/files" "$tmp/out.json" <<'EOF'
const fs = require('fs');
const path = require('path');
const { fileURLToPath } = require('url');
const [listFile, jsonFile] = process.argv.slice(2);
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
let report;
try {
  report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
} catch (e) {
  console.log(`vnu: cannot parse vnu.jar output: ${e.message}`);
  console.log(`vnu: 0 passed, ${files.length} failed`);
  process.exit(1);
}
// vnu reports file:/absolute/path; map both the absolute and the real
// path of every listed file back to the name find gave.
const byPath = new Map();
const msgs = new Map(files.map((f) => [f, []]));
for (const f of files) {
  byPath.set(path.resolve(f), f);
  try { byPath.set(fs.realpathSync(f), f); } catch { /* listed, so exists */ }
}
const other = [];
for (const m of report.messages || []) {
  let f;
  if (m.url) {
    let p = m.url;
    try { p = fileURLToPath(m.url); } catch { /* not a file: URL */ }
    f = byPath.get(p) ?? byPath.get(path.resolve(p));
  }
  const where = (name) => {
    const line = m.lastLine ?? m.firstLine;
    const col = m.firstColumn ?? m.lastColumn;
    return line ? `${name}:${line}:${col ?? 0}` : name;
  };
  const text = `${m.type === 'error' ? '' : m.type + ': '}${m.message}`;
  if (f) msgs.get(f).push(`${where(f)}: ${text}`);
  else other.push(`${where(m.url || 'vnu')}: ${text}`);
}
let passed = 0, failed = 0;
for (const f of files) {
  const list = msgs.get(f);
  if (list.length === 0) { passed++; continue; }
  failed++;
  console.log(`FAIL ${f} (${list.length} error${list.length > 1 ? 's' : ''})`);
  for (const l of list) console.log(`  ${l}`);
}
if (other.length) {
  // Messages about no listed file (should not happen): one more failure.
  failed++;
  console.log('FAIL vnu (messages about unlisted documents)');
  for (const l of other) console.log(`  ${l}`);
}
console.log(`vnu: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
EOF
