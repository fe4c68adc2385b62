/* csvdata.c - small in-memory CSV tables through libcsv. */
#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvdata.h"
#include "xalloc.h"

struct csvdata_state {
	const char *name;
	csvdata_row_fn fn;
	void *ctx;
	jaw_err *err;
	int status;
	int line;      /* line being fed */
	int next_line; /* line a row beginning now starts on */
	int row_line;  /* line the current row started on (0: none yet) */
	char **fields;
	int nfields, cap;
};

static void csvdata_on_field(void *data, size_t len, void *p)
{
	struct csvdata_state *st = p;
	if (st->row_line == 0)
		st->row_line = st->next_line;
	if (st->nfields == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->fields = xreallocarray(st->fields, (size_t)st->cap, sizeof *st->fields);
	}
	st->fields[st->nfields++] = xstrndup(data ? data : "", len);
}

static void csvdata_on_row(int c, void *p)
{
	struct csvdata_state *st = p;
	(void)c;
	if (st->status == JAW_OK && st->nfields > 0) {
		struct csvdata_row row = {st->row_line, st->nfields, st->fields};
		st->status = st->fn(st->ctx, &row, st->err);
		if (st->status != JAW_OK) {
			char prefix[256];
			snprintf(prefix, sizeof prefix, "%s line %d", st->name, row.line);
			err_prefix(st->err, prefix);
		}
	}
	for (int i = 0; i < st->nfields; i++)
		free(st->fields[i]);
	st->nfields = 0;
	st->row_line = 0;
}

int csvdata_each_row(const char *name, const char *data, size_t len, csvdata_row_fn fn,
                     void *ctx, jaw_err *err)
{
	struct csv_parser parser;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return err_set(err, JAW_FAIL, "%s: cannot start the CSV parser", name);
	struct csvdata_state st = {name, fn, ctx, err, JAW_OK, 1, 1, 0, NULL, 0, 0};
	size_t off = 0;
	/* Feed one line at a time so that rows know the line they start on. */
	while (off < len && st.status == JAW_OK) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t chunk = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
		/* Between rows (not inside a quoted field), a row starts here. */
		if (parser.pstate == 0)
			st.next_line = st.line;
		if (csv_parse(&parser, data + off, chunk, csvdata_on_field, csvdata_on_row, &st)
		    != chunk) {
			err_set(err, JAW_FAIL, "%s line %d: %s", name, st.line,
			        csv_strerror(csv_error(&parser)));
			st.status = JAW_FAIL;
			break;
		}
		off += chunk;
		if (nl)
			st.line++;
	}
	if (st.status == JAW_OK && csv_fini(&parser, csvdata_on_field, csvdata_on_row, &st) != 0) {
		err_set(err, JAW_FAIL, "%s line %d: %s", name, st.row_line ? st.row_line : st.next_line,
		        csv_error(&parser) == CSV_EPARSE ? "unterminated quoted field"
		                                         : csv_strerror(csv_error(&parser)));
		st.status = JAW_FAIL;
	}
	for (int i = 0; i < st.nfields; i++)
		free(st.fields[i]);
	free(st.fields);
	csv_free(&parser);
	return st.status;
}

int csvdata_column(const struct csvdata_row *header, const char *column)
{
	for (int i = 0; i < header->nfields; i++)
		if (strcmp(header->fields[i], column) == 0)
			return i;
	return -1;
}
