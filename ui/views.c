/* views.c - the registry of views, made from src/views.def: a new view is
 * its file (ui/view_NAME.c with view_NAME_ops) and one line there. */
#include "config.h"

#include <string.h>

#include "ui.h"

#define VIEW_ACTION_PANE(id) ACTION_VIEW_##id
#define VIEW_ACTION_FULL(id) ACTION_VIEW_##id
#define VIEW_ACTION_OPENED(id) ACTION_NONE

const struct view_info ui_views[VIEW_COUNT] = {
#define VIEW(id, ident, place, key, help) \
	[VIEW_##id] = {#ident, VIEW_PLACE_##place, &view_##ident##_ops, JAWRC_##id, \
	               VIEW_ACTION_##place(id), help},
#include "views.def"
#undef VIEW
};

int ui_view_find(const char *name)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (strcmp(ui_views[v].name, name) == 0)
			return v;
	return -1;
}

int ui_view_of_action(enum action a)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (a != ACTION_NONE && ui_views[v].action == a)
			return v;
	return -1;
}
