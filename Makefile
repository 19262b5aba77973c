# outreach planner: one binary, ./outreach.  See README.md.
#   make            build ./outreach (installs missing Debian packages first)
#   make test       release build (-Werror) + ASan/UBSan build, every test
#   make asan       the ASan/UBSan build only (build/asan/outreach)
#   make demo       build, create the demo database, start the service
#   make fuzz       libFuzzer targets, 60 s each (FUZZ_SECONDS=...)
#   make bench      every benchmark under bench/
SHELL := /bin/bash
.DEFAULT_GOAL := all
.SUFFIXES:
.SECONDARY:

# BUILD and BIN let several checkouts or agents build side by side.
BUILD ?= build
BIN ?= outreach
MODULES := util store data calendars geo planner field report web cli
PKGS := sqlite3 geos jansson libsodium libical libmicrohttpd readosm cairo pangocairo
# Lazy (=): pkg-config runs only after scripts/deps.sh has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread

CPPFLAGS := -I. -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DGEOS_USE_ONLY_R_API
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS_rel := -std=c11 -O2 -g $(WARN)
CFLAGS_asan := -std=c11 -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined $(WARN)
LDFLAGS_asan := -fsanitize=address,undefined

SRCS := $(foreach m,$(MODULES),$(wildcard $(m)/*.c $(m)/*/*.c))
LIB_SRCS := $(filter-out cli/%,$(SRCS))
CLI_SRCS := $(filter cli/%,$(SRCS))
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_NAMES := $(notdir $(TEST_SRCS:.c=))
TOOL_NAMES := $(notdir $(basename $(wildcard tests/tools/*.c)))
BENCH_SRCS := $(wildcard bench/*/main.c)
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(notdir $(FUZZ_SRCS:.c=))

objs = $(patsubst %.c,$(BUILD)/$(1)/%.o,$(2))

.PHONY: all deps test asan demo fuzz bench clean build-rel build-asan tests-rel tests-asan

all: deps
	@$(MAKE) --no-print-directory build-rel

deps:
	@scripts/deps.sh build

build-rel: $(BIN)
build-asan: $(BUILD)/asan/outreach

asan: deps
	@$(MAKE) --no-print-directory build-asan

# --- compile rules, one per variant -----------------------------------
$(BUILD)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS_rel) -MMD -MP -c $< -o $@

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS_asan) -MMD -MP -c $< -o $@

$(BIN): $(call objs,rel,$(SRCS))
	$(CC) -o $@ $^ $(PKG_LIBS)

$(BUILD)/asan/outreach: $(call objs,asan,$(SRCS))
	$(CC) $(LDFLAGS_asan) -o $@ $^ $(PKG_LIBS)

# Unit tests link every module but cli/.
$(BUILD)/rel/tests/%: $(call objs,rel,tests/unit/%.c $(LIB_SRCS))
	$(CC) -o $@ $^ $(PKG_LIBS) -lcmocka

$(BUILD)/asan/tests/%: $(call objs,asan,tests/unit/%.c $(LIB_SRCS))
	$(CC) $(LDFLAGS_asan) -o $@ $^ $(PKG_LIBS) -lcmocka

# Fuzz regression driver: replays kept crash inputs under ASan with gcc.
$(BUILD)/asan/fuzz/%: $(call objs,asan,tests/fuzz/%.c tests/fuzz/driver.c $(LIB_SRCS))
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_asan) -o $@ $^ $(PKG_LIBS)

# Benchmarks: bench/NAME/main.c -> $(BUILD)/bench/NAME (beside, not inside,
# the folder of its objects)
BENCH_LIBS_routing := -lroutino
$(BUILD)/bench/%: $(call objs,rel,bench/%/main.c $(LIB_SRCS))
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(PKG_LIBS) $(BENCH_LIBS_$*)
# bench/forecast also links its independent generator
$(BUILD)/bench/forecast: $(BUILD)/rel/bench/forecast/world.o

tests-rel: $(BIN) $(addprefix $(BUILD)/rel/tests/,$(TEST_NAMES))
tests-asan: $(BUILD)/asan/outreach $(addprefix $(BUILD)/asan/tests/,$(TEST_NAMES)) \
	$(addprefix $(BUILD)/asan/fuzz/,$(FUZZ_NAMES)) \
	$(addprefix $(BUILD)/asan/tools/,$(TOOL_NAMES))

# Small programs the CLI tests call (e.g. a libical lint of our feeds).
$(BUILD)/asan/tools/%: $(call objs,asan,tests/tools/%.c)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_asan) -o $@ $^ $(PKG_LIBS)

# ical.js (Thunderbird's parser) from the npm registry, for the feed tests.
tests/feeds/node_modules: tests/feeds/package.json
	cd tests/feeds && npm install --no-audit --no-fund --silent
	@touch $@

test:
	@scripts/deps.sh build test
	@$(MAKE) --no-print-directory tests/feeds/node_modules
	@$(MAKE) --no-print-directory -j2 tests-rel
	@$(MAKE) --no-print-directory -j2 tests-asan
	@tests/run.sh $(BUILD)/asan

demo: all
	@scripts/demo.sh

bench: all
	@scripts/deps.sh build bench
	@$(MAKE) --no-print-directory $(patsubst bench/%/main.c,$(BUILD)/bench/%,$(BENCH_SRCS))
	@failed=; for b in bench/*/run.sh; do echo "== $$b"; bash "$$b" || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "benchmarks with a target not met or an error:$$failed"; exit 1; fi

# --- fuzzing (clang + libFuzzer) --------------------------------------
FUZZ_CFLAGS := -std=c11 -O1 -g -fsanitize=fuzzer-no-link,address,undefined $(WARN)
FUZZ_SECONDS ?= 60

$(BUILD)/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/bin/%: $(call objs,fuzz,tests/fuzz/%.c $(LIB_SRCS))
	@mkdir -p $(dir $@)
	clang -fsanitize=fuzzer,address,undefined -o $@ $^ $(PKG_LIBS)

fuzz:
	@scripts/deps.sh build fuzz
	@$(MAKE) --no-print-directory $(addprefix $(BUILD)/fuzz/bin/,$(FUZZ_NAMES))
	@BUILD=$(BUILD) scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

clean:
	rm -rf build outreach tests/out

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
