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
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock package-lock.json pyproject.toml Makefile | cksum | cut -d' ' -f1)
# uv installs the pinned packages (from its cache in seconds; pip took ~25 s of a fresh `make serve`)
UV_PIN := uv==0.13.9
UV_INSTALL := $(VENV)/bin/uv pip install --python $(PY)
# Test-only references (Keras on JAX, optax, torch): a stamp of their own, so `make serve` never installs them.
TORCH  := torch==2.13.0
VENV_PIP := $(VENV)/bin/pip
TEST_STAMP := $(VENV)/.test-installed-$(shell cat requirements-test.lock | cksum | cut -d' ' -f1)
# Keras 3 runs its library-conformance tests on the JAX backend, on the CPU.
export KERAS_BACKEND := jax
export JAX_PLATFORMS := cpu
# Keep MkDocs-2 / end-of-life banners of the docs stack out of the build output.
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup test-deps serve build test bench torch clean figure

setup: $(STAMP)

$(STAMP): requirements.lock package-lock.json pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv --without-pip $(VENV)
	# npm's install runs beside the Python packages' (~1 s less), and both must succeed. uv goes into .venv by the
	# system's pip (`--python`): seeding .venv with a pip of its own took ~4 s of a fresh `make serve`, and only the
	# tests need one ($(VENV_PIP)). A pip older than 22.3 has no `--python`.
	npm ci --omit=dev --silent --no-audit --no-fund & npm=$$!; \
	{ $(PYTHON) -m pip --python $(PY) install --quiet --disable-pip-version-check $(UV_PIN) \
		|| { $(PY) -m ensurepip --default-pip >/dev/null && $(PY) -m pip install --quiet $(UV_PIN); }; } \
		&& $(UV_INSTALL) --quiet -r requirements.lock && $(UV_INSTALL) --quiet --no-deps -e .; python=$$?; \
	wait $$npm && exit $$python
	@rm -f $(VENV)/.installed-*
	@touch $@

# pytest, Playwright, jax, keras, optax and the references from requirements-test.lock (numpy stays at
# requirements.lock's pin), and the npm dev tools (axe-core for the accessibility test, lighthouse for make bench).
test-deps: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) $(VENV_PIP) requirements-test.lock package-lock.json
	# pip, not uv: torch's CPU build (+cpu) comes from pip's configured wheel folders, which uv does not read
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.lock -c requirements.lock
	npm ci --include=dev --silent --no-audit --no-fund
	@rm -f $(VENV)/.test-installed-*
	@touch $@

# ADDR: where to serve (make bench serves a fresh clone on a free port)
ADDR ?= 127.0.0.1:8000
serve: setup
	$(PY) -m mkdocs serve --dev-addr $(ADDR)

# site/ to serve, and site.zip (mkdocs.offline.yml) to unpack and open from file:// with no server.
build: setup
	$(PY) -m mkdocs build --strict
	$(PY) scripts/offline_zip.py $(OFFLINE_ZIP)

test: setup test-deps
	-@$(MAKE) --no-print-directory torch
	$(PY) -m pytest

# pip in .venv, for what only the tests and the benchmark install (torch's +cpu build is found by pip only)
$(VENV_PIP): | $(STAMP)
	$(PY) -m ensurepip --default-pip >/dev/null

# torch is only a reference for the tests and the benchmark; the package never needs it.
torch: setup $(VENV_PIP)
	$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check $(TORCH)

bench: setup test-deps
	-@$(MAKE) --no-print-directory torch
	$(PY) scripts/bench.py

# One figure of the site, drawn again (scripts/figure.py): the same bytes as the site's PNG, or "what if" with
# ARGS, e.g. make figure NAME=rosenbrock-paths-default LANG=en ARGS="--lr 0.01 --steps 2000". STYLE=dark for the
# other colour scheme. LANG is also the shell's locale variable: only ko or en are taken as the figure's language.
figure: setup
	env -u LANG $(PY) -m scripts.figure $(NAME) --lang $(if $(filter ko en,$(LANG)),$(LANG),ko) \
		--style $(or $(STYLE),light) $(ARGS)

clean:
	rm -rf site site.zip .cache
