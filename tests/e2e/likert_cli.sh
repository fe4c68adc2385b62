#!/bin/sh
# likert_cli.sh - jaw stats --likert with the real binary on the survey of
# tests/unit/test_likert.c (its figures are worked out there): the
# distribution of each Likert item as text and CSV, one question, --by a
# survey attribute, and the errors.
# Needs JAW (the binary) and top_srcdir; sqlite3 to check the project.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=likert
. "$top_srcdir/tests/e2e/cli_lib.sh"

printf 'id,Nation,Q1,Q2,Comment\nr1,Chad,Agree,1,good\nr2,Chad,Strongly agree,2,\nr3,Mali,Agree,,bad\nr4,Mali,,5,\nr5,,Disagree,2,ok\nr6,Chad,Neutral,3,\n' >survey.csv
"$JAW" init p.jaw --codebook empty >/dev/null 2>&1 &&
	"$JAW" import-csv p.jaw survey.csv --id id --attribute Nation --likert Q2 --text Comment \
		--scale 'Q1=Strongly disagree|Disagree|Neutral|Agree|Strongly agree' >/dev/null 2>&1 &&
	sqlite3 p.jaw "UPDATE respondent SET answers = json_set(answers, '\$[2]', 7) WHERE external_id = 'r6'" ||
	{ echo "Bail out! cannot make the project"; exit 1; }

check "stats --likert --csv: exit 0" expect 0 stats p.jaw --likert --csv
check "stats --likert --csv: the header" out_line "survey,question,kind,value,label,attribute,group,count,percent,n"
check "stats --likert --csv: a labelled point nobody chose, in the scale's order" \
	[ "$(sed -n 2,4p "$out" | tr '\n' '|')" = '"survey","Q1",point,"1","Strongly disagree","","(all)",0,0.0,5|"survey","Q1",point,"2","Disagree","","(all)",1,20.0,5|"survey","Q1",point,"3","Neutral","","(all)",0,0.0,5|' ]
check "stats --likert --csv: Agree, 2 of 5" out_line '"survey","Q1",point,"4","Agree","","(all)",2,40.0,5'
check "stats --likert --csv: a value outside the scale" out_line '"survey","Q1",outside,"7","","","(all)",1,20.0,5'
check "stats --likert --csv: no answer, left out of n" out_line '"survey","Q1",missing,"","","","(all)",1,,5'
check "stats --likert --csv: an unlabelled item's gap filled" out_line '"survey","Q2",point,"4","","","(all)",0,0.0,5'
check "stats --likert --csv: 7 + 7 rows and the header" [ "$(wc -l <"$out")" -eq 14 ]

check "stats --likert Q1 --by Nation --csv: exit 0" expect 0 stats p.jaw --likert Q1 --by Nation --csv
check "stats --likert --by: Agree among Chad's 3" out_line '"survey","Q1",point,"4","Agree","Nation","Chad",1,33.3,3'
check "stats --likert --by: Agree among Mali's 1" out_line '"survey","Q1",point,"4","Agree","Nation","Mali",1,100.0,1'
check "stats --likert --by: no nation" out_line '"survey","Q1",point,"2","Disagree","Nation","(none)",1,100.0,1'
check "stats --likert --by: Q1 only, 4 groups of 7 rows" [ "$(wc -l <"$out")" -eq 29 ]

check "stats --likert Q1 --by Nation (text): exit 0" expect 0 stats p.jaw --likert Q1 --by Nation
check "stats --likert (text): the title" out_line "survey / Q1"
check "stats --likert (text): the groups" out_line "Answer                                 (all)          Chad          Mali        (none)"
check "stats --likert (text): a row" out_line "Agree                               2  40.0%      1  33.3%      1 100.0%      0   0.0%"
check "stats --likert (text): outside the scale" out_line "7 (not on the scale)                1  20.0%      1  33.3%      0   0.0%      0   0.0%"
check "stats --likert (text): n" out_line "n (answered)                        5             3             1             1"

check "stats --likert an unknown question: exit 1" expect 1 stats p.jaw --likert Q9
check "stats --likert an unknown question: names those there are" err_line 'jaw: p.jaw: no Likert question "Q9" (the Likert questions: Q1, Q2)'
check "stats --likert --by an unknown attribute: exit 1" expect 1 stats p.jaw --likert --by Rank
check "stats --likert --by an unknown attribute: says so" err_line 'jaw: p.jaw: no survey attribute "Rank" (the survey attributes: Nation)'
check "stats --likert two questions: usage error" expect 2 stats p.jaw --likert Q1 Q2
check "stats --codes --by Nation: usage error" expect 2 stats p.jaw --codes --by Nation
check "stats --likert --percent: usage error" expect 2 stats p.jaw --likert --percent row
check "stats --crosstab --by Nation: still a usage error" expect 2 stats p.jaw --crosstab role --by Nation

"$JAW" init empty.jaw --codebook empty >/dev/null 2>&1
check "stats --likert without a survey: exit 0" expect 0 stats empty.jaw --likert
check "stats --likert without a survey: says how to get one" out_line "No Likert item: import a survey with jaw import-csv (--likert COLS)."

done_testing
