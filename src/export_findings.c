/* export_findings.c - findings and their citations as CSV, each one query. */
#include "config.h"

#include "attrib.h"
#include "export.h"
#include "finding_int.h"
#include "model.h"

/* One row per finding in the findings' order, with its areas, the
 * strength of its evidence and the citations that trace it
 * ("CITATION:SOURCE:START-END", the source 0 once deleted). */
static const struct export_table export_findings_table = {
	"finding,position,title,status,owner,areas,observation,discussion,conclusion,"
	"recommendation,action_body,citations,sources,organisations,stakeholders,respondents,"
	"changed,lost,evidence,created,updated",
	"SELECT f.id, f.position, f.title, f.status, f.owner,"
	" coalesce((SELECT group_concat(name, '; ') FROM (SELECT c.name FROM finding_area a"
	" JOIN code c ON c.id = a.code_id WHERE a.finding_id = f.id ORDER BY c.position, c.id)),"
	" ''), f.observation, f.discussion, f.conclusion, f.recommendation, f.action_body,"
	" coalesce(g.citations, 0), coalesce(g.sources, 0), coalesce(g.organisations, 0),"
	" coalesce(g.stakeholders, 0), coalesce(g.respondents, 0), coalesce(g.changed, 0),"
	" coalesce(g.lost, 0), coalesce((SELECT group_concat(ref, '; ') FROM (SELECT e.id || ':'"
	" || coalesce(e.source_id, 0) || ':' || e.start_cp || '-' || e.end_cp AS ref"
	" FROM finding_evidence e WHERE e.finding_id = f.id ORDER BY e.position, e.id)), ''),"
	" f.created, f.updated FROM finding f LEFT JOIN (" FINDING_STRENGTH_SQL
	" GROUP BY e.finding_id) g ON g.finding_id = f.id ORDER BY f.position, f.id",
};

/* One row per citation, by finding then in the order cited; provenance
 * as attribution allows, and no source title (it may name people). */
static const struct export_table export_citations_table = {
	"citation,finding,finding_title,state,provenance,quote,code,note,source,coding,start,end,"
	"source_kind,cited_by,cited",
	"SELECT e.id, e.finding_id, f.title, CASE " CITATION_STATE_SQL " WHEN 0 THEN 'ok'"
	" WHEN 1 THEN 'changed' ELSE 'lost' END, " ATTRIB_CITATION_SQL ", e.quote, e.code,"
	" e.note, e.source_id, e.coding_id, e.start_cp, e.end_cp, e.source_kind, e.cited_by,"
	" e.cited FROM finding_evidence e JOIN finding f ON f.id = e.finding_id"
	" LEFT JOIN source s ON s.id = e.source_id"
	" ORDER BY f.position, f.id, e.position, e.id",
};

static int export_findings_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                                 void **state, jaw_err *err)
{
	return export_table_begin(db, out, opt, &export_findings_table, state, err);
}

static int export_citations_begin(struct jaw_db *db, FILE *out,
                                  const struct export_options *opt, void **state, jaw_err *err)
{
	return export_table_begin(db, out, opt, &export_citations_table, state, err);
}

const struct exporter exporter_findings = {
	"findings", "the findings in order as CSV: ODCR, status, owner, areas, the strength of"
	" their evidence and the citations behind them", EXPORT_CSV,
	export_findings_begin, export_table_row, export_table_end,
};

const struct exporter exporter_citations = {
	"citations", "every citation of evidence for a finding as CSV, with its quote, state"
	" (ok, changed, lost) and provenance as attribution allows", EXPORT_CSV,
	export_citations_begin, export_table_row, export_table_end,
};
