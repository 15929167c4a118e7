#!/bin/sh
# tests/searchpage.sh - the reader's side of search (issue 15): the search
# page tim-kiem/ with tim-kiem.js, the header's search box and the
# procedure filter, on a small site built here, in Chromium
# (tests/validate/search.mjs) over HTTP and opened from disk (a
# `--links files` build), and the Nu Html Checker on those pages.
#
# The site: a post with "được" and the phrase "thủ tục hành chính", a
# newer post with "thủ tục" and "hành chính" apart, a plan citing
# 19/KH-UBND, procedure 1.004698 ("toàn trình", "phí thẩm định", "đăng
# ký") and another procedure without them, a draft, a post with markup in
# its title and body, and twelve posts about "tuyên truyền" over 2024 and
# 2025 (more than one page of results).
#
# Without node, Chromium or the npm packages (tests/validate/preflight.sh
# says which), the browser tests are skipped; without java, vnu is.
. "$(dirname "$0")/lib.sh"
scratch
today=2025-11-20
src=$SCRATCH/src
mkdir -p "$src/content/tin-tuc/2025" "$src/content/tin-tuc/2024" "$src/content/thu-tuc" "$src/plans"
with_theme "$src"
cat >"$src/site.yaml" <<'EOF'
title: Chuyên mục Cải cách hành chính
department: Sở Thử nghiệm
province: tỉnh Thử nghiệm
base_url: https://example.gov.vn/cchc/
language: vi
EOF
cat >"$src/content/tin-tuc/2025/hoi-nghi.md" <<'EOF'
---
title: "Hội nghị triển khai nhiệm vụ năm 2025"
date: 2025-03-12
---

Sở tổ chức hội nghị về cải cách thủ tục hành chính; các nhiệm vụ được giao cho từng phòng.
EOF
cat >"$src/content/tin-tuc/2025/tap-huan.md" <<'EOF'
---
title: "Tập huấn nghiệp vụ cho công chức"
date: 2025-06-20
---

Nội dung tập huấn gồm nhiều phần: thủ tục tiếp nhận hồ sơ, quy trình nội bộ, lưu trữ, số hóa, và sau cùng là kỹ năng giao tiếp hành chính với người dân.
EOF
cat >"$src/content/tin-tuc/2025/nhap.md" <<'EOF'
---
title: "Bài chưa đăng"
date: 2025-07-01
draft: true
---

Bài nháp này có một từ lạ: chimcánhcụt.
EOF
# Markup in a title and a body: shown as text, never as HTML.
cat >"$src/content/tin-tuc/2025/the.md" <<'EOF'
---
title: "Mẫu <i>nghiêng</i> & <img src=x onerror=alert(1)> kiemthuthe"
date: 2025-04-01
---

Nội dung có `<b>đậm</b>` và kiemthuthe.
EOF
i=1
while [ $i -le 12 ]; do
	if [ $i -le 5 ]; then y=2024; else y=2025; fi
	m=$(printf '%02d' $i)
	cat >"$src/content/tin-tuc/$y/tuyen-truyen-$i.md" <<EOF
---
title: "Tuyên truyền cải cách hành chính đợt $i"
date: $y-$m-05
---

Đợt tuyên truyền số $i tại các xã, phường.
EOF
	i=$((i + 1))
done
cat >"$src/plans/ke-hoach-2025.md" <<'EOF'
---
title: "Kế hoạch tuyên truyền năm 2025"
number: "15/KH-SNN"
issued: 2025-02-05
issuer: "Sở Thử nghiệm"
signer: "Giám đốc Nguyễn Văn A"
period: "2025"
basis:
  - "19/KH-UBND"
---

Thực hiện Kế hoạch số 19/KH-UBND ngày 22/01/2025 của Ủy ban nhân dân tỉnh.

## Nhiệm vụ

1. Đăng tin trên trang thông tin điện tử. Chủ trì: Văn phòng Sở. Thời gian: Thường xuyên.
EOF
# sections FILE: a procedure's other required sections, in words none of
# the filter's queries look for.
sections() {
	for t in "Cách thức thực hiện" "Thành phần hồ sơ" "Thời hạn giải quyết" \
	    "Đối tượng thực hiện" "Cơ quan thực hiện" "Kết quả thực hiện" "Căn cứ pháp lý"; do
		printf '\n## %s\n\nNội dung mục %s.\n' "$t" "$t" >>"$1"
	done
}
cat >"$src/content/thu-tuc/dang-ky-hoat-dong.md" <<'EOF'
---
title: "Đăng ký hoạt động của tổ chức"
code: "1.004698"
field: "Hoạt động khoa học"
level: "Cấp tỉnh"
agency: "Sở Thử nghiệm"
deadline: "05 ngày làm việc"
fee: "Phí thẩm định: 1.000.000 đồng"
online: toan-trinh
online_url: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004698"
---

## Trình tự thực hiện

Tổ chức nộp hồ sơ theo thủ tục này trên Cổng Dịch vụ công.
EOF
sections "$src/content/thu-tuc/dang-ky-hoat-dong.md"
cat >"$src/content/thu-tuc/cap-phep.md" <<'EOF'
---
title: "Cấp phép sử dụng thiết bị"
code: "1.000001"
field: "An toàn bức xạ"
level: "Cấp tỉnh"
agency: "Sở Thử nghiệm"
deadline: "10 ngày làm việc"
fee: "Không"
online: khong
---

## Trình tự thực hiện

Người dân nộp hồ sơ tại bộ phận một cửa.
EOF
sections "$src/content/thu-tuc/cap-phep.md"

out=$SCRATCH/out
disk=$SCRATCH/disk
run_cchc 0 build --quiet --source "$src" --out "$out" --today $today
run_cchc 0 build --quiet --source "$src" --out "$disk" --today $today --links files

# What the pages hold, before any browser.
page=$out/tim-kiem/index.html
check "tim-kiem/index.html is built" [ -f "$page" ]
check "the index's root tim-kiem/chi-muc/goc.js is built" [ -f "$out/tim-kiem/chi-muc/goc.js" ]
check "the search page has #cchc-kq" grep -q 'id="cchc-kq"' "$page"
check "the search page says in <noscript> that search needs JavaScript" \
    sh -c "sed -n '/<noscript>/,/<\/noscript>/p' '$page' | grep -q 'Tìm kiếm cần JavaScript'"
for f in index.html tin-tuc/index.html thu-tuc/dang-ky-hoat-dong/index.html; do
	check "$f: the header's form goes to tim-kiem/" \
	    grep -q 'action="[./]*tim-kiem/" method="get">' "$out/$f"
	check "$f from disk (--links files): the form goes to tim-kiem/index.html" \
	    grep -q 'action="[./]*tim-kiem/index.html" method="get">' "$disk/$f"
done
check "the draft is not in the index" sh -c "! grep -rl 'chimc' '$out/tim-kiem/chi-muc'"
check "thu-tuc/: every procedure has its document id (data-doc)" \
    sh -c "[ \$(grep -c 'data-doc=\"[0-9][0-9]*\"' '$out/thu-tuc/index.html') -eq 2 ]"

if sh "$TOP/tests/validate/preflight.sh" vnu >"$SCRATCH/pre" 2>&1; then
	mkdir -p "$SCRATCH/vnu/tim-kiem" "$SCRATCH/vnu/thu-tuc"
	cp "$page" "$SCRATCH/vnu/tim-kiem/"
	cp "$out/thu-tuc/index.html" "$SCRATCH/vnu/thu-tuc/"
	cp "$out/index.html" "$SCRATCH/vnu/"
	sh "$TOP/tests/validate/vnu.sh" "$SCRATCH/vnu"
	check "Nu Html Checker: the search page, home and thu-tuc/" [ $? -eq 0 ]
else
	skip "Nu Html Checker: $(head -n 2 "$SCRATCH/pre" | tr '\n' ' ')"
fi

if sh "$TOP/tests/validate/preflight.sh" browser >"$SCRATCH/pre" 2>&1; then
	node "$TOP/tests/validate/search.mjs" --http "$out" --disk "$disk"
	check "search.mjs (Chromium) failed" [ $? -eq 0 ]
else
	skip "Chromium tests of the search page: $(head -n 2 "$SCRATCH/pre" | tr '\n' ' ')"
fi
finish searchpage
