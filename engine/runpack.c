/*
 * runpack.c - run FlatBuffers stored compressed (docs/storage.md 2.2.1):
 * each `runs` value is one zstd frame, with the store's dictionary when it
 * has one. The frame holds the FlatBuffer with its metric doubles taken out
 * (zeroed) and, after it, those doubles coded apart: a short decimal as its
 * exponent, the length of its integer and the integer's bytes, anything
 * else as its 64 bits; and sample vectors a model codes in fewer bits in a
 * samples section (sampack.c). Such a value starts with the byte
 * PACK_SAMPLES (PACK_DECIMAL: format 4's, without the section); a value
 * that is a bare zstd frame holds the whole FlatBuffer (runs written
 * before the decimal packing, or whose doubles cannot be found). Either
 * way the reader gets the FlatBuffer's exact bytes back.
 *
 * The dictionary is trained once from the store's runs (meta "zstd_dict")
 * when it has BDB__DICT_MIN_RUNS runs, and never changes afterwards: frames
 * name it by its id.
 */
#include <stdlib.h>
#include <string.h>
#include <zdict.h>
#include <zstd.h>

#include "internal.h"

/* Runs a store has before a dictionary is trained from its newest ones. */
#define DICT_MIN_RUNS 64
/* Runs a dictionary is trained from, and its size at most. */
#define DICT_SAMPLES 100
#define DICT_MAX     (64 * 1024)
/* A frame saying it holds more than this is damaged (the map is smaller). */
#define MAX_RUN_BYTES (UINT64_C(1) << 34)
#define ZSTD_LEVEL    1
/* The first byte of a value with the doubles packed apart (a zstd frame
 * starts with 0x28). */
#define PACK_DECIMAL 0x01
/* The first byte of a value packed as now: its content may end with a
 * samples section (format 5). */
#define PACK_SAMPLES 0x02
/* In the content's last u32: a samples section comes before it. */
#define SECTION_FLAG (UINT32_C(1) << 31)
/* A double's head byte: 0 for its 64 bits, else e + 1 (1 to 23), plus
 * HEAD_NEGATIVE for a negative integer. */
#define HEAD_NEGATIVE 0x80

/*
 * The frame's content, the doubles at pos[0..n) of fb taken out:
 *
 *   fb with those 8-byte fields zeroed ‖ head[n] ‖ size[n] ‖ each short
 *   decimal's |m| (m / 10^e) in its `size` bytes, least significant first
 *   ‖ the other doubles' 64 bits, each XORed with the one before it and
 *   laid out byte plane by byte plane, the top byte of every one first
 *   (their signs and exponents repeat, and zstd sees the repeats) ‖ u32
 *   fb's length (LE)
 */
static void content_put(bdb_buf *c, const uint8_t *fb, size_t len, const uint32_t *pos, size_t n)
{
	bdb_buf_append(c, fb, len);
	if (c->failed || bdb_buf_reserve(c, 10 * n + 4) != 0)
		return;
	uint8_t *out = (uint8_t *)c->data, *head = out + len, *size = head + n, *bytes = size + n;
	size_t raw = 0;
	for (size_t i = 0; i < n; i++) {
		double v;
		memcpy(&v, fb + pos[i], 8);
		unsigned e;
		int64_t m;
		if (!bdb__decimal_find(v, 0, &e, &m)) {
			head[i] = 0;
			size[i] = 8;
			raw++;
			continue;
		}
		head[i] = (uint8_t)((e + 1) | (m < 0 ? HEAD_NEGATIVE : 0));
		unsigned k = 0;
		for (uint64_t w = m < 0 ? (uint64_t)-m : (uint64_t)m; w; w >>= 8)
			bytes[k++] = (uint8_t)w;
		size[i] = (uint8_t)k;
		bytes += k;
	}
	uint64_t prev = 0;
	for (size_t i = 0, r = 0; i < n; i++) {
		if (head[i])
			continue;
		uint64_t word;
		memcpy(&word, fb + pos[i], 8);
		for (unsigned plane = 0; plane < 8; plane++)
			bytes[plane * raw + r] = (uint8_t)((word ^ prev) >> (8 * (7 - plane)));
		prev = word;
		r++;
	}
	bytes += 8 * raw;
	for (size_t i = 0; i < n; i++)
		memset(out + pos[i], 0, 8);
	c->len = (size_t)(bytes - out);
}

/* Puts the doubles of content c (the FlatBuffer at its start, fb_len
 * bytes) back at their places; false for anything content_put does not
 * write. */
static bool content_restore(uint8_t *c, size_t fb_len, size_t len, const uint32_t *pos, size_t n)
{
	if (n > (len - fb_len) / 2)
		return false;
	const uint8_t *head = c + fb_len, *size = head + n, *bytes = size + n, *end = c + len;
	size_t raw = 0;
	for (size_t i = 0; i < n; i++)
		raw += head[i] == 0;
	if ((size_t)(end - bytes) < 8 * raw)
		return false;
	const uint8_t *planes = end - 8 * raw;
	uint64_t prev = 0;
	for (size_t i = 0, r = 0; i < n; i++) {
		unsigned e = head[i] & ~HEAD_NEGATIVE, k = size[i];
		double v;
		if (!head[i]) {
			if (k != 8)
				return false;
			uint64_t word = 0;
			for (unsigned plane = 0; plane < 8; plane++)
				word |= (uint64_t)planes[plane * raw + r] << (8 * (7 - plane));
			word ^= prev;
			prev = word;
			r++;
			memcpy(&v, &word, 8);
		} else {
			/* a decimal's integer has no zero byte on top */
			if (!e || k > 8 || (size_t)(planes - bytes) < k ||
			    e > BDB__DECIMAL_MAX_EXP + 1 || (k && !bytes[k - 1]))
				return false;
			uint64_t word = 0;
			for (unsigned b = 0; b < k; b++)
				word |= (uint64_t)bytes[b] << (8 * b);
			bytes += k;
			if (word >= (UINT64_C(1) << 53))
				return false;
			int64_t m = (int64_t)word;
			v = bdb__decimal_value(head[i] & HEAD_NEGATIVE ? -m : m, e - 1);
		}
		memcpy(c + pos[i], &v, 8);
	}
	return bytes == planes;
}

/* The positions of fb's doubles (bdb_fb_run_doubles) in a new array. */
static int doubles_find(const void *fb, size_t len, uint32_t **pos, size_t *n)
{
	*pos = malloc((len / 8 + 1) * sizeof **pos);
	if (!*pos)
		return BDB_ENOMEM;
	int rc = bdb_fb_run_doubles(fb, len, *pos, len / 8 + 1, n);
	if (rc) {
		free(*pos);
		*pos = NULL;
	}
	return rc;
}

static void u32_put(bdb_buf *c, uint32_t v)
{
	uint8_t le[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	bdb_buf_append(c, le, 4);
}

static uint32_t u32_get(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* fb's sample vectors (bdb_fb_run_sample_vectors) in a new array, room for
 * the n doubles' worth. */
static int vectors_find(const void *fb, size_t len, size_t n, bdb_fb_samples_at **vec,
			size_t *nv)
{
	*vec = malloc((n + 1) * sizeof **vec);
	if (!*vec)
		return BDB_ENOMEM;
	int rc = bdb_fb_run_sample_vectors(fb, len, *vec, n + 1, nv);
	if (rc) {
		free(*vec);
		*vec = NULL;
	}
	return rc;
}

/* pos[0..n) less the positions skip marks, in a new array *kept. */
static int positions_kept(const uint32_t *pos, size_t n, const bool *skip, uint32_t **kept,
			  size_t *n_kept)
{
	*kept = malloc((n + 1) * sizeof **kept);
	if (!*kept)
		return BDB_ENOMEM;
	*n_kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!skip[i])
			(*kept)[(*n_kept)++] = pos[i];
	return 0;
}

/* The samples section of fb (doubles at pos[0..n)) into sec, and in *kept
 * the positions it leaves to the doubles' coding (NULL: all, no section). */
static int samples_put(const uint8_t *fb, size_t len, const uint32_t *pos, size_t n, bdb_buf *sec,
		       uint32_t **kept, size_t *n_kept)
{
	bdb_fb_samples_at *vec;
	size_t nv;
	*kept = NULL;
	if (vectors_find(fb, len, n, &vec, &nv) != 0)
		return 0;
	double *x = malloc((n + 1) * sizeof *x);
	bool *skip = calloc(n + 1, sizeof *skip);
	int rc = x && skip ? 0 : BDB_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++)
		memcpy(&x[i], fb + pos[i], 8);
	int got = rc || !nv ? 0 : bdb__sampack_pack(x, n, vec, nv, skip, sec);
	if (got < 0)
		rc = BDB_ENOMEM;
	else if (got > 0)
		rc = positions_kept(pos, n, skip, kept, n_kept);
	free(vec);
	free(x);
	free(skip);
	return rc;
}

/* Whether content c restores to fb[0..len). */
static bool restores_to(const bdb_buf *c, const void *fb, size_t len)
{
	bdb_buf copy;
	bdb_buf_init(&copy);
	bdb_buf_append(&copy, c->data, c->len);
	bool same = !copy.failed && bdb__run_content_restore(&copy) == 0 && copy.len == len &&
		    memcmp(copy.data, fb, len) == 0;
	bdb_buf_free(&copy);
	return same;
}

int bdb__run_content(const void *fb, size_t len, bdb_buf *c, bool *packed)
{
	uint32_t *pos, *again = NULL, *kept = NULL;
	size_t n, n_again = 0, n_kept = 0;
	bdb_buf_reset(c);
	*packed = false;
	if (len > UINT32_MAX || doubles_find(fb, len, &pos, &n) != 0) {
		bdb_buf_append(c, fb, len);
		return c->failed ? BDB_ENOMEM : 0;
	}
	bdb_buf sec;
	bdb_buf_init(&sec);
	int rc = samples_put(fb, len, pos, n, &sec, &kept, &n_kept);
	if (!rc) {
		content_put(c, fb, len, kept ? kept : pos, kept ? n_kept : n);
		for (size_t i = 0; kept && !c->failed && i < n; i++)
			memset(c->data + pos[i], 0, 8);
		bdb_buf_append(c, sec.data, sec.len);
		if (kept)
			u32_put(c, (uint32_t)sec.len);
		u32_put(c, (uint32_t)len | (kept ? SECTION_FLAG : 0));
		rc = c->failed || sec.failed ? BDB_ENOMEM : 0;
	}
	/* Packed when the zeroed buffer's doubles are where they were and, with
	 * a section, everything comes back (the models are checked whole). */
	if (!rc && doubles_find(c->data, len, &again, &n_again) == 0 && n_again == n &&
	    memcmp(pos, again, n * sizeof *pos) == 0 && (!kept || restores_to(c, fb, len))) {
		*packed = true;
	} else if (!rc) {
		bdb_buf_reset(c);
		bdb_buf_append(c, fb, len);
		rc = c->failed ? BDB_ENOMEM : 0;
	}
	bdb_buf_free(&sec);
	free(pos);
	free(again);
	free(kept);
	return rc;
}

int bdb__run_content_restore(bdb_buf *out)
{
	uint8_t *c = (uint8_t *)out->data;
	if (out->len < 4)
		return BDB_ECORRUPT;
	uint32_t tail = u32_get(c + out->len - 4);
	size_t end = out->len - 4, fb_len = tail & ~SECTION_FLAG, sec_len = 0;
	if (tail & SECTION_FLAG) {
		if (end < 4 || (sec_len = u32_get(c + end - 4)) > end - 4)
			return BDB_ECORRUPT;
		end -= 4 + sec_len;
	}
	if (fb_len > end)
		return BDB_ECORRUPT;
	uint32_t *pos, *kept = NULL;
	size_t n, n_kept = 0;
	int rc = doubles_find(c, fb_len, &pos, &n);
	if (rc)
		return rc;
	bdb__sampack_parsed *parsed = NULL;
	bdb_fb_samples_at *vec = NULL;
	if (tail & SECTION_FLAG) {
		size_t nv = 0;
		bool *skip = calloc(n + 1, sizeof *skip);
		rc = skip ? vectors_find(c, fb_len, n, &vec, &nv) : BDB_ENOMEM;
		if (!rc)
			parsed = bdb__sampack_parse(c + end, sec_len, n, vec, nv, skip, &rc);
		if (!rc)
			rc = positions_kept(pos, n, skip, &kept, &n_kept);
		free(skip);
	}
	if (!rc && !content_restore(c, fb_len, end, kept ? kept : pos, kept ? n_kept : n))
		rc = BDB_ECORRUPT;
	if (!rc && parsed && !bdb__sampack_apply(parsed, c, pos))
		rc = BDB_ECORRUPT;
	bdb__sampack_free(parsed);
	free(vec);
	free(pos);
	free(kept);
	if (rc)
		return rc;
	out->len = fb_len;
	out->data[fb_len] = '\0';
	return 0;
}

/* The store's dictionary (meta "zstd_dict"), or len 0. Points into the map. */
static int dict_get(bdb_store *s, MDB_txn *txn, const void **dict, size_t *len)
{
	MDB_val k = {9, "zstd_dict"}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_META], &k, &v);
	*dict = NULL;
	*len = 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc)
		return bdb__mdb_error(rc);
	*dict = v.mv_data;
	*len = v.mv_size;
	return 0;
}

/*
 * The store's dictionary digested for compression, made again when the
 * dictionary is not the bytes it was made from (a write transaction that
 * trained one was aborted, and another trained a different one). Digesting
 * it once saves reloading 64 KiB of tables for every run.
 */
static int cdict_get(bdb_store *s, const void *dict, size_t len, ZSTD_CDict **out)
{
	bdb_buf *of = &s->zstd_cdict_of;
	if (!s->zstd_cdict || of->len != len || memcmp(of->data, dict, len) != 0) {
		ZSTD_freeCDict(s->zstd_cdict);
		bdb_buf_reset(of);
		bdb_buf_append(of, dict, len);
		s->zstd_cdict = of->failed ? NULL : ZSTD_createCDict(dict, len, ZSTD_LEVEL);
		if (!s->zstd_cdict)
			return BDB_ENOMEM;
	}
	*out = s->zstd_cdict;
	return 0;
}

int bdb__run_pack(bdb_store *s, MDB_txn *txn, const void *fb, size_t len, bdb_buf *out)
{
	const void *dict;
	size_t dict_len;
	bool packed;
	bdb_buf content;
	bdb_buf_init(&content);
	int rc = dict_get(s, txn, &dict, &dict_len);
	if (!rc)
		rc = bdb__run_content(fb, len, &content, &packed);
	bdb_buf_reset(out);
	size_t bound = ZSTD_compressBound(content.len);
	if (!rc && bdb_buf_reserve(out, bound + 1) != 0)
		rc = BDB_ENOMEM;
	/* One writer at a time (the write transaction): the context is ours. */
	if (!rc && !s->zstd_cctx && !(s->zstd_cctx = ZSTD_createCCtx()))
		rc = BDB_ENOMEM;
	ZSTD_CDict *cdict = NULL;
	if (!rc && dict_len)
		rc = cdict_get(s, dict, dict_len, &cdict);
	if (rc) {
		bdb_buf_free(&content);
		return rc;
	}
	char *frame = out->data + packed;
	out->data[0] = PACK_SAMPLES; /* overwritten by the frame when not packed */
	size_t n = cdict ? ZSTD_compress_usingCDict(s->zstd_cctx, frame, bound, content.data,
						    content.len, cdict)
			 : ZSTD_compressCCtx(s->zstd_cctx, frame, bound, content.data, content.len,
					     ZSTD_LEVEL);
	bdb_buf_free(&content);
	if (ZSTD_isError(n))
		return BDB_ENOMEM;
	out->len = n + packed;
	return 0;
}

int bdb__run_unpack(bdb_store *s, MDB_txn *txn, const void *data, size_t len, bdb_buf *out)
{
	uint8_t first = len > 0 ? *(const uint8_t *)data : 0;
	bool packed = first == PACK_DECIMAL || first == PACK_SAMPLES;
	data = (const uint8_t *)data + packed;
	len -= packed;
	unsigned long long size = ZSTD_getFrameContentSize(data, len);
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
	    size > MAX_RUN_BYTES || ZSTD_findFrameCompressedSize(data, len) != len)
		return BDB_ECORRUPT;
	bdb_buf_reset(out);
	if (bdb_buf_reserve(out, (size_t)size + 1) != 0)
		return BDB_ENOMEM;
	const void *dict = NULL;
	size_t dict_len = 0;
	unsigned id = ZSTD_getDictID_fromFrame(data, len);
	if (id) {
		int rc = dict_get(s, txn, &dict, &dict_len);
		if (rc)
			return rc;
		if (!dict_len || ZSTD_getDictID_fromDict(dict, dict_len) != id)
			return BDB_ECORRUPT;
	}
	ZSTD_DCtx *dctx = ZSTD_createDCtx();
	if (!dctx)
		return BDB_ENOMEM;
	size_t n = ZSTD_decompress_usingDict(dctx, out->data, (size_t)size + 1, data, len, dict,
					     dict_len);
	ZSTD_freeDCtx(dctx);
	if (ZSTD_isError(n) || n != size)
		return BDB_ECORRUPT;
	out->len = n;
	/* Format 4's packing has no samples section. */
	if (first == PACK_DECIMAL && n >= 4 && u32_get((uint8_t *)out->data + n - 4) & SECTION_FLAG)
		return BDB_ECORRUPT;
	return packed ? bdb__run_content_restore(out) : 0;
}

void bdb__run_pack_free(bdb_store *s)
{
	ZSTD_freeCCtx(s->zstd_cctx);
	s->zstd_cctx = NULL;
	ZSTD_freeCDict(s->zstd_cdict);
	s->zstd_cdict = NULL;
	bdb_buf_free(&s->zstd_cdict_of);
}

int bdb__run_dict_train(bdb_store *s, MDB_txn *txn)
{
	const void *dict;
	size_t dict_len;
	uint64_t runs = 0, tried = 0;
	int rc = dict_get(s, txn, &dict, &dict_len);
	if (!rc && !dict_len)
		rc = bdb__db_entries(s, txn, BDB__DB_RUNLOG, &runs);
	if (!rc && !dict_len)
		rc = bdb__meta_get_u64(s, txn, "zstd_dict_tried", 0, &tried);
	/* Once, when there are enough runs; again at four times as many when
	 * the samples were too few. */
	if (rc || dict_len || runs < DICT_MIN_RUNS || (tried && runs < 4 * tried))
		return rc;
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, s->dbi[BDB__DB_RUNS], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_buf samples, one, join;
	bdb_buf_init(&samples);
	bdb_buf_init(&one);
	bdb_buf_init(&join);
	size_t sizes[DICT_SAMPLES];
	unsigned n = 0;
	MDB_val k, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	/* From what the frames will hold: the FlatBuffers less their doubles. */
	bdb_buf content;
	bdb_buf_init(&content);
	while (got == 0 && n < DICT_SAMPLES && !rc) {
		bool packed;
		if (k.mv_size == BDB__RUN_REST_KEY) { /* a frame's rest: its run comes next */
			got = mdb_cursor_get(cur, &k, &v, MDB_PREV);
			continue;
		}
		if (k.mv_size == 8)
			rc = bdb__run_value_get(s, txn, bdb__get_be64(k.mv_data), &join, &v);
		if (!rc)
			rc = bdb__run_unpack(s, txn, v.mv_data, v.mv_size, &one);
		if (!rc)
			rc = bdb__run_content(one.data, one.len, &content, &packed);
		if (!rc) {
			bdb_buf_append(&samples, content.data, content.len);
			sizes[n++] = content.len;
			got = mdb_cursor_get(cur, &k, &v, MDB_PREV);
		}
	}
	bdb_buf_free(&content);
	mdb_cursor_close(cur);
	if (!rc && got != 0 && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (!rc && samples.failed)
		rc = BDB_ENOMEM;
	size_t cap = samples.len / 8 < DICT_MAX ? samples.len / 8 : DICT_MAX;
	void *buf = rc || cap < 1024 ? NULL : malloc(cap);
	size_t made = buf ? ZDICT_trainFromBuffer(buf, cap, samples.data, sizes, n) : 0;
	if (!rc && buf && !ZDICT_isError(made)) {
		MDB_val dk = {9, "zstd_dict"}, dv = {made, buf};
		rc = bdb__mdb_error(mdb_put(txn, s->dbi[BDB__DB_META], &dk, &dv, 0));
	} else if (!rc) {
		rc = bdb__meta_put_u64(s, txn, "zstd_dict_tried", runs);
	}
	free(buf);
	bdb_buf_free(&samples);
	bdb_buf_free(&one);
	bdb_buf_free(&join);
	return rc;
}

/*
 * A value in overflow pages takes whole pages: a frame of 5.5 KB takes two
 * 4 KiB pages, one of 2.5 KB one. So a frame longer than a leaf takes is
 * stored as its whole-page part under seq (8 bytes, in overflow pages with
 * nothing left over; empty when the frame is under a page) and the rest in
 * 1 to RESTS pieces under seq ‖ 01, seq ‖ 02, ... (9 bytes), each short
 * enough to share a leaf page with other runs' pieces (docs/storage.md
 * 2.2.1).
 */
#define RESTS BDB__RUN_RESTS
/* LMDB's page header: an overflow page holds a page less this many bytes. */
#define PAGE_HEADER 16

/* The page size, and the longest piece of a rest (a leaf node holds at
 * most about half a page; a margin for its header and key). k overflow
 * pages hold k pages less one PAGE_HEADER: LMDB heads the run of pages
 * once. */
static void value_split_sizes(bdb_store *s, size_t *page, size_t *rest_max)
{
	MDB_stat st;
	*page = mdb_env_stat(s->env, &st) == 0 ? st.ms_psize : 4096;
	*rest_max = (*page - PAGE_HEADER) / 2 - 64;
}

/* Whether a value of len bytes fills its overflow pages exactly (or is
 * empty): the whole-page part of a frame stored in parts. */
static bool whole_pages(size_t len, size_t page)
{
	return len == 0 || (len + PAGE_HEADER) % page == 0;
}

/* How many bytes of a frame of len go under the run's own key, and in how
 * many pieces the rest (0: none). */
static size_t value_whole(bdb_store *s, size_t len, unsigned *pieces)
{
	size_t page, rest_max;
	value_split_sizes(s, &page, &rest_max);
	/* the most whole pages len fills: k pages hold k * page - PAGE_HEADER */
	size_t k = (len + PAGE_HEADER) / page, whole = k ? k * page - PAGE_HEADER : 0;
	size_t rest = len - whole;
	*pieces = len <= rest_max || !rest ? 0 : (unsigned)((rest + rest_max - 1) / rest_max);
	return *pieces ? whole : len;
}

static bool value_splits(bdb_store *s, size_t len)
{
	unsigned pieces;
	return value_whole(s, len, &pieces) < len;
}

/* Whether a stored value is packed as bdb__run_pack packs it now: its
 * doubles apart, with the store's dictionary when it has one. */
static bool value_current(const void *data, size_t len, const void *dict, size_t dict_len)
{
	const uint8_t *p = data;
	if (len < 2 || p[0] != PACK_SAMPLES)
		return false;
	return !dict_len ||
	       ZSTD_getDictID_fromFrame(p + 1, len - 1) == ZSTD_getDictID_fromDict(dict, dict_len);
}

int bdb__runs_repack(bdb_store *s, MDB_txn *txn, bdb__repack mode)
{
	const void *dict;
	size_t dict_len;
	int rc = dict_get(s, txn, &dict, &dict_len);
	if (rc)
		return rc;
	bdb_buf fb, packed, join;
	bdb_buf_init(&fb);
	bdb_buf_init(&packed);
	bdb_buf_init(&join);
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, s->dbi[BDB__DB_RUNS], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	uint8_t next[8] = {0};
	for (;;) {
		MDB_val k = {8, next}, v;
		int got = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
		if (got == MDB_NOTFOUND)
			break;
		if (!got && k.mv_size != 8)
			got = MDB_CORRUPTED;
		if (got) {
			rc = bdb__mdb_error(got);
			break;
		}
		uint64_t seq = bdb__get_be64(k.mv_data);
		bdb__put_be64(next, seq + 1);
		rc = bdb__run_value_get(s, txn, seq, &join, &v);
		if (rc)
			break;
		/* compact also moves a frame stored whole that now splits
		 * (format 5's) into its two parts, and back */
		bool in_parts = v.mv_data == (void *)join.data;
		bool stale = mode != BDB__REPACK_STALE ||
			     !value_current(v.mv_data, v.mv_size, dict, dict_len);
		if (!stale && in_parts == value_splits(s, v.mv_size))
			continue;
		bdb_buf_reset(&fb);
		if (!stale) {
			bdb_buf_append(&fb, v.mv_data, v.mv_size);
			rc = fb.failed ? BDB_ENOMEM
				       : bdb__run_value_put(s, txn, seq, fb.data, fb.len);
			if (rc)
				break;
			continue;
		}
		if (mode == BDB__REPACK_RAW)
			bdb_buf_append(&fb, v.mv_data, v.mv_size);
		else
			rc = bdb__run_unpack(s, txn, v.mv_data, v.mv_size, &fb);
		if (!rc && fb.failed)
			rc = BDB_ENOMEM;
		if (!rc)
			rc = bdb__run_pack(s, txn, fb.data, fb.len, &packed);
		/* compact keeps a stale value that is shorter than its repacking
		 * (the dictionary does not shorten every run) */
		if (!rc && mode == BDB__REPACK_STALE && packed.len > v.mv_size) {
			if (in_parts == value_splits(s, v.mv_size))
				continue;
			bdb_buf_reset(&packed);
			bdb_buf_append(&packed, v.mv_data, v.mv_size);
			if (packed.failed)
				rc = BDB_ENOMEM;
		}
		if (!rc)
			rc = bdb__run_value_put(s, txn, seq, packed.data, packed.len);
		if (rc)
			break;
	}
	mdb_cursor_close(cur);
	bdb_buf_free(&fb);
	bdb_buf_free(&packed);
	bdb_buf_free(&join);
	return rc;
}

int bdb__run_value_get(bdb_store *s, MDB_txn *txn, uint64_t seq, bdb_buf *join, MDB_val *v)
{
	uint8_t key[BDB__RUN_REST_KEY];
	bdb__put_be64(key, seq);
	MDB_val k = {8, key};
	int rc = mdb_get(txn, s->dbi[BDB__DB_RUNS], &k, v);
	if (rc)
		return bdb__mdb_error(rc);
	size_t page, rest_max;
	value_split_sizes(s, &page, &rest_max);
	if (!whole_pages(v->mv_size, page))
		return 0; /* only a whole-page part (or none) has a rest */
	unsigned i = 1;
	for (; i <= RESTS; i++) {
		key[8] = (uint8_t)i;
		MDB_val rk = {BDB__RUN_REST_KEY, key}, rest;
		rc = mdb_get(txn, s->dbi[BDB__DB_RUNS], &rk, &rest);
		if (rc == MDB_NOTFOUND)
			break;
		if (rc)
			return bdb__mdb_error(rc);
		if (i == 1) { /* in parts: joined (else the value as it is) */
			bdb_buf_reset(join);
			bdb_buf_append(join, v->mv_data, v->mv_size);
		}
		bdb_buf_append(join, rest.mv_data, rest.mv_size);
		*v = (MDB_val){join->len, join->data};
	}
	return i > 1 && join->failed ? BDB_ENOMEM : 0;
}

int bdb__run_value_put(bdb_store *s, MDB_txn *txn, uint64_t seq, const void *data, size_t len)
{
	unsigned pieces;
	size_t whole = value_whole(s, len, &pieces);
	uint8_t key[BDB__RUN_REST_KEY];
	bdb__put_be64(key, seq);
	MDB_val k = {8, key}, v = {whole, (void *)data};
	int rc = mdb_put(txn, s->dbi[BDB__DB_RUNS], &k, &v, 0);
	/* The rest in near-equal pieces; a value replaced by one with fewer
	 * loses the old ones past them. */
	size_t at = whole, piece = pieces ? (len - whole + pieces - 1) / pieces : 0;
	for (unsigned i = 1; i <= RESTS && !rc; i++) {
		key[8] = (uint8_t)i;
		MDB_val rk = {BDB__RUN_REST_KEY, key};
		if (i <= pieces) {
			size_t n = len - at < piece ? len - at : piece;
			MDB_val rv = {n, (uint8_t *)data + at};
			rc = mdb_put(txn, s->dbi[BDB__DB_RUNS], &rk, &rv, 0);
			at += n;
		} else {
			rc = mdb_del(txn, s->dbi[BDB__DB_RUNS], &rk, NULL);
			rc = rc == MDB_NOTFOUND ? 0 : rc;
		}
	}
	return bdb__mdb_error(rc);
}

int bdb__run_value_del(bdb_store *s, MDB_txn *txn, uint64_t seq)
{
	uint8_t key[BDB__RUN_REST_KEY];
	bdb__put_be64(key, seq);
	MDB_val k = {8, key}, rk = {BDB__RUN_REST_KEY, key};
	int rc = mdb_del(txn, s->dbi[BDB__DB_RUNS], &k, NULL);
	for (unsigned i = 1; i <= RESTS && (!rc || rc == MDB_NOTFOUND); i++) {
		key[8] = (uint8_t)i;
		int rest = mdb_del(txn, s->dbi[BDB__DB_RUNS], &rk, NULL);
		rc = rest == MDB_NOTFOUND ? rc : rest;
	}
	return rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}
