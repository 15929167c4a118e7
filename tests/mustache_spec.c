/*
 * mustache_spec.c - runs the official Mustache spec data files against
 * generator/mustache.c.
 *
 *   mustache_spec DIR
 *
 * For each test of each file: the data becomes a value.h tree, the
 * template and partials go into a fresh mus_set, and the rendering is
 * compared with "expected".  Prints one block per failure, a short line
 * per file, and last "mustache-spec: N passed, N failed" (exit 1 on any
 * failure).  Without DIR (a plain clone lacks ../shared) it says so and
 * exits 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "mustache.h"
#include "value.h"

/* ~lambdas is left out: the data never holds functions. */
static const char *const files[] = {
	"comments.json",
	"delimiters.json",
	"interpolation.json",
	"inverted.json",
	"partials.json",
	"sections.json",
	"~inheritance.json",
	"~dynamic-names.json",
};

#define TEMPLATE_NAME	"(template)"

static int	 passed, failed;

static int
read_file(const char *path, struct buf *b)
{
	FILE	*fp;
	char	 chunk[8192];
	size_t	 n;
	int	 rc = -1;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(b, chunk, n);
	if (!ferror(fp))
		rc = 0;
	fclose(fp);
	return rc;
}

/* Prints s as a C string literal would show it, so that blanks show. */
static void
print_quoted(const char *label, const char *s, size_t n)
{
	size_t	 i;

	printf("  %s \"", label);
	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		default: putchar(s[i]); break;
		}
	fputs("\"\n", stdout);
}

static void
print_diag(struct diag *d)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < d->len; i++) {
		buf_reset(&b);
		diag_format(&d->msgs[i], &b);
		printf("  %s\n", buf_cstr(&b));
	}
	buf_free(&b);
}

static const char *
str_of(const struct val *v)
{
	const char	*s = val_get_str(v);

	return s != NULL ? s : "";
}

/* Runs one test; returns 1 if it passed. */
static int
run_test(const char *file, const struct val *t)
{
	struct mus_set		*set = mus_set_new();
	struct diag		 d;
	struct buf		 out = BUF_INIT;
	const struct val	*tmpl, *partials, *expected;
	struct val		*data;
	const char		*name = str_of(val_map_get(t, "name"));
	size_t			 i;
	int			 ok = 0, rc = 0;

	diag_init(&d);
	tmpl = val_map_get(t, "template");
	partials = val_map_get(t, "partials");
	expected = val_map_get(t, "expected");
	data = val_map_get(t, "data");
	for (i = 0; i < val_map_len(partials) && rc == 0; i++)
		rc = mus_set_add(set, val_map_key(partials, i),
		    val_map_key(partials, i), str_of(val_map_value(partials, i)),
		    val_str_len(val_map_value(partials, i)), &d);
	if (rc == 0)
		rc = mus_set_add(set, TEMPLATE_NAME, TEMPLATE_NAME,
		    str_of(tmpl), val_str_len(tmpl), &d);
	if (rc == 0)
		rc = mus_render(set, TEMPLATE_NAME, &data, data != NULL,
		    &out, &d);
	if (rc == 0 && out.len == val_str_len(expected) &&
	    memcmp(buf_cstr(&out), str_of(expected), out.len) == 0)
		ok = 1;
	else {
		printf("FAIL %s: %s\n", file, name);
		print_quoted("template:", str_of(tmpl), val_str_len(tmpl));
		print_quoted("expected:", str_of(expected),
		    val_str_len(expected));
		if (rc == 0)
			print_quoted("got:     ", buf_cstr(&out), out.len);
		else
			printf("  error:\n");
		print_diag(&d);
	}
	buf_free(&out);
	diag_free(&d);
	mus_set_free(set);
	return ok;
}

static void
run_file(const char *dir, const char *file)
{
	struct buf	 path = BUF_INIT, text = BUF_INIT;
	struct val	*doc = NULL;
	const struct val *tests;
	char		 err[256];
	size_t		 i;
	int		 ok = 0, bad = 0;

	buf_printf(&path, "%s/%s", dir, file);
	if (read_file(buf_cstr(&path), &text) == -1) {
		printf("FAIL %s: cannot read: %s\n", buf_cstr(&path),
		    strerror(errno));
		failed++;
		goto out;
	}
	if ((doc = json_parse(buf_cstr(&text), text.len, err,
	    sizeof(err))) == NULL) {
		printf("FAIL %s:%s\n", buf_cstr(&path), err);
		failed++;
		goto out;
	}
	tests = val_map_get(doc, "tests");
	for (i = 0; i < val_list_len(tests); i++)
		if (run_test(file, val_list_at(tests, i)))
			ok++;
		else
			bad++;
	printf("  %s: %d of %d ok\n", file, ok, ok + bad);
	if (ok + bad == 0) {
		/* A file read as no tests must not pass as all ok. */
		printf("FAIL %s: no \"tests\" list\n", buf_cstr(&path));
		bad++;
	}
	passed += ok;
	failed += bad;
out:
	val_unref(doc);
	buf_free(&path);
	buf_free(&text);
}

int
main(int argc, char *argv[])
{
	struct stat	 st;
	size_t		 i;

	if (argc != 2) {
		fprintf(stderr, "usage: mustache_spec DIR\n");
		return 2;
	}
	if (stat(argv[1], &st) == -1 || !S_ISDIR(st.st_mode)) {
		printf("mustache-spec: skipped: %s not found (the spec files "
		    "are in ../shared, which a plain clone does not have)\n",
		    argv[1]);
		printf("mustache-spec: 0 passed, 0 failed, 1 skipped\n");
		return 0;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		run_file(argv[1], files[i]);
	printf("mustache-spec: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
