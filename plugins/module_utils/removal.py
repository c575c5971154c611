# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The result of removing one record, alike for users, groups and robot accounts."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


def removal(operations, record, title, key, view=None):
    """Remove ``record``, which the task has just read, and return the module result.

    ``title`` names the record in the message ("User ann (...)"), ``key`` is the
    result key that holds it, and ``view`` gives what --diff shows of it.
    """
    removed = operations.delete(record["id"])
    if operations.check_mode:
        state = "would be removed"
    elif removed:
        state = "removed"
    else:
        state = "was removed by someone else meanwhile"
    result = {"changed": removed, key: record, "msg": "%s %s" % (title, state)}
    if removed:
        result["diff"] = dict(before=view(record) if view else record, after={})
    return result
