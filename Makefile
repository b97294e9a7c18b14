# Two commands: `make demo` and `make test`. Each sets up what it needs on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
YKG := $(VENV)/bin/ykg
STAMP := $(VENV)/.installed
OUT ?= build

.PHONY: demo test setup system clean bench

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

setup: $(STAMP)

# Debian packages the browser and Virtuoso tests need (chromium, virtuoso-opensource, a CJK font).
system:
	@bash scripts/install-system.sh

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

test: $(STAMP) system
	$(PY) -m pytest -q

bench: $(STAMP) system
	$(PY) benchmarks/cli.py
	$(PY) -m benchmarks.queries
	$(PY) benchmarks/views.py

clean:
	rm -rf $(OUT) .pytest_cache
