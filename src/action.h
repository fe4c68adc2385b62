/* action.h - the table of interface actions (generated from action.def). */
#ifndef JAW_ACTION_H
#define JAW_ACTION_H

/* One value per row of action.def, plus ACTION_NONE. */
enum action {
	ACTION_NONE = 0,
#define ACTION(id, name, help) ACTION_##id,
#include "action.def"
#undef ACTION
	ACTION_COUNT
};

/* The jawrc name of an action ("move-down"); "" for ACTION_NONE. */
const char *action_name(enum action a);
/* The one-line help of an action. */
const char *action_help(enum action a);
/* Looks an action up by its jawrc name; ACTION_NONE if unknown. */
enum action action_from_name(const char *name);

#endif
