# Two commands do everything on a fresh machine:
#   make        check Python, create .venv, install what building needs (requirements/build.txt and the
#               tooling in src/ as the package event_timeline), build every derived file, validate
#   make test   bring derived files up to date, add what the tests need (requirements/test.txt,
#               datasette.txt), then run them in parallel
# Also: make serve (Datasette over the SQLite edition), make site (landing page in dist/site),
# make test-site (the page in a real browser: needs chromium), make release, make bench.
# Each target installs only its own group of dependencies; stamps in .venv/ and .make/ let an
# unchanged tree finish at once.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Every lock in requirements/ lists each file's hash: pip refuses anything else (make lock re-makes them).
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
CODE   := $(shell find src -type f -not -path '*/__pycache__/*') pyproject.toml timeline.toml
INPUTS := datapackage.json README.md CURATION.md CHANGELOG.md $(wildcard data/*.csv) $(wildcard schemas/*.json) $(CODE)

# Let Python cache compiled modules (some machines set PYTHONDONTWRITEBYTECODE, which makes every
# process, and pytest's assertion rewriting, compile the same sources again).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: all install install-publish build validate test test-site site serve bench release release-verify publish publish-check clean lock
.DELETE_ON_ERROR:

all: .make/validated TESTING.md

install: $(VENV)/.installed
# The stamp is written only after every package installed; a failed install removes .venv, so the
# next make starts clean instead of trusting a half-made environment. The tooling is installed
# editable (its code stays in src/), without dependencies and without build isolation: the build
# backend it needs (setuptools, pinned in pyproject.toml) comes, like everything else, from the
# hashed lock requirements/build.txt.
$(VENV)/.installed: requirements/build.txt pyproject.toml scripts/python_version.py
	@$(PYTHON) scripts/python_version.py
	@$(PYTHON) -m venv $(VENV) && $(PIP) -r requirements/build.txt \
	  && $(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
	  || { rm -rf $(VENV); echo "make: installing the pinned dependencies failed (see above); .venv removed, so the next make starts clean" >&2; exit 1; }
	@touch $@

# One more group on top of the build's: installed once, again when its pins change.
$(VENV)/.%-installed: requirements/%.txt $(VENV)/.installed
	$(PIP) -r $<
	@touch $@

# A tool whose dependencies clash with the package's gets a venv of its own (pyproject.toml:
# [tool.event-timeline.isolated-tools]; locked in requirements/tools/).
$(VENV)/tools/%/.installed: requirements/tools/%.txt
	@rm -rf $(VENV)/tools/$*
	$(PYTHON) -m venv $(VENV)/tools/$* && $(VENV)/tools/$*/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $<
	@touch $@

# Re-make every lock in requirements/ with hashes after a change to pyproject.toml's dependencies.
lock: $(VENV)/tools/uv/.installed
	$(PYTHON) scripts/lock.py --uv $(VENV)/tools/uv/bin/uv

# Build, then validate, in one process; slow steps (exports, frictionless) are remembered in
# .make/memo by a digest of what they read, so unchanged inputs cost nothing the second time.
.make/validated: $(VENV)/.installed $(INPUTS)
	$(PY) scripts/build.py --validate --memo .make/memo
	@mkdir -p .make && touch $@

build: $(VENV)/.installed
	$(PY) scripts/build.py

validate: $(VENV)/.installed
	$(PY) scripts/validate.py

TESTING.md: $(VENV)/.installed $(wildcard src/event_timeline/checks/*.py) src/event_timeline/documents/testing.py $(wildcard tests/data/cases/*.json)
	$(PY) scripts/testing_doc.py

# The tests check the derived files too, so they are brought up to date first: after an edit, make test
# rebuilds (or stops at once, with the build's own lines saying what to correct).
test: $(VENV)/.test-installed $(VENV)/.datasette-installed $(VENV)/.publish-installed .make/validated TESTING.md
	$(PY) -m pytest -n auto --dist loadgroup

# The published site in dist/site: the landing page, <version>/ and latest/ (LANDING_PAGE, DOWNLOAD_BASE and
# DOI are the release's addresses, each optional: without them, a draft with relative links).
site: .make/validated
	$(PY) scripts/site_build.py $(if $(LANDING_PAGE),--landing-page $(LANDING_PAGE)) $(if $(DOWNLOAD_BASE),--download-base $(DOWNLOAD_BASE)) $(if $(DOI),--doi $(DOI))

# The page in Debian's chromium through Playwright (requirements/browser.txt); screenshots go to
# dist/site-screenshots/. Kept apart so that make test needs no browser.
test-site: $(VENV)/.browser-installed $(VENV)/.test-installed .make/validated
	$(PY) -m pytest site_tests

# Datasette over the SQLite edition, on 127.0.0.1 only, the database opened immutable.
PORT ?= 8001
serve: $(VENV)/.datasette-installed .make/validated
	$(PY) -m datasette serve -i $(wildcard data/exports/*.sqlite) -m data/exports/datasette-metadata.json -h 127.0.0.1 -p $(PORT)

bench: $(VENV)/.bench-installed .make/validated
	$(PY) scripts/bench.py

# The gate first compares the package with the previous release (releases.json, rebuilt from git) and
# refuses a version bump smaller than the changes require, or an id that left without its row in
# data/withdrawn.csv; then the archive (it holds no address: make site takes those); then the manifest
# records the new release (or checks that a recorded one was made again as recorded).
release: .make/validated
	$(PY) scripts/release_gate.py
	$(PY) scripts/release.py
	$(PY) scripts/release_gate.py --record dist

# What the release workflow runs on a tag: the same, but the release must already be recorded in releases.json
# (make release, then commit, then tag that commit), and the archive must stand for the record.
release-verify: .make/validated
	$(PY) scripts/release_gate.py
	$(PY) scripts/release.py
	$(PY) scripts/release_gate.py --verify dist

# The tooling and the publish group, without building (the workflow's publishing jobs use the committed files).
install-publish: $(VENV)/.publish-installed

# dist/publish: what a tag push publishes (archive, checksum, datacite.json, zenodo.json, release notes, site),
# made here up to the network boundary. LANDING_PAGE, DOWNLOAD_BASE, DOI as for make site.
publish: $(VENV)/.publish-installed .make/validated
	$(PY) scripts/publish.py $(if $(LANDING_PAGE),--landing-page $(LANDING_PAGE)) $(if $(DOWNLOAD_BASE),--download-base $(DOWNLOAD_BASE)) $(if $(DOI),--doi $(DOI))

# Offline checks of what publishing reads (.ci/run runs them): the release workflow against GitHub's schema,
# CITATION.cff with cffconvert, and dist/publish made with reserved test addresses (example.org, DataCite's
# test prefix 10.5072), its DataCite metadata checked against DataCite's schema.
publish-check: $(VENV)/.publish-installed $(VENV)/tools/cffconvert/.installed .make/validated
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/release.yml
	$(VENV)/tools/cffconvert/bin/cffconvert --validate --infile CITATION.cff
	$(PY) scripts/publish.py --out dist/publish-check --landing-page https://example.org/aseanapol-release-check/ --doi 10.5072/release-check

clean:
	rm -rf .make dist $(VENV) .hypothesis src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
