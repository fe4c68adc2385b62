#!/bin/sh
# e2e_demo.sh - end to end: the real binary in a real terminal (tmux).
# Starts `jaw --demo` at 80x24, reads the panes, moves, opens help, quits
# with q; then checks that SIGTERM and SIGHUP end a session cleanly.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"

# wait_exit: waits up to 10 s for the program in the pane to end; prints its status.
wait_exit() {
	i=0
	while [ $i -lt 100 ]; do
		if [ "$(t display -p -t jaw '#{pane_dead}' 2>/dev/null)" = 1 ]; then
			t display -p -t jaw '#{pane_dead_status}'
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo timeout
	return 1
}

# start_kept COMMAND: like start, but the pane stays after the program
# ends (so wait_exit can read its status) and stderr goes to $work/stderr.
start_kept() {
	new_session -s jaw -x 80 -y 24 \
		"$1 2>$work/stderr; echo exit=\$? >$work/status"
	t set-option -t jaw remain-on-exit on
}

# --- jaw --demo at 80x24 ---------------------------------------------------
start_kept "'$JAW' --demo"
check "the demo opens with its title" wait_for "jaw  Human Security at the Tact"
check "the timeline pane is there" wait_for " Timeline  1/24"
check "the stakeholder pane is there" wait_for " Stakeholders  1/29"
check "the evidence pane is there" wait_for " Evidence  1/16"
check "timeline rows are shown beside their chart" wait_for "Tasking order re… ◆"
check "non-ASCII stakeholders are shown" wait_for "François Lefèvre"
check "the status bar describes the selection" wait_for "Tasking (phase, done) 2026-07-01 to 2026-07-17"
t send-keys -t jaw j j
check "j moves down in the timeline" wait_for " Timeline  3/24"
t send-keys -t jaw Tab Tab G
check "Tab twice focuses evidence, G goes to the end" wait_for " Evidence  16/16"
t send-keys -t jaw '?'
check "? opens the help" wait_for "Keys: Evidence: lines 1-18 of"
check "the help lists keys from the action table" wait_for "Move up one row"
t send-keys -t jaw Escape
check "a key closes the help" wait_for "Date       Kind"
t resize-window -t jaw -x 120 -y 40 2>/dev/null || t resize-pane -t jaw -x 120 -y 40
check "a wider terminal shows more columns" wait_for "Stakeholder          Event"
t resize-window -t jaw -x 30 -y 10 2>/dev/null || t resize-pane -t jaw -x 30 -y 10
check "a tiny terminal says it is too small" wait_for "Terminal too small."
t resize-window -t jaw -x 80 -y 24 2>/dev/null || t resize-pane -t jaw -x 80 -y 24
check "back at 80x24 the panes return" wait_for " Evidence  16/16"
t send-keys -t jaw q
wait_exit >/dev/null
check "q quits with status 0" grep -qx "exit=0" "$work/status"
check "the demo location is reported" grep -q "jaw: demo project created at $XDG_DATA_HOME/jaw/demo.jaw" "$work/stderr"
demo=$(sed -n 's/^jaw: demo project created at //p' "$work/stderr")
check "the demo file exists and is sound" quiet "$JAW" check "$demo"
t kill-session -t jaw

# --- --demo makes the whole ~/.local/share/jaw path when it is missing ------
start_kept "env -u XDG_DATA_HOME HOME='$work/fresh-home' '$JAW' --demo"
check "--demo works in a home without ~/.local" wait_for " Timeline  1/24"
t send-keys -t jaw q
wait_exit >/dev/null
check "the demo went to ~/.local/share/jaw" test -f "$work/fresh-home/.local/share/jaw/demo.jaw"
t kill-session -t jaw

# --- --demo again opens the same copy, with its changes; a broken one is replaced
fresh="$work/fresh-home/.local/share/jaw/demo.jaw"
sqlite3 "$fresh" "UPDATE project SET title = 'My demo notes'"
start_kept "env -u XDG_DATA_HOME HOME='$work/fresh-home' '$JAW' --demo"
check "--demo again keeps the changes made" wait_for "My demo notes"
t send-keys -t jaw q
wait_exit >/dev/null
check "--demo again says it reopened the copy" grep -q "jaw: opening the demo project at $fresh again" "$work/stderr"
check "--demo again leaves one copy" test "$(ls "$work/fresh-home/.local/share/jaw/" | grep -c '^demo.*\.jaw$')" -eq 1
t kill-session -t jaw
printf 'not a project' >"$fresh"
rm -f "$fresh-wal" "$fresh-shm"
start_kept "env -u XDG_DATA_HOME HOME='$work/fresh-home' '$JAW' --demo"
check "--demo replaces a copy it cannot open" wait_for "jaw  Human Security at the Tact"
t send-keys -t jaw q
wait_exit >/dev/null
check "--demo says it replaced the copy" grep -q "could not be opened; replaced it with a fresh copy" "$work/stderr"
t kill-session -t jaw

# --- signals end a session cleanly ------------------------------------------
for sig in TERM:15 HUP:1; do
	num=${sig#*:}
	sig=${sig%:*}
	start_kept "'$JAW' '$demo'"
	wait_for " Timeline  1/24" >/dev/null
	pid=$(pgrep -f "^$JAW $demo\$" | head -n 1)
	check "SIG$sig: found the process" test -n "$pid"
	[ -n "$pid" ] && kill -$sig "$pid"
	wait_exit >/dev/null
	check "SIG$sig: jaw ends with status 128+signal" grep -q "exit=$((128 + num))" "$work/status"
	check "SIG$sig: the project is sound afterwards" quiet "$JAW" check "$demo"
	t kill-session -t jaw
done

done_testing
