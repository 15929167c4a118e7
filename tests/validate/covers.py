#!/usr/bin/python3
"""tests/validate/covers.py SRCDIR OUTDIR

Checks the photos of a generated site against its sources, reading the
HTML with Python's html.parser and the images' own headers (not cchc's
code):

For every published news post (content/tin-tuc/**/*.md whose page is in
OUTDIR) with a front-matter `image`, one test each:
  - cover: the post shows one <figure class="bai__bia"><img>, whose src
    and every srcset URL are files in OUTDIR, whose width/height are the
    src file's own size, and whose alt is `image_alt`;
  - lists: every list item (<li class="muc">) on any page that links to
    the post has an <img class="muc__anh"> thumbnail with alt="", a 3:2
    file at src whose size is its width/height, and existing srcset
    files; and the post is listed with it on the news list, a topic (when
    it has tags), its unit (when it has one) and its month's archive;
  - social card: og:image is a file under base_url, og:image:width and
    height are its size, og:image:alt is set;
  - the original file is not published (images.keep_original is off).
Posts without `image` must have no thumbnail in any list (one test), and
at least one post with a cover must be on the home page.

For the feeds (rss.xml, atom.xml, read with Debian's python3-feedparser):
every <img> in the content of an item whose post has photos points with
an absolute URL under base_url to a file in OUTDIR, srcset included
(one test per feed).

Prints FAIL lines, then "covers: N passed, N failed"; exits 1 on any
failure or when there was nothing to check.
"""

import os
import re
import struct
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

NAME = "covers"
passed = 0
failed = 0


def result(what, problems):
    global passed, failed
    if problems:
        failed += 1
        print(f"FAIL {what}")
        for p in problems:
            print(f"  {p}")
    else:
        passed += 1


def front_matter(path):
    meta = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or lines[0] != "---":
        return meta
    for line in lines[1:]:
        if line == "---":
            break
        kv = re.match(r"([a-z_]+):\s*(.*)$", line)
        if kv:
            v = kv.group(2).strip()
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            meta[kv.group(1)] = v
    return meta


def image_size(path):
    """(width, height) from a PNG or JPEG header, or None."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] != b"\xff\xd8":
        return None
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        seglen = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7,
                      0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return (w, h)
        i += 2 + seglen
    return None


class Page(HTMLParser):
    """The parts of a page this test reads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cover = []         # attrs of img inside figure.bai__bia
        self.meta = {}          # property -> content
        self.items = []         # [{"links": [...], "thumbs": [attrs]}]
        self._fig = 0
        self._in_cover = False
        self._li = None
        self._li_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "figure":
            self._in_cover = "bai__bia" in cls
        elif tag == "img" and self._in_cover:
            self.cover.append(a)
        elif tag == "meta" and a.get("property"):
            self.meta[a["property"]] = a.get("content")
        if tag == "li":
            if self._li is not None:
                self._li_depth += 1
            elif "muc" in cls:
                self._li = {"links": [], "thumbs": []}
                self._li_depth = 0
        elif self._li is not None:
            if tag == "a" and a.get("href"):
                self._li["links"].append(a["href"])
            elif tag == "img" and "muc__anh" in cls:
                self._li["thumbs"].append(a)

    def handle_endtag(self, tag):
        if tag == "figure":
            self._in_cover = False
        elif tag == "li" and self._li is not None:
            if self._li_depth:
                self._li_depth -= 1
            else:
                self.items.append(self._li)
                self._li = None


def srcset_urls(s):
    return [c.strip().split()[0] for c in (s or "").split(",") if c.strip()]


class Site:
    def __init__(self, src, out):
        self.src, self.out = src, os.path.realpath(out)
        base = front_matter_site(os.path.join(src, "site.yaml")).get("base_url", "")
        self.base_url = base if base.endswith("/") else base + "/"
        self.pages = {}

    def page(self, rel):
        if rel not in self.pages:
            p = Page()
            with open(os.path.join(self.out, rel), encoding="utf-8") as f:
                p.feed(f.read())
            self.pages[rel] = p
        return self.pages[rel]

    def file_of(self, page_rel, url):
        """The file in OUTDIR a URL on page_rel points to, or None."""
        if urlsplit(url).scheme:
            if not url.startswith(self.base_url):
                return None
            rel = url[len(self.base_url):]
        else:
            rel = urljoin(page_rel, url)
        rel = unquote(urlsplit(rel).path)
        f = os.path.realpath(os.path.join(self.out, rel))
        if not f.startswith(self.out + os.sep):
            return None
        if os.path.isdir(f):
            f = os.path.join(f, "index.html")
        return f if os.path.isfile(f) else None

    def check_img(self, page_rel, a, what, problems):
        """src and srcset exist, width/height are src's size; returns it."""
        src = a.get("src") or ""
        f = self.file_of(page_rel, src)
        if f is None:
            problems.append(f"{what}: src {src} is not a file of the site")
            return None
        for u in srcset_urls(a.get("srcset")):
            if self.file_of(page_rel, u) is None:
                problems.append(f"{what}: srcset {u} is not a file of the site")
        size = image_size(f)
        if size is None:
            problems.append(f"{what}: {src} is neither PNG nor JPEG")
            return None
        attr = (a.get("width"), a.get("height"))
        if attr != (str(size[0]), str(size[1])):
            problems.append(f"{what}: width/height {attr[0]}x{attr[1]}, the file {src} is {size[0]}x{size[1]}")
        return size


def front_matter_site(path):
    meta = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            kv = re.match(r"([a-z_]+):\s*(.+)$", line)
            if kv:
                meta[kv.group(1)] = kv.group(2).strip().strip("\"'")
    return meta


def html_files(out):
    for root, _, files in os.walk(out):
        for f in files:
            if f.endswith(".html"):
                yield os.path.relpath(os.path.join(root, f), out)


def list_kind(rel):
    if rel == "index.html":
        return "trang chủ"
    for prefix, kind in (("tin-tuc/", "tin tức"), ("chu-de/", "chủ đề"),
                         ("don-vi/", "đơn vị"), ("luu-tru/", "lưu trữ")):
        if rel.startswith(prefix) and rel.count("/") >= (1 if prefix == "tin-tuc/" else 2):
            return kind
    return None


def main():
    if len(sys.argv) != 3:
        print("usage: covers.py SRCDIR OUTDIR", file=sys.stderr)
        sys.exit(2)
    site = Site(sys.argv[1], sys.argv[2])

    posts = []  # (meta, page rel, has body photos)
    for root, _, files in os.walk(os.path.join(site.src, "content", "tin-tuc")):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            meta = front_matter(os.path.join(root, f))
            slug = meta.get("slug") or f[:-3]
            rel = f"tin-tuc/{slug}/index.html"
            if not os.path.isfile(os.path.join(site.out, rel)):
                continue  # not published (draft, scheduled): site.sh checks that
            with open(os.path.join(root, f), encoding="utf-8") as fh:
                body = fh.read()
            photos = re.search(r"!\[[^\]]*\]\([^)]*\.(jpe?g|png)", body, re.I) is not None
            posts.append((meta, rel, photos))

    # Every list item of the site, by the post page it links to.
    listed = {}  # post rel -> [(list rel, item)]
    for rel in html_files(site.out):
        if list_kind(rel) is None:
            continue
        for item in site.page(rel).items:
            for href in item["links"]:
                f = site.file_of(rel, href)
                if f:
                    listed.setdefault(os.path.relpath(f, site.out), []).append((rel, item))
                    break

    stray = []
    ncover = 0
    all_kinds = set()
    for meta, rel, _ in posts:
        if not meta.get("image"):
            for lrel, item in listed.get(rel, []):
                if item["thumbs"]:
                    stray.append(f"{lrel}: a thumbnail for {rel}, which has no image")
            continue
        ncover += 1
        page = site.page(rel)
        problems = []
        if len(page.cover) != 1:
            problems.append(f"{len(page.cover)} <img> in <figure class=\"bai__bia\">, want 1")
        else:
            a = page.cover[0]
            site.check_img(rel, a, "cover", problems)
            if a.get("alt") != meta.get("image_alt", ""):
                problems.append(f"cover alt \"{a.get('alt')}\", want \"{meta.get('image_alt', '')}\"")
        result(f"{rel}: cover", problems)

        problems = []
        kinds = set()
        for lrel, item in listed.get(rel, []):
            kinds.add(list_kind(lrel))
            if len(item["thumbs"]) != 1:
                problems.append(f"{lrel}: {len(item['thumbs'])} thumbnails in the item, want 1")
                continue
            t = item["thumbs"][0]
            if t.get("alt") != "":
                problems.append(f"{lrel}: thumbnail alt \"{t.get('alt')}\", want empty (the title says it)")
            size = site.check_img(lrel, t, f"{lrel}: thumbnail", problems)
            if size and abs(size[0] / size[1] - 1.5) > 0.01:
                problems.append(f"{lrel}: thumbnail {size[0]}x{size[1]} is not 3:2")
        all_kinds |= kinds
        want = {"tin tức", "lưu trữ"} | ({"chủ đề"} if meta.get("tags") else set()) \
            | ({"đơn vị"} if meta.get("unit") else set())
        if want - kinds:
            problems.append(f"not listed on: {', '.join(sorted(want - kinds))}")
        result(f"{rel}: thumbnails in {len(listed.get(rel, []))} lists", problems)

        problems = []
        og = page.meta.get("og:image") or ""
        f = site.file_of(rel, og) if og.startswith(site.base_url) else None
        if f is None:
            problems.append(f"og:image {og!r} is not an absolute URL of a file of the site")
        else:
            size = image_size(f)
            got = (page.meta.get("og:image:width"), page.meta.get("og:image:height"))
            if size is None or got != (str(size[0]), str(size[1])):
                problems.append(f"og:image:width/height {got}, the file is {size}")
        if not page.meta.get("og:image:alt"):
            problems.append("no og:image:alt")
        orig = os.path.basename(meta["image"])
        for root, _, files in os.walk(site.out):
            if orig in files:
                problems.append(f"the original {orig} is published: {os.path.relpath(os.path.join(root, orig), site.out)}")
        result(f"{rel}: og:image and original", problems)
    result("posts without image have no thumbnail", stray)
    if ncover == 0:
        result("covers", ["no published post has a front-matter image: nothing checked"])
    elif "trang chủ" not in all_kinds:
        result("home page thumbnails", ["no post with a cover is on the home page: its thumbnails are not checked"])

    check_feeds(site, [rel for _, rel, photos in posts if photos])
    print(f"{NAME}: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)


class Imgs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.imgs = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.imgs.append(dict(attrs))


def check_feeds(site, photo_posts):
    try:
        import feedparser
    except ImportError:
        result("feeds", ["python3-feedparser missing: sudo apt-get install -y python3-feedparser"])
        return
    want = {site.base_url + rel[:-len("index.html")] for rel in photo_posts}
    for name in ("rss.xml", "atom.xml"):
        problems = []
        d = feedparser.parse(os.path.join(site.out, name))
        seen = 0
        for e in d.entries:
            if e.get("link") not in want:
                continue
            seen += 1
            html = "".join(c.value for c in e.get("content", []))
            p = Imgs()
            p.feed(html)
            if not p.imgs:
                problems.append(f"{e.link}: no <img> in the item's content")
            for a in p.imgs:
                for u in [a.get("src") or ""] + srcset_urls(a.get("srcset")):
                    if not u.startswith(site.base_url) or site.file_of("", u) is None:
                        problems.append(f"{e.link}: <img> URL {u} is not an absolute URL of a file of the site")
        if seen == 0:
            problems.append("no item of a post with photos (not among the latest?)")
        result(f"{name}: images of {seen} posts with photos", problems)


if __name__ == "__main__":
    main()
