#!/usr/bin/env bash
# tests/charts/make-store.sh DIR - writes the benchkit runs of the chart
# tests' fixed store into DIR (run-01.json .. run-20.json). Deterministic:
# the golden SVGs in tests/charts/ are drawn from exactly these runs.
#
#   kernel   time (ns, lower): 1000 +- a little, with CI bounds and three
#            samples; a 10-day gap after run 8; 30% slower from run 13
#   spread   time: 2^k microseconds, from 2 us to about 1 s (a log scale)
#   grid/NN  rate (ops/s, higher): 50 series, for small multiples
#   <script>alert(1)</script>&"x   time: a name that must stay text
set -eu
dir=$1
mkdir -p "$dir"
for i in $(seq 1 20); do
	day=$((i <= 8 ? i : i + 10)) # runs 9.. come after a 10-day gap
	ts=$(date -u -d "2026-03-01 +$((day - 1)) days" +%Y-%m-%dT02:00:00Z)
	noise=$(((i * 37) % 11 - 5))
	v=$((i < 13 ? 1000 + noise : 1300 + noise))
	{
		printf '{"id": "r%02d", "timestamp": "%s", "commit": "c%02d%s", "branch": "main",\n' \
			"$i" "$ts" "$i" "0a1b2c3d4e"
		printf ' "metric_defs": {"time": {"unit": "ns", "direction": "lower"},\n'
		printf '   "rate": {"unit": "ops/s", "direction": "higher"}},\n'
		printf ' "points": [\n'
		printf '  {"name": "kernel", "metrics": {"time": {"value": %d, "ci_lower": %d, "ci_upper": %d, "samples": [%d, %d, %d]}}},\n' \
			"$v" $((v - 20)) $((v + 20)) $((v - 30)) "$v" $((v + 25))
		printf '  {"name": "spread", "metrics": {"time": {"value": %d}}},\n' $((1000 * (1 << i)))
		printf '  {"name": "<script>alert(1)</script>&\\"x", "tags": {"k<b>": "v&\\"'"'"'"}, "metrics": {"time": {"value": %d}}},\n' $((500 + i))
		for k in $(seq 0 49); do
			printf '  {"name": "grid/%02d", "metrics": {"rate": {"value": %d}}}%s\n' \
				"$k" $(((k + 1) * 1000 + (i * k * 7) % 300)) "$([ "$k" -lt 49 ] && echo ,)"
		done
		printf ' ]}\n'
	} >"$dir/run-$(printf %02d "$i").json"
done
