# Two commands for a new machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck unit bench clean compile pure

# The policy's hot modules, compiled with mypyc when the dev extra is installed
# (tools/compile_policy.py); rebuilt whenever one of them changes.
POLICY_HOT := $(addprefix src/sojournal/policy/,text.py lexicon.py engine.py)
COMPILED   := src/sojournal/policy/compiled.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/sojournal demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy --strict src

# A failed build (no C compiler) leaves pure Python, which is correct, only slower.
$(COMPILED): $(VENV)/.installed-dev $(POLICY_HOT) tools/compile_policy.py
	$(BIN)/python tools/compile_policy.py || echo "warning: running sojournal.policy as pure Python"

compile: $(COMPILED)

pure:
	$(BIN)/python tools/compile_policy.py --clean

# The suite runs compiled; the policy's tests and doctests (mypyc drops docstring
# tests of compiled functions) run once more on the pure-Python fallback.
unit: $(VENV)/.installed-dev $(COMPILED)
	$(BIN)/pytest
	SOJOURNAL_PURE_PYTHON=1 $(BIN)/pytest -p no:cacheprovider src/sojournal/policy tests/policy

test: lint typecheck unit

bench: $(VENV)/.installed-dev $(COMPILED)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis build
	rm -f $(COMPILED) src/*.so src/sojournal/policy/*.so
