#!/usr/bin/env python3
"""corpus.py - a deterministic cchc source tree for the build benchmark.

    python3 bench/corpus.py OUT --posts N --procedures M [--seed S]
                                [--git COMMITS]

Writes into OUT (which must not exist, or be an empty folder):

  site.yaml                       base_url under a path prefix,
                                  posts_per_page 10, feed_items 20
  content/gioi-thieu.md           one ordinary page
  content/tin-tuc/yyyy/mm/<slug>.md   N news posts, 600-900 words of
                                  Vietnamese (NFC) each: `##` headings,
                                  lists, a GFM table in about a fifth,
                                  2-3 topics of 30, one unit of 8, dates
                                  over 2024-2025
  content/thu-tuc/<slug>.md       M procedures that pass cchc's checks:
                                  unique code 1.00xxxx, field (6), level,
                                  agency, deadline, fee, online, the
                                  eleven standard `##` sections
  themes/default/                 copied from the repository
  .gitignore                      /.cchc-cache/

With --git C, OUT also becomes a git repository (branch main) whose C
commits add the files in date order (several authors, fixed dates, no
dependence on the clock or on git configuration), written with `git
fast-import`.  When C exceeds the number of files plus one, the extra
commits are edits: a page is first committed without its last blocks,
which later commits add back.  The work tree ends clean and equal to
the last commit.

The same arguments always give the same bytes (and commit ids).
10,000 posts are about 50 MB of Markdown.  Standard library only.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

T_START = 1704042000        # 2024-01-01 00:00 +07:00
T_END = 1767200400          # 2026-01-01 00:00 +07:00 (exclusive)
VN = 7 * 3600

# ---------------------------------------------------------------- words

SUBJECTS = (
    "Sở Khoa học và Công nghệ", "Văn phòng Sở", "Ban Giám đốc Sở",
    "Ủy ban nhân dân tỉnh", "Sở Nội vụ", "Trung tâm Phục vụ hành chính công tỉnh",
    "Bộ phận Một cửa", "các phòng, đơn vị trực thuộc Sở",
    "đội ngũ cán bộ, công chức, viên chức", "Thanh tra Sở",
    "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Phòng Quản lý chuyên ngành",
    "Trung tâm Thông tin và Ứng dụng khoa học công nghệ", "Đoàn kiểm tra",
    "Tổ công tác cải cách hành chính", "lãnh đạo các phòng chuyên môn",
    "Ban Chỉ đạo cải cách hành chính tỉnh", "Công đoàn cơ sở",
)
VERBS = (
    "tiếp tục đẩy mạnh", "triển khai thực hiện", "tổ chức rà soát",
    "nâng cao chất lượng", "tăng cường kiểm tra", "hướng dẫn thực hiện",
    "công khai đầy đủ", "đánh giá kết quả", "đơn giản hóa", "số hóa",
    "chỉ đạo quyết liệt", "kiện toàn", "tổ chức tuyên truyền về",
    "theo dõi, đôn đốc", "tập trung giải quyết", "cập nhật kịp thời",
    "phối hợp thực hiện", "quán triệt", "thống nhất nội dung",
    "đề xuất cắt giảm", "ban hành hướng dẫn về", "sơ kết việc thực hiện",
)
OBJECTS = (
    "công tác cải cách hành chính", "thủ tục hành chính",
    "dịch vụ công trực tuyến toàn trình", "dịch vụ công trực tuyến",
    "hồ sơ giải quyết thủ tục hành chính", "Chỉ số cải cách hành chính (PAR Index)",
    "Chỉ số hài lòng của người dân (SIPAS)", "chuyển đổi số",
    "hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
    "văn bản quy phạm pháp luật", "cơ chế một cửa, một cửa liên thông",
    "kỷ luật, kỷ cương hành chính", "văn hóa công vụ",
    "quy trình nội bộ giải quyết thủ tục hành chính",
    "phản ánh, kiến nghị của người dân, doanh nghiệp",
    "thanh toán trực tuyến phí, lệ phí", "kết quả giải quyết thủ tục hành chính",
    "chữ ký số chuyên dùng", "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
    "kế hoạch cải cách hành chính năm nay", "vị trí việc làm",
    "nhiệm vụ khoa học và công nghệ", "tiêu chuẩn, đo lường, chất lượng",
    "chuyển giao công nghệ", "an toàn bức xạ",
)
TAILS = (
    "trên địa bàn tỉnh", "theo đúng quy định", "trong năm nay", "trong thời gian tới",
    "nhằm phục vụ người dân, doanh nghiệp ngày càng tốt hơn",
    "qua Cổng Dịch vụ công quốc gia", "tại Trung tâm Phục vụ hành chính công tỉnh",
    "đúng tiến độ đề ra", "một cách thực chất, hiệu quả",
    "gắn với chuyển đổi số", "theo chỉ đạo của Ủy ban nhân dân tỉnh",
    "bảo đảm công khai, minh bạch", "trong toàn ngành", "từ cấp tỉnh đến cấp xã",
    "theo Kế hoạch đã ban hành", "với sự tham gia của các đơn vị",
)
OPENERS = (
    "Trong thời gian qua,", "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh,",
    "Bên cạnh đó,", "Đồng thời,", "Theo báo cáo,", "Ngoài ra,",
    "Nhìn chung,", "Qua kiểm tra cho thấy,", "Tại hội nghị,",
    "Để khắc phục những hạn chế nêu trên,", "Trong quý,",
    "Từ đầu năm đến nay,", "Cụ thể,", "Tuy nhiên,",
)
FIGURES = (
    "tỷ lệ hồ sơ giải quyết đúng hạn đạt {p}", "đã tiếp nhận {n} hồ sơ",
    "tỷ lệ hồ sơ nộp trực tuyến đạt {p}", "{n} thủ tục hành chính được công khai",
    "mức độ hài lòng của người dân đạt {p}", "{n} lượt cán bộ được tập huấn",
    "đã số hóa {n} hồ sơ, kết quả giải quyết", "cắt giảm {p} thời gian giải quyết",
)
HEADINGS = (
    "Công tác chỉ đạo, điều hành", "Kết quả đạt được", "Nhiệm vụ trọng tâm",
    "Khó khăn, vướng mắc", "Giải pháp trong thời gian tới",
    "Kết quả giải quyết thủ tục hành chính", "Công tác tuyên truyền",
    "Cải cách thủ tục hành chính", "Xây dựng chính quyền số",
    "Kiến nghị, đề xuất", "Nội dung triển khai", "Đánh giá chung",
    "Phân công thực hiện", "Tổ chức thực hiện",
)
EVENTS = (
    "Hội nghị", "Tập huấn", "Tọa đàm", "Kiểm tra", "Triển khai", "Sơ kết",
    "Tổng kết", "Hướng dẫn", "Đẩy mạnh", "Ra quân", "Hội thảo về",
    "Công bố kết quả", "Ký kết phối hợp về",
)
TAGS = (
    "Cải cách hành chính", "Thủ tục hành chính", "Dịch vụ công trực tuyến",
    "Chuyển đổi số", "PAR Index", "SIPAS", "ISO 9001", "Văn hóa công vụ",
    "Một cửa liên thông", "Kiểm soát thủ tục hành chính", "Tuyên truyền",
    "Kỷ luật kỷ cương", "Chính quyền số", "Thanh toán trực tuyến",
    "Số hóa hồ sơ", "Chữ ký số", "Phản ánh kiến nghị", "Vị trí việc làm",
    "Tinh giản biên chế", "Văn bản quy phạm pháp luật", "Đo lường chất lượng",
    "Chuyển giao công nghệ", "An toàn bức xạ", "Sở hữu trí tuệ",
    "Khởi nghiệp đổi mới sáng tạo", "Hội nghị", "Tập huấn", "Kiểm tra",
    "Sơ kết, tổng kết", "Thi đua khen thưởng",
)
UNITS = (
    "Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý chuyên ngành",
    "Phòng Kế hoạch - Tài chính", "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    "Trung tâm Thông tin và Ứng dụng khoa học công nghệ",
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
    "Phòng Quản lý khoa học",
)
COLS = (
    ("Lĩnh vực", "Hồ sơ tiếp nhận", "Trực tuyến", "Đúng hạn", "Tỷ lệ"),
    ("Đơn vị", "Nhiệm vụ", "Đã hoàn thành", "Đang thực hiện", "Ghi chú"),
    ("Chỉ số", "Năm trước", "Năm nay", "Tăng, giảm", "Xếp hạng"),
)
AUTHORS = (
    ("Nguyễn Thị Lan", "lan.nt"), ("Trần Văn Minh", "minh.tv"),
    ("Lê Thu Hà", "ha.lt"), ("Phạm Quốc Bảo", "bao.pq"),
    ("Hoàng Mai Anh", "anh.hm"), ("Võ Thành Nam", "nam.vt"),
    ("Đặng Thị Hồng Nhung", "nhung.dth"),
)

# ---------------------------------------------------------- procedures

FIELDS = (
    "Hoạt động khoa học và công nghệ", "Tiêu chuẩn, đo lường, chất lượng",
    "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân",
    "Chuyển giao công nghệ", "Sở hữu trí tuệ", "Thông tin khoa học và công nghệ",
)
ACTIONS = (
    "Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Thu hồi", "Đăng ký",
    "Xác nhận", "Công bố", "Thẩm định", "Tiếp nhận hồ sơ",
)
THINGS = (
    "Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
    "Giấy chứng nhận doanh nghiệp khoa học và công nghệ",
    "chứng chỉ nhân viên bức xạ", "giấy phép sử dụng thiết bị X-quang",
    "hợp đồng chuyển giao công nghệ", "kết quả thực hiện nhiệm vụ khoa học và công nghệ",
    "dấu định lượng của hàng đóng gói sẵn", "hợp chuẩn, hợp quy",
    "phương tiện đo nhóm 2", "tổ chức thử nghiệm", "sáng kiến cấp cơ sở",
    "giấy phép tiến hành công việc bức xạ", "văn phòng đại diện",
)
FORS = (
    "cho tổ chức", "cho cá nhân", "cho doanh nghiệp", "cấp tỉnh",
    "tại địa phương", "đối với hàng hóa nhập khẩu", "trong lĩnh vực y tế",
    "thuộc thẩm quyền của Sở",
)
LEVELS = ("Cấp tỉnh", "Cấp tỉnh", "Cấp tỉnh", "Cấp huyện", "Cấp xã")
AGENCIES = ("Sở Khoa học và Công nghệ", "Chi cục Tiêu chuẩn Đo lường Chất lượng",
            "Ủy ban nhân dân tỉnh")
DOCS = (
    "Đơn đề nghị theo mẫu", "Bản sao quyết định thành lập",
    "Bản sao giấy chứng nhận đăng ký doanh nghiệp", "Báo cáo kết quả hoạt động",
    "Hồ sơ nhân lực", "Giấy tờ chứng minh trụ sở", "Bản thuyết minh kỹ thuật",
    "Ảnh màu cỡ 4 cm x 6 cm", "Văn bản ủy quyền (nếu có)",
)
LAWS = (
    "Luật Khoa học và Công nghệ số 29/2013/QH13",
    "Luật Chuyển giao công nghệ số 07/2017/QH14",
    "Luật Năng lượng nguyên tử số 18/2008/QH12",
    "Luật Tiêu chuẩn và Quy chuẩn kỹ thuật số 68/2006/QH11",
    "Luật Đo lường số 04/2011/QH13",
    "Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ",
    "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
    "Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ",
    "Thông tư số 287/2016/TT-BTC ngày 15/11/2016 của Bộ trưởng Bộ Tài chính",
)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def fold(s):
    """ASCII slug words: no diacritics, đ -> d, lower case."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    out, dash = [], False
    for c in s:
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def q(s):
    """A double-quoted YAML scalar (the vocabulary has no quotes)."""
    assert '"' not in s and "\\" not in s
    return '"%s"' % s


class Corpus:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.files = {}          # path -> text (final version)
        self.times = {}          # path -> unix time it was first committed
        self.blocks = {}         # path -> number of droppable trailing blocks

    # ------------------------------------------------------------ text

    def pct(self):
        return "%d,%d%%" % (self.r.randrange(60, 100), self.r.randrange(10))

    def num(self):
        n = self.r.randrange(3, 25000)
        return "{:,}".format(n).replace(",", ".")

    def sentence(self, bold=False):
        r = self.r
        parts = []
        if r.random() < 0.35 and not bold:
            parts.append(r.choice(OPENERS))
        subj = r.choice(SUBJECTS)
        subj = subj if parts else subj[0].upper() + subj[1:]
        parts.append("**%s**" % subj if bold else subj)
        parts.append(r.choice(VERBS))
        parts.append(r.choice(OBJECTS))
        if r.random() < 0.5:
            parts.append(r.choice(TAILS))
        if r.random() < 0.3:
            parts.append("; " + r.choice(FIGURES).format(p=self.pct(),
                                                         n=self.num()))
        if r.random() < 0.25:
            parts.append(", " + r.choice(VERBS) + " " + r.choice(OBJECTS))
        return " ".join(parts).replace(" ;", ";").replace(" ,", ",") + "."

    def paragraph(self, lo=2, hi=5):
        return " ".join(self.sentence() for _ in range(self.r.randrange(lo, hi)))

    def words(self, blocks):
        """Words of text: tokens with a letter (not "|", "-", "1.", "12")."""
        return sum(1 for b in blocks for w in b.split()
                   if any(c.isalpha() for c in w))

    def alist(self):
        r = self.r
        n = r.randrange(3, 6)
        items = []
        bold = r.random() < 0.3
        for i in range(n):
            items.append(self.sentence(bold)[:-1])
        if r.random() < 0.5:
            return "\n".join("- %s;" % it for it in items[:-1]) + \
                "\n- %s." % items[-1]
        return "\n".join("%d. %s." % (i + 1, it) for i, it in enumerate(items))

    def table(self):
        r = self.r
        head = r.choice(COLS)
        rows = ["| " + " | ".join(head) + " |",
                "|---|" + "---:|" * (len(head) - 1)]
        names = r.sample(FIELDS + UNITS, r.randrange(3, 7))
        for nm in names:
            rows.append("| %s | %d | %d | %d | %s |" % (
                nm, r.randrange(1, 400), r.randrange(0, 300),
                r.randrange(0, 300), self.pct()))
        return "\n".join(rows)

    def post_body(self, target):
        """Blocks of about `target` words: never fewer than 600 or more than 900."""
        r = self.r
        last = self.paragraph(1, 2)
        blocks = [self.paragraph(3, 5)]
        n = self.words(blocks) + self.words([last])
        want_table = r.random() < 0.2
        headings = r.sample(HEADINGS, 6)
        h = 0
        while n < target:
            if h < len(headings) and (h == 0 or r.random() < 0.45) and \
                    n + 60 < target:
                new = ["## " + headings[h], self.paragraph(2, 4)]
                h += 1
            else:
                x = r.random()
                if want_table and x < 0.3:
                    new = [self.table()]
                elif x < 0.4:
                    new = [self.alist()]
                else:
                    new = [self.paragraph(2, 5)]
            if n + self.words(new) > target:
                new = [self.paragraph(1, 2)]
                if n + self.words(new) > (target if n >= 600 else 900):
                    break
            if new[0].startswith("|"):
                want_table = False
            blocks += new
            n += self.words(new)
        if want_table:
            t = self.table()
            while n + self.words([t]) > 900:
                i = max(i for i, b in enumerate(blocks) if not b.startswith("#"))
                n -= self.words([blocks.pop(i)])
            blocks.insert(len(blocks) // 2 + 1, t)
        return blocks + [last]

    # ----------------------------------------------------------- posts

    def posts(self, n):
        r = self.r
        span = T_END - T_START
        for i in range(n):
            t = T_START + r.randrange(span - 86400)
            t -= (t + VN) % 60
            title = "%s %s %s" % (r.choice(EVENTS), r.choice(OBJECTS),
                                  r.choice(TAILS))
            title = nfc(title[0].upper() + title[1:])
            slug = "%s-%d" % ("-".join(fold(title).split("-")[:9]), i + 1)
            y, mo, d, hh, mm = civil(t)
            path = "content/tin-tuc/%04d/%02d/%s.md" % (y, mo, slug)
            date = ("%04d-%02d-%02d" % (y, mo, d) if r.random() < 0.5 else
                    "%04d-%02d-%02dT%02d:%02d:00" % (y, mo, d, hh, mm))
            tags = r.sample(TAGS, r.randrange(2, 4))
            unit = r.choice(UNITS)
            fm = ["---", "title: " + q(title), "date: " + date,
                  "summary: " + q(self.sentence()),
                  "tags: [%s]" % ", ".join(q(t) for t in tags),
                  "unit: " + q(unit), "---", "", ""]
            body = self.post_body(r.randrange(600, 901))
            self.add(path, "\n".join(fm) + "\n\n".join(body) + "\n",
                     t + r.randrange(600, 6 * 3600), len(body))

    # ------------------------------------------------------ procedures

    def procedures(self, m):
        r = self.r
        codes = r.sample(range(1000, 10000), m) if m <= 9000 else \
            r.sample(range(10000), m)
        for i in range(m):
            field = r.choice(FIELDS)
            thing = r.choice(THINGS)
            title = nfc("%s %s %s" % (r.choice(ACTIONS), thing,
                                      r.choice(FORS)))
            slug = "%s-%d" % ("-".join(fold(title).split("-")[:9]), i + 1)
            code = "1.00%04d" % codes[i]
            days = r.choice((3, 5, 7, 10, 15, 20, 30))
            fee = r.choice(("Không", "%s đồng/hồ sơ" % self.num(),
                            "Phí thẩm định: %s.000 đồng/lần" % r.randrange(100, 5000)))
            online = r.choice(("toan-trinh", "mot-phan", "khong"))
            fm = ["---", "title: " + q(title), "code: " + q(code),
                  "field: " + q(field), "level: " + q(r.choice(LEVELS)),
                  "agency: " + q(r.choice(AGENCIES)),
                  "deadline: " + q("%d ngày làm việc kể từ ngày nhận đủ hồ "
                                   "sơ hợp lệ" % days),
                  "fee: " + q(fee), "online: " + online]
            if online != "khong":
                fm.append("online_url: " + q(
                    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-"
                    "chinh-chi-tiet.html?ma_thu_tuc=" + code))
            fm += ["---", "", ""]
            steps = "\n".join(
                "%d. **Bước %d:** %s" % (k + 1, k + 1, self.sentence())
                for k in range(r.randrange(3, 6)))
            docs = r.sample(DOCS, r.randrange(3, 7))
            if r.random() < 0.4:
                hs = "| STT | Tên giấy tờ | Số lượng |\n|---|---|---|\n" + \
                    "\n".join("| %d | %s | 01 bản |" % (k + 1, d)
                              for k, d in enumerate(docs))
            else:
                hs = "\n".join("%d. %s." % (k + 1, d) for k, d in enumerate(docs))
            hs += "\n\n**Số lượng hồ sơ:** 01 bộ."
            secs = [
                ("Trình tự thực hiện", steps),
                ("Cách thức thực hiện", "- Trực tiếp tại Trung tâm Phục vụ "
                 "hành chính công tỉnh.\n- Qua dịch vụ bưu chính công ích.\n"
                 "- Trực tuyến trên Cổng Dịch vụ công quốc gia."),
                ("Thành phần hồ sơ", hs),
                ("Thời hạn giải quyết", "%d ngày làm việc kể từ ngày nhận đủ "
                 "hồ sơ hợp lệ." % days),
                ("Đối tượng thực hiện", "Tổ chức, cá nhân có nhu cầu "
                 "trên địa bàn tỉnh."),
                ("Cơ quan thực hiện", "%s. %s" % (r.choice(AGENCIES),
                                                   self.sentence())),
                ("Kết quả thực hiện", nfc(thing[0].upper() + thing[1:] +
                                          " (bản giấy hoặc bản điện tử).")),
                ("Phí, lệ phí", fee + "."),
                ("Tên mẫu đơn, tờ khai", "Mẫu đơn ban hành kèm theo " +
                 r.choice(LAWS[5:]) + "."),
                ("Yêu cầu, điều kiện", self.alist()),
                ("Căn cứ pháp lý", "\n".join("- %s." % l for l in
                                             r.sample(LAWS, r.randrange(2, 4)))),
            ]
            body = "\n\n".join("## %s\n\n%s" % s for s in secs)
            path = "content/thu-tuc/%s.md" % slug
            self.add(path, "\n".join(fm) + body + "\n",
                     T_START + r.randrange(T_END - T_START - 86400), 0)

    def add(self, path, text, t, blocks):
        assert path not in self.files, path
        self.files[path] = nfc(text)
        self.times[path] = min(t, T_END - 3600)
        self.blocks[path] = blocks

    # ------------------------------------------------------------ site

    def site(self, theme):
        self.fixed = {
            "site.yaml": nfc(
                "title: Chuyên mục Cải cách hành chính\n"
                "department: Sở Khoa học và Công nghệ\n"
                "province: tỉnh Hậu Giang\n"
                "description: Thông tin về công tác cải cách hành chính và "
                "thủ tục hành chính của Sở Khoa học và Công nghệ.\n"
                "base_url: https://skhcn.haugiang.example.gov.vn/"
                "cai-cach-hanh-chinh/\n"
                "language: vi\ntheme: default\nposts_per_page: 10\n"
                "feed_items: 20\n"),
            ".gitignore": "/.cchc-cache/\n",
            "content/gioi-thieu.md": nfc(
                "---\ntitle: Giới thiệu\n---\n\n" + self.paragraph(4, 6) +
                "\n\n## Chức năng, nhiệm vụ\n\n" + self.alist() + "\n"),
        }
        for root, dirs, names in os.walk(theme):
            dirs.sort()
            for nm in sorted(names):
                p = os.path.join(root, nm)
                rel = os.path.join("themes/default", os.path.relpath(p, theme))
                with open(p, "rb") as f:
                    self.fixed[rel] = f.read()

    def write(self, out):
        for path, text in list(self.fixed.items()) + list(self.files.items()):
            p = os.path.join(out, path)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(text if isinstance(text, bytes) else text.encode())

    # ------------------------------------------------------------- git

    def git(self, out, commits):
        r = self.r
        paths = sorted(self.files, key=lambda p: (self.times[p], p))
        extra = max(0, commits - 1 - len(paths))
        # Events: (time, path, version); version k of n keeps all but the
        # last n-k droppable blocks; version n is the final text.
        nver = dict.fromkeys(paths, 1)
        cand = [p for p in paths if self.blocks[p] > 4]
        if extra and not cand:
            sys.exit("corpus.py: --git %d needs posts to edit" % commits)
        for _ in range(extra):
            p = r.choice(cand)
            if nver[p] < 4:
                nver[p] += 1
            else:
                p = r.choice(cand)
                nver[p] += 1
        events = []
        for p in paths:
            t = self.times[p]
            for k in range(1, nver[p] + 1):
                if k > 1:
                    u = t + r.randrange(3600, 20 * 86400)
                    t = u if u < T_END - 60 else \
                        t + int((T_END - 60 - t) * r.random())
                events.append((t, p, k))
        events.sort()
        ncom = max(1, commits - 1)
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=out,
                   LC_ALL="C")
        subprocess.run(["git", "init", "-q", "-b", "main", out], check=True,
                       env=env)
        fi = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet"],
                              stdin=subprocess.PIPE, env=env)
        w = fi.stdin.write
        mark = [0]

        def data(b):
            w(b"data %d\n" % len(b) + b + b"\n")

        def commit(t, who, msg, ops):
            mark[0] += 1
            name, login = who
            w(b"commit refs/heads/main\nmark :%d\n" % mark[0])
            ident = ("%s <%s@skhcn.example.gov.vn> %d +0700\n" %
                     (name, login, t)).encode()
            w(b"author " + ident + b"committer " + ident)
            data(msg.encode())
            for path, text in ops:
                w(("M 100644 inline %s\n" % path).encode())
                data(text if isinstance(text, bytes) else text.encode())

        first = events[0][0] - 86400 if events else T_START
        commit(first, AUTHORS[0], "Khởi tạo chuyên mục cải cách hành chính",
               sorted(self.fixed.items()))
        per, rem = divmod(len(events), ncom)
        i = 0
        for c in range(ncom):
            k = per + (1 if c < rem else 0)
            chunk = events[i:i + k]
            i += k
            if not chunk:
                continue
            ops = {}
            for t, p, v in chunk:
                ops[p] = self.version(p, v, nver[p])
            t, p, v = chunk[-1]
            if len(chunk) == 1:
                kind = "Đăng" if v == 1 else "Cập nhật"
                what = "thủ tục" if "/thu-tuc/" in p else "tin"
                msg = "%s %s %s" % (kind, what, os.path.basename(p)[:-3])
            else:
                msg = "Đăng %d trang" % len(chunk)
            commit(t, r.choice(AUTHORS), msg, sorted(ops.items()))
        w(b"done\n")
        fi.stdin.close()
        if fi.wait() != 0:
            sys.exit("corpus.py: git fast-import failed")
        # Index from HEAD with stat data, so the tree reads as clean.
        subprocess.run(["git", "-C", out, "reset", "-q"], check=True, env=env)
        subprocess.run(["git", "-C", out, "update-index", "-q", "--refresh"],
                       check=True, env=env)
        return mark[0]

    def version(self, path, k, n):
        text = self.files[path]
        if k == n:
            return text
        head, sep, body = text.partition("\n---\n")
        blocks = body.split("\n\n")
        drop = min(n - k, len(blocks) - 3)
        return head + sep + "\n\n".join(blocks[:len(blocks) - drop]) + "\n"


def civil(t):
    """(y, m, d, hh, mm) of unix time t in Vietnam time."""
    import time
    tm = time.gmtime(t + VN)
    return tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--posts", type=int, required=True)
    ap.add_argument("--procedures", type=int, required=True)
    ap.add_argument("--seed", type=int, default=20250615)
    ap.add_argument("--git", type=int, metavar="COMMITS")
    ap.add_argument("--theme", default=os.path.join(REPO, "themes", "default"),
                    help="theme folder to copy (default: the repository's)")
    a = ap.parse_args()
    if a.posts < 0 or a.procedures < 0 or a.procedures > 10000:
        ap.error("--posts >= 0, 0 <= --procedures <= 10000")
    if a.git is not None and a.git < 1:
        ap.error("--git needs at least 1 commit")
    if os.path.exists(a.out) and (not os.path.isdir(a.out) or os.listdir(a.out)):
        sys.exit("corpus.py: %s exists and is not an empty folder" % a.out)
    if not os.path.isdir(os.path.join(a.theme, "layouts")):
        sys.exit("corpus.py: no theme at %s" % a.theme)
    c = Corpus(a.seed)
    c.site(a.theme)
    c.posts(a.posts)
    c.procedures(a.procedures)
    os.makedirs(a.out, exist_ok=True)
    c.write(a.out)
    n = 0
    if a.git is not None:
        n = c.git(os.path.abspath(a.out), a.git)
    size = sum(len(t.encode()) for t in c.files.values())
    print("corpus.py: %s: %d posts, %d procedures, %.1f MB of Markdown%s" % (
        a.out, a.posts, a.procedures, size / 1e6,
        ", %d commits" % n if a.git is not None else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
