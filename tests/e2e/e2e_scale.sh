#!/bin/sh
# e2e_scale.sh - end to end in tmux: the import dialog changes a Likert
# column's scale (s): a scale lacking a value is refused and the mapping
# stays; the labels in another order are shown at once and imported, the
# project storing the new numbers with every value's label as written.
. "$top_srcdir/tests/tap.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" JAW_TODAY=2026-11-25
mkdir -p "$HOME" "$XDG_CONFIG_HOME/jaw"
project="$work/scale.jaw"
"$JAW" init "$project" --codebook empty >/dev/null || { echo "Bail out! cannot init"; exit 1; }
csv="$work/survey.csv"
printf 'id,Safe,Unit\n1,Agree,Alpha\n2,Neutral,Bravo\n3,Disagree,Alpha\n4,Agree,Bravo\n' >"$csv"

q() { sqlite3 "$project" "$1"; }

start "'$JAW' '$project'" 120 24
wait_for " Timeline  " >/dev/null
t send-keys -t jaw U i
wait_for "CSV file to import:" >/dev/null
t send-keys -t jaw -l "$csv"
t send-keys -t jaw Enter
check "the preview shows the guessed mapping" wait_for "labels of a scale: 1=Strongly disagree,"
t send-keys -t jaw j s
check "s asks for the scale, its labels to start with" \
	wait_for "Scale of Safe (labels in order from 1, between |): Strongly disagree|Disagree|"
t send-keys -t jaw End C-u
t send-keys -t jaw -l "Agree|Disagree"
t send-keys -t jaw Enter
check "a scale lacking a value is refused" wait_for "column 2 (Safe) holds \"Neutral\", not one of"
check "the mapping stays" wait_for "labels of a scale: 1=Strongly disagree,"
t send-keys -t jaw s End C-u
t send-keys -t jaw -l "Agree|Neutral|Disagree"
t send-keys -t jaw Enter
check "the new mapping is shown at once" wait_for "given: 1=Agree, 2=Neutral, 3=Di"
check "and said" wait_for "Safe is Likert: 1=Agree, 2=Neutral, 3=Disagree."
check "nothing is imported yet" test "$(q 'SELECT count(*) FROM survey')" = 0
t send-keys -t jaw Enter
check "Enter imports" wait_for "Imported \"survey\": 4 respondents"
check "the numbers are the new scale's" \
	test "$(q "SELECT group_concat(json_extract(answers, '\$[1]'), ',') FROM respondent")" = "1,2,3,1"
check "every value is shown as written" \
	test "$(q "SELECT group_concat(l.label, ',') FROM respondent r JOIN survey_label l ON l.value = json_extract(r.answers, '\$[1]') AND l.column_id = (SELECT id FROM survey_column WHERE position = 2)")" = "Agree,Neutral,Disagree,Agree"
check "the scale has the three labels only" \
	test "$(q "SELECT group_concat(value || '=' || label, ',') FROM survey_label")" = "1=Agree,2=Neutral,3=Disagree"
check "the respondents show the values" wait_for "1          2     0    Agree | Alpha"
t send-keys -t jaw q Q
check "jaw quits" stopped
check "the project is sound at the end" quiet "$JAW" check "$project"
done_testing
