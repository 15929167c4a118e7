/*
 * test_hist_state.c - hist_state.c alone: the string table (one id per
 * text), pages moved and taken on the path map, the live list (a loaded
 * list kept in place, new and moved pages merged in by path), and the
 * result: the log newest first with git's ties (later in the chain, then
 * path), sorted by time when committer times go back along the chain,
 * and each page's events oldest first, pointing into the log.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "hist_int.h"
#include "history.h"
#include "t.h"
#include "util.h"

static size_t
crec(struct hist_state *st, unsigned char b, long long time, size_t seq)
{
	struct hist_commit c;

	memset(&c, 0, sizeof(c));
	memset(c.id.id, b, sizeof(c.id.id));
	c.time = time;
	c.author = (char *)(uintptr_t)"A";
	c.subject = (char *)(uintptr_t)"S";
	return hist_crec_add(st, &c, seq);
}

static size_t
add(struct hist_state *st, size_t cr, const char *path)
{
	size_t		 page = st->npages++;
	uint32_t	 sid = hist_page_move(st, path, page);

	hist_ev_add(st, HIST_ADDED, cr, page, sid, HIST_NOSTR, HIST_NOSTR);
	return page;
}

static void
rename_page(struct hist_state *st, size_t cr, const char *from,
    const char *to)
{
	uint32_t	 old, sid;
	size_t		 page = hist_page_take(st, from, &old);

	sid = hist_page_move(st, to, page);
	hist_ev_add(st, HIST_RENAMED, cr, page, sid, old, HIST_NOSTR);
}

static void
test_strings(void)
{
	struct hist_pool pool;
	struct hist_state st;
	uint32_t	 a, b, i;

	memset(&pool, 0, sizeof(pool));
	memset(&st, 0, sizeof(st));
	st.pool = &pool;
	a = hist_intern_str(&st, "content/a.md");
	b = hist_intern_str(&st, "content/b.md");
	T_OK(a != b);
	T_INTEQ(hist_intern_str(&st, "content/a.md"), a);
	T_STREQ(st.strs[b], "content/b.md");
	/* Past the first table sizes: still one id per text. */
	for (i = 0; i < 2000; i++) {
		char	 s[32];

		snprintf(s, sizeof(s), "s%u", (unsigned)i);
		(void)hist_intern_str(&st, s);
	}
	T_INTEQ(st.nstrs, 2002);
	T_INTEQ(hist_intern_str(&st, "s1999"), 2001);
	T_INTEQ(hist_intern_str(&st, "content/b.md"), b);
	T_INTEQ(st.nstrs, 2002);
	hist_state_free(&st);
	hist_pool_free(&pool);
}

/*
 * A list as loaded from a cache (c.md, d.md, f.md); then d.md is renamed
 * to b.md, a.md and e.md are added, f.md is removed.
 */
static void
test_live(void)
{
	struct hist_pool pool;
	struct hist_state st;
	struct hist_live *live;
	const char	*paths[] = { "content/c.md", "content/d.md",
	    "content/f.md" };
	uint32_t	 sid;
	size_t		 i, n, cr;

	memset(&pool, 0, sizeof(pool));
	memset(&st, 0, sizeof(st));
	st.pool = &pool;
	cr = crec(&st, 1, 100, 0);
	st.order = xcalloc(3, sizeof(*st.order));
	for (i = 0; i < 3; i++) {
		sid = hist_intern_str(&st, paths[i]);
		hist_ev_add(&st, HIST_ADDED, cr, st.npages, sid, HIST_NOSTR,
		    HIST_NOSTR);
		st.order[i] = (struct hist_live){ st.strs[sid], st.npages++,
		    sid };
	}
	st.norder = 3;
	/* Nothing applied: the list as loaded. */
	live = hist_live_list(&st, &n);
	T_INTEQ(n, 3);
	T_OK(n == 3 && live[2].page == 2);
	free(live);

	hist_map_from_order(&st);
	T_OK(hist_map_find(&st.live, "content/d.md") != NULL);
	cr = crec(&st, 2, 200, 1);
	rename_page(&st, cr, "content/d.md", "content/b.md");
	T_OK(hist_map_find(&st.live, "content/d.md") == NULL);
	(void)add(&st, cr, "content/e.md");
	(void)add(&st, cr, "content/a.md");
	T_INTEQ(hist_page_take(&st, "content/f.md", &sid), 2);
	T_STREQ(st.strs[sid], "content/f.md");
	live = hist_live_list(&st, &n);
	T_INTEQ(n, 4);
	if (n == 4) {
		T_STREQ(live[0].path, "content/a.md");
		T_STREQ(live[1].path, "content/b.md");
		T_STREQ(live[2].path, "content/c.md");
		T_STREQ(live[3].path, "content/e.md");
		T_INTEQ(live[1].page, 1);	/* d.md's page, moved */
		T_INTEQ(live[2].page, 0);
		T_INTEQ(live[0].page, 4);
	}
	free(live);
	hist_state_free(&st);
	hist_pool_free(&pool);
}

/* The result of a state: log order, files, events. */
static void
test_output(void)
{
	struct hist_pool pool;
	struct hist_state st;
	struct hist_live *live;
	struct history	 h;
	size_t		 n, c0, c1, c2;

	memset(&pool, 0, sizeof(pool));
	memset(&st, 0, sizeof(st));
	memset(&h, 0, sizeof(h));
	st.pool = &pool;
	st.have_map = 1;
	/* Commits 1 and 2 have the same time: the later one is newer. */
	c0 = crec(&st, 1, 100, 0);
	(void)add(&st, c0, "content/b.md");
	(void)add(&st, c0, "content/a.md");
	c1 = crec(&st, 2, 200, 3);
	rename_page(&st, c1, "content/b.md", "content/c.md");
	c2 = crec(&st, 3, 200, 4);
	(void)add(&st, c2, "content/z.md");
	memset(st.tip, 'f', 40);
	live = hist_live_list(&st, &n);
	hist_output(&st, live, n, &pool, &h);
	free(live);
	T_OK(pool.nblocks == 0);		/* h took the pool */
	T_INTEQ(h.nlog, 4);
	T_INTEQ(h.nfiles, 3);
	if (h.nlog == 4 && h.nfiles == 3) {
		T_STREQ(h.log[0].path, "content/z.md");
		T_STREQ(h.log[1].path, "content/c.md");
		T_STREQ(h.log[1].old_path, "content/b.md");
		T_OK(h.log[1].kind == HIST_RENAMED);
		/* One commit: by path. */
		T_STREQ(h.log[2].path, "content/a.md");
		T_STREQ(h.log[3].path, "content/b.md");
		T_INTEQ(h.log[3].time, 100);
		T_STREQ(h.log[0].id, "0303030303030303030303030303030303030303");
		T_STREQ(h.tip, "ffffffffffffffffffffffffffffffffffffffff");
		T_STREQ(h.files[1].path, "content/c.md");
		T_INTEQ(h.files[1].nevents, 2);
		if (h.files[1].nevents == 2) {
			T_OK(h.files[1].events[0] == &h.log[3]);
			T_OK(h.files[1].events[1] == &h.log[1]);
		}
		T_OK(h.files[2].nevents == 1 && h.files[2].events[0] ==
		    &h.log[0]);
	}
	history_free(&h);
	hist_state_free(&st);

	/* Times that go back along the chain: sorted by time. */
	memset(&pool, 0, sizeof(pool));
	memset(&st, 0, sizeof(st));
	st.pool = &pool;
	st.have_map = 1;
	(void)add(&st, crec(&st, 1, 300, 0), "content/old.md");
	(void)add(&st, crec(&st, 2, 100, 1), "content/new.md");
	(void)add(&st, crec(&st, 3, 200, 2), "content/mid.md");
	live = hist_live_list(&st, &n);
	hist_output(&st, live, n, &pool, &h);
	free(live);
	T_INTEQ(h.nlog, 3);
	if (h.nlog == 3) {
		T_STREQ(h.log[0].path, "content/old.md");
		T_STREQ(h.log[1].path, "content/mid.md");
		T_STREQ(h.log[2].path, "content/new.md");
	}
	history_free(&h);
	hist_state_free(&st);
}

int
main(void)
{
	test_strings();
	test_live();
	test_output();
	return t_done("hist_state");
}
