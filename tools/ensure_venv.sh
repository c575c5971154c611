#!/usr/bin/env bash
# Create .venv with the pinned test tools of tests/requirements.txt.
# The venv is rebuilt only when that file (or the interpreter) changed since the last
# install: a stamp file inside the venv records what was installed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
venv="${VENV:-$root/.venv}"
requirements="$root/tests/requirements.txt"
stamp="$venv/.requirements.stamp"

if ! command -v "$python" >/dev/null 2>&1; then
    echo "ensure_venv: '$python' not found; set PYTHON=/path/to/python3 (3.11 or newer)" >&2
    exit 1
fi

# ansible-core 2.19 (tests/requirements.txt) runs on Python 3.11 and newer.
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "ensure_venv: $("$python" --version 2>&1) is too old for the pinned ansible-core, which needs 3.11 or newer;" \
        "run: make test PYTHON=/path/to/python3.11" >&2
    exit 1
fi

wanted="$("$python" -c 'import sys; print(sys.version.split()[0], sys.executable)')
$(cat "$requirements")"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] \
        && "$venv/bin/python" -c 'import ansible_test, pytest' >/dev/null 2>&1; then
    echo "venv: $venv is up to date with tests/requirements.txt"
    exit 0
fi

echo "venv: (re)creating $venv from tests/requirements.txt with $("$python" --version 2>&1)"
rm -rf "$venv"
"$python" -m venv "$venv"
log="$venv/pip-install.log"
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --requirement "$requirements" > "$log" 2>&1; then
    cat "$log" >&2
    echo "venv: pip install failed (log above, kept in $log)" >&2
    exit 1
fi
printf '%s\n' "$wanted" > "$stamp"
echo "venv: installed $(grep -c '==' "$requirements") pinned packages; $("$venv/bin/ansible-test" --version)"
