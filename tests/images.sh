#!/bin/sh
# tests/images.sh - photos as readers on phones get them (issue 13): a
# small site whose posts use phone photos made by tests/mkimg (4000x3000
# turned by EXIF orientation 6 with a GPS position, 1000x750, a PNG with
# transparency, a PNG chart, a cover with image_focus), built for real:
#
#   1. no output image carries metadata (bytes, and exiftool);
#   2. no original is published, keep_original publishes a clean one;
#   3. the variant widths, upright; <img> sizes and srcset match the files;
#   4. eager first image, lazy others, figure, gallery, missing-alt warning;
#   5. the cover: at the top of the post, 3:2 thumbnails in lists, og:image;
#   6. byte-identical output across --jobs and runs;
#   7. the cache: what each kind of rebuild decodes (CCHC_TIMES);
#   8. output names carry a 10-hex hash that follows images.quality;
#
# and a decompression bomb refused under a 500 MB address-space limit.
# The photos are made here, at test time: nothing big is committed.
. "$(dirname "$0")/lib.sh"
scratch
MKIMG=${MKIMG:-$TOP/$BUILD/tests/mkimg}
TODAY=2025-11-20
# Every build says what it decoded and took from the cache (emit.c).
CCHC_TIMES=1
export CCHC_TIMES
if [ ! -x "$MKIMG" ]; then
	fail "no $MKIMG: run make unit"
	finish images
	exit 1
fi
have_exiftool=0
command -v exiftool >/dev/null 2>&1 && have_exiftool=1

src=$SCRATCH/src
dir=$src/content/tin-tuc/2025
mkdir -p "$dir"
with_theme "$src"
site_yaml() { # site_yaml [IMAGES-LINE]
	{
		echo "title: Chuyên mục Cải cách hành chính"
		echo "department: Sở Thử nghiệm"
		echo "province: tỉnh Thử nghiệm"
		echo "base_url: https://vidu.gov.vn/cchc/"
		[ -n "${1:-}" ] && echo "$1"
	} >"$src/site.yaml"
}
site_yaml
# A phone's size; half of it under a sanitizer or valgrind (ten times
# slower), which keeps every width and crop below the same.
W=4000 H=3000
{ [ -z "${CCHC_WRAP:-}" ] && [ "$CCHC" = "$TOP/cchc" ]; } || { W=2000 H=1500; }
"$MKIMG" jpeg $W $H -o 6 -g -s 1 "$dir/dien-thoai.jpg" &&
"$MKIMG" jpeg 1000 750 -g -s 2 "$dir/nho.jpg" &&
"$MKIMG" png 600 400 -a "$dir/logo.png" &&
"$MKIMG" png 800 500 -p "$dir/bieu-do.png" &&
"$MKIMG" jpeg $W $H -o 3 -g -s 3 "$dir/bia.jpg" || {
	fail "mkimg could not make the photos"
	finish images
	exit 1
}
NIMAGES=5
# A post without a cover: the first image is the page's largest paint.
cat >"$dir/su-kien.md" <<'EOF'
---
title: Sự kiện nhiều ảnh
date: 2025-06-10
---
Đoạn mở đầu của sự kiện.

![Ảnh chụp từ điện thoại](dien-thoai.jpg)

Đoạn giữa bài.

![Ảnh nhỏ](nho.jpg "Chú thích ảnh nhỏ")

Biểu đồ và biểu trưng:

![Biểu đồ kết quả](bieu-do.png)

![Biểu trưng trong suốt](logo.png)

Kết thúc.

![](nho.jpg)
EOF
cat >"$dir/hoi-nghi.md" <<'EOF'
---
title: Hội nghị có ảnh bìa
date: 2025-06-12
image: bia.jpg
image_alt: Quang cảnh hội nghị
image_focus: trên
---
Đoạn mở đầu của bài có bìa.

![Ảnh trong bài có bìa](nho.jpg)
EOF

# build OUT [ARGS...]: one test, exit 0; messages in $SCRATCH/err.
build() {
	b_out=$1; shift
	run_cchc 0 build --source "$src" --out "$b_out" --today $TODAY "$@"
}
# stats: "DECODED CACHED" from the last build's messages.
stats() {
	sed -n 's/^cchc: images: \([0-9]*\) decoded, \([0-9]*\) variants from the cache$/\1 \2/p' "$SCRATCH/err"
}
# The JPEG/PNG files of an output tree, sorted.
images_of() { (cd "$1" && find . -type f \( -name '*.jpg' -o -name '*.png' \) | LC_ALL=C sort); }

out=$SCRATCH/out
rm -rf "$src/.cchc-cache"
build "$out" --jobs 2 || { finish images; exit 1; }
cp "$SCRATCH/err" "$SCRATCH/err.cold"
# Each image decoded once (its other variants may come back from the
# cache its first variant filled: outplan.c orders them so).
check "cold build: images: $(stats), want $NIMAGES decoded" [ "$(stats | cut -d' ' -f1)" = "$NIMAGES" ]
images_of "$out" >"$SCRATCH/imgs"
check "the output has image variants" [ "$(wc -l <"$SCRATCH/imgs")" -ge 10 ]

# --- 1. No metadata: bytes, then exiftool ---------------------------------
# meta_bytes FILE: what in FILE's bytes is metadata ("" when clean): an
# "Exif\0\0" anywhere; in a JPEG, any APP1..APP15 or COM segment before
# the scan (the JFIF APP0 is allowed); in a PNG, any chunk but the pixels'.
meta_bytes() {
	python3 - "$1" <<'EOF'
import sys
d = open(sys.argv[1], 'rb').read()
bad = []
if b'Exif\0\0' in d:
    bad.append('Exif\\0\\0 bytes')
if d[:2] == b'\xff\xd8':
    i = 2
    while i + 4 <= len(d):
        if d[i] != 0xff:
            bad.append('garbage at %d' % i); break
        m = d[i + 1]
        if m == 0xda or m == 0xd9:
            break
        n = d[i + 2] << 8 | d[i + 3]
        if 0xe1 <= m <= 0xef or m == 0xfe:
            bad.append('marker FF%02X' % m)
        i += 2 + n
elif d[:8] == b'\x89PNG\r\n\x1a\n':
    i = 8
    while i + 8 <= len(d):
        n = int.from_bytes(d[i:i + 4], 'big')
        t = d[i + 4:i + 8].decode('latin-1')
        if t not in ('IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'):
            bad.append('chunk ' + t)
        i += 12 + n
else:
    bad.append('not a JPEG or PNG')
print(', '.join(bad))
EOF
}
# The check must see what a phone writes.
check "meta_bytes does not see the source's Exif" [ -n "$(meta_bytes "$dir/dien-thoai.jpg")" ]
while read -r f; do
	m=$(meta_bytes "$out/$f")
	check "$f carries metadata: $m" [ -z "$m" ]
done <"$SCRATCH/imgs"
# exiftool_bad TREE: the EXIF or GPS tags exiftool finds under TREE.
exiftool_bad() {
	exiftool -r -a -G0:1 -s -ext jpg -ext png "$1" 2>&1 |
	    grep -E '^\[(EXIF|XMP|ICC_Profile|MakerNotes|IPTC|Photoshop)|GPS'
}
if [ "$have_exiftool" -eq 1 ]; then
	exiftool -a -G0:1 -s "$dir/dien-thoai.jpg" >"$SCRATCH/exif.src" 2>&1
	check "exiftool does not show the source's GPS position" grep -q '^\[EXIF:GPS\] *GPSLatitude *: 21 deg 1' "$SCRATCH/exif.src"
	check "exiftool does not show the source's orientation" grep -q '^\[EXIF:IFD0\] *Orientation *: Rotate 90 CW' "$SCRATCH/exif.src"
	exiftool_bad "$out" >"$SCRATCH/exif.out"
	check "exiftool finds metadata in the output: $(head -n 5 "$SCRATCH/exif.out")" [ ! -s "$SCRATCH/exif.out" ]
	n=$(exiftool -r -q -s3 -FileType -ext jpg -ext png "$out" 2>/dev/null | grep -c .)
	check "exiftool read $n of $(wc -l <"$SCRATCH/imgs") output images" [ "$n" -eq "$(wc -l <"$SCRATCH/imgs")" ]
else
	skip "exiftool (Debian libimage-exiftool-perl): metadata checks with a Debian tool"
fi

# --- 2. No original published ---------------------------------------------
# same_bytes TREE: output files with the bytes of a source image.
same_bytes() {
	(cd "$dir" && sha256sum *.jpg *.png | cut -d' ' -f1) >"$SCRATCH/src.sums"
	(cd "$1" && find . -type f -exec sha256sum {} +) | grep -F -f "$SCRATCH/src.sums"
}
check "an original is published as it is: $(same_bytes "$out")" [ -z "$(same_bytes "$out")" ]
check "a source file name is in the output" [ -z "$(cd "$out" && find . -name 'dien-thoai.jpg' -o -name 'nho.jpg' -o -name 'logo.png' -o -name 'bieu-do.png' -o -name 'bia.jpg')" ]

# size FILE: "W H" of a decoded image (tests/mkimg check).
size() { "$MKIMG" check "$1" | cut -d' ' -f1,2; }
# upright FILE: the top tenth is darker than the bottom tenth.
upright() {
	set -- $("$MKIMG" check "$1" | sed 's/top=//; s/bottom=//')
	[ $# -eq 4 ] && [ "$3" -lt "$4" ]
}

# --- 3. Widths --------------------------------------------------------------
# widths STEM: the widths of the anh/STEM-* files, sorted, one line.
widths() {
	for f in "$out"/anh/"$1"-*; do size "$f" | cut -d' ' -f1; done | sort -n | tr '\n' ' '
}
# A portrait photo: its long side stops at 1600 (1200x1600).
check "dien-thoai widths: $(widths dien-thoai)" [ "$(widths dien-thoai)" = "480 800 1200 " ]
for f in "$out"/anh/dien-thoai-*; do
	set -- $(size "$f")
	check "$(basename "$f") is not a portrait: $*" [ "$2" -gt "$1" ]
	check "$(basename "$f") is not upright: $("$MKIMG" check "$f")" upright "$f"
done
check "nho (1000 wide) widths: $(widths nho)" [ "$(widths nho)" = "480 800 1000 " ]
check "bieu-do (800 wide) is never enlarged: $(widths bieu-do)" [ "$(widths bieu-do)" = "480 800 " ]
check "bieu-do is published as PNG" [ -z "$(ls "$out"/anh/bieu-do-* | grep -v '\.png$')" ]
check "logo (transparent) is published as PNG" [ -z "$(ls "$out"/anh/logo-* | grep -v '\.png$')" ]
check "dien-thoai (a photo) is published as JPEG" [ -z "$(ls "$out"/anh/dien-thoai-* | grep -v '\.jpg$')" ]
check "logo-600 kept its transparency" python3 -c "
import sys, zlib
d = open(sys.argv[1], 'rb').read()
sys.exit(0 if d[25] in (4, 6) or b'tRNS' in d else 1)" $(ls "$out"/anh/logo-* | tail -n 1)
# Every <img> of every page: width/height are its file's, its srcset's
# files exist with their real widths.
python3 - "$out" "$MKIMG" >"$SCRATCH/imgcheck" 2>&1 <<'EOF'
import os, re, subprocess, sys
from html.parser import HTMLParser
root, mkimg = sys.argv[1], sys.argv[2]
sizes = {}
def size(p):
    if p not in sizes:
        r = subprocess.run([mkimg, 'check', p], capture_output=True, text=True)
        sizes[p] = tuple(map(int, r.stdout.split()[:2])) if r.returncode == 0 else None
    return sizes[p]
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.imgs = []
    def handle_starttag(s, t, a):
        if t == 'img': s.imgs.append(dict(a))
n = 0
for d, _, fs in os.walk(root):
    for f in fs:
        if not f.endswith('.html'): continue
        page = os.path.join(d, f); p = P()
        p.feed(open(page, encoding='utf-8').read())
        for a in p.imgs:
            s = a.get('src', '')
            if not re.search(r'\.(jpg|png)$', s): continue
            n += 1
            file = os.path.normpath(os.path.join(d, s))
            where = '%s: <img src="%s">' % (os.path.relpath(page, root), s)
            if size(file) is None:
                print(where, 'src is not a decodable file'); continue
            if (a.get('width'), a.get('height')) != tuple(map(str, size(file))):
                print(where, 'width/height %s/%s, the file is %dx%d' % (a.get('width'), a.get('height'), *size(file)))
            if 'srcset' not in a:
                print(where, 'no srcset'); continue
            for c in a['srcset'].split(','):
                u, w = c.split()
                fu = os.path.normpath(os.path.join(d, u))
                if size(fu) is None: print(where, 'srcset file missing:', u)
                elif w != '%dw' % size(fu)[0]: print(where, 'srcset', u, w, 'is', size(fu)[0], 'wide')
print('checked', n)
EOF
check "img sizes and srcset: $(grep -v '^checked' "$SCRATCH/imgcheck" | head -n 5)" [ "$(grep -vc '^checked' "$SCRATCH/imgcheck")" -eq 0 ]
nimg=$(sed -n 's/^checked //p' "$SCRATCH/imgcheck")
check "img checks saw $nimg images, want at least 10" [ "${nimg:-0}" -ge 10 ]

# --- 4. Loading, figure, gallery, missing alt -------------------------------
page=$out/tin-tuc/su-kien/index.html
grep -o '<img [^>]*src="[^"]*anh/[^>]*>' "$page" >"$SCRATCH/imgs.su-kien"
first=$(head -n 1 "$SCRATCH/imgs.su-kien")
case $first in *'alt="Ảnh chụp từ điện thoại"'*) ok ;; *) fail "first image is not the phone photo: $first" ;; esac
case $first in *'fetchpriority="high"'*) ok ;; *) fail "first image lacks fetchpriority=high: $first" ;; esac
case $first in *'loading="lazy"'*) fail "first image is lazy: $first" ;; *) ok ;; esac
n=$(tail -n +2 "$SCRATCH/imgs.su-kien" | grep -c .)
check "other images in su-kien: $n, want 4" [ "$n" -eq 4 ]
check "an image after the first is not lazy and async" [ "$(tail -n +2 "$SCRATCH/imgs.su-kien" | grep 'loading="lazy"' | grep -c 'decoding="async"')" -eq "$n" ]
check "an image after the first has a fetchpriority" [ "$(tail -n +2 "$SCRATCH/imgs.su-kien" | grep -c 'fetchpriority')" -eq 0 ]
check "titled image alone is not a figure with its caption" python3 -c "
import re, sys
h = open(sys.argv[1], encoding='utf-8').read()
sys.exit(0 if re.search(r'(?<!<li>)<figure[^>]*>\s*<img [^>]*alt=\"Ảnh nhỏ\"[^>]*>\s*<figcaption>Chú thích ảnh nhỏ</figcaption>\s*</figure>', h) else 1)" "$page"
python3 - "$page" >"$SCRATCH/gallery" 2>&1 <<'EOF'
# The gallery: one <ul class="thu-vien"> with the chart and the logo,
# each a link to its largest width (the largest in its img's srcset).
import os, re, sys
page = sys.argv[1]
h = open(page, encoding='utf-8').read()
uls = re.findall(r'<ul class="thu-vien">(.*?)</ul>', h, re.S)
if len(uls) != 1:
    print('%d galleries, want 1' % len(uls)); sys.exit()
items = re.findall(r'<li>.*?</li>', uls[0], re.S)
alts = [re.search(r'alt="([^"]*)"', i).group(1) for i in items]
if alts != ['Biểu đồ kết quả', 'Biểu trưng trong suốt']:
    print('gallery holds', alts)
for i in items:
    a = re.search(r'<a [^>]*href="([^"]*)"', i)
    ss = re.search(r'srcset="([^"]*)"', i)
    if not a or not ss:
        print('item without link or srcset:', i); continue
    big = max(ss.group(1).split(','), key=lambda c: int(c.split()[1][:-1])).split()[0]
    if a.group(1) != big:
        print('links to', a.group(1), 'not the largest', big)
    if not os.path.exists(os.path.join(os.path.dirname(page), a.group(1))):
        print('link target missing:', a.group(1))
EOF
check "gallery: $(cat "$SCRATCH/gallery")" [ ! -s "$SCRATCH/gallery" ]
line=$(grep -n '^!\[\](nho.jpg)$' "$dir/su-kien.md" | cut -d: -f1)
check "missing alt: no warning at content/tin-tuc/2025/su-kien.md:$line:1" grep -q "^content/tin-tuc/2025/su-kien.md:$line:1: cảnh báo: ảnh “nho.jpg” chưa có mô tả" "$SCRATCH/err.cold"
check "missing alt: a warning for an image that has one" [ "$(grep -c 'chưa có mô tả' "$SCRATCH/err.cold")" -eq 1 ]

# in_order FILE A B: A is found on an earlier line than B.
in_order() {
	o_a=$(grep -nF -- "$2" "$1" | head -n 1 | cut -d: -f1)
	o_b=$(grep -nF -- "$3" "$1" | head -n 1 | cut -d: -f1)
	[ -n "$o_a" ] && [ -n "$o_b" ] && [ "$o_a" -lt "$o_b" ]
}

# --- 5. The cover -----------------------------------------------------------
page=$out/tin-tuc/hoi-nghi/index.html
check "cover: no figure.bai__bia before the text" in_order "$page" '<figure class="bai__bia">' '<p>Đoạn mở đầu của bài có bìa.'
cover=$(grep -o '<figure class="bai__bia">.*' "$page" | grep -o '<img [^>]*>' | head -n 1)
case $cover in *'fetchpriority="high"'*) ok ;; *) fail "cover image is not eager: $cover" ;; esac
body=$(grep -o '<img [^>]*alt="Ảnh trong bài có bìa"[^>]*>' "$page")
case $body in *'loading="lazy"'*) ok ;; *) fail "with a cover, the body's first image is not lazy: $body" ;; esac
# thumb PAGE: each list thumbnail (img.muc__anh) of the cover exists, 3:2.
thumb() {
	t_src=$(grep -o '<img class="muc__anh" [^>]*>' "$out/$1" | grep -o 'src="[^"]*"' | head -n 1 | sed 's/^src="//; s/"$//')
	[ -n "$t_src" ] || { fail "$1: no thumbnail (img.muc__anh)"; return; }
	set -- $(size "$(dirname "$out/$1")/$t_src") "$1"
	check "$3: thumbnail $t_src is ${1}x$2, not 3:2" [ $(($1 * 2 - $2 * 3)) -le 3 -a $(($2 * 3 - $1 * 2)) -le 3 ]
}
thumb index.html
thumb tin-tuc/index.html
og=$(sed -n 's|.*<meta property="og:image" content="https://vidu.gov.vn/cchc/\([^"]*\)">.*|\1|p' "$page")
check "og:image is no file of the output: '$og'" [ -n "$og" -a -f "$out/$og" ]
check "og:image is $(size "$out/$og"), want 1200 630" [ "$(size "$out/$og")" = "1200 630" ]
check "og:image is not upright" upright "$out/$og"
check "og:image:width" grep -q '<meta property="og:image:width" content="1200">' "$page"
check "og:image:height" grep -q '<meta property="og:image:height" content="630">' "$page"
check "og:image:alt" grep -q '<meta property="og:image:alt" content="Quang cảnh hội nghị">' "$page"

# --- 6. Determinism ---------------------------------------------------------
rm -rf "$src/.cchc-cache"
build "$SCRATCH/j1" --jobs 1
rm -rf "$src/.cchc-cache"
build "$SCRATCH/j4" --jobs 4
check "--jobs 1 and --jobs 4 differ: $(diff -rq "$SCRATCH/j1" "$SCRATCH/j4" | head -n 3)" diff -rq "$SCRATCH/j1" "$SCRATCH/j4"
check "--jobs 4 differs from the first build" diff -rq "$out" "$SCRATCH/j4"
cp -R "$SCRATCH/j4" "$SCRATCH/j4.before"
build "$SCRATCH/j4" --jobs 4
check "a second build changed the output: $(diff -rq "$SCRATCH/j4.before" "$SCRATCH/j4" | head -n 3)" diff -rq "$SCRATCH/j4.before" "$SCRATCH/j4"

# --- 7. The cache -----------------------------------------------------------
nvars=$(wc -l <"$SCRATCH/imgs")
build "$SCRATCH/new"
check "new output folder, cache present: $(stats), want 0 decoded, $nvars from the cache" [ "$(stats)" = "0 $nvars" ]
check "new output folder: differs from a cold build" diff -rq "$out" "$SCRATCH/new"
build "$SCRATCH/new"
# Nothing to emit: the stage may not even run (no "images:" line).
check "rebuild in place: $(stats), want nothing made" [ "$(stats)" = "0 0" -o -z "$(stats)" ]
echo "Một đoạn thêm vào cuối bài." >>"$dir/hoi-nghi.md"
build "$SCRATCH/new"
check "one post's text edited: $(stats), want 0 decoded" [ "$(stats | cut -d' ' -f1)" = 0 ]
check "the edit is published" grep -q 'Một đoạn thêm vào cuối bài.' "$SCRATCH/new/tin-tuc/hoi-nghi/index.html"
"$MKIMG" jpeg 1000 750 -g -s 9 "$dir/nho.jpg"
build "$SCRATCH/new"
check "one photo replaced: $(stats), want 1 decoded" [ "$(stats | cut -d' ' -f1)" = 1 ]
images_of "$SCRATCH/new" >"$SCRATCH/imgs.new"
check "replaced photo: a variant kept its name: $(grep nho- "$SCRATCH/imgs.new" | grep -Fx -f "$SCRATCH/imgs")" \
    [ -z "$(grep nho- "$SCRATCH/imgs.new" | grep -Fx -f "$SCRATCH/imgs")" ]
check "replaced photo: another image's names changed" [ "$(grep -v nho- "$SCRATCH/imgs.new")" = "$(grep -v nho- "$SCRATCH/imgs")" ]
check "replaced photo: a page links a variant that is not there: $(grep -ho 'anh/nho-[^" ]*' "$SCRATCH/new/tin-tuc"/*/index.html | sort -u | while read -r u; do [ -f "$SCRATCH/new/$u" ] || echo "$u"; done)" \
    [ -z "$(grep -ho 'anh/nho-[^" ]*' "$SCRATCH/new/tin-tuc"/*/index.html | sort -u | while read -r u; do [ -f "$SCRATCH/new/$u" ] || echo "$u"; done)" ]
# A damaged cache file is made again, not published.
cached=$(find "$src/.cchc-cache/images" -type f -name '*.jpg' | LC_ALL=C sort | head -n 1)
sum=$(cksum <"$cached")
head -c $(($(wc -c <"$cached") / 2)) "$cached" >"$cached.tmp" && mv "$cached.tmp" "$cached"
build "$SCRATCH/damaged"
check "damaged cache file: $(stats), want 1 decoded" [ "$(stats | cut -d' ' -f1)" = 1 ]
check "damaged cache file: output differs from the one before" diff -rq "$SCRATCH/new" "$SCRATCH/damaged"
check "damaged cache file: not made again" [ "$(cksum <"$cached")" = "$sum" ]
while read -r f; do
	"$MKIMG" check "$SCRATCH/damaged/$f" >/dev/null 2>&1 || fail "damaged cache: $f is not decodable"
done <"$SCRATCH/imgs.new"

# --- 8. Names ---------------------------------------------------------------
check "names without a 10-hex hash: $(grep -Ev '^\./anh/[a-z0-9-]+\.[0-9a-f]{10}\.(jpg|png)$' "$SCRATCH/imgs.new" | head -n 3)" \
    [ -z "$(grep -Ev '^\./anh/[a-z0-9-]+\.[0-9a-f]{10}\.(jpg|png)$' "$SCRATCH/imgs.new")" ]
site_yaml "images: {quality: 60}"
build "$SCRATCH/q60"
images_of "$SCRATCH/q60" >"$SCRATCH/imgs.q60"
check "quality 60: not as many files" [ "$(wc -l <"$SCRATCH/imgs.q60")" -eq "$(wc -l <"$SCRATCH/imgs.new")" ]
check "quality 60: a JPEG kept its name: $(grep '\.jpg$' "$SCRATCH/imgs.q60" | grep -Fx -f "$SCRATCH/imgs.new" | head -n 3)" \
    [ -z "$(grep '\.jpg$' "$SCRATCH/imgs.q60" | grep -Fx -f "$SCRATCH/imgs.new")" ]

# --- 2 (cont.). keep_original -----------------------------------------------
site_yaml "images: {keep_original: true}"
build "$SCRATCH/orig"
orig=
for f in "$SCRATCH"/orig/anh/dien-thoai[.-]*; do
	[ "$(size "$f")" = "$H $W" ] && orig=$f
done
check "keep_original: no ${H}x$W upright dien-thoai" [ -n "$orig" ]
if [ -n "$orig" ]; then
	check "keep_original: the original is not upright" upright "$orig"
	check "keep_original: the original carries metadata: $(meta_bytes "$orig")" [ -z "$(meta_bytes "$orig")" ]
fi
check "keep_original: an original is published as it is: $(same_bytes "$SCRATCH/orig")" [ -z "$(same_bytes "$SCRATCH/orig")" ]
if [ "$have_exiftool" -eq 1 ]; then
	exiftool_bad "$SCRATCH/orig" >"$SCRATCH/exif.orig"
	check "keep_original: exiftool finds metadata: $(head -n 5 "$SCRATCH/exif.orig")" [ ! -s "$SCRATCH/exif.orig" ]
fi
site_yaml

# --- A decompression bomb, refused from its header --------------------------
bomb=$SCRATCH/bomb
mkdir -p "$bomb/content/tin-tuc"
cp "$src/site.yaml" "$bomb/"
with_theme "$bomb"
cp "$TOP/tests/bad/image-bomb/content/tin-tuc/bieu-do.png" "$bomb/content/tin-tuc/"
printf -- '---\ntitle: Biểu đồ\ndate: 2025-06-02\n---\n![Biểu đồ](bieu-do.png)\n' >"$bomb/content/tin-tuc/bieu-do.md"
# Not under a sanitizer or valgrind: they need the address space.
if [ -z "$CCHC_WRAP" ] && [ "$CCHC" = "$TOP/cchc" ]; then
	(ulimit -v 500000 && "$CCHC" build --source "$bomb" --out "$SCRATCH/bomb.out" --today $TODAY) >/dev/null 2>"$SCRATCH/err"
else
	cchc build --source "$bomb" --out "$SCRATCH/bomb.out" --today $TODAY >/dev/null 2>"$SCRATCH/err"
fi
rc=$?
check "bomb under ulimit -v 500000: exit $rc, want 1: $(tail -n 2 "$SCRATCH/err")" [ "$rc" -eq 1 ]
check "bomb: the message says quá lớn at its line" grep -q '^content/tin-tuc/bieu-do.md:5:1: lỗi: .*quá lớn' "$SCRATCH/err"

finish images
