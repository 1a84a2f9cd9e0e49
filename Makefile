# Two commands do everything on a fresh machine:
#   make        check Python, create .venv, install pinned dependencies, build every derived file, validate
#   make test   run the test suite in parallel workers (installs first if needed)
# Stamps in .make/ let an unchanged tree finish at once.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
INPUTS := datapackage.json README.md CURATION.md $(wildcard data/*.csv) $(wildcard schemas/*.json) $(wildcard scripts/*.py)

# Let Python cache compiled modules (some machines set PYTHONDONTWRITEBYTECODE, which makes every
# process, and pytest's assertion rewriting, compile the same sources again).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: all install build validate test bench release clean
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
