#!/bin/sh
# tools/long-functions.sh [LIMIT] - functions in generator/*.c longer than
# LIMIT lines (default 100), from the name line to the closing brace, as
# "lines file:line name"; and whether a comment above says why it is long
# (a comment block ending just above the definition that contains
# "long" or "lines").  The style (README): a function's name starts its
# line, its body opens with "{" and closes with "}" in column 1.
limit=${1:-100}
cd "$(dirname "$0")/.." || exit 1
for f in generator/*.c; do
	awk -v limit="$limit" -v file="$f" '
	/^[A-Za-z_][A-Za-z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name); at = NR; why = (lastc >= NR - 3) && reason }
	/^\/\*/ { incomment = 1; reason = 0 }
	incomment && /[Ll]ong|lines/ { reason = 1 }
	incomment && /\*\// { incomment = 0; lastc = NR }
	/^\{/ && name != "" { start = at }
	/^\}/ && start { n = NR - start + 1; if (n > limit) printf "%4d %s:%d %s%s\n", n, file, start, name, why ? " (reason given)" : ""; start = 0; name = "" }
	' "$f"
done | sort -rn
