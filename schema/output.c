/*
 * output.c - the output-format table: one row per format benchdb writes,
 * the only place its name is written. Query output (`as`, --format),
 * `export`, `check --format`, the REPL's .mode and completion read it.
 *
 * Adding an output format: a bdb_output_format, a row here, and its
 * writer (query/format.c for query results, engine/ingest/export.c for
 * export).
 */
#include "schema.h"

#include <strings.h>

#define QUERY BDB_OUTPUT_FOR_QUERY
#define MODE BDB_OUTPUT_FOR_MODE
#define EXPORT BDB_OUTPUT_FOR_EXPORT
#define CHECK BDB_OUTPUT_FOR_CHECK
#define PICTURE BDB_OUTPUT_PICTURE

const bdb_output_format_info bdb_output_formats[] = {
    {BDB_OUTPUT_TABLE, "table", NULL, QUERY | MODE,
     "aligned columns in natural units (the default)"},
    {BDB_OUTPUT_JSON, "json", NULL, QUERY | MODE | EXPORT | CHECK, "one object per statement"},
    {BDB_OUTPUT_CSV, "csv", NULL, QUERY | MODE | EXPORT, "RFC 4180 with a header line"},
    {BDB_OUTPUT_TSV, "tsv", NULL, QUERY | MODE | EXPORT,
     "a header line, a field per TAB (\\t \\n \\r \\\\ inside)"},
    {BDB_OUTPUT_MARKDOWN, "markdown", "md", QUERY | MODE | EXPORT | CHECK,
     "a GitHub-flavoured Markdown table"},
    {BDB_OUTPUT_LINE, "line", "lines", QUERY | MODE, "one \"name = value\" line per field"},
    {BDB_OUTPUT_SVG, "svg", NULL, QUERY | PICTURE, "an SVG chart of a trend or changes"},
    {BDB_OUTPUT_HTML, "html", NULL, QUERY | PICTURE, "a page with the chart and the table"},
    {BDB_OUTPUT_CHART, "chart", NULL, QUERY | PICTURE, "a braille chart for a terminal"},
    {BDB_OUTPUT_BENCHKIT, "benchkit", NULL, EXPORT, "benchkit's Run JSON"},
};

const size_t bdb_n_output_formats = sizeof bdb_output_formats / sizeof bdb_output_formats[0];

static const bdb_output_format_info *info_of(bdb_output_format f)
{
	if (f == BDB_OUTPUT_DEFAULT)
		f = BDB_OUTPUT_TABLE;
	for (size_t i = 0; i < bdb_n_output_formats; i++)
		if (bdb_output_formats[i].format == f)
			return &bdb_output_formats[i];
	return &bdb_output_formats[0];
}

const char *bdb_output_format_name(bdb_output_format f)
{
	return info_of(f)->name;
}

int bdb_output_format_parse(const char *name, unsigned uses, bdb_output_format *out)
{
	for (size_t i = 0; name && i < bdb_n_output_formats; i++) {
		const bdb_output_format_info *o = &bdb_output_formats[i];
		if ((o->uses & uses) == uses &&
		    (strcasecmp(name, o->name) == 0 || (o->alias && strcasecmp(name, o->alias) == 0))) {
			*out = o->format;
			return 0;
		}
	}
	return BDB_EINVAL;
}

bool bdb_output_format_is_picture(bdb_output_format f)
{
	return f != BDB_OUTPUT_DEFAULT && (info_of(f)->uses & BDB_OUTPUT_PICTURE) != 0;
}

size_t bdb_output_format_names(unsigned uses, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < bdb_n_output_formats && n + 1 < max; i++)
		if ((bdb_output_formats[i].uses & uses) == uses)
			out[n++] = bdb_output_formats[i].name;
	if (max)
		out[n] = NULL;
	return n;
}

void bdb_output_format_put_list(bdb_buf *b, unsigned uses)
{
	const char *names[32];
	size_t n = bdb_output_format_names(uses, names, sizeof names / sizeof *names);
	for (size_t i = 0; i < n; i++)
		bdb_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ", names[i]);
}

const char *bdb_output_format_separator(bdb_output_format f)
{
	switch (f) {
	case BDB_OUTPUT_JSON:
		return "";
	case BDB_OUTPUT_CSV:
		return "\r\n";
	default:
		return "\n";
	}
}
