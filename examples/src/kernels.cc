// kernels.cc - a small Google Benchmark suite whose versions stand for the
// commits of the example history in examples/. VERSION selects the code of
// each "commit"; version 3 introduces a real regression in BM_hash (a byte-
// at-a-time loop instead of words), version 4 fixes it, version 5 makes
// BM_sort faster by switching to a radix pass for small keys.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

#ifndef VERSION
#define VERSION 1
#endif

static std::vector<uint32_t> random_keys(size_t n)
{
	std::mt19937 rng(42);
	std::vector<uint32_t> v(n);
	for (auto &x : v)
		x = rng() & 0xffff;
	return v;
}

static void BM_sort(benchmark::State &state)
{
	auto keys = random_keys(state.range(0));
	for (auto _ : state) {
		auto v = keys;
#if VERSION >= 5
		// counting sort over 16-bit keys
		std::vector<uint32_t> count(65536);
		for (auto x : v)
			count[x]++;
		size_t i = 0;
		for (uint32_t k = 0; k < 65536; k++)
			for (uint32_t c = 0; c < count[k]; c++)
				v[i++] = k;
#else
		std::sort(v.begin(), v.end());
#endif
		benchmark::DoNotOptimize(v.data());
	}
	state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_sort)->Arg(1024)->Arg(65536);

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
#if VERSION == 3
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
		benchmark::DoNotOptimize(h);
	}
#else
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		std::memcpy(&w, p + i, 8);
		h = (h ^ w) * 1099511628211ull;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
#endif
	return h;
}

static void BM_hash(benchmark::State &state)
{
	std::vector<unsigned char> buf(state.range(0));
	std::iota(buf.begin(), buf.end(), 0);
	for (auto _ : state)
		benchmark::DoNotOptimize(hash_bytes(buf.data(), buf.size()));
	state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_hash)->Arg(4096)->Arg(262144);

static void BM_memcpy(benchmark::State &state)
{
	std::vector<char> src(state.range(0), 'x'), dst(state.range(0));
	for (auto _ : state) {
		std::memcpy(dst.data(), src.data(), src.size());
		benchmark::ClobberMemory();
	}
	state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_memcpy)->Arg(65536);

BENCHMARK_MAIN();
