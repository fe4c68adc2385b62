#!/bin/sh
# fault_cli.sh - the project under faults, with the real binary:
#   - W concurrent `jaw code` writers of N codings each: every coding
#     acknowledged (exit 0) is kept, and the WAL's peak size is sampled;
#   - K runs of kill -9 while a writer codes, and K while a survey of R rows
#     imports: after each, jaw check passes, the import is all or nothing
#     and every coding acknowledged before the kill is kept;
#   - S runs each of SIGHUP and SIGTERM while a writer codes: the same.
# make check runs it small; make stress (tests/stress.sh) runs it long and
# prints the figures as a table. (The kill -9 during an import that
# csv_cli.sh had is here.) Sizes come from the environment:
#   FAULT_WRITERS (4), FAULT_CODINGS (10), FAULT_KILLS (2), FAULT_ROWS
#   (30000), FAULT_SIGNALS (1), FAULT_GENSURVEY (bench/gensurvey; else awk
#   writes the survey), FAULT_FIGURES (a file the figures go to).
: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=fault
. "$top_srcdir/tests/e2e/cli_lib.sh"

writers=${FAULT_WRITERS:-4}
codings=${FAULT_CODINGS:-10}
kills=${FAULT_KILLS:-2}
rows=${FAULT_ROWS:-30000}
signals=${FAULT_SIGNALS:-1}
figures=${FAULT_FIGURES:-$work/figures}
: >"$figures"
figure() { printf '%s\t%s\n' "$1" "$2" >>"$figures"; diag "$1: $2"; }

"$JAW" init p.jaw >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
# a note long enough for a coding per writer and step: "w0000 w0001 ..."
awk -v n=$((writers * codings + 4000)) 'BEGIN { for (i = 0; i < n; i++) printf "w%04d ", i % 10000; print "" }' >long.txt
"$JAW" import-notes p.jaw long.txt >/dev/null 2>&1 || { echo "Bail out! import-notes failed"; exit 1; }

# wal_sampler: writes the largest size p.jaw-wal had into wal.peak until
# wal.stop appears.
wal_sampler() {
	peak=0
	while [ ! -e wal.stop ]; do
		s=$(stat -c %s p.jaw-wal 2>/dev/null || echo 0)
		[ "$s" -gt "$peak" ] && peak=$s && echo "$peak" >wal.peak
		sleep 0.05
	done
}

# writer W N FIRST: codes N passages of source 1 as coder wW, one after
# the other from offset FIRST; each acknowledged one goes to acked.W as
# "coder start"; the running jaw's pid is in cur.W.
writer() {
	w=$1 n=$2 at=$3 i=0
	: >"acked.$w"
	while [ "$i" -lt "$n" ]; do
		s=$((at + i * 6))
		"$JAW" code p.jaw --source 1 --start $s --end $((s + 5)) --code Training --coder "w$w" \
			</dev/null >/dev/null 2>>"errors.$w" &
		echo $! >"cur.$w"
		{ wait $!; } 2>/dev/null && echo "w$w $s" >>"acked.$w"
		i=$((i + 1))
	done
}

# kept_all FILES...: every coding acknowledged in FILES is in the project.
kept_all() {
	cat "$@" | sort >acked.all
	sqlite3 p.jaw "SELECT coder || ' ' || start_cp FROM coding" | sort >stored.all
	missing=$(comm -23 acked.all stored.all | wc -l)
	[ "$missing" -eq 0 ] && return 0
	diag "$missing acknowledged codings are missing:" "$(comm -23 acked.all stored.all | head)"
	return 1
}

# ---- concurrent writers ----------------------------------------------------
rm -f wal.stop wal.peak
wal_sampler &
sampler=$!
pids=
w=0
while [ $w -lt "$writers" ]; do
	writer $w "$codings" $((w * codings * 6)) &
	pids="$pids $!"
	w=$((w + 1))
done
wait $pids
touch wal.stop
wait "$sampler"
acked=$(cat acked.* | wc -l)
stored=$(sqlite3 p.jaw "SELECT count(*) FROM coding")
figure "concurrent writers" "$writers x $codings: $acked acknowledged, $stored kept"
check "$writers writers x $codings codings: every one acknowledged" test "$acked" -eq $((writers * codings))
check "every acknowledged coding kept" kept_all acked.*
check "no writer saw \"database is locked\"" test "$(cat errors.* | grep -c "database is locked")" -eq 0
check "check passes after the writers" expect 0 check p.jaw
figure "WAL peak while coding" "$(cat wal.peak 2>/dev/null || echo 0) bytes (project $(stat -c %s p.jaw) bytes)"
rm -f acked.* errors.* cur.*

# ---- signals while coding ------------------------------------------------------
# one_fault SIGNAL RUN: a writer codes from offset FIRST; after a random
# moment SIGNAL goes to the jaw it is running; then check and the acked.
next=$((writers * codings * 6))
survived=0
fault_run() {
	sig=$1
	writer k 40 "$next" &
	loop=$!
	sleep "0.$(awk -v s="$$$2" 'BEGIN { srand(s); printf "%d", 2 + rand() * 6 }')"
	kill -"$sig" "$(cat cur.k)" 2>/dev/null
	wait "$loop"
	next=$((next + 40 * 6))
	ok=1
	"$JAW" check p.jaw >check.out 2>&1 || { ok=0; diag "kill -$sig while coding: check fails:" "$(cat check.out)"; }
	kept_all acked.k || ok=0
	cat acked.k >>acked.faults
	[ $ok -eq 1 ] && survived=$((survived + 1))
	return 0
}
: >acked.faults
for sig in KILL HUP TERM; do
	n=$kills
	[ $sig = KILL ] || n=$signals
	survived=0
	r=0
	while [ $r -lt "$n" ]; do
		fault_run $sig $r
		r=$((r + 1))
	done
	check "kill -$sig while coding: $survived of $n runs sound, the acknowledged kept" test "$survived" -eq "$n"
	figure "kill -$sig during coding" "$survived of $n runs: check passes, acknowledged codings kept"
done
check "every coding acknowledged around the signals kept" kept_all acked.faults

# ---- kill -9 during an import -----------------------------------------------------
if [ -n "${FAULT_GENSURVEY:-}" ]; then
	"$FAULT_GENSURVEY" "$rows" >survey.csv
else
	awk -v n="$rows" 'BEGIN { print "id,unit,comment"; for (i = 1; i <= n; i++) printf "%d,Unit %d,\"Answer %d about the patrol\"\n", i, i % 9, i }' >survey.csv
fi
now() { date +%s.%N; }
t0=$(now)
"$JAW" import-csv p.jaw survey.csv --name whole >/dev/null 2>&1
t1=$(now)
full=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
check "an uninterrupted import: whole" equals "$rows" p.jaw "SELECT count(*) FROM respondent r JOIN survey s ON s.id = r.survey_id WHERE s.name = 'whole'"
whole=0 none=0 broken=0
r=0
while [ $r -lt "$kills" ]; do
	"$JAW" import-csv p.jaw survey.csv --name "killed $r" >/dev/null 2>&1 &
	importer=$!
	# a moment within the import's time, different each run
	sleep "$(awk -v s="$$$r" -v t="$full" 'BEGIN { srand(s); printf "%.2f", t * (0.1 + rand() * 0.8) }')"
	kill -9 "$importer" 2>/dev/null
	{ wait "$importer"; } 2>/dev/null
	n=$(sqlite3 p.jaw "SELECT count(*) FROM respondent r JOIN survey s ON s.id = r.survey_id WHERE s.name = 'killed $r'")
	if [ "$n" -eq 0 ]; then none=$((none + 1))
	elif [ "$n" -eq "$rows" ]; then whole=$((whole + 1))
	else broken=$((broken + 1)); diag "run $r: the killed import left $n of $rows respondents"
	fi
	"$JAW" check p.jaw >/dev/null 2>&1 || { broken=$((broken + 1)); diag "run $r: check fails"; }
	r=$((r + 1))
done
check "kill -9 during an import: all or nothing, check passes ($kills runs)" test "$broken" -eq 0
check "kill -9 during an import: no run broke a coding" kept_all acked.faults
figure "kill -9 during a $rows-row import" "$((kills - broken)) of $kills runs sound ($none killed before the commit, $whole after); import alone ${full} s"
check "check passes at the end" expect 0 check p.jaw
done_testing
