/*
 * badge.c - a shields-style SVG badge (badge.h).
 */
#include "badge.h"

#include <string.h>

/* Pixels of text: 7 a character (UTF-8 code points), no font metrics (the
 * badge is a pure function of its text). */
static int text_width(const char *s)
{
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	return chars * 7;
}

void bdb__badge_svg(const char *label, const char *message, const char *color, bdb_buf *out)
{
	int lw = text_width(label) + 10, mw = text_width(message) + 10, w = lw + mw;
	bdb_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	bdb_buf_printf(out,
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"20\" "
		       "role=\"img\" aria-label=\"",
		       w);
	bdb_buf_put_xml(out, label, strlen(label));
	bdb_buf_puts(out, ": ");
	bdb_buf_put_xml(out, message, strlen(message));
	bdb_buf_puts(out, "\">\n<title>");
	bdb_buf_put_xml(out, label, strlen(label));
	bdb_buf_puts(out, ": ");
	bdb_buf_put_xml(out, message, strlen(message));
	bdb_buf_puts(out, "</title>\n");
	bdb_buf_puts(out, "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" "
			  "stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" "
			  "stop-opacity=\".1\"/></linearGradient>\n");
	bdb_buf_printf(out,
		       "<clipPath id=\"r\"><rect width=\"%d\" height=\"20\" rx=\"3\" "
		       "fill=\"#fff\"/></clipPath>\n",
		       w);
	bdb_buf_printf(out,
		       "<g clip-path=\"url(#r)\"><rect width=\"%d\" height=\"20\" fill=\"#555\"/>"
		       "<rect x=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\"/>"
		       "<rect width=\"%d\" height=\"20\" fill=\"url(#s)\"/></g>\n",
		       lw, lw, mw, color, w);
	bdb_buf_puts(out,
		     "<g fill=\"#fff\" text-anchor=\"middle\" "
		     "font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">");
	bdb_buf_printf(out, "<text x=\"%.1f\" y=\"14\">", lw / 2.0);
	bdb_buf_put_xml(out, label, strlen(label));
	bdb_buf_printf(out, "</text><text x=\"%.1f\" y=\"14\">", lw + mw / 2.0);
	bdb_buf_put_xml(out, message, strlen(message));
	bdb_buf_puts(out, "</text></g>\n</svg>\n");
}
