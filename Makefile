# steampipe-plugin-prolific
#
#   make            build the plugin into Steampipe's plugin directory (same as make install)
#   make test       run every Go test: unit, in-process gRPC, the go-plugin subprocess test and the SDK patches' own
#   make sdk-check  check that third_party/steampipe-plugin-sdk is the stock SDK plus patches/sdk (see patches/)
#   make sdk        rebuild third_party/steampipe-plugin-sdk from the stock SDK and patches/sdk, after changing a patch
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
#   make release    every release artifact into dist/, with SHA256SUMS and manifest.json (docs/releasing.md)
#   make release-check  rebuild the plugin and export CLI from a copy of the tree with an empty Go cache: same sha256
#   make publish REGISTRY=ghcr.io  push dist/'s plugin as the OCI image Steampipe installs, REGISTRY/pipeworks/prolific
#   make test-install  the real Steampipe CLI installs the image from a local registry; each tarball installs (root)

STEAMPIPE_INSTALL_DIR ?= $(HOME)/.steampipe
PLUGIN_DIR            := $(STEAMPIPE_INSTALL_DIR)/plugins/local/prolific
CONFIG_DIR            := $(STEAMPIPE_INSTALL_DIR)/config
BUILD_TAGS            := netgo
# The version every build reports (prolific.Version, the User-Agent): git describe, always a semantic version, which
# Steampipe requires of an installed plugin. A clone without tags gets v0.0.0-<short hash>.
GIT_DESCRIBE          := $(shell git describe --tags --always --dirty 2>/dev/null)
VERSION               ?= $(if $(filter v%,$(GIT_DESCRIBE)),$(GIT_DESCRIBE),v0.0.0-$(or $(GIT_DESCRIBE),unknown))
LDFLAGS               := -X github.com/pipeworks/steampipe-plugin-prolific/prolific.Version=$(VERSION)
GOLANGCI_LINT_VERSION := v2.11.4
GOLANGCI_LINT         := $(CURDIR)/build/bin/golangci-lint

# Every go command builds against the patched SDK: go.mod replaces it by third_party/steampipe-plugin-sdk, the stock
# module plus patches/sdk/*.patch (patches/README.md). So a plain `go build` or `go test ./...` is the same build.

.PHONY: install sdk sdk-check test lint

install:
	go build -o $(PLUGIN_DIR)/prolific.plugin -tags "$(BUILD_TAGS)" -ldflags "$(LDFLAGS)" .
	@mkdir -p $(CONFIG_DIR)
	@if [ -f $(CONFIG_DIR)/prolific.spc ]; then \
		echo "Kept your existing $(CONFIG_DIR)/prolific.spc"; \
	else \
		cp config/prolific.spc $(CONFIG_DIR)/prolific.spc && echo "Installed $(CONFIG_DIR)/prolific.spc: set your token there or in PROLIFIC_TOKEN"; \
	fi
	@echo "Installed $(PLUGIN_DIR)/prolific.plugin"

sdk:
	patches/sdk.sh write

sdk-check:
	patches/sdk.sh check

# The repository's tests, then the tests each SDK patch adds to the SDK (listed in each patch's header; the script
# fails unless every listed test ran and passed).
test:
	go test -count=1 ./...
	patches/sdk.sh test

.PHONY: test-race

# Every Go test under the race detector. A query's list calls, hydrate calls and the SDK's query cache run in
# goroutines of their own, and a data race among them can lose or repeat rows without an error; patches/sdk/0014
# fixed the SDK's (its own patch tests run with -race in make test too).
test-race:
	go test -race -count=1 ./...

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
test-steampipe:
	test/steampipe/run.sh

# STRESS_RUNS runs per failing scan (make test runs 10). With the patched SDK no error may be lost; with the stock SDK
# (go.mod without the replace, from patches/sdk.sh stock) the loss rate is measured and reported.
STRESS_RUNS ?= 200
stress:
	STRESS_RUNS=$(STRESS_RUNS) go test -count=1 -v -run NoErrorIsLost ./test/stress | grep -E '^(stress|---|ok|FAIL)'
	STRESS_RUNS=$(STRESS_RUNS) STRESS_REPORT=1 GOFLAGS="-modfile=$$(patches/sdk.sh stock) -tags=stocksdk $$(go env GOFLAGS)" \
		go test -count=1 -v -run NoErrorIsLost ./test/stress | grep -E '^(stress|ok|FAIL)'

.PHONY: sqlite test-sqlite

# The plugin as the loadable SQLite extension build/steampipe_sqlite_prolific.so (see sqlite/), against the patched SDK.
sqlite:
	LDFLAGS="$(LDFLAGS)" sqlite/build.sh

# The SQLite stage: the extension loaded by Debian's python3 and the sqlite3 shell, against the fake API (test/sqlite).
test-sqlite: sqlite
	test/sqlite/run.sh

.PHONY: test-dashboards

# Every dashboard and benchmark of dashboards/ run headless by Powerpipe v1.5.2 (built into build/tools/ from the Go
# module proxy), on our extension and on the stock FDW, against golden files (see test/dashboards/run.sh).
test-dashboards:
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
# responses, with ratios and every run's rows checked; the official CLI and the plugin again on a batch of the shape
# an outside measurement used (short free-text and multiple-choice answers); then the plugin against its floors at
# 10,000, 100,000 and 1,000,000 responses (test/bench). The peers' packages, PostgreSQL and Steampipe need root;
# without it they are skipped with a message.
bench: sqlite
	go run ./test/bench

.PHONY: export test-export

EXPORT_BINARY := $(CURDIR)/build/bin/steampipe_export_prolific

# The export CLI (cmd/steampipe_export_prolific): one table to CSV, JSON or JSON Lines, the plugin in process.
export:
	go build -o $(EXPORT_BINARY) -tags "$(BUILD_TAGS)" -ldflags "$(LDFLAGS)" ./cmd/steampipe_export_prolific
	@echo "Built $(EXPORT_BINARY)"

# The export's tests (also part of make test) again, their command runs through the binary make export built.
test-export: export
	EXPORT_BINARY=$(EXPORT_BINARY) EXPORT_VERSION=$(VERSION) go test -count=1 ./cmd/steampipe_export_prolific

.PHONY: release release-check publish test-install

# Release artifacts into dist/ (release/release.sh): the plugin for linux and darwin, amd64 and arm64, gzipped for
# Steampipe's OCI installer; the export CLI for the same platforms, the SQLite and PostgreSQL 15 extensions as
# "Anywhere" tarballs with install scripts; SHA256SUMS and manifest.json. All against the patched SDK.
release:
	VERSION=$(VERSION) release/release.sh

# Reproducibility: the plugin and export CLI rebuilt from a copy at another path, with an empty Go cache, must have
# the bytes of dist/ (release/check-reproducible.sh).
release-check:
	release/check-reproducible.sh

# Push dist/ as the OCI plugin image $(IMAGE):<version without v> and :latest (release/publish.sh). Credentials come
# from REGISTRY_USERNAME and REGISTRY_PASSWORD, or from the Docker config (docker login / oras login).
REGISTRY ?= ghcr.io
IMAGE    ?= $(REGISTRY)/pipeworks/prolific
publish:
	IMAGE=$(IMAGE) release/publish.sh

# The release as users install it (release/test-install.sh, root): a local OCI registry with TLS, make publish into
# it, the real Steampipe CLI v1.1.3 installs, queries and moves to a second version; each tarball's install.sh.
test-install:
	release/test-install.sh
