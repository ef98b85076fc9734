# The two commands of the README: `make report` and `make test`.
# Everything else here is what they need: a virtual environment in .venv that
# is (re)installed only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEEDS  ?= seeds
SOURCE ?=
CACHE  ?= .cache/textkit
REPORTS ?= reports
N_JOBS ?= -1

# matplotlib announces on stderr when it builds its font cache, and nbval
# compares stderr: keep the cache with the venv and build it at install time.
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/mplconfig
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: venv report test lint lab clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "textkit needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -c "import matplotlib.font_manager" 2>/dev/null
	touch $(STAMP)

report: venv
	$(BIN)/textkit report "$(abspath $(SEEDS))" --notebooks notebooks \
		--out "$(REPORTS)" --jobs "$(N_JOBS)" $(if $(CACHE),--cache "$(CACHE)") \
		$(if $(SOURCE),-p DEFAULT_SOURCE "$(SOURCE)")

test: venv
	$(BIN)/ruff check textkit tests benchmarks notebooks
	$(BIN)/python -m pytest -q tests --doctest-modules textkit
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval --nbval-current-env notebooks

lint: venv
	$(BIN)/ruff check textkit tests benchmarks notebooks

lab: venv
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) $(REPORTS) .cache .pytest_cache .ruff_cache build *.egg-info
