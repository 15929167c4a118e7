#!/bin/sh
# tests/newinit.sh [--update] - `cchc new`, `cchc init`, the installed
# theme a site without themes/ builds with, and `make install`.
#
# Golden files in tests/newinit/: the page `cchc new` writes for each
# kind (fixed --date), what `cchc init` writes and prints, and the exact
# text of every message.  Paths of the scratch folder read @SCRATCH@,
# today's date @TODAY@ and its YYYY/MM @YM@.  --update rewrites them
# after a deliberate change: review the diff before committing it.
#
# The "installed" theme is a copy of themes/ in the scratch folder
# (CCHC_THEMES), so the tests may edit it; the make install part finds
# the theme beside the installed binary instead.  NEWINIT_INSTALL=0
# leaves that part out (sanitizer builds, whose objects need their
# flags to link).
. "$(dirname "$0")/lib.sh"
scratch
update=0
[ "${1:-}" = "--update" ] && update=1
gold="$TOP/tests/newinit"
date=2025-03-07
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
ym=$(echo "$today" | sed 's|^\([0-9]*\)-\([0-9]*\)-.*|\1/\2|')
mkdir -p "$SCRATCH/installed"
cp -R "$TOP/themes/default" "$SCRATCH/installed/"
CCHC_THEMES="$SCRATCH/installed"
export CCHC_THEMES

# The scratch folder's paths and today's date as the golden files write them.
tokens() {
	sed -e "s|$SCRATCH|@SCRATCH@|g" -e "s|$today|@TODAY@|g" -e "s|$ym|@YM@|g" "$@"
}
# golden NAME FILE: FILE (with tokens) is tests/newinit/NAME.
golden() {
	tokens "$2" >"$SCRATCH/golden.tmp"
	if [ "$update" -eq 1 ]; then
		cp "$SCRATCH/golden.tmp" "$gold/$1"
		echo "newinit: updated $1"
	fi
	if diff -u "$gold/$1" "$SCRATCH/golden.tmp" >"$SCRATCH/golden.diff" 2>&1; then
		ok
	else
		fail "$1 differs from tests/newinit/$1"
		head -n 40 "$SCRATCH/golden.diff" >&2
	fi
}
# msg CASE WANT ARGS...: cchc ARGS exits WANT; its messages are added to
# $SCRATCH/messages under "== CASE" (compared with messages.txt at the end).
: >"$SCRATCH/messages"
msg() {
	m_case=$1 m_want=$2; shift 2
	if [ "$1" = -C ]; then
		m_dir=$2; shift 2
		run_cchc -C "$m_dir" "$m_want" "$@"
	else
		run_cchc "$m_want" "$@"
	fi
	{ echo "== $m_case (exit $m_want)"; cat "$SCRATCH/cchc.out" "$SCRATCH/err"; } >>"$SCRATCH/messages"
}
# The text of an <h1> as the theme escapes it.
h1() { printf '<h1>%s</h1>' "$(printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g')"; }

### cchc new: each kind, from the sample's site.yaml and plans (the
### latest plan, by `issued`, is 15/KH-SKHCN), without a theme folder.
site="$SCRATCH/site"
mkdir -p "$site"
cp "$TOP/site.yaml" "$site/"
cp -R "$TOP/plans" "$site/"
t_post='Hội nghị "Dân vận khéo": triển khai kế hoạch CCHC năm 2026'
t_proc='Cấp giấy phép tiến hành công việc bức xạ: sử dụng thiết bị X-quang'
t_plan='Kế hoạch tuyên truyền cải cách hành chính năm 2026'
t_page='[Hỏi đáp] Thủ tục hành chính: câu hỏi #1 thường gặp'
: >"$SCRATCH/new.out"
for k in tin-tuc thu-tuc ke-hoach trang; do
	case $k in
	tin-tuc) t=$t_post ;; thu-tuc) t=$t_proc ;; ke-hoach) t=$t_plan ;; trang) t=$t_page ;;
	esac
	run_cchc -C "$SCRATCH" 0 new "$k" "$t" --source "$site" --date $date
	cat "$SCRATCH/cchc.out" "$SCRATCH/err" >>"$SCRATCH/new.out"
	f=$(cat "$SCRATCH/cchc.out")
	if [ -f "$f" ]; then golden "new-$k.md" "$f"; else fail "new $k: no file $f"; fi
done
golden new.out "$SCRATCH/new.out"
# From the site's own folder the path is relative; no --date: today.
run_cchc -C "$site" 0 new tin-tuc "Tập huấn dịch vụ công trực tuyến"
check "new without --source printed $(cat "$SCRATCH/cchc.out")" \
    [ "$(cat "$SCRATCH/cchc.out")" = "content/tin-tuc/$ym/tap-huan-dich-vu-cong-truc-tuyen.md" ]
check "new without --date is not dated today ($today)" \
    grep -qx "date: $today" "$site/content/tin-tuc/$ym/tap-huan-dich-vu-cong-truc-tuyen.md"

# The pages build (with the installed theme), and every title reads back
# as typed.  The new procedure's blank fields are errors, each named.
run_cchc 1 build --source "$site" --out "$SCRATCH/site-out" --today $date
grep 'lỗi:' "$SCRATCH/err" >"$SCRATCH/proc.err"
golden build-thu-tuc.err "$SCRATCH/proc.err"
proc="$site/content/thu-tuc/cap-giay-phep-tien-hanh-cong-viec-buc-xa-su-dung-thiet-bi-x-quang.md"
sed -i -e 's/^code:$/code: "1.004812"/' -e 's/^field:$/field: "An toàn bức xạ"/' \
    -e 's/^deadline:$/deadline: "15 ngày làm việc"/' "$proc"
if run_cchc 0 build --source "$site" --out "$SCRATCH/site-out" --today $date; then
	o="$SCRATCH/site-out"
	check "post title" grep -qF "$(h1 "$t_post")" "$o/tin-tuc/hoi-nghi-dan-van-kheo-trien-khai-ke-hoach-cchc-nam-2026/index.html"
	check "procedure title" grep -qF "$(h1 "$t_proc")" "$o/thu-tuc/cap-giay-phep-tien-hanh-cong-viec-buc-xa-su-dung-thiet-bi-x-quang/index.html"
	check "plan title" grep -qF "$(h1 "$t_plan")" "$o/ke-hoach/ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2026/index.html"
	check "page title" grep -qF "$(h1 "$t_page")" "$o/hoi-dap-thu-tuc-hanh-chinh-cau-hoi-1-thuong-gap/index.html"
	check "the post's unit is not the site's department" \
	    grep -q 'Sở Khoa học và Công nghệ' "$o/don-vi/so-khoa-hoc-va-cong-nghe/index.html"
	# The post made without --date is dated the real today, which may be
	# more than a year after --today $date: that warning is right.
	grep -v -e 'kho git' -e 'tap-huan-dich-vu-cong-truc-tuyen.md:3:7: cảnh báo: “date”: ngày' \
	    "$SCRATCH/err" | grep 'cảnh báo:' >"$SCRATCH/new.warn"
	check "a new post warns: $(cat "$SCRATCH/new.warn")" [ ! -s "$SCRATCH/new.warn" ]
fi

### What `new` refuses, and how it says so.
post="$site/content/tin-tuc/2025/03/hoi-nghi-dan-van-kheo-trien-khai-ke-hoach-cchc-nam-2026.md"
cp "$post" "$SCRATCH/post.before"
echo "sửa" >>"$post"
cp "$post" "$SCRATCH/post.edited"
msg "the same post again" 1 new tin-tuc "$t_post" --source "$site" --date $date
check "the existing post was changed" cmp -s "$post" "$SCRATCH/post.edited"
msg "the same title in another month (same URL)" 1 new tin-tuc "$t_post" --source "$site" --date 2025-04-01
check "a post was written for another month" [ ! -e "$site/content/tin-tuc/2025/04" ]
msg "the same procedure again" 1 new thu-tuc "$t_proc" --source "$site"
msg "an unknown kind" 2 new bai "Tiêu đề" --source "$site"
msg "an empty title" 2 new tin-tuc "   " --source "$site"
msg "no title" 2 new tin-tuc --source "$site"
msg "nothing" 2 new
msg "two lines" 2 new tin-tuc "$(printf 'Dòng một\nDòng hai')" --source "$site"
msg "no letter" 2 new tin-tuc "!!! ???" --source "$site"
msg "a title not quoted" 2 new tin-tuc Hội nghị --source "$site"
msg "a bad --date" 2 new tin-tuc "Bài" --source "$site" --date 2025-02-30
msg "an unknown option" 2 new tin-tuc "Bài" --nhap
msg "from content/" 1 -C "$site/content" new tin-tuc "Bài"
msg "a --source without site.yaml" 1 new tin-tuc "Bài" --source "$site/plans"
msg "no such --source" 1 new tin-tuc "Bài" --source "$SCRATCH/khong-co"
mkdir -p "$SCRATCH/empty"
msg "no site.yaml anywhere" 1 -C "$SCRATCH/empty" new tin-tuc "Bài"
check "new wrote something where it refused" [ -z "$(ls -A "$SCRATCH/empty")" ]

### Archetypes: the site's theme first, then the installed one.
own="$SCRATCH/own"
mkdir -p "$own"
cp "$TOP/site.yaml" "$own/"
with_theme "$own"
printf -- '---\ntitle: {{title}}\nunit: {{unit}}\n---\n\nMẫu riêng của sở.\n' \
    >"$own/themes/default/archetypes/tin-tuc.md"
run_cchc 0 new tin-tuc "Bài theo mẫu riêng" --source "$own" --date $date
printf -- '---\ntitle: "Bài theo mẫu riêng"\nunit: "Sở Khoa học và Công nghệ"\n---\n\nMẫu riêng của sở.\n' >"$SCRATCH/want"
check "the site's own archetype was not used" cmp -s "$SCRATCH/want" "$own/content/tin-tuc/2025/03/bai-theo-mau-rieng.md"
check "the message does not name the site's archetype" grep -q 'theo mẫu themes/default/archetypes/tin-tuc.md;' "$SCRATCH/err"
rm "$own/themes/default/archetypes/trang.md"
run_cchc 0 new trang "Liên hệ" --source "$own" --date $date
check "a missing archetype did not fall back to the installed one" \
    grep -q "theo mẫu $CCHC_THEMES/default/archetypes/trang.md;" "$SCRATCH/err"
printf -- '---\ntitle: {{title}}\n  ngày: {{ngay}}\n---\n' >"$own/themes/default/archetypes/ke-hoach.md"
msg "an unknown placeholder" 1 new ke-hoach "Kế hoạch" --source "$own" --date $date
check "a page was written from a broken archetype" [ ! -e "$own/plans" ]
CCHC_THEMES="$SCRATCH/empty"
msg "no archetype anywhere" 1 new tin-tuc "Bài" --source "$site" --date $date
CCHC_THEMES="$SCRATCH/installed"
golden messages.txt "$SCRATCH/messages"
: >"$SCRATCH/messages"

### A site without themes/ builds with the installed theme, exactly as
### with a copy of it; an edit to the installed theme is rebuilt.
bare="$SCRATCH/bare"
btoday=2025-11-20
mkdir -p "$bare/content/tin-tuc/2025/03" "$SCRATCH/local"
cp "$TOP/site.yaml" "$bare/"
cp -R "$TOP/plans" "$bare/"
cp "$TOP/content/tin-tuc/2025/03/tap-huan-dich-vu-cong-truc-tuyen.md" "$bare/content/tin-tuc/2025/03/"
cp -R "$bare/." "$SCRATCH/local/"
with_theme "$SCRATCH/local"
run_cchc 0 build --quiet --source "$bare" --out "$SCRATCH/bare-out" --today $btoday
run_cchc 0 build --quiet --source "$SCRATCH/local" --out "$SCRATCH/local-out" --today $btoday
check "the installed theme builds other bytes than the same theme in the site" \
    diff -r "$SCRATCH/bare-out" "$SCRATCH/local-out"
run_cchc 0 build --source "$bare" --out "$SCRATCH/bare-out" --today $btoday
check "a rebuild with nothing changed did something: $(tail -n 1 "$SCRATCH/err")" \
    grep -q '(không có gì thay đổi)$' "$SCRATCH/err"
sleep 1	# stamps trust mtimes older than the last save by STAMPS_RACY
printf '/* bản cài sửa */\n' >>"$CCHC_THEMES/default/static/style.css"
sed -i 's|<article class="bai">|<article class="bai"><!-- mẫu cài sửa -->|' "$CCHC_THEMES/default/layouts/post.mustache"
check "the layout edit did not apply (fixture)" grep -q 'mẫu cài sửa' "$CCHC_THEMES/default/layouts/post.mustache"
run_cchc 0 build --source "$bare" --out "$SCRATCH/bare-out" --today $btoday
check "an edited installed stylesheet was not copied" grep -q 'bản cài sửa' "$SCRATCH/bare-out/style.css"
check "an edited installed layout was not rendered" \
    grep -q 'mẫu cài sửa' "$SCRATCH/bare-out/tin-tuc/tap-huan-dich-vu-cong-truc-tuyen/index.html"
check "the rebuild after the edit changed nothing: $(tail -n 1 "$SCRATCH/err")" \
    grep -q '[1-9][0-9]* tệp thay đổi' "$SCRATCH/err"
cp "$TOP/themes/default/static/style.css" "$CCHC_THEMES/default/static/style.css"
cp "$TOP/themes/default/layouts/post.mustache" "$CCHC_THEMES/default/layouts/post.mustache"
# From a commit (--rev): the tree has no theme either.
printf '.cchc-cache/\n' >"$bare/.gitignore"
if git -C "$bare" init -q && git -C "$bare" add -A &&
    git -C "$bare" -c user.name=t -c user.email=t@vidu.gov.vn commit -q -m x; then
	run_cchc 0 build --quiet --source "$bare" --out "$SCRATCH/wt-out" --today $btoday
	run_cchc 0 build --quiet --source "$bare" --rev HEAD --out "$SCRATCH/rev-out" --today $btoday
	check "--rev with the installed theme differs from the work tree's build" \
	    diff -r "$SCRATCH/rev-out" "$SCRATCH/wt-out"
else
	fail "git could not commit the fixture"
fi
# No theme anywhere: one message, where cchc looked.
CCHC_THEMES="$SCRATCH/empty"
run_cchc 1 build --source "$bare" --out "$SCRATCH/none-out" --today $btoday
CCHC_THEMES="$SCRATCH/installed"
grep -v 'kho git' "$SCRATCH/err" >"$SCRATCH/none.err"
golden no-theme.err "$SCRATCH/none.err"

### cchc init: a new folder, what it writes and prints.
moi="$SCRATCH/chuyen muc"
run_cchc -C "$SCRATCH" 0 init "chuyen muc"
golden init.out "$SCRATCH/cchc.out"
check "init said something on stderr: $(cat "$SCRATCH/err")" [ ! -s "$SCRATCH/err" ]
(cd "$moi" && find . -path ./themes -prune -o -type f -print | LC_ALL=C sort) >"$SCRATCH/files"
golden init.files "$SCRATCH/files"
golden init-site.yaml "$moi/site.yaml"
golden init-gitignore "$moi/.gitignore"
golden init-post.md "$moi/content/tin-tuc/$ym/bai-viet-dau-tien.md"
check "init's theme is not the installed one" diff -r "$CCHC_THEMES/default" "$moi/themes/default"
msg "init where a site is" 1 init "$moi"
mkdir -p "$SCRATCH/has-content/content"
msg "init where content/ is" 1 init "$SCRATCH/has-content"
mkdir -p "$SCRATCH/has-theme/themes/default"
msg "init where themes/default/ is" 1 init "$SCRATCH/has-theme"
msg "init onto a file" 1 init "$moi/site.yaml"
msg "init two folders" 2 init a b
CCHC_THEMES="$SCRATCH/empty"
msg "init without a theme" 1 init "$SCRATCH/no-theme"
CCHC_THEMES="$SCRATCH/installed"
check "init without a theme made the folder" [ ! -e "$SCRATCH/no-theme" ]
# In the current folder of a git repository with a .gitignore: lines
# added, no "cd", no "git init".
repo="$SCRATCH/repo"
mkdir -p "$repo"
git -C "$repo" init -q
printf 'node_modules/\n/public/' >"$repo/.gitignore"
run_cchc -C "$repo" 0 init
check "init . printed a cd" sh -c "! grep -q '^  cd ' '$SCRATCH/cchc.out'"
check "init in a repository said git init" sh -c "! grep -q 'git init' '$SCRATCH/cchc.out'"
printf 'node_modules/\n/public/\n/.public.*\n.cchc-cache/\n' >"$SCRATCH/want"
check ".gitignore was not merged" cmp -s "$SCRATCH/want" "$repo/.gitignore"
golden init-messages.txt "$SCRATCH/messages"

### init, then build: it passes the validators.
if run_cchc 0 build --source "$moi" --out "$moi/public"; then
	golden init-build.err "$SCRATCH/err"
	if sh "$TOP/tests/validate/preflight.sh" vnu >"$SCRATCH/pre" 2>&1; then
		sh "$TOP/tests/validate/vnu.sh" "$moi/public"
		check "Nu Html Checker found errors in init's site" [ $? -eq 0 ]
	else
		skip "vnu on init's site: $(cat "$SCRATCH/pre")"
	fi
	if sh "$TOP/tests/validate/preflight.sh" browser >"$SCRATCH/pre" 2>&1; then
		node "$TOP/tests/validate/axe.mjs" --timeout 120 --root "$moi/public" --base / \
		    "" tin-tuc/ tin-tuc/bai-viet-dau-tien/ don-vi/ luu-tru/ "$(cd "$moi/public" && ls -d luu-tru/*/*/ | head -n 1)"
		check "axe-core found violations in init's site" [ $? -eq 0 ]
	else
		skip "axe on init's site: $(cat "$SCRATCH/pre")"
	fi
fi

### make install DESTDIR=... PREFIX=/usr, then the installed cchc alone.
if [ "${NEWINIT_INSTALL:-1}" = 0 ]; then
	:
elif ! command -v make >/dev/null 2>&1 || [ ! -f "$TOP/$BUILD/main.o" ]; then
	skip "make install: no make, or no objects in $TOP/$BUILD (run make first)"
else
	# The objects already built, so that only theme.o (DATADIR) is made.
	objs="$SCRATCH/objs"
	dest="$SCRATCH/dest"
	mkdir -p "$objs"
	cp -p "$TOP/$BUILD"/*.o "$TOP/$BUILD/unitdata.c" "$objs/"
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install \
	    BUILD="$objs" DESTDIR="$dest" PREFIX=/usr >"$SCRATCH/make.out" 2>&1
	check "make install failed: $(tail -n 5 "$SCRATCH/make.out")" [ $? -eq 0 ]
	check "make install put no cchc in usr/bin" [ -x "$dest/usr/bin/cchc" ]
	check "make install put no man page" [ -f "$dest/usr/share/man/man1/cchc.1" ]
	check "make install's theme differs from themes/default" \
	    diff -r "$TOP/themes/default" "$dest/usr/share/cchc/themes/default"
	check "the installed theme has no archetypes" [ -f "$dest/usr/share/cchc/themes/default/archetypes/tin-tuc.md" ]
	# Found beside the binary, without CCHC_THEMES.
	mkdir -p "$SCRATCH/inst-site"
	if (cd "$SCRATCH/inst-site" && env -u CCHC_THEMES "$dest/usr/bin/cchc" init >/dev/null 2>"$SCRATCH/err" &&
	    env -u CCHC_THEMES "$dest/usr/bin/cchc" build --quiet 2>>"$SCRATCH/err"); then
		ok
	else
		fail "the installed cchc could not init and build: $(cat "$SCRATCH/err")"
	fi
	check "the installed cchc's site has no first post" [ -f "$SCRATCH/inst-site/public/tin-tuc/bai-viet-dau-tien/index.html" ]
	# DATADIR is compiled in: a theme found nowhere names it.
	printf 'title: Thử\ntheme: khong-co-dau\n' >"$SCRATCH/inst-site/site.yaml"
	env -u CCHC_THEMES "$dest/usr/bin/cchc" build --source "$SCRATCH/inst-site" --out "$SCRATCH/x" >/dev/null 2>"$SCRATCH/err"
	check "a theme found nowhere does not name /usr/share/cchc: $(cat "$SCRATCH/err")" \
	    grep -qF "cài sẵn ở $dest/usr/share/cchc/themes/khong-co-dau, $dest/usr/bin/themes/khong-co-dau, $dest/usr/themes/khong-co-dau, /usr/share/cchc/themes/khong-co-dau;" "$SCRATCH/err"
	# The man page.
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -Tlint -W warning "$dest/usr/share/man/man1/cchc.1" >"$SCRATCH/lint" 2>&1
		check "mandoc -Tlint: $(cat "$SCRATCH/lint")" [ $? -eq 0 ]
	elif command -v groff >/dev/null 2>&1; then
		groff -mdoc -ww -z -Tutf8 "$dest/usr/share/man/man1/cchc.1" >"$SCRATCH/lint" 2>&1
		check "groff -ww: $(cat "$SCRATCH/lint")" [ ! -s "$SCRATCH/lint" ]
	else
		skip "the man page: neither mandoc nor groff (apt-get install mandoc)"
	fi
	for c in build check report serve new init; do
		check "the man page lacks cchc $c" grep -q "^\.Cm $c\$" "$dest/usr/share/man/man1/cchc.1"
	done
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" uninstall \
	    BUILD="$objs" DESTDIR="$dest" PREFIX=/usr >"$SCRATCH/make.out" 2>&1
	check "make uninstall failed: $(tail -n 5 "$SCRATCH/make.out")" [ $? -eq 0 ]
	left=$(cd "$dest" && find . -type f)
	check "make uninstall left: $left" [ -z "$left" ]
	check "make uninstall left share/cchc" [ ! -e "$dest/usr/share/cchc" ]
fi

finish newinit
