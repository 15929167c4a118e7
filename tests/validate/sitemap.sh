#!/bin/sh
# tests/validate/sitemap.sh OUTDIR [BASE_URL]
#
# Two tests on OUTDIR/sitemap.xml:
#   1. it is valid against the sitemaps.org schema (xmllint --schema
#      tests/node_modules/sitemap/schema/sitemap.xsd; SITEMAP_XSD=...
#      overrides the path);
#   2. every <loc> is BASE_URL followed by the path of a file in OUTDIR:
#      ".../" means ".../index.html", query and fragment are ignored,
#      %XX escapes are decoded, ".." is refused; no <loc> twice.
# When sitemap.xml is a sitemap index, it is checked against
# tests/siteindex.xsd, each file it lists must be in OUTDIR (at its path
# below BASE_URL when given, else at the top), hold at most
# 50,000 URLs and pass test 1, its <lastmod> must be the newest of its
# pages', and test 2 runs over the URLs of all of them.
# BASE_URL defaults to the shortest <loc> (the home page's).
# Prints FAIL lines, then "sitemap: N passed, N failed"; exits 1 on any
# failure, 2 on usage errors. A missing tool is a failure, never a skip.

set -u

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -d "$1" ]; then
	echo "usage: $0 OUTDIR [BASE_URL]  (a generated site with sitemap.xml)" >&2
	exit 2
fi
dir=${1%/}
[ -n "$dir" ] || dir=/
case $dir in -*) dir=./$dir ;; esac # never an option to xmllint
base=${2:-}
map=$dir/sitemap.xml

here=$(cd "$(dirname "$0")" && pwd) || exit 1
xsd=${SITEMAP_XSD:-$here/../node_modules/sitemap/schema/sitemap.xsd}

npass=0
nfail=0
ok() { npass=$((npass + 1)); }
fail() { # fail WHAT [DETAIL...]
	nfail=$((nfail + 1))
	printf 'FAIL %s\n' "$1"
	shift
	for l in "$@"; do printf '  %s\n' "$l"; done
}
finish() {
	echo "sitemap: $npass passed, $nfail failed"
	[ "$nfail" -eq 0 ] || exit 1
	exit 0
}

if ! command -v xmllint >/dev/null 2>&1; then
	fail "xmllint not found; install it: sudo apt-get install -y libxml2-utils"
	fail "$map: <loc> not checked (no xmllint)"
	finish
fi
if [ ! -f "$map" ]; then
	fail "$map: no such file"
	fail "$map: <loc> not checked (no sitemap)"
	finish
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitemap.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# An index: its own schema, then its parts stand for the sitemap.
maps=$map
if grep -q '<sitemapindex' "$map"; then
	if xmllint --noout --nonet --schema "$here/../siteindex.xsd" "$map" \
	    >"$tmp/out" 2>&1; then
		ok
	else
		fail "$map is not a valid sitemap index"
		sed 's/^/  /' "$tmp/out"
	fi
	maps=
	xmllint --nonet --xpath '//*[local-name()="sitemap"]/*[local-name()="loc"]/text()' \
	    "$map" 2>/dev/null | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' >"$tmp/parts"
	k=0
	while IFS= read -r loc; do
		k=$((k + 1))
		# A part below the base URL is that file of OUTDIR (a portal
		# lists its departments' sitemaps, DEPT/sitemap.xml).
		part=$dir/${loc##*/}
		case $loc in
		"$base"?*) [ -n "$base" ] && part=$dir/${loc#"$base"} ;;
		esac
		if [ ! -f "$part" ]; then
			fail "$map lists $loc, but $part does not exist"
			continue
		fi
		maps="$maps $part"
		n=$(grep -c '<url>' "$part")
		[ "$n" -le 50000 ] && ok || fail "$part: $n URLs (at most 50,000)"
		# The index dates a part by its newest page (W3C dates sort as text
		# within one zone).
		want=$(xmllint --nonet --xpath '//*[local-name()="lastmod"]/text()' "$part" 2>/dev/null |
		    sed 's/^[[:space:]]*//' | LC_ALL=C sort | tail -n 1)
		got=$(xmllint --nonet --xpath "(//*[local-name()=\"sitemap\"])[$k]/*[local-name()=\"lastmod\"]/text()" "$map" 2>/dev/null)
		[ "$got" = "$want" ] && ok || fail "$map: <lastmod> of $loc is \"$got\", its newest page \"$want\""
	done <"$tmp/parts"
	[ -n "$maps" ] || { fail "$map: an index without sitemaps"; finish; }
fi

# 1. The schema; without it, one failure for all the files.
if [ ! -f "$xsd" ]; then
	fail "$xsd not found: the schema checks of $(echo $maps | wc -w) file(s) not run; run: sh tools/deps.sh test (npm ci in tests/)"
	maps_xsd=
else
	maps_xsd=$maps
fi
for m in $maps_xsd; do
	if xmllint --noout --nonet --schema "$xsd" "$m" >"$tmp/out" 2>&1; then
		ok
	else
		fail "$m is not valid against $xsd"
		sed 's/^/  /' "$tmp/out"
	fi
done

# 2. Every <loc> is a file of the site. xmllint prints one text node a
# line, XML-escaped: undo the five predefined entities (&amp; last).
: >"$tmp/raw"
for m in $maps; do
	if ! xmllint --nonet --xpath \
		'//*[local-name()="url"]/*[local-name()="loc"]/text()' "$m" \
		>>"$tmp/raw" 2>"$tmp/err"; then
		fail "$m: no <loc> could be read" "$(cat "$tmp/err")"
		finish
	fi
	echo >>"$tmp/raw"
done
sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" \
	-e 's/&amp;/\&/g' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
	"$tmp/raw" | grep -v '^$' >"$tmp/locs"
if [ ! -s "$tmp/locs" ]; then
	fail "$map: no <loc>"
	finish
fi
if [ -z "$base" ]; then
	base=$(awk '{ print length($0) "\t" $0 }' "$tmp/locs" | LC_ALL=C sort -n | head -n 1 | cut -f 2-)
fi

# Decodes %XX escapes (bytes; C locale so that awk writes bytes).
pct_decode() {
	printf '%s\n' "$1" | LC_ALL=C awk '
	BEGIN { for (i = 0; i < 256; i++) hex[sprintf("%02X", i)] = i }
	{
		out = ""; s = $0
		while ((i = index(s, "%")) > 0) {
			h = toupper(substr(s, i + 1, 2))
			if (h in hex && hex[h] != 0) {
				out = out substr(s, 1, i - 1) sprintf("%c", hex[h])
				s = substr(s, i + 3)
			} else {
				out = out substr(s, 1, i)
				s = substr(s, i + 1)
			}
		}
		print out s
	}'
}

: >"$tmp/bad"
while IFS= read -r loc; do
	case $loc in
	"$base"*) rel=${loc#"$base"} ;;
	*) printf '%s: not under the base URL %s\n' "$loc" "$base" >>"$tmp/bad"; continue ;;
	esac
	rel=${rel%%#*}
	rel=${rel%%\?*}
	case $rel in *%*) rel=$(pct_decode "$rel") ;; esac
	case $rel in ''|*/) rel=${rel}index.html ;; esac
	case /$rel/ in
	*/../*|*/./*|//*)
		printf '%s: path "%s" leaves the site or is not canonical\n' "$loc" "$rel" >>"$tmp/bad"
		continue ;;
	esac
	[ -f "$dir/$rel" ] ||
		printf '%s: no file %s\n' "$loc" "$dir/$rel" >>"$tmp/bad"
done <"$tmp/locs"
LC_ALL=C sort "$tmp/locs" | uniq -d | sed 's/$/: listed more than once/' >>"$tmp/bad"

n=$(wc -l <"$tmp/locs")
if [ -s "$tmp/bad" ]; then
	fail "$map: $(wc -l <"$tmp/bad") problem(s) among $n <loc>"
	sed 's/^/  /' "$tmp/bad"
else
	ok
fi
finish
