#!/bin/sh
# tests/bad.sh - bad input: each tests/bad/<case>/ is laid over the small
# valid site in tests/bad/_base/.  Its `expect` file gives the exit code
# (line 1) and text the messages must contain (one per line, e.g. the
# file:line:col).  Every case also checks that the output of an earlier
# good build is left exactly as it was, with no temporary folder behind.
. "$(dirname "$0")/lib.sh"
scratch
base="$TOP/tests/bad/_base"
out="$SCRATCH/public"

snapshot() { (cd "$out" && find . -type f | LC_ALL=C sort | xargs sha256sum); }

mkdir -p "$SCRATCH/good"
cp -R "$base/." "$SCRATCH/good/"
with_theme "$SCRATCH/good"
if ! run_cchc 0 build --quiet --source "$SCRATCH/good" --out "$out" --today 2025-11-20; then
	finish bad
	exit 1
fi
snapshot >"$SCRATCH/before"

for dir in "$TOP"/tests/bad/*/; do
	case=$(basename "$dir")
	[ "$case" = _base ] && continue
	src="$SCRATCH/src-$case"
	mkdir -p "$src"
	cp -R "$base/." "$src/"
	with_theme "$src"
	(cd "$dir" && find . -type f ! -name expect | while read -r f; do
		mkdir -p "$src/$(dirname "$f")" && cp "$f" "$src/$f"; done)
	want=$(head -n 1 "$dir/expect")
	# The exact status (never a crash: a signal gives a status above 128).
	run_cchc -o /dev/null "$want" build --source "$src" --out "$out" --today 2025-11-20
	# An empty line would match any message: it counts as missing.
	check "$case: expect lists no message to look for" [ "$(tail -n +2 "$dir/expect" | grep -c .)" -gt 0 ]
	tail -n +2 "$dir/expect" | while IFS= read -r pat; do
		[ -n "$pat" ] && grep -qF -- "$pat" "$SCRATCH/err" || echo "$pat"
	done >"$SCRATCH/missing"
	if [ -s "$SCRATCH/missing" ]; then
		fail "$case: messages lack: $(cat "$SCRATCH/missing")"
		sed 's/^/    /' "$SCRATCH/err" >&2
	else
		ok
	fi
	snapshot >"$SCRATCH/after"
	check "$case: previous output changed" cmp -s "$SCRATCH/before" "$SCRATCH/after"
	check "$case: temporary folder left behind" [ -z "$(ls -A "$SCRATCH" | grep '^\.public\.tmp')" ]
done

# Faults injected after the output stage has begun (the test binary,
# $CCHC_TEST; generator/fault.c), in a cold build (no .cchc-cache) of a
# changed site over the output above: exit 1 with the step's message, the
# previous output byte for byte the same with the same inodes and times,
# nothing left beside it.  Exit 97-99 (a sanitizer) fails like any other.
stamps() { (cd "$out" && find . -exec stat --printf '%n %i %y %s\n' {} +) | LC_ALL=C sort; }
leftover() { ls -A "$SCRATCH" | grep '^\.public\.tmp' | tr '\n' ' '; }
chg="$SCRATCH/changed"
mkdir -p "$chg"
cp -R "$SCRATCH/good/." "$chg/"
# Every page changes with the department's name.
sed 's/^department: .*/department: Sở Thử nghiệm Mới/' "$SCRATCH/good/site.yaml" >"$chg/site.yaml"
snapshot >"$SCRATCH/before"
stamps >"$SCRATCH/stamps.before"
# fault NAME SPEC PATTERN
fault() {
	rm -rf "$chg/.cchc-cache"
	cchc_fault "$2" build --source "$chg" --out "$out" --today 2025-11-20 >/dev/null 2>"$SCRATCH/err"
	f_rc=$?
	check "fault $1: exit $f_rc, want 1: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 1 ]
	check "fault $1: message lacks '$3': $(cat "$SCRATCH/err")" grep -q "$3" "$SCRATCH/err"
	snapshot >"$SCRATCH/after"
	check "fault $1: previous output changed" cmp -s "$SCRATCH/before" "$SCRATCH/after"
	stamps >"$SCRATCH/stamps.after"
	check "fault $1: previous output's files rewritten (inode or time)" cmp -s "$SCRATCH/stamps.before" "$SCRATCH/stamps.after"
	check "fault $1: left beside the output: $(leftover)" [ -z "$(leftover)" ]
}
fault "first write" write:1 'không ghi được tệp đầu ra'
fault "fifth write" write:5 'không ghi được tệp đầu ra'
fault chmod chmod 'không đặt được quyền 0755'
fault link link:2 'không đưa được tệp giữ nguyên'
fault "manifest unlink" unlink 'không xóa được danh sách tệp đầu ra'
fault swap swap 'không thay được thư mục đầu ra'
fault "fallback swap, rolled back" exchange,swap 'không đưa được thư mục mới vào chỗ'

# The reference: the changed site built cold into a new folder.
rm -rf "$chg/.cchc-cache"
cchc build --quiet --source "$chg" --out "$SCRATCH/ref" --today 2025-11-20 2>"$SCRATCH/err"
r_rc=$?
check "reference build: exit $r_rc: $(cat "$SCRATCH/err")" [ "$r_rc" -eq 0 ]
rm -rf "$chg/.cchc-cache"
# Neither the new tree nor the old can be put in place: the message says
# where the old one is; the next build puts it back, then builds.
cchc_fault exchange,swap,rollback build --source "$chg" --out "$out" --today 2025-11-20 >/dev/null 2>"$SCRATCH/err"
f_rc=$?
check "stranded: exit $f_rc, want 1" [ "$f_rc" -eq 1 ]
aside=$(ls -A "$SCRATCH" | grep '^\.public\.tmp-.*\.old$')
check "stranded: the old output is beside it: $(leftover)" [ -n "$aside" ] && [ -f "$SCRATCH/$aside/.cchc-build" ]
check "stranded: the message names it: $(cat "$SCRATCH/err")" grep -qF "$SCRATCH/$aside" "$SCRATCH/err"
check "stranded: the last line does not claim the output is intact" sh -c "! grep -q 'vẫn giữ nguyên như trước' '$SCRATCH/err'"
cchc build --source "$chg" --out "$out" --today 2025-11-20 >/dev/null 2>"$SCRATCH/err"
f_rc=$?
check "after stranded: exit $f_rc: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 0 ]
check "after stranded: a note that the old output was put back" grep -q 'ghi chú: .*đã đặt lại bản trước đó' "$SCRATCH/err"
check "after stranded: output differs from a cold build" diff -r "$out" "$SCRATCH/ref"
check "after stranded: left beside the output: $(leftover)" [ -z "$(leftover)" ]
# The previous output can be neither made the spare nor removed after the
# swap: a warning, the site is right; the next build removes the rest,
# with a note.
sed -i 's/^department: .*/department: Sở Thử nghiệm Lần hai/' "$chg/site.yaml"
cchc_fault spare,clear build --source "$chg" --out "$out" --today 2025-11-20 >/dev/null 2>"$SCRATCH/err"
f_rc=$?
check "clear fails: exit $f_rc, want 0: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 0 ]
check "clear fails: a warning" grep -q 'cảnh báo: không xóa hết được bản trước' "$SCRATCH/err"
cchc build --source "$chg" --out "$out" --today 2025-11-20 >/dev/null 2>"$SCRATCH/err"
f_rc=$?
check "after clear fails: exit $f_rc" [ "$f_rc" -eq 0 ]
check "after clear fails: a note" grep -q 'ghi chú: đã xóa .*\.public\.tmp-' "$SCRATCH/err"
check "after clear fails: left beside the output: $(leftover)" [ -z "$(leftover)" ]
# A worker thread that cannot start: fewer threads, the same site.
rm -rf "$chg/.cchc-cache" "$SCRATCH/thr"
cchc_fault thread:2 build --jobs 4 --source "$chg" --out "$SCRATCH/thr" --today 2025-11-20 >/dev/null 2>"$SCRATCH/err"
f_rc=$?
check "thread fails to start: exit $f_rc, want 0: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 0 ]
check "thread fails to start: output differs" diff -r "$out" "$SCRATCH/thr"
# The search index's thread beside the bodies cannot start: the index is
# made after them, the same.
rm -rf "$chg/.cchc-cache" "$SCRATCH/thr"
cchc_fault search-thread build --jobs 2 --source "$chg" --out "$SCRATCH/thr" --today 2025-11-20 >/dev/null 2>"$SCRATCH/err"
f_rc=$?
check "search thread fails to start: exit $f_rc, want 0: $(cat "$SCRATCH/err")" [ "$f_rc" -eq 0 ]
check "search thread fails to start: output differs" diff -r "$out" "$SCRATCH/thr"

# A folder cchc did not make is never replaced.
mkdir -p "$SCRATCH/foreign"
echo keep >"$SCRATCH/foreign/thu.txt"
run_cchc 1 build --source "$SCRATCH/good" --out "$SCRATCH/foreign" --today 2025-11-20
check "foreign output folder: message" grep -q "không phải do cchc tạo" "$SCRATCH/err"
check "foreign output folder: file kept" grep -q keep "$SCRATCH/foreign/thu.txt"
# Nor the source tree itself.
run_cchc 1 build --source "$SCRATCH/good" --out "$SCRATCH/good" --today 2025-11-20
check "output = source: source intact" [ -f "$SCRATCH/good/site.yaml" ]

finish bad
