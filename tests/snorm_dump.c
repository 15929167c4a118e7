/*
 * snorm_dump.c - test helper for tests/searchnorm.sh: what the index
 * writer makes of text, for comparison with tim-kiem-chuan.js.
 *
 *   snorm_dump      each line of standard input through the search
 *                   normalisation (searchnorm.h), one JSON array a line,
 *                   in the form JSON.stringify gives in the test:
 *                   [{"exact":"được","fold":"duoc","pos":0,"joined":false,
 *                     "fnv":N,"bucket":"8c","shard":"2f"},...]
 *                   fnv is FNV-1a of the folded form, bucket its name
 *                   among 256 buckets, shard among 64 dictionary shards,
 *                   all from the writer's own functions (search.h)
 *   snorm_dump -p   each line of ids (ascending, space-separated) as the
 *                   writer's postings string, one a line
 *
 * Exit status 0, or 1 when writing failed, 2 on bad usage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search.h"
#include "searchnorm.h"

#define DUMP_NB	256
#define DUMP_NS	64

static void
tokens(const char *line, size_t len, struct snorm *sn, struct buf *b)
{
	const struct snorm_tok	*t;
	char			*bucket, *shard;
	uint32_t		 h;
	size_t			 i;

	snorm_tokens(sn, line, len);
	buf_reset(b);
	buf_putc(b, '[');
	for (i = 0; i < sn->n; i++) {
		t = &sn->v[i];
		h = search_fnv1a(t->fold, strlen(t->fold));
		bucket = search_bucket_name(h & (DUMP_NB - 1), DUMP_NB);
		shard = search_bucket_name(search_shard_of(t->fold,
		    strlen(t->fold), DUMP_NS), DUMP_NS);
		buf_puts(b, i ? ",{\"exact\":" : "{\"exact\":");
		search_json_str(b, t->exact, strlen(t->exact));
		buf_puts(b, ",\"fold\":");
		search_json_str(b, t->fold, strlen(t->fold));
		buf_printf(b, ",\"pos\":%u,\"joined\":%s,\"fnv\":%lu,"
		    "\"bucket\":\"%s\",\"shard\":\"%s\"}", t->pos,
		    t->joined ? "true" : "false", (unsigned long)h, bucket,
		    shard);
		free(bucket);
		free(shard);
	}
	buf_puts(b, "]\n");
}

static void
postings(const char *line, struct buf *b)
{
	uint32_t	*ids = NULL;
	size_t		 n = 0, cap = 0;
	char		*end;
	unsigned long	 v;

	for (;;) {
		while (*line == ' ')
			line++;
		if (*line < '0' || *line > '9')
			break;
		v = strtoul(line, &end, 10);
		line = end;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((ids = realloc(ids, cap * sizeof(*ids))) == NULL)
				abort();
		}
		ids[n++] = (uint32_t)v;
	}
	buf_reset(b);
	search_postings(b, ids, n);
	buf_putc(b, '\n');
	free(ids);
}

int
main(int argc, char **argv)
{
	struct snorm	 sn;
	struct buf	 b = BUF_INIT;
	char		*line = NULL;
	size_t		 cap = 0;
	ssize_t		 len;
	int		 post = 0;

	if (argc == 2 && strcmp(argv[1], "-p") == 0)
		post = 1;
	else if (argc != 1) {
		fprintf(stderr, "usage: snorm_dump [-p] <lines\n");
		return 2;
	}
	snorm_init(&sn);
	while ((len = getline(&line, &cap, stdin)) != -1) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (post)
			postings(line, &b);
		else
			tokens(line, (size_t)len, &sn, &b);
		fwrite(b.data, 1, b.len, stdout);
	}
	free(line);
	buf_free(&b);
	snorm_free(&sn);
	return ferror(stdout) || fclose(stdout) != 0;
}
