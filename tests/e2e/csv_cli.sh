#!/bin/sh
# csv_cli.sh - jaw import-csv on the command line: exit codes, --dry-run,
# messages, re-import (all or nothing under SIGKILL: fault_cli.sh).
: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=csv
. "$top_srcdir/tests/e2e/cli_lib.sh"
fx=$top_srcdir/tests/fixtures/csv

"$JAW" init p.jaw --codebook empty >/dev/null || exit 1
cp "$fx/basic.csv" basic.csv

check "--help lists import-csv" expect 0 import-csv --help
check "--help shows the options" out_has "--header-rows N"
check "no CSV: exit 2" expect 2 import-csv p.jaw
check "no CSV: message" err_line "jaw: import-csv: name the project FILE and the CSV file"
check "unknown option: exit 2" expect 2 import-csv p.jaw basic.csv --bogus
check "bad --header-rows: exit 2" expect 2 import-csv p.jaw basic.csv --header-rows 0
check "bad --delimiter: exit 2" expect 2 import-csv p.jaw basic.csv --delimiter ab
check "unknown column: exit 2" expect 2 import-csv p.jaw basic.csv --likert Nope
check "unknown column: message" err_line "jaw: import-csv: --likert: no column \"Nope\" (give a heading or a number from 1 to 7; --dry-run lists them)"
check "unknown encoding: exit 2" expect 2 import-csv p.jaw basic.csv --encoding nope
check "missing project: exit 1" expect 1 import-csv missing.jaw basic.csv
check "missing project: message" err_line "jaw: missing.jaw: no such project; create one with: jaw init missing.jaw"
check "missing CSV: exit 1" expect 1 import-csv p.jaw nothere.csv
check "missing CSV: message" err_line "jaw: nothere.csv: cannot open: No such file or directory"

check "--dry-run: exit 0" expect 0 import-csv p.jaw basic.csv --dry-run
check "--dry-run: the file line" out_line "basic.csv: 4 respondents, 7 columns, 3 open answers (comma-delimited, UTF-8, 1 heading row)"
check "--dry-run: the id column" out_line "    1  id         text           4  Respondent ID  (heading names an id)"
check "--dry-run: a Likert column" out_line "    5  likert     integer        4  Training was sufficient  (few small whole numbers; 2-5)"
check "--dry-run: an open question" out_line "    7  open_text  text           3  What should change?  (long or varied text)"
check "--dry-run: says nothing was imported" out_line "dry run: nothing imported"
check "--dry-run: nothing on stderr (not a terminal)" empty "$err"
check "--dry-run: imports nothing" equals 0 p.jaw "SELECT count(*) FROM survey"
check "--dry-run with duplicate ids given by --id: exit 1" expect 1 import-csv p.jaw "$fx/dup-ids.csv" --dry-run --id "Respondent ID"
check "--dry-run with duplicate ids: names both lines" out_line "  line 6: duplicate respondent id \"A2\" (first on line 3)"
check "--dry-run with duplicate guessed ids: exit 0" expect 0 import-csv p.jaw "$fx/dup-ids.csv" --dry-run
check "--dry-run with duplicate guessed ids: rows number them" out_line "  column 1 (Respondent ID) looks like the respondent id, but line 6: duplicate respondent id \"A2\" (first on line 3): respondents are numbered by row instead (--id 1 insists)"
check "--dry-run: a Likert column's labels as written" expect 0 import-csv p.jaw "$fx/likert-labels.csv" --dry-run
check "--dry-run: the mapping of labels to numbers" out_has "(labels of a scale; 1=1 - Very poor, 3=3 - Fair, 4=4 - Good, 5=5 - Very good)"


check "import: exit 0" expect 0 import-csv p.jaw basic.csv
check "import: summary" out_line "  4 respondents, 22 answers (19 values, 3 open answers, now sources)"
check "import: columns by role" out_line "  columns: 1 id, 3 attribute, 2 likert, 1 open text, 0 ignored"
check "import: no progress bar when stderr is not a terminal" empty "$err"
# the import's pages reach the project file after it is reported, in a
# process of its own (jaw checkpoint): the file alone then has it all (this
# comes before anything else opens the project, whose close would copy them)
alone_has_it() {
	i=0
	while [ $i -lt 300 ]; do
		cp p.jaw alone.jaw && rm -f alone.jaw-wal alone.jaw-shm
		[ "$(sqlite3 alone.jaw "SELECT count(*) FROM respondent" 2>/dev/null)" = 4 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
check "import: the project file alone has the survey, checkpointed behind it" alone_has_it
check "import: answers are searchable" equals 1 p.jaw "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1 MATCH 'annex'"
check "import: answers are not in the notes' index" equals 0 p.jaw "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'annex'"
check "import: check passes" expect 0 check p.jaw
check "checkpoint: exit 0" expect 0 checkpoint p.jaw
check "checkpoint: says what it copies" out_line "p.jaw: copying what the WAL holds into the file"
check "checkpoint of a missing project: exit 1" expect 1 checkpoint missing.jaw
check "import: and its answers' index" equals 1 alone.jaw "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1 MATCH 'annex'"
check "re-import: exit 1" expect 1 import-csv p.jaw basic.csv
check "re-import: message" err_line "jaw: basic.csv: a survey called \"basic\" is already in the project; choose another name with --name"
cp basic.csv renamed.csv
check "same file, other name: exit 1" expect 1 import-csv p.jaw renamed.csv
check "same file, other name: message" err_line "jaw: renamed.csv: already imported as the survey \"basic\"; to import it again as a new survey, give it a new name with --name"
check "--name makes a new survey" expect 0 import-csv p.jaw basic.csv --name "second wave"
check "two surveys now" equals 2 p.jaw "SELECT count(*) FROM survey"

check "ragged row: exit 1" expect 1 import-csv p.jaw "$fx/ragged.csv"
check "ragged row: message" err_line "jaw: $fx/ragged.csv line 4: 2 fields, but the heading has 3 (is a quote missing, or a delimiter inside an unquoted field?)"
for f in unterminated nul invalid-utf8; do
	check "$f.csv: exit 1" expect 1 import-csv p.jaw "$fx/$f.csv"
done
check "an xlsx: exit 1" expect 1 import-csv p.jaw "$fx/workbook.xlsx"
check "the project after failures: unchanged" equals 2 p.jaw "SELECT count(*) FROM survey"
check "options by number and range" expect 0 import-csv p.jaw "$fx/guess.csv" --id 1 --text 10 --attribute 7-8 --ignore Email
check "options by number and range: roles" equals "id,ignore,attribute,attribute,attribute,attribute,attribute,attribute,ignore,open_text" p.jaw "SELECT group_concat(role) FROM (SELECT role FROM survey_column WHERE survey_id = 3 ORDER BY position)"
check "--delimiter tab --encoding latin1" expect 0 import-csv p.jaw "$fx/latin1.csv" --encoding latin1 --delimiter ,

# kill -9 during an import (all or nothing, and sound): tests/e2e/fault_cli.sh

"$JAW" init w.jaw --codebook empty >/dev/null || exit 1
# values as written: decimals, spaces at the edges, quotes inside fields
printf 'id,score,note,size\n1,1.5, kept ,5" long\n2,2.5,x,6" long\n3,3.14,y,7" long\n4,4.50,z,8" long\n' >written.csv
check "decimals, spaces, quotes: exit 0" expect 0 import-csv w.jaw written.csv
check "decimals are not Likert" equals "attribute text" w.jaw "SELECT role || ' ' || value_type FROM survey_column WHERE label = 'score' AND survey_id = (SELECT max(id) FROM survey)"
check "decimals as written" equals "1.5|2.5|3.14|4.50" w.jaw "SELECT group_concat(json_extract(answers, '\$[1]'), '|') FROM respondent WHERE survey_id = (SELECT max(id) FROM survey)"
check "spaces at the edges kept" equals "[ kept ]" w.jaw "SELECT '[' || json_extract(answers, '\$[2]') || ']' FROM respondent WHERE external_id = '1' AND survey_id = (SELECT max(id) FROM survey)"
check "a quote inside an unquoted field is data" equals '5" long' w.jaw "SELECT json_extract(answers, '\$[3]') FROM respondent WHERE external_id = '1' AND survey_id = (SELECT max(id) FROM survey)"
check "--strict refuses it: exit 1" expect 1 import-csv w.jaw written.csv --strict --name strict
check "--strict refuses it: message" err_has "written.csv line 2: a quote (\") inside a field that does not begin with one"
check "text after a closing quote: exit 1" expect 1 import-csv w.jaw "$fx/unterminated.csv" --dry-run
printf 'id\tsaid\n1\t"Eight"\n2\tI said "hi" twice\n' >plain.tsv
check "an unquoted TSV: exit 0" expect 0 import-csv w.jaw plain.tsv --dry-run
check "an unquoted TSV: detected" out_has "(tab-delimited without quoting, UTF-8, 1 heading row)"
check "an unquoted TSV: quotes kept" expect 0 import-csv w.jaw plain.tsv
check "an unquoted TSV: a quoted-looking field as written" equals '"Eight"' w.jaw "SELECT json_extract(answers, '\$[1]') FROM respondent WHERE external_id = '1' AND survey_id = (SELECT max(id) FROM survey)"
check "--quote double: exit 0" expect 0 import-csv w.jaw plain.tsv --quote double --name q2
check "--quote double: the quotes read as quoting" equals "Eight" w.jaw "SELECT json_extract(answers, '\$[1]') FROM respondent WHERE external_id = '1' AND survey_id = (SELECT max(id) FROM survey)"
check "--quote bogus: exit 2" expect 2 import-csv w.jaw plain.tsv --quote single

# exports with several heading rows
check "Qualtrics: exit 0" expect 0 import-csv w.jaw "$fx/qualtrics.csv" --dry-run
check "Qualtrics: recognised" out_line "layout: a Qualtrics export (read as --names-row 1 --question-row 2 --skip-rows 3)"
check "Qualtrics: 3 respondents, not 5" out_has "qualtrics.csv: 3 respondents, 14 columns"
check "Qualtrics: the names row names, the question row asks" out_line "                                      question: How far do you agree that patrols protect civilians?"
check "Qualtrics: a column by its short name" expect 0 import-csv w.jaw "$fx/qualtrics.csv" --dry-run --text Q2
check "Qualtrics: the short name given a role" out_has "   13  open_text  text           3  Q2  (given)"
check "SurveyMonkey: recognised" expect 0 import-csv w.jaw "$fx/surveymonkey.csv" --dry-run
check "SurveyMonkey: two heading rows joined" out_line "layout: a SurveyMonkey export (read as --header-rows 2)"
check "SurveyMonkey: a choice under its question" out_line "                                      question: Which services have you worked with? Navy"
check "SurveyMonkey: a column by a cell of its heading rows" expect 0 import-csv w.jaw "$fx/surveymonkey.csv" --dry-run --ignore Navy
check "given heading rows: not recognised" expect 0 import-csv w.jaw "$fx/qualtrics.csv" --dry-run --header-rows 1
check "given heading rows: the other rows are respondents" out_has "qualtrics.csv: 5 respondents"
check "--names-row and --question-row: exit 0" expect 0 import-csv w.jaw "$fx/qualtrics.csv" --dry-run --names-row 2 --question-row 1 --skip-rows 3
check "--names-row and --question-row: the label from row 2" out_line "   12  likert     integer        3  How far do you agree that patrols…  (labels of a scale; 1=Strongly disagree, 2=Disagree, 3=Neutral, 4=Agree, 5=Strongly agree)"
check "--skip-rows 0: exit 2" expect 2 import-csv w.jaw "$fx/qualtrics.csv" --skip-rows 0
check "--skip-rows 0: message" err_line "jaw: import-csv: --skip-rows takes a comma-separated list of row numbers from 1 to 10"
check "--names-row 11: exit 2" expect 2 import-csv w.jaw "$fx/qualtrics.csv" --names-row 11
check "skipped and read: exit 2" expect 2 import-csv w.jaw "$fx/qualtrics.csv" --names-row 1 --skip-rows 1
printf 'id,score,rating,nation\nrow two,How many,How far,Where\n1,4,2,Chile\n2,5,3,Peru\n3,1,4,Chile\n' >two.csv
check "an unknown second heading row: exit 0" expect 0 import-csv w.jaw two.csv --dry-run
check "an unknown second heading row: warned, with the options" out_line "  line 2 looks like a second heading row: it holds text in columns 1, 2, 3, whose other values are all numbers; if it is, give --header-rows 2 (joined into the questions) or --names-row 1 --question-row 2"

# personal data
check "personal data: exit 0" expect 0 import-csv w.jaw "$fx/qualtrics.csv" --dry-run
check "personal data: listed in the dry run" out_line "  column 9 (RecipientEmail) holds personal data (e-mail addresses): not stored (--keep-personal 9 keeps it)"
check "personal data: ignored" out_line "    4  ignore     text           3  IPAddress  (personal data)"
check "personal data: import" expect 0 import-csv w.jaw "$fx/qualtrics.csv"
check "personal data: the summary lists it" out_line "  personal data not stored: IPAddress, RecipientLastName, RecipientFirstName, RecipientEmail, LocationLatitude, LocationLongitude (--keep-personal keeps a column)"
check "personal data: none stored" equals 0 w.jaw "SELECT count(*) FROM respondent WHERE answers LIKE '%example.%' OR answers LIKE '%192.0%' OR answers LIKE '%Doe%'"
check "--keep-personal: exit 0" expect 0 import-csv w.jaw "$fx/qualtrics.csv" --dry-run --keep-personal RecipientEmail
check "--keep-personal: kept" out_line "  column 9 (RecipientEmail) holds personal data (e-mail addresses): kept, as --keep-personal asks"
check "a role for personal data alone: exit 2" expect 2 import-csv w.jaw "$fx/qualtrics.csv" --dry-run --attribute 9
check "a role for personal data alone: message" err_line "jaw: import-csv: column 9 (RecipientEmail) holds personal data (e-mail addresses): it is not stored unless --keep-personal 9 is given too"

# control characters are text; NUL bytes are not
printf '"a\vb",c\n1,2\n3,4\n' >vtab.csv
check "a vertical tab in a heading is not binary: exit 0" expect 0 import-csv w.jaw vtab.csv --dry-run
check "one respondent, not respondents" expect 0 import-csv w.jaw "$fx/basic.csv" --dry-run --name one
printf 'id,x\n1,a\n' >one.csv
check "1 respondent: exit 0" expect 0 import-csv w.jaw one.csv
check "1 respondent: the summary" out_line "  1 respondent, 1 answer (1 value, 0 open answers, now sources)"
printf 'note\nhello\n' >single.csv
check "1 column, 1 open answer: exit 0" expect 0 import-csv w.jaw single.csv --dry-run --text note
check "1 column, 1 open answer: no plural" out_line "single.csv: 1 respondent, 1 column, 1 open answer (comma-delimited, UTF-8, 1 heading row)"

# the mapping of labels to numbers, changed
check "--scale: exit 0" expect 0 import-csv w.jaw "$fx/likert-labels.csv" --dry-run --scale "Training was sufficient=Strongly agree|Agree|Neither agree nor disagree|disagree|Strongly disagree"
check "--scale: the mapping shown" out_line "    2  likert     integer        5  Training was sufficient  (given; 1=Strongly agree, 2=Agree, 3=Neither agree nor disagree, 4=disagree, 5=Strongly disagree)"
check "--scale: import" expect 0 import-csv w.jaw "$fx/likert-labels.csv" --name scaled --scale "2=Strongly agree|Agree|Neither agree nor disagree|disagree|Strongly disagree"
check "--scale: numbers as mapped" equals "1|2|4|3|2" w.jaw "SELECT group_concat(json_extract(answers, '\$[1]'), '|') FROM respondent WHERE survey_id = (SELECT id FROM survey WHERE name = 'scaled')"
check "--scale: labels as written" equals "Strongly agree|Agree|disagree|Neither agree nor disagree|Agree" w.jaw "SELECT group_concat(l.label, '|') FROM respondent r JOIN survey s ON s.id = r.survey_id JOIN survey_column c ON c.survey_id = s.id AND c.position = 2 JOIN survey_label l ON l.column_id = c.id AND l.value = json_extract(r.answers, '\$[1]') WHERE s.name = 'scaled'"
check "--scale missing a label: exit 1" expect 1 import-csv w.jaw "$fx/likert-labels.csv" --dry-run --scale "3=Never|Rarely"
check "--scale missing a label: message" err_line "jaw: $fx/likert-labels.csv: column 3 (How often do you report incidents?) holds \"Sometimes\", not one of the labels --scale gives it"
check "--scale without labels: exit 2" expect 2 import-csv w.jaw "$fx/likert-labels.csv" --dry-run --scale 3
check "--scale without labels: message" err_line "jaw: import-csv: --scale takes COL=LABEL|LABEL|... (two labels at least, the first numbered 1), not \"3\""

done_testing
