/* ingest_dump.c - ingests one input and prints the run (benchkit JSON by
 * default) or the error; for looking at what an adapter makes of a file.
 *
 *   build/tools/ingest_dump FILE|DIR|- [FORMAT [benchkit|json|csv|markdown]]
 */
#include <stdio.h>

#include "ingest.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: ingest_dump FILE|DIR|- [FORMAT [EXPORT]]\n");
		return 2;
	}
	bdb_input_format format = BDB_INPUT_AUTO;
	bdb_output_format export = BDB_OUTPUT_BENCHKIT;
	if (argc > 2 && bdb_format_parse(argv[2], &format)) {
		fprintf(stderr, "unknown format %s (%s)\n", argv[2], bdb_format_list());
		return 2;
	}
	if (argc > 3 && bdb_output_format_parse(argv[3], BDB_OUTPUT_FOR_EXPORT, &export)) {
		fprintf(stderr, "unknown export format %s\n", argv[3]);
		return 2;
	}
	bdb_run *run;
	bdb_input_format detected = BDB_INPUT_AUTO;
	bdb_diag d;
	if (bdb_ingest_path(argv[1], format, NULL, &run, &detected, &d)) {
		char msg[1200];
		fprintf(stderr, "error: %s\n", bdb_diag_format(&d, msg, sizeof msg));
		return 3;
	}
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_export_run(run, export, &out);
	fprintf(stderr, "format: %s\n", bdb_format_name(detected));
	fwrite(out.data, 1, out.len, stdout);
	bdb_buf_free(&out);
	bdb_run_free(run);
	return 0;
}
