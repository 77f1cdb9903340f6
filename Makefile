# The two Quick start commands. Each works alone on a fresh Debian machine:
# scripts/setup.sh installs what is missing and builds.
BUILD ?= build
export MIGCHECK_BUILD_DIR := $(BUILD)

.PHONY: build demo test bench format clean

build:
	@scripts/setup.sh

demo: build
	@scripts/demo.sh $(BUILD)/migcheck

test: build
	cd $(BUILD) && ctest --output-on-failure -j 2

bench: build
	@bench/run.sh $(BUILD)/migcheck

format:
	@find linter rules migrations runner ci tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
