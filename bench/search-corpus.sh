# bench/search-corpus.sh - sourced by search.sh and search-ablate.sh.
#
# search_corpus DEST CORPUS [TOP]: the 10,000-post corpus in DEST, ready for
# cold builds.  CORPUS (a folder) is copied, never changed; "" makes it
# with bench/corpus.py (10,000 posts, 1,000 procedures, 13,200 commits,
# as bench/run.sh), its messages in DEST.txt.  TOP's themes/default
# (TOP: a tree of cchc, default the repository's top folder) replaces
# the corpus's theme, and git's index is
# refreshed once: a copy has new inodes and times, and every build's
# git status would read all the files again.  Run from the repository's
# top folder; uses the caller's say and die.
search_corpus() {
	local dest=$1 from=$2 top=${3:-.}
	if [ -n "$from" ]; then
		say "copying $from"
		cp -R "$from" "$dest"
	else
		say "making the corpus: 10,000 posts, 1,000 procedures, 13,200 commits"
		python3 bench/corpus.py "$dest" --posts 10000 --procedures 1000 \
		    --git 13200 2>"$dest.txt" ||
		    { cat "$dest.txt" >&2; die "corpus.py failed"; }
	fi
	rm -rf "$dest/themes/default" "$dest/.cchc-cache"
	mkdir -p "$dest/themes"
	cp -R "$top/themes/default" "$dest/themes/"
	if [ -d "$dest/.git" ]; then
		git -C "$dest" status --porcelain >/dev/null 2>&1
	fi
	return 0
}
