window.BENCHMARK_DATA = [1, 2];
