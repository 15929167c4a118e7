/*
 * units.c - names of units cchc knows; see units.h and data/don-vi.yaml.
 *
 * Names and unit words are kept as keys: slug_fold() (no case, no
 * diacritics, white space collapsed) with the spaces next to commas
 * removed, so "Sở Văn hóa ,Thể thao" and "sở văn hoá, thể thao" meet.
 * A few hundred keys and cells with a comma or two: a linear scan is
 * plenty.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "slug.h"
#include "units.h"
#include "util.h"
#include "value.h"

#define UNITS_FILE	"data/don-vi.yaml"

struct unit_key {
	char	*key;
	size_t	 len;
};

struct unit_keys {
	struct unit_key	*v;
	size_t		 n, cap;
};

struct unit_names {
	struct unit_keys	 names;
	struct unit_keys	 words;
	size_t			 maxseg;	/* most parts a name covers */
};

/* The matching key of s[0..len); see above. */
static char *
units_key(const char *s, size_t len)
{
	char	*f = slug_fold(s, len), *r, *w;

	for (r = w = f; *r != '\0'; r++) {
		if (*r == ' ' && (r[1] == ',' || (w > f && w[-1] == ',')))
			continue;
		*w++ = *r;
	}
	*w = '\0';
	return f;
}

static void
units_push(struct unit_keys *k, const char *s)
{
	ARRAY_GROW(k->v, k->n, k->cap, 64);
	k->v[k->n].key = units_key(s, strlen(s));
	k->v[k->n].len = strlen(k->v[k->n].key);
	k->n++;
}

void
units_add(struct unit_names *u, const char *name)
{
	size_t	 seg = 1;
	char	*p;

	units_push(&u->names, name);
	for (p = u->names.v[u->names.n - 1].key; *p != '\0'; p++)
		if (*p == ',')
			seg++;
	if (seg > u->maxseg)
		u->maxseg = seg;
}

/* Reads one list of data/don-vi.yaml into the names or the words. */
static int
units_read_list(struct unit_names *u, const char *key, const struct val *l,
    struct diag *d)
{
	const struct val	*v;
	size_t			 i;

	if (val_type(l) != VAL_LIST) {
		diag_err(d, UNITS_FILE, val_line(l), val_col(l), "“%s” phải "
		    "là một danh sách tên; sửa tệp rồi dựng lại cchc", key);
		return -1;
	}
	for (i = 0; i < val_list_len(l); i++) {
		v = val_list_at(l, i);
		if (val_get_str(v) == NULL || val_get_str(v)[0] == '\0') {
			diag_err(d, UNITS_FILE, val_line(v), val_col(v), "mỗi "
			    "mục của “%s” phải là một tên; sửa tệp rồi dựng "
			    "lại cchc", key);
			return -1;
		}
		if (strcmp(key, "unit_words") == 0)
			units_push(&u->words, val_get_str(v));
		else
			units_add(u, val_get_str(v));
	}
	return 0;
}

struct unit_names *
units_new(struct diag *d)
{
	struct unit_names	*u = xcalloc(1, sizeof(*u));
	struct val		*map;
	size_t			 i;
	int			 rc = -1;

	u->maxseg = 1;
	if ((map = yaml_parse_map(UNITS_FILE, unit_data, unit_data_len, 1,
	    d)) == NULL)
		goto out;
	for (i = 0; i < val_map_len(map); i++)
		if (units_read_list(u, val_map_key(map, i),
		    val_map_value(map, i), d) == -1)
			goto out;
	rc = 0;
out:
	val_unref(map);
	if (rc == -1) {
		units_free(u);
		return NULL;
	}
	return u;
}

static void
units_keys_free(struct unit_keys *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++)
		free(k->v[i].key);
	free(k->v);
}

void
units_free(struct unit_names *u)
{
	if (u == NULL)
		return;
	units_keys_free(&u->names);
	units_keys_free(&u->words);
	free(u);
}

size_t
units_count(const struct unit_names *u)
{
	return u->names.n + u->words.n;
}

/* 1 if key k starts `text` and ends there at a word boundary. */
static int
units_prefix(const struct unit_key *k, const char *text)
{
	unsigned char	 c;

	if (k->len == 0 || strncmp(text, k->key, k->len) != 0)
		return 0;
	c = (unsigned char)text[k->len];
	/* Folded text: letters are a-z, or not ASCII at all. */
	return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c >= 0x80);
}

size_t
units_match(const struct unit_names *u, char *const *seg, size_t n)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, j, k, best = 0, bestlen = 0, *start;
	char		*key;

	if (n > u->maxseg)
		n = u->maxseg;
	start = xcalloc(n, sizeof(*start));
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, ',');
		start[i] = b.len;
		key = units_key(seg[i], strlen(seg[i]));
		buf_puts(&b, key);
		free(key);
	}
	for (j = 0; j < u->names.n; j++) {
		if (u->names.v[j].len <= bestlen ||
		    !units_prefix(&u->names.v[j], buf_cstr(&b)))
			continue;
		/* The parts that begin before the name's end. */
		for (k = 1; k < n && start[k] < u->names.v[j].len; k++)
			;
		best = k;
		bestlen = u->names.v[j].len;
	}
	free(start);
	buf_free(&b);
	return best;
}

/* 1 if the first word of s is an abbreviation in capitals: "UBND". */
static int
units_abbrev(const char *s)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 w;
	utf8proc_category_t	 cat;
	int			 caps = 0;

	for (; *p != '\0' && *p != ' ' && *p != ','; p += w) {
		if ((w = utf8proc_iterate(p, -1, &cp)) <= 0)
			return 0;
		cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_LU)
			caps++;
		else if (cat != UTF8PROC_CATEGORY_ND && (cp >= 0x80 ||
		    strchr("&-./", (int)cp) == NULL))
			return 0;
	}
	return caps >= 2;
}

int
units_looks_like(const struct unit_names *u, const char *text)
{
	const char	*t = text + strspn(text, " \t\r\n");
	char		*key;
	size_t		 i;
	int		 r = 0;

	if (units_abbrev(t))
		return 1;
	key = units_key(t, strlen(t));
	for (i = 0; !r && i < u->words.n; i++)
		r = units_prefix(&u->words.v[i], key);
	for (i = 0; !r && i < u->names.n; i++)
		r = units_prefix(&u->names.v[i], key);
	free(key);
	return r;
}
