# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The scopes a task asks the token endpoint for, least first.

Each resource of the Identity API has a scope that grants everything
(``PM.User``) and two that split it (``PM.User.Read``, ``PM.User.Write``). An
external application may be granted either form, and the token endpoint
refuses a scope the application lacks (invalid_scope), so a task asks for the
split form first and falls back, resource by resource, to the whole one. A
task that touches several resources asks for all of them in one request.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import itertools

USERS = "PM.User"
GROUPS = "PM.Group"
ROBOT_ACCOUNTS = "PM.RobotAccount"


def _forms(resource, write):
    split = "%s.Read %s.Write" % (resource, resource) if write else "%s.Read" % resource
    return (split, resource)


def alternatives(*needs):
    """Scope strings to try in turn for ``needs``, pairs of (resource, write): the split forms first."""
    return tuple(" ".join(choice) for choice in itertools.product(*(_forms(resource, write) for resource, write in needs)))


def for_options(need, **optional):
    """A module's default scopes: ``need`` always, and each ``option=need`` of ``optional`` when the task gives that option."""
    def scopes(params):
        return alternatives(need, *[extra for option, extra in sorted(optional.items()) if params.get(option) is not None])
    return scopes
