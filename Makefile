# For people: the build itself is CMake's (build/). `make check` installs
# what it needs, builds and runs every test through ctest.
BUILD ?= build
SANITIZE ?= 0
ifeq ($(SANITIZE),1)
BUILD := build-asan
CMAKE_FLAGS += -DPLANCONV_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
endif
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 30
FUZZ_SEED ?=
FUZZ_BUILD ?= build-fuzz
PLANCONV := $(BUILD)/planconv

.PHONY: all deps build demo check bench fuzz tsan reliability-doc conformance-doc install pot clean

all: build

deps:
	@sh tools/deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@sh tools/demo.sh $(PLANCONV)

# make check VALGRIND=1 runs every golden case under valgrind (slow)
ifeq ($(VALGRIND),1)
CHECK_ENV := PLANCONV_VALGRIND=1
CHECK_ARGS := -R '^case/' -E 'hostile-unreadable-input' --timeout 600
endif

check: build
	@cd $(BUILD) && $(CHECK_ENV) ctest --output-on-failure -j $(JOBS) $(CHECK_ARGS)

# libFuzzer targets (tests/fuzz), FUZZ_SECONDS each; crashes land in
# tests/fuzz/regress/ and fail the run.
fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DPLANCONV_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@FUZZ_SEED=$(FUZZ_SEED) sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# ThreadSanitizer: the threads tests, convert --jobs 4 and --threads 2 (tests/tsan.sh);
# a data race fails it. About two minutes, so not in .ci/run.
TSAN_BUILD ?= build-tsan
tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -DPLANCONV_TSAN=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target planconv test_threads test_reader_thread
	@sh tests/tsan.sh $(TSAN_BUILD)

# docs/reliability.md, generated from the hostile test cases (each run
# and measured: time, peak memory)
reliability-doc: build
	@sh tests/hostile/reliability_doc.sh docs/reliability.md $(PLANCONV)

# docs/conformance.md, generated from tests/conformance (FEATURES.tsv, the cases)
conformance-doc:
	@sh tests/conformance/doc.sh >docs/conformance.md

bench: deps
	@bash bench/run.sh

# make install [PREFIX=/usr/local] [DESTDIR=stage]
PREFIX ?= /usr/local
install: build
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

# po/planconv.pot: the messages to translate (po/ja.po is the Japanese catalog)
pot:
	@xgettext --from-code=UTF-8 --add-comments -k -kPC_:1 -kN_:1 -kgettext:1 -kngettext:1,2 -kpc_ngettext:1,2 -kpc_report:3 -kbad:2 -krun_error:4 -kfail:3 \
	    -kpc_reader_error:6 -kcast_error:5 -kfield_error:4 -kfield_warning:4 -kdngettext:2,3 -kfinding:7 -kgroup_error:5 -kpc_tree_fail:2 -kpc_ndl_fail:4 -kusage_error:2 -kusage:2 -kusage_hint:3 -kwarn:3 -kdialect_error:4 -klayout_warning:6 -kpkg_fail:4 \
	    -o po/planconv.pot core/*.c formats/*.c validate/*.c convert/*.c cli/*.c
	@echo "po/planconv.pot written; merge new messages into po/ja.po by hand or with msgmerge"

clean:
	rm -rf build build-asan $(FUZZ_BUILD) $(TSAN_BUILD)
