# Quickstart targets. Each creates the virtual environment (.venv) on first use, with every
# dependency pinned by constraints.txt, so both work on a fresh clone with only Python 3.11 and pip.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install clean

$(STAMP): pyproject.toml constraints.txt
	@echo "creating $(VENV) with the pinned dependencies (first run only) ..." >&2
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade "pip>=23.2" >&2
	@$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]" >&2
	@touch $(STAMP)

install: $(STAMP)

## make run: parse the example MedPath record and print its JSON
run: $(STAMP)
	@$(BIN)/extractor parse corpus/medpath/NCT05460481.txt

## make test: run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
