/* xdg.h - where jaw keeps a user's files outside projects: under
 * $XDG_DATA_HOME/jaw (~/.local/share/jaw when it is unset or not an
 * absolute path), made with mode 0700 when missing. */
#ifndef JAW_XDG_H
#define JAW_XDG_H

#include "err.h"

/* The directory $XDG_DATA_HOME/jaw/sub (sub NULL or "": the jaw directory
 * itself), made with its parents when missing; newly allocated. NULL with
 * err set (naming the directory) if it cannot be made. */
char *xdg_data_dir_new(const char *sub, jaw_err *err);

#endif
