#!/bin/sh
# tools/chroot-check.sh SUITE [DIR]
#
# The README's promise, checked on a fresh Debian: in a minimal chroot of
# SUITE (bookworm = Debian 12, trixie = Debian 13; DIR defaults to
# /srv/chroot-SUITE) holding only git, make and ca-certificates, runs as
# root exactly
#
#     make site
#     make test
#
# on a clone of this repository's current branch (its last commit: commit
# first; uncommitted changes are not seen) with ../shared copied beside
# it. Everything else must be installed by those two commands.
#
# The chroot is made with debootstrap --variant=minbase when DIR does not
# exist yet, and kept for later runs (the packages the first run installed
# stay; REBUILD=1 deletes it and starts again from nothing). The clone is
# made again each run. Needs root, debootstrap, and Debian's and npm's
# registries.
#
# Writes the whole output to /srv/logs/chroot-SUITE.log (LOG=...), then
# prints the last line of `make test` and the versions of the tools that
# matter (node, chromium, cmark-gfm, java, git, libgit2). Exits with the
# status of `make test` (`make site` failing: 1).
#
# MIRROR=... overrides the Debian mirror (default: the first deb.debian.org
# style URI in this machine's apt sources, else http://deb.debian.org/debian);
# SECURITY=... the security mirror (default http://deb.debian.org/debian-security).
# Certificate authorities added to this machine (/usr/local/share/
# ca-certificates) are added to the chroot, as on any machine of the same
# network.

set -eu

suite=${1:-}
case $suite in
bookworm | trixie) ;;
*)
	echo "usage: $0 bookworm|trixie [DIR]" >&2
	exit 2
	;;
esac
dir=${2:-/srv/chroot-$suite}
log=${LOG:-/srv/logs/chroot-$suite.log}

if [ "$(id -u)" -ne 0 ]; then
	echo "chroot-check: cần quyền root (debootstrap, mount, chroot)" >&2
	exit 1
fi
top=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$top/../shared" 2>/dev/null && pwd) || {
	echo "chroot-check: không thấy $top/../shared" >&2
	exit 1
}
branch=$(git -C "$top" rev-parse --abbrev-ref HEAD)
commit=$(git -C "$top" rev-parse --short HEAD)

if [ -z "${MIRROR:-}" ]; then
	MIRROR=$(grep -h -s -o -E 'https?://[^ ]*/debian/?( |$)' \
		/etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources | head -n 1 | tr -d ' ') || true
	MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi
SECURITY=${SECURITY:-http://deb.debian.org/debian-security}

mkdir -p "$(dirname "$log")"
: >"$log"
note() { printf 'chroot-check: %s\n' "$*" | tee -a "$log" >&2; }

# Mounts, undone on exit whatever happens.
mounted=
cleanup() {
	for m in $mounted; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mnt() { # mnt WHERE MOUNT-ARGUMENTS...
	where=$1
	shift
	mountpoint -q "$where" && return 0
	mkdir -p "$where"
	mount "$@" "$where"
	mounted="$where $mounted"
}

if [ "${REBUILD:-}" = 1 ] && [ -d "$dir" ]; then
	note "REBUILD=1: xoá $dir"
	case $dir in /srv/chroot-* | /srv/*/chroot-*) ;; *)
		echo "chroot-check: không xoá $dir (chỉ xoá /srv/chroot-*)" >&2
		exit 1 ;;
	esac
	for m in $(awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r); do
		umount "$m" || umount -l "$m"
	done
	rm -rf "$dir"
fi
if [ ! -x "$dir/bin/sh" ]; then
	command -v debootstrap >/dev/null 2>&1 || {
		note "cài debootstrap"
		apt-get -qq update && apt-get install -y -q debootstrap >>"$log" 2>&1
	}
	note "debootstrap --variant=minbase $suite $dir $MIRROR (vài phút)"
	debootstrap --variant=minbase --include=git,make,ca-certificates \
		"$suite" "$dir" "$MIRROR" >>"$log" 2>&1 || {
		note "debootstrap thất bại; xem $log"
		exit 1
	}
fi

# What a fresh install has: the release, its updates and security.
cat >"$dir/etc/apt/sources.list" <<EOF
deb $MIRROR $suite main
deb $MIRROR $suite-updates main
deb $SECURITY $suite-security main
EOF
cp /etc/resolv.conf "$dir/etc/resolv.conf"
# The local certificate authorities this machine trusts (a proxy that
# intercepts TLS to npm's registry, say), trusted in the chroot too.
for crt in /usr/local/share/ca-certificates/*.crt; do
	[ -f "$crt" ] || continue
	mkdir -p "$dir/usr/local/share/ca-certificates"
	cp "$crt" "$dir/usr/local/share/ca-certificates/"
	cas=1
done
if [ -n "${cas:-}" ]; then
	chroot "$dir" /usr/sbin/update-ca-certificates >>"$log" 2>&1
fi
# No daemons started by package scripts inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
chmod 755 "$dir/usr/sbin/policy-rc.d"

# Chromium wants /proc, /sys, /dev/shm; npm and the tests /dev/pts.
mnt "$dir/proc" -t proc proc
mnt "$dir/sys" -t sysfs sysfs
mnt "$dir/dev/pts" --bind /dev/pts
mnt "$dir/dev/shm" -t tmpfs -o mode=1777 tmpfs

work=$dir/root/cchc-check
rm -rf "$work"
mkdir -p "$work"
note "clone $top (nhánh $branch, $commit) và chép $shared"
git clone -q --no-local --branch "$branch" "$top" "$work/cchc" >>"$log" 2>&1
cp -R "$shared" "$work/shared"

in_chroot() {
	chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/sh -c "$1"
}

status=0
note "make site"
if ! in_chroot 'cd /root/cchc-check/cchc && make site' >>"$log" 2>&1; then
	note "make site thất bại; xem $log"
	status=1
fi
if [ $status -eq 0 ]; then
	note "make test (lâu: mọi bộ kiểm tra, Chromium, Nu Html Checker)"
	in_chroot 'cd /root/cchc-check/cchc && make test' >>"$log" 2>&1 || status=$?
fi

last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
versions=$(in_chroot '
	printf "debian      %s\n" "$(cat /etc/debian_version)"
	printf "node        %s (%s)\n" "$(node --version 2>&1)" "$(command -v node)"
	printf "npm         %s\n" "$(npm --version 2>&1)"
	printf "chromium    %s\n" "$(chromium --version 2>&1)"
	printf "cmark-gfm   %s\n" "$(dpkg-query -W -f="\${Version}" libcmark-gfm-dev 2>&1)"
	printf "java        %s\n" "$(java -version 2>&1 | head -n 1)"
	printf "git         %s\n" "$(git --version 2>&1)"
	printf "libgit2     %s\n" "$(dpkg-query -W -f="\${Version}" libgit2-dev 2>&1)"
' 2>&1)
{
	echo "== $suite ($dir), $branch $commit"
	echo "make test: ${last:-(no result line; make test exit $status)}"
	echo "$versions"
} | tee -a "$log"
exit $status
