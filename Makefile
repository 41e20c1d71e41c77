# The study's entry points. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help all test lab refresh extract bench clean-reports

help: ## list what can be run
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,scale]"
	touch $@

all: $(VENV)/.installed ## set up, then execute every notebook on the seed corpus: figures/ + reports/*.html
	$(BIN)/python -m analysis run $(if $(CORPUS),--corpus "$(CORPUS)" --out "$(or $(OUT),reports/$(notdir $(CORPUS)))")

test: $(VENV)/.installed ## set up, then lint (ruff) and run unit tests and notebook regression (nbval)
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadscope -p no:cacheprovider \
	  --doctest-modules --nbval --nbval-current-env --nbval-sanitize-with $(CURDIR)/.ci/nbval-sanitize.cfg \
	  analysis tests notebooks

lab: $(VENV)/.installed ## open the notebooks in JupyterLab, run by the project's kernel (Ctrl-C stops it)
	JUPYTER_PREFER_ENV_PATH=1 $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks --KernelManager.transport_encryption=auto \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

refresh: $(VENV)/.installed ## re-execute the committed notebooks in place (after a package change)
	$(BIN)/python -m analysis refresh

extract: $(VENV)/.installed ## tables as CSV: make extract CORPUS=path/to/corpus OUT=out/
	$(BIN)/python -m analysis extract "$(or $(CORPUS),seeds)" --out "$(or $(OUT),out)"

bench: $(VENV)/.installed ## benchmarks (throughput per stage, memory): see benchmarks/README.md
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/bench_pipeline.py --sizes 1000 10000

clean-reports: ## remove generated reports
	rm -rf reports
