#!/bin/sh
# tests/plans.sh - plans as data on a repository made here with dated
# commits: task status and recurring progress on a fixed --today, months
# without news, the periodic report (page, CSV, `cchc report`), and a
# procedure change becoming a feed item.  Expected values are worked out
# by hand from the fixture below.
. "$(dirname "$0")/lib.sh"
scratch
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
repo="$SCRATCH/repo"
commit() {
	GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" GIT_AUTHOR_NAME="Văn phòng" \
	GIT_AUTHOR_EMAIL=vp@example.gov.vn GIT_COMMITTER_NAME="Văn phòng" \
	GIT_COMMITTER_EMAIL=vp@example.gov.vn git -C "$repo" commit -q -m "$2"
}
post() { # post SLUG DATE TASK
	mkdir -p "$repo/content/tin-tuc"
	printf -- '---\ntitle: Bài %s\ndate: %s\nunit: Văn phòng Sở\nplan: 5/KH-TN\ntask: "%s"\n---\nNội dung.\n' \
	    "$1" "$2" "$3" >"$repo/content/tin-tuc/$1.md"
}
json() { /usr/bin/python3 -c "import json,sys; d=json.load(open('$SCRATCH/out/ke-hoach/ke-hoach/index.json')); t={x['id']: x for x in d['tasks']}; print($1)"; }

mkdir -p "$repo/plans"
git -C "$repo" init -q -b main
printf 'title: Kế hoạch\nbase_url: https://vidu.gov.vn/\n' >"$repo/site.yaml"
printf '.cchc-cache/\n' >"$repo/.gitignore"
with_theme "$repo"
cat >"$repo/plans/ke-hoach.md" <<'PLAN'
---
title: Kế hoạch tuyên truyền năm 2025
number: 5/KH-TN
issued: 2025-01-10
period: "2025"
---
## Nhiệm vụ

| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| 1 | Đăng tin hằng tháng | Văn phòng Sở | Phòng Nghiệp vụ; Thanh tra Sở | Hằng tháng |
| 2 | Hội nghị PAR Index | Văn phòng Sở | | Chậm nhất tháng 4/2025 |
| 3 | Tọa đàm | Văn phòng Sở | | Quý III/2025 |
| 4 | Cuộc thi | Phòng Nghiệp vụ | | Tháng 3 - 5/2025 |
| 5 | Viết bài cho tỉnh | Văn phòng Sở | | Định kỳ hằng quý |
| 6 | Trả lời kiến nghị | Văn phòng Sở | | Khi có yêu cầu của cấp trên |
PLAN
git -C "$repo" add -A
commit "2025-01-10T08:00:00+07:00" "Ban hành kế hoạch"
post thang-1 2025-01-20 1; post thang-2 2025-02-14 1; post hoi-nghi 2025-04-10 2
post thang-4 2025-04-25 1; post quy-2 2025-05-30 5
git -C "$repo" add -A
commit "2025-06-01T08:00:00+07:00" "Đăng tin"
mkdir -p "$repo/content/thu-tuc"
cp "$TOP/tests/golden/basic/src/content/thu-tuc/cap-giay.md" "$repo/content/thu-tuc/"
git -C "$repo" add -A
commit "2025-06-02T08:00:00+07:00" "Công bố thủ tục"
sed -i 's/^fee: Không/fee: 500.000 đồng/' "$repo/content/thu-tuc/cap-giay.md"
git -C "$repo" add -A
commit "2025-06-20T10:00:00+07:00" "Sửa phí thủ tục"

run_cchc 0 build --quiet --source "$repo" --out "$SCRATCH/out" --today 2025-07-15
check "six tasks read from the table" [ "$(json 'len(d["tasks"])')" = 6 ]
check "partners split on ;" [ "$(json 't["1"]["partners"]')" = "['Phòng Nghiệp vụ', 'Thanh tra Sở']" ]
# Monthly: Jan..Jul begun by 15/7, posts in Jan, Feb, Apr -> 3 of 7.
check "monthly progress" [ "$(json 't["1"]["status"], t["1"]["periods_done"], t["1"]["periods_elapsed"]')" = "recurring 3 7" ]
check "deadline met -> done" [ "$(json 't["2"]["status"]')" = done ]
check "Q3 not over, nothing linked -> in-progress" [ "$(json 't["3"]["status"]')" = in-progress ]
check "range passed, nothing linked -> overdue" [ "$(json 't["4"]["status"]')" = overdue ]
# Quarterly: Q1, Q2, Q3 begun; a post in Q2 only -> 1 of 3.
check "quarterly progress" [ "$(json 't["5"]["periods_done"], t["5"]["periods_elapsed"]')" = "1 3" ]
check "on request: no dates" [ "$(json 't["6"]["status"], t["6"]["when"]["kind"], t["6"]["when"]["start"]')" = "none on-request None" ]
check "task 2's posts" [ "$(json 't["2"]["posts"]')" = "['https://vidu.gov.vn/tin-tuc/hoi-nghi/']" ]
# Months over by 15/7 without news: March and June.
page="$SCRATCH/out/ke-hoach/ke-hoach/index.html"
check "months without news flagged" sh -c "grep -q 'Tháng 3/2025' '$page' && grep -q 'Tháng 6/2025' '$page' && ! grep -q 'Tháng 5/2025</' '$page'"
# Reports: every quarter, half and year begun by 15/7.
for r in 2025-q1 2025-q2 2025-q3 2025-h1 2025-h2 2025; do
	check "report $r missing" [ -f "$SCRATCH/out/bao-cao/$r/index.html" ]
done
check "no report for Q4 yet" [ ! -e "$SCRATCH/out/bao-cao/2025-q4" ]
csv="$SCRATCH/out/bao-cao/2025-q2/bao-cao.csv"
rows=$(/usr/bin/python3 -c "
import csv
r = list(csv.reader(open('$csv', encoding='utf-8-sig', newline='')))
print(sum(1 for x in r if x[0] == 'Tin, bài'), sum(1 for x in r if x[0] == 'Nhiệm vụ'), ';'.join(x[1] for x in r if x[0].startswith('Tháng')))")
check "Q2 CSV: 3 posts, 6 tasks, June without news ($rows)" [ "$rows" = "3 6 Tháng 6/2025" ]
run_cchc -C "$repo" -o "$SCRATCH/q2.md" 0 report --period 2025-q2 --today 2025-07-15
check "cchc report: status at the quarter's end" grep -q '^| 4 | Cuộc thi | Quá hạn |$' "$SCRATCH/q2.md"
check "cchc report: by unit" grep -q '^| Văn phòng Sở | 3 |$' "$SCRATCH/q2.md"
# A change to a procedure is a new item dated by its commit.
check "procedure change in the feed" grep -q '<title>Cập nhật: Cấp giấy chứng nhận' "$SCRATCH/out/thu-tuc/rss.xml"
check "change dated by its commit" grep -q '<pubDate>Fri, 20 Jun 2025 10:00:00 +0700</pubDate>' "$SCRATCH/out/thu-tuc/rss.xml"
printf '[{"path": "thu-tuc/rss.xml", "items": 2}]' >"$SCRATCH/m.json"
/usr/bin/python3 "$TOP/tests/validate/feeds.py" "$SCRATCH/out" "$SCRATCH/m.json" >"$SCRATCH/f" 2>&1
rc=$?
check "procedure feed: $(tail -n 2 "$SCRATCH/f")" [ "$rc" -eq 0 ]
sh "$TOP/tests/validate/vnu.sh" "$SCRATCH/out" >"$SCRATCH/v" 2>&1
rc=$?
check "plan and report pages: $(tail -n 3 "$SCRATCH/v")" [ "$rc" -eq 0 ]

# Unit names: known names with a comma and the site's own (`units:`) stay
# whole, an unknown one is split with a warning at its cell, and <br> in a
# cell separates partners and is a line break on the page in safe mode.
u="$SCRATCH/units"
mkdir -p "$u/plans"
printf 'title: Kế hoạch\nbase_url: https://vidu.gov.vn/\nunits:\n  - Trung tâm Văn hóa, Thể thao tỉnh\n' >"$u/site.yaml"
with_theme "$u"
cat >"$u/plans/don-vi.md" <<'PLAN'
---
title: Kế hoạch phối hợp
number: 6/KH-TN
issued: 2025-03-10
---
| TT | Nội dung | Chủ trì | Phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Phóng sự | Văn phòng Sở<br>Phòng Nghiệp vụ | Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình tỉnh | Quý II/2025 |
| 2 | Triển lãm<script>alert(1)</script> | Văn phòng Sở | Trung tâm Văn hóa, Thể thao tỉnh<br/>Sở Y tế<br onclick="x()">Công an tỉnh | Quý III/2025 |
| 3 | Tọa đàm | Văn phòng Sở | Trung tâm Hội nghị, Triển lãm tỉnh | Quý IV/2025 |
PLAN
cchc build --quiet --source "$u" --out "$SCRATCH/uout" --today 2025-07-15 2>"$SCRATCH/uerr"
check "units build: $(cat "$SCRATCH/uerr")" [ $? -eq 0 ]
ujson() { /usr/bin/python3 -c "import json; d=json.load(open('$SCRATCH/uout/ke-hoach/don-vi/index.json')); t={x['id']: x for x in d['tasks']}; print($1)"; }
check "known comma names kept whole" [ "$(ujson 't["1"]["partners"]')" = "['Sở Văn hóa, Thể thao và Du lịch', 'Báo và Phát thanh, Truyền hình tỉnh']" ]
check "lead lines joined by ;" [ "$(ujson 't["1"]["lead"]')" = "Văn phòng Sở; Phòng Nghiệp vụ" ]
check "site name kept whole, <br/> splits, <br onclick> does not" [ "$(ujson 't["2"]["partners"]')" = "['Trung tâm Văn hóa, Thể thao tỉnh', 'Sở Y tếCông an tỉnh']" ]
check "unknown comma name split" [ "$(ujson 't["3"]["partners"]')" = "['Trung tâm Hội nghị', 'Triển lãm tỉnh']" ]
check "warning at the cell: $(cat "$SCRATCH/uerr")" grep -q '^plans/don-vi.md:10:32: cảnh báo: đơn vị phối hợp “Trung tâm Hội nghị, Triển lãm tỉnh” được tách tại dấu phẩy' "$SCRATCH/uerr"
check "one warning about units" [ "$(grep -c 'đơn vị phối hợp' "$SCRATCH/uerr")" = 1 ]
upage="$SCRATCH/uout/ke-hoach/don-vi/index.html"
check "<br> in the page's table, safe mode" grep -q '<td>Văn phòng Sở<br />Phòng Nghiệp vụ</td>' "$upage"
check "<br/> written <br />; a tag with attributes dropped" grep -q '<td>Trung tâm Văn hóa, Thể thao tỉnh<br />Sở Y tếCông an tỉnh</td>' "$upage"
check "no author HTML on the page" sh -c "! grep -qi -e 'onclick' -e '<script' '$upage'"
check "partners listed one by one" grep -q '<li>Trung tâm Văn hóa, Thể thao tỉnh</li><li>Sở Y tếCông an tỉnh</li>' "$upage"

finish plans
