#!/bin/sh
# tests/check.sh - `cchc check`: the messages a build gives, as text and
# as JSON (golden outputs in tests/check/), its exit codes, that it
# writes nothing, that it renders every page (a template error only a
# render finds), and the build's last line naming what it left out.
. "$(dirname "$0")/lib.sh"
scratch
T=2025-11-20

if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 (reads the JSON)"
	finish check
	exit
fi

# A fresh copy of tests/check/site with the default theme, at $1.
site() {
	rm -rf "$1"
	mkdir -p "$1"
	cp -R "$TOP/tests/check/site/." "$1/"
	with_theme "$1"
}

# Usage: exit 2, and the help exits 0.
run_cchc 0 check --help
check "check --help: the usage" grep -q '^Cách dùng: cchc check' "$SCRATCH/cchc.out"
check "cchc --help lists check" sh -c "'$CCHC' --help | grep -q '^  check '"
for args in "--format xml" "--out x" "--jobs 0" "--today 2025-13-01" \
    "--source" "--quiet" "--format"; do
	# shellcheck disable=SC2086
	run_cchc 2 check $args
	check "check $args: says where to look" grep -q 'Hãy xem: cchc check --help' "$SCRATCH/err"
done

# The golden text: every line as a build prints it, then the last line.
S=$SCRATCH/w/src
site "$S"
run_cchc -e "$SCRATCH/text" 0 check --source "$S" --today $T
if cmp -s "$TOP/tests/check/site.txt" "$SCRATCH/text"; then ok; else
	fail "check text differs from tests/check/site.txt"
	diff "$TOP/tests/check/site.txt" "$SCRATCH/text" | head -n 20 >&2
fi
check "text: the last line" [ "$(tail -n 1 "$SCRATCH/text")" = "cchc: kiểm tra xong: 0 lỗi, 5 cảnh báo" ]
check "text: nothing on stdout" [ ! -s "$SCRATCH/cchc.out" ]

# The golden JSON, then its fields one by one.
run_cchc -o "$SCRATCH/json" 0 check --source "$S" --today $T --format json
if cmp -s "$TOP/tests/check/site.json" "$SCRATCH/json"; then ok; else
	fail "check JSON differs from tests/check/site.json"
	diff "$TOP/tests/check/site.json" "$SCRATCH/json" | head -n 20 >&2
fi
check "json: nothing on stderr: $(cat "$SCRATCH/err")" [ ! -s "$SCRATCH/err" ]
check "json: python3 -m json.tool reads it" sh -c "python3 -m json.tool '$SCRATCH/json' >/dev/null"

# json_fields JSON TEXT: the document's keys in order, counts that add
# up, and each message the same as its line of the text output.
json_fields() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"),
                object_pairs_hook=lambda kv: kv)
def obj(pairs): return dict(pairs)
top = [k for k, _ in doc]
assert top == ["version", "ok", "errors", "warnings", "messages"], top
d = obj(doc)
assert d["version"] == 1
msgs = [obj(m) for m in d["messages"]]
for m in d["messages"]:
    assert [k for k, _ in m] == ["level", "file", "line", "col", "text"], m
errs = sum(1 for m in msgs if m["level"] == "error")
warns = sum(1 for m in msgs if m["level"] == "warning")
assert errs + warns == len(msgs), "a level is neither error nor warning"
assert d["errors"] == errs and d["warnings"] == warns, (d["errors"], errs)
assert d["ok"] is (errs == 0)
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-2]
assert len(lines) == len(msgs), (len(lines), len(msgs))
for m, line in zip(msgs, lines):
    where = "cchc"
    if m["file"] is not None:
        where = m["file"]
        if m["line"] is not None:
            where += ":%d" % m["line"]
            if m["col"] is not None:
                where += ":%d" % m["col"]
    lvl = "lỗi" if m["level"] == "error" else "cảnh báo"
    want = "%s: %s: %s" % (where, lvl, m["text"])
    assert want == line, (want, line)
EOF
}
check "json: its fields match the text output" json_fields "$SCRATCH/json" "$SCRATCH/text"

# --jobs does not change a byte.
run_cchc -o "$SCRATCH/json1" 0 check --source "$S" --today $T --format json --jobs 1
run_cchc -o "$SCRATCH/json4" 0 check --source "$S" --today $T --format json --jobs 4
check "json: --jobs 1 and --jobs 4 the same" cmp -s "$SCRATCH/json1" "$SCRATCH/json4"

# check writes nothing: no output folder, no manifest, no staging, and
# an output folder a build made is left as it was (files, inodes, times).
leftovers() {
	find "$1" "$(dirname "$1")" -maxdepth 1 \( -name 'public' -o \
	    -name '.public*' -o -name '.*.tmp-*' -o -name '*.cchc-spare' \) \
	    2>/dev/null
	find "$1" \( -name '.cchc-staging' -o -name 'output-*' \) 2>/dev/null
}
check "check made no output, manifest or staging folder: $(leftovers "$S")" \
    [ -z "$(leftovers "$S")" ]
run_cchc -o /dev/null -e "$SCRATCH/build" 0 build --source "$S" --out "$S/public" --today $T
stamps() {
	(cd "$S" && { find public -type f; find .cchc-cache -maxdepth 1 \
	    -name 'output-*'; } | LC_ALL=C sort >"$SCRATCH/files" &&
	    xargs stat --printf '%n %i %Y %s\n' <"$SCRATCH/files" &&
	    xargs sha256sum <"$SCRATCH/files")
}
stamps >"$SCRATCH/before"
check "the build wrote its manifest" grep -q '^\.cchc-cache/output-' "$SCRATCH/before"
ls -a "$S" "$(dirname "$S")" >"$SCRATCH/ls-before"
run_cchc 0 check --source "$S" --today $T
stamps >"$SCRATCH/after"
ls -a "$S" "$(dirname "$S")" >"$SCRATCH/ls-after"
check "check left the output and its manifest as they were" cmp -s "$SCRATCH/before" "$SCRATCH/after"
check "check added nothing beside them: $(diff "$SCRATCH/ls-before" "$SCRATCH/ls-after" | tr "\n" " ")" cmp -s "$SCRATCH/ls-before" "$SCRATCH/ls-after"

# build says the same messages; its last line names what it left out.
head -n -1 "$SCRATCH/build" >"$SCRATCH/build-msgs"
head -n -1 "$SCRATCH/text" >"$SCRATCH/check-msgs"
check "build's messages are check's" cmp -s "$SCRATCH/build-msgs" "$SCRATCH/check-msgs"
last=$(tail -n 1 "$SCRATCH/build")
check "build's last line names what was left out: $last" sh -c "printf '%s\n' '$last' |
    grep -q '^cchc: đã tạo [0-9]* trang (1 tin, 0 kế hoạch, 0 thủ tục) trong $S/public; không đưa ra 2 bài hẹn giờ (20/12/2025, 02/11/2062), 1 bản nháp; 5 cảnh báo; ghi mới [0-9]* tệp\$'"
# An unchanged rebuild says it again.
run_cchc -o /dev/null -e "$SCRATCH/again" 0 build --source "$S" --out "$S/public" --today $T
last=$(tail -n 1 "$SCRATCH/again")
check "an unchanged rebuild's last line too: $last" sh -c "printf '%s\n' '$last' |
    grep -q '; không đưa ra 2 bài hẹn giờ (20/12/2025, 02/11/2062), 1 bản nháp; 5 cảnh báo (không có gì thay đổi)\$'"

# Six scheduled posts on five days: the first three days, then "…"; two
# posts on one day count twice but show the day once; no draft, no
# "bản nháp".
L=$SCRATCH/later
site "$L"
rm "$L/content/tin-tuc/nhap.md" "$L/content/tin-tuc/hoi-nghi.md"
for d in 2025-12-20 2026-01-05 2025-12-01 2026-02-10 2026-03-15; do
	n=$((${n:-0} + 1))
	printf -- '---\ntitle: Hẹn %s\ndate: %s\n---\nx\n' "$n" "$d" >"$L/content/tin-tuc/hen-$n.md"
done
run_cchc -o /dev/null -e "$SCRATCH/later.err" 0 build --source "$L" --out "$L/public" --today $T
last=$(tail -n 1 "$SCRATCH/later.err")
check "six scheduled posts on five days: $last" sh -c "printf '%s\n' '$last' |
    grep -q '; không đưa ra 6 bài hẹn giờ (01/12/2025, 20/12/2025, 05/01/2026, …); 4 cảnh báo; ghi mới'"

# Errors: exit 1, the text's last line, and JSON "ok": false.
E=$SCRATCH/err-site
site "$E"
printf -- '---\ntitle: Sai ngày\ndate: 15/06/2025\n---\nx\n' >"$E/content/tin-tuc/sai.md"
run_cchc -e "$SCRATCH/etext" 1 check --source "$E" --today $T
check "errors: the last line: $(tail -n 1 "$SCRATCH/etext")" [ "$(tail -n 1 "$SCRATCH/etext")" = \
    "cchc: kiểm tra xong: 1 lỗi, 5 cảnh báo; hãy sửa các lỗi ở trên rồi kiểm tra lại" ]
check "errors: the date's message" grep -q '^content/tin-tuc/sai.md:3:7: lỗi: ' "$SCRATCH/etext"
check "errors: never 'dừng vì'" sh -c "! grep -q 'dừng vì' '$SCRATCH/etext'"
run_cchc -o "$SCRATCH/ejson" 1 check --source "$E" --today $T --format json
check "errors: JSON fields" json_fields "$SCRATCH/ejson" "$SCRATCH/etext"
check "errors: \"ok\": false" grep -q '^  "ok": false,$' "$SCRATCH/ejson"
check "errors: nothing written" [ -z "$(leftovers "$E")" ]

# No site.yaml: an error, still one JSON document.
mkdir -p "$SCRATCH/empty"
run_cchc -o "$SCRATCH/nojson" 1 check --source "$SCRATCH/empty" --format json
check "no site.yaml: valid JSON" sh -c "python3 -m json.tool '$SCRATCH/nojson' >/dev/null"
check "no site.yaml: one error that says so" python3 -c "
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert d['ok'] is False and d['errors'] == 1, d
assert 'site.yaml' in d['messages'][0]['text'], d
" "$SCRATCH/nojson"

# Whatever a message holds, the JSON stays valid: a page saved as .MD
# under a name with a tab, a backslash, a quote, a control character and
# a byte that is not UTF-8 (the warning quotes the name twice).
H=$SCRATCH/hostile
site "$H"
hname=$(printf 'content/a\tb\\c"d\001e\377.MD')
printf -- '---\ntitle: X\n---\nx\n' >"$H/$hname"
run_cchc -o "$SCRATCH/hjson" 0 check --source "$H" --today $T --format json
check "odd file name: valid JSON" sh -c "python3 -m json.tool '$SCRATCH/hjson' >/dev/null"
check "odd file name: escaped, U+FFFD for the bad byte" python3 -c "
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
want = 'content/a\tb\\\\c\"d\x01e\ufffd.MD'
assert any(m['file'] == want for m in d['messages']), [m['file'] for m in d['messages']]
" "$SCRATCH/hjson"
check "odd file name: no raw control byte in the JSON" sh -c \
    "! LC_ALL=C grep -q \"\$(printf '[\001\t\377]')\" '$SCRATCH/hjson'"

# A template error that only rendering finds: a partial that calls
# itself.  build's model stage does not see it; check does, and stops.
R=$SCRATCH/render
site "$R"
printf '<nav>{{>nav}}</nav>\n' >"$R/themes/default/partials/nav.mustache"
run_cchc -e "$SCRATCH/rtext" 1 check --source "$R" --today $T
check "render error: found" grep -q '^themes/default/partials/nav.mustache:1:6: lỗi: partial {{>nav}} lồng nhau quá 64 cấp' "$SCRATCH/rtext"
check "render error: nothing written" [ -z "$(leftovers "$R")" ]
run_cchc -o "$SCRATCH/rjson" 1 check --source "$R" --today $T --format json
check "render error: the same in JSON" grep -q '"level": "error", "file": "themes/default/partials/nav.mustache", "line": 1, "col": 6' "$SCRATCH/rjson"
# The model alone (cchc report stops there) does not find it.
mkdir -p "$R/plans"
run_cchc -o /dev/null -e "$SCRATCH/rrep" 1 report --source "$R" --today $T --period 2025-Q2
check "render error: not found before rendering" sh -c "! grep -q 'nav.mustache' '$SCRATCH/rrep'"

# A site just made by `cchc init` checks with no error.
run_cchc -o /dev/null 0 init "$SCRATCH/fresh"
run_cchc 0 check --source "$SCRATCH/fresh"
check "init then check: 0 errors: $(tail -n 1 "$SCRATCH/err")" grep -q '^cchc: kiểm tra xong: 0 lỗi, ' "$SCRATCH/err"

# --rev: the committed tree, not the work tree.
G=$SCRATCH/git
site "$G"
if command -v git >/dev/null 2>&1; then
	(cd "$G" && git init -q -b main && git add -A &&
	    GIT_AUTHOR_DATE=2025-06-01T09:00:00+07:00 GIT_COMMITTER_DATE=2025-06-01T09:00:00+07:00 \
	    git -c user.name=t -c user.email=t@vidu.gov.vn commit -qm a) >/dev/null 2>&1
	printf -- '---\ntitle: Sai ngày\ndate: 15/06/2025\n---\nx\n' >"$G/content/tin-tuc/sai.md"
	run_cchc 1 check --source "$G" --today $T
	run_cchc 0 check --source "$G" --today $T --rev HEAD
	check "--rev HEAD: the committed tree has no error" grep -q '^cchc: kiểm tra xong: 0 lỗi' "$SCRATCH/err"
else
	skip "git (check --rev)"
fi

finish check
