/* memo_find.c - finding memos: the memos view's search and the position
 * of one memo in its list, read a page at a time through memo_page, and
 * the marks other lists show on records that have a memo. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "memo.h"
#include "search.h"
#include "xalloc.h"

/* Rows read at a time while scanning the list. */
enum { MEMO_FIND_PAGE = 128 };

/* True if one of memo m's texts contains text. */
static bool memo_matches(const struct memo *m, const char *text)
{
	const char *fields[] = {m->target, m->target_kind, m->title, m->text, m->author};
	size_t len = strlen(text);
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (fields[i] && search_has(fields[i], strlen(fields[i]), text, len))
			return true;
	return false;
}

/* What a scan of the list looks for. */
struct memo_probe {
	const char *text;            /* a search: the text */
	int64_t id, coding_id;       /* or one memo */
};

static bool memo_probe_hits(const struct memo_probe *p, const struct memo *m)
{
	if (p->text)
		return memo_matches(m, p->text);
	if (p->id)
		return m->id == p->id;
	return m->id == 0 && m->target_id == p->coding_id;
}

/* Scans positions [lo, hi) of the list, forward or backward, for the first
 * row p hits: its position, -1 if none, -2 on error. */
static int64_t memo_scan(struct jaw_db *db, const struct memo_filter *filter,
                         const struct memo_probe *p, int64_t lo, int64_t hi,
                         enum model_dir dir, jaw_err *err)
{
	struct memo rows[MEMO_FIND_PAGE];
	int64_t found = -1;
	for (int64_t done = 0; done < hi - lo && found == -1;) {
		int64_t left = hi - lo - done;
		int want = left < MEMO_FIND_PAGE ? (int)left : MEMO_FIND_PAGE;
		int64_t offset = dir == MODEL_FORWARD ? lo + done : hi - done - want;
		memset(rows, 0, sizeof rows);
		int n = memo_page(db, filter, offset, want, rows, err);
		if (n < 0)
			return -2;
		for (int k = 0; k < n && found == -1; k++) {
			int i = dir == MODEL_FORWARD ? k : n - 1 - k;
			if (memo_probe_hits(p, &rows[i]))
				found = offset + i;
		}
		for (int i = 0; i < n; i++)
			memo_clear(&rows[i]);
		if (n < want)
			break;
		done += want;
	}
	return found;
}

int64_t memo_search(struct jaw_db *db, const struct memo_filter *filter, const char *text,
                    int64_t from, enum model_dir dir, jaw_err *err)
{
	int64_t count = memo_count(db, filter, err);
	if (count < 0)
		return -2;
	if (count == 0 || !text || !*text)
		return -1;
	from = from < -1 ? -1 : from > count ? count : from;
	struct memo_probe p = {.text = text};
	/* after the cursor to the end, then round from the start; the
	 * cursor's own row last */
	int64_t pos = dir == MODEL_FORWARD ? memo_scan(db, filter, &p, from + 1, count, dir, err)
	                                   : memo_scan(db, filter, &p, 0, from, dir, err);
	if (pos != -1)
		return pos;
	return dir == MODEL_FORWARD ? memo_scan(db, filter, &p, 0, from + 1 < count ? from + 1 : count,
	                                        dir, err)
	                            : memo_scan(db, filter, &p, from > 0 ? from : 0, count, dir, err);
}

int64_t memo_position_of(struct jaw_db *db, const struct memo_filter *filter, int64_t id,
                         int64_t coding_id, jaw_err *err)
{
	int64_t count = memo_count(db, filter, err);
	if (count < 0)
		return -2;
	struct memo_probe p = {.id = id, .coding_id = coding_id};
	return memo_scan(db, filter, &p, 0, count, MODEL_FORWARD, err);
}

int memo_marks(struct jaw_db *db, const char *target_kind, const int64_t *ids, int n, bool *has,
               jaw_err *err)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM memo WHERE target_kind = ?1"
	                          " AND target_id = ?2)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	for (int i = 0; i < n; i++) {
		db_bind_text(s, 1, target_kind, false);
		sqlite3_bind_int64(s, 2, ids[i]);
		int64_t v = 0;
		if (db_step_int64(db, s, &v, err) != JAW_OK)
			return JAW_FAIL;
		has[i] = v != 0;
	}
	return JAW_OK;
}
