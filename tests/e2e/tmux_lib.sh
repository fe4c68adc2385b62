# tmux_lib.sh - what the tmux end-to-end tests share (sourced after
# tap.sh): a scratch directory $work, a private tmux server, and ways to
# start jaw in it, read its screen and wait for text or for it to end.

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

work=$(mktemp -d)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT INT TERM

t() { tmux -S "$sock" "$@"; }

# new_session ARGS...: tmux new-session -d ARGS, tried again for up to 5 s:
# when the last session ends the server exits, and a new-session sent to
# it on its way out fails ("server exited unexpectedly").
new_session() {
	i=0
	while [ $i -lt 50 ]; do
		t -f /dev/null new-session -d "$@" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "tmux new-session failed: $*"
	return 1
}
screen() { t capture-pane -p -t jaw; }

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

# start COMMAND [COLUMNS LINES]: runs COMMAND in a fresh tmux session
# (80x24 unless given); its exit status goes to $work/status.
start() {
	rm -f "$work/status"
	t kill-session -t jaw 2>/dev/null
	new_session -s jaw -x "${2:-80}" -y "${3:-24}" \
		"$1; echo exit=\$? >$work/status; sleep 30"
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
