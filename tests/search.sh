#!/bin/sh
# tests/search.sh - the search index cchc writes (docs/search.md): the
# sample site with a post that says "được", a plan that cites
# 19/KH-UBND, a procedure 1.004698 done online "toàn trình" with its fees,
# and a draft (not indexed).  The files are read back as the page would
# (python3: the cchcSearch.<call>( ) wrapper dropped, the rest JSON), the
# postings decoded: the root's n, the documents of a term, its exact
# forms and title postings, bigrams, the dictionary, the draft left
# out; two builds byte for byte; and a rebuild after one post's edit
# rewrites only the files whose bytes changed (the others keep their
# inode and mtime); that rebuild reads the index kept in .cchc-cache/search
# and makes the same bytes as a build without it, and a damaged, cut or
# older-version file is ignored.
. "$(dirname "$0")/lib.sh"
scratch
TODAY=2026-01-01

if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 is missing: the index cannot be read back"
	finish search
	exit 0
fi

src=$SCRATCH/src
mkdir -p "$src"
cp -R "$TOP/content" "$TOP/plans" "$TOP/site.yaml" "$src/"
with_theme "$src"
post=$src/content/tin-tuc/2025/10/tra-cuu-ho-so.md
mkdir -p "$(dirname "$post")"
cat >"$post" <<'EOF'
---
title: "Người dân tra cứu hồ sơ quanh năm"
date: 2025-10-02T08:00:00
tags: ["Cải cách hành chính"]
---

Hồ sơ được tiếp nhận đúng hẹn; người dân đã được hướng dẫn thủ tục hành chính tại quầy.
EOF
# Words of its own, so that the index's bytes sit between two bucket
# counts (nb): the edit below must not change nb, which would rewrite
# every bucket.  The check after the edit says so if it does.
python3 -c 'print(" ".join("w%04d" % i for i in range(2000)))' >>"$post"
cat >"$src/content/tin-tuc/2025/10/ban-nhap.md" <<'EOF'
---
title: "Bản nháp chưa đăng"
date: 2025-10-03
draft: true
---

Từ riêng của bản nháp: zzbannhapxyz.
EOF
# The sample's procedure 1.004698 is online "toan-trinh", with a fee.
proc=$src/content/thu-tuc/cap-chung-chi-nhan-vien-buc-xa.md
grep -q '^code: "1.004698"' "$proc" && grep -q '^online: toan-trinh' "$proc" &&
    grep -q '^fee: "Phí thẩm định' "$proc" || fail "$proc is not as this test expects"
# A plan whose text cites 19/KH-UBND.
plan=$(ls "$src"/plans/*.md | head -n 1)
printf '\nThực hiện theo Kế hoạch số 19/KH-UBND của tỉnh.\n' >>"$plan"
planurl="ke-hoach/$(basename "$plan" .md)/"

out=$SCRATCH/out
run_cchc 0 build --quiet --source "$src" --out "$out" --today "$TODAY" || {
	finish search
	exit 1
}
ix=$out/tim-kiem/chi-muc
for f in "$out/tim-kiem/index.html" "$ix/goc.js"; do
	check "missing $f" [ -f "$f" ]
done
for d in tu ds d; do
	check "no files in $ix/$d" [ -n "$(ls "$ix/$d" 2>/dev/null)" ]
done
check "the search page is in the sitemap" sh -c "! grep -q 'tim-kiem' '$out/sitemap.xml'"

# The documents a build must index: every page but drafts (none is
# scheduled on $TODAY).
ndocs=$(( $(find "$src/content" "$src/plans" -name '*.md' | wc -l) -
    $(grep -rl '^draft: true' "$src/content" "$src/plans" | wc -l) ))

# q.py DIR: the checks below, one line each "ok" or "FAIL: why".
cat >"$SCRATCH/q.py" <<'EOF'
import base64, json, os, re, sys
ix, ndocs, planurl = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def load(path):
    with open(path, encoding="utf-8") as f:
        t = f.read()
    m = re.match(r'^cchcSearch\.(\w+)\((.*)\)\n$', t, re.S)
    if not m:
        raise SystemExit("FAIL: %s: not a cchcSearch call" % path)
    return m.group(1), json.loads("[" + m.group(2) + "]")

def b64(s):
    return base64.b64decode(s + "=" * (-len(s) % 4))

def ids(p):
    if p == "":
        return []
    raw = b64(p[1:])
    if p[0] == "b":
        return [i for i in range(len(raw) * 8) if raw[i >> 3] >> (i & 7) & 1]
    out, prev, g, shift = [], -1, 0, 0
    for c in raw:
        g |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            prev = prev + g if out else g - 1
            out.append(prev)
            g, shift = 0, 0
    return out

def fnv(s):
    h = 2166136261
    for c in (s if isinstance(s, bytes) else s.encode()):
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return h

kind, (root,) = load(os.path.join(ix, "goc.js"))
nb = root["nb"]
width = len("%x" % (nb - 1))
docs = {}
for i in range(root["n"]):
    _, (did, d) = load(os.path.join(ix, "d", "%d.js" % i))
    docs[d["u"]] = (i, d)

def entry(term):
    name = "%0*x" % (width, fnv(term) & (nb - 1))
    k, (bname, b) = load(os.path.join(ix, "ds", name + ".js"))
    assert k == "bucket" and bname == name, (k, bname, name)
    return b.get(term)

def say(ok, why):
    print("ok" if ok else "FAIL: " + why)

say(kind == "root" and root["v"] == 1, "root: %r" % root)
say(root["n"] == ndocs, "root n %d, want %d" % (root["n"], ndocs))
say(len(b64(root["meta"])) == root["n"], "meta: not one byte a document")
say(nb >= 8 and nb & (nb - 1) == 0, "nb %d not a power of two" % nb)
say(sorted(v[0] for v in docs.values()) == list(range(root["n"])),
    "document files are not 0 .. n-1")
dates = [docs[u][1]["d"] for u in sorted(docs, key=lambda u: docs[u][0])]
say(dates == sorted(dates), "ids not in date order")
post = "tin-tuc/tra-cuu-ho-so/"
say(post in docs, "the new post is no document")
say(not any("ban-nhap" in u for u in docs), "the draft is a document")
pid = docs.get(post, (-1,))[0]
meta = b64(root["meta"])
say(pid >= 0 and meta[pid] & 3 == 0 and (meta[pid] >> 2) + root["y0"] == 2025,
    "the post's meta byte")
say(docs.get(post, (0, {}))[1].get("t") == "Người dân tra cứu hồ sơ quanh năm",
    "the post's title in d/")
say("được tiếp nhận" in docs.get(post, (0, {"s": ""}))[1]["s"],
    "the post's text in d/")

e = entry("duoc")
say(e is not None and pid in ids(e[0]), "duoc: not in the post")
say(e is not None and len(e) == 3 and "được" in e[2], "duoc: no exact form được")
if e is not None and len(e) == 3 and "được" in e[2]:
    x = e[2]["được"]
    got = ids(e[0]) if x == "=" else ids(x)
    say(pid in got, "được's postings lack the post")
# In the title only: title postings.
e = entry("quanh")
say(e is not None and pid in ids(e[1]), "quanh: not in the post's title postings")
e = entry("tiep")
say(e is not None and pid in ids(e[0]) and pid not in ids(e[1]),
    "tiep: in the body, not in the title")
# Bigrams: the phrase.
for bg in ("thu tuc", "tuc hanh", "hanh chinh", "duoc tiep"):
    e = entry(bg)
    say(e is not None and len(e) == 1 and pid in ids(e[0]), "bigram %r" % bg)
say(entry("tiep duoc") is None, "a bigram the wrong way round")
# The plan citing 19/KH-UBND: the joined form and its atoms.
plid = docs.get(planurl, (-1,))[0]
for t in ("19khubnd", "ubnd", "19"):
    e = entry(t)
    say(e is not None and plid in ids(e[0]), "%s: not in the plan %s" % (t, planurl))
# The procedure: its code with and without dots, level, fees.
prid = docs.get("thu-tuc/cap-chung-chi-nhan-vien-buc-xa/", (-1,))[0]
say(prid >= 0 and meta[prid] & 3 == 2, "the procedure's type")
for t in ("1004698", "004698", "toan trinh", "phi tham", "tham dinh"):
    e = entry(t)
    say(e is not None and prid in ids(e[0]), "%s: not in the procedure" % t)
e = entry("trinh")
say(e is not None and "trình" in e[2], "trinh: no exact form trình")
# The draft's own word is nowhere.
say(entry("zzbannhapxyz") is None, "the draft's word is indexed")
# The dictionary: "duoc" with its document frequency, in the shard of
# its first two bytes; every shard there, each term in its own.
ns = root["ns"]
sw = len("%x" % (ns - 1))
say(ns >= 1 and ns & (ns - 1) == 0, "ns %d not a power of two" % ns)
say(sorted(os.listdir(os.path.join(ix, "tu"))) ==
    sorted("%0*x.js" % (sw, k) for k in range(ns)), "tu/: not one file a shard")
name = "%0*x" % (sw, fnv("du") & (ns - 1))
k, (p, d) = load(os.path.join(ix, "tu", name + ".js"))
terms = dict(zip(d[0::2], d[1::2]))
say(k == "dict" and p == name, "tu/%s.js: %s %s" % (name, k, p))
say(terms.get("duoc") == len(ids(entry("duoc")[0])), "tu/%s.js: duoc's df" % name)
say(list(terms) == sorted(terms, key=lambda t: t.encode()), "tu/%s.js: not sorted" % name)
say(all(not " " in t and "%0*x" % (sw, fnv(t.encode()[:2]) & (ns - 1)) == name
    for t in terms), "tu/%s.js: a bigram, or a term of another shard" % name)
EOF
python3 "$SCRATCH/q.py" "$ix" "$ndocs" "$planurl" >"$SCRATCH/q.out" 2>&1
while read -r line; do
	case $line in
	ok) ok ;;
	*) fail "$line" ;;
	esac
done <"$SCRATCH/q.out"
check "q.py said nothing" [ -s "$SCRATCH/q.out" ]

# Deterministic: a second build, elsewhere, byte for byte; --jobs 1.
run_cchc 0 build --quiet --source "$src" --out "$SCRATCH/out2" --today "$TODAY" --jobs 1
check "two builds differ in tim-kiem/" diff -r "$out/tim-kiem" "$SCRATCH/out2/tim-kiem"

# One post edited: only files whose bytes change are rewritten.
snap() { (cd "$1" && find tim-kiem -type f | LC_ALL=C sort | while read -r f; do
	echo "$f $(stat -c '%i %.9Y' "$f") $(cksum <"$f" | cut -d' ' -f1)"; done); }
snap "$out" >"$SCRATCH/before"
nb_before=$(grep -o '"nb":[0-9]*' "$ix/goc.js")
kept_before=$(stat -c '%i %.9Y' "$src/.cchc-cache/search" 2>/dev/null)
printf '\nMột từ mới: zzmoixyz.\n' >>"$post"
run_cchc 0 build --quiet --source "$src" --out "$out" --today "$TODAY"
snap "$out" >"$SCRATCH/after"
nb_after=$(grep -o '"nb":[0-9]*' "$ix/goc.js")
check "the edit changed the bucket count ($nb_before, $nb_after): make the test post's word list longer or shorter" \
    [ "$nb_before" = "$nb_after" ]
python3 - "$SCRATCH/before" "$SCRATCH/after" >"$SCRATCH/edit.out" <<'EOF'
import sys
def rd(p):
    return {l.split()[0]: l.split()[1:] for l in open(p)}
b, a = rd(sys.argv[1]), rd(sys.argv[2])
same = changed = 0
for f in sorted(set(a) | set(b)):
    if f not in a or f not in b:
        changed += 1	# a new word's dictionary shard, say
        continue
    if a[f][2] == b[f][2]:
        same += 1
        if a[f][:2] != b[f][:2]:
            print("FAIL: %s rewritten with the same bytes" % f)
    else:
        changed += 1
        if a[f][:2] == b[f][:2]:
            print("FAIL: %s changed in place" % f)
print("ok" if changed >= 2 else "FAIL: only %d files changed" % changed)
print("ok" if same > changed else "FAIL: %d kept, %d changed" % (same, changed))
EOF
while read -r line; do
	case $line in
	ok) ok ;;
	*) fail "$line" ;;
	esac
done <"$SCRATCH/edit.out"

# The build after the edit read the kept index and left its file as it
# was (a whole build writes it): the same bytes as a build without it.
kept=$src/.cchc-cache/search
check "no kept index in $kept" [ -s "$kept" ]
check "the kept index was written again for one edit" \
    [ "$(stat -c '%i %.9Y' "$kept")" = "$kept_before" ]
cp "$kept" "$SCRATCH/kept"
rm -f "$kept"
run_cchc 0 build --quiet --source "$src" --out "$SCRATCH/cold" --today "$TODAY"
check "a build after an edit, with the kept index, differs from a cold build" \
    diff -r "$out/tim-kiem" "$SCRATCH/cold/tim-kiem"
check "a cold build wrote no kept index" [ -s "$kept" ]
# The kept file damaged (a byte of its postings), cut short, or of another
# version: ignored, the same bytes, nothing said.
for how in flip cut version; do
	python3 - "$SCRATCH/kept" "$kept" "$how" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
how = sys.argv[3]
if how == "flip":
    d[len(d) * 2 // 3] ^= 0x41
elif how == "cut":
    d = d[:len(d) // 2]
else:
    d[8] += 1		# cachefile.h: the u32 version after the magic
open(sys.argv[2], "wb").write(d)
EOF
	printf '\nMột từ nữa: zz%sxyz.\n' "$how" >>"$post"
	run_cchc -e "$SCRATCH/err.kept" 0 build --quiet --source "$src" \
	    --out "$out" --today "$TODAY"
	rm -rf "$SCRATCH/cold"
	cp "$kept" "$SCRATCH/kept.$how"
	rm -f "$kept"
	run_cchc 0 build --quiet --source "$src" --out "$SCRATCH/cold" --today "$TODAY"
	check "$how: the build over a bad kept index differs from a cold build" \
	    diff -r "$out/tim-kiem" "$SCRATCH/cold/tim-kiem"
	check "$how: the bad kept index made a message" \
	    cmp -s "$SCRATCH/err.kept" "$SCRATCH/err"
	cp "$SCRATCH/kept.$how" "$kept"
done
# The typed search in Chromium, on a site of its own: the last word's
# completions, documents loaded late (tests/validate/search-typing.mjs).
if sh "$TOP/tests/validate/preflight.sh" browser >"$SCRATCH/pre" 2>&1; then
	node "$TOP/tests/validate/search-typing.mjs" --cchc "$CCHC" --scratch "$SCRATCH"
	check "search-typing.mjs (Chromium) failed" [ $? -eq 0 ]
else
	skip "Chromium tests of the typed search: $(head -n 2 "$SCRATCH/pre" | tr '\n' ' ')"
fi
finish search
