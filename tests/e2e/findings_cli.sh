#!/bin/sh
# findings_cli.sh - jaw export findings and jaw export citations with the
# real binary: the strength of the evidence, citations lost and changed,
# and provenance as attribution allows (no name of a stakeholder who is
# not named, in any export).
# Needs JAW (the binary) and top_srcdir; sqlite3 to write the project.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=findings
. "$top_srcdir/tests/e2e/cli_lib.sh"

"$JAW" init p.jaw >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
# a brigade; its legal adviser quoted by role, a liaison officer not asked
# (a person: anonymous by default), a named officer; an interview of each
sqlite3 p.jaw "
INSERT INTO stakeholder (id, kind, name, parent_id, role, attribution) VALUES
 (1, 'organisation', '3rd Brigade', NULL, '', NULL),
 (2, 'person', 'Col. Anna Jones', 1, 'Brigade legal adviser', 'role'),
 (3, 'person', 'Maj. Bo Smith', 1, 'Liaison officer', NULL),
 (4, 'person', 'Capt. Cy Named', 1, 'Gender adviser', 'named');
INSERT INTO source (id, kind, title, text, source_date, stakeholder_id) VALUES
 (1, 'interview', 'Talk with Col. Anna Jones', 'We train every platoon. Reporting is slow.', '2026-09-15', 2),
 (2, 'interview', 'Talk with Maj. Bo Smith', 'Liaison with the mayor works.', '2026-09-16', 3),
 (3, 'interview', 'Talk with Capt. Cy Named', 'Women are not consulted.', NULL, 4);" ||
	{ echo "Bail out! sqlite3 failed"; exit 1; }
"$JAW" code p.jaw --source 1 --start 0 --end 23 --code Training --coder ana >/dev/null 2>&1 ||
	{ echo "Bail out! code failed"; exit 1; }
# a finding citing the coding, all of the second interview and a stretch of
# the third (rows another tool writes get their snapshot from jaw)
sqlite3 p.jaw "
INSERT INTO finding (id, title, observation, status, owner, position) VALUES
 (1, 'Reporting is slow', 'Obs', 'identified', 'ana', 1), (2, 'Nothing yet', '', 'observation', '', 2);
INSERT INTO finding_area (finding_id, code_id) SELECT 1, id FROM code WHERE name = 'Protection of civilians';
INSERT INTO finding_evidence (finding_id, coding_id) VALUES (1, 1);
INSERT INTO finding_evidence (finding_id, source_id) VALUES (1, 2);
INSERT INTO finding_evidence (finding_id, source_id, start_cp, end_cp, quote, cited_source)
 VALUES (1, 3, 0, 5, 'Women', 3);" || { echo "Bail out! sqlite3 failed"; exit 1; }

check "export findings: exit 0" expect 0 export findings p.jaw
check "export findings: the header" out_line "finding,position,title,status,owner,areas,observation,discussion,conclusion,recommendation,action_body,citations,sources,organisations,stakeholders,respondents,changed,lost,evidence,created,updated"
check "export findings: a row per finding" test "$(grep -c '^[0-9]' "$out")" -eq 2
check "export findings: status, owner, areas, strength, evidence" out_has '1,1,"Reporting is slow","identified","ana","Protection of civilians","Obs","","","","",3,3,1,3,0,0,0,"1:1:0-23; 2:2:0-29; 3:3:0-5"'
check "export findings: a finding without evidence" out_has '2,2,"Nothing yet","observation","","","","","","","",0,0,0,0,0,0,0,""'

check "export citations: exit 0" expect 0 export citations p.jaw -o citations.csv
check "export citations: by role" grep -qF '"ok","a brigade legal adviser (interview, 2026-09-15)","We train every platoon.","Cross-cutting/Training"' citations.csv
check "export citations: anonymous" grep -qF '"ok","an interviewee (interview, 2026-09-16)","Liaison with the mayor works."' citations.csv
check "export citations: named" grep -qF '"ok","Capt. Cy Named, Gender adviser (interview)","Women"' citations.csv

# no export names a stakeholder who is not named, nor the title that does
for what in findings citations codings stakeholders memos; do
	"$JAW" export $what p.jaw -o $what.csv >/dev/null 2>&1
	check "export $what: no name of a stakeholder not named" test "$(grep -c 'Jones\|Smith' $what.csv)" -eq 0
done
check "export stakeholders: the named one by name" grep -qF '4,"person","Capt. Cy Named","3rd Brigade","Gender adviser"' stakeholders.csv
check "export stakeholders: by role, without organisation or contact" grep -qF '2,"person","a brigade legal adviser","","Brigade legal adviser"' stakeholders.csv
check "export codings: the source by role" grep -qF '"We train every platoon.","a brigade legal adviser","interview","a brigade legal adviser"' codings.csv

# the coding deleted (as jaw deletes, foreign keys on), the third interview rewritten
sqlite3 p.jaw "PRAGMA foreign_keys = ON; DELETE FROM coding WHERE id = 1;
UPDATE source SET text = 'Men are consulted.' WHERE id = 3;"
check "export citations after: exit 0" expect 0 export citations p.jaw
check "export citations: the deleted coding's citation is lost, quote kept" out_has '"lost","a brigade legal adviser (interview, 2026-09-15)","We train every platoon."'
check "export citations: the rewritten stretch is changed" out_has '"changed","Capt. Cy Named, Gender adviser (interview)","Women"'
check "export findings after: counts them" expect 0 export findings p.jaw
check "export findings: one changed, one lost, two sources left" out_has '"Obs","","","","",3,2,1,2,0,1,1,"1:1:0-23; 2:2:0-29; 3:3:0-5"'
sqlite3 p.jaw "PRAGMA foreign_keys = ON; DELETE FROM source WHERE id = 2;"
check "export citations: a deleted source is not named" expect 0 export citations p.jaw
check "export citations: a deleted source" out_has '"lost","a deleted source (interview)","Liaison with the mayor works."'

check "export findings --excel: exit 0" expect 0 export findings p.jaw --excel -o excel.csv
check "export findings --excel: byte order mark" test "$(head -c 3 excel.csv | od -An -tx1 | tr -d ' ')" = efbbbf
check "export findings --excel: CR LF" test "$(head -n 1 excel.csv | od -An -c | grep -c '\\r')" -eq 1

# the demo: at least three findings, every citation still good
"$JAW" init demo.jaw --demo >/dev/null 2>&1 || { echo "Bail out! init --demo failed"; exit 1; }
check "demo: export findings" expect 0 export findings demo.jaw
check "demo: three findings or more" test "$(grep -c '^[0-9]*,[0-9]*,"' "$out")" -ge 3
check "demo: export citations" expect 0 export citations demo.jaw
check "demo: no citation changed or lost" test "$(grep -c '"changed"\|"lost"' "$out")" -eq 0
check "demo: the interpreter is anonymous" out_has '"an interviewee (interview, 2026-11-05)"'
check "demo: no name of her anywhere" test "$(grep -c 'Haddad' "$out")" -eq 0

done_testing
