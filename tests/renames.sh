#!/bin/sh
# tests/renames.sh - renames as git decides them.  Histories made here
# (fixed names and dates, a fixed pseudo-random sequence) are read by
# cchc (build/tests/renames_dump, history_read) and by the git CLI
# (git log --first-parent -M); the renames must be the same, commit by
# commit.  Then the thresholds on both sides of 50 % and 75 %, and the
# "Bài c / Bài d" regression in a built site.
. "$(dirname "$0")/lib.sh"
scratch
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Nguyễn Văn An" GIT_AUTHOR_EMAIL=a@example.gov.vn
export GIT_COMMITTER_NAME="Nguyễn Văn An" GIT_COMMITTER_EMAIL=a@example.gov.vn
DUMP="$TOP/$BUILD/tests/renames_dump"
# One clock for every commit: a minute later each time.
clock=1735689600	# 2025-01-01 07:00 +07:00

if [ ! -x "$DUMP" ]; then
	fail "$DUMP is missing (make unit)"
	finish renames
	exit 1
fi

# new NAME: an empty repository $repo.
new() {
	repo="$SCRATCH/$1"
	git init -q -b main "$repo"
}
# commit MESSAGE: commits everything at the next minute.
commit() {
	clock=$((clock + 60))
	git -C "$repo" add -A
	GIT_AUTHOR_DATE="@$clock +0700" GIT_COMMITTER_DATE="@$clock +0700" \
	    git -C "$repo" commit -q --allow-empty -m "$1"
}
# put PATH: standard input into $repo/PATH.
put() {
	mkdir -p "$(dirname "$repo/$1")"
	cat >"$repo/$1"
}
# Renames git finds, "<commit> R100|R <old> <new>", pages only (a page
# renamed to another file is a removal for cchc), sorted.
# With $pfx ("site/"), the source root is that folder: paths below it.
pfx=
git_renames() {
	git -C "$repo" -c core.quotePath=false log --first-parent \
	    --diff-merges=first-parent -M --diff-filter=R --name-status \
	    --format='C %H' |
	awk -F '\t' -v p="$pfx" '/^C /{ c = substr($0, 3); next }
	    /^R/ && substr($2, 1, length(p)) == p && substr($3, 1, length(p)) == p {
		o = substr($2, length(p) + 1); n = substr($3, length(p) + 1)
		if (o ~ /^(content|plans)\/.*\.md$/ && n ~ /^(content|plans)\/.*\.md$/ &&
		    o !~ /\/[.#]/ && n !~ /\/[.#]/)
			print c, ($1 == "R100" ? "R100" : "R"), o, n }' | LC_ALL=C sort
}
# cchc_renames: the same from cchc; the helper's exit status in $rc.
cchc_renames() {
	$CCHC_WRAP "$DUMP" "$repo/$pfx" >"$SCRATCH/dump" 2>"$SCRATCH/dump.err"
	rc=$?
	LC_ALL=C sort "$SCRATCH/dump"
}
# same NAME [MIN]: cchc's renames are git's (at least MIN of them, so
# that the history tests something).
same() {
	git_renames >"$SCRATCH/git.txt"
	cchc_renames >"$SCRATCH/cchc.txt"
	check "$1: renames_dump exit $rc: $(cat "$SCRATCH/dump.err")" [ "$rc" -eq 0 ]
	if cmp -s "$SCRATCH/git.txt" "$SCRATCH/cchc.txt"; then
		ok
	else
		fail "$1: cchc's renames differ from git's (< git, > cchc):"
		diff "$SCRATCH/git.txt" "$SCRATCH/cchc.txt" | sed 's/^/    /' >&2
	fi
	n=$(wc -l <"$SCRATCH/git.txt")
	check "$1: git found $n renames, want at least ${2:-1}" [ "$n" -ge "${2:-1}" ]
}
# follows PATH: the page's commits are git log --follow's.
follows() {
	git -C "$repo" log --first-parent --follow --format=%H -- "$1" >"$SCRATCH/f.git"
	$CCHC_WRAP "$DUMP" -f "$repo" "$1" >"$SCRATCH/f.cchc" 2>"$SCRATCH/dump.err"
	rc=$?
	check "follow $1: renames_dump exit $rc: $(cat "$SCRATCH/dump.err")" [ "$rc" -eq 0 ]
	check "follow $1: history differs from git log --follow" \
	    cmp -s "$SCRATCH/f.git" "$SCRATCH/f.cchc"
	n=$(wc -l <"$SCRATCH/f.git")
	check "follow $1: $n commits, want at least 3" [ "$n" -ge 3 ]
}
# lines FROM TO PREFIX: 10-byte lines "PREFIX%08d\n"... one byte prefix.
lines() {
	i=$1
	while [ "$i" -le "$2" ]; do printf '%s%08d\n' "$3" "$i"; i=$((i + 1)); done
}
# A page from the monthly template: month MM, title and date differ.
monthly() { # monthly MM
	printf -- '---\ntitle: "Kết quả cải cách hành chính tháng %s/2024"\ndate: 2024-%s-28\nunit: Văn phòng Sở\n---\n' "$1" "$1"
	printf 'Sở Nội vụ thông báo kết quả thực hiện cải cách hành chính tháng %s.\n\n' "$1"
	printf 'Hồ sơ tiếp nhận đúng hạn, trả kết quả qua dịch vụ công trực tuyến.\n'
}
# A longer post: TITLE, N paragraphs from seed S.
long() { # long TITLE N S
	printf -- '---\ntitle: "%s"\n---\n' "$1"
	k=0
	while [ "$k" -lt "$2" ]; do
		printf 'Đoạn %d của bài %s: rà soát, đơn giản hóa thủ tục hành chính (%d).\n\n' "$k" "$3" $((k * 7 + $3))
		k=$((k + 1))
	done
}

# 1. Tiny files: identical, 1 and 2 bytes, empty ones, one at exactly 50 %.
new tiny
printf 'a\n' | put content/a.md
printf 'b\n' | put content/b.md
printf 'x' | put content/x.md
: | put content/e1.md
: | put content/e2.md
printf 'q\n' | put content/q.md
printf 'cùng\n' | put content/dup/a.md
printf 'cùng\n' | put content/dup/b.md
commit "Tệp nhỏ"
git -C "$repo" mv content/a.md content/a2.md
git -C "$repo" rm -q content/b.md
printf 'b\nc\n' | put content/bc.md		# 2 of 4 bytes: 50 %
git -C "$repo" mv content/x.md content/y.md
mkdir -p "$repo/content/sub"
git -C "$repo" mv content/e1.md content/sub/e1.md
git -C "$repo" mv content/e2.md content/e3.md
git -C "$repo" rm -q content/q.md
printf 'r\n' | put content/r.md		# nothing in common
# Of two identical deleted files, the one with the same basename.
git -C "$repo" rm -q content/dup/a.md content/dup/b.md
printf 'cùng\n' | put content/dup2/b.md
commit "Đổi tên tệp nhỏ"
same tiny 6
check "tiny: dup/b.md -> dup2/b.md" grep -q " R100 content/dup/b.md content/dup2/b.md" "$SCRATCH/cchc.txt"
check "tiny: q.md -> r.md is no rename" sh -c '! grep -q "content/r.md" "$1"' - "$SCRATCH/cchc.txt"

# 2. Monthly posts from one template, some replaced by the next month's,
# a rename with edits, unrelated deletes and adds, a folder moved at once.
new monthly
for m in 01 02 03 04; do monthly $m | put content/tin-tuc/2024/thang-$m.md; commit "Tin tháng $m"; done
for m in 05 06 07 08 09; do
	p=$(printf '%02d' $((${m#0} - 4)))
	git -C "$repo" rm -q "content/tin-tuc/2024/thang-$p.md"
	monthly $m | put content/tin-tuc/2024/thang-$m.md
	commit "Tin tháng $m, gỡ tháng $p"
done
long "Hướng dẫn nộp hồ sơ" 12 3 | put content/huong-dan/nop-ho-so.md
commit "Hướng dẫn"
printf 'Cập nhật mẫu đơn.\n' >>"$repo/content/huong-dan/nop-ho-so.md"
commit "Sửa hướng dẫn"
git -C "$repo" mv content/huong-dan/nop-ho-so.md content/huong-dan/nop-ho-so-truc-tuyen.md
sed -i 's/(3)/(3, sửa)/; s/(10)/(10, sửa)/' "$repo/content/huong-dan/nop-ho-so-truc-tuyen.md"
commit "Đổi tên và sửa hướng dẫn"
for k in 1 2 3 4 5; do long "Văn bản $k" 6 $((k * 10)) | put content/van-ban/vb-$k.md; done
long "Mục lục" 4 99 | put content/van-ban/index.md
long "Mục lục khác" 4 98 | put content/thu-tuc/index.md
commit "Văn bản"
printf 'Hiệu lực từ 01/7.\n' >>"$repo/content/van-ban/vb-1.md"
commit "Sửa văn bản 1"
git -C "$repo" mv content/van-ban content/tai-lieu
git -C "$repo" mv content/thu-tuc/index.md content/tai-lieu/thu-tuc.md
sed -i 's/(17)/(17, sửa)/' "$repo/content/tai-lieu/vb-1.md"
long "Văn bản 2, viết lại" 6 77 >"$repo/content/tai-lieu/vb-2.md"
commit "Chuyển thư mục văn bản"
same monthly 8
follows content/huong-dan/nop-ho-so-truc-tuyen.md
follows content/tai-lieu/vb-1.md

# 3. Pseudo-random history (fixed LCG): posts from the template and longer
# ones added, edited, renamed with and without edits, removed, replaced.
new random
seed=20250615
rnd() { # rnd N: 0..N-1 in $r
	seed=$(((seed * 1103515245 + 12345) % 2147483648))
	r=$(((seed / 65536) % $1))
}
serial=0
for c in $(seq 1 60); do
	rnd 6
	live=$(cd "$repo" && find content -name '*.md' 2>/dev/null | LC_ALL=C sort)
	nlive=$(printf '%s\n' "$live" | grep -c .)
	pick() { rnd "$nlive"; f=$(printf '%s\n' "$live" | sed -n "$((r + 1))p"); }
	if [ "$nlive" -lt 3 ] || [ "$r" -eq 0 ]; then
		serial=$((serial + 1)); rnd 12
		monthly $(printf '%02d' $((r + 1))) | put content/tin/bai-$serial.md
	elif [ "$r" -eq 1 ]; then
		serial=$((serial + 1)); rnd 30
		long "Bài $serial" $((r + 2)) "$serial" | put content/bai/$serial.md
	elif [ "$r" -eq 2 ]; then
		pick; serial=$((serial + 1)); mkdir -p "$repo/content/moi"
		git -C "$repo" mv "$f" "content/moi/ten-$serial.md"
	elif [ "$r" -eq 3 ]; then
		pick; serial=$((serial + 1)); mkdir -p "$repo/content/moi"
		git -C "$repo" mv "$f" "content/moi/sua-$serial.md"
		printf 'Bổ sung %d.\n' "$serial" >>"$repo/content/moi/sua-$serial.md"
	elif [ "$r" -eq 4 ]; then
		pick; git -C "$repo" rm -q "$f"
		serial=$((serial + 1)); rnd 12
		monthly $(printf '%02d' $((r + 1))) | put content/tin/thay-$serial.md
	else
		pick; printf 'Sửa lần %d.\n' "$c" >>"$repo/$f"
	fi
	commit "Thay đổi $c"
done
same random 10

# 4. Merges: a side branch's renames show at the merge (first parent).
new merges
long "Quy chế" 10 5 | put plans/quy-che.md
long "Kế hoạch" 10 6 | put plans/ke-hoach.md
commit "Khởi tạo"
git -C "$repo" checkout -q -b nhanh
git -C "$repo" mv plans/quy-che.md plans/quy-che-2025.md
commit "Đổi tên quy chế trên nhánh"
sed -i 's/(12)/(12, sửa)/' "$repo/plans/quy-che-2025.md"
mkdir -p "$repo/plans/2025"
git -C "$repo" mv plans/ke-hoach.md plans/2025/ke-hoach.md
commit "Chuyển kế hoạch trên nhánh"
git -C "$repo" checkout -q main
long "Báo cáo" 8 7 | put plans/bao-cao.md
commit "Báo cáo trên main"
clock=$((clock + 60))
GIT_AUTHOR_DATE="@$clock +0700" GIT_COMMITTER_DATE="@$clock +0700" \
    git -C "$repo" merge -q --no-ff -m "Gộp nhánh" nhanh
git -C "$repo" mv plans/bao-cao.md plans/bao-cao-quy.md
commit "Đổi tên báo cáo"
same merges 3

# 5. Pages and other files: git pairs a page with the .txt it became, so
# it is no rename to the near page added beside it (a removal for cchc).
new others
long "Gốc" 10 1 | put content/goc.md
commit "Gốc"
git -C "$repo" mv content/goc.md content/goc.txt
long "Gốc" 10 1 | sed 's/(8)/(8, sửa)/' | put content/goc-moi.md
commit "Thành tệp văn bản"
git_renames >"$SCRATCH/git.txt"
cchc_renames >"$SCRATCH/cchc.txt"
check "others: renames_dump exit $rc" [ "$rc" -eq 0 ]
check "others: git pairs goc.md with goc.txt" \
    sh -c 'git -C "$1" log -1 -M --name-status --format= | grep -q "^R100	content/goc.md	content/goc.txt"' - "$repo"
check "others: cchc pairs goc.md with no page" [ ! -s "$SCRATCH/cchc.txt" ]
check "others: same as git" cmp -s "$SCRATCH/git.txt" "$SCRATCH/cchc.txt"

# The same below a source root in a subfolder, with files outside it:
# git pairs site/content/x.md with the identical docs/x.md, not with the
# near site/content/y.md.
new subfolder
pfx=site/
long "Bài A" 10 1 | put site/content/a.md
long "Bài X" 10 2 | put site/content/x.md
commit "Khởi tạo"
git -C "$repo" mv site/content/a.md site/content/bai-a.md
sed -i 's/(8)/(8, sửa)/' "$repo/site/content/bai-a.md"
mkdir -p "$repo/docs"
git -C "$repo" mv site/content/x.md docs/x.md
long "Bài X" 10 2 | sed 's/(9)/(9, sửa)/' | put site/content/y.md
commit "Sắp xếp"
same subfolder 1
check "subfolder: x.md is no rename for cchc" sh -c '! grep -q "x.md" "$1"' - "$SCRATCH/cchc.txt"
check "subfolder: git pairs x.md with docs/x.md" \
    sh -c 'git -C "$1" log -1 -M --name-status --format= | grep -q "^R100	site/content/x.md	docs/x.md"' - "$repo"
pfx=

# 6. Thresholds: 100 lines of 10 bytes, the first K the same.  git's
# score is 600 K of 60000: 49 % no rename; 50 % and 51 % renames.
new threshold
for k in 49 50 51; do lines 1 100 c | put content/b/cu-$k.md; done
commit "Bản cũ"
for k in 49 50 51; do
	git -C "$repo" rm -q content/b/cu-$k.md
	{ lines 1 "$k" c; lines $((k + 1)) 100 d; } | put content/b/moi-$k.md
	commit "Bản mới $k"
done
same threshold 2
for k in 49 50 51; do
	if [ "$k" -ge 50 ]; then want=1; else want=0; fi
	n=$(grep -c "content/b/cu-$k.md content/b/moi-$k.md" "$SCRATCH/git.txt")
	check "threshold: git at $k % says rename=$n, want $want" [ "$n" -eq "$want" ]
	n=$(grep -c "content/b/cu-$k.md content/b/moi-$k.md" "$SCRATCH/cchc.txt")
	check "threshold: cchc at $k % says rename=$n, want $want" [ "$n" -eq "$want" ]
done

# 7. Unique basenames pair first from 75 %: tin.md moves to b/ at K %
# similar, beside a 95 % similar khac.md.  From 75 % the basename wins;
# at 74 % the better khac.md does.
new basename
for k in 74 75 76; do lines 1 100 c | put content/a$k/tin.md; done
commit "Bản cũ"
for k in 74 75 76; do
	git -C "$repo" rm -q content/a$k/tin.md
	{ lines 1 "$k" c; lines $((k + 1)) 100 d; } | put content/b$k/tin.md
	{ lines 1 95 c; lines 96 100 e; } | put content/b$k/khac.md
	commit "Chuyển $k"
done
same basename 3
for k in 74 75 76; do
	if [ "$k" -ge 75 ]; then want=tin; else want=khac; fi
	n=$(grep -c "content/a$k/tin.md content/b$k/$want.md" "$SCRATCH/git.txt")
	check "basename: git at $k % pairs with $want.md" [ "$n" -eq 1 ]
	n=$(grep -c "content/a$k/tin.md content/b$k/$want.md" "$SCRATCH/cchc.txt")
	check "basename: cchc at $k % pairs with $want.md" [ "$n" -eq 1 ]
done

# 8. A last line without a newline counts (git >= 2.44; 2.39 drops it):
# "1\n" + 40 z against "2\n" + 40 z is 40 of 42 bytes alike.
new lastline
{ printf '1\n'; printf 'z%.0s' $(seq 1 40); } | put content/p.md
commit "Không xuống dòng"
git -C "$repo" rm -q content/p.md
{ printf '2\n'; printf 'z%.0s' $(seq 1 40); } | put content/q.md
commit "Sửa và đổi tên"
cchc_renames >"$SCRATCH/cchc.txt"
check "lastline: renames_dump exit $rc" [ "$rc" -eq 0 ]
check "lastline: cchc pairs p.md -> q.md" grep -q " R content/p.md content/q.md" "$SCRATCH/cchc.txt"
git_renames >"$SCRATCH/git.txt"
gv=$(git --version | sed -E 's/^git version ([0-9]+)\.([0-9]+).*/\1 \2/')
if [ "${gv% *}" -gt 2 ] || [ "${gv#* }" -ge 44 ]; then
	check "lastline: same as git $gv" cmp -s "$SCRATCH/git.txt" "$SCRATCH/cchc.txt"
else
	check "lastline: git $gv before 2.44 drops the last line" [ ! -s "$SCRATCH/git.txt" ]
fi

# 9. Bài c / Bài d: an unrelated add and delete in one commit (4-line
# pages, different titles) are no rename: Bài c is published at its own
# commit, and the log records that Bài d was removed.
new baicd
printf 'title: Thử\nbase_url: https://vidu.gov.vn/\n' | put site.yaml
printf '.cchc-cache/\n' | put .gitignore
with_theme "$repo"
printf -- '---\ntitle: Bài d\n---\nNội dung bài d.\n' | put content/tin-tuc/bai-d.md
GIT_COMMITTER_DATE="2025-03-01T09:00:00+07:00" GIT_AUTHOR_DATE="2025-03-01T09:00:00+07:00" \
    sh -c 'git -C "$1" add -A && git -C "$1" commit -q -m "Đăng bài d"' - "$repo"
git -C "$repo" rm -q content/tin-tuc/bai-d.md
printf -- '---\ntitle: Bài c\n---\nNội dung bài c.\n' | put content/tin-tuc/bai-c.md
GIT_COMMITTER_DATE="2025-04-02T10:00:00+07:00" GIT_AUTHOR_DATE="2025-04-02T10:00:00+07:00" \
    sh -c 'git -C "$1" add -A && git -C "$1" commit -q -m "Đăng bài c, gỡ bài d"' - "$repo"
same baicd 0
check "baicd: no rename" [ ! -s "$SCRATCH/cchc.txt" ]
run_cchc 0 build --quiet --source "$repo" --out "$SCRATCH/o" --today 2025-11-20
has() { grep -qF -- "$2" "$1"; }
check "baicd: Bài c published at its commit" has "$SCRATCH/o/rss.xml" "<pubDate>Wed, 02 Apr 2025 10:00:00 +0700</pubDate>"
check "baicd: not at Bài d's date" sh -c '! grep -qF "01 Mar 2025" "$1"' - "$SCRATCH/o/rss.xml"
check "baicd: log: Bài c published" has "$SCRATCH/o/nhat-ky/atom.xml" "<title>Đăng mới: Bài c</title>"
check "baicd: log: Bài d removed" has "$SCRATCH/o/nhat-ky/atom.xml" "<title>Đã gỡ: Bài d</title>"
check "baicd: log page names the removal" has "$SCRATCH/o/nhat-ky/index.html" "Bài d"

finish renames
