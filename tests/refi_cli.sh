#!/bin/sh
# refi_cli.sh - exports and interchange from the command line with the real
# binary: the CSV exports (codebook, timeline, stakeholders, memos, --excel),
# and REFI-QDA codebooks and projects.
# Needs JAW (the binary) and top_srcdir; sqlite3 to look into projects.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=refi
. "$top_srcdir/tests/cli_lib.sh"

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
check "export codebook: the header" test "$(head -n 1 codebook.csv)" = "code,path,name,parent,colour,quick_key,description,codings"
check "export codebook: a row per code" test "$(rows codebook.csv)" -eq "$(($(sqlite3 demo.jaw 'SELECT count(*) FROM code') + 1))"
check "export codebook: a child's path" grep -q '"Protection of civilians/Civilian harm mitigation","Civilian harm mitigation","Protection of civilians"' codebook.csv
check "export timeline: the header" test "$(head -n 1 timeline.csv)" = "item,kind,title,start,end,location,status,notes,sources"
check "export timeline: a row per item" test "$(rows timeline.csv)" -eq "$(($(sqlite3 demo.jaw 'SELECT count(*) FROM timeline_item') + 1))"
check "export stakeholders: the header" test "$(head -n 1 stakeholders.csv)" = "stakeholder,kind,name,organisation,role,power,interest,attitude,contact,notes,sources"
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
done_testing
