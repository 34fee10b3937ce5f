# The one entry point: `make demo` builds a sheet from the bundled data,
# `make test` runs the tests. Both set up everything they need first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The tool needs no system library: every PDF is typeset by Typst, a wheel
# (docs/design.md, "The PDF engine").
# Only the tests need these: the browser tests drive Debian's Chromium through
# Playwright (never `playwright install`, which downloads a browser of its own).
TEST_PACKAGES := chromium

.PHONY: install test-deps demo test lint format locales golden bench factsheets check-data docs clean lock

install: $(STAMP)

# Installs the Debian packages named in $(1) that are missing (as root), or
# names them and stops.
define require_packages
	@missing=""; for p in $(1); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing system packages:$$missing"; \
	    echo "install them first: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
endef

test-deps:
	$(call require_packages,$(TEST_PACKAGES))

# Every package at the version and with the hashes of requirements.lock (pip
# refuses a file whose hash differs), then the tool itself from this checkout,
# built by the locked hatchling. A lock older than pyproject.toml's pins stops
# here, saying to run `make lock`.
LOCK := requirements.lock
PIP := $(BIN)/pip install -q --disable-pip-version-check
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) tools/lock_check.py pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r $(LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

# Refreshes requirements.lock from pyproject.toml (needs the network): every
# package the tool and its tests use, for every platform, with the hashes of
# every file the index has for it. Run it after changing a pin; commit the lock.
UV_VERSION := 0.13.9
lock:
	$(PYTHON) -m venv $(VENV)
	$(PIP) uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --no-progress --custom-compile-command "make lock" -o $(LOCK)

demo: install
	$(BIN)/mocr build --kind sheet --year 2019 --lang sq
	@echo "The sheet: out/2019/mocr-2019-sq.pdf (and .html)"

# Extract the messages of the templates and the code, merge them into every
# catalog, compile (Babel checks placeholders and plural forms), then check.
# What is extracted, and how (keywords, comment tags, the templates' Jinja
# options), is $(BABEL_CFG) alone: `mocr locales check` and the renderer read it too.
BABEL_CFG := src/mocr_factsheet/i18n/babel.cfg
locales: install
	$(BIN)/pybabel extract -F $(BABEL_CFG) --no-location \
	  --sort-output --project mocr-factsheet -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete
	@# Babel stamps the time into every header; a fixed one keeps diffs to what changed.
	sed -i 's/^"POT-Creation-Date: .*"$$/"POT-Creation-Date: 2019-01-01 00:00+0000\\n"/' \
	  locales/messages.pot locales/*/LC_MESSAGES/messages.po
	$(BIN)/pybabel compile -d locales --statistics
	$(BIN)/mocr locales check

# MOCR_REQUIRE_BROWSER: a missing Chromium fails the browser tests instead of skipping them.
test: install test-deps
	MOCR_REQUIRE_BROWSER=1 $(BIN)/pytest -q
	$(BIN)/mocr locales check

lint: install
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/zizmor --offline --config .github/zizmor.yml .github/workflows/

format: install
	$(BIN)/ruff format src tests tools
	$(BIN)/ruff check --fix src tests tools

# Every year, every language, HTML and PDF (what CI publishes on a data commit).
factsheets: install
	$(BIN)/mocr build

check-data: install
	$(BIN)/mocr validate
	$(BIN)/mocr locales check

# The committed figures of the bundled data (every year's indicators, the
# profiles of an MOCR, a similar office and a municipality without one, and
# the trends, and each year's Communities Committees where it has their
# tables); review the diff before committing.
GOLDEN_PROFILES := 2019:prizren 2019:leposaviq 2018:zvecan
golden: install
	for y in $$(ls data | grep -E '^[0-9]{4}$$'); do \
	  $(BIN)/mocr indicators --year $$y --format json > tests/golden/indicators-$$y.json || exit 1; \
	  if ls data/$$y/committees.* >/dev/null 2>&1; then \
	    $(BIN)/mocr indicators --year $$y --kind committees --format json \
	      > tests/golden/committees-$$y.json || exit 1; \
	  fi; \
	done
	for p in $(GOLDEN_PROFILES); do y=$${p%%:*}; m=$${p#*:}; \
	  $(BIN)/mocr indicators --year $$y --municipality $$m --format json \
	    > tests/golden/profile-$$y-$$m.json || exit 1; \
	done
	$(BIN)/mocr trends --format json > tests/golden/trends.json

docs: install
	$(BIN)/python tools/cli_docs.py docs/cli.md
	$(BIN)/python tools/schema_docs.py docs/data-format.md

bench: install
	$(BIN)/python tools/bench.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache
