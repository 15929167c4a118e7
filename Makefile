# cchc - static site generator for Vietnamese CCHC sections.
#
#   make          build ./cchc
#   make site     install missing Debian packages (as root), build ./cchc
#                 and the sample site into public/ (links to index.html, to
#                 open from disk)
#   make test     every test; ends with "N passed, N failed[, N skipped]"
#   make asan     unit tests, Mustache spec and a sample build under ASan+UBSan
#   make valgrind the same under valgrind
#   make golden   regenerate tests/golden/*/expected and tests/rules/*/expected
#                 after a deliberate change (review the diff)
#   make fuzz     build the libFuzzer harnesses (tests/fuzz/) with clang into
#                 build-fuzz/ and run each for FUZZ_SECONDS (60), FUZZ_JOBS
#                 (1) at a time; ends with "fuzz: N passed, N failed"
#   make bench    cchc against Hugo and the floor (bench/run.sh; never in make test),
#                 then phone photos against Hugo's .Resize (bench/images.sh;
#                 BENCH_IMAGES=0 leaves it out)
#   make bench-images  the photo benchmark alone
#   make mkphotos build/bench/mkphotos: phone-like JPEGs for bench/images.sh
#   make bench-history  the git history pass against `git log` (bench/)
#   make imgspeed build/imgspeed: photo decode/resize/encode timings
#                 (bench/imgspeed.c; run it by hand, see bench/README.md)
#   make filecost build/filecost: what one new output file costs the
#                 machine (bench/filecost.c; run it by hand)
#   make install  cchc, its man page and the default theme under PREFIX
#                 (/usr/local; also DESTDIR, BINDIR, MANDIR, DATADIR);
#                 `make uninstall` removes them

VERSION	 = 0.1.0
PKGS	 = libcmark-gfm libgit2 libxml-2.0 yaml-0.1 libutf8proc stb libturbojpeg \
	   libmicrohttpd
BUILD	?= build
CC	?= cc
OPT	?= -O2 -g
SAN	?=
WARN	 = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings
# Where `make install` puts things.  DATADIR is compiled into cchc
# (generator/theme.c): the installed theme is found there when a site
# has no themes/<name>/ of its own.
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/cchc
DESTDIR	?=
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DCCHC_VERSION='"$(VERSION)"'
CFLAGS	+= -std=c11 $(OPT) $(WARN) $(SAN) -pthread -MMD -MP \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	+= $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
	   -lcmark-gfm-extensions -lm -pthread
LDFLAGS	+= $(SAN)

SRCS	 = $(wildcard generator/*.c)
# data/don-vi.yaml compiled in as a C array (tools/embed.sh): one binary.
GENOBJS	 = $(BUILD)/unitdata.o
OBJS	 = $(SRCS:generator/%.c=$(BUILD)/%.o) $(GENOBJS)
LIBOBJS	 = $(filter-out $(BUILD)/main.o,$(OBJS))
# The test copy of cchc: the same objects, but those with fault points
# compiled with -DCCHC_FAULTS (see generator/fault.h); never installed.
FAULT_SRCS = generator/fault.c generator/pool.c generator/search.c \
	     generator/write.c
FAULT_OBJS = $(FAULT_SRCS:generator/%.c=$(BUILD)/faults/%.o)
TEST_BIN = $(BUILD)/cchc-test
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
SPEC_BIN = $(BUILD)/tests/mustache_spec
# Test helpers run by the test scripts (not suites themselves).
HELPER_BINS = $(BUILD)/tests/renames_dump $(BUILD)/tests/deps_dump \
	      $(BUILD)/tests/mkimg $(BUILD)/tests/snorm_dump
# Fuzz harnesses: with replay.c for the tests, with libFuzzer for `make fuzz`.
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES = $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
REPLAY_BINS = $(FUZZ_NAMES:%=$(BUILD)/tests/replay_%)
FUZZ_BINS = $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
CLANG	?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined \
	   -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all site test asan valgrind golden deps deps-build deps-test clean unit bench bench-images bench-history bench-search mkphotos imgspeed filecost fuzz fuzz-bins install uninstall FORCE

all: cchc

cchc: $(BUILD)/cchc
	cp $(BUILD)/cchc cchc

$(BUILD)/cchc: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: generator/%.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# theme.o alone carries DATADIR; it is remade when DATADIR changes
# (`make install PREFIX=/usr` after a plain `make`).
$(BUILD)/theme.o: CPPFLAGS += -DCCHC_DATADIR='"$(DATADIR)"'
$(BUILD)/theme.o $(BUILD)/faults/theme.o: $(BUILD)/datadir
$(BUILD)/datadir: FORCE | $(BUILD)
	@echo '$(DATADIR)' >$@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

FORCE:

$(BUILD)/unitdata.c: data/don-vi.yaml tools/embed.sh | $(BUILD)
	sh tools/embed.sh unit_data data/don-vi.yaml >$@.tmp && mv $@.tmp $@

$(BUILD)/unitdata.o: $(BUILD)/unitdata.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/faults/%.o: generator/%.c | $(BUILD)/faults
	$(CC) $(CPPFLAGS) -DCCHC_FAULTS $(CFLAGS) -c -o $@ $<

$(TEST_BIN): $(FAULT_OBJS) $(filter-out $(FAULT_OBJS:$(BUILD)/faults/%=$(BUILD)/%),$(OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%.o: tests/unit/%.c | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests -Igenerator -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(LIBOBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(SPEC_BIN): tests/mustache_spec.c $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests -Igenerator -o $@ tests/mustache_spec.c $(LIBOBJS) $(LDLIBS)

$(BUILD)/tests/renames_dump: tests/renames_dump.c $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igenerator -o $@ tests/renames_dump.c $(LIBOBJS) $(LDLIBS)

$(BUILD)/tests/deps_dump: tests/deps_dump.c $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igenerator -o $@ tests/deps_dump.c $(LIBOBJS) $(LDLIBS)

# The search normalisation line by line, for tests/searchnorm.sh.
$(BUILD)/tests/snorm_dump: tests/snorm_dump.c $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igenerator -o $@ tests/snorm_dump.c $(LIBOBJS) $(LDLIBS)

# Test images (photos with EXIF orientation and GPS, PNGs) and the
# upright check, through the generator's image layer (tests/images.sh).
$(BUILD)/tests/mkimg: tests/mkimg.c $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igenerator -o $@ tests/mkimg.c $(LIBOBJS) $(LDLIBS)

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/fuzz -Igenerator -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(LIBOBJS) $(LDLIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIBOBJS) | $(BUILD)/fuzz
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -Itests/fuzz -Igenerator -o $@ $< $(LIBOBJS) $(LDLIBS)

$(BUILD) $(BUILD)/tests $(BUILD)/fuzz $(BUILD)/faults:
	mkdir -p $@

unit: $(UNIT_BINS) $(SPEC_BIN) $(HELPER_BINS) $(REPLAY_BINS) $(TEST_BIN)

fuzz-bins: $(FUZZ_BINS)

# A clang whose libFuzzer runtime links (tests/fuzz/run.sh --clang says
# which, or what to install), then every harness for FUZZ_SECONDS.
fuzz:
	@cc=$$(sh tests/fuzz/run.sh --clang "$(CLANG)") || exit 1; \
	$(MAKE) --no-print-directory BUILD=build-fuzz CC="$$cc" OPT='-O1 -g' \
	    SAN='$(FUZZ_SAN)' fuzz-bins && \
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) sh tests/fuzz/run.sh

deps-build:
	@sh tools/deps.sh build

deps-test:
	@sh tools/deps.sh test

deps: deps-build deps-test

# The sample site to open from disk (public/index.html): folder links end
# in index.html (--links files), or a click shows a folder listing.
site: deps-build
	@$(MAKE) --no-print-directory cchc
	./cchc build --source . --out public --links files
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
	@sh tests/rules.sh --update

bench: cchc mkphotos
	@sh bench/run.sh
	@[ "$${BENCH_IMAGES:-1}" = 0 ] || sh bench/images.sh

bench-images: cchc mkphotos
	@sh bench/images.sh

# Phone-like JPEGs for bench/images.sh: libturbojpeg only, no generator code.
mkphotos: $(BUILD)/bench/mkphotos

$(BUILD)/bench/mkphotos: bench/mkphotos.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -std=c11 $(OPT) $(WARN) $(SAN) -pthread \
	    $(shell pkg-config --cflags libturbojpeg 2>/dev/null) -o $@ $< \
	    $(shell pkg-config --libs libturbojpeg 2>/dev/null) -pthread

bench-history:
	@sh bench/history.sh

bench-search: cchc
	@sh bench/search.sh

imgspeed: $(BUILD)/imgspeed

$(BUILD)/imgspeed: bench/imgspeed.c $(LIBOBJS) | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igenerator -o $@ bench/imgspeed.c $(LIBOBJS) $(LDLIBS)

filecost: $(BUILD)/filecost

$(BUILD)/filecost: bench/filecost.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ bench/filecost.c

# The binary, the man page, and the default theme (archetypes included)
# where cchc looks for it; a theme file removed from the tree is removed
# from the installed copy too.
install: $(BUILD)/cchc
	@test -n "$(DATADIR)" || { echo "make install: DATADIR is empty" >&2; exit 1; }
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/themes
	install -m 755 $(BUILD)/cchc $(DESTDIR)$(BINDIR)/cchc
	install -m 644 docs/cchc.1 $(DESTDIR)$(MANDIR)/man1/cchc.1
	rm -rf $(DESTDIR)$(DATADIR)/themes/default
	cp -R themes/default $(DESTDIR)$(DATADIR)/themes/default
	chmod -R u=rwX,go=rX $(DESTDIR)$(DATADIR)/themes/default

uninstall:
	@test -n "$(DATADIR)" || { echo "make uninstall: DATADIR is empty" >&2; exit 1; }
	rm -f $(DESTDIR)$(BINDIR)/cchc $(DESTDIR)$(MANDIR)/man1/cchc.1
	rm -rf $(DESTDIR)$(DATADIR)/themes/default
	-rmdir $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-asan build-fuzz cchc public .public.* 

-include $(OBJS:.o=.d) $(FAULT_OBJS:.o=.d) $(UNIT_BINS:=.d) $(HELPER_BINS:=.d) $(REPLAY_BINS:=.d)
