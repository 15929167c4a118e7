#!/bin/sh
# tools/deps.sh build|test
#
# Makes sure the Debian packages cchc needs are installed.
#   build  compiler and -dev libraries to build ./cchc
#   test   the build set plus the test tools (Java for vnu.jar, xmllint,
#          jing, chromium, node/npm, valgrind, clang for make fuzz, ...) and the pinned npm
#          packages in tests/node_modules (npm ci from tests/package-lock.json)
#
# Prints nothing and exits 0 when everything is present (fast: one
# dpkg-query call). As root it installs what is missing with apt-get; as
# another user it prints the one apt-get command to run and exits 1.
#
# Node.js: any node/npm on PATH is used; when there is none, Debian's
# nodejs and npm are installed (Debian 12: Node.js 18, which is why
# tests/package.json pins a playwright-core whose "engines" allows 18).
# An npm ci that fails does not stop `make test`: it says so here, and the
# validators that need tests/node_modules then fail once each, with what
# to do (tests/validate/preflight.sh), counted in the last line.

set -u

BUILD_PKGS="gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
libgit2-dev libxml2-dev libyaml-dev libutf8proc-dev libstb-dev libturbojpeg0-dev
libmicrohttpd-dev"
# chromium runs headless without its Recommends (checked in a clean
# bookworm chroot): --no-install-recommends is enough, fonts come in
# through fontconfig's fonts-dejavu-core.
# libmicrohttpd-dev: `cchc serve` (0.9.75 in Debian 12, 1.0 in 13; only
# API both have is used).  curl: tests/serve.sh speaks HTTP with it.
# clang and libclang-rt-dev: `make fuzz` (libFuzzer).  Both are the
# llvm-defaults metapackages in Debian 12 (clang 14) and 13 (clang 19),
# so the fuzzer runtime always matches the default clang.
# mandoc: tests/newinit.sh lints the man page (mandoc -Tlint).
# nginx: tests/validate/nginx.sh loads the portal's chuyen-huong.conf in a
# private nginx (1.22 in Debian 12, 1.26 in 13); installed without starting
# its service (policy-rc.d below).
# python3-yaml: tests/portal.sh reads the steps of docs/ci/github-actions.yml.
TEST_PKGS="default-jre-headless python3-feedparser python3-yaml libxml2-utils jing
chromium valgrind git clang libclang-rt-dev libimage-exiftool-perl mandoc curl nginx"

mode=${1:-}
case $mode in
build) pkgs=$BUILD_PKGS ;;
test) pkgs="$BUILD_PKGS $TEST_PKGS" ;;
*)
	echo "usage: $0 build|test" >&2
	exit 2
	;;
esac

root=$(cd "$(dirname "$0")/.." && pwd) || exit 1

nl='
'
# One dpkg-query for all packages; unknown packages just print nothing.
# shellcheck disable=SC2086
status="$nl$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null)$nl"

missing=
for p in $pkgs; do
	case $status in
	*"$nl$p install ok installed$nl"*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ "$mode" = test ]; then
	# A node/npm from elsewhere (nodesource, nvm, ...) on PATH is fine:
	# Debian's nodejs/npm only when there is none at all.
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
missing=${missing# }

if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "Thiếu gói, hãy chạy: sudo apt-get install -y $missing" >&2
		exit 1
	fi
	echo "deps.sh: apt-get install $missing" >&2
	# No service may start here (nginx's postinst would start a server on
	# port 80, in a container or CI runner too): invoke-rc.d and
	# deb-systemd-invoke ask /usr/sbin/policy-rc.d, and exit 101 means
	# "action forbidden" (Debian's invoke-rc.d(8), README.policy-rc.d).
	# Ours only when there is none (Docker images ship one); removed after.
	policy=/usr/sbin/policy-rc.d
	ours=
	if [ ! -e "$policy" ]; then
		trap 'rm -f "$policy"' EXIT
		trap 'exit 130' INT TERM
		printf '#!/bin/sh\n# tools/deps.sh: no service starts while it installs packages.\nexit 101\n' \
			>"$policy" && chmod 755 "$policy" && ours=1
	fi
	apt-get -qq update || exit 1
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $missing || exit 1
	if [ -n "$ours" ]; then
		rm -f "$policy"
		trap - EXIT INT TERM
	fi
fi

if [ "$mode" = test ]; then
	t=$root/tests
	# node_modules/.package-lock.json is written by every npm ci/install:
	# reinstall when it is absent or older than the committed lockfile.
	if [ ! -f "$t/node_modules/.package-lock.json" ] ||
		[ -n "$(find "$t/package-lock.json" \
			-newer "$t/node_modules/.package-lock.json" 2>/dev/null)" ]; then
		# --ignore-scripts: vnu-jar's postinstall would try to download a
		# JRE from GitHub when it finds no java; we use Debian's.
		(cd "$t" && npm ci --no-audit --no-fund --ignore-scripts \
			--loglevel=error >/dev/null) || {
			echo "deps.sh: npm ci trong tests/ thất bại (lỗi ở trên);" \
			    "các kiểm tra cần tests/node_modules sẽ báo lỗi." \
			    "Sửa xong hãy chạy lại: sh tools/deps.sh test" >&2
			exit 0
		}
	fi
fi
exit 0
