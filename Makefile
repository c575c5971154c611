# Entry points. Both need only python3 (3.11 or newer) and make, and build .venv
# from tests/requirements.txt first.
#   make demo   the example playbooks against the bundled Identity Server emulator
#   make test   every test: ansible-test sanity and units, the emulator's tests, end to end,
#               lint and packaging checks, on the oldest, current and newest ansible-core
#               (tools/test/run_tests.py builds .venv-tools, .venv-oldest and .venv-newest itself)
# Variables: PYTHON (the python3 to build with), LEGS (e.g. LEGS=main to skip the other
# ansible-core versions), OLDEST_PYTHON / NEWEST_PYTHON (the Python of those legs).
PYTHON ?= python3
VENV ?= $(CURDIR)/.venv

.PHONY: bench demo test venv

demo: venv
	@$(VENV)/bin/python tools/demo/demo.py

test: venv
	@PYTHON="$(PYTHON)" $(VENV)/bin/python tools/test/run_tests.py

# The benchmark of docs/benchmarks.md (about 12 minutes; BENCH_ARGS=--quick for a smoke run).
bench: venv
	@$(VENV)/bin/python tools/bench/benchmark.py $(BENCH_ARGS)

venv:
	@PYTHON="$(PYTHON)" VENV="$(VENV)" bash tools/ensure_venv.sh
