#!/bin/sh
# tests/validate/nginx.sh OUTDIR BASEPATH PAIRS
#
# Loads OUTDIR/chuyen-huong.conf, the nginx map `cchc portal` writes for
# the old addresses of merged departments, into a private nginx (Debian's
# /usr/sbin/nginx; NGINX=... overrides) that serves OUTDIR under BASEPATH
# (e.g. /cchc/) on 127.0.0.1, with the server block the map's header
# comment asks for.  PAIRS has lines "OLDPATH NEWPATH", absolute URL
# paths; blank lines and lines starting with # are skipped.  An OLDPATH
# "//HOST/PATH" is asked for with that Host (a former department's own
# domain: the map on $host$uri) and its NEWPATH is then a whole URL,
# whose path is asked for with its host.
#   1. `nginx -t` accepts the configuration (one test);
#   2. for each pair, GET OLDPATH answers 301 and its Location is NEWPATH
#      (relative, or absolute on this server: only its path+query counts);
#   3. for each pair, GET NEWPATH answers 200 (the page is in OUTDIR: no
#      redirect to a missing page, no redirect chain).
# Everything (configuration, pid, logs, temp folders) lives in a mktemp
# folder; nginx runs in the foreground (daemon off) and is stopped on exit.
# Prints FAIL lines, then "nginx: N passed, N failed"; exits 1 on any
# failure, 2 on usage errors.  Without nginx the whole script is one skip.

set -u

if [ $# -ne 3 ] || [ ! -d "$1" ] || [ ! -f "$3" ]; then
	echo "usage: $0 OUTDIR BASEPATH PAIRS  (a portal output with chuyen-huong.conf; PAIRS: lines \"OLDPATH NEWPATH\")" >&2
	exit 2
fi
dir=$(cd "$1" && pwd) || exit 2
base=$2
pairs=$3
case $base in /*) ;; *) base=/$base ;; esac
case $base in */) ;; *) base=$base/ ;; esac
# These two go into nginx.conf inside double quotes: no quote, backslash,
# $ (a variable there), whitespace or braces.
for v in "$dir" "$base"; do
	case $v in
	*[\"\\\$\{\}\;[:space:]]*)
		echo "$0: cannot write \"$v\" into nginx.conf (quote, backslash, \$, brace, ; or space)" >&2
		exit 2 ;;
	esac
done

nginx=${NGINX:-/usr/sbin/nginx}
py=/usr/bin/python3
conf=$dir/chuyen-huong.conf

npass=0
nfail=0
ok() { npass=$((npass + 1)); }
fail() { # fail WHAT [DETAIL...]
	nfail=$((nfail + 1))
	printf 'FAIL: %s\n' "$1"
	shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/  /'; done
}
finish() {
	echo "nginx: $npass passed, $nfail failed"
	[ "$nfail" -eq 0 ] || exit 1
	exit 0
}

if [ ! -x "$nginx" ]; then
	echo "SKIP: nginx not installed: sh tools/deps.sh test"
	echo "nginx: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
if [ ! -x "$py" ]; then
	fail "$py not found: sh tools/deps.sh test"
	finish
fi
if [ ! -f "$conf" ]; then
	fail "$conf: no such file"
	finish
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nginx.XXXXXX") || exit 1
token=${tmp##*/nginx.}
pid=
stop() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null
		# TERM: the master stops its worker and exits; then wait reaps it.
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		pid=
	fi
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

# The pairs: one line "OLD NEW" each; anything else is a failure.
: >"$tmp/pairs"
n=0
while IFS= read -r line || [ -n "$line" ]; do
	n=$((n + 1))
	case $line in '' | '#'*) continue ;; esac
	set -f # split into words, no globbing
	# shellcheck disable=SC2086
	set -- $line
	set +f
	if [ $# -ne 2 ]; then
		fail "$pairs:$n: not \"OLDPATH NEWPATH\": $line"
		continue
	fi
	case $1 in
	//*) case $2 in http://* | https://*) printf '%s %s\n' "$1" "$2" >>"$tmp/pairs"; continue ;; esac ;;
	/*) case $2 in /*) printf '%s %s\n' "$1" "$2" >>"$tmp/pairs"; continue ;; esac ;;
	esac
	fail "$pairs:$n: paths must start with /: $line"
done <"$pairs"
if [ ! -s "$tmp/pairs" ]; then
	fail "$pairs: no pairs"
	finish
fi

# A free port: the kernel's choice for port 0 (tried again if nginx
# loses it to another process before it binds).
free_port() {
	"$py" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx.conf. As root the master would switch its worker to "nobody",
# who may not read OUTDIR: keep root there; as anyone else `user` is
# ignored with a warning, so it is left out.
write_conf() { # write_conf PORT
	user=
	[ "$(id -u)" -eq 0 ] && user='user root;'
	cat >"$tmp/nginx.conf" <<EOF
# tests/validate/nginx.sh: a private nginx for chuyen-huong.conf.
$user
daemon off;
master_process on;
worker_processes 1;
pid "$tmp/nginx.pid";
error_log "$tmp/error.log" info;
events { worker_connections 64; }
http {
	access_log "$tmp/access.log";
	client_body_temp_path "$tmp/client_body";
	proxy_temp_path "$tmp/proxy";
	fastcgi_temp_path "$tmp/fastcgi";
	uwsgi_temp_path "$tmp/uwsgi";
	scgi_temp_path "$tmp/scgi";
	default_type application/octet-stream;
	include "$conf";
	server {
		listen 127.0.0.1:$1;
		server_name localhost;
		if (\$cchc_chuyen_huong) { return 301 \$cchc_chuyen_huong; }
		# This server stands for the former domains too (by Host).
		if (\$cchc_chuyen_huong_cu) { return 301 \$cchc_chuyen_huong_cu; }
		# For up(): this nginx, not another program on the port.
		location = /.nginx-sh-$token { return 200 "$token"; }
		location "$base" {
			alias "$dir/";
			index index.html;
		}
	}
}
EOF
}

# 1. nginx -t.  -e: the error log before nginx.conf is read (a non-root
# user cannot open the built-in one).
port=$(free_port) || { fail "no free port (python3)"; finish; }
write_conf "$port"
if "$nginx" -t -q -e "$tmp/error.log" -p "$tmp/" -c "$tmp/nginx.conf" >"$tmp/t" 2>&1; then
	ok
else
	fail "nginx -t refuses the configuration with $conf:" "$(cat "$tmp/t")"
	finish
fi

# Start nginx; wait until it answers, or has exited (a port taken in
# between: tried again with another one, three times in all).
up() { # up PORT PID: 0 once our nginx answers on 127.0.0.1:PORT; 1 if PID exits or 5 s pass
	"$py" - "$1" "$2" "$token" <<'EOF'
import http.client, os, sys, time
port, pid, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
end = time.time() + 5
while time.time() < end:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", "/.nginx-sh-" + token)
        r = c.getresponse()
        if r.status == 200 and r.read() == token.encode():
            sys.exit(0)
    except (OSError, http.client.HTTPException):
        pass
    finally:
        c.close()
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    try:  # a zombie (exited, not yet reaped by the shell) is gone too
        with open("/proc/%d/stat" % pid) as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                sys.exit(1)
    except (OSError, IndexError):
        pass
    time.sleep(0.05)
sys.exit(1)
EOF
}
started=
for try in 1 2 3; do
	if [ "$try" -gt 1 ]; then
		port=$(free_port) || break
		write_conf "$port"
	fi
	"$nginx" -e "$tmp/error.log" -p "$tmp/" -c "$tmp/nginx.conf" \
	    </dev/null >"$tmp/run" 2>&1 &
	pid=$!
	if up "$port" "$pid"; then
		started=1
		break
	fi
	stop
done
if [ -z "$started" ]; then
	fail "nginx did not start on 127.0.0.1 (3 tries); its last messages:" \
	    "$(cat "$tmp/run" "$tmp/error.log" 2>/dev/null | tail -n 20)"
	finish
fi

# 2 and 3.  One line per check: "ok" or "FAIL ...".  Paths are sent
# %-encoded (non-ASCII bytes) and compared decoded, as bytes.
"$py" - "$port" "$tmp/pairs" >"$tmp/res" 2>&1 <<'EOF'
import http.client, sys, urllib.parse
port = int(sys.argv[1])
here = "http://127.0.0.1:%d" % port
SAFE = "/%:@!$&'()*+,;=-._~?"
def get(path, host=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        c.request("GET", urllib.parse.quote(path, safe=SAFE),
                  headers={"Host": host} if host else {})
        r = c.getresponse()
        r.read()
        # Headers arrive as latin-1 text: back to their bytes.
        loc = r.getheader("Location")
        return r.status, None if loc is None else loc.encode("latin-1")
    finally:
        c.close()
def path_of(loc):  # bytes, absolute or not, to its decoded path+query
    p = urllib.parse.urlsplit(loc)
    if p.scheme or p.netloc:
        if (p.scheme + b"://" + p.netloc).decode("latin-1") not in (here, "http://localhost:%d" % port):
            return None
    return urllib.parse.unquote_to_bytes(p.path + (b"?" + p.query if p.query else b""))
with open(sys.argv[2], encoding="utf-8", errors="surrogateescape") as f:
    for line in f:
        old, new = line.split()
        want = urllib.parse.unquote_to_bytes(new)
        host = newhost = None
        if old.startswith("//"):  # another domain: a whole URL back
            host, _, rest = old[2:].partition("/")
            old = "/" + rest
            u = urllib.parse.urlsplit(new)
            newhost, newpath = u.netloc, u.path
            path_of_loc = lambda loc: loc
            want = new.encode()
        else:
            newpath = new
            path_of_loc = path_of
        try:
            st, loc = get(old, host)
            if st != 301:
                print("FAIL GET %s: status %d, want 301 to %s" % (old, st, new))
            elif loc is None:
                print("FAIL GET %s: 301 without Location, want %s" % (old, new))
            elif path_of_loc(loc) != want:
                print("FAIL GET %s: 301 to %s, want %s" % (old, loc.decode("utf-8", "replace"), new))
            else:
                print("ok")
        except Exception as e:
            print("FAIL GET %s: %s" % (old, e))
        try:
            st, loc = get(newpath, newhost)
            if st == 200:
                print("ok")
            else:
                print("FAIL GET %s (target of %s): status %d%s, want 200" % (
                    new, old, st, "" if loc is None else " to " + loc.decode("utf-8", "replace")))
        except Exception as e:
            print("FAIL GET %s (target of %s): %s" % (new, old, e))
EOF
rc=$?
while IFS= read -r l; do
	case $l in
	ok) ok ;;
	'FAIL '*) fail "${l#FAIL }" ;;
	*) fail "python3: $l" ;;
	esac
done <"$tmp/res"
[ "$rc" -eq 0 ] || fail "python3 exited with status $rc"
stop
finish
