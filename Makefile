# Two commands: `make demo` and `make test`. Each sets up what it needs on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
YKG := $(VENV)/bin/ykg
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
OUT ?= build

.PHONY: demo test setup system clean bench vendor

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

setup: $(STAMP)

# Debian packages the tests need (chromium, Virtuoso, a CJK font, Java, nginx, Apache, rapper).
system:
	@bash scripts/install-system.sh

# npm packages from the lockfile: the front-end libraries (vendored into ykg/assets/vendor by
# `make vendor`) and the validators the tests run (axe-core, the Nu HTML Checker).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Copy the front-end files the pages need from node_modules into ykg/assets/vendor (+ LICENSES).
vendor: $(STAMP) $(NODE_STAMP)
	$(PY) scripts/vendor.py

demo: $(STAMP)
	$(YKG) build --out $(OUT)
	$(YKG) validate --file $(OUT)/graph.ttl
	$(YKG) stats
	$(YKG) query run-all --source $(OUT) --out $(OUT)/queries
	$(YKG) view overview --source $(OUT) --out $(OUT)/views/overview.html
	$(YKG) view project 4 --source $(OUT) --out $(OUT)/views/project-4.html
	$(YKG) publish --out $(OUT)/site
	@echo
	@echo "Done. To look at the result:"
	@echo "  the site:   $(YKG) serve --site $(OUT)/site    then open http://127.0.0.1:8000/"
	@echo "  the views:  open $(OUT)/views/overview.html and $(OUT)/views/project-4.html in a browser (offline files)"
	@echo "  the answers of the query catalogue: $(OUT)/queries/*.csv"
	@echo "  ykg itself: $(YKG) --help   (or: source $(VENV)/bin/activate, then ykg --help)"

test: $(STAMP) system $(NODE_STAMP)
	$(PY) -m pytest -q

# Every benchmark at N = 1, 10, 30, 100 synthetic plans: one table of figures, references, ratios
# (kept with the machine it ran on in benchmarks/README.md). Synthetic data and builds in /tmp/ykg-bench.
bench: $(STAMP) system
	$(PY) -m benchmarks.run --readme

clean:
	rm -rf $(OUT) .pytest_cache
