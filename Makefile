# Entry points. Both need only python3 (3.11 or newer) and make, and build .venv
# from tests/requirements.txt first.
#   make demo   the example playbooks against the bundled Identity Server emulator
#   make test   every test: ansible-test sanity and units, the emulator's tests, end to end
PYTHON ?= python3
VENV ?= $(CURDIR)/.venv

.PHONY: demo test venv

demo: venv
	@$(VENV)/bin/python tools/demo.py

test: venv
	@$(VENV)/bin/python tools/run_tests.py

venv:
	@PYTHON="$(PYTHON)" VENV="$(VENV)" bash tools/ensure_venv.sh
