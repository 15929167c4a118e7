/*
 * test_hist_renames.c - hist_renames.c alone: git's similarity index
 * (chunks, CRs of text files, the last line, sizes that rule a pair out)
 * and the passes that pair deleted with added files (identical blobs and
 * the basename preference, unique basenames at 75 %, the rest at 50 %
 * with its ties).  Blobs go into a bare repository made with libgit2;
 * the changes are made by hand, as hist_walk.c would make them.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "diag.h"
#include "fs.h"
#include "hist_int.h"
#include "t.h"
#include "util.h"

#define REG	0100644
#define LINK	0120000

static char		 tmp[PATH_MAX];
static git_repository	*repo;
static struct hist_walk	 w;
static char		*owned[64];	/* texts made here, freed at the end */
static size_t		 nowned;

static char *
own(char *s)
{
	if (nowned == sizeof(owned) / sizeof(owned[0])) {
		fprintf(stderr, "test_hist_renames: owned[] is full\n");
		exit(1);
	}
	return owned[nowned++] = s;
}

static void
blob(const char *text, size_t n, git_oid *id)
{
	if (git_blob_create_from_buffer(id, repo, text, n) != 0) {
		fprintf(stderr, "cannot write a blob: %s\n", hist_giterr());
		exit(1);
	}
}

/* Clears the changes (their similarity indexes too). */
static void
reset(void)
{
	size_t	 i;

	for (i = 0; i < w.nchg; i++)
		free(w.chg[i].spans);
	w.nchg = 0;
}

/* A change of kind 'A' or 'D' (paths must come in order); its index. */
static size_t
chgn(char kind, const char *path, unsigned mode, const char *text, size_t n)
{
	struct hist_chg	*c;

	ARRAY_GROW(w.chg, w.nchg, w.chgcap, 8);
	c = &w.chg[w.nchg];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->page = 1;
	c->cand = 1;
	c->mode = mode;
	c->path = (char *)(uintptr_t)path;
	blob(text, n, kind == 'D' ? &c->old : &c->new);
	c->pair = HIST_NONE;
	return w.nchg++;
}

static size_t
chg(char kind, const char *path, unsigned mode, const char *text)
{
	return chgn(kind, path, mode, text, strlen(text));
}

/* Similarity of two texts as a deleted and an added regular file. */
static unsigned
sim(const char *a, const char *b, unsigned min)
{
	size_t		 s, d;
	unsigned	 r;

	reset();
	s = chg('D', "content/a.md", REG, a);
	d = chg('A', "content/b.md", REG, b);
	r = hist_similarity(&w, &w.chg[s], &w.chg[d], min);
	reset();
	return r;
}

/* n lines "<tag> <i>\n" of 20 bytes each, i from `from`. */
static char *
lines(const char *tag, int from, int n)
{
	char	*s = xcalloc((size_t)n * 20 + 1, 1), *p = s;
	int	 i;

	for (i = 0; i < n; i++)
		p += sprintf(p, "%-6s %012d\n", tag, from + i);
	return own(s);
}

static char *
cat(const char *a, const char *b)
{
	return own(xasprintf("%s%s", a, b));
}

/* a less its last 20-byte line, and one line of `tag`. */
static char *
swap_last(const char *a, const char *tag)
{
	char	*s = cat(a, "");

	s[strlen(s) - 20] = '\0';
	return cat(s, lines(tag, 0, 1));
}

static void
test_similarity(void)
{
	char	 big[200];
	size_t	 s, d;

	/* Score out of 60000: copied bytes x 60000 / the larger size. */
	T_INTEQ(sim("one\ntwo\n", "one\ntwo\n", 0), 60000);
	T_INTEQ(sim("l1\nl2\nl3\nl4\n", "l1\nl2\nx3\nx4\n", 0), 30000);
	/* The last line counts without its newline (git >= 2.44). */
	T_INTEQ(sim("abc\ndef", "xyz\ndef", 0), 3 * 60000 / 7);
	/* A text file's CR before LF is not counted, but the size is. */
	T_INTEQ(sim("a\r\nb\r\n", "a\nb\n", 0), 4 * 60000 / 6);
	/* With a NUL in it, it is binary: the CRs count, nothing alike. */
	reset();
	s = chgn('D', "content/a.md", REG, "\0a\r\nb\r\n", 7);
	d = chgn('A', "content/b.md", REG, "\0a\nb\n", 5);
	T_INTEQ(hist_similarity(&w, &w.chg[s], &w.chg[d], 0), 0);
	reset();
	s = chgn('D', "content/a.md", REG, "\0a\nb\r\n", 6);
	d = chgn('A', "content/b.md", REG, "\0a\nb\n", 5);
	T_INTEQ(hist_similarity(&w, &w.chg[s], &w.chg[d], 0), 3 * 60000 / 6);
	reset();
	/* Chunks end at 64 bytes too: 128 x "a" is two equal chunks. */
	memset(big, 'a', 128);
	big[128] = '\0';
	T_INTEQ(sim(big, "aaaa", 0), 0);	/* "aaaa" is another chunk */
	big[64] = '\0';
	T_INTEQ(sim(big, cat(big, big), 0), 30000);
	/* Sizes too far apart for `min` are not scored; 0 for an empty dst. */
	T_INTEQ(sim("0123456789\n0123456789\n", "0123456789\n", 30000), 30000);
	T_INTEQ(sim("0123456789\n0123456789\n0123456789\n", "0123456789\n",
	    30000), 0);
	T_INTEQ(sim("0123456789\n0123456789\n0123456789\n", "0123456789\n",
	    0), 20000);
	T_INTEQ(sim("x\n", "", 0), 0);
}

/* Only regular files are scored: a symlink renames only when identical. */
static void
test_symlinks(void)
{
	size_t	 s, d;

	reset();
	s = chg('D', "content/a.md", LINK, "target.md");
	d = chg('A', "content/b.md", REG, "target.md");
	T_INTEQ(hist_similarity(&w, &w.chg[s], &w.chg[d], 0), 0);
	hist_renames(&w);
	T_OK(w.chg[d].pair == HIST_NONE);	/* same blob, other kind */
	reset();
	s = chg('D', "content/a.md", LINK, "target.md");
	d = chg('A', "content/b.md", LINK, "target.md");
	hist_renames(&w);
	T_OK(w.chg[d].pair == s && w.chg[s].pair == d);
	T_INTEQ(w.chg[d].exact, 1);
	reset();
}

/* Identical blobs: the deleted file with the same basename comes first. */
static void
test_exact(void)
{
	size_t	 one, two, add, other;

	reset();
	one = chg('D', "content/x/one.md", REG, "same text\n");
	two = chg('D', "content/y/two.md", REG, "same text\n");
	other = chg('A', "content/z/three.md", REG, "same text\n");
	add = chg('A', "content/z/two.md", REG, "same text\n");
	hist_renames(&w);
	/* z/three.md (first in path order) takes the first: no name match. */
	T_OK(w.chg[other].pair == one);
	T_OK(w.chg[add].pair == two);
	T_INTEQ(w.chg[add].exact, 1);
	reset();
	two = chg('D', "content/x/two.md", REG, "same text\n");
	one = chg('D', "content/y/one.md", REG, "same text\n");
	add = chg('A', "content/z/one.md", REG, "same text\n");
	hist_renames(&w);
	T_OK(w.chg[add].pair == one);
	T_OK(w.chg[two].pair == HIST_NONE);
	reset();
}

/*
 * Unique basenames pair first, from 75 %: b/page.md goes with a/page.md
 * at 80 % although a/other.md is 90 % alike; at 60 % the basename pass
 * does not pair it and the best candidate wins.
 */
static void
test_basenames(void)
{
	char	*p = lines("page", 0, 10), *q, *q80, *dst80, *dst60;
	size_t	 page, other, add;

	/* dst80: 8 of page's 10 lines, 2 others; 9 of q's 10 lines. */
	dst80 = cat(lines("page", 0, 8), lines("new", 0, 2));
	q = q80 = swap_last(dst80, "q");
	reset();
	other = chg('D', "content/a/other.md", REG, q);
	page = chg('D', "content/a/page.md", REG, p);
	add = chg('A', "content/b/page.md", REG, dst80);
	T_INTEQ(hist_similarity(&w, &w.chg[page], &w.chg[add], 0), 48000);
	T_INTEQ(hist_similarity(&w, &w.chg[other], &w.chg[add], 0), 54000);
	hist_renames(&w);
	T_OK(w.chg[add].pair == page);
	T_INTEQ(w.chg[add].exact, 0);
	T_OK(w.chg[other].pair == HIST_NONE);

	dst60 = cat(lines("page", 0, 6), lines("new", 0, 4));
	q = swap_last(dst60, "q");
	reset();
	other = chg('D', "content/a/other.md", REG, q);
	page = chg('D', "content/a/page.md", REG, p);
	add = chg('A', "content/b/page.md", REG, dst60);
	T_INTEQ(hist_similarity(&w, &w.chg[page], &w.chg[add], 0), 36000);
	hist_renames(&w);
	T_OK(w.chg[add].pair == other);
	T_OK(w.chg[page].pair == HIST_NONE);

	/* Not unique on the added side: no basename pass, best wins. */
	reset();
	other = chg('D', "content/a/other.md", REG, q80);
	page = chg('D', "content/a/page.md", REG, p);
	add = chg('A', "content/b/page.md", REG, dst80);
	(void)chg('A', "content/c/page.md", REG, "unrelated\n");
	hist_renames(&w);
	T_OK(w.chg[add].pair == other);
	reset();
}

/* The rest: from 50 %, ties to the same basename, then place. */
static void
test_inexact(void)
{
	char	*c = lines("text", 0, 10), *c70, *c40;
	size_t	 x, y, add;

	c70 = cat(lines("text", 0, 7), lines("new", 0, 3));
	c40 = cat(lines("text", 0, 4), lines("new", 0, 6));
	/* x.md and y.md are equally alike; y.md shares the basename. */
	reset();
	x = chg('D', "content/a/x.md", REG, c);
	y = chg('D', "content/b/y.md", REG, c);
	add = chg('A', "content/c/y.md", REG, c70);
	hist_renames(&w);
	T_OK(w.chg[add].pair == y);
	T_OK(w.chg[x].pair == HIST_NONE);
	/* No name to tell them apart: the first kept. */
	reset();
	x = chg('D', "content/a/x.md", REG, c);
	y = chg('D', "content/b/y.md", REG, c);
	add = chg('A', "content/c/z.md", REG, c70);
	hist_renames(&w);
	T_OK(w.chg[add].pair == x);
	/* Under 50 %: no rename. */
	reset();
	x = chg('D', "content/a/x.md", REG, c);
	add = chg('A', "content/c/z.md", REG, c40);
	T_INTEQ(hist_similarity(&w, &w.chg[x], &w.chg[add], 0), 24000);
	hist_renames(&w);
	T_OK(w.chg[add].pair == HIST_NONE);
	/* Greedy, best first: each source once. */
	reset();
	x = chg('D', "content/a/x.md", REG, c);
	y = chg('A', "content/b/p.md", REG, c70);
	add = chg('A', "content/b/q.md", REG, cat(lines("text", 0, 9),
	    lines("new", 0, 1)));
	hist_renames(&w);
	T_OK(w.chg[add].pair == x);
	T_OK(w.chg[y].pair == HIST_NONE);
	/* Not a candidate (a modified file, say): never paired. */
	reset();
	x = chg('D', "content/a/x.md", REG, c);
	add = chg('A', "content/b/x.md", REG, c);
	w.chg[x].cand = 0;
	hist_renames(&w);
	T_OK(w.chg[add].pair == HIST_NONE);
	reset();
}

int
main(void)
{
	struct diag	 d;

	snprintf(tmp, sizeof(tmp), "/tmp/cchc-hist-renames-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	diag_init(&d);
	if (hist_init(&d) == -1 || git_repository_init(&repo, tmp, 1) != 0 ||
	    git_repository_odb(&w.odb, repo) != 0) {
		fprintf(stderr, "cannot make a repository in %s\n", tmp);
		return 1;
	}
	diag_free(&d);

	test_similarity();
	test_symlinks();
	test_exact();
	test_basenames();
	test_inexact();

	reset();
	while (nowned > 0)
		free(owned[--nowned]);
	free(w.chg);
	git_odb_free(w.odb);
	git_repository_free(repo);
	git_libgit2_shutdown();
	fs_rmtree(tmp);
	return t_done("hist_renames");
}
