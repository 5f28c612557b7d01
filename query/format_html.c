/*
 * format_html.c - results as HTML: the `as html` page (a chart, then the
 * table) and the pieces the report (web/) builds its page from: the style
 * sheet and a result's <table>.
 *
 * The page is polyglot: well-formed XML as well as HTML, with no URL in it
 * (no xmlns, no external asset), so that it opens from a CI artifact and
 * `xmllint` can check it. Every name goes through bdb_buf_put_xml.
 */
#include "table.h"

#include <stdlib.h>
#include <string.h>

/* The dark theme's base, shared with the dashboard's style sheet (the server
 * appends bdb_html_dark_style after it): the page's ground, its text and
 * links, and the charts, drawn dark on light, on a light ground of their
 * own. Text of a contrast of 4.5:1 or more on its ground (WCAG AA). */
#define DARK_MEDIA "@media screen and (prefers-color-scheme:dark){\n"
#define DARK_BASE                                                                                  \
	":root{color-scheme:dark}\n"                                                               \
	"body{color:#e3e7ee;background:#14171d}\n"                                                 \
	"a{color:#8ab8ff}\n"                                                                       \
	".muted{color:#a3acbd}\n"                                                                  \
	"svg{background:#fff;border-radius:4px}\n"

static const char dark_style[] = DARK_MEDIA DARK_BASE "}\n";

static const char style[] =
    "body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}\n"
    "h1{font-size:20px;margin:0 0 4px}\n"
    "h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #ddd}\n"
    "h3{font-size:14px;margin:20px 0 4px}\n"
    "p.fields{color:#555;margin:0 0 12px}\n"
    /* A name or id with no place to break (a C++ template's point name, a
     * 64-hex run id) breaks where it must: a chart's heading ran 1,280 px
     * wide, and a phone shrank the whole report to it. */
    "h1,h2,h3,p,summary{overflow-wrap:anywhere}\n"
    /* ...as a linked name in a table does, in a column of 15em: the report's
     * grid scrolled 1,200 px sideways past a series' name to its values. */
    "table.result td a{overflow-wrap:anywhere}\n"
    "table.result td:has(> a){min-width:15em}\n"
    "table.result{border-collapse:collapse;font-size:12px;margin:8px 0;display:block;"
    "overflow-x:auto}\n"
    "table.result th,table.result td{border:1px solid #ddd;padding:2px 6px;text-align:left}\n"
    "table.result th{background:#f4f4f4}\n"
    "table.result td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.when{white-space:nowrap}\n"
    "tr.regression td{background:#fde8e8}\n"
    "tr.improvement td{background:#e8f6ea}\n"
    "figure{margin:8px 0}\n"
    "svg{max-width:100%;height:auto}\n"
    ".muted{color:#777}\n"
    ".severe{color:#b00020;font-weight:bold}\n"
    ".moderate{color:#c25400;font-weight:bold}\n"
    ".minor{color:#8a6d00}\n"
    /* Printed (paper, a PDF for the team): each table whole within the
     * page's width, not a screen's scroll box cut at the paper's edge with
     * its scroll bar; a heading kept with what follows it. */
    "@media print{table.result{display:table;overflow:visible;font-size:10px}\n"
    "table.result th,table.result td{overflow-wrap:break-word;padding:2px 4px}\n"
    "table.result td:has(> a){min-width:0}\n"
    "table.result tr,figure,svg{break-inside:avoid}\n"
    "h1,h2,h3{break-after:avoid}\n"
    "}\n" DARK_MEDIA DARK_BASE "h2{border-bottom-color:#343a46}\n"
    "p.fields{color:#b8c0ce}\n"
    "table.result th,table.result td{border-color:#343a46}\n"
    "table.result th{background:#242933}\n"
    "tr.regression td{background:#3a1e1e}\n"
    "tr.improvement td{background:#19301f}\n"
    ".severe{color:#ff8a80}\n"
    ".moderate{color:#ffb070}\n"
    ".minor{color:#e6c84d}\n"
    "}\n";

const char *bdb_html_style(void)
{
	return style;
}

const char *bdb_html_dark_style(void)
{
	return dark_style;
}

static bool numeric(const bdb_value *v)
{
	return v->kind == BDB_VALUE_NUMBER || v->kind == BDB_VALUE_INT;
}

int bdb_result_html_table(const bdb_result *r, bdb_buf *out)
{
	bool *show = calloc(r->n_cols + 1, sizeof *show);
	if (!show)
		return BDB_ENOMEM;
	bdb__table_columns(r, show); /* the columns and cells of the table format */
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_puts(out, "<table class=\"result\">\n<thead><tr>");
	for (size_t c = 0; c < r->n_cols; c++) {
		if (!show[c])
			continue;
		bdb_buf_puts(out, "<th>");
		bdb_buf_put_xml(out, r->cols[c].name, strlen(r->cols[c].name));
		bdb_buf_puts(out, "</th>");
	}
	bdb_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t row = 0; row < r->n_rows; row++) {
		bdb__mark mark = (bdb__mark)r->marks[row];
		bdb_buf_puts(out, mark == BDB__MARK_REGRESSION	  ? "<tr class=\"regression\">"
				  : mark == BDB__MARK_IMPROVEMENT ? "<tr class=\"improvement\">"
								  : "<tr>");
		for (size_t c = 0; c < r->n_cols; c++) {
			if (!show[c])
				continue;
			bdb_buf_reset(&text);
			bdb__put_cell_table(&text, r, row, c);
			/* A time on one line: beside long run ids it broke at its
			 * hyphens ("2026-10-" over "01T02:00:00Z"). */
			const bdb_value *v = &r->cells[row * r->n_cols + c];
			bdb_buf_puts(out, numeric(v)		      ? "<td class=\"num\">"
					  : v->kind == BDB_VALUE_TIME ? "<td class=\"when\">"
								      : "<td>");
			bdb_buf_put_xml(out, text.data ? text.data : "", text.len);
			bdb_buf_puts(out, "</td>");
		}
		bdb_buf_puts(out, "</tr>\n");
	}
	bdb_buf_puts(out, "</tbody>\n</table>\n");
	bool failed = text.failed;
	bdb_buf_free(&text);
	free(show);
	return out->failed || failed ? BDB_ENOMEM : 0;
}

int bdb__format_html(const bdb_result *r, bdb_buf *out)
{
	if (!bdb_result_chart_table(r))
		return BDB_EINVAL;
	bdb_value metric = bdb_result_field_by_name(r, "metric");
	bdb_buf heading;
	bdb_buf_init(&heading);
	bdb_buf_puts(&heading, r->statement);
	if (metric.kind == BDB_VALUE_STRING) {
		bdb_buf_putc(&heading, ' ');
		bdb_buf_puts(&heading, metric.str);
	}
	bdb_buf_puts(out, BDB_HTML_PAGE_HEAD "<title>benchdb: ");
	bdb_buf_put_xml(out, heading.data ? heading.data : "", heading.len);
	bdb_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
	bdb_buf_put_xml(out, heading.data ? heading.data : "", heading.len);
	bdb_buf_puts(out, "</h1>\n<p class=\"fields\">");
	/* The statement's fields, as `as json` gives them. */
	for (size_t i = 0; i < r->n_fields; i++) {
		bdb_buf_reset(&heading);
		const bdb_value *v = &r->fields[i];
		char num[64];
		switch (v->kind) {
		case BDB_VALUE_STRING:
			bdb_buf_puts(&heading, v->str);
			break;
		case BDB_VALUE_INT:
			bdb_buf_printf(&heading, "%lld", (long long)v->i);
			break;
		case BDB_VALUE_NUMBER:
			bdb__human_number(v->num, num, sizeof num);
			bdb_buf_puts(&heading, num);
			break;
		default:
			continue;
		}
		if (i)
			bdb_buf_puts(out, " \xc2\xb7 ");
		bdb_buf_put_xml(out, r->field_names[i], strlen(r->field_names[i]));
		bdb_buf_puts(out, ": ");
		bdb_buf_put_xml(out, heading.data ? heading.data : "", heading.len);
	}
	bdb_buf_free(&heading);
	bdb_buf_puts(out, "</p>\n<figure>\n");
	bdb_chart_options o = {.inline_svg = true};
	int rc = bdb__format_svg(r, &o, out);
	if (rc)
		return rc;
	bdb_buf_puts(out, "</figure>\n");
	rc = bdb_result_html_table(r, out);
	bdb_buf_puts(out, "</body>\n</html>\n");
	return rc ? rc : out->failed ? BDB_ENOMEM : 0;
}
