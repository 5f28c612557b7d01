/*
 * badge.h - internal to web/: the shields-style SVG badge of GET
 * /api/badge.svg (docs/api.md): a grey label on the left, a coloured
 * message on the right. Pure and deterministic: same text, same bytes.
 */
#ifndef BDB_WEB_BADGE_H
#define BDB_WEB_BADGE_H

#include "schema.h"

/* The colours of the messages (shields.io's). */
#define BDB__BADGE_BLUE	 "#007ec6" /* a value */
#define BDB__BADGE_GREEN "#4c1"	   /* ok */
#define BDB__BADGE_RED	 "#e05d44" /* regressed */
#define BDB__BADGE_GREY	 "#9f9f9f" /* inconclusive */

/*
 * Appends the badge "label | message" to out: one SVG document, 20 pixels
 * high, each half as wide as its text (7 pixels a character, estimated)
 * plus 10. label and message are escaped (bdb_buf_put_xml); color is one
 * of the constants above (written as given). On allocation failure
 * out->failed is set.
 */
void bdb__badge_svg(const char *label, const char *message, const char *color, bdb_buf *out);

#endif /* BDB_WEB_BADGE_H */
