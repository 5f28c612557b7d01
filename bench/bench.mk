# bench/bench.mk - benchdb's performance suite, side by side with SQLite.
#
#   make bench                       (the top Makefile runs: make -f bench/bench.mk run)
#   make bench BENCH_SCALE=full      also the 100 M observation store (15 GB; built once,
#                                    ~1 hour on 2 cores, then cached)
#                                    and ingest of the ci-heavy (first BENCH_CI_RUNS
#                                    runs) and wide workloads
#   make bench BENCH_RUNS=365        a pass over the first 365 nightly runs only
#   make bench BENCH_SCALE=quick     no scaling stores (1M, 10M)
#   make -f bench/bench.mk data      only generate the workloads
#   make -f bench/bench.mk samples   only the bytes-per-sample rows (gbench-reps, ~1 min)
#
# Builds with the top Makefile's flags (it is included), -O2, linking
# build/libbenchdb.a and -lsqlite3. Generated workloads and the scaling stores
# are cached under $(BUILD)/bench-data/ and rebuilt only when the generator
# (or, for the stores, the storage code) changes. The report goes to stdout
# and $(BUILD)/bench-report.md; the figures as a benchkit run to
# $(BUILD)/bench-results.json, which is ingested into $(BUILD)/bench-store
# (by bench itself, through the library) and gated with `benchdb check`
# against baseline main (the first run stored):
# each metric definition in the results carries a 25% threshold, as figures
# on a shared machine move more than 5%. BENCH_GATE=1 makes a regression fail
# the make; otherwise the verdict is printed only.

include Makefile

BENCH_SCALE     ?= default
BENCH_RUNS      ?=
BENCH_GATE      ?= 0
# 1: also ingest once without fsync on both sides (MDB_NOSYNC, synchronous=OFF).
BENCH_NOSYNC    ?= 1
# 1: also ingest with one run per write transaction on both sides (durable).
BENCH_PER_RUN   ?= 1
# ci-heavy runs ingested under BENCH_SCALE=full (each is one durable commit
# on both sides; all 100,000 take tens of minutes).
BENCH_CI_RUNS   ?= 10000
# Seconds of the server's load test (bench/serve_load.sh).
BENCH_SERVE_SECONDS ?= 20
BENCH_DIR   := $(BUILD)/bench
BENCH_DATA  := $(BUILD)/bench-data
BENCH_WORK  := $(BUILD)/bench-work
BENCH_STORE := $(BUILD)/bench-store
GEN         := $(BENCH_DIR)/gen
BENCH_BIN   := $(BENCH_DIR)/bench
BENCH_CFLAGS = $(WARN) -O2 -g -MMD -MP $(CFLAGS)
BENCH_CPPFLAGS = $(ALL_CPPFLAGS) -Ibench

GEN_SRCS    := bench/gen.c bench/workload.c
BENCH_SRCS  := bench/bench.c bench/workload.c bench/sqlite_peer.c bench/benchdb_side.c \
	bench/answer.c bench/samples.c
GEN_INPUTS  := bench/workload.c bench/workload.h bench/gen.c

# Whether libbenchdb.a has the query executor, read when the recipes run
# (after it is built): until it does, the "[query]" rows are "n/a".
have = $(if $(shell nm -g --defined-only $(LIB) 2>/dev/null | grep -w -e '$(1)'),1,0)
BENCH_HAVE = -DBENCH_HAVE_QUERY=$(if $(wildcard query/query.h),$(call have,bdb_query_run),0)

# The storage code's fingerprint: cached scaling stores are rebuilt when it changes.
ENGINE_KEY = $(shell cat schema/*.c schema/*.h engine/*.c engine/*.h 2>/dev/null | md5sum | cut -c1-16)

.PHONY: run data data-full bench-deps dogfood samples

samples: bench-deps
	@$(MAKE) --no-print-directory -f bench/bench.mk $(BENCH_BIN)
	@rm -rf $(BENCH_WORK)
	$(BENCH_BIN) --work $(BENCH_WORK) --samples-only 1

run: bench-deps
	@$(MAKE) --no-print-directory -f bench/bench.mk $(BIN) $(GEN) $(BENCH_BIN) data
	@rm -rf $(BENCH_WORK)
	@echo "bench: df -h /work before:"; df -h /work | tail -1
	{ $(BENCH_BIN) --data $(BENCH_DATA)/nightly-10y --work $(BENCH_WORK) \
		--scale-dir $(BENCH_DATA) --scale $(BENCH_SCALE) \
		--benchdb $(BIN) --results $(BUILD)/bench-results.json \
		--results-store $(BENCH_STORE) --nosync $(BENCH_NOSYNC) --per-run $(BENCH_PER_RUN) --gate $(BENCH_GATE) \
		--engine-key $(ENGINE_KEY) $(if $(BENCH_RUNS),--runs $(BENCH_RUNS)) \
		$(if $(filter full,$(BENCH_SCALE)),--extra $(BENCH_DATA)/ci-heavy:$(BENCH_CI_RUNS) \
			--extra $(BENCH_DATA)/wide) \
		--commit "$$(git rev-parse HEAD 2>/dev/null)" \
		--branch "$$(git rev-parse --abbrev-ref HEAD 2>/dev/null)"; \
		echo $$? > $(BUILD)/bench-exit; } | tee $(BUILD)/bench-report.md
	@echo "bench: df -h /work after:"; df -h /work | tail -1
	@$(MAKE) --no-print-directory -f bench/bench.mk dogfood
	@BENCHDB=$(BIN) bench/record_overhead.sh | tee -a $(BUILD)/bench-report.md
	@BENCHDB=$(BIN) bench/serve_load.sh $(BENCH_DATA)/nightly-10y $(BENCH_WORK)/serve \
		$(BENCH_SERVE_SECONDS) | tee -a $(BUILD)/bench-report.md
	@rc=$$(cat $(BUILD)/bench-exit); [ "$$rc" = 0 ] || echo "bench: exit $$rc"; exit $$rc

# libsqlite3-dev for the peer, sqlite3 for the one-shot peer process,
# hyperfine for benchdb record's overhead row, wrk for the server's load test.
bench-deps: deps
	@missing=""; for p in libsqlite3-dev sqlite3 hyperfine wrk; do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "bench-deps: installing$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# The same gate through the program (dogfooding). bench has already
# ingested the figures into $(BENCH_STORE) through the library (the first
# run stored is baseline main) and asked the query library for the
# regressions against it (with BENCH_GATE=1 a regression makes bench exit
# 1); `benchdb check` asks the program the same question.
dogfood:
	@$(BIN) --db $(BENCH_STORE) check; rc=$$?; \
	echo "dogfood: \`benchdb --db $(BENCH_STORE) check\` exit $$rc"; \
	if [ $$rc -ge 2 ]; then echo "dogfood: benchdb check not usable (exit $$rc): not gated"; rc=0; fi; \
	if [ "$(BENCH_GATE)" = 1 ]; then exit $$rc; fi

data: $(BENCH_DATA)/nightly-10y/MANIFEST $(if $(filter full,$(BENCH_SCALE)),data-full)

data-full: $(BENCH_DATA)/ci-heavy/MANIFEST $(BENCH_DATA)/wide/MANIFEST

$(BENCH_DATA)/%/MANIFEST: $(GEN_INPUTS) | $(GEN)
	@mkdir -p $(BENCH_DATA)
	@rm -rf $(BENCH_DATA)/$*
	$(GEN) --workload $* --out $(BENCH_DATA)/$*

$(BENCH_DIR)/obj/%.o: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CPPFLAGS) $(BENCH_HAVE) $(BENCH_CFLAGS) -c $< -o $@

$(GEN): $(GEN_SRCS:bench/%.c=$(BENCH_DIR)/obj/%.o) $(LIB)
	$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@

$(BENCH_BIN): $(BENCH_SRCS:bench/%.c=$(BENCH_DIR)/obj/%.o) $(LIB)
	$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -lsqlite3 -o $@

-include $(wildcard $(BENCH_DIR)/obj/*.d)

# import-gab of a 30 MB github-action-benchmark history (DESIGN.md §7: <= 3 s),
# made from a real one by bench/gab_history.py: wall time, CPU time and RSS.
#   make -f bench/bench.mk gab [GAB_SRC=tests/realdata/gab/NAME.data.js]
GAB_SRC ?= tests/realdata/gab/moov-io__benchmarks.data.js
.PHONY: gab
gab: $(BUILD)/benchdb
	@mkdir -p $(BENCH_WORK)
	python3 bench/gab_history.py $(GAB_SRC) $(BENCH_WORK)/gab30.data.js 25
	rm -rf $(BENCH_WORK)/gab-store
	/usr/bin/time -f 'import-gab 30 MB: %e s wall, %U s user + %S s system, %M KB RSS' \
		$(BUILD)/benchdb --db $(BENCH_WORK)/gab-store import-gab $(BENCH_WORK)/gab30.data.js
