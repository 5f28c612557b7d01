window.BENCHMARK_DATA = {
  "lastUpdate": 1765609197405,
  "repoUrl": "https://github.com/o/r",
  "entries": {
    "Bench": [
      {
        "commit": {"id": 42, "timestamp": "2024-08-22T22:54:06+02:00"},
        "date": 1724360264650,
        "tool": "catch2",
        "benches": [{"name": "trace_add", "value": 3.5, "range": "± 389.371", "unit": "us"}]
      }
    ]
  }
}
