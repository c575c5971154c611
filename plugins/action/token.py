# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    MODULE = "token"

    def run(self, tmp=None, task_vars=None):
        # The module can only see that its output is not logged, which
        # ANSIBLE_NO_TARGET_SYSLOG also makes true; the task's own no_log is
        # what keeps the token off the screen, so it is checked here.
        if not self._task.no_log:
            return dict(failed=True, option="no_log",
                        msg="Invalid option no_log: set no_log: true on this task, since its result holds an access token")
        return super(ActionModule, self).run(tmp, task_vars)
