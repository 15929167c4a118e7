/*
 * export.h - render stage, data side: the files deploy scripts, the
 * provincial portal and spreadsheets read, made from the model (a
 * report's contents from reports.h), not from the templates' views.
 *
 *   du-lieu.json                 the department's data for the provincial
 *                                portal (docs/du-lieu.md): its posts,
 *                                plans, procedures and reports, versioned
 *   ke-hoach/<slug>/index.json   a plan with its tasks, status and posts
 *   thu-tuc/index.json           every procedure: fields, section texts
 *   bao-cao/<period>/bao-cao.csv a report as a table (UTF-8 with BOM, so
 *                                Excel opens Vietnamese correctly)
 *   cchc report --period P       the same report as Markdown on stdout
 */
#ifndef CCHC_EXPORT_H
#define CCHC_EXPORT_H

struct buf;
struct page;
struct report;
struct site;

/* du-lieu.json's format and version (docs/du-lieu.md): a reader that
   finds another says so, and a change of its meaning bumps the version. */
#define EXPORT_DATA_FORMAT	"cchc-du-lieu"
#define EXPORT_DATA_VERSION	1

void	 export_data_json(const struct site *, const char *generator,
	    struct buf *);
void	 export_plan_json(const struct site *, const struct page *,
	    struct buf *);
void	 export_procs_json(const struct site *, struct buf *);
void	 export_report_csv(const struct site *, const struct report *,
	    struct buf *);
void	 export_report_md(const struct site *, const struct report *,
	    struct buf *);
/* Plain text of an HTML fragment: tags dropped, entities decoded,
 * blocks separated by newlines.  Caller frees. */
char	*export_html_text(const char *);

#endif
