# Developer entry points. `make test` needs only python3 (3.10 or newer) and make:
# it builds .venv from tests/requirements.txt, then runs tools/run_tests.py.
PYTHON ?= python3
VENV ?= $(CURDIR)/.venv

.PHONY: test venv

test: venv
	@$(VENV)/bin/python tools/run_tests.py

venv:
	@PYTHON="$(PYTHON)" VENV="$(VENV)" bash tools/ensure_venv.sh
