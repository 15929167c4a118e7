#!/usr/bin/python3
"""Checks the portal's board and catalogue against the departments'
sources (their Markdown and portal.yaml), not against cchc's data files.

    portal.py WORKDIR OUT_DIR TODAY

WORKDIR holds portal.yaml and the departments' source folders (a
`built:` department's source is the folder of the same slug beside it,
as tests/portal.sh makes them).  Checked (docs/bang-theo-doi.md):
- theo-doi/bang.json: format, version, today, the months of the year up
  to today's; per department in portal.yaml's order: its posts per month
  counted here from the posts' front matter (published on or before
  today), each month's status (a post: co-tin; none in a month that has
  ended: thieu; none yet in today's month: dang-dien-ra), the missing
  months; its overdue tasks (a plan task whose quarter has ended that no
  post names in `task:`), each named; the quarters and halves that have
  ended, each present (the plan covers the year); its procedures, all
  complete (cchc refuses a procedure without a required field).
- theo-doi/bang.csv: UTF-8 with BOM, CRLF, one row per department with
  the same counts.
- thu-tuc/index.json: one entry per code, the departments that have a
  procedure file with it, the deadline difference flagged where the
  files' deadlines differ, none where they are equal.
Prints "portal-data: N passed, N failed".
"""
import csv
import io
import json
import os
import re
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(__file__))
from expect_feeds import front_matter  # noqa: E402

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def departments(work):
    """(name, slug, source folder) from portal.yaml, in its order."""
    out, cur = [], {}
    for line in open(os.path.join(work, "portal.yaml"), encoding="utf-8"):
        m = re.match(r"\s+(?:- )?(name|slug|source|built):\s*\"?([^\"\n]*)\"?\s*$", line)
        if not m:
            continue
        if m.group(1) == "name" and cur:
            out.append(cur)
            cur = {}
        cur[m.group(1)] = m.group(2)
    out.append(cur)
    return [(d["name"], d["slug"], os.path.join(work, d["slug"])) for d in out]


def posts_of(src, today):
    res = []
    for root, _, names in os.walk(os.path.join(src, "content", "tin-tuc")):
        for n in names:
            if n.endswith(".md"):
                m = front_matter(os.path.join(root, n))
                d = date.fromisoformat(m["date"][:10])
                if d <= today and m.get("draft") != "true":
                    res.append((d, m))
    return res


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def tasks_of(src):
    """(id, content, lead, when) of the plans' list-form tasks."""
    res = []
    for n in sorted(os.listdir(os.path.join(src, "plans"))):
        text = open(os.path.join(src, "plans", n), encoding="utf-8").read()
        for m in re.finditer(r"^(\d+\.\d+)\. (.*?)\.?\n\n- Đơn vị chủ trì thực hiện: (.*?)\.\n"
                             r"(?:- .*\n)*?- Thời gian thực hiện: (.*?)\.\n", text, re.M):
            res.append(m.groups())
    return res


def main():
    work, out, today = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
    board = json.load(open(os.path.join(out, "theo-doi", "bang.json"), encoding="utf-8"))
    check(board.get("format") == "cchc-bang-theo-doi" and board.get("version") == 1,
          f"bang.json: format {board.get('format')!r} version {board.get('version')!r}")
    check(board.get("today") == today.isoformat(), f"bang.json: today {board.get('today')!r}")
    months = [f"{today.year}-{m:02d}" for m in range(1, today.month + 1)]
    check([m["month"] for m in board["months"]] == months, f"bang.json: months {board['months']}")
    depts = departments(work)
    check([(d["name"], d["slug"]) for d in board["departments"]] == [(n, s) for n, s, _ in depts],
          "bang.json: the departments or their order")
    rows = {}
    raw = open(os.path.join(out, "theo-doi", "bang.csv"), "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "bang.csv: no UTF-8 BOM")
    check(b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "bang.csv: lines not CRLF")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    head = table[0]
    for r in table[1:]:
        rows[r[head.index("Slug")]] = dict(zip(head, r))
    check(len(table) == len(depts) + 1, f"bang.csv: {len(table) - 1} rows for {len(depts)} departments")

    for (name, slug, src), got in zip(depts, board["departments"]):
        posts = posts_of(src, today)
        per = {m: 0 for m in months}
        for d, _ in posts:
            key = f"{d.year}-{d.month:02d}"
            if key in per:
                per[key] += 1
        for m in got["months"]:
            want = per[m["month"]]
            status = "co-tin" if want else ("dang-dien-ra" if m["month"] == months[-1] else "thieu")
            check(m["posts"] == want and m["status"] == status,
                  f"{slug} {m['month']}: {m['posts']} posts, {m['status']}; the sources say {want}, {status}")
        missing = sum(1 for m in months[:-1] if per[m] == 0)
        check(got["months_missing"] == missing, f"{slug}: months_missing {got['months_missing']}, want {missing}")
        # Overdue: a quarter's task, ended, that no post names.
        named = set()
        for _, m in posts:
            t = m.get("task")
            named.update(t if isinstance(t, list) else [t] if t else [])
        want_over = []
        for tid, content, lead, when in tasks_of(src):
            q = re.match(r"Quý ([IV]+)/(\d{4})$", when)
            if q:
                end_m = 3 * ROMAN[q.group(1)]
                end = date(int(q.group(2)), end_m, 31 if end_m in (3, 12) else 30)
                if end < today and tid not in named:
                    want_over.append((tid, content, lead))
        got_over = [(t["id"], t["content"], t["lead"]) for t in got["overdue"]]
        check(got_over == want_over, f"{slug}: overdue {got_over}, want {want_over}")
        check(got["tasks"]["overdue"] == len(want_over), f"{slug}: tasks.overdue {got['tasks']['overdue']}")
        # Reports: the quarters and halves that have ended, all present.
        due = [f"{today.year}-Q{q}" for q in range(1, 5) if date(today.year, 3 * q, 28) < today]
        due += [f"{today.year}-H{h}" for h in (1, 2) if date(today.year, 6 * h, 28) < today]
        got_rep = sorted(r["period"] for r in got["reports"])
        check(got_rep == sorted(due), f"{slug}: reports due {got_rep}, want {sorted(due)}")
        check(all(r["present"] for r in got["reports"]), f"{slug}: a report missing: {got['reports']}")
        nproc = len([n for n in os.listdir(os.path.join(src, "content", "thu-tuc")) if n.endswith(".md")])
        check(got["procedures"] == nproc and got["procedures_complete"] == nproc,
              f"{slug}: procedures {got['procedures']}/{got['procedures_complete']}, want {nproc}")
        # The CSV row says the same.
        row = rows.get(slug, {})
        for m in months:
            y, mm = m.split("-")
            col = f"Tin T{int(mm)}/{y}"
            check(row.get(col) == str(per[m]), f"bang.csv {slug} {col}: {row.get(col)!r}, want {per[m]}")
        check(row.get("Tháng không có tin") == str(missing), f"bang.csv {slug}: missing months {row.get('Tháng không có tin')!r}")
        check(row.get("Nhiệm vụ quá hạn") == str(len(want_over)), f"bang.csv {slug}: overdue {row.get('Nhiệm vụ quá hạn')!r}")
        listed = row.get("Các nhiệm vụ quá hạn", "")
        check(all(f"{tid} {content} ({lead})" in listed for tid, content, lead in want_over) and
              listed.count("(") == len(want_over), f"bang.csv {slug}: overdue tasks {listed!r}, want {want_over}")

    # The catalogue: codes from the procedure files.
    cat = json.load(open(os.path.join(out, "thu-tuc", "index.json"), encoding="utf-8"))
    want = {}
    for name, slug, src in depts:
        d = os.path.join(src, "content", "thu-tuc")
        for n in sorted(os.listdir(d)):
            m = front_matter(os.path.join(d, n))
            want.setdefault(m["code"], []).append((slug, m["deadline"]))
    check(sorted(e["code"] for e in cat) == sorted(want), f"catalogue codes {[e['code'] for e in cat]}")
    for e in cat:
        w = want.get(e["code"], [])
        check([d["slug"] for d in e["departments"]] == [s for s, _ in w],
              f"catalogue {e['code']}: departments {[d['slug'] for d in e['departments']]}")
        differs = len({dl for _, dl in w}) > 1
        fields = [x["field"] for x in e["differences"]]
        check(e["differs"] == differs and (("deadline" in fields) == differs),
              f"catalogue {e['code']}: differs {e['differs']} {fields}, the files' deadlines {w}")
    print(f"portal-data: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
