/* markdown.h - writing text from the project into a Markdown document for
 * pandoc, so that no text changes the document's structure.
 *
 * Everything pandoc's Markdown reads as markup is escaped with a backslash
 * (pandoc reads any ASCII punctuation so escaped as itself): emphasis,
 * code, links, raw HTML and TeX, math, citations, tables, headings, block
 * quotes, lists and definition lists begun at a line's start, and what
 * pandoc's "smart" extension would turn into other characters (straight
 * quotes, "--", "...", the space after an abbreviation such as "Dr."), so
 * that the reader sees every character as it was written: Unicode is
 * written as it is. Control characters (but tab and line feed) and bytes
 * that are not UTF-8 become U+FFFD; blanks at the start and end of a line
 * are dropped (Markdown ignores them; at a paragraph's start they would
 * make a code block). */
#ifndef JAW_MARKDOWN_H
#define JAW_MARKDOWN_H

#include <stdio.h>

/* Writes s as inline text on one line (a heading, a table cell, a field):
 * line breaks become spaces. */
void md_inline(FILE *out, const char *s);
/* Writes s as paragraphs, each line of it a line of the document
 * beginning with prefix ("" for none, "> " in a block quote) and ending
 * in a hard line break, a blank line between paragraphs (as "prefix"
 * without its trailing blanks), so the lines read as they were written.
 * Writes a line feed after the last line; nothing for a text that is
 * blank. */
void md_block(FILE *out, const char *s, const char *prefix);
/* Writes the YAML line "key: 'S'" of front matter, S being s as inline
 * Markdown (pandoc reads front matter values as Markdown) in single
 * quotes. */
void md_yaml(FILE *out, const char *key, const char *s);
/* Writes s as inline Markdown within a YAML single-quoted string (a quote
 * doubled), without the quotes. */
void md_yaml_inline(FILE *out, const char *s);

#endif
