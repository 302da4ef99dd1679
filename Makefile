# sitrep: `make run` runs the whole pipeline locally and feeds it seeds/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := -e schemas -e services/ingest -e services/classifier -e services/api -e services/cli
STAMP := $(VENV)/.installed

.PHONY: install run run-durable test test-faults lint schemas bench clean

install: $(STAMP)

$(STAMP): pyproject.toml schemas/pyproject.toml services/*/pyproject.toml deploy/npm/package-lock.json deploy/npm/patch_s3rver.py
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing redis-server with apt"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
	      || { echo "apt-get install redis-server failed" >&2; exit 1; }; \
	  else \
	    echo "redis-server is missing: run 'sudo apt-get install redis-server' (or set SITREP_REDIS_URL)" >&2; exit 1; \
	  fi; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q $(PACKAGES) -e '.[dev]'
	$(BIN)/python -m sitrep_classifier.gazetteer_index
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing npm with apt (for s3rver, the store of sitrep up --durable)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null) \
	      || { echo "apt-get install nodejs npm failed" >&2; exit 1; }; \
	  else \
	    echo "npm is missing: run 'sudo apt-get install nodejs npm'" >&2; exit 1; \
	  fi; }
	mkdir -p $(VENV)/npm && cp deploy/npm/package.json deploy/npm/package-lock.json $(VENV)/npm/
	cd $(VENV)/npm && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python deploy/npm/patch_s3rver.py $(VENV)/npm/node_modules
	touch $(STAMP)

run: install
	$(BIN)/sitrep up --seed seeds

run-durable: install
	$(BIN)/sitrep up --durable --seed seeds

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

test-faults: install
	$(BIN)/pytest -m faults tests/faults

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

BENCH_VENV := .venv-bench

$(BENCH_VENV)/.installed: pyproject.toml schemas/pyproject.toml services/classifier/pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install -q -e schemas -e services/classifier -e '.[bench]'
	touch $@

bench: install $(BENCH_VENV)/.installed
	$(BIN)/python bench/classify_speed.py
	$(BIN)/python bench/classifier_stage.py 3 20000
	$(BIN)/python bench/projector_stage.py 3 10000
	$(BIN)/python bench/api_load.py 3 10000
	$(BIN)/python bench/stack_latency.py 100
	$(BIN)/python bench/ingest_throughput.py 20 1000
	$(BIN)/python bench/broker_modes.py 3
	$(BIN)/python bench/report.py

schemas: install
	$(BIN)/python -m sitrep_schemas.export

clean:
	rm -rf $(BENCH_VENV) $(VENV) .sitrep .pytest_cache .mypy_cache .ruff_cache
