/* project_schema.h - the schema of a jaw project file: the migrations that
 * take a file from each version to the next, and the checks jaw check runs
 * beyond SQLite's own. Pass project_schema to db_create and db_open. The
 * features that add tables or checks (full-text indexes of surveys, coding
 * offsets) are registered here, so that db.c depends on none of them. */
#ifndef JAW_PROJECT_SCHEMA_H
#define JAW_PROJECT_SCHEMA_H

#include "db.h"

/* The schema version this program writes (PRAGMA user_version). */
#define PROJECT_SCHEMA_VERSION 11

/* The migrations (the scripts in data/schema and their C steps) and the checks. */
extern const struct db_schema project_schema;

#endif
