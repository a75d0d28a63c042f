# tppscan: find accelerators, compute TPP/PD, classify against ECCN 3A090/4A090.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   make                  build ./build/tppscan
#   make check            unit tests, data validation, CLI golden tests
#   make SANITIZE=1 BUILD=build-asan check     the same under ASan+UBSan
#   make fuzz             libFuzzer targets (clang), make fuzz-run to run them briefly
#   make install          PREFIX=/usr/local DESTDIR=

VERSION     := 0.1.0

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
DATAROOTDIR ?= $(PREFIX)/share
PKGDATADIR  ?= $(DATAROOTDIR)/tppscan
MANDIR      ?= $(DATAROOTDIR)/man
BASHCOMPDIR ?= $(DATAROOTDIR)/bash-completion/completions
DESTDIR     ?=

CC          ?= cc
BUILD       ?= build
PKG_CONFIG  ?= pkg-config
PKGS        := libpci libdrm libdrm_amdgpu jansson libcrypto cairo fontconfig sqlite3

OPT_CFLAGS  ?= -O2 -g
WARN_CFLAGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
STD_CFLAGS  := -std=c11 -D_GNU_SOURCE
DEP_CFLAGS   = $(shell $(PKG_CONFIG) --cflags $(PKGS))
DEP_LIBS     = $(shell $(PKG_CONFIG) --libs $(PKGS)) -ldl -lm
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka)

ifeq ($(SANITIZE),1)
SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT_CFLAGS  := -O1 -g
endif

ALL_CFLAGS   = $(STD_CFLAGS) $(WARN_CFLAGS) $(OPT_CFLAGS) $(SAN_FLAGS) -I. -I$(BUILD) \
               -DTPPSCAN_VERSION='"$(VERSION)"' -DTPPSCAN_PKGDATADIR='"$(PKGDATADIR)"' \
               $(DEP_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS  = $(SAN_FLAGS) $(LDFLAGS)

# Every module under these directories goes into the library; new files need no Makefile edit.
LIB_SRCS    := $(sort $(wildcard core/*.c classify/*.c probe/*.c cli/*.c))
LIB_OBJS    := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded_data.o $(BUILD)/kb_generated.o
DATA_FILES  := $(sort $(wildcard thresholds/*.json devices/*.json destinations/*.json))
UNIT_SRCS   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS   := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TESTLIB_SRCS := $(sort $(wildcard tests/support/*.c))
TESTLIB_OBJS := $(TESTLIB_SRCS:%.c=$(BUILD)/%.o)
FAKE_SRCS   := $(sort $(wildcard tests/fakes/*.c))
FUZZ_SRCS   := $(sort $(wildcard tests/fuzz/fuzz_*.c))

.PHONY: FORCE all check unit-tests cli-tests deps-check install uninstall clean demo fuzz fuzz-run golden-update bench bench-fleet memcheck
all: $(BUILD)/tppscan

$(BUILD)/tppscan: $(BUILD)/tppscan.o $(BUILD)/libtppscan.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(BUILD)/libtppscan.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Data files are embedded so a single binary works on a lab's live USB stick.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<

# The list itself is a prerequisite: a data file removed or added rebuilds it.
$(BUILD)/data-files.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATA_FILES)' | cmp -s - $@ || echo '$(DATA_FILES)' > $@

$(BUILD)/embedded_data.c: $(BUILD)/embed $(DATA_FILES) $(BUILD)/data-files.list
	$(BUILD)/embed $(DATA_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded_data.o: $(BUILD)/embedded_data.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The knowledge base, loaded and validated at build time by the tool's own
# loader and written out as C, so start-up parses no JSON for it.
KBGEN_SRCS := tools/kbgen.c classify/kb_util.c classify/kb_parse.c classify/kb_check.c classify/kb_load.c classify/kb_query.c core/jsonv.c classify/metrics.c core/date.c \
	      core/error.c core/datafiles.c core/input.c core/grow.c
$(BUILD)/kbgen: $(KBGEN_SRCS) $(wildcard classify/*.h core/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(STD_CFLAGS) $(WARN_CFLAGS) -O1 -I. $(shell $(PKG_CONFIG) --cflags jansson) -o $@ $(KBGEN_SRCS) \
	  $(shell $(PKG_CONFIG) --libs jansson) -lm

$(BUILD)/kb_generated.c: $(BUILD)/kbgen $(DATA_FILES)
	$(BUILD)/kbgen . > $@.tmp && mv $@.tmp $@

$(BUILD)/kb_generated.o: $(BUILD)/kb_generated.c
	$(CC) $(ALL_CFLAGS) -Wno-missing-field-initializers -c -o $@ $<

# Unit tests: one cmocka binary per tests/unit/test_*.c
$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(TESTLIB_OBJS) $(BUILD)/libtppscan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -c -o $@ $<

# Fake shared libraries used by tests (e.g. a stand-in libnvidia-ml.so.1).
FAKE_LIBS := $(FAKE_SRCS:tests/fakes/%.c=$(BUILD)/fakes/%.so)
$(BUILD)/fakes/%.so: tests/fakes/%.c
	@mkdir -p $(dir $@)
	$(CC) $(STD_CFLAGS) $(WARN_CFLAGS) -O1 -g -fPIC -shared -o $@ $<

unit-tests: $(UNIT_BINS) $(FAKE_LIBS) $(BUILD)/tppscan
	@set -e; for t in $(UNIT_BINS); do \
	  echo "== $$t"; TPPSCAN_BUILD=$(BUILD) $$t; done

cli-tests: $(BUILD)/tppscan $(FAKE_LIBS)
	tests/cli/run.sh $(BUILD)/tppscan

deps-check: $(BUILD)/libtppscan.a
	scripts/check-deps.sh $(BUILD)

check: unit-tests cli-tests deps-check
	@echo "make check: all tests passed"

golden-update: $(BUILD)/tppscan $(FAKE_LIBS)
	UPDATE=1 tests/cli/run.sh $(BUILD)/tppscan

demo: $(BUILD)/tppscan
	@sh examples/demo.sh $(BUILD)/tppscan

# libFuzzer targets: built with clang into build-fuzz/ regardless of BUILD.
FUZZ_CC     ?= clang
FUZZ_BUILD  := build-fuzz
FUZZ_FLAGS  := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
FUZZ_BINS   := $(FUZZ_SRCS:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
FUZZ_SECONDS ?= 20
fuzz:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SAN_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	  OPT_CFLAGS="-O1 -g" $(FUZZ_BUILD)/libtppscan.a
	@set -e; for f in $(FUZZ_SRCS); do n=$$(basename $$f .c); \
	  echo "  FUZZ $$n"; \
	  $(FUZZ_CC) $(STD_CFLAGS) $(WARN_CFLAGS) $(FUZZ_FLAGS) -I. -I$(FUZZ_BUILD) $(DEP_CFLAGS) \
	    -o $(FUZZ_BUILD)/$$n $$f $(FUZZ_BUILD)/libtppscan.a $(DEP_LIBS); done

# Memcheck: ASan does not see a read of uninitialised memory; valgrind does.
# The unit tests and the golden files (not the scripted checks) under it.
MEMCHECK = valgrind -q --error-exitcode=99 --leak-check=no
memcheck: $(UNIT_BINS) $(FAKE_LIBS) $(BUILD)/tppscan
	@set -e; for t in $(UNIT_BINS); do echo "== memcheck $$t"; \
	  TPPSCAN_BUILD=$(BUILD) $(MEMCHECK) $$t >$(BUILD)/memcheck.log 2>&1 || { cat $(BUILD)/memcheck.log; exit 1; }; done
	printf '#!/bin/sh\nexec $(MEMCHECK) "$$(dirname "$$0")/tppscan" "$$@"\n' >$(BUILD)/tppscan-memcheck
	chmod +x $(BUILD)/tppscan-memcheck
	GOLDEN_ONLY=1 tests/cli/run.sh $(BUILD)/tppscan-memcheck

fuzz-run: fuzz
	@set -e; for f in $(FUZZ_SRCS); do n=$$(basename $$f .c); \
	  corpus=tests/fuzz/corpus/$$n; mkdir -p $(FUZZ_BUILD)/corpus-$$n; \
	  echo "== fuzzing $$n for $(FUZZ_SECONDS)s"; \
	  $(FUZZ_BUILD)/$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    $(FUZZ_BUILD)/corpus-$$n $$( [ -d $$corpus ] && echo $$corpus ) ; done

bench: $(BUILD)/tppscan
	bench/run.sh $(BUILD)/tppscan

bench-fleet: $(BUILD)/tppscan
	bench/fleet.sh $(BUILD)/tppscan

install: $(BUILD)/tppscan
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PKGDATADIR)/thresholds $(DESTDIR)$(PKGDATADIR)/devices \
	  $(DESTDIR)$(PKGDATADIR)/destinations \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/tppscan $(DESTDIR)$(BINDIR)/tppscan
	install -m 644 $(wildcard thresholds/*.json) $(DESTDIR)$(PKGDATADIR)/thresholds/
	$(if $(wildcard devices/*.json),install -m 644 $(wildcard devices/*.json) $(DESTDIR)$(PKGDATADIR)/devices/)
	install -m 644 $(wildcard destinations/*.json) $(DESTDIR)$(PKGDATADIR)/destinations/
	sed -e 's,/usr/local/share/tppscan,$(PKGDATADIR),' docs/tppscan.1 > $(DESTDIR)$(MANDIR)/man1/tppscan.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/tppscan.1
	install -m 644 docs/tppscan.bash-completion $(DESTDIR)$(BASHCOMPDIR)/tppscan

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tppscan $(DESTDIR)$(MANDIR)/man1/tppscan.1 $(DESTDIR)$(BASHCOMPDIR)/tppscan
	rm -rf $(DESTDIR)$(PKGDATADIR)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

FORCE:
