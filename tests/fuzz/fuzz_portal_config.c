/*
 * fuzz_portal_config.c - portal.yaml through portal_config_parse(), as
 * `cchc portal` reads it, and what portal_config.h promises of a file
 * that parses: every department named, with a well-formed slug of its
 * own and its folders.  The folders are not looked for on disk.
 */
#include "diag.h"
#include "fuzz.h"
#include "portal_config.h"

/* What a department that parsed must hold, else abort(). */
static void
check_dept(const struct portal_config *pc, size_t i)
{
	const struct portal_dept *d = &pc->depts[i];
	const char		*p;
	size_t			 k, n;

	if (d->name == NULL || d->slug == NULL || d->slug[0] == '\0' ||
	    strlen(d->slug) > PORTAL_SLUG_MAX || d->slug[0] == '-' ||
	    strstr(d->slug, "--") != NULL)
		abort();
	for (p = d->slug; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			abort();
	if ((d->nsrc == 0) == (d->built == NULL) ||
	    (d->built == NULL) != (d->built_path == NULL) ||
	    (d->nsrc == 0) != (d->src == NULL))
		abort();
	for (k = 0; k < d->nsrc; k++) {
		if (d->src[k].path == NULL || d->src[k].abs == NULL ||
		    (d->src[k].former == NULL) != (d->nsrc == 1))
			abort();
	}
	for (n = 0; n < i; n++)
		if (strcmp(pc->depts[n].slug, d->slug) == 0)
			abort();	/* two departments, one slug */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct portal_config pc;
	struct diag	 d;
	size_t		 len, i;
	char		*text;

	if ((text = fz_text(data, size, &len)) == NULL)
		return 0;
	diag_init(&d);
	if (portal_config_parse(text, len, "portal.yaml", "/srv/cong", &pc,
	    &d) == 0) {
		if (pc.title == NULL || pc.base_url == NULL ||
		    pc.base_path == NULL || pc.ndepts == 0 ||
		    pc.base_url[strlen(pc.base_url) - 1] != '/' ||
		    pc.base_path[strlen(pc.base_path) - 1] != '/')
			abort();
		for (i = 0; i < pc.ndepts; i++)
			check_dept(&pc, i);
	}
	portal_config_free(&pc);
	/* The same bytes as given, not checked for UTF-8 first. */
	(void)portal_config_parse((const char *)data, size, NULL, NULL, &pc,
	    &d);
	portal_config_free(&pc);
	diag_free(&d);
	free(text);
	return 0;
}
