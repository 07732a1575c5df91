# Thin wrapper: installs what is missing, configures, builds, runs.
BUILD   ?= build
CONFIG  ?= assets/site/demo.ini
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test bench screenshots asan clean central

all: build

deps:
	@sh board/debian/install-deps

$(BUILD)/CMakeCache.txt:
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@mkdir -p $(BUILD)/run-data
	$(BUILD)/kiosk --config $(CONFIG) --data-dir $(BUILD)/run-data --window

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Figures only on stdout, one "name value unit" per line: the build talks on stderr.
bench: configure
	@cmake --build $(BUILD) -j $(JOBS) >&2
	@$(BUILD)/tests/kiosk_bench --kiosk $(BUILD)/kiosk --assets assets
	@sh tests/bench/print_latency.sh $(BUILD)/kiosk $(CURDIR)
	@sh tests/bench/uplink_drain.sh $(BUILD)/kiosk $(BUILD)/central/kiosk-central $(BUILD)/tests/uplink/outbox_driver $(CURDIR)

screenshots: build
	@rm -rf $(BUILD)/screenshots && mkdir -p $(BUILD)/screenshots
	@sh tests/screenshots.sh $(BUILD)/kiosk $(BUILD)/screenshots

# The reference central server (docs/protocol.md) on the demo site, with a fresh enrolment token.
central: build
	@token=$$($(BUILD)/central/kiosk-central --data $(BUILD)/central-data --new-token demo) && \
		echo "enrolment token for office demo (one use, 24 hours): $$token" >&2 && \
		echo "enrol a kiosk with: kiosk --enrol $$token  (server http://127.0.0.1:8470/)" >&2
	$(BUILD)/central/kiosk-central --listen 127.0.0.1:8470 --data $(BUILD)/central-data --office demo=assets/site/demo.ini

asan:
	@$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DKIOSK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"

clean:
	rm -rf $(BUILD) build-asan
