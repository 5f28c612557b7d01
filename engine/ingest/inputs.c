/*
 * inputs.c - what a command line argument of `benchdb ingest` stands for.
 * A file or "-" is one input. A directory is a Criterion tree (one input,
 * read by criterion.c) or a directory of result files: each file one input,
 * in name order, its subdirectories likewise (a pytest-benchmark storage
 * directory, .benchmarks/<machine>/NNNN_*.json, is such a directory).
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Deeper than any Criterion tree (group/function/value) or storage directory. */
#define MAX_DEPTH 8

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* Names a directory walk skips: hidden entries (.git, .gitignore). */
static bool skipped(const char *name)
{
	return name[0] == '.';
}

static int compare_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool join(char *buf, size_t size, const char *dir, const char *name)
{
	size_t len = strlen(dir);
	bool slash = len > 0 && dir[len - 1] == '/';
	return (size_t)snprintf(buf, size, "%s%s%s", dir, slash ? "" : "/", name) < size;
}

static bool criterion_tree_at(const char *dir, int depth)
{
	char path[4096];
	if (join(path, sizeof path, dir, "new/estimates.json") && is_file(path))
		return true;
	if (depth >= MAX_DEPTH)
		return false;
	struct dirent **list;
	int n = scandir(dir, &list, NULL, compare_names);
	if (n < 0)
		return false;
	bool tree = true;
	int subdirs = 0;
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		if (tree && !skipped(name) && join(path, sizeof path, dir, name)) {
			if (!is_dir(path))
				tree = false; /* a result file: a directory of files */
			else if (strcmp(name, "report") != 0 && ++subdirs &&
				 !criterion_tree_at(path, depth + 1))
				tree = false;
		}
		free(list[i]);
	}
	free(list);
	return tree && subdirs > 0;
}

bool bdb_is_criterion_tree(const char *dir)
{
	return criterion_tree_at(dir, 0);
}

int bdb__criterion_part(const char *path, bool is_folder, bdb_diag *d)
{
	char dir[4096], probe[4096];
	const char *slash = strrchr(path, '/');
	if (!is_folder && !is_file(path))
		return 0; /* standard input, an upload */
	if (is_folder)
		snprintf(dir, sizeof dir, "%s", path);
	else if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path + 1), path);
	else
		snprintf(dir, sizeof dir, ".");
	if (!join(probe, sizeof probe, dir, "../new/estimates.json") || !is_file(probe))
		return 0;
	return bdb_diag_set(d, BDB_EFORMAT, path, 0, 0,
			    "is part of a Criterion benchmark (%s its new/, base/ or change/ "
			    "folder), no input of its own: ingest the benchmark's folder, or the "
			    "whole tree (benchdb ingest target/criterion)",
			    is_folder ? "like" : "a file of");
}

static int add_path(bdb_ingest_inputs *list, const char *path)
{
	return bdb__strs_push(&list->paths, &list->n, &list->cap, path);
}

/* The directories a walk is inside, outermost first: a symbolic link back to
 * one of them is a loop, not more files. */
typedef struct walk_path {
	dev_t dev[MAX_DEPTH + 1];
	ino_t ino[MAX_DEPTH + 1];
	int n;
	char hidden[4096]; /* the first hidden directory skipped, or "" */
} walk_path;

static bool inside(const walk_path *w, const struct stat *st)
{
	for (int i = 0; i < w->n; i++)
		if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino)
			return true;
	return false;
}

const char *bdb__special_kind(mode_t mode)
{
	return S_ISFIFO(mode)  ? "a FIFO"
	       : S_ISSOCK(mode) ? "a socket"
	       : S_ISCHR(mode)  ? "a character device"
	       : S_ISBLK(mode)  ? "a block device"
				: "not a regular file";
}

static int expand_dir(bdb_ingest_inputs *list, const char *dir, bdb_input_format format,
		      walk_path *w, bdb_diag *d)
{
	if (format == BDB_INPUT_AUTO && bdb_is_criterion_tree(dir)) {
		list->criterion_trees++;
		return add_path(list, dir);
	}
	struct stat st;
	if (w->n >= MAX_DEPTH || stat(dir, &st) != 0)
		return 0;
	w->dev[w->n] = st.st_dev;
	w->ino[w->n] = st.st_ino;
	w->n++;
	struct dirent **entries;
	int n = scandir(dir, &entries, NULL, compare_names);
	int rc = n < 0 ? bdb_diag_set(d, BDB_EIO, dir, 0, 0, "cannot list the directory: %s",
				      strerror(errno))
		       : 0;
	char path[4096];
	for (int i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		if (!rc && skipped(name) && !w->hidden[0] && strcmp(name, ".") != 0 &&
		    strcmp(name, "..") != 0 && join(path, sizeof path, dir, name) && is_dir(path))
			snprintf(w->hidden, sizeof w->hidden, "%s", path);
		if (!rc && !skipped(name)) {
			if (!join(path, sizeof path, dir, name))
				rc = bdb_diag_set(d, BDB_ETOOBIG, dir, 0, 0,
						  "a path in this directory is too long");
			else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
				if (!inside(w, &st))
					rc = expand_dir(list, path, format, w, d);
			} else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
				/* Reading a FIFO nobody writes would wait for ever. */
				rc = bdb_diag_set(d, BDB_EFORMAT, path, 0, 0,
						  "is %s, not a result file: a directory's inputs "
						  "are its regular files (name it on the command line "
						  "to read it)",
						  bdb__special_kind(st.st_mode));
			} else if (!(rc = add_path(list, path))) {
				list->files++;
			}
		}
		free(entries[i]);
	}
	free(entries);
	w->n--;
	return rc;
}

int bdb_ingest_expand(const char *arg, bdb_input_format format, bdb_ingest_inputs *list, bdb_diag *d)
{
	bdb_diag_clear(d);
	if (strcmp(arg, "-") == 0 || !is_dir(arg) || format == BDB_INPUT_CRITERION)
		return add_path(list, arg);
	int rc = format == BDB_INPUT_AUTO ? bdb__criterion_part(arg, true, d) : 0;
	/* asv's results, named: once, not once per file (a directory that
	 * holds them among others reads each, which names import-asv). */
	if (!rc && format == BDB_INPUT_AUTO)
		rc = bdb__asv_dir_refuse(arg, d);
	if (rc)
		return rc;
	size_t before = list->n;
	walk_path w = {.n = 0};
	rc = expand_dir(list, arg, format, &w, d);
	if (!rc && list->n == before && w.hidden[0])
		rc = bdb_diag_set(d, BDB_EFORMAT, arg, 0, 0,
				  "the directory holds no result files and no Criterion tree; "
				  "hidden entries are skipped: give %s by name to read it",
				  w.hidden);
	else if (!rc && list->n == before)
		rc = bdb_diag_set(d, BDB_EFORMAT, arg, 0, 0,
				  "the directory holds no result files and no Criterion tree");
	return rc;
}

void bdb_ingest_inputs_free(bdb_ingest_inputs *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->paths[i]);
	free(list->paths);
	memset(list, 0, sizeof *list);
}
