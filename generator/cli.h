/*
 * cli.h - what every command's option parser shares (main.c, check.c,
 * serve.c, newpage.c): a usage error said one way, "cchc: what is wrong" then
 * "Hãy xem: cchc CMD --help" on standard error, and exit status 2.
 */
#ifndef CCHC_CLI_H
#define CCHC_CLI_H

/* Prints the error for command cmd (NULL: no command yet); returns 2. */
int	 cli_usage(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A --today value the parser refused, with the date meant; returns 2. */
int	 cli_today_usage(const char *cmd, const char *value);

#endif
