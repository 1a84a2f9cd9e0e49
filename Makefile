# Two commands do everything on a fresh machine:
#   make        check Python, create .venv, install pinned dependencies, build every derived file, validate
#   make test   run the test suite in parallel workers (installs first if needed)
# Also: make serve (Datasette over the SQLite edition), make site (landing page in dist/site),
# make test-site (the page in a real browser: needs chromium), make release, make bench.
# Stamps in .make/ let an unchanged tree finish at once.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
INPUTS := datapackage.json README.md CURATION.md $(wildcard data/*.csv) $(wildcard schemas/*.json) $(wildcard scripts/*.py)

# Let Python cache compiled modules (some machines set PYTHONDONTWRITEBYTECODE, which makes every
# process, and pytest's assertion rewriting, compile the same sources again).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: all install build validate test test-site site serve bench release clean
.DELETE_ON_ERROR:

all: .make/validated TESTING.md

install: $(VENV)/.installed
# The stamp is written only after every package installed; a failed install removes .venv, so the
# next make starts clean instead of trusting a half-made environment.
$(VENV)/.installed: requirements.txt scripts/python_version.py
	@$(PYTHON) scripts/python_version.py
	@$(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt \
	  || { rm -rf $(VENV); echo "make: installing the pinned dependencies failed (see above); .venv removed, so the next make starts clean" >&2; exit 1; }
	@touch $@

# Build, then validate, in one process; slow steps (exports, frictionless) are remembered in
# .make/memo by a digest of what they read, so unchanged inputs cost nothing the second time.
.make/validated: $(VENV)/.installed $(INPUTS)
	$(PY) scripts/build.py --validate --memo .make/memo
	@mkdir -p .make && touch $@

build: $(VENV)/.installed
	$(PY) scripts/build.py

validate: $(VENV)/.installed
	$(PY) scripts/validate.py

TESTING.md: $(VENV)/.installed scripts/checks.py scripts/check_*.py scripts/testing_doc.py $(wildcard tests/data/cases/*.json)
	$(PY) scripts/testing_doc.py

test: $(VENV)/.installed
	$(PY) -m pytest -n auto --dist loadgroup

# The landing page: dist/site/index.html and the downloads beside it (BASE_URL as for release).
site: .make/validated
	$(PY) scripts/site_build.py $(if $(BASE_URL),--base-url $(BASE_URL))

# The page in Debian's chromium through Playwright (pinned in requirements-site.txt); screenshots
# go to dist/site-screenshots/. Kept apart so that make test needs no browser.
$(VENV)/.site-installed: $(VENV)/.installed requirements-site.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-site.txt
	@touch $@

test-site: $(VENV)/.site-installed .make/validated
	$(PY) -m pytest site_tests

# Datasette over the SQLite edition, on 127.0.0.1 only, the database opened immutable.
PORT ?= 8001
serve: .make/validated
	$(PY) -m datasette serve -i $(wildcard data/exports/*.sqlite) -m data/exports/datasette-metadata.json -h 127.0.0.1 -p $(PORT)

bench: $(VENV)/.installed
	$(PY) scripts/bench.py

# make release BASE_URL=https://... gives the release its permanent address; without it, a draft.
# The gate first compares the package with the previous release (releases.json, rebuilt from git)
# and refuses a version bump smaller than the changes require; then the archive; then the manifest
# records the new release (or checks that a recorded one came out byte-identical).
release: .make/validated
	$(PY) scripts/release_gate.py
	$(PY) scripts/release.py $(if $(BASE_URL),--base-url $(BASE_URL))
	$(PY) scripts/release_gate.py --record dist/SHA256SUMS $(if $(BASE_URL),--base-url $(BASE_URL))

clean:
	rm -rf .make dist $(VENV) .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
