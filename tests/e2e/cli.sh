#!/bin/sh
# cli.sh - the command line of the real binary: help, version, usage errors,
# init, check on sound and broken files, and the interface's refusals.
# Needs JAW (the binary) and top_srcdir; sqlite3 for the file surgery.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=cli
. "$top_srcdir/tests/e2e/cli_lib.sh"

# ---- help, version, usage ---------------------------------------------

check "--help exits 0" expect 0 --help
check "--help mentions init" out_has "init FILE"
check "--help mentions check" out_has "check FILE"
check "--help writes nothing to stderr" empty "$err"
check "-h exits 0" expect 0 -h
check "-h prints the usage" out_has "usage: jaw"
check "--version exits 0" expect 0 --version
check "--version names jaw and its version" out_matches "^jaw [0-9][0-9]*\.[0-9]"
check "-V exits 0" expect 0 -V

check "no arguments: exit 2" expect 2
check "no arguments: message" err_line "jaw: name a project FILE to open, or try: jaw --demo"
check "no arguments: points to --help" err_line "Try 'jaw --help' for more information."
check "no arguments: nothing on stdout" empty "$out"
check "unknown option: exit 2" expect 2 --bogus
check "unknown option: message" err_line "jaw: unknown option --bogus"
check "unknown option: nothing on stdout" empty "$out"
check "a second word after FILE: exit 2" expect 2 a.jaw b.jaw
check "a second word after FILE: message" err_line "jaw: unexpected \"b.jaw\" after a.jaw"
check "an unknown command: exit 2" expect 2 findings study.jaw
check "an unknown command: named" err_line "jaw: unknown command \"findings\"; see jaw --help"
check "an unknown command: nothing on stdout" empty "$out"

# narrow_enough: no line of stdout is wider than 79 columns.
narrow_enough() {
	wide=$(awk 'length > 79' "$out")
	[ -z "$wide" ] && return 0
	diag "lines wider than 79 columns:" "$wide"
	return 1
}

check "--help fits 79 columns" narrow_enough
for cmd in init check import-notes code export import-csv; do
	check "$cmd --help: exit 0" expect 0 $cmd --help
	check "$cmd --help: its usage" out_matches "^usage: jaw $cmd "
	check "$cmd --help: lists -h" out_has "-h, --help"
	check "$cmd --help: fits 79 columns" narrow_enough
	check "$cmd --help: nothing on stderr" empty "$err"
	check "$cmd -h: exit 0" expect 0 $cmd -h
	check "$cmd -h: the same help" out_matches "^usage: jaw $cmd "
	check "jaw --help lists $cmd" expect 0 --help
	check "jaw --help: $cmd's usage" out_has "jaw $cmd "
done
check "init --help: its options" expect 0 init --help
check "init --help: --codebook and its value" out_has "--codebook NAME"
check "init --help: more about an option" out_has "human-security holds 33 codes"
check "import-notes --help: the kinds" expect 0 import-notes --help
check "import-notes --help: the kinds listed" out_has "interview, observation or document"
check "jaw --help: a command's help" expect 0 --help
check "jaw --help: points to COMMAND --help" out_has "jaw COMMAND --help"

check "an unknown option of a command: exit 2" expect 2 init x.jaw --titel T
check "an unknown option of a command: named" err_line "jaw: init: unknown option --titel"
check "an unknown option of a command: points to its help" err_line "Try 'jaw init --help' for more information."
check "an unknown option of a command: no file made" absent x.jaw
check "an unknown short option: named" expect 2 export codings x.jaw -x
check "an unknown short option: message" err_line "jaw: export: unknown option -x"
check "an option's value given with =: named" expect 2 init x.jaw --titel=T
check "an option's value given with =: without it" err_line "jaw: init: unknown option --titel"
check "a flag given a value: exit 2" expect 2 init x.jaw --demo=yes
check "a flag given a value: message" err_line "jaw: init: --demo takes no value"

# ---- init -------------------------------------------------------------

check "init FILE: exit 0" expect 0 init new.jaw
check "init FILE: creates the file" test -f new.jaw
check "init FILE: says what it made" out_has "created new.jaw: 0 timeline items, 0 stakeholders, 0 sources"
check "init FILE: says how to open it" out_line "open it with: jaw new.jaw"
check "init FILE: nothing on stderr" empty "$err"
check "init FILE: title from the file name" equals "new" new.jaw "SELECT title FROM project"
check "init FILE: human-security codebook by default" at_least 25 new.jaw "SELECT count(*) FROM code"
check "init FILE: schema version 11" equals 11 new.jaw "PRAGMA user_version"
check "check on a new project: exit 0" expect 0 check new.jaw
check "check on a new project: says ok" out_line "new.jaw: ok (schema version 11)"
check "check on a new project: nothing on stderr" empty "$err"

cp new.jaw before.jaw
check "init on an existing file: exit 1" expect 1 init new.jaw
check "init on an existing file: message" err_line "jaw: new.jaw: already exists; choose another name"
check "init on an existing file: leaves it as it was" cmp -s new.jaw before.jaw
printf 'my notes\n' >notes.txt
check "init on an existing text file: exit 1" expect 1 init notes.txt
check "init on an existing text file: leaves it alone" file_is notes.txt "my notes"

check "init --codebook nope: exit 2" expect 2 init nocb.jaw --codebook nope
check "init --codebook nope: message" err_line "jaw: no starter codebook called \"nope\" (choose human-security|empty)"
check "init --codebook nope: leaves no file behind" absent nocb.jaw nocb.jaw-wal nocb.jaw-shm nocb.jaw-journal
check "init --title \"\": exit 2" expect 2 init notitle.jaw --title ""
check "init --title \"\": message" err_line "jaw: init: --title must not be empty"
check "init --title \"\": leaves no file behind" absent notitle.jaw
check "init with no FILE: exit 2" expect 2 init
check "init with no FILE: message" err_line "jaw: init: name one new project FILE"
check "init with two FILEs: exit 2" expect 2 init one.jaw two.jaw
check "init with two FILEs: creates neither" absent one.jaw two.jaw
check "init --title without a value: exit 2" expect 2 init x.jaw --title
check "init --title without a value: message" err_line "jaw: init: --title needs a value"
check "init --bogus: exit 2" expect 2 init x.jaw --bogus
check "init --demo --title T: exit 2" expect 2 init x.jaw --demo --title T
check "init: refused options leave no file" absent x.jaw
check "init in a missing directory: exit 1" expect 1 init no/such/dir.jaw
check "init in a missing directory: message" err_has "jaw: no/such/dir.jaw: cannot create: "

check "init --title --codebook empty: exit 0" expect 0 init titled.jaw --title "Protection of civilians study" --codebook empty
check "init --title: the title is stored" equals "Protection of civilians study" titled.jaw "SELECT title FROM project"
check "init --codebook empty: no codes" equals 0 titled.jaw "SELECT count(*) FROM code"
check "check on an empty-codebook project: exit 0" expect 0 check titled.jaw

check "init --demo: exit 0" expect 0 init demo.jaw --demo
check "init --demo: says what it made" out_has "created demo.jaw: "
check "check on the demo: exit 0" expect 0 check demo.jaw
check "check on the demo: says ok" out_line "demo.jaw: ok (schema version 11)"
check "demo: at least 12 timeline items" at_least 12 demo.jaw "SELECT count(*) FROM timeline_item"
check "demo: at least 20 stakeholders" at_least 20 demo.jaw "SELECT count(*) FROM stakeholder"
check "demo: at least 12 sources" at_least 12 demo.jaw "SELECT count(*) FROM source"
check "demo: at least 25 codes" at_least 25 demo.jaw "SELECT count(*) FROM code"
check "demo: organisations and people" at_least 1 demo.jaw "SELECT count(*) FROM stakeholder WHERE kind = 'person' AND parent_id IS NOT NULL"
check "demo: the full-text index finds its sources" at_least 1 demo.jaw "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'civilians'"

# ---- check on files that are not sound projects ------------------------

check "check missing.jaw: exit 1" expect 1 check missing.jaw
check "check missing.jaw: suggests jaw init" err_line "jaw: missing.jaw: no such project; create one with: jaw init missing.jaw"
check "check missing.jaw: creates nothing" absent missing.jaw
check "check a text file: exit 1" expect 1 check notes.txt
check "check a text file: not a jaw project" err_line "jaw: notes.txt: not a jaw project (not an SQLite database)"
: >empty.jaw
check "check an empty file: exit 1" expect 1 check empty.jaw
check "check an empty file: not a jaw project" err_line "jaw: empty.jaw: not a jaw project (an empty file)"
check "check an empty file: leaves it empty" test ! -s empty.jaw

# ---- text for the terminal never carries control characters -------------------
esc_name=$(printf 'f\033]0;X\007x.jaw')
check "an escape in a file name: exit 1" expect 1 check "$esc_name"
check "an escape in a file name: no ESC reaches stderr" test "$(tr -dc '\033\007' <"$err" | wc -c)" -eq 0
check "an escape in a file name: shown as pictures" err_has "f␛]0;X␇x.jaw: no such project"
check "an escape in an unknown command: no ESC" expect 2 "$(printf 'x\033[2J')" f.jaw
check "an escape in an unknown command: shown" err_has "unknown command \"x␛[2J\""
sqlite3 other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
check "check another program's database: exit 1" expect 1 check other.db
check "check another program's database: message" err_line "jaw: other.db: not a jaw project (an SQLite database of another program)"
check "check another program's database: leaves it alone" equals 0 other.db "PRAGMA application_id"
mkdir adir
check "check a directory: exit 1" expect 1 check adir
check "check a directory: message" err_line "jaw: adir: not a jaw project (not a regular file)"

cp new.jaw newer.jaw
sqlite3 newer.jaw "PRAGMA user_version = 99"
check "check a file from a newer jaw: exit 1" expect 1 check newer.jaw
check "check a file from a newer jaw: says so" err_line "jaw: newer.jaw: made by a newer jaw (schema version 99; this jaw reads up to 11): upgrade jaw to open it"
check "check a file from a newer jaw: leaves its version" equals 99 newer.jaw "PRAGMA user_version"

cp demo.jaw broken.jaw
sqlite3 broken.jaw "PRAGMA foreign_keys=OFF; INSERT INTO coding(id,source_id,start_cp,end_cp,code_id,coder) VALUES (999,999,0,1,1,'x')"
check "check a broken foreign key: exit 1" expect 1 check broken.jaw
check "check a broken foreign key: names it" err_line "jaw: broken.jaw: foreign key: coding row 999 refers to a missing row of source"
check "check a broken foreign key: counts the problems" err_line "jaw: broken.jaw: 1 problem found"
check "check a broken foreign key: nothing on stdout" empty "$out"

cp demo.jaw answers.jaw
sqlite3 answers.jaw "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder) SELECT min(id), 0, 1, 1, 'x' FROM source WHERE respondent_id IS NOT NULL"
nation=$(sqlite3 answers.jaw "SELECT value FROM coding_answer_tally WHERE column_id = 2 AND code_id = 1")
check "check an answer's coding: exit 0" expect 0 check answers.jaw
sqlite3 answers.jaw "UPDATE coding_answer_tally SET segments = segments + 1 WHERE column_id = 2 AND code_id = 1"
check "check a survey attribute's count that is off: exit 1" expect 1 check answers.jaw
check "check a survey attribute's count that is off: names it" err_line "jaw: answers.jaw: coding_answer_tally: survey column 2, code 1, value $nation: counts 2 segments in 1 sources of 1 respondents, the codings are 1 in 1 of 1 (jaw(5), CHECKING A PROJECT, says how to count them again)"
check "check a survey attribute's count that is off: counts the problems" err_line "jaw: answers.jaw: 1 problem found"

cp demo.jaw offsets.jaw
sqlite3 offsets.jaw "UPDATE coding SET end_cp = (SELECT length(text) + 1 FROM source WHERE id = coding.source_id) WHERE id = 1"
len=$(sqlite3 offsets.jaw "SELECT s.id || ' ' || k.start_cp || ' ' || length(s.text) FROM coding k JOIN source s ON s.id = k.source_id WHERE k.id = 1")
set -- $len
check "check a coding past its text's end: exit 1" expect 1 check offsets.jaw
check "check a coding past its text's end: names it" err_line "jaw: offsets.jaw: coding 1 of source $1: [$2, $(($3 + 1))) does not fit the source's text of $3 characters"
check "check a coding past its text's end: counts the problems" err_line "jaw: offsets.jaw: 1 problem found"
sqlite3 offsets.jaw "UPDATE coding SET end_cp = $3 WHERE id = 1"
check "check a coding that ends with its text: exit 0" expect 0 check offsets.jaw

check "check with no FILE: exit 2" expect 2 check
check "check with no FILE: message" err_line "jaw: check: name one project FILE"
check "check with two FILEs: exit 2" expect 2 check new.jaw demo.jaw
check "check --bogus: exit 2" expect 2 check --bogus

# ---- the interface ----------------------------------------------------

check "jaw FILE without a terminal: exit 1" expect 1 new.jaw
check "jaw FILE without a terminal: says it needs one" err_line "jaw: the interface needs a terminal (for scripts, see jaw --help)"
check "jaw FILE without a terminal: nothing on stdout" empty "$out"
check "jaw missing.jaw: exit 1" expect 1 missing.jaw
check "jaw missing.jaw: suggests jaw init" err_line "jaw: missing.jaw: no such project; create one with: jaw init missing.jaw"
check "jaw missing.jaw: creates nothing" absent missing.jaw
check "jaw on a text file: exit 1" expect 1 notes.txt
check "jaw on a text file: not a jaw project" err_is_jaw
check "jaw on a newer file: exit 1" expect 1 newer.jaw
check "jaw on a newer file: says so" err_has "made by a newer jaw"

mkdir xdg
export XDG_DATA_HOME="$work/xdg"
check "jaw --demo without a terminal: exit 1" expect 1 --demo
check "jaw --demo without a terminal: says it needs one" err_line "jaw: the interface needs a terminal; for scripts, use: jaw init FILE --demo"
# no_demo_copy: nothing was left under $XDG_DATA_HOME.
no_demo_copy() {
	[ -z "$(ls -A "$XDG_DATA_HOME")" ]
}
check "jaw --demo without a terminal: leaves no copy behind" no_demo_copy

done_testing
