"""The virtual environments `make test` uses besides .venv, and the Pythons to build them with.

- tools:  .venv-tools, tests/requirements-tools.txt: ansible-lint, antsibull-docs, antsibull-changelog
          and ansible-builder, which would move the pins of the test environments.
- oldest: .venv-oldest, tests/requirements-oldest.txt: the oldest supported ansible-core (2.16),
          on a Python it supports as a controller (3.10 to 3.12).
- importer: .venv-importer, tests/requirements-importer.txt: galaxy-importer, the checker Galaxy and
          Automation Hub run on an upload, with the ansible-lint release it pins (its older attrs would
          move the pins of .venv-tools).
- newest: .venv-newest, tests/requirements-newest.txt: the newest ansible-core (2.21), which
          needs Python 3.12 or newer.

A leg's Python is, in this order: the one named by OLDEST_PYTHON / NEWEST_PYTHON; the python3 that
`make test` was started with (PYTHON); python3.X on PATH; the versions pyenv installed
($PYENV_ROOT/versions/*/bin, default ~/.pyenv). Each candidate is run once to learn its version, so
a pyenv shim for a version that is not active is passed over. Each environment is built by
tools/ensure_venv.sh and reused while its requirements file and interpreter are unchanged.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROBE = ('import sys, ensurepip, venv; '
         'print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)')


class Env(object):
    """One virtual environment: where, from which requirements, for which Pythons."""

    def __init__(self, name, requirements, low, high, imports, override=None):
        self.name = name
        self.venv = os.path.join(ROOT, '.venv-' + name)
        self.requirements = os.path.join(ROOT, requirements)
        self.low, self.high = low, high
        self.imports = imports
        self.override = override  # environment variable naming the interpreter to use

    @property
    def bin(self):
        return os.path.join(self.venv, 'bin')

    def python_range(self):
        return '%d.%d to %d.%d' % (self.low + self.high) if self.high else '%d.%d or newer' % self.low

    def ansible_core(self):
        """The ansible-core version pinned by the requirements file."""
        return pinned(self.requirements, 'ansible-core')


TOOLS = Env('tools', 'tests/requirements-tools.txt', (3, 11), None,
            'ansiblelint antsibull_docs antsibull_changelog ansible_builder')
OLDEST = Env('oldest', 'tests/requirements-oldest.txt', (3, 10), (3, 12), 'ansible_test pytest ansible_runner',
             override='OLDEST_PYTHON')
# ansible-core 2.19, the newest line the importer's environment holds, runs controllers on 3.11 to 3.13.
IMPORTER = Env('importer', 'tests/requirements-importer.txt', (3, 11), (3, 13), 'galaxy_importer ansiblelint')
NEWEST = Env('newest', 'tests/requirements-newest.txt', (3, 12), (3, 14), 'ansible_test pytest ansible_runner',
             override='NEWEST_PYTHON')


def pinned(requirements, package):
    """Return the version pinned for a package in a requirements file, or None."""
    pattern = re.compile(r'^%s==(\S+)' % re.escape(package), re.I)
    with open(requirements, encoding='utf-8') as handle:
        for line in handle:
            match = pattern.match(line.strip())
            if match:
                return match.group(1)
    return None


def probe(python):
    """Return (version tuple, version text, real executable) of an interpreter, or None if it does not run."""
    try:
        result = subprocess.run([python, '-c', PROBE], check=False, timeout=30,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = result.stdout.decode('utf-8', 'replace').split()
    if result.returncode != 0 or len(lines) != 2:
        return None
    version = tuple(int(part) for part in lines[0].split('.'))
    return version[:2], lines[0], lines[1]


def candidates(env):
    """The interpreters to try for an environment, most preferred first, and where they were looked for."""
    found = [os.environ.get('PYTHON') or 'python3']
    looked = ['PYTHON (%s)' % found[0]]
    newest_minor = env.high[1] if env.high else 14
    names = ['python3.%d' % minor for minor in range(newest_minor, env.low[1] - 1, -1)]
    looked.append(', '.join(names) + ' on PATH')
    found.extend(path for path in (shutil.which(name) for name in names) if path)
    pyenv = os.environ.get('PYENV_ROOT') or os.path.expanduser('~/.pyenv')
    looked.append(os.path.join(pyenv, 'versions', '*', 'bin'))
    versions = sorted(glob.glob(os.path.join(pyenv, 'versions', '*', 'bin', 'python3.*[0-9]')), reverse=True,
                      key=lambda path: [int(part) if part.isdigit() else 0 for part in re.split(r'[.-]', path.split(os.sep)[-3])])
    found.extend(versions)
    return found, looked


def find_python(env):
    """Return (real executable, version text, None) of a suitable interpreter, or (None, None, reason)."""
    override = os.environ.get(env.override or '', '')
    if override:
        probed = probe(override)
        if probed is None:
            return None, None, '%s=%s does not run' % (env.override, override)
        if not env.low <= probed[0] <= (env.high or probed[0]):
            return None, None, '%s=%s is Python %s, not %s' % (env.override, override, probed[1], env.python_range())
        return probed[2], probed[1], None
    paths, looked = candidates(env)
    seen = set()
    for path in paths:
        probed = probe(path)
        if probed is None or os.path.realpath(probed[2]) in seen:
            continue
        seen.add(os.path.realpath(probed[2]))
        if env.low <= probed[0] <= (env.high or probed[0]):
            return probed[2], probed[1], None
    return None, None, 'no Python %s found (looked at %s; name one with %s=/path/to/python3.X)' % (
        env.python_range(), '; '.join(looked), env.override or 'PYTHON')


def ensure(env, python):
    """Build or reuse the environment with tools/ensure_venv.sh; return (ok, seconds)."""
    started = time.monotonic()
    variables = dict(os.environ, PYTHON=python, VENV=env.venv, REQUIREMENTS=env.requirements,
                     PYTHON_MIN='%d.%d' % env.low, PYTHON_MAX='%d.%d' % env.high if env.high else '',
                     IMPORTS=env.imports)
    result = subprocess.run(['bash', os.path.join(ROOT, 'tools', 'ensure_venv.sh')], env=variables, check=False)
    return result.returncode == 0, time.monotonic() - started
