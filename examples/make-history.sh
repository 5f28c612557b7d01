#!/usr/bin/env bash
# examples/make-history.sh - how the example history in examples/ was made.
# Not run by `make demo` (the outputs are committed); needs Debian's
# libbenchmark-dev and g++. Builds kernels.cc at five versions standing for
# five commits and saves each run's real Google Benchmark JSON output.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p history
for v in 1 2 3 4 5; do
	g++ -O2 -DVERSION=$v src/kernels.cc -o /tmp/kernels-v$v -lbenchmark -lpthread
	/tmp/kernels-v$v --benchmark_format=json --benchmark_min_time=0.05 \
		--benchmark_repetitions=3 >history/gbench-v$v.json
done
