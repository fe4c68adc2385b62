#!/bin/sh
# analysis_cli.sh - the analysis commands with the real binary on the
# project of tests/fixtures/analysis/project.sql (its figures are worked
# out in tests/test_analysis.c): jaw retrieve as CSV and Markdown, its
# filters and its errors; jaw stats --codes, --crosstab, --cooccurrence,
# --agreement (worked out by hand below), --saturation; jaw search and
# coding its hits.
# Needs JAW (the binary) and top_srcdir; sqlite3 to build the project.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=analysis
. "$top_srcdir/tests/e2e/cli_lib.sh"

"$JAW" init p.jaw --codebook empty >/dev/null 2>&1 &&
	sqlite3 p.jaw <"$top_srcdir/tests/fixtures/analysis/project.sql" ||
	{ echo "Bail out! cannot make the project"; exit 1; }

# ---- retrieve ----------------------------------------------------------------

check "retrieve --code: exit 0" expect 0 retrieve p.jaw --code Harm
check "retrieve: the CSV header" out_line "coding,source,code,start,end,text,before,after,source_title,source_kind,source_date,stakeholder,organisation,event,respondent,attributes,coder,memo"
check "retrieve: a row with context and provenance" out_line '1,1,"Harm",18,43,"The patrol saw harm here.","We met. "," Done.","Int Ana","interview","2026-03-01","Ana","Battalion 1","Seminar","","","amira","m1"'
check "retrieve: a survey answer with its respondent" out_line '7,5,"Harm",3,7,"harm","No ",".","y: Q","survey_answer","","","","","y","Nation=Chad","amira",""'
check "retrieve: three segments and the header" [ "$(wc -l <"$out")" -eq 4 ]

check "retrieve --children --coder: exit 0" expect 0 retrieve p.jaw --code Protection --children --coder tomas --csv
check "retrieve --children --coder: two segments" [ "$(cut -d, -f1 "$out" | tr '\n' ' ')" = "coding 2 5 " ]
check "retrieve --organisation (its people and sub-organisations)" expect 0 retrieve p.jaw --code Harm --organisation "Brigade HQ"
check "retrieve --organisation: rows" [ "$(cut -d, -f1 "$out" | tr '\n' ' ')" = "coding 1 2 " ]
check "retrieve --filter and --attribute" expect 0 retrieve p.jaw --code Training --filter "kind=survey_answer" --attribute Nation=France
check "retrieve --attribute: rows" [ "$(cut -d, -f1 "$out" | tr '\n' ' ')" = "coding 6 " ]
check "retrieve --from --to" expect 0 retrieve p.jaw --code Training --from 2026-03-02 --to 2026-03-31
check "retrieve --from --to: rows" [ "$(cut -d, -f1 "$out" | tr '\n' ' ')" = "coding 3 " ]

check "retrieve --md: exit 0" expect 0 retrieve p.jaw --code Harm --md
check "retrieve --md: a heading with the count" out_line "# Protection/Harm: 3 segments"
check "retrieve --md: the segment quoted" out_line "> The patrol saw harm here."
check "retrieve --md: its provenance" out_line "> — *Int Ana* (interview, 2026-03-01), Ana (Battalion 1), at Seminar; coded Harm by amira; source 1 [18, 43)"
check "retrieve --md: the memo" out_line "> Memo: m1"
check "retrieve --md: a respondent" out_line "> — *y: Q* (survey_answer), respondent y (Nation=Chad); coded Harm by amira; source 5 [3, 7)"

# ---- errors ------------------------------------------------------------------

check "retrieve without --code: usage error" expect 2 retrieve p.jaw
check "retrieve an unknown code: exit 1" expect 1 retrieve p.jaw --code Nope
check "retrieve an unknown code: says so" err_line 'jaw: p.jaw: no code called "Nope"'
check "retrieve a bad attribute: exit 1" expect 1 retrieve p.jaw --code Harm --attribute Colour=red
check "retrieve a bad attribute: says so" err_has 'jaw: p.jaw: filter: no key or survey attribute called "Colour"'
check "retrieve --attribute without =: exit 1" expect 1 retrieve p.jaw --code Harm --attribute Nation
check "retrieve --attribute without =: says so" err_line 'jaw: p.jaw: --attribute: write LABEL=VALUE'
check "retrieve a bad date: exit 1" expect 1 retrieve p.jaw --code Harm --from 2026-13-01
check "retrieve a bad date: says so" err_has 'jaw: p.jaw: filter: from: "2026-13-01"'
check "retrieve --csv --md: usage error" expect 2 retrieve p.jaw --code Harm --csv --md
check "retrieve a missing project: exit 1" expect 1 retrieve nothere.jaw --code Harm
check "retrieve a missing project: names it" err_is_jaw

# ---- stats --codes -------------------------------------------------------------

check "stats --codes --csv: exit 0" expect 0 stats p.jaw --codes --csv
check "stats --codes --csv: header" out_line "code,path,depth,children,segments,sources,stakeholders,respondents,all_segments,all_sources,all_stakeholders,all_respondents"
check "stats --codes --csv: a code with a code below, its own and rolled-up figures" out_line '"Protection","Protection",0,1,1,1,1,0,4,3,2,1'
check "stats --codes --csv: the code below" out_line '"Harm","Protection/Harm",1,0,3,2,1,1,3,2,1,1'
check "stats --codes --csv: a code alone" out_line '"Training","Training",0,0,3,3,2,1,3,3,2,1'
check "stats --codes: exit 0" expect 0 stats p.jaw --codes
check "stats --codes: the roll-up row marked" out_line "  Σ with the 1 code below                           4        3            2           1"
check "stats --codes: a code below indented" out_line "  Harm                                              3        2            1           1"
check "stats without a table: usage error" expect 2 stats p.jaw
check "stats without a table: says which" err_has "say which table"
check "stats on a missing project: exit 1" expect 1 stats nothere.jaw --codes

# ---- stats --crosstab, --cooccurrence ---------------------------------------------

check "stats --crosstab source-kind --csv: exit 0" expect 0 stats p.jaw --crosstab source-kind --csv
check "stats --crosstab: code, then a column per value" out_line '"code","interview","observation","survey_answer"'
check "stats --crosstab: a row by the code's path" out_line '"Protection/Harm",2,0,1'
check "stats --crosstab --by sources" expect 0 stats p.jaw --crosstab source-kind --by sources --csv
check "stats --crosstab --by sources: a row" out_line '"Protection/Harm",1,0,1'
check "stats --crosstab --percent row" expect 0 stats p.jaw --crosstab source-kind --percent row --csv
check "stats --crosstab --percent row: a row" out_line '"Protection/Harm",66.7,0.0,33.3'
check "stats --crosstab organisation: (none) for sources without one" expect 0 stats p.jaw --crosstab organisation --csv
check "stats --crosstab organisation: header" out_line '"code","Brigade HQ","(none)"'
check "stats --crosstab Nation (a survey attribute)" expect 0 stats p.jaw --crosstab Nation --by respondents --csv
check "stats --crosstab Nation: a row" out_line '"Training",0,1'
check "stats --crosstab text: totals" expect 0 stats p.jaw --crosstab source-kind
check "stats --crosstab text: the totals row" out_line "Total                                                   3            2            2            7"
check "stats --crosstab an unknown attribute: exit 1" expect 1 stats p.jaw --crosstab colour
check "stats --crosstab an unknown attribute: says which exist" err_line 'jaw: p.jaw: no attribute "colour" (organisation, organisation-direct, stakeholder-kind, role, event, source-kind, or a survey attribute'"'"'s label)'
check "stats --crosstab --by bad: usage error" expect 2 stats p.jaw --crosstab source-kind --by words
check "stats --percent without --crosstab: usage error" expect 2 stats p.jaw --codes --percent row
check "stats two tables: usage error" expect 2 stats p.jaw --codes --cooccurrence

# ---- stats --agreement ---------------------------------------------------------
# amira and tomas both coded sources 1 (54 characters) and 3 (18): N = 72.
# Protection: tomas alone, 4 characters: agreement 68/72, kappa 0,
# alpha 1 - 143 * 4 / (140 * 4). Harm: the same 25 characters: 1, 1.
# Training: amira alone, 8: 64/72, kappa 0, alpha 1 - 143 / 136.
# (all): N 216, both 25, 8 and 4: kappa 8886/11478, alpha 1 - 431 * 12 / (370 * 62).

check "stats --agreement: exit 0" expect 0 stats p.jaw --agreement amira tomas --csv
check "stats --agreement: header" out_line "code,agreement,kappa,alpha,characters,both,first_only,second_only"
check "stats --agreement: a code only the second coder used" out_line '"Protection",94.44,0.0000,-0.0214,72,0,0,4'
check "stats --agreement: a code both used alike" out_line '"Protection/Harm",100.00,1.0000,1.0000,72,25,0,0'
check "stats --agreement: a code only the first used" out_line '"Training",88.89,0.0000,-0.0515,72,0,8,0'
check "stats --agreement: the pooled row last" [ "$(tail -n 1 "$out")" = '"(all)",94.44,0.7742,0.7745,216,25,8,4' ]
check "stats --agreement text: exit 0" expect 0 stats p.jaw --agreement amira tomas
check "stats --agreement text: the pooled row" out_has "(all)                                           94.44%  0.7742  0.7745        216"
check "stats --agreement with one coder: usage error" expect 2 stats p.jaw --agreement amira
check "stats --agreement with one coder: says so" err_has "--agreement compares two coders or more"
check "stats --agreement with a coder who coded nothing: exit 1" expect 1 stats p.jaw --agreement amira nobody
check "stats --agreement with a coder who coded nothing: says so" err_line "jaw: p.jaw: agreement: amira and nobody coded no source in common"
check "stats --codes with coders: usage error" expect 2 stats p.jaw --codes amira

# ---- stats --saturation ----------------------------------------------------------

check "stats --saturation --csv: exit 0" expect 0 stats p.jaw --saturation --csv
check "stats --saturation: header" out_line "position,source,date,title,new_codes,total_codes,new"
check "stats --saturation: the first source brings Harm" out_line '1,1,"2026-03-01","Int Ana",1,1,"Harm"'
check "stats --saturation: the third brings Protection" out_line '3,3,"2026-04-01","Obs",1,3,"Protection"'
check "stats --saturation: undated answers last, nothing new" out_line '5,5,"","y: Q",0,3,""'
check "stats --saturation text: exit 0" expect 0 stats p.jaw --saturation
check "stats --saturation text: a bar of the codes so far" out_line "     2 2026-03-05    1     2 ██████████▓▓▓▓▓▓▓▓▓▓           Int Bo"

# more sources than a page (256): every one written once, in order, the
# pages read from what was computed once
awk 'BEGIN { print "id,answer"; for (i = 1; i <= 600; i++) printf "r%d,answer number %d of many\n", i, i }' >many.csv
"$JAW" init q.jaw --codebook empty >/dev/null 2>&1 && "$JAW" import-csv q.jaw many.csv >/dev/null 2>&1 &&
	sqlite3 q.jaw "INSERT INTO code (id, name, position) VALUES (1, 'A', 1), (2, 'B', 2);
	INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)
	SELECT id, 0, 6, 1 + (id % 300 = 0), 'amira' FROM source" ||
	{ echo "Bail out! cannot make the project of 600 answers"; exit 1; }
check "stats --saturation over 600 sources: exit 0" expect 0 stats q.jaw --saturation --csv
check "stats --saturation over 600 sources: every one, once" [ "$(tail -n +2 "$out" | cut -d, -f1 | sort -n | uniq | wc -l)" -eq 600 ]
check "stats --saturation over 600 sources: in order" [ "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ' | cut -d' ' -f255-258)" = "255 256 257 258" ]
check "stats --saturation over 600 sources: B comes with the 300th" out_line '300,300,"","r300: answer",1,2,"B"'
check "stats --saturation over 600 sources: the last" [ "$(tail -n 1 "$out")" = '600,600,"","r600: answer",0,2,""' ]

sqlite3 p.jaw "INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder) VALUES (8, 2, 0, 16, 1, 'tomas')"
check "stats --cooccurrence --csv: exit 0" expect 0 stats p.jaw --cooccurrence --csv
check "stats --cooccurrence: header" out_line '"code","Protection","Harm","Training"'
check "stats --cooccurrence: a row, the diagonal its sources" out_line '"Protection",2,0,1'
check "stats --cooccurrence --same-source --jaccard" expect 0 stats p.jaw --cooccurrence --same-source --jaccard --csv
check "stats --cooccurrence --jaccard: a row" out_line '"Training",0.667,0.000,1.000'
check "stats --jaccard without --cooccurrence: usage error" expect 2 stats p.jaw --codes --jaccard

# ---- search ------------------------------------------------------------------------
# "harm" is in sources 1 [33, 37) and 3 [13, 17) (the answers have no index here).

check "search: exit 0" expect 0 search p.jaw harm
check "search: a line per source with its first match" out_line "1 [33, 37) Line one. We met. The patrol saw harm here. Done. End."
check "search: both sources" [ "$(wc -l <"$out")" -eq 2 ]
check "search --csv: exit 0" expect 0 search p.jaw harm --csv
check "search --csv: header" out_line "source,start,end,text,title,rank"
check "search --csv: a match with its offsets" out_has '1,33,37,"harm","Int Ana",'
check "search --csv: the other" out_has '3,13,17,"harm","Obs",'
check "search not valid FTS5: searched as words" expect 0 search p.jaw 'harm AND ('
check "search no word: exit 1" expect 1 search p.jaw '!!'
check "search no word: says so" err_line 'jaw: p.jaw: nothing to search for in "!!": type a word'
check "search --code: exit 0" expect 0 search p.jaw harm --code Harm --coder ana
check "search --code: says what it coded" out_line "coded 2 hits (2 hits in 2 sources) with Harm as ana; 0 coded so already"
check "search --code: the codings are there" equals 2 p.jaw "SELECT count(*) FROM coding WHERE coder = 'ana'"
check "search --code: one journal entry" equals 1 p.jaw "SELECT count(*) FROM journal WHERE analyst = 'ana'"
check "search --code again: exit 1" expect 1 search p.jaw harm --code Harm --coder ana
check "search --code again: says so" err_line 'jaw: p.jaw: every hit of "harm" is coded Harm already'
check "search --code --sentences" expect 0 search p.jaw harm --code Training --coder ana --sentences
check "search --code --sentences: says so" out_line "coded 2 sentences (2 hits in 2 sources) with Training as ana; 0 coded so already"
check "search --code an unknown code: exit 1" expect 1 search p.jaw harm --code Nope
check "search --sentences without --code: usage error" expect 2 search p.jaw harm --sentences
check "search --code --csv: usage error" expect 2 search p.jaw harm --code Harm --csv

done_testing
