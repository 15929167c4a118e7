#!/bin/sh
# tests/deps.sh - the output plan's dependencies (outplan_affected, asked
# through build/tests/deps_dump).  Each case edits one file of a copy of
# the sample site and builds it; every output whose bytes changed (or
# that appeared or went) must be among those the plan lists for that
# file, asked of the site before and after the edit (an edit can move a
# page: a new date, other topics).  Listing every output would pass that
# check and help nobody, so each case also bounds how many are listed,
# leaving out the search index's root, dictionary shards and buckets:
# those read every page by design (their number follows the index's
# size, docs/search.md), and a text edit must list them all.
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
SEARCH_ALL='^tim-kiem/chi-muc/(goc\.js$|tu/|ds/)'
nsearch_all=$(grep -Ec "$SEARCH_ALL" "$SCRATCH/all")

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
	c_nlisted=$(grep -Evc "$SEARCH_ALL" "$SCRATCH/$c_name.listed")
	c_nall=$(grep -Ec "$SEARCH_ALL" "$SCRATCH/$c_name.listed")
	case ${c_text:-} in
	all)	check "$c_name: $c_nall of $nsearch_all search index files that read every page listed" [ "$c_nall" -eq "$nsearch_all" ] ;;
	none)	check "$c_name: $c_nall search index files listed, want none (no text changed)" [ "$c_nall" -eq 0 ] ;;
	esac
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

# text CASE-ARGS...: case_ for an edit of a page's text, which must also
# list every search file that reads every page; in_place_text the same
# asked in place; notext: an edit that lists none of them.
text() {
	c_text=all
	case_ "$@"
	c_text=
}
in_place_text() {
	c_text=all
	in_place "$@"
	c_text=
}
notext() {
	c_text=none
	case_ "$@"
	c_text=
}

append() { printf '%s\n' "$1" >>"$2"; }
body_line() { append "" "$1"; append "Một đoạn mới ở cuối bài." "$1"; }
css_line() { append "/* sửa */" "$1"; }
tpl_line() { append "<!-- sửa -->" "$1"; }
bytes() { printf 'x' >>"$1"; }
subst() { sed -i "$1" "$2"; }

post=content/tin-tuc/2025/06/toa-dam-cai-cach-hanh-chinh-gan-voi-chuyen-doi-so.md
in_place_text post-body "$post" 36 body_line
# Asked as any edit, the post's date might have moved, and every search
# document file from its id on is listed; in place (above), only its own.
text post-body-any "$post" 56 body_line
in_place_text post-title "$post" 36 subst 's/^title: .*/title: "Tọa đàm đổi tên"/'
in_place_text post-summary "$post" 36 subst 's/^summary: .*/summary: "Tóm tắt mới."/'
in_place_text post-tags "$post" 38 subst 's/^tags: .*/tags: ["Cải cách hành chính", "Một chủ đề mới"]/'
text post-date "$post" 80 subst 's/^date: .*/date: 2025-02-01T09:30:00/'
in_place_text post-unit "$post" 38 subst 's/^unit: .*/unit: "Thanh tra Sở"/'
in_place_text plan-body plans/ke-hoach-tuyen-truyen-cchc-2025.md 55 body_line
in_place_text proc-body content/thu-tuc/dang-ky-chuyen-giao-cong-nghe.md 11 body_line
text about content/gioi-thieu.md "$total" body_line
# A photo: its variants, the pages that show it, the lists with its
# thumbnail (it is a cover), the feeds.
notext photo content/tin-tuc/2025/04/hoi-nghi-phan-tich-par-index-sipas-2024.png 52 bytes
notext static themes/default/static/style.css 1 css_line
case_ layout themes/default/layouts/post.mustache "$total" tpl_line
case_ config site.yaml "$total" subst 's/^department: .*/department: Sở Thử nghiệm/'

finish deps
