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

# From ansible-core 2.19 on, the wrapper of a module process reports an unexpected error as the module's result.
MODULE_WRAPPER_REPORTS_ERRORS = in_process.core_version() >= (2, 19)
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


@pytest.fixture
def pythons(tmp_path):
    """A base Python, a virtual environment made from it (python3 linked to the base, python to python3),
    a second environment from the same base, and the first one reached through a linked folder."""
    base = tmp_path / "base" / "bin"
    base.mkdir(parents=True)
    (base / "python3.11").write_text("#!binary\n")
    (base / "python3.11").chmod(0o755)
    for name in ("venv", "other"):
        folder = tmp_path / name / "bin"
        folder.mkdir(parents=True)
        (folder / "python3").symlink_to(base / "python3.11")
        (folder / "python").symlink_to("python3")
    (tmp_path / "venv" / "bin" / "python-wrapper").write_text("#!/bin/sh\nexec python3 \"$@\"\n")
    (tmp_path / "linked").symlink_to(tmp_path / "venv")
    return tmp_path


class TestSamePython(object):
    """Only what is provably the controller's Python in the controller's environment counts as the same."""

    def test_another_name_of_the_same_file_in_the_same_folder(self, pythons):
        assert in_process.same_python(str(pythons / "venv/bin/python"), str(pythons / "venv/bin/python3"))
        assert in_process.same_python(str(pythons / "venv/bin/python3"), str(pythons / "venv/bin/python"))

    def test_the_same_folder_reached_through_a_link(self, pythons):
        assert in_process.same_python(str(pythons / "linked/bin/python"), str(pythons / "venv/bin/python3"))

    def test_a_path_relative_to_the_working_folder(self, pythons, monkeypatch):
        # A module process's shell starts in the worker's working folder, so a relative path means the same there.
        monkeypatch.chdir(pythons)
        assert in_process.same_python("venv/bin/python", str(pythons / "venv/bin/python3"))
        assert in_process.same_python("./venv/bin/../bin/python3", str(pythons / "venv/bin/python3"))
        monkeypatch.chdir(pythons / "base")
        assert not in_process.same_python("venv/bin/python", str(pythons / "venv/bin/python3"))

    def test_the_base_python_a_virtual_environment_links_to_is_another_environment(self, pythons):
        assert not in_process.same_python(str(pythons / "base/bin/python3.11"), str(pythons / "venv/bin/python3"))
        assert not in_process.same_python(str(pythons / "venv/bin/python3"), str(pythons / "base/bin/python3.11"))

    def test_another_virtual_environment_of_the_same_base(self, pythons):
        assert not in_process.same_python(str(pythons / "other/bin/python"), str(pythons / "venv/bin/python3"))

    def test_another_file_in_the_same_folder(self, pythons):
        assert not in_process.same_python(str(pythons / "venv/bin/python-wrapper"), str(pythons / "venv/bin/python3"))

    @pytest.mark.parametrize("interpreter", [
        "venv/bin/python9", "auto", "auto_silent", "auto_legacy", "auto_legacy_silent", "python3", "", None, 3,
        "{{ ansible_playbook_python }}",
    ])
    def test_what_is_not_a_path_to_it(self, pythons, monkeypatch, interpreter):
        # A bare name would be looked up on PATH by the module's shell; discovery and templates decide nothing here.
        monkeypatch.chdir(pythons)
        monkeypatch.setenv("PATH", str(pythons / "venv/bin"))
        assert not in_process.same_python(interpreter, str(pythons / "venv/bin/python3"))

    def test_the_controllers_own_python(self):
        assert in_process.same_python(sys.executable)
        facts = dict(LOCAL)
        facts["interpreter"] = sys.executable + "-not"
        assert "is not the controller's" in in_process.why_not_in_process(**facts)


class FakeTemplar(object):
    def template(self, value):
        return value


def trusted(variables):
    """``variables`` trusted as templates, as an inventory's are."""
    try:
        from ansible.template import trust_as_template
    except ImportError:  # ansible-core before 2.19 renders any string
        return variables
    return dict((k, trust_as_template(v) if isinstance(v, str) else v) for k, v in variables.items())


def real_templar(variables):
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    return Templar(loader=DataLoader(), variables=variables)


def action(delegate_to=None, transport="local", become=False, async_val=0, templar=None):
    plugin = in_process.InProcessAction.__new__(in_process.InProcessAction)
    plugin._task = MagicMock(delegate_to=delegate_to, async_val=async_val, environment=None)
    plugin._connection = MagicMock(transport=transport)
    plugin._play_context = MagicMock(become=become)
    plugin._templar = templar or FakeTemplar()
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

    @pytest.mark.parametrize("configured", [{}, {"ansible_python_interpreter": "auto_silent"}])
    def test_after_discovery_the_python_it_found(self, configured):
        # Ansible starts a host's later modules with what discovery found: the worker where that is the controller's.
        found = dict(configured, ansible_facts={"discovered_interpreter_python": sys.executable})
        assert action()._why_not_in_process(found) is None
        elsewhere = dict(configured, ansible_facts={"discovered_interpreter_python": "/usr/bin/python3-elsewhere"})
        assert "(/usr/bin/python3-elsewhere) is not the controller's" in action()._why_not_in_process(elsewhere)

    def test_a_configured_python_wins_over_a_discovered_one(self):
        task_vars = {"ansible_python_interpreter": "/usr/bin/python3-elsewhere", "ansible_facts": {"discovered_interpreter_python": sys.executable}}
        assert "/usr/bin/python3-elsewhere" in action()._why_not_in_process(task_vars)

    def test_the_playbooks_python_by_its_variable(self):
        # AWX and Automation Platform set ansible_python_interpreter to '{{ ansible_playbook_python }}'.
        task_vars = trusted({"ansible_python_interpreter": "{{ ansible_playbook_python }}", "ansible_playbook_python": sys.executable})
        assert action(templar=real_templar(task_vars))._why_not_in_process(task_vars) is None

    def test_another_name_of_the_controllers_python(self, pythons, monkeypatch):
        monkeypatch.setattr(in_process.sys, "executable", str(pythons / "venv/bin/python3"))
        assert action()._why_not_in_process({"ansible_python_interpreter": str(pythons / "venv/bin/python")}) is None
        assert "is not the controller's" in action()._why_not_in_process({"ansible_python_interpreter": str(pythons / "base/bin/python3.11")})

    def test_the_delegated_hosts_variables_decide(self):
        task_vars = {"ansible_python_interpreter": "/usr/bin/python3",
                     "ansible_delegated_vars": {"localhost": {"ansible_python_interpreter": sys.executable}}}
        assert action(delegate_to="localhost")._why_not_in_process(task_vars) is None
        assert "/usr/bin/python3" in action()._why_not_in_process(task_vars)

    @pytest.mark.parametrize("value", [False, "no", "false"])
    def test_switched_off_by_a_host_variable(self, value):
        task_vars = {"ansible_python_interpreter": sys.executable, "uipath_identity_in_process": value}
        assert "is false" in action()._why_not_in_process(task_vars)


def broken_run(monkeypatch):
    """Make the user module's run() raise, as a bug would."""
    from ansible_collections.uipath.identity.plugins.modules import user as user_module

    def broken(_identity):
        raise RuntimeError("a bug")
    monkeypatch.setattr(user_module, "run", broken)


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
        broken_run(monkeypatch)
        output, result = run(removal())
        assert output["rc"] == 1 and TOKEN not in json.dumps(output)
        if MODULE_WRAPPER_REPORTS_ERRORS:
            # From ansible-core 2.19 on, a module process's wrapper prints the error as the module's result.
            assert output["stderr"] == "" and result["failed"] is True and "a bug" in json.dumps(result)
        else:
            # Before, the process dies with the traceback on stderr and prints nothing.
            assert result is None and "RuntimeError: a bug" in output["stderr"]

    def test_the_globals_are_put_back_after_an_unexpected_error(self, api, monkeypatch):
        broken_run(monkeypatch)
        before = dict((name, getattr(basic, name, None)) for name in in_process.BASIC_GLOBALS)
        run(removal())
        assert dict((name, getattr(basic, name, None)) for name in in_process.BASIC_GLOBALS) == before


class TestReadBack(object):
    """The worker's output is read by the action's own reader of module output."""

    def test_a_result(self):
        data = action()._read_module_output(dict(rc=0, stdout='\n{"changed": true, "msg": "done"}\n', stderr="noise"))
        assert data["changed"] is True and data["msg"] == "done"

    def test_no_result_is_a_module_failure(self):
        data = action()._read_module_output(dict(rc=1, stdout="", stderr="Traceback ...\nRuntimeError: a bug\n"))
        assert data["failed"] is True and "RuntimeError: a bug" in json.dumps(data, default=str)

    def test_an_unexpected_error_reads_as_a_module_processs_failure(self, api, monkeypatch):
        # What the screen shows for a module that raised: the module's own failure, on every ansible-core.
        broken_run(monkeypatch)
        data = action()._read_module_output(in_process.run_module_main("user", removal()))
        assert data["failed"] is True and "deserialization" not in str(data)
        if MODULE_WRAPPER_REPORTS_ERRORS:
            # What a module process's wrapper prints: the error, from which Ansible makes the task's message.
            assert "exception" in data and set(data) <= {"failed", "exception", "changed", "_ansible_parsed"}
            assert "a bug" in str(data["exception"])
        else:
            assert data["msg"].startswith("MODULE FAILURE") and data["rc"] == 1
            assert "RuntimeError: a bug" in data["module_stderr"] and data["module_stdout"] == ""
