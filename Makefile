# Two commands for a fresh machine with Python 3.11 and pip (see README.md):
#   make start   set up .venv and open the course in JupyterLab
#   make test    set up .venv (with the test tools) and run the whole suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
DASHBOARD_PORT ?= 8866
# Jupyter refuses to run as root unless told; containers often run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

.PHONY: start dashboard test setup setup-dev lint demo-portfolio clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Se necesita Python 3.11 ($(PYTHON)); use PYTHON=python3 make ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

start: setup
ifeq ($(NO_BROWSER),1)
	$(BIN)/jupyter lab $(ROOT_FLAG) --no-browser --ip=127.0.0.1 --port=$(PORT) notebooks/00_bienvenida.ipynb
else
	$(BIN)/jupyter lab $(ROOT_FLAG) --ip=127.0.0.1 --port=$(PORT) notebooks/00_bienvenida.ipynb
endif

# The manager dashboard (Voila) on 127.0.0.1; NO_BROWSER=1 only serves it on DASHBOARD_PORT;
# TOKEN=1 asks for a random key in the address (printed), for machines shared with other users.
DASHBOARD_FLAGS = $(if $(filter 1,$(TOKEN)),--token)
dashboard: setup
ifeq ($(NO_BROWSER),1)
	$(BIN)/python -m simulator dashboard --port $(DASHBOARD_PORT) $(DASHBOARD_FLAGS)
else
	$(BIN)/python -m simulator dashboard $(DASHBOARD_FLAGS)
endif

test: setup-dev
	$(BIN)/ruff check simulator tests benchmarks
	$(BIN)/python -m pytest tests notebooks exercises --nbval-lax --nbval-current-env --nbval-cell-timeout=300 -p no:cacheprovider

exercises: setup ; $(BIN)/python -m simulator.exercises build
lint: setup-dev
	$(BIN)/ruff check simulator tests benchmarks

demo-portfolio: setup
	$(BIN)/python -m simulator.portfolio.generate --accounts 5000 --seed 2026 --out datasets/portfolios/demo.csv

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
