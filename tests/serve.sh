#!/bin/sh
# tests/serve.sh - `cchc serve` over real HTTP (curl, and python3 sockets
# for what curl will not send), on a small site with a draft and a
# scheduled post, started on a free port (--port 0) in the background
# and always stopped at the end:
#
#   1. pages with their type and charset, the live-reload script in HTML
#      responses only (never in the files), ETag and 304, HEAD, 301 for a
#      folder without its '/', POST 405 with Allow;
#   2. "..", "%2e%2e", "..%2f", "%252e", "%00" and links in the output to
#      /etc all give the site's 404 page with status 404;
#   3. a bad request line, a huge header, slow clients and 200 connections
#      at once: the server still answers;
#   4. live reload (an SSE client): a post edited in place and saved as
#      vim does (a new file renamed over it), a file in a new folder, a CSS
#      edit ("css"), a broken front matter ("errors" with file:line:col
#      and the source line, given at once to a page that connects then,
#      the last good page still served), its fix;
#   5. drafts and scheduled posts with their banner in the preview, and
#      not in `cchc build` of the same source;
#   6. SIGINT: exit 0, no staging folder or temp file left, git status
#      of the source clean.
#
# The browser side (overlay, reload, stylesheet swap in Chromium) is
# tests/validate/live.mjs, run at the end when its tools are there.
. "$(dirname "$0")/lib.sh"
scratch
TODAY=2026-12-05
if ! command -v curl >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	skip "serve: curl and python3 are needed (sh tools/deps.sh test)"
	finish serve
	exit 0
fi
# Under valgrind every build is ten times slower: longer waits.
SLOW=1
[ -n "${CCHC_WRAP:-}" ] && SLOW=10

src=$SCRATCH/src
mkdir -p "$src/content/tin-tuc/2026/12" "$src/content/gioi-thieu"
with_theme "$src"
cat >"$src/site.yaml" <<'EOF'
title: Chuyên mục Cải cách hành chính
department: Sở Thử nghiệm
province: tỉnh Thử nghiệm
base_url: https://vidu.gov.vn/cchc/
EOF
post() { # post FILE TITLE DATE BODY [EXTRA-LINE]
	{
		echo "---"
		echo "title: \"$2\""
		echo "date: $3"
		[ -n "${5:-}" ] && echo "$5"
		echo "---"
		echo
		echo "$4"
	} >"$1"
}
news=$src/content/tin-tuc/2026/12
post "$news/hop-bao.md" "Họp báo cải cách" 2026-12-01 "Nội dung ban đầu của bài."
post "$news/ban-nhap.md" "Bài còn nháp" 2026-12-02 "Chưa xong." "draft: true"
post "$news/hen-gio.md" "Bài hẹn giờ" 2026-12-20 "Sẽ đăng sau."
cat >"$src/content/gioi-thieu/index.md" <<'EOF'
---
title: Giới thiệu
---

Trang giới thiệu.
EOF
printf '.cchc-cache/\npublic/\n' >"$src/.gitignore"
have_git=0
if command -v git >/dev/null 2>&1 &&
    git -C "$src" init -q 2>/dev/null &&
    git -C "$src" add -A && git -C "$src" -c user.name=t -c user.email=t@t \
    commit -qm init 2>/dev/null; then
	have_git=1
fi

# ---- the helper: SSE client and raw sockets ----
cat >"$SCRATCH/h.py" <<'EOF'
import socket, sys, threading, time, http.client, urllib.parse

def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=10)

def sse(port, want, timeout, ready, page=None):
    """Prints the first event named `want` (name, then data) within
    timeout seconds; touches `ready` once the stream is open.  With
    `page`, the stream says it shows that path, as the page's script
    does, and the page is fetched the moment the event comes: its body
    is printed after the data."""
    s = connect(port)
    q = "?page=" + urllib.parse.quote(page, safe="") if page else ""
    s.sendall(("GET /__cchc/events%s HTTP/1.1\r\nHost: x\r\n\r\n" % q).encode())
    buf, end, touched = b"", time.time() + float(timeout), False
    s.settimeout(0.5)
    while time.time() < end:
        try:
            d = s.recv(65536)
        except socket.timeout:
            d = None
        if d == b"":
            break
        if d:
            buf += d
        if not touched and b"retry:" in buf:
            open(ready, "w").close()
            touched = True
        for ev in buf.split(b"\n\n"):
            lines = [l for l in ev.split(b"\n")]
            name = [l[7:] for l in lines if l.startswith(b"event: ")]
            data = [l[6:] for l in lines if l.startswith(b"data: ")]
            if name and name[0].strip().decode() == want and data:
                print(want)
                print(data[0].decode())
                if page:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    c.request("GET", page)
                    print(c.getresponse().read().decode())
                return 0
    print("timeout " + repr(buf[-300:]))
    return 1

def alive(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/__cchc/client.js")
    return c.getresponse().status == 200

def head(port, path):
    """A HEAD request: prints Content-Length and how many bytes follow
    the headers (HEAD: none)."""
    s = connect(port)
    s.sendall(("HEAD %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
    r = b""
    while True:
        d = s.recv(65536)
        if not d:
            break
        r += d
    h, _, body = r.partition(b"\r\n\r\n")
    cl = [l.split(b":", 1)[1].strip().decode() for l in h.split(b"\r\n")
          if l.lower().startswith(b"content-length:")]
    print("%s %d" % (cl[0] if cl else "-", len(body)))
    return 0

def raw(port, data):
    s = connect(port)
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        r = b""
        while True:
            d = s.recv(65536)
            if not d:
                break
            r += d
    except OSError:
        r = b"(reset)"
    return r.decode("latin-1")

def malformed(port):
    ok = True
    for name, data in [
        ("bad request line", b"GARBAGE\r\n\r\n"),
        ("no version", b"GET /\r\n\r\n"),
        ("binary", bytes(range(256)) * 4),
        ("huge header", b"GET /cchc/ HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n"),
        ("huge url", b"GET /cchc/" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("nul in url", b"GET /cchc/\x00../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"),
    ]:
        r = raw(port, data)
        if "root:" in r:
            print("%s: a file outside the output" % name); ok = False
        if name != "nul in url" and r.startswith("HTTP/1.1 200"):
            print("%s: answered 200" % name); ok = False
        if not alive(port):
            print("%s: server down after it" % name); ok = False
    return 0 if ok else 1

def slowloris(port, n):
    socks = []
    for i in range(int(n)):
        s = connect(port)
        s.sendall(b"GET /cchc/ HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    t0 = time.time()
    for r in range(3):
        for s in socks:
            try:
                s.sendall(b"X-a: b\r\n")
            except OSError:
                pass
        ok = alive(port)
        if not ok:
            print("no answer with %s slow clients" % n); return 1
    dt = time.time() - t0
    for s in socks:
        s.close()
    return 0 if dt < 10 else 1

def concurrent(port, n, path):
    res, lock = [], threading.Lock()
    start = threading.Barrier(int(n))
    def one():
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            start.wait()
            c.request("GET", path)
            r = c.getresponse()
            body = r.read()
            st = r.status if len(body) > 0 else -1
        except Exception as e:
            st = repr(e)
        with lock:
            res.append(st)
    ts = [threading.Thread(target=one) for i in range(int(n))]
    for t in ts: t.start()
    for t in ts: t.join()
    good = sum(1 for r in res if r == 200)
    print("%d of %d answered 200" % (good, len(res)))
    bad = [r for r in res if r != 200][:3]
    if bad: print("others: %r" % bad)
    return 0 if good == int(n) and alive(port) else 1

cmd, port = sys.argv[1], int(sys.argv[2])
args = sys.argv[3:]
sys.exit({"sse": lambda: sse(port, *args), "malformed": lambda: malformed(port),
          "slowloris": lambda: slowloris(port, *args),
          "concurrent": lambda: concurrent(port, *args),
          "head": lambda: head(port, *args)}[cmd]())
EOF
H() { python3 "$SCRATCH/h.py" "$@"; }

# ---- start the server ----
log=$SCRATCH/serve.log
CCHC_TIMES=1 $CCHC_WRAP "$CCHC" serve --source "$src" --port 0 --today "$TODAY" --jobs 2 >"$log" 2>&1 9>&- &
pid=$!
stop_server() {
	if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
		kill -INT "$pid" 2>/dev/null
		n=0
		while kill -0 "$pid" 2>/dev/null && [ $n -lt $((100 * SLOW)) ]; do
			sleep 0.1; n=$((n + 1))
		done
		kill -KILL "$pid" 2>/dev/null
	fi
}
trap 'stop_server; rm -rf "$SCRATCH"' EXIT INT TERM
# signal_wait PID SIGNAL: sends it and waits; rc is the exit status, 137
# when it had not stopped after 20 s (a watchdog kills it: a test that
# hangs is a failure, not a CI run that never ends).  The watchdog's
# output goes nowhere, so that its sleep holds no pipe open.
signal_wait() {
	kill -"$2" "$1" 2>/dev/null
	( sleep $((20 * SLOW)); kill -KILL "$1" 2>/dev/null ) >/dev/null 2>&1 9>&- &
	sw_dog=$!
	wait "$1"
	rc=$?
	kill "$sw_dog" 2>/dev/null
}
url=
n=0
while [ $n -lt $((300 * SLOW)) ]; do
	url=$(sed -n 's/^cchc: xem trước tại \(http[^ ]*\) .*/\1/p' "$log")
	[ -n "$url" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1; n=$((n + 1))
done
if [ -z "$url" ]; then
	fail "cchc serve did not say its URL"
	sed 's/^/    /' "$log" >&2
	finish serve
	exit 1
fi
ok
port=$(echo "$url" | sed 's|http://127.0.0.1:\([0-9]*\)/.*|\1|')
root=http://127.0.0.1:$port
check "the URL is under base_url's path: $url" test "$url" = "$root/cchc/"
out=$src/.cchc-cache/preview

# hdr URL [CURL-ARGS...]: the response headers in $SCRATCH/h, body in $SCRATCH/b.
hdr() {
	h_u=$1; shift
	rm -f "$SCRATCH/h" "$SCRATCH/b"
	curl -s --path-as-is -D "$SCRATCH/h" -o "$SCRATCH/b" "$@" "$h_u"
}
status() { sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$SCRATCH/h"; }
header() { sed -n "s/^$1: *//Ip" "$SCRATCH/h" | tr -d '\r' | head -n 1; }

# ---- 1. pages, types, ETag, HEAD ----
hdr "$url"
check "GET / of the site: 200" test "$(status)" = 200
check "HTML is text/html; charset=utf-8" test "$(header Content-Type)" = "text/html; charset=utf-8"
check "Cache-Control: no-cache" test "$(header Cache-Control)" = "no-cache"
check "X-Content-Type-Options: nosniff" test "$(header X-Content-Type-Options)" = "nosniff"
check "the HTML response carries the live-reload script before </body>" \
    grep -q '<script src="/__cchc/client.js"></script></body>' "$SCRATCH/b"
check "the file on disk does not" sh -c "! grep -q __cchc '$out/index.html'"
check "the site's own page is served (title)" grep -q 'Chuyên mục Cải cách hành chính' "$SCRATCH/b"
len=$(wc -c <"$SCRATCH/b")
etag=$(header ETag)
check "an ETag: $etag" test -n "$etag"
hdr "$url" -H "If-None-Match: $etag"
check "If-None-Match with that ETag: 304" test "$(status)" = 304
check "304 has no body" test ! -s "$SCRATCH/b"
hdr "$url" -H 'If-None-Match: "autre"'
check "If-None-Match with another ETag: 200" test "$(status)" = 200
hdr "$url" -I
check "HEAD: 200" test "$(status)" = 200
check "HEAD: the type" test "$(header Content-Type)" = "text/html; charset=utf-8"
check "HEAD: the Content-Length of GET ($len) and no body" test "$(H head "$port" /cchc/)" = "$len 0"
hdr "${url}style.css"
check "CSS: 200, text/css; charset=utf-8" test "$(status) $(header Content-Type)" = "200 text/css; charset=utf-8"
check "CSS is not touched" cmp -s "$SCRATCH/b" "$out/style.css"
hdr "${url}atom.xml"
check "atom.xml: 200, application/xml; charset=utf-8" test "$(status) $(header Content-Type)" = "200 application/xml; charset=utf-8"
hdr "$root/__cchc/client.js"
check "the client script: text/javascript; charset=utf-8" test "$(status) $(header Content-Type)" = "200 text/javascript; charset=utf-8"
hdr "${url}tin-tuc"
check "a folder without its slash: 301 to the slashed URL" test "$(status) $(header Location)" = "301 /cchc/tin-tuc/"
hdr "$root/"
check "/ leads to the site (302 $url)" test "$(status) $(header Location)" = "302 /cchc/"
hdr "$url" -X POST -d a=b
check "POST: 405" test "$(status)" = 405
check "405 says Allow: GET, HEAD" test "$(header Allow)" = "GET, HEAD"
hdr "$url" -X DELETE
check "DELETE: 405" test "$(status)" = 405

# ---- 2. paths outside the output ----
ln -s /etc "$out/etc-link"
ln -s /etc/passwd "$out/pw.html"
mkdir "$out/thu-muc"
ln -s /etc/hostname "$out/thu-muc/index.html"
deep=../../../../../../../../../../../../../../../../
for p in '../' '../../../../etc/passwd' "${deep}etc/passwd" \
    "$(echo "$deep" | sed 's|\.\./|%2e%2e%2f|g')etc%2fpasswd" \
    '%2e%2e/%2e%2e/etc/passwd' \
    '..%2f..%2f..%2fetc%2fpasswd' '%252e%252e/%252e%252e/etc/passwd' \
    '.%2e/.%2e/etc/passwd' 'tin-tuc/../../../etc/passwd' \
    'etc-link/passwd' 'etc-link/' 'pw.html' 'thu-muc/' \
    'index.html%00.css' '%2e%2e%5c%2e%2e%5cetc%5cpasswd' '.cchc-build' \
    'khong-co/'; do
	hdr "$url$p"
	if [ "$(status)" = 404 ] && grep -q 'Không tìm thấy trang' "$SCRATCH/b" &&
	    ! grep -q 'root:' "$SCRATCH/b"; then
		ok
	else
		fail "/cchc/$p: want 404 with the site's 404 page, got $(status)"
	fi
done
rm -rf "$out/etc-link" "$out/pw.html" "$out/thu-muc"
hdr "$root/etc/passwd"
check "outside base_url: 404" test "$(status)" = 404

# ---- 3. malformed requests, slow clients, 200 at once ----
check "malformed requests: no 200, server up after each" H malformed "$port"
check "30 slow clients: others still answered" H slowloris "$port" 30
check "200 connections at once, every one answered" H concurrent "$port" 200 /cchc/
check "200 connections at once to the event stream's neighbour" H concurrent "$port" 200 /cchc/style.css

# ---- 4. live reload ----
# expect EVENT WHAT: starts an SSE client, runs WHAT (a shell command),
# and waits for EVENT; its data in $SCRATCH/ev.
expect() {
	e_want=$1; shift
	rm -f "$SCRATCH/ready"
	H sse "$port" "$e_want" $((20 * SLOW)) "$SCRATCH/ready" >"$SCRATCH/ev" 2>&1 &
	e_pid=$!
	n=0
	while [ ! -e "$SCRATCH/ready" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	sh -c "$*"
	wait "$e_pid"
}
# expect_viewed PAGE EVENT WHAT: the same, from a page that shows PAGE.
expect_viewed() {
	e_page=$1 e_want=$2; shift 2
	rm -f "$SCRATCH/ready"
	H sse "$port" "$e_want" $((20 * SLOW)) "$SCRATCH/ready" "$e_page" >"$SCRATCH/ev" 2>&1 &
	e_pid=$!
	n=0
	while [ ! -e "$SCRATCH/ready" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	sh -c "$*"
	wait "$e_pid"
}
page=${url}tin-tuc/hop-bao/
check "an edit in place gives a reload event" \
    expect reload "sed -i 's/Nội dung ban đầu/Nội dung đã sửa/' '$news/hop-bao.md'"
check "the page then has the new text" sh -c "curl -s '$page' | grep -q 'Nội dung đã sửa'"
check "a vim-like save (new file renamed over) gives a reload" \
    expect reload "cp '$news/hop-bao.md' '$news/.hop-bao.md.swp'; sed 's/Nội dung đã sửa/Nội dung lưu kiểu vim/' '$news/hop-bao.md' >'$news/4913'; rm '$news/4913'; sed 's/Nội dung đã sửa/Nội dung lưu kiểu vim/' '$news/hop-bao.md' >'$news/.hop-bao.md.tmp'; mv '$news/.hop-bao.md.tmp' '$news/hop-bao.md'; rm '$news/.hop-bao.md.swp'"
check "the page then has it" sh -c "curl -s '$page' | grep -q 'Nội dung lưu kiểu vim'"
newdir=$src/content/tin-tuc/2026/11
check "a new folder gives a reload" expect reload "mkdir -p '$newdir'"
check "a post written into it gives a reload" \
    expect reload "printf -- '---\ntitle: Bài trong thư mục mới\ndate: 2026-11-03\n---\n\nMới.\n' >'$newdir/moi.md'"
hdr "${url}tin-tuc/moi/"
check "the new post is served" test "$(status)" = 200
mkdir -p "$SCRATCH/chuyen/sau"
printf -- '---\ntitle: Bài chuyển vào\ndate: 2026-11-04\n---\n\nChuyển.\n' >"$SCRATCH/chuyen/sau/chuyen-vao.md"
check "a folder moved in gives a reload" expect reload "mv '$SCRATCH/chuyen' '$newdir/'"
hdr "${url}tin-tuc/chuyen-vao/"
check "the post in the moved folder is served" test "$(status)" = 200
check "a post in a folder made inside the moved one gives a reload" \
    expect reload "printf -- '---\ntitle: Sâu hơn\ndate: 2026-11-05\n---\n\nSâu.\n' >'$newdir/chuyen/sau/sau-hon.md'"
hdr "${url}tin-tuc/sau-hon/"
check "that post is served" test "$(status)" = 200
check "a CSS edit gives a css event" \
    expect css "printf '\n.thu-nghiem { color: red; }\n' >>'$src/themes/default/static/style.css'"
check "the new CSS is served" sh -c "curl -s '${url}style.css' | grep -q thu-nghiem"
cp "$news/hop-bao.md" "$SCRATCH/hop-bao.md"
# Front matter never closed: the error is on a line of the file.
check "a broken front matter gives an errors event" \
    expect errors "printf -- '---\ntitle: \"Họp báo \"cải cách\"\"\ndate: 2026-12-01\n---\n\nHỏng.\n' >'$news/hop-bao.md'"
check "the errors name file:line:col" grep -q '"where":"content/tin-tuc/2026/12/hop-bao.md:2:[0-9]' "$SCRATCH/ev"
check "the errors carry the source line" grep -q '"src":"title: \\"Họp báo \\"cải cách\\"\\""' "$SCRATCH/ev"
check "the errors are in Vietnamese, with the cause" grep -qF 'bên trong giá trị của “title” làm giá trị kết thúc sớm; hãy sửa thành' "$SCRATCH/ev"
check "the terminal shows the same file:line:col" grep -q '^content/tin-tuc/2026/12/hop-bao.md:2:[0-9]*: lỗi: ' "$log"
check "the last good page is still served" sh -c "curl -s '$page' | grep -q 'Nội dung lưu kiểu vim'"
rm -f "$SCRATCH/ready"
H sse "$port" errors 5 "$SCRATCH/ready" >"$SCRATCH/ev2" 2>&1
check "a page that connects during the failure gets the errors at once" grep -q hop-bao.md "$SCRATCH/ev2"
check "the fix gives a reload" \
    expect reload "sed 's/Nội dung lưu kiểu vim/Nội dung đã sửa lỗi/' '$SCRATCH/hop-bao.md' >'$news/hop-bao.md'"
check "the page then has the fix" sh -c "curl -s '$page' | grep -q 'Nội dung đã sửa lỗi'"
rm -f "$SCRATCH/ready"
H sse "$port" errors 1 "$SCRATCH/ready" >"$SCRATCH/ev2" 2>&1
check "after the fix a new page gets no errors" grep -q '^timeout' "$SCRATCH/ev2"
# ---- 4b. an edit to a post's body is patched into the kept build ----
patches() { grep -c '^cchc: patch: [0-9]* files written' "$log"; }
n0=$(patches)
check "a body edit gives a reload" \
    expect reload "sed -i 's|Nội dung đã sửa lỗi|Nội dung vá nhanh, xem [trang giới thiệu](../../../gioi-thieu/index.md)|' '$news/hop-bao.md'"
check "it was patched, not built again" test "$(patches)" = $((n0 + 1))
check "the page then has it, with its new link" sh -c "curl -s '$page' | grep -q 'Nội dung vá nhanh, xem <a href=\"../../gioi-thieu/\">trang giới thiệu</a>'"
check "the news list's summary has it" sh -c "curl -s '${url}tin-tuc/' | grep -q 'Nội dung vá nhanh'"
# The patched folder is the one a whole preview build makes.
rm -rf "$SCRATCH/whole"
cp -R "$src" "$SCRATCH/whole"
rm -rf "$SCRATCH/whole/.cchc-cache"
cchc_serve_once() {
	# A new log: the last one says 'xem trước tại' already, and the
	# signal would come before cchc is ready for it.
	rm -f "$SCRATCH/whole.log"
	$CCHC_WRAP "$CCHC" serve --source "$SCRATCH/whole" --port 0 --today "$TODAY" >"$SCRATCH/whole.log" 2>&1 9>&- &
	w_pid=$!
	w_n=0
	while ! grep -q 'xem trước tại' "$SCRATCH/whole.log" && kill -0 "$w_pid" 2>/dev/null && [ $w_n -lt $((300 * SLOW)) ]; do
		sleep 0.1; w_n=$((w_n + 1))
	done
	signal_wait "$w_pid" INT
	[ "$rc" = 0 ] || fail "the whole preview build: exit $rc"
}
cchc_serve_once
check "the patched preview is byte for byte a whole build's" \
    diff -r -x .cchc-build "$out" "$SCRATCH/whole/.cchc-cache/preview"
n0=$(patches)
check "a front matter edit gives a reload" \
    expect reload "sed -i 's/^title: \"Họp báo cải cách\"/title: \"Họp báo về cải cách\"/' '$news/hop-bao.md'"
check "it was built again, not patched" test "$(patches)" = "$n0"
check "the new title is served" sh -c "curl -s '$page' | grep -q 'Họp báo về cải cách'"

# A template edit: the page the browser shows is made first, and is
# there when the reload comes; the rest of the site follows.
path=$(printf '%s' "$page" | sed 's|^http://[^/]*||')
check "a template edit gives a reload to the page that shows a post" \
    expect_viewed "$path" reload "sed -i 's|<article|<!-- mẫu đã sửa --><article|' '$src/themes/default/layouts/post.mustache'"
check "that page has the new template when the reload comes" grep -q 'mẫu đã sửa' "$SCRATCH/ev"
check "the pages shown were made first" grep -q 'đã dựng lại các trang đang xem' "$log"
n=0
while ! grep -q 'đã dựng lại các trang khác' "$log" && [ $n -lt $((100 * SLOW)) ]; do sleep 0.1; n=$((n + 1)); done
check "then the other pages" grep -q 'đã dựng lại các trang khác' "$log"
check "another post has the new template too" sh -c "curl -s '${url}tin-tuc/moi/' | grep -q 'mẫu đã sửa'"
rm -rf "$SCRATCH/whole"
cp -R "$src" "$SCRATCH/whole"
rm -rf "$SCRATCH/whole/.cchc-cache"
cchc_serve_once
check "after a template edit the preview is byte for byte a whole build's" \
    diff -r -x .cchc-build "$out" "$SCRATCH/whole/.cchc-cache/preview"


    sh -c "n=\$(grep -c 'dựng lại' '$log'); touch '$src/.cchc-cache/x' '$src/content/.an'; sleep 0.5; test \$(grep -c 'dựng lại' '$log') = \$n"
rm -f "$src/content/.an" "$src/.cchc-cache/x"

# ---- 5. drafts and scheduled posts ----
hdr "${url}tin-tuc/ban-nhap/"
check "preview: a draft is served" test "$(status)" = 200
check "preview: its banner says Bản nháp" grep -q 'class="xem-truoc__nhan">Bản nháp<' "$SCRATCH/b"
hdr "${url}tin-tuc/hen-gio/"
check "preview: a scheduled post is served" test "$(status)" = 200
check "preview: its banner says Hẹn giờ đăng 20/12/2026" grep -q 'Hẹn giờ đăng 20/12/2026' "$SCRATCH/b"
hdr "${url}tin-tuc/"
check "preview: lists show the banner too" grep -q 'Bản nháp' "$SCRATCH/b"
hdr "$page"
check "preview: a published post has no banner" sh -c "! grep -q xem-truoc '$SCRATCH/b'"
run_cchc 0 build --source "$src" --out "$SCRATCH/public" --today "$TODAY" --quiet
check "build: no draft" test ! -e "$SCRATCH/public/tin-tuc/ban-nhap"
check "build: no scheduled post" test ! -e "$SCRATCH/public/tin-tuc/hen-gio"
check "build: no banner anywhere" sh -c "! grep -rq --include=*.html 'xem-truoc\|Bản nháp\|Hẹn giờ đăng' '$SCRATCH/public'"
check "build: the published post is there" test -f "$SCRATCH/public/tin-tuc/hop-bao/index.html"
# The portal's data file: a build's, not a preview's (a body edit would
# make it again whole).
check "build: du-lieu.json written" test -f "$SCRATCH/public/du-lieu.json"
check "preview: no du-lieu.json" test ! -e "$out/du-lieu.json"

# ---- the browser (Chromium) ----
if sh "$TOP/tests/validate/preflight.sh" browser >"$SCRATCH/pre" 2>&1; then
	if node "$TOP/tests/validate/live.mjs" --url "$url" --source "$src" \
	    --post content/tin-tuc/2026/12/hop-bao.md --page tin-tuc/hop-bao/ \
	    --draft tin-tuc/ban-nhap/ --timeout $((60 * SLOW)) >"$SCRATCH/live" 2>&1; then
		ok
	else
		fail "live.mjs (Chromium):"
		sed 's/^/    /' "$SCRATCH/live" >&2
	fi
else
	skip "live.mjs: $(cat "$SCRATCH/pre")"
fi

# ---- usage and a port in use ----
run_cchc 2 serve --port abc
check "a bad --port is explained" grep -q -- '--port cần một số' "$SCRATCH/err"
run_cchc 2 serve --bind nowhere
run_cchc 1 serve --source "$src" --port "$port"
check "a port in use is explained" grep -q "không mở được cổng $port" "$SCRATCH/err"

# ---- 6. SIGINT ----
signal_wait "$pid" INT
pid=
if why=$(sanitizer_exit "$rc"); then
	fail "cchc serve: exit $rc: $why"
	# The report itself (valgrind's "==PID==" lines, a sanitizer's
	# summary) may be far above the end of the log: show it first.
	grep -E '^==[0-9]+==|^SUMMARY|runtime error' "$log" | head -n 80 | sed 's/^/    /' >&2
	sed 's/^/    /' "$log" | tail -n 40 >&2
else
	check "SIGINT: exit 0 (got $rc)" test "$rc" = 0
fi
check "SIGINT: it said so" grep -q 'đã dừng máy chủ xem trước' "$log"
check "no staging folder left" sh -c "! ls -a '$src/.cchc-cache' | grep -q 'tmp'"
check "no temp file left in the source" sh -c "test -z \"\$(find '$src' -name '*.tmp*' -o -name '.cchc-staging' | head -n 1)\""

# ---- a second start reuses the folder; SIGTERM in the middle of a build ----
log2=$SCRATCH/serve2.log
CCHC_TIMES=1 $CCHC_WRAP "$CCHC" serve --source "$src" --port 0 --today "$TODAY" >"$log2" 2>&1 9>&- &
pid=$!
n=0
while ! grep -q 'xem trước tại' "$log2" && kill -0 "$pid" 2>/dev/null && [ $n -lt $((300 * SLOW)) ]; do
	sleep 0.1; n=$((n + 1))
done
check "a second start serves again" grep -q 'xem trước tại' "$log2"
check "a second start reuses the preview folder (no full swap)" sh -c "! grep -q '^cchc: swap:' '$log2'"
# A front matter edit: a whole build, which SIGTERM interrupts.
sed -i 's/^title: "Họp báo về cải cách"/title: "Họp báo khi dừng"/' "$news/hop-bao.md"
n=0
while [ $n -lt 200 ]; do
	# the build has started once a second "scan" line is there
	[ "$(grep -c '^cchc: scan' "$log2")" -ge 2 ] && break
	sleep 0.01; n=$((n + 1))
done
signal_wait "$pid" TERM
pid=
check "SIGTERM during a rebuild: exit 0 (got $rc)" test "$rc" = 0
check "SIGTERM: no staging folder left" sh -c "! ls -a '$src/.cchc-cache' | grep -q 'tmp'"
check "SIGTERM: the preview folder is a whole site" test -f "$out/index.html" -a -f "$out/404.html" -a -f "$out/tin-tuc/hop-bao/index.html"
if [ $have_git = 1 ]; then
	check "git status of the source is clean but for the edits" \
	    sh -c "test \"\$(git -C '$src' status --porcelain | grep -v '^ M content/\|^ M themes/\|^?? content/tin-tuc/2026/11/' )\" = ''"
else
	skip "git status: no git"
fi
finish serve
