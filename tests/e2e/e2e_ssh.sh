#!/bin/sh
# e2e_ssh.sh - a real SSH session, end to end: the test starts its own sshd
# on 127.0.0.1 (a free port, a throwaway host key and user key, its config
# in the scratch directory), two analysts log in with ssh -tt inside tmux
# and open the same project; one codes a segment from the keyboard, the
# other sees it within 2 s; then the first connection is dropped by killing
# its ssh client: the coding is in the project, jaw on the server has gone
# and jaw check passes. sshd is stopped by its process id. Skipped without
# sshd (Debian: openssh-server), or when not run as root (sshd's privilege
# separation needs it).
. "$top_srcdir/tests/tap.sh"

sshd=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$sshd" ] || skip_all "no sshd (install the Debian package openssh-server)"
[ "$(id -u)" -eq 0 ] || skip_all "sshd needs root here"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 finds a free port"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
chmod 755 "$work"
ssh_dir="$work/ssh"
mkdir -m 700 "$ssh_dir"
ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/host_key" || { echo "Bail out! ssh-keygen"; exit 1; }
ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/user_key" || { echo "Bail out! ssh-keygen"; exit 1; }
cp "$ssh_dir/user_key.pub" "$ssh_dir/authorized_keys"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$ssh_dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $ssh_dir/host_key
AuthorizedKeysFile $ssh_dir/authorized_keys
PidFile $ssh_dir/sshd.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AcceptEnv LANG LC_*
PrintMotd no
CONF
mkdir -p /run/sshd
"$sshd" -f "$ssh_dir/sshd_config" -E "$ssh_dir/sshd.log" || { echo "Bail out! sshd did not start"; cat "$ssh_dir/sshd.log"; exit 1; }
trap 'kill "$(cat "$ssh_dir/sshd.pid" 2>/dev/null)" 2>/dev/null; tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
i=0
while [ ! -s "$ssh_dir/sshd.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

project="$work/p.jaw"
"$JAW" init "$project" --demo >/dev/null || { echo "Bail out! cannot make the demo"; exit 1; }
before=$(sqlite3 "$project" "SELECT count(*) FROM coding")

# ssh_jaw SESSION ANALYST: logs in over ssh in tmux session SESSION and
# opens the project as ANALYST.
ssh_jaw() {
	remote="cd '$work' && HOME='$work' XDG_CONFIG_HOME='$work/$2' JAW_TODAY=2026-11-25"
	remote="$remote LC_ALL=C.UTF-8 TERM=tmux-256color USER=$2 LOGNAME=$2 '$JAW' '$project'"
	new_session -s "$1" -x 100 -y 30 "ssh -tt -i '$ssh_dir/user_key' -p $port \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		-o BatchMode=yes 127.0.0.1 \"$remote\""
}
on() { t capture-pane -p -t "$1"; }
wait_on() {
	i=0
	while [ $i -lt "${3:-100}" ]; do
		on "$1" 2>/dev/null | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting on $1 for: $2"
	on "$1" 2>/dev/null | while IFS= read -r l; do diag "  $l"; done
	return 1
}

ssh_jaw a amira
check "analyst A logs in over ssh and opens the project" wait_on a " Timeline  1/24" 150
ssh_jaw b tomas
check "analyst B logs in the same way" wait_on b " Timeline  1/24" 150
t send-keys -t b E
check "B sees the evidence and its codings" wait_on b "Interview with the brigade"
b_count() { on b | grep -F "Interview with the brigade" | awk '{print $NF}'; }
b_before=$(b_count)

# A codes the first sentences of the brigade legal adviser's interview
t send-keys -t a E j j Enter
check "A reads the interview" wait_on a "Interview with the brigade legal adviser"
t send-keys -t a v ')' 1
check "A codes a passage from the keyboard" wait_on a "(u undoes)"
check "the coding is in the project" test "$(sqlite3 "$project" "SELECT count(*) FROM coding")" -eq $((before + 1))
i=0
while [ "$(b_count)" = "$b_before" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
check "B sees the new coding within 2 s (the count went up)" test "$(b_count)" -eq $((b_before + 1))

# the connection drops: the ssh client is killed
# jaw_of ANALYST: the process id of the jaw that analyst runs on the server
jaw_of() {
	for pid in $(pgrep -f "$project"); do
		tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "USER=$1" && echo "$pid"
	done
}
server_jaw=$(jaw_of amira)
check "A's jaw runs on the server" test -n "$server_jaw"
client=$(t display -p -t a '#{pane_pid}')
kill -9 "$client"
i=0
while kill -0 "$server_jaw" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "jaw on the server ends when the connection drops" test $i -lt 50
check "the coding survives the dropped connection" test "$(sqlite3 "$project" "SELECT count(*) FROM coding")" -eq $((before + 1))
check "jaw check passes" quiet "$JAW" check "$project"
t send-keys -t b q
sleep 0.3
sshd_pid=$(cat "$ssh_dir/sshd.pid")
kill "$sshd_pid"
i=0
while kill -0 "$sshd_pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "sshd is stopped by its pid" test $i -lt 50

done_testing
