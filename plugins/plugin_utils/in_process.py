# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin behind every module of the collection.

The modules talk to a web API, so they run on the controller (or in the
execution environment) anyway. When Ansible would start the module there, with
the controller's own Python, as the controller's own user, starting a new
Python process only to import Ansible and requests again costs more than the
task's own work. The plugin then runs the module's ``main()`` inside the task's
worker process instead: same arguments, prepared as Ansible prepares them for a
module, the same ``AnsibleModule`` validating them and masking no_log values,
and the same JSON result. In every other case the module runs as usual.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import importlib
import io
import json
import sys

from ansible import constants as C
from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

try:
    from ansible.module_utils import _internal as module_utils_internal
except ImportError:  # ansible-core before 2.19
    module_utils_internal = None

display = Display()

# The host variable that turns running in the worker off (true by default).
SWITCH = "uipath_identity_in_process"
# The serialization profile Ansible uses for modules that declare none.
PROFILE = "legacy"


def why_not_in_process(transport, become, async_val, environment, interpreter, keep_remote_files, switched_on):
    """None when the task may run in the worker, else the reason it runs as a module.

    Each condition keeps a case where a module process would differ from the
    worker: another machine or user, a background job, other environment
    variables, another Python, or a user who asked to keep the module's files.
    """
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
    if interpreter != sys.executable:
        return "the module's Python (%s) is not the controller's (%s)" % (interpreter, sys.executable)
    if keep_remote_files:
        return "ANSIBLE_KEEP_REMOTE_FILES is set"
    return None


def encode_arguments(arguments):
    """The module's arguments as the JSON a module process would be given."""
    arguments = {"ANSIBLE_MODULE_ARGS": arguments}
    try:
        from ansible.module_utils.common.json import Direction, get_module_encoder
    except ImportError:  # ansible-core before 2.19
        from ansible.parsing.ajson import AnsibleJSONEncoder
        return json.dumps(arguments, cls=AnsibleJSONEncoder, vault_to_text=True).encode("utf-8")
    return json.dumps(arguments, cls=get_module_encoder(PROFILE, Direction.CONTROLLER_TO_MODULE)).encode("utf-8")


def decode_result(text):
    """The module's printed result, read as Ansible reads a module process's output."""
    try:
        from ansible.module_utils.common.json import Direction, get_module_decoder
    except ImportError:  # ansible-core before 2.19
        return json.loads(text)
    return json.loads(text, cls=get_module_decoder(PROFILE, Direction.MODULE_TO_CONTROLLER))


def run_module_main(module_name, arguments):
    """Run ``plugins/modules/<module_name>.py``'s main() with ``arguments`` (bytes) and return its result."""
    module = importlib.import_module("ansible_collections.uipath.identity.plugins.modules." + module_name)
    printed = io.StringIO()
    with module_context(arguments):
        try:
            with contextlib.redirect_stdout(printed):
                module.main()
        except SystemExit:
            pass
    return decode_result(printed.getvalue())


@contextlib.contextmanager
def module_context(arguments):
    """What a module process starts with, for the length of one module run in this process.

    AnsibleModule reads its arguments from a global of ansible.module_utils.basic.
    It gathers warnings in globals that outlive one run (a loop runs every item in
    one worker), so those start empty and are put back after. And from
    ansible-core 2.19 on, module_utils code asks whether it runs on the
    controller, where a warning would go to the screen instead of into the
    module's result: for the module's run, the answer is no, as in a module
    process.
    """
    saved = dict((name, getattr(module_warnings, name)) for name in ("_global_warnings", "_global_deprecations"))
    was_controller = getattr(module_utils_internal, "is_controller", None)
    for name, value in saved.items():
        setattr(module_warnings, name, type(value)())
    basic._ANSIBLE_ARGS = arguments
    if hasattr(basic, "_ANSIBLE_PROFILE"):
        basic._ANSIBLE_PROFILE = PROFILE
    if was_controller is not None:
        module_utils_internal.is_controller = False
    try:
        yield
    finally:
        if was_controller is not None:
            module_utils_internal.is_controller = was_controller
        basic._ANSIBLE_ARGS = None
        for name, value in saved.items():
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
        reason = self._why_not_in_process(task_vars)
        if reason is None:
            display.vvv("uipath.identity.%s runs in the controller's process" % self.MODULE, host=self._play_context.remote_addr)
            arguments = dict(self._task.args)
            self._update_module_args("uipath.identity." + self.MODULE, arguments, task_vars)
            return merge_hash(result, run_module_main(self.MODULE, encode_arguments(arguments)))
        display.vvv("uipath.identity.%s runs as a module: %s" % (self.MODULE, reason), host=self._play_context.remote_addr)
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

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
        """The Python the module would be started with, as configured; discovery ('auto...') never matches."""
        if "ansible_python_interpreter" in host_vars:
            value = host_vars["ansible_python_interpreter"]
        else:
            value = C.config.get_config_value("INTERPRETER_PYTHON", variables=host_vars)
        value = self._templar.template(value)
        return value.strip() if isinstance(value, str) else value
