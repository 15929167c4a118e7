/*
 * check.c - `cchc check`: the build run without writing, its messages
 * said as text or JSON; see check.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "build.h"
#include "cli.h"
#include "check.h"
#include "date.h"
#include "diag.h"

enum check_format {
	CHECK_TEXT,
	CHECK_JSON
};


/* One option with its value; 0 or the exit status of a usage error. */
static int
check_opt(struct build_opts *o, enum check_format *fmt, const char *a,
    const char *v)
{
	struct cdate	 d;
	char		*end;
	long		 n;

	if (*v == '\0')
		return cli_usage("check", "giá trị của %s không được để trống", a);
	if (strcmp(a, "--source") == 0)
		o->source = v;
	else if (strcmp(a, "--rev") == 0)
		o->rev = v;
	else if (strcmp(a, "--today") == 0) {
		if (date_parse_ymd(v, &d) == -1)
			return cli_today_usage("check", v);
		o->today = v;
	} else if (strcmp(a, "--jobs") == 0) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || *end != '\0' || n < 1 || n > 256)
			return cli_usage("check", "--jobs cần một số từ 1 đến 256, "
			    "không phải “%s”", v);
		o->jobs = (int)n;
	} else if (strcmp(a, "--format") == 0) {
		if (strcmp(v, "text") == 0)
			*fmt = CHECK_TEXT;
		else if (strcmp(v, "json") == 0)
			*fmt = CHECK_JSON;
		else
			return cli_usage("check", "--format cần text hoặc json, không "
			    "phải “%s”", v);
	} else
		return cli_usage("check", "không hiểu tùy chọn “%s”", a);
	return 0;
}

static int
check_args(int argc, char **argv, struct build_opts *o,
    enum check_format *fmt)
{
	static const char *const valued[] = { "--source", "--today", "--rev",
	    "--jobs", "--format", NULL };
	int	 i, k, rc;

	for (i = 1; i < argc; i++) {
		for (k = 0; valued[k] != NULL; k++)
			if (strcmp(argv[i], valued[k]) == 0)
				break;
		if (valued[k] == NULL)
			return cli_usage("check", "không hiểu tùy chọn “%s”", argv[i]);
		if (i + 1 >= argc)
			return cli_usage("check", "tùy chọn %s cần một giá trị",
			    argv[i]);
		if ((rc = check_opt(o, fmt, argv[i], argv[i + 1])) != 0)
			return rc;
		i++;
	}
	return 0;
}

/* The JSON document (check.h), newline-terminated. */
static void
check_json(const struct diag *d, int ok, struct buf *b)
{
	size_t	 i;

	buf_printf(b, "{\n  \"version\": 1,\n  \"ok\": %s,\n  \"errors\": %zu,"
	    "\n  \"warnings\": %zu,\n  \"messages\": [", ok ? "true" :
	    "false", d->errors, d->warnings);
	for (i = 0; i < d->len; i++) {
		buf_puts(b, i > 0 ? ",\n    " : "\n    ");
		diag_format_json(&d->msgs[i], b);
	}
	buf_puts(b, d->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
}

int
cmd_check(const struct command *c, int argc, char **argv)
{
	struct build_opts	 o;
	struct diag		 msgs;
	struct buf		 b = BUF_INIT;
	enum check_format	 fmt = CHECK_TEXT;
	int			 rc;

	(void)c;
	memset(&o, 0, sizeof(o));
	o.source = ".";
	o.check = 1;
	o.quiet = 1;
	o.collect = &msgs;
	if ((rc = check_args(argc, argv, &o, &fmt)) != 0)
		return rc;
	diag_init(&msgs);
	rc = build_run(&o) != 0 || msgs.errors > 0 ? 1 : 0;
	if (fmt == CHECK_JSON) {
		check_json(&msgs, rc == 0, &b);
		fwrite(b.data, 1, b.len, stdout);
	} else {
		diag_flush(&msgs, stderr);
		fprintf(stderr, "cchc: kiểm tra xong: %zu lỗi, %zu cảnh báo%s\n",
		    msgs.errors, msgs.warnings, msgs.errors > 0 ? "; hãy sửa "
		    "các lỗi ở trên rồi kiểm tra lại" : "");
	}
	buf_free(&b);
	diag_free(&msgs);
	return rc;
}
