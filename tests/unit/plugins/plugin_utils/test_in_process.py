# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin's choice of where a module runs, and a module run inside the worker."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import sys
from types import SimpleNamespace
from unittest.mock import MagicMock

import pytest
import responses

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings

from ansible_collections.uipath.identity.plugins.module_utils import identity_module
from ansible_collections.uipath.identity.plugins.plugin_utils import in_process
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, ORG, TOKEN, URL, user_record

USER_ID = "0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60"
ANN = user_record(USER_ID, "ann", "ann@example.com")
NO_FLAGS = SimpleNamespace(no_user_site=0, no_site=0, ignore_environment=0, isolated=0, safe_path=False)
LOCAL = dict(transport="local", become=False, async_val=0, environment={}, interpreter=sys.executable,
             keep_remote_files=False, switched_on=True, platform="linux", flags=NO_FLAGS, core=(2, 19))


def removal(**extra):
    arguments = dict(url=URL, organization=ORG, access_token=TOKEN, state="absent", user_id=USER_ID,
                     _ansible_check_mode=False, _ansible_diff=False)
    arguments.update(extra)
    return in_process.encode_arguments(arguments)


def run(arguments):
    """run_module_main's result, and the JSON it printed."""
    output = in_process.run_module_main("user", arguments)
    return output, (json.loads(output["stdout"]) if output["stdout"].strip() else None)


class TestWhere(object):
    def test_local_task_with_the_controllers_python_runs_in_process(self):
        assert in_process.why_not_in_process(**LOCAL) is None

    @pytest.mark.parametrize("change, reason", [
        (dict(switched_on=False), "uipath_identity_in_process is false"),
        (dict(transport="ssh"), "connection is ssh"),
        (dict(become=True), "become"),
        (dict(async_val=30), "async"),
        (dict(environment={"UIPATH_URL": "https://x.test"}), "environment"),
        (dict(interpreter="/usr/bin/python3"), "/usr/bin/python3"),
        (dict(interpreter="auto"), "auto"),
        (dict(keep_remote_files=True), "ANSIBLE_KEEP_REMOTE_FILES"),
        (dict(flags=SimpleNamespace(**dict(NO_FLAGS.__dict__, no_user_site=1))), "no_user_site"),
        (dict(flags=SimpleNamespace(**dict(NO_FLAGS.__dict__, isolated=1))), "isolated"),
        (dict(platform="darwin"), "macOS"),
        (dict(core=(2, 22)), "ansible-core 2.22 is outside 2.16 to 2.21"),
        (dict(core=(2, 15)), "ansible-core 2.15 is outside"),
    ])
    def test_anything_a_module_process_would_do_differently_runs_a_module(self, change, reason):
        assert reason in in_process.why_not_in_process(**dict(LOCAL, **change))


class FakeTemplar(object):
    def template(self, value):
        return value


def action(delegate_to=None, transport="local", become=False, async_val=0):
    plugin = in_process.InProcessAction.__new__(in_process.InProcessAction)
    plugin._task = MagicMock(delegate_to=delegate_to, async_val=async_val, environment=None)
    plugin._connection = MagicMock(transport=transport)
    plugin._play_context = MagicMock(become=become)
    plugin._templar = FakeTemplar()
    plugin._used_interpreter = None
    return plugin


class TestTaskFacts(object):
    """Where the plugin finds each fact of the task; the machine's own Python flags and platform aside."""

    @pytest.fixture(autouse=True)
    def plain_linux_python(self, monkeypatch):
        monkeypatch.setattr(in_process, "IMPORT_FLAGS", ())
        monkeypatch.setattr(in_process.sys, "platform", "linux")

    @pytest.mark.parametrize("change, reason", [
        (dict(transport="ssh"), "connection is ssh"),
        (dict(become=True), "become"),
        (dict(async_val=45), "async"),
    ])
    def test_connection_become_and_async_come_from_the_task(self, change, reason):
        assert reason in action(**change)._why_not_in_process({"ansible_python_interpreter": sys.executable})

    def test_implicit_localhost(self):
        assert action()._why_not_in_process({"ansible_python_interpreter": sys.executable}) is None

    def test_interpreter_discovery_runs_a_module(self):
        assert "auto" in action()._why_not_in_process({})

    def test_the_delegated_hosts_variables_decide(self):
        task_vars = {"ansible_python_interpreter": "/usr/bin/python3",
                     "ansible_delegated_vars": {"localhost": {"ansible_python_interpreter": sys.executable}}}
        assert action(delegate_to="localhost")._why_not_in_process(task_vars) is None
        assert "/usr/bin/python3" in action()._why_not_in_process(task_vars)

    @pytest.mark.parametrize("value", [False, "no", "false"])
    def test_switched_off_by_a_host_variable(self, value):
        task_vars = {"ansible_python_interpreter": sys.executable, "uipath_identity_in_process": value}
        assert "is false" in action()._why_not_in_process(task_vars)


class TestRunInWorker(object):
    def test_removal_result_with_the_token_masked(self, api):
        api.add(responses.GET, "%s/User/%s" % (API, USER_ID), json=ANN)
        api.add(responses.DELETE, "%s/User/%s" % (API, USER_ID), status=204)
        before = dict((name, getattr(basic, name, None)) for name in in_process.BASIC_GLOBALS)
        output, result = run(removal())
        assert output["rc"] == 0 and output["stderr"] == ""
        assert result["changed"] is True and result["user"] == ANN
        # ansible-core 2.21 adds the invocation only where Ansible asks for it.
        if "invocation" in result:
            assert result["invocation"]["module_args"]["access_token"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
        assert TOKEN not in json.dumps(output)
        # The module's arguments (the token among them) do not stay behind in Ansible's globals.
        assert dict((name, getattr(basic, name, None)) for name in in_process.BASIC_GLOBALS) == before

    def test_failure_is_a_result_not_an_exception(self, api):
        output, result = run(removal(user_id="not-a-guid"))
        assert output["rc"] == 1 and result["failed"] is True and "user_id" in result["msg"] and len(api.calls) == 0

    def test_warnings_stay_with_their_own_run(self, api, monkeypatch):
        # A loop runs its items in one worker: the first item's retry warning must not reach the second.
        # In a worker, module_utils knows it is on the controller (ansible-core 2.19 and later).
        if in_process.module_utils_internal is not None:
            monkeypatch.setattr(in_process.module_utils_internal, "is_controller", True)
        api.add(responses.GET, "%s/User/%s" % (API, USER_ID), status=503, headers={"Retry-After": "0"})
        api.add(responses.GET, "%s/User/%s" % (API, USER_ID), json=ANN)
        api.add(responses.DELETE, "%s/User/%s" % (API, USER_ID), status=204)
        api.add(responses.GET, "%s/User/%s" % (API, USER_ID), json=ANN)
        api.add(responses.DELETE, "%s/User/%s" % (API, USER_ID), status=204)
        before = list(module_warnings._global_warnings)
        first = run(removal())[1]
        second = run(removal())[1]
        assert first["changed"] and second["changed"]
        assert any("503" in str(w) for w in first.get("warnings", []))
        assert not second.get("warnings")
        assert list(module_warnings._global_warnings) == before
        if in_process.module_utils_internal is not None:
            assert in_process.module_utils_internal.is_controller is True

    def test_requests_missing_from_the_controllers_python(self, api, monkeypatch):
        # Where the worker's Python lacks requests, the task fails as a module process on that Python would.
        monkeypatch.setattr(identity_module, "HAS_REQUESTS", False)
        monkeypatch.setattr(identity_module, "REQUESTS_IMPORT_ERROR", ImportError("No module named 'requests'"))
        result = run(removal())[1]
        assert result["failed"] is True and "requests" in result["msg"] and len(api.calls) == 0

    def test_an_unexpected_error_leaves_what_a_dying_module_process_would(self, api, monkeypatch):
        from ansible_collections.uipath.identity.plugins.modules import user as user_module

        def broken(_identity):
            raise RuntimeError("a bug")
        monkeypatch.setattr(user_module, "run", broken)
        output, result = run(removal())
        assert output["rc"] == 1 and result is None
        assert "RuntimeError: a bug" in output["stderr"] and TOKEN not in output["stderr"]


class TestReadBack(object):
    """The worker's output is read by the action's own reader of module output."""

    def test_a_result(self):
        data = action()._read_module_output(dict(rc=0, stdout='\n{"changed": true, "msg": "done"}\n', stderr="noise"))
        assert data["changed"] is True and data["msg"] == "done"

    def test_no_result_is_a_module_failure(self):
        data = action()._read_module_output(dict(rc=1, stdout="", stderr="Traceback ...\nRuntimeError: a bug\n"))
        assert data["failed"] is True and "RuntimeError: a bug" in json.dumps(data, default=str)
