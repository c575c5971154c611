#!/usr/bin/env python
"""Seed ansible-test's get-pip cache with tools/test/get_pip_standin.py.

ansible-test bootstraps pip in the virtual environments it creates with a get-pip script,
which it downloads from a host that is not reachable everywhere, unless a cached copy exists at
~/.ansible/test/cache/get_pip_<pip version, dots as underscores>.py
(ansible_test/_util/target/setup/requirements.py, function bootstrap). The pip version comes from
get_venv_packages() in ansible_test/_internal/python_requirements.py.

This script asks the installed ansible-test which pip version it wants for the given Python
version and copies the stand-in there, only when that file does not exist yet.

Usage: seed_get_pip.py PYTHON_VERSION    (for example 3.11)
"""

from __future__ import annotations

import os
import shutil
import sys
import types

CACHE_TEMPLATE = '~/.ansible/test/cache/get_pip_%s.py'
STANDIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'get_pip_standin.py')


def fail(message):
    """Stop with an explanation."""
    sys.stderr.write('seed_get_pip: %s\n' % message)
    sys.exit(1)


def wanted_pip_version(python_version):
    """Return the pip version that the installed ansible-test bootstraps for that Python version."""
    try:
        from ansible_test._internal.python_requirements import get_venv_packages  # pylint: disable=import-outside-toplevel
    except ImportError as ex:
        fail('cannot read the pip version from ansible-test (%s); has its layout changed?' % ex)
    # get_venv_packages() reads only the version attribute of the PythonConfig it is given.
    return get_venv_packages(types.SimpleNamespace(version=python_version))['pip']


def check_cache_template():
    """Make sure the installed ansible-test still looks for the cached script where we put it."""
    import ansible_test  # pylint: disable=import-outside-toplevel

    source = os.path.join(os.path.dirname(ansible_test.__file__), '_util', 'target', 'setup', 'requirements.py')
    with open(source, encoding='utf-8') as source_file:
        if CACHE_TEMPLATE not in source_file.read():
            fail('%s no longer mentions %s: update tools/test/seed_get_pip.py' % (source, CACHE_TEMPLATE))


def main(argv):
    """Seed the cache when needed."""
    if len(argv) != 1:
        fail('usage: seed_get_pip.py PYTHON_VERSION')
    check_cache_template()
    pip_version = wanted_pip_version(argv[0])
    cache_path = os.path.expanduser(CACHE_TEMPLATE % pip_version.replace('.', '_'))
    if os.path.exists(cache_path):
        print('get-pip: ansible-test wants pip %s; cached bootstrap script already present: %s' % (pip_version, cache_path))
        return
    os.makedirs(os.path.dirname(cache_path), exist_ok=True)
    shutil.copyfile(STANDIN, cache_path)
    print('get-pip: seeded %s with tools/test/get_pip_standin.py (ensurepip, then pip==%s from the package index)' % (cache_path, pip_version))


if __name__ == '__main__':
    main(sys.argv[1:])
