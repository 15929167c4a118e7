# Three drafts committed on 1 June; one changed on 1 October, one being
# edited now (uncommitted).  --today is 20 November: 172 days after June.
git init -q -b main
git_commit 2025-06-01T09:00:00+07:00 "Ba bản nháp"
echo 'Thêm một đoạn.' >>content/tin-tuc/nhap-moi.md
git_commit 2025-10-01T09:00:00+07:00 "Sửa bản nháp"
echo 'Đang viết tiếp.' >>content/tin-tuc/nhap-dang-sua.md
