/* model_project.c - the project record and small shared queries. */
#include "config.h"

#include <stdlib.h>

#include "date.h"
#include "model.h"
#include "xalloc.h"

int model_project_set(struct jaw_db *db, const struct project *p, jaw_err *err)
{
	if (!p->title || !*p->title)
		return err_set(err, JAW_FAIL, "the project needs a title");
	if (p->start_date && *p->start_date && date_parse(p->start_date, NULL, err) != JAW_OK)
		return JAW_FAIL;
	if (p->end_date && *p->end_date && date_parse(p->end_date, NULL, err) != JAW_OK)
		return JAW_FAIL;
	static const char sql[] =
		"INSERT INTO project (id, title, aim, sponsor, start_date, end_date)"
		" VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET"
		" title = ?1, aim = ?2, sponsor = ?3, start_date = ?4, end_date = ?5";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	db_bind_text(s, 1, p->title, false);
	db_bind_text(s, 2, p->aim ? p->aim : "", false);
	db_bind_text(s, 3, p->sponsor ? p->sponsor : "", false);
	db_bind_text(s, 4, p->start_date, true);
	db_bind_text(s, 5, p->end_date, true);
	return db_step_done(db, s, err);
}

struct project *model_project_get_new(struct jaw_db *db, jaw_err *err)
{
	static const char sql[] =
		"SELECT title, aim, sponsor, start_date, end_date FROM project WHERE id = 1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	struct project *p = xcalloc(1, sizeof *p);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		p->title = db_column_text_new(s, 0);
		p->aim = db_column_text_new(s, 1);
		p->sponsor = db_column_text_new(s, 2);
		p->start_date = db_column_text_new(s, 3);
		p->end_date = db_column_text_new(s, 4);
	} else if (rc == SQLITE_DONE) {
		p->title = xstrdup("(untitled project)");
		p->aim = xstrdup("");
		p->sponsor = xstrdup("");
		p->start_date = xstrdup("");
		p->end_date = xstrdup("");
	} else {
		err_db(err, db_sqlite(db), sql);
		free(p);
		p = NULL;
	}
	sqlite3_reset(s);
	return p;
}

void model_project_free(struct project *p)
{
	if (!p)
		return;
	free(p->title);
	free(p->aim);
	free(p->sponsor);
	free(p->start_date);
	free(p->end_date);
	free(p);
}
