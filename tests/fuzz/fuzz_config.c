/*
 * fuzz_config.c - site.yaml through config_parse(), as a build reads it
 * from a git tree, with and without a --base-url override.
 */
#include "config.h"
#include "diag.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct site_config cfg;
	struct diag	 d;
	size_t		 len;
	char		*text;

	if ((text = fz_text(data, size, &len)) == NULL)
		return 0;
	diag_init(&d);
	memset(&cfg, 0, sizeof(cfg));
	if (config_parse(text, len, "site.yaml", NULL, &cfg, &d) == 0 &&
	    (cfg.base_url == NULL || cfg.base_path == NULL ||
	    cfg.base_url[0] == '\0' ||
	    cfg.base_url[strlen(cfg.base_url) - 1] != '/'))
		abort();	/* config.h: base_url always ends with '/' */
	config_free(&cfg);
	memset(&cfg, 0, sizeof(cfg));
	(void)config_parse(text, len, "site.yaml", "https://vidu.gov.vn/cchc",
	    &cfg, &d);
	config_free(&cfg);
	diag_free(&d);
	free(text);
	return 0;
}
