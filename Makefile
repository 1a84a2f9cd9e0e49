# Two commands do everything on a fresh machine:
#   make        create .venv, install pinned dependencies, build every derived file, validate
#   make test   run the test suite (installs first if needed)
# Stamps in .make/ let an unchanged tree finish at once.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
INPUTS := datapackage.json README.md $(wildcard data/*.csv) $(wildcard schemas/*.json) $(wildcard scripts/*.py)

.PHONY: all install build validate test bench release clean
.DELETE_ON_ERROR:

all: validate TESTING.md

install: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

build: .make/built
.make/built: $(VENV)/.installed $(INPUTS)
	$(PY) scripts/build.py
	@mkdir -p .make && touch $@

validate: .make/validated
.make/validated: .make/built
	$(PY) scripts/validate.py
	@mkdir -p .make && touch $@

TESTING.md: $(VENV)/.installed scripts/checks.py scripts/testing_doc.py $(wildcard tests/data/cases/*.json)
	$(PY) scripts/testing_doc.py

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) scripts/bench.py

release: validate
	$(PY) scripts/release.py

clean:
	rm -rf .make dist
