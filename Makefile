# Two commands do all the set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
OFFLINE_ZIP ?= site.zip
# Same commit, same bytes on any day: the sitemap's dates (and its .gz header) are the commit's time.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock package-lock.json pyproject.toml | cksum | cut -d' ' -f1)
# Keep MkDocs-2 / end-of-life banners of the docs stack out of the build output.
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test bench torch clean

setup: $(STAMP)

$(STAMP): requirements.lock package-lock.json pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	npm ci --silent --no-audit --no-fund
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# site/ to serve, and site.zip (mkdocs.offline.yml) to unpack and open from file:// with no server.
build: setup
	$(PY) -m mkdocs build --strict
	$(PY) scripts/offline_zip.py $(OFFLINE_ZIP)

test: setup
	$(PY) -m pytest

# torch is only a reference for the tests and the benchmark; the package never needs it.
torch: setup
	$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check torch==2.13.0

bench: setup
	-@$(MAKE) --no-print-directory torch
	$(PY) scripts/bench.py

clean:
	rm -rf site site.zip .cache
