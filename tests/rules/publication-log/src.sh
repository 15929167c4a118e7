# May: A and B published; June: A changed, B removed.
git init -q -b main
git_commit 2025-05-05T08:00:00+07:00 "Đăng bài A và B"
echo 'Sửa bài A.' >>content/tin-tuc/a.md
git_commit 2025-06-02T10:00:00+07:00 "Sửa bài A"
git rm -q content/tin-tuc/b.md
git_commit 2025-06-03T11:00:00+07:00 "Gỡ bài B"
