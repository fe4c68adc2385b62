#!/bin/sh
# refi_cli.sh - exports and interchange from the command line with the real
# binary: the CSV exports (codebook, timeline, stakeholders, memos, --excel),
# and REFI-QDA codebooks and projects.
# Needs JAW (the binary) and top_srcdir; sqlite3 to look into projects.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=refi
. "$top_srcdir/tests/e2e/cli_lib.sh"

"$JAW" init demo.jaw --demo >/dev/null 2>&1 || { echo "Bail out! init --demo failed"; exit 1; }

# ---- CSV exports -------------------------------------------------------------

# rows: the number of CSV records in FILE (a field may hold line breaks).
rows() { csvrows=$(awk 'BEGIN { RS = "\n"; q = 0; n = 0 }
	{ q += gsub(/"/, "&"); if (q % 2 == 0) n++ } END { print n }' "$1"); echo "$csvrows"; }

# a coding of a survey answer
answer=$(sqlite3 demo.jaw "SELECT min(id) FROM source WHERE kind = 'survey_answer'")
"$JAW" code demo.jaw --source "$answer" --start 0 --end 3 --code Training --coder ana >/dev/null 2>&1 ||
	{ echo "Bail out! coding a survey answer failed"; exit 1; }
respondent=$(sqlite3 demo.jaw "SELECT external_id FROM respondent r JOIN source s ON s.respondent_id = r.id WHERE s.id = $answer")
nation=$(sqlite3 demo.jaw "SELECT json_extract(r.answers, '\$[' || (c.position - 1) || ']') FROM source s JOIN respondent r ON r.id = s.respondent_id JOIN survey_column c ON c.survey_id = r.survey_id AND c.label = 'Nation' WHERE s.id = $answer")

for what in codebook timeline stakeholders memos codings; do
	check "export $what: exit 0" expect 0 export $what demo.jaw -o $what.csv
	check "export $what: nothing on stdout or stderr" test ! -s "$out" -a ! -s "$err"
done
check "export codebook: the header" test "$(head -n 1 codebook.csv)" = "code,path,name,parent,colour,quick_key,description,codings,guid"
check "export codebook: a row per code" test "$(rows codebook.csv)" -eq "$(($(sqlite3 demo.jaw 'SELECT count(*) FROM code') + 1))"
check "export codebook: a child's path" grep -q '"Protection of civilians/Civilian harm mitigation","Civilian harm mitigation","Protection of civilians"' codebook.csv
check "export timeline: the header" test "$(head -n 1 timeline.csv)" = "item,kind,title,start,end,location,status,notes,sources"
check "export timeline: a row per item" test "$(rows timeline.csv)" -eq "$(($(sqlite3 demo.jaw 'SELECT count(*) FROM timeline_item') + 1))"
check "export stakeholders: the header" test "$(head -n 1 stakeholders.csv)" = "stakeholder,kind,name,organisation,role,power,interest,attitude,contact,notes,sources,attribution"
check "export stakeholders: a row per stakeholder" test "$(rows stakeholders.csv)" -eq "$(($(sqlite3 demo.jaw 'SELECT count(*) FROM stakeholder') + 1))"
check "export memos: the header" test "$(head -n 1 memos.csv)" = "memo,target_kind,target_id,target,title,text,author,created,updated"
check "export memos: a row per memo on a coding" test "$(rows memos.csv)" -eq "$(($(sqlite3 demo.jaw "SELECT count(*) FROM coding WHERE memo <> ''") + $(sqlite3 demo.jaw 'SELECT count(*) FROM memo') + 1))"
check "export codings: attribute columns in the header" grep -q '^source,.*,survey,respondent,.*"attribute:Nation"' codings.csv
check "export codings: a survey answer's coding carries the respondent" grep -q "\"survey_answer\",.*,\"$respondent\",.*\"$nation\"" codings.csv
check "export codings: no BOM, no CR" test "$(head -c 3 codings.csv)" = "sou" -a "$(tr -dc '\r' <codings.csv | wc -c)" -eq 0

check "export timeline --excel: exit 0" expect 0 export timeline demo.jaw --excel -o excel.csv
check "export timeline --excel: a byte order mark first" test "$(head -c 3 excel.csv | od -An -tx1 | tr -d ' ')" = efbbbf
check "export timeline --excel: every row ends in CR LF" test "$(grep -c "$(printf '\r')\$" excel.csv)" -eq "$(rows excel.csv)"
check "export timeline --excel: otherwise the same" test "$(tail -c +4 excel.csv | tr -d '\r')" = "$(tr -d '\r' <timeline.csv)"
check "export codings --excel to stdout: exit 0" expect 0 export codings demo.jaw --excel
check "export codings --excel to stdout: the BOM" test "$(head -c 3 "$out" | od -An -tx1 | tr -d ' ')" = efbbbf

# ---- REFI-QDA codebook -------------------------------------------------------

# the schemas, where they are (CI has them beside the project)
schemas=""
for d in "$top_srcdir/../shared/refi-qda" /work/shared/refi-qda; do
	[ -f "$d/Codebook.xsd" ] && { schemas=$d; break; }
done
# valid SCHEMA FILE: xmllint finds FILE valid against SCHEMA.xsd (true when
# xmllint or the schemas are absent: said as a diagnostic).
valid() {
	if [ -z "$schemas" ] || ! command -v xmllint >/dev/null 2>&1; then
		diag "not validated: no xmllint or no REFI-QDA schemas"
		return 0
	fi
	xmllint --noout --schema "$schemas/$1.xsd" "$2" 2>xmllint.err && return 0
	diag "$(cat xmllint.err)"
	return 1
}

check "export qdc: exit 0" expect 0 export qdc demo.jaw -o demo.qdc
check "export qdc: nothing on stdout or stderr" test ! -s "$out" -a ! -s "$err"
check "export qdc: valid against Codebook.xsd" valid Codebook demo.qdc
check "export qdc: a code per code" test "$(grep -c '<Code ' demo.qdc)" -eq "$(sqlite3 demo.jaw 'SELECT count(*) FROM code')"
check "export qdc: the GUIDs of the project" test "$(grep -o 'guid="[^"]*"' demo.qdc | sort | tr -d '\n')" = "$(sqlite3 demo.jaw "SELECT 'guid=\"' || guid || '\"' FROM code ORDER BY 1" | tr -d '\n')"
check "export qdc --excel: exit 2" expect 2 export qdc demo.jaw --excel
check "export qdc --excel: message" err_line "jaw: export: --excel is for CSV exports, not for qdc"
"$JAW" init empty.jaw --codebook empty >/dev/null 2>&1
check "export qdc of an empty codebook: exit 1" expect 1 export qdc empty.jaw -o none.qdc
check "export qdc of an empty codebook: message" err_line "jaw: the codebook has no codes, and a REFI-QDA codebook holds at least one"
check "export qdc of an empty codebook: no file" absent none.qdc

check "import-qdc: exit 0" expect 0 import-qdc empty.jaw demo.qdc --coder ana
check "import-qdc: says what it did" out_is "$(sqlite3 demo.jaw 'SELECT count(*) FROM code') codes added, 0 already in the project"
check "import-qdc: one journal entry, ana's" equals "ana|codebook-import" empty.jaw "SELECT analyst, action FROM journal"
check "export qdc of the imported codebook: exit 0" expect 0 export qdc empty.jaw -o again.qdc
check "export qdc of the imported codebook: the same file" same again.qdc demo.qdc
tree="WITH RECURSIVE t(id, path) AS (SELECT id, name FROM code WHERE parent_id IS NULL UNION ALL SELECT c.id, t.path || '/' || c.name FROM code c JOIN t ON c.parent_id = t.id) SELECT t.path, c.guid, c.colour, c.description FROM t JOIN code c USING (id) ORDER BY t.path"
check "import-qdc: the same codebook (paths, GUIDs, colours, descriptions)" test "$(sqlite3 empty.jaw "$tree")" = "$(sqlite3 demo.jaw "$tree")"
check "import-qdc again: exit 0" expect 0 import-qdc empty.jaw demo.qdc
check "import-qdc again: adds nothing" out_is "0 codes added, $(sqlite3 demo.jaw 'SELECT count(*) FROM code') already in the project"

printf '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\r\n<Codes>\r\n<Code guid="a1b2c3d4-0000-4000-8000-000000000001" name="New" isCodable="true">\r\n</Codes>\r\n' >bad.qdc
check "import-qdc of malformed XML: exit 1" expect 1 import-qdc empty.jaw bad.qdc
check "import-qdc of malformed XML: line and column" err_line "jaw: bad.qdc line 4, column 3: mismatched tag"
check "import-qdc of malformed XML: nothing imported" err_line "jaw: nothing imported"
check "import-qdc of malformed XML: no code added" equals 0 empty.jaw "SELECT count(*) FROM code WHERE name = 'New'"
check "import-qdc of a missing file: exit 1" expect 1 import-qdc empty.jaw none.qdc
check "import-qdc of a missing file: message" err_line "jaw: none.qdc: cannot read: No such file or directory"
check "import-qdc with one word: exit 2" expect 2 import-qdc empty.jaw
check "import-qdc with a bad coder: exit 2" expect 2 import-qdc empty.jaw demo.qdc --coder "$(printf 'a\tb')"

# ---- REFI-QDA project --------------------------------------------------------

check "export qdpx: exit 0" expect 0 export qdpx demo.jaw -o demo.qdpx
check "export qdpx: nothing on stdout or stderr" test ! -s "$out" -a ! -s "$err"
check "export qdpx: a zip with project.qde and a text per source" test "$(unzip -Z1 demo.qdpx | grep -c '^Sources/.*\.txt$')" -eq "$(sqlite3 demo.jaw 'SELECT count(*) FROM source')" -a "$(unzip -Z1 demo.qdpx | grep -c '^project.qde$')" -eq 1
unzip -p demo.qdpx project.qde >project.qde 2>/dev/null
check "export qdpx: project.qde valid against Project-mrt2019.xsd" valid Project-mrt2019 project.qde
check "export qdpx: a case per respondent" test "$(grep -c '<Case ' project.qde)" -eq "$(sqlite3 demo.jaw 'SELECT count(*) FROM respondent')"
check "export qdpx to a terminal: refused" sh -c "script -qec '\"$JAW\" export qdpx demo.jaw' /dev/null | grep -q 'it is a zip file, not for a terminal'"
"$JAW" init back.jaw --codebook empty >/dev/null 2>&1
check "import-qdpx: exit 0" expect 0 import-qdpx back.jaw demo.qdpx
check "import-qdpx: says what it did" out_line "$(sqlite3 demo.jaw 'SELECT count(*) FROM coding') codings added, 0 already in the project"
coded="SELECT c.name || '|' || k.coder || '|' || substr(s.text, k.start_cp + 1, k.end_cp - k.start_cp) FROM coding k JOIN source s ON s.id = k.source_id JOIN code c ON c.id = k.code_id ORDER BY 1"
check "import-qdpx: the same coded texts" test "$(sqlite3 back.jaw "$coded")" = "$(sqlite3 demo.jaw "$coded")"
check "import-qdpx: the same texts" test "$(sqlite3 back.jaw 'SELECT text FROM source ORDER BY id' | md5sum)" = "$(sqlite3 demo.jaw 'SELECT text FROM source ORDER BY id' | md5sum)"
check "import-qdpx again: adds no coding" expect 0 import-qdpx back.jaw demo.qdpx
check "import-qdpx again: says so" out_line "0 codings added, $(sqlite3 demo.jaw 'SELECT count(*) FROM coding') already in the project"
check "import-qdpx of a non-zip: exit 1" expect 1 import-qdpx back.jaw demo.qdc
check "import-qdpx of a non-zip: message" err_line "jaw: demo.qdc: cannot open: Not a zip archive"
check "check after the imports: exit 0" expect 0 check back.jaw

corpora=""
for d in "$top_srcdir/../shared/corpora/refi-qda/cproctor-qualitative-coding" /work/shared/corpora/refi-qda/cproctor-qualitative-coding; do
	[ -f "$d/demo.qdpx" ] && { corpora=$d; break; }
done
if [ -n "$corpora" ]; then
	"$JAW" init qc.jaw --codebook empty >/dev/null 2>&1
	check "import-qdpx of qc's project: exit 0" expect 0 import-qdpx qc.jaw "$corpora/demo.qdpx"
	check "import-qdpx of qc's project: every coding" out_line "205 codings added, 0 already in the project"
	check "import-qdpx of NVivo's project: exit 0" expect 0 import-qdpx qc.jaw "$corpora/nvivo_project.qdpx"
	check "import-qdpx of NVivo's project: its blank sources skipped" out_line "2 sources skipped (not text, or blank) with 0 codings"
fi
done_testing
