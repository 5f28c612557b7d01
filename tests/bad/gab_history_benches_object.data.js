window.BENCHMARK_DATA = {
  "lastUpdate": 1765609197405,
  "repoUrl": "https://github.com/o/r",
  "entries": {
    "Bench": [
      {
        "commit": {"id": "f3b17428bf6954c74ead59cb93779608ffb52263", "timestamp": "2024-08-22T22:54:06+02:00"},
        "date": 1724360264650,
        "tool": "catch2",
        "benches": {"name": "trace_add"}
      }
    ]
  }
}
