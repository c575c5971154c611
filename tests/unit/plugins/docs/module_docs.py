# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the documentation tests share: each module's documentation as ansible-doc shows it, and the
argument spec its main() builds.

These tests sit outside tests/unit/plugins/modules: ansible-test gives the tests there only what a module
can import, and these need ansible-doc and the rest of the controller."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import json
import os
import subprocess
import sys
from unittest import mock

from ansible_collections.uipath.identity.plugins.module_utils import identity_module

COLLECTION = "uipath.identity"
MODULES = ("user", "user_info", "token", "group", "group_info", "robot_account", "robot_account_info")


def module(name):
    return importlib.import_module("ansible_collections.uipath.identity.plugins.modules." + name)


def collections_root():
    """The folder holding ansible_collections/uipath/identity, as this copy of the collection is imported from."""
    here = os.path.dirname(os.path.abspath(module("token").__file__))
    root = os.path.abspath(os.path.join(here, *[os.pardir] * 5))
    assert os.path.isdir(os.path.join(root, "ansible_collections", "uipath", "identity", "plugins")), here
    return root


def ansible_doc():
    """Every module's documentation as ansible-doc loads it, doc fragments merged: {module: its doc}."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_root(), ANSIBLE_NOCOLOR="1")
    # ansible-doc is run, not imitated: how it merges the fragments is what a reader sees.
    done = subprocess.run([sys.executable, "-m", "ansible.cli.doc", "--json"] + ["%s.%s" % (COLLECTION, m) for m in MODULES],
                          capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    found = json.loads(done.stdout)
    return dict((name, found["%s.%s" % (COLLECTION, name)]) for name in MODULES)


class _Built(Exception):
    pass


def module_spec(name):
    """(argument_spec, keywords such as mutually_exclusive) that the module's main() hands AnsibleModule."""
    seen = {}

    def capture(argument_spec, **kwargs):
        seen.update(spec=argument_spec, kwargs=kwargs)
        raise _Built()

    with mock.patch.object(identity_module, "AnsibleModule", capture):
        try:
            module(name).main()
        except _Built:
            pass
    assert seen, "%s's main() built no AnsibleModule" % name
    return seen["spec"], seen["kwargs"]
