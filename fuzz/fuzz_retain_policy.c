/*
 * fuzz_retain_policy.c - harness for the retention policy's grammar
 * (engine/retain.c: bdb_retention_parse, bdb_retention_format), which reads
 * what `benchdb retain --set` is given and, from meta "retention", what
 * every reader of the store finds. Checked:
 *   - the parser returns 0, BDB_EPARSE or BDB_ENOMEM;
 *   - an error is in "policy", line 1, at a column inside the text or just
 *     past its end, with a message; the policy it leaves is empty;
 *   - a policy that parses is within its bounds: at most
 *     BDB_RETAIN_MAX_BRANCHES branches without a quote in their names,
 *     every age -1 or 0 to 36500 days, the month age not under the week's;
 *   - its canonical text parses again to the same canonical text (what
 *     bdb_store_set_retention stores is what a reader gets back), no longer
 *     than the room bdb_store_set_retention gives it (twice the text and
 *     1,024 bytes).
 * The input is the text up to its first NUL (the parser takes C strings).
 */
#include <string.h>

#include "engine.h"
#include "fuzz.h"

/* Whether an age is absent (-1) or 0 to 36500 days. */
static bool rp_age_ok(int64_t days)
{
	return days == -1 || (days >= 0 && days <= 36500);
}

/* Checks a parsed policy's bounds. */
static void rp_check_bounds(const bdb_retention *p)
{
	FUZZ_CHECK(p->n_branches <= BDB_RETAIN_MAX_BRANCHES);
	for (size_t i = 0; i < p->n_branches; i++)
		FUZZ_CHECK(p->branches[i] && !strchr(p->branches[i], '"'));
	FUZZ_CHECK(rp_age_ok(p->keep_other_days) && rp_age_ok(p->drop_samples_days));
	FUZZ_CHECK(rp_age_ok(p->rollup_days) && rp_age_ok(p->rollup_month_days));
	if (p->rollup_month_days >= 0)
		FUZZ_CHECK(p->rollup_month_days >= p->rollup_days);
}

int fuzz_retain_policy(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	size_t n = strlen(text);

	bdb_retention p;
	bdb_diag d;
	int rc = bdb_retention_parse(text, &p, &d);
	FUZZ_CHECK(rc == 0 || rc == BDB_EPARSE || rc == BDB_ENOMEM);
	if (rc == BDB_EPARSE) {
		FUZZ_CHECK(strcmp(d.file, "policy") == 0 && d.line == 1);
		FUZZ_CHECK(d.col >= 1 && (size_t)d.col <= n + 1);
		FUZZ_CHECK(d.message[0] != '\0');
		FUZZ_CHECK(p.n_branches == 0 && p.keep_other_days == -1 && !p.apply_on_ingest);
	}
	if (rc) {
		free(text);
		return 0;
	}
	rp_check_bounds(&p);
	/* One byte more than bdb_store_set_retention's room: a canonical text
	 * that fills it was cut short there. */
	size_t room = 2 * n + 1024;
	char *canonical = malloc(room + 1), *again = malloc(room + 1);
	if (canonical && again) {
		bdb_retention_format(&p, canonical, room + 1);
		FUZZ_CHECK(strlen(canonical) < room);
		bdb_retention q;
		int rc2 = bdb_retention_parse(canonical, &q, &d);
		FUZZ_CHECK(rc2 == 0 || rc2 == BDB_ENOMEM);
		if (rc2 == 0) {
			rp_check_bounds(&q);
			bdb_retention_format(&q, again, room + 1);
			FUZZ_CHECK(strcmp(canonical, again) == 0);
			bdb_retention_free(&q);
		}
	}
	free(canonical);
	free(again);
	bdb_retention_free(&p);
	free(text);
	return 0;
}

FUZZ_ENTRY(fuzz_retain_policy)
