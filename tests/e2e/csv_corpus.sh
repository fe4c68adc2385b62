#!/bin/sh
# csv_corpus.sh - jaw import-csv on every CSV and TSV file of the shared
# corpus of public files (../shared/corpora, see its SOURCES.md): each
# stored value is compared with Python's csv module, each refusal's line
# with where the file is truly malformed (tests/e2e/csv_corpus.py). Skipped
# when the corpus or python3 is absent.
: "${top_srcdir:?set top_srcdir to the source tree}"
: "${JAW:?set JAW to the jaw program}"
corpus=
for dir in "${JAW_CORPORA:-}" "$top_srcdir/../shared/corpora" /work/shared/corpora; do
	if [ -n "$dir" ] && [ -f "$dir/SOURCES.md" ]; then
		corpus=$dir
		break
	fi
done
[ -n "$corpus" ] || { echo "1..0 # SKIP no corpus at ../shared/corpora"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP no python3"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/jaw-corpus-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
python3 "$top_srcdir/tests/e2e/csv_corpus.py" "$JAW" "$corpus" "$work"
