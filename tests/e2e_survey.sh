#!/bin/sh
# e2e_survey.sh - end to end in tmux: a new project, the survey view, a CSV
# file imported through the dialog (a role changed on the way), the
# respondents and the chart shown; the same file again is refused; Esc
# cancels; :import opens the dialog too.
. "$top_srcdir/tests/tap.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

work=$(mktemp -d)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" JAW_TODAY=2026-11-25
mkdir -p "$HOME" "$XDG_CONFIG_HOME/jaw"
project="$work/new.jaw"
"$JAW" init "$project" --title "Survey study" >/dev/null || { echo "Bail out! cannot init"; exit 1; }
csv="$work/survey.csv"
cp "$top_srcdir/tests/fixtures/csv/basic.csv" "$csv"

t() { tmux -S "$sock" "$@"; }
screen() { t capture-pane -p -t jaw; }
q() { sqlite3 "$project" "$1"; }

# wait_for TEXT: waits up to 10 s for TEXT to be on the screen.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for: $1"
	screen 2>/dev/null | while IFS= read -r l; do diag "  $l"; done
	return 1
}

# start COMMAND: runs COMMAND in a fresh 80x24 tmux session.
start() {
	t kill-session -t jaw 2>/dev/null
	t -f /dev/null new-session -d -s jaw -x 80 -y 24 "$1; echo exit=\$? >$work/status; sleep 30"
}

# stopped: waits up to 10 s for the program to end with status 0.
stopped() {
	i=0
	while [ $i -lt 100 ]; do
		grep -qx "exit=0" "$work/status" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

rm -f "$work/status"
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
