# benchdb - hand-written GNU Makefile. Builds out of tree into $(BUILD).
#
#   make            the benchdb binary and libbenchdb.a
#   make test       install missing Debian packages, build, run every test,
#                   then run them again under ASan/UBSan
#   make asan       the test suite built and run with -fsanitize=address,undefined
#   make demo       build, ingest examples/ into ./benchmark-data, run a tour
#   make deps       install missing Debian packages (quiet no-op when present)
#   make deps-build only those building and installing benchdb needs (CI)
#   make format     clang-format every source file
#   make lint       the rooms' include flow (tests/layers.sh), cppcheck
#   make install    PREFIX=/usr/local: binary, library, headers, man page,
#                   bash completion
#   make fuzz       libFuzzer harnesses (FUZZ_SECONDS=N each)
#   make bench      the performance suite, side by side with SQLite
#   make valgrind   the CLI test suite with benchdb under valgrind memcheck
#   make soak       SOAK_KILLS=N (1000) SIGKILLed writers with readers and a
#                   second writer at work, then every acknowledged run checked
#   make clean

BUILD     ?= build
PREFIX    ?= /usr/local
CC        ?= cc
OPT       ?= -O2 -g
SANITIZE  ?=

PKGS      := lmdb jansson libedit libzstd
# What building and installing benchdb needs (make deps-build: a CI job that
# only installs benchdb: the tests' chromium and chromium-driver are Debian's
# packages, Ubuntu's runners ship Chromium as a snap), then what the tests
# need too (make deps).
BUILD_DEB_PKGS := build-essential pkg-config liblmdb-dev libjansson-dev libedit-dev \
             libzstd-dev libmicrohttpd-dev libcurl4-openssl-dev
DEB_PKGS  := $(BUILD_DEB_PKGS) \
             libcmocka-dev flatbuffers-compiler libxml2-utils groff-base chromium \
             curl libbenchmark-dev python3-prometheus-client \
             chromium-driver python3-selenium python3

WARN      := -std=c11 -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Werror
INCLUDES  := -Ischema -Iengine -Iengine/ingest -Iquery -Iweb -Irepl
# libmicrohttpd and libcurl: their headers only; web/serve.c and web/client.c
# open the libraries with dlopen when a server starts or a request is sent,
# so that no other command loads them.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) libmicrohttpd libcurl 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(INCLUDES) $(PKG_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) $(OPT) $(SANITIZE) -MMD -MP $(CFLAGS)
ALL_LDFLAGS  = $(SANITIZE) $(LDFLAGS)
LIBS         = $(PKG_LIBS) -lm -lpthread

LIB_SRCS  := $(wildcard schema/*.c engine/*.c engine/ingest/*.c query/*.c web/*.c)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/assets.o
# The dashboard's files, compiled into the program as C arrays (web/dashboard.h).
ASSETS    := $(sort $(wildcard web/assets/*.html web/assets/*.css web/assets/*.js))
BIN_SRCS  := $(wildcard repl/*.c)
BIN_OBJS  := $(BIN_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELPER_SRCS := $(wildcard tests/unit/helpers/*.c)
TEST_HELPER_OBJS := $(TEST_HELPER_SRCS:%.c=$(BUILD)/obj/%.o)
TOOL_SRCS := $(wildcard tests/tools/*.c)
TOOL_BINS := $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tools/%)

LIB := $(BUILD)/libbenchdb.a
BIN := $(BUILD)/benchdb

.SECONDARY:

.PHONY: all test check asan deps deps-build demo fuzz bench format lint install clean tests valgrind soak eval

all: $(BIN) $(LIB)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gen/assets.c: $(ASSETS) web/embed_assets.sh
	@mkdir -p $(dir $@)
	sh web/embed_assets.sh $(ASSETS) >$@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/assets.o: $(BUILD)/gen/assets.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

# The program links LMDB, jansson, libedit (with what libedit needs) and zstd from
# their static archives when Debian's -dev packages ship them: a one-shot
# `benchdb -c` then maps and relocates 3 shared objects at start instead of 9
# (docs/performance.md, one-shot). Sanitizer builds and tests link shared.
BIN_STATIC := lmdb jansson edit tinfo bsd md zstd
BIN_STATIC_FOUND := $(foreach l,$(BIN_STATIC),\
	$(if $(filter /%,$(shell $(CC) -print-file-name=lib$(l).a 2>/dev/null)),$(l)))
ifeq ($(SANITIZE)$(filter-out $(BIN_STATIC_FOUND),$(BIN_STATIC)),)
BIN_LIBS = -Wl,-O1,--as-needed -Wl,-Bstatic $(BIN_STATIC:%=-l%) -Wl,-Bdynamic -lm -lpthread
else
BIN_LIBS = $(LIBS)
endif

$(BIN): $(BIN_OBJS) $(LIB)
	$(CC) $(ALL_LDFLAGS) $(BIN_OBJS) $(LIB) $(BIN_LIBS) -o $@

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(TEST_HELPER_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) $< $(TEST_HELPER_OBJS) $(LIB) $(LIBS) $(CMOCKA_LIBS) -o $@

$(BUILD)/tools/%: $(BUILD)/obj/tests/tools/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) $< $(LIB) $(LIBS) -o $@

# A process of a known size for record's max_rss (test_record_commands.sh):
# static, so that no loader or shared library makes its size vary; never
# sanitized.
$(BUILD)/tools/rss_probe: tests/tools/rss_probe.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -D_DEFAULT_SOURCE -O1 -static $< -o $@

# The I/O fault shim of tests/cli/test_faults.sh (LD_PRELOAD; never sanitized).
$(BUILD)/tools/libfault.so: tests/fault/fault.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g -fPIC -shared $< -o $@ -ldl

tests: $(BIN) $(TEST_BINS) $(TOOL_BINS) $(BUILD)/tools/libfault.so

# Runs every test of one build directory; prints cmocka's lines per suite.
check: tests
	@BUILD=$(BUILD) tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" tests
	@BUILD=build/asan BENCHDB_SANITIZED=1 tests/run.sh

# make test = deps, the normal build and tests, then the sanitizer build and
# tests; the last line sums both: "N passed, N failed".
# Both builds compile with one job per core.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) tests
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" tests
	@tests/run.sh --summary-of build build/asan

deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

deps-build:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(BUILD_DEB_PKGS)"

demo: deps all
	@$(MAKE) --no-print-directory -f bench/bench.mk $(BUILD)/bench/gen >/dev/null
	@if [ -x examples/demo.sh ]; then BENCHDB=$(BIN) GEN=$(BUILD)/bench/gen examples/demo.sh; \
	else echo "demo: arrives with the program issue"; fi

# Every CLI test with benchdb under memcheck: any invalid access or definite
# leak makes that command exit 99, which fails its test. The REPL test types
# at a slower pace and allows longer sessions (benchdb starts and runs each
# statement many times slower under memcheck). Each process's report goes to
# $(BUILD)/valgrind/vg.PID.log, so that an error in a command whose exit code
# a test does not check fails too: any non-empty report fails the target (the
# directory is world-writable: test_store_damage runs benchdb as another user).
valgrind: all $(BUILD)/tools/libfault.so
	@command -v valgrind >/dev/null || $(MAKE) --no-print-directory deps DEB_PKGS=valgrind
	@rm -rf $(BUILD)/valgrind && mkdir -p -m 1777 $(BUILD)/valgrind
	@printf '#!/bin/sh\nexec valgrind --quiet --error-exitcode=99 --leak-check=full \\\n  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \\\n  --track-origins=yes --log-file="%s/vg.%%p.log" "%s" "$$@"\n' \
		"$(abspath $(BUILD))/valgrind" "$(abspath $(BIN))" >$(BUILD)/benchdb-valgrind
	@chmod +x $(BUILD)/benchdb-valgrind
	@TEST_JOBS=1 CLI_ONLY=1 BENCHDB_TEST_PACE=2 BENCHDB_TEST_TIMEOUT=240 BENCHDB_OVERRIDE=$(abspath $(BUILD))/benchdb-valgrind BUILD=$(BUILD) tests/run.sh
	@n=$$(ls $(BUILD)/valgrind | wc -l); bad=$$(find $(BUILD)/valgrind -name 'vg.*.log' -size +0c); \
		echo "valgrind: $$n benchdb processes under memcheck, $$(echo $$bad | wc -w) with a report"; \
		for f in $$bad; do echo "--- $$f"; head -n 40 "$$f"; done; [ -z "$$bad" ]

# The change-point methods measured: synthetic series (build/tools/detect_eval)
# and the real histories of tests/realdata with their labelled events
# (tests/eval/realdata.py); docs/detection.md records the tables.
eval: $(BIN) $(BUILD)/tools/detect_eval
	@$(BUILD)/tools/detect_eval
	@echo
	@rm -rf $(BUILD)/eval && python3 tests/eval/realdata.py $(BIN) $(BUILD)/eval
	@echo
	@$(MAKE) --no-print-directory $(BUILD)/tools/fold_eval && $(BUILD)/tools/fold_eval

fuzz:
	@if [ -f fuzz/fuzz.mk ]; then $(MAKE) --no-print-directory -f fuzz/fuzz.mk run; \
	else echo "fuzz: harnesses arrive with the robustness issue"; fi

SOAK_KILLS ?= 1000
soak: all
	@BENCHDB=$(abspath $(BIN)) tests/soak.sh $(SOAK_KILLS)

bench:
	@if [ -f bench/bench.mk ]; then $(MAKE) --no-print-directory -f bench/bench.mk run; \
	else echo "bench: the benchmark suite arrives with the performance issue"; fi

FORMAT_SRCS = $(wildcard schema/*.[ch] engine/*.[ch] engine/ingest/*.[ch] query/*.[ch] \
	web/*.[ch] repl/*.[ch] tests/unit/*.[ch] tests/unit/helpers/*.[ch] tests/tools/*.c fuzz/*.c bench/*.c)

format:
	clang-format -i $(FORMAT_SRCS)

# ctuuninitvar: cppcheck's cross-file check reads write-only out-parameters
# (bdb_diag *d) as uses of uninitialized memory.
lint:
	@tests/layers.sh
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability \
		--inline-suppr --suppress=missingIncludeSystem --suppress=ctuuninitvar $(INCLUDES) \
		schema engine query web repl

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/benchdb \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/benchdb
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libbenchdb.a
	install -m 644 schema/schema.h $(wildcard engine/engine.h engine/ingest/ingest.h query/query.h) \
		$(DESTDIR)$(PREFIX)/include/benchdb/
	@if [ -f docs/benchdb.1 ]; then install -m 644 docs/benchdb.1 $(DESTDIR)$(PREFIX)/share/man/man1/; fi
	@if [ -f repl/benchdb.bash-completion ]; then install -m 644 repl/benchdb.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/benchdb; fi

clean:
	rm -rf $(BUILD) build

-include $(LIB_OBJS:.o=.d) $(BIN_OBJS:.o=.d) $(TEST_SRCS:tests/unit/%.c=$(BUILD)/obj/tests/unit/%.d) \
	$(TEST_HELPER_OBJS:.o=.d) $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/obj/tests/tools/%.d)
