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
