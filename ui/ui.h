/* ui.h - the ncurses interface: the display loop, panes and views.
 * A view is a table of operations (count, fetch a page of rows, search,
 * handle an action, draw special cells) plus a list instance that draws
 * the visible rows (after tig). Handlers return ui_flags and one place,
 * the display loop, decides what to repaint (after htop). */
#ifndef JAW_UI_H
#define JAW_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "jawrc.h"
#include "model.h"

/* What a handler asks the display loop to do (or-ed together). */
enum ui_flags {
	UI_NONE = 0,
	UI_REDRAW = 1,  /* repaint the screen */
	UI_RELOAD = 2,  /* read the data again */
	UI_QUIT = 4,    /* leave the program */
	UI_LAYOUT = 8,  /* lay the panes out again */
};

/* Set by the signal handlers (SIGTERM, SIGHUP, SIGINT); the loop stops. */
extern volatile sig_atomic_t ui_stop_signal;

/* ---- colours (colour.c) ---------------------------------------------- */

/* Starts colours from rc's roles (unless the terminal has none or NO_COLOR
 * is set: then each role's monochrome form is used). Every pair it hands
 * out was accepted by init_pair; a role or code colour without one gets
 * its monochrome form. */
void colour_init(const struct jawrc *rc);
/* The attributes to draw role with. Never OR two of these (or one of these
 * and colour_coded_attr): COLOR_PAIR numbers do not combine. */
attr_t colour_attr(enum jawrc_role role);
/* True when colours are in use. */
bool colour_enabled(void);
/* The attributes, complete, for text coded with a code of colour hex
 * (#RRGGBB; "" or NULL for none): the coded role's colours, where "default"
 * stands for the code's colour as the background and black or white text,
 * whichever contrasts more; the coded role as configured for a code without
 * colour; underline without colours or when no colour pair is left. */
attr_t colour_coded_attr(const char *hex);
/* The attributes for a code's stripe and name in the reader's margin: its
 * colour as the background with black or white text; plain when there is
 * no colour (or no pair left). */
attr_t colour_code_label_attr(const char *hex);
/* The red, green and blue (0-255) of the terminal's colour c, as xterm's
 * palette of 256 (or 88) colours has it. */
void colour_rgb(int c, unsigned char rgb[3]);
/* The WCAG 2 contrast ratio of two colours (1 to 21). */
double colour_contrast(const unsigned char a[3], const unsigned char b[3]);

/* ---- input and output (input.c) -------------------------------------- */

/* Converts what wget_wch returned into a key code of keys.h (-1: none). */
int input_key(int rc, wint_t ch);
/* Writes the UTF-8 text s at the cursor of win, sanitised and cut to cols
 * columns, padded with spaces to cols when pad is true. */
void ui_put(WINDOW *win, const char *s, int cols, bool pad);

/* ---- lists (list.c) --------------------------------------------------- */

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
	long aux[4];  /* view data for drawing (dates, kinds, scores) */
};

struct list;
struct ui;

/* The operations of a list view; optional ones may be NULL. */
struct view_ops {
	const char *name;  /* "timeline" */
	const char *title; /* "Timeline" */
	enum jawrc_keymap keymap;
	const struct list_column *columns;
	int ncolumns;
	int64_t (*count)(struct list *l, jaw_err *err);
	/* Fills rows[0..limit) from offset; returns how many or -1. */
	int (*fetch)(struct list *l, int64_t offset, int limit, struct list_row *rows,
	             jaw_err *err);
	/* The position of the next row containing text (see model_find_row). */
	int64_t (*search)(struct list *l, const char *text, int64_t from, enum model_dir dir,
	                  jaw_err *err);
	/* Handles a view action; returns ui_flags, or -1 if not handled. */
	int (*action)(struct ui *ui, struct list *l, enum action a);
	/* Draws the chart part of a row (l->chart_w columns at the right). */
	void (*draw_chart)(struct list *l, const struct list_row *row, attr_t attr);
	/* Draws the chart's header (an axis). */
	void (*draw_chart_header)(struct list *l);
	/* Sets l->chart_w for the pane width (0: no chart). */
	void (*layout_chart)(struct list *l);
	/* Draws the body in another form (a grid) when it returns true. */
	bool (*draw_body)(struct list *l);
	/* A note for the pane title (a filter, a sort), or NULL. */
	const char *(*describe_state)(struct list *l);
	/* Frees the view's state. */
	void (*free_state)(void *state);
	/* What an empty list says (NULL: "nothing here yet: a adds one"). */
	const char *empty;
};

/* A list on screen: a title row, a header row and the visible rows. */
struct list {
	const struct view_ops *ops;
	struct jaw_db *db;
	struct ui *ui;
	void *state; /* the view's own (filters, modes) */
	WINDOW *win;
	int h, w;
	int64_t count, top, cursor;
	struct list_row *rows; /* the visible page, rows[0] is row `top` */
	int nrows, cap;
	bool focused;
	bool dirty_all;
	int64_t drawn_cursor; /* where the cursor was last drawn, -1: nowhere */
	int colw[LIST_MAX_COLUMNS];
	int chart_w; /* columns at the right drawn by the view (a chart) */
};

extern const struct view_ops view_timeline_ops;
extern const struct view_ops view_stakeholders_ops;
extern const struct view_ops view_evidence_ops;
extern const struct view_ops view_codebook_ops;
extern const struct view_ops view_survey_ops;

/* Returns a new list of the view ops over db (no window yet). */
struct list *list_new(const struct view_ops *ops, struct ui *ui, struct jaw_db *db);
/* Frees l, its window and its state. */
void list_free(struct list *l);
/* Places l at the given screen area (h rows including title and header). */
void list_place(struct list *l, int y, int x, int h, int w);
/* Reads the row count and the visible page again; keeps the cursor. */
int list_reload(struct list *l, jaw_err *err);
/* Marks focus; the focused list shows its cursor in reverse video. */
void list_set_focus(struct list *l, bool focused);
/* Draws what changed into the list's window (wnoutrefresh, no doupdate). */
void list_draw(struct list *l, bool all);
/* Handles a movement action; returns ui_flags, -1 if not a movement. */
int list_action(struct list *l, enum action a);
/* Moves the cursor to position pos (clamped) and reads the page. */
void list_goto(struct list *l, int64_t pos);
/* The selected row, or NULL when the list is empty. */
const struct list_row *list_selected(const struct list *l);
/* Writes a one-line description of the selected row into buf. */
void list_describe(const struct list *l, char *buf, size_t size);
/* Frees the cells of a row and zeroes it. */
void list_row_clear(struct list_row *row);
/* Returns the row at screen line y of the list's body, or -1. */
int64_t list_row_at_line(const struct list *l, int y);

/* ---- the evidence view's filter (view_evidence.c) --------------------- */

/* Replaces the evidence filter (NULL: all sources); label describes it. */
void view_evidence_set_filter(struct list *l, const struct source_filter *f, const char *label);
/* Parses "kind=K stakeholder=NAME event=TITLE code=NAME" (values may be
 * in double quotes) into the evidence filter; "" clears it. */
int view_evidence_filter_command(struct list *l, const char *args, jaw_err *err);

/* ---- the survey view (view_survey.c, survey_import.c) ----------------- */

/* Shows the survey with id survey_id (0: keep the one shown). */
void view_survey_show(struct list *l, int64_t survey_id);
/* The import dialog: asks for a CSV path when path is NULL, previews the
 * plan (roles can be changed), imports it with a progress bar in the
 * status line, and reports. Returns the new survey's id, 0 if nothing
 * was imported. */
int64_t ui_import_csv(struct ui *ui, const char *path);

/* ---- the interface (ui.c) --------------------------------------------- */

/* The panes: timeline, stakeholders and evidence share the screen; the
 * codebook (C) and the survey view (U) take the whole screen until q. */
enum { UI_NPANES = 5, UI_SHARED_PANES = 3, UI_CODEBOOK = 3, UI_SURVEY = 4 };

/* The whole interface. */
struct ui {
	struct jaw_db *db;
	struct jawrc *rc;
	char *title;
	struct list *panes[UI_NPANES];
	int focus;
	int focus_before_codebook;
	bool zoomed;
	int lines, cols;
	bool too_small, help;
	bool clear_all;      /* draw everything anew (after a layout or a form) */
	bool quit_now;       /* a view asked to leave jaw (Q) */
	bool help_scrolls;   /* the help is longer than the screen */
	int help_top;        /* the first help entry shown */
	WINDOW *title_win, *status_win, *sep_win, *help_win, *detail_win;
	char message[1100];
	bool message_is_error;
	int data_version;
	char *search;        /* the last search text */
	char *history[32];   /* command-line history, newest last */
	int nhistory;
	int *script;         /* keys fed by tests, instead of the terminal */
	int nscript, script_pos;
	bool scripted;
	/* called (by tests) when the script runs out, before -1 is returned */
	void (*script_end)(struct ui *ui, void *ctx);
	void *script_ctx;
	/* called (by benchmarks) each time a scripted key is read */
	void (*script_key)(struct ui *ui, void *ctx);
};

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
/* Shows an error in the status bar until the next key. */
void ui_error(struct ui *ui, const char *msg);
/* Reads all panes again (after a change). */
void ui_reload(struct ui *ui);
/* Checks whether another session changed the project; reloads if so.
 * Returns true if it did. */
bool ui_poll_changes(struct ui *ui);
/* Runs the display loop until the user quits or a signal asks to stop.
 * Returns the exit status. */
int ui_run(struct ui *ui);
/* Reads the next key: from the test script if there is one (-1 when it
 * runs out), else from the terminal, waiting. Returns -1 on a signal, and
 * KEYS_RESIZE after laying the screen out for a new size (dialogs that read
 * keys draw themselves again). */
int ui_read_key(struct ui *ui);
/* Feeds keys for tests: ui_read_key returns them in order, then -1. */
void ui_script(struct ui *ui, const int *keys, int n);
/* Focuses pane i (0 timeline, 1 stakeholders, 2 evidence, 3 codebook, 4 survey). */
void ui_focus_pane(struct ui *ui, int i);
/* Runs a command line (":goto 2026-03-01"); returns ui_flags. */
int ui_command(struct ui *ui, const char *line);
/* The nth command name starting with prefix (for Tab), or NULL. */
const char *ui_command_complete(const char *prefix, int nth);
/* Searches the focused list for text from the cursor (n and N repeat it). */
int ui_search_for(struct ui *ui, const char *text);
/* Opens the reader on a source, for reading and coding it (until q). */
void ui_open_source(struct ui *ui, int64_t id);
/* The same, with the cursor at code point offset. */
void ui_open_source_at(struct ui *ui, int64_t id, size_t offset);

/* ---- prompts, forms and the editor (prompt.c, form.c, editor.c) ------- */

/* Asks for a line in the status bar with history (may be NULL) and, when
 * complete is set, Tab completion of command names. Returns the text
 * (newly allocated) or NULL when cancelled with Esc. */
char *prompt_line_new(struct ui *ui, const char *label, const char *initial, bool commands);
/* Asks a yes/no question in the status bar; true for y. */
bool prompt_yes_no(struct ui *ui, const char *question);

/* A field of a form. */
struct form_field {
	const char *label;
	const char *const *choices; /* NULL: free text; else the values to cycle */
	bool long_text;             /* edited in $VISUAL/$EDITOR with Ctrl-X */
	char *value;                /* owned; the form edits it */
};

/* Saves a form; returns JAW_OK, or an error shown in the form. */
typedef int (*form_save_fn)(void *ctx, struct form_field *fields, jaw_err *err);

/* Runs a form over the screen until it is saved (save returns JAW_OK) or
 * cancelled; returns true if saved. */
bool form_run(struct ui *ui, const char *title, struct form_field *fields, int n,
              form_save_fn save, void *ctx);

/* Edits text in $VISUAL or $EDITOR (vi if neither), with curses suspended;
 * returns the new text (newly allocated), or NULL if unchanged or failed
 * (then err says why, if it failed). */
char *editor_edit_new(const char *text, const char *name, jaw_err *err);

/* Frees the values of n form fields. */
void form_fields_free(struct form_field *fields, int n);
/* After a form saved a record: reads the panes again, puts l's cursor at
 * position (when it is not negative) and shows message. */
void ui_after_save(struct ui *ui, struct list *l, int64_t position, const char *message);
/* Edits *text in the editor with curses suspended; true when it changed
 * (then *text is replaced), false with a note in the status bar if not. */
bool ui_edit_text(struct ui *ui, char **text, const char *name);
/* After a change to the project: shows err if rc failed, else the message
 * done (a printf format), and reads the panes again. */
void ui_after_change(struct ui *ui, int rc, const jaw_err *err, const char *done, ...)
	__attribute__((format(printf, 4, 5)));

/* Lets the analyst pick a code by typing part of its name; Enter with no
 * match makes a new code (as coder) from what was typed. Returns the code's
 * id, 0 if cancelled, -1 with err set on failure. */
int64_t picker_code(struct ui *ui, const char *coder, jaw_err *err);
/* Lets the analyst choose one of n items; returns its index, -1 if cancelled. */
int picker_choose(struct ui *ui, const char *title, char *const *items, int n);

/* ---- help (help.c) ---------------------------------------------------- */

/* Draws the keys of keymap map (and the generic ones) in a window centred
 * on a lines x cols screen, from entry top on; *winp is replaced by the new
 * window; *scrolls says whether there are more entries than room. Returns
 * top as it was drawn (kept within the entries). */
int help_draw(WINDOW **winp, const struct jawrc *rc, const char *view_title,
              enum jawrc_keymap map, int lines, int cols, int top, bool *scrolls);

/* ---- the terminal (term.c) -------------------------------------------- */

/* Starts curses on the terminal, with jaw's settings and rc's colours. */
void ui_start_terminal(const struct jawrc *rc);
/* Restores the terminal. Safe to call twice. */
void ui_stop_terminal(void);
/* Leaves curses for a program that uses the terminal (the editor). */
void ui_suspend_terminal(void);
/* Comes back after ui_suspend_terminal. */
void ui_resume_terminal(void);

#endif
