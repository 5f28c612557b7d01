/*
 * sqlite_peer.c - the same data and the same operations as benchdb, on
 * SQLite through libsqlite3: the peer every benchdb figure is a ratio of.
 *
 * Schema (normalized): runs, metric_defs, series (point, canonical tags,
 * metric), obs (one row per series per run) with an index on
 * (series, ts), samples, baselines. Durability as benchdb's: one transaction
 * per run, journal_mode=WAL, synchronous=FULL (the WAL is fsynced at every
 * commit). Statements are prepared once and reused, which is the fastest way
 * an application can use SQLite: the peer is given its best case.
 *
 * Ingest parses the same benchkit JSON files with jansson (the JSON library
 * benchdb uses), so both sides pay for parsing.
 */
#include "bench.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sqlite_peer_description =
    "SQLite " SQLITE_VERSION ", journal_mode=WAL, synchronous=FULL, one transaction per run, "
    "tables runs/series/obs/metric_defs, index obs(series, ts), prepared statements, "
    "256 MiB page cache, mmap";

static const char *const tuning_sql = "PRAGMA cache_size=-262144;" /* 256 MiB of page cache */
				      "PRAGMA mmap_size=4294967296;"
				      "PRAGMA temp_store=MEMORY;";

static const char *const schema_sql =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "CREATE TABLE IF NOT EXISTS runs(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " ts INTEGER NOT NULL, commit_sha TEXT, branch TEXT, environment TEXT,"
    " n_points INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS runs_ts ON runs(ts, seq);"
    "CREATE TABLE IF NOT EXISTS metric_defs(name TEXT PRIMARY KEY, unit TEXT,"
    " direction TEXT NOT NULL, grp TEXT, priority TEXT);"
    "CREATE TABLE IF NOT EXISTS series(id INTEGER PRIMARY KEY, point TEXT NOT NULL,"
    " scenario TEXT, tags TEXT NOT NULL, metric TEXT NOT NULL, unit TEXT,"
    " UNIQUE(point, tags, metric));"
    "CREATE TABLE IF NOT EXISTS obs(series INTEGER NOT NULL, ts INTEGER NOT NULL,"
    " run INTEGER NOT NULL, value REAL NOT NULL, lower REAL, upper REAL,"
    " n_samples INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS obs_series_ts ON obs(series, ts);"
    "CREATE TABLE IF NOT EXISTS samples(obs INTEGER NOT NULL, i INTEGER NOT NULL,"
    " value REAL NOT NULL, PRIMARY KEY(obs, i)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS baselines(name TEXT PRIMARY KEY, run INTEGER NOT NULL);";

enum {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_RUN,
	ST_DEF,
	ST_SERIES_FIND,
	ST_SERIES_ADD,
	ST_OBS,
	ST_SAMPLE,
	ST_TREND,
	ST_TREND_MONTH,
	ST_LATEST,
	ST_BASELINE,
	ST_RANK,
	ST_COMPARE,
	ST_SHOW_RUNS,
	ST_SET_BASELINE,
	ST_COUNT
};

static const char *const statement_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_RUN] = "INSERT INTO runs(id, ts, commit_sha, branch, environment, n_points)"
	       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_DEF] = "INSERT OR REPLACE INTO metric_defs(name, unit, direction, grp, priority)"
	       " VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_SERIES_FIND] = "SELECT id FROM series WHERE point = ?1 AND tags = ?2 AND metric = ?3",
    [ST_SERIES_ADD] = "INSERT INTO series(point, scenario, tags, metric, unit)"
		      " VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_OBS] = "INSERT INTO obs(series, ts, run, value, lower, upper, n_samples)"
	       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_SAMPLE] = "INSERT INTO samples(obs, i, value) VALUES (?1, ?2, ?3)",
    [ST_TREND] = "SELECT r.id, o.ts, r.commit_sha, o.value, o.lower, o.upper, s.unit"
		 " FROM series s JOIN obs o ON o.series = s.id JOIN runs r ON r.seq = o.run"
		 " WHERE s.point = ?1 AND s.tags = ?2 AND s.metric = ?3 ORDER BY o.ts",
    [ST_TREND_MONTH] = "SELECT strftime('%Y-%m', o.ts / 1000000, 'unixepoch'), o.value"
		       " FROM series s JOIN obs o ON o.series = s.id"
		       " WHERE s.point = ?1 AND s.tags = ?2 AND s.metric = ?3 ORDER BY o.ts",
    [ST_LATEST] = "SELECT seq, ts FROM runs ORDER BY ts DESC, seq DESC LIMIT 1",
    [ST_BASELINE] = "SELECT r.seq, r.ts FROM baselines b JOIN runs r ON r.seq = b.run"
		    " WHERE b.name = ?1",
    /* CROSS JOIN pins the join order (series first, then the (series, ts)
     * index): without statistics the planner scans obs instead. */
    [ST_RANK] = "SELECT s.point, s.tags, o.value, s.unit FROM series s"
		" CROSS JOIN obs o ON o.series = s.id AND o.ts = ?1 AND o.run = ?2"
		" WHERE s.metric = ?3",
    [ST_COMPARE] = "SELECT s.point, s.tags, s.metric, s.unit, d.direction, b.value, c.value"
		   " FROM series s LEFT JOIN metric_defs d ON d.name = s.metric"
		   " LEFT JOIN obs b ON b.series = s.id AND b.ts = ?1 AND b.run = ?2"
		   " LEFT JOIN obs c ON c.series = s.id AND c.ts = ?3 AND c.run = ?4"
		   " WHERE b.value IS NOT NULL OR c.value IS NOT NULL",
    [ST_SHOW_RUNS] = "SELECT id, ts, commit_sha, branch, n_points FROM runs"
		     " ORDER BY ts DESC, seq DESC LIMIT ?1",
    [ST_SET_BASELINE] = "INSERT OR REPLACE INTO baselines(name, run)"
			" SELECT ?1, seq FROM runs WHERE id = ?2",
};

struct sqlite_peer {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	bench_months months;
};

static int fail_db(sqlite_peer *p, char *err)
{
	if (err)
		snprintf(err, 256, "sqlite: %s", sqlite3_errmsg(p->db));
	return -1;
}

int sqlite_peer_open(const char *path, bool read_only, bool durable, sqlite_peer **out, char *err)
{
	*out = NULL;
	sqlite_peer *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, 256, "out of memory");
		return -1;
	}
	p->months.month = -1;
	int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &p->db, flags, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_exec(p->db, tuning_sql, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (!read_only && sqlite3_exec(p->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (!durable &&
	    sqlite3_exec(p->db, "PRAGMA synchronous=OFF;", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	for (int i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v2(p->db, statement_sql[i], -1, &p->st[i], NULL) != SQLITE_OK)
			goto fail;
	*out = p;
	return 0;
fail:
	fail_db(p, err);
	sqlite_peer_close(p);
	return -1;
}

void sqlite_peer_close(sqlite_peer *p)
{
	if (!p)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(p->st[i]);
	sqlite3_close(p->db);
	bench_months_free(&p->months);
	free(p);
}

/* Runs a statement that returns no rows. */
static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* ------------------------------------------------------------------------ */
/* Ingest                                                                    */
/* ------------------------------------------------------------------------ */

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "k1=v1,k2=v2" with keys sorted: the canonical tag set of a series. */
static void canonical_tags(json_t *tags, bdb_buf *out)
{
	const char *keys[64];
	size_t n = 0;
	const char *key;
	json_t *value;
	json_object_foreach(tags, key, value)
	{
		if (n < 64)
			keys[n++] = key;
	}
	qsort(keys, n, sizeof keys[0], compare_keys);
	bdb_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			bdb_buf_putc(out, ',');
		bdb_buf_printf(out, "%s=%s", keys[i],
			       json_string_value(json_object_get(tags, keys[i])));
	}
	bdb_buf_cstr(out);
}

static const char *get_string(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int series_id(sqlite_peer *p, const char *point, const char *scenario, const char *tags,
		     const char *metric, const char *unit, sqlite3_int64 *id)
{
	sqlite3_stmt *st = p->st[ST_SERIES_FIND];
	bind_text(st, 1, point);
	bind_text(st, 2, tags);
	bind_text(st, 3, metric);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return -1;
	st = p->st[ST_SERIES_ADD];
	bind_text(st, 1, point);
	bind_text(st, 2, scenario);
	bind_text(st, 3, tags);
	bind_text(st, 4, metric);
	bind_text(st, 5, unit);
	if (step_done(st))
		return -1;
	*id = sqlite3_last_insert_rowid(p->db);
	return 0;
}

static int ingest_document(sqlite_peer *p, json_t *root, size_t *n_obs, char *err)
{
	int64_t ts;
	const char *id = get_string(root, "id");
	const char *time = get_string(root, "timestamp");
	json_t *points = json_object_get(root, "points");
	if (!id || !time || bdb_time_parse(time, &ts) || !json_is_array(points)) {
		snprintf(err, 256, "not a benchkit run (id, timestamp, points)");
		return -1;
	}
	char *env = json_dumps(json_object_get(root, "environment"), JSON_COMPACT);
	sqlite3_stmt *st = p->st[ST_RUN];
	bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, ts);
	bind_text(st, 3, get_string(root, "commit"));
	bind_text(st, 4, get_string(root, "branch"));
	bind_text(st, 5, env);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)json_array_size(points));
	int rc = step_done(st);
	free(env);
	if (rc)
		return fail_db(p, err);
	sqlite3_int64 run = sqlite3_last_insert_rowid(p->db);

	const char *name;
	json_t *def;
	json_t *defs = json_object_get(root, "metric_defs");
	json_object_foreach(defs, name, def)
	{
		st = p->st[ST_DEF];
		bind_text(st, 1, name);
		bind_text(st, 2, get_string(def, "unit"));
		bind_text(st, 3,
			  get_string(def, "direction") ? get_string(def, "direction") : "info");
		bind_text(st, 4, get_string(def, "group"));
		bind_text(st, 5, get_string(def, "priority"));
		if (step_done(st))
			return fail_db(p, err);
	}

	bdb_buf tags;
	bdb_buf_init(&tags);
	size_t i;
	json_t *point;
	json_array_foreach(points, i, point)
	{
		const char *point_name = get_string(point, "name");
		const char *scenario = get_string(point, "scenario");
		canonical_tags(json_object_get(point, "tags"), &tags);
		json_t *metric;
		json_object_foreach(json_object_get(point, "metrics"), name, metric)
		{
			const char *unit = get_string(json_object_get(defs, name), "unit");
			sqlite3_int64 series;
			if (series_id(p, point_name, scenario, tags.data, name, unit, &series))
				goto fail;
			json_t *samples = json_object_get(metric, "samples");
			json_t *lower = json_object_get(metric, "lower");
			json_t *upper = json_object_get(metric, "upper");
			st = p->st[ST_OBS];
			sqlite3_bind_int64(st, 1, series);
			sqlite3_bind_int64(st, 2, ts);
			sqlite3_bind_int64(st, 3, run);
			sqlite3_bind_double(st, 4,
					    json_number_value(json_object_get(metric, "value")));
			if (lower)
				sqlite3_bind_double(st, 5, json_number_value(lower));
			else
				sqlite3_bind_null(st, 5);
			if (upper)
				sqlite3_bind_double(st, 6, json_number_value(upper));
			else
				sqlite3_bind_null(st, 6);
			sqlite3_bind_int64(st, 7, (sqlite3_int64)json_array_size(samples));
			if (step_done(st))
				goto fail;
			sqlite3_int64 obs = sqlite3_last_insert_rowid(p->db);
			for (size_t k = 0; k < json_array_size(samples); k++) {
				st = p->st[ST_SAMPLE];
				sqlite3_bind_int64(st, 1, obs);
				sqlite3_bind_int64(st, 2, (sqlite3_int64)k);
				sqlite3_bind_double(st, 3,
						    json_number_value(json_array_get(samples, k)));
				if (step_done(st))
					goto fail;
			}
			(*n_obs)++;
		}
	}
	bdb_buf_free(&tags);
	return 0;
fail:
	bdb_buf_free(&tags);
	return fail_db(p, err);
}

int sqlite_peer_ingest_many(sqlite_peer *p, const char *const *json, const size_t *len, size_t n,
			    size_t *n_obs, char *err)
{
	*n_obs = 0;
	if (step_done(p->st[ST_BEGIN]))
		return fail_db(p, err);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		json_error_t jerr;
		json_t *root = json_loadb(json[i], len[i], JSON_REJECT_DUPLICATES, &jerr);
		if (!root) {
			snprintf(err, 256, "%d:%d: %s", jerr.line, jerr.column, jerr.text);
			rc = -1;
			break;
		}
		rc = ingest_document(p, root, n_obs, err);
		json_decref(root);
	}
	if (rc == 0 && step_done(p->st[ST_COMMIT]) == 0)
		return 0;
	if (rc == 0)
		fail_db(p, err);
	step_done(p->st[ST_ROLLBACK]);
	return -1;
}

int sqlite_peer_set_baseline(sqlite_peer *p, const char *name, const char *run_id)
{
	sqlite3_stmt *st = p->st[ST_SET_BASELINE];
	bind_text(st, 1, name);
	bind_text(st, 2, run_id);
	return step_done(st) == 0 && sqlite3_changes(p->db) == 1 ? 0 : -1;
}

/* ------------------------------------------------------------------------ */
/* Queries                                                                   */
/* ------------------------------------------------------------------------ */

static void bind_series(sqlite3_stmt *st, const bench_series_ref *s, char *tags, size_t size)
{
	snprintf(tags, size, "backend=%s,dtype=%s", s->backend, s->dtype);
	bind_text(st, 1, s->point);
	bind_text(st, 2, tags);
	bind_text(st, 3, s->metric);
}

/* Copies column i into the answer, as a result table holds it: text as
 * bytes, numbers as their 8 binary bytes (no formatting on either side). */
static void put_column(bench_answer *a, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_TEXT:
		bdb_buf_append(&a->text, sqlite3_column_text(st, i),
			       (size_t)sqlite3_column_bytes(st, i));
		break;
	case SQLITE_INTEGER: {
		sqlite3_int64 v = sqlite3_column_int64(st, i);
		bdb_buf_append(&a->text, &v, sizeof v);
		break;
	}
	case SQLITE_FLOAT: {
		double v = sqlite3_column_double(st, i);
		bdb_buf_append(&a->text, &v, sizeof v);
		break;
	}
	default:
		break;
	}
	bdb_buf_putc(&a->text, '\t');
}

int sqlite_peer_trend(sqlite_peer *p, const bench_series_ref *s, bench_answer *a)
{
	char tags[128];
	bench_answer_reset(a);
	sqlite3_stmt *st = p->st[ST_TREND];
	bind_series(st, s, tags, sizeof tags);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 7; i++)
			put_column(a, st, i);
		bdb_buf_putc(&a->text, '\n');
		a->sum += sqlite3_column_double(st, 3);
		a->rows++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int sqlite_peer_trend_by_month(sqlite_peer *p, const bench_series_ref *s, bench_answer *a)
{
	char tags[128];
	bench_answer_reset(a);
	sqlite3_stmt *st = p->st[ST_TREND_MONTH];
	bind_series(st, s, tags, sizeof tags);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* "YYYY-MM" as year * 12 + month - 1 */
		const char *m = (const char *)sqlite3_column_text(st, 0);
		int month = atoi(m) * 12 + atoi(m + 5) - 1;
		if (bench_months_add(&p->months, month, sqlite3_column_double(st, 1), a))
			break;
	}
	bench_months_finish(&p->months, a);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* seq and ts of the latest run, or of baseline name. */
static int run_ref(sqlite_peer *p, const char *baseline, sqlite3_int64 *seq, sqlite3_int64 *ts)
{
	sqlite3_stmt *st = p->st[baseline ? ST_BASELINE : ST_LATEST];
	if (baseline)
		bind_text(st, 1, baseline);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		*ts = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

typedef struct rank_row {
	double value;
	size_t text; /* offset of the row's text in a scratch buffer */
} rank_row;

static int compare_rank_rows(const void *a, const void *b)
{
	return bench_compare_doubles(&((const rank_row *)a)->value, &((const rank_row *)b)->value);
}

int sqlite_peer_rank(sqlite_peer *p, const char *metric, bench_answer *a)
{
	bench_answer_reset(a);
	sqlite3_int64 seq, ts;
	if (run_ref(p, NULL, &seq, &ts))
		return -1;
	sqlite3_stmt *st = p->st[ST_RANK];
	sqlite3_bind_int64(st, 1, ts);
	sqlite3_bind_int64(st, 2, seq);
	bind_text(st, 3, metric);
	rank_row *rows = NULL;
	size_t n = 0, cap = 0;
	bdb_buf names;
	bdb_buf_init(&names);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			rank_row *r = realloc(rows, cap * sizeof *r);
			if (!r)
				break;
			rows = r;
		}
		rows[n].value = sqlite3_column_double(st, 2);
		rows[n].text = names.len;
		for (int c = 0; c < 4; c += c == 1 ? 2 : 1) {
			bdb_buf_append(&names, sqlite3_column_text(st, c),
				       (size_t)sqlite3_column_bytes(st, c));
			bdb_buf_putc(&names, c == 3 ? '\0' : '\t');
		}
		n++;
	}
	sqlite3_reset(st);
	/* Every metric ranked here is lower-is-better ("time"): ascending. */
	qsort(rows, n, sizeof *rows, compare_rank_rows);
	for (size_t i = 0; i < n; i++) {
		double best = rows[0].value;
		double delta =
		    best == 0 ? 0 : (rows[i].value - best) / (best < 0 ? -best : best) * 100;
		double cells[3] = {(double)(i + 1), rows[i].value, delta};
		bdb_buf_puts(&a->text, names.data + rows[i].text);
		bdb_buf_append(&a->text, cells, sizeof cells);
		a->sum += rows[i].value;
	}
	a->rows = n;
	free(rows);
	bdb_buf_free(&names);
	return rc == SQLITE_DONE ? 0 : -1;
}

int sqlite_peer_compare(sqlite_peer *p, bool only_regressions, double threshold_pct,
			bench_answer *a)
{
	bench_answer_reset(a);
	sqlite3_int64 cur_seq, cur_ts, base_seq, base_ts;
	if (run_ref(p, NULL, &cur_seq, &cur_ts) || run_ref(p, "main", &base_seq, &base_ts))
		return -1;
	sqlite3_stmt *st = p->st[ST_COMPARE];
	sqlite3_bind_int64(st, 1, base_ts);
	sqlite3_bind_int64(st, 2, base_seq);
	sqlite3_bind_int64(st, 3, cur_ts);
	sqlite3_bind_int64(st, 4, cur_seq);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *direction = (const char *)sqlite3_column_text(st, 4);
		bdb_direction dir = BDB_INFO;
		if (direction)
			bdb_direction_parse(direction, &dir);
		bool has_base = sqlite3_column_type(st, 5) != SQLITE_NULL;
		bool has_cur = sqlite3_column_type(st, 6) != SQLITE_NULL;
		double base = sqlite3_column_double(st, 5), cur = sqlite3_column_double(st, 6);
		double change;
		bool regression;
		const char *verdict = bench_judge(dir, has_base, base, has_cur, cur, threshold_pct,
						  &change, &regression);
		if (only_regressions && !regression)
			continue;
		for (int i = 0; i < 7; i++)
			put_column(a, st, i);
		bench_put_verdict(a, change, verdict, regression, only_regressions, has_cur, cur);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int sqlite_peer_show_runs(sqlite_peer *p, int limit, bench_answer *a)
{
	bench_answer_reset(a);
	sqlite3_stmt *st = p->st[ST_SHOW_RUNS];
	sqlite3_bind_int(st, 1, limit);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 5; i++)
			put_column(a, st, i);
		bdb_buf_putc(&a->text, '\n');
		a->sum += sqlite3_column_double(st, 4);
		a->rows++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void sqlite_peer_trend_sql(const bench_series_ref *s, char *buf, size_t size)
{
	snprintf(buf, size,
		 "SELECT r.id, o.ts, r.commit_sha, o.value, o.lower, o.upper, s.unit"
		 " FROM series s JOIN obs o ON o.series = s.id JOIN runs r ON r.seq = o.run"
		 " WHERE s.point = '%s' AND s.tags = 'backend=%s,dtype=%s' AND s.metric = '%s'"
		 " ORDER BY o.ts;",
		 s->point, s->backend, s->dtype, s->metric);
}
