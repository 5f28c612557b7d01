/*
 * fio.c - fio --output-format=json (fio 3.x):
 *
 *   randread: (g=0): rw=randread, bs=(R) 4096B-4096B, ...   (text fio may
 *   {                                                        print first)
 *     "fio version" : "fio-3.33", "timestamp" : 1796533003,
 *     "global options" : {...},
 *     "jobs" : [{"jobname": "randread", "job options": {"rw": "randread", ...},
 *                "read": {"iops", "bw_bytes", "total_ios", "lat_ns": {"mean"},
 *                         "clat_ns": {"percentile": {"50.000000", "99.000000"}}},
 *                "write": {...}, "trim": {...}, "usr_cpu", "sys_cpu"}]
 *   }
 *
 * A point is a job and a direction that did I/O (total_ios > 0): the job's
 * name, tagged ddir=read|write|trim and with the global and job options
 * (but name, filename and directory, which name files, not parameters) as
 * tags. iops (ops/s, higher), bw (B/s from bw_bytes, higher), lat (mean
 * total latency, ns, lower), lat_p50 and lat_p99 (completion latency
 * percentiles, ns, lower), usr_cpu and sys_cpu (%, info). "fio version" is
 * the environment, "timestamp" (Unix seconds) the run's time. Lines before
 * the JSON object (fio prints job descriptions to stdout) are skipped.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const ddirs[] = {"read", "write", "trim"};

/* The first line that starts with '{', or NULL. */
static const char *json_start(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l))
		if (l.len && l.line[0] == '{')
			return l.line;
	return NULL;
}

bool bdb__detect_fio_json(const json_t *root)
{
	return json_is_object(root) && json_object_get(root, "fio version") &&
	       json_object_get(root, "jobs");
}

bool bdb__detect_fio(const char *data, size_t len)
{
	const char *start = json_start(data, len);
	if (!start)
		return false;
	size_t rest = len - (size_t)(start - data);
	static const char key[] = "\"fio version\"";
	return bdb__find(start, rest < 256 ? rest : 256, key) != NULL;
}

/* The options of obj[key] (an object of scalars) as tags of the point. */
static int option_tags(bdb__json_doc *doc, const json_t *obj, const char *key, bdb__point_ref *ref,
		       bdb_diag *d)
{
	json_t *opts;
	int rc = bdb__json_object(doc, obj, key, false, &opts, d);
	const char *k;
	json_t *v;
	json_object_foreach(opts, k, v)
	{
		if (rc)
			break;
		if (!strcmp(k, "name") || !strcmp(k, "filename") || !strcmp(k, "directory"))
			continue;
		char buf[64];
		const char *text;
		if (!(rc = bdb__json_scalar(doc, opts, k, true, buf, sizeof buf, &text, d)))
			rc = bdb__set_tag(ref, k, text);
	}
	return rc;
}

static const bdb__metric_field io_fields[] = {
    {"iops", "iops", "ops/s", BDB_HIGHER, true},
    {"bw_bytes", "bw", "B/s", BDB_HIGHER, true},
};
static const bdb__metric_field lat_fields[] = {{"mean", "lat", "ns", BDB_LOWER, false}};
static const bdb__metric_field pct_fields[] = {
    {"50.000000", "lat_p50", "ns", BDB_LOWER, false},
    {"99.000000", "lat_p99", "ns", BDB_LOWER, false},
};
static const bdb__metric_field cpu_fields[] = {
    {"usr_cpu", NULL, "%", BDB_INFO, false},
    {"sys_cpu", NULL, "%", BDB_INFO, false},
};

static int read_ddir(bdb__json_doc *doc, const json_t *job, const json_t *io, const char *ddir,
		     const char *name, bdb_run *run, bdb_diag *d)
{
	double ios;
	json_t *lat, *clat, *pct = NULL;
	int rc;
	if ((rc = bdb__json_number(doc, io, "total_ios", true, &ios, NULL, d)) || ios == 0)
		return rc;
	if ((rc = bdb__json_object(doc, io, "lat_ns", false, &lat, d)) ||
	    (rc = bdb__json_object(doc, io, "clat_ns", false, &clat, d)) ||
	    (clat && (rc = bdb__json_object(doc, clat, "percentile", false, &pct, d))))
		return rc;
	bdb_point *p;
	bdb__point_ref ref = {run, run->n_points};
	if ((rc = bdb_run_add_point(run, name, &p)) ||
	    (rc = option_tags(doc, doc->root, "global options", &ref, d)) ||
	    (rc = option_tags(doc, job, "job options", &ref, d)) ||
	    (rc = bdb__set_tag(&ref, "ddir", ddir)))
		return rc;
	size_t pt = ref.point;
	if ((rc = bdb__read_metric_fields(doc, io, io_fields, 2, run, pt, d)) ||
	    (lat && (rc = bdb__read_metric_fields(doc, lat, lat_fields, 1, run, pt, d))) ||
	    (pct && (rc = bdb__read_metric_fields(doc, pct, pct_fields, 2, run, pt, d))))
		return rc;
	return bdb__read_metric_fields(doc, job, cpu_fields, 2, run, pt, d);
}

static int read_fio(bdb__input *in, bdb__json_doc *doc, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__json_need_object(doc, "fio output", d);
	const char *version;
	double stamp;
	bool has_stamp;
	json_t *jobs;
	if (rc || (rc = bdb__json_string(doc, doc->root, "fio version", false, &version, d)) ||
	    (rc = bdb__json_number(doc, doc->root, "timestamp", false, &stamp, &has_stamp, d)) ||
	    (rc = bdb__json_array(doc, doc->root, "jobs", true, &jobs, d)))
		return rc;
	if (version && (rc = bdb_run_set_env(run, "fio_version", version)))
		return rc;
	if (has_stamp && stamp > 0 && stamp < 1e11) {
		run->timestamp_us = (int64_t)(stamp * 1e6);
		in->has_timestamp = true;
	}
	for (size_t i = 0; !rc && i < json_array_size(jobs); i++) {
		json_t *job, *io;
		const char *name;
		if ((rc = bdb__json_elem_object(doc, jobs, i, "jobs", &job, d)) ||
		    (rc = bdb__json_string(doc, job, "jobname", true, &name, d)))
			break;
		size_t before = run->n_points;
		for (size_t k = 0; !rc && k < sizeof ddirs / sizeof *ddirs; k++)
			if (!(rc = bdb__json_object(doc, job, ddirs[k], false, &io, d)) && io)
				rc = read_ddir(doc, job, io, ddirs[k], name, run, d);
		/* Origins point into the document, which outlives this call
		 * only when it is the input's own. */
		for (size_t p = before; !rc && in->json == doc && p < run->n_points; p++)
			rc = bdb__note_origin(in, p, jobs, i);
	}
	return rc;
}

int bdb__ingest_fio(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	if (in->json)
		return read_fio(in, in->json, run, d);
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	const char *start = json_start(in->data, in->len);
	if (!start)
		return bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1,
				    "no fio JSON here: expected a line starting with \"{\" "
				    "(fio --output-format=json)");
	/* The text before the object becomes blanks, so that positions in the
	 * JSON stay those of the file. */
	char *copy = malloc(in->len + 1);
	if (!copy)
		return BDB_ENOMEM;
	memcpy(copy, in->data, in->len + 1);
	for (char *p = copy; p < copy + (start - in->data); p++)
		if (*p != '\n')
			*p = ' ';
	bdb__json_doc doc = {0};
	rc = bdb__json_parse(&doc, in->name, copy, in->len, d);
	if (!rc)
		rc = read_fio(in, &doc, run, d);
	bdb__json_release(&doc);
	free(copy);
	return rc;
}
