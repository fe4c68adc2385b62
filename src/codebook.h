/* codebook.h - starter codebooks shipped with jaw (data/codebooks/NAME.csv). */
#ifndef JAW_CODEBOOK_H
#define JAW_CODEBOOK_H

#include "db.h"
#include "err.h"

/* Adds the codes of the starter codebook called name ("human-security",
 * "empty") to the project, inside one transaction. */
int codebook_load_starter(struct jaw_db *db, const char *name, jaw_err *err);
/* Adds the codes of CSV text (columns name,parent,colour,quick_key,
 * description; parent names a code on an earlier row). file names the text
 * in messages. */
int codebook_load_csv(struct jaw_db *db, const char *file, const char *data, size_t len,
                      jaw_err *err);
/* The names of the starter codebooks, separated by "|", for usage text. */
const char *codebook_starter_names(void);

#endif
