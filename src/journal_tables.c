/* journal_tables.c - the SQL that reads and writes journaled rows. Each
 * row image is a JSON object of all the row's columns, made by
 * json_object; writing one back takes each column with json_extract, which
 * keeps integers integers and text text. */
#include "config.h"

#include <string.h>

#include "journal_int.h"

#define J(col) "json_extract(?1, '$." col "')"
#define IS(col) " AND " col " IS json_extract(?2, '$." col "')"

static const struct journal_table_def journal_tables[] = {
	[JOURNAL_CODE] = {
		"code", "code",
		"SELECT json_object('id', id, 'parent_id', parent_id, 'name', name,"
		" 'description', description, 'colour', colour, 'quick_key', quick_key,"
		" 'position', position) FROM code WHERE id = ?1",
		"SELECT count(*) FROM code WHERE id = ?1",
		"SELECT count(*) FROM code WHERE id = ?1" IS("parent_id") IS("name")
		IS("description") IS("colour") IS("quick_key") IS("position"),
		"INSERT INTO code (id, parent_id, name, description, colour, quick_key, position)"
		" VALUES (" J("id") ", " J("parent_id") ", " J("name") ", " J("description") ", "
		J("colour") ", " J("quick_key") ", " J("position") ")",
		"UPDATE code SET parent_id = " J("parent_id") ", name = " J("name")
		", description = " J("description") ", colour = " J("colour") ", quick_key = "
		J("quick_key") ", position = " J("position") " WHERE id = ?2",
		"DELETE FROM code WHERE id = ?1",
		"UPDATE code SET quick_key = NULL, name = printf('%c%d', 1, id) WHERE id = ?1",
		"SELECT (SELECT count(*) FROM code WHERE parent_id = ?1)"
		" + (SELECT count(*) FROM coding WHERE code_id = ?1)",
	},
	[JOURNAL_CODING] = {
		"coding", "coding",
		"SELECT json_object('id', id, 'source_id', source_id, 'start_cp', start_cp,"
		" 'end_cp', end_cp, 'code_id', code_id, 'coder', coder, 'created', created,"
		" 'memo', memo) FROM coding WHERE id = ?1",
		"SELECT count(*) FROM coding WHERE id = ?1",
		"SELECT count(*) FROM coding WHERE id = ?1" IS("source_id") IS("start_cp")
		IS("end_cp") IS("code_id") IS("coder") IS("created") IS("memo"),
		"INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder, created, memo)"
		" VALUES (" J("id") ", " J("source_id") ", " J("start_cp") ", " J("end_cp") ", "
		J("code_id") ", " J("coder") ", " J("created") ", " J("memo") ")",
		"UPDATE coding SET source_id = " J("source_id") ", start_cp = " J("start_cp")
		", end_cp = " J("end_cp") ", code_id = " J("code_id") ", coder = " J("coder")
		", created = " J("created") ", memo = " J("memo") " WHERE id = ?2",
		"DELETE FROM coding WHERE id = ?1",
		"UPDATE coding SET coder = printf('%c%d', 1, id) WHERE id = ?1",
		"SELECT count(*) FROM finding_evidence WHERE coding_id = ?1",
	},
	[JOURNAL_EVIDENCE] = {
		"finding_evidence", "finding evidence",
		"SELECT json_object('id', id, 'finding_id', finding_id, 'coding_id', coding_id,"
		" 'source_id', source_id, 'note', note) FROM finding_evidence WHERE id = ?1",
		"SELECT count(*) FROM finding_evidence WHERE id = ?1",
		"SELECT count(*) FROM finding_evidence WHERE id = ?1" IS("finding_id")
		IS("coding_id") IS("source_id") IS("note"),
		"INSERT INTO finding_evidence (id, finding_id, coding_id, source_id, note)"
		" VALUES (" J("id") ", " J("finding_id") ", " J("coding_id") ", " J("source_id")
		", " J("note") ")",
		"UPDATE finding_evidence SET finding_id = " J("finding_id") ", coding_id = "
		J("coding_id") ", source_id = " J("source_id") ", note = " J("note")
		" WHERE id = ?2",
		"DELETE FROM finding_evidence WHERE id = ?1",
		NULL,
		NULL,
	},
};

const struct journal_table_def *journal_table_get(enum journal_table table)
{
	return &journal_tables[table];
}

int journal_table_find(const char *name)
{
	for (size_t i = 0; i < sizeof journal_tables / sizeof *journal_tables; i++)
		if (name && strcmp(journal_tables[i].name, name) == 0)
			return (int)i;
	return -1;
}
