# seaworthy build. `make` builds build/seaworthy; `make check` builds an
# ASan+UBSan variant in build-san/ and runs the whole suite through it;
# `make install` installs the binary, the manual pages and the completions.
# GNU make. CC, CPPFLAGS, CFLAGS and LDFLAGS are the caller's; the project's
# own flags are added around them.
CC      ?= cc
VERSION := 0.1.0
WARN    := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
           -Wshadow -Wwrite-strings -Wformat=2 -Wvla
CFLAGS  ?= -O2 -g
# DEVELOPER=1 (what ./dev test and CI build with) makes every warning an
# error, as git's DEVELOPER=1 does.
ifeq ($(DEVELOPER),1)
WARN    += -Werror
endif
# Hardening, on by default; `make HARDEN=` turns it off (the sanitizer and
# fuzzer builds do), or set HARDEN_CPPFLAGS, HARDEN_CFLAGS, HARDEN_LDFLAGS.
HARDEN  ?= 1
HARDEN_CPPFLAGS ?= -D_FORTIFY_SOURCE=2
HARDEN_CFLAGS   ?= -fstack-protector-strong -fPIE
HARDEN_LDFLAGS  ?= -pie -Wl,-z,relro,-z,now
# _FORTIFY_SOURCE needs an optimizing build (glibc warns otherwise).
H_CPPFLAGS = $(if $(HARDEN),$(if $(filter-out -O0,$(filter -O%,$(CFLAGS))),$(HARDEN_CPPFLAGS)))
H_CFLAGS   = $(if $(HARDEN),$(HARDEN_CFLAGS))
H_LDFLAGS  = $(if $(HARDEN),$(HARDEN_LDFLAGS))
# -pthread: images from the engine stream through a thread (src/input/image/archive.c).
ALL_CPPFLAGS = -D_GNU_SOURCE -Isrc -DSW_VERSION='"$(VERSION)"' $(H_CPPFLAGS) $(CPPFLAGS) \
               $(shell pkg-config --cflags jansson yaml-0.1 libarchive libcurl 2>/dev/null)
ALL_CFLAGS = -std=c17 -pthread $(WARN) $(H_CFLAGS) $(CFLAGS) $(ALL_CPPFLAGS)
ALL_LDFLAGS = $(H_LDFLAGS) $(LDFLAGS)
# libcurl and libarchive are loaded at run time (dlopen) by src/input/engine/engine.c
# and src/input/image/archive.c, not linked: only their headers are needed here.
# dlopen is in libdl on Linux (glibc before 2.34), in libc elsewhere.
DL_LIBS ?= $(if $(filter Linux,$(shell uname -s 2>/dev/null)),-ldl)
LIBS    := $(shell pkg-config --libs jansson yaml-0.1 2>/dev/null || echo -ljansson -lyaml) $(DL_LIBS)

# Where `make install` puts things (DESTDIR is prepended to each).
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
INSTALL ?= install

B       ?= build
SRC     := $(sort $(shell find src -name '*.c'))
LIBSRC  := $(filter-out src/main.c,$(SRC))
OBJ     := $(SRC:%.c=$(B)/%.o)
LIBOBJ  := $(LIBSRC:%.c=$(B)/%.o)
UNITSRC := $(sort $(wildcard tests/unit/*.c))
UNITOBJ := $(UNITSRC:%.c=$(B)/%.o)

SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all clean check test unit san tsan fuzz fuzz-run bench example install \
        uninstall test-clean-root image FORCE
all: $(B)/seaworthy

# The commit `seaworthy --version` names: git's, or COMMIT=... (a tarball
# or package build without .git says "unknown"). $(B)/COMMIT changes only
# when the commit does, so only main.o is rebuilt then.
COMMIT  ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
$(B)/COMMIT: FORCE
	@mkdir -p $(B)
	@echo '$(COMMIT)' | cmp -s - $@ 2>/dev/null || echo '$(COMMIT)' >$@
$(B)/src/main.o: $(B)/COMMIT
$(B)/src/main.o: ALL_CPPFLAGS += -DSW_COMMIT='"$(COMMIT)"'

$(B)/seaworthy: $(OBJ)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(OBJ) $(LIBS)

# Exact header dependencies: each object's .d file lists the headers it read.
$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
-include $(OBJ:.o=.d)

$(B)/unit-tests: $(LIBOBJ) $(UNITOBJ)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(UNITOBJ) $(LIBOBJ) $(LIBS)

$(B)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -c -o $@ $<
-include $(UNITOBJ:.o=.d)

# The suite against whatever binary $(B) holds.
test: $(B)/seaworthy $(B)/unit-tests
	tests/run.sh $(B)

# The unit tests alone (tests/unit), against the objects of $(B).
unit: $(B)/unit-tests
	$(B)/unit-tests

# The suite under ASan and UBSan with leak detection: what CI runs.
# No hardening there: _FORTIFY_SOURCE's checked functions hide calls from ASan.
check:
	$(MAKE) B=build-san CC=clang HARDEN= CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" test

san:
	$(MAKE) B=build-san CC=clang HARDEN= CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" build-san/seaworthy

# ThreadSanitizer: check's workers over the shared corpora and projects
# (tests/tsan.sh; it skips, saying so, when ../shared is absent).
TSAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=thread
tsan:
	$(MAKE) B=build-tsan CC=clang HARDEN= CFLAGS="$(TSAN_FLAGS)" LDFLAGS="-fsanitize=thread" build-tsan/seaworthy
	tests/tsan.sh build-tsan/seaworthy

# libFuzzer targets, one per parser (fuzz/fuzz_*.c). The library is built
# once into build-fuzz/obj/ with coverage and sanitizers; any UBSan report is
# fatal so the fuzzer sees it as a crash.
FUZZSRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZBIN := $(FUZZSRC:fuzz/%.c=build-fuzz/%)
FUZZOBJ := $(LIBSRC:%.c=build-fuzz/obj/%.o)
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -pthread $(WARN) -O1 -g -fno-omit-frame-pointer -Isrc \
               -DSW_VERSION='"$(VERSION)"' $(shell pkg-config --cflags jansson yaml-0.1 libarchive libcurl 2>/dev/null) \
               -fno-sanitize-recover=all
fuzz: $(FUZZBIN)
.SECONDARY: $(FUZZOBJ)
build-fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<
build-fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZOBJ)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -MMD -MP -MF build-fuzz/fuzz_$*.d -o $@ $< $(FUZZOBJ) $(LIBS)
-include $(FUZZOBJ:.o=.d) $(FUZZBIN:=.d)
# Fuzzes each target for FUZZ_SECONDS from a seed corpus (see fuzz/run.sh).
FUZZ_SECONDS ?= 60
fuzz-run: fuzz
	fuzz/run.sh $(FUZZ_SECONDS)

bench: $(B)/seaworthy
	bench/run.sh $(B)/seaworthy

example: $(B)/seaworthy
	$(B)/seaworthy check examples/webapp || test $$? -eq 1

# man/seaworthy-rules.7 is generated from the rule table (tests/run.sh checks
# that it is current); man/seaworthy.1 is written by hand. `make docs` also
# regenerates docs/rules.md and docs/seaworthy.schema.json (the JSON Schema
# of .seaworthy.yaml), which tests/run.sh checks the same way.
.PHONY: man docs
man: $(B)/seaworthy
	$(B)/seaworthy rules --man >man/seaworthy-rules.7
docs: man
	$(B)/seaworthy rules --markdown >docs/rules.md
	$(B)/seaworthy rules --format schema >docs/seaworthy.schema.json

# The binary, both manual pages and the bash, zsh and fish completions.
install: $(B)/seaworthy
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	$(INSTALL) -m 755 $(B)/seaworthy $(DESTDIR)$(BINDIR)/seaworthy
	$(INSTALL) -m 644 man/seaworthy.1 $(DESTDIR)$(MANDIR)/man1/seaworthy.1
	$(INSTALL) -m 644 man/seaworthy-rules.7 $(DESTDIR)$(MANDIR)/man7/seaworthy-rules.7
	$(INSTALL) -m 644 completion/seaworthy.bash $(DESTDIR)$(BASHCOMPDIR)/seaworthy
	$(INSTALL) -m 644 completion/_seaworthy $(DESTDIR)$(ZSHCOMPDIR)/_seaworthy
	$(INSTALL) -m 644 completion/seaworthy.fish $(DESTDIR)$(FISHCOMPDIR)/seaworthy.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/seaworthy $(DESTDIR)$(MANDIR)/man1/seaworthy.1 \
		$(DESTDIR)$(MANDIR)/man7/seaworthy-rules.7 $(DESTDIR)$(BASHCOMPDIR)/seaworthy \
		$(DESTDIR)$(ZSHCOMPDIR)/_seaworthy $(DESTDIR)$(FISHCOMPDIR)/seaworthy.fish

# seaworthy's own container image (Dockerfile) on the engine docker reaches.
IMAGE ?= seaworthy:latest
image:
	docker build --build-arg SW_COMMIT=$(COMMIT) -t $(IMAGE) .

# Slow: a clean Debian 12 root made with mmdebstrap, in which make install,
# the .deb, the GitHub Action's steps and the GitLab template's run
# (tests/clean-root/run.sh; needs root and the Debian archive).
# Exit 77 (it cannot run here: not root, no mmdebstrap, no archive) is a
# skip, which the script prints; not a failure.
test-clean-root:
	tests/clean-root/run.sh || [ $$? -eq 77 ]

clean:
	rm -rf build build-san build-tsan build-fuzz
