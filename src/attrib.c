/* attrib.c - provenance as attribution allows, and the marking line. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "journal.h"
#include "kinds.h"
#include "model.h"
#include "utf8.h"
#include "xalloc.h"

static bool attrib_set(const char *s)
{
	return s && *s;
}

const char *attrib_effective(const struct attrib_facts *f)
{
	if (attrib_set(f->source_attribution))
		return f->source_attribution;
	if (attrib_set(f->stakeholder_kind)) {
		if (attrib_set(f->stakeholder_attribution))
			return f->stakeholder_attribution;
		return strcmp(f->stakeholder_kind, "organisation") == 0 ? "named" : "anonymous";
	}
	/* no stakeholder: no person's name to protect but what the source
	 * itself says */
	return "named";
}

/* True if s begins with word (ASCII, ignoring case) and a space. */
static bool attrib_starts_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	return strncasecmp(s, word, n) == 0 && s[n] == ' ';
}

/* "a ROLE" or "an ROLE": the article by the sound of the first letter (an
 * acronym's letter name: "an MP", "a UN official"), the role's first
 * letter lowered unless it begins an acronym; a role that already has an
 * article is kept as it is. */
static char *attrib_with_article_new(const char *role)
{
	if (attrib_starts_word(role, "a") || attrib_starts_word(role, "an") ||
	    attrib_starts_word(role, "the"))
		return xstrdup(role);
	unsigned char c0 = (unsigned char)role[0], c1 = (unsigned char)role[1];
	bool acronym = isupper(c0) && (isupper(c1) || isdigit(c1));
	bool an = acronym ? strchr("AEFHILMNORSX", c0) != NULL
	                  : c0 < 0x80 && strchr("aeioAEIO", c0) != NULL && c0;
	char *out = xasprintf("%s %s", an ? "an" : "a", role);
	if (!acronym && isupper(c0) && !isupper(c1))
		out[an ? 3 : 2] = (char)tolower(c0);
	return out;
}

/* The label of an anonymous stakeholder or source. */
static const char *attrib_anonymous(const struct attrib_facts *f)
{
	const char *kind = f->source_kind ? f->source_kind : "";
	if (attrib_set(f->stakeholder_kind) && strcmp(f->stakeholder_kind, "organisation") == 0)
		return "an organisation";
	if (strcmp(kind, "interview") == 0)
		return "an interviewee";
	if (strcmp(kind, "observation") == 0)
		return "a participant";
	if (strcmp(kind, "survey_answer") == 0)
		return "a survey respondent";
	if (strcmp(kind, "document") == 0 && !attrib_set(f->stakeholder_kind))
		return "a document";
	return "an individual";
}

/* A named stakeholder: an organisation's name; a person's "NAME, ROLE",
 * "NAME, ORGANISATION" or "NAME". */
static char *attrib_named_new(const struct attrib_facts *f)
{
	const char *name = f->stakeholder_name ? f->stakeholder_name : "";
	if (strcmp(f->stakeholder_kind, "organisation") == 0)
		return xstrdup(name);
	if (attrib_set(f->stakeholder_role))
		return xasprintf("%s, %s", name, f->stakeholder_role);
	if (attrib_set(f->organisation))
		return xasprintf("%s, %s", name, f->organisation);
	return xstrdup(name);
}

/* A named source without a stakeholder: its title, or its respondent. */
static char *attrib_named_source_new(const struct attrib_facts *f)
{
	if (attrib_set(f->respondent))
		return attrib_set(f->survey) ? xasprintf("respondent %s, %s", f->respondent, f->survey)
		                             : xasprintf("respondent %s", f->respondent);
	if (attrib_set(f->source_title))
		return xstrdup(f->source_title);
	return xstrdup(attrib_anonymous(f));
}

char *attrib_label_new(const struct attrib_facts *f)
{
	const char *e = attrib_effective(f);
	bool has_stakeholder = attrib_set(f->stakeholder_kind);
	if (strcmp(e, "named") == 0)
		return has_stakeholder ? attrib_named_new(f) : attrib_named_source_new(f);
	if (strcmp(e, "role") == 0 && has_stakeholder && attrib_set(f->stakeholder_role))
		return attrib_with_article_new(f->stakeholder_role);
	return xstrdup(attrib_anonymous(f));
}

/* The kind of source in words: "survey answer" for survey_answer. */
static const char *attrib_kind_words(const char *kind)
{
	if (!attrib_set(kind))
		return "source";
	return strcmp(kind, "survey_answer") == 0 ? "survey answer" : kind;
}

char *attrib_provenance_new(const struct attrib_facts *f)
{
	char *label = attrib_label_new(f);
	char *out = attrib_set(f->source_date)
	                    ? xasprintf("%s (%s, %s)", label, attrib_kind_words(f->source_kind),
	                                f->source_date)
	                    : xasprintf("%s (%s)", label, attrib_kind_words(f->source_kind));
	free(label);
	return out;
}

/* jaw_attrib(what, source_kind, source_attribution, source_title,
 * source_date, stakeholder_kind, stakeholder_name, stakeholder_role,
 * organisation, stakeholder_attribution, respondent, survey). */
static void attrib_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *a[11];
	for (int i = 0; i < 11; i++)
		a[i] = (const char *)sqlite3_value_text(argv[i + 1]);
	struct attrib_facts f = {a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]};
	int what = sqlite3_value_int(argv[0]);
	if (what == 2) {
		sqlite3_result_text(ctx, attrib_effective(&f), -1, SQLITE_STATIC);
		return;
	}
	char *s = what == 1 ? attrib_provenance_new(&f) : attrib_label_new(&f);
	sqlite3_result_text(ctx, s, -1, free);
}

int attrib_register(sqlite3 *sqlite, jaw_err *err)
{
	if (sqlite3_create_function(sqlite, "jaw_attrib", 12, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                            NULL, attrib_sql, NULL, NULL) != SQLITE_OK)
		return err_db(err, sqlite, "registering jaw_attrib");
	return JAW_OK;
}

/* ---- reading labels ------------------------------------------------------ */

/* Runs sql (?1 the id) whose first column is a label; NULL with err set,
 * saying "no NOUN ID", when there is no row. */
static char *attrib_query_new(struct jaw_db *db, const char *sql, int64_t id, const char *noun,
                              jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	char *out = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		out = db_column_text_new(s, 0);
	else if (rc == SQLITE_DONE)
		err_set(err, JAW_FAIL, "no %s %lld", noun, (long long)id);
	else
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return out;
}

char *attrib_source_label_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT " ATTRIB_SQL("0", "?1") " WHERE EXISTS"
	                          " (SELECT 1 FROM source WHERE id = ?1)";
	return attrib_query_new(db, sql, id, "source", err);
}

char *attrib_source_provenance_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT " ATTRIB_SQL("1", "?1") " WHERE EXISTS"
	                          " (SELECT 1 FROM source WHERE id = ?1)";
	return attrib_query_new(db, sql, id, "source", err);
}

char *attrib_citation_provenance_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT " ATTRIB_CITATION_SQL " FROM finding_evidence e"
	                          " WHERE e.id = ?1";
	return attrib_query_new(db, sql, id, "citation", err);
}

/* ---- settings -------------------------------------------------------------- */

void attrib_setting_clear(struct attrib_setting *s)
{
	free(s->stored);
	free(s->effective);
	s->stored = s->effective = NULL;
}

/* Reads stored and effective from sql (?1 the id). */
static int attrib_setting_read(struct jaw_db *db, const char *sql, int64_t id, const char *noun,
                               struct attrib_setting *out, jaw_err *err)
{
	out->stored = out->effective = NULL;
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s), ret = JAW_OK;
	if (rc == SQLITE_ROW) {
		out->stored = db_column_text_new(s, 0);
		out->effective = db_column_text_new(s, 1);
	} else if (rc == SQLITE_DONE) {
		ret = err_set(err, JAW_FAIL, "no %s %lld", noun, (long long)id);
	} else {
		ret = err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	return ret;
}

int attrib_stakeholder_get(struct jaw_db *db, int64_t id, struct attrib_setting *out,
                           jaw_err *err)
{
	static const char sql[] =
		"SELECT attribution, coalesce(attribution, CASE kind WHEN 'organisation'"
		" THEN 'named' ELSE 'anonymous' END) FROM stakeholder WHERE id = ?1";
	return attrib_setting_read(db, sql, id, "stakeholder", out, err);
}

int attrib_source_get(struct jaw_db *db, int64_t id, struct attrib_setting *out, jaw_err *err)
{
	static const char sql[] = "SELECT attribution, " ATTRIB_SQL("2", "?1")
	                          " FROM source WHERE id = ?1";
	return attrib_setting_read(db, sql, id, "source", out, err);
}

/* Checks an attribution word (NULL and "" are fine: unset). */
static int attrib_check(const char *attribution, jaw_err *err)
{
	if (!attrib_set(attribution) || model_one_of(attribution, kinds_attribution))
		return JAW_OK;
	char words[128];
	return err_set(err, JAW_FAIL, "attribution \"%.100s\" is not %s (or empty for the default)",
	               attribution, kinds_describe(kinds_attribution, words, sizeof words));
}

/* Sets the attribution column of row id of table (by sql) in a journaled
 * change action. */
static int attrib_write(struct jaw_db *db, const char *analyst, const char *action,
                        enum journal_table table, const char *sql, const char *noun, int64_t id,
                        const char *attribution, jaw_err *err)
{
	if (attrib_check(attribution, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, action, err);
	if (!tx)
		return JAW_FAIL;
	int rc = journal_touch(tx, table, id, err);
	sqlite3_stmt *s = rc == JAW_OK ? db_stmt(db, sql, err) : NULL;
	if (!s)
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		db_bind_text(s, 1, attribution, true);
		sqlite3_bind_int64(s, 2, id);
		rc = db_step_done(db, s, err);
	}
	if (rc == JAW_OK && sqlite3_changes(db_sqlite(db)) == 0)
		rc = err_set(err, JAW_FAIL, "no %s %lld", noun, (long long)id);
	return journal_finish(tx, rc, xasprintf("%s %lld attributed as %s", noun, (long long)id,
	                                        attrib_set(attribution) ? attribution
	                                                                : "by default"), err);
}

int attrib_stakeholder_set(struct jaw_db *db, const char *analyst, int64_t id,
                           const char *attribution, jaw_err *err)
{
	return attrib_write(db, analyst, "stakeholder-attribution", JOURNAL_STAKEHOLDER,
	                    "UPDATE stakeholder SET attribution = ?1 WHERE id = ?2", "stakeholder",
	                    id, attribution, err);
}

int attrib_source_set(struct jaw_db *db, const char *analyst, int64_t id,
                      const char *attribution, jaw_err *err)
{
	return attrib_write(db, analyst, "source-attribution", JOURNAL_SOURCE,
	                    "UPDATE source SET attribution = ?1 WHERE id = ?2", "source", id,
	                    attribution, err);
}

/* ---- the marking line ---------------------------------------------------------- */

char *attrib_marking_get_new(struct jaw_db *db, jaw_err *err)
{
	static const char sql[] = "SELECT coalesce((SELECT marking FROM project WHERE id = 1), '')";
	return attrib_query_new(db, sql, 0, "project", err);
}

/* Checks a marking line: valid UTF-8, no control characters, not too long. */
static int attrib_marking_check(const char *m, jaw_err *err)
{
	if (!utf8_valid(m, strlen(m), NULL))
		return err_set(err, JAW_FAIL, "the marking line is not valid UTF-8");
	for (const char *p = m; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return err_set(err, JAW_FAIL, "the marking line must be one line without control"
			                              " characters");
	size_t n = utf8_cp_count(m, strlen(m));
	if (n > ATTRIB_MARKING_MAX)
		return err_set(err, JAW_FAIL, "the marking line has %zu characters; at most %d fit",
		               n, ATTRIB_MARKING_MAX);
	return JAW_OK;
}

int attrib_marking_set(struct jaw_db *db, const char *analyst, const char *marking,
                       jaw_err *err)
{
	const char *m = marking ? marking : "";
	if (attrib_marking_check(m, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, "project-marking", err);
	if (!tx)
		return JAW_FAIL;
	/* a project without its record (made by another tool) gets one */
	int rc = journal_touch(tx, JOURNAL_PROJECT, 1, err);
	sqlite3_stmt *s = NULL;
	if (rc == JAW_OK)
		s = db_stmt(db, "INSERT INTO project (id, title, marking) VALUES (1, '', ?1)"
		                " ON CONFLICT (id) DO UPDATE SET marking = ?1", err);
	if (rc == JAW_OK && !s)
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		db_bind_text(s, 1, m, false);
		rc = db_step_done(db, s, err);
	}
	return journal_finish(tx, rc, *m ? xasprintf("marking set to “%s”", m)
	                                 : xstrdup("marking removed"), err);
}
