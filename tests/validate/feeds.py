#!/usr/bin/python3
"""tests/validate/feeds.py OUTDIR MANIFEST.json

Checks the feeds of a generated site.

MANIFEST.json lists the feeds to read with feedparser (Debian's
python3-feedparser; run with /usr/bin/python3):

    [{"path": "rss.xml", "items": 16,
      "titles": ["...", ...],                      (optional)
      "dates": ["2025-11-06T00:00:00+07:00", ...]}] (optional)

Each listed feed is one test: it exists, feedparser parses it with
bozo == 0 as RSS or Atom, it has `items` entries, their titles equal
`titles` (in order) and their published dates (`published_parsed`, a UTC
struct_time) are the instants `dates` gives (in order; any offset).

Then every *.xml file under OUTDIR whose root element is <feed> is one
more test: jing validates it against tests/atom.rnc (RFC 4287's RELAX NG
schema), in one Java run.  A *.xml file that is not well-formed fails too.

Prints FAIL lines, then "feeds: N passed, N failed"; exits 1 on any
failure (also when there was nothing to check), 2 on usage errors.
A missing tool is a failure with what to install, never a skip.
"""

import calendar
import datetime
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

NAME = "feeds"
HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "atom.rnc")

passed = 0
failed = 0


def ok():
    global passed
    passed += 1


def fail(what, reasons):
    global failed
    failed += 1
    print(f"FAIL {what}")
    for r in reasons:
        print(f"  {r}")


def finish():
    print(f"{NAME}: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)


def instant(text):
    """Seconds since the epoch of an ISO 8601 date-time with an offset."""
    t = text.strip()
    if t.endswith("Z") or t.endswith("z"):
        t = t[:-1] + "+00:00"
    dt = datetime.datetime.fromisoformat(t)
    if dt.tzinfo is None:
        raise ValueError(f"no UTC offset in {text!r}")
    return int(dt.timestamp())


def show_time(st):
    return "(none)" if st is None else (
        f"{st.tm_year:04d}-{st.tm_mon:02d}-{st.tm_mday:02d}T"
        f"{st.tm_hour:02d}:{st.tm_min:02d}:{st.tm_sec:02d}Z")


def check_feed(feedparser, outdir, entry):
    """Returns the reasons the listed feed is wrong (empty: fine)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        return ["manifest entry without a \"path\" string: " + json.dumps(entry)]
    path = os.path.join(outdir, entry["path"])
    if not os.path.isfile(path):
        return [f"{path}: no such file"]
    with open(path, "rb") as fp:
        data = fp.read()
    d = feedparser.parse(data)
    why = []
    if d.bozo:
        why.append(f"not a clean feed (bozo): {d.get('bozo_exception')!r}")
    if not d.version:
        why.append("feedparser recognizes neither RSS nor Atom")
    entries = d.entries
    want = entry.get("items")
    if want is not None and len(entries) != want:
        why.append(f"{len(entries)} items, expected {want}")
    titles = entry.get("titles")
    if titles is not None:
        got = [e.get("title") for e in entries]
        if got != titles:
            for i in range(max(len(got), len(titles))):
                g = got[i] if i < len(got) else "(missing)"
                w = titles[i] if i < len(titles) else "(missing)"
                if g != w:
                    why.append(f"item {i + 1}: title {g!r}, expected {w!r}")
    dates = entry.get("dates")
    if dates is not None:
        if len(dates) != len(entries):
            why.append(f"{len(entries)} items, {len(dates)} expected dates")
        for i, (e, w) in enumerate(zip(entries, dates)):
            try:
                want_t = instant(w)
            except ValueError as ex:
                why.append(f"manifest: item {i + 1}: bad date {w!r}: {ex}")
                continue
            st = e.get("published_parsed")
            if st is None or calendar.timegm(st) != want_t:
                why.append(f"item {i + 1}: published {show_time(st)} (UTC), "
                           f"expected {w}")
    return why


def xml_files(outdir):
    found = []
    for root, dirs, files in os.walk(outdir):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".xml"):
                found.append(os.path.join(root, f))
    return found


def root_name(path):
    """Local name of the root element of a well-formed document; raises
    ET.ParseError (reads the whole file, so that jing only ever sees
    well-formed files: it stops at the first fatal error)."""
    return ET.parse(path).getroot().tag.rsplit("}", 1)[-1]


def run_jing(jing, files):
    """Runs jing once on files; returns (status, {file: [messages]}, other)."""
    try:
        r = subprocess.run([jing, "-c", SCHEMA] + files, capture_output=True,
                           text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as ex:
        return None, {f: [] for f in files}, [f"jing did not run: {ex}"]
    # jing reports "path:line:col: error: ..." on stdout, naming files by
    # their absolute path.  Debian's wrapper warns about optional jars on
    # stderr ("[warning] /usr/bin/jing: Unable to locate ..."): not errors.
    msgs = {f: [] for f in files}
    byname = {}
    for f in files:
        byname[os.path.abspath(f)] = f
        byname[os.path.realpath(f)] = f
    other = []
    lines = r.stdout.splitlines() + [
        l for l in r.stderr.splitlines()
        if l.strip() and not l.startswith("[warning] ")]
    for line in lines:
        for name in sorted(byname, key=len, reverse=True):
            if line.startswith(name + ":"):
                msgs[byname[name]].append(line)
                break
        else:
            other.append(line)
    return r.returncode, msgs, other


def check_atom(outdir):
    atoms = []
    for path in xml_files(outdir):
        try:
            name = root_name(path)
        except (ET.ParseError, OSError) as ex:
            fail(path, [f"not well-formed XML: {ex}"])
            continue
        if name == "feed":
            atoms.append(path)
    if not atoms:
        return
    jing = shutil.which("jing")
    if jing is None:
        for a in atoms:
            fail(a, ["jing not found; install it: sudo apt-get install -y jing"])
        return
    if not os.path.isfile(SCHEMA):
        for a in atoms:
            fail(a, [f"schema {SCHEMA} missing"])
        return
    # One Java run for all; should jing still stop at a fatal error, the
    # files it said nothing about get a run of their own.
    status, msgs, other = run_jing(jing, atoms)
    if status is None or any(": fatal: " in l for m in msgs.values() for l in m) \
            or (status != 0 and not other and not any(msgs.values())):
        for a in [a for a in atoms if not msgs[a]]:
            st, m, o = run_jing(jing, [a])
            msgs[a] = m[a] + o
            if st != 0 and not msgs[a]:
                msgs[a] = [f"jing exited with status {st} and no message"]
        other = [] if status is not None else other
    for a in atoms:
        if msgs[a]:
            fail(a, msgs[a])
        else:
            ok()
    if other:
        fail("jing", other)


def main(argv):
    if len(argv) != 3 or not os.path.isdir(argv[1]):
        print(f"usage: {argv[0]} OUTDIR MANIFEST.json", file=sys.stderr)
        sys.exit(2)
    outdir, manifest = argv[1], argv[2]
    try:
        import feedparser
    except ImportError:
        fail("feedparser", ["python3 module feedparser not found; install it: "
                            "sudo apt-get install -y python3-feedparser "
                            "(and run this with /usr/bin/python3)"])
        finish()
    try:
        with open(manifest, encoding="utf-8") as fp:
            feeds = json.load(fp)
        if not isinstance(feeds, list):
            raise ValueError("the manifest must be a JSON list")
    except (OSError, ValueError) as ex:
        fail(manifest, [f"cannot read the manifest: {ex}"])
        finish()
    for entry in feeds:
        what = entry.get("path", "?") if isinstance(entry, dict) else "?"
        why = check_feed(feedparser, outdir, entry)
        if why:
            fail(os.path.join(outdir, what), why)
        else:
            ok()
    check_atom(outdir)
    if passed + failed == 0:
        print(f"{NAME}: no feeds listed in {manifest} and no Atom feed under {outdir}")
    finish()


if __name__ == "__main__":
    main(sys.argv)
