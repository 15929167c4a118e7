#!/bin/sh
# tests/validate/preflight.sh browser|vnu
#
# Checks, before a group of validators runs, that the tools it needs are
# there and fit together, so that a missing tool is one failure with one
# message saying what is missing and how to fix it, not a failure per page:
#
#   browser  (axe.mjs, procedures.mjs) node; tests/node_modules holding the
#            playwright-core and axe-core of tests/package-lock.json; a node
#            as new as that playwright-core's "engines" asks; Chromium
#            ($CHROMIUM, default /usr/bin/chromium) that starts;
#   vnu      (vnu.sh) node; the vnu-jar of the lockfile; java that can run
#            that vnu.jar.
#
# Prints nothing and exits 0 when all is there; otherwise prints the
# message (in Vietnamese, for whoever runs the tests) and exits 1.

set -u

what=${1:-}
case $what in
browser) pkgs="playwright-core axe-core" ;;
vnu) pkgs="vnu-jar" ;;
*)
	echo "usage: $0 browser|vnu" >&2
	exit 2
	;;
esac

here=$(cd "$(dirname "$0")" && pwd) || exit 1
tests=$(dirname "$here")
chromium=${CHROMIUM:-/usr/bin/chromium}
fix_deps="chạy (với quyền root): sh tools/deps.sh test"

# say WHAT HOW: the one message, then exit 1.
say() {
	case $what in
	browser) name="kiểm tra trong Chromium (axe-core, bộ lọc và bản in thủ tục)" ;;
	vnu) name="kiểm tra HTML bằng Nu Html Checker" ;;
	esac
	printf 'THIẾU CÔNG CỤ: không chạy được %s.\n  Thiếu: %s\n  Cách sửa: %s\n' \
	    "$name" "$1" "$2"
	exit 1
}

if ! command -v node >/dev/null 2>&1; then
	say "node (Node.js)" "$fix_deps (cài nodejs và npm của Debian), hoặc: sudo apt-get install -y nodejs npm"
fi

# Versions the lockfile pins and what is installed, read with node itself.
# Output: "ok" or one line "problem<TAB>fix".
out=$(node - "$tests" $pkgs <<'EOF' 2>&1
const fs = require('fs');
const path = require('path');
const [tests, ...pkgs] = process.argv.slice(2);
const say = (problem, fix) => { console.log(`${problem}\t${fix}`); process.exit(0); };
let lock;
try {
  lock = JSON.parse(fs.readFileSync(path.join(tests, 'package-lock.json'), 'utf8'));
} catch (e) {
  say(`tests/package-lock.json không đọc được (${e.message})`, 'lấy lại tệp này từ git');
}
for (const p of pkgs) {
  const want = lock.packages?.[`node_modules/${p}`];
  if (!want) say(`${p} không có trong tests/package-lock.json`, 'lấy lại tests/package-lock.json từ git');
  let have = null;
  try {
    have = JSON.parse(fs.readFileSync(path.join(tests, 'node_modules', p, 'package.json'), 'utf8')).version;
  } catch { /* not installed */ }
  if (have !== want.version) {
    say(`gói npm ${p} ${want.version} trong tests/node_modules (${have ? `đang có ${have}` : 'chưa cài'})`,
      'chạy: sh tools/deps.sh test (npm ci trong tests/)');
  }
  // engines.node of the forms ">=18", ">=18.19", ">=18.19.0"
  const m = /^\s*>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(want.engines?.node || '');
  if (m) {
    const need = [m[1], m[2] || 0, m[3] || 0].map(Number);
    const cur = process.versions.node.split('.').map(Number);
    let older = false;
    for (let i = 0; i < 3; i++) if (cur[i] !== need[i]) { older = cur[i] < need[i]; break; }
    if (older) {
      say(`Node.js ${want.engines.node} cho ${p} ${want.version}; node trong PATH (${process.execPath}) là ${process.version}`,
        'cài Node.js của Debian (sudo apt-get install -y nodejs npm) hoặc đặt một node mới hơn trước trong PATH');
    }
  }
}
console.log('ok');
EOF
)
case $out in
ok) ;;
*"	"*) say "${out%%	*}" "${out#*	}" ;;
*) say "node không chạy được: $out" "cài lại Node.js: sudo apt-get install -y --reinstall nodejs" ;;
esac

case $what in
browser)
	if [ ! -x "$chromium" ]; then
		say "Chromium ($chromium)" "$fix_deps, hoặc: sudo apt-get install -y chromium (CHROMIUM=... để dùng trình duyệt khác)"
	fi
	if ! v=$("$chromium" --headless --no-sandbox --version 2>&1); then
		say "Chromium chạy được: \"$chromium --version\" báo: $(printf '%s' "$v" | tail -n 2 | tr '\n' ' ')" \
		    "cài lại: sudo apt-get install -y --reinstall chromium; trong chroot cần gắn /proc, /dev, /dev/shm"
	fi
	;;
vnu)
	if ! command -v java >/dev/null 2>&1; then
		say "java (cho vnu.jar)" "$fix_deps, hoặc: sudo apt-get install -y default-jre-headless"
	fi
	jar=${VNU_JAR:-$tests/node_modules/vnu-jar/build/dist/vnu.jar}
	if ! v=$(java -jar "$jar" --version 2>&1); then
		say "java chạy được $jar: $(printf '%s' "$v" | head -n 2 | tr '\n' ' ')" \
		    "cài Java của Debian: sudo apt-get install -y default-jre-headless"
	fi
	;;
esac
exit 0
