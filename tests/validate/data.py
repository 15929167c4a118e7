#!/usr/bin/python3
"""Checks the data files cchc writes against the sources, not against cchc.

    data.py SOURCE_DIR OUT_DIR TODAY

- thu-tuc/index.json: one entry per procedure file, every front-matter
  field equal to the file's, URL under base_url, sections present.
- ke-hoach/<slug>/index.json: the documented shape, the plan's front
  matter, task statuses from the documented set, post URLs that exist.
- bao-cao/<period>/bao-cao.csv: opens with the csv module (UTF-8 with
  BOM), has the header, and one "Tin, bài" row per published post of the
  period, counted here from the sources.
- du-lieu.json (docs/du-lieu.md): format and version, today, the site's
  fields from site.yaml; one post per published post file (title,
  summary, unit, tags, plan and task as the file says, newest first, each
  built); the plans and procedures equal to their own index.json files;
  one report per bao-cao/<period>/.
Prints "data: N passed, N failed".
"""
import csv
import json
import os
import re
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(__file__))
from expect_feeds import front_matter, front_matter_yaml  # noqa: E402

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def check_data_json(src, out, today, site, base):
    data = json.load(open(os.path.join(out, "du-lieu.json"), encoding="utf-8"))
    check(data.get("format") == "cchc-du-lieu" and data.get("version") == 1,
          f"du-lieu.json: format {data.get('format')!r} version {data.get('version')!r}")
    check(data.get("today") == today.isoformat(), f"du-lieu.json: today {data.get('today')!r}")
    for key in ("title", "department", "province"):
        check(data["site"].get(key) == site.get(key), f"du-lieu.json: site.{key} {data['site'].get(key)!r}")
    check(data["site"]["base_url"] == base, f"du-lieu.json: base_url {data['site']['base_url']!r}")
    check(set(data["build"]) == {"commit", "branch", "dirty"}, f"du-lieu.json: build {data['build']}")

    # Posts: every published post file, as the file says.
    want = {}
    for root, _, names in os.walk(os.path.join(src, "content", "tin-tuc")):
        for n in names:
            if not n.endswith(".md"):
                continue
            m = front_matter(os.path.join(root, n))
            if m.get("draft") == "true" or date.fromisoformat(m["date"][:10]) > today:
                continue
            want[base + "tin-tuc/" + (m.get("slug") or n[:-3]) + "/"] = m
    posts = data["posts"]
    check(len(posts) == len(want), f"du-lieu.json: {len(posts)} posts, {len(want)} published files")
    check([p["published"] for p in posts] == sorted((p["published"] for p in posts), reverse=True),
          "du-lieu.json: posts not newest first")
    plan_urls = {}
    for f in os.listdir(os.path.join(src, "plans")):
        pm = front_matter(os.path.join(src, "plans", f))
        for key in (pm.get("number"), f[:-3]):
            if key:
                plan_urls[key] = base + "ke-hoach/" + f[:-3] + "/"
    for p in posts:
        m = want.get(p["url"])
        check(m is not None, f"du-lieu.json: post {p['url']} is no published file")
        if m is None:
            continue
        rel = p["url"][len(base):]
        check(os.path.isfile(os.path.join(out, rel, "index.html")), f"du-lieu.json: post {rel} not built")
        check(p["title"] == m["title"], f"{rel}: title {p['title']!r}")
        check(p["published"][:10] == m["date"][:10], f"{rel}: published {p['published']!r}, file {m['date']!r}")
        if m.get("summary"):
            check(p["summary"] == m["summary"], f"{rel}: summary {p['summary']!r}")
        else:
            check(bool(p["summary"]), f"{rel}: no summary made from the body")
        if m.get("unit"):
            check(bool(p["unit"]), f"{rel}: unit missing (file: {m['unit']!r})")
        ft = m.get("task")
        ft = [] if ft is None else ft if isinstance(ft, list) else [ft]
        check(p["tasks"] == ft, f"{rel}: tasks {p['tasks']!r}, file {m.get('task')!r}")
        check(p["plan"] == (plan_urls.get(m["plan"]) if m.get("plan") else None),
              f"{rel}: plan {p['plan']!r}, file {m.get('plan')!r}")
        check(isinstance(p["tags"], list), f"{rel}: tags {p['tags']!r}")

    # Plans and procedures: the same objects as their own files.
    plans = {p["url"]: p for p in data["plans"]}
    files = sorted(os.listdir(os.path.join(src, "plans")))
    check(len(plans) == len(files), f"du-lieu.json: {len(plans)} plans, {len(files)} files")
    for f in files:
        own = json.load(open(os.path.join(out, "ke-hoach", f[:-3], "index.json"), encoding="utf-8"))
        check(plans.get(own["url"]) == own, f"du-lieu.json: plan {f} differs from its index.json")
    procs = json.load(open(os.path.join(out, "thu-tuc", "index.json"), encoding="utf-8"))
    check(data["procedures"] == procs, "du-lieu.json: procedures differ from thu-tuc/index.json")

    # Reports: one per bao-cao/<period>/, its URL built.
    reps = sorted(r for r in os.listdir(os.path.join(out, "bao-cao"))
                  if os.path.isfile(os.path.join(out, "bao-cao", r, "index.html")))
    got = sorted(r["url"][len(base):].split("/")[1] for r in data["reports"])
    check(got == reps, f"du-lieu.json: reports {got}, bao-cao/ has {reps}")
    for r in data["reports"]:
        check(r["kind"] in ("quarter", "half", "year") and r["start"] <= r["end"],
              f"du-lieu.json: report {r}")
        check(r["period"].lower() == r["url"][len(base):].split("/")[1], f"du-lieu.json: report {r['period']} at {r['url']}")


def main():
    src, out, today = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
    site = front_matter_yaml(os.path.join(src, "site.yaml"))
    base = site["base_url"].rstrip("/") + "/"

    procs = json.load(open(os.path.join(out, "thu-tuc", "index.json"), encoding="utf-8"))
    files = sorted(f for f in os.listdir(os.path.join(src, "content", "thu-tuc")) if f.endswith(".md"))
    check(len(procs) == len(files), f"{len(procs)} procedures in index.json, {len(files)} files")
    by_code = {p["code"]: p for p in procs}
    for f in files:
        meta = front_matter(os.path.join(src, "content", "thu-tuc", f))
        p = by_code.get(meta.get("code"))
        check(p is not None, f"{f}: code {meta.get('code')} not in index.json")
        if p is None:
            continue
        for key in ("title", "field", "level", "agency", "deadline", "fee", "online", "online_url", "decision", "effective"):
            check(p.get(key) == meta.get(key), f"{f}: {key} is {p.get(key)!r}, file has {meta.get(key)!r}")
        check(p["url"] == f"{base}thu-tuc/{f[:-3]}/", f"{f}: url {p['url']}")
        check(bool(p["sections"].get("trinh-tu-thuc-hien")), f"{f}: no text for Trình tự thực hiện")

    statuses = {"done", "in-progress", "overdue", "not-started", "recurring", "none"}
    kinds = {"range", "deadline", "monthly", "quarterly", "half-yearly", "yearly", "continuous", "on-request", "unknown"}
    for f in sorted(os.listdir(os.path.join(src, "plans"))):
        meta = front_matter(os.path.join(src, "plans", f))
        path = os.path.join(out, "ke-hoach", f[:-3], "index.json")
        plan = json.load(open(path, encoding="utf-8"))
        check(set(plan) >= {"title", "number", "issued", "issuer", "period", "basis", "tasks"}, f"{f}: keys {sorted(plan)}")
        check(plan["title"] == meta["title"] and plan["number"] == meta.get("number"), f"{f}: title/number")
        check(plan["period"]["start"] == meta["period"] + "-01-01", f"{f}: period {plan['period']}")
        check(len(plan["tasks"]) > 0, f"{f}: no tasks")
        ids = [t["id"] for t in plan["tasks"]]
        check(len(ids) == len(set(ids)), f"{f}: duplicate task ids {ids}")
        for t in plan["tasks"]:
            check(set(t) >= {"id", "content", "lead", "partners", "output", "when", "status", "posts"}, f"{f} {t['id']}: keys")
            check(t["status"] in statuses, f"{f} {t['id']}: status {t['status']}")
            check(t["when"]["kind"] in kinds, f"{f} {t['id']}: kind {t['when']['kind']}")
            for u in t["posts"]:
                rel = u[len(base):] if u.startswith(base) else u
                check(os.path.isfile(os.path.join(out, rel, "index.html")), f"{f} {t['id']}: post {u} not built")

    posts = []
    for root, _, names in os.walk(os.path.join(src, "content", "tin-tuc")):
        for n in names:
            if n.endswith(".md"):
                m = front_matter(os.path.join(root, n))
                d = date.fromisoformat(m["date"][:10])
                if m.get("draft") != "true" and d <= today:
                    posts.append(d)
    for rep in sorted(os.listdir(os.path.join(out, "bao-cao"))):
        path = os.path.join(out, "bao-cao", rep, "bao-cao.csv")
        if not os.path.isfile(path):
            continue
        raw = open(path, "rb").read()
        check(raw.startswith(b"\xef\xbb\xbf"), f"{rep}: CSV without BOM")
        rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
        check(rows[0][:3] == ["Mục", "Ngày", "Tiêu đề / nội dung"], f"{rep}: header {rows[0]}")
        m = re.match(r"(\d{4})(?:-([qh])(\d))?$", rep)
        y = int(m.group(1))
        if m.group(2) == "q":
            a, b = 3 * int(m.group(3)) - 2, 3 * int(m.group(3))
        elif m.group(2) == "h":
            a, b = 6 * int(m.group(3)) - 5, 6 * int(m.group(3))
        else:
            a, b = 1, 12
        want = sum(1 for d in posts if d.year == y and a <= d.month <= b)
        got = sum(1 for r in rows[1:] if r[0] == "Tin, bài")
        check(got == want, f"{rep}: {got} post rows, {want} posts published in the period")
    check_data_json(src, out, today, site, base)
    print(f"data: {passed} passed, {failed} failed")
    return failed == 0


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
