window.BENCHMARK_DATA = {
  "lastUpdate": 1765609197405,
  "entries": []
}
