/*
 * hyperfine_csv.c - hyperfine --export-csv:
 *
 *   command,mean,stddev,median,user,system,min,max,parameter_n
 *   sleep 0.001,0.0079688528,0.0062985086,0.0040271180,0.0013468,0,0.002377231,0.01592798,1
 *
 * The same points and metrics as the JSON export (hyperfine.c), without
 * the samples the CSV does not hold: a point is the command with a tag per
 * parameter_NAME column (NAME=value); time (s, lower) is the mean, user
 * and system (s, lower) the CPU times; stddev, median, min and max are
 * metrics in s (info). Fields are RFC 4180 CSV (a command with a comma is
 * quoted).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char header[] = "command,mean,stddev,median,user,system,min,max";

bool bdb__detect_hyperfine_csv(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l))
		if (bdb__skip_blanks(l.line, l.line + l.len) < l.line + l.len)
			return bdb__starts_with(l.line, l.len, header);
	return false;
}

enum { COMMAND, MEAN, STDDEV, MEDIAN, USER, SYSTEM, MIN, MAX, N_FIXED };

static const struct {
	const char *metric;
	bdb_direction direction;
} columns[N_FIXED] = {
    [MEAN] = {"time", BDB_LOWER}, [STDDEV] = {"stddev", BDB_INFO},  [MEDIAN] = {"median", BDB_INFO},
    [USER] = {"user", BDB_LOWER}, [SYSTEM] = {"system", BDB_LOWER}, [MIN] = {"min", BDB_INFO},
    [MAX] = {"max", BDB_INFO},
};

static int fail(bdb__input *in, const bdb__lines *l, const char *at, const char *what,
		const char *got, bdb_diag *d)
{
	return bdb_diag_set(d, BDB_EPARSE, in->name, l->number, bdb__line_column(l->line, at),
			    "malformed hyperfine CSV row: %s%s%s", what, got ? got : "",
			    got ? "\"" : "");
}

static int read_row(bdb__input *in, const bdb__lines *l, const bdb__csv_row *head,
		    const bdb__csv_row *row, bdb_run *run, bdb__strmap *points, bdb_diag *d)
{
	if (row->n != head->n) {
		char what[96];
		snprintf(what, sizeof what, "expected %zu fields as the header has, got %zu",
			 head->n, row->n);
		return fail(in, l, l->line + l->len, what, NULL, d);
	}
	if (!*row->field[COMMAND])
		return fail(in, l, row->start[COMMAND], "expected a command", NULL, d);
	bdb_kv tags[16];
	size_t n_tags = 0;
	for (size_t c = N_FIXED; c < head->n && n_tags < 16; c++)
		if (strncmp(head->field[c], "parameter_", 10) == 0)
			tags[n_tags++] = (bdb_kv){head->field[c] + 10, row->field[c]};
	size_t point, before = run->n_points;
	int rc = bdb__point_get(run, points, row->field[COMMAND], tags, n_tags, &point);
	if (!rc && point < before)
		return fail(in, l, row->start[COMMAND],
			    "the command appears twice with the same parameters", NULL, d);
	for (size_t c = MEAN; !rc && c < N_FIXED; c++) {
		const char *text = row->field[c];
		double v;
		if (!*text && c != MEAN)
			continue;
		if (!bdb__parse_number(text, strlen(text), false, &v)) {
			char what[64];
			snprintf(what, sizeof what, "expected a number for \"%s\", got \"",
				 head->field[c]);
			return fail(in, l, row->start[c], what, text, d);
		}
		rc = bdb__add_defined_metric(run, &run->points[point], columns[c].metric, v, "s",
					     columns[c].direction, NULL);
	}
	return rc;
}

int bdb__ingest_hyperfine_csv(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	bdb__csv_row head = {0}, row = {0};
	bdb__strmap points = {0};
	bdb__lines l;
	bool have_head = false;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l)) {
		if (bdb__skip_blanks(l.line, l.line + l.len) == l.line + l.len)
			continue;
		const char *err, *at;
		bdb__csv_row *into = have_head ? &row : &head;
		rc = bdb__csv_split(into, l.line, l.len, &err, &at);
		if (rc < 0)
			rc = fail(in, &l, at, err, NULL, d);
		else if (!rc && !have_head && !bdb__starts_with(l.line, l.len, header))
			rc = fail(in, &l, l.line,
				  "expected hyperfine's CSV header \"command,mean,...\"", NULL, d);
		else if (!rc && !have_head)
			have_head = true;
		else if (!rc)
			rc = read_row(in, &l, &head, &row, run, &points, d);
	}
	bdb__csv_free(&head);
	bdb__csv_free(&row);
	bdb__strmap_free(&points);
	return rc;
}
