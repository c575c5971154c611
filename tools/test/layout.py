"""The collection laid out where ansible-test, ansible-lint and galaxy-importer expect it.

ansible-test needs the collection at ansible_collections/<namespace>/<name>/; the repository is
the collection root, so `make test` copies its files into build/[<leg>/]ansible_collections/...
instead of moving the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


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
    # Tracked files deleted from the working tree are still listed, and a symlinked virtual
    # environment is not ignored by a folder pattern: skip both.
    return sorted(set(path for path in output.split('\0')
                      if path and os.path.lexists(os.path.join(ROOT, path)) and not path.startswith('.venv')))


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
