/*
 * cli.c - usage errors of the command line; see cli.h.
 */
#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "build.h"
#include "cli.h"

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list	 ap;

	fputs("cchc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nHãy xem: cchc %s%s--help\n", cmd != NULL ? cmd : "",
	    cmd != NULL ? " " : "");
	return 2;
}

int
cli_today_usage(const char *cmd, const char *value)
{
	struct buf	 msg = BUF_INIT;

	build_today_msg(value, &msg);
	cli_usage(cmd, "%s", buf_cstr(&msg));
	buf_free(&msg);
	return 2;
}
