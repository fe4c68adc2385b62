/* csvimport_reader.c - the survey importer's reader thread (see
 * csvimport_reader.h): rows into batches. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "csvimport_reader.h"
#include "utf8.h"
#include "xalloc.h"

/* Makes room for n more bytes in the batch's arena. */
static char *reader_reserve(struct csvbatch *b, size_t n)
{
	if (b->used + n > b->cap) {
		while (b->used + n > b->cap)
			b->cap *= 2;
		b->arena = xrealloc(b->arena, b->cap);
	}
	return b->arena + b->used;
}

static void reader_put(struct csvbatch *b, const char *s, size_t n)
{
	memcpy(reader_reserve(b, n), s, n);
	b->used += n;
}

/* Appends s as a JSON string. */
static void reader_put_json_string(struct csvbatch *b, const char *s, size_t len)
{
	size_t special = 0;
	for (size_t i = 0; i < len; i++)
		special += (unsigned char)s[i] < 0x20 || s[i] == '"' || s[i] == '\\';
	char *out = reader_reserve(b, len + special * 6 + 3), *o = out;
	*o++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
		} else if (c < 0x20) {
			o += sprintf(o, c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
			                : "\\u%04x", c);
		} else {
			*o++ = (char)c;
		}
	}
	*o++ = '"';
	b->used += (size_t)(o - out);
}

/* Appends n in decimal (snprintf took a sixth of the reader's time). */
static void reader_put_uint(struct csvbatch *b, unsigned n)
{
	char num[16], *p = num + sizeof num;
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	reader_put(b, p, (size_t)(num + sizeof num - p));
}

/* Appends one value of column c to the answers array. */
static int reader_put_value(struct csvimport_reader *rd, const struct csvimport_column *c,
                            const char *v, size_t len, jaw_err *err)
{
	struct csvbatch *b = rd->cur;
	bool stored = c->role == SURVEY_ROLE_ATTRIBUTE || c->role == SURVEY_ROLE_LIKERT;
	if (!stored || len == 0 || csvread_blank(v, len)) {
		reader_put(b, "null", 4);
		return JAW_OK;
	}
	rd->values++;
	if (c->role == SURVEY_ROLE_LIKERT) {
		int n = csvimport_likert_value(c, v, len);
		if (n < 0)
			return err_set(err, JAW_FAIL, "\"%.40s\" is not on the scale of column %d (%s);"
			               " has the file changed?", v, c->position, c->label);
		reader_put_uint(b, (unsigned)n);
	} else if (c->type == SURVEY_TYPE_INTEGER ? csvimport_is_integer(v, len)
	           : c->type == SURVEY_TYPE_REAL && csvimport_is_number(v, len)) {
		reader_put(b, v, len); /* a number JSON holds and SQLite shows as written */
	} else { /* text, or one of a number column's few outliers */
		reader_put_json_string(b, v, len);
	}
	return JAW_OK;
}

/* Adds an open answer to the batch, with LF line ends. */
static void reader_put_text(struct csvimport_reader *rd, int column, const char *v, size_t len)
{
	struct csvbatch *b = rd->cur;
	if (b->ntexts == b->textcap) {
		b->textcap *= 2;
		b->texts = xreallocarray(b->texts, (size_t)b->textcap, sizeof *b->texts);
	}
	char *at = reader_reserve(b, len);
	memcpy(at, v, len);
	size_t n = csvread_normalize_newlines(at, len);
	b->texts[b->ntexts++] = (struct csvbatch_text){column, (uint32_t)b->used, (uint32_t)n,
	                                          rd->next_id++};
	b->used += n;
	rd->answers++;
}

/* The respondent's id: its column, or the number of the data row. */
static void reader_put_id(struct csvimport_reader *rd, const struct csvread_row *row,
                          struct csvbatch_row *r)
{
	struct csvbatch *b = rd->cur;
	r->id_off = (uint32_t)b->used;
	if (rd->id_col >= 0) {
		reader_put(b, row->fields[rd->id_col], row->lens[rd->id_col]);
	} else {
		char num[24];
		reader_put(b, num, (size_t)snprintf(num, sizeof num, "%" PRId64, rd->rows));
	}
	r->id_len = (uint32_t)(b->used - r->id_off);
}

/* Turns one data row into a respondent of the current batch. */
static int reader_add_row(struct csvimport_reader *rd, const struct csvread_row *row, jaw_err *err)
{
	const struct csvimport_plan *plan = rd->plan;
	struct csvbatch *b = rd->cur;
	struct csvbatch_row *r = &b->rows[b->nrows];
	r->line = row->line;
	reader_put_id(rd, row, r);
	r->json_off = (uint32_t)b->used;
	reader_put(b, "[", 1);
	for (int i = 0; i < plan->ncolumns; i++) {
		if (i > 0)
			reader_put(b, ",", 1);
		if (reader_put_value(rd, &plan->columns[i], row->fields[i], row->lens[i], err) != JAW_OK)
			return JAW_FAIL;
	}
	reader_put(b, "]", 1);
	r->json_len = (uint32_t)(b->used - r->json_off);
	r->first_text = b->ntexts;
	for (int i = 0; i < plan->ncolumns; i++)
		if (plan->columns[i].role == SURVEY_ROLE_TEXT && row->lens[i] > 0 &&
		    !csvread_blank(row->fields[i], row->lens[i]))
			reader_put_text(rd, i, row->fields[i], row->lens[i]);
	r->ntexts = b->ntexts - r->first_text;
	b->nrows++;
	return JAW_OK;
}

/* Hands the current batch over if it is full (or always, when flush). */
static int reader_hand_over(struct csvimport_reader *rd, bool flush)
{
	struct csvbatch *b = rd->cur;
	if (!b || (!flush && b->nrows < CSVBATCH_ROWS && b->used < CSVBATCH_BYTES))
		return JAW_OK;
	b->bytes_done = rd->done;
	csvbatch_queue_put_full(rd->q, b);
	rd->cur = NULL;
	return JAW_OK;
}

static int reader_row(void *ctx, const struct csvread_row *row, jaw_err *err)
{
	struct csvimport_reader *rd = ctx;
	if (rd->planner && csvimport_planner_row(rd->planner, row, err) != JAW_OK) {
		rd->planner_failed = true; /* the message planning first would give */
		return JAW_FAIL;
	}
	if (rd->headers_left > 0) {
		rd->headers_left--;
		return JAW_OK;
	}
	if (row->nfields != rd->plan->ncolumns)
		return err_set(err, JAW_FAIL, "%d fields, but the heading has %d; has the file changed?",
		               row->nfields, rd->plan->ncolumns);
	if (!rd->cur && !(rd->cur = csvbatch_queue_take_free(rd->q)))
		return err_set(err, JAW_FAIL, "import stopped");
	rd->rows++;
	if (reader_add_row(rd, row, err) != JAW_OK)
		return JAW_FAIL;
	return reader_hand_over(rd, false);
}

static void reader_progress(void *ctx, int64_t done, int64_t total)
{
	(void)total;
	((struct csvimport_reader *)ctx)->done = done;
}

void *csvimport_reader_main(void *arg)
{
	struct csvimport_reader *rd = arg;
	struct csvread_options ropt = {
		.encoding = rd->opt->encoding,
		.delimiter = rd->plan->delimiter,
		.progress = reader_progress,
		.progress_ctx = rd,
		.quote = rd->plan->quote,
		.strict = rd->opt->strict,
	};
	rd->status = csvread(&rd->plan->source, &ropt, reader_row, rd, &rd->info, &rd->err);
	if (rd->planner) {
		rd->full = csvimport_planner_finish(rd->planner, rd->status, &rd->info, NULL);
		rd->planner = NULL;
	}
	if (rd->status == JAW_OK)
		reader_hand_over(rd, true);
	else if (rd->cur)
		csvbatch_queue_put_free(rd->q, rd->cur);
	rd->cur = NULL;
	csvbatch_queue_set(rd->q, &rd->q->reader_done);
	return NULL;
}
