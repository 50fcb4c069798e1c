# steampipe-plugin-prolific
#
#   make            build the plugin into Steampipe's plugin directory (same as make install)
#   make test       run every Go test: unit, in-process gRPC, the go-plugin subprocess test and the SDK patch's own
#   make sdk        prepare the patched plugin SDK in build/sdk/ (every target below builds against it, see patches/)
#   make lint       golangci-lint v2 (installed into build/bin on first use)
#   make postgres   build the PostgreSQL extension steampipe_postgres_prolific into build/postgres/
#   make test-sql   the SQL stage: the extension in a throwaway PostgreSQL 15 against the fake API (root)
#   make demo       run the docs' example queries against the fake API through SQLite and print the results (no root)
#   make demo-postgres  the same through PostgreSQL (root)
#   make test-steampipe  the real Steampipe CLI v1.1.3 runs the plugin binary `make` builds (root; see test/steampipe)
#   make stress     every error path, many times under CPU load, patched and stock SDK, in process and over go-plugin
#   make export     build the export CLI steampipe_export_prolific into build/bin/
#   make test-export the export CLI's tests run against the binary make export built
#   make sqlite     build the SQLite extension build/steampipe_sqlite_prolific.so
#   make test-sqlite  the SQLite stage: the extension from Python and the sqlite3 shell against the fake API
#   make test-dashboards  the Powerpipe mod in dashboards/ run by real Powerpipe on both FDW builds (root)

STEAMPIPE_INSTALL_DIR ?= $(HOME)/.steampipe
PLUGIN_DIR            := $(STEAMPIPE_INSTALL_DIR)/plugins/local/prolific
CONFIG_DIR            := $(STEAMPIPE_INSTALL_DIR)/config
BUILD_TAGS            := netgo
VERSION               ?= v0.0.1
LDFLAGS               := -X github.com/pipeworks/steampipe-plugin-prolific/prolific.Version=$(VERSION)
GOLANGCI_LINT_VERSION := v2.11.4
GOLANGCI_LINT         := $(CURDIR)/build/bin/golangci-lint

# Every artifact is built against the patched SDK (patches/sdk/*.patch, prepared by `make sdk`): the go command reads
# build/sdk/go.mod, which is go.mod plus a replace of the SDK by the patched copy. go.mod itself stays clean, so a plain
# `go build` still works, but only these targets build the binary that never loses an error.
PATCHED_GOFLAGS       := -modfile=$(CURDIR)/build/sdk/go.mod $(shell go env GOFLAGS)
SDK_MODULE            := github.com/turbot/steampipe-plugin-sdk/v5
# The tests the SDK patches add to the SDK (patches/sdk/*.patch), by name.
SDK_PATCH_TESTS       := -run 'ExecuteReturnsErrors|CallExecuteAsyncReturnsErrors|StreamRowsPrefersError|GetRowsSinceKeepsRows|CreateCacheStoreReservesLittleHeap|ColumnTransformsSeeKeyColumnQuals|AddContextData|CacheServesOtherColumnsOfCachedRows|FreeMemIntervalIsOffUnlessSet'

.PHONY: install sdk test lint

install: sdk
	GOFLAGS="$(PATCHED_GOFLAGS)" go build -o $(PLUGIN_DIR)/prolific.plugin -tags "$(BUILD_TAGS)" -ldflags "$(LDFLAGS)" .
	@mkdir -p $(CONFIG_DIR)
	@if [ -f $(CONFIG_DIR)/prolific.spc ]; then \
		echo "Kept your existing $(CONFIG_DIR)/prolific.spc"; \
	else \
		cp config/prolific.spc $(CONFIG_DIR)/prolific.spc && echo "Installed $(CONFIG_DIR)/prolific.spc: set your token there or in PROLIFIC_TOKEN"; \
	fi
	@echo "Installed $(PLUGIN_DIR)/prolific.plugin"

sdk:
	@patches/patched-sdk.sh

# The repository's tests and the tests each SDK patch adds to the SDK, all against the patched SDK. The go-plugin
# test builds the plugin binary with the same GOFLAGS, so it too runs the patched build.
test: sdk
	GOFLAGS="$(PATCHED_GOFLAGS)" go test -count=1 ./...
	GOFLAGS="$(PATCHED_GOFLAGS)" go test -count=1 $(SDK_PATCH_TESTS) $(SDK_MODULE)/plugin $(SDK_MODULE)/query_cache

lint: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...

$(GOLANGCI_LINT):
	GOBIN=$(CURDIR)/build/bin go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

.PHONY: postgres test-sql test-sql-stock

# The plugin as the PostgreSQL extension steampipe_postgres_prolific, in build/postgres/ (see postgres/).
postgres:
	postgres/build-extension.sh

# The SQL stage: real PostgreSQL 15 and the fake API; needs root (see test/sql/run.sh).
test-sql:
	test/sql/run.sh

# The join-correctness cases on the unpatched FDW, where each must come out wrong: proof the patch is needed.
test-sql-stock:
	FDW_VARIANT=stock test/sql/run.sh

.PHONY: test-steampipe stress

# The Steampipe CLI stage: needs root (it creates the unprivileged user Steampipe runs as).
test-steampipe: sdk
	test/steampipe/run.sh

# STRESS_RUNS runs per failing scan (make test runs 10). With the patched SDK no error may be lost; with the stock SDK
# (a plain go build) the loss rate is measured and reported.
STRESS_RUNS ?= 200
stress: sdk
	STRESS_RUNS=$(STRESS_RUNS) GOFLAGS="$(PATCHED_GOFLAGS)" go test -count=1 -v -run NoErrorIsLost ./test/stress | grep -E '^(stress|---|ok|FAIL)'
	STRESS_RUNS=$(STRESS_RUNS) STRESS_REPORT=1 go test -count=1 -v -run NoErrorIsLost ./test/stress | grep -E '^(stress|ok|FAIL)'

.PHONY: sqlite test-sqlite

# The plugin as the loadable SQLite extension build/steampipe_sqlite_prolific.so (see sqlite/), against the patched SDK.
sqlite: sdk
	GOFLAGS="$(PATCHED_GOFLAGS)" LDFLAGS="$(LDFLAGS)" sqlite/build.sh

# The SQLite stage: the extension loaded by Debian's python3 and the sqlite3 shell, against the fake API (test/sqlite).
test-sqlite: sqlite
	test/sqlite/run.sh

.PHONY: test-dashboards

# Every dashboard and benchmark of dashboards/ run headless by Powerpipe v1.5.2 (built into build/tools/ from the Go
# module proxy), on our extension and on the stock FDW, against golden files (see test/dashboards/run.sh).
test-dashboards: sdk
	test/dashboards/run.sh

.PHONY: demo demo-postgres

# Runs the docs' example queries against the fake API's sample batches and prints the results, through the SQLite
# extension in python3: no Prolific account, no Steampipe, no database server, no root (see test/demo/demo.sh).
demo:
	test/demo/demo.sh

# The same examples through PostgreSQL with the plugin's extension (root).
demo-postgres:
	test/sql/demo.sh

.PHONY: bench

# The peers (the official Prolific CLI, curl+jq, Python requests) and every engine (the plugin in process, over
# go-plugin, through PostgreSQL, the Steampipe CLI, the export CLI and the SQLite extension) on one batch of 100,000
# responses, with ratios and every run's rows checked; then the plugin against its floors at 10,000, 100,000 and
# 1,000,000 responses (test/bench). The peers' packages, PostgreSQL and Steampipe need root; without it they are
# skipped with a message.
bench: sdk sqlite
	GOFLAGS="$(PATCHED_GOFLAGS)" go run ./test/bench

.PHONY: export test-export

EXPORT_BINARY := $(CURDIR)/build/bin/steampipe_export_prolific

# The export CLI (cmd/steampipe_export_prolific): one table to CSV, JSON or JSON Lines, the plugin in process.
export: sdk
	GOFLAGS="$(PATCHED_GOFLAGS)" go build -o $(EXPORT_BINARY) -tags "$(BUILD_TAGS)" -ldflags "$(LDFLAGS)" ./cmd/steampipe_export_prolific
	@echo "Built $(EXPORT_BINARY)"

# The export's tests (also part of make test) again, their command runs through the binary make export built.
test-export: export
	EXPORT_BINARY=$(EXPORT_BINARY) GOFLAGS="$(PATCHED_GOFLAGS)" go test -count=1 ./cmd/steampipe_export_prolific
