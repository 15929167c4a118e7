git init -q -b main
git_commit 2025-06-01T09:00:00+07:00 "Đăng bài A"
