/* csvread.h - streaming a CSV file of any size through libcsv, row by row,
 * in flat memory, from a path, an open file descriptor or bytes in memory
 * (all three read alike, with the same errors and line numbers): the encoding is detected (UTF-8, a UTF-8 or UTF-16 byte
 * order mark) or given (converted with iconv), the delimiter is detected
 * (comma, semicolon, tab, pipe) or given, every row knows the line it
 * starts on (LF, CRLF and CR-only line ends), and NUL bytes, invalid UTF-8,
 * text after a closing quote and unterminated quoted fields stop the read
 * with "FILE line N: WHAT". Fields are kept as written: spaces at their
 * edges stay, and a quote inside a field that does not begin with one is
 * data (unless strict). Used by the survey importer. */
#ifndef JAW_CSVREAD_H
#define JAW_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Limits that keep memory flat on broken files. */
#define CSVREAD_MAX_FIELD (8u << 20)  /* bytes in one field */
#define CSVREAD_MAX_FIELDS 4096       /* fields in one row */

/* One row; fields are NUL-terminated UTF-8, borrowed for the call. Values
 * keep their line ends as in the file (see csvread_normalize_newlines). */
struct csvread_row {
	int64_t line; /* 1-based line on which the row starts */
	int nfields;
	char **fields;
	const size_t *lens;
	int64_t end_line; /* line on which it ends: if line, no value holds a line end */
};

/* Called once per row, header rows too; rows whose fields are all empty
 * are skipped (and counted). Returns JAW_OK to go on, or an error status
 * with err set to stop; the reader then prefixes "FILE line N". */
typedef int (*csvread_row_fn)(void *ctx, const struct csvread_row *row, jaw_err *err);
/* What a row function returns to end the read early, without an error;
 * csvread_file then returns it too. */
#define CSVREAD_STOP 3
/* Called now and then with the bytes read so far and the file's size. */
typedef void (*csvread_progress_fn)(void *ctx, int64_t done, int64_t total);

/* How fields are quoted. */
enum csvread_quote {
	CSVREAD_QUOTE_DETECT, /* double quotes, or none for a tab-delimited file whose first
	                         rows hold quotes no quoting writer would write */
	CSVREAD_QUOTE_DOUBLE, /* RFC 4180: "a ""b"" c" */
	CSVREAD_QUOTE_NONE,   /* a quote is data like any other character */
};

/* What the caller asks for. */
struct csvread_options {
	const char *encoding; /* NULL: detect UTF-8 / BOM; else an iconv name */
	char delimiter;       /* 0: detect */
	csvread_progress_fn progress;
	void *progress_ctx;
	enum csvread_quote quote;
	/* Refuse a quote inside a field that does not begin with one (5" long);
	 * by default it is data, as in sqlite3, Python and csvkit. */
	bool strict;
};

/* What the read found. */
struct csvread_info {
	char delimiter;        /* the delimiter used */
	enum csvread_quote quote; /* the quoting used: CSVREAD_QUOTE_DOUBLE or _NONE */
	char encoding[32];     /* "UTF-8", "UTF-8 (BOM)", "UTF-16LE (BOM)", or as given */
	uint64_t hash;         /* XXH64 of the file's bytes as read */
	int64_t bytes;         /* size of the file (0 when unknown: a pipe) */
	int64_t lines;         /* lines in the file */
	int64_t empty_rows;    /* rows skipped because all their fields were empty */
};

/* Where a CSV text comes from. */
enum csvread_from {
	CSVREAD_FROM_PATH,   /* the file at name */
	CSVREAD_FROM_FD,     /* the open descriptor fd, read from its start when it can seek
	                        (a pipe from where it is); it stays open */
	CSVREAD_FROM_BUFFER, /* the len bytes at data */
};

/* A CSV text to read; everything is borrowed. Make one with csvread_path,
 * csvread_fd or csvread_buffer. */
struct csvread_source {
	enum csvread_from from;
	const char *name; /* the path, or a name for messages ("NAME line N: ...") */
	int fd;
	const void *data;
	size_t len;
};

/* The file at path. */
struct csvread_source csvread_path(const char *path);
/* The open file descriptor fd, called name in messages. */
struct csvread_source csvread_fd(int fd, const char *name);
/* The len bytes at data, called name in messages. */
struct csvread_source csvread_buffer(const void *data, size_t len, const char *name);

/* Reads src from start to end, calling fn for each row. Returns JAW_OK,
 * JAW_USAGE for an unknown encoding, or JAW_FAIL with err set to
 * "NAME line N: WHAT". info (if not NULL) is filled in as far as the read
 * got. */
int csvread(const struct csvread_source *src, const struct csvread_options *opt,
            csvread_row_fn fn, void *ctx, struct csvread_info *info, jaw_err *err);

/* Rewrites CRLF and CR line ends in s[0..len) to LF in place; returns the
 * new length (s stays NUL-terminated if it was). */
size_t csvread_normalize_newlines(char *s, size_t len);
/* True if s[0..len) holds nothing but spaces, tabs and line ends. */
bool csvread_blank(const char *s, size_t len);
/* Returns a printable name for a delimiter: "comma", "semicolon", "tab",
 * "pipe" or the character itself. */
const char *csvread_delimiter_name(char delimiter);

#endif
