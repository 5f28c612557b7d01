/*
 * import.c - migrating a benchkit (calibrax) data directory into a store:
 *
 *   DIR/runs/ID.json        one Run JSON per run (Store.save)
 *   DIR/baselines/NAME.json a copy of the run that is baseline NAME
 *                           (Store.set_baseline writes main.json)
 *   DIR/config.json         {"metric_defs": {NAME: {...}}, ...}; other keys
 *                           (e.g. "wandb_project") are not benchdb's business
 *
 * Everything is read and checked first: every file parses, no two files give
 * different runs under one id, and no run clashes with a different stored
 * run of its id (unless replacing). Only then is anything stored, so a bad
 * file stores nothing at all. Each run is then one write transaction.
 */
#include "internal.h"

#include "../internal.h" /* the series' units: bdb__effective_unit, bdb__series_unit_factor */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"

/* One file to store: a run, and for a baseline file the baseline's name. */
typedef struct import_item {
	char path[4096 + 256 + 2]; /* directory + "/" + file name */
	char baseline[256];	   /* "" for runs/ */
	bdb_run *run;
} import_item;

typedef struct import_plan {
	import_item *items;
	size_t n, cap;
	bdb_run *config; /* config.json's definitions, or NULL */
} import_plan;

static void plan_free(import_plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		bdb_run_free(p->items[i].run);
	free(p->items);
	bdb_run_free(p->config);
	memset(p, 0, sizeof *p);
}

bool bdb__is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int bdb__need_dir(const char *path, bdb_diag *d)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return bdb_diag_set(d, BDB_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return bdb_diag_set(d, BDB_EIO, path, 0, 0, "is not a directory");
	return 0;
}

static int json_file_filter(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

static int compare_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int bdb__scan_json(const char *dir, struct dirent ***list, int *n, bdb_diag *d)
{
	*n = scandir(dir, list, json_file_filter, compare_names);
	if (*n < 0) {
		*n = 0;
		*list = NULL;
		return bdb_diag_set(d, BDB_EIO, dir, 0, 0, "cannot list the directory: %s",
				    strerror(errno));
	}
	char path[4096];
	struct stat st;
	for (int i = 0; i < *n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, (*list)[i]->d_name);
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
			int rc = bdb_diag_set(d, BDB_EFORMAT, path, 0, 0,
					      "is %s, not a result file: an import reads the "
					      "directory's regular files",
					      bdb__special_kind(st.st_mode));
			for (int j = 0; j < *n; j++)
				free((*list)[j]);
			free(*list);
			*list = NULL;
			*n = 0;
			return rc;
		}
	}
	return 0;
}

/* Reads every DIR/sub/NAME.json, in name order, into the plan. */
static int read_runs(import_plan *p, const char *dir, const char *sub, bool baselines, bdb_diag *d)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	if (!bdb__is_dir(path))
		return 0;
	struct dirent **list;
	int n;
	int rc = bdb__scan_json(path, &list, &n, d);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++) {
		if (!rc && p->n == p->cap) {
			size_t cap = p->cap ? 2 * p->cap : 16;
			import_item *items = realloc(p->items, cap * sizeof *items);
			if (!items)
				rc = BDB_ENOMEM;
			else {
				p->items = items;
				p->cap = cap;
			}
		}
		if (!rc) {
			import_item *it = &p->items[p->n];
			memset(it, 0, sizeof *it);
			snprintf(it->path, sizeof it->path, "%s/%s", path, list[i]->d_name);
			if (baselines)
				snprintf(it->baseline, sizeof it->baseline, "%.*s",
					 (int)(strlen(list[i]->d_name) - 5), list[i]->d_name);
			rc =
			    bdb_ingest_path(it->path, BDB_INPUT_BENCHKIT, NULL, &it->run, NULL, d);
			if (!rc)
				p->n++;
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

/* config.json's "metric_defs", read as benchkit definitions into p->config. */
static int read_config(import_plan *p, const char *dir, bdb_diag *d)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/config.json", dir);
	struct stat st;
	if (stat(path, &st) != 0)
		return 0;
	char *data;
	size_t len;
	int rc = bdb__read_file(path, path, &data, &len, NULL, d);
	if (rc)
		return rc;
	bdb__json_doc doc;
	json_t *defs = NULL;
	rc = bdb__json_parse(&doc, path, data, len, d);
	if (!rc)
		rc = bdb__json_need_object(&doc, "config.json", d);
	if (!rc)
		rc = bdb__json_object(&doc, doc.root, "metric_defs", false, &defs, d);
	if (!rc && defs && !(p->config = bdb_run_new()))
		rc = BDB_ENOMEM;
	if (!rc && defs)
		rc = bdb__benchkit_read_defs(&doc, defs, p->config, d);
	bdb__json_release(&doc);
	free(data);
	return rc;
}

/* The run of it: it->run, or (it->run NULL) decoded from it->packed into
 * *owned, which the caller frees with bdb_run_free (NULL otherwise). */
static int item_run(const bdb__import_item *it, const bdb_run **run, bdb_run **owned)
{
	*owned = NULL;
	*run = it->run;
	if (it->run)
		return 0;
	int rc = bdb_run_decode(it->packed, it->packed_len, owned, NULL);
	*run = *owned;
	return rc;
}

/*
 * A run id may appear in several items (a baseline is a copy of a run) but
 * must be the same run each time; and without BDB_PUT_REPLACE it must not
 * name a different run already in the store.
 */
static int check_ids(bdb_store *store, const bdb__import_item *items, size_t n, unsigned flags,
		     size_t *failed, bdb_import_summary *sum, bdb_diag *d)
{
	bdb__strmap seen = {0};
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		const bdb_run *run, *other;
		bdb_run *owned, *other_owned = NULL;
		if ((rc = item_run(&items[i], &run, &owned)))
			break;
		const char *id = run->id;
		size_t j;
		if (!bdb__strmap_get(&seen, id, strlen(id), &j))
			rc = bdb__strmap_put(&seen, id, strlen(id), i);
		else if (!(rc = item_run(&items[j], &other, &other_owned)) &&
			 !bdb_run_equal(run, other))
			rc = bdb_diag_set(d, BDB_EEXISTS, items[i].label, 1, 1,
					  "run \"%s\" differs from the run of the same id "
					  "in %s",
					  id, items[j].label);
		bdb_run_free(other_owned);
		bdb_run_free(owned);
	}
	bdb__strmap_free(&seen);
	if (rc || (flags & BDB_PUT_REPLACE))
		return rc;
	bdb_reader *r;
	rc = bdb_reader_begin(store, &r);
	if (rc)
		return bdb_diag_set(d, rc, bdb_store_path(store), 0, 0, "cannot read the store: %s",
				    bdb_strerror(rc));
	for (size_t i = 0; !rc && i < n; i++) {
		uint64_t seq;
		bdb_run *stored = NULL, *owned;
		const bdb_run *run;
		if ((rc = item_run(&items[i], &run, &owned)))
			break;
		int found = bdb_reader_find_id(r, run->id, &seq);
		if (found == BDB_ENOTFOUND) {
			bdb_run_free(owned);
			continue;
		}
		rc = found ? found : bdb_reader_run_decode(r, seq, &stored);
		char differs[512];
		if (!rc && !bdb_run_equal(stored, run)) {
			if (!bdb_run_difference(stored, run, false, differs, sizeof differs))
				snprintf(differs, sizeof differs, "the bits of a value");
			rc = bdb_diag_set(d, BDB_EEXISTS, items[i].label, 1, 1,
					  "the store already holds a different run \"%s\" "
					  "(first difference: %s); replace it to import this one",
					  run->id, differs);
			*failed = i;
			const char *was = stored->branch ? stored->branch : "";
			const char *now = run->branch ? run->branch : "";
			if (sum && strcmp(was, now) != 0) {
				sum->branch_conflict = true;
				snprintf(sum->stored_branch, sizeof sum->stored_branch, "%s", was);
			}
		} else if (rc)
			bdb_diag_set(d, rc, bdb_store_path(store), 0, 0,
				     "cannot read run \"%s\": %s", run->id, bdb_strerror(rc));
		bdb_run_free(stored);
		bdb_run_free(owned);
	}
	bdb_reader_end(r);
	return rc;
}

/* The unit each series of an import is stored in: the store's, else the
 * first item's that has the series. */
typedef struct series_units {
	bdb__strmap index; /* canonical series bytes -> units[i] */
	char **units;
	size_t n, cap;
} series_units;

static void series_units_free(series_units *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->units[i]);
	free(u->units);
	bdb__strmap_free(&u->index);
}

/* The series' unit of key (canonical bytes): *unit the one it has, or unit
 * when it is new (the store has none and no earlier item gave one). */
static int series_unit_of(series_units *u, bdb_reader *r, const bdb_point *p, const char *metric,
			  const bdb_buf *key, const char *unit, const char **out)
{
	size_t i;
	if (bdb__strmap_get(&u->index, key->data, key->len, &i)) {
		*out = u->units[i];
		return 0;
	}
	uint64_t id;
	bdb_series_info *info = NULL;
	int rc = bdb_reader_series_lookup(r, p->name, p->tags, p->n_tags, metric, &id);
	if (rc == BDB_ENOTFOUND)
		rc = 0;
	else if (!rc)
		rc = bdb_reader_series_info(r, id, &info);
	if (rc)
		return rc;
	if (u->n == u->cap) {
		size_t cap = u->cap ? 2 * u->cap : 64;
		char **units = realloc(u->units, cap * sizeof *units);
		if (!units) {
			free(info);
			return BDB_ENOMEM;
		}
		u->units = units;
		u->cap = cap;
	}
	char *copy = strdup(info ? info->unit : unit);
	free(info);
	if (!copy || (rc = bdb__strmap_put(&u->index, key->data, key->len, u->n))) {
		free(copy);
		return BDB_ENOMEM;
	}
	u->units[u->n++] = copy;
	*out = copy;
	return 0;
}

/* The unit check of bdb__import_store: BDB_EINVAL with *failed the item. */
static int check_units(bdb_store *store, const bdb__import_item *items, size_t n, size_t *failed,
		       bdb_diag *d)
{
	series_units u = {0};
	bdb_reader *r;
	bdb_buf key;
	bdb_buf_init(&key);
	int rc = bdb_reader_begin(store, &r);
	if (rc)
		return bdb_diag_set(d, rc, bdb_store_path(store), 0, 0, "cannot read the store: %s",
				    bdb_strerror(rc));
	for (size_t i = 0; !rc && i < n; i++) {
		const bdb_run *run;
		bdb_run *owned;
		if ((rc = item_run(&items[i], &run, &owned)))
			break;
		for (size_t k = 0; !rc && k < run->n_points; k++) {
			const bdb_point *p = &run->points[k];
			for (size_t j = 0; !rc && j < p->n_metrics; j++) {
				const bdb_metric *m = &p->metrics[j];
				const bdb_metric_def *def = bdb_run_find_def(run, m->name);
				const char *unit =
					       bdb__effective_unit(m->unit, def ? def->unit : NULL),
					   *want;
				double factor;
				bdb_buf_reset(&key);
				bdb__series_canonical(&key, p->name, p->tags, p->n_tags, m->name);
				rc = key.failed
					 ? BDB_ENOMEM
					 : series_unit_of(&u, r, p, m->name, &key, unit, &want);
				if (!rc && strcmp(unit, want) != 0 &&
				    (rc = bdb__series_unit_factor(p, m, unit, want, &factor, d))) {
					/* The store's words, under the item's name. */
					char why[sizeof d->message];
					*failed = i;
					snprintf(why, sizeof why, "%s", d ? d->message : "");
					bdb_diag_set(d, rc, items[i].label, 0, 0,
						     "run \"%s\": %s; nothing was stored", run->id,
						     why);
				}
			}
		}
		bdb_run_free(owned);
	}
	if (rc == BDB_ENOMEM && d && !d->code)
		bdb_diag_set(d, rc, bdb_store_path(store), 0, 0, "out of memory");
	else if (rc && d && !d->code)
		bdb_diag_set(d, rc, bdb_store_path(store), 0, 0, "cannot read the store: %s",
			     bdb_strerror(rc));
	bdb_reader_end(r);
	bdb_buf_free(&key);
	series_units_free(&u);
	return rc;
}

/* Runs per write transaction: one page write per touched index page per
 * batch instead of per run, while a batch's dirty pages stay well inside
 * LMDB's limit. Every item was checked before the first batch. */
#define IMPORT_BATCH 100

/* The run baseline name points at in store, or false when there is none. */
static bool stored_baseline(bdb_store *store, const char *name, uint64_t *seq)
{
	bdb_reader *r;
	if (bdb_reader_begin(store, &r))
		return false;
	bool found = bdb_reader_get_baseline(r, name, seq) == 0;
	bdb_reader_end(r);
	return found;
}

static int store_items(bdb_store *store, const bdb__import_item *items, size_t total,
		       unsigned flags, bdb_import_summary *sum, size_t *item_failed, bdb_diag *d)
{
	const bdb_run *runs[IMPORT_BATCH];
	bdb_run *owned[IMPORT_BATCH] = {0}; /* the batch's runs decoded from packed */
	uint64_t seqs[IMPORT_BATCH];
	bdb_put_outcome outcomes[IMPORT_BATCH];
	bdb__strmap seen = {0}; /* run id -> the item that held it first */
	/* The policy on ingest is applied once, after the last batch (whole
	 * weeks and months), as bdb_ingest_files does: every batch before it
	 * is put with BDB_PUT_DEFER_RETAIN. */
	bool deferred = false, last_stored = false;
	int rc = 0;
	for (size_t at = 0; !rc && at < total; at += IMPORT_BATCH) {
		size_t n = total - at < IMPORT_BATCH ? total - at : IMPORT_BATCH, failed = 0,
		       got = 0;
		unsigned defer = at + n < total ? BDB_PUT_DEFER_RETAIN : 0;
		while (!rc && got < n &&
		       !(rc = item_run(&items[at + got], &runs[got], &owned[got])))
			got++;
		if (rc)
			bdb_diag_set(d, rc, items[at + got].label, 0, 0,
				     "cannot read back a run read from it: %s", bdb_strerror(rc));
		else
			rc = bdb_store_put_runs(store, runs, n, flags | defer, seqs, outcomes,
						&failed, d);
		if (rc && got == n) {
			size_t k = failed < n ? failed : 0;
			const bdb__import_item *it = &items[at + k];
			if (failed < n)
				*item_failed = at + failed; /* the entry to point at */
			/* The store's own words (what it cannot hold, a disk
			 * error), under the item's name. */
			char why[sizeof d->message];
			bool said = d && d->code && d->message[0];
			snprintf(why, sizeof why, "%s", said ? d->message : bdb_strerror(rc));
			if (said && !d->file[0] && strncmp(why, "cannot store", 12) == 0)
				bdb_diag_set(d, rc, it->label, 0, 0, "%s", why);
			else if (!said || !d->file[0])
				bdb_diag_set(d, rc, it->label, 0, 0, "cannot store run \"%s\": %s",
					     runs[k]->id, why);
		}
		for (size_t i = 0; !rc && i < n; i++) {
			const bdb__import_item *it = &items[at + i];
			const char *id = runs[i]->id;
			bool baseline = it->baseline && it->baseline[0];
			uint64_t had;
			if (baseline && !(flags & BDB_PUT_REPLACE) &&
			    stored_baseline(store, it->baseline, &had) && had != seqs[i]) {
				/* Moved in the store since (baseline set, CI): an
				 * import again must not move it back. */
				if (!sum->baselines_kept++)
					snprintf(sum->first_kept, sizeof sum->first_kept,
						 "%s: %s holds run %s", it->baseline, it->label,
						 id);
			} else if (baseline) {
				if ((rc = bdb_store_set_baseline(store, it->baseline, seqs[i]))) {
					bdb_diag_set(d, rc, it->label, 0, 0,
						     "cannot set baseline \"%s\": %s", it->baseline,
						     bdb_strerror(rc));
					break;
				}
				sum->baselines++;
			}
			/* A baseline file is usually a copy of a run just stored;
			 * another item with a run of this import is a copy too
			 * (the same file twice): neither was in the store. */
			size_t first;
			int added =
			    baseline ? 0 : bdb__strmap_add(&seen, id, strlen(id), at + i, &first);
			if (added == BDB_ENOMEM) {
				rc = bdb_diag_set(d, BDB_ENOMEM, it->label, 0, 0, "out of memory");
				break;
			}
			if (added == BDB_EEXISTS && !sum->duplicates++)
				snprintf(sum->first_duplicate, sizeof sum->first_duplicate,
					 "%.150s holds the run of %.150s (%.150s)", it->label,
					 items[first].label, id);
			sum->runs_stored += outcomes[i] == BDB_PUT_STORED;
			sum->runs_unchanged +=
			    outcomes[i] == BDB_PUT_UNCHANGED && !baseline && !added;
			sum->runs_replaced += outcomes[i] == BDB_PUT_REPLACED;
			deferred |= defer && outcomes[i] != BDB_PUT_UNCHANGED;
			last_stored |= !defer && outcomes[i] != BDB_PUT_UNCHANGED;
		}
		for (size_t i = 0; i < got; i++) {
			bdb_run_free(owned[i]);
			owned[i] = NULL;
		}
	}
	if (rc) {
		bdb__strmap_free(&seen);
		return rc;
	}
	bdb__strmap_free(&seen);
	return deferred && !last_stored ? bdb_store_retain_on_ingest(store, d) : 0;
}

int bdb__import_store(bdb_store *store, const bdb__import_item *items, size_t n, unsigned flags,
		      bdb_import_summary *sum, size_t *item_failed, bdb_diag *d)
{
	size_t failed = SIZE_MAX;
	int rc = check_ids(store, items, n, flags, &failed, sum, d);
	if (!rc && (rc = check_units(store, items, n, &failed, d)) != BDB_EINVAL)
		failed = SIZE_MAX;
	if (!rc)
		rc = store_items(store, items, n, flags, sum, &failed, d);
	if (item_failed)
		*item_failed = failed;
	return rc;
}

/* config.json's definitions become the stored ones. */
static int store_config(bdb_store *store, const bdb_run *config, bdb_import_summary *sum,
			bdb_diag *d)
{
	for (size_t i = 0; config && i < config->n_defs; i++) {
		int rc = bdb_store_put_metric_def(store, &config->defs[i]);
		if (rc)
			return bdb_diag_set(d, rc, bdb_store_path(store), 0, 0,
					    "cannot store the definition of \"%s\": %s",
					    config->defs[i].name, bdb_strerror(rc));
		sum->metric_defs++;
	}
	return 0;
}

static int store_plan(bdb_store *store, const import_plan *p, unsigned flags,
		      bdb_import_summary *sum, bdb_diag *d)
{
	bdb__import_item *items = calloc(p->n ? p->n : 1, sizeof *items);
	if (!items)
		return BDB_ENOMEM;
	for (size_t i = 0; i < p->n; i++)
		items[i] = (bdb__import_item){.label = p->items[i].path,
					      .baseline = p->items[i].baseline,
					      .run = p->items[i].run};
	int rc = bdb__import_store(store, items, p->n, flags, sum, NULL, d);
	free(items);
	return rc ? rc : store_config(store, p->config, sum, d);
}

int bdb_import_benchkit_dir(bdb_store *store, const char *dir, unsigned put_flags,
			    bdb_import_summary *summary, bdb_diag *d)
{
	bdb_import_summary sum = {0};
	import_plan plan = {0};
	char path[4096];
	bdb_diag_clear(d);
	if (summary)
		*summary = sum;
	int rc = bdb__need_dir(dir, d);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/runs", dir);
	bool has_runs = bdb__is_dir(path);
	snprintf(path, sizeof path, "%s/config.json", dir);
	struct stat st;
	if (!has_runs && stat(path, &st) != 0)
		return bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
				    "is not a benchkit store: expected runs/ (and baselines/, "
				    "config.json) in it");
	/* Runs first, in file order; then baselines, which point at them. */
	rc = read_runs(&plan, dir, "runs", false, d);
	if (!rc)
		rc = read_runs(&plan, dir, "baselines", true, d);
	if (!rc)
		rc = read_config(&plan, dir, d);
	if (!rc)
		rc = store_plan(store, &plan, put_flags, &sum, d);
	if (rc == BDB_ENOMEM && d && !d->code)
		bdb_diag_set(d, rc, dir, 0, 0, "out of memory");
	plan_free(&plan);
	if (summary)
		*summary = sum;
	return rc;
}
