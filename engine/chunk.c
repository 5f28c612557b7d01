/*
 * chunk.c - the observation chunk codec (docs/storage.md 2.8): up to
 * BDB__CHUNK_OBS observations of one series in a bit stream, timestamps
 * and sequence numbers as deltas of deltas, values XOR-encoded against the
 * previous value (Gorilla's scheme), bounds against their observation's
 * value, sample counts against the previous count. A chunk whose values and
 * bounds are all short decimals (decimal.c) stores them instead as integers
 * m of one exponent e, bit-packed against the chunk's least. Every field
 * round-trips bit for bit (NaN payloads, -0, subnormals): the XOR coding
 * works on the bits, and the decimal one is chosen only when its decoding
 * gives every value's bits back.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

/* Header flags: which optional columns the chunk has. */
enum {
	CHUNK_LOWER = 1,
	CHUNK_UPPER = 2,
	CHUNK_SAMPLES = 4,
	CHUNK_DECIMAL = 8, /* values and bounds as decimals, not XORs */
	CHUNK_FLAGS = 15
};

/* ---- bits, most significant first ---- */

typedef struct bit_writer {
	uint8_t *p;   /* room reserved for the whole chunk (bdb__chunk_encode) */
	size_t len;   /* bytes written */
	uint64_t acc; /* pending bits, right-aligned */
	unsigned n;   /* how many */
} bit_writer;

/* Writes the low `bits` bits of v (bits <= 64). Whole bytes leave the
 * accumulator four at a time; fewer than 32 bits stay pending. */
static inline void put_bits(bit_writer *w, uint64_t v, unsigned bits)
{
	if (bits > 32) {
		put_bits(w, v >> 32, bits - 32);
		bits = 32;
	}
	w->acc = w->acc << bits | (v & ((UINT64_C(1) << bits) - 1));
	w->n += bits;
	if (w->n >= 32) {
		w->n -= 32;
		uint32_t word = (uint32_t)(w->acc >> w->n);
		uint8_t *p = w->p + w->len;
		p[0] = (uint8_t)(word >> 24);
		p[1] = (uint8_t)(word >> 16);
		p[2] = (uint8_t)(word >> 8);
		p[3] = (uint8_t)word;
		w->len += 4;
	}
}

static void flush_bits(bit_writer *w)
{
	while (w->n >= 8) {
		w->n -= 8;
		w->p[w->len++] = (uint8_t)(w->acc >> w->n);
	}
	if (w->n)
		w->p[w->len++] = (uint8_t)(w->acc << (8 - w->n));
	w->n = 0;
	w->acc = 0;
}

typedef struct bit_reader {
	const uint8_t *p;
	size_t len, bit; /* bit: the next bit's position */
} bit_reader;

/* The 64 bits of the stream from byte at on, big-endian, zeros past the end. */
static inline uint64_t load64(const bit_reader *r, size_t at)
{
	uint64_t w = 0;
	if (at + 8 <= r->len) {
		memcpy(&w, r->p + at, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		w = __builtin_bswap64(w);
#endif
		return w;
	}
	for (size_t i = 0; i < 8; i++)
		w = w << 8 | (at + i < r->len ? r->p[at + i] : 0);
	return w;
}

/* Reads `bits` bits (<= 64) into *v; false when the stream ends first. */
static bool get_bits(bit_reader *r, unsigned bits, uint64_t *v)
{
	if (bits > r->len * 8 - r->bit)
		return false;
	if (bits == 0) {
		*v = 0;
		return true;
	}
	if (bits > 56) { /* more than one load holds after its first byte */
		uint64_t hi, lo;
		get_bits(r, bits - 32, &hi);
		get_bits(r, 32, &lo);
		*v = hi << 32 | lo;
		return true;
	}
	uint64_t w = load64(r, r->bit / 8) << (r->bit % 8);
	*v = w >> (64 - bits);
	r->bit += bits;
	return true;
}

/* One bit (a bound's presence); false when the stream has ended. */
static inline bool get_bit(bit_reader *r, uint64_t *v)
{
	if (r->bit >= r->len * 8)
		return false;
	*v = (uint64_t)(r->p[r->bit / 8] >> (7 - r->bit % 8)) & 1;
	r->bit++;
	return true;
}

/* The next n bits (n <= 56) without consuming them; zeros past the end. */
static inline uint64_t peek_bits(const bit_reader *r, unsigned n)
{
	return (load64(r, r->bit / 8) << (r->bit % 8)) >> (64 - n);
}

/* Consumes n bits peeked; false when the stream has fewer. */
static inline bool skip_bits(bit_reader *r, unsigned n)
{
	if (n > r->len * 8 - r->bit)
		return false;
	r->bit += n;
	return true;
}

/* ---- signed and unsigned numbers of any size ---- */

static unsigned bit_length(uint64_t v)
{
	return v ? 64 - (unsigned)__builtin_clzll(v) : 0;
}

/* 0 as one 0 bit, else 1 ‖ (length - 1) in 6 bits ‖ the bits. */
static void put_number(bit_writer *w, uint64_t v)
{
	if (!v) {
		put_bits(w, 0, 1);
		return;
	}
	unsigned n = bit_length(v);
	put_bits(w, 1, 1);
	put_bits(w, n - 1, 6);
	put_bits(w, v, n);
}

static bool get_number(bit_reader *r, uint64_t *v)
{
	/* The flag and the length in one look. */
	uint64_t head = peek_bits(r, 7);
	if (!(head >> 6)) {
		*v = 0;
		return skip_bits(r, 1);
	}
	return skip_bits(r, 7) && get_bits(r, (unsigned)(head & 63) + 1, v);
}

static uint64_t zigzag(uint64_t v)
{
	return v >> 63 ? ~(v << 1) : v << 1;
}

static uint64_t unzigzag(uint64_t v)
{
	return v & 1 ? ~(v >> 1) : v >> 1;
}

/* ---- XOR-encoded doubles ---- */

/* The window of meaningful bits of the previous non-zero XOR. */
typedef struct xor_state {
	unsigned lead, len; /* len 0: no window yet */
} xor_state;

/*
 * x = bits XOR reference: 0 as one 0 bit; else 1 0 ‖ the bits in the
 * previous window when they fit in it; else 1 1 ‖ leading zeros (5 bits,
 * at most 31) ‖ length - 1 (6 bits) ‖ the meaningful bits.
 */
static void put_xor(bit_writer *w, xor_state *st, uint64_t x)
{
	if (!x) {
		put_bits(w, 0, 1);
		return;
	}
	unsigned lead = (unsigned)__builtin_clzll(x), trail = (unsigned)__builtin_ctzll(x);
	if (lead > 31)
		lead = 31;
	if (st->len && lead >= st->lead && trail >= 64 - st->lead - st->len) {
		put_bits(w, 2, 2);
		put_bits(w, x >> (64 - st->lead - st->len), st->len);
		return;
	}
	st->lead = lead;
	st->len = 64 - lead - trail;
	put_bits(w, 3, 2);
	put_bits(w, lead, 5);
	put_bits(w, st->len - 1, 6);
	put_bits(w, x >> trail, st->len);
}

static bool get_xor(bit_reader *r, xor_state *st, uint64_t *x)
{
	/* Up to 56 bits in one look: the control bits, the window and, when
	 * they fit, the meaningful bits too. */
	uint64_t w = peek_bits(r, 56), bits;
	if (!(w >> 55)) {
		*x = 0;
		return skip_bits(r, 1);
	}
	unsigned used;
	if (w >> 54 & 1) {
		unsigned lead = (unsigned)(w >> 49 & 31), len = (unsigned)(w >> 43 & 63) + 1;
		if (lead + len > 64)
			return false;
		st->lead = lead;
		st->len = len;
		used = 13;
	} else if (!st->len) {
		return false; /* a window before any was set */
	} else {
		used = 2;
	}
	if (used + st->len <= 56) {
		if (!skip_bits(r, used + st->len))
			return false;
		bits = (w >> (56 - used - st->len)) & ((UINT64_C(1) << st->len) - 1);
	} else if (!skip_bits(r, used) || !get_bits(r, st->len, &bits)) {
		return false;
	}
	unsigned shift = 64 - st->lead - st->len;
	*x = shift == 64 ? 0 : bits << shift;
	return *x != 0; /* a zero XOR has its own code */
}

static uint64_t double_bits(double v)
{
	uint64_t b;
	memcpy(&b, &v, 8);
	return b;
}

static double bits_double(uint64_t b)
{
	double v;
	memcpy(&v, &b, 8);
	return v;
}

/* ---- the chunk ---- */

/*
 * The decimal coding of a chunk: one exponent, and per column (value, lower
 * bound less its value, upper bound less its value) the integers as offsets
 * from the column's least, in `width` bits each.
 */
enum { COL_VALUE, COL_LOWER, COL_UPPER, N_COLS };

typedef struct decimal_col {
	uint64_t base; /* the least (int64 as bits) */
	unsigned width;
} decimal_col;

typedef struct decimal_plan {
	unsigned e;
	decimal_col col[N_COLS];
	int64_t m[N_COLS][BDB__CHUNK_OBS]; /* encoding only */
} decimal_plan;

/* Everything the next observation is encoded against. */
typedef struct chunk_state {
	uint64_t time, time_delta, seq, seq_delta, value, samples;
	xor_state value_win, lower_win, upper_win;
	const decimal_plan *dec; /* NULL: the XOR coding */
	uint64_t value_m;	 /* decimal: the observation's integer */
} chunk_state;

static bool column_has(const bdb_obs *o, int col)
{
	return col == COL_VALUE ? true : col == COL_LOWER ? o->has_lower : o->has_upper;
}

/* The column's least and the width of the largest offset from it. */
static void plan_column(decimal_col *c, const int64_t *m, const bdb_obs *obs, size_t n, int col)
{
	bool any = false;
	int64_t least = 0;
	for (size_t i = 0; i < n; i++) {
		bool has = column_has(&obs[i], col);
		if (has && (!any || m[i] < least))
			least = m[i];
		any |= has;
	}
	uint64_t spread = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t off = (uint64_t)m[i] - (uint64_t)least;
		if (column_has(&obs[i], col) && off > spread)
			spread = off;
	}
	c->base = (uint64_t)least;
	c->width = bit_length(spread);
}

/*
 * v's integer at exponent e (>= found), given *m, its integer at the
 * exponent found: what bdb__decimal_fit(v, e) gives, without its float
 * operations when it cannot differ. At e == found it is *m. Further up it
 * is *m * 10^(e - found) while that is below 2^50: v * 10^e is then within
 * a quarter of it (two roundings of 2^-53 each), so the fit rounds to it,
 * and dividing it by 10^e is the same rational as before, rounded the same.
 */
static bool decimal_at(double v, unsigned found, unsigned e, int64_t *m)
{
	if (e == found)
		return true;
	uint64_t a = *m < 0 ? -(uint64_t)*m : (uint64_t)*m;
	for (unsigned k = found; k < e && a < (UINT64_C(1) << 50); k++)
		a *= 10;
	if (a >= (UINT64_C(1) << 50))
		return bdb__decimal_fit(v, e, m);
	*m = *m < 0 ? -(int64_t)a : (int64_t)a;
	return true;
}

/*
 * Whether every value and bound of obs[0..n) is a short decimal of one
 * exponent; fills p. The exponent is the least that fits them all.
 */
static bool plan_decimal(decimal_plan *p, const bdb_obs *obs, size_t n)
{
	unsigned e = 0, at[N_COLS][BDB__CHUNK_OBS];
	int64_t m;
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < N_COLS; c++) {
			double v = c == COL_VALUE   ? obs[i].value
				   : c == COL_LOWER ? obs[i].lower
						    : obs[i].upper;
			if (!column_has(&obs[i], c))
				continue;
			if (!bdb__decimal_find(v, e, &e, &m))
				return false;
			at[c][i] = e;
			p->m[c][i] = m;
		}
	}
	/* A larger exponent fits what a smaller one did, but for an integer
	 * pushed past 2^53: every one is made again at e, as bdb__decimal_fit
	 * would make it. */
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < N_COLS; c++) {
			if (!column_has(&obs[i], c)) {
				p->m[c][i] = 0;
				continue;
			}
			if (!decimal_at(c == COL_VALUE	 ? obs[i].value
					: c == COL_LOWER ? obs[i].lower
							 : obs[i].upper,
					at[c][i], e, &p->m[c][i]))
				return false;
		}
		if (obs[i].has_lower)
			p->m[COL_LOWER][i] -= p->m[COL_VALUE][i];
		if (obs[i].has_upper)
			p->m[COL_UPPER][i] -= p->m[COL_VALUE][i];
	}
	p->e = e;
	for (int c = 0; c < N_COLS; c++)
		plan_column(&p->col[c], p->m[c], obs, n, c);
	return true;
}

/* Whether the chunk's decimal header has column c. */
static bool header_has(unsigned flags, int c)
{
	return c == COL_VALUE || (c == COL_LOWER && (flags & CHUNK_LOWER)) ||
	       (c == COL_UPPER && (flags & CHUNK_UPPER));
}

/* The decimal header: e (5 bits), then per column the chunk has its least
 * (zigzag, as a number) and width (6 bits). */
static void put_decimal_head(bit_writer *w, const decimal_plan *p, unsigned flags)
{
	put_bits(w, p->e, 5);
	for (int c = 0; c < N_COLS; c++) {
		if (header_has(flags, c)) {
			put_number(w, zigzag(p->col[c].base));
			put_bits(w, p->col[c].width, 6);
		}
	}
}

static bool get_decimal_head(bit_reader *r, decimal_plan *p, unsigned flags)
{
	uint64_t e, x, width;
	if (!get_bits(r, 5, &e) || e > BDB__DECIMAL_MAX_EXP)
		return false;
	p->e = (unsigned)e;
	for (int c = 0; c < N_COLS; c++) {
		if (!header_has(flags, c))
			continue;
		if (!get_number(r, &x) || !get_bits(r, 6, &width))
			return false;
		p->col[c].base = unzigzag(x);
		p->col[c].width = (unsigned)width;
	}
	return true;
}

/* Observation i's column c as an offset from the column's least. */
static void put_decimal(bit_writer *w, const decimal_plan *p, int c, size_t i)
{
	put_bits(w, (uint64_t)p->m[c][i] - p->col[c].base, p->col[c].width);
}

static inline bool get_decimal(bit_reader *r, const decimal_plan *p, int c, uint64_t *m)
{
	unsigned width = p->col[c].width;
	uint64_t off;
	if (width && width <= 56) { /* one look */
		off = peek_bits(r, width);
		if (!skip_bits(r, width))
			return false;
	} else if (!get_bits(r, width, &off)) {
		return false;
	}
	*m = p->col[c].base + off;
	return true;
}

static unsigned chunk_flags(const bdb_obs *obs, size_t n)
{
	unsigned flags = 0;
	for (size_t i = 0; i < n; i++)
		flags |= (obs[i].has_lower ? CHUNK_LOWER : 0) | (obs[i].has_upper ? CHUNK_UPPER : 0) |
			 (obs[i].n_samples ? CHUNK_SAMPLES : 0);
	return flags;
}

/* One observation after the first (obs[i]). */
static void put_obs(bit_writer *w, chunk_state *st, const bdb_obs *obs, size_t i)
{
	const bdb_obs *o = &obs[i];
	uint64_t t = (uint64_t)o->timestamp_us, delta = t - st->time;
	put_number(w, zigzag(delta - st->time_delta));
	st->time = t;
	st->time_delta = delta;
	delta = o->run_seq - st->seq;
	put_number(w, zigzag(delta - st->seq_delta));
	st->seq = o->run_seq;
	st->seq_delta = delta;
	uint64_t v = double_bits(o->value);
	if (st->dec)
		put_decimal(w, st->dec, COL_VALUE, i);
	else
		put_xor(w, &st->value_win, v ^ st->value);
	st->value = v;
}

/* The optional columns of observation obs[i] (also the first). */
static void put_extras(bit_writer *w, chunk_state *st, unsigned flags, const bdb_obs *obs,
		       size_t i)
{
	const bdb_obs *o = &obs[i];
	uint64_t v = double_bits(o->value);
	if (flags & CHUNK_LOWER) {
		put_bits(w, o->has_lower, 1);
		if (o->has_lower && st->dec)
			put_decimal(w, st->dec, COL_LOWER, i);
		else if (o->has_lower)
			put_xor(w, &st->lower_win, double_bits(o->lower) ^ v);
	}
	if (flags & CHUNK_UPPER) {
		put_bits(w, o->has_upper, 1);
		if (o->has_upper && st->dec)
			put_decimal(w, st->dec, COL_UPPER, i);
		else if (o->has_upper)
			put_xor(w, &st->upper_win, double_bits(o->upper) ^ v);
	}
	if (flags & CHUNK_SAMPLES) {
		put_number(w, zigzag(o->n_samples - st->samples));
		st->samples = o->n_samples;
	}
}

/*
 * Layout: flags (1 byte), count - 1 (1 byte), then bits: the first
 * observation's time (64) and seq (32) whole; with CHUNK_DECIMAL the
 * decimal header and the first value as an offset, else the first value
 * (64) whole; every later observation as time and seq deltas of deltas and
 * a value offset or XOR; after each observation its optional columns.
 * Padded with zero bits to a byte.
 */
int bdb__chunk_encode(bdb_buf *out, const bdb_obs *obs, size_t n)
{
	if (n == 0 || n > BDB__CHUNK_OBS)
		return BDB_EINVAL;
	unsigned flags = chunk_flags(obs, n);
	decimal_plan plan;
	chunk_state st = {0};
	if (plan_decimal(&plan, obs, n)) {
		flags |= CHUNK_DECIMAL;
		st.dec = &plan;
	}
	/* At most 446 bits an observation (71 for a time or seq, 77 for a
	 * value, 78 for a bound, 71 for a sample count), 160 for the first,
	 * 236 for the decimal header. */
	if (bdb_buf_reserve(out, 2 + 56 * n + 64) != 0)
		return BDB_ENOMEM;
	uint8_t *head = (uint8_t *)out->data + out->len;
	head[0] = (uint8_t)flags;
	head[1] = (uint8_t)(n - 1);
	bit_writer w = {.p = head + 2};
	put_bits(&w, (uint64_t)obs[0].timestamp_us, 64);
	put_bits(&w, obs[0].run_seq, 32);
	if (st.dec) {
		put_decimal_head(&w, st.dec, flags);
		put_decimal(&w, st.dec, COL_VALUE, 0);
	} else {
		put_bits(&w, double_bits(obs[0].value), 64);
	}
	st.time = (uint64_t)obs[0].timestamp_us;
	st.seq = obs[0].run_seq;
	st.value = double_bits(obs[0].value);
	put_extras(&w, &st, flags, obs, 0);
	for (size_t i = 1; i < n; i++) {
		put_obs(&w, &st, obs, i);
		put_extras(&w, &st, flags, obs, i);
	}
	flush_bits(&w);
	out->len += 2 + w.len;
	out->data[out->len] = '\0';
	return 0;
}

int bdb__chunk_count(const void *data, size_t len, size_t *n)
{
	const uint8_t *p = data;
	if (len < 2 || (p[0] & ~CHUNK_FLAGS) || (size_t)p[1] + 1 > BDB__CHUNK_OBS)
		return BDB_ECORRUPT;
	*n = (size_t)p[1] + 1;
	return 0;
}

/* A bound (column c) of the observation whose value st holds. */
static inline bool get_bound(bit_reader *r, chunk_state *st, int c, double *bound)
{
	uint64_t x;
	if (st->dec) {
		if (!get_decimal(r, st->dec, c, &x))
			return false;
		*bound = bits_double(st->value_m + x); /* the integer, until to_decimals */
		return true;
	}
	if (!get_xor(r, c == COL_LOWER ? &st->lower_win : &st->upper_win, &x))
		return false;
	*bound = bits_double(x ^ st->value);
	return true;
}

/* Inlined in both places (the first observation and the loop): a trend
 * decodes every chunk of its series, and the calls cost a third of it. */
static inline __attribute__((always_inline)) bool get_extras(bit_reader *r, chunk_state *st, unsigned flags, bdb_obs *o)
{
	uint64_t bit, x;
	o->has_lower = o->has_upper = false;
	o->lower = o->upper = 0;
	o->n_samples = 0;
	if (flags & CHUNK_LOWER) {
		if (!get_bit(r, &bit) || (bit && !get_bound(r, st, COL_LOWER, &o->lower)))
			return false;
		o->has_lower = bit;
	}
	if (flags & CHUNK_UPPER) {
		if (!get_bit(r, &bit) || (bit && !get_bound(r, st, COL_UPPER, &o->upper)))
			return false;
		o->has_upper = bit;
	}
	if (flags & CHUNK_SAMPLES) {
		if (!get_number(r, &x))
			return false;
		st->samples += unzigzag(x);
		if (st->samples > UINT32_MAX)
			return false;
		o->n_samples = (uint32_t)st->samples;
	}
	return true;
}

/* (time, seq) of a strictly after b's. */
static bool obs_after(const bdb_obs *a, const bdb_obs *b)
{
	return a->timestamp_us > b->timestamp_us ||
	       (a->timestamp_us == b->timestamp_us && a->run_seq > b->run_seq);
}

/* Value for value the integer m (its bits where the double goes) becomes
 * m / 10^e: a pass of its own, so that the divisions overlap. */
static void to_decimals(bdb_obs *obs, size_t n, unsigned e)
{
	size_t i = 0;
#if defined(__SSE2__)
	/* Two values, or an observation's two bounds, in one division each
	 * (the same correctly rounded IEEE operation, two lanes). */
	__m128d scale = _mm_set1_pd(bdb__pow10[e]);
	for (; i + 1 < n; i += 2) {
		bdb_obs *a = &obs[i], *b = &obs[i + 1];
		__m128d q = _mm_div_pd(_mm_set_pd((double)(int64_t)double_bits(b->value),
						  (double)(int64_t)double_bits(a->value)),
				       scale);
		_mm_storel_pd(&a->value, q);
		_mm_storeh_pd(&b->value, q);
		for (bdb_obs *o = a; o <= b; o++) {
			if (o->has_lower && o->has_upper) {
				q = _mm_div_pd(_mm_set_pd((double)(int64_t)double_bits(o->upper),
							  (double)(int64_t)double_bits(o->lower)),
					       scale);
				_mm_storel_pd(&o->lower, q);
				_mm_storeh_pd(&o->upper, q);
			} else if (o->has_lower) {
				o->lower = bdb__decimal_value((int64_t)double_bits(o->lower), e);
			} else if (o->has_upper) {
				o->upper = bdb__decimal_value((int64_t)double_bits(o->upper), e);
			}
		}
	}
#endif
	for (; i < n; i++) {
		bdb_obs *o = &obs[i];
		o->value = bdb__decimal_value((int64_t)double_bits(o->value), e);
		if (o->has_lower)
			o->lower = bdb__decimal_value((int64_t)double_bits(o->lower), e);
		if (o->has_upper)
			o->upper = bdb__decimal_value((int64_t)double_bits(o->upper), e);
	}
}

/*
 * The usual observation of a decimal chunk without sample counts has one
 * layout: both deltas as before (two 0 bits), the value's offset, then for
 * each bound column its presence bit (1) and offset, `total` bits in all.
 * Its fields are read at their fixed places, each from one load, when the
 * stream has 8 bytes past them; any other observation (a delta changed, a
 * bound absent) and the end of the stream take the general path.
 */
typedef struct fast_plan {
	bool on;
	size_t total;		/* the observation's bits */
	unsigned at[N_COLS];	/* where column c's offset starts */
	unsigned width[N_COLS]; /* 0 for a column the chunk has not */
} fast_plan;

static void fast_plan_init(fast_plan *f, const decimal_plan *p, unsigned flags)
{
	bool fits = true;
	unsigned pos = 2;
	for (int c = 0; c < N_COLS; c++) {
		f->width[c] = 0;
		if (!header_has(flags, c))
			continue;
		pos += c != COL_VALUE; /* the presence bit */
		f->at[c] = pos;
		f->width[c] = p->col[c].width;
		fits &= f->width[c] <= 55;
		pos += f->width[c];
	}
	f->total = pos;
	f->on = fits && (flags & CHUNK_DECIMAL) && !(flags & CHUNK_SAMPLES);
}

/* The stream's bits from bit on, most significant first, 57 of them at
 * least; the caller checked that 8 bytes are there. */
static inline uint64_t fast_window(const uint8_t *p, size_t bit)
{
	uint64_t w;
	memcpy(&w, p + bit / 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w << (bit % 8);
}

/* The n bits (n <= 55) after the k (1 or 2) leading bits of w. */
static inline uint64_t fast_field(uint64_t w, unsigned k, unsigned n)
{
	return (w << k >> k) >> (64 - k - n); /* 0 for n 0 */
}

/* Bound column c of the observation whose integer is m, from the window
 * w that starts at its presence bit. */
static inline double fast_bound(const fast_plan *f, const decimal_plan *p, int c, uint64_t w,
				uint64_t m)
{
	return bits_double(m + p->col[c].base + fast_field(w, 1, f->width[c]));
}

/*
 * Reads observation o when it has fast_plan's layout, the integers in
 * their bits until to_decimals, and moves r past it; false, nothing read,
 * when it has not. The caller updates time and sequence.
 */
static inline bool fast_obs(bit_reader *r, const fast_plan *f, const decimal_plan *p,
			    unsigned flags, chunk_state *st, bdb_obs *o)
{
	if (!f->on || (r->bit + f->total) / 8 + 8 > r->len)
		return false;
	uint64_t w = fast_window(r->p, r->bit), lw = 0, uw = 0;
	if (w >> 62)
		return false; /* a delta changed */
	bool lower = flags & CHUNK_LOWER, upper = flags & CHUNK_UPPER;
	if (lower && !((lw = fast_window(r->p, r->bit + f->at[COL_LOWER] - 1)) >> 63))
		return false; /* no lower bound */
	if (upper && !((uw = fast_window(r->p, r->bit + f->at[COL_UPPER] - 1)) >> 63))
		return false;
	uint64_t m = p->col[COL_VALUE].base + fast_field(w, 2, f->width[COL_VALUE]);
	st->value_m = st->value = m;
	o->value = bits_double(m);
	o->has_lower = lower;
	o->has_upper = upper;
	o->lower = lower ? fast_bound(f, p, COL_LOWER, lw, m) : 0;
	o->upper = upper ? fast_bound(f, p, COL_UPPER, uw, m) : 0;
	o->n_samples = 0;
	r->bit += f->total;
	return true;
}

int bdb__chunk_decode(const void *data, size_t len, bdb_obs *obs, size_t *n)
{
	size_t count;
	int rc = bdb__chunk_count(data, len, &count);
	if (rc)
		return rc;
	unsigned flags = ((const uint8_t *)data)[0];
	bit_reader r = {.p = (const uint8_t *)data + 2, .len = len - 2};
	chunk_state st = {0};
	decimal_plan plan;
	uint64_t t, seq, v, x;
	if (!get_bits(&r, 64, &t) || !get_bits(&r, 32, &seq))
		return BDB_ECORRUPT;
	if (flags & CHUNK_DECIMAL) {
		if (!get_decimal_head(&r, &plan, flags) || !get_decimal(&r, &plan, COL_VALUE, &x))
			return BDB_ECORRUPT;
		st.dec = &plan;
		st.value_m = x;
		v = x; /* the integer, until to_decimals */
	} else if (!get_bits(&r, 64, &v)) {
		return BDB_ECORRUPT;
	}
	st.time = t;
	st.seq = seq;
	st.value = v;
	obs[0] = (bdb_obs){.timestamp_us = (int64_t)t, .run_seq = seq, .value = bits_double(v)};
	if (!get_extras(&r, &st, flags, &obs[0]))
		return BDB_ECORRUPT;
	fast_plan fast = {0};
	if (st.dec)
		fast_plan_init(&fast, &plan, flags);
	for (size_t i = 1; i < count; i++) {
		bdb_obs *o = &obs[i];
		if (fast_obs(&r, &fast, &plan, flags, &st, o)) {
			st.time += st.time_delta;
			st.seq += st.seq_delta;
			if (st.seq > UINT32_MAX)
				return BDB_ECORRUPT;
			o->timestamp_us = (int64_t)st.time;
			o->run_seq = st.seq;
			if (!obs_after(o, o - 1))
				return BDB_ECORRUPT;
			continue;
		}
		/* The usual case first: both deltas as before (two 0 bits). */
		if (peek_bits(&r, 2) == 0 && skip_bits(&r, 2)) {
			st.time += st.time_delta;
			st.seq += st.seq_delta;
		} else {
			if (!get_number(&r, &x))
				return BDB_ECORRUPT;
			st.time_delta += unzigzag(x);
			st.time += st.time_delta;
			if (!get_number(&r, &x))
				return BDB_ECORRUPT;
			st.seq_delta += unzigzag(x);
			st.seq += st.seq_delta;
		}
		if (st.seq > UINT32_MAX)
			return BDB_ECORRUPT;
		if (st.dec) {
			if (!get_decimal(&r, st.dec, COL_VALUE, &st.value_m))
				return BDB_ECORRUPT;
			st.value = st.value_m;
		} else if (get_xor(&r, &st.value_win, &x)) {
			st.value ^= x;
		} else {
			return BDB_ECORRUPT;
		}
		o->timestamp_us = (int64_t)st.time;
		o->run_seq = st.seq;
		o->value = bits_double(st.value);
		if (!get_extras(&r, &st, flags, o) || !obs_after(o, o - 1))
			return BDB_ECORRUPT;
	}
	/* Only padding may follow: fewer than 8 bits, all zero. */
	uint64_t pad;
	size_t left = r.len * 8 - r.bit;
	if (left >= 8 || (left && (!get_bits(&r, (unsigned)left, &pad) || pad)))
		return BDB_ECORRUPT;
	if (st.dec)
		to_decimals(obs, count, plan.e);
	*n = count;
	return 0;
}
