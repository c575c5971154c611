#!/usr/bin/env python
"""Offline stand-in for the get-pip bootstrap script that ansible-test downloads.

ansible-test bootstraps pip into each virtual environment it manages by running a
cached copy of a get-pip script, ``~/.ansible/test/cache/get_pip_<version>.py``, with
pip-install arguments (for example ``--disable-pip-version-check pip==24.2``)
followed by ``--no-setuptools --no-wheel``.  When that file is missing it downloads
it from a host that is not reachable from every network.

This script does the same job with the standard library only: it installs the pip
bundled with the interpreter (``ensurepip``, no network needed), then lets that pip
install the requested arguments from the configured package index.  Like get-pip,
it also installs setuptools and wheel unless ``--no-setuptools`` or ``--no-wheel``
is given, and removes a setuptools that ensurepip brought along when it was not
wanted.

It can be run directly as well:  python get_pip_standin.py pip==24.2 --no-setuptools --no-wheel
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys

# get-pip's own options; every other argument is handed to "pip install".
OWN_OPTIONS = ('--no-setuptools', '--no-wheel')


def is_installed(name):
    """Return True if a distribution of that name is installed for this interpreter."""
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def run(command):
    """Run a command with this interpreter; show its output only if it fails, then stop."""
    command = [sys.executable] + command
    result = subprocess.run(command, check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if result.returncode:
        sys.stderr.write(result.stdout.decode('utf-8', 'replace'))
        sys.stderr.write('get_pip_standin: command failed (exit %d): %s\n' % (result.returncode, ' '.join(command)))
        sys.exit(result.returncode)


def main(argv):
    """Bootstrap pip, then install what was asked for."""
    want_setuptools = '--no-setuptools' not in argv
    want_wheel = '--no-wheel' not in argv
    pip_arguments = [arg for arg in argv if arg not in OWN_OPTIONS]

    had_setuptools = is_installed('setuptools')

    # ensurepip installs the wheels shipped with the interpreter, without any network access.
    run(['-m', 'ensurepip', '--upgrade', '--default-pip'])

    packages = list(pip_arguments)
    if want_setuptools and not any(arg.lower().startswith('setuptools') for arg in pip_arguments):
        packages.append('setuptools')
    if want_wheel and not any(arg.lower().startswith('wheel') for arg in pip_arguments):
        packages.append('wheel')

    if packages:
        run(['-m', 'pip', 'install'] + packages)

    # Python < 3.12 ensurepip also installs setuptools: take it out again when it was not wanted.
    if not want_setuptools and not had_setuptools:
        run(['-m', 'pip', 'uninstall', '--yes', '--disable-pip-version-check', 'setuptools'])

    print('get_pip_standin: bootstrapped pip with ensurepip, then installed: %s' % (' '.join(packages) or 'nothing more'))


if __name__ == '__main__':
    # ansible-test runs this file through runpy, so this check is also the entry point then.
    os.environ.setdefault('PIP_DISABLE_PIP_VERSION_CHECK', '1')
    main(sys.argv[1:])
