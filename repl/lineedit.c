/* lineedit.c - libedit on a terminal, getline() elsewhere. */
#include "lineedit.h"
#include "schema.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>

#include <editline/readline.h>

struct line_editor {
	FILE *in;
	bool interactive;
	char *history_path;
	bool history_unsaved; /* saving it failed, and the user was told */
	locale_t utf8; /* libedit's character type (bdb_text_utf8_ctype; 0: none) */
};

/*
 * libedit decodes what is typed by the character type of the locale, and
 * benchdb never calls setlocale: in the "C" locale it dropped every
 * non-ASCII character typed (a point "café" reached the parser as "caf").
 * A query is UTF-8 text, so libedit runs in a UTF-8 character type, this
 * thread's only (uselocale), so that nothing else (fnmatch's "?", the
 * ctype tests) changes between the REPL and -c.
 */
static locale_t enter_utf8(const line_editor *ed)
{
	return ed->utf8 ? uselocale(ed->utf8) : (locale_t)0;
}

static void leave_utf8(locale_t previous)
{
	if (previous)
		uselocale(previous);
}

/*
 * Type-ahead. Between two reads libedit leaves the terminal in its cooked
 * mode, where the line discipline takes a Ctrl-D typed while a statement
 * runs as an end of file and keeps no byte of it: the next read (libedit,
 * in its raw mode) got a NUL there, and the Ctrl-D was lost. So from the
 * end of one read to the start of the next (and from the start, for what
 * is typed while benchdb starts) the terminal stays as libedit left it but
 * for ICANON and ECHO: what is typed waits byte for byte (a Ctrl-D as 0x04)
 * and libedit reads it, and shows it, at the next prompt. Without ICANON
 * the echo would write Enter as "^J" among the statement's output. Ctrl-C
 * and Ctrl-Z are the cooked mode's. A process-wide state, as libedit's is.
 */
static struct termios cooked_mode;
static int held_fd = -1; /* the terminal held out of its cooked mode, or -1 */

static void hold_typeahead(int fd)
{
	if (tcgetattr(fd, &cooked_mode) != 0)
		return;
	struct termios hold = cooked_mode;
	hold.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL);
	hold.c_cc[VMIN] = 1;
	hold.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &hold) == 0)
		held_fd = fd;
}

void lineedit_cooked_mode(void)
{
	if (held_fd < 0)
		return;
	/* TCSANOW: TCSAFLUSH would drop what was typed ahead. */
	tcsetattr(held_fd, TCSANOW, &cooked_mode);
	held_fd = -1;
}

/* libedit's readline emulation is a process-wide singleton: so is this. */
static lineedit_complete_fn complete_fn;
static void *complete_ctx;

typedef struct match_list {
	char **items;
	size_t n, cap;
} match_list;

static void add_match(void *list, const char *candidate)
{
	match_list *m = list;
	if (m->n + 1 >= m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		char **p = realloc(m->items, cap * sizeof *p);
		if (!p)
			return;
		m->items = p;
		m->cap = cap;
	}
	char *copy = strdup(candidate);
	if (copy)
		m->items[m->n++] = copy;
}

static match_list current_matches;
static size_t current_index;

static char *match_generator(const char *text, int state)
{
	(void)text;
	if (state == 0)
		current_index = 0;
	if (current_index < current_matches.n)
		return strdup(current_matches.items[current_index++]);
	return NULL;
}

static char **attempt_completion(const char *text, int start, int end)
{
	(void)end;
	for (size_t i = 0; i < current_matches.n; i++)
		free(current_matches.items[i]);
	current_matches.n = 0;
	if (complete_fn)
		complete_fn(complete_ctx, rl_line_buffer, start, text, add_match, &current_matches);
	rl_attempted_completion_over = 1;
	if (current_matches.n == 0)
		return NULL;
	/* A directory completes with its '/' and no blank, to go on into it. */
	const char *only = current_matches.items[0];
	rl_completion_append_character =
	    current_matches.n == 1 && *only && only[strlen(only) - 1] == '/' ? '\0' : ' ';
	return rl_completion_matches(text, match_generator);
}

void lineedit_complete_files(const char *word, lineedit_add_fn add, void *list)
{
	char *name;
	for (int state = 0; (name = rl_filename_completion_function(word, state)) != NULL;
	     state++) {
		struct stat st;
		char *with_slash = NULL;
		if (stat(name, &st) == 0 && S_ISDIR(st.st_mode) &&
		    (with_slash = malloc(strlen(name) + 2)) != NULL)
			snprintf(with_slash, strlen(name) + 2, "%s/", name);
		add(list, with_slash ? with_slash : name);
		free(with_slash);
		free(name);
	}
}

line_editor *lineedit_open(FILE *in, bool interactive, const char *history_path,
			   lineedit_complete_fn fn, void *fn_ctx)
{
	line_editor *ed = calloc(1, sizeof *ed);
	if (!ed)
		return NULL;
	ed->in = in;
	ed->interactive = interactive;
	if (!interactive)
		return ed;
	if (history_path)
		ed->history_path = strdup(history_path);
	ed->utf8 = bdb_text_utf8_ctype();
	locale_t previous = enter_utf8(ed);
	rl_readline_name = "benchdb";
	/* Quotes delimit names in the query language: let completion see them. */
	rl_basic_word_break_characters = " \t\n(),;=<>!~";
	complete_fn = fn;
	complete_ctx = fn_ctx;
	rl_attempted_completion_function = attempt_completion;
	using_history();
	stifle_history(2000);
	if (ed->history_path)
		read_history(ed->history_path);
	leave_utf8(previous);
	/* After libedit took its modes from the cooked one. */
	hold_typeahead(fileno(in));
	return ed;
}

char *lineedit_read(line_editor *ed, const char *prompt, size_t *len, bool *interrupted)
{
	*interrupted = false;
	*len = 0;
	if (ed->interactive) {
		lineedit_cooked_mode();
		locale_t previous = enter_utf8(ed);
		errno = 0;
		char *line = readline(prompt);
		if (!line && errno == EINTR)
			*interrupted = true;
		leave_utf8(previous);
		if (line) {
			*len = strlen(line);
			hold_typeahead(fileno(ed->in));
		}
		return line;
	}
	char *line = NULL;
	size_t cap = 0;
	errno = 0;
	ssize_t n = getline(&line, &cap, ed->in);
	if (n < 0) {
		if (errno == EINTR) {
			*interrupted = true;
			clearerr(ed->in);
		}
		free(line);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	*len = (size_t)n;
	return line;
}

/* Saves the history to its file. One that cannot be written (a directory
 * missing, no permission) is said once: it was lost without a word. */
static void save_history(line_editor *ed)
{
	errno = 0;
	int err = write_history(ed->history_path);
	if (err && !ed->history_unsaved) {
		fprintf(stderr, "benchdb: note: cannot save the history to %s: %s\n",
			ed->history_path, strerror(err));
		ed->history_unsaved = true;
	}
}

void lineedit_add_history(line_editor *ed, const char *line)
{
	if (!ed->interactive || !*line)
		return;
	locale_t previous = enter_utf8(ed);
	add_history(line);
	if (ed->history_path)
		save_history(ed);
	leave_utf8(previous);
}

void lineedit_close(line_editor *ed)
{
	if (!ed)
		return;
	/* (A .read file's editor leaves the REPL's terminal as it is.) */
	if (ed->interactive)
		lineedit_cooked_mode();
	locale_t previous = enter_utf8(ed);
	if (ed->interactive && ed->history_path)
		save_history(ed);
	leave_utf8(previous);
	for (size_t i = 0; i < current_matches.n; i++)
		free(current_matches.items[i]);
	free(current_matches.items);
	memset(&current_matches, 0, sizeof current_matches);
	free(ed->history_path);
	free(ed);
}
