/* jawrc.h - the jawrc language: key bindings (and, as they come, colours
 * and settings). The defaults are data/jawrc, compiled in; the user's file
 * is read after them and can override any line. See jawrc(5). */
#ifndef JAW_JAWRC_H
#define JAW_JAWRC_H

#include <stddef.h>

#include "action.h"
#include "err.h"

/* The keymaps a binding can belong to; "generic" applies in every view. */
enum jawrc_keymap {
	JAWRC_GENERIC,
	JAWRC_TIMELINE,
	JAWRC_STAKEHOLDERS,
	JAWRC_EVIDENCE,
	JAWRC_KEYMAP_COUNT
};

struct jawrc;

/* Called for each bad line: message is "FILE line N: WHAT". */
typedef void (*jawrc_report_fn)(void *ctx, const char *message);

/* Returns a new, empty configuration. */
struct jawrc *jawrc_new(void);
/* Frees cfg. */
void jawrc_free(struct jawrc *rc);
/* Reads jawrc text; file names it in messages. Bad lines are reported and
 * skipped, the rest still applies. Returns the number of bad lines. */
int jawrc_parse(struct jawrc *rc, const char *file, const char *text,
                 jawrc_report_fn report, void *ctx);
/* Reads the compiled-in defaults (data/jawrc). */
int jawrc_load_defaults(struct jawrc *rc, jawrc_report_fn report, void *ctx);
/* Reads the user's jawrc from path if it exists; a missing file is fine.
 * Returns the number of bad lines, or -1 if the file cannot be read. */
int jawrc_load_file(struct jawrc *rc, const char *path, jawrc_report_fn report, void *ctx);
/* Returns the user's jawrc path: $XDG_CONFIG_HOME/jaw/jawrc or
 * ~/.config/jaw/jawrc (newly allocated). */
char *jawrc_user_path_new(void);

/* The action bound to key in keymap (falling back to generic). */
enum action jawrc_lookup(const struct jawrc *rc, enum jawrc_keymap map, int key);
/* Writes the names of the keys bound to action in keymap itself (not
 * inherited from generic), separated by ", ", into out; returns how many. */
int jawrc_keys_for(const struct jawrc *rc, enum jawrc_keymap map, enum action action,
                   char *out, size_t size);
/* Like jawrc_keys_for, but lists every key that does action in view: its
 * own bindings and the generic ones it does not override. */
int jawrc_keys_effective(const struct jawrc *rc, enum jawrc_keymap view, enum action action,
                         char *out, size_t size);
/* The jawrc name of a keymap ("generic", "timeline", ...). */
const char *jawrc_keymap_name(enum jawrc_keymap map);

#endif
