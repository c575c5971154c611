#!/usr/bin/env bash
# Create a virtual environment with the pinned packages of a requirements file.
# The environment is rebuilt only when that file (or the interpreter) changed since the last
# install: a stamp file inside it records what was installed.
#
# Environment (all optional):
#   PYTHON        interpreter to build it with (default python3)
#   VENV          where (default .venv)
#   REQUIREMENTS  pinned requirements file (default tests/requirements.txt)
#   PYTHON_MIN    oldest Python it accepts, as X.Y (default 3.11, what ansible-core 2.19 needs)
#   PYTHON_MAX    newest Python it accepts, as X.Y (default: no limit)
#   IMPORTS       modules that must import for the environment to count as complete
#                 (default "ansible_test pytest")
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
venv="${VENV:-$root/.venv}"
requirements="${REQUIREMENTS:-$root/tests/requirements.txt}"
python_min="${PYTHON_MIN:-3.11}"
python_max="${PYTHON_MAX:-}"
imports="${IMPORTS:-ansible_test pytest}"
stamp="$venv/.requirements.stamp"
name="$(basename "$venv")"
requirements_name="${requirements#"$root"/}"

if ! command -v "$python" >/dev/null 2>&1; then
    echo "ensure_venv: '$python' not found; set PYTHON=/path/to/python3 ($python_min or newer)" >&2
    exit 1
fi

# The pinned ansible-core of each requirements file runs only on some Python versions.
if ! "$python" - "$python_min" "$python_max" <<'EOF'
import sys
low = tuple(int(part) for part in sys.argv[1].split('.'))
high = tuple(int(part) for part in sys.argv[2].split('.')) if sys.argv[2] else None
sys.exit(not (sys.version_info[:2] >= low and (high is None or sys.version_info[:2] <= high)))
EOF
then
    if [ -n "$python_max" ]; then range="$python_min to $python_max"; else range="$python_min or newer"; fi
    echo "ensure_venv: $("$python" --version 2>&1) does not suit $requirements_name, which needs Python $range;" \
        "run: make test PYTHON=/path/to/python3" >&2
    exit 1
fi

wanted="$("$python" -c 'import sys; print(sys.version.split()[0], sys.executable)')
$(cat "$requirements")"

import_check="import ${imports// /, }"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] \
        && "$venv/bin/python" -c "$import_check" >/dev/null 2>&1; then
    echo "venv: $name is up to date with $requirements_name"
    exit 0
fi

echo "venv: (re)creating $name from $requirements_name with $("$python" --version 2>&1)"
rm -rf "$venv"
"$python" -m venv "$venv"
log="$venv/pip-install.log"
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --requirement "$requirements" > "$log" 2>&1; then
    cat "$log" >&2
    echo "venv: pip install failed (log above, kept in $log)" >&2
    exit 1
fi
printf '%s\n' "$wanted" > "$stamp"
version="$("$venv/bin/python" -c 'from ansible.release import __version__; print("ansible-core " + __version__)' 2>/dev/null || true)"
echo "venv: installed $(grep -c '==' "$requirements") pinned packages into $name${version:+; $version}"
