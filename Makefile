# Two commands for a fresh machine with Python 3.11 or newer and pip (see README.md):
#   make start   set up .venv and open the course in JupyterLab
#   make curso   the agent track (notebooks and exercises 00-06) as apps with no code, in Voila
#   make test    set up .venv (with the test tools) and run the whole suite
# The first Python 3.11+ found, unless PYTHON=... names one.
PYTHON ?= $(firstword $(foreach candidate,python3.11 python3.12 python3.13 python3,\
            $(if $(shell command -v $(candidate) 2>/dev/null),$(candidate))) python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
DASHBOARD_PORT ?= 8866
# Jupyter refuses to run as root unless told; containers often run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
# Prints the interpreter's version; fails when it is older than 3.11 (or does not run at all).
NEEDS_311 := -c 'import sys; print("%d.%d.%d" % sys.version_info[:3]); sys.exit(sys.version_info < (3, 11))'
# pip without its noise (version notice, root warning, setuptools' editable-install notice);
# errors still show. Tests replace it to check the set-up steps without installing.
PIP_QUIET   := PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONWARNINGS="ignore:Editable installation"
PIP_INSTALL ?= $(PIP_QUIET) $(BIN)/python -m pip install --quiet --root-user-action=ignore
# The course's JupyterLab settings (jupyter_config/): rooted at the repository, opening
# notebook 00, menus in Spanish, no news prompt.
JUPYTER_ENV := JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter_config

.PHONY: start curso dashboard test test-fast setup setup-dev venv lint typecheck demo-portfolio clean

# A .venv with an older or broken Python would be reused by every later `make`: make it again.
venv:
	@if [ -e $(VENV) ] && ! $(BIN)/python $(NEEDS_311) >/dev/null 2>&1; then \
	    if [ ! -f $(VENV)/pyvenv.cfg ]; then \
	        echo "$(VENV) existe pero no es un entorno virtual (no tiene pyvenv.cfg); no se borra. Muévalo o indique otra carpeta: make start VENV=.venv-curso"; \
	        exit 1; \
	    fi; \
	    echo "El entorno $(VENV) está dañado o tiene un Python anterior a 3.11: se borra y se crea de nuevo."; \
	    rm -rf $(VENV); \
	fi
	@if [ ! -e $(VENV) ]; then \
	    version=$$($(PYTHON) $(NEEDS_311) 2>/dev/null); status=$$?; \
	    if [ -z "$$version" ]; then \
	        echo "No se encontró Python en '$(PYTHON)'. Instale Python 3.11 o más nuevo, o indique cuál usar: make start PYTHON=python3.12"; \
	        exit 1; \
	    elif [ $$status -ne 0 ]; then \
	        echo "Se necesita Python 3.11 o más nuevo; '$(PYTHON)' es Python $$version. Indique otro: make start PYTHON=python3.12"; \
	        exit 1; \
	    fi; \
	    echo "Creando $(VENV) con $(PYTHON) (Python $$version)"; \
	    if ! { $(PYTHON) -m venv $(VENV) && $(PIP_INSTALL) --upgrade pip; }; then \
	        rm -rf $(VENV); \
	        echo "No se pudo crear $(VENV) (vea el error de arriba); se borró para empezar limpio la próxima vez. En Debian o Ubuntu suele faltar el paquete python3-venv (o python3.11-venv)."; \
	        exit 1; \
	    fi; \
	fi

$(VENV)/.installed: pyproject.toml | venv
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | venv
	$(PIP_INSTALL) -e '.[dev]'
	touch $@ $(VENV)/.installed

setup: venv $(VENV)/.installed
setup-dev: venv $(VENV)/.installed-dev

start: setup
ifeq ($(NO_BROWSER),1)
	$(JUPYTER_ENV) $(BIN)/jupyter lab $(ROOT_FLAG) --no-browser --ip=127.0.0.1 --port=$(PORT)
else
	$(JUPYTER_ENV) $(BIN)/jupyter lab $(ROOT_FLAG) --ip=127.0.0.1 --port=$(PORT)
endif

# The agent track as apps with no code visible (Voila) on 127.0.0.1 only: the repository's tree,
# from which notebooks/ and exercises/ 00-06 open; NO_BROWSER=1 only serves it on COURSE_PORT.
COURSE_PORT ?= 8867
COURSE_START := voila/render/notebooks/00_bienvenida.ipynb
curso: setup
	@echo "El curso del gestor: http://127.0.0.1:$(COURSE_PORT)/$(COURSE_START)"
	$(BIN)/python -m voila $(CURDIR) --port=$(COURSE_PORT) --Voila.ip=127.0.0.1 --Voila.port_retries=0 \
	    --Voila.log_level=WARN $(if $(filter 1,$(NO_BROWSER)),--no-browser)

# The manager dashboard (Voila) on 127.0.0.1; NO_BROWSER=1 only serves it on DASHBOARD_PORT;
# TOKEN=1 asks for a random key in the address (printed), for machines shared with other users.
DASHBOARD_FLAGS = $(if $(filter 1,$(TOKEN)),--token)
dashboard: setup
ifeq ($(NO_BROWSER),1)
	$(BIN)/python -m simulator dashboard --port $(DASHBOARD_PORT) $(DASHBOARD_FLAGS)
else
	$(BIN)/python -m simulator dashboard $(DASHBOARD_FLAGS)
endif

# Lint and type check first: a type error fails the run before the long suite starts. Two
# processes, each taking whole files (their module fixtures and servers stay in one process).
test: lint
	$(BIN)/python -m pytest tests notebooks exercises --nbval-lax --nbval-current-env --nbval-cell-timeout=300 -p no:cacheprovider --durations=25 -n 2 --dist loadfile

# The daily lane: engine, loaders and CLI without notebooks, browsers, servers or long fuzzing,
# on two processes (pytest-xdist).
test-fast: setup-dev
	$(BIN)/python -m pytest tests -m "not slow and not browser and not notebook" -n 2 -q -p no:cacheprovider

exercises: setup ; $(BIN)/python -m simulator.course.exercises build
lint: setup-dev
	$(BIN)/ruff check simulator tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

# mypy over the packages listed in pyproject.toml ([tool.mypy] files).
typecheck: setup-dev
	$(BIN)/mypy

demo-portfolio: setup
	$(BIN)/python -m simulator.portfolio.generate --accounts 5000 --seed 2026 --out datasets/portfolios/demo.csv

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache
