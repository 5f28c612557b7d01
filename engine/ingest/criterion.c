/*
 * criterion.c - a Criterion.rs results tree (target/criterion/), or one
 * benchmark's directory in it. Each benchmark directory holds new/ (the
 * latest run), base/ (the previous one) and change/ (their comparison):
 *
 *   new/benchmark.json  {"group_id", "function_id", "value_str",
 *                        "throughput": null | {"Elements"|"Bytes"|"BytesDecimal": n},
 *                        "full_id", "directory_name", "title"}
 *   new/estimates.json  {"mean"|"median"|"slope"|"std_dev"|"median_abs_dev":
 *                        {"confidence_interval": {"confidence_level",
 *                         "lower_bound", "upper_bound"}, "point_estimate",
 *                         "standard_error"}}   (slope is null in flat sampling)
 *   new/sample.json     {"sampling_mode", "iters": [...], "times": [...]}
 *
 * A point is a full_id with its group_id as scenario. time (ns, lower) is
 * the slope estimate, else the mean, with its confidence interval as
 * bounds; the samples are times[i] / iters[i] (ns per iteration). With a
 * throughput of n elements or bytes per iteration, throughput = n / time
 * (elem/s or B/s, higher), bounds and samples converted alike. Only new/ is
 * read: base/ and change/ are Criterion's own history, which benchdb keeps
 * itself. A directory with new/estimates.json and no new/benchmark.json
 * (written by hand or by a tool that imitates Criterion) is a benchmark
 * named by its path in the tree (the tree's own name when it is one), its
 * first directory the scenario when there are more. Directories are visited in byte order of their
 * names; "report" directories are skipped. The run id hashes every file read with its path relative
 * to the tree; the timestamp is the newest of their mtimes.
 */
#include "internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Deeper than any tree Criterion writes (group/function/value). */
#define MAX_DEPTH 8

typedef struct crit_ctx {
	bdb__input *in;
	bdb_run *run;
	bdb_diag *d;
	bool any_mtime;
} crit_ctx;

/* A JSON file of the tree, kept with its path and bytes for diagnostics. */
typedef struct crit_file {
	char path[4096];
	char *data;
	bdb__json_doc doc;
} crit_file;

static void file_release(crit_file *f)
{
	bdb__json_release(&f->doc);
	free(f->data);
	f->data = NULL;
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int file_open(crit_ctx *c, crit_file *f, const char *dir, const char *name)
{
	memset(&f->doc, 0, sizeof f->doc);
	f->data = NULL;
	snprintf(f->path, sizeof f->path, "%s/new/%s", dir, name);
	/* Opening a FIFO waits for a writer: a tree holds regular files. */
	struct stat st;
	if (stat(f->path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return bdb_diag_set(c->d, BDB_EFORMAT, f->path, 0, 0,
				    "is %s, not a result file: a Criterion tree holds regular files",
				    bdb__special_kind(st.st_mode));
	size_t len;
	int64_t mtime;
	int rc = bdb__read_file(f->path, f->path, &f->data, &len, &mtime, c->d);
	if (rc)
		return rc;
	const char *rel = f->path + strlen(c->in->dir);
	c->in->hash = bdb__hash(c->in->hash, rel, strlen(rel) + 1);
	c->in->hash = bdb__hash(c->in->hash, f->data, len);
	if (!c->any_mtime || mtime > c->in->newest_mtime_us)
		c->in->newest_mtime_us = mtime;
	c->any_mtime = true;
	return bdb__json_parse(&f->doc, f->path, f->data, len, c->d);
}

static int need_object(crit_file *f, bdb_diag *d)
{
	if (json_is_object(f->doc.root))
		return 0;
	return bdb__json_fail(&f->doc, f->doc.root, NULL, BDB__NO_INDEX, d,
			      "expected a JSON object, got %s", bdb__json_type_name(f->doc.root));
}

/* The estimate time is read from: slope, else mean. */
static int read_estimate(crit_file *f, double *value, bool *has_ci, double *lo, double *hi,
			 bdb_diag *d)
{
	bdb__json_doc *doc = &f->doc;
	json_t *est, *ci;
	int rc = need_object(f, d);
	if (!rc)
		rc = bdb__json_object(doc, doc->root, "slope", false, &est, d);
	if (!rc && !est)
		rc = bdb__json_object(doc, doc->root, "mean", true, &est, d);
	if (!rc)
		rc = bdb__json_number(doc, est, "point_estimate", true, value, NULL, d);
	if (!rc)
		rc = bdb__json_object(doc, est, "confidence_interval", false, &ci, d);
	*has_ci = false;
	if (!rc && ci) {
		*has_ci = true;
		if (!(rc = bdb__json_number(doc, ci, "lower_bound", true, lo, NULL, d)))
			rc = bdb__json_number(doc, ci, "upper_bound", true, hi, NULL, d);
		if (!rc)
			rc = bdb__json_bounds(doc, ci, "upper_bound", BDB__NO_INDEX, "lower_bound",
					      *lo, "upper_bound", *hi, d);
	}
	return rc;
}

/* Per-iteration times from sample.json: *out malloc'ed, n values. */
static int read_samples(crit_file *f, double **out, size_t *n, bdb_diag *d)
{
	bdb__json_doc *doc = &f->doc;
	double *iters = NULL, *times = NULL;
	size_t ni = 0, nt = 0;
	int rc = need_object(f, d);
	if (!rc)
		rc = bdb__json_numbers(doc, doc->root, "iters", true, &iters, &ni, d);
	if (!rc)
		rc = bdb__json_numbers(doc, doc->root, "times", true, &times, &nt, d);
	if (!rc && ni != nt)
		rc = bdb__json_fail(doc, doc->root, "times", BDB__NO_INDEX, d,
				    "\"times\" has %zu values but \"iters\" has %zu", nt, ni);
	for (size_t i = 0; !rc && i < ni; i++) {
		if (!(iters[i] > 0))
			rc = bdb__json_fail(doc, json_object_get(doc->root, "iters"), NULL, i, d,
					    "\"iters\"[%zu] must be positive", i);
		else
			times[i] /= iters[i];
	}
	free(iters);
	if (rc) {
		free(times);
		return rc;
	}
	*out = times;
	*n = nt;
	return 0;
}

/* The throughput per iteration: n and its unit, or *unit NULL. */
static int read_throughput(crit_file *f, const json_t *tp, double *n, const char **unit,
			   bdb_diag *d)
{
	static const struct {
		const char *key, *unit;
	} kinds[] = {{"Elements", "elem/s"}, {"Bytes", "B/s"}, {"BytesDecimal", "B/s"}};
	*unit = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		bool present;
		int rc = bdb__json_number(&f->doc, tp, kinds[i].key, false, n, &present, d);
		if (rc)
			return rc;
		if (present) {
			*unit = kinds[i].unit;
			return *n > 0 ? 0
				      : bdb__json_fail(&f->doc, tp, kinds[i].key, BDB__NO_INDEX, d,
						       "\"%s\" must be positive", kinds[i].key);
		}
	}
	return bdb__json_fail(&f->doc, tp, NULL, BDB__NO_INDEX, d,
			      "\"throughput\" must have \"Elements\", \"Bytes\" or "
			      "\"BytesDecimal\"");
}

/*
 * throughput = n per iteration / time per iteration, per second. time is
 * copied: adding a metric to p may move p's metrics. Samples of zero time
 * have no throughput and are left out.
 */
int bdb__criterion_throughput(bdb_run *run, bdb_point *p, double n, const char *unit,
			      bdb_metric time, const double *samples, size_t n_samples)
{
	double ns_per_s;
	int rc = bdb_unit_factor("s", "ns", &ns_per_s);
	bdb_metric *m;
	if (!rc)
		rc = bdb__add_defined_metric(run, p, "throughput", n * ns_per_s / time.value, unit,
					     BDB_HIGHER, &m);
	if (rc)
		return rc;
	if (time.has_lower && time.has_upper && time.lower > 0)
		bdb__set_bounds(m, n * ns_per_s / time.upper, n * ns_per_s / time.lower);
	double *per = n_samples ? malloc(n_samples * sizeof *per) : NULL;
	if (n_samples && !per)
		return BDB_ENOMEM;
	size_t kept = 0;
	for (size_t i = 0; i < n_samples; i++)
		if (samples[i] > 0)
			per[kept++] = n * ns_per_s / samples[i];
	rc = bdb_metric_set_samples(run, m, per, kept);
	free(per);
	return rc;
}

/* The name of the benchmark at dir without benchmark.json: its path
 * below the tree (the tree's last component when dir is the tree), into
 * name; *group_len the length of its first component when it has more,
 * else 0. */
static void path_name(const crit_ctx *c, const char *dir, char *name, size_t size,
		      size_t *group_len)
{
	size_t root = strlen(c->in->dir);
	const char *rel = dir + root;
	if (*rel == '/')
		rel++;
	if (!*rel) {
		const char *slash = strrchr(dir, '/');
		rel = slash && slash[1] ? slash + 1 : dir;
	}
	snprintf(name, size, "%s", rel);
	const char *slash = strchr(name, '/');
	*group_len = slash && dir[root] ? (size_t)(slash - name) : 0;
}

static int read_benchmark(crit_ctx *c, const char *dir, bool described)
{
	crit_file bench, est, sample;
	const char *full_id = NULL, *group = NULL;
	json_t *tp = NULL;
	double value = 0, lo = 0, hi = 0, n_per_iter = 0, *samples = NULL;
	size_t n_samples = 0;
	bool has_ci = false;
	const char *tp_unit = NULL;
	char sample_path[4096];
	snprintf(sample_path, sizeof sample_path, "%s/new/sample.json", dir);
	memset(&est, 0, sizeof est);
	memset(&sample, 0, sizeof sample);
	char name[4096], group_name[4096];
	memset(&bench, 0, sizeof bench);
	int rc = 0;
	if (described) {
		rc = file_open(c, &bench, dir, "benchmark.json");
		if (!rc)
			rc = need_object(&bench, c->d);
		if (!rc)
			rc = bdb__json_string(&bench.doc, bench.doc.root, "full_id", true, &full_id,
					      c->d);
		if (!rc)
			rc = bdb__json_string(&bench.doc, bench.doc.root, "group_id", false, &group,
					      c->d);
		if (!rc)
			rc = bdb__json_object(&bench.doc, bench.doc.root, "throughput", false, &tp,
					      c->d);
	} else {
		size_t group_len;
		path_name(c, dir, name, sizeof name, &group_len);
		full_id = name;
		snprintf(group_name, sizeof group_name, "%.*s", (int)group_len, name);
		group = group_name;
	}
	if (!rc && tp)
		rc = read_throughput(&bench, tp, &n_per_iter, &tp_unit, c->d);
	if (!rc)
		rc = file_open(c, &est, dir, "estimates.json");
	if (!rc)
		rc = read_estimate(&est, &value, &has_ci, &lo, &hi, c->d);
	if (!rc && exists(sample_path) && !(rc = file_open(c, &sample, dir, "sample.json")))
		rc = read_samples(&sample, &samples, &n_samples, c->d);
	bdb_point *p;
	bdb_metric *m;
	if (!rc)
		rc = bdb_run_add_point(c->run, full_id, &p);
	if (!rc && group && *group)
		rc = bdb_point_set_scenario(c->run, p, group);
	if (!rc)
		rc = bdb__add_defined_metric(c->run, p, "time", value, "ns", BDB_LOWER, &m);
	if (!rc && has_ci)
		bdb__set_bounds(m, lo, hi);
	if (!rc)
		rc = bdb_metric_set_samples(c->run, m, samples, n_samples);
	if (!rc && tp_unit) {
		if (!(value > 0))
			rc = bdb__json_fail(&est.doc, est.doc.root, NULL, BDB__NO_INDEX, c->d,
					    "the time estimate must be positive to derive a "
					    "throughput");
		else
			rc = bdb__criterion_throughput(c->run, p, n_per_iter, tp_unit, *m, samples,
						       n_samples);
	}
	free(samples);
	file_release(&bench);
	file_release(&est);
	file_release(&sample);
	return rc;
}

static int compare_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk(crit_ctx *c, const char *dir, int depth)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/new/benchmark.json", dir);
	if (exists(path))
		return read_benchmark(c, dir, true);
	snprintf(path, sizeof path, "%s/new/estimates.json", dir);
	if (exists(path))
		return read_benchmark(c, dir, false);
	if (depth >= MAX_DEPTH)
		return 0;
	struct dirent **list;
	int n = scandir(dir, &list, NULL, compare_names);
	if (n < 0)
		return bdb_diag_set(c->d, BDB_EIO, dir, 0, 0, "cannot list the directory");
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		struct stat st;
		if (!rc && name[0] != '.' && strcmp(name, "report") != 0) {
			snprintf(path, sizeof path, "%s/%s", dir, name);
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				rc = walk(c, path, depth + 1);
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

int bdb__ingest_criterion(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	crit_ctx c = {.in = in, .run = run, .d = d};
	in->hash = BDB__HASH_INIT;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", in->dir);
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	in->dir = dir;
	int rc = walk(&c, dir, 0);
	in->dir = NULL;
	return rc;
}
