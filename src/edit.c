/* edit.c - journaled changes to timeline items, stakeholders and sources. */
#include "config.h"

#include <stdlib.h>

#include "edit.h"
#include "journal.h"
#include "xalloc.h"

/* ---- timeline ------------------------------------------------------------------- */

int edit_timeline_add(struct jaw_db *db, const char *analyst, struct timeline_item *it,
                      jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "timeline-add", err);
	if (!tx)
		return JAW_FAIL;
	int rc = model_timeline_add(db, it, err);
	if (rc == JAW_OK)
		rc = journal_touch_added(tx, JOURNAL_TIMELINE_ITEM, it->id, err);
	return journal_finish(tx, rc, xasprintf("added %s “%s”", it->kind ? it->kind : "item",
	                                     it->title ? it->title : ""), err);
}

int edit_timeline_update(struct jaw_db *db, const char *analyst, const struct timeline_item *it,
                         jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "timeline-edit", err);
	if (!tx)
		return JAW_FAIL;
	int rc = journal_touch(tx, JOURNAL_TIMELINE_ITEM, it->id, err);
	if (rc == JAW_OK)
		rc = model_timeline_update(db, it, err);
	return journal_finish(tx, rc, xasprintf("edited %s “%s”", it->kind ? it->kind : "item",
	                                     it->title ? it->title : ""), err);
}

int edit_timeline_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "timeline-delete", err);
	if (!tx)
		return JAW_FAIL;
	struct timeline_item *it = model_timeline_get_new(db, id, err);
	int rc = it ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_SOURCE,
		                        "SELECT id FROM source WHERE timeline_item_id = ?1", id, err);
	if (rc == JAW_OK)
		rc = journal_touch(tx, JOURNAL_TIMELINE_ITEM, id, err);
	if (rc == JAW_OK)
		rc = model_timeline_delete(db, id, err);
	rc = journal_finish(tx, rc, it ? xasprintf("deleted %s “%s”", it->kind, it->title) : NULL,
	                 err);
	model_timeline_item_free(it);
	return rc;
}

/* ---- stakeholders --------------------------------------------------------------- */

/* Stakeholder ?1 and every one below it (a loop of parents made by another
 * tool ends at 64 levels). */
#define EDIT_STAKEHOLDER_SUBTREE                                                      \
	"WITH RECURSIVE sub (id, depth) AS (SELECT ?1, 0 UNION SELECT s.id, sub.depth + 1" \
	" FROM stakeholder s JOIN sub ON s.parent_id = sub.id WHERE sub.depth < 64)"      \
	" SELECT DISTINCT id FROM sub"

/* Begins a change to stakeholder id: orders rows another tool left
 * unordered (outside the change: the order is derived), then touches id
 * and the rows below it, whose place in the order moves with it. */
static struct journal_tx *edit_stakeholder_begin(struct jaw_db *db, const char *analyst,
                                                 const char *action, int64_t id, jaw_err *err)
{
	if (model_stakeholder_prepare_order(db, err) != JAW_OK)
		return NULL;
	struct journal_tx *tx = journal_begin(db, analyst, action, err);
	if (tx && id &&
	    journal_touch_each(tx, JOURNAL_STAKEHOLDER, EDIT_STAKEHOLDER_SUBTREE, id, err) != JAW_OK) {
		journal_abort(tx);
		return NULL;
	}
	return tx;
}

/* "organisation" or "person", for summaries. */
static const char *edit_stakeholder_kind(const char *kind)
{
	return kind && *kind ? kind : "stakeholder";
}

int edit_stakeholder_add(struct jaw_db *db, const char *analyst, struct stakeholder *s,
                         jaw_err *err)
{
	struct journal_tx *tx = edit_stakeholder_begin(db, analyst, "stakeholder-add", 0, err);
	if (!tx)
		return JAW_FAIL;
	int rc = model_stakeholder_add(db, s, err);
	if (rc == JAW_OK)
		rc = journal_touch_added(tx, JOURNAL_STAKEHOLDER, s->id, err);
	return journal_finish(tx, rc, xasprintf("added %s “%s”", edit_stakeholder_kind(s->kind),
	                                     s->name ? s->name : ""), err);
}

int edit_stakeholder_update(struct jaw_db *db, const char *analyst, struct stakeholder *s,
                            jaw_err *err)
{
	struct journal_tx *tx = edit_stakeholder_begin(db, analyst, "stakeholder-edit", s->id, err);
	if (!tx)
		return JAW_FAIL;
	int rc = model_stakeholder_update(db, s, err);
	return journal_finish(tx, rc, xasprintf("edited %s “%s”", edit_stakeholder_kind(s->kind),
	                                     s->name ? s->name : ""), err);
}

int edit_stakeholder_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err)
{
	struct journal_tx *tx = edit_stakeholder_begin(db, analyst, "stakeholder-delete", id, err);
	if (!tx)
		return JAW_FAIL;
	struct stakeholder *s = model_stakeholder_get_new(db, id, err);
	int rc = s ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_SOURCE,
		                        "SELECT id FROM source WHERE stakeholder_id = ?1", id, err);
	if (rc == JAW_OK)
		rc = model_stakeholder_delete(db, id, err);
	rc = journal_finish(tx, rc, s ? xasprintf("deleted %s “%s”", edit_stakeholder_kind(s->kind),
	                                       s->name) : NULL, err);
	model_stakeholder_free(s);
	return rc;
}

/* ---- sources -------------------------------------------------------------------- */

int edit_source_add(struct jaw_db *db, const char *analyst, struct source *src, jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "source-add", err);
	if (!tx)
		return JAW_FAIL;
	int rc = model_source_add(db, src, err);
	if (rc == JAW_OK)
		rc = journal_touch_added(tx, JOURNAL_SOURCE, src->id, err);
	return journal_finish(tx, rc, xasprintf("added source “%s”", src->title ? src->title : ""),
	                   err);
}

int edit_source_update_meta(struct jaw_db *db, const char *analyst, const struct source *src,
                            jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "source-edit", err);
	if (!tx)
		return JAW_FAIL;
	int rc = journal_touch(tx, JOURNAL_SOURCE, src->id, err);
	if (rc == JAW_OK)
		rc = model_source_update_meta(db, src, err);
	return journal_finish(tx, rc, xasprintf("edited source “%s”", src->title ? src->title : ""),
	                   err);
}

int edit_source_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err)
{
	static const char evidence[] =
		"SELECT id FROM finding_evidence WHERE source_id = ?1"
		" UNION SELECT e.id FROM finding_evidence e JOIN coding c ON c.id = e.coding_id"
		" WHERE c.source_id = ?1";
	static const char codings[] = "SELECT id FROM coding WHERE source_id = ?1";
	struct journal_tx *tx = journal_begin(db, analyst, "source-delete", err);
	if (!tx)
		return JAW_FAIL;
	struct source *src = model_source_get_new(db, id, err);
	int rc = src ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_EVIDENCE, evidence, id, err);
	size_t before = journal_touched(tx);
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_CODING, codings, id, err);
	size_t ncodings = journal_touched(tx) - before;
	if (rc == JAW_OK)
		rc = journal_touch(tx, JOURNAL_SOURCE, id, err);
	if (rc == JAW_OK)
		rc = model_source_delete(db, id, err);
	char *summary = !src ? NULL
	                : ncodings ? xasprintf("deleted source “%s” with its %zu coding%s", src->title,
	                                       ncodings, ncodings == 1 ? "" : "s")
	                           : xasprintf("deleted source “%s”", src->title);
	rc = journal_finish(tx, rc, summary, err);
	model_source_free(src);
	return rc;
}
