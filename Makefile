# Annotated reader. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: browser lock help site serve check test golden schema lint audit screenshots bench stress clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@# 3.11.5+: the locked pymdown-extensions and soupsieve need it (Debian 12's python3 is 3.11.2: PYTHON=python3.13 etc.)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5+ is needed: make PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@# this folder on the venv's path: mkdocs.yml names a Markdown extension of annotated_reader/
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "annotated-reader.pth").write_text("$(CURDIR)\n")'
	touch $@

# axe-core (browser tests) and Lighthouse (make audit), pinned by package-lock.json
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

ENGINE ?= mkdocs
site: $(VENV)/.installed  ## build site/ from articles/ and annotations/ (ENGINE=mkdocs|properdocs|zensical)
	ANNOTATED_READER_ENGINE=$(ENGINE) $(PY) build_site.py build

PORT ?= 8000
serve: $(VENV)/.installed  ## preview on http://127.0.0.1:8000 (PORT=8001 for another), rebuilt on changes; select words to annotate
	$(PY) build_site.py serve --port $(PORT)

check: $(VENV)/.installed  ## validate articles and annotations; write nothing
	$(PY) build_site.py check

# The browser tests drive Debian's Chromium (never a downloaded one): found as $CHROMIUM or on PATH; installed with
# apt-get when this runs as root, otherwise make stops at once with the command to run.
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
browser:
	@if [ -z "$(CHROMIUM)" ] || [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; apt-get update -qq && $(APT_INSTALL) chromium >/dev/null; \
	  else echo "error: the browser tests need Chromium; run: sudo apt-get install -y chromium   (or: make test CHROMIUM=/path/to/chromium)" >&2; exit 1; fi; \
	fi
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && $(APT_INSTALL) nodejs npm >/dev/null; \
	  else echo "error: the browser tests need npm (axe-core); run: sudo apt-get install -y nodejs npm" >&2; exit 1; fi; }

test: browser $(VENV)/.installed  ## run every test (unit, golden, property, mkdocs build --strict, Chromium); installs Chromium
	@$(MAKE) --no-print-directory node_modules/.installed
	CHROMIUM="$${CHROMIUM:-$$(command -v chromium || command -v chromium-browser)}" $(PY) -m pytest

golden: $(VENV)/.installed  ## regenerate the expected output of tests/golden/ (review the diff)
	$(PY) -m tests.update_golden

schema: $(VENV)/.installed  ## rewrite schema/*.schema.json (JSON Schema for editors) from annotated_reader/read/schema.py
	$(PY) build_site.py schema

N ?= 1000
bench: $(VENV)/.installed  ## benchmark N synthetic articles (N=1000) against plain Material; bench/results.json
	$(PY) -m bench.run --n $(N)

stress: $(VENV)/.installed  ## the adversarial review's large inputs (slow): wall time and peak memory of each
	$(PY) -m bench.stress

lint: $(VENV)/.installed  ## ruff (lint and format) and mypy
	$(VENV)/bin/ruff check annotated_reader tests bench build_site.py
	$(VENV)/bin/ruff format --check annotated_reader tests bench build_site.py
	$(VENV)/bin/mypy annotated_reader bench build_site.py

audit: $(VENV)/.installed node_modules/.installed  ## Lighthouse on an article page vs a plain Material page (slow)
	$(PY) -m tests.browser.audit

screenshots: $(VENV)/.installed  ## write media/article-desktop.png and media/article-mobile.png for the README
	$(PY) -m tests.browser.screenshots

# requirements.txt from requirements.in, every package pinned with its hashes (in a venv of its own: .venv keeps
# what it has until the lock changes)
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.txt requirements.in

clean:  ## remove the built site (docs/ is left alone)
	rm -rf site
