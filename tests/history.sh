#!/bin/sh
# tests/history.sh - git history is the audit trail: repositories made here
# with fixed dates and authors, built with cchc, checked through outputs
# that do not depend on the theme (feeds, build.json, commit ids in pages).
. "$(dirname "$0")/lib.sh"
scratch
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
repo="$SCRATCH/repo"

# commit DATE AUTHOR MESSAGE: commits everything with a fixed time.
commit() {
	GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" GIT_AUTHOR_NAME="$2" \
	GIT_AUTHOR_EMAIL=a@example.gov.vn GIT_COMMITTER_NAME="$2" \
	GIT_COMMITTER_EMAIL=a@example.gov.vn git -C "$repo" commit -q -m "$3"
}
post() { # post FILE TITLE [DATE]
	mkdir -p "$repo/content/tin-tuc"
	{ echo ---; echo "title: $2"; [ -n "${3:-}" ] && echo "date: $3"; echo "unit: Văn phòng Sở"; echo ---; echo "Nội dung của $2."; } \
	    >"$repo/content/tin-tuc/$1"
}
build() { # build OUT [ARGS...]: one test, the build succeeds (messages in $SCRATCH/err)
	o=$1; shift
	run_cchc 0 build --quiet --source "$repo" --out "$o" --today 2025-11-20 "$@"
}
has() { grep -qF -- "$2" "$1"; }

mkdir -p "$repo"
git -C "$repo" init -q -b main
printf 'title: Lịch sử\nbase_url: https://vidu.gov.vn/\nrepo_url: https://git.vidu.gov.vn/so/cchc\n' >"$repo/site.yaml"
printf '.cchc-cache/\n' >"$repo/.gitignore"
with_theme "$repo"
git -C "$repo" add -A
commit "2025-01-05T08:00:00+07:00" "Quản trị" "Khởi tạo chuyên mục"

# 1. add -> published from the commit (the post has no date).
post a.md "Bài A"
git -C "$repo" add -A
commit "2025-03-01T09:00:00+07:00" "Nguyễn Văn An" "Đăng bài A"
build "$SCRATCH/o1"
check "published = commit time" has "$SCRATCH/o1/rss.xml" "<pubDate>Sat, 01 Mar 2025 09:00:00 +0700</pubDate>"
check "log: published event" has "$SCRATCH/o1/nhat-ky/atom.xml" "<title>Đăng mới: Bài A</title>"
check "author in the log" has "$SCRATCH/o1/nhat-ky/atom.xml" "Nguyễn Văn An"
id1=$(git -C "$repo" rev-parse HEAD)
check "commit link on the page" has "$SCRATCH/o1/tin-tuc/a/index.html" "https://git.vidu.gov.vn/so/cchc/commit/$id1"
check "build.json commit" has "$SCRATCH/o1/build.json" "\"commit\": \"$id1\""
check "build.json branch" has "$SCRATCH/o1/build.json" '"branch": "main"'
check "build.json clean" has "$SCRATCH/o1/build.json" '"dirty": false'
check "no warnings in a clean repository: $(cat "$SCRATCH/err")" [ ! -s "$SCRATCH/err" ]

# 2. edit -> updated, two entries in the page's history.
echo "Thêm một đoạn." >>"$repo/content/tin-tuc/a.md"
git -C "$repo" add -A
commit "2025-04-10T14:30:00+07:00" "Trần Thị Bình" "Sửa bài A"
id2=$(git -C "$repo" rev-parse HEAD)
build "$SCRATCH/o2"
check "still published on 1 March" has "$SCRATCH/o2/rss.xml" "<pubDate>Sat, 01 Mar 2025 09:00:00 +0700</pubDate>"
check "Atom updated = the edit" has "$SCRATCH/o2/atom.xml" "<updated>2025-04-10T14:30:00+07:00</updated>"
check "history lists the first commit" grep -q "${id1%"${id1#???????}"}" "$SCRATCH/o2/tin-tuc/a/index.html"
check "history lists the edit" grep -q "${id2%"${id2#???????}"}" "$SCRATCH/o2/tin-tuc/a/index.html"
check "log: changed event" has "$SCRATCH/o2/nhat-ky/atom.xml" "<title>Cập nhật: Bài A</title>"

# 3. git mv keeps the date.
git -C "$repo" mv content/tin-tuc/a.md content/tin-tuc/bai-a.md
git -C "$repo" add -A
commit "2025-05-02T10:00:00+07:00" "Trần Thị Bình" "Đổi tên tệp bài A"
build "$SCRATCH/o3"
check "renamed page built" [ -f "$SCRATCH/o3/tin-tuc/bai-a/index.html" ]
check "renamed page keeps its date" has "$SCRATCH/o3/rss.xml" "<pubDate>Sat, 01 Mar 2025 09:00:00 +0700</pubDate>"

# 4. a side branch merged: dated by the merge.
git -C "$repo" checkout -q -b nhanh
post b.md "Bài B"
git -C "$repo" add -A
commit "2025-06-01T08:00:00+07:00" "Lê Văn Cường" "Viết bài B trên nhánh"
git -C "$repo" checkout -q main
GIT_AUTHOR_DATE="2025-06-15T16:00:00+07:00" GIT_COMMITTER_DATE="2025-06-15T16:00:00+07:00" \
GIT_AUTHOR_NAME="Quản trị" GIT_AUTHOR_EMAIL=a@example.gov.vn GIT_COMMITTER_NAME="Quản trị" \
GIT_COMMITTER_EMAIL=a@example.gov.vn git -C "$repo" merge -q --no-ff -m "Duyệt bài B" nhanh
build "$SCRATCH/o4"
check "merged post dated by the merge" has "$SCRATCH/o4/rss.xml" "<pubDate>Sun, 15 Jun 2025 16:00:00 +0700</pubDate>"

# 5. delete -> removed, with the title the page had.
git -C "$repo" rm -q content/tin-tuc/bai-a.md
commit "2025-07-01T09:00:00+07:00" "Quản trị" "Gỡ bài A"
build "$SCRATCH/o5"
check "removed page gone" [ ! -e "$SCRATCH/o5/tin-tuc/bai-a" ]
check "log: removed with its last title" has "$SCRATCH/o5/nhat-ky/atom.xml" "<title>Đã gỡ: Bài A</title>"
check "log page names the removal" has "$SCRATCH/o5/nhat-ky/index.html" "Bài A"

# 6. --rev of an old commit equals a build of a checkout of it.
old=$(git -C "$repo" rev-list --first-parent -n 1 HEAD~2)
git clone -q "$repo" "$SCRATCH/co"
git -C "$SCRATCH/co" checkout -q "$old"
run_cchc 0 build --quiet --source "$SCRATCH/co" --out "$SCRATCH/o6a" --today 2025-11-20
build "$SCRATCH/o6b" --rev "$old"
sed -i '/"branch"/d' "$SCRATCH/o6a/build.json" "$SCRATCH/o6b/build.json"
check "--rev OLD differs from a checkout of OLD" diff -r "$SCRATCH/o6a" "$SCRATCH/o6b"
# --rev HEAD in a clean checkout equals a plain build.
build "$SCRATCH/o7a"
build "$SCRATCH/o7b" --rev HEAD
check "--rev HEAD differs from a plain build" diff -r "$SCRATCH/o7a" "$SCRATCH/o7b"
run_cchc 1 build --quiet --source "$repo" --out "$SCRATCH/o7c" --today 2025-11-20 --rev no-such-branch
check "bad --rev: message" has "$SCRATCH/err" "không tìm thấy phiên bản “no-such-branch”"

# 7. a corrupted cache gives the same output.
n=0
for f in "$repo"/.cchc-cache/*; do [ -f "$f" ] && printf 'rác' | dd of="$f" bs=1 seek=20 conv=notrunc 2>/dev/null && n=$((n + 1)); done
check "corrupted cache: no cache file to corrupt" [ "$n" -gt 0 ]
build "$SCRATCH/o8"
check "corrupted cache changed the output" diff -r "$SCRATCH/o7a" "$SCRATCH/o8"
rm -rf "$repo/.cchc-cache"
build "$SCRATCH/o9"
check "no cache changed the output" diff -r "$SCRATCH/o7a" "$SCRATCH/o9"

# 8. uncommitted file: warned by name, build.json dirty.
post c.md "Bài C" 2025-08-01
build "$SCRATCH/o10"
check "uncommitted: warning names the file" has "$SCRATCH/err" "content/tin-tuc/c.md: cảnh báo: trang chưa được commit"
check "uncommitted: dirty" has "$SCRATCH/o10/build.json" '"dirty": true'
check "uncommitted: dated from front matter" has "$SCRATCH/o10/rss.xml" "<pubDate>Fri, 01 Aug 2025 00:00:00 +0700</pubDate>"
rm "$repo/content/tin-tuc/c.md"

# 9. shallow clone: warned, with the fix.
git clone -q --depth 1 "file://$repo" "$SCRATCH/shallow"
run_cchc 0 build --quiet --source "$SCRATCH/shallow" --out "$SCRATCH/o11" --today 2025-11-20
check "shallow: warning" has "$SCRATCH/err" "shallow clone"
check "shallow: says how to fix" has "$SCRATCH/err" "git fetch --unshallow"

# 10. not a repository: one warning, dates from front matter or --today.
rm -rf "$SCRATCH/norepo"; cp -R "$repo" "$SCRATCH/norepo"; rm -rf "$SCRATCH/norepo/.git"
run_cchc 0 build --quiet --source "$SCRATCH/norepo" --out "$SCRATCH/o12" --today 2025-11-20
check "no repository: one warning" [ "$(grep -c 'cảnh báo' "$SCRATCH/err")" -eq 1 ]
check "no repository: dated --today" has "$SCRATCH/o12/rss.xml" "<pubDate>Thu, 20 Nov 2025 00:00:00 +0700</pubDate>"
check "no repository: build.json has no commit" has "$SCRATCH/o12/build.json" '"commit": null'

# The log and its feed pass the validators.
sh "$TOP/tests/validate/vnu.sh" "$SCRATCH/o5" >"$SCRATCH/vnu" 2>&1
rc=$?
check "log pages fail the Nu Html Checker: $(tail -n 3 "$SCRATCH/vnu")" [ "$rc" -eq 0 ]
printf '[{"path": "nhat-ky/atom.xml", "items": 5}]' >"$SCRATCH/m.json"
/usr/bin/python3 "$TOP/tests/validate/feeds.py" "$SCRATCH/o5" "$SCRATCH/m.json" >"$SCRATCH/feeds" 2>&1
rc=$?
check "log feed fails feedparser or the Atom schema: $(tail -n 3 "$SCRATCH/feeds")" [ "$rc" -eq 0 ]

# 13. cchc's own cache folder is never "uncommitted work", even where the
# repository's .gitignore does not list it and the folder's own
# .gitignore ("*", written with the history cache) is not there yet: a
# first build writes the folder from several threads while git status is
# read.  Here that .gitignore ignores nothing, so every run sees the case.
nr="$SCRATCH/noignore"
mkdir -p "$nr/.cchc-cache"
git -C "$nr" init -q -b main
printf 'title: Không bỏ qua\nbase_url: https://vidu.gov.vn/\n' >"$nr/site.yaml"
with_theme "$nr"
git -C "$nr" add -A
GIT_AUTHOR_DATE=2025-01-05T08:00:00+07:00 GIT_COMMITTER_DATE=2025-01-05T08:00:00+07:00 \
    git -C "$nr" -c user.name=QT -c user.email=a@example.gov.vn commit -q -m init
echo leftover >"$nr/.cchc-cache/sources"
echo '# kept by the test' >"$nr/.cchc-cache/.gitignore"
run_cchc 0 build --quiet --source "$nr" --out "$SCRATCH/o13" --today 2025-11-20
check "cchc's cache folder made the repository dirty" has "$SCRATCH/o13/build.json" '"dirty": false'

finish history
