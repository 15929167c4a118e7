# Both posts added on 1 June, both changed on 10 June.
git init -q -b main
git_commit 2025-06-01T09:00:00+07:00 "Đăng hai bài"
echo 'Bổ sung thông tin.' >>content/tin-tuc/khong-ngay.md
echo 'Bổ sung thông tin.' >>content/tin-tuc/co-ngay.md
git_commit 2025-06-10T15:30:00+07:00 "Cập nhật hai bài" "Trưởng ban biên tập"
