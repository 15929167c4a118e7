#!/usr/bin/python3
"""Expected feed contents, worked out from the sources, not from cchc.

    expect_feeds.py SOURCE_DIR TODAY > manifest.json

Reads site.yaml and content/tin-tuc/**.md front matter with a deliberately
simple parser (the sample's front matter is plain), applies cchc's rules
(drafts and posts dated after TODAY are left out; newest first, ties by
slug; topics and units grouped by their Vietnamese slug; `feed_items`
items per feed) and prints the manifest tests/validate/feeds.py checks:
rss.xml, atom.xml and one RSS per topic and per unit.
"""
import json
import os
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

VN = timezone(timedelta(hours=7))


def slug(text):
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    meta, key = {}, None
    for line in (m.group(1) if m else "").splitlines():
        item = re.match(r"\s+- (.*)$", line)
        if item and key:
            meta.setdefault(key, []).append(unquote(item.group(1)))
            continue
        kv = re.match(r"([a-z_]+):\s*(.*)$", line)
        if not kv:
            continue
        key, value = kv.group(1), kv.group(2)
        if value.startswith("[") and value.endswith("]"):
            meta[key] = [unquote(v.strip()) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            meta[key] = unquote(value)
    return meta


def unquote(v):
    return v[1:-1] if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'" else v


def parse_date(s):
    d = datetime.fromisoformat(s)
    return d if d.tzinfo else d.replace(tzinfo=VN)


def main():
    src, today = sys.argv[1], datetime.fromisoformat(sys.argv[2]).replace(tzinfo=VN)
    site = front_matter_yaml(os.path.join(src, "site.yaml"))
    limit = int(site.get("feed_items", 20))
    posts = []
    for root, _, files in os.walk(os.path.join(src, "content", "tin-tuc")):
        for f in files:
            if not f.endswith(".md"):
                continue
            meta = front_matter(os.path.join(root, f))
            if meta.get("draft") == "true":
                continue
            date = parse_date(meta["date"])
            if date >= today + timedelta(days=1):
                continue
            meta["_date"] = date
            meta["_slug"] = slug(meta.get("slug", f[:-3]))
            posts.append(meta)
    posts.sort(key=lambda p: p["_slug"])
    posts.sort(key=lambda p: p["_date"], reverse=True)

    def entry(path, items):
        items = items[:limit]
        return {"path": path, "items": len(items),
                "titles": [p["title"] for p in items],
                "dates": [p["_date"].isoformat() for p in items]}

    feeds = [entry("rss.xml", posts), entry("atom.xml", posts)]
    groups = {}
    for p in posts:
        tags = p.get("tags", [])
        for t in ([tags] if isinstance(tags, str) else tags):
            groups.setdefault(("chu-de", slug(t)), []).append(p)
        if "unit" in p:
            groups.setdefault(("don-vi", slug(p["unit"])), []).append(p)
    for (base, s), items in sorted(groups.items()):
        unique = []
        for p in items:
            if p not in unique:
                unique.append(p)
        feeds.append(entry(f"{base}/{s}/rss.xml", unique))
    json.dump(feeds, sys.stdout, ensure_ascii=False, indent=1)


def front_matter_yaml(path):
    meta = {}
    for line in open(path, encoding="utf-8"):
        kv = re.match(r"([a-z_]+):\s*(.+)$", line)
        if kv:
            meta[kv.group(1)] = unquote(kv.group(2).strip())
    return meta


if __name__ == "__main__":
    main()
