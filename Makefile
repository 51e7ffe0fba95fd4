# customer-insights: two commands do everything on a fresh machine.
#   make run   - install, load the demo, build and test it, print the hour-of-day table
#   make test  - everything CI checks: lint, full dbt build, semantic layer, docs, the report
#                in headless Chromium, integration and negative tests (DuckDB); the same
#                build and tests on PostgreSQL and on Spark, compared row for row with DuckDB
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
# The platform whose demo log `make data`, `make build` and `make run` use:
# janrain (the default), auth0 or keycloak. Each builds into its own DuckDB file,
# so the three demos can be compared side by side.
SOURCE ?= janrain
ifeq ($(SOURCE),janrain)
export DBT_DUCKDB_PATH ?= $(CURDIR)/customer_insights.duckdb
SOURCE_VARS :=
else
export DBT_DUCKDB_PATH ?= $(CURDIR)/target/demos/$(SOURCE)/customer_insights.duckdb
SOURCE_VARS := --vars '{source_system: $(SOURCE)}'
endif
PYTEST_WORKERS ?= 2
# pytest.ini adds --dist loadgroup (tests that share a build stay on one worker).
PYTEST = $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

.PHONY: help install deps run build hourly show lint docs semantic query report chromium test test-duckdb integration freshness data bench lock clean \
	engine-reference test-postgres postgres-checks java test-spark spark-checks spark-env check core-tests migration

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create .venv with the pinned dependencies

# A stamp, so that stages running side by side (make test, make check) find the
# packages installed once rather than each reinstalling them under the other.
DEPS := dbt_packages/.installed

deps: $(DEPS) ## dbt deps: the packages of packages.yml into dbt_packages/ (offline: a local package)

$(DEPS): $(VENV)/.installed packages.yml package-lock.yml
	$(DBT) deps --quiet
	touch $@

build: deps ## dbt build (seeds, unit tests, models, data tests) of the demo, from scratch (SOURCE=auth0|keycloak: that platform's demo)
	@mkdir -p $(dir $(DBT_DUCKDB_PATH))
	$(DBT) build --full-refresh $(SOURCE_VARS)

RAW ?=
hourly: deps ## What an hourly run does: new files only (RAW='path/*.parquet', SOURCE=auth0|keycloak for their JSON lines; see selectors.yml)
	$(DBT) build --selector hourly $(if $(RAW),--vars '{source_system: $(SOURCE), raw_audit_log_path: "$(RAW)"}',$(SOURCE_VARS))

# The read-only copy of the marts that every build publishes, which readers open (BI tools,
# `show`, `report`). If the var reporting_dir moves it, set REPORTING_DB to match.
REPORTING_DB ?= $(dir $(DBT_DUCKDB_PATH))reporting/customer_insights_reporting.duckdb

show: install ## Print where the results are and the events-by-hour-of-day table (from the reporting copy)
	@echo
	@echo "Results: DuckDB file $(DBT_DUCKDB_PATH)"
	@echo "  main.fct_events, main.events_hourly, main.events_by_hour_of_day, main.dim_event_types,"
	@echo "  main.audit_log_excluded, main.audit_log_rejects"
	@echo "Read-only copy for BI tools (safe to read during builds; the table below is read from it):"
	@echo "  $(REPORTING_DB)"
	@echo
	$(BIN)/python scripts/show_events_by_hour_of_day.py "$(REPORTING_DB)"

run: build show ## Build the embedded demo end to end and print the classic chart's table (SOURCE=auth0|keycloak too)

# The migration demo: one tenant on Janrain for its first two weeks, then on
# Auth0, both logs in one target (var raw_sources), one set of marts across the switch.
MIGRATION_DIR ?= data/migration
MIGRATION_DB ?= $(CURDIR)/target/demos/migration/customer_insights.duckdb

migration: deps ## The migration demo: Janrain then Auth0, built in one target; prints the chart by source
	$(BIN)/python scripts/generate_vendor_log.py --migration \
		--janrain-out $(MIGRATION_DIR)/janrain.csv --auth0-out $(MIGRATION_DIR)/auth0.jsonl \
		--janrain-truth $(MIGRATION_DIR)/janrain_expected.json --auth0-truth $(MIGRATION_DIR)/auth0_expected.json
	@mkdir -p $(dir $(MIGRATION_DB))
	DBT_DUCKDB_PATH=$(MIGRATION_DB) $(DBT) build --full-refresh --vars \
		'{raw_sources: {janrain: "$(MIGRATION_DIR)/janrain.csv", auth0: "$(MIGRATION_DIR)/auth0.jsonl"}, audit_log_complete: true}'
	$(BIN)/python scripts/show_events_by_hour_of_day.py "$(dir $(MIGRATION_DB))reporting/customer_insights_reporting.duckdb"
	$(BIN)/python scripts/show_events_by_hour_of_day.py --by-source-and-day "$(dir $(MIGRATION_DB))reporting/customer_insights_reporting.duckdb"

# Its own DuckDB file: the dbt templater opens the database to compile, and
# make check / make test run the lint beside a build of the demo.
lint: deps ## sqlfluff over models and tests (dbt templater); a file it cannot compile fails too
	@mkdir -p target/lint
	DBT_DUCKDB_PATH=$(CURDIR)/target/lint/lint.duckdb $(BIN)/sqlfluff lint models tests 2>&1 | tee target/sqlfluff.log
	@! grep -q "Skipped file" target/sqlfluff.log || { echo "sqlfluff skipped files it could not compile (above)" >&2; exit 1; }

docs: deps ## dbt docs generate (target/index.html)
	$(DBT) docs generate

semantic: deps ## MetricFlow: mf validate-configs (semantic models, metrics) against the built database
	$(DBT) parse --quiet
	$(BIN)/mf validate-configs

METRICS ?= events
GROUP_BY ?= event__hour_of_day,event__event_type
ORDER ?= $(GROUP_BY)
QUERY_ARGS ?=

# mf reads target/semantic_manifest.json, which names tables by the database of the last dbt
# command, and dbt-duckdb names the database after the file: after a dbt command on another
# DuckDB file, mf looks for "<other file>.main.fct_events" and fails. So parse first, for the
# file DBT_DUCKDB_PATH names.
query: deps ## MetricFlow query of the built database (METRICS=events GROUP_BY=event__hour_of_day,event__event_type ORDER=... QUERY_ARGS=...)
	@test -f "$(DBT_DUCKDB_PATH)" || $(MAKE) build
	$(DBT) parse --quiet
	$(BIN)/mf query --metrics $(METRICS) $(if $(GROUP_BY),--group-by $(GROUP_BY)) \
		$(if $(ORDER),--order $(ORDER)) $(QUERY_ARGS)

REPORT_DIR ?= $(CURDIR)/reports

report: install ## reports/customer_insights.html and a PNG per chart, from the reporting copy (builds first if needed)
	@test -f "$(REPORTING_DB)" || $(MAKE) build
	$(BIN)/python scripts/render_report.py --reporting-db "$(REPORTING_DB)" --out-dir "$(REPORT_DIR)"

chromium: ## Debian chromium + chromium-driver for the report test (apt-get, only if missing)
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "chromium and chromedriver present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get -o DPkg::Lock::Timeout=600 install -y -q chromium chromium-driver \
		|| { apt-get -o DPkg::Lock::Timeout=600 update -q \
		&& apt-get -o DPkg::Lock::Timeout=600 install -y -q chromium chromium-driver; }; \
	else \
		echo "chromium and chromium-driver are missing: run 'make chromium' as root" >&2; exit 1; \
	fi

integration: deps chromium ## pytest: contract example, formats, demo truth, semantic layer, report, negative tests
	DEMO_DUCKDB_PATH="$(DBT_DUCKDB_PATH)" REPORT_DIR="$(REPORT_DIR)" \
		$(PYTEST) tests/integration

test-duckdb: lint build semantic docs report integration ## Everything CI checks on DuckDB

STAGES := scripts/run_stages.py

# The stages of make test, and which run side by side (joined by +). The lint and
# the demo build use a core each, and the Spark environment installs meanwhile;
# the stages that open the demo database run one at a time; the DuckDB
# integration suite keeps both cores busy on its own (run beside the engines, it
# and they took longer together than one after the other: 1104 s against about
# 900); PostgreSQL and Spark use about a core each, so they run side by side.
# run_stages.py prints each stage's time at the end and fails if any failed.
test: deps ## Everything CI checks, in timed stages: DuckDB (lint, build, semantic layer, docs, report, integration suite), PostgreSQL, Spark
	$(BIN)/python $(STAGES) lint+build+spark-env semantic docs report readme-check integration \
		engine-reference test-postgres+test-spark

check: deps ## The inner loop (about 2 minutes): lint beside the demo build, then the core integration tests
	$(BIN)/python $(STAGES) lint+build core-tests

CORE_TESTS ?= tests/integration/test_contract_example.py tests/integration/test_invariants_negative.py

core-tests: deps ## The contract example and the negative invariant tests (part of integration)
	$(PYTEST) $(CORE_TESTS)

# Other engines. Each builds integration_tests (the demo and the worked example)
# from scratch on its engine with every dbt test, runs the package's unit tests,
# runs once more incrementally (nothing new: must change nothing), and compares
# every mart row for row with the DuckDB build of the same project.
ENGINES_DIR ?= $(CURDIR)/target/engines
COMPARE := scripts/compare_engines.py
# Every engine builds the integration_tests project: the package with the demo
# and the contract example as input, its expected seeds and equality tests.
IT := integration_tests
IT_ARGS := --project-dir $(IT)
RERUN_ARGS := --quiet --exclude resource_type:seed resource_type:unit_test
# Spark's rerun runs the models and only the tests whose SQL differs on an
# incremental run (the invariants' scope, the marts' latest-batch tests): the
# others compiled and passed in the full build, and the comparison that follows
# shows the rerun changed no row. Each Spark test costs about a second.
SPARK_RERUN_ARGS := $(RERUN_ARGS) --indirect-selection empty \
	--select resource_type:model tag:invariant config.meta.incremental_scope:latest_batch
# The package's unit tests run in the project itself, after the build (their
# mocked parents exist then).
UNIT_ARGS := --quiet --select resource_type:unit_test

# Built once for both engines, and again only when the project changed.
REFERENCE := $(ENGINES_DIR)/snapshots/duckdb/.complete
PROJECT_SOURCES := $(shell find models macros seeds tests/invariants tests/integration/fixtures -type f) \
	$(shell find $(IT) -path $(IT)/dbt_packages -prune -o -path $(IT)/target -prune -o -path $(IT)/logs -prune -o -type f -print) \
	dbt_project.yml profiles.yml $(COMPARE)

engine-reference: deps $(REFERENCE) ## The DuckDB build and snapshot the other engines are compared with

$(REFERENCE): $(VENV)/.installed $(PROJECT_SOURCES)
	rm -rf $(ENGINES_DIR)/duckdb $(ENGINES_DIR)/snapshots/duckdb
	$(DBT) deps $(IT_ARGS) --quiet
	DBT_DUCKDB_PATH=$(ENGINES_DIR)/duckdb/customer_insights.duckdb \
		$(DBT) build --full-refresh --target duckdb $(IT_ARGS) --target-path $(ENGINES_DIR)/duckdb/target --quiet
	DBT_DUCKDB_PATH=$(ENGINES_DIR)/duckdb/customer_insights.duckdb \
		$(BIN)/python $(COMPARE) snapshot --engine duckdb \
		--manifest $(ENGINES_DIR)/duckdb/target/manifest.json --out $(ENGINES_DIR)/snapshots/duckdb
	touch $@

test-postgres: engine-reference ## Build + all dbt tests on a private PostgreSQL server, compared with DuckDB
	scripts/with_postgres.sh $(MAKE) --no-print-directory postgres-checks

# Runs inside scripts/with_postgres.sh, which sets DBT_POSTGRES_*.
postgres-checks:
	$(DBT) build --full-refresh --target postgres $(IT_ARGS) --target-path $(ENGINES_DIR)/postgres/target
	$(DBT) test --target postgres --target-path $(ENGINES_DIR)/postgres/unit $(UNIT_ARGS)
	$(DBT) build --target postgres $(IT_ARGS) --target-path $(ENGINES_DIR)/postgres/target $(RERUN_ARGS)
	$(BIN)/python $(COMPARE) snapshot --engine postgres \
		--manifest $(ENGINES_DIR)/postgres/target/manifest.json --out $(ENGINES_DIR)/snapshots/postgres
	$(BIN)/python $(COMPARE) compare $(ENGINES_DIR)/snapshots/duckdb $(ENGINES_DIR)/snapshots/postgres

SPARK_VENV := .venv-spark

$(SPARK_VENV)/.installed: requirements-spark.txt
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	touch $@

java: ## Java 17 for Spark (apt-get openjdk-17-jre-headless, only if missing)
	@if command -v java >/dev/null; then \
		echo "java present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get -o DPkg::Lock::Timeout=600 install -y -q openjdk-17-jre-headless \
		|| { apt-get -o DPkg::Lock::Timeout=600 update -q \
		&& apt-get -o DPkg::Lock::Timeout=600 install -y -q openjdk-17-jre-headless; }; \
	else \
		echo "Java is missing: run 'make java' as root" >&2; exit 1; \
	fi

spark-env: $(SPARK_VENV)/.installed java ## The Spark virtual environment and Java (make test installs them while the lint runs)

test-spark: engine-reference spark-env ## Build + all dbt tests on Apache Spark (local session), compared with DuckDB
	$(MAKE) --no-print-directory spark-checks

# Spark keeps its tables in spark-warehouse/ and their catalog in metastore_db/.
spark-checks:
	$(SPARK_VENV)/bin/dbt build --full-refresh --target spark $(IT_ARGS) --target-path $(ENGINES_DIR)/spark/target
	$(SPARK_VENV)/bin/dbt test --target spark --target-path $(ENGINES_DIR)/spark/unit $(UNIT_ARGS)
	$(SPARK_VENV)/bin/dbt build --target spark $(IT_ARGS) --target-path $(ENGINES_DIR)/spark/target $(SPARK_RERUN_ARGS)
	$(SPARK_VENV)/bin/python $(COMPARE) snapshot --engine spark \
		--manifest $(ENGINES_DIR)/spark/target/manifest.json --out $(ENGINES_DIR)/snapshots/spark
	$(BIN)/python $(COMPARE) compare $(ENGINES_DIR)/snapshots/duckdb $(ENGINES_DIR)/snapshots/spark

freshness: deps ## dbt source freshness: how old the newest ingested record is (warn 2 h, error 24 h)
	$(DBT) source freshness

RECORDS ?=
DATA_DIR ?= data/raw

data: install ## Demo seed (SOURCE=auth0|keycloak: that platform's); or RECORDS=N: N records as hourly Parquet files in DATA_DIR (data/raw)
	@if [ "$(SOURCE)" != janrain ]; then \
		$(BIN)/python scripts/generate_vendor_log.py --source $(SOURCE); \
	elif [ -n "$(RECORDS)" ]; then \
		$(BIN)/python scripts/generate_audit_log_at_scale.py --records $(RECORDS) --out-dir $(DATA_DIR); \
		echo "Build it: $(DBT) build --vars '{raw_audit_log_path: \"$(DATA_DIR)/*.parquet\"}'"; \
	else \
		$(BIN)/python scripts/generate_audit_log.py --out seeds/raw_audit_log.csv \
			--truth tests/integration/expected/demo_expected.json; \
		$(BIN)/python scripts/demo_truth_to_seed.py tests/integration/expected/demo_expected.json \
			integration_tests/seeds/expected/expected_demo_breakdowns.csv; \
	fi

BENCH_SIZES ?= 1000000,10000000
BENCH_ARGS ?=

bench: deps ## Benchmark table -> BENCHMARKS.md (BENCH_SIZES=1000000,10000000 BENCH_ARGS=--layout single)
	$(BIN)/python bench/run_benchmark.py --sizes $(BENCH_SIZES) $(BENCH_ARGS)

LOCK_VENV ?= $(CURDIR)/.lock-venv

lock: ## Re-pin requirements.txt from requirements.in
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet -r requirements.in
	( echo "# Pinned environment (pip freeze of requirements.in on Python 3.11). Regenerate with 'make lock'."; \
	  $(LOCK_VENV)/bin/pip freeze --exclude-editable | sort -f ) > requirements.txt
	rm -rf $(LOCK_VENV)

clean: ## Remove build output and the demo database (keeps .venv)
	rm -rf target logs .duckdb_tmp reporting customer_insights.duckdb customer_insights.duckdb.wal metastore_db spark-warehouse derby.log

# The docs name only what exists: relations, columns, vars, make targets, files (scripts/check_readme.py).
.PHONY: readme-check
readme-check: deps ## README.md and docs/*.md name only relations, columns, vars and targets that exist
	$(BIN)/dbt parse --quiet
	$(BIN)/python scripts/check_readme.py
