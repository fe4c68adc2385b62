#!/usr/bin/env python3
"""csv_corpus.py - jaw import-csv against a corpus of real CSV and TSV files.

For every .csv, .tsv and .csv.txt file under CORPUS: jaw import-csv into a
new project, then either
  * every stored cell is compared with Python's csv module reading the file
    with the same delimiter, quoting and encoding (the text jaw shows: the
    scale label or the value as SQLite's json_extract gives it, the id, the
    open answer), or
  * the refusal's "FILE line N: WHAT" is checked against this script's own
    reading of where the file is malformed (a NUL byte, an invalid byte for
    its encoding, a known binary format, a quote RFC 4180 does not allow, a
    row wider than its headings, an empty file).
Prints TAP, one test per file, and a table of the results.

usage: csv_corpus.py JAW CORPUS WORKDIR
"""
import codecs
import csv
import io
import os
import re
import sqlite3
import subprocess
import sys

csv.field_size_limit(1 << 30)

BLANK = " \t\r\n"


def corpus_files(root):
    out = []
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith((".csv", ".tsv", ".csv.txt")):
                out.append(os.path.join(d, n))
    return sorted(out)


def run(args):
    p = subprocess.run(args, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# ---- the independent reading -------------------------------------------------

def python_codec(encoding):
    if encoding == "UTF-8 (BOM)":
        return "utf-8-sig"
    if encoding in ("UTF-16LE (BOM)", "UTF-16BE (BOM)"):
        return "utf-16"
    return encoding.split(" ")[0]


def python_rows(raw, encoding, delimiter, quote_none):
    """The rows Python's csv module reads, with the line each starts on;
    rows whose fields are all empty are left out, as jaw skips them."""
    text = raw.decode(python_codec(encoding))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                        quoting=csv.QUOTE_NONE if quote_none else csv.QUOTE_MINIMAL,
                        strict=False)
    rows, line = [], 1
    for row in reader:
        if any(f != "" for f in row):
            rows.append((line, row))
        line = reader.line_num + 1
    return rows


def line_of(data, offset):
    """1-based line of data[offset], counting LF, CRLF and CR line ends."""
    head = data[:offset]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def decode_for_check(raw, forced=None):
    """Decodes raw as jaw would without --encoding; returns (text, problem)."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16"), None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        good = raw[:e.start].decode("utf-8")
        return None, ("encoding", line_of(good, len(good)))


MAGIC = [b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"SQLite format 3", b"\x1f\x8b",
         b"\x89PNG", b"\xff\xd8\xff"]


def quoting_problem(text, delimiter, strict):
    """The first place RFC 4180's quoting is broken: (kind, line) or None.
    A quote inside an unquoted field is allowed unless strict."""
    i, n, line = 0, len(text), 1
    field_start = True
    while i < n:
        c = text[i]
        if field_start and c == '"':
            open_line, i = line, i + 1
            while True:
                if i >= n:
                    return ("quote", open_line)
                c = text[i]
                if c == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                    i += 1
                if c in "\r\n":
                    line += 1
                i += 1
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                return ("quote", line)
            field_start = False
            continue
        if c == delimiter:
            field_start = True
        elif c in "\r\n":
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            line += 1
            field_start = True
        else:
            if c == '"' and strict:
                return ("quote", line)
            field_start = False
        i += 1
    return None


def problems_of(raw, delimiter):
    """Where the file is malformed, as jaw reads it by default: a list of
    (kind, line), earliest first."""
    if not raw:
        return [("empty", 1)]
    for m in MAGIC:
        if raw.startswith(m):
            return [("binary", 1)]
    found = []
    text, bad = decode_for_check(raw)
    if bad:
        found.append(bad)
        good = raw[:0]
        text = None
    if text is not None:
        if "\0" in text:
            found.append(("nul", line_of(text, text.index("\0"))))
        q = quoting_problem(text, delimiter, False)
        if q:
            found.append(q)
        elif "\0" not in text:
            rows = python_rows(raw, "UTF-8 (BOM)" if raw.startswith(b"\xef\xbb\xbf") else
                               "UTF-16LE (BOM)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else
                               "UTF-8", delimiter, False)
            if not rows:
                found.append(("empty", 1))
            elif len(rows) == 1:
                found.append(("nodata", 1))
            else:
                wide = [line for line, row in rows if len(row) > 4096]
                if wide:
                    found.append(("limit", wide[0]))
                width = len(rows[0][1])
                for line, row in rows[1:]:
                    if len(row) != width:
                        found.append(("ragged", line))
                        break
    else:
        # NUL bytes before the first invalid byte count too
        if b"\0" in raw:
            found.append(("nul", raw[:raw.index(b"\0")].count(b"\n") + 1))
    return sorted(found, key=lambda p: p[1])


def refusal_kind(msg):
    rules = [("NUL", "nul"), ("not a CSV file", "binary"), ("invalid UTF-8", "encoding"),
             ("not valid", "encoding"), ("but the heading has", "ragged"), ("quote", "quote"),
             ("no data rows", "nodata"), ("more than 4096 fields", "limit"), ("holds no CSV rows", "empty"), ("is empty", "empty")]
    for word, kind in rules:
        if word in msg:
            return kind
    return "other"


# ---- comparing what jaw stored ----------------------------------------------

SHOWN = """
SELECT c.position, c.role, r.id, r.external_id,
       coalesce(l.label, CAST(json_extract(r.answers, '$[' || (c.position - 1) || ']') AS TEXT))
  FROM respondent r JOIN survey_column c ON c.survey_id = r.survey_id
  LEFT JOIN survey_label l
    ON l.column_id = c.id
   AND l.value = json_extract(r.answers, '$[' || (c.position - 1) || ']')
   AND c.role = 'likert'
 WHERE r.survey_id = ?
 ORDER BY r.id, c.position
"""


def compare(project, path, quote_none):
    """Returns (cells compared, list of differences) or raises."""
    db = sqlite3.connect(project)
    sid, enc, delim, header_rows = db.execute(
        "SELECT id, encoding, delimiter, header_rows FROM survey").fetchone()
    skip = 0
    rows = python_rows(open(path, "rb").read(), enc, delim, quote_none)[header_rows + skip:]
    resp = [r[0] for r in db.execute("SELECT id FROM respondent WHERE survey_id = ? ORDER BY id",
                                     (sid,))]
    diffs = []
    if len(resp) != len(rows):
        diffs.append("%d respondents, Python reads %d data rows" % (len(resp), len(rows)))
        return 0, diffs
    index = {rid: k for k, rid in enumerate(resp)}
    texts = {}
    for col, rid, text in db.execute(
            "SELECT c.position, s.respondent_id, s.text FROM source s"
            " JOIN survey_column c ON c.id = s.column_id WHERE c.survey_id = ?", (sid,)):
        texts[(col, rid)] = text
    cells = 0
    for pos, role, rid, ext, shown in db.execute(SHOWN, (sid,)):
        line, row = rows[index[rid]]
        cell = row[pos - 1] if pos - 1 < len(row) else ""
        blank = cell.strip(BLANK) == ""
        if role == "ignore":
            continue
        cells += 1
        if role == "id":
            got, want = ext, cell
        elif role == "open_text":
            got = texts.get((pos, rid))
            want = None if blank else cell.replace("\r\n", "\n").replace("\r", "\n")
        else:
            got, want = shown, None if blank else cell
        if got != want:
            diffs.append("line %d column %d (%s): stored %r, file %r" % (line, pos, role, got, want))
    db.close()
    return cells, diffs


def main():
    jaw, corpus, work = sys.argv[1:4]
    files = corpus_files(corpus)
    n = 0
    exact = refused = altered_files = altered = cells_total = 0
    reasons = {}
    for path in files:
        n += 1
        rel = os.path.relpath(path, corpus)
        project = os.path.join(work, "corpus-%d.jaw" % n)
        if os.path.exists(project):
            os.unlink(project)
        rc, _, err = run([jaw, "init", project, "--codebook", "empty"])
        if rc != 0:
            print("not ok %d - %s: jaw init failed: %s" % (n, rel, err.strip()))
            continue
        rc_dry, out_dry, err_dry = run([jaw, "import-csv", project, path, "--dry-run"])
        rc, out, err = run([jaw, "import-csv", project, path])
        if rc == 0:
            quote_none = " without quoting" in out_dry
            try:
                cells, diffs = compare(project, path, quote_none)
            except Exception as e:  # a reading Python refuses: say so
                print("not ok %d - %s: imported, but the comparison failed: %s" % (n, rel, e))
                altered_files += 1
                continue
            cells_total += cells
            if diffs:
                altered_files += 1
                altered += len(diffs)
                print("not ok %d - %s: %d of %d values differ" % (n, rel, len(diffs), cells))
                for d in diffs[:5]:
                    print("# " + d)
            else:
                exact += 1
                print("ok %d - %s: %d values as written" % (n, rel, cells))
        else:
            refused += 1
            msg = err.strip().splitlines()[-1] if err.strip() else ""
            m = re.search(r" line (\d+): (.*)$", msg)
            raw = open(path, "rb").read()
            delim = "\t" if path.endswith((".tsv",)) else ","
            m_delim = re.search(r"\((\w+)-delimited", out_dry)
            names = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}
            if m_delim and m_delim.group(1) in names:
                delim = names[m_delim.group(1)]
            else:
                sniff = raw[:4096]
                counts = {d: sniff.count(d.encode()) for d in (",", ";", "\t", "|")}
                delim = max(counts, key=counts.get) if any(counts.values()) else ","
            probs = problems_of(raw, delim)
            kind = refusal_kind(msg)
            line = int(m.group(1)) if m else 1
            ok = bool(probs) and probs[0][1] == line and any(
                p == (kind, line) for p in probs)
            reasons[kind] = reasons.get(kind, 0) + 1
            print("%s %d - %s: refused at line %d (%s)%s" % (
                "ok" if ok else "not ok", n, rel, line, kind,
                "" if ok else "; the file's first problem: %r" % (probs[:1],)))
            if not ok:
                print("# " + msg)
        os.unlink(project)
    print("1..%d" % n)
    print("# files %d, imported exactly %d, refused %d (%s), imported with values altered %d"
          " (%d values); %d values compared" % (
              n, exact, refused, ", ".join("%s %d" % kv for kv in sorted(reasons.items())),
              altered_files, altered, cells_total))


if __name__ == "__main__":
    main()
