#!/usr/bin/env python
"""Run every test of the collection, on each ansible-core of the version matrix.

Run by `make test` with the interpreter of .venv (see tools/ensure_venv.sh). The legs:

  main    .venv         ansible-core of tests/requirements.txt (2.19) on python3:
                        sanity, units, the emulator's tests, every end-to-end test, and
                        the end-to-end tests once more with modules run as module processes
  oldest  .venv-oldest  the oldest supported ansible-core (2.16) on Python 3.10-3.12:
                        sanity (as Red Hat's certification checker runs it), units and
                        end-to-end tests
  newest  .venv-newest  the newest ansible-core (2.21) on Python 3.12 or newer:
                        sanity, units and end-to-end tests

tools/test/test_envs.py finds each leg's Python and builds its environment (and, in the main leg,
.venv-tools for the lint, changelog, execution environment and documentation checks, and
.venv-importer for galaxy-importer). A leg without a suitable Python is skipped with the reason; LEGS=main,oldest
runs only the legs named. For each leg:

1. lay the collection out afresh in build/[<leg>/]ansible_collections/<namespace>/<name>/
   (the git-tracked files plus untracked, not ignored ones, as in the working tree);
2. seed ansible-test's get-pip cache with tools/test/get_pip_standin.py where it is missing;
3. ansible-test sanity / units --requirements --python X.Y with the leg's ansible-test;
   then, in the main leg, what a reviewer runs besides: the HTML documentation site
   (tools/test/docs_site.py) and galaxy-importer with the ansible-lint it pins on the built
   tarball (tools/test/importer_check.py);
4. pytest, with the leg's interpreter, on the repository's tests/emulator and tests/e2e
   (in the main leg, tests/e2e twice: see AS_MODULES).

Every stage runs even when an earlier one failed; the exit status is non-zero if any did.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import time

import test_envs
from layout import ROOT, collection_name, lay_out_collection
from summary import print_summary

TOOLING_TESTS = 'tests/e2e/test_e2e_tooling.py'
# The end-to-end suite once more with every module run as a module process (in the first pass
# they run inside the task's worker). Left out of that pass: what does not depend on where a module
# runs (packaging, tooling, AWX, the README and the demo, the layout; the comparison of both ways, which runs
# both itself), and, to keep `make test` within its time, the three slowest of what the first pass
# proves alike for both: the waits out of rate-limit windows (the client's own, in either process),
# the probe playbook's diagnostics, and the modules' documented examples.
AS_MODULES = 'tests/e2e as module processes'
AS_MODULES_SKIPS = ('tests/e2e/test_e2e_tooling.py', 'tests/e2e/test_e2e_packaging.py', 'tests/e2e/test_e2e_awx.py',
                    'tests/e2e/test_e2e_in_process.py', 'tests/e2e/test_e2e_repository_layout.py',
                    'tests/e2e/test_e2e_readme.py', 'tests/e2e/test_e2e_demo.py',
                    'tests/e2e/test_e2e_rate_limits.py', 'tests/e2e/test_e2e_probe.py', 'tests/e2e/test_e2e_doc_examples.py')
PYTHON_VERSION = '%d.%d' % sys.version_info[:2]


class Leg(object):
    """One ansible-core of the matrix: its environment and what runs there."""

    def __init__(self, name, env, stages, suites, exclude=()):
        self.name = name
        self.env = env  # a test_envs.Env, or None for .venv (this interpreter's)
        self.stages = stages
        self.suites = suites
        self.exclude = exclude
        self.bin = os.path.dirname(sys.executable) if env is None else env.bin
        self.python_version = PYTHON_VERSION
        self.layout = os.path.join(ROOT, 'build') if env is None else os.path.join(ROOT, 'build', name)


LEGS = [
    Leg('main', None, ('sanity', 'units'), ('tests/emulator', 'tests/e2e', AS_MODULES)),
    Leg('oldest', test_envs.OLDEST, ('sanity', 'units'), ('tests/e2e',), exclude=(TOOLING_TESTS,)),
    Leg('newest', test_envs.NEWEST, ('sanity', 'units'), ('tests/e2e',), exclude=(TOOLING_TESTS,)),
]


def header(title):
    """Print a section header."""
    print('\n' + '=' * 78 + '\n== ' + title + '\n' + '=' * 78, flush=True)


def run(command, cwd, env):
    """Run a command, echoing it first; return its exit status."""
    print('$ ' + ' '.join(command), flush=True)
    return subprocess.run(command, cwd=cwd, env=env, check=False).returncode


def collects_tests(pytest, arguments, env):
    """Return 0 if pytest collects tests there, 5 if none, another pytest status on a collection error."""
    command = [pytest, '--collect-only', '-q', '-p', 'no:cacheprovider'] + arguments
    return subprocess.run(command, cwd=ROOT, env=env, check=False,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def ansible_core_version(leg):
    """The ansible-core version installed in a leg's environment."""
    result = subprocess.run([os.path.join(leg.bin, 'python'), '-c', 'from ansible.release import __version__; print(__version__)'],
                            check=False, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return result.stdout.decode().strip() or '?'


class Runner(object):
    """Runs the legs and keeps the results."""

    def __init__(self):
        self.namespace, self.name = collection_name()
        self.results = []  # (leg, stage, status, seconds)
        self.legs = []  # (leg, ansible-core, python, status, seconds)
        self.junit_files = []

    def record(self, leg, stage, status, seconds):
        self.results.append((leg.name, stage, status, seconds))

    def prepare_tools(self, leg):
        """Build or reuse .venv-tools and .venv-importer, the environments of the checks of the main leg."""
        for tools in (test_envs.TOOLS, test_envs.IMPORTER):
            header('Environment %s (%s)' % (os.path.basename(tools.venv), os.path.relpath(tools.requirements, ROOT)))
            python, _version, reason = test_envs.find_python(tools)
            if python is None:
                print('%s: %s' % (tools.name, reason))
                self.record(leg, 'environment ' + tools.name, 'FAILED (no Python)', 0.0)
                continue
            ok, seconds = test_envs.ensure(tools, python)
            self.record(leg, 'environment ' + tools.name, 'passed' if ok else 'FAILED', seconds)

    def prepare(self, leg):
        """Find the leg's Python and build its environment; return None if ready, else the leg's status."""
        if leg.env is None:
            return None
        header('Leg %s: environment %s (%s)' % (leg.name, os.path.basename(leg.env.venv), os.path.relpath(leg.env.requirements, ROOT)))
        python, version, reason = test_envs.find_python(leg.env)
        if python is None:
            print('leg %s (ansible-core %s) SKIPPED: %s' % (leg.name, leg.env.ansible_core(), reason), flush=True)
            return 'SKIPPED: ' + reason
        print('leg %s: ansible-core %s on Python %s (%s)' % (leg.name, leg.env.ansible_core(), version, python), flush=True)
        ok, seconds = test_envs.ensure(leg.env, python)
        self.record(leg, 'environment', 'passed' if ok else 'FAILED', seconds)
        leg.python_version = '.'.join(version.split('.')[:2])
        return None if ok else 'FAILED (environment)'

    def run_leg(self, leg):
        """Run every stage of one leg."""
        started = time.monotonic()
        if leg.name == 'main':
            self.prepare_tools(leg)
        not_ready = self.prepare(leg)
        if not_ready:
            self.legs.append((leg.name, leg.env.ansible_core(), '-', not_ready, time.monotonic() - started))
            return
        core = ansible_core_version(leg)
        failed_before = self.failures()
        collection_root = os.path.join(leg.layout, 'ansible_collections', self.namespace, self.name)
        junit_dir = os.path.join(collection_root, 'tests', 'output', 'junit')
        env = dict(os.environ)
        env['PATH'] = leg.bin + os.pathsep + env.get('PATH', '')
        env.pop('PYTHONPATH', None)
        env['IDENTITY_TOOLS_VENV'] = test_envs.TOOLS.venv
        test_env = dict(env)
        # The build copy lies inside this repository's git work tree (in an ignored folder): without this,
        # ansible-test would ask git for the collection's files and find none. Point it at the copy itself.
        test_env['ANSIBLE_TEST_CONTENT_ROOT'] = collection_root

        header('Leg %s: ansible-core %s, Python %s; layout in %s' % (leg.name, core, leg.python_version,
                                                                     os.path.relpath(collection_root, ROOT)))
        lay_out_collection(os.path.join(leg.layout, 'ansible_collections'), collection_root)
        seed = [os.path.join(leg.bin, 'python'), os.path.join(ROOT, 'tools', 'test', 'seed_get_pip.py'), leg.python_version]
        if subprocess.run(seed, check=False).returncode != 0:
            self.record(leg, 'get-pip cache', 'FAILED', 0.0)
        else:
            for stage in leg.stages:
                header('%s: ansible-test %s (ansible-core %s, Python %s)' % (leg.name, stage, core, leg.python_version))
                stage_start = time.monotonic()
                command = [os.path.join(leg.bin, 'ansible-test'), stage, '--requirements', '--python', leg.python_version]
                status = run(command, collection_root, test_env)
                self.record(leg, 'ansible-test ' + stage, 'passed' if status == 0 else 'FAILED (exit %d)' % status,
                            time.monotonic() - stage_start)
            self.junit_files.extend(glob.glob(os.path.join(junit_dir, '*units*.xml')))
        if leg.name == 'main':
            self.run_reviews(leg, env)
        for suite in leg.suites:
            self.run_suite(leg, suite, env, junit_dir, core)
        status = 'passed' if self.failures() == failed_before else 'FAILED'
        self.legs.append((leg.name, core, leg.python_version, status, time.monotonic() - started))

    def run_reviews(self, leg, env):
        """What a reviewer of the collection runs besides sanity, each on the layout; any warning fails a stage."""
        checks = [
            ('docs site', 'the HTML documentation site (antsibull-docs, sphinx-build)',
             ['docs_site.py', test_envs.TOOLS.bin, leg.layout]),
            ('galaxy-importer', 'galaxy-importer on the built tarball, and the ansible-lint release it pins',
             ['importer_check.py', '--bin', test_envs.IMPORTER.bin, leg.layout]),
        ]
        for stage, title, arguments in checks:
            header('%s: %s' % (leg.name, title))
            stage_start = time.monotonic()
            command = [sys.executable, os.path.join(ROOT, 'tools', 'test', arguments[0])] + arguments[1:]
            status = run(command, ROOT, env)
            self.record(leg, stage, 'passed' if status == 0 else 'FAILED (exit %d)' % status, time.monotonic() - stage_start)

    def run_suite(self, leg, suite, env, junit_dir, core):
        """pytest on one suite, in the repository itself (the tests find it and ../shared from their own location)."""
        header('%s: pytest %s (ansible-core %s, Python %s)' % (leg.name, suite, core, leg.python_version))
        stage_start = time.monotonic()
        stage = 'pytest ' + suite
        exclude = leg.exclude
        if suite == AS_MODULES:
            suite, exclude = 'tests/e2e', leg.exclude + AS_MODULES_SKIPS
            env = dict(env, IDENTITY_E2E_MODULE_PROCESS='1')
        if not os.path.isdir(os.path.join(ROOT, suite)):
            print('%s: folder absent, pytest not run' % suite)
            self.record(leg, stage, 'skipped (folder absent)', 0.0)
            return
        pytest = os.path.join(leg.bin, 'pytest')
        arguments = [suite] + ['--ignore=' + path for path in exclude if path.startswith(suite)]
        if collects_tests(pytest, arguments, env) == 5:
            print('%s: pytest collects no tests there, pytest not run' % suite)
            self.record(leg, stage, 'skipped (no tests)', time.monotonic() - stage_start)
            return
        report = os.path.join(junit_dir, 'pytest-%s.xml' % stage[len('pytest '):].replace('/', '-').replace(' ', '-'))
        # Failures and skips in the short summary; for tests/e2e also what passing tests print
        # (P): the AWX-style job's status line, the tarball's files, the lint summaries.
        report_chars = '-raP' if suite == 'tests/e2e' else '-ra'
        command = [pytest, report_chars, '-p', 'no:cacheprovider', '--junitxml', report] + arguments
        status = run(command, ROOT, env)
        self.junit_files.append(report)
        self.record(leg, stage, 'passed' if status == 0 else 'FAILED (exit %d)' % status, time.monotonic() - stage_start)

    def failures(self):
        return [(leg, stage) for leg, stage, status, _seconds in self.results if status.startswith('FAILED')]


def main():
    """Run all legs and print a summary."""
    started = time.monotonic()
    wanted = [name.strip() for name in os.environ.get('LEGS', 'main,oldest,newest').split(',') if name.strip()]
    unknown = [name for name in wanted if name not in [leg.name for leg in LEGS]]
    if unknown:
        print('run_tests: unknown leg(s) in LEGS: %s (known: %s)' % (', '.join(unknown), ', '.join(leg.name for leg in LEGS)))
        return 2
    runner = Runner()
    for leg in LEGS:
        if leg.name in wanted:
            runner.run_leg(leg)

    header('Summary')
    failed_stages = print_summary(runner, time.monotonic() - started)
    return 1 if failed_stages else 0


if __name__ == '__main__':
    sys.exit(main())
