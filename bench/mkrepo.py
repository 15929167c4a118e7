#!/usr/bin/env python3
"""mkrepo.py - a deterministic CCHC source repository for bench/history.sh.

    python3 bench/mkrepo.py DIR [COMMITS]

Creates DIR (must not exist) as a git repository with COMMITS commits
(default 5000, counting side-branch commits and merges) written with
`git fast-import`: news posts in content/tin-tuc/yyyy/mm/, procedures in
content/thu-tuc/, plans in plans/, edits, renames (with and without an
edit), removals, theme and config changes that are not pages, and every
50 commits a side branch merged into main with a merge commit.  Names,
dates (from 2019-01-01 +07:00) and contents come from a fixed seed, so
the same arguments always give the same commit ids.  Standard library
only.
"""
import os
import random
import subprocess
import sys

SEED = 20250615
T0 = 1546275600          # 2019-01-01 00:00 +07:00
TZ = "+0700"

WORDS = ("cải cách hành chính một cửa liên thông dịch vụ công trực tuyến "
         "hồ sơ thủ tục tiếp nhận trả kết quả Sở Ủy ban nhân dân tỉnh "
         "kế hoạch tuyên truyền năm quý tháng báo cáo đánh giá chỉ số "
         "hài lòng người dân doanh nghiệp cán bộ công chức viên chức "
         "chuyển đổi số văn bản quy phạm pháp luật kiểm soát rà soát").split()
AUTHORS = ("Nguyễn Thị Lan", "Trần Văn Minh", "Lê Thu Hà", "Phạm Quốc Bảo",
           "Hoàng Mai Anh", "Võ Thành Nam")


class Gen:
    def __init__(self, out):
        self.r = random.Random(SEED)
        self.out = out
        self.mark = 0
        self.t = T0
        self.files = {}          # main: path -> text
        self.news = []           # main: news paths
        self.others = []         # main: procedure and plan paths
        self.serial = 0
        self.ncommits = 0

    def words(self, n):
        return " ".join(self.r.choice(WORDS) for _ in range(n))

    def slug(self):
        self.serial += 1
        return "%s-%d" % ("-".join(self.r.choice(WORDS[:20]).lower()
                                   for _ in range(3)), self.serial)

    def page(self, title):
        lines = ["---", "title: \"%s\"" % title,
                 "summary: \"%s\"" % self.words(12), "---", ""]
        for _ in range(self.r.randrange(12, 40)):
            lines.append(self.words(self.r.randrange(8, 20)) + ".")
            if self.r.random() < 0.3:
                lines.append("")
        return "\n".join(lines) + "\n"

    def edit(self, text):
        lines = text.split("\n")
        for _ in range(self.r.randrange(1, 3)):
            i = self.r.randrange(5, len(lines))
            lines[i] = self.words(self.r.randrange(8, 20)) + "."
        if self.r.random() < 0.5:
            lines.insert(len(lines) - 1, self.words(10) + ".")
        return "\n".join(lines)

    def news_path(self):
        y, m = divmod(((self.t - T0) // (30 * 86400)), 12)
        return "content/tin-tuc/%04d/%02d/%s.md" % (2019 + y, m + 1,
                                                   self.slug())

    def data(self, s):
        b = s.encode()
        self.out.write(b"data %d\n" % len(b) + b + b"\n")

    def commit(self, ref, msg, ops, parent=None, merge=None):
        """ops: list of ("M", path, text) / ("D", path) / ("R", old, new)."""
        self.mark += 1
        self.ncommits += 1
        self.t += self.r.randrange(1800, 4 * 3600)
        who = self.r.choice(AUTHORS)
        w = self.out.write
        w(b"commit %s\nmark :%d\n" % (ref.encode(), self.mark))
        w(("author %s <bientap@so.gov.vn> %d %s\n" % (who, self.t, TZ)).encode())
        w(("committer %s <bientap@so.gov.vn> %d %s\n" % (who, self.t, TZ)).encode())
        self.data(msg)
        if parent:
            w(b"from :%d\n" % parent)
        if merge:
            w(b"merge :%d\n" % merge)
        for op in ops:
            if op[0] == "M":
                w(("M 100644 inline %s\n" % op[1]).encode())
                self.data(op[2])
            elif op[0] == "D":
                w(("D %s\n" % op[1]).encode())
            else:
                w(("R %s %s\n" % (op[1], op[2])).encode())
        return self.mark

    def main_ops(self):
        """One ordinary change on main; keeps self.files in step."""
        r = self.r.random()
        if r < 0.42 or len(self.news) < 20:
            p = self.news_path()
            text = self.page("Tin " + self.words(6))
            self.files[p] = text
            self.news.append(p)
            ops = [("M", p, text)]
            if self.r.random() < 0.3:
                ops.append(("M", p[:-3] + ".jpg", "JPEG %d\n" % self.serial))
            return "Đăng tin mới", ops
        if r < 0.72:
            p = self.r.choice(self.news if self.r.random() < 0.8 or
                              not self.others else self.others)
            self.files[p] = self.edit(self.files[p])
            return "Cập nhật nội dung", [("M", p, self.files[p])]
        if r < 0.79:
            p = ("content/thu-tuc/%s.md" if self.r.random() < 0.6 else
                 "plans/%s.md") % self.slug()
            self.files[p] = self.page("Kế hoạch " + self.words(5))
            self.others.append(p)
            return "Thêm thủ tục / kế hoạch", [("M", p, self.files[p])]
        if r < 0.85:
            # git mv, sometimes with an edit in the same commit.
            i = self.r.randrange(len(self.news))
            old = self.news[i]
            new = self.news_path()
            text = self.files.pop(old)
            self.news[i] = new
            ops = [("R", old, new)]
            if self.r.random() < 0.4:
                text = self.edit(text)
                ops.append(("M", new, text))
            self.files[new] = text
            return "Đổi tên tệp", ops
        if r < 0.89:
            p = self.news.pop(self.r.randrange(len(self.news)))
            del self.files[p]
            return "Gỡ tin", [("D", p)]
        if r < 0.95:
            return "Sửa giao diện", [("M", "themes/default/layouts/page.mustache",
                                      "<main>{{{content}}}</main><!-- %d -->\n"
                                      % self.serial)]
        return "Sửa cấu hình", [("M", "site.yaml",
                                 "title: Cải cách hành chính\nrev: %d\n"
                                 % self.serial)]

    def run(self, total):
        last = self.commit("refs/heads/main", "Khởi tạo chuyên mục", [
            ("M", "site.yaml", "title: Cải cách hành chính\n"),
            ("M", "content/gioi-thieu.md", self.page("Giới thiệu"))])
        while self.ncommits < total:
            if self.ncommits % 50 == 49 and total - self.ncommits >= 5:
                last = self.side_branch(last)
                continue
            msg, ops = self.main_ops()
            last = self.commit("refs/heads/main", msg, ops)
        self.out.write(b"done\n")

    def side_branch(self, fork):
        """A few commits on a side branch, one on main, then a merge."""
        ref = "refs/heads/nhanh-%d" % self.ncommits
        side = {}
        tip = fork
        for k in range(self.r.randrange(1, 4)):
            if side and self.r.random() < 0.4:
                p = self.r.choice(sorted(side))
                side[p] = self.edit(side[p])
            else:
                p = self.news_path()
                side[p] = self.page("Tin nhánh " + self.words(5))
            tip = self.commit(ref, "Soạn tin trên nhánh", [("M", p, side[p])],
                              parent=fork if k == 0 else None)
        msg, ops = self.main_ops()
        self.commit("refs/heads/main", msg, ops)
        # fast-import does not merge trees: the merge brings side's files.
        ops = [("M", p, side[p]) for p in sorted(side)]
        for p in sorted(side):
            self.files[p] = side[p]
            self.news.append(p)
        return self.commit("refs/heads/main", "Gộp nhánh soạn tin", ops,
                           merge=tip)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: mkrepo.py DIR [COMMITS]")
    d = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) == 3 else 5000
    if os.path.exists(d):
        sys.exit("mkrepo.py: %s exists" % d)
    subprocess.run(["git", "init", "-q", "-b", "main", d], check=True)
    p = subprocess.Popen(["git", "-C", d, "fast-import", "--quiet"],
                         stdin=subprocess.PIPE)
    Gen(p.stdin).run(total)
    p.stdin.close()
    if p.wait() != 0:
        sys.exit("mkrepo.py: git fast-import failed")
    subprocess.run(["git", "-C", d, "checkout", "-q", "-f", "main"],
                   check=True)


if __name__ == "__main__":
    main()
