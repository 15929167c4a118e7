/*
 * check.h - `cchc check`: every error and warning a build would give,
 * with nothing written (build.h: build_opts.check), as text on stderr
 * (the lines a build prints and "kiểm tra xong: N lỗi, N cảnh báo") or
 * as one JSON document on stdout (--format json) for CI and git hooks.
 *
 * JSON, keys always in this order:
 *   {"version": 1, "ok": true|false, "errors": N, "warnings": N,
 *    "messages": [diag_format_json() objects, in the order build prints]}
 * "ok" is false exactly when the exit status is 1 (errors).
 *
 * Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage.
 */
#ifndef CCHC_CHECK_H
#define CCHC_CHECK_H

struct command;		/* main.c's table */

/* argv[0] is the command's name; parses its options and runs it. */
int	 cmd_check(const struct command *, int argc, char **argv);

#endif
