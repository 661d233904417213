# kg-rivalry: a thin wrapper over CMake (as DuckDB does).
#
#   make         build build/kg (RelWithDebInfo: -O2 -g) and check formatting
#   make demo    install deps, build, and run kg on the bundled sample data
#   make test    install deps, build, run the test suite, then again under ASan+UBSan
#   make bench   build and run the benchmarks (figures go to bench/RESULTS.md by hand)
#   make format  reformat the sources with clang-format

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_DIR ?= build
SAN_DIR ?= build-asan
CMAKE_FLAGS ?=

.PHONY: all build deps demo test test-release test-sanitize bench fuzz format format-check clean

all: build

deps:
	@bash tools/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)
	@cmake --build $(BUILD_DIR) --target format-check

demo: deps build
	@bash tools/demo.sh $(BUILD_DIR)/kg

test: deps test-release test-sanitize

test-release: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

$(SAN_DIR)/CMakeCache.txt:
	cmake -S . -B $(SAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DKG_SANITIZE=ON -DKG_BUILD_BENCH=OFF $(CMAKE_FLAGS)

test-sanitize: $(SAN_DIR)/CMakeCache.txt
	cmake --build $(SAN_DIR) -j $(JOBS)
	cd $(SAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# libFuzzer over article reading and extraction, seeded with the sample
# corpus, then over the query language's lexer and parser, seeded with
# tests/fuzz/query_corpus, each for FUZZ_SECONDS (default 60). Needs clang-14
# and libclang-rt-14-dev.
FUZZ_SECONDS ?= 60
fuzz: deps
	CXX=clang++-14 cmake -S . -B build-fuzz -DKG_FUZZ=ON -DKG_BUILD_TESTS=OFF -DKG_BUILD_BENCH=OFF
	cmake --build build-fuzz --target extract_fuzz query_parser_fuzz -j $(JOBS)
	mkdir -p build-fuzz/corpus && cp data/sample/*.txt data/sample/*.jsonl build-fuzz/corpus/
	build-fuzz/extract_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	  -rss_limit_mb=2048 build-fuzz/corpus
	mkdir -p build-fuzz/query_corpus && cp tests/fuzz/query_corpus/* build-fuzz/query_corpus/
	build-fuzz/query_parser_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  -rss_limit_mb=2048 build-fuzz/query_corpus

bench: deps build
	bash bench/run.sh $(BUILD_DIR)

format: $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) --target format

format-check: $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) --target format-check

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR)
