/*
 * fuzz_plan.c - a plan's Markdown: its front matter split off, its
 * tasks read from tables and lists (plan_extract), each task's time read
 * (when_parse) and its partners split, as plans_read_tasks() does.
 */
#include "diag.h"
#include "frontmatter.h"
#include "plan_tasks.h"
#include "units.h"
#include "value.h"
#include "when.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct period per = { { .y = 2025, .m = 1, .d = 1,
	    .tz = DATE_VN_TZ }, { .y = 2025, .m = 12, .d = 31,
	    .tz = DATE_VN_TZ } };
	/* The shipped unit names, loaded once: known names are matched. */
	static struct unit_names *names;
	struct plan_tasks tasks;
	struct val	*meta = NULL;
	struct diag	 d;
	struct when	 w;
	size_t		 len, off = 0, i, k, n;
	char		*text, **parts;
	int		 line = 1;

	if ((text = fz_text(data, size, &len)) == NULL)
		return 0;
	diag_init(&d);
	if (names == NULL && (names = units_new(&d)) == NULL)
		abort();
	if (fm_split("plans/kh.md", text, len, &meta, &off, &line, &d) == -1) {
		off = 0;
		line = 1;
	}
	memset(&tasks, 0, sizeof(tasks));
	(void)plan_extract("plans/kh.md", text + off, len - off, line, names,
	    &tasks, &d);
	for (i = 0; i < tasks.n; i++) {
		const struct plan_task *t = &tasks.v[i];

		if (t->id == NULL || t->content == NULL || t->line < line)
			abort();	/* plan_tasks.h: every task has these */
		if (t->when != NULL)
			when_parse(t->when, &per, &w);
		struct plan_at at = { "plans/kh.md", t->line, 1, &d };

		parts = plan_split_partners(t->content, names, &at, &n);
		for (k = 0; k < n; k++)
			free(parts[k]);
		free(parts);
	}
	plan_tasks_free(&tasks);
	val_unref(meta);
	diag_free(&d);
	free(text);
	return 0;
}
