/* ui.h - the ncurses interface.
 *
 * Everything on screen is a layer on one stack: at the bottom the panes
 * (the views of src/views.def that share the screen), above them views
 * that take the whole screen (the codebook, the survey, the reader) and
 * modals (pickers, choosers, prompts, forms, the help, the import dialog).
 * One loop (ui_run) reads keys with a timeout, gives each key to the top
 * layer, carries out what the handler asked for (ui_flags and requests to
 * show another view), follows other sessions' changes through PRAGMA
 * data_version, reads again what is stale and visible (update), and paints
 * what changed (draw). Handlers never draw and draw functions never query
 * (after htop); views never call each other: they post requests (after tig). */
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
#include "finding.h"
#include "jawrc.h"
#include "model.h"

/* What a handler asks the loop to do (or-ed together). */
enum ui_flags {
	UI_NONE = 0,
	UI_REDRAW = 1,  /* repaint */
	UI_RELOAD = 2,  /* the project changed: every layer reads its data again */
	UI_QUIT = 4,    /* leave the program */
	UI_LAYOUT = 8,  /* lay the screen out again */
	UI_STAY = 16,   /* a chooser's callback: the chooser stays open under what it opened */
};

/* Set by the signal handlers (SIGTERM, SIGHUP, SIGINT); the loop stops. */
extern volatile sig_atomic_t ui_stop_signal;

struct ui;
struct list;
struct layer;

/* ---- the registry of views (views.c, from src/views.def) -------------- */

enum view_id {
#define VIEW(id, ident, place, key, help) VIEW_##id,
#include "views.def"
#undef VIEW
	VIEW_COUNT
};

enum view_place { VIEW_PLACE_PANE, VIEW_PLACE_FULL, VIEW_PLACE_OPENED };

/* A request to show something: a handler posts it, the loop carries it
 * out after the handler returns (focusing or opening the view, then
 * passing the request to the view's show or open operation). */
struct ui_target {
	enum view_id view;
	int64_t id;        /* the record to show: a source (reader), a survey */
	int64_t at;        /* a position: a row, or a code point (reader); -1: none */
	bool has_filter;   /* evidence: show only what filter lets through */
	struct source_filter filter;
	char label[300];   /* what the filter means, for the pane title */
};

/* A command of the command line (":NAME ARGS"); l is the list of the view
 * that registered it (NULL for the shell's own). Returns ui_flags. */
struct ui_command {
	const char *name, *args, *help;
	int (*run)(struct ui *ui, struct list *l, const char *args);
};

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

/* A key of a view, for its help and jaw(1): an action (span actions from
 * it, for the quick codes 1-9) and what it does in that view. */
struct view_action {
	enum action action;
	int span;
	const char *help;
};

/* The operations of a view; all but name and title are optional. A list
 * view has count and fetch; a view that is not a list (the reader) has
 * open instead. */
struct view_ops {
	const char *name;  /* "timeline" */
	const char *title; /* "Timeline" */
	const struct list_column *columns;
	int ncolumns;
	int64_t (*count)(struct list *l, jaw_err *err);
	/* Fills rows[0..limit) from offset; returns how many or -1. */
	int (*fetch)(struct list *l, int64_t offset, int limit, struct list_row *rows,
	             jaw_err *err);
	/* The position of the next row containing text from position from, going
	 * dir and wrapping round (search.h); -1 if none, -2 on error. */
	int64_t (*search)(struct list *l, const char *text, int64_t from, enum model_dir dir,
	                  jaw_err *err);
	/* Handles a view action; returns ui_flags, or -1 if not handled. */
	int (*action)(struct ui *ui, struct list *l, enum action a);
	/* Reads what the drawing needs besides the rows (a chart of the
	 * selected row); called after the rows or the cursor changed. */
	int (*update)(struct list *l, jaw_err *err);
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
	/* The evidence linked to a row, for the Details pane; false if none. */
	bool (*detail_filter)(struct list *l, const struct list_row *row, struct source_filter *f);
	/* Shows what a request asks for (a filter, a row); returns ui_flags. */
	int (*show)(struct ui *ui, struct list *l, const struct ui_target *t);
	/* The list position of the row with id (the cursor goes there after an
	 * undo brings it back); -1 if the list does not show it, or on error. */
	int64_t (*position_of)(struct list *l, int64_t id, jaw_err *err);
	/* For views that are not lists: makes the layer that shows t. */
	struct layer *(*open)(struct ui *ui, const struct ui_target *t, jaw_err *err);
	/* The view's commands for the command line. */
	const struct ui_command *commands;
	int ncommands;
	/* The view's own keys, with what each does there (the help, jaw(1)). */
	const struct view_action *actions;
	int nactions;
	/* Frees the view's state. */
	void (*free_state)(void *state);
	/* What an empty list says (NULL: "nothing here yet: a adds one"). */
	const char *empty;
	/* What it says when that depends on the view's state (a filter that
	 * nothing passes); NULL: empty. */
	const char *(*empty_state)(struct list *l);
};

/* A list on screen: a title row, a header row and the visible rows. Keys
 * move the cursor; list_update reads what the move needs; list_draw paints
 * what changed (only the two rows the cursor left and entered, after htop). */
struct list {
	const struct view_ops *ops;
	struct jaw_db *db;
	struct ui *ui;
	void *state;      /* the view's own (filters, modes) */
	enum jawrc_keymap keymap;
	WINDOW *win;
	int h, w;
	bool chrome;      /* a title row */
	bool no_header;   /* no header row (the lists of modals) */
	int64_t count, top, cursor;
	struct list_row *rows; /* the visible page, rows[0] is row `top` */
	int nrows, cap;
	int64_t fetched_top;   /* the top of the page in rows, -1: none */
	bool focused;
	bool stale;            /* count and page must be read again */
	bool dirty_all;
	int64_t drawn_cursor;  /* where the cursor was last drawn, -1: nowhere */
	int64_t updated_cursor; /* where ops->update last ran, -1: never */
	const char *filter;    /* text a chooser filters by (borrowed), or NULL */
	int colw[LIST_MAX_COLUMNS];
	int chart_w; /* columns at the right drawn by the view (a chart) */
};

/* The views' operations (one file each, named in src/views.def). */
#define VIEW(id, ident, place, key, help) extern const struct view_ops view_##ident##_ops;
#include "views.def"
#undef VIEW

/* Returns a new list of the view ops over db (no window yet). */
struct list *list_new(const struct view_ops *ops, struct ui *ui, struct jaw_db *db,
                      enum jawrc_keymap keymap);
/* Frees l, its window and its state. */
void list_free(struct list *l);
/* Places l at the given screen area (h rows including title and header). */
void list_place(struct list *l, int y, int x, int h, int w);
/* Marks l to read its count and page again at the next update. */
void list_reload(struct list *l);
/* Reads what the list needs before it is drawn: the count and page when
 * stale, the page when the cursor left it, the view's update. */
int list_update(struct list *l, jaw_err *err);
/* Marks focus; the focused list shows its cursor in reverse video. */
void list_set_focus(struct list *l, bool focused);
/* Draws what changed into the list's window (wnoutrefresh, no doupdate). */
void list_draw(struct list *l, bool all);
/* Handles a movement action; returns ui_flags, -1 if not a movement. */
int list_action(struct list *l, enum action a);
/* Moves the cursor to position pos (clamped; the page is read at update). */
void list_goto(struct list *l, int64_t pos);
/* The selected row, or NULL when the list is empty. */
const struct list_row *list_selected(const struct list *l);
/* Writes a one-line description of the selected row into buf. */
void list_describe(const struct list *l, char *buf, size_t size);
/* Frees the cells of a row and zeroes it. */
void list_row_clear(struct list_row *row);
/* Returns the row at screen line y of the list's window, or -1. */
int64_t list_row_at_line(const struct list *l, int y);
/* The number of rows on screen. */
int list_visible(const struct list *l);

/* ---- layers (ui.c) ----------------------------------------------------- */

/* The operations of a layer; all but key and draw are optional. */
struct layer_ops {
	const char *name;
	/* Places the layer's windows for the screen size in ui. */
	void (*layout)(struct layer *ly);
	/* Reads what the layer shows when it is stale or moved (no drawing). */
	int (*update)(struct layer *ly, jaw_err *err);
	/* Paints the layer (all: everything; else what changed); no queries. */
	void (*draw)(struct layer *ly, bool all);
	/* Handles a key; returns ui_flags. */
	int (*key)(struct layer *ly, int key);
	/* The status bar's text when there is no message. */
	void (*describe)(struct layer *ly, char *buf, size_t size);
	/* Searches what the layer shows for the next (previous) match. */
	int (*search)(struct layer *ly, const char *text, enum model_dir dir);
	/* Where the terminal's cursor goes (a text field); false: hidden. */
	bool (*cursor)(struct layer *ly, WINDOW **win, int *y, int *x);
	/* Says that the layer is closed by the shell, not by itself (what it
	 * was asked is cancelled). */
	void (*cancel)(struct layer *ly);
	/* Frees the layer (its windows and data). */
	void (*free)(struct layer *ly);
};

/* What a layer is (each layer type embeds this first). */
struct layer {
	const struct layer_ops *ops;
	struct ui *ui;
	enum jawrc_keymap keymap; /* whose keys the help lists */
	int view;                 /* the view it shows, -1 for modals */
	bool full;      /* covers the screen: layers below are not drawn */
	bool title;     /* ... but not the title bar (the shell draws it) */
	bool in_status; /* draws itself into the status bar (prompts) */
	bool stale;     /* the project changed since it last read it */
	bool dirty;     /* draw it whole next time */
	bool closing;   /* taken off the stack after the key */
};

/* Puts ly on top of the stack (laid out and read before it is drawn). */
void ui_push(struct ui *ui, struct layer *ly);
/* Takes ly off the stack after the current key (a modal closing itself). */
void ui_close(struct layer *ly);
/* The top layer. */
struct layer *ui_top(struct ui *ui);
/* The topmost layer that is a view (not a modal): the one searches and
 * commands act on. */
struct layer *ui_view_layer(struct ui *ui);
/* Posts a request to show something; carried out after the current key. */
void ui_request(struct ui *ui, const struct ui_target *t);
/* Shows what t asks for at once (a request carried out now); returns
 * ui_flags. */
int ui_show(struct ui *ui, const struct ui_target *t);
/* Closes the layers above the first depth ones (cancelling modals). */
void ui_close_to(struct ui *ui, int depth);
/* Shorthand requests. */
void ui_request_view(struct ui *ui, enum view_id view);
void ui_request_source(struct ui *ui, int64_t source_id, int64_t at);
/* The persistent list of a list view (NULL for views that are not lists). */
struct list *ui_list(struct ui *ui, enum view_id view);
/* Handles the keys every view shares (help, view keys, :, /, n, N, undo,
 * Ctrl-L, Q); returns ui_flags, or -1 if a is not one of them. */
int ui_common_action(struct ui *ui, struct layer *ly, enum action a);
/* Searches list l for text from its cursor (the cursor moves to the
 * match; the status bar says when it wrapped or found nothing). */
int ui_list_search(struct ui *ui, struct list *l, const char *text, enum model_dir dir);
/* Handles a key in a list view: common actions, movement, the view's
 * actions; says so when the key does nothing. Returns ui_flags. */
int ui_list_key(struct ui *ui, struct layer *ly, struct list *l, int key);

/* ---- the views (views.c) ------------------------------------------------ */

/* What the registry says of each view. */
struct view_info {
	const char *name;
	enum view_place place;
	const struct view_ops *ops;
	enum jawrc_keymap keymap;
	enum action action; /* view-NAME; ACTION_NONE for views opened by others */
	const char *help;
};
extern const struct view_info ui_views[VIEW_COUNT];
/* The view called name, or -1. */
int ui_view_find(const char *name);
/* The view action a shows, or -1 if a is not a view-* action. */
int ui_view_of_action(enum action a);

/* ---- the Details pane (details.c) ------------------------------------ */

/* The Details pane of a list view on a wide terminal. */
struct details {
	WINDOW *win;              /* NULL when the terminal is too small for it */
	const struct view_ops *view;
	int64_t row;              /* the row described */
	bool linked;              /* the view links evidence to its rows */
	char **evidence;          /* "date title" of that evidence */
	int nevidence;
};
/* Places the pane for the screen (none below 140x30); returns the columns
 * left for the list views. */
int details_place(struct details *d, const struct ui *ui);
/* Reads the evidence linked to l's selected row when the selection changed
 * (or stale). */
int details_update(struct details *d, struct list *l, bool stale, jaw_err *err);
/* Draws the pane for l's selected row (no query). */
void details_draw(struct details *d, struct list *l);
/* Frees what the pane holds. */
void details_free(struct details *d);

/* ---- the panes (panes.c): the bottom layer ---------------------------- */

/* Makes the bottom layer: the PANE views of the registry. */
struct layer *panes_new(struct ui *ui);
/* Focuses pane view (a PANE view); unzooms if another pane is zoomed. */
void panes_focus(struct layer *ly, enum view_id view);
/* The view of the focused pane. */
enum view_id panes_focused(struct layer *ly);
/* The list of the focused pane. */
struct list *panes_focused_list(struct layer *ly);
/* Zooms the focused pane, or back (z, :zoom); returns ui_flags. */
int panes_toggle_zoom(struct layer *ly);

/* ---- full-screen list views (listview.c) --------------------------------- */

/* A layer showing the list of view (a FULL view) over the whole screen. */
struct layer *listview_new(struct ui *ui, enum view_id view);

/* ---- the interface (ui.c) ---------------------------------------------- */

enum { UI_MAX_LAYERS = 24, UI_MAX_REQUESTS = 4 };

/* The whole interface. */
struct ui {
	struct jaw_db *db;
	struct jawrc *rc;
	char *title;
	char *marking;       /* the project's marking line ("" for none; marking.c) */
	struct list *lists[VIEW_COUNT]; /* the list views' lists, kept while jaw runs */
	struct layer *stack[UI_MAX_LAYERS];
	int depth;
	struct ui_target requests[UI_MAX_REQUESTS];
	int nrequests;
	int lines, cols;
	bool too_small;
	bool clear_all;      /* draw everything anew (after a layout) */
	bool quit_now;       /* a view asked to leave jaw (Q) */
	bool headless;       /* tests and benchmarks: no real terminal to give away */
	WINDOW *title_win, *status_win;
	char message[1100];
	bool message_is_error;
	int data_version;
	char *search;        /* the last search text */
	char *history[32];   /* command-line history, newest last */
	int nhistory;
	int *script;         /* keys queued by tests (ui_script) */
	int nscript, script_pos;
	/* called (by tests) when the script runs out, before what the key
	 * opened is cancelled */
	void (*script_end)(struct ui *ui, void *ctx);
	void *script_ctx;
	char wait_text[600];       /* what the status bar says while a change waits (wait.c) */
	bool resized_while_waiting; /* lay out when the wait is over */
	int busy_after;      /* ms before a computation shows its progress (100; 0,
	                      * for tests: draw and read keys at every step) */
	/* called (by tests) each time a computation's progress is drawn */
	void (*busy_drawn)(struct ui *ui);
};

/* A long computation: see ui_busy_begin. */
enum { UI_BUSY_KEYS = 32 };
struct ui_busy {
	struct ui *ui;
	const char *what;
	double start, drawn; /* ms */
	bool shown, cancelled;
	wint_t keys[UI_BUSY_KEYS]; /* typed meanwhile, with wget_wch's codes */
	int codes[UI_BUSY_KEYS];
	int nkeys;
};

/* Begins a computation on ui's database (db_progress_set): once it has
 * taken ui->busy_after ms, the status line shows "WHAT... 1.2 s (Esc
 * cancels)", drawn again ten times a second, and Esc cancels it (the
 * statement running fails with "cancelled"). The screen is never frozen
 * for longer than a step of SQLite. what is borrowed until ui_busy_end. */
void ui_busy_begin(struct ui *ui, struct ui_busy *b, const char *what);
/* Ends it: returns true if Esc cancelled it. Keys typed meanwhile, other
 * than Esc, are read next. */
bool ui_busy_end(struct ui_busy *b);

/* Creates the interface for an open project, with key bindings from rc
 * (borrowed). Curses must be started (initscr or newterm). */
struct ui *ui_new(struct jaw_db *db, struct jawrc *rc, jaw_err *err);
/* Frees ui (not the db or rc). */
void ui_free(struct ui *ui);
/* Lays the screen out for lines x cols. */
void ui_layout(struct ui *ui, int lines, int cols);
/* Reads what is stale or moved in the visible layers. */
void ui_update(struct ui *ui);
/* Draws everything that changed and updates the terminal; runs no query. */
void ui_draw(struct ui *ui);
/* Handles one key (keys.h code): gives it to the top layer, carries out
 * what it asked for, reads what changed. Returns ui_flags. */
int ui_key(struct ui *ui, int key);
/* Shows a message in the status bar until the next key. */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows an error in the status bar until the next key. */
void ui_error(struct ui *ui, const char *msg);
/* Marks every layer stale: they read their data again before drawing. */
void ui_reload(struct ui *ui);
/* Checks whether another session changed the project; reloads if so.
 * Returns true if it did. */
bool ui_poll_changes(struct ui *ui);
/* Runs the loop until the user quits or a signal asks to stop. Returns
 * the exit status. */
int ui_run(struct ui *ui);
/* Queues keys for tests: the next ui_key handles its key, then these in
 * order; when they run out, script_end is called and every layer the key
 * opened is cancelled (as if Esc had been pressed in each). */
void ui_script(struct ui *ui, const int *keys, int n);
/* The commands of the shell itself (the views add theirs). */
extern const struct ui_command ui_shell_commands[];
extern const int ui_shell_ncommands;
/* Runs a command line (":goto 2026-03-01"); returns ui_flags. */
int ui_command(struct ui *ui, const char *line);
/* The nth command name starting with prefix (for Tab), or NULL. */
const char *ui_command_complete(const char *prefix, int nth);
/* Searches the current view for text from its cursor (n and N repeat it). */
int ui_search_for(struct ui *ui, const char *text);
/* Searches the current view again for the last text. */
int ui_search_again(struct ui *ui, enum model_dir dir);

/* ---- waiting for another session's lock (wait.c) ---------------------- */

/* The interface's db_wait_fn (ctx: the ui): after a fifth of a second the
 * status bar says what the change waits for ("Waiting for an import of
 * survey.csv by alice (pid 1234, started 10:02:11)…  Esc to give up");
 * keys are read meanwhile: Esc gives up (false), Ctrl-L redraws, a resize
 * is laid out after. Runs no query. */
bool ui_wait(void *ctx, const struct db_wait *wait);

/* ---- modals: prompts, pickers, forms, help (prompt.c, picker.c, form.c,
 * help.c); each is a layer that calls back when it is answered --------- */

/* Called with the text typed at a prompt; returns ui_flags. */
typedef int (*ui_text_fn)(struct ui *ui, void *ctx, const char *text);
/* Called when a question is answered yes; returns ui_flags. */
typedef int (*ui_yes_fn)(struct ui *ui, void *ctx);
/* Called with the id of what was picked (and its row); returns ui_flags. */
typedef int (*ui_pick_fn)(struct ui *ui, void *ctx, int64_t id, const struct list_row *row);

/* A record named in a callback's context: its id and a name to show. */
struct ui_ref {
	int64_t id;
	char *name;
};
/* A new reference to record id called name (freed with ui_ref_free). */
struct ui_ref *ui_ref_new(int64_t id, const char *name);
/* Frees a ui_ref (a ctx_free function). */
void ui_ref_free(void *ref);

/* Asks for a line in the status bar (history and Tab completion of
 * command names when commands); done gets the text, unless Esc. ctx is
 * freed with ctx_free (may be NULL) when the prompt closes. */
void prompt_open(struct ui *ui, const char *label, const char *initial, bool commands,
                 ui_text_fn done, void *ctx, void (*ctx_free)(void *));
/* Asks a yes/no question in the status bar; yes runs on y. */
void prompt_confirm(struct ui *ui, const char *question, ui_yes_fn yes, void *ctx,
                    void (*ctx_free)(void *));

/* What the code picker offers besides the codes. */
enum picker_flags {
	PICKER_NEW = 1, /* Enter with no match makes a new code from what was typed */
	PICKER_TOP = 2, /* a first row "(the top of the codebook)", picked as id 0 */
};
/* Lets the analyst pick a code by typing part of its name (as coder, who
 * makes the new code with PICKER_NEW); picked gets the code's id. */
void picker_code(struct ui *ui, const char *title, const char *coder, int flags,
                 ui_pick_fn picked, void *ctx, void (*ctx_free)(void *));
/* Lets the analyst choose a row of a list of ops over db (paged; j/k, g/G,
 * PgDn/PgUp move, / filters as you type, Enter picks, Esc or q cancels).
 * state becomes the list's state (freed with ops->free_state). */
void chooser_open(struct ui *ui, const char *title, const struct view_ops *ops, void *state,
                  ui_pick_fn picked, void *ctx, void (*ctx_free)(void *));
/* Like chooser_open, with the rows filtered by filter from the start. */
void chooser_open_filtered(struct ui *ui, const char *title, const struct view_ops *ops,
                           void *state, const char *filter, ui_pick_fn picked, void *ctx,
                           void (*ctx_free)(void *));
/* Like chooser_open, with the keys typed going to the filter from the
 * start (arrows move; Tab goes to the list). */
void chooser_open_typed(struct ui *ui, const char *title, const struct view_ops *ops, void *state,
                        ui_pick_fn picked, void *ctx, void (*ctx_free)(void *));
/* The same over n strings in memory (items and ids are copied); the id
 * passed to picked is ids[i] (i when ids is NULL). */
void chooser_open_items(struct ui *ui, const char *title, char *const *items,
                        const int64_t *ids, int n, ui_pick_fn picked, void *ctx,
                        void (*ctx_free)(void *));

/* A field of a form. */
struct form_field {
	const char *label;
	const char *const *choices; /* NULL: free text; else the values to cycle */
	bool long_text;             /* edited in $VISUAL/$EDITOR with Ctrl-X */
	char *value;                /* owned; the form edits it */
	/* The field names a record of kind: Tab completes the name (ignoring
	 * case and accents), Ctrl-P picks the record from a list. */
	bool names;
	enum model_name_kind kind;
	/* The record picked (or chosen when names repeat) for the name
	 * chosen_for (owned); ui_name_resolve keeps and reads them. */
	int64_t chosen;
	char *chosen_for;
};

/* What a form's save returns when it asked a question (which of two
 * records of the same name): the form stays open, without an error. */
enum { FORM_ASKED = 16 };

/* Saves a form; returns JAW_OK, FORM_ASKED, or an error shown in the form. */
typedef int (*form_save_fn)(struct ui *ui, void *ctx, struct form_field *fields, jaw_err *err);

/* Opens a form over the screen with n fields (the form takes their values);
 * Enter calls save, and the form closes when it returns JAW_OK; Esc
 * cancels. ctx is freed with ctx_free when the form closes. */
void form_open(struct ui *ui, const char *title, const struct form_field *fields, int n,
               form_save_fn save, void *ctx, void (*ctx_free)(void *));

/* Reads the values a form's record has now in the project, one per field
 * in the form's order (newly allocated strings into values); JAW_OK, or
 * JAW_FAIL with err set (the record was deleted). */
typedef int (*form_fresh_fn)(struct ui *ui, void *ctx, char **values, jaw_err *err);
/* Makes the topmost form (just opened to edit a record) watch for other
 * analysts' changes: on Enter it reads the record again with fresh, and if
 * someone changed a field since the form opened, it shows both versions
 * (theirs in the form's message) instead of saving; Enter again saves
 * the form's values over theirs, Ctrl-T takes theirs into the form. */
void form_watch(struct ui *ui, form_fresh_fn fresh);
/* Saves the topmost open form again (after a question it asked was
 * answered); returns ui_flags. */
int form_resubmit(struct ui *ui);
/* Shows the topmost open form's current field as its value now is (after
 * a picker wrote it); returns ui_flags. */
int form_reload_field(struct ui *ui);
/* Resolves the name in fld (a form field that names a record, fld->kind):
 * JAW_OK with *id set when one record has that name, or none has it
 * exactly and one has it but for case and accents, or when the analyst
 * picked one for this very name before (fld->chosen_for); JAW_FAIL with
 * err when none has it; and when several have it, FORM_ASKED: a chooser
 * tells them apart, and the one picked is kept in fld before the form is
 * saved again. */
int ui_name_resolve(struct ui *ui, struct form_field *fld, int64_t *id, jaw_err *err);
/* Tab in a field that names a record: completes the name from typed (the
 * nth completion, cycling); false when there is nothing to complete (the
 * field is empty, or holds the only name that begins so). */
bool ui_name_complete(struct ui *ui, struct form_field *fld, const char *typed, int nth,
                      char **name_out);
/* Ctrl-P in such a field: a chooser of the records of its kind, filtered
 * by what is typed; the one picked is written into fld and kept in it,
 * then the form redraws. */
void ui_name_pick(struct ui *ui, struct form_field *fld, const char *typed);

/* One entry of a view's help: a heading, a key's action with what it does
 * there, or a command with its arguments. */
struct help_entry {
	const char *heading;     /* a section's title: the rest is empty */
	enum action action;      /* a key: its action (and span more after it) */
	int span;
	const struct ui_command *command; /* or a command */
	const char *text;        /* what it does */
};
/* The parts of a view's help. */
enum help_parts {
	HELP_OWN = 1,        /* the view's own keys */
	HELP_MOVING = 2,     /* moving in a list (list views) */
	HELP_PANES = 4,      /* the keys of the panes (PANE views) */
	HELP_EVERYWHERE = 8, /* the keys that work everywhere (less the view's own) */
	HELP_COMMANDS = 16,  /* every command */
	HELP_ALL = 31,
};
/* The parts of the help of view, each under a heading. Fills up to max
 * entries; returns how many. */
int help_entries(enum view_id view, int parts, struct help_entry *out, int max);
/* Shows the help of view (its keys with the bindings in effect, and the
 * commands), wrapped to the screen and scrolling. */
void help_open(struct ui *ui, enum view_id view);
/* Shows the help of one topic (:help filter, :help goto); false if there
 * is no such topic. */
bool help_open_topic(struct ui *ui, const char *topic);

/* The import dialog: asks for a CSV path when path is NULL, previews the
 * plan (roles can be changed), imports it with a progress bar in the
 * status line, then shows the new survey (survey_import.c). */
void ui_import_csv(struct ui *ui, const char *path);

/* ---- the editor and changes (editor.c) ---------------------------------- */

/* Edits text in $VISUAL or $EDITOR (vi if neither), with curses suspended;
 * returns the new text (newly allocated), or NULL if unchanged or failed
 * (then err says why, if it failed). */
char *editor_edit_new(const char *text, const char *name, jaw_err *err);
/* Frees the values of n form fields. */
void form_fields_free(struct form_field *fields, int n);
/* Frees n strings and the array that holds them (NULL ones are fine). */
void form_values_free(char **values, int n);
/* Edits *text in the editor with curses suspended; true when it changed
 * (then *text is replaced), false with a note in the status bar if not. */
bool ui_edit_text(struct ui *ui, char **text, const char *name);
/* After a change to the project: shows err if rc failed, else the message
 * done (a printf format); returns UI_RELOAD (every layer reads again). */
int ui_after_change(struct ui *ui, int rc, const jaw_err *err, const char *done, ...)
	__attribute__((format(printf, 4, 5)));
/* The coder's name: jawrc's `set coder`, else the login name (newly allocated). */
char *ui_coder_new(struct ui *ui);

/* ---- memos where analysts need them (memo_mark.c) ------------------------ */

/* The mark a list shows beside the name of a record that has a memo. */
#define UI_MEMO_MARK "\u270e"
/* Marks the rows of a page whose record (of target_kind, a word of
 * kinds_memo_target) has a memo: UI_MEMO_MARK before the text of cell (a
 * title a narrow column cuts), or after it (an indented name in a tree). A
 * failure to read the marks leaves the rows without them. */
void memo_mark_rows(struct list *l, const char *target_kind, struct list_row *rows, int n,
                    int cell, bool before);
/* m on a record: edits the analyst's own memo on it in $VISUAL/$EDITOR (the
 * newest, if several), or writes a new one (always, when new_one); name
 * says what the record is in messages. Returns ui_flags. A view that shows
 * findings writes memos on them with
 *     case ACTION_MEMO: return ui_memo_write(ui, "finding", id, title, false); */
int ui_memo_write(struct ui *ui, const char *target_kind, int64_t id, const char *name,
                  bool new_one);

/* ---- export and the marking line (export_dialog.c, marking.c) ------------ */

/* :export [--excel] FORMAT PATH: runs an exporter of export_all into PATH
 * (asking before it overwrites a file), with a progress bar in the status
 * line; Esc stops it, and nothing is written then. Returns ui_flags. */
int ui_export_command(struct ui *ui, struct list *l, const char *args);
/* :marking [TEXT]: sets the project's marking line (no TEXT: a prompt with
 * the line as it is, to change or clear). Returns ui_flags. */
int ui_marking_command(struct ui *ui, struct list *l, const char *args);
/* Reads the project's marking line into ui->marking (after a change). */
void ui_marking_read(struct ui *ui);

struct attrib_setting;
/* The choices of a form's attribution field: a stakeholder's ("default"
 * for its kind's) and a source's ("inherit" from its stakeholder). */
extern const char *const ui_attribution_stakeholder_choices[];
extern const char *const ui_attribution_source_choices[];
/* The field's value for setting s (newly allocated). */
char *ui_attribution_value_new(const struct attrib_setting *s, bool source);
/* The attribution to store for a field's value ("" for default/inherit). */
const char *ui_attribution_stored(const char *value);
/* The attribution that applies, in words for the Details pane: "role (set
 * for this source)", "anonymous (the default for its kind)" (newly
 * allocated). */
char *ui_attribution_words_new(const struct attrib_setting *s, bool source);

/* ---- citing evidence in a finding (view_findings.c) --------------------- */

/* What is cited: a coding (coding_id), or else characters start..end
 * (code points) of source source_id. */
struct findings_cite_target {
	int64_t coding_id;
	int64_t source_id, start, end;
};
/* Opens the picker of findings (type to filter; a first row "new
 * finding..." asks a title) and cites t in the one picked; the status bar
 * says "Cited in finding N: TITLE". what names what is cited in the
 * picker's title ("the selection"). */
void findings_cite(struct ui *ui, const struct findings_cite_target *t, const char *what);
/* How many citations deleting the coding, source or code id would leave
 * lost (citation_impact), with "N citation(s) in findings will be lost. "
 * in buf to begin a question ("" for none); -1 on error, shown in the
 * status bar. */
int64_t findings_impact(struct ui *ui, enum citation_target target, int64_t id, char *buf,
                        size_t size);

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
