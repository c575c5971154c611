# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.group where a mistake would cost most: a 404 under a wrong organization id, a group of no known
kind, a rename onto another group's name, the users of a built-in group, and users that come from a directory."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import group, group_info
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    ADMINS, ANN, API, BOB, FINANCE, GROUPS_LISTING, LISTED_GROUPS, NOT_FOUND, NOT_IDENTITY, PARTITION, existing, group_record,
    group_url, methods, numbered_id, org_token_task, requested, searched, sent, task, user_member, user_record, warned)

EMEA = "b2d3f4a5-6c7e-4f80-9a1b-c2d3e4f5a6b7"
UPDATE_URL = API + "/Group/" + FINANCE
ADMINS_UPDATE_URL = API + "/Group/" + ADMINS
CARL = user_record(numbered_id(3), "carl", "carl@example.com")
DAVE = user_record(numbered_id(4), "dave", "dave@example.com")
ADMINISTRATORS = group_record(ADMINS, "Administrators", kind=0)
# An empty 404 may be a wrong route: the listing that proves the address proves the organization's id as well.
EMPTY_404 = dict(status=404, body="")


@pytest.mark.parametrize("module, extra", [
    (group, dict(group_id=FINANCE, state="absent")),
    (group, dict(group_id=FINANCE, name="Finance", members=[])),
    (group_info, dict(group_id=FINANCE)),
])
def test_a_404_by_id_is_not_believed_when_the_organization_lists_no_groups(api, run_module, module, extra):
    api.add(responses.GET, group_url(FINANCE), **NOT_FOUND)
    api.add(responses.GET, GROUPS_LISTING, json=[])
    result = run_module(module, task(**extra))
    assert result.failed and result["option"] == "partition_global_id" and "groups" not in result
    assert result["msg"].startswith("Invalid option partition_global_id: lists no groups at all at GET %s" % GROUPS_LISTING)
    assert requested(api) == [("GET", group_url(FINANCE)), ("GET", GROUPS_LISTING)]


def test_a_token_issued_for_the_organization_makes_a_404_by_id_enough(api, run_module):
    api.add(responses.GET, group_url(FINANCE), **NOT_FOUND)
    result = run_module(group, org_token_task(group_id=FINANCE, state="absent"))
    assert result["changed"] is False and result["msg"] == "Group %s is already absent" % FINANCE
    assert requested(api) == [("GET", group_url(FINANCE))]


@pytest.mark.parametrize("answer", [NOT_FOUND, EMPTY_404])
def test_the_group_listing_is_read_once_a_task(api, run_module, answer):
    existing(api, [user_member(ANN)])
    api.add(responses.DELETE, group_url(FINANCE), **NOT_FOUND)
    api.add(responses.GET, group_url(FINANCE), **answer)
    result = run_module(group, task(name="Finance", state="absent"))
    assert result["changed"] is False and result["msg"] == "Group Finance (%s) was removed by someone else meanwhile" % FINANCE
    assert requested(api) == [("GET", GROUPS_LISTING), ("GET", group_url(FINANCE)), ("DELETE", group_url(FINANCE)),
                              ("GET", group_url(FINANCE))]


@pytest.mark.parametrize("entry", [
    dict(type=None), dict(type=True), dict(type=False), dict(type=2), dict(type="system"), dict(type=""), dict(type=[0]),
    dict(name=" "), dict(name=""),
])
def test_a_listed_group_of_no_known_kind_or_without_a_name_is_refused(api, run_module, entry):
    api.add(responses.GET, GROUPS_LISTING, json=[ADMINISTRATORS, dict(group_record(FINANCE, "Finance"), **entry)])
    result = run_module(group, task(name="Finance", state="absent"))
    assert result.failed and result["msg"].startswith(NOT_IDENTITY + GROUPS_LISTING)
    assert "Entry 1 of the group listing is not a group with a GUID id, a name and a known type" in result["msg"]
    assert methods(api) == ["GET"]


@pytest.mark.parametrize("entry", [dict(type=None), dict(type=True), dict(type="System"), dict(name="  ")])
def test_a_group_read_by_id_of_no_known_kind_or_without_a_name_is_refused(api, run_module, entry):
    api.add(responses.GET, group_url(FINANCE), json=dict(group_record(FINANCE, "Finance", []), **entry))
    result = run_module(group, task(group_id=FINANCE, state="absent"))
    assert result.failed and result["msg"].startswith(NOT_IDENTITY + group_url(FINANCE))
    assert "The group has no name or a type of no known kind" in result["msg"] and methods(api) == ["GET"]


@pytest.mark.parametrize("kind, removed", [(1, True), ("custom", True), ("CUSTOM", True), ("BUILTIN", False), ("BuiltIn", False)])
def test_each_known_kind_is_read_in_any_letter_case(api, run_module, kind, removed):
    api.add(responses.GET, group_url(FINANCE), json=group_record(FINANCE, "Finance", [], kind=kind))
    if removed:
        api.add(responses.DELETE, group_url(FINANCE), status=204)
    result = run_module(group, task(group_id=FINANCE, state="absent"))
    assert result.failed is not removed and methods(api) == ["GET"] + ["DELETE"] * removed
    assert result["msg"] == ("Group Finance (%s) removed" % FINANCE if removed else
                             "Invalid option group_id: names Finance (%s), a built-in group, which cannot be removed" % FINANCE)


@pytest.mark.parametrize("name", ["Finance EMEA", "FINANCE emea"])
def test_a_rename_onto_another_groups_name_fails_before_any_write(api, run_module, name):
    api.add(responses.GET, group_url(FINANCE), json=group_record(FINANCE, "Finance", []))
    api.add(responses.GET, GROUPS_LISTING, json=LISTED_GROUPS + [group_record(EMEA, "Finance EMEA")])
    result = run_module(group, task(group_id=FINANCE, name=name))
    assert result.failed and result["option"] == "name"
    assert result["msg"] == ("Invalid option name: would rename Finance (%s) to the name of another group, Finance EMEA (%s)"
                             % (FINANCE, EMEA))
    assert requested(api) == [("GET", group_url(FINANCE)), ("GET", GROUPS_LISTING)]


def test_a_group_may_take_its_own_name_in_another_letter_case(api, run_module):
    api.add(responses.GET, group_url(FINANCE), json=group_record(FINANCE, "Finance", []))
    api.add(responses.GET, GROUPS_LISTING, json=LISTED_GROUPS)
    api.add(responses.PUT, UPDATE_URL, status=204)
    result = run_module(group, task(group_id=FINANCE, name="FINANCE"))
    assert result["changed"] is True and sent(api.calls[2]) == {"partitionGlobalId": PARTITION, "name": "FINANCE"}
    assert requested(api) == [("GET", group_url(FINANCE)), ("GET", GROUPS_LISTING), ("PUT", UPDATE_URL)]


def test_a_built_in_group_given_its_own_name_in_another_letter_case_is_not_renamed(api, run_module):
    api.add(responses.GET, group_url(ADMINS), json=dict(ADMINISTRATORS, members=[]))
    unchanged = run_module(group, task(group_id=ADMINS, name="ADMINISTRATORS"))
    api.add(responses.GET, group_url(ADMINS), json=dict(ADMINISTRATORS, members=[]))
    searched(api, BOB)
    api.add(responses.PUT, ADMINS_UPDATE_URL, status=204)
    added = run_module(group, task(group_id=ADMINS, name="administrators", members=["bob"], append_members=True))
    assert unchanged["changed"] is False and unchanged["msg"] == "Group Administrators (%s) is as wanted" % ADMINS
    assert added["msg"] == "Group Administrators (%s) updated: 1 members added" % ADMINS
    assert sent(api.calls[3]) == {"partitionGlobalId": PARTITION, "name": "Administrators", "directoryUserIDsToAdd": [BOB["id"]]}
    assert methods(api) == ["GET", "GET", "GET", "PUT"]


@pytest.mark.parametrize("members, users", [(["bob"], [BOB]), ([], [])])
def test_the_users_of_a_built_in_group_are_never_replaced_from_a_list(api, run_module, members, users):
    existing(api, [user_member(ANN)], group=ADMINISTRATORS)
    searched(api, *users)
    result = run_module(group, task(name="Administrators", members=members))
    assert result.failed and result["option"] == "append_members"
    assert result["msg"] == ("Invalid option append_members: must be true for Administrators (%s), a built-in group: its users "
                             "are only added to, never replaced from a list" % ADMINS)
    assert methods(api) == ["GET"] * (2 + len(users))


def test_exclusive_members_remove_local_users_only_and_name_the_directory_users_kept(api, run_module):
    no_source = dict((k, v) for k, v in user_member(CARL).items() if k != "source")
    existing(api, [user_member(ANN), user_member(BOB, source="aad"), no_source, user_member(DAVE, source="LOCAL")])
    api.add(responses.PUT, UPDATE_URL, status=204)
    result = run_module(group, task(name="Finance", members=[]), diff=True)
    assert sent(api.calls[2]) == {"partitionGlobalId": PARTITION, "name": "Finance", "directoryUserIDsToRemove": [ANN["id"], DAVE["id"]]}
    assert result["msg"] == "Group Finance (%s) updated: 2 members removed" % FINANCE
    assert result["diff"]["after"] == {"name": "Finance", "members": ["bob", "carl"]}
    assert warned(result) == ["Group Finance (%s) keeps 2 users not listed in members, since they come from a directory, "
                              "not from UiPath: bob, carl" % FINANCE]


def test_a_listed_user_from_a_directory_is_not_added_again(forbid_writes, run_module):
    existing(forbid_writes, [user_member(ANN), user_member(BOB, source="AAD")])
    searched(forbid_writes, ANN, BOB)
    result = run_module(group, task(name="Finance", members=["ann", "bob"]))
    assert result["changed"] is False and result["msg"] == "Group Finance (%s) is as wanted" % FINANCE
    assert warned(result) == [] and methods(forbid_writes) == ["GET"] * 4
