# Two commands for a new machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck unit bench clean compile pure

# The hot modules of the policy and of the PII detectors, compiled with mypyc when the
# dev extra is installed (tools/compile_hot.py, one group a package); a package is
# rebuilt whenever one of its modules changes. The lists must match PACKAGES in
# src/sojournal/_compiled.py (the guard that keeps a stale binary from running).
POLICY_HOT := $(addprefix src/sojournal/policy/,text.py lexicon.py model.py engine.py)
PII_HOT    := $(addprefix src/sojournal/pii/,_span.py lexicon.py anchors.py sensitive.py \
                cpr.py cvr.py email.py phone.py address.py _scan.py)
COMPILED   := src/sojournal/policy/compiled.json src/sojournal/pii/compiled.json

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
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy --strict src bench tools

# A failed build (no C compiler) leaves pure Python, which is correct, only slower.
GUARD := src/sojournal/_compiled.py tools/compile_hot.py
src/sojournal/policy/compiled.json: $(VENV)/.installed-dev $(POLICY_HOT) $(GUARD)
	$(BIN)/python tools/compile_hot.py policy || echo "warning: running sojournal.policy as pure Python"

src/sojournal/pii/compiled.json: $(VENV)/.installed-dev $(PII_HOT) $(GUARD)
	$(BIN)/python tools/compile_hot.py pii || echo "warning: running sojournal.pii as pure Python"

compile: $(COMPILED)

pure:
	$(BIN)/python tools/compile_hot.py --clean

# The suite runs compiled; the tests and doctests of the compiled packages (mypyc drops
# docstring tests of compiled functions) run once more on the pure-Python fallback.
unit: $(VENV)/.installed-dev $(COMPILED)
	$(BIN)/pytest
	SOJOURNAL_PURE_PYTHON=1 $(BIN)/pytest -p no:cacheprovider \
		src/sojournal/policy tests/policy src/sojournal/pii tests/pii

test: lint typecheck unit

bench: $(VENV)/.installed-dev $(COMPILED)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis build
	rm -f $(COMPILED) src/*.so src/sojournal/policy/*.so src/sojournal/pii/*.so
