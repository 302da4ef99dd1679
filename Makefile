# sitrep: `make run` runs the whole pipeline locally and feeds it seeds/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := -e schemas -e services/runtime -e services/ingest -e services/classifier -e services/api -e services/cli
STAMP := $(VENV)/.installed

.PHONY: install lock run run-durable test test-faults soak lint schemas bench screenshot clean

install: $(STAMP)

$(STAMP): pyproject.toml schemas/pyproject.toml services/*/pyproject.toml deploy/constraints.txt deploy/npm/package-lock.json deploy/npm/patch_s3rver.py deploy/apt-need.sh
	sh deploy/apt-need.sh redis-server redis-server "the state store of sitrep up; or set SITREP_REDIS_URL"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c deploy/constraints.txt $(PACKAGES) -e '.[dev]'
	$(BIN)/python -m sitrep_classifier.gazetteer_index
	sh deploy/apt-need.sh npm "nodejs npm" "for s3rver, the store of sitrep up --durable"
	sh deploy/apt-need.sh chromium chromium "the browser of the dashboard test and make screenshot"
	mkdir -p $(VENV)/npm && cp deploy/npm/package.json deploy/npm/package-lock.json $(VENV)/npm/
	cd $(VENV)/npm && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python deploy/npm/patch_s3rver.py $(VENV)/npm/node_modules
	touch $(STAMP)

# The pins of deploy/constraints.txt, from a fresh resolve of the pyproject.toml dependencies.
lock:
	rm -rf $(VENV)-lock && $(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install -q --upgrade pip
	$(VENV)-lock/bin/python -m pip install -q $(PACKAGES) -e '.[dev]'
	{ sed -n '1,3p' deploy/constraints.txt; $(VENV)-lock/bin/python -m pip list --format=freeze --exclude-editable \
	  | grep -v -i -E '^(pip|setuptools|wheel)=='; } > deploy/constraints.txt.new
	mv deploy/constraints.txt.new deploy/constraints.txt && rm -rf $(VENV)-lock

run: install
	$(BIN)/sitrep up --seed seeds

run-durable: install
	$(BIN)/sitrep up --durable --seed seeds

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

# REPEAT=N runs each fault scenario N times (CI: once); e.g. make test-faults REPEAT=30 K=durable
REPEAT ?= 1
K ?=
test-faults: install
	$(BIN)/pytest -m faults tests/faults --repeat $(REPEAT) $(if $(K),-k "$(K)")

# The durable broker faults SOAK_REPEAT times each (a fresh durable stack per run, ~45 s a run),
# then 20 minutes at 300 events/s with every process's memory and the lag sampled.
SOAK_REPEAT ?= 30
SOAK_MINUTES ?= 20
soak: install
	$(BIN)/pytest -m faults tests/faults --repeat $(SOAK_REPEAT) -k "durable and broker"
	$(BIN)/python bench/soak.py $(SOAK_MINUTES) 300

screenshot: install
	$(BIN)/python deploy/dashboard_screenshot.py docs/dashboard.png

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

BENCH_VENV := .venv-bench

$(BENCH_VENV)/.installed: pyproject.toml schemas/pyproject.toml services/runtime/pyproject.toml services/classifier/pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	# the peers pin pydantic below sitrep's pin: the bench venv takes theirs
	grep -v '^pydantic' deploy/constraints.txt > $(BENCH_VENV)/constraints.txt
	$(BENCH_VENV)/bin/python -m pip install -q -c $(BENCH_VENV)/constraints.txt -e schemas -e services/runtime -e services/classifier -e '.[bench]'
	touch $@

bench: install $(BENCH_VENV)/.installed
	$(BIN)/python bench/classify_speed.py
	$(BIN)/python bench/classifier_stage.py 3 20000
	$(BIN)/python bench/projector_stage.py 3 10000
	$(BIN)/python bench/api_load.py 3 10000
	$(BIN)/python bench/end_to_end.py 60 1000
	$(BIN)/python bench/ingest_throughput.py 20 1000
	$(BIN)/python bench/broker_modes.py 3
	$(BIN)/python bench/report.py

schemas: install
	$(BIN)/python -m sitrep_schemas.export
	$(BIN)/python -m sitrep_cli.openapi_export

clean:
	rm -rf $(BENCH_VENV) $(VENV) .sitrep .pytest_cache .mypy_cache .ruff_cache
