# Two commands do all the set-up on a fresh machine (Python 3.11, pip, make):
#   make demo   evaluate an example applicant
#   make test   lint and types, every test, the public conformance cases, verify
# and, while working:
#   make check  lint, types and the fast tests (under a minute)
#   make bench  the benchmark
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test check lint bench clean chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,serve,population]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pypermit check examples/darmstadt_refugee_c1.yaml

# The page's tests drive Debian's chromium: installed when missing, if run as
# root with apt-get; otherwise those tests are skipped and say why.
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will be skipped"; fi; }

# ruff (style, imports, bugbear, pyupgrade) and mypy (strict), as pyproject.toml sets them.
lint: $(STAMP)
	$(BIN)/ruff check pypermit tests benchmarks
	$(BIN)/mypy

check: lint
	$(BIN)/python -m pytest -m "not slow" -x -n auto

test: lint chromium
	$(BIN)/python -m pytest -rs
	@if [ -f $(SHARED)/conformance/check.py ]; then \
	  $(BIN)/python $(SHARED)/conformance/check.py --cmd $(BIN)/pypermit; \
	else echo "no $(SHARED)/conformance beside this clone: the public conformance cases were not run"; fi
	$(BIN)/pypermit verify

# Every figure of issue 12's target table beside a plain-Python reference
# measured in the same run (the ratio holds on a noisy machine); about a
# minute or two; the figures also go to out/bench.json.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --one-by-one

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
