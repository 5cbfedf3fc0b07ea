# Quick start: `make demo` runs faskel on sample data, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := .demo
DEMO_DB := $(DEMO_DIR)/faskel-demo.db
demo: export FASKEL_DB := $(DEMO_DB)

.PHONY: demo test test-lowest lint bench bench-import bench-sheet bench-add bench-monthly \
	bench-levels check-clients clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@$(BIN)/faskel db seed data/sample.json
	@echo
	@$(BIN)/faskel visit list --since 2026-11-16 --until 2026-11-27
	@echo
	@$(BIN)/faskel report --week 2026-W48 --output '$(DEMO_DIR)/laporan-{area}-{week}.xlsx'
	@$(BIN)/faskel report --week 2026-W48 --output '$(DEMO_DIR)/laporan-{area}-{week}.html'
	@$(BIN)/faskel report bulanan --facilitator siti --month 2026-11 \
		--output '$(DEMO_DIR)/lapbul-{handle}-{month}.pdf'
	@echo
	@$(BIN)/faskel summary --week 2026-W48

# The one test command (README, .ci/run): lint and types first, then the tests, spread over
# the machine's cores a module at a time (--dist loadfile: a module's fixtures are built once;
# xdist 3.8's loadgroup no longer groups anything on pytest 9.2, whose nodes ignore the id
# suffix it sets).
# The slow ones (property runs, many processes, LibreOffice, memory bounds) run where CI is
# set (CI=true, as CI services set it) or with SLOW=1.
# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE):
# otherwise every faskel the tests start compiles the package again, and pytest rewrites
# every test module again on each run.
# The tests' temporary files (real SQLite files, reports, bundles) go to RAM where the machine
# has a writable tmpfs with 1 GB free (/dev/shm): on disk, waiting for SQLite's fsyncs took a
# tenth of the suite's time. A passed test's files are removed at once (pyproject.toml).
TEST_SLOW := $(if $(or $(CI),$(SLOW)),,-m "not slow")
TEST_TMP := $(shell test -w /dev/shm && df -Pk /dev/shm | awk 'NR == 2 && $$4 > 1048576 {print "/dev/shm"}')
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE $(if $(TEST_TMP),TMPDIR=$(TEST_TMP))
test: lint
	$(TEST_ENV) $(BIN)/python -m pytest -n auto --dist loadfile $(TEST_SLOW)

# The floors of pyproject.toml are tested, not only declared: the suite runs again in its own
# venv with every direct dependency (and test extra) at the lowest version the ranges allow.
LOWEST := .venv-lowest
$(BIN)/uv: $(STAMP)
	$(BIN)/python -m pip install --quiet 'uv>=0.4'

$(LOWEST)/.installed: $(BIN)/uv pyproject.toml
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct \
		-e '.[test]'
	touch $@

test-lowest: $(LOWEST)/.installed
	$(LOWEST)/bin/python -m pip list --format freeze | grep -iE \
		'^(typer|rich|sqlite.utils|pydantic|platformdirs|uuid6|xlsxwriter|openpyxl|typing.extensions|pillow|fpdf2|python.docx|pypdf)=='
	$(TEST_ENV) $(LOWEST)/bin/python -m pytest -n auto --dist loadfile $(TEST_SLOW)

# Times the weekly summary on 1,000,000 generated visits (cached in bench/out/); see bench/.
bench: $(STAMP)
	$(BIN)/python bench/run.py

# Times `faskel bundle import` of 1,000,000 visits against raw sqlite3 executemany; see bench/.
bench-import: $(STAMP)
	$(BIN)/python bench/bench_import.py

# A province (3,000,000 visits) and the nation: region tree, summaries per level, the import
# of 35 kota bundles (1,000,000 visits) against raw executemany; see bench/. Sizes are
# options: make bench-levels BENCH_LEVELS_ARGS='--visits 300000 --import-visits 100000'.
bench-levels: $(STAMP)
	$(BIN)/python bench/bench_levels.py $(BENCH_LEVELS_ARGS)

# The reports in LibreOffice and headless Chromium (installs them from Debian as root);
# writes docs/client-checks.md and docs/screenshots/. Not part of `make test`.
check-clients: $(STAMP)
	scripts/check-clients

# Times `faskel visit add` (every option) against `faskel --version`; see bench/.
bench-add: $(STAMP)
	$(BIN)/python bench/bench_add.py

# Times `faskel visit import` of a filled 10,000-row template against raw executemany; see bench/.
bench-sheet: $(STAMP)
	$(BIN)/python bench/bench_sheet_import.py

# Times `faskel report bulanan` of a month of work with 20 photos, and adding a 4 MB photo.
bench-monthly: $(STAMP)
	$(BIN)/python bench/bench_monthly.py

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

clean:
	rm -rf $(VENV) $(LOWEST) $(DEMO_DIR) build dist *.egg-info
