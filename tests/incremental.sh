#!/bin/sh
# tests/incremental.sh - rebuilding into an existing output folder, through
# the command line only.  The sample site (site.yaml, content/, plans/,
# themes/) is put in a git repository made here with fixed dates and
# authors, built once, changed, and rebuilt into the same --out.  Every
# rebuild is checked four ways:
#   (a) exit 0;
#   (b) the output equals, byte for byte and with nothing left out, a cold
#       build of a copy of the changed tree without .cchc-cache/;
#   (c) a file whose bytes did not change keeps its inode and mtime (it
#       was not rewritten), and a file whose bytes changed does not;
#   (d) no .<out>.tmp-* folder beside the output, no empty folder in it.
# A failing rebuild must exit 1 and leave every file of the previous
# output as it was (bytes, inode and mtime).
. "$(dirname "$0")/lib.sh"
scratch
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
TODAY=2025-11-20
src="$SCRATCH/src"
out="$SCRATCH/public"

# commit REPO DATE MESSAGE: commits everything with a fixed time and author.
commit() {
	git -C "$1" add -A
	GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" GIT_AUTHOR_NAME="Văn phòng Sở" \
	GIT_AUTHOR_EMAIL=vp@example.gov.vn GIT_COMMITTER_NAME="Văn phòng Sở" \
	GIT_COMMITTER_EMAIL=vp@example.gov.vn git -C "$1" commit -q -m "$3"
}
# build SRC OUT [OPTION...]: one build (--today $TODAY unless options are
# given); messages in $SCRATCH/err.
build() {
	b_src=$1; b_out=$2; shift 2
	[ $# -eq 0 ] && set -- --today "$TODAY"
	cchc build --quiet --source "$b_src" --out "$b_out" "$@" 2>"$SCRATCH/err"
}
# cold SRC DEST [OPTION...]: builds a copy of SRC without its cache (.git
# kept, so the history is the same) into a fresh DEST.
cold() {
	c_src=$1; c_out=$2; shift 2
	rm -rf "$SCRATCH/cold-src" "$c_out"
	cp -R "$c_src" "$SCRATCH/cold-src"
	rm -rf "$SCRATCH/cold-src/.cchc-cache"
	build "$SCRATCH/cold-src" "$c_out" "$@"
}
# same A B: the two folders are equal, nothing excluded.
same() { diff -r "$1" "$2" >"$SCRATCH/diff" 2>&1; }
# stamp DIR: "path<TAB>inode<TAB>mtime" of every file, sorted.
stamp() { (cd "$1" && find . -type f -exec stat --printf '%n\t%i\t%y\n' {} +) | LC_ALL=C sort; }
# snap DIR FILE: the stamp of every file with its SHA-256 appended.
snap() {
	(cd "$1" && find . -type f -exec sha256sum {} +) | LC_ALL=C sort -k 2 >"$2.sum"
	stamp "$1" >"$2.st"
	awk -F '\t' 'NR == FNR { s[substr($0, 67)] = substr($0, 1, 64); next }
	    { print $0 "\t" s[$1] }' "$2.sum" "$2.st" >"$2"
}
# untouched BEFORE AFTER: prints every file with unchanged bytes that was
# rewritten (inode or mtime changed), and every file with changed bytes
# that kept its inode and mtime.  Empty output: the rebuild touched
# exactly the files whose bytes changed.
untouched() {
	awk -F '\t' 'NR == FNR { i[$1] = $2; m[$1] = $3; s[$1] = $4; next }
	    !($1 in s) { next }
	    $4 == s[$1] && ($2 != i[$1] || $3 != m[$1]) {
		print "rewritten with the same bytes: " $1 " (inode " i[$1] " -> " $2 ", mtime " m[$1] " -> " $3 ")" }
	    $4 != s[$1] && $2 == i[$1] && $3 == m[$1] {
		print "bytes changed, inode and mtime kept: " $1 }' "$1" "$2"
}
# leftovers NAME OUT: (d), no temporary folder beside OUT, no empty folder in it.
leftovers() {
	l_tmp=
	for l_f in "$(dirname "$2")/.$(basename "$2").tmp-"*; do
		[ -e "$l_f" ] && l_tmp="$l_tmp $l_f"
	done
	check "$1: temporary folder left beside the output: $l_tmp" [ -z "$l_tmp" ]
	l_empty=$(find "$2" -type d -empty)
	check "$1: empty folders in the output: $l_empty" [ -z "$l_empty" ]
}
# warm SRC OUT [OPTION...]: the build a scenario starts from.  Skipped
# (": warm") where the last rebuild already built the same source state
# with the same options, to keep the suite quick under valgrind.
warm() {
	build "$@"
	w_rc=$?
	check "warm build of $1 into $2: exit $w_rc: $(cat "$SCRATCH/err")" [ "$w_rc" -eq 0 ]
}
# rebuild NAME SRC OUT [OPTION...]: rebuilds OUT and checks (a) to (d).
rebuild() {
	r_name=$1; r_src=$2; r_out=$3; shift 3
	snap "$r_out" "$SCRATCH/snap.before"
	build "$r_src" "$r_out" "$@"
	r_rc=$?
	check "$r_name: rebuild exit $r_rc: $(cat "$SCRATCH/err")" [ "$r_rc" -eq 0 ]
	cold "$r_src" "$SCRATCH/cold" "$@"
	r_cold=$?
	if [ "$r_cold" -eq 0 ] && same "$r_out" "$SCRATCH/cold"; then
		ok
	else
		fail "$r_name: output differs from a cold build (cold exit $r_cold): $(head -c 1500 "$SCRATCH/diff")"
	fi
	snap "$r_out" "$SCRATCH/snap.after"
	untouched "$SCRATCH/snap.before" "$SCRATCH/snap.after" >"$SCRATCH/touched"
	n=$(wc -l <"$SCRATCH/touched")
	check "$r_name: $n files touched wrongly, e.g. $(head -n 3 "$SCRATCH/touched")" [ "$n" -eq 0 ]
	leftovers "$r_name" "$r_out"
}
# broken NAME SRC OUT: a rebuild that must fail and leave OUT as it was.
broken() {
	snap "$3" "$SCRATCH/snap.before"
	build "$2" "$3"
	k_rc=$?
	check "$1: exit $k_rc, want 1" [ "$k_rc" -eq 1 ]
	snap "$3" "$SCRATCH/snap.after"
	check "$1: previous output's bytes changed" \
	    cmp -s "$SCRATCH/snap.before.sum" "$SCRATCH/snap.after.sum"
	check "$1: previous output's files rewritten (inode or mtime changed)" \
	    cmp -s "$SCRATCH/snap.before" "$SCRATCH/snap.after"
	leftovers "$1" "$3"
}

# The source: the sample site in a repository with one dated commit.
mkdir -p "$src"
cp -R "$TOP/site.yaml" "$TOP/content" "$TOP/plans" "$TOP/themes" "$src/"
# Under valgrind or a sanitizer (make valgrind, make asan) every cold
# build below decodes the sample's photos again, ten times slower: small
# photos of the same names keep the suite's time down (it was 29 of make
# valgrind's 53 minutes); what it checks does not depend on their size.
if [ -n "${CCHC_WRAP:-}" ] || [ "$CCHC" != "$TOP/cchc" ]; then
	find "$src/content" -name '*.jpg' | while IFS= read -r f; do
		"$TOP/$BUILD/tests/mkimg" jpeg 240 320 "$f" || echo "$f"
	done >"$SCRATCH/mkimg-failed"
	check "small photos made for the sample site" test ! -s "$SCRATCH/mkimg-failed"
fi
printf '.cchc-cache/\n' >"$src/.gitignore"
git -C "$src" init -q -b main
commit "$src" "2025-01-02T08:00:00+07:00" "Khởi tạo chuyên mục"
news="$src/content/tin-tuc/2025"

# 1. Nothing changed: every file untouched.
warm "$src" "$out"
check "the sample site's plans are built" [ -f "$out/ke-hoach/ke-hoach-tuyen-truyen-cchc-2025/index.html" ]
check "the sample site's procedures are built" [ -d "$out/thu-tuc" ]
check "the sample site's reports are built" [ -d "$out/bao-cao" ]
rebuild "1 nothing changed" "$src" "$out"

# 2. A post's body: one sentence appended, uncommitted, then committed.
: warm: the last rebuild above built this source state
echo "Câu bổ sung để thử dựng lại." >>"$news/06/toa-dam-cai-cach-hanh-chinh-gan-voi-chuyen-doi-so.md"
rebuild "2 body edited, uncommitted" "$src" "$out"
commit "$src" "2025-11-01T09:00:00+07:00" "Bổ sung bài tọa đàm"
rebuild "2 body edit committed" "$src" "$out"

# 3. A post's title: lists, neighbours and feeds change too.
: warm: the last rebuild above built this source state
f="$news/08/lay-y-kien-su-hai-long-cua-to-chuc-ca-nhan.md"
sed -i '2s/"$/ (đã sửa)"/' "$f"
check "3 title edited: fixture" grep -q '^title: ".*(đã sửa)"$' "$f"
commit "$src" "2025-11-02T09:00:00+07:00" "Sửa tiêu đề"
rebuild "3 title edited" "$src" "$out"

# 4. A post added.
: warm: the last rebuild above built this source state
cat >"$news/11/bai-moi-them.md" <<'EOF'
---
title: "Bài mới thêm để thử dựng lại"
date: 2025-11-10T08:00:00
tags: ["Cải cách hành chính", "Thử nghiệm"]
unit: "Văn phòng Sở"
---

Nội dung bài mới.
EOF
commit "$src" "2025-11-03T09:00:00+07:00" "Thêm bài mới"
rebuild "4 post added" "$src" "$out"
check "4 post added: its page" [ -f "$out/tin-tuc/bai-moi-them/index.html" ]

# 5. A post deleted: its page folder disappears.
: warm: the last rebuild above built this source state
check "5 post deleted: page there before" [ -d "$out/tin-tuc/kiem-tra-cong-vu-van-hoa-cong-vu" ]
git -C "$src" rm -q content/tin-tuc/2025/05/kiem-tra-cong-vu-van-hoa-cong-vu.md
commit "$src" "2025-11-04T09:00:00+07:00" "Gỡ bài"
rebuild "5 post deleted" "$src" "$out"
check "5 post deleted: page folder left" [ ! -e "$out/tin-tuc/kiem-tra-cong-vu-van-hoa-cong-vu" ]

# 6. Renamed: with git mv and a commit, then with mv (uncommitted).
: warm: the last rebuild above built this source state
git -C "$src" mv content/tin-tuc/2025/03/tap-huan-dich-vu-cong-truc-tuyen.md \
    content/tin-tuc/2025/03/tap-huan-dvc-truc-tuyen.md
commit "$src" "2025-11-05T09:00:00+07:00" "Đổi tên tệp"
rebuild "6 git mv" "$src" "$out"
check "6 git mv: old page folder left" [ ! -e "$out/tin-tuc/tap-huan-dich-vu-cong-truc-tuyen" ]
mv "$news/09/phoi-hop-bao-dai-tuyen-truyen-khoa-hoc-cong-nghe.md" "$news/09/phoi-hop-bao-dai.md"
rebuild "6 mv, uncommitted" "$src" "$out"
check "6 mv: old page folder left" [ ! -e "$out/tin-tuc/phoi-hop-bao-dai-tuyen-truyen-khoa-hoc-cong-nghe" ]
commit "$src" "2025-11-06T09:00:00+07:00" "Đổi tên tệp thứ hai"

# 7. Templates: a layout, a partial, and a comment that changes no output.
warm "$src" "$out"
sed -i 's|<article class="bai">|<article class="bai"><!-- bản sửa -->|' "$src/themes/default/layouts/post.mustache"
check "7 layout: fixture" grep -q 'bản sửa' "$src/themes/default/layouts/post.mustache"
rebuild "7 layout edited" "$src" "$out"
sed -i 's|<footer class="chan-trang">|<footer class="chan-trang"><!-- chân trang sửa -->|' "$src/themes/default/partials/footer.mustache"
check "7 partial: fixture" grep -q 'chân trang sửa' "$src/themes/default/partials/footer.mustache"
rebuild "7 partial edited" "$src" "$out"
printf '{{! chỉ là chú thích }}\n' >>"$src/themes/default/partials/footer.mustache"
rebuild "7 comment added to a partial" "$src" "$out"
commit "$src" "2025-11-07T09:00:00+07:00" "Sửa giao diện"

# 8. A theme static file.
warm "$src" "$out"
printf '/* sửa */\n.thu { color: #000; }\n' >>"$src/themes/default/static/style.css"
rebuild "8 style.css edited" "$src" "$out"
commit "$src" "2025-11-08T09:00:00+07:00" "Sửa CSS"

# 9. site.yaml: the title.
warm "$src" "$out"
sed -i 's/^title: .*/title: Chuyên mục CCHC (tên mới)/' "$src/site.yaml"
check "9 site.yaml: fixture" grep -q '^title: Chuyên mục CCHC (tên mới)$' "$src/site.yaml"
rebuild "9 site title edited" "$src" "$out"
commit "$src" "2025-11-09T09:00:00+07:00" "Đổi tên chuyên mục"

# 10. An image added next to a post and referenced, then removed.
warm "$src" "$out"
printf '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\002\000\000\000\220\167\123\336\000\000\000\014\111\104\101\124\170\234\143\370\317\300\000\000\003\001\001\000\311\376\222\357\000\000\000\000\111\105\116\104\256\102\140\202' \
    >"$news/10/anh-thu.png"
check "10 image: fixture is 69 bytes" [ "$(wc -c <"$news/10/anh-thu.png")" -eq 69 ]
printf '\n![Ảnh thử](anh-thu.png)\n' >>"$news/10/ket-qua-kiem-tra-iso-9001-2025.md"
rebuild "10 image added" "$src" "$out"
check "10 image added: published" [ -n "$(find "$out/anh" -name 'anh-thu-1.*.png')" ]
rm "$news/10/anh-thu.png"
git -C "$src" checkout -q -- content/tin-tuc/2025/10/ket-qua-kiem-tra-iso-9001-2025.md
rebuild "10 image removed" "$src" "$out"
check "10 image removed: gone" [ -z "$(find "$out" -name 'anh-thu*')" ]

# 11. Options: another --today, then --base-url.
: warm: the last rebuild above built this source state
rebuild "11 --today changed" "$src" "$out" --today 2025-12-31
rebuild "11 --base-url changed" "$src" "$out" --today "$TODAY" --base-url https://cchc.vidu.gov.vn/thu/

# 12. The output tampered with: the rebuild restores it.
warm "$src" "$out"
echo "sửa tay" >>"$out/index.html"
rm "$out/tin-tuc/bai-moi-them/index.html"
echo "tệp lạ" >"$out/tep-la.txt"
mkdir -p "$out/thu-muc-la/con" "$out/thu-muc-rong"
echo "tệp lạ" >"$out/thu-muc-la/con/tep.html"
rebuild "12 output tampered with" "$src" "$out"

# 13. The cache damaged, then removed with the output kept.
: warm: the last rebuild above built this source state
n=$(find "$src/.cchc-cache" -type f 2>/dev/null | wc -l)
check "13 cache: .cchc-cache has files ($n)" [ "$n" -gt 0 ]
find "$src/.cchc-cache" -type f | while read -r f; do
	truncate -s $(($(wc -c <"$f") / 2)) "$f"
done
rebuild "13 cache truncated" "$src" "$out"
find "$src/.cchc-cache" -type f | while read -r f; do
	printf 'rác\000\377{"x": [garbage\n---\n' >"$f"
done
rebuild "13 cache overwritten with garbage" "$src" "$out"
rm -rf "$src/.cchc-cache"
rebuild "13 cache removed" "$src" "$out"

# 14. Two source trees built alternately into the same --out (A, B, A);
# then A into a second folder after an edit, and back into the first.
srcb="$SCRATCH/src-b"
cp -R "$src" "$srcb"
rm -rf "$srcb/.cchc-cache"
sed -i 's/^title: .*/title: Nguồn B/' "$srcb/site.yaml"
git -C "$srcb" rm -q content/tin-tuc/2025/07/ket-qua-cchc-6-thang-dau-nam-2025.md
sed -i '2s/"$/ (nguồn B)"/' "$srcb/content/tin-tuc/2025/01/hoi-nghi-tong-ket-cchc-2024.md"
printf '.b { color: red; }\n' >>"$srcb/themes/default/static/style.css"
commit "$srcb" "2025-11-10T09:00:00+07:00" "Nguồn B"
: warm: the last rebuild above built this source state
rebuild "14 B after A" "$srcb" "$out"
rebuild "14 A after B" "$src" "$out"
out2="$SCRATCH/public2"
warm "$src" "$out2"
echo "Thêm một câu cho thư mục thứ hai." >>"$news/02/ban-hanh-ke-hoach-tuyen-truyen-cchc-2025.md"
rebuild "14 edit, second --out" "$src" "$out2"
rebuild "14 edit, back to the first --out" "$src" "$out"
commit "$src" "2025-11-11T09:00:00+07:00" "Bổ sung bài kế hoạch"

# 15. A failing rebuild leaves the output as it was; fixed, it rebuilds.
warm "$src" "$out"
f="$news/04/hoi-nghi-phan-tich-par-index-sipas-2024.md"
sed -i '3s/.*/date: 2025-13-45/' "$f"
check "15 bad date: fixture" grep -q '^date: 2025-13-45$' "$f"
broken "15 bad date" "$src" "$out"
git -C "$src" checkout -q -- content/tin-tuc/2025/04/hoi-nghi-phan-tich-par-index-sipas-2024.md
rebuild "15 bad date fixed" "$src" "$out"
echo "Câu mới trước khi hỏng." >>"$f"
sed -i '2,${/^---$/d}' "$f"
check "15 unclosed front matter: fixture" [ "$(grep -c '^---$' "$f")" -eq 1 ]
broken "15 unclosed front matter" "$src" "$out"
git -C "$src" checkout -q -- content/tin-tuc/2025/04/hoi-nghi-phan-tich-par-index-sipas-2024.md
echo "Câu mới sau khi sửa." >>"$f"
rebuild "15 unclosed front matter fixed, body edited" "$src" "$out"
# A page known clean to the cache, then a byte that is not UTF-8 in it:
# the new bytes are checked (and the error names the line and column).
printf 'Câu h\377ng.\n' >>"$f"
broken "15 invalid UTF-8" "$src" "$out"
check "15 invalid UTF-8 is named: $(cat "$SCRATCH/err")" grep -q "hoi-nghi-phan-tich-par-index-sipas-2024.md:[0-9]*:[0-9]*: lỗi: tệp không phải văn bản UTF-8" "$SCRATCH/err"
sed -i '$d' "$f"
echo "Câu mới sau khi sửa." >>"$f"
rebuild "15 invalid UTF-8 fixed" "$src" "$out"
# A procedure with a section that is not one of the standard eleven:
# the error comes from the cached split too, the second time, word for word.
proc=$(ls "$src"/content/thu-tuc/*.md | head -n 1)
cp "$proc" "$SCRATCH/proc.md"
printf '\n## Mục không có trong mẫu\n\nNội dung.\n' >>"$proc"
broken "15 unknown procedure section" "$src" "$out"
cp "$SCRATCH/err" "$SCRATCH/err.first"
check "15 unknown section is named: $(cat "$SCRATCH/err")" grep -q "thu-tuc/.*:[0-9]*:[0-9]*: lỗi:" "$SCRATCH/err"
broken "15 unknown procedure section, again" "$src" "$out"
check "15 the same messages from the cache: $(diff "$SCRATCH/err.first" "$SCRATCH/err")" cmp -s "$SCRATCH/err.first" "$SCRATCH/err"
cp "$SCRATCH/proc.md" "$proc"
rebuild "15 procedure fixed" "$src" "$out"
commit "$src" "2025-11-12T09:00:00+07:00" "Sửa bài hội nghị"

# 16. --jobs 1 and --jobs 4 from the same warm state, after the same edit.
out3="$SCRATCH/public3"
out4="$SCRATCH/public4"
warm "$src" "$out3" --today "$TODAY" --jobs 1
warm "$src" "$out4" --today "$TODAY" --jobs 4
sed -i '2s/"$/ (bản mới)"/' "$news/11/kiem-tra-cong-tac-giai-quyet-thu-tuc-hanh-chinh.md"
echo "Một câu nữa." >>"$news/03/bao-cao-cchc-quy-i-2025.md"
commit "$src" "2025-11-13T09:00:00+07:00" "Sửa hai bài"
rebuild "16 --jobs 1" "$src" "$out3" --today "$TODAY" --jobs 1
rebuild "16 --jobs 4" "$src" "$out4" --today "$TODAY" --jobs 4
same "$out3" "$out4"
j_rc=$?
check "16 --jobs 1 and --jobs 4 differ: $(head -c 1500 "$SCRATCH/diff")" [ "$j_rc" -eq 0 ]

# 17. Nothing changed since a build that warned: the rebuild stops early
# but says the same messages (an uncommitted post warns), and the summary
# line says nothing changed; then one change: a real rebuild again.
echo "Bản nháp chưa commit." >>"$news/03/bao-cao-cchc-quy-i-2025.md"
cchc build --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err1"
m_rc=$?
check "17 build with a warning: exit $m_rc" [ "$m_rc" -eq 0 ]
check "17 the first build warns: $(cat "$SCRATCH/err1")" grep -q "chưa được commit" "$SCRATCH/err1"
snap "$out" "$SCRATCH/snap.before"
cchc build --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err2"
m_rc=$?
check "17 unchanged rebuild: exit $m_rc" [ "$m_rc" -eq 0 ]
grep -v '^cchc: đã tạo' "$SCRATCH/err1" >"$SCRATCH/msg1"
grep -v '^cchc: đã tạo' "$SCRATCH/err2" >"$SCRATCH/msg2"
check "17 the same messages again: $(diff "$SCRATCH/msg1" "$SCRATCH/msg2")" cmp -s "$SCRATCH/msg1" "$SCRATCH/msg2"
check "17 the summary says nothing changed: $(tail -n 1 "$SCRATCH/err2")" grep -q "không có gì thay đổi" "$SCRATCH/err2"
snap "$out" "$SCRATCH/snap.after"
check "17 nothing touched" cmp -s "$SCRATCH/snap.before" "$SCRATCH/snap.after"
cchc build --source "$src" --out "$out" --today 2025-11-21 2>"$SCRATCH/err3"
m_rc=$?
check "17 rebuild with another --today: exit $m_rc" [ "$m_rc" -eq 0 ]
check "17 a built summary: $(tail -n 1 "$SCRATCH/err3")" grep -q '^cchc: đã tạo' "$SCRATCH/err3"
check "17 another --today is not 'nothing changed'" sh -c "! grep -q 'không có gì thay đổi' '$SCRATCH/err3'"
cold "$src" "$SCRATCH/cold" --today 2025-11-21
m_rc=$?
check "17 cold build with another --today: exit $m_rc: $(cat "$SCRATCH/err")" [ "$m_rc" -eq 0 ]
same "$out" "$SCRATCH/cold"
m_rc=$?
check "17 another --today: output differs from a cold build: $(head -c 1500 "$SCRATCH/diff")" [ "$m_rc" -eq 0 ]

# 18. A file is known by its stamp (size, times, inode) only once it is
# older than the last save by STAMPS_RACY (2 s); then a change in place of
# the same size, with its modification time put back, is still seen (its
# change time moved).  Outside git, so that git status cannot see it first.
ng="$SCRATCH/nogit"
ngout="$SCRATCH/nogit-out"
rm -rf "$ng"
mkdir -p "$ng"
git -C "$src" checkout -q -- content
cp -R "$src/site.yaml" "$src/content" "$src/plans" "$src/themes" "$ng/"
g="$ng/content/tin-tuc/2025/03/bao-cao-cchc-quy-i-2025.md"
touch -d '2025-01-02 08:00:00' "$g"
sleep 3
warm "$ng" "$ngout"
warm "$ng" "$ngout"
sleep 3
cp -p "$g" "$SCRATCH/g.md"
# In place (same inode), as an editor that rewrites a file would.
sed 's/tiếp nhận 96/tiếp nhận 97/' "$SCRATCH/g.md" | dd of="$g" conv=notrunc status=none
touch -r "$SCRATCH/g.md" "$g"
st_new=$(stat -c '%s %Y %i' "$g")
st_old=$(stat -c '%s %Y %i' "$SCRATCH/g.md")
check "18 fixture: same size, mtime and inode ($st_new)" [ "$(stat -c '%s %Y' "$g")" = "$(stat -c '%s %Y' "$SCRATCH/g.md")" ]
check "18 fixture: other bytes" sh -c "! cmp -s '$g' '$SCRATCH/g.md'"
rebuild "18 same size and mtime, other bytes" "$ng" "$ngout"
check "18 the page has the new text" grep -rq "tiếp nhận 97" "$ngout/tin-tuc"

# 19. Faults injected into the output stage of an update build (the test
# binary; generator/fault.c): a template changed so that every page is
# written again, then each step of the commit made to fail.  Exit 1 with
# the step's message; the previous output keeps its bytes, inodes and
# times; nothing is left beside it.  Exit 97-99 (a sanitizer) is a
# failure like any other status than 1.
# faulty NAME SPEC PATTERN SRC OUT
faulty() {
	snap "$5" "$SCRATCH/snap.before"
	cchc_fault "$2" build --quiet --source "$4" --out "$5" --today "$TODAY" 2>"$SCRATCH/err"
	f_rc=$?
	check "$1: exit $f_rc, want 1: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 1 ]
	check "$1: message lacks '$3': $(cat "$SCRATCH/err")" grep -q "$3" "$SCRATCH/err"
	check "$1: the last line says the output is as it was" \
	    grep -q 'vẫn giữ nguyên như trước' "$SCRATCH/err"
	snap "$5" "$SCRATCH/snap.after"
	check "$1: previous output's bytes changed" \
	    cmp -s "$SCRATCH/snap.before.sum" "$SCRATCH/snap.after.sum"
	check "$1: previous output's files rewritten (inode or mtime changed)" \
	    cmp -s "$SCRATCH/snap.before" "$SCRATCH/snap.after"
	leftovers "$1" "$5"
}
git -C "$src" checkout -q -- .
warm "$src" "$out"
check "19 the update build has a manifest to trust" [ -n "$(ls "$src/.cchc-cache"/output-* 2>/dev/null)" ]
echo '<!-- 19 -->' >>"$src/themes/default/layouts/post.mustache"
faulty "19 first output write fails" write:1 'không ghi được tệp đầu ra' "$src" "$out"
faulty "19 a later output write fails" write:9 'không ghi được tệp đầu ra' "$src" "$out"
faulty "19 staging folder not made readable" chmod 'không đặt được quyền 0755' "$src" "$out"
faulty "19 a kept file not linked into the new tree" link:5 'không đưa được tệp giữ nguyên' "$src" "$out"
faulty "19 old manifest not removable" unlink 'không xóa được danh sách tệp đầu ra' "$src" "$out"
faulty "19 the swap fails" swap 'không thay được thư mục đầu ra' "$src" "$out"
faulty "19 no RENAME_EXCHANGE, second rename fails" exchange,swap 'không đưa được thư mục mới vào chỗ' "$src" "$out"
# After all that, the update goes through and equals a cold build.
rebuild "19 after the faults" "$src" "$out"
git -C "$src" checkout -q -- .

# 20. The source stamps cannot be saved (a folder stands where the file
# goes): only a cache, so a warning, and the build goes on.
rm -rf "$src/.cchc-cache/sources"
mkdir -p "$src/.cchc-cache/sources/x"
build "$src" "$out"
s_rc=$?
check "20 stamps not saved: exit $s_rc: $(cat "$SCRATCH/err")" [ "$s_rc" -eq 0 ]
check "20 stamps not saved: a warning: $(cat "$SCRATCH/err")" grep -q 'cảnh báo: không lưu được bộ nhớ đệm .*sources' "$SCRATCH/err"
rm -rf "$src/.cchc-cache/sources"

# 21. The spare: the previous output, kept beside it as .<out>.cchc-spare
# (hard links to the same files) and brought up to date after each
# update, which the next update edits and swaps in instead of linking
# every file anew.
sp="$(dirname "$out")/.$(basename "$out").cchc-spare"
post="$news/06/toa-dam-cai-cach-hanh-chinh-gan-voi-chuyen-doi-so.md"
# inodes DIR: "path inode" of every file but the spare's marker, sorted.
inodes() { (cd "$1" && find . -type f ! -name .cchc-spare -printf '%P %i\n') | LC_ALL=C sort; }
# spare_ok NAME: a clean spare that mirrors the output, file for file and
# inode for inode.
spare_ok() {
	check "$1: no clean spare beside the output" [ -f "$sp/.cchc-spare" ]
	check "$1: the spare differs from the output: $(diff -r -x .cchc-spare "$out" "$sp" 2>&1 | head -c 600)" \
	    diff -r -x .cchc-spare "$out" "$sp"
	inodes "$out" >"$SCRATCH/ino.out"
	inodes "$sp" >"$SCRATCH/ino.sp"
	check "$1: the spare's files are not the output's (inodes)" cmp -s "$SCRATCH/ino.out" "$SCRATCH/ino.sp"
}
n21=0
# edit21: one more sentence in a post.
edit21() { n21=$((n21 + 1)); echo "Câu thử số $n21 cho bản dự phòng." >>"$post"; }
git -C "$src" checkout -q -- .
rm -rf "$sp"
warm "$src" "$out"
edit21
rebuild "21 first update" "$src" "$out"
spare_ok "21 after the first update"
sp_dir=$(stat -c %i "$sp")
edit21
rebuild "21 second update, from the spare" "$src" "$out"
check "21 the second update swapped the spare in (folder inode $sp_dir, output $(stat -c %i "$out"))" \
    [ "$(stat -c %i "$out")" = "$sp_dir" ]
spare_ok "21 after the second update"
check "21 the new page is in the output" grep -rq "Câu thử số 2 cho bản dự phòng" "$out/tin-tuc"
# A dirty spare (no marker: its editing was cut short) is not used.
rm "$sp/.cchc-spare"
sp_dir=$(stat -c %i "$sp")
# Held open, the dirty spare's folder keeps its inode number while the
# build removes it (out_sweep, first thing): the build's new folder cannot
# be given the same number, which would look like the spare swapped in.
exec 9<"$sp"
edit21
rebuild "21 dirty spare" "$src" "$out"
check "21 the dirty spare was not swapped in" [ "$(stat -c %i "$out")" != "$sp_dir" ]
exec 9<&-
spare_ok "21 after the dirty spare"
# A stale spare (its marker names another manifest), with a file of its
# own and a page changed in it: not used, nothing of it in the output.
printf 'cchc-spare 0123456789abcdef\n' >"$sp/.cchc-spare"
echo lạ >"$sp/la.html"
sp_page=$(cd "$sp" && find tin-tuc -name index.html | head -n 1)
rm "$sp/$sp_page"
echo 'sửa trong bản dự phòng' >"$sp/$sp_page"
sp_dir=$(stat -c %i "$sp")
edit21
rebuild "21 stale spare" "$src" "$out"
check "21 the stale spare was not swapped in" [ "$(stat -c %i "$out")" != "$sp_dir" ]
check "21 the stale spare's file is not in the output" [ ! -e "$out/la.html" ]
spare_ok "21 after the stale spare"
# A user edits a page of the output in place: the same inode is the
# spare's, whose copy changes too.  The build puts the page right by a new
# file, and no spare keeps the edit.
u_page="$out/$sp_page"
printf '<!-- sửa tay -->\n' >>"$u_page"
check "21 fixture: the edit shows in the spare (shared inode)" grep -q 'sửa tay' "$sp/$sp_page"
edit21
rebuild "21 output edited in place" "$src" "$out"
check "21 the edit is gone from the output" sh -c "! grep -q 'sửa tay' '$u_page'"
check "21 no spare keeps the edit" sh -c "! grep -rq 'sửa tay' '$sp' 2>/dev/null"
edit21
rebuild "21 update after the edit" "$src" "$out"
spare_ok "21 after the edit"
# A fault while the old tree is brought up to date: the site is right, the
# old tree removed instead; killed there, the next build removes it.
edit21
cchc_fault spare build --quiet --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err"
f_rc=$?
check "21 spare fault: exit $f_rc, want 0: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 0 ]
cold "$src" "$SCRATCH/cold"
check "21 spare fault: output differs from a cold build: $(diff -r "$out" "$SCRATCH/cold" 2>&1 | head -c 600)" \
    diff -r "$out" "$SCRATCH/cold"
check "21 spare fault: no spare left" [ ! -e "$sp" ]
leftovers "21 spare fault" "$out"
edit21
rebuild "21 after the spare fault" "$src" "$out"
spare_ok "21 after the spare fault"
edit21
cchc_fault stop-spare build --quiet --source "$src" --out "$out" --today "$TODAY" 2>"$SCRATCH/err"
f_rc=$?
check "21 killed while making the spare: exit $f_rc, want 137" [ "$f_rc" -eq 137 ]
cold "$src" "$SCRATCH/cold"
check "21 killed while making the spare: output is the new tree" diff -r "$out" "$SCRATCH/cold"
check "21 killed while making the spare: no clean spare" [ ! -f "$sp/.cchc-spare" ]
edit21
cchc build --source "$src" --out "$out" --today "$TODAY" >/dev/null 2>"$SCRATCH/err"
f_rc=$?
check "21 after the kill: exit $f_rc: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 0 ]
check "21 after the kill: the half-made spare removed, with a note" grep -q 'ghi chú: đã xóa .*\.tmp-' "$SCRATCH/err"
cold "$src" "$SCRATCH/cold"
check "21 after the kill: output differs from a cold build" diff -r "$out" "$SCRATCH/cold"
leftovers "21 after the kill" "$out"
spare_ok "21 after the kill"
git -C "$src" checkout -q -- .

# 22. The clean cache (.cchc-cache/clean: the content hashes of the pages
# known to be valid NFC UTF-8, a sealed cache file).  A rebuild that parses
# the same pages reads it back and so leaves it as it is; a damaged one
# (body, checksum, version, cut short) is ignored: the rebuild is still
# right, with no message, and writes a whole one again.
clean="$src/.cchc-cache/clean"
cstamp() { stat --printf '%i %y' "$1"; }
# flip FILE OFFSET: changes the byte at OFFSET.
flip() {
	f_b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $(( (f_b + 1) % 256 )))" |
	    dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
warm "$src" "$out"
check "22 the clean cache is a sealed CCHCCLEN file" [ "$(head -c 8 "$clean")" = CCHCCLEN ]
c_before=$(cstamp "$clean")
# Another --today: the pages are parsed again (no shortcut), same bytes.
rebuild "22 pages parsed again" "$src" "$out" --today 2025-11-21
check "22 the clean cache was read back, not rewritten" [ "$(cstamp "$clean")" = "$c_before" ]
n22=0
for where in 40 28 8 cut; do
	n22=$((n22 + 1))
	if [ "$where" = cut ]; then
		head -c 30 "$clean" >"$SCRATCH/clean.cut"
		cat "$SCRATCH/clean.cut" >"$clean"
	else
		flip "$clean" "$where"
	fi
	c_before=$(cstamp "$clean")
	rebuild "22 clean cache damaged at $where" "$src" "$out" --today "2025-11-2$((n22 + 1))"
	# The sample site's draft, committed in January, is said to be stale
	# (a warning of every build of this history): no other message.
	grep -v ': cảnh báo: bản nháp (draft: true) không được sửa từ ngày 02/01/2025' \
	    "$SCRATCH/err" >"$SCRATCH/err22"
	check "22 damaged at $where: no message: $(cat "$SCRATCH/err22")" [ ! -s "$SCRATCH/err22" ]
	check "22 damaged at $where: ignored and written again" [ "$(cstamp "$clean")" != "$c_before" ]
	c_before=$(cstamp "$clean")
	rebuild "22 after the damage at $where" "$src" "$out" --today 2025-11-20
	check "22 after the damage at $where: the new clean cache is whole" [ "$(cstamp "$clean")" = "$c_before" ]
done

finish incremental
