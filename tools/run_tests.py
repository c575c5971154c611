#!/usr/bin/env python
"""Run every test of the collection: ansible-test sanity and units, then the pytest suites.

Run by `make test` with the interpreter of .venv (see tools/ensure_venv.sh). Steps:

1. lay the collection out afresh in build/ansible_collections/<namespace>/<name>/
   (the git-tracked files plus untracked, not ignored ones, as in the working tree);
2. seed ansible-test's get-pip cache with tools/get_pip_standin.py where it is missing;
3. ansible-test sanity --requirements --python X.Y
4. ansible-test units --requirements --python X.Y
5. pytest on the repository's tests/emulator and tests/e2e, each only if it holds tests.

Every stage runs even when an earlier one failed; the exit status is non-zero if any did.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTEST_SUITES = ('tests/emulator', 'tests/e2e')
PYTHON_VERSION = '%d.%d' % sys.version_info[:2]


def header(title):
    """Print a section header."""
    print('\n' + '=' * 78 + '\n== ' + title + '\n' + '=' * 78, flush=True)


def collection_name():
    """Return (namespace, name) from galaxy.yml."""
    with open(os.path.join(ROOT, 'galaxy.yml'), encoding='utf-8') as galaxy_file:
        galaxy = yaml.safe_load(galaxy_file)
    return galaxy['namespace'], galaxy['name']


def working_tree_files():
    """Return the repository's files as git sees the working tree: tracked plus untracked-not-ignored."""
    output = subprocess.run(
        ['git', 'ls-files', '--cached', '--others', '--exclude-standard', '-z'],
        cwd=ROOT, check=True, stdout=subprocess.PIPE,
    ).stdout.decode('utf-8')
    # Tracked files deleted from the working tree are still listed: skip them.
    return sorted(set(path for path in output.split('\0') if path and os.path.lexists(os.path.join(ROOT, path))))


def lay_out_collection(build_root, collection_root):
    """Copy the working tree into a fresh collection directory."""
    if os.path.isdir(build_root):
        shutil.rmtree(build_root)
    files = working_tree_files()
    for path in files:
        source = os.path.join(ROOT, path)
        target = os.path.join(collection_root, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)
    print('layout: copied %d files to %s' % (len(files), os.path.relpath(collection_root, ROOT)))


def seed_get_pip():
    """Put our get-pip stand-in where ansible-test looks for its cached get-pip script."""
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'seed_get_pip.py'), PYTHON_VERSION], check=False)
    return result.returncode == 0


def run(command, cwd, env):
    """Run a command, echoing it first; return its exit status."""
    print('$ ' + ' '.join(command), flush=True)
    return subprocess.run(command, cwd=cwd, env=env, check=False).returncode


def junit_counts(paths):
    """Return (passed, failed, skipped) summed over JUnit XML reports."""
    passed = failed = skipped = 0
    for path in paths:
        try:
            tree = ET.parse(path)
        except (OSError, ET.ParseError):
            continue
        for case in tree.iter('testcase'):
            outcomes = set(child.tag for child in case)
            if outcomes & {'failure', 'error'}:
                failed += 1
            elif 'skipped' in outcomes:
                skipped += 1
            else:
                passed += 1
    return passed, failed, skipped


def has_tests(pytest, suite_dir, cwd, env):
    """Return 0 if pytest collects tests there, 5 if none, another pytest status on a collection error."""
    command = [pytest, '--collect-only', '-q', '-p', 'no:cacheprovider', suite_dir]
    result = subprocess.run(command, cwd=cwd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return result.returncode


def main():
    """Run all stages and print a summary."""
    started = time.monotonic()
    namespace, name = collection_name()
    build_root = os.path.join(ROOT, 'build', 'ansible_collections')
    collection_root = os.path.join(build_root, namespace, name)
    junit_dir = os.path.join(collection_root, 'tests', 'output', 'junit')

    venv_bin = os.path.dirname(sys.executable)
    pytest = os.path.join(venv_bin, 'pytest')
    pytest_env = dict(os.environ)
    pytest_env['PATH'] = venv_bin + os.pathsep + pytest_env.get('PATH', '')
    pytest_env.pop('PYTHONPATH', None)
    env = dict(pytest_env)
    # The build copy lies inside this repository's git work tree (in an ignored folder): without this,
    # ansible-test would ask git for the collection's files and find none. Point it at the copy itself.
    env['ANSIBLE_TEST_CONTENT_ROOT'] = collection_root

    results = []  # (stage, status, seconds)

    header('Layout: %s.%s into build/ansible_collections/%s/%s' % (namespace, name, namespace, name))
    lay_out_collection(build_root, collection_root)

    header('get-pip cache for ansible-test')
    if not seed_get_pip():
        print('get-pip seeding failed: stopping')
        return 1

    for stage in ('sanity', 'units'):
        header('ansible-test %s (Python %s)' % (stage, PYTHON_VERSION))
        stage_start = time.monotonic()
        command = ['ansible-test', stage, '--requirements', '--python', PYTHON_VERSION]
        status = run(command, collection_root, env)
        results.append(('ansible-test ' + stage, 'passed' if status == 0 else 'FAILED (exit %d)' % status,
                        time.monotonic() - stage_start))

    junit_files = glob.glob(os.path.join(junit_dir, '*units*.xml'))
    if not junit_files:
        print('units: no JUnit report written (no unit tests found?)')

    # The pytest suites run in the repository itself (they find the repository and its
    # neighbours, such as ../shared, from their own location); reports go to the build copy.
    for suite in PYTEST_SUITES:
        header('pytest %s' % suite)
        suite_dir = os.path.join(ROOT, suite)
        stage_start = time.monotonic()
        if not os.path.isdir(suite_dir):
            print('%s: folder absent, pytest not run' % suite)
            results.append(('pytest ' + suite, 'skipped (folder absent)', 0.0))
            continue
        collected = has_tests(pytest, suite, ROOT, pytest_env)
        if collected == 5:
            print('%s: pytest collects no tests there, pytest not run' % suite)
            results.append(('pytest ' + suite, 'skipped (no tests)', time.monotonic() - stage_start))
            continue
        report = os.path.join(junit_dir, 'pytest-%s.xml' % suite.replace('/', '-'))
        command = [pytest, '-ra', '-p', 'no:cacheprovider', '--junitxml', report, suite]
        status = run(command, ROOT, pytest_env)
        junit_files.append(report)
        results.append(('pytest ' + suite, 'passed' if status == 0 else 'FAILED (exit %d)' % status,
                        time.monotonic() - stage_start))

    header('Summary')
    for stage, status, seconds in results:
        print('%-28s %-28s %6.0fs' % (stage, status, seconds))
    failed_stages = [stage for stage, status, _seconds in results if status.startswith('FAILED')]
    print('wall time: %.0fs' % (time.monotonic() - started))
    print('make test: %s' % ('FAILED: ' + ', '.join(failed_stages) if failed_stages else 'all stages passed'))
    passed, failed, skipped = junit_counts(junit_files)
    # Test cases of units and the pytest suites (sanity checks are reported per stage above).
    print('tests: %d passed, %d failed, %d skipped' % (passed, failed, skipped))
    return 1 if failed_stages else 0


if __name__ == '__main__':
    sys.exit(main())
