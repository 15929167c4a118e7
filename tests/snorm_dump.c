/*
 * snorm_dump.c - test helper for tests/searchnorm.sh: the search
 * normalisation (searchnorm.h) of each line of standard input, one JSON
 * array a line, in the form tim-kiem-chuan.js gives with JSON.stringify,
 * so that the two can be compared byte for byte:
 *
 *   [{"exact":"được","fold":"duoc","pos":0,"joined":false,
 *     "fnv":N,"bucket":"xx","shard":"du"},...]
 *
 * fnv is FNV-1a 32-bit of the folded form, bucket its name for 256
 * buckets, shard its dictionary shard (docs/search.md, "Files").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "searchnorm.h"

static uint32_t
fnv1a(const char *s)
{
	uint32_t	 h = 0x811c9dc5u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x01000193u;
	return h;
}

static int
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The dictionary shard's name: "th", "c_", or "x-" and the first byte. */
static void
shard(const char *t, char out[8])
{
	const unsigned char	*u = (const unsigned char *)t;

	if (u[0] != '\0' && alnum(u[0]) && alnum(u[1]))
		snprintf(out, 8, "%c%c", u[0], u[1]);
	else if (u[0] != '\0' && alnum(u[0]) && u[1] == '\0')
		snprintf(out, 8, "%c_", u[0]);
	else if (u[0] != '\0')
		snprintf(out, 8, "x-%02x", u[0]);
	else
		out[0] = '\0';
}

/* A JSON string (tokens hold word characters only; escaped anyway). */
static void
put_str(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

int
main(void)
{
	struct snorm	 sn;
	char		*line = NULL, sh[8];
	size_t		 cap = 0, i;
	ssize_t		 len;
	uint32_t	 h;

	snorm_init(&sn);
	while ((len = getline(&line, &cap, stdin)) != -1) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		snorm_tokens(&sn, line, (size_t)len);
		putchar('[');
		for (i = 0; i < sn.n; i++) {
			h = fnv1a(sn.v[i].fold);
			shard(sn.v[i].fold, sh);
			printf("%s{\"exact\":", i ? "," : "");
			put_str(sn.v[i].exact);
			printf(",\"fold\":");
			put_str(sn.v[i].fold);
			printf(",\"pos\":%u,\"joined\":%s,\"fnv\":%lu,"
			    "\"bucket\":\"%02lx\",\"shard\":\"%s\"}", sn.v[i].pos,
			    sn.v[i].joined ? "true" : "false", (unsigned long)h,
			    (unsigned long)(h & 255), sh);
		}
		printf("]\n");
	}
	free(line);
	snorm_free(&sn);
	return ferror(stdout) || fclose(stdout) != 0;
}
