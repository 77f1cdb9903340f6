# The two Quick start commands. Each works alone on a fresh Debian machine:
# scripts/setup.sh installs what is missing and builds.
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
export MIGCHECK_BUILD_DIR := $(BUILD)

.PHONY: build demo test sanitize bench format clean

build:
	@scripts/setup.sh

# The demo runs only the binary: building the test suite too took most of its time.
demo:
	@scripts/setup.sh --target migcheck
	@scripts/demo.sh $(BUILD)/migcheck

test: build
	cd $(BUILD) && ctest --output-on-failure -j 2

# The whole suite under AddressSanitizer and UBSan, in a build directory of its
# own. Leaks are reported except the known ones of the libraries migcheck uses,
# listed in the suppressions file.
sanitize:
	@MIGCHECK_BUILD_DIR=$(SANITIZE_BUILD) scripts/setup.sh -DMIGCHECK_SANITIZE=ON
	cd $(SANITIZE_BUILD) && \
	  ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizer/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j 2

bench: build
	@bench/run.sh $(BUILD)/migcheck

format:
	@find linter rules migrations runner ci tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
