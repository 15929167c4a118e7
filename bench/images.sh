#!/bin/bash
# bench/images.sh - phone photos: cchc against Hugo's image processing.
#
#   make bench-images               (or: bash bench/images.sh)
#   make bench                      runs it after bench/run.sh
#                                   (BENCH_IMAGES=0 leaves it out)
#
# The corpus: 200 phone-like JPEGs (bench/mkphotos: 4000x3000, 2.8-3.5 MB,
# some turned by an EXIF orientation tag, all with a GPS position), four
# to a post in 50 news posts (bench/corpus.py's text), each post a folder
# content/tin-tuc/yyyy/mm/<slug>/index.md with its photos beside it (a
# Hugo page bundle), a front-matter `image` cover, some captions, and
# every fifth post a gallery (three image paragraphs in a row).  Two
# companions: the same 50 posts without any image (line, cover or file),
# and the same posts with two photos each (100 photos).  Each is a git
# repository of one commit.
#
# Per round (3 by default), the median wall time and peak RSS of:
#
#   cchc cold            200 photos, no .cchc-cache, new output folder
#   cchc no change       again into the same output folder
#   cchc one edit        a sentence appended to one post, then again
#   the same three       on the corpus without images (same post edited)
#   cchc cold, 100       the corpus with 100 photos: peak memory must not
#                        grow with the number of photos
#   Hugo cold            bench/hugo-images (.Resize "1600x q80" etc. per
#                        photo), empty cache and resources (first round only,
#                        BENCH_HUGO_ROUNDS; it takes minutes)
#
# then Hugo once more with its cache warm, and a cold cchc build of the
# edited tree, which must equal the last one-edit output (diff -r).
# Details, targets and figures: bench/README.md, "Images: phone photos".
#
# Environment: BENCH_PHOTOS (200; a multiple of 4: four a post),
# BENCH_ROUNDS (3), BENCH_HUGO_ROUNDS (1), BENCH_HUGO=0 (no Hugo),
# BENCH_KEEP=1 (keep the work folder), CCHC (default ./cchc), MKPHOTOS
# (default build/bench/mkphotos, made with `make mkphotos` if missing),
# TMPDIR (the work folder, and the photos, kept between runs in
# $TMPDIR/cchc-bench-photos.N.HASH: delete it to make them again).
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -eu
cd "$(dirname "$0")/.."
REPO=$(pwd)
TODAY=2026-01-01
CCHC=${CCHC:-$REPO/cchc}
MKPHOTOS=${MKPHOTOS:-$REPO/build/bench/mkphotos}
NPHOTOS=${BENCH_PHOTOS:-200}
ROUNDS=${BENCH_ROUNDS:-3}
HUGO_ROUNDS=${BENCH_HUGO_ROUNDS:-1}
SEED=20250615

say() { printf 'bench-images: %s\n' "$*" >&2; }
die() { printf 'bench-images: error: %s\n' "$*" >&2; exit 1; }

case $NPHOTOS in *[!0-9]*|'') die "BENCH_PHOTOS must be a number" ;; esac
[ $((NPHOTOS % 4)) = 0 ] && [ "$NPHOTOS" -ge 8 ] ||
    die "BENCH_PHOTOS must be a multiple of 4, at least 8 (four a post)"
NPOSTS=$((NPHOTOS / 4))
HALF=$((NPHOTOS / 2))

# ------------------------------------------------------------- tools

case "$CCHC" in /*) ;; *) CCHC=$REPO/$CCHC ;; esac
[ -x "$CCHC" ] || die "$CCHC not found; run \`make cchc\` first"
if [ ! -x "$MKPHOTOS" ]; then
	say "building $MKPHOTOS (make mkphotos)"
	make -s -C "$REPO" mkphotos >&2 || die "make mkphotos failed"
fi
[ -x "$MKPHOTOS" ] || die "$MKPHOTOS not found; run \`make mkphotos\`"
command -v python3 >/dev/null || die "python3 is missing (apt-get install python3)"
command -v git >/dev/null || die "git is missing (apt-get install git)"

# need CMD PACKAGE: as in run.sh.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" != 0 ]; then
		say "$1 is missing; as root: apt-get install -y $2"
		return 1
	fi
	if ! apt-cache policy "$2" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		say "$1 is missing and Debian offers no package $2 here"
		return 1
	fi
	say "installing $2 (apt-get install -y $2) ..."
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null ||
	    { say "apt-get install $2 failed"; return 1; }
	command -v "$1" >/dev/null 2>&1
}
[ -x /usr/bin/time ] || need /usr/bin/time time ||
    die "/usr/bin/time is needed for wall time and peak memory"
HUGO=1
if [ "${BENCH_HUGO:-1}" = 0 ]; then
	say "BENCH_HUGO=0: no Hugo runs"
	HUGO=0
elif ! need hugo hugo; then
	say "Hugo is not available: measuring cchc alone (no Hugo row, no ratios to Hugo)"
	HUGO=0
fi

# ------------------------------------------------- photos, work folder

TMP=${TMPDIR:-/tmp}
# The photos are kept between runs (30 s to make, 600 MB): their folder
# is named after the generator's source, so a change makes new ones.
PHASH=$(cat bench/mkphotos.c | sha256sum | cut -c1-12)
PHOTOS=$TMP/cchc-bench-photos.$NPHOTOS.$SEED.$PHASH
if [ -f "$PHOTOS/.complete" ]; then
	say "photos: reusing $PHOTOS"
else
	rm -rf "$PHOTOS"
	say "photos: $NPHOTOS phone-size JPEGs -> $PHOTOS"
	"$MKPHOTOS" -n "$NPHOTOS" -s "$SEED" "$PHOTOS" 2>"$TMP/mkphotos.$$" ||
	    { cat "$TMP/mkphotos.$$" >&2; rm -f "$TMP/mkphotos.$$"; die "mkphotos failed"; }
	rm -f "$TMP/mkphotos.$$"
	touch "$PHOTOS/.complete"
fi

WORK=$(mktemp -d "$TMP/cchc-bench-images.XXXXXX")
cleanup() {
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		say "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'say interrupted; exit 130' INT TERM
mkdir "$WORK/res"
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8

# ------------------------------------------------------------ corpora

# One text corpus (bench/corpus.py, no procedures), made three ways by
# mkbundles below: with 4 photos a post, with 2, and with none.
say "corpus: $NPOSTS posts (bench/corpus.py)"
python3 bench/corpus.py "$WORK/text" --posts "$NPOSTS" --procedures 0 \
    2>"$WORK/corpus.txt" || { cat "$WORK/corpus.txt" >&2; die "corpus.py failed"; }

# mkbundles TEXT OUT PHOTOS PER_POST: OUT = TEXT with each post moved to
# <slug>/index.md (slug kept in front matter) and PER_POST photos of
# PHOTOS linked beside it and used in it (0: none).
mkbundles() {
	python3 - "$@" <<'EOF'
import os, shutil, sys
text, out, photos, per = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ALTS = ["Quang cảnh hội nghị", "Cán bộ Bộ phận Một cửa hướng dẫn người dân",
        "Lãnh đạo Sở phát biểu tại buổi làm việc",
        "Đoàn kiểm tra làm việc tại đơn vị", "Người dân nộp hồ sơ trực tuyến",
        "Toàn cảnh buổi tập huấn", "Trao giấy khen cho các tập thể",
        "Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công"]
CAPS = ["Ảnh: Văn phòng Sở", "Các đại biểu tham dự hội nghị",
        "Buổi làm việc tại Bộ phận Một cửa"]
shutil.copytree(text, out, symlinks=True)
posts = []
for root, dirs, names in os.walk(os.path.join(out, "content", "tin-tuc")):
    posts += [os.path.join(root, n) for n in names if n.endswith(".md")]
posts.sort()
def place(src, dst):
    try:
        os.link(src, dst)       # same file system: no copy of 600 MB
    except OSError:
        shutil.copyfile(src, dst)
for k, p in enumerate(posts):
    slug = os.path.basename(p)[:-3]
    with open(p, encoding="utf-8") as f:
        s = f.read()
    head, sep, body = s[4:].partition("\n---\n")
    fm = ["slug: " + slug]
    blocks = body.strip("\n").split("\n\n")
    if per:
        names = ["anh-%03d.jpg" % (4 * k + i + 1) for i in range(per)]
        d = os.path.join(os.path.dirname(p), slug)
        os.makedirs(d)
        for n in names:
            place(os.path.join(photos, n), os.path.join(d, n))
        fm.append("image: " + names[0])
        fm.append("image_alt: " + ALTS[k % len(ALTS)])
        imgs = []
        for i, n in enumerate(names):
            alt = ALTS[(k + i) % len(ALTS)]
            cap = ' "%s"' % CAPS[(k + i) % len(CAPS)] if (k + i) % 3 == 0 else ""
            imgs.append("![%s](%s%s)" % (alt, n, cap))
        if k % 5 == 2 and per > 2:
            # A gallery: image paragraphs in a row, after the first one.
            blocks[1:1] = [imgs[0]]
            blocks[len(blocks) // 2:len(blocks) // 2] = imgs[1:]
        else:
            for i, im in enumerate(imgs):
                at = 1 + i * (len(blocks) - 1) // per
                blocks[at:at] = [im]
    d = os.path.join(os.path.dirname(p), slug)
    os.makedirs(d, exist_ok=True)
    os.rename(p, os.path.join(d, "index.md"))
    with open(os.path.join(d, "index.md"), "w", encoding="utf-8") as f:
        f.write("---\n" + head + "\n" + "\n".join(fm) + "\n---\n\n" +
                "\n\n".join(blocks) + "\n")
EOF
}

# gitcommit DIR: one commit of everything, fixed author and date; loose
# objects stored, not deflated (JPEG does not compress; 600 MB).
gitcommit() {
	git -c init.defaultBranch=main init -q "$1"
	git -C "$1" -c core.looseCompression=0 add -A
	GIT_AUTHOR_DATE="2025-12-01T09:00:00+07:00" \
	GIT_COMMITTER_DATE="2025-12-01T09:00:00+07:00" \
	git -C "$1" -c user.name="Văn phòng Sở" \
	    -c user.email=vanphong@skhcn.example.gov.vn \
	    commit -q -m "Đăng tin có ảnh"
}

IMG=$WORK/img; NOIMG=$WORK/noimg; IMGHALF=$WORK/img-half
mkbundles "$WORK/text" "$IMG" "$PHOTOS" 4
mkbundles "$WORK/text" "$NOIMG" "$PHOTOS" 0
mkbundles "$WORK/text" "$IMGHALF" "$PHOTOS" 2
rm -rf "$WORK/text"
for d in "$IMG" "$NOIMG" "$IMGHALF"; do gitcommit "$d"; done
photo_bytes=$(find "$IMG/content" -name '*.jpg' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
nused=$(find "$IMG/content" -name '*.jpg' | wc -l)
[ "$nused" = "$NPHOTOS" ] || die "the corpus has $nused photos, not $NPHOTOS"
orients=$(find "$IMG/content" -name '*.jpg' -print0 | sort -z |
    xargs -0 exiftool -q -s3 -n -Orientation 2>/dev/null | sort | uniq -c |
    awk '{printf "%s%s: %s", (NR > 1 ? ", " : ""), $2, $1}' || true)

# ------------------------------------------------------- measuring

# measure NAME CMD...: as run.sh's: one run under /usr/bin/time -v,
# "wall_ms peak_kb" appended to $WORK/res/NAME.
measure() {
	local name=$1 t0 t1 kb
	shift
	sync
	t0=$(date +%s%N)
	if ! /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/log.txt" 2>&1; then
		say "$name failed: $*"
		tail -n 20 "$WORK/log.txt" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
	[ -n "$kb" ] || die "no peak RSS in /usr/bin/time's output"
	echo "$(( (t1 - t0) / 1000000 )) $kb" >>"$WORK/res/$name"
}
median() {	# FILE COLUMN
	cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR]=$1} END {
	    if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'
}
cchc_cmd() {	# SRC OUT
	CMD=("$CCHC" build --source "$1" --out "$2" --today "$TODAY" --quiet)
}
hugo_cmd() {	# SRC DEST CACHE RESOURCES
	CMD=(env HUGO_RESOURCEDIR="$4" hugo --source "$1"
	    --config "$REPO/bench/hugo-images/site.toml"
	    --themesDir "$REPO/bench" --theme hugo-images --noBuildLock
	    --destination "$2" --cacheDir "$3")
}

# Bytes and files of a folder: "BYTES FILES IMGBYTES IMGFILES".
sizes() {
	find "$1" -type f -printf '%s %f\n' | awk '{ s += $1; n++ }
	    tolower($2) ~ /\.(jpe?g|png|webp|gif|avif)$/ { is += $1; in_++ }
	    END { printf "%d %d %d %d\n", s, n, is, in_ }'
}
# Image widths in a folder, from the files' headers: "W:COUNT ...".
widths() {
	python3 - "$1" <<'EOF'
import collections, os, struct, sys
def width(p):
    with open(p, "rb") as f:
        b = f.read(65536)
    if b[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">I", b[16:20])[0]
    if b[:4] == b"RIFF" and b[8:12] == b"WEBP":
        return "webp"
    i = 2
    while i + 9 < len(b) and b[i] == 0xFF:
        m, n = b[i + 1], struct.unpack(">H", b[i + 2:i + 4])[0]
        if m in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB,
                 0xCD, 0xCE, 0xCF):
            return struct.unpack(">H", b[i + 7:i + 9])[0]
        i += 2 + n
    return "?"
c = collections.Counter()
for root, dirs, names in os.walk(sys.argv[1]):
    for n in names:
        if n.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".gif")):
            c[width(os.path.join(root, n))] += 1
print(" ".join("%s:%d" % kv for kv in sorted(c.items(), key=lambda kv: -kv[0]
      if isinstance(kv[0], int) else 0)))
EOF
}

# ---------------------------------------------------------- checks

say "cchc: $("$CCHC" --version 2>&1 | head -n 1)"
[ $HUGO = 1 ] && say "hugo: $(hugo version | head -n 1)"
for src in "$IMG" "$NOIMG" "$IMGHALF"; do
	rm -rf "$WORK/out"
	"$CCHC" build --source "$src" --out "$WORK/out" --today "$TODAY" \
	    >"$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt" >&2;
	    die "cchc failed on ${src##*/}"; }
	if grep -q 'lỗi' "$WORK/log.txt" ||
	    ! grep -q '; 0 cảnh báo\(;\|$\)' "$WORK/log.txt"; then
		cat "$WORK/log.txt" >&2
		die "cchc reported problems on ${src##*/}"
	fi
done
rm -rf "$WORK/out"

# The posts edited, one a round, the same in both corpora: the newest,
# one in the middle, the oldest.
(cd "$IMG" && find content/tin-tuc -name index.md | sort) >"$WORK/posts.txt"
np=$(wc -l <"$WORK/posts.txt")
edits=("$(sed -n "${np}p" "$WORK/posts.txt")" \
    "$(sed -n "$(( (np + 1) / 2 ))p" "$WORK/posts.txt")" \
    "$(sed -n 1p "$WORK/posts.txt")")

# ----------------------------------------------------------- rounds

for r in $(seq "$ROUNDS"); do
	say "round $r/$ROUNDS"
	post=${edits[$(( (r - 1) % 3 ))]}
	line=$(printf '\nCâu bổ sung lần %d: Văn phòng Sở cập nhật kết quả tiếp nhận hồ sơ trực tuyến.\n' "$r")
	for v in img noimg; do
		src=$WORK/$v
		cchc_cmd "$src" "$WORK/out-$v"
		rm -rf "$src/.cchc-cache" "$WORK/out-$v"
		measure "$v.cold" "${CMD[@]}"
		measure "$v.nochange" "${CMD[@]}"
		printf '%s\n' "$line" >>"$src/$post"
		measure "$v.edit" "${CMD[@]}"
	done
	cchc_cmd "$IMGHALF" "$WORK/out-half"
	rm -rf "$IMGHALF/.cchc-cache" "$WORK/out-half"
	measure half.cold "${CMD[@]}"
	if [ $HUGO = 1 ] && [ "$r" -le "$HUGO_ROUNDS" ]; then
		say "round $r/$ROUNDS: Hugo cold (minutes)"
		rm -rf "$WORK/hugo-out" "$WORK/hugo-cache" "$WORK/hugo-res"
		hugo_cmd "$IMG" "$WORK/hugo-out" "$WORK/hugo-cache" "$WORK/hugo-res"
		measure hugo.cold "${CMD[@]}"
		cp "$WORK/log.txt" "$WORK/hugo-log.txt"
	fi
done

if [ $HUGO = 1 ] && [ -d "$WORK/hugo-out" ]; then
	# Warm: the same command again, its resources and cache kept.
	hugo_cmd "$IMG" "$WORK/hugo-out" "$WORK/hugo-cache" "$WORK/hugo-res"
	measure hugo.warm "${CMD[@]}"
	if grep -q 'ERROR\|WARN' "$WORK/hugo-log.txt" "$WORK/log.txt"; then
		cat "$WORK/hugo-log.txt" "$WORK/log.txt" >&2
		die "Hugo reported problems"
	fi
	for f in "$IMG"/* "$IMG"/.[!.]*; do
		case ${f##*/} in
		.git|.gitignore|.cchc-cache|content|site.yaml|themes|'.[!.]*') ;;
		*) die "Hugo wrote into the corpus: $f" ;;
		esac
	done
	# Hugo processed every photo at every width (names end in
	# _<W>x0_resize_q80_..., r90 etc. for the turned ones).
	for w in 1600 800 480; do
		c=$(find "$WORK/hugo-out" -name "*_hu*_${w}x0_resize_*" | wc -l)
		echo "$c" >"$WORK/res/hugo.w$w"
		[ "$c" = "$NPHOTOS" ] ||
		    die "Hugo wrote $c images ${w} pixels wide, not $NPHOTOS"
	done
fi

say "comparing the one-edit output with a cold build of the edited tree"
rm -rf "$IMG/.cchc-cache" "$WORK/check"
cchc_cmd "$IMG" "$WORK/check"
"${CMD[@]}" >"$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt" >&2;
    die "cchc failed on the edited corpus"; }
if diff -r -x .cchc-cache "$WORK/out-img" "$WORK/check" >"$WORK/diff.txt" 2>&1; then
	same=yes
else
	same=NO
	say "one-edit output differs from a cold build:"
	head -n 20 "$WORK/diff.txt" >&2
fi

# ------------------------------------------------------------ report

cell() {	# NAME -> "1.23 s / 45 MB"
	local f=$WORK/res/$1
	[ -s "$f" ] || { echo "–"; return; }
	awk -v ms="$(median "$f" 1)" -v kb="$(median "$f" 2)" \
	    'BEGIN { printf "%.2f s / %.0f MB", ms / 1000, kb / 1024 }'
}
ratio() {	# NAME COL NAME COL -> a / b
	local a=$WORK/res/$1 b=$WORK/res/$3
	if [ ! -s "$a" ] || [ ! -s "$b" ]; then echo "–"; return; fi
	awk -v x="$(median "$a" "$2")" -v y="$(median "$b" "$4")" \
	    'BEGIN { if (y > 0) printf "%.3f", x / y; else print "–" }'
}
verdict() {	# VALUE LIMIT -> ok / MISSED
	awk -v v="$1" -v l="$2" 'BEGIN { if (v == "–") print ""; else if (v + 0 <= l + 0) print "ok"; else print "MISSED" }'
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
outline() {	# LABEL DIR
	local s
	read -r -a s <<<"$(sizes "$2")"
	echo "output, $1: $(mb "${s[0]}") in ${s[1]} files, of which images $(mb "${s[2]}") in ${s[3]} files; image widths (px:files) $(widths "$2")"
}
count_w() {	# "W:COUNT ..." WIDTH -> COUNT
	echo " $1 " | tr ' ' '\n' | awk -F: -v w="$2" '$1 == w { n = $2 } END { print n + 0 }'
}

echo
echo "cchc $("$CCHC" --version 2>&1 | head -n 1 | awk '{print $NF}'), $([ $HUGO = 1 ] && hugo version | awk '{print "Hugo " $2}' || echo "no Hugo"); $(nproc) CPUs; --today $TODAY; --jobs default; TMPDIR=$TMP"
echo "corpus: $NPOSTS posts (page bundles), $NPHOTOS photos 4000x3000 ($(mb "$photo_bytes"); EXIF orientation $orients; all with GPS), 4 a post, each post's first also its cover; the same posts without images; the same with 2 photos a post ($HALF photos)"
outline "cchc, $NPHOTOS photos" "$WORK/out-img"
outline "cchc, no images" "$WORK/out-noimg"
[ ! -d "$WORK/hugo-out" ] || outline "Hugo, $NPHOTOS photos" "$WORK/hugo-out"
echo
echo "| median wall / peak RSS | $NPHOTOS photos | no images | $HALF photos |"
echo "|---|---:|---:|---:|"
echo "| cchc cold build ($(wc -l <"$WORK/res/img.cold") runs) | $(cell img.cold) | $(cell noimg.cold) | $(cell half.cold) |"
echo "| cchc rebuild, nothing changed | $(cell img.nochange) | $(cell noimg.nochange) | – |"
echo "| cchc rebuild, one post edited | $(cell img.edit) | $(cell noimg.edit) | – |"
if [ $HUGO = 1 ]; then
	echo "| Hugo cold build ($(wc -l <"$WORK/res/hugo.cold") runs) | $(cell hugo.cold) | – | – |"
	echo "| Hugo rebuild, its cache warm | $(cell hugo.warm) | – | – |"
fi
echo
echo "| ratio | value | target |"
echo "|---|---:|---|"
specs=()
[ $HUGO = 1 ] && specs+=("img.cold 1 hugo.cold 1:cchc / Hugo, cold time:0.2" \
    "img.cold 2 hugo.cold 2:cchc / Hugo, cold peak memory:1")
specs+=("img.edit 1 noimg.edit 1:one-edit rebuild, photos / no images:1.2" \
    "img.nochange 1 noimg.nochange 1:no-change rebuild, photos / no images:1.2" \
    "img.cold 2 half.cold 2:cchc cold peak memory, $NPHOTOS / $HALF photos:1.25")
for spec in "${specs[@]}"; do
	IFS=: read -r args label limit <<<"$spec"
	# shellcheck disable=SC2086
	v=$(ratio $args)
	echo "| $label | $v $(verdict "$v" "$limit") | ≤ $limit |"
done
echo "| one-edit output = cold build (diff -r) | $same | yes |"
if [ $HUGO = 1 ] && [ -d "$WORK/hugo-out" ]; then
	# Files of each width Hugo makes: the same count from cchc (other
	# widths, such as a cover's crop, are not compared).  The widest
	# is shown, not compared: cchc stops a portrait photo's long side
	# at 1600 (1200x1600), Hugo makes it 1600 wide (1600x2133).
	wa=$(widths "$WORK/out-img"); wb=$(widths "$WORK/hugo-out")
	ok=yes; cells=
	for w in 1600 800 480; do
		x=$(count_w "$wa" "$w"); y=$(count_w "$wb" "$w")
		[ "$w" = 1600 ] || [ "$x" = "$y" ] || ok=NO
		cells="$cells${cells:+, }$w px: $x / $y"
	done
	echo "| files 800/480 px wide, cchc = Hugo ($cells; 1600: portraits are 1200x1600 in cchc) | $ok | yes |"
fi
echo
echo "wall time of every run, in order (s):"
for m in img.cold img.nochange img.edit noimg.cold noimg.nochange noimg.edit \
    half.cold hugo.cold hugo.warm; do
	[ -s "$WORK/res/$m" ] || continue
	printf '  %-15s %s\n' "$m" \
	    "$(awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / 1000 }' "$WORK/res/$m")"
done
[ "$same" = yes ] || exit 1
