#!/bin/sh
# tests/site.sh - the bundled sample site: builds, is deterministic, and
# passes the real validators (Nu Html Checker on every page, axe-core in
# Chromium on the home, a post, a plan and a procedure page, and on pages
# with photos); its photos are stripped, upright and light on a phone
# (covers.py, photos.mjs; tests/validate/README.md); built with --links
# files it navigates opened from disk (fromdisk.mjs).
. "$(dirname "$0")/lib.sh"
scratch
today=2025-11-20
out="$SCRATCH/public"

if ! run_cchc 0 build --quiet --source "$TOP" --out "$out" --today $today --jobs 1; then
	finish site; exit 1
fi
check "the sample site builds with warnings: $(cat "$SCRATCH/err")" [ ! -s "$SCRATCH/err" ]

# Same input, same bytes: another run, and all cores instead of one.
run_cchc -e "$SCRATCH/err.again" 0 build --quiet --source "$TOP" --out "$SCRATCH/again" --today $today
check "--jobs 1 and --jobs N differ" diff -r "$out" "$SCRATCH/again"
run_cchc -e "$SCRATCH/err.again" 0 build --quiet --source "$TOP" --out "$out" --today $today --jobs 3
check "a rebuild differs" diff -r "$out" "$SCRATCH/again"

# Drafts and scheduled posts stay out; the rest are in.
for f in $(find "$TOP/content/tin-tuc" -name '*.md'); do
	slug=$(sed -n 's/^slug: *//p' "$f" | head -n 1)
	[ -n "$slug" ] || slug=$(basename "$f" .md)
	date=$(sed -n 's/^date: *\([0-9-]\{10\}\).*/\1/p' "$f" | head -n 1)
	if grep -q '^draft: *true' "$f" || [ "$(printf '%s\n%s\n' "$date" "$today" | sort | tail -n 1)" != "$today" ]; then
		check "unpublished post $f was built" [ ! -e "$out/tin-tuc/$slug/index.html" ]
	else
		check "post $f was not built" [ -f "$out/tin-tuc/$slug/index.html" ]
	fi
done
# Covers: a <figure class="bai__bia"> at the top of the post with files
# that exist and their real size, a 3:2 thumbnail in every list that
# shows the post, og:image with its size; the original is not published.
# And the images of the feeds' items point at files of the site.
/usr/bin/python3 "$TOP/tests/validate/covers.py" "$TOP" "$out"
check "covers, thumbnails or feed images are wrong" [ $? -eq 0 ]
# The photos leave their metadata behind: no EXIF segment, no GPS tag in
# any published image (exiftool, and the bytes themselves), and the
# sample's portrait photo, stored sideways with EXIF orientation 6 and
# GPS, is published upright (mkimg check: portrait, dark sky on top).
nphoto=$(find "$out" -name '*.jpg' | wc -l)
check "the sample site publishes no JPEG photo" [ "$nphoto" -gt 0 ]
meta=$(exiftool -q -q -r -ext jpg -ext jpeg -ext png -if '$exif:all or $gps:all or $xmp:all or $iptc:all' -p '$directory/$filename' "$out" 2>&1)
check "published images keep metadata (exiftool): $meta" [ -z "$meta" ]
exifb=$(find "$out" \( -name '*.jpg' -o -name '*.png' \) -exec grep -l -a 'Exif' {} + 2>/dev/null)
check "published images hold an Exif marker: $exifb" [ -z "$exifb" ]
for f in "$TOP"/content/tin-tuc/*/*/*.jpg; do
	[ "$(exiftool -s3 -n -Orientation "$f")" = 6 ] || continue
	name=$(basename "$f" .jpg)
	nv=0
	for v in "$out"/anh/"$name"-[0-9]*.jpg; do
		[ -f "$v" ] || continue
		nv=$((nv + 1))
		up=$("$TOP/$BUILD/tests/mkimg" check "$v")
		read -r w h top bottom <<-EOF
		$up
		EOF
		check "$v is not upright: $up" \
		    [ "${h:-0}" -gt "${w:-0}" -a "${top#top=}" -lt "${bottom#bottom=}" ]
	done
	check "no variant of the rotated photo $f" [ "$nv" -gt 0 ]
done
for page in index.html 404.html tin-tuc/index.html ke-hoach/index.html thu-tuc/index.html style.css; do
	check "missing $page" [ -f "$out/$page" ]
done

# Reader navigation: lists, topics, units, archive, feeds.
for page in chu-de/index.html don-vi/index.html luu-tru/index.html tin-tuc/trang/2/index.html rss.xml atom.xml sitemap.xml robots.txt; do
	check "missing $page" [ -f "$out/$page" ]
done
check "page 2 of the news has no rel=prev" grep -q '<link rel="prev" href="../../../tin-tuc/">' "$out/tin-tuc/trang/2/index.html"
check "page 1 of the news has no rel=next" grep -q '<link rel="next" href="../tin-tuc/trang/2/">' "$out/tin-tuc/index.html"
nolink=$(cd "$out" && find . -name '*.html' ! -name 404.html | while read -r f; do
	grep -q '<link rel="alternate" type="application/rss+xml"' "$f" || echo "$f"; done)
check "pages without a feed link: $nolink" [ -z "$nolink" ]
check "a post has no Open Graph card" grep -q '<meta property="og:type" content="article">' "$out/tin-tuc/$(cd "$out/tin-tuc" && ls -d */ | grep -v trang | head -n 1)index.html"

# Feeds: their items are worked out from the sources independently.
/usr/bin/python3 "$TOP/tests/validate/expect_feeds.py" "$TOP" $today >"$SCRATCH/feeds.json"
/usr/bin/python3 "$TOP/tests/validate/feeds.py" "$out" "$SCRATCH/feeds.json"
check "feeds failed feedparser or the Atom schema" [ $? -eq 0 ]
want=$(grep -c '"path"' "$SCRATCH/feeds.json")
got=$(cd "$out" && find . \( -name rss.xml -o -name atom.xml \) ! -path './nhat-ky/*' ! -path './thu-tuc/*' | wc -l)
# The procedures feed: one item per procedure and per later commit to it,
# counted here with git itself (at most feed_items).
nproc=0
for f in "$TOP"/content/thu-tuc/*.md; do
	c=$(git -C "$TOP" log --first-parent --format=%H -- "$f" 2>/dev/null | wc -l)
	nproc=$((nproc + (c > 0 ? c : 1)))
done
[ "$nproc" -gt 20 ] && nproc=20
printf '[{"path": "thu-tuc/rss.xml", "items": %d}]\n' "$nproc" >"$SCRATCH/procfeed.json"
/usr/bin/python3 "$TOP/tests/validate/feeds.py" "$out" "$SCRATCH/procfeed.json"
check "the procedures feed fails feedparser or has the wrong items" [ $? -eq 0 ]
check "$got feeds written, $want expected" [ "$got" -eq "$want" ]
# The validators on the feeds of tests/unit/test_xmlfeed.c (`test_xmlfeed DIR`
# writes them: every field, only the required ones, no entry), and on one
# they must reject: an Atom entry without <id>.
samples="$SCRATCH/feed-samples"
mkdir -p "$samples"
"$TOP/$BUILD/tests/test_xmlfeed" "$samples" >"$SCRATCH/test_xmlfeed.log" 2>&1
rc=$?
check "test_xmlfeed $samples: exit $rc: $(tail -n 3 "$SCRATCH/test_xmlfeed.log")" [ "$rc" -eq 0 ]
/usr/bin/python3 "$TOP/tests/validate/feeds.py" "$samples" "$samples/feeds.json" >"$SCRATCH/samples.log" 2>&1
rc=$?
check "test_xmlfeed's feeds fail feedparser or the Atom schema: $(cat "$SCRATCH/samples.log")" [ "$rc" -eq 0 ]
check "test_xmlfeed's sitemap.xml fails the sitemaps.org schema" \
    xmllint --noout --nonet --schema "$TOP/tests/node_modules/sitemap/schema/sitemap.xsd" "$samples/sitemap.xml"
mkdir -p "$SCRATCH/feed-invalid"
cp "$TOP/tests/unit/atom-invalid-no-id.xml" "$SCRATCH/feed-invalid/"
echo '[]' >"$SCRATCH/feed-invalid.json"
/usr/bin/python3 "$TOP/tests/validate/feeds.py" "$SCRATCH/feed-invalid" "$SCRATCH/feed-invalid.json" >"$SCRATCH/invalid.log" 2>&1
rc=$?
check "feeds.py accepts an Atom entry without <id> (exit $rc): $(cat "$SCRATCH/invalid.log")" \
    sh -c "[ $rc -eq 1 ] && grep -q 'missing required element \"id\"' '$SCRATCH/invalid.log'"
baseurl=$(sed -n 's/^base_url: *//p' "$TOP/site.yaml")
sh "$TOP/tests/validate/sitemap.sh" "$out" "$baseurl"
check "sitemap failed its schema or names missing pages" [ $? -eq 0 ]
# Not the 404 page, nor the search page (nothing of its own to index).
pages=$(cd "$out" && find . -name '*.html' ! -name 404.html ! -path ./tim-kiem/index.html | wc -l)
locs=$(grep -c '<loc>' "$out/sitemap.xml")
check "sitemap lists $locs of $pages pages" [ "$pages" -eq "$locs" ]
# More pages than sitemap_max_urls: sitemap.xml becomes an index of
# sitemap-1.xml, ... that together list exactly the same URLs.
# (A copy of the sources, built whole and split.)
mkdir -p "$SCRATCH/split"
cp -R "$TOP/content" "$TOP/plans" "$TOP/themes" "$TOP/site.yaml" "$SCRATCH/split/"
run_cchc 0 build --quiet --source "$SCRATCH/split" --out "$SCRATCH/whole-out" --today $today
echo "sitemap_max_urls: 25" >>"$SCRATCH/split/site.yaml"
run_cchc 0 build --quiet --source "$SCRATCH/split" --out "$SCRATCH/split-out" --today $today
check "a split sitemap.xml is not an index" grep -q '<sitemapindex' "$SCRATCH/split-out/sitemap.xml"
locs=$(grep -c '<loc>' "$SCRATCH/whole-out/sitemap.xml")
nparts=$(ls "$SCRATCH/split-out"/sitemap-*.xml | wc -l)
check "$nparts sitemap parts for $locs URLs at 25 a file" [ "$nparts" -eq $(( (locs + 24) / 25 )) ]
sh "$TOP/tests/validate/sitemap.sh" "$SCRATCH/split-out" "$baseurl"
check "the split sitemap failed its schemas or names missing pages" [ $? -eq 0 ]
grep -ho '<loc>[^<]*</loc>' "$SCRATCH/whole-out/sitemap.xml" | sort >"$SCRATCH/locs.one"
cat "$SCRATCH/split-out"/sitemap-*.xml | grep -o '<loc>[^<]*</loc>' | sort >"$SCRATCH/locs.split"
check "the split sitemap lists other URLs than the whole one" cmp -s "$SCRATCH/locs.one" "$SCRATCH/locs.split"

# Data files against the sources: procedures, plans, report CSVs.
/usr/bin/python3 "$TOP/tests/validate/data.py" "$TOP" "$out" $today
check "data files do not match the sources" [ $? -eq 0 ]
run_cchc -C "$TOP" -o "$SCRATCH/q2.md" -e "$SCRATCH/q2.err" 0 report --period 2025-Q2 --today $today
check "the Q2 report lacks its sections" grep -q '^## IV. Các tháng chưa có tin, bài' "$SCRATCH/q2.md"
check "the Q2 report lacks the plan's tasks" grep -q '^| 2.4 | ' "$SCRATCH/q2.md"
run_cchc -C "$TOP" 1 report --period 2031-Q1 --today $today
check "an unknown report period is not named as such" grep -q 'không có kỳ báo cáo “2031-Q1”' "$SCRATCH/err"
check "an unknown report period: the last line names it" grep -qx 'cchc: dừng vì không có kỳ báo cáo “2031-Q1”, 0 cảnh báo' "$SCRATCH/err"

# Works from disk: --links files ends every relative folder link in
# index.html (the rest of each page is as --links dirs writes it), and
# site.yaml's `links` is overridden by the option.  A files build over a
# dirs build (and back) rewrites the pages, the same bytes as a cold one;
# a second one has nothing to do.
disk="$SCRATCH/disk"
run_cchc -e "$SCRATCH/disk.err" 0 build --quiet --source "$TOP" --out "$disk" --today $today --links files
nidx=$(grep -rhoE 'href="[^"]*/index\.html' "$disk" --include='*.html' | grep -vcE 'href="(https?:|/)')
check "--links files wrote no link to .../index.html" [ "$nidx" -gt 100 ]
left=$(grep -rhoE 'href="[^"#?]*/([#?][^"]*)?"' "$disk" --include='*.html' | grep -vE 'href="(https?:|/|#)' | sort -u | head -n 3)
check "--links files left folder links: $left" [ -z "$left" ]
rm -rf "$SCRATCH/disk-stripped"
cp -R "$disk" "$SCRATCH/disk-stripped"
find "$SCRATCH/disk-stripped" -name '*.html' -exec sed -i 's#\(\(href\|action\)="[^"#?]*/\)index\.html#\1#g' {} +
check "--links files changed more than folder links" diff -r "$out" "$SCRATCH/disk-stripped"
check "--links files changed the feeds" cmp -s "$out/rss.xml" "$disk/rss.xml"
check "--links files changed the sitemap" cmp -s "$out/sitemap.xml" "$disk/sitemap.xml"
run_cchc -e "$SCRATCH/links.err" 0 build --source "$TOP" --out "$SCRATCH/again" --today $today --links files --jobs 2
check "a files build over a dirs build differs from a cold one" diff -r "$disk" "$SCRATCH/again"
check "a files build over a dirs build did not rewrite the pages: $(tail -n 1 "$SCRATCH/links.err")" \
    sh -c "! grep -q 'không có gì thay đổi' '$SCRATCH/links.err'"
run_cchc -e "$SCRATCH/links.err" 0 build --source "$TOP" --out "$SCRATCH/again" --today $today --links files --jobs 2
check "a second files build changed something: $(tail -n 1 "$SCRATCH/links.err")" grep -q 'không có gì thay đổi' "$SCRATCH/links.err"
run_cchc -e "$SCRATCH/links.err" 0 build --quiet --source "$TOP" --out "$SCRATCH/again" --today $today --links dirs
check "a dirs build over a files build differs from a cold one" diff -r "$out" "$SCRATCH/again"
ys="$SCRATCH/links-yaml"
mkdir -p "$ys"
cp -R "$TOP/content" "$TOP/plans" "$TOP/themes" "$TOP/site.yaml" "$ys/"
run_cchc -e "$SCRATCH/links.err" 0 build --quiet --source "$ys" --out "$ys/files" --today $today --links files
run_cchc -e "$SCRATCH/links.err" 0 build --quiet --source "$ys" --out "$ys/dirs" --today $today
echo "links: files" >>"$ys/site.yaml"
run_cchc -e "$SCRATCH/links.err" 0 build --quiet --source "$ys" --out "$ys/yaml" --today $today
check "site.yaml links: files gives other pages than --links files" diff -r "$ys/files" "$ys/yaml"
run_cchc -e "$SCRATCH/links.err" 0 build --quiet --source "$ys" --out "$ys/over" --today $today --links dirs
check "--links dirs does not win over site.yaml's links: files" diff -r "$ys/dirs" "$ys/over"
run_cchc 2 build --source "$TOP" --out "$SCRATCH/none" --links file
check "--links file is not refused by name" grep -q '^cchc: --links cần dirs hoặc files, không phải “file”$' "$SCRATCH/err"
run_cchc -C "$TOP" 2 report --period 2025-Q2 --links files
check "report accepts --links" grep -q 'tùy chọn --links không dùng với lệnh này' "$SCRATCH/err"

# Real validators. A group whose tools are missing (preflight.sh says
# which and how to install them) is one failure, not one per page.
if sh "$TOP/tests/validate/preflight.sh" vnu; then
sh "$TOP/tests/validate/vnu.sh" "$out"
check "Nu Html Checker found errors" [ $? -eq 0 ]
# The golden outputs are HTML readers get too.
for g in "$TOP"/tests/golden/*/expected; do
	sh "$TOP/tests/validate/vnu.sh" "$g"
	check "Nu Html Checker found errors in $g" [ $? -eq 0 ]
done
else
	fail "Nu Html Checker cannot run (see the message above)"
fi
post=$(cd "$out" && ls -d tin-tuc/*/ | head -n 1)
plan=$(cd "$out" && ls -d ke-hoach/*/ | head -n 1)
proc=$(cd "$out" && ls -d thu-tuc/*/ | head -n 1)
base=$(sed -n 's|^base_url: *https\{0,1\}://[^/]*\(/.*\)$|\1|p' "$TOP/site.yaml")
topic=$(cd "$out" && ls -d chu-de/*/ | head -n 1)
unit=$(cd "$out" && ls -d don-vi/*/ | head -n 1)
month=$(cd "$out" && ls -d luu-tru/*/*/ | head -n 1)
# Pages with photos: a post with a cover, a titled photo (figure) and a
# gallery, and a topic, a unit and a month listing it with its thumbnail
# (the home page and the news list show it too: it is the latest post).
photo=$(cd "$out" && grep -l 'class="thu-vien"' tin-tuc/*/index.html | xargs grep -l 'class="bai__bia"' | xargs grep -l '<figure class="anh">' | head -n 1)
photo=${photo%index.html}
check "no sample post has a cover, a figure and a gallery" [ -n "$photo" ]
for l in index.html tin-tuc/index.html; do
	check "$l shows no thumbnail" grep -q 'class="muc__anh"' "$out/$l"
done
# thumbs GLOB: the first page matching GLOB (in $out) with a thumbnail.
thumbs() { (cd "$out" && grep -l 'class="muc__anh"' $1 | head -n 1 | sed 's|index.html$||'); }
ttopic=$(thumbs 'chu-de/*/index.html')
tunit=$(thumbs 'don-vi/*/index.html')
tmonth=$(thumbs 'luu-tru/*/*/index.html')
check "no topic, unit and month page with thumbnails" [ -n "$ttopic" -a -n "$tunit" -a -n "$tmonth" ]
extra=
for p in "$photo" "$ttopic" "$tunit" "$tmonth"; do
	case " $topic $unit $month $extra " in *" $p "*) continue ;; esac
	[ -n "$p" ] && extra="$extra $p"
done
if sh "$TOP/tests/validate/preflight.sh" browser; then
node "$TOP/tests/validate/axe.mjs" --timeout 240 --root "$out" --base "${base:-/}" "" "$post" "$plan" "$proc" \
    tin-tuc/ tin-tuc/trang/2/ thu-tuc/ chu-de/ "$topic" don-vi/ "$unit" luu-tru/ "$month" \
    nhat-ky/ bao-cao/ bao-cao/2025-q2/ "$(cd "$out" && ls -d thu-tuc/linh-vuc/*/ | head -n 1)" \
    $extra
check "axe-core found violations" [ $? -eq 0 ]
# What axe cannot see: the procedure filter typed with and without
# diacritics, and a procedure printed (no navigation on paper).
node "$TOP/tests/validate/procedures.mjs" --root "$out" --base "${base:-/}"
check "the procedure filter or print view failed" [ $? -eq 0 ]
# The --links files build opened from disk (file://) navigates: home ->
# Tin tức -> a post -> a topic -> home, each a page, not a folder
# listing; and the default build, opened so, shows a listing (the control).
node "$TOP/tests/validate/fromdisk.mjs" --root "$disk"
check "the --links files site opened from disk does not navigate" [ $? -eq 0 ]
node "$TOP/tests/validate/fromdisk.mjs" --root "$out" --listing
check "fromdisk.mjs does not see a folder listing" [ $? -eq 0 ]
# The sample's phone portrait photo (EXIF orientation 6) as the browser
# shows it: a portrait box, dark sky above bright ground.
for f in "$TOP"/content/tin-tuc/*/*/*.jpg; do
	[ "$(exiftool -s3 -n -Orientation "$f")" = 6 ] || continue
	node "$TOP/tests/validate/photos.mjs" upright --root "$out" --base "${base:-/}" \
	    --page "$(cd "$out" && grep -l "/anh/$(basename "$f" .jpg)-" tin-tuc/*/index.html | head -n 1)" \
	    --img "$(basename "$f" .jpg)"
	check "the rotated photo $f is not shown upright in Chromium" [ $? -eq 0 ]
done
# What a phone downloads of an event post with 8 photos as phones take
# them (4000x3000, q92, GPS; three stored sideways), made now, in a
# scratch copy of the site with the repo's theme: single photos, a
# titled one, a gallery of four, and a cover.  The issue's budget: at
# most 400 kB before the reader scrolls, 1.5 MB scrolled to the end.
phone="$SCRATCH/phone"
pd="$phone/content/tin-tuc/2025/11"
mkdir -p "$pd"
cp -R "$TOP/themes" "$TOP/site.yaml" "$phone/"
mkimg="$TOP/$BUILD/tests/mkimg"
for i in 0 1 2 3 4 5 6 7 8; do
	case $i in 3 | 6 | 8) o="-o 6" ;; *) o= ;; esac
	# -t: textured, so that the sizes weigh what a real photo's do
	# (3.7 MB; 800 wide about 80 kB).
	"$mkimg" jpeg 4000 3000 -q 92 -g -t $o -s $((i + 100)) "$pd/anh-$i.jpg" ||
	    fail "mkimg jpeg 4000 3000 -q 92 -g -t $o $pd/anh-$i.jpg"
done
para='Các đại biểu đã trao đổi về kết quả thực hiện nhiệm vụ cải cách hành chính, những khó khăn trong tiếp nhận hồ sơ trực tuyến và đề xuất giải pháp nâng cao chỉ số hài lòng của người dân, doanh nghiệp trong thời gian tới.'
{
	printf -- '---\ntitle: "Hội nghị tổng kết có tám ảnh chụp bằng điện thoại"\ndate: 2025-11-18T08:00:00\n'
	printf 'summary: "Một bài có tám ảnh điện thoại."\nunit: "Văn phòng Sở"\n'
	printf 'image: anh-0.jpg\nimage_alt: "Toàn cảnh hội nghị"\n---\n\n%s\n\n%s\n\n' "$para" "$para"
	printf '![Đại biểu dự hội nghị](anh-1.jpg)\n\n%s\n\n%s\n\n' "$para" "$para"
	printf '![Báo cáo viên trình bày](anh-2.jpg)\n![Học viên thảo luận](anh-3.jpg)\n![Đại biểu phát biểu](anh-4.jpg)\n![Quang cảnh hội trường](anh-5.jpg)\n\n%s\n\n' "$para"
	printf '![Lãnh đạo Sở phát biểu](anh-6.jpg "Lãnh đạo Sở phát biểu kết luận")\n\n%s\n\n%s\n\n' "$para" "$para"
	printf '![Trao giấy khen](anh-7.jpg)\n\n%s\n\n![Chụp ảnh lưu niệm](anh-8.jpg)\n\n%s\n' "$para" "$para"
} >"$pd/tam-anh.md"
run_cchc -e "$SCRATCH/phone.err" 0 build --quiet --source "$phone" --out "$phone/public" --today $today
orig=$(cat "$pd"/anh-*.jpg | wc -c)
node "$TOP/tests/validate/photos.mjs" bytes --root "$phone/public" --base "${base:-/}" \
    --page tin-tuc/tam-anh/ --originals "$orig" --before 400000 --after 1500000
check "a post with 8 phone photos costs a phone more than 400 kB before scrolling or 1.5 MB after" [ $? -eq 0 ]
else
	fail "the checks in Chromium cannot run (see the message above)"
fi

finish site
