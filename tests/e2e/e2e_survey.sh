#!/bin/sh
# e2e_survey.sh - end to end in tmux: a new project, the survey view, a CSV
# file imported through the dialog (a role changed on the way), the
# respondents and the chart shown; the same file again is refused; Esc
# cancels; :import opens the dialog too.
. "$top_srcdir/tests/tap.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" JAW_TODAY=2026-11-25
mkdir -p "$HOME" "$XDG_CONFIG_HOME/jaw"
project="$work/new.jaw"
"$JAW" init "$project" --title "Survey study" >/dev/null || { echo "Bail out! cannot init"; exit 1; }
csv="$work/survey.csv"
cp "$top_srcdir/tests/fixtures/csv/basic.csv" "$csv"

q() { sqlite3 "$project" "$1"; }

start "'$JAW' '$project'"
wait_for " Timeline  " >/dev/null
t send-keys -t jaw U
check "U opens the survey view" wait_for "no survey yet: i imports a CSV file"
t send-keys -t jaw i
check "i asks for a file" wait_for "CSV file to import:"
t send-keys -t jaw -l "$csv"
t send-keys -t jaw Enter
check "the preview names the survey" wait_for "Import survey \"survey\" from"
check "the preview counts the rows" wait_for " 4 respondents, 7 columns"
check "the preview lists the columns" wait_for "   7 What should c"
t send-keys -t jaw j j j Space
check "Space changes the role of a column" wait_for "Years of service is now"
t send-keys -t jaw Escape
check "Esc cancels" wait_for "Import cancelled: nothing was imported."
check "nothing was imported" test "$(q 'SELECT count(*) FROM survey')" = 0
t send-keys -t jaw i
wait_for "CSV file to import:" >/dev/null
t send-keys -t jaw -l "$csv"
t send-keys -t jaw Enter
wait_for "Import survey \"survey\" from" >/dev/null
t send-keys -t jaw Enter
check "Enter imports and reports" wait_for "Imported \"survey\": 4 respondents"
check "the respondents are shown" wait_for " Survey: respondents  1/4  survey"
check "with their attributes" wait_for "R01        2     1    Norway | Commander"
check "the project has the survey" test "$(q 'SELECT count(*) FROM respondent')" = 4
t send-keys -t jaw 2 j
check "2 shows the questions and a chart" wait_for "Answers to Nation"
t send-keys -t jaw G Enter
check "Enter on an open question lists its answers" wait_for " Survey: open answers  1/"
t send-keys -t jaw :
t send-keys -t jaw -l "import $csv"
t send-keys -t jaw Enter
wait_for "Import survey \"survey\" from" >/dev/null
t send-keys -t jaw Enter
check "the same file again is refused" wait_for "a survey called"
check "still one survey" test "$(q 'SELECT count(*) FROM survey')" = 1
t send-keys -t jaw q Q
check "jaw quits" stopped
check "the project is sound at the end" quiet "$JAW" check "$project"
done_testing
