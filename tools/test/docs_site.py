"""Build the collection's HTML documentation site with antsibull-docs and Sphinx; fail on any warning.

What a user of the collection would get from the site build that antsibull-docs proposes for a
single collection (`antsibull-docs sphinx-init`, then the two steps of the build.sh it writes),
made strict and offline so that it can be a stage of `make test`:

1. antsibull-docs sphinx-init --use-current writes conf.py, antsibull-docs.cfg and rst/index.rst
   into DEST (default build/docs-site, ignored by git, made afresh on each run);
2. conf.py gets a suffix that drops intersphinx (see CONF_SUFFIX);
3. antsibull-docs collection --fail-on-error writes one page per plugin into DEST/rst; any line
   of its output with WARNING or ERROR is a failure too, whatever its exit status;
4. sphinx-build -W --keep-going writes the site into DEST/html, every warning being an error.

The collection is read, through ANSIBLE_COLLECTIONS_PATH, from COLLECTIONS_PATH, a folder that
holds ansible_collections/<namespace>/<name>/galaxy.yml (what `make test` lays out in build/).
TOOLS_BIN is the bin folder of the environment made from tests/requirements-tools.txt.

Usage: docs_site.py TOOLS_BIN COLLECTIONS_PATH [DEST]
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DEST = os.path.join(ROOT, 'build', 'docs-site')
PROBLEM = re.compile(r'\b(WARNING|ERROR)\b')

# Appended to the conf.py that sphinx-init writes. Its intersphinx mapping names inventories
# that Sphinx would download from the Python, Jinja and Ansible sites on every build: a build
# that needs the network is neither reproducible nor possible where only package registries
# are reachable, and a failed download is a warning, so a failed build here. Without
# intersphinx, the references that antsibull-docs' templates and the plugins' own documentation
# make to the Ansible documentation (`action_plugins`, `common_return_values`, M(ansible.builtin.uri)
# and the like) would be undefined labels; they are resolved here instead to the same addresses
# that intersphinx would give them, computed from the label, with no download. A reference into
# this collection is never resolved that way, so that a broken one still fails the build.
CONF_SUFFIX = '''

# ---- Added by tools/test/docs_site.py (why: see CONF_SUFFIX there) ----
import re as _re

from docutils import nodes as _nodes

extensions = [_name for _name in extensions if _name != 'sphinx.ext.intersphinx']
globals().pop('intersphinx_mapping', None)

_ANSIBLE_DOCS = 'https://docs.ansible.com/projects/ansible/devel/'
_ANSIBLE_LABELS = {{
    'action_plugins': 'plugins/action.html',
    'callback_plugins': 'plugins/callback.html',
    'common_return_values': 'reference_appendices/common_return_values.html',
    'ansible_configuration_settings': 'reference_appendices/config.html',
}}
_PLUGIN_LABEL = _re.compile(r'ansible_collections\\.([^.]+)\\.([^.]+)\\.([^.]+?)(__.+)?')
_OWN_PREFIX = 'ansible_collections.{collection}.'


def _ansible_docs_address(label):
    """The address of a label of the Ansible documentation, or None if it is not one."""
    if label in _ANSIBLE_LABELS:
        return _ANSIBLE_DOCS + _ANSIBLE_LABELS[label]
    match = _PLUGIN_LABEL.fullmatch(label)
    if match is None or label.startswith(_OWN_PREFIX):
        return None
    page = '%scollections/%s/%s/%s.html' % (_ANSIBLE_DOCS, match.group(1), match.group(2), match.group(3))
    return page + ('#' + _nodes.make_id(label) if match.group(4) else '')


def _resolve_offline(_app, _env, node, contnode):
    if node.get('refdomain') != 'std' or node.get('reftype') != 'ref':
        return None
    address = _ansible_docs_address(node['reftarget'])
    if address is None:
        return None
    reference = _nodes.reference('', '', internal=False, refuri=address)
    reference += contnode
    return reference


def setup(app):
    app.connect('missing-reference', _resolve_offline)
'''


def fail(message):
    """Stop with an explanation."""
    sys.stderr.write('docs_site: %s\n' % message)
    sys.exit(2)


def read_collection(collections_path):
    """Return (namespace, name, authors) of the one collection under collections_path."""
    found = glob.glob(os.path.join(collections_path, 'ansible_collections', '*', '*', 'galaxy.yml'))
    if len(found) != 1:
        fail('expected one ansible_collections/<namespace>/<name>/galaxy.yml under %s, found %d'
             % (collections_path, len(found)))
    with open(found[0], encoding='utf-8') as galaxy_file:
        galaxy = yaml.safe_load(galaxy_file)
    return galaxy['namespace'], galaxy['name'], ', '.join(galaxy.get('authors') or [])


def fresh_dest(dest):
    """Empty dest, or make it; antsibull-docs wants it owned by us and writable by us only."""
    if os.path.isdir(dest):
        if os.listdir(dest) and not os.path.exists(os.path.join(dest, 'antsibull-docs.cfg')):
            # Not one of ours: rather stop than delete somebody's folder.
            fail('%s exists and holds no earlier site build; not touching it' % dest)
        shutil.rmtree(dest)
    os.makedirs(dest)
    os.chmod(dest, 0o755)
    rst = os.path.join(dest, 'rst')
    os.makedirs(rst, exist_ok=True)
    os.chmod(rst, 0o755)


def run(command, cwd, env):
    """Run a command, echoing it; return (exit status, its output, stdout and stderr together)."""
    print('$ ' + ' '.join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, check=False,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return result.returncode, result.stdout.decode('utf-8', 'replace')


def problems(output):
    """The lines of a tool's output that report a warning or an error."""
    return [line for line in output.splitlines() if PROBLEM.search(line)]


def build(tools_bin, collections_path, dest, collection, authors):
    """Build the site; return the list of problems (empty if it is clean)."""
    env = dict(os.environ)
    env['PATH'] = tools_bin + os.pathsep + env.get('PATH', '')
    env['ANSIBLE_COLLECTIONS_PATH'] = collections_path
    env.pop('PYTHONPATH', None)
    antsibull_docs = os.path.join(tools_bin, 'antsibull-docs')
    fresh_dest(dest)

    status, output = run([antsibull_docs, 'sphinx-init', '--use-current', '--fail-on-error', '--dest-dir', dest,
                          '--project', collection, '--copyright', authors or collection,
                          '--title', '%s collection documentation' % collection, collection], dest, env)
    if status != 0 or problems(output):
        return ['antsibull-docs sphinx-init (exit %d):' % status] + output.splitlines()
    with open(os.path.join(dest, 'conf.py'), 'a', encoding='utf-8') as conf:
        conf.write(CONF_SUFFIX.format(collection=collection))

    status, output = run([antsibull_docs, '--config-file', 'antsibull-docs.cfg', 'collection', '--cleanup', 'everything',
                          '--use-current', '--fail-on-error', '--dest-dir', 'rst', collection], dest, env)
    found = problems(output)
    if status != 0 or found:
        return ['antsibull-docs collection (exit %d):' % status] + (found or output.splitlines())

    status, output = run([os.path.join(tools_bin, 'sphinx-build'), '-b', 'html', '-q', '-W', '--keep-going',
                          '-d', os.path.join(dest, '.doctrees'), '-c', dest,
                          os.path.join(dest, 'rst'), os.path.join(dest, 'html')], dest, env)
    found = problems(output)
    if status != 0 or found:
        return ['sphinx-build (exit %d):' % status] + (found or output.splitlines())
    return []


def main(argv):
    """Build the site and print a summary; exit status 1 on any warning."""
    if len(argv) not in (3, 4) or argv[1] in ('-h', '--help'):
        print(__doc__)
        return 0 if len(argv) > 1 and argv[1] in ('-h', '--help') else 2
    tools_bin, collections_path = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    dest = os.path.abspath(argv[3]) if len(argv) == 4 else DEFAULT_DEST
    for tool in ('antsibull-docs', 'sphinx-build'):
        if not os.access(os.path.join(tools_bin, tool), os.X_OK):
            fail('%s not found in %s (install tests/requirements-tools.txt there)' % (tool, tools_bin))
    namespace, name, authors = read_collection(collections_path)
    started = time.monotonic()
    found = build(tools_bin, collections_path, dest, '%s.%s' % (namespace, name), authors)
    seconds = time.monotonic() - started
    if found:
        print('\n'.join(found))
        print('docs site: FAILED, %d problem line(s) above, after %.1fs' % (len(found) - 1, seconds))
        return 1
    pages = glob.glob(os.path.join(dest, 'rst', '**', '*.rst'), recursive=True)
    plugins = glob.glob(os.path.join(dest, 'rst', 'collections', namespace, name, '*_*.rst'))
    print('docs site: %d pages (%d of plugins), no warning, in %.1fs; open %s'
          % (len(pages), len(plugins), seconds, os.path.join(dest, 'html', 'index.html')))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
