# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Every module of the collection is in the action group.
    ACTION_GROUP = r"""
attributes:
  action_group:
    support: full
    membership: [uipath.identity.identity]
    description: Takes its defaults from C(module_defaults) for C(group/uipath.identity.identity).
"""

    # Every module of the collection has the action plugin of plugins/plugin_utils/in_process.py.
    IN_PROCESS = r"""
attributes:
  action:
    support: full
    description:
      - Runs inside the task's worker process on the controller, without starting a module process, where the module would
        run on the controller anyway; see the notes.
notes:
  - Where the task would start the module on the controller itself (a C(local) connection, no C(become), no C(async), no
    C(environment), and the module's Python the controller's own, as for the implicit C(localhost)), the
    module runs inside the task's worker process, which saves starting Python and importing Ansible and C(requests)
    again for every task. The arguments, checks, result, failures and masking of secrets are the module's own either way.
  - The module's Python counts as the controller's when C(ansible_python_interpreter) (or, once interpreter discovery has
    run for the host, the Python it found) names the same file in the same folder, by any name, such as C(bin/python)
    beside C(bin/python3) of one virtual environment; a path relative to the working folder counts, a bare name or
    C(auto) does not, and neither does the Python a virtual environment was made from.
  - It starts a module process as usual on macOS, on an ansible-core outside 2.16 to 2.21, when the controller's Python
    runs with flags that change its imports, and when C(ANSIBLE_KEEP_REMOTE_FILES) is set or the host variable
    C(uipath_identity_in_process) is C(false); that variable is read from the host the task runs on, which is the
    delegated host under C(delegate_to). C(-vvv) says which way a task ran.
"""

    # Modules that change nothing on the server.
    READ_ONLY = r"""
attributes:
  check_mode:
    support: full
    description: Runs the same in check mode, since it changes nothing.
  diff_mode:
    support: none
    description: Changes nothing, so has nothing to show.
"""
