git init -q -b main
git_commit 2025-06-01T09:00:00+07:00 "Đăng bài A"
git checkout -q -b nhap
printf -- '---\ntitle: Bài từ nhánh phụ\n---\nBài viết trên nhánh phụ.\n' >content/tin-tuc/b.md
git_commit 2025-06-05T09:00:00+07:00 "Viết bài B" "Phóng viên"
git checkout -q main
GIT_AUTHOR_DATE=2025-06-12T16:00:00+07:00 GIT_COMMITTER_DATE=2025-06-12T16:00:00+07:00 \
GIT_AUTHOR_NAME="Trưởng ban" GIT_AUTHOR_EMAIL=tb@vidu.gov.vn \
GIT_COMMITTER_NAME="Trưởng ban" GIT_COMMITTER_EMAIL=tb@vidu.gov.vn \
    git merge -q --no-ff -m "Duyệt bài B" nhap
