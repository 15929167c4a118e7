# b.md is left out of the commit, a.md is changed after it.
git init -q -b main
mv content/tin-tuc/b.md b.md.tmp
git_commit 2025-06-01T09:00:00+07:00 "Đăng bài A"
mv b.md.tmp content/tin-tuc/b.md
echo 'Chưa commit.' >>content/tin-tuc/a.md
