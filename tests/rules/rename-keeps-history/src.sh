git init -q -b main
git_commit 2025-06-01T09:00:00+07:00 "Đăng bài"
git mv content/tin-tuc/ten-cu.md content/tin-tuc/ten-moi.md
git_commit 2025-06-20T09:00:00+07:00 "Đổi tên tệp"
