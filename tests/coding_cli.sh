#!/bin/sh
# coding_cli.sh - coding from the command line with the real binary:
# import-notes (UTF-8, CR LF, BOM, latin1, refusals, repeats), code, and
# export codings with exactly the expected text and offsets.
# Needs JAW (the binary) and top_srcdir; sqlite3 to look into projects.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

case $JAW in /*) ;; ?*) JAW=$(pwd)/$JAW ;; esac # the tests run elsewhere
[ -x "$JAW" ] || skip_all "JAW is not set to the jaw binary"
command -v sqlite3 >/dev/null 2>&1 || skip_all "the sqlite3 program is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/jaw-coding-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
cd "$work" || exit 1
out=$work/.out
err=$work/.err

# jaw ARGS...: runs the binary (stdin not a terminal); sets st.
jaw() {
	"$JAW" "$@" </dev/null >"$out" 2>"$err"
	st=$?
}

# expect STATUS ARGS...: runs jaw ARGS; true if it exits with STATUS.
expect() {
	want=$1
	shift
	jaw "$@"
	[ "$st" -eq "$want" ] && return 0
	diag "exit status $st, expected $want; stderr:" "$(cat "$err")"
	return 1
}

# err_line TEXT: some line of stderr is exactly TEXT.
err_line() {
	grep -qxF -- "$1" "$err" && return 0
	diag "stderr has no line \"$1\"; it was:" "$(cat "$err")"
	return 1
}

# out_is TEXT: stdout is exactly TEXT (and a newline).
out_is() {
	[ "$(cat "$out")" = "$1" ] && return 0
	diag "stdout is not \"$1\"; it was:" "$(cat "$out")"
	return 1
}

# equals WANT FILE SQL: the query prints exactly WANT.
equals() {
	v=$(sqlite3 "$2" "$3") || return 1
	[ "$v" = "$1" ] && return 0
	diag "$3: \"$v\", expected \"$1\""
	return 1
}

# same FILE1 FILE2: the files are byte for byte the same.
same() {
	cmp -s "$1" "$2" && return 0
	diag "$1 differs from $2:" "$(od -c "$1" | head -n 20)"
	return 1
}

empty() { [ ! -s "$1" ]; }

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
check "import-notes into a missing project: exit 1" expect 1 import-notes none.jaw two.txt
check "import-notes into a missing project: creates nothing" test ! -e none.jaw

done_testing
