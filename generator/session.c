/*
 * session.c - the build session released (see session.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mdcache.h"
#include "render.h"
#include "session.h"
#include "source.h"

void
session_free(struct session *se)
{
	source_free(se->src);
	free(se->root);
	free(se->theme_dir);
	/* Closed by the model stage; a build stopped early may not have. */
	mdc_close(se->mdc, NULL);
	render_env_free(&se->render);
	memset(se, 0, sizeof(*se));
}
