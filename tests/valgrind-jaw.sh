#!/bin/sh
# valgrind-jaw.sh - jaw under valgrind, for the command-line tests: set
# JAW to this script, JAW_VALGRIND_BIN to the jaw binary (built without
# sanitizers) and JAW_VALGRIND_LOGS to a directory. Each run writes
# valgrind's report to JAW_VALGRIND_LOGS/PID.log (empty when it found
# nothing) and exits 99 on a memory error or a definite or indirect leak,
# so that a test of the exit status fails too; tests/valgrind.sh runs the
# tests so and reads the reports.
: "${JAW_VALGRIND_BIN:?set JAW_VALGRIND_BIN to the jaw binary}"
: "${JAW_VALGRIND_LOGS:?set JAW_VALGRIND_LOGS to a directory for the reports}"
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --track-fds=no --child-silent-after-fork=yes \
	--log-file="$JAW_VALGRIND_LOGS/%p.log" "$JAW_VALGRIND_BIN" "$@"
