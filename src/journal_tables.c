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
		" 'position', position, 'guid', guid) FROM code WHERE id = ?1",
		"SELECT count(*) FROM code WHERE id = ?1",
		/* images written before schema 5 have no guid: it is then not compared */
		"SELECT count(*) FROM code WHERE id = ?1" IS("parent_id") IS("name")
		IS("description") IS("colour") IS("quick_key") IS("position")
		" AND guid IS coalesce(json_extract(?2, '$.guid'), guid)",
		"INSERT INTO code (id, parent_id, name, description, colour, quick_key, position, guid)"
		" VALUES (" J("id") ", " J("parent_id") ", " J("name") ", " J("description") ", "
		J("colour") ", " J("quick_key") ", " J("position") ", " J("guid") ")",
		"UPDATE code SET parent_id = " J("parent_id") ", name = " J("name")
		", description = " J("description") ", colour = " J("colour") ", quick_key = "
		J("quick_key") ", position = " J("position") ", guid = coalesce(" J("guid")
		", guid) WHERE id = ?2",
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
	[JOURNAL_TIMELINE_ITEM] = {
		"timeline_item", "timeline item",
		"SELECT json_object('id', id, 'kind', kind, 'title', title, 'start_date', start_date,"
		" 'end_date', end_date, 'location', location, 'status', status, 'notes', notes)"
		" FROM timeline_item WHERE id = ?1",
		"SELECT count(*) FROM timeline_item WHERE id = ?1",
		"SELECT count(*) FROM timeline_item WHERE id = ?1" IS("kind") IS("title")
		IS("start_date") IS("end_date") IS("location") IS("status") IS("notes"),
		"INSERT INTO timeline_item (id, kind, title, start_date, end_date, location, status,"
		" notes) VALUES (" J("id") ", " J("kind") ", " J("title") ", " J("start_date") ", "
		J("end_date") ", " J("location") ", " J("status") ", " J("notes") ")",
		"UPDATE timeline_item SET kind = " J("kind") ", title = " J("title") ", start_date = "
		J("start_date") ", end_date = " J("end_date") ", location = " J("location")
		", status = " J("status") ", notes = " J("notes") " WHERE id = ?2",
		"DELETE FROM timeline_item WHERE id = ?1",
		NULL,
		"SELECT count(*) FROM source WHERE timeline_item_id = ?1",
	},
	[JOURNAL_STAKEHOLDER] = {
		"stakeholder", "stakeholder",
		"SELECT json_object('id', id, 'kind', kind, 'name', name, 'parent_id', parent_id,"
		" 'role', role, 'power', power, 'interest', interest, 'attitude', attitude,"
		" 'contact', contact, 'notes', notes, 'sort_key', sort_key)"
		" FROM stakeholder WHERE id = ?1",
		"SELECT count(*) FROM stakeholder WHERE id = ?1",
		"SELECT count(*) FROM stakeholder WHERE id = ?1" IS("kind") IS("name") IS("parent_id")
		IS("role") IS("power") IS("interest") IS("attitude") IS("contact") IS("notes")
		IS("sort_key"),
		"INSERT INTO stakeholder (id, kind, name, parent_id, role, power, interest, attitude,"
		" contact, notes, sort_key) VALUES (" J("id") ", " J("kind") ", " J("name") ", "
		J("parent_id") ", " J("role") ", " J("power") ", " J("interest") ", " J("attitude")
		", " J("contact") ", " J("notes") ", " J("sort_key") ")",
		"UPDATE stakeholder SET kind = " J("kind") ", name = " J("name") ", parent_id = "
		J("parent_id") ", role = " J("role") ", power = " J("power") ", interest = "
		J("interest") ", attitude = " J("attitude") ", contact = " J("contact") ", notes = "
		J("notes") ", sort_key = " J("sort_key") " WHERE id = ?2",
		"DELETE FROM stakeholder WHERE id = ?1",
		NULL,
		"SELECT (SELECT count(*) FROM stakeholder WHERE parent_id = ?1)"
		" + (SELECT count(*) FROM source WHERE stakeholder_id = ?1)",
	},
	[JOURNAL_SOURCE] = {
		"source", "source",
		"SELECT json_object('id', id, 'kind', kind, 'title', title, 'text', text,"
		" 'source_date', source_date, 'stakeholder_id', stakeholder_id, 'timeline_item_id',"
		" timeline_item_id, 'respondent_id', respondent_id, 'column_id', column_id,"
		" 'origin_file', origin_file, 'content_hash', content_hash, 'created', created)"
		" FROM source WHERE id = ?1",
		"SELECT count(*) FROM source WHERE id = ?1",
		"SELECT count(*) FROM source WHERE id = ?1" IS("kind") IS("title") IS("text")
		IS("source_date") IS("stakeholder_id") IS("timeline_item_id") IS("respondent_id")
		IS("column_id") IS("origin_file") IS("content_hash") IS("created"),
		"INSERT INTO source (id, kind, title, text, source_date, stakeholder_id,"
		" timeline_item_id, respondent_id, column_id, origin_file, content_hash, created)"
		" VALUES (" J("id") ", " J("kind") ", " J("title") ", " J("text") ", "
		J("source_date") ", " J("stakeholder_id") ", " J("timeline_item_id") ", "
		J("respondent_id") ", " J("column_id") ", " J("origin_file") ", " J("content_hash")
		", " J("created") ")",
		"UPDATE source SET kind = " J("kind") ", title = " J("title") ", text = " J("text")
		", source_date = " J("source_date") ", stakeholder_id = " J("stakeholder_id")
		", timeline_item_id = " J("timeline_item_id") ", respondent_id = " J("respondent_id")
		", column_id = " J("column_id") ", origin_file = " J("origin_file")
		", content_hash = " J("content_hash") ", created = " J("created") " WHERE id = ?2",
		"DELETE FROM source WHERE id = ?1",
		NULL,
		"SELECT (SELECT count(*) FROM coding WHERE source_id = ?1)"
		" + (SELECT count(*) FROM finding_evidence WHERE source_id = ?1)",
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
