/* notes.h - interview notes, observations and documents as sources of
 * evidence: reading them from files, file descriptors or a buffer (a note
 * written in $EDITOR), normalising their text, choosing their title, and storing a
 * batch of them all or nothing, without storing the same text twice.
 *
 * Stored text is UTF-8 with LF line ends: a UTF-8 byte order mark is
 * dropped, CR LF and lone CR become LF, and text in another encoding is
 * converted with iconv(3) when its encoding is named. Text that is not
 * valid UTF-8 (with no encoding named), holds a NUL, or holds nothing but
 * white space is refused. */
#ifndef JAW_NOTES_H
#define JAW_NOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* The largest note read, in bytes. */
#define NOTES_MAX_BYTES (64u << 20)
/* The longest title taken from a note's first line, in code points. */
#define NOTES_TITLE_MAX 80

/* Checks that iconv can convert from encoding to UTF-8; JAW_USAGE with a
 * message if not. */
int notes_encoding_check(const char *encoding, jaw_err *err);
/* Returns the normalised text of data[0..len) (newly allocated and
 * NUL-terminated), or NULL with err set to "NAME: what is wrong", naming
 * the byte offset of an invalid UTF-8 sequence or NUL. encoding NULL or ""
 * means UTF-8. */
char *notes_normalise_new(const char *name, const char *data, size_t len, const char *encoding,
                          jaw_err *err);
/* The title of a note: its first line that is not blank, without leading
 * and trailing spaces, cut at a word to at most NOTES_TITLE_MAX code points
 * (ending in "…" when cut); the base name of name if the text has no such
 * line. Newly allocated. */
char *notes_title_new(const char *text, const char *name);

/* What goes with every note of a batch. */
struct notes_options {
	const char *kind;         /* interview (when NULL), observation or document */
	int64_t stakeholder_id;   /* who it comes from; 0 for none */
	int64_t timeline_item_id; /* the event at which it was gathered; 0 for none */
	const char *date;         /* YYYY-MM-DD, or NULL */
	const char *encoding;     /* the notes' encoding; NULL or "" for UTF-8 */
};

/* One note of a batch. */
struct notes_item {
	char *name;        /* the file, or the name given with a buffer */
	char *text;        /* the normalised text */
	char *title;
	int64_t id;        /* after storing: the new source, or the one it repeats */
	bool duplicate;    /* its text was in the project or earlier in the batch */
	char *duplicate_of; /* then: the title of that source */
};

/* A batch of notes to store together. Opaque. */
struct notes_batch;

/* Starts an empty batch; opts is copied (its strings are borrowed). */
struct notes_batch *notes_batch_new(const struct notes_options *opts);
/* Frees b and its items (NULL is fine). */
void notes_batch_free(struct notes_batch *b);
/* Reads and normalises the note in the file at path and adds it. Refuses a
 * directory, an unreadable file and the texts refused above, with err set
 * to "PATH: what is wrong"; the batch is unchanged then. */
int notes_batch_add_file(struct notes_batch *b, const char *path, jaw_err *err);
/* Reads the note the open descriptor fd holds (from its start when it can
 * seek, else from where it is, as a pipe) and adds it under name, as
 * notes_batch_add_buffer would; fd stays open. Refuses what
 * notes_batch_add_file refuses, with err set to "NAME: what is wrong". */
int notes_batch_add_fd(struct notes_batch *b, const char *name, int fd, jaw_err *err);
/* Normalises data[0..len) and adds it under name (used in messages and as
 * the source's origin file; "" for none). */
int notes_batch_add_buffer(struct notes_batch *b, const char *name, const char *data,
                           size_t len, jaw_err *err);
/* Stores every note of the batch as a source, in one transaction: all or
 * nothing, as one journaled change by analyst (undone in the evidence). A
 * note whose text is already in the project (or earlier in the batch) is
 * not stored again but marked duplicate, with the id of the earlier
 * source. */
int notes_batch_store(struct jaw_db *db, const char *analyst, struct notes_batch *b,
                      jaw_err *err);
/* The number of notes in b. */
size_t notes_batch_count(const struct notes_batch *b);
/* Borrows note i of b. */
const struct notes_item *notes_batch_item(const struct notes_batch *b, size_t i);

#endif
