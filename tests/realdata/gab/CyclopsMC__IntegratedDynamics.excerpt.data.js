window.BENCHMARK_DATA = {
  "lastUpdate": 1790507761720,
  "repoUrl": "https://github.com/CyclopsMC/IntegratedDynamics",
  "entries": {
    "Integrated Dynamics Network Benchmark": [
      {
        "commit": {
          "author": {
            "email": "noreply@anthropic.com",
            "name": "Claude",
            "username": "claude"
          },
          "committer": {
            "email": "noreply@anthropic.com",
            "name": "Claude",
            "username": "claude"
          },
          "distinct": true,
          "id": "1d338e0545e7b4935df7e30795401a8e99b05862",
          "message": "Add large empty network and control server benchmarks",
          "timestamp": "2026-09-27T11:09:15Z",
          "tree_id": "f39da4ddad03fb5093705df2c4fa3a281a34cb73",
          "url": "https://github.com/CyclopsMC/IntegratedDynamics/commit/1d338e0545e7b4935df7e30795401a8e99b05862"
        },
        "date": 1790507761127,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "NETWORK LOAD: control_size_0",
            "value": 0,
            "unit": "tick time (ms)"
          },
          {
            "name": "SERVER LOAD: control_size_0",
            "value": 0.16,
            "unit": "tick time (ms)"
          },
          {
            "name": "SERVER LOAD: empty_remove_size_10",
            "value": 5.76,
            "unit": "tick time (ms)"
          },
          {
            "name": "INDEX LOAD: index_lookup_exact_size_5000",
            "value": 0.001578,
            "unit": "operation time (ms)"
          },
          {
            "name": "INDEX LOAD: index_lookup_item_single_item_size_5000",
            "value": 0.366797,
            "unit": "operation time (ms)"
          }
        ]
      }
    ]
  }
}
