# cchc - static site generator for Vietnamese CCHC sections.
#
#   make          build ./cchc
#   make site     install missing Debian packages (as root), build ./cchc
#                 and the sample site into public/
#   make test     every test; ends with "N passed, N failed"
#   make asan     unit tests, Mustache spec and a sample build under ASan+UBSan
#   make valgrind the same under valgrind
#   make golden   regenerate tests/golden/*/expected after a deliberate change
#   make bench    cchc against Hugo and the floor (bench/run.sh; never in make test)
#   make bench-history  the git history pass against `git log` (bench/)

VERSION	 = 0.1.0
PKGS	 = libcmark-gfm libgit2 libxml-2.0 yaml-0.1 libutf8proc stb
BUILD	?= build
CC	?= cc
OPT	?= -O2 -g
SAN	?=
WARN	 = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DCCHC_VERSION='"$(VERSION)"'
CFLAGS	+= -std=c11 $(OPT) $(WARN) $(SAN) -pthread -MMD -MP \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	+= $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
	   -lcmark-gfm-extensions -lm -pthread
LDFLAGS	+= $(SAN)

SRCS	 = $(wildcard generator/*.c)
OBJS	 = $(SRCS:generator/%.c=$(BUILD)/%.o)
LIBOBJS	 = $(filter-out $(BUILD)/main.o,$(OBJS))
# The test copy of cchc: the same objects, but those with fault points
# compiled with -DCCHC_FAULTS (see generator/fault.h); never installed.
FAULT_SRCS = generator/fault.c generator/pool.c generator/write.c
FAULT_OBJS = $(FAULT_SRCS:generator/%.c=$(BUILD)/faults/%.o)
TEST_BIN = $(BUILD)/cchc-test
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
SPEC_BIN = $(BUILD)/tests/mustache_spec

.PHONY: all site test asan valgrind golden deps deps-build deps-test clean unit bench bench-history

all: cchc

cchc: $(BUILD)/cchc
	cp $(BUILD)/cchc cchc

$(BUILD)/cchc: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: generator/%.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/faults/%.o: generator/%.c | $(BUILD)/faults
	$(CC) $(CPPFLAGS) -DCCHC_FAULTS $(CFLAGS) -c -o $@ $<

$(TEST_BIN): $(FAULT_OBJS) $(filter-out $(FAULT_OBJS:$(BUILD)/faults/%=$(BUILD)/%),$(OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%.o: tests/unit/%.c | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests -Igenerator -c -o $@ $<

# The tests' JSON reader (fixtures, the Mustache spec).
$(BUILD)/tests/json.o: tests/json.c | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests -Igenerator -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(BUILD)/tests/json.o $(LIBOBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(SPEC_BIN): tests/mustache_spec.c tests/json.c $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests -Igenerator -o $@ tests/mustache_spec.c tests/json.c $(LIBOBJS) $(LDLIBS)

$(BUILD) $(BUILD)/tests $(BUILD)/faults:
	mkdir -p $@

unit: $(UNIT_BINS) $(SPEC_BIN) $(TEST_BIN)

deps-build:
	@sh tools/deps.sh build

deps-test:
	@sh tools/deps.sh test

deps: deps-build deps-test

site: deps-build
	@$(MAKE) --no-print-directory cchc
	./cchc build --source . --out public
	@echo "$(CURDIR)/public/index.html"

test: deps-build deps-test
	@$(MAKE) --no-print-directory cchc unit
	@sh tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    OPT='-O1 -g' build-asan/cchc unit
	@BUILD=build-asan sh tests/run-native.sh

valgrind: cchc unit
	@BUILD=build VALGRIND=1 sh tests/run-native.sh

golden: cchc
	@sh tests/golden.sh --update

bench: cchc
	@sh bench/run.sh

bench-history:
	@sh bench/history.sh

clean:
	rm -rf build build-asan cchc public .public.* 

-include $(OBJS:.o=.d) $(FAULT_OBJS:.o=.d) $(UNIT_BINS:=.d) $(BUILD)/tests/json.d
