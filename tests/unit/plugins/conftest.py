# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fixtures shared by the unit tests: a strict HTTP mock and a module runner."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re

import pytest
import responses

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, MUTATING

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19
    patch_module_args = None

try:
    from ansible.module_utils import _internal as module_utils_internal
except ImportError:  # ansible-core before 2.19
    module_utils_internal = None


@pytest.fixture
def api():
    """Every request must be registered; an unregistered one raises ConnectionError."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture
def forbid_writes(api):
    """Fail the test on any mutating request to the API (for check mode)."""
    def refuse(request):
        pytest.fail("check mode sent %s %s" % (request.method, request.url))
    for method in MUTATING:
        api.add_callback(method, re.compile(re.escape(API) + ".*"), callback=refuse)
    api.assert_all_requests_are_fired = False
    return api


class ModuleResult(dict):
    @property
    def failed(self):
        return bool(self.get("failed"))


@pytest.fixture
def run_module(capsys):
    """Run a module's main() with args; return its JSON result and raw output."""
    def run(module, args, check_mode=False, diff=False):
        # A module process ends with its result; in this one process, a run must not report the warnings of the runs before.
        module_warnings._global_warnings.clear()
        module_warnings._global_deprecations.clear()
        args = dict(args)
        args.update(_ansible_check_mode=check_mode, _ansible_diff=diff)
        if patch_module_args is not None:
            with patch_module_args(args):
                with pytest.raises(SystemExit):
                    module.main()
        else:
            basic._ANSIBLE_ARGS = to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args}))
            with pytest.raises(SystemExit):
                module.main()
        out, err = capsys.readouterr()
        result = ModuleResult(json.loads(out))
        result.raw = out + err
        return result
    return run


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """Tests decide the UIPATH_* variables; the developer's own must not leak in."""
    for name in list(os.environ):
        if name.startswith("UIPATH_"):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def module_side(monkeypatch):
    """Modules run as on a target, whatever controller code the test session has imported.

    From ansible-core 2.19 on, importing controller code (the action plugin's tests do)
    tells module_utils it runs on the controller, which sends warnings to the screen
    instead of into the module's result.
    """
    if getattr(module_utils_internal, "is_controller", None) is not None:
        monkeypatch.setattr(module_utils_internal, "is_controller", False)
