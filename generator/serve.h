/*
 * serve.h - `cchc serve`: the editors' preview server.
 *
 * The site is built (preview.h: drafts and scheduled posts included, each
 * with its banner) into <source>/.cchc-cache/preview/ and served over
 * HTTP (libmicrohttpd) at http://127.0.0.1:1313/ + base_url's path.  The
 * source folders are watched (watch.h); after a change the site is built
 * again and open pages are told over Server-Sent Events (/__cchc/events):
 * "reload", "css" (stylesheets swapped without a reload) or "errors" (the
 * messages as JSON: the page's script, /__cchc/client.js, shows them over
 * the last good site, which is still served).  HTML responses get that
 * script before </body>; the files on disk never do.
 *
 * Ctrl-C or SIGTERM ends it: the build under way finishes (its staging
 * folder swapped in or removed), the server stops, exit 0.
 */
#ifndef CCHC_SERVE_H
#define CCHC_SERVE_H

struct command;

/* argv[0] is "serve".  0 after a clean stop, 1 on failure, 2 usage. */
int	 cmd_serve(const struct command *, int argc, char **argv);

#endif
