# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin behind every module of the collection.

The modules talk to a web API, so they run on the controller (or in the
execution environment) anyway. When Ansible would start the module there, with
the controller's own Python, as the controller's own user, starting a new
Python process only to import Ansible and requests again costs more than the
task's own work. The plugin then runs the module's ``main()`` inside the task's
worker process instead: the arguments prepared and encoded as Ansible prepares
them for a module, the same ``AnsibleModule`` validating them and masking no_log
values, and its printed result read back by the action's own reader of module
output. In every other case the module runs as usual.

Running a module in the worker touches a few of Ansible's internals (the globals
of ansible.module_utils.basic and of its warnings, and from ansible-core 2.19 on
the module wrapper's report of an unexpected error). It is done only on the
ansible-core releases it is tested with, and only where each is present.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import importlib
import inspect
import io
import json
import os
import sys
import traceback

from ansible import constants as C
from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.release import __version__ as ansible_core_version
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

try:
    from ansible.module_utils import _internal as module_utils_internal
except ImportError:  # ansible-core before 2.19
    module_utils_internal = None

try:
    from ansible.module_utils._internal._ansiballz import _loader as module_wrapper
except ImportError:  # ansible-core before 2.19: a module process dies with the traceback on stderr
    module_wrapper = None

try:
    from ansible.vars.clean import remove_internal_keys
except ImportError:  # ansible-core 2.21 and later read a module's output into an object that does it
    remove_internal_keys = None

display = Display()

# The collection's Python package and name, from where this file lies.
PACKAGE = __name__.rsplit(".plugins.", 1)[0]
COLLECTION = ".".join(PACKAGE.split(".")[1:3])
# The host variable that turns running in the worker off (true by default).
SWITCH = "uipath_identity_in_process"
# The values of ansible_python_interpreter that ask Ansible to discover the host's Python.
DISCOVERY = ("auto", "auto_legacy", "auto_silent", "auto_legacy_silent")
# The serialization profile Ansible uses for modules that declare none.
PROFILE = "legacy"
# The ansible-core releases whose internals the worker run is tested with (make test: 2.16, 2.19, 2.21).
TESTED_CORE = ((2, 16), (2, 21))
# Python flags that change what the worker can import, which a module process started as
# plain `python` would not have (Fedora and RHEL start Ansible with -s, for one).
IMPORT_FLAGS = ("no_user_site", "no_site", "ignore_environment", "isolated", "safe_path")
# What a module run in the worker sets and reads in ansible.module_utils.basic.
BASIC_GLOBALS = ("_ANSIBLE_ARGS", "_ANSIBLE_PROFILE", "_PARSED_MODULE_ARGS")


def core_version(text=ansible_core_version):
    return tuple(int(part) for part in text.split(".")[:2])


def why_not_in_process(transport, become, async_val, environment, interpreter, keep_remote_files, switched_on,
                       platform=None, flags=None, core=None):
    """None when the task may run in the worker, else the reason it runs as a module.

    Each condition keeps a case where a module process would differ from the
    worker: another machine or user, a background job, other environment
    variables, another Python or other import paths, a user who asked to keep the
    module's files, macOS (where a forked process that uses the system's proxy
    settings, as requests does, may crash), or an ansible-core whose internals
    the worker run is not tested with.
    """
    platform = sys.platform if platform is None else platform
    flags = sys.flags if flags is None else flags
    core = core or core_version()
    if not switched_on:
        return "%s is false" % SWITCH
    if transport != "local":
        return "the connection is %s, not local" % transport
    if become:
        return "become is set"
    if async_val:
        return "the task is async"
    if environment:
        return "the task sets environment variables"
    if not same_python(interpreter):
        return "the module's Python (%s) is not the controller's (%s)" % (interpreter, sys.executable)
    set_flags = [name for name in IMPORT_FLAGS if getattr(flags, name, 0)]
    if set_flags:
        return "the controller's Python runs with %s, which a module's would not" % ", ".join(set_flags)
    if keep_remote_files:
        return "ANSIBLE_KEEP_REMOTE_FILES is set"
    if platform == "darwin":
        return "on macOS a forked worker must not look up the system's proxy settings"
    if not TESTED_CORE[0] <= core <= TESTED_CORE[1]:
        return "ansible-core %d.%d is outside %d.%d to %d.%d, the releases this is tested with" % (core + TESTED_CORE[0] + TESTED_CORE[1])
    if not hasattr(basic, "_ANSIBLE_ARGS") or not hasattr(module_warnings, "_global_warnings"):
        return "this ansible-core lacks what a module run in the worker needs"
    return None


def same_python(interpreter, executable=None):
    """Whether a module started with ``interpreter`` would run on the controller's Python in its environment.

    The path, relative to the working folder (where a module process's shell
    starts), must name the same file as the controller's executable, in the same
    folder once that folder's links are resolved: a virtual environment is told
    by the folder of the executable named, not the file it links to (often the
    base Python, outside the environment). A bare name (looked up on PATH),
    interpreter discovery ('auto...') and a path to nothing are never the same.
    """
    executable = sys.executable if executable is None else executable
    if not isinstance(interpreter, str) or not executable:
        return False
    if interpreter == executable:
        return True
    if os.sep not in interpreter or not os.path.isfile(interpreter):
        return False
    paths = [os.path.abspath(interpreter), os.path.abspath(executable)]
    folders = set(os.path.realpath(os.path.dirname(path)) for path in paths)
    return len(folders) == 1 and os.path.realpath(paths[0]) == os.path.realpath(paths[1])


def encode_arguments(arguments):
    """The module's arguments as the JSON a module process would be given."""
    arguments = {"ANSIBLE_MODULE_ARGS": arguments}
    try:
        from ansible.module_utils.common.json import Direction, get_module_encoder
    except ImportError:  # ansible-core before 2.19
        from ansible.parsing.ajson import AnsibleJSONEncoder
        return json.dumps(arguments, cls=AnsibleJSONEncoder, vault_to_text=True).encode("utf-8")
    return json.dumps(arguments, cls=get_module_encoder(PROFILE, Direction.CONTROLLER_TO_MODULE)).encode("utf-8")


def run_module_main(module_name, arguments):
    """Run ``plugins/modules/<module_name>.py``'s main() with ``arguments`` (bytes).

    Returns what a module process would leave: its exit status, what it printed
    and what it wrote to stderr (a warning of a library at import time, say, or
    the traceback of an unexpected error), for the action to read as it reads a
    module process's output.
    """
    printed, errors = io.StringIO(), io.StringIO()
    rc = 0
    with module_context(arguments):
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
            try:
                importlib.import_module("%s.plugins.modules.%s" % (PACKAGE, module_name)).main()
            except SystemExit as exc:
                rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception as exc:  # pylint: disable=broad-except
                rc = report_unexpected_error(exc, errors)
    return dict(rc=rc, stdout=printed.getvalue(), stderr=errors.getvalue())


def report_unexpected_error(exc, errors):
    """Report an exception that left a module's main() as its process would; return the exit status.

    From ansible-core 2.19 on, the wrapper a module process runs in prints the
    error as the module's result (with its traceback where Ansible is asked to
    show tracebacks), and that wrapper's own handler does it here. Before, the
    process dies with the traceback on stderr.
    """
    if module_wrapper is None:
        errors.write(traceback.format_exc())
        return 1
    try:
        module_wrapper._handle_exception(exc, PROFILE)  # pylint: disable=protected-access
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    except Exception:  # pylint: disable=broad-except
        # Should the handler itself fail, the task still fails as a dying module process would.
        errors.write(traceback.format_exc())
    return 1


@contextlib.contextmanager
def module_context(arguments):
    """What a module process starts with, for the length of one module run in this process.

    AnsibleModule reads its arguments from globals of ansible.module_utils.basic.
    It gathers warnings in globals that outlive one run (a loop runs every item in
    one worker), so those start empty. From ansible-core 2.19 on, module_utils
    code asks whether it runs on the controller, where a warning would go to the
    screen instead of into the module's result: for the module's run, the answer
    is no, as in a module process. Everything is put back afterwards.
    """
    saved_basic = dict((name, getattr(basic, name)) for name in BASIC_GLOBALS if hasattr(basic, name))
    saved_warnings = dict((name, getattr(module_warnings, name)) for name in ("_global_warnings", "_global_deprecations"))
    was_controller = getattr(module_utils_internal, "is_controller", None)
    for name, value in saved_warnings.items():
        setattr(module_warnings, name, type(value)())
    basic._ANSIBLE_ARGS = arguments
    if "_ANSIBLE_PROFILE" in saved_basic:
        basic._ANSIBLE_PROFILE = PROFILE
    if was_controller is not None:
        module_utils_internal.is_controller = False
    try:
        yield
    finally:
        if was_controller is not None:
            module_utils_internal.is_controller = was_controller
        for name, value in saved_basic.items():
            setattr(basic, name, value)
        for name, value in saved_warnings.items():
            setattr(module_warnings, name, value)


class InProcessAction(ActionBase):
    """Runs the module named by MODULE in the worker where that is the same, else as a module."""

    MODULE = None
    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(InProcessAction, self).run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        name = "%s.%s" % (COLLECTION, self.MODULE)
        reason = self._why_not_in_process(task_vars)
        if reason is None:
            display.vvv("%s runs in the controller's process" % name, host=self._play_context.remote_addr)
            arguments = dict(self._task.args)
            self._update_module_args(name, arguments, task_vars)
            return merge_hash(result, self._read_module_output(run_module_main(self.MODULE, encode_arguments(arguments))))
        display.vvv("%s runs as a module: %s" % (name, reason), host=self._play_context.remote_addr)
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _read_module_output(self, output):
        """The result, read as _execute_module reads a module process's output on this ansible-core."""
        output.update(stdout_lines=output["stdout"].splitlines(), stderr_lines=output["stderr"].splitlines())
        if len(inspect.signature(self._parse_returned_data).parameters) > 1:  # ansible-core 2.19 and later
            data = self._parse_returned_data(output, PROFILE)
        else:
            data = self._parse_returned_data(output)
        if hasattr(data, "as_result_dict"):  # ansible-core 2.21 and later
            data.remove_internal_keys()
            return data.as_result_dict(for_round_trip=True)
        remove_internal_keys(data)
        return data

    def _why_not_in_process(self, task_vars):
        host_vars = task_vars
        if self._task.delegate_to:
            host_vars = task_vars.get("ansible_delegated_vars", {}).get(self._task.delegate_to, task_vars)
        environment = {}
        self._compute_environment_string(environment)
        return why_not_in_process(
            transport=getattr(self._connection, "transport", None),
            become=self._play_context.become,
            async_val=self._task.async_val,
            environment=environment,
            interpreter=self._interpreter(host_vars),
            keep_remote_files=C.DEFAULT_KEEP_REMOTE_FILES,
            switched_on=boolean(self._templar.template(host_vars.get(SWITCH, True)), strict=False),
        )

    def _interpreter(self, host_vars):
        """The Python the module would be started with: as configured, or as discovered for the host.

        Before discovery has run for the host, the value stays 'auto...', which is never the controller's Python.
        """
        if "ansible_python_interpreter" in host_vars:
            value = host_vars["ansible_python_interpreter"]
        else:
            value = C.config.get_config_value("INTERPRETER_PYTHON", variables=host_vars)
        value = self._templar.template(value)
        value = value.strip() if isinstance(value, str) else value
        if not value or value in DISCOVERY:
            # Ansible starts every later module of the host with what discovery found.
            value = (host_vars.get("ansible_facts") or {}).get("discovered_interpreter_python", value)
        return value
