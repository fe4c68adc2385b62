/* export.h - writing parts of a project out for other programs. */
#ifndef JAW_EXPORT_H
#define JAW_EXPORT_H

#include <stdio.h>

#include "db.h"
#include "err.h"

/* Writes every coding as CSV (RFC 4180 quoting by libcsv; rows end in LF)
 * to out, one row per coding in order of source, start, end, with the
 * header row
 *   source,code,coder,start,end,text,source_title,source_kind,
 *   stakeholder,code_path,memo,created,coding
 * where source and coding are ids, start and end code point offsets, text
 * the exact coded characters, code the code's name and code_path its path
 * in the codebook. Numbers are written bare, every other field quoted.
 * Reads one source's text at a time. */
int export_codings(struct jaw_db *db, FILE *out, jaw_err *err);

/* Writes with write(ctx, out, err) to path atomically: into a temporary
 * file beside it, synced and renamed over path only when all went well, so
 * a failure leaves no half-written file. path "-" writes to stdout. */
int export_to_file(const char *path, int (*write)(void *ctx, FILE *out, jaw_err *err),
                   void *ctx, jaw_err *err);

#endif
