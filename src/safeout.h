/* safeout.h - text for a terminal from the command line: every line goes
 * through the interface's sanitiser (utf8_sanitize_new), so a file name,
 * an argument, a code name or a message never reaches the terminal with a
 * control character or an invisible one (an escape sequence in a file name
 * shows as a picture of ESC, not as a command to the terminal). Line feeds
 * stay line feeds. Files written with -o are not passed through here:
 * they keep the data exact. */
#ifndef JAW_SAFEOUT_H
#define JAW_SAFEOUT_H

#include <stdio.h>

/* text with each line sanitised, newly allocated. */
char *safeout_lines_new(const char *text);
/* fprintf to out, each line sanitised. */
void safeout_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A stream that writes what it is given to under, line by line, each
 * sanitised (a line is held until its line feed or fclose). fclose
 * flushes it and leaves under open. NULL if it cannot be made. */
FILE *safeout_stream_open(FILE *under);

#endif
