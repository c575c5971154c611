# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""alternatives(): the scope strings a task tries in turn, split forms first, one resource at a time falling back."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.uipath.identity.plugins.module_utils.scopes import GROUPS, ROBOT_ACCOUNTS, USERS, alternatives


@pytest.mark.parametrize("needs, expected", [
    ([(USERS, True)], ("PM.User.Read PM.User.Write", "PM.User")),
    ([(USERS, False)], ("PM.User.Read", "PM.User")),
    ([(GROUPS, False)], ("PM.Group.Read", "PM.Group")),
    ([(ROBOT_ACCOUNTS, True)], ("PM.RobotAccount.Read PM.RobotAccount.Write", "PM.RobotAccount")),
])
def test_one_resource_asks_for_the_split_form_then_the_whole(needs, expected):
    assert alternatives(*needs) == expected


def test_two_resources_are_asked_for_together_the_last_falling_back_first():
    assert alternatives((GROUPS, True), (USERS, False)) == (
        "PM.Group.Read PM.Group.Write PM.User.Read",
        "PM.Group.Read PM.Group.Write PM.User",
        "PM.Group PM.User.Read",
        "PM.Group PM.User",
    )


def test_three_resources_give_every_combination_from_all_split_to_all_whole():
    found = alternatives((ROBOT_ACCOUNTS, True), (GROUPS, False), (USERS, False))
    assert len(found) == len(set(found)) == 8
    assert found[0] == "PM.RobotAccount.Read PM.RobotAccount.Write PM.Group.Read PM.User.Read"
    assert found[1] == "PM.RobotAccount.Read PM.RobotAccount.Write PM.Group.Read PM.User"
    assert found[-1] == "PM.RobotAccount PM.Group PM.User"


def test_the_resources_are_the_identity_api_scope_names():
    assert (USERS, GROUPS, ROBOT_ACCOUNTS) == ("PM.User", "PM.Group", "PM.RobotAccount")
