/* export_tables.c - the exporters that are one query each, as CSV: the
 * codebook, the timeline, the stakeholder register and the memos. */
#include "config.h"

#include "attrib.h"
#include "export.h"
#include "model.h"

static const struct export_table export_codebook_table = {
	"code,path,name,parent,colour,quick_key,description,codings,guid",
	EXPORT_CODE_TREE
	"SELECT c.id, t.path, c.name, coalesce(p.path, ''), c.colour, c.quick_key, c.description,"
	" (SELECT count(*) FROM coding k WHERE k.code_id = c.id), c.guid"
	" FROM paths t JOIN code c ON c.id = t.id LEFT JOIN paths p ON p.id = c.parent_id"
	" ORDER BY t.key",
};

static const struct export_table export_timeline_table = {
	"item,kind,title,start,end,location,status,notes,sources",
	"SELECT i.id, i.kind, i.title, i.start_date, i.end_date, i.location, i.status, i.notes,"
	" (SELECT count(*) FROM source s WHERE s.timeline_item_id = i.id)"
	" FROM timeline_item i ORDER BY i.start_date, i.id",
};

/* Names, organisations, contacts and notes only of stakeholders named
 * (attrib.h); the others by role or anonymously. A named person's
 * organisation is given only if it may be named itself. */
static const struct export_table export_stakeholders_table = {
	"stakeholder,kind,name,organisation,role,power,interest,attitude,contact,notes,sources,"
	"attribution",
	"SELECT id, kind, CASE attribution WHEN 'named' THEN name ELSE label END,"
	" CASE attribution WHEN 'named' THEN organisation ELSE '' END, role, power, interest,"
	" attitude, CASE attribution WHEN 'named' THEN contact ELSE '' END,"
	" CASE attribution WHEN 'named' THEN notes ELSE '' END, sources, attribution FROM ("
	"SELECT s.id, s.kind, s.name, CASE WHEN coalesce(p.attribution, 'named') = 'named'"
	" THEN coalesce(p.name, '') ELSE '' END AS organisation, s.role, s.power,"
	" s.interest, s.attitude, s.contact, s.notes, s.sort_key,"
	" (SELECT count(*) FROM source x WHERE x.stakeholder_id = s.id) AS sources,"
	" " ATTRIB_STAKEHOLDER_SQL("2", "s", "org") " AS attribution,"
	" " ATTRIB_STAKEHOLDER_SQL("0", "s", "org") " AS label"
	" FROM stakeholder s LEFT JOIN stakeholder p ON p.id = s.parent_id"
	" LEFT JOIN stakeholder org ON org.id = s.parent_id AND s.kind = 'person'"
	" AND coalesce(org.attribution, 'named') = 'named') s"
	" ORDER BY s.sort_key IS NULL, s.sort_key, s.id",
};

/* Memos on sources, stakeholders and codings name their target as
 * attribution allows. */
static const struct export_table export_memos_table = {
	"memo,target_kind,target_id,target,title,text,author,created,updated",
	EXPORT_CODE_TREE
	"SELECT * FROM ("
	"SELECT m.id AS memo, m.target_kind, m.target_id, coalesce(CASE m.target_kind"
	" WHEN 'project' THEN (SELECT title FROM project)"
	" WHEN 'source' THEN (SELECT CASE jaw_attrib(2, " ATTRIB_ARGS("s", "st", "org", "r", "sv")
	") WHEN 'named' THEN " MODEL_SOURCE_TITLE("s") " ELSE jaw_attrib(1, "
	ATTRIB_ARGS("s", "st", "org", "r", "sv") ") END FROM source s"
	ATTRIB_JOINS("s", "st", "org", "r", "sv") " WHERE s.id = m.target_id)"
	" WHEN 'code' THEN (SELECT path FROM paths WHERE id = m.target_id)"
	" WHEN 'stakeholder' THEN (SELECT CASE " ATTRIB_STAKEHOLDER_SQL("2", "st", "org")
	" WHEN 'named' THEN st.name ELSE " ATTRIB_STAKEHOLDER_SQL("0", "st", "org") " END"
	" FROM stakeholder st LEFT JOIN stakeholder org ON org.id = st.parent_id"
	" AND st.kind = 'person' WHERE st.id = m.target_id)"
	" WHEN 'timeline_item' THEN (SELECT title FROM timeline_item WHERE id = m.target_id)"
	" WHEN 'finding' THEN (SELECT title FROM finding WHERE id = m.target_id) END, '')"
	" AS target, m.title, m.text, m.author, m.created, m.updated FROM memo m"
	" UNION ALL "
	"SELECT NULL, 'coding', k.id, p.path || ' in ' || CASE jaw_attrib(2, "
	ATTRIB_ARGS("s", "st", "org", "r", "sv") ") WHEN 'named' THEN " MODEL_SOURCE_TITLE("s")
	" ELSE jaw_attrib(1, " ATTRIB_ARGS("s", "st", "org", "r", "sv") ") END, '',"
	" k.memo, k.coder, k.created, k.created"
	" FROM coding k JOIN paths p ON p.id = k.code_id JOIN source s ON s.id = k.source_id"
	ATTRIB_JOINS("s", "st", "org", "r", "sv") " WHERE k.memo <> '')"
	" ORDER BY created, target_kind, target_id, memo",
};

static int export_codebook_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                                 void **state, jaw_err *err)
{
	return export_table_begin(db, out, opt, &export_codebook_table, state, err);
}

static int export_timeline_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                                 void **state, jaw_err *err)
{
	return export_table_begin(db, out, opt, &export_timeline_table, state, err);
}

static int export_stakeholders_begin(struct jaw_db *db, FILE *out,
                                     const struct export_options *opt, void **state,
                                     jaw_err *err)
{
	return export_table_begin(db, out, opt, &export_stakeholders_table, state, err);
}

static int export_memos_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                              void **state, jaw_err *err)
{
	return export_table_begin(db, out, opt, &export_memos_table, state, err);
}

const struct exporter exporter_codebook = {
	"codebook", "the codebook as CSV, each code with its path, colour, description and"
	" number of codings", EXPORT_CSV,
	export_codebook_begin, export_table_row, export_table_end,
};

const struct exporter exporter_timeline = {
	"timeline", "the timeline by date as CSV", EXPORT_CSV,
	export_timeline_begin, export_table_row, export_table_end,
};

const struct exporter exporter_stakeholders = {
	"stakeholders", "the stakeholder register as CSV, in its order", EXPORT_CSV,
	export_stakeholders_begin, export_table_row, export_table_end,
};

const struct exporter exporter_memos = {
	"memos", "every memo (on the project, sources, codes, codings...) by date as CSV",
	EXPORT_CSV, export_memos_begin, export_table_row, export_table_end,
};
