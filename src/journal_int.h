/* journal_int.h - inside the journal: how each journaled table's rows are
 * read as JSON images, compared, written back and deleted. Only for
 * journal.c and journal_undo.c. */
#ifndef JAW_JOURNAL_INT_H
#define JAW_JOURNAL_INT_H

#include "journal.h"

/* The SQL that handles one table's rows. ?1 is the JSON image (or the id
 * where there is no image), ?2 the id. */
struct journal_table_def {
	const char *name;       /* the table, as in the payload */
	const char *noun;       /* the row in messages: "coding 12" */
	const char *image;      /* ?1 id -> one JSON object, or no row */
	const char *exists;     /* ?1 id -> count */
	const char *matches;    /* ?1 id, ?2 image -> 1 if the row is that image */
	const char *insert;     /* ?1 image */
	const char *update;     /* ?1 image, ?2 id */
	const char *remove;     /* ?1 id */
	const char *neutral;    /* ?1 id: frees the row's unique values, or NULL */
	const char *dependents; /* ?1 id -> rows referring to it, or NULL */
};

/* The definition of table. */
const struct journal_table_def *journal_table_get(enum journal_table table);
/* The table called name in a payload; -1 if none. */
int journal_table_find(const char *name);

#endif
