# cli_lib.sh - what the command-line tests share (sourced after tap.sh):
# a scratch directory to work in, and checks on the exit status, stdout,
# stderr and the project file. Set cli_name before sourcing it to name
# the scratch directory.

case $JAW in /*) ;; ?*) JAW=$(pwd)/$JAW ;; esac # the tests run elsewhere
[ -x "$JAW" ] || skip_all "JAW is not set to the jaw binary"
command -v sqlite3 >/dev/null 2>&1 || skip_all "the sqlite3 program is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/jaw-${cli_name:-cli}-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
cd "$work" || exit 1
out=$work/.out
err=$work/.err

# jaw ARGS...: runs the binary (stdin not a terminal); sets st.
jaw() {
	"$JAW" "$@" </dev/null >"$out" 2>"$err"
	st=$?
}

# expect STATUS ARGS...: runs jaw ARGS; true if it exits with STATUS.
expect() {
	want=$1
	shift
	jaw "$@"
	[ "$st" -eq "$want" ] && return 0
	diag "exit status $st, expected $want; stderr:" "$(cat "$err")"
	return 1
}

# err_line TEXT: some line of stderr is exactly TEXT.
err_line() {
	grep -qxF -- "$1" "$err" && return 0
	diag "stderr has no line \"$1\"; it was:" "$(cat "$err")"
	return 1
}

# err_has TEXT: stderr contains TEXT.
err_has() {
	grep -qF -- "$1" "$err" && return 0
	diag "stderr lacks \"$1\"; it was:" "$(cat "$err")"
	return 1
}

# out_has TEXT: stdout contains TEXT.
out_has() {
	grep -qF -- "$1" "$out" && return 0
	diag "stdout lacks \"$1\"; it was:" "$(cat "$out")"
	return 1
}

# out_line TEXT: some line of stdout is exactly TEXT.
out_line() {
	grep -qxF -- "$1" "$out" && return 0
	diag "stdout has no line \"$1\"; it was:" "$(cat "$out")"
	return 1
}

# err_is_jaw: the first line of stderr is "jaw: ...".
err_is_jaw() {
	head -n 1 "$err" | grep -q '^jaw: .' && return 0
	diag "stderr does not start with \"jaw: \":" "$(cat "$err")"
	return 1
}

# out_matches REGEX: the first line of stdout matches the basic REGEX.
out_matches() {
	head -n 1 "$out" | grep -q -- "$1" && return 0
	diag "stdout does not match $1:" "$(cat "$out")"
	return 1
}

# file_is FILE TEXT: FILE holds exactly TEXT (and a newline).
file_is() { [ "$(cat "$1")" = "$2" ]; }

empty() { [ ! -s "$1" ]; }
absent() { for f in "$@"; do [ ! -e "$f" ] || return 1; done; }

# at_least MIN FILE SQL: the query's number is at least MIN.
at_least() {
	n=$(sqlite3 "$2" "$3") || return 1
	[ "$n" -ge "$1" ] && return 0
	diag "$3: $n, expected at least $1"
	return 1
}

# equals WANT FILE SQL: the query prints exactly WANT.
equals() {
	v=$(sqlite3 "$2" "$3") || return 1
	[ "$v" = "$1" ] && return 0
	diag "$3: \"$v\", expected \"$1\""
	return 1
}

# out_is TEXT: stdout is exactly TEXT (and a newline).
out_is() {
	[ "$(cat "$out")" = "$1" ] && return 0
	diag "stdout is not \"$1\"; it was:" "$(cat "$out")"
	return 1
}

# same FILE1 FILE2: the files are byte for byte the same.
same() {
	cmp -s "$1" "$2" && return 0
	diag "$1 differs from $2:" "$(od -c "$1" | head -n 20)"
	return 1
}
