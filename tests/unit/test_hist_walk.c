/*
 * test_hist_walk.c - what hist_walk.c reads from a raw commit object
 * (hist_parse_commit): the tree, the first parent only, the committer's
 * time and offset (not the author's), the author's name, the subject as
 * the first non-empty line with trailing blanks cut, bytes that are not
 * UTF-8 replaced, and the commits it refuses.  The whole walk is tested
 * on real repositories by test_history.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "hist_int.h"
#include "t.h"

#define TREE	"4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#define P1	"1111111111111111111111111111111111111111"
#define P2	"2222222222222222222222222222222222222222"

static struct hist_pool pool;

/* hist_parse_commit of `raw`; 0 or -1. */
static int
parse(const char *raw, struct hist_commit *c, char *parent, int *has)
{
	git_oid	 p;
	int	 rc;

	memset(c, 0, sizeof(*c));
	memset(&p, 0, sizeof(p));
	rc = hist_parse_commit(&pool, raw, strlen(raw), c, &p, has);
	git_oid_tostr(parent, 41, &p);
	return rc;
}

static void
test_fields(void)
{
	struct hist_commit c;
	char		 parent[41], tree[41];
	int		 has;

	T_INTEQ(parse("tree " TREE "\n"
	    "parent " P1 "\n"
	    "parent " P2 "\n"
	    "author Nguyễn Thị Lan  <lan@so.gov.vn> 1700000000 +0000\n"
	    "committer Trần Văn Duyệt <duyet@so.gov.vn> 1750000000 +0700\n"
	    "\n"
	    "  \t\n"
	    "Đăng tin mới \t\r\n"
	    "\n"
	    "Nội dung.\n", &c, parent, &has), 0);
	git_oid_tostr(tree, sizeof(tree), &c.tree);
	T_STREQ(tree, TREE);
	T_INTEQ(has, 1);
	T_STREQ(parent, P1);			/* the first parent */
	T_INTEQ(c.time, 1750000000);		/* the committer's */
	T_INTEQ(c.tz, 420);
	T_STREQ(c.author, "Nguyễn Thị Lan");	/* spaces before < cut */
	T_STREQ(c.subject, "Đăng tin mới");

	/* A root commit, a negative offset, no message. */
	T_INTEQ(parse("tree " TREE "\n"
	    "author A <a@b> 1 +0000\n"
	    "committer C <c@d> 1234567890 -0130\n", &c, parent, &has), 0);
	T_INTEQ(has, 0);
	T_INTEQ(c.time, 1234567890);
	T_INTEQ(c.tz, -90);
	T_STREQ(c.author, "A");
	T_STREQ(c.subject, "");

	/* No offset: 0; no author line: "". */
	T_INTEQ(parse("tree " TREE "\n"
	    "committer C <c@d> 99\n\nx", &c, parent, &has), 0);
	T_INTEQ(c.time, 99);
	T_INTEQ(c.tz, 0);
	T_STREQ(c.author, "");
	T_STREQ(c.subject, "x");

	/* Headers after the blank line are the message, not headers. */
	T_INTEQ(parse("tree " TREE "\n"
	    "committer C <c@d> 5 +0100\n"
	    "\n"
	    "committer X <x@y> 6 +0200\n", &c, parent, &has), 0);
	T_INTEQ(c.time, 5);
	T_INTEQ(c.tz, 60);
	T_STREQ(c.subject, "committer X <x@y> 6 +0200");
}

/* Names and subjects in another encoding come out as valid UTF-8. */
static void
test_utf8(void)
{
	struct hist_commit c;
	char		 parent[41];
	int		 has;

	T_INTEQ(parse("tree " TREE "\n"
	    "author Nguy\xea\x6e <a@b> 1 +0000\n"
	    "committer C <c@d> 1 +0000\n"
	    "\n"
	    "Tin \xe0\x80\x80 m\xc3\xa1y \xed\xa0\x80 \xf4\x90\x80\x80!\n",
	    &c, parent, &has), 0);
	T_STREQ(c.author, "Nguy\xef\xbf\xbdn");
	/* Overlong, a surrogate and past U+10FFFF: each bad byte is U+FFFD;
	   a well-formed sequence (á) is kept. */
	T_STREQ(c.subject, "Tin \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
	    "m\xc3\xa1y \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!");
	/* A sequence cut short by the end of the line. */
	T_INTEQ(parse("tree " TREE "\n"
	    "committer C <c@d> 1 +0000\n\nab\xe1\x80", &c, parent, &has), 0);
	T_STREQ(c.subject, "ab\xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_refused(void)
{
	struct hist_commit c;
	char		 parent[41];
	int		 has;

	/* No tree; a tree or parent id that is not 40 hex digits. */
	T_INTEQ(parse("committer C <c@d> 1 +0000\n\nx", &c, parent, &has),
	    -1);
	T_INTEQ(parse("tree 4b825dc6\ncommitter C <c@d> 1 +0000\n", &c,
	    parent, &has), -1);
	T_INTEQ(parse("tree " TREE "\nparent xyz\n", &c, parent, &has), -1);
	/* A committer line without <...>. */
	T_INTEQ(parse("tree " TREE "\ncommitter C 1 +0000\n", &c, parent,
	    &has), -1);
	T_INTEQ(parse("tree " TREE "\nauthor A a@b 1 +0000\n", &c, parent,
	    &has), -1);
}

int
main(void)
{
	test_fields();
	test_utf8();
	test_refused();
	hist_pool_free(&pool);
	return t_done("hist_walk");
}
