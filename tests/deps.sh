#!/bin/sh
# tests/deps.sh - the output plan's dependencies (outplan_affected, asked
# through build/tests/deps_dump).  Each case edits one file of a copy of
# the sample site and builds it; every output whose bytes changed (or
# that appeared or went) must be among those the plan lists for that
# file, asked of the site before and after the edit (an edit can move a
# page: a new date, other topics).  Listing every output would pass that
# check and help nobody, so each case also bounds how many are listed.
. "$(dirname "$0")/lib.sh"
scratch
DUMP="$TOP/$BUILD/tests/deps_dump"
TODAY=2026-01-01

if [ ! -x "$DUMP" ]; then
	fail "$DUMP is missing (make unit)"
	finish deps
	exit 1
fi

base="$SCRATCH/base"
mkdir -p "$base"
cp -R "$TOP/content" "$TOP/plans" "$TOP/themes" "$TOP/site.yaml" "$base/"
run_cchc 0 build --quiet --source "$base" --out "$SCRATCH/out.base" --today "$TODAY"
(cd "$SCRATCH/out.base" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$SCRATCH/all"
total=$(wc -l <"$SCRATCH/all")

# changed A B: the files that differ between output trees A and B.
changed() {
	(cd "$1" && find . -type f; cd "$2" && find . -type f) |
	    sed 's|^\./||' | LC_ALL=C sort -u | while read -r f; do
		cmp -s "$1/$f" "$2/$f" || echo "$f"
	done
}

# case NAME FILE MAX COMMAND...: copies the site, runs COMMAND with the
# copy's FILE as its last argument, builds it; the changed outputs must be
# listed, and at most MAX outputs listed.  The plans are asked about any
# edit of FILE (outplan_affected), or with c_ask=in-place: about an edit
# that keeps its date, URL and kind (outplan_affected_in_place).
case_() {
	c_name=$1 c_file=$2 c_max=$3
	shift 3
	c_src="$SCRATCH/$c_name"
	rm -rf "$c_src"
	cp -R "$base" "$c_src"
	"$@" "$c_src/$c_file"
	run_cchc 0 build --quiet --source "$c_src" --out "$SCRATCH/out.$c_name" --today "$TODAY" || return
	changed "$SCRATCH/out.base" "$SCRATCH/out.$c_name" >"$SCRATCH/$c_name.changed"
	# (No git here: each run warns that there is no history.)
	$CCHC_WRAP "$DUMP" "$base" "$TODAY" "${c_ask:-}$c_file" >"$SCRATCH/listed" 2>"$SCRATCH/err"
	c_rc=$?
	check "$c_name: deps_dump before: exit $c_rc: $(cat "$SCRATCH/err")" [ "$c_rc" -eq 0 ]
	$CCHC_WRAP "$DUMP" "$c_src" "$TODAY" "${c_ask:-}$c_file" >>"$SCRATCH/listed" 2>"$SCRATCH/err"
	c_rc=$?
	check "$c_name: deps_dump after: exit $c_rc: $(cat "$SCRATCH/err")" [ "$c_rc" -eq 0 ]
	LC_ALL=C sort -u "$SCRATCH/listed" >"$SCRATCH/$c_name.listed"
	c_missing=$(LC_ALL=C comm -23 "$SCRATCH/$c_name.changed" "$SCRATCH/$c_name.listed")
	check "$c_name: changed but not listed: $c_missing" [ -z "$c_missing" ]
	c_nchanged=$(wc -l <"$SCRATCH/$c_name.changed")
	c_nlisted=$(wc -l <"$SCRATCH/$c_name.listed")
	check "$c_name: nothing changed: the case tests nothing" [ "$c_nchanged" -gt 0 ]
	check "$c_name: $c_nlisted of $total outputs listed, want at most $c_max" [ "$c_nlisted" -le "$c_max" ]
	[ -n "${DEPS_VERBOSE:-}" ] && echo "$c_name: $c_nchanged changed, $c_nlisted listed of $total" >&9
	return 0
}

# in_place CASE-ARGS...: case_, asking about an edit in place.
in_place() {
	c_ask=in-place:
	case_ "$@"
	c_ask=
}

append() { printf '%s\n' "$1" >>"$2"; }
body_line() { append "" "$1"; append "Một đoạn mới ở cuối bài." "$1"; }
css_line() { append "/* sửa */" "$1"; }
tpl_line() { append "<!-- sửa -->" "$1"; }
bytes() { printf 'x' >>"$1"; }
subst() { sed -i "$1" "$2"; }

post=content/tin-tuc/2025/06/toa-dam-cai-cach-hanh-chinh-gan-voi-chuyen-doi-so.md
in_place post-body "$post" 55 body_line
# Asked as any edit, the post's date might have moved, and every search
# document file from its id on is listed; in place (above), only its own.
case_ post-body-any "$post" 75 body_line
in_place post-title "$post" 55 subst 's/^title: .*/title: "Tọa đàm đổi tên"/'
in_place post-summary "$post" 55 subst 's/^summary: .*/summary: "Tóm tắt mới."/'
in_place post-tags "$post" 60 subst 's/^tags: .*/tags: ["Cải cách hành chính", "Một chủ đề mới"]/'
case_ post-date "$post" 100 subst 's/^date: .*/date: 2025-02-01T09:30:00/'
in_place post-unit "$post" 60 subst 's/^unit: .*/unit: "Thanh tra Sở"/'
in_place plan-body plans/ke-hoach-tuyen-truyen-cchc-2025.md 75 body_line
in_place proc-body content/thu-tuc/dang-ky-chuyen-giao-cong-nghe.md 30 body_line
case_ about content/gioi-thieu.md "$total" body_line
# A photo: its variants, the pages that show it, the lists with its
# thumbnail (it is a cover), the feeds.
case_ photo content/tin-tuc/2025/04/hoi-nghi-phan-tich-par-index-sipas-2024.png 60 bytes
case_ static themes/default/static/style.css 1 css_line
case_ layout themes/default/layouts/post.mustache "$total" tpl_line
case_ config site.yaml "$total" subst 's/^department: .*/department: Sở Thử nghiệm/'

finish deps
