# Two commands do all the set-up on a fresh machine (Python 3.11, pip, make):
#   make demo   evaluate an example applicant
#   make test   run every test, then the public conformance cases
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,population]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pypermit check examples/darmstadt_refugee_c1.yaml

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python $(SHARED)/conformance/check.py --cmd $(BIN)/pypermit
	$(BIN)/pypermit verify

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py --verify
	$(BIN)/python benchmarks/bench_timeline.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
