/* csvbatch_vtab.c - a batch of parsed survey rows as two table-valued
 * functions (see csvbatch_vtab.h). Both walk the batch's arrays; the
 * text they give points into the batch's arena, which lives as long as
 * the statement runs, so nothing is copied until SQLite builds the row. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "csvbatch_vtab.h"

enum { VTAB_RESPONDENTS, VTAB_ANSWERS };

#define VTAB_ARG_COLUMN 4 /* the hidden column that takes the argument */

static const int vtab_kinds[] = {VTAB_RESPONDENTS, VTAB_ANSWERS};
static const char *const vtab_names[] = {"jaw_batch_respondents", "jaw_batch_answers"};
static const char *const vtab_schemas[] = {
	"CREATE TABLE x (id, external_id, line, answers, arg HIDDEN)",
	"CREATE TABLE x (id, text, respondent_id, column_id, arg HIDDEN)",
};

struct vtab {
	sqlite3_vtab base;
	int kind;
};

struct vtab_cursor {
	sqlite3_vtab_cursor base;
	int kind;
	const struct csvbatch_vtab_arg *arg; /* NULL: no rows */
	int i;   /* the row (respondents) or the text (answers) */
	int row; /* answers: the row of text i */
};

static int vtab_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **out, char **errmsg)
{
	(void)argc;
	(void)argv;
	(void)errmsg;
	int kind = *(const int *)aux;
	int rc = sqlite3_declare_vtab(db, vtab_schemas[kind]);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
	struct vtab *t = sqlite3_malloc(sizeof *t);
	if (!t)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->kind = kind;
	*out = &t->base;
	return SQLITE_OK;
}

static int vtab_disconnect(sqlite3_vtab *t)
{
	sqlite3_free(t);
	return SQLITE_OK;
}

/* The argument is required: a plan without it is refused. */
static int vtab_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		if (c->iColumn != VTAB_ARG_COLUMN || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
			continue;
		if (!c->usable)
			return SQLITE_CONSTRAINT;
		info->aConstraintUsage[i].argvIndex = 1;
		info->aConstraintUsage[i].omit = 1;
		info->estimatedCost = 1.0;
		info->estimatedRows = 2048;
		return SQLITE_OK;
	}
	sqlite3_free(t->zErrMsg);
	t->zErrMsg = sqlite3_mprintf("%s needs its argument", vtab_names[((struct vtab *)t)->kind]);
	return SQLITE_ERROR;
}

static int vtab_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
	struct vtab_cursor *c = sqlite3_malloc(sizeof *c);
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	c->kind = ((struct vtab *)t)->kind;
	*out = &c->base;
	return SQLITE_OK;
}

static int vtab_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

/* Answers: moves row on to the row that text i belongs to. */
static void vtab_find_row(struct vtab_cursor *c)
{
	const struct csvbatch *b = c->arg->batch;
	while (c->row < b->nrows && c->i >= b->rows[c->row].first_text + b->rows[c->row].ntexts)
		c->row++;
}

static int vtab_filter(sqlite3_vtab_cursor *cur, int idx, const char *idx_str, int argc,
                       sqlite3_value **argv)
{
	(void)idx;
	(void)idx_str;
	struct vtab_cursor *c = (struct vtab_cursor *)cur;
	c->arg = argc == 1 ? sqlite3_value_pointer(argv[0], CSVBATCH_VTAB_POINTER) : NULL;
	c->i = 0;
	c->row = 0;
	if (c->arg && c->kind == VTAB_ANSWERS)
		vtab_find_row(c);
	return SQLITE_OK;
}

static int vtab_next(sqlite3_vtab_cursor *cur)
{
	struct vtab_cursor *c = (struct vtab_cursor *)cur;
	c->i++;
	if (c->kind == VTAB_ANSWERS)
		vtab_find_row(c);
	return SQLITE_OK;
}

static int vtab_eof(sqlite3_vtab_cursor *cur)
{
	const struct vtab_cursor *c = (const struct vtab_cursor *)cur;
	if (!c->arg)
		return 1;
	const struct csvbatch *b = c->arg->batch;
	return c->i >= (c->kind == VTAB_RESPONDENTS ? b->nrows : b->ntexts);
}

static void vtab_text(sqlite3_context *ctx, const struct csvbatch *b, uint32_t off, uint32_t len)
{
	sqlite3_result_text(ctx, b->arena + off, (int)len, SQLITE_STATIC);
}

static int vtab_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct vtab_cursor *c = (const struct vtab_cursor *)cur;
	const struct csvbatch_vtab_arg *a = c->arg;
	const struct csvbatch *b = a->batch;
	if (c->kind == VTAB_RESPONDENTS) {
		const struct csvbatch_row *r = &b->rows[c->i];
		switch (col) {
		case 0: sqlite3_result_int64(ctx, a->first_respondent + c->i); break;
		case 1: vtab_text(ctx, b, r->id_off, r->id_len); break;
		case 2: sqlite3_result_int64(ctx, r->line); break;
		case 3: vtab_text(ctx, b, r->json_off, r->json_len); break;
		default: sqlite3_result_null(ctx); break;
		}
		return SQLITE_OK;
	}
	const struct csvbatch_text *x = &b->texts[c->i];
	switch (col) {
	case 0: sqlite3_result_int64(ctx, x->id); break;
	case 1: vtab_text(ctx, b, x->off, x->len); break;
	case 2: sqlite3_result_int64(ctx, a->first_respondent + c->row); break;
	case 3: sqlite3_result_int64(ctx, a->column_ids[x->column]); break;
	default: sqlite3_result_null(ctx); break;
	}
	return SQLITE_OK;
}

static int vtab_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((const struct vtab_cursor *)cur)->i;
	return SQLITE_OK;
}

/* Eponymous only (no xCreate): used by name, never created as a table. */
static const sqlite3_module vtab_module = {
	.xConnect = vtab_connect,
	.xBestIndex = vtab_best_index,
	.xDisconnect = vtab_disconnect,
	.xOpen = vtab_open,
	.xClose = vtab_close,
	.xFilter = vtab_filter,
	.xNext = vtab_next,
	.xEof = vtab_eof,
	.xColumn = vtab_column,
	.xRowid = vtab_rowid,
};

int csvbatch_vtab_register(sqlite3 *db)
{
	for (size_t i = 0; i < sizeof vtab_names / sizeof *vtab_names; i++) {
		int rc = sqlite3_create_module(db, vtab_names[i], &vtab_module, (void *)&vtab_kinds[i]);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}
