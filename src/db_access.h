/* db_access.h - who may write a project file, for db.c: a project on a
 * shared server is written by a group; a user who may only read it must
 * neither fail with SQLite's "attempt to write a readonly database" nor
 * create the -wal and -shm files beside it (owned by them, they would lock
 * the writers out). Internal to db.c. */
#ifndef JAW_DB_ACCESS_H
#define JAW_DB_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

/* True if this user (effective ids) may write the project at path: the
 * file, and its -wal and -shm files, or, where those do not exist yet,
 * the directory that will hold them. If not, why gets what is in the way
 * and what to change (mode, owner, group). */
bool db_access_may_write(const char *path, char *why, size_t size);
/* True if path's -shm file exists (someone has the project open, or left
 * it open): a reader may then share it. */
bool db_access_has_shm(const char *path);
/* The SQLite URI that opens path read-only as an immutable snapshot
 * (creating no file beside it), newly allocated. */
char *db_access_snapshot_uri_new(const char *path);
/* Gives the -wal and -shm files this user created beside path the
 * project file's group and permissions, so that the others of the group
 * can go on writing (best effort: what cannot be changed is left). */
void db_access_share_side_files(const char *path);

#endif
