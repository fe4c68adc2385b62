#!/bin/sh
# e2e_shell.sh - the shell end to end in tmux: while the code picker is
# open over the reader, another process adds a code and a coding, and both
# the picker and the reader behind it show them within 2 s; a list of 60
# coded segments in a window on a 24-line terminal reaches its last row
# with G and with j.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
project="$work/p.jaw"
note="$work/note.txt"
i=0
: >"$note"
while [ $i -lt 70 ]; do
	printf 'Sentence %02d of the patrol report.\n' $i >>"$note"
	i=$((i + 1))
done

check "a new project" quiet "$JAW" init "$project"
check "the note is imported" quiet "$JAW" import-notes "$project" "$note"

# within_2s TEXT: TEXT shows within 2 s.
within_2s() {
	i=0
	while [ $i -lt 20 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "not on the screen within 2 s: $1"
	screen | while IFS= read -r l; do diag "  $l"; done
	return 1
}

start "'$JAW' '$project'" 100 30
wait_for " Evidence  1/1" >/dev/null
t send-keys -t jaw E Enter
check "Enter opens the note" wait_for "Sentence 00 of the patrol report."
t send-keys -t jaw c Z e b
check "the picker finds no code Zeb" wait_for "no code matches: Enter makes a new code \"Zeb\""
sqlite3 "$project" "INSERT INTO code (name, position) VALUES ('Zebra crossing', 99);
INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)
VALUES (1, 0, 11, (SELECT id FROM code WHERE name = 'Zebra crossing'), 'other');"
check "another process's code shows in the open picker within 2 s" within_2s "Zebra crossing"
check "and its coding in the reader's margin behind it" within_2s "Zebra c"
t send-keys -t jaw Escape q q
check "q q leaves jaw" stopped

i=0
while [ $i -lt 60 ]; do
	"$JAW" code "$project" --source 1 --start $((i * 34)) --end $((i * 34 + 11)) \
		--code Training --coder tester >/dev/null || break
	i=$((i + 1))
done
check "60 codings with Training" test $i -eq 60

start "'$JAW' '$project'" 80 24
wait_for " Timeline" >/dev/null
t send-keys -t jaw C
wait_for " Codebook" >/dev/null
t send-keys -t jaw / Training Enter Enter
check "Enter lists the 60 segments in a window" wait_for "1 of 60"
t send-keys -t jaw G
check "G reaches the last of the 60" wait_for "60 of 60"
check "and shows it" wait_for "│ Sentence 59    "
t send-keys -t jaw Escape Enter
wait_for "1 of 60" >/dev/null
j=0
while [ $j -lt 59 ]; do
	t send-keys -t jaw j
	j=$((j + 1))
done
check "59 presses of j reach the last of the 60" wait_for "60 of 60"
t send-keys -t jaw Enter
check "Enter reads it at its start" wait_for " 2006/"
t send-keys -t jaw q
check "q goes back to the list" wait_for "60 of 60"
t send-keys -t jaw Escape q q
check "q q leaves jaw" stopped
check "the project is sound" quiet "$JAW" check "$project"
done_testing
