/* test_ingest_system.c - the adapters of system and load tools (fio,
 * iperf3, redis-benchmark, perf stat, stress-ng, pgbench, sysbench, wrk,
 * ab, callgrind) over real outputs of the tools, made here
 * (tests/fixtures/README.md says how). Expected values are the numbers in
 * the files: for the JSON ones read with Python 3.11's json module, for the
 * text ones as printed; timestamps are the files' Unix seconds times 10^6. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "helpers/ingest_fixtures.h"

#define DIR "tests/fixtures/system/"

static bdb_run *load_auto(const char *file, bdb_input_format expected)
{
	bdb_input_format detected;
	bdb_run *run = fixture_load(file, BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, expected);
	return run;
}

static void test_fio(void **state)
{
	(void)state;
	/* The file starts with fio's job line, then the JSON. */
	bdb_run *run = load_auto(DIR "fio.json", BDB_INPUT_FIO);
	assert_int_equal(run->n_points, 2);
	assert_string_equal(fixture_env(run, "fio_version"), "fio-3.33");
	assert_int_equal(run->timestamp_us, INT64_C(1796533003000000));
	fixture_def(run, "iops", BDB_HIGHER, "ops/s");
	fixture_def(run, "bw", BDB_HIGHER, "B/s");
	fixture_def(run, "lat", BDB_LOWER, "ns");
	fixture_def(run, "lat_p99", BDB_LOWER, "ns");
	fixture_def(run, "usr_cpu", BDB_INFO, "%");

	const bdb_point *p = fixture_point(run, "randread",
					   "bs=4k,ddir=read,ioengine=psync,runtime=2,rw=randread,"
					   "size=8m");
	fixture_close(fixture_metric(p, "iops")->value, 211922.693267, 0);
	fixture_close(fixture_metric(p, "bw")->value, 868035351, 0);
	fixture_close(fixture_metric(p, "lat")->value, 3462.165533, 0);
	fixture_close(fixture_metric(p, "lat_p50")->value, 916, 0);
	fixture_close(fixture_metric(p, "lat_p99")->value, 1528, 0);
	fixture_close(fixture_metric(p, "usr_cpu")->value, 12.37525, 0);
	fixture_close(fixture_metric(p, "sys_cpu")->value, 16.067864, 0);

	/* seqwrite did no reads: only its write side is a point. */
	p = fixture_point(run, "seqwrite", "bs=64k,ddir=write,runtime=2,rw=write,size=8m");
	fixture_close(fixture_metric(p, "iops")->value, 29806.096952, 0);
	fixture_close(fixture_metric(p, "bw")->value, 1953372369, 0);
	fixture_close(fixture_metric(p, "lat_p99")->value, 17024, 0);
	bdb_run_free(run);
}

/* The same JSON without the line before it is detected as JSON. */
static void test_fio_pure_json(void **state)
{
	(void)state;
	FILE *f = fopen(DIR "fio.json", "rb");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	const char *json = strchr(buf, '{');
	assert_non_null(json);
	bdb_run *run;
	bdb_diag d;
	bdb_input_format detected;
	assert_int_equal(bdb_ingest_buffer("fio.json", json, n - (size_t)(json - buf),
					   BDB_INPUT_AUTO, NULL, &run, &detected, &d),
			 0);
	assert_int_equal(detected, BDB_INPUT_FIO);
	assert_int_equal(run->n_points, 2);
	bdb_run_free(run);
}

static void test_iperf3(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "iperf3.json", BDB_INPUT_IPERF3);
	assert_int_equal(run->n_points, 2);
	assert_string_equal(fixture_env(run, "version"), "iperf 3.12");
	assert_int_equal(run->timestamp_us, INT64_C(1796533015000000));
	fixture_def(run, "bitrate", BDB_HIGHER, "bit/s");
	fixture_def(run, "retransmits", BDB_LOWER, NULL);
	static const char tags[] = "blksize=131072,protocol=TCP,reverse=0,streams=1";
	const bdb_point *p = fixture_point(run, "sent", tags);
	fixture_close(fixture_metric(p, "bitrate")->value, 6513359454.775236, 0);
	fixture_close(fixture_metric(p, "bytes")->value, 1630535680, 0);
	fixture_close(fixture_metric(p, "retransmits")->value, 10, 0);
	fixture_close(fixture_metric(p, "cpu_host")->value, 19.763054124451525, 0);
	fixture_close(fixture_metric(p, "cpu_remote")->value, 22.435724640285613, 0);
	p = fixture_point(run, "received", tags);
	fixture_close(fixture_metric(p, "bitrate")->value, 6511577685.205753, 0);
	assert_null(bdb_point_find_metric(p, "retransmits"));
	bdb_run_free(run);
}

static void test_redis(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "redis.csv", BDB_INPUT_REDIS);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "rps", BDB_HIGHER, "req/s");
	fixture_def(run, "latency_p99", BDB_LOWER, "ms");
	/* "GET","68965.52","0.041","0.008","0.031","0.063","0.135","3.151" */
	const bdb_point *p = fixture_point(run, "GET", "");
	fixture_close(fixture_metric(p, "rps")->value, 68965.52, 0);
	fixture_close(fixture_metric(p, "latency_avg")->value, 0.041, 0);
	fixture_close(fixture_metric(p, "latency_min")->value, 0.008, 0);
	fixture_close(fixture_metric(p, "latency_p95")->value, 0.063, 0);
	fixture_close(fixture_metric(p, "latency_max")->value, 3.151, 0);
	fixture_close(fixture_metric(fixture_point(run, "LPUSH", ""), "rps")->value, 95238.09, 0);
	bdb_run_free(run);
}

static void test_perf(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "perf_stat.csv", BDB_INPUT_PERF);
	assert_int_equal(run->n_points, 1);
	const bdb_point *p = fixture_point(run, "perf stat", "");
	/* 904.18,msec,task-clock,...; cycles and instructions <not supported> */
	fixture_close(fixture_metric(p, "task-clock")->value, 904.18, 0);
	fixture_def(run, "task-clock", BDB_LOWER, "ms");
	fixture_close(fixture_metric(p, "context-switches")->value, 137, 0);
	fixture_def(run, "context-switches", BDB_LOWER, NULL);
	fixture_close(fixture_metric(p, "page-faults")->value, 192, 0);
	assert_int_equal(p->n_metrics, 4);
	assert_null(bdb_point_find_metric(p, "cycles"));
	bdb_run_free(run);

	/* -r 3 puts the variance after the event: 1.47,msec,task-clock,1.98%,... */
	run = load_auto(DIR "perf_stat_repeat.csv", BDB_INPUT_PERF);
	p = fixture_point(run, "perf stat", "");
	fixture_close(fixture_metric(p, "task-clock")->value, 1.47, 0);
	fixture_close(fixture_metric(p, "page-faults")->value, 82, 0);
	assert_int_equal(p->n_metrics, 3);
	bdb_run_free(run);

	/* --append: three runs' blocks; each event's values are samples and the
	 * value their mean (python: statistics.mean([4.60, 4.56, 4.44]) =
	 * 4.533333333333333, statistics.mean([93, 92, 93]) = 92.66666666666667). */
	run = load_auto(DIR "perf_stat_append.csv", BDB_INPUT_PERF);
	p = fixture_point(run, "perf stat", "");
	const bdb_metric *m = fixture_metric(p, "task-clock");
	fixture_close(m->value, 4.533333333333333, 1e-15);
	assert_int_equal(m->n_samples, 3);
	fixture_close(m->samples[0], 4.60, 0);
	fixture_close(m->samples[2], 4.44, 0);
	fixture_close(fixture_metric(p, "page-faults")->value, 92.66666666666667, 1e-15);
	bdb_run_free(run);
}

static void test_stressng(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "stress-ng.yaml", BDB_INPUT_STRESSNG);
	assert_int_equal(run->n_points, 2);
	assert_string_equal(fixture_env(run, "stress-ng-version"), "0.15.06");
	assert_string_equal(fixture_env(run, "compiler"), "gcc 12.2.0");
	assert_null(fixture_env(run, "freeram"));
	assert_int_equal(run->timestamp_us, INT64_C(1796533063000000));
	fixture_def(run, "bogo-ops-per-second-real-time", BDB_HIGHER, "bogo-ops/s");
	fixture_def(run, "max-rss", BDB_INFO, "KB");
	const bdb_point *p = fixture_point(run, "cpu", "");
	fixture_close(fixture_metric(p, "bogo-ops")->value, 1071, 0);
	fixture_close(fixture_metric(p, "bogo-ops-per-second-real-time")->value, 535.492978, 0);
	fixture_close(fixture_metric(p, "cpu-usage-per-instance")->value, 47.575676, 0);
	p = fixture_point(run, "matrix", "");
	fixture_close(fixture_metric(p, "bogo-ops-per-second-usr-sys-time")->value, 3650.182142, 0);
	fixture_close(fixture_metric(p, "mult-matrix-ops-per-sec")->value, 608968.918950, 0);
	bdb_run_free(run);
}

static void test_pgbench(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "pgbench.txt", BDB_INPUT_PGBENCH);
	assert_int_equal(run->n_points, 2);
	assert_string_equal(fixture_env(run, "pgbench_version"), "15.18 (Debian 15.18-0+deb12u1)");
	fixture_def(run, "tps", BDB_HIGHER, "tx/s");
	fixture_def(run, "latency", BDB_LOWER, "ms");
	const bdb_point *p =
	    fixture_point(run, "TPC-B (sort of)", "clients=2,mode=simple,scale=1,threads=2");
	fixture_close(fixture_metric(p, "tps")->value, 5444.524931, 0);
	fixture_close(fixture_metric(p, "latency")->value, 0.367, 0);
	fixture_close(fixture_metric(p, "connection_time")->value, 4.789, 0);
	fixture_close(fixture_metric(p, "transactions")->value, 16310, 0);
	fixture_close(fixture_metric(p, "failed")->value, 0, 0);
	p = fixture_point(run, "select only", "clients=2,mode=simple,scale=1,threads=1");
	fixture_close(fixture_metric(p, "tps")->value, 26574.507341, 0);
	fixture_close(fixture_metric(p, "latency")->value, 0.075, 0);
	bdb_run_free(run);
}

static void test_sysbench(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "sysbench.txt", BDB_INPUT_SYSBENCH);
	assert_int_equal(run->n_points, 3);
	assert_string_equal(fixture_env(run, "sysbench_version"), "1.0.20");
	fixture_def(run, "events_per_second", BDB_HIGHER, "events/s");
	fixture_def(run, "latency_p95", BDB_LOWER, "ms");
	const bdb_point *p = fixture_point(run, "cpu", "prime_limit=10000,threads=2");
	fixture_close(fixture_metric(p, "events_per_second")->value, 1019.06, 0);
	fixture_close(fixture_metric(p, "total_time")->value, 2.0082, 0);
	fixture_close(fixture_metric(p, "events")->value, 2048, 0);
	fixture_close(fixture_metric(p, "latency_avg")->value, 1.96, 0);
	fixture_close(fixture_metric(p, "latency_max")->value, 40.49, 0);
	fixture_close(fixture_metric(p, "latency_p95")->value, 12.52, 0);
	p = fixture_point(run, "memory",
			  "block_size=1KiB,operation=write,scope=global,threads=1,"
			  "total_size=2048MiB");
	fixture_close(fixture_metric(p, "ops_per_second")->value, 2288687.00, 0);
	fixture_close(fixture_metric(p, "throughput")->value, 2235.05, 0);
	p = fixture_point(run, "fileio", "block_size=16KiB,mode=random r/w,threads=1");
	fixture_close(fixture_metric(p, "reads")->value, 90093.85, 0);
	fixture_close(fixture_metric(p, "fsyncs")->value, 6007.59, 0);
	fixture_close(fixture_metric(p, "write_throughput")->value, 938.48, 0);
	fixture_close(fixture_metric(p, "latency_max")->value, 20.07, 0);
	bdb_run_free(run);
}

static void test_wrk(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "wrk.txt", BDB_INPUT_WRK);
	assert_int_equal(run->n_points, 1);
	const bdb_point *p = fixture_point(run, "http://127.0.0.1:8931/index.html",
					   "connections=8,duration=2s,threads=2");
	fixture_def(run, "requests_per_sec", BDB_HIGHER, "req/s");
	fixture_def(run, "latency", BDB_LOWER, "ms");
	fixture_close(fixture_metric(p, "latency")->value, 5.85, 0);
	fixture_close(fixture_metric(p, "latency_stdev")->value, 3.54, 0);
	fixture_close(fixture_metric(p, "latency_max")->value, 30.14, 0);
	fixture_close(fixture_metric(p, "latency_p50")->value, 4.99, 0);
	fixture_close(fixture_metric(p, "latency_p99")->value, 18.25, 0);
	fixture_close(fixture_metric(p, "requests")->value, 2084, 0);
	fixture_close(fixture_metric(p, "requests_per_sec")->value, 1041.01, 0);
	/* Transfer/sec: 5.68MB, binary megabytes */
	const bdb_metric *m = fixture_metric(p, "transfer_per_sec");
	fixture_close(m->value, 5.68, 0);
	assert_string_equal(m->unit, "MiB/s");
	bdb_run_free(run);
}

/* Units by magnitude, socket errors and non-2xx responses. */
static void test_wrk_variants(void **state)
{
	(void)state;
	static const char text[] = "Running 10s test @ http://localhost:8080/\n"
				   "  1 threads and 2 connections\n"
				   "  Thread Stats   Avg      Stdev     Max   +/- Stdev\n"
				   "    Latency   812.00us  100.50us   1.20s    90.00%\n"
				   "    Req/Sec     1.20k   100.00      1.50k    70.00%\n"
				   "  12000 requests in 10.00s, 900.00KB read\n"
				   "  Socket errors: connect 1, read 2, write 0, timeout 4\n"
				   "  Non-2xx or 3xx responses: 5\n"
				   "Requests/sec:   1200.00\n"
				   "Transfer/sec:     90.00KB\n";
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("w.txt", text, sizeof text - 1, BDB_INPUT_AUTO, NULL,
					   &run, NULL, &d),
			 0);
	const bdb_point *p =
	    fixture_point(run, "http://localhost:8080/", "connections=2,duration=10s,threads=1");
	assert_string_equal(fixture_metric(p, "latency")->unit, "us");
	assert_string_equal(fixture_metric(p, "latency_max")->unit, "s");
	fixture_close(fixture_metric(p, "errors")->value, 7, 0);
	fixture_close(fixture_metric(p, "non_2xx")->value, 5, 0);
	assert_string_equal(fixture_metric(p, "transfer_per_sec")->unit, "KiB/s");
	bdb_run_free(run);
}

static void test_ab(void **state)
{
	(void)state;
	bdb_run *run = load_auto(DIR "ab.txt", BDB_INPUT_AB);
	assert_int_equal(run->n_points, 1);
	assert_string_equal(fixture_env(run, "ab_version"), "2.3");
	assert_string_equal(fixture_env(run, "server_software"), "SimpleHTTP/0.6");
	const bdb_point *p = fixture_point(run, "127.0.0.1:8931/index.html", "concurrency=4");
	fixture_def(run, "requests_per_sec", BDB_HIGHER, "req/s");
	fixture_def(run, "time_per_request", BDB_LOWER, "ms");
	fixture_def(run, "transfer_rate", BDB_HIGHER, "KiB/s");
	fixture_close(fixture_metric(p, "requests_per_sec")->value, 703.59, 0);
	fixture_close(fixture_metric(p, "time_per_request")->value, 5.685, 0);
	fixture_close(fixture_metric(p, "time_per_request_all")->value, 1.421, 0);
	fixture_close(fixture_metric(p, "transfer_rate")->value, 3932.29, 0);
	fixture_close(fixture_metric(p, "total_time")->value, 0.711, 0);
	fixture_close(fixture_metric(p, "requests")->value, 500, 0);
	fixture_close(fixture_metric(p, "failed")->value, 0, 0);
	fixture_close(fixture_metric(p, "latency_p50")->value, 4, 0);
	fixture_close(fixture_metric(p, "latency_p90")->value, 12, 0);
	fixture_close(fixture_metric(p, "latency_p100")->value, 17, 0);
	bdb_run_free(run);
}

/* callgrind.out and callgrind_annotate of it give the same totals: the
 * "summary:" line (totals: differs by 2 Ir), which annotate prints too. */
static void test_callgrind(void **state)
{
	(void)state;
	static const char *const files[] = {DIR "callgrind.out", DIR "callgrind_annotate.txt"};
	for (size_t i = 0; i < 2; i++) {
		bdb_run *run = load_auto(files[i], BDB_INPUT_CALLGRIND);
		assert_int_equal(run->n_points, 1);
		assert_string_equal(fixture_env(run, "creator"), "callgrind-3.19.0");
		assert_string_equal(fixture_env(run, "LL cache"),
				    "276824064 B, 64 B, 33-way associative");
		fixture_def(run, "Ir", BDB_LOWER, NULL);
		const bdb_point *p = fixture_point(run, "/bin/true", "");
		assert_int_equal(p->n_metrics, 9);
		fixture_close(fixture_metric(p, "Ir")->value, 127670, 0);
		fixture_close(fixture_metric(p, "Dr")->value, 28107, 0);
		fixture_close(fixture_metric(p, "I1mr")->value, 1083, 0);
		fixture_close(fixture_metric(p, "DLmw")->value, 547, 0);
		bdb_run_free(run);
	}
}

/* Counts callgrind leaves out at the end of a line are 0; without a
 * summary the totals line counts. */
static void test_callgrind_totals(void **state)
{
	(void)state;
	static const char text[] = "# callgrind format\n"
				   "cmd: ./bench --quick\n"
				   "events: Ir Dr Dw\n"
				   "fl=(1) a.c\n"
				   "fn=(1) main\n"
				   "3 10 2\n"
				   "totals: 1500 300\n";
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("c.out", text, sizeof text - 1, BDB_INPUT_AUTO, NULL,
					   &run, NULL, &d),
			 0);
	const bdb_point *p = fixture_point(run, "./bench --quick", "");
	fixture_close(fixture_metric(p, "Ir")->value, 1500, 0);
	fixture_close(fixture_metric(p, "Dr")->value, 300, 0);
	fixture_close(fixture_metric(p, "Dw")->value, 0, 0);
	bdb_run_free(run);
}

/* Every new format is listed, and a refusal names them as tried. */
static void test_listed(void **state)
{
	(void)state;
	static const char *const names[] = {"fio",     "iperf3",   "redis", "perf", "stress-ng",
					    "pgbench", "sysbench", "wrk",   "ab",   "callgrind"};
	const char *list = bdb_format_list();
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		bdb_input_format f;
		assert_int_equal(bdb_format_parse(names[i], &f), 0);
		assert_string_equal(bdb_format_name(f), names[i]);
		char item[32];
		snprintf(item, sizeof item, ", %s,", names[i]);
		assert_non_null(strstr(list, item));
	}
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(
	    bdb_ingest_buffer("x.txt", "nothing here\n", 13, BDB_INPUT_AUTO, NULL, &run, NULL, &d),
	    BDB_EFORMAT);
	assert_non_null(strstr(d.message, "sysbench, wrk, ab, callgrind"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fio),
	    cmocka_unit_test(test_fio_pure_json),
	    cmocka_unit_test(test_iperf3),
	    cmocka_unit_test(test_redis),
	    cmocka_unit_test(test_perf),
	    cmocka_unit_test(test_stressng),
	    cmocka_unit_test(test_pgbench),
	    cmocka_unit_test(test_sysbench),
	    cmocka_unit_test(test_wrk),
	    cmocka_unit_test(test_wrk_variants),
	    cmocka_unit_test(test_ab),
	    cmocka_unit_test(test_callgrind),
	    cmocka_unit_test(test_callgrind_totals),
	    cmocka_unit_test(test_listed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
