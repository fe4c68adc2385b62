/* ui.h - the ncurses interface: shared types of the display loop, panes
 * and views. Views are lists: a table of operations (count, fetch a page of
 * rows, describe a row) plus a list instance that draws the visible rows. */
#ifndef JAW_UI_H
#define JAW_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "jawrc.h"

/* What a handler asks the display loop to do (or-ed together). */
enum ui_flags {
	UI_NONE = 0,
	UI_REDRAW = 1,  /* repaint the screen */
	UI_RELOAD = 2,  /* read the data again */
	UI_QUIT = 4,    /* leave the program */
	UI_LAYOUT = 8,  /* lay the panes out again */
};

/* Semantic colour roles; each has a colour and a monochrome form. */
enum ui_role {
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
	ROLE_COUNT
};

/* Starts colours (unless the terminal has none or NO_COLOR is set). */
void colour_init(void);
/* The attributes to draw role with. */
attr_t colour_attr(enum ui_role role);
/* True when colours are in use. */
bool colour_enabled(void);

/* Converts what wget_wch returned into a key code of keys.h (-1: none). */
int input_key(int rc, wint_t ch);

/* Writes the UTF-8 text s at the cursor of win, sanitised and cut to cols
 * columns, padded with spaces to cols when pad is true. */
void ui_put(WINDOW *win, const char *s, int cols, bool pad);

#define LIST_MAX_COLUMNS 8

/* A column of a list: width 0 means it takes the space left over (at
 * least min_width); columns with a larger priority number are dropped
 * first when space is short. */
struct list_column {
	const char *header;
	int width;
	int priority;
	int min_width;
};

/* One row of a list as the view formats it (cells are owned). */
struct list_row {
	int64_t id;
	char *cells[LIST_MAX_COLUMNS];
	char *detail; /* shown in the status bar for the selected row */
};

/* The operations of a list view. */
struct view_ops {
	const char *name;  /* "timeline" */
	const char *title; /* "Timeline" */
	enum jawrc_keymap keymap;
	const struct list_column *columns;
	int ncolumns;
	int64_t (*count)(struct jaw_db *db, jaw_err *err);
	/* Fills rows[0..limit) from offset; returns how many or -1. */
	int (*fetch)(struct jaw_db *db, int64_t offset, int limit, struct list_row *rows,
	             jaw_err *err);
};

extern const struct view_ops view_timeline_ops;
extern const struct view_ops view_stakeholders_ops;
extern const struct view_ops view_evidence_ops;

struct list;

/* Returns a new list of the view ops over db (no window yet). */
struct list *list_new(const struct view_ops *ops, struct jaw_db *db);
/* Frees l and its window. */
void list_free(struct list *l);
/* Places l at the given screen area (h rows including title and header). */
void list_place(struct list *l, int y, int x, int h, int w);
/* Reads the row count and the visible page again; keeps the cursor. */
int list_reload(struct list *l, jaw_err *err);
/* Marks focus; the focused list shows its cursor in reverse video. */
void list_set_focus(struct list *l, bool focused);
/* Draws what changed into the list's window (wnoutrefresh, no doupdate). */
void list_draw(struct list *l, bool all);
/* Handles a movement action; returns ui_flags. */
int list_action(struct list *l, enum action a);
/* Borrows the view ops of l. */
const struct view_ops *list_ops(const struct list *l);
/* Writes a one-line description of the selected row into buf. */
void list_describe(const struct list *l, char *buf, size_t size);
/* Returns the row count. */
int64_t list_count(const struct list *l);
/* Frees the cells of a row and zeroes it. */
void list_row_clear(struct list_row *row);

struct ui;

/* Creates the interface for an open project, with key bindings from rc
 * (borrowed). Curses must be started (initscr or newterm). */
struct ui *ui_new(struct jaw_db *db, struct jawrc *rc, jaw_err *err);
/* Frees ui (not the db or rc). */
void ui_free(struct ui *ui);
/* Lays the screen out for lines x cols. */
void ui_layout(struct ui *ui, int lines, int cols);
/* Draws everything that changed and updates the terminal. */
void ui_draw(struct ui *ui);
/* Handles one key (keys.h code); returns ui_flags. */
int ui_key(struct ui *ui, int key);
/* Shows a message in the status bar until the next key. */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Checks whether another session changed the project; reloads if so.
 * Returns true if it did. */
bool ui_poll_changes(struct ui *ui);
/* Runs the display loop until the user quits or a signal asks to stop.
 * Returns the exit status. */
int ui_run(struct ui *ui);

/* Starts curses on the terminal, with jaw's settings. */
void ui_start_terminal(void);
/* Restores the terminal. Safe to call twice. */
void ui_stop_terminal(void);

#endif
