/* help.h - the help overlay. */
#ifndef JAW_HELP_H
#define JAW_HELP_H

#include "ui.h"

/* Draws the keys of keymap map (and the generic ones) in a window centred
 * on a lines x cols screen; *winp is replaced by the new window. */
void help_draw(WINDOW **winp, const struct jawrc *rc, const char *view_title,
               enum jawrc_keymap map, int lines, int cols);

#endif
