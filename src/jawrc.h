/* jawrc.h - the jawrc language: key bindings (and, as they come, colours
 * and settings). The defaults are data/jawrc, compiled in; the user's file
 * is read after them and can override any line. See jawrc(5). */
#ifndef JAW_JAWRC_H
#define JAW_JAWRC_H

#include <stddef.h>

#include "action.h"
#include "err.h"

/* The keymaps a binding can belong to: "generic" applies in every view,
 * then one per view of src/views.def (JAWRC_TIMELINE, ..., named as the view). */
enum jawrc_keymap {
	JAWRC_GENERIC,
#define VIEW(id, ident, place, key, help) JAWRC_##id,
#include "views.def"
#undef VIEW
	JAWRC_KEYMAP_COUNT
};

/* Colour roles: what a colour means, not which colour it is. */
enum jawrc_role {
	ROLE_NORMAL,
	ROLE_TITLE,
	ROLE_STATUS,
	ROLE_PANE_TITLE,
	ROLE_PANE_TITLE_FOCUS,
	ROLE_HEADER,
	ROLE_CURSOR,
	ROLE_CURSOR_UNFOCUSED,
	ROLE_ERROR,
	ROLE_DIM,
	ROLE_OVERDUE,
	ROLE_TODAY,
	ROLE_BAR_PHASE,
	ROLE_BAR_MILESTONE,
	ROLE_BAR_EVENT,
	ROLE_QUADRANT,
	ROLE_SELECTION,
	ROLE_CODED,
	ROLE_CHANGED, /* a citation whose source's text changed */
	ROLE_LOST,    /* a citation whose source or coding is gone */
	ROLE_COUNT
};

/* Attributes a colour role may add. */
enum jawrc_attr {
	JAWRC_ATTR_BOLD = 1,
	JAWRC_ATTR_UNDERLINE = 2,
	JAWRC_ATTR_REVERSE = 4,
	JAWRC_ATTR_DIM = 8,
	JAWRC_ATTR_BLINK = 16,
};

/* A role's colours: fg/bg -1 for the terminal's default, else 0-255. */
struct jawrc_colour {
	int fg, bg;
	unsigned attrs;
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
/* The longest jawrc read. */
#define JAWRC_MAX_BYTES (1024 * 1024)
/* Reads the user's jawrc from path if it exists; a missing file is fine.
 * A byte order mark at the start is skipped. Refused, with a message and
 * nothing of it applied: a directory, a device or FIFO (only regular
 * files are read, so /dev/zero cannot hang jaw), a file over 1 MiB, a
 * file with a NUL byte (the message gives its line). Returns the number
 * of bad lines, or -1 if the file is refused or cannot be read. */
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
/* The jawrc name of a colour role ("cursor", "pane-title", ...). */
const char *jawrc_role_name(enum jawrc_role role);
/* The colour of role as configured (fg = bg = -1, no attributes, if not). */
struct jawrc_colour jawrc_colour(const struct jawrc *rc, enum jawrc_role role);
/* The value of a `set` option ("date-scale", "coder"); "" if not set. */
const char *jawrc_option(const struct jawrc *rc, const char *name);
/* Applies one jawrc line (for the interface's command line); err says what
 * is wrong with it. */
int jawrc_apply_line(struct jawrc *rc, const char *line, jaw_err *err);

#endif
