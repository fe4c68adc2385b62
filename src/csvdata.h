/* csvdata.h - reading small CSV tables held in memory (the demo project,
 * starter codebooks) with libcsv, row by row, with line numbers. */
#ifndef JAW_CSVDATA_H
#define JAW_CSVDATA_H

#include <stddef.h>

#include "err.h"

/* One parsed row; fields are NUL-terminated and borrowed for the call. */
struct csvdata_row {
	int line;      /* 1-based line on which the row starts */
	int nfields;
	char **fields;
};

/* Called once per row (the header row too); returns JAW_OK to go on, or an
 * error status with err set to stop. */
typedef int (*csvdata_row_fn)(void *ctx, const struct csvdata_row *row, jaw_err *err);

/* Parses data[0..len) as RFC 4180 CSV (comma, double quotes) and calls fn
 * for each row. name is used in messages ("NAME line N: ..."). Empty lines
 * are skipped. Returns JAW_OK or the first error. */
int csvdata_each_row(const char *name, const char *data, size_t len, csvdata_row_fn fn,
                     void *ctx, jaw_err *err);

/* Returns the index of the header field equal to column, or -1. */
int csvdata_column(const struct csvdata_row *header, const char *column);

#endif
