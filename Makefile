# For people: the build itself is CMake's (build/). `make check` installs
# what it needs, builds and runs every test through ctest.
BUILD ?= build
SANITIZE ?= 0
ifeq ($(SANITIZE),1)
BUILD := build-asan
CMAKE_FLAGS += -DPLANCONV_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
endif
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PLANCONV := $(BUILD)/planconv

.PHONY: all deps build demo check bench clean

all: build

deps:
	@sh tools/deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@sh tools/demo.sh $(PLANCONV)

check: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@echo "make bench: not yet written (issue: Performance)"; exit 2

clean:
	rm -rf build build-asan
