/*
 * sampack.c - a run's samples coded by what made them (docs/storage.md
 * 2.2.1, "The samples section"). Google Benchmark prints a time as the
 * elapsed time over the iteration count, (E * unit) / N, with 17 digits:
 * the low bits of the mantissa look random, although what varies between
 * repetitions is E alone. Here a metric's samples x[i] are coded as
 *
 *   - divisor d: k[i] = nearest(x[i] * d), the prediction (double)k[i] / d,
 *     k[i] less the same integer of a reference vector of the point (or
 *     not), offsets from their least, bit-packed;
 *   - rate c over a reference vector y of the point: the prediction
 *     c / y[i] (gbench's items_per_second is items / time);
 *
 * each with the distance of x[i] from its prediction in the order of the
 * doubles' bits (0 when it is exact), zigzag and bit-packed. Any double
 * comes back bit for bit, NaNs and -0 too: the distance is taken modulo
 * 2^64 over an order that maps the 2^64 bit patterns one to one. The
 * divisor is searched from the samples (the iteration count is not in the
 * run): the fractions within rounding (or a clock's) of the first sample,
 * points of a two-dimensional lattice that its continued fraction gives,
 * each tried on all the samples, cheapest searches first (point_divisor).
 * A vector takes a model only when it codes it in fewer bits than the run
 * packing's own coding would (runpack.c: short decimals, the other doubles
 * XORed by byte plane); others keep that coding. bdb__run_content decodes
 * what this writes before it keeps it.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A vector's head byte: the kind in bits 0-1, SP_SAME, the reference's
 * distance back (vectors of the same point) in bits 3-7. 0: not modelled. */
enum { SP_NONE = 0, SP_DIVISOR = 1, SP_RATE = 2 };
#define SP_KIND	     3u
#define SP_SAME	     4u /* the divisor (or numerator) of the last model of the kind */
#define SP_REF_SHIFT 3
#define SP_REF_MAX   31u
/* A rate's numerator as its 8 bytes (else z <= 22 and m: m * 10^z). */
#define SP_NUMERATOR_RAW 0xFF

#define EXACT_LIMIT 9007199254740992.0 /* 2^53 */
/* The divisor search: divisors up to 2^32 whose products with the samples
 * stay below 2^36 (68 s in ns). */
#define SEARCH_D_MAX UINT64_C(4294967296)
#define SEARCH_K_MAX 68719476736.0
/* Lattice steps a run's search takes at most, SEARCH_BUDGET and
 * SEARCH_BUDGET_SAMPLE a double of the run: its CPU bound (some 6 ns a
 * step). */
#define SEARCH_BUDGET	     4096u
#define SEARCH_BUDGET_SAMPLE 8u
/* How far from integers products may be beyond rounding: gbench's
 * cpu_time * iterations is within 3e-6 of whole ns in
 * tests/fixtures/gbench_reps.json. */
#define SEARCH_TOL 4e-6
/* The search's levels: divisors up to 2^16, 2^20, ..., 2^32. */
#define SEARCH_FIRST_LEVEL (UINT64_C(1) << 16)
/* What a double without a short decimal form takes in the run packing's
 * own coding, in bits (7.39 B a sample on gbench-reps without models). */
#define FALLBACK_BITS 59
/* Vectors coded in fewer bits a sample than this are left as they are. */
#define CHEAP_BITS 24

typedef struct sp_model {
	uint8_t kind, ref, wk, wr; /* wk: offsets' width (divisor), wr: distances' */
	uint64_t d;		   /* divisor */
	int64_t min;		   /* divisor: the least k - base */
	double c;		   /* rate's numerator */
} sp_model;

struct bdb__sampack_parsed {
	const bdb_fb_samples_at *vec;
	size_t nv;
	const uint8_t *bits;
	size_t bits_len;
	sp_model m[];
};

/* ---- numbers ---- */

/* The bits of v mapped so that the order of doubles is the order of the
 * integers (-0 just below +0), one to one over all 2^64 patterns. */
static uint64_t ordered(double v)
{
	uint64_t b;
	memcpy(&b, &v, 8);
	return b >> 63 ? ~b : b | UINT64_C(1) << 63;
}

static double from_ordered(uint64_t u)
{
	uint64_t b = u >> 63 ? u & ~(UINT64_C(1) << 63) : ~u;
	double v;
	memcpy(&v, &b, 8);
	return v;
}

static uint64_t zigzag(uint64_t v)
{
	return v >> 63 ? ~(v << 1) : v << 1;
}

static uint64_t unzigzag(uint64_t v)
{
	return v & 1 ? ~(v >> 1) : v >> 1;
}

static unsigned width(uint64_t v)
{
	return v ? 64 - (unsigned)__builtin_clzll(v) : 0;
}

static unsigned varint_len(uint64_t v)
{
	return v ? (width(v) + 6) / 7 : 1;
}

/* x[i] as the distance from the prediction p, zigzag. */
static uint64_t distance(double x, double p)
{
	return zigzag(ordered(x) - ordered(p));
}

/* ---- bits, low first ---- */

typedef struct sp_bits {
	uint8_t *p;
	size_t at, len; /* len: the reader's bytes */
	uint64_t acc;
	unsigned n;
} sp_bits;

static void bits_put(sp_bits *b, uint64_t v, unsigned w)
{
	while (w) {
		unsigned take = w < 32 ? w : 32;
		b->acc |= (v & ((UINT64_C(1) << take) - 1)) << b->n;
		v >>= take;
		b->n += take;
		w -= take;
		for (; b->n >= 8; b->n -= 8, b->acc >>= 8)
			b->p[b->at++] = (uint8_t)b->acc;
	}
}

static void bits_flush(sp_bits *b)
{
	if (b->n)
		b->p[b->at++] = (uint8_t)b->acc;
	b->n = 0;
	b->acc = 0;
}

/* w bits (<= 64); the caller checked the stream holds them. */
static uint64_t bits_get(sp_bits *b, unsigned w)
{
	for (; b->n <= 56 && b->at < b->len; b->n += 8)
		b->acc |= (uint64_t)b->p[b->at++] << b->n;
	if (w > b->n) { /* over 56 bits: what is there, then the rest */
		uint64_t low = b->acc;
		unsigned got = b->n;
		b->acc = 0;
		b->n = 0;
		return got ? low | bits_get(b, w - got) << got : 0;
	}
	uint64_t v = w < 64 ? b->acc & ((UINT64_C(1) << w) - 1) : b->acc;
	b->acc = w < 64 ? b->acc >> w : 0;
	b->n -= w;
	return v;
}

/* ---- the divisor search ---- */

/* Half the spacing of doubles at |x| (finite x), without libm. */
static double half_ulp(double x)
{
	uint64_t b;
	memcpy(&b, &x, 8);
	unsigned biased = (unsigned)(b >> 52 & 0x7FF);
	b = biased > 53 ? (uint64_t)(biased - 53) << 52 : 1; /* subnormals: the least */
	double h;
	memcpy(&h, &b, 8);
	return h;
}

/* Whether d takes x[0..m) to integers within max(2 d ulps of x[i], tol):
 * x[i] is E / d rounded (and E / d may be a quotient of doubles already),
 * or E / d off by a clock's rounding. */
static bool divides(const double *x, size_t m, double d, double tol)
{
	for (size_t i = 0; i < m; i++) {
		double err = fabs(fma(x[i], d, -(double)bdb__nearest(x[i] * d)));
		if (!(err <= fmax(4 * d * half_ulp(x[i]), tol)))
			return false;
	}
	return true;
}

/* The convergents p[k]/q[k] of a = num / 2^s (exactly, but for a below
 * 2^-10), q[k] <= dmax: their count (at most 96). */
static size_t convergents(double a, uint64_t dmax, uint64_t *p, uint64_t *q)
{
	int e;
	double f = frexp(a, &e);
	uint64_t num = (uint64_t)ldexp(f, 53);
	int s = 53 - e; /* >= 17, as a < 2^36 */
	if (s > 63) {
		num >>= s - 63;
		s = 63;
	}
	uint64_t den = UINT64_C(1) << s, p1 = 1, p2 = 0, q1 = 0, q2 = 1;
	size_t nc = 0;
	while (den && nc < 96) {
		uint64_t t = num / den;
		if (q1 && t > (dmax - q2) / q1)
			break;
		p[nc] = t * p1 + p2;
		q[nc] = t * q1 + q2;
		p2 = p1;
		p1 = p[nc];
		q2 = q1;
		q1 = q[nc++];
		uint64_t r = num - t * den;
		num = den;
		den = r;
	}
	return nc;
}

/*
 * The least divisor d <= level found that takes x[0..n) within max(d ulps
 * of x[i], tol) of integers (divides), or 0. With a = |x[0]|, such d are
 * among the d whose d a is within eps = max(dl ulps of a, tol) of an
 * integer p, dl = min(level, SEARCH_K_MAX / max |x|): the lattice
 * {(d, d a - p)} has the basis of two consecutive convergents of a, (q',
 * e') and (q, e) with |e'| > eps >= |e| ((0, -1) and (1, e) when a is
 * within eps of an integer), and its points with 0 < d <= dl and
 * |d a - p| <= eps are a q' + b q for b >= 1 and the one or two a that
 * keep a e' + b e within eps. When no convergent up to dl is within eps,
 * no d is (convergents are the best approximations). Each b is a step of
 * *budget. A level whose dl is that of the level before (16 times less)
 * was searched then.
 */
/* The bound dl of divisor_search at level for x[0..n) and its cost in
 * steps, about 2 dl eps; 0 when it has nothing to search. */
static uint64_t search_bound(const double *x, size_t n, uint64_t level, double tol, double *cost)
{
	double a = fabs(x[0]), top = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(fabs(x[i]) <= DBL_MAX))
			return 0;
		top = fabs(x[i]) > top ? fabs(x[i]) : top;
	}
	double most = SEARCH_K_MAX / top;
	uint64_t dl = most >= (double)level ? level : (uint64_t)most;
	if (n < 2 || !(a >= 0x1p-60) || dl < 2 || (level > SEARCH_FIRST_LEVEL && dl <= level >> 4))
		return 0;
	*cost = 2 * (double)dl * fmax(4 * (double)dl * half_ulp(a), tol);
	return dl;
}

static uint64_t divisor_search(const double *x, size_t n, uint64_t dl, double tol, unsigned *budget)
{
	/* A search may take 4 times the steps its cost says, no more: one
	 * that does not find a divisor leaves the others their turn. */
	double most = 4 * 2 * (double)dl * fmax(4 * (double)dl * half_ulp(x[0]), tol) + 256;
	uint64_t left = most < 1e9 ? (uint64_t)most : UINT64_C(1000000000);
	double a = fabs(x[0]);
	uint64_t p[96], q[96];
	size_t nc = convergents(a, dl, p, q);
	double eps = fmax(4 * (double)dl * half_ulp(a), tol), err[96];
	size_t j = 0;
	for (; j < nc; j++) {
		err[j] = fma((double)q[j], a, -(double)p[j]);
		if (fabs(err[j]) <= eps)
			break;
	}
	if (j == nc)
		return 0; /* no d <= dl takes a within eps (best approximations) */
	/* a within eps of an integer: the basis (0, -1), (1, e), every d. */
	double e1 = j ? err[j - 1] : -1, q1 = j ? (double)q[j - 1] : 0;
	uint64_t bmax = j ? (dl + q[j - 1]) / q[j] : dl;
	double half = eps / fabs(e1);
	for (uint64_t b = 1; b <= bmax; b++, left--) {
		if (!*budget || !left)
			return 0;
		--*budget;
		double t = -(double)b * err[j] / e1;
		for (double k = ceil(t - half); k <= t + half; k++) {
			double d = k * q1 + (double)b * (double)q[j];
			if (d >= 1 && d <= (double)dl && divides(x, n, d, tol))
				return (uint64_t)d;
		}
	}
	return 0;
}

/* A search of point_divisor's: vector j (of the point), bound dl,
 * tolerance tol, about cost steps. */
typedef struct sp_search {
	size_t j;
	uint64_t dl;
	double tol, cost;
} sp_search;

static int compare_cost(const void *a, const void *b)
{
	const sp_search *x = a, *y = b;
	return x->cost < y->cost ? -1 : x->cost > y->cost;
}

/* Searches per point (at most so many vectors searched). */
#define POINT_SEARCHES 64

/*
 * The divisor of a point's vectors vec[0..nv) (those with plain[j] != 0):
 * the searches of every vector at every level, with rounding's tolerance
 * and with a clock's (SEARCH_TOL), cheapest first (qsort on the cost,
 * ties in that order), until one finds a divisor or *budget is spent. A
 * small divisor of one vector is found before a long search of another
 * that has none (real times a clock rounded).
 */
static uint64_t point_divisor(const double *x, const bdb_fb_samples_at *vec, size_t nv,
			      const uint64_t *plain, unsigned *budget)
{
	sp_search s[POINT_SEARCHES];
	size_t n = 0;
	for (size_t j = 0; j < nv; j++)
		for (uint64_t level = SEARCH_FIRST_LEVEL; plain[j] && level <= SEARCH_D_MAX;
		     level <<= 4)
			for (int loose = 0; loose < 2 && n < POINT_SEARCHES; loose++) {
				sp_search *t = &s[n];
				t->j = j;
				t->tol = loose ? SEARCH_TOL : 0;
				t->dl = search_bound(x + vec[j].first, vec[j].count, level, t->tol,
						     &t->cost);
				/* the order of the loops breaks ties */
				t->cost += (double)n * 1e-9;
				n += t->dl != 0;
			}
	if (n > 1)
		qsort(s, n, sizeof *s, compare_cost);
	uint64_t d = 0;
	for (size_t i = 0; !d && i < n && *budget; i++)
		d = divisor_search(x + vec[s[i].j].first, vec[s[i].j].count, s[i].dl, s[i].tol,
				   budget);
	return d;
}

/* ---- the encoder's choice ---- */

/* The bits of x[0..n) under divisor m->d against reference y (NULL: none);
 * sets m->min, wk and wr. */
static uint64_t divisor_bits(const double *x, const double *y, size_t n, sp_model *m)
{
	double d = (double)m->d;
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	uint64_t dist = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t k = bdb__nearest(x[i] * d), o = k - (y ? bdb__nearest(y[i] * d) : 0);
		lo = o < lo ? o : lo;
		hi = o > hi ? o : hi;
		dist |= distance(x[i], (double)k / d);
	}
	m->min = lo;
	m->wk = (uint8_t)width((uint64_t)(hi - lo));
	m->wr = (uint8_t)width(dist);
	return (uint64_t)n * (m->wk + m->wr);
}

static uint64_t rate_bits(const double *x, const double *y, size_t n, sp_model *m)
{
	uint64_t dist = 0;
	for (size_t i = 0; i < n; i++)
		dist |= distance(x[i], m->c / y[i]);
	m->wr = (uint8_t)width(dist);
	return (uint64_t)n * m->wr;
}

/* c as m * 10^z with both exact (sets them; bytes z and the varint m), or
 * as its 8 bytes (z SP_NUMERATOR_RAW). Returns the bytes it takes. */
static unsigned numerator_form(double c, unsigned *z, uint64_t *m)
{
	*z = SP_NUMERATOR_RAW;
	if (!(c >= 1 && c < EXACT_LIMIT) || (double)(int64_t)c != c)
		return 9;
	uint64_t v = (uint64_t)c;
	unsigned e = 0;
	for (; v % 10 == 0 && e < BDB__DECIMAL_MAX_EXP; e++)
		v /= 10;
	double back = (double)v * bdb__pow10[e];
	if (memcmp(&back, &c, 8) != 0)
		return 9;
	*z = e;
	*m = v;
	return 1 + varint_len(v);
}

/* What the model's head and parameters take, in bits, after last (the
 * models before it, by kind). */
static uint64_t head_bits(const sp_model *m, const sp_model *last)
{
	unsigned z;
	uint64_t mant;
	if (m->kind == SP_DIVISOR)
		return 8 * (3 + (last[SP_DIVISOR].d == m->d ? 0 : varint_len(m->d)) +
			    varint_len(zigzag((uint64_t)m->min)));
	bool same = last[SP_RATE].kind && memcmp(&last[SP_RATE].c, &m->c, 8) == 0;
	return 8 * (2 + (same ? 0 : numerator_form(m->c, &z, &mant)));
}

/* About what the run packing's own coding takes for x[0..n), in bits: a
 * short decimal its integer's bytes and some of its head and size bytes,
 * another double some 59 (its measured cost, its XOR's top bytes
 * compressing a little). From the first sample that is not a decimal of 9
 * digits at most, they all count as such (a vector is one tool's). */
static uint64_t fallback_bits(const double *x, size_t n)
{
	uint64_t bits = 0;
	unsigned e;
	int64_t m;
	for (size_t i = 0; i < n; i++) {
		if (!bdb__decimal_find(x[i], 0, &e, &m) || m >= INT64_C(1000000000) ||
		    m <= -INT64_C(1000000000))
			return (uint64_t)FALLBACK_BITS * n;
		bits += 4 + 8 * ((width((uint64_t)(m < 0 ? -m : m)) + 7) / 8);
	}
	return bits;
}

/* The cheapest model of vector j of x (group: its point's first vector)
 * in fewer than best_bits, or kind SP_NONE. */
static sp_model choose(const double *x, const bdb_fb_samples_at *vec, size_t j, size_t group,
		       uint64_t d, const sp_model *last, uint64_t best_bits)
{
	const double *xs = x + vec[j].first;
	size_t n = vec[j].count;
	sp_model best = {0}, c;
	for (size_t r = 0; r <= j - group && r <= SP_REF_MAX; r++) {
		const double *ys = r ? x + vec[j - r].first : NULL;
		if (r && vec[j - r].count != n)
			continue;
		if (d) {
			c = (sp_model){.kind = SP_DIVISOR, .ref = (uint8_t)r, .d = d};
			uint64_t bits = divisor_bits(xs, ys, n, &c);
			bits += head_bits(&c, last);
			if (bits < best_bits) {
				best = c;
				best_bits = bits;
			}
		}
		/* The numerator from the first two samples, as it is and as
		 * the integer it is near (items * unit). */
		for (size_t k = 0; r && k < 4 && k / 2 < n; k++) {
			double num = xs[k / 2] * ys[k / 2];
			c = (sp_model){.kind = SP_RATE,
				       .ref = (uint8_t)r,
				       .c = k & 1 ? (double)bdb__nearest(num) : num};
			uint64_t bits = rate_bits(xs, ys, n, &c) + head_bits(&c, last);
			if (bits < best_bits) {
				best = c;
				best_bits = bits;
			}
		}
	}
	return best;
}

/* Appends the section for models m[0..nv) (kind SP_NONE: not modelled). */
static int section_put(const double *x, const bdb_fb_samples_at *vec, size_t nv, const sp_model *m,
		       bdb_buf *out)
{
	sp_model last[3] = {{0}, {0}, {0}};
	uint64_t bits = 0;
	for (size_t j = 0; j < nv; j++) {
		uint8_t head = (uint8_t)(m[j].kind | m[j].ref << SP_REF_SHIFT);
		if (m[j].kind == SP_DIVISOR) {
			bool same = last[SP_DIVISOR].kind && last[SP_DIVISOR].d == m[j].d;
			bdb_buf_putc(out, (char)(head | (same ? SP_SAME : 0)));
			if (!same)
				bdb__varint_put(out, m[j].d);
			bdb__varint_put(out, zigzag((uint64_t)m[j].min));
			bdb_buf_putc(out, (char)m[j].wk);
			bdb_buf_putc(out, (char)m[j].wr);
		} else if (m[j].kind == SP_RATE) {
			bool same = last[SP_RATE].kind && memcmp(&last[SP_RATE].c, &m[j].c, 8) == 0;
			bdb_buf_putc(out, (char)(head | (same ? SP_SAME : 0)));
			unsigned z;
			uint64_t mant;
			if (!same && numerator_form(m[j].c, &z, &mant) == 9) {
				bdb_buf_putc(out, (char)SP_NUMERATOR_RAW);
				bdb_buf_append(out, &m[j].c, 8);
			} else if (!same) {
				bdb_buf_putc(out, (char)z);
				bdb__varint_put(out, mant);
			}
			bdb_buf_putc(out, (char)m[j].wr);
		} else {
			bdb_buf_putc(out, 0);
		}
		last[m[j].kind] = m[j];
		bits += (uint64_t)vec[j].count * (m[j].kind ? m[j].wk + m[j].wr : 0);
	}
	if (out->failed || bdb_buf_reserve(out, bits / 8 + 1) != 0)
		return BDB_ENOMEM;
	sp_bits w = {(uint8_t *)out->data + out->len, 0, 0, 0, 0};
	for (size_t j = 0; j < nv; j++) {
		const double *xs = x + vec[j].first;
		const double *ys = m[j].ref ? x + vec[j - m[j].ref].first : NULL;
		double d = (double)m[j].d;
		for (size_t i = 0; m[j].kind == SP_DIVISOR && i < vec[j].count; i++) {
			int64_t k = bdb__nearest(xs[i] * d);
			int64_t o = k - (ys ? bdb__nearest(ys[i] * d) : 0);
			bits_put(&w, (uint64_t)(o - m[j].min), m[j].wk);
		}
		for (size_t i = 0; m[j].kind && i < vec[j].count; i++) {
			double p = m[j].kind == SP_RATE ? m[j].c / ys[i]
							: (double)bdb__nearest(xs[i] * d) / d;
			bits_put(&w, distance(xs[i], p), m[j].wr);
		}
	}
	bits_flush(&w);
	out->len += w.at;
	return 0;
}

int bdb__sampack_pack(const double *x, size_t n, const bdb_fb_samples_at *vec, size_t nv,
		      bool *skip, bdb_buf *out)
{
	for (size_t j = 0; j < nv; j++)
		if (vec[j].first > n || vec[j].count > n - vec[j].first)
			return 0;
	sp_model *m = nv ? calloc(nv, sizeof *m) : NULL;
	uint64_t *worth = nv ? calloc(nv, sizeof *worth) : NULL;
	if (!m || !worth) {
		free(m);
		free(worth);
		return 0;
	}
	sp_model last[3] = {{0}, {0}, {0}};
	size_t steps = SEARCH_BUDGET + SEARCH_BUDGET_SAMPLE * n;
	unsigned budget = steps < UINT32_MAX ? (unsigned)steps : UINT32_MAX;
	size_t modelled = 0;
	for (size_t group = 0, end; group < nv; group = end) {
		/* One divisor for the point's vectors (gbench: its iterations). */
		uint64_t d = 0;
		for (end = group; end < nv && vec[end].point == vec[group].point; end++) {
			size_t count = vec[end].count;
			worth[end] = count < 2 ? 0 : fallback_bits(x + vec[end].first, count);
			if (worth[end] <= (uint64_t)CHEAP_BITS * count)
				worth[end] = 0;
		}
		d = point_divisor(x, vec + group, end - group, worth + group, &budget);
		for (size_t j = group; j < end; j++) {
			if (!worth[j])
				continue;
			m[j] = choose(x, vec, j, group, d, last, worth[j]);
			if (!m[j].kind)
				continue;
			last[m[j].kind] = m[j];
			modelled++;
			for (size_t i = 0; i < vec[j].count; i++)
				skip[vec[j].first + i] = true;
		}
	}
	free(worth);
	int rc = modelled ? section_put(x, vec, nv, m, out) : 0;
	free(m);
	return rc ? rc : (int)modelled; /* rc: BDB_ENOMEM, below 0 */
}

/* ---- the decoder ---- */

bdb__sampack_parsed *bdb__sampack_parse(const uint8_t *sec, size_t len, size_t n,
					const bdb_fb_samples_at *vec, size_t nv, bool *skip,
					int *rc)
{
	bdb__sampack_parsed *p = malloc(sizeof *p + (nv ? nv : 1) * sizeof(sp_model));
	*rc = p ? BDB_ECORRUPT : BDB_ENOMEM;
	if (!p)
		return NULL;
	p->vec = vec;
	p->nv = nv;
	sp_model last[3] = {{0}, {0}, {0}};
	size_t at = 0;
	uint64_t bits = 0, v;
	for (size_t j = 0; j < nv; j++) {
		sp_model *m = &p->m[j];
		*m = (sp_model){0};
		if (vec[j].first > n || vec[j].count > n - vec[j].first || at >= len)
			goto corrupt;
		uint8_t head = sec[at++];
		m->kind = head & SP_KIND;
		m->ref = head >> SP_REF_SHIFT;
		bool same = head & SP_SAME;
		if (m->kind == SP_NONE) {
			if (head)
				goto corrupt;
			continue;
		}
		if (m->kind > SP_RATE || m->ref > j ||
		    (m->ref && (vec[j - m->ref].point != vec[j].point ||
				vec[j - m->ref].count != vec[j].count)) ||
		    (m->kind == SP_RATE && !m->ref) || (same && !last[m->kind].kind))
			goto corrupt;
		if (m->kind == SP_DIVISOR) {
			if (same)
				m->d = last[SP_DIVISOR].d;
			else if (!bdb__varint_get(sec, len, &at, &m->d) || !m->d ||
				 m->d >= (UINT64_C(1) << 53))
				goto corrupt;
			if (!bdb__varint_get(sec, len, &at, &v) || len - at < 2)
				goto corrupt;
			m->min = (int64_t)unzigzag(v);
			m->wk = sec[at++];
		} else if (same) {
			m->c = last[SP_RATE].c;
		} else {
			if (at >= len)
				goto corrupt;
			unsigned z = sec[at++];
			if (z == SP_NUMERATOR_RAW && len - at >= 8) {
				memcpy(&m->c, sec + at, 8);
				at += 8;
			} else if (z > BDB__DECIMAL_MAX_EXP ||
				   !bdb__varint_get(sec, len, &at, &v) ||
				   v >= (UINT64_C(1) << 53)) {
				goto corrupt;
			} else {
				m->c = (double)v * bdb__pow10[z];
			}
		}
		if (at >= len)
			goto corrupt;
		m->wr = sec[at++];
		if (m->wk > 64 || m->wr > 64)
			goto corrupt;
		last[m->kind] = *m;
		bits += (uint64_t)vec[j].count * (m->wk + m->wr);
		for (size_t i = 0; i < vec[j].count; i++)
			skip[vec[j].first + i] = true;
	}
	/* The bits fill the rest, the last byte's unused bits 0. */
	if (len - at != (bits + 7) / 8 || (bits % 8 && sec[len - 1] >> (bits % 8)))
		goto corrupt;
	p->bits = sec + at;
	p->bits_len = len - at;
	*rc = 0;
	return p;
corrupt:
	free(p);
	return NULL;
}

bool bdb__sampack_apply(bdb__sampack_parsed *p, uint8_t *fb, const uint32_t *pos)
{
	sp_bits r = {(uint8_t *)p->bits, 0, p->bits_len, 0, 0};
	bool ok = true;
	for (size_t j = 0; ok && j < p->nv; j++) {
		const sp_model *m = &p->m[j];
		const bdb_fb_samples_at *v = &p->vec[j];
		double d = (double)m->d, y = 0, x;
		if (m->kind == SP_NONE)
			continue;
		/* The offsets first, then the distances (as section_put). */
		sp_bits dist = r;
		for (size_t i = 0; m->kind == SP_DIVISOR && i < v->count; i++)
			bits_get(&dist, m->wk);
		for (size_t i = 0; ok && i < v->count; i++) {
			if (m->ref)
				memcpy(&y, fb + pos[p->vec[j - m->ref].first + i], 8);
			double pred = m->c / y;
			if (m->kind == SP_DIVISOR) {
				uint64_t k = (uint64_t)(m->ref ? bdb__nearest(y * d) : 0) +
					     (uint64_t)m->min + bits_get(&r, m->wk);
				int64_t ks = (int64_t)k;
				ok = ks > -(INT64_C(1) << 53) && ks < (INT64_C(1) << 53);
				pred = (double)ks / d;
			}
			x = from_ordered(ordered(pred) + unzigzag(bits_get(&dist, m->wr)));
			memcpy(fb + pos[v->first + i], &x, 8);
		}
		r = dist;
	}
	return ok;
}

void bdb__sampack_free(bdb__sampack_parsed *p)
{
	free(p);
}
