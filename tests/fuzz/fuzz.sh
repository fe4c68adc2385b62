#!/bin/sh
# fuzz.sh - builds and runs the libFuzzer targets (make fuzz runs it).
#   fuzz.sh build: compiles the core's sources and each tests/fuzz/fuzz_NAME.c
#     with $CC_FUZZ -fsanitize=fuzzer,address,undefined into
#     tests/fuzz/build/ (apart from the normal build; only what changed).
#   fuzz.sh probe: exits 0 if $CC_FUZZ can build a libFuzzer target, else
#     says what to install and exits 77.
#   fuzz.sh run: runs each target for $FUZZ_SECONDS seconds on a copy of its
#     seed corpus (tests/fuzz/corpus/NAME, which it never changes), and
#     prints one TAP line per target with its executions and coverage. A
#     crash, leak, timeout or sanitizer report fails it; the input is kept
#     as tests/fuzz/build/NAME-crash-... and the report in .../NAME.log.
# The environment gives: srcdir, FUZZ_TARGETS, CC_FUZZ, FUZZ_CPPFLAGS,
# FUZZ_LIBS, FUZZ_SOURCES (the core's .c files, relative to srcdir or the
# build directory), FUZZ_SECONDS.
set -u
srcdir=${srcdir:-.}
CC_FUZZ=${CC_FUZZ:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
out=tests/fuzz/build
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"

# libfuzzer_missing: true (with a message) when CC_FUZZ cannot link a fuzzer.
libfuzzer_missing() {
	probe=$(mktemp -d "${TMPDIR:-/tmp}/jaw-fuzz-probe-XXXXXX") || return 0
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
		>"$probe/p.c"
	if "$CC_FUZZ" -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
		rm -rf "$probe"
		return 1
	fi
	rm -rf "$probe"
	echo "fuzz: $CC_FUZZ cannot build a libFuzzer target (install the Debian package clang, or set CC_FUZZ)" >&2
	return 0
}

# newer OBJ SRC: true when OBJ must be made again from SRC (or a header changed).
newer() {
	[ -f "$1" ] || return 0
	[ -n "$(find "$2" -newer "$1")" ] && return 0
	[ -n "$(find "$srcdir/src" "$srcdir/tests/fuzz" config.h -newer "$1" -name '*.h' 2>/dev/null | head -n 1)" ]
}

# compile SRC OBJ [EXTRA FLAGS]
compile() {
	newer "$2" "$1" || return 0
	echo "  CC_FUZZ  $1"
	# shellcheck disable=SC2086
	"$CC_FUZZ" $flags $FUZZ_CPPFLAGS "$3" -c "$1" -o "$2.tmp" && mv "$2.tmp" "$2"
}

build() {
	: "${FUZZ_TARGETS:?}" "${FUZZ_SOURCES:?}"
	libfuzzer_missing && return 77
	mkdir -p "$out/core" || return 1
	objs=""
	for s in $FUZZ_SOURCES; do
		case $s in *.c) ;; *) continue ;; esac
		src=$s
		[ -f "$src" ] || src=$srcdir/$s
		obj=$out/core/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')
		objs="$objs $obj"
		compile "$src" "$obj" -fsanitize=fuzzer-no-link || return 1
	done
	compile "$srcdir/tests/fuzz/fuzz_util.c" "$out/fuzz_util.o" -fsanitize=fuzzer-no-link || return 1
	for t in $FUZZ_TARGETS; do
		compile "$srcdir/tests/fuzz/fuzz_$t.c" "$out/fuzz_$t.o" -fsanitize=fuzzer-no-link || return 1
		if [ -f "$out/fuzz_$t" ] && [ -z "$(find "$out" -name '*.o' -newer "$out/fuzz_$t" | head -n 1)" ]; then
			continue
		fi
		echo "  LD_FUZZ  $out/fuzz_$t"
		# shellcheck disable=SC2086
		"$CC_FUZZ" $flags -fsanitize=fuzzer "$out/fuzz_$t.o" "$out/fuzz_util.o" $objs \
			$FUZZ_LIBS -o "$out/fuzz_$t" || return 1
	done
}

# run_one N NAME: runs a target; prints its TAP line.
run_one() {
	n=$1 t=$2
	work=$out/work/$t
	log=$out/$t.log
	mkdir -p "$work"
	dict=""
	[ -f "$srcdir/tests/fuzz/$t.dict" ] && dict="-dict=$srcdir/tests/fuzz/$t.dict"
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$out/fuzz_$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 -artifact_prefix="$out/$t-" $dict \
		"$work" "$srcdir/tests/fuzz/corpus/$t" >"$log" 2>&1
	st=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | sed 's/cov: //')
	if [ "$st" -eq 0 ] && ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
		echo "ok $n - fuzz $t: ${execs:-0} executions in ${FUZZ_SECONDS} s, cov: ${cov:-?}"
		return 0
	fi
	echo "not ok $n - fuzz $t: exit status $st after ${execs:-?} executions (see $log)"
	grep -E 'ERROR:|runtime error:|SUMMARY:|artifact' "$log" | head -n 5 | sed 's/^/# /'
	return 1
}

run() {
	: "${FUZZ_TARGETS:?}"
	n=0
	failed=0
	for t in $FUZZ_TARGETS; do
		n=$((n + 1))
		run_one "$n" "$t" || failed=$((failed + 1))
	done
	echo "1..$n"
	[ "$failed" -eq 0 ]
}

case ${1:-} in
probe) libfuzzer_missing && exit 77; exit 0 ;;
build) build ;;
run) run ;;
*) echo "usage: fuzz.sh probe|build|run" >&2; exit 2 ;;
esac
