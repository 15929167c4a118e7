#!/bin/sh
# tests/fuzz/seeds.sh NAME DIR - gathers the seed inputs of harness
# fuzz_NAME into DIR from the repository's own fixtures (content/, plans/,
# tests/golden, tests/bad, tests/plans, the default theme, ../shared/seeds
# and ../shared/mustache-spec), the small seeds kept in tests/fuzz/seeds/
# and, for the caches, the files of the last `cchc build --source .`
# (.cchc-cache/).  Nothing large is kept in the repository.
set -u
cd "$(dirname "$0")/../.." || exit 1
name=$1 out=$2
shared=${SHARED:-../shared}
mkdir -p "$out" || exit 1

# Copies files (find arguments) in, named by their path.
take() {
	find "$@" -type f 2>/dev/null | while read -r f; do
		cp "$f" "$out/$(printf '%s' "$f" | tr '/.' '__')"
	done
}
# The string literals of a unit test, one file each (first line: prefix).
literals() { # literals TEST PREFIX
	grep -o '"[^"\\]*"' "tests/unit/$1" | sed 's/^"//; s/"$//' | sort -u |
	    awk -v out="$out" -v pre="$2" '{ f = out "/lit_" NR; printf "%s%s\n", pre, $0 > f; close(f) }'
}
md_all() {
	take content plans tests/golden tests/bad tests/plans "$shared/seeds" \
	    -name '*.md'
}

[ -d "tests/fuzz/seeds/$name" ] && take "tests/fuzz/seeds/$name"
case $name in
frontmatter) md_all; take . -maxdepth 5 -name site.yaml ;;
config) take . -maxdepth 5 -name site.yaml ;;
portal_config) take . -maxdepth 5 -name portal.yaml; take tests/portal -name '*.yaml' ;;
when) literals test_when.c '2025
' ;;
date) literals test_date.c '' ;;
slug) literals test_slug.c '' ;;
plan) take plans tests/plans "$shared/seeds" -name '*.md' -o -name '*.txt' ;;
procedure) take content/thu-tuc tests/bad -name '*.md' ;;
search)
	# Text (the Markdown sources, the normaliser's test lines) and
	# HTML (the golden outputs, as the index reads rendered bodies).
	md_all; take tests/golden -name '*.html'; literals test_searchnorm.c ''
	;;
markdown)
	# The first byte is the options (unsafe, resolver, cross-references).
	md_all
	for f in "$out"/*_md; do
		[ -f "$f" ] || continue
		{ printf '\006'; cat "$f"; } >"$f.opt" && mv "$f.opt" "$f"
	done
	;;
mustache)
	take themes -name '*.mustache'
	# The spec's templates, with their partials after NUL bytes.
	if command -v python3 >/dev/null 2>&1 && [ -d "$shared/mustache-spec" ]; then
		python3 - "$shared/mustache-spec" "$out" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
for f in sorted(os.listdir(src)):
    if not f.endswith('.json'):
        continue
    for i, t in enumerate(json.load(open(os.path.join(src, f)))['tests']):
        parts = [t['template']] + list(t.get('partials', {}).values())[:2]
        with open(os.path.join(out, 'spec_%s_%d' % (f[:-5], i)), 'wb') as o:
            o.write('\0'.join(parts).encode())
PY
	fi
	;;
json) take "$shared/mustache-spec" tests/golden -name '*.json' ;;
history) take .cchc-cache -name history ;;
mdcache) take .cchc-cache -name markdown ;;
stamps) take .cchc-cache -name sources ;;
manifest) take .cchc-cache -name 'output-*' ;;
esac
exit 0
