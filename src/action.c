/* action.c - names and help of the interface actions. */
#include "config.h"

#include <string.h>

#include "action.h"

static const struct {
	const char *name, *help;
} action_table[ACTION_COUNT] = {
	[ACTION_NONE] = {"", ""},
#define ACTION(id, n, h) [ACTION_##id] = {n, h},
#include "action.def"
#undef ACTION
};

const char *action_name(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? action_table[a].name : "";
}

const char *action_help(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? action_table[a].help : "";
}

enum action action_from_name(const char *name)
{
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
		if (strcmp(action_table[a].name, name) == 0)
			return (enum action)a;
	return ACTION_NONE;
}
