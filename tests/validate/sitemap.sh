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

# 1. The schema.
if [ ! -f "$xsd" ]; then
	fail "$xsd not found; run: sh tools/deps.sh test (npm ci in tests/)"
elif xmllint --noout --nonet --schema "$xsd" "$map" >"$tmp/out" 2>&1; then
	ok
else
	fail "$map is not valid against $xsd"
	sed 's/^/  /' "$tmp/out"
fi

# 2. Every <loc> is a file of the site. xmllint prints one text node a
# line, XML-escaped: undo the five predefined entities (&amp; last).
if ! xmllint --nonet --xpath \
	'//*[local-name()="url"]/*[local-name()="loc"]/text()' "$map" \
	>"$tmp/raw" 2>"$tmp/err"; then
	fail "$map: no <loc> could be read" "$(cat "$tmp/err")"
	finish
fi
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
