"""Check the collection as a Galaxy / Automation Hub reviewer does, before it is uploaded.

Two checks, both with the environment of tests/requirements-importer.txt (.venv-importer):

1. galaxy-importer on the tarball `ansible-galaxy collection build` makes of the collection: the
   metadata, the documentation ansible-doc reads, the changelog, and ansible-lint the way the
   importer runs it. The tarball must also hold COPYING, and its MANIFEST.json the version of
   galaxy.yml. The importer's ansible-test step is off: every way it has of running it needs
   containers (its local runner calls `ansible-test sanity --docker`), and `make test` runs
   ansible-test sanity itself, on each ansible-core of its legs.
2. ansible-lint at the release galaxy-importer pins, offline, with the production profile and the
   collection's own .ansible-lint, on the collection as laid out (not only what the tarball ships).

Any ERROR or WARNING the importer logs, any lint failure, warning or warning log line fails the
check; each is shown. Usage:

    importer_check.py [--bin IMPORTER_BIN] COLLECTION
    e.g. .venv-importer/bin/python tools/test/importer_check.py build/ansible_collections/uipath/identity

COLLECTION is the collection root, which must end in ansible_collections/<namespace>/<name> as
ansible-lint expects, or the folder above ansible_collections when it holds one collection (what
`make test` lays out in build/). The environment's bin folder is --bin, else the variable
IMPORTER_BIN, else the folder of the interpreter that runs this script.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time

import yaml

# Every option is spelled out, so that the next importer release's defaults change nothing unseen.
# The importer's defaults otherwise, with ansible-test off (see above) and the two stricter checks
# it has for Automation Hub's certified content on: a tag from its list, and a version >= 1.0.0.
# flake8 stays off, as by default: it selects both W503 and W504, so every line broken at a binary
# operator would warn, whichever side the operator is on.
CONFIG = """[galaxy-importer]
run_ansible_test = False
run_ansible_lint = True
offline_ansible_lint = True
run_ansible_doc = True
run_flake8 = False
check_changelog = True
check_required_tags = True
require_v1_or_greater = True
log_level_main = INFO
ansible_local_tmp = {tmp}/ansible_local
tmp_root_dir = {tmp}
"""
# How the importer prints a record logged above INFO ("LEVEL: message"); INFO has no prefix.
IMPORTER_FINDING = re.compile(r'^(WARNING|ERROR|CRITICAL): ')
# How ansible-lint prints its own log records on stderr ("WARNING  message").
LINT_FINDING = re.compile(r'^(WARNING|ERROR|CRITICAL)\b')
IMPORTER_DONE = 'Importer processing completed successfully'


def parse_args():
    """The collection root and the environment to check it with."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('collection', help='.../ansible_collections/<namespace>/<name>, or the folder above ansible_collections')
    parser.add_argument('--bin', default=os.environ.get('IMPORTER_BIN') or os.path.dirname(sys.executable),
                        help='bin folder of the environment of tests/requirements-importer.txt')
    return parser.parse_args()


def clean_env(bin_dir, tmp, **variables):
    """This environment minus ANSIBLE_*, GALAXY_IMPORTER_* and UIPATH_* settings; bin_dir first on PATH.

    The importer finds ansible-doc and ansible-lint on PATH, so they must be the pinned ones, and
    takes GALAXY_IMPORTER_<OPTION> variables over its configuration file.
    Caches and Ansible's home go to the temporary folder, so that nothing of an earlier run counts.
    """
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(('ANSIBLE_', 'GALAXY_IMPORTER_', 'UIPATH_')))
    env.update(PATH=bin_dir + os.pathsep + env.get('PATH', ''), ANSIBLE_HOME=os.path.join(tmp, 'ansible_home'),
               XDG_CACHE_HOME=os.path.join(tmp, 'cache'), ANSIBLE_NOCOLOR='1', NO_COLOR='1', PY_COLORS='0')
    env.update(variables)
    return env


def run(command, cwd, env, timeout=900):
    """Run a command, echoing it first; return (exit status, stdout, stderr)."""
    print('$ ' + ' '.join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=timeout)
    return result.returncode, result.stdout, result.stderr


def versions(bin_dir):
    """The installed versions of the tools, or '?' for one that is missing."""
    code = ('import importlib.metadata as m, json\n'
            'def get(name):\n'
            '    try:\n'
            '        return m.version(name)\n'
            '    except m.PackageNotFoundError:\n'
            '        return "?"\n'
            'print(json.dumps(dict((n, get(n)) for n in ("galaxy-importer", "ansible-lint", "ansible-core"))))\n')
    try:
        result = subprocess.run([os.path.join(bin_dir, 'python'), '-c', code], capture_output=True, text=True, check=False)
    except OSError:
        return {}
    return json.loads(result.stdout) if result.returncode == 0 else {}


def build(collection, bin_dir, tmp, env):
    """Build the tarball; return (its path, None) or (None, why not)."""
    output = os.path.join(tmp, 'dist')
    status, out, err = run([os.path.join(bin_dir, 'ansible-galaxy'), 'collection', 'build', '--output-path', output, collection],
                           tmp, env)
    tarballs = glob.glob(os.path.join(output, '*.tar.gz'))
    if status != 0 or len(tarballs) != 1:
        return None, 'ansible-galaxy collection build failed (exit %d):\n%s%s' % (status, out, err)
    return tarballs[0], None


def tarball_problems(tarball, collection):
    """What is wrong with the tarball's contents: COPYING missing, a version other than galaxy.yml's."""
    problems = []
    with open(os.path.join(collection, 'galaxy.yml'), encoding='utf-8') as handle:
        wanted = str(yaml.safe_load(handle).get('version'))
    with tarfile.open(tarball, 'r:gz') as archive:
        names = set(archive.getnames())
        if 'COPYING' not in names:
            problems.append('COPYING is not in %s: the licence text must ship with the collection '
                            '(is it missing, or matched by build_ignore in galaxy.yml?)' % os.path.basename(tarball))
        manifest = json.load(archive.extractfile('MANIFEST.json'))
    version = manifest['collection_info']['version']
    if version != wanted:
        problems.append('MANIFEST.json says version %s, galaxy.yml says %s' % (version, wanted))
    return problems


def importer_findings(output):
    """The importer's WARNING, ERROR and CRITICAL records, one line each.

    An ERROR can span lines (a traceback, ansible-lint's stderr): the lines up to the next record
    above INFO, at most 40, are shown with it. They may include INFO lines; only the first counts.
    """
    findings, following = [], 0
    for line in output.splitlines():
        if IMPORTER_FINDING.match(line):
            findings.append(line)
            following = 40 if line.startswith(('ERROR', 'CRITICAL')) else 0
        elif following and line.strip():
            findings[-1] += '\n' + line
            following -= 1
    return findings


def run_importer(tarball, bin_dir, tmp, env):
    """Run galaxy-importer on the tarball; return a list of problems (empty when it is clean)."""
    config = os.path.join(tmp, 'galaxy-importer.cfg')
    with open(config, 'w', encoding='utf-8') as handle:
        handle.write(CONFIG.format(tmp=tmp))
    print('galaxy-importer configuration (%s):\n%s' % (config, CONFIG.format(tmp=tmp)), flush=True)
    workdir = os.path.join(tmp, 'importer')  # it writes importer_result.json where it runs
    os.makedirs(workdir)
    status, out, err = run([os.path.join(bin_dir, 'python'), '-m', 'galaxy_importer.main', tarball], workdir,
                           dict(env, GALAXY_IMPORTER_CONFIG=config))
    findings = importer_findings(out)
    problems = ['galaxy-importer: ' + finding for finding in findings]
    if status != 0 or IMPORTER_DONE not in out:
        # With an ERROR above that says why, the exit status is enough; else the whole output.
        problems.append('galaxy-importer exited %d without "%s"%s' % (
            status, IMPORTER_DONE, '' if findings else '; its output:\n' + out + err))
    elif err.strip():
        # Python's own warnings land here, not the importer's findings: shown, not counted.
        print('galaxy-importer stderr (not counted):\n' + err, flush=True)
    print('galaxy-importer: exit %d, %d WARNING/ERROR line(s)' % (status, len(findings)), flush=True)
    return problems


def start_lint(collection, bin_dir, env):
    """Start ansible-lint on the collection root; return the process (it runs while the importer does)."""
    command = [os.path.join(bin_dir, 'ansible-lint'), '--profile', 'production', '--offline', '--nocolor']
    if os.path.exists(os.path.join(collection, '.ansible-lint')):
        command += ['-c', os.path.join(collection, '.ansible-lint')]
    # The playbooks' uipath.identity modules resolve to the collection itself.
    collections_path = os.path.dirname(os.path.dirname(os.path.dirname(collection)))
    print('$ ANSIBLE_COLLECTIONS_PATH=%s %s  (in %s)' % (collections_path, ' '.join(command), collection), flush=True)
    return subprocess.Popen(command, cwd=collection, env=dict(env, ANSIBLE_COLLECTIONS_PATH=collections_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lint_problems(process):
    """Wait for ansible-lint; return a list of problems (empty when it passed with nothing to say)."""
    try:
        out, err = process.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return ['ansible-lint: no result within 900 seconds']
    summary = [line for line in err.splitlines() if line.startswith(('Passed:', 'Failed:'))]
    print('ansible-lint: exit %d, %s' % (process.returncode, summary[-1] if summary else '(no summary line)'), flush=True)
    problems = ['ansible-lint: ' + line for line in err.splitlines() if LINT_FINDING.match(line)]
    if not summary:
        problems.append('ansible-lint exited %d with no summary line; its output:\n%s%s' % (process.returncode, out, err))
    elif process.returncode != 0 or not summary[-1].startswith('Passed: 0 failure(s), 0 warning(s)'):
        # The violations are on stdout, the summary and the log lines (listed above) on stderr.
        problems.append('ansible-lint exited %d: %s\n%s' % (process.returncode, summary[-1], out.strip()))
    return problems


def main():
    """Build, import and lint; print a summary; return the exit status."""
    args = parse_args()
    started = time.monotonic()
    collection = os.path.abspath(args.collection)
    roots = glob.glob(os.path.join(collection, 'ansible_collections', '*', '*', 'galaxy.yml'))
    if len(roots) == 1:
        collection = os.path.dirname(roots[0])
    bin_dir = os.path.abspath(args.bin)
    parts = collection.split(os.sep)
    if len(parts) < 4 or parts[-3] != 'ansible_collections' or not os.path.isfile(os.path.join(collection, 'galaxy.yml')):
        print('importer_check: %s is not a collection root laid out as ansible_collections/<namespace>/<name>' % collection)
        return 2
    found = versions(bin_dir)
    if not found or '?' in found.values():
        print('importer_check: %s is not an environment of tests/requirements-importer.txt (found %s)' % (bin_dir, found or 'no python'))
        return 2
    print('importer_check: galaxy-importer %(galaxy-importer)s, ansible-lint %(ansible-lint)s, ansible-core %(ansible-core)s'
          % found, flush=True)

    with tempfile.TemporaryDirectory(prefix='importer-check-') as tmp:
        env = clean_env(bin_dir, tmp)
        tarball, failure = build(collection, bin_dir, tmp, env)
        problems = [failure] if failure else tarball_problems(tarball, collection)
        built = time.monotonic()
        # Both are mostly CPU bound and single-threaded, so on two cores they overlap well.
        lint = start_lint(collection, bin_dir, env)
        if tarball:
            problems += run_importer(tarball, bin_dir, tmp, env)
        problems += lint_problems(lint)

    print('importer_check: build %.1fs, importer and ansible-lint %.1fs, %.1fs in all'
          % (built - started, time.monotonic() - built, time.monotonic() - started))
    if problems:
        print('importer_check: FAILED, %d problem(s):' % len(problems))
        for problem in problems:
            print('  - ' + problem.replace('\n', '\n    '))
        return 1
    print('importer_check: passed (galaxy-importer %(galaxy-importer)s, ansible-lint %(ansible-lint)s)' % found)
    return 0


if __name__ == '__main__':
    sys.exit(main())
