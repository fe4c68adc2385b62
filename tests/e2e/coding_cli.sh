#!/bin/sh
# coding_cli.sh - coding from the command line with the real binary:
# import-notes (UTF-8, CR LF, BOM, latin1, refusals, repeats), code, and
# export codings with exactly the expected text and offsets.
# Needs JAW (the binary) and top_srcdir; sqlite3 to look into projects.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=coding
. "$top_srcdir/tests/e2e/cli_lib.sh"

"$JAW" init p.jaw --codebook empty >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }

# ---- import-notes ----------------------------------------------------------

# A UTF-8 note with a BOM, CR LF line ends, a 4-byte character and a
# combining mark; a latin1 note; plain notes.
printf '\357\273\277Interview with Zo\303\253\r\nShe said \360\237\230\200 and e\314\201.\r\n' >bom.txt
printf 'Caf\351 in Bucure\272ti\nold\rmac\r' >latin1.txt
printf 'Seminar day 1\n\nThe LCC liaison officer spoke first.\n' >seminar.txt
printf '\n   Interview two  \nAbout training.\n' >two.txt

check "import-notes: exit 0" expect 0 import-notes p.jaw bom.txt seminar.txt
check "import-notes: one line per source, id and title" out_is "$(printf '1\tInterview with Zo\303\253\n2\tSeminar day 1')"
check "import-notes: nothing on stderr" empty "$err"
check "import-notes: BOM dropped, CR LF made LF" equals "$(printf 'Interview with Zo\303\253\nShe said \360\237\230\200 and e\314\201.')" p.jaw "SELECT text FROM source WHERE id = 1"
check "import-notes: no CR stored" equals 0 p.jaw "SELECT count(*) FROM source WHERE instr(text, char(13)) > 0"
check "import-notes: length in code points" equals 38 p.jaw "SELECT length(text) FROM source WHERE id = 1"
check "import-notes: interview by default, origin file kept" equals "interview|bom.txt" p.jaw "SELECT kind, origin_file FROM source WHERE id = 1"

check "import-notes latin1 without --encoding: exit 1" expect 1 import-notes p.jaw two.txt latin1.txt
check "import-notes latin1 without --encoding: names file and byte" err_line "jaw: latin1.txt: not valid UTF-8 at byte 3 (if it is in another encoding, name it, e.g. --encoding latin1)"
check "import-notes latin1 without --encoding: says nothing was imported" err_line "jaw: nothing imported: 1 of 2 notes refused"
check "import-notes latin1 without --encoding: nothing on stdout" empty "$out"
check "import-notes latin1 without --encoding: stores none of the batch" equals 2 p.jaw "SELECT count(*) FROM source"

check "import-notes --encoding latin1: exit 0" expect 0 import-notes p.jaw latin1.txt --encoding latin1 --kind document --date 2026-12-05
check "import-notes --encoding latin1: prints it" out_is "$(printf '3\tCaf\303\251 in Bucure\302\272ti')"
check "import-notes --encoding latin1: converted, CR made LF" equals "$(printf 'Caf\303\251 in Bucure\302\272ti\nold\nmac')" p.jaw "SELECT text FROM source WHERE id = 3"
check "import-notes --kind --date: stored" equals "document|2026-12-05" p.jaw "SELECT kind, source_date FROM source WHERE id = 3"

check "import-notes again: exit 0" expect 0 import-notes p.jaw seminar.txt two.txt
check "import-notes again: only the new note printed" out_is "$(printf '4\tInterview two')"
check "import-notes again: the repeat is reported" err_line "jaw: seminar.txt: same text as source 2 (Seminar day 1); not imported again"
check "import-notes again: not stored twice" equals 4 p.jaw "SELECT count(*) FROM source"
cp seminar.txt copy.txt
check "import-notes the same text twice in one batch: exit 0" expect 0 import-notes p.jaw copy.txt
check "import-notes repeat: stdout empty" empty "$out"
check "import-notes repeat: reported" err_line "jaw: copy.txt: same text as source 2 (Seminar day 1); not imported again"

printf 'text\000more\n' >nul.txt
mkdir adir
: >empty.txt
check "import-notes refusals: exit 1" expect 1 import-notes p.jaw nul.txt adir empty.txt missing.txt
check "import-notes NUL: message" err_line "jaw: nul.txt: contains a NUL byte at byte 4: not a text file (if it is UTF-16, say --encoding UTF-16)"
check "import-notes directory: message" err_line "jaw: adir: is a directory, not a note"
check "import-notes empty note: message" err_line "jaw: empty.txt: the note is empty"
check "import-notes missing file: message" err_line "jaw: missing.txt: cannot read: No such file or directory"
check "import-notes refusals: summary" err_line "jaw: nothing imported: 4 of 4 notes refused"
check "import-notes refusals: nothing stored" equals 4 p.jaw "SELECT count(*) FROM source"

check "import-notes with no NOTE: exit 2" expect 2 import-notes p.jaw
check "import-notes with no NOTE: message" err_line "jaw: import-notes: name the project FILE and at least one NOTE"
check "import-notes --kind survey_answer: exit 2" expect 2 import-notes p.jaw two.txt --kind survey_answer
check "import-notes --kind: message" err_line "jaw: import-notes: --kind must be interview, observation or document"
check "import-notes --encoding unknown: exit 2" expect 2 import-notes p.jaw two.txt --encoding klingon
check "import-notes --encoding unknown: message" err_line "jaw: import-notes: --encoding: unknown encoding \"klingon\" (see iconv -l)"
check "import-notes --date bad: exit 2" expect 2 import-notes p.jaw two.txt --date 2026-02-30
check "import-notes --stakeholder unknown: exit 1" expect 1 import-notes p.jaw two.txt --stakeholder Nobody
check "import-notes --stakeholder unknown: message" err_line "jaw: p.jaw: no stakeholder called \"Nobody\""
# names as an analyst types them: case and accents aside, or "#ID" when several share one
"$JAW" init d.jaw --demo >/dev/null 2>&1 || { echo "Bail out! init --demo failed"; exit 1; }
sqlite3 d.jaw "INSERT INTO stakeholder (kind, name, parent_id) SELECT 'organisation', 'Battlegroup Delta', id FROM stakeholder WHERE name = 'Combined CIMIC Centre'"
check "import-notes --stakeholder folded: exit 0" expect 0 import-notes d.jaw two.txt --stakeholder "IOANA CAPRARU"
check "import-notes --stakeholder folded: linked" equals "Ioana Căpraru" d.jaw "SELECT st.name FROM source s JOIN stakeholder st ON st.id = s.stakeholder_id ORDER BY s.id DESC LIMIT 1"
check "import-notes --stakeholder shared: exit 1" expect 1 import-notes d.jaw seminar.txt --stakeholder "Battlegroup Delta"
check "import-notes --stakeholder shared: names them" err_has "2 stakeholders are called \"Battlegroup Delta\": #"
check "import-notes --stakeholder shared: tells them apart" err_has "(organisation in Combined CIMIC Centre"
bd=$(sqlite3 d.jaw "SELECT max(id) FROM stakeholder")
check "import-notes --stakeholder #ID: exit 0" expect 0 import-notes d.jaw seminar.txt --stakeholder "#$bd"
check "import-notes --stakeholder #ID: linked" equals "$bd" d.jaw "SELECT stakeholder_id FROM source ORDER BY id DESC LIMIT 1"
check "import-notes --event #ID missing: exit 1" expect 1 import-notes d.jaw latin1.txt --encoding latin1 --event "#99999"
check "import-notes --event #ID missing: message" err_line "jaw: d.jaw: no timeline item with id 99999"
check "import-notes into a missing project: exit 1" expect 1 import-notes none.jaw two.txt
check "import-notes into a missing project: creates nothing" test ! -e none.jaw

# ---- code ------------------------------------------------------------------

"$JAW" init c.jaw >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
"$JAW" import-notes c.jaw bom.txt >/dev/null 2>&1 || { echo "Bail out! import failed"; exit 1; }
"$JAW" import-notes c.jaw latin1.txt --encoding latin1 >/dev/null 2>&1 || { echo "Bail out! import failed"; exit 1; }
# Source 1 is "Interview with Zo\303\253\nShe said \360\237\230\200 and e\314\201.\n":
# 38 code points; Zo\303\253 is [15, 18), the emoji is 28, e + U+0301 is [34, 36).

check "code: exit 0" expect 0 code c.jaw --source 1 --start 15 --end 18 --code Training --coder ana
check "code: says what it coded" out_is "$(printf 'coding 1: source 1 [15, 18) "Training" by ana: Zo\303\253')"
check "code: nothing on stderr" empty "$err"
check "code: stored in code points" equals "1|15|18|ana" c.jaw "SELECT source_id, start_cp, end_cp, coder FROM coding"
check "code: journaled for undo" equals "coding-apply|apply \"Training\" to source 1 [15, 18)" c.jaw "SELECT action, summary FROM journal WHERE analyst = 'ana'"
check "code across a line end, by path: exit 0" expect 0 code c.jaw --source 1 --start 10 --end 29 --code Cross-cutting/Liaison --coder ana
check "code a 4-byte character and a combining mark: exit 0" expect 0 code c.jaw --source 1 --start 28 --end 37 --code Reporting --coder ben --memo "$(printf 'He said "no",\nthen left')"
check "code: the text is the passage" out_is "$(printf 'coding 3: source 1 [28, 37) "Reporting" by ben: \360\237\230\200 and e\314\201.')"
check "code a base and its combining mark: exit 0" expect 0 code c.jaw --source 1 --start 34 --end 36 --code Training --coder ben
check "code a converted latin1 note: exit 0" expect 0 code c.jaw --source 2 --start 0 --end 4 --code Training --coder ana
check "code: SQLite's substr agrees" equals "$(printf 'Zo\303\253|with Zo\303\253\nShe said \360\237\230\200|\360\237\230\200 and e\314\201.|e\314\201|Caf\303\251')" c.jaw "SELECT group_concat(t, '|') FROM (SELECT substr(s.text, k.start_cp + 1, k.end_cp - k.start_cp) AS t FROM coding k JOIN source s ON s.id = k.source_id ORDER BY k.id)"
check "code without --coder: exit 0" expect 0 code c.jaw --source 1 --start 0 --end 9 --code Leadership
check "code without --coder: the login name" equals "$(id -un)" c.jaw "SELECT coder FROM coding WHERE id = 6"

check "code past the end: exit 1" expect 1 code c.jaw --source 1 --start 30 --end 39 --code Training --coder ana
check "code past the end: message" err_line "jaw: c.jaw: range [30, 39) is outside source 1, whose text has 38 characters"
check "code twice: exit 1" expect 1 code c.jaw --source 1 --start 15 --end 18 --code Training --coder ana
check "code twice: message" err_line "jaw: c.jaw: source 1 [15, 18) is already coded with \"Training\" by ana"
check "code an empty range: exit 1" expect 1 code c.jaw --source 1 --start 5 --end 5 --code Training
check "code an empty range: message" err_line "jaw: c.jaw: range [5, 5): the start must be 0 or more and less than the end"
check "code a missing source: exit 1" expect 1 code c.jaw --source 9 --start 0 --end 1 --code Training
check "code a missing source: message" err_line "jaw: c.jaw: no source with id 9"
check "code an unknown code: exit 1" expect 1 code c.jaw --source 1 --start 0 --end 1 --code Nope
check "code an unknown code: message" err_line "jaw: c.jaw: no code called \"Nope\""
check "code refusals: nothing stored" equals 6 c.jaw "SELECT count(*) FROM coding"
check "code without --code: exit 2" expect 2 code c.jaw --source 1 --start 0 --end 1
check "code without --code: message" err_line "jaw: code: say --source ID --start N --end N --code NAME"
check "code --start x: exit 2" expect 2 code c.jaw --source 1 --start x --end 1 --code Training
check "code --start x: message" err_line "jaw: code: --start and --end must be offsets (numbers from 0)"
check "code --coder with a control character: exit 2" expect 2 code c.jaw --source 1 --start 0 --end 1 --code Training --coder "$(printf 'a\tb')"
check "code on a missing project: exit 1" expect 1 code none.jaw --source 1 --start 0 --end 1 --code Training

# ---- export codings --------------------------------------------------------

sqlite3 c.jaw "UPDATE coding SET created = '2026-12-05T09:30:00Z'"
ecomb=$(printf 'e\314\201') # e and a combining acute accent
printf '%s\n' \
	'source,code,coder,start,end,text,source_title,source_kind,stakeholder,code_path,memo,created,coding,survey,respondent' \
	'1,"Leadership","'"$(id -un)"'",0,9,"Interview","Interview with Zoë","interview","","Cross-cutting/Leadership","","2026-12-05T09:30:00Z",6,"",""' \
	'1,"Liaison","ana",10,29,"with Zoë' \
	'She said 😀","Interview with Zoë","interview","","Cross-cutting/Liaison","","2026-12-05T09:30:00Z",2,"",""' \
	'1,"Training","ana",15,18,"Zoë","Interview with Zoë","interview","","Cross-cutting/Training","","2026-12-05T09:30:00Z",1,"",""' \
	'1,"Reporting","ben",28,37,"😀 and '"$ecomb"'.","Interview with Zoë","interview","","Cross-cutting/Reporting","He said ""no"",' \
	'then left","2026-12-05T09:30:00Z",3,"",""' \
	'1,"Training","ben",34,36,"'"$ecomb"'","Interview with Zoë","interview","","Cross-cutting/Training","","2026-12-05T09:30:00Z",4,"",""' \
	'2,"Training","ana",0,4,"Café","Café in Bucureºti","interview","","Cross-cutting/Training","","2026-12-05T09:30:00Z",5,"",""' \
	>expected.csv

check "export codings: exit 0" expect 0 export codings c.jaw
check "export codings: exactly the expected CSV" same "$out" expected.csv
check "export codings: nothing on stderr" empty "$err"
# to a terminal, the data is shown without its control characters; to a file, exact
sqlite3 c.jaw "UPDATE coding SET memo = 'a' || char(27) || ']0;X' || char(7) || 'b' WHERE id = (SELECT min(id) FROM coding)"
script -qec "'$JAW' export codings c.jaw" /dev/null >tty.out 2>&1
check "export to a terminal: no ESC or BEL" test "$(tr -dc '\033\007' <tty.out | wc -c)" -eq 0
check "export to a terminal: the memo shown with pictures" grep -qF "a␛]0;X␇b" tty.out
check "export to a file: exit 0" expect 0 export codings c.jaw -o exact.csv
check "export to a file: the memo exact" test "$(tr -dc '\033' <exact.csv | wc -c)" -eq 1
sqlite3 c.jaw "UPDATE coding SET memo = '' WHERE id = (SELECT min(id) FROM coding)"
check "export codings -o: exit 0" expect 0 export codings c.jaw -o codings.csv
check "export codings -o: writes the file" same codings.csv expected.csv
check "export codings -o: nothing on stdout" empty "$out"
check "export codings -o: no temporary file left" test "$(ls codings.csv.* 2>/dev/null | wc -l)" -eq 0
check "export codings into a missing directory: exit 1" expect 1 export codings c.jaw -o nodir/x.csv
check "export codings into a missing directory: message" err_line "jaw: nodir/x.csv: cannot write: No such file or directory"
check "export codings of a project with none: header only" expect 0 export codings p.jaw
check "export codings of a project with none: the header" out_is "source,code,coder,start,end,text,source_title,source_kind,stakeholder,code_path,memo,created,coding,survey,respondent"
check "export of an unknown kind: exit 2" expect 2 export pdf c.jaw
check "export of an unknown kind: message" err_line "jaw: export: cannot export \"pdf\" (this jaw exports: codings, codebook, timeline, stakeholders, memos, findings, citations, report, qdc, qdpx)"
check "export with no FILE: exit 2" expect 2 export codings
check "export a missing project: exit 1" expect 1 export codings none.jaw
check "check after coding: exit 0" expect 0 check c.jaw

done_testing
