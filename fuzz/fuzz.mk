# fuzz/fuzz.mk - the libFuzzer harnesses (clang -fsanitize=fuzzer,address,undefined).
# The top Makefile's `make fuzz [FUZZ_SECONDS=N]` runs `make -f fuzz/fuzz.mk run`.
#
#   make -f fuzz/fuzz.mk                  build every harness into build/fuzz/
#   make -f fuzz/fuzz.mk run              run each harness for FUZZ_SECONDS (default 60)
#   make -f fuzz/fuzz.mk run HARNESSES="verify ingest_json"     only some of them
#   make -f fuzz/fuzz.mk merge            add what the runs found to the seed corpora
#
# Harness NAME is fuzz/fuzz_NAME.c. It starts from its seeds in fuzz/corpus/NAME/ (read only)
# and grows a working corpus in build/fuzz/corpus/NAME/; a crash, leak or timeout is written to
# fuzz/crashes/NAME/, which tests/unit/test_fuzz_replay.c replays in every `make test` (keep it
# there once fixed, as the regression input). Dictionaries: fuzz/NAME.dict, where a line
# "#include OTHER.dict" adds fuzz/OTHER.dict's entries (libFuzzer reads the joined copy in
# build/fuzz/NAME.dict; to it the line is a comment). Each run's log is
# build/fuzz/logs/NAME.log; its last lines (executions, edges covered) are printed.
#
# The library is compiled again with clang and -fsanitize=fuzzer-no-link,address,undefined
# (coverage for libFuzzer); the system libraries (LMDB, jansson) are not instrumented.
# -Werror is left out: the gcc build already enforces it, and a clang-only warning in a
# newly merged file should not stop a fuzzing session.

FUZZ_BUILD   ?= build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
# Extra libFuzzer flags, e.g. FUZZ_FLAGS="-jobs=2 -workers=2" or "-max_len=65536".
FUZZ_FLAGS   ?=

HARNESSES ?= $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))

PKGS     := lmdb jansson libzstd
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all
CFLAGS_F := -std=c11 -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
            -O1 -g -fno-omit-frame-pointer $(SAN) -MMD -MP
CPPFLAGS_F := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ischema -Iengine -Iengine/ingest \
            -Iquery -Iweb -Ifuzz $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS_F   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread

# web/router.c is pure (no libmicrohttpd): fuzz_serve_route.c drives it.
LIB_SRCS := $(wildcard schema/*.c engine/*.c engine/ingest/*.c query/*.c) web/router.c
LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_BUILD)/obj/%.o)
LIB      := $(FUZZ_BUILD)/libbenchdb-fuzz.a
BINS     := $(HARNESSES:%=$(FUZZ_BUILD)/fuzz_%)

.PHONY: all run merge have-clang
.SECONDARY:

all: have-clang $(BINS)

# clang is not in the top Makefile's deps (only fuzzing needs it): say so plainly.
have-clang:
	@command -v $(FUZZ_CC) >/dev/null || { echo "fuzz: $(FUZZ_CC) not found;" \
		"install it (Debian: apt-get install clang)" >&2; exit 1; }

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_F) $(CFLAGS_F) -fsanitize=fuzzer-no-link -c $< -o $@

$(LIB): $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/fuzz/fuzz_%.o $(LIB)
	$(FUZZ_CC) $(SAN) -fsanitize=fuzzer $< $(LIB) $(LIBS_F) -o $@

# Every harness in turn; stops at the first that finds something.
run: all
	@mkdir -p $(FUZZ_BUILD)/logs
	@for h in $(HARNESSES); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$h fuzz/crashes/$$h; \
		dict=""; [ -f fuzz/$$h.dict ] && dict="-dict=$(FUZZ_BUILD)/$$h.dict" && \
			sed -n 's|^#include |fuzz/|p' fuzz/$$h.dict | xargs cat fuzz/$$h.dict \
				>$(FUZZ_BUILD)/$$h.dict; \
		echo "fuzz: $$h for $(FUZZ_SECONDS)s"; \
		if $(FUZZ_BUILD)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-print_final_stats=1 $$dict -artifact_prefix=fuzz/crashes/$$h/ $(FUZZ_FLAGS) \
			$(FUZZ_BUILD)/corpus/$$h fuzz/corpus/$$h >$(FUZZ_BUILD)/logs/$$h.log 2>&1; then \
			grep -E '^#[0-9]+[[:space:]]+DONE|^Done|stat::number_of_executed_units|stat::peak_rss' \
				$(FUZZ_BUILD)/logs/$$h.log | sed "s/^/  /"; \
		else \
			tail -n 60 $(FUZZ_BUILD)/logs/$$h.log; \
			echo "fuzz: $$h found a problem; the input is in fuzz/crashes/$$h/"; \
			exit 1; \
		fi; \
	done

# Adds to fuzz/corpus/NAME/ the inputs of the working corpus that cover a new edge
# (libFuzzer -merge=1 keeps every file already there, regression inputs included;
# -use_counters=0 counts edges, not hit counts, which keeps the seed corpora small).
merge: all
	@mkdir -p $(FUZZ_BUILD)/logs
	@for h in $(HARNESSES); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$h && \
		$(FUZZ_BUILD)/fuzz_$$h -merge=1 -use_counters=0 fuzz/corpus/$$h $(FUZZ_BUILD)/corpus/$$h \
			>$(FUZZ_BUILD)/logs/$$h.merge.log 2>&1 && \
		echo "fuzz: $$h seed corpus: $$(ls fuzz/corpus/$$h | wc -l) files"; \
	done

-include $(LIB_OBJS:.o=.d) $(HARNESSES:%=$(FUZZ_BUILD)/obj/fuzz/fuzz_%.d)
