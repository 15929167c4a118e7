# tests/rules/lib.sh - shared by tests/rules.sh and tools/same-output.sh:
# how a rule's source tree is laid out for a build.
#
# rules_prepare RULE_DIR DEST TOP: a fresh copy of RULE_DIR/src at DEST;
# RULE_DIR/src.sh, when there is one, is run in it (with `set -e`, cwd
# DEST) to make a git history; then the default theme of TOP is copied in
# (kept out of git through .git/info/exclude, so that it is not an
# uncommitted change), as is .cchc-cache/ (README.md says to keep it out
# of git; without this a cold build may see the cache folder it is
# making as untracked and call the tree dirty).  src.sh's output goes to DEST.log.  Returns 1 if
# src.sh failed.
GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM

# git_commit DATE SUBJECT [AUTHOR]: for src.sh; commits everything in the
# current folder with author and committer date DATE (ISO 8601 with its
# zone), so that commit ids are the same on every run.
git_commit() {
	git add -A &&
	GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" \
	GIT_AUTHOR_NAME="${3:-Biên tập viên}" GIT_AUTHOR_EMAIL=btv@vidu.gov.vn \
	GIT_COMMITTER_NAME="${3:-Biên tập viên}" GIT_COMMITTER_EMAIL=btv@vidu.gov.vn \
	    git commit -q -m "$2"
}

rules_prepare() {
	rm -rf "$2" "$2.log"
	cp -R "$1/src" "$2"
	if [ -f "$1/src.sh" ]; then
		(set -e; cd "$2"; . "$1/src.sh") >"$2.log" 2>&1 || return 1
	fi
	if [ ! -d "$2/themes" ]; then
		mkdir -p "$2/themes"
		cp -R "$3/themes/default" "$2/themes/"
	fi
	if [ -d "$2/.git" ]; then
		mkdir -p "$2/.git/info"
		printf '/themes/\n/.cchc-cache/\n' >>"$2/.git/info/exclude"
	fi
}
