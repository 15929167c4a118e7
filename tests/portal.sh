#!/bin/sh
# tests/portal.sh - `cchc portal` (docs/portal.md) over three small
# departments made here, each a git repository of its own:
#   so-a: no post in February 2025 (a month without news), procedure
#         1.005117;
#   so-b: a post every month, a plan task for "Quý I/2025" no post
#         reports on (overdue on --today), procedure 1.005117 with
#         another deadline (a difference the catalogue flags);
#   so-c: built elsewhere (`built:`), as a CI job would, procedure
#         1.004698.
# Checked: the portal's pages and every department's section are there;
# the board's JSON and CSV against the sources (tests/validate/portal.py,
# which reads the Markdown, not cchc's data); the feeds with feedparser;
# the sitemaps with xmllint; every page with vnu; the portal's pages with
# axe-core in Chromium; the merged search index; `portal report`; a
# rebuild with nothing changed touches nothing, one with one post
# changed rebuilds that department only; bad input (a missing source,
# two departments with one slug, a YAML error, a department whose build
# fails, a data file of another version, an output cchc did not make)
# each gets its message naming the department and file, exit 1, and the
# output as it was.
. "$(dirname "$0")/lib.sh"
scratch
# Under valgrind the departments' builds (children of the portal) are
# checked too.
case $CCHC_WRAP in
valgrind\ *) CCHC_WRAP="valgrind --trace-children=yes ${CCHC_WRAP#valgrind }" ;;
esac
TODAY=2025-11-20
BASE=https://cong.example.gov.vn/cchc/
W=$SCRATCH/w
mkdir -p "$W"

# mkdept DIR SLUG NAME MONTHS DEADLINE CODE DONE: a department's source;
# DONE "yes": its March post reports on plan task 1.2 (then not overdue).
mkdept() {
	d=$1 slug=$2 name=$3 months=$4 deadline=$5 code=$6 done=$7
	mkdir -p "$d/content/tin-tuc/2025" "$d/content/thu-tuc" "$d/plans"
	cat >"$d/site.yaml" <<EOF
title: Chuyên mục Cải cách hành chính
department: $name
province: tỉnh Thử Nghiệm
base_url: https://$slug.example.gov.vn/cchc/
EOF
	for m in $months; do
		cat >"$d/content/tin-tuc/2025/tin-thang-$m.md" <<EOF
---
title: "$name: tuyên truyền cải cách hành chính tháng $m/2025"
date: 2025-$(printf %02d "$m")-10T08:00:00
unit: "Văn phòng Sở"
$([ "$done$m" = yes3 ] && printf 'plan: "1/KH-%s"\ntask: "1.2"' "$slug")
---

Tin tháng $m của $name về cải cách thủ tục hành chính và dịch vụ công trực tuyến.
EOF
	done
	sed -e "s/^deadline: .*/deadline: \"$deadline\"/" -e "s/^code: .*/code: \"$code\"/" \
	    -e "s/^agency: .*/agency: \"$name\"/" \
	    "$TOP/content/thu-tuc/dang-ky-chuyen-giao-cong-nghe.md" >"$d/content/thu-tuc/chuyen-giao.md"
	cat >"$d/plans/ke-hoach-2025.md" <<EOF
---
title: "Kế hoạch tuyên truyền cải cách hành chính năm 2025 của $name"
number: "1/KH-$slug"
issued: 2025-01-05
issuer: "$name"
signer: "Giám đốc"
period: "2025"
---

## Nhiệm vụ

1.1. Đăng tin về cải cách hành chính trên Trang thông tin điện tử.

- Đơn vị chủ trì thực hiện: Văn phòng Sở.
- Đơn vị phối hợp: Các phòng thuộc Sở.
- Thời gian thực hiện: Thường xuyên.

1.2. Tổ chức hội nghị tập huấn nghiệp vụ cải cách hành chính.

- Đơn vị chủ trì thực hiện: Phòng Tổ chức.
- Đơn vị phối hợp: Văn phòng Sở.
- Thời gian thực hiện: Quý I/2025.
EOF
	with_theme "$d"
	(cd "$d" && git init -q -b main && git add -A &&
	    GIT_AUTHOR_DATE=2025-01-02T08:00:00+07:00 GIT_COMMITTER_DATE=2025-01-02T08:00:00+07:00 \
	    git -c user.name=Test -c user.email=t@example.vn commit -qm "Nội dung đầu tiên") || return 1
}

mkdept "$W/so-a" so-a "Sở A" "1 3 4 5 6 7 8 9 10 11" "05 ngày làm việc" 1.005117 yes
mkdept "$W/so-b" so-b "Sở B" "1 2 3 4 5 6 7 8 9 10 11" "10 ngày làm việc" 1.005117 no
mkdept "$W/so-c" so-c "Sở C" "1 2 3 4 5 6 7 8 9 10 11" "05 ngày làm việc" 1.004698 yes
# so-c is built elsewhere, with its place in the portal as base URL.
run_cchc 0 build --quiet --source "$W/so-c" --out "$W/built-so-c" --base-url "${BASE}so-c/" --today $TODAY
cat >"$W/portal.yaml" <<EOF
title: "Cải cách hành chính tỉnh Thử Nghiệm"
base_url: "$BASE"
province: "tỉnh Thử Nghiệm"
description: "Cải cách hành chính của các sở, ngành tỉnh Thử Nghiệm."
departments:
  - name: "Sở A"
    slug: so-a
    source: so-a
  - name: "Sở B"
    slug: so-b
    source: so-b
  - name: "Sở C"
    slug: so-c
    built: built-so-c
EOF
out=$W/public
# Every file and folder of the output with its inode, size and time.
listing() { (cd "$out" && find . -printf '%i %s %T@ %p\n' | sort -k 4); }

if ! run_cchc 0 portal --config "$W/portal.yaml" --out "$out" --today $TODAY; then
	finish portal
	exit 1
fi
for f in index.html tin-tuc/index.html rss.xml atom.xml thu-tuc/index.html \
    thu-tuc/index.json theo-doi/index.html theo-doi/bang.csv theo-doi/bang.json \
    tim-kiem/index.html tim-kiem/chi-muc/goc.js sitemap.xml robots.txt style.css \
    so-a/index.html so-b/tin-tuc/index.html so-c/du-lieu.json; do
	check "the portal has no $f" [ -f "$out/$f" ]
done
check "the portal's last line: $(tail -n 1 "$SCRATCH/err")" grep -q "^cchc: đã tạo cổng .*3 đơn vị" "$SCRATCH/err"
# A department's section is the same as its own build into the portal.
run_cchc 0 build --quiet --source "$W/so-a" --out "$W/alone-so-a" --base-url "${BASE}so-a/" --today $TODAY
check "so-a in the portal differs from its own build" diff -r -x .cchc-build "$W/alone-so-a" "$out/so-a"
check "so-c (built:) differs from the folder it was built into" diff -r -x .cchc-build "$W/built-so-c" "$out/so-c"

# The board and the catalogue against the sources.
/usr/bin/python3 "$TOP/tests/validate/portal.py" "$W" "$out" $TODAY >"$SCRATCH/py" 2>&1
check "portal.py: $(cat "$SCRATCH/py")" [ $? -eq 0 ]
sed 's/^/    /' "$SCRATCH/py" | grep FAIL >&2

# Feeds, with Debian's feedparser: every department's posts, newest first.
for feed in rss.xml atom.xml; do
	/usr/bin/python3 - "$out/$feed" <<'EOF' >"$SCRATCH/fp" 2>&1
import sys, feedparser
f = feedparser.parse(sys.argv[1])
assert not f.bozo, f.bozo_exception
assert len(f.entries) == 32, len(f.entries)
names = {e.get("author") for e in f.entries}
assert names == {"Sở A", "Sở B", "Sở C"}, names
dates = [e.published_parsed for e in f.entries]
assert dates == sorted(dates, reverse=True)
assert all(e.link.startswith("https://cong.example.gov.vn/cchc/so-") for e in f.entries)
EOF
	check "feedparser on $feed: $(cat "$SCRATCH/fp")" [ $? -eq 0 ]
done

# Sitemaps: the index against siteindex.xsd, each part against sitemap.xsd.
sh "$TOP/tests/validate/sitemap.sh" "$out" "$BASE" >"$SCRATCH/sm" 2>&1
check "sitemap: $(grep FAIL "$SCRATCH/sm")" [ $? -eq 0 ]

# Nu Html Checker on every page; axe-core on the portal's own.
if command -v java >/dev/null 2>&1 && [ -d "$TOP/tests/node_modules/vnu-jar" ]; then
	sh "$TOP/tests/validate/vnu.sh" "$out" >"$SCRATCH/vnu" 2>&1
	check "vnu: $(grep -A3 FAIL "$SCRATCH/vnu" | head -n 20)" [ $? -eq 0 ]
else
	skip "vnu (java, tests/node_modules): sh tools/deps.sh test"
fi
if [ -x /usr/bin/chromium ] && [ -d "$TOP/tests/node_modules/playwright-core" ]; then
	node "$TOP/tests/validate/axe.mjs" --root "$out" --base /cchc/ "" tin-tuc/ thu-tuc/ theo-doi/ tim-kiem/ >"$SCRATCH/axe" 2>&1
	check "axe: $(grep -v '^axe:' "$SCRATCH/axe" | head -n 20)" [ $? -eq 0 ]
else
	skip "axe (chromium, tests/node_modules): sh tools/deps.sh test"
fi


# The CI example (docs/ci/github-actions.yml): valid against GitHub's
# workflow schema (action-validator, SchemaStore's schema), and its own
# commands, run here as its jobs would (a department job per source
# department, its artifact moved as download-artifact names it, then the
# portal job's steps), make a portal whose departments are the same.
if [ -x "$TOP/tests/node_modules/.bin/action-validator" ]; then
	"$TOP/tests/node_modules/.bin/action-validator" "$TOP/docs/ci/github-actions.yml" >"$SCRATCH/av" 2>&1
	check "action-validator: $(head -n 20 "$SCRATCH/av")" [ $? -eq 0 ]
	printf 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n' >"$SCRATCH/bad-wf.yml"
	"$TOP/tests/node_modules/.bin/action-validator" "$SCRATCH/bad-wf.yml" >/dev/null 2>&1
	check "action-validator accepts a misspelt key" [ $? -ne 0 ]
else
	skip "action-validator (tests/node_modules): sh tools/deps.sh test"
fi
ci=$W/ci
mkdir -p "$ci/bin/cchc" "$ci/p/artifacts"
ln -sfn "$CCHC" "$ci/bin/cchc/cchc"
ln -sfn "$TOP/themes" "$ci/bin/cchc/themes"
/usr/bin/python3 - "$TOP/docs/ci/github-actions.yml" "$BASE" $TODAY >"$SCRATCH/ci-steps" 2>&1 <<'PY'
import sys, yaml
wf, base, today = yaml.safe_load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
def sub(run, slug=""):
    for k, v in (("env.BASE_URL", base), ("matrix.slug", slug),
                 ("needs.today.outputs.date", today)):
        run = run.replace("${{ %s }}" % k, v)
    assert "${{" not in run, run
    return " ".join(run.split("\n")) if run.count("\n") <= 1 else run
dep = [s for s in wf["jobs"]["department"]["steps"] if "cchc build" in s.get("run", "")]
por = [s for s in wf["jobs"]["portal"]["steps"] if s.get("name", "") == "The portal" or s.get("name", "").startswith("Sections")]
assert len(dep) == 1 and len(por) == 2, (dep, por)
print("DEPT\t" + sub(dep[0]["run"], "@SLUG@"))
for s in por:
    print("PORTAL\t" + sub(s["run"]).replace("\n", "; "))
PY
steps=$?
check "the CI example's steps: $(cat "$SCRATCH/ci-steps")" [ $steps -eq 0 ]
# Without its steps the jobs below would run empty commands and pass.
if [ $steps -eq 0 ]; then
	for slug in so-a so-b so-c; do
		rm -rf "$ci/w" && mkdir -p "$ci/w" && cp -R "$W/$slug" "$ci/w/src" && ln -sfn "$ci/bin/cchc" "$ci/w/cchc"
		cmd=$(sed -n 's/^DEPT\t//p' "$SCRATCH/ci-steps" | sed "s/@SLUG@/$slug/g")
		(cd "$ci/w" && sh -c "$cmd") >"$SCRATCH/ci-err" 2>&1
		check "the CI example's department job for $slug: $(cat "$SCRATCH/ci-err")" [ $? -eq 0 ]
		mv "$ci/w/out/$slug" "$ci/p/artifacts/section-$slug"
	done
	sed 's#source: \(so-.\)#built: sections/\1#; s#built: built-so-c#built: sections/so-c#' \
	    "$W/portal.yaml" >"$ci/p/portal.yaml"
	ln -sfn "$ci/bin/cchc" "$ci/p/cchc"
	sed -n 's/^PORTAL\t//p' "$SCRATCH/ci-steps" >"$SCRATCH/ci-portal.sh"
	(cd "$ci/p" && sh -e "$SCRATCH/ci-portal.sh") >"$SCRATCH/ci-err" 2>&1
	check "the CI example's portal job: $(cat "$SCRATCH/ci-err")" [ $? -eq 0 ]
	check "the CI example's portal differs" diff -r -x .cchc-build -x .cchc-portal "$out" "$ci/p/public"
fi

# portal report: the quarter's board as Markdown.
run_cchc -o "$SCRATCH/q1.md" 0 portal report --period 2025-Q1 --config "$W/portal.yaml" --out "$out" --today $TODAY
check "report: no February for Sở A" grep -q "2/2025" "$SCRATCH/q1.md"
check "report: the overdue task of Sở B" grep -q "Tổ chức hội nghị tập huấn" "$SCRATCH/q1.md"
# Without --today: the day the portal was built for (the statuses' day).
run_cchc -o "$SCRATCH/q1b.md" 0 portal report --period 2025-Q1 --config "$W/portal.yaml" --out "$out"
check "report without --today: not the portal's day" grep -q "tính đến ngày 20/11/2025" "$SCRATCH/q1b.md"
run_cchc 2 portal report --period 2025-Q5 --config "$W/portal.yaml" --out "$out"
run_cchc 2 portal report --config "$W/portal.yaml" --out "$out"

# Nothing changed: nothing rewritten (same inodes).
listing >"$SCRATCH/ls1"
run_cchc 0 portal --config "$W/portal.yaml" --out "$out" --today $TODAY
check "an unchanged rebuild says: $(tail -n 1 "$SCRATCH/err")" grep -q "(0 thay đổi), 0 tệp của cổng ghi mới, 0 tệp bị xóa" "$SCRATCH/err"
listing >"$SCRATCH/ls2"
check "an unchanged rebuild touched files" cmp -s "$SCRATCH/ls1" "$SCRATCH/ls2"
# One post of so-b changed: so-b alone is built again.
sed -i 's/Tin tháng 5 của/Tin tháng năm của/' "$W/so-b/content/tin-tuc/2025/tin-thang-5.md"
run_cchc 0 portal --config "$W/portal.yaml" --out "$out" --today $TODAY
check "a one-post rebuild says: $(tail -n 1 "$SCRATCH/err")" grep -q "(1 thay đổi)" "$SCRATCH/err"
check "the edit is not in the portal" grep -rq "Tin tháng năm của" "$out/so-b/tin-tuc"
check "so-a was rewritten by so-b's edit" [ "$(grep ' ./so-a/' "$SCRATCH/ls1")" = "$(listing | grep ' ./so-a/')" ]
# The rebuilt portal is the portal a first build makes (the search index
# made again from what changed: its documents' files of so-a and so-c,
# its buckets and shards without a changed term, kept from the last
# merge); so it is after a post that moves the other documents' numbers
# (dated before them: the files moved must not be kept), and after its
# removal.  The first build is one: without the last merge's record and
# the departments' cached data.
rec=$W/.cchc-cache/portal/_tim-kiem/gop.bin
dc=$W/.cchc-cache/portal/_du-lieu
check "no record of the last merge ($rec)" [ -s "$rec" ]
check "no cached data of so-a ($dc/so-a.bin)" [ -s "$dc/so-a.bin" ]
fresh() { # LABEL
	rm -rf "$W/fresh"
	mv "$rec" "$W/gop.bin.aside" && mv "$dc" "$W/du-lieu.aside"
	run_cchc 0 portal --quiet --config "$W/portal.yaml" --out "$W/fresh" --today $TODAY
	rm -rf "$dc" && mv "$W/gop.bin.aside" "$rec" && mv "$W/du-lieu.aside" "$dc"
	check "$1: the rebuilt portal differs from a first build" diff -r -x .cchc-portal "$out" "$W/fresh"
}
fresh "one post edited"
sed -e 's/^date: .*/date: 2024-12-15T08:00:00/' -e 's/tháng 5/tháng 12 năm trước/g' \
    "$W/so-b/content/tin-tuc/2025/tin-thang-5.md" >"$W/so-b/content/tin-tuc/2025/tin-bo-sung.md"
run_cchc 0 portal --config "$W/portal.yaml" --out "$out" --today $TODAY
check "a new post's rebuild says: $(tail -n 1 "$SCRATCH/err")" grep -q "(1 thay đổi)" "$SCRATCH/err"
doc=$(grep -l '"u":"so-b/[^"]*tin-bo-sung' "$out"/tim-kiem/chi-muc/d/*.js)
last=$(ls "$out/tim-kiem/chi-muc/d" | sort -n | tail -n 1)
check "the new post's document (${doc##*/}) is not before others (last $last)" test -n "$doc" -a "${doc##*/}" != "$last"
fresh "a post added"
rm "$W/so-b/content/tin-tuc/2025/tin-bo-sung.md"
run_cchc 0 portal --quiet --config "$W/portal.yaml" --out "$out" --today $TODAY
fresh "the post removed"
# A document's file of so-a, a bucket and a shard of the dictionary
# changed in the output by hand are made again when so-b's edit rebuilds
# the portal (the others are kept).
doc=$(grep -l '"u":"so-a/' "$out"/tim-kiem/chi-muc/d/*.js | head -n 1)
bucket=$(ls "$out"/tim-kiem/chi-muc/ds/*.js | head -n 1)
shard=$(ls "$out"/tim-kiem/chi-muc/tu/*.js | tail -n 1)
for f in "$doc" "$bucket" "$shard"; do printf 'x' >>"$f"; done
sed -i 's/Tin tháng năm của/Tin tháng Năm của/' "$W/so-b/content/tin-tuc/2025/tin-thang-5.md"
run_cchc 0 portal --quiet --config "$W/portal.yaml" --out "$out" --today $TODAY
fresh "damaged files (${doc##*/}, ${bucket##*/}, ${shard##*/})"
# New words in one post, then gone: their buckets and shards made again;
# and its title changed, then back: its news page made again.
printf '\nTừ mới: ngữ-liệu-kiểm-thử thanhtrakhongbaotruoc.\n' >>"$W/so-a/content/tin-tuc/2025/tin-thang-7.md"
sed -i 's/^title: "\(.*\)"$/title: "\1 (đính chính)"/' "$W/so-a/content/tin-tuc/2025/tin-thang-7.md"
run_cchc 0 portal --quiet --config "$W/portal.yaml" --out "$out" --today $TODAY
check "the new word is not in the index" grep -rq 'thanhtrakhongbaotruoc' "$out/tim-kiem/chi-muc/ds"
check "the new title is not on the news pages" grep -rq 'tháng 7/2025 (đính chính)' "$out/tin-tuc"
# Each post with its summary (so-c's from its data, cached since the
# first build).
check "a post's summary is not on the news pages" \
    grep -q 'muc__tom-tat">Tin tháng 11 của Sở C về cải cách' "$out/tin-tuc/index.html"
fresh "new words"
(cd "$W/so-a" && git checkout -q -- content/tin-tuc/2025/tin-thang-7.md)
run_cchc 0 portal --quiet --config "$W/portal.yaml" --out "$out" --today $TODAY
if grep -rq 'thanhtrakhongbaotruoc' "$out/tim-kiem/chi-muc"; then fail "the word gone is still in the index"; else ok; fi
fresh "words gone"
# A procedure's deadline changed in one department: the catalogue (kept
# while no department's procedures, plans or post dates change) made again.
sed -i 's/^deadline: .*/deadline: "12 ngày làm việc"/' "$W/so-b/content/thu-tuc/chuyen-giao.md"
run_cchc 0 portal --quiet --config "$W/portal.yaml" --out "$out" --today $TODAY
check "the new deadline is not in the catalogue" grep -q '12 ngày làm việc' "$out/thu-tuc/index.json"
fresh "a procedure changed"
(cd "$W/so-b" && git checkout -q -- content/thu-tuc/chuyen-giao.md)
run_cchc 0 portal --quiet --config "$W/portal.yaml" --out "$out" --today $TODAY
if grep -q '12 ngày làm việc' "$out/thu-tuc/index.json"; then fail "the old deadline is not back in the catalogue"; else ok; fi

# A portal of sources only: a second run finds nothing to do and says
# so, without building a department or reading a file of the output; a
# post's edit is seen; another day makes the portal again (statuses move
# with the day).
head -n 11 "$W/portal.yaml" >"$W/two.yaml"
out2=$W/two
run_cchc 0 portal --config "$W/two.yaml" --out "$out2" --today $TODAY
(cd "$out2" && find . -printf '%i %s %T@ %p\n' | sort -k 4) >"$SCRATCH/two1"
run_cchc 0 portal --config "$W/two.yaml" --out "$out2" --today $TODAY
check "a portal with nothing changed says: $(tail -n 1 "$SCRATCH/err")" grep -q "không có gì thay đổi (2 đơn vị)" "$SCRATCH/err"
(cd "$out2" && find . -printf '%i %s %T@ %p\n' | sort -k 4) >"$SCRATCH/two2"
check "a portal with nothing changed touched its output" cmp -s "$SCRATCH/two1" "$SCRATCH/two2"
sed -i 's/Tin tháng 7 của/Tin tháng bảy của/' "$W/so-a/content/tin-tuc/2025/tin-thang-7.md"
run_cchc 0 portal --config "$W/two.yaml" --out "$out2" --today $TODAY
check "an edit after a no-change run: $(tail -n 1 "$SCRATCH/err")" grep -q "(1 thay đổi)" "$SCRATCH/err"
check "the edit is not in the second portal" grep -rq "Tin tháng bảy của" "$out2/so-a/tin-tuc"
run_cchc 0 portal --config "$W/two.yaml" --out "$out2" --today 2025-12-20
check "another day made nothing again: $(tail -n 1 "$SCRATCH/err")" grep -q "đã tạo cổng .*(2 thay đổi)" "$SCRATCH/err"
check "the board is not of the new day" grep -q '"today": "2025-12-20"' "$out2/theo-doi/bang.json"

# A merged department (sources: with two folders), each source a git
# repository of its own with its own authors and dates: Sở Xây dựng from
# sxd-st (whose former section was at so-xd/, the new one's place) and
# sxd-ct (at sxd-ct/).  They collide three ways: one file path
# (hoi-nghi.md), one URL (tap-huan.md in 2024/ and 2025/), one procedure
# code (1.009999).
mkmerged() { # DIR DEPARTMENT AUTHOR CODEFILE
	mkdir -p "$1/content/tin-tuc/2025" "$1/content/tin-tuc/2024" "$1/content/thu-tuc"
	printf 'title: Chuyên mục Cải cách hành chính\ndepartment: %s\nprovince: tỉnh Thử Nghiệm\nbase_url: https://%s.example.gov.vn/cchc/\nrepo_url: https://git.example.vn/%s/commit/{commit}\n' \
	    "$2" "${1##*/}" "${1##*/}" >"$1/site.yaml"
	sed -e 's/^code: .*/code: "1.009999"/' -e "s/^agency: .*/agency: \"$2\"/" \
	    "$TOP/content/thu-tuc/dang-ky-chuyen-giao-cong-nghe.md" >"$1/content/thu-tuc/$4.md"
	with_theme "$1"
	(cd "$1" && git init -q -b main && git add -A &&
	    GIT_AUTHOR_DATE=2024-01-02T08:00:00+07:00 GIT_COMMITTER_DATE=2024-01-02T08:00:00+07:00 \
	    git -c user.name="$3" -c user.email=t@example.vn commit -qm "Khởi tạo") || return 1
}
mpost() { # DIR PATH TITLE DATE AUTHOR MESSAGE
	printf -- '---\ntitle: "%s"\nunit: "Văn phòng Sở"\n---\n\nNội dung: %s, về cải cách hành chính.\n' "$3" "$3" >"$1/$2"
	(cd "$1" && git add -A && GIT_AUTHOR_DATE=$4 GIT_COMMITTER_DATE=$4 \
	    git -c user.name="$5" -c user.email=t@example.vn commit -qm "$6")
}
mkmerged "$W/sxd-st" "Sở Xây dựng tỉnh Sóc Trăng" "Nguyễn Văn An" cap-phep
mkmerged "$W/sxd-ct" "Sở Xây dựng thành phố Cần Thơ" "Trần Thị Bình" cap-phep-xay-dung
mpost "$W/sxd-st" content/tin-tuc/2025/hoi-nghi.md "Hội nghị cải cách hành chính tại Sóc Trăng" 2025-03-03T08:00:00+07:00 "Nguyễn Văn An" "Đăng tin hội nghị"
mpost "$W/sxd-ct" content/tin-tuc/2025/hoi-nghi.md "Hội nghị cải cách hành chính tại Cần Thơ" 2025-02-04T09:00:00+07:00 "Trần Thị Bình" "Đăng tin hội nghị Cần Thơ"
mpost "$W/sxd-st" content/tin-tuc/2025/tap-huan.md "Tập huấn nghiệp vụ năm 2025" 2025-04-01T08:00:00+07:00 "Nguyễn Văn An" "Đăng tin tập huấn"
mpost "$W/sxd-ct" content/tin-tuc/2024/tap-huan.md "Tập huấn nghiệp vụ năm 2024" 2024-05-06T08:00:00+07:00 "Trần Thị Bình" "Đăng tin tập huấn 2024"
mpost "$W/sxd-ct" content/tin-tuc/2025/mot-cua.md "Bộ phận một cửa Cần Thơ" 2025-06-02T08:00:00+07:00 "Trần Thị Bình" "Đăng tin một cửa"
mpost "$W/sxd-ct" content/tin-tuc/2025/hoi-nghi.md "Hội nghị cải cách hành chính tại Cần Thơ (bổ sung)" 2025-07-01T10:00:00+07:00 "Lê Văn Cường" "Bổ sung tin hội nghị"
cat >"$W/merged.yaml" <<EOF
title: "Cải cách hành chính tỉnh Thử Nghiệm"
base_url: "$BASE"
departments:
  - name: "Sở A"
    slug: so-a
    source: so-a
  - name: "Sở Xây dựng"
    slug: so-xd
    sources:
      - { path: sxd-st, slug: so-xd }
      - sxd-ct
EOF
mout=$W/merged
run_cchc 0 portal --config "$W/merged.yaml" --out "$mout" --today $TODAY
check "merged: the last line: $(tail -n 1 "$SCRATCH/err")" grep -q "^cchc: đã tạo cổng .*2 đơn vị" "$SCRATCH/err"
check "merged: the path collision is not said" grep -q "merged.yaml:11:.*Sở Xây dựng: tệp content/tin-tuc/2025/hoi-nghi.md có ở cả nguồn sxd-st và nguồn sxd-ct.*hoi-nghi-sxd-ct.md" "$SCRATCH/err"
check "merged: the URL collision is not said" grep -q "Sở Xây dựng: trang content/tin-tuc/2024/tap-huan.md (nguồn sxd-ct) trùng địa chỉ /tin-tuc/tap-huan/.*/tin-tuc/tap-huan-sxd-ct/" "$SCRATCH/err"
check "merged: the code collision is not said" grep -q "Sở Xây dựng: thủ tục mã 1.009999 có ở cả content/thu-tuc/cap-phep.md (nguồn sxd-st) và content/thu-tuc/cap-phep-xay-dung.md (nguồn sxd-ct)" "$SCRATCH/err"
# The list of collisions, for the people who deploy and follow the portal.
check "merged: gop-don-vi.csv has no BOM" [ "$(head -c 3 "$mout/gop-don-vi.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check "merged: gop-don-vi.csv has not 3 rows" [ "$(tail -n +2 "$mout/gop-don-vi.csv" | wc -l)" -eq 3 ]
for k in "trùng tên tệp" "trùng địa chỉ trang" "trùng mã thủ tục"; do
	check "merged: gop-don-vi.csv lacks “$k”" grep -q "^Sở Xây dựng,so-xd,$k,sxd-ct," "$mout/gop-don-vi.csv"
done
# Each page with its own repository's history.
x=$mout/so-xd/tin-tuc/hoi-nghi-sxd-ct/index.html
check "merged: Cần Thơ's hoi-nghi lacks its publication date" grep -q 'datetime="2025-02-04T09:00:00+07:00"' "$x"
check "merged: Cần Thơ's hoi-nghi lacks its first author" grep -q "Người thực hiện: Trần Thị Bình" "$x"
check "merged: Cần Thơ's hoi-nghi lacks its edit" grep -q "Ghi chú: Bổ sung tin hội nghị" "$x"
check "merged: Cần Thơ's hoi-nghi has Sóc Trăng's author" eval '! grep -q "Nguyễn Văn An" "$x"'
x=$mout/so-xd/tin-tuc/hoi-nghi/index.html
check "merged: Sóc Trăng's hoi-nghi lacks its date" grep -q 'datetime="2025-03-03T08:00:00+07:00"' "$x"
check "merged: Sóc Trăng's hoi-nghi lacks its author" grep -q "Người thực hiện: Nguyễn Văn An" "$x"
check "merged: Sóc Trăng's hoi-nghi has Cần Thơ's edit" eval '! grep -q "Lê Văn Cường" "$x"'
check "merged: the 2024 tap-huan lacks its date" grep -q 'datetime="2024-05-06T08:00:00+07:00"' "$mout/so-xd/tin-tuc/tap-huan-sxd-ct/index.html"
check "merged: the department's log lacks both repositories" sh -c 'grep -rq "Lê Văn Cường" "$1"/so-xd/nhat-ky && grep -rq "Nguyễn Văn An" "$1"/so-xd/nhat-ky' sh "$mout"
check "merged: the first source's procedure is not kept" [ -f "$mout/so-xd/thu-tuc/cap-phep/index.html" ]
check "merged: the second procedure with the code is there" [ ! -e "$mout/so-xd/thu-tuc/cap-phep-xay-dung" ]
check "merged: site.yaml's department is not the portal's" grep -q "Sở Xây dựng tỉnh Thử Nghiệm<" "$mout/so-xd/index.html"
check "merged: a former department's name is shown" eval '! grep -q "Sở Xây dựng tỉnh Sóc Trăng\|Sở Xây dựng thành phố Cần Thơ" "$mout/so-xd/index.html"' 
check "merged: a commit links to one repository for all" eval '! grep -rq "git.example.vn" "$mout/so-xd/tin-tuc"'
# Redirects: pages where the former section sxd-ct was, none where
# sxd-st's was (the new section's own place), and the server maps.
x=$mout/sxd-ct/tin-tuc/hoi-nghi/index.html
check "merged: the redirect page lacks noindex" grep -q '<meta name="robots" content="noindex">' "$x"
check "merged: the redirect page lacks its canonical" grep -q '<link rel="canonical" href="https://cong.example.gov.vn/cchc/so-xd/tin-tuc/hoi-nghi-sxd-ct/">' "$x"
check "merged: the redirect page lacks its refresh" grep -q '<meta http-equiv="refresh" content="0; url=../../../so-xd/tin-tuc/hoi-nghi-sxd-ct/">' "$x"
check "merged: _redirects lacks the moved post" grep -qx "/cchc/sxd-ct/tin-tuc/hoi-nghi/ /cchc/so-xd/tin-tuc/hoi-nghi-sxd-ct/ 301" "$mout/_redirects"
check "merged: _redirects lacks the former section" grep -qx "/cchc/sxd-ct/\* /cchc/so-xd/:splat 301" "$mout/_redirects"
check "merged: _redirects redirects the new section's own place" eval '! grep -q "^/cchc/so-xd/" "$mout/_redirects"'
check "merged: chuyen-huong.conf lacks the former section" grep -q '"~^/cchc/sxd-ct/(.\*)\$" "/cchc/so-xd/\$1";' "$mout/chuyen-huong.conf"
cat >"$SCRATCH/pairs" <<EOF
sxd-ct/ so-xd/
sxd-ct/tin-tuc/ so-xd/tin-tuc/
sxd-ct/tin-tuc/hoi-nghi/ so-xd/tin-tuc/hoi-nghi-sxd-ct/
sxd-ct/tin-tuc/tap-huan/ so-xd/tin-tuc/tap-huan-sxd-ct/
sxd-ct/tin-tuc/mot-cua/ so-xd/tin-tuc/mot-cua/
sxd-ct/thu-tuc/cap-phep-xay-dung/ so-xd/thu-tuc/cap-phep/
EOF
while read -r from to; do
	check "merged: no redirect page for $from" [ -f "$mout/${from}index.html" ]
done <"$SCRATCH/pairs"
# Each source's own domain (its site.yaml's base_url), where its
# department published it: pages to serve from there, absolute targets.
E=https://cong.example.gov.vn/cchc/so-xd/
cat >"$SCRATCH/pairs-ct" <<EOF
tin-tuc/hoi-nghi/ ${E}tin-tuc/hoi-nghi-sxd-ct/
tin-tuc/mot-cua/ ${E}tin-tuc/mot-cua/
thu-tuc/cap-phep-xay-dung/ ${E}thu-tuc/cap-phep/
. $E
EOF
cat >"$SCRATCH/pairs-st" <<EOF
tin-tuc/hoi-nghi/ ${E}tin-tuc/hoi-nghi/
tin-tuc/tap-huan/ ${E}tin-tuc/tap-huan/
EOF
# (".": the section's root.)
while read -r from to; do
	[ "$from" = . ] && from=
	check "merged: no page for sxd-ct's own domain at $from" \
	    grep -q "<meta http-equiv=\"refresh\" content=\"0; url=$to\">" "$mout/chuyen-huong/sxd-ct.example.gov.vn/cchc/${from}index.html"
done <"$SCRATCH/pairs-ct"
check "merged: the map of former domains lacks sxd-ct" grep -q '"sxd-ct.example.gov.vn/cchc/tin-tuc/hoi-nghi/" "https://cong.example.gov.vn/cchc/so-xd/tin-tuc/hoi-nghi-sxd-ct/";' "$mout/chuyen-huong.conf"
check "merged: _redirects lacks sxd-st's domain" grep -qx "https://sxd-st.example.gov.vn/cchc/\* https://cong.example.gov.vn/cchc/so-xd/:splat 301" "$mout/_redirects"
if [ -x /usr/bin/chromium ] && [ -d "$TOP/tests/node_modules/playwright-core" ]; then
	node "$TOP/tests/validate/redirects.mjs" --root "$mout" --base /cchc/ $(sed 's/ /=/' "$SCRATCH/pairs") >"$SCRATCH/redir" 2>&1
	check "redirects in Chromium: $(grep -v '^redirects:' "$SCRATCH/redir" | head -n 20)" [ $? -eq 0 ]
	check "redirects in Chromium: $(tail -n 1 "$SCRATCH/redir")" grep -qx "redirects: 6 passed, 0 failed" "$SCRATCH/redir"
	for src in st ct; do
		node "$TOP/tests/validate/redirects.mjs" --root "$mout/chuyen-huong/sxd-$src.example.gov.vn/cchc" --base /cchc/ \
		    --site "https://cong.example.gov.vn/cchc/=$mout" $(sed 's/^\. / /; s/ /=/' "$SCRATCH/pairs-$src") >"$SCRATCH/redir" 2>&1
		check "redirects from sxd-$src's domain in Chromium: $(grep -v '^redirects:' "$SCRATCH/redir" | head -n 20)" [ $? -eq 0 ]
		check "redirects from sxd-$src's domain: $(tail -n 1 "$SCRATCH/redir")" grep -q "redirects: [1-9][0-9]* passed, 0 failed" "$SCRATCH/redir"
	done
else
	skip "redirects in Chromium (chromium, tests/node_modules): sh tools/deps.sh test"
fi
# The nginx map, in Debian's nginx: the same pairs answer 301 to the new
# pages, which answer 200.
{
	sed 's#^#/cchc/#; s# # /cchc/#' "$SCRATCH/pairs"
	sed 's#^#//sxd-ct.example.gov.vn/cchc/#; s#/\. #/ #' "$SCRATCH/pairs-ct"
	sed 's#^#//SXD-ST.example.gov.vn/cchc/#' "$SCRATCH/pairs-st"
	echo "//sxd-ct.example.gov.vn/cchc/rss.xml ${E}rss.xml"
} >"$SCRATCH/pairs-abs"
sh "$TOP/tests/validate/nginx.sh" "$mout" /cchc/ "$SCRATCH/pairs-abs" >"$SCRATCH/nginx" 2>&1
check "nginx: $(grep -v '^nginx:' "$SCRATCH/nginx" | head -n 20)" [ $? -eq 0 ]
if grep -q "skipped" "$SCRATCH/nginx"; then
	skip "nginx (Debian package nginx): sh tools/deps.sh test"
else
	check "nginx: $(tail -n 1 "$SCRATCH/nginx")" grep -qx "nginx: 27 passed, 0 failed" "$SCRATCH/nginx"
fi
if command -v java >/dev/null 2>&1 && [ -d "$TOP/tests/node_modules/vnu-jar" ]; then
	sh "$TOP/tests/validate/vnu.sh" "$mout" >"$SCRATCH/vnu" 2>&1
	check "vnu on the merged portal: $(grep -A3 FAIL "$SCRATCH/vnu" | head -n 20)" [ $? -eq 0 ]
fi
sh "$TOP/tests/validate/sitemap.sh" "$mout" "$BASE" >"$SCRATCH/sm" 2>&1
check "sitemap of the merged portal: $(grep FAIL "$SCRATCH/sm")" [ $? -eq 0 ]
check "the sitemap lists a redirect page" eval '! grep -rq "/cchc/sxd-ct/\|chuyen-huong" "$mout"/sitemap*.xml "$mout"/so-xd/sitemap*.xml'
/usr/bin/python3 - "$mout/so-xd/rss.xml" <<'EOF' >"$SCRATCH/fp" 2>&1
import sys, feedparser
f = feedparser.parse(sys.argv[1])
assert not f.bozo, f.bozo_exception
titles = [e.title for e in f.entries]
assert len(titles) == 5, titles
assert titles[0].startswith("Bộ phận một cửa"), titles
EOF
check "feedparser on the merged department's feed: $(cat "$SCRATCH/fp")" [ $? -eq 0 ]
# The same sources, the same portal (another output folder).
run_cchc 0 portal --config "$W/merged.yaml" --out "$W/merged-again" --today $TODAY
check "merged: a second output differs" diff -r -x .cchc-portal "$mout" "$W/merged-again"
# Nothing changed, then one post of the second source.
run_cchc 0 portal --config "$W/merged.yaml" --out "$mout" --today $TODAY
check "merged: an unchanged rebuild: $(tail -n 1 "$SCRATCH/err")" grep -q "không có gì thay đổi (2 đơn vị)" "$SCRATCH/err"
sed -i 's/Bộ phận một cửa Cần Thơ/Bộ phận một cửa thành phố Cần Thơ/' "$W/sxd-ct/content/tin-tuc/2025/mot-cua.md"
run_cchc 0 portal --config "$W/merged.yaml" --out "$mout" --today $TODAY
check "merged: a source's edit: $(tail -n 1 "$SCRATCH/err")" grep -q "(1 thay đổi)" "$SCRATCH/err"
check "merged: the edit is not in the section" grep -q "Bộ phận một cửa thành phố Cần Thơ" "$mout/so-xd/tin-tuc/mot-cua/index.html"
check "merged: an uncommitted page is not named in its source" grep -q "^sxd-ct/content/tin-tuc/2025/mot-cua.md: cảnh báo: trang chưa được commit" "$SCRATCH/err"
# A former domain that cannot be a folder (a base_url that climbs out, or
# would break the nginx file's quoting): said, nothing written for it.
cp "$W/sxd-ct/site.yaml" "$SCRATCH/site-ct.yaml"
sed -i 's#^base_url: .*#base_url: "https://../../../thoat/"#' "$W/sxd-ct/site.yaml"
run_cchc 0 portal --config "$W/merged.yaml" --out "$mout" --today $TODAY
check "merged: a base_url that climbs out is not said: $(cat "$SCRATCH/err")" grep -q "^sxd-ct: cảnh báo: Sở Xây dựng: base_url “https://../../../thoat/” trong site.yaml của nguồn này có ký tự không dùng được" "$SCRATCH/err"
check "merged: a base_url that climbs out was written" eval '[ ! -e "$W/thoat" ] && [ ! -e "$(dirname "$W")/thoat" ] && [ ! -e "$mout/thoat" ]'
check "merged: the old domain's redirects stayed" [ ! -e "$mout/chuyen-huong/sxd-ct.example.gov.vn" ]
sed -i 's#^base_url: .*#base_url: "https://sxd-ct.example.gov.vn/a$b/"#' "$W/sxd-ct/site.yaml"
run_cchc 0 portal --config "$W/merged.yaml" --out "$mout" --today $TODAY
check "merged: a \$ in a base_url is not said" grep -q 'base_url “https://sxd-ct.example.gov.vn/a\$b/” trong site.yaml' "$SCRATCH/err"
check "merged: a \$ in a base_url reached the nginx map" eval '! grep -q "a\\\$b" "$mout/chuyen-huong.conf"'
cp "$SCRATCH/site-ct.yaml" "$W/sxd-ct/site.yaml"
# A page that breaks the build is named in the source it came from.
printf -- '---\ntitle: "Hỏng\n---\nx\n' >"$W/sxd-ct/content/tin-tuc/2025/hong.md"
run_cchc 1 portal --config "$W/merged.yaml" --out "$mout" --today $TODAY
check "merged: a failing page is not named in its source: $(cat "$SCRATCH/err")" grep -q "^sxd-ct/content/tin-tuc/2025/hong.md:2" "$SCRATCH/err"
check "merged: the failing build's heading" grep -q "Sở Xây dựng (so-xd), gộp từ các nguồn sxd-st, sxd-ct, dựng bị lỗi" "$SCRATCH/err"
rm "$W/sxd-ct/content/tin-tuc/2025/hong.md"
# The manifest is cchc's own: another one is refused plainly.
printf 'cchc-merge 1\nsource\trelative\n' >"$SCRATCH/bad-merge.txt"
run_cchc 1 build --quiet --source "$W/sxd-st" --out "$SCRATCH/bm" --merge "$SCRATCH/bad-merge.txt" --today $TODAY
check "a bad merge manifest: $(cat "$SCRATCH/err")" grep -q "bad-merge.txt:2:1: lỗi: dòng này của bản kê nguồn gộp không đọc được" "$SCRATCH/err"

# Bad input: the message, exit 1, the output untouched.
listing >"$SCRATCH/before"
untouched() { listing >"$SCRATCH/after"; cmp -s "$SCRATCH/before" "$SCRATCH/after"; }
bad() { # bad NAME WANT-IN-MESSAGE YAML
	printf '%s\n' "$3" >"$W/bad.yaml"
	run_cchc 1 portal --config "$W/bad.yaml" --out "$out" --today $TODAY
	check "$1: message lacks “$2”: $(cat "$SCRATCH/err")" grep -q "$2" "$SCRATCH/err"
	check "$1: the output changed" untouched
	check "$1: the last line: $(tail -n 1 "$SCRATCH/err")" grep -q "vẫn giữ nguyên" "$SCRATCH/err"
}
head="title: T
base_url: $BASE
departments:"
bad "missing source" "bad.yaml:4:.*Sở X.*khong-co" "$head
  - { name: Sở X, slug: so-x, source: khong-co }"
bad "one slug twice" "bad.yaml:6:.*so-a" "$head
  - { name: Sở A, slug: so-a, source: so-a }
  - name: Sở B
    slug: so-a
    source: so-b"
bad "a YAML error" "bad.yaml:4:" "$head
  - name: \"Sở A
    slug: so-a"
printf -- '---\ntitle: "Hỏng\ndate: 2025-05-01\n---\nx\n' >"$W/so-b/content/tin-tuc/2025/hong.md"
bad "a build that fails" "Sở B (so-b).*dựng bị lỗi" "$(cat "$W/portal.yaml")"
check "the failing department's file is named" grep -q "content/tin-tuc/2025/hong.md:2" "$SCRATCH/err"
rm "$W/so-b/content/tin-tuc/2025/hong.md"
sed -i 's/"version": 1,/"version": 99,/' "$W/built-so-c/du-lieu.json"
bad "a data file of another version" "Sở C (so-c).*phiên bản dữ liệu 99" "$(cat "$W/portal.yaml")"
mkdir -p "$W/other" && echo x >"$W/other/a.txt"
run_cchc 1 portal --config "$W/portal.yaml" --out "$W/other" --today $TODAY
check "an output cchc did not make was used" [ "$(ls "$W/other")" = a.txt ]

finish portal
