# The two commands of the README. Each installs what it needs, so both work on a fresh machine.
#   make demo   build dist/ and serve the demo at http://127.0.0.1:8000/ (PORT=... to change)
#   make test   build dist/ and run the whole test suite (unit tests, then Playwright in Chromium)
# Also: make bench (the benchmark table), make docs (README's generated tables), make package
# (packages/: the wheel and sdist with the browser build inside, the npm tarball), make clean.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
WHEELHOUSE := .cache/wheels

.PHONY: demo test bench docs package chromium clean

demo: $(STAMP) node_modules/.installed
	$(PY) build.py --serve

test: $(STAMP) $(WHEELHOUSE)/.complete chromium node_modules/.installed
	$(PY) build.py
	$(PY) -m pytest

bench: $(STAMP) chromium node_modules/.installed
	$(PY) build.py
	$(PY) tests/bench/bench_bridge.py
	$(PY) tests/bench/bench_frames.py
	$(PY) tests/bench/bench_clients.py
	$(PY) tests/bench/bench_xuc.py
	$(PY) tests/bench/bench_udesk.py

docs: $(STAMP)
	$(PY) build.py --docs

package: $(STAMP) node_modules/.installed
	$(PY) build.py --package

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]' --constraint constraints.txt
	rm -f $(VENV)/.installed-* && touch $@

# The wheels of every package constraints.txt pins (wheels only: an sdist would need a build
# backend offline), downloaded once with the venv (pip's index, as the install above):
# tests/packaging/ installs the built wheel into a fresh venv from these alone (pip --no-index,
# the same pins as constraints), as a CRM's machine without network would.
$(WHEELHOUSE)/.complete: $(STAMP) constraints.txt
	mkdir -p $(WHEELHOUSE)
	cp constraints.txt $(WHEELHOUSE)/requirements.txt
	$(PY) -m pip download --quiet --only-binary=:all: --dest $(WHEELHOUSE) -r $(WHEELHOUSE)/requirements.txt
	touch $@

# esbuild and terser (bundle and minify the shims) and TypeScript (checks web/ and dist/agent-bridge.d.ts), pinned in package-lock.json.
node_modules/.installed: package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# Browser tests need a Chromium. Debian's package when we may install it; otherwise
# Playwright's own download (which needs internet); AGENT_BRIDGE_CHROMIUM names any other.
chromium: $(STAMP)
	@if [ -n "$$AGENT_BRIDGE_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's chromium"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "no chromium found: trying Playwright's own browser"; $(PY) -m playwright install chromium; \
	fi

clean:
	rm -rf dist .cache $(VENV) node_modules
