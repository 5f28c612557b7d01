/*
 * lineedit.h - the REPL's line editor behind a small interface.
 *
 * On a terminal it is libedit (history, completion, emacs keys); elsewhere a
 * plain getline(). Chosen at run time by lineedit_open's `interactive`.
 */
#ifndef BDB_LINEEDIT_H
#define BDB_LINEEDIT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct line_editor line_editor;

/*
 * Completion callback: for the word being typed (`word`, within the whole
 * line `line` at byte offset `start`), calls add(list, candidate) for each
 * candidate.
 */
typedef void (*lineedit_add_fn)(void *list, const char *candidate);
typedef void (*lineedit_complete_fn)(void *ctx, const char *line, int start, const char *word,
				     lineedit_add_fn add, void *list);

/*
 * Opens an editor reading from in. interactive: use libedit with history
 * file history_path (may be NULL) and completion fn (may be NULL).
 */
line_editor *lineedit_open(FILE *in, bool interactive, const char *history_path,
			   lineedit_complete_fn fn, void *fn_ctx);

/*
 * Reads one line without its newline; malloc'ed, free with free(). NULL at
 * end of input. *len gets its length in bytes, which is more than strlen()
 * when the line holds a NUL byte. *interrupted is set when Ctrl-C ended the
 * read (the line is then NULL and the caller should start afresh).
 */
char *lineedit_read(line_editor *ed, const char *prompt, size_t *len, bool *interrupted);

/*
 * From the end of a read that returned a line until the next read (or
 * lineedit_close), an interactive editor keeps the terminal out of its
 * canonical mode, so that what is typed meanwhile, a Ctrl-D included,
 * reaches the next read as typed. This puts the terminal back in its cooked
 * mode until then, for code that reads the terminal itself (.read -).
 */
void lineedit_cooked_mode(void);

/* Calls add(list, name) for each file name that starts with word (a path:
 * "dir/na" gives "dir/name"), as libedit completes file names; a
 * directory's with a '/' after it. */
void lineedit_complete_files(const char *word, lineedit_add_fn add, void *list);

/* Adds a line to the history (and the history file). */
void lineedit_add_history(line_editor *ed, const char *line);

/* Saves history and frees the editor. */
void lineedit_close(line_editor *ed);

#endif /* BDB_LINEEDIT_H */
