# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.group: create, rename, set the users of, and remove a group, its HTTP mocked with responses."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import group
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    ADMINS, ANN, API, BOB, FINANCE, GROUPS_LISTING, LISTED_GROUPS as LISTED, NOT_FOUND, NOT_IDENTITY, PARTITION, TOKEN_URL,
    USERS_LISTING, asked_scopes, client_task, existing, group_record, group_url, member, methods, numbered_id, page, query,
    requested, searched, sent, task, user_member, user_record)

ROBOT = member("DirectoryRobotUser", "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "robot-invoices")
# A directory group's identifier is the directory's own, not necessarily a GUID: never checked, never removed.
AD_GROUP = member("DirectoryGroup", "S-1-5-21-3623811015-3361044348-30300820-1013", "AD Finance")
CREATE_URL = API + "/Group"
UPDATE_URL = API + "/Group/" + FINANCE


def test_create_posts_the_name_and_the_user_ids(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    searched(api, ANN, BOB)
    api.add(responses.POST, CREATE_URL, status=201, json=group_record(FINANCE, "Finance", [user_member(ANN), user_member(BOB)]))
    result = run_module(group, task(name="Finance", members=["ann", "BOB@example.com"]), diff=True)
    assert sent(api.calls[3]) == {"partitionGlobalId": PARTITION, "name": "Finance", "directoryUserMemberIDs": [ANN["id"], BOB["id"]]}
    assert [query(call)["searchTerm"] for call in api.calls[1:3]] == [["ann"], ["BOB@example.com"]]
    assert result["changed"] is True and result["group"]["id"] == FINANCE
    assert result["msg"] == "Group Finance (%s) created with 2 members" % FINANCE
    assert result["diff"] == {"before": {}, "after": {"name": "Finance", "members": ["ann", "bob"]}}


def test_a_create_answered_without_the_group_reads_it_back(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    api.add(responses.POST, CREATE_URL, json={"succeeded": True, "errors": []})
    existing(api, [])
    result = run_module(group, task(name="Finance"))
    assert sent(api.calls[1]) == {"partitionGlobalId": PARTITION, "name": "Finance"}
    assert result["changed"] is True and result["group"] == group_record(FINANCE, "Finance", [])
    assert methods(api) == ["GET", "POST", "GET", "GET"]


def test_rerun_unchanged_sends_no_write(forbid_writes, run_module):
    existing(forbid_writes, [user_member(ANN), ROBOT])
    searched(forbid_writes, ANN)
    result = run_module(group, task(name="finance", members=["ann"]))
    assert result["changed"] is False and result["msg"] == "Group Finance (%s) is as wanted" % FINANCE
    assert methods(forbid_writes) == ["GET"] * 3


def test_exclusive_members_change_users_only_and_diff_shows_names(api, run_module):
    existing(api, [user_member(ANN), ROBOT, AD_GROUP])
    searched(api, BOB)
    api.add(responses.PUT, UPDATE_URL, json=group_record(FINANCE, "Finance"))
    result = run_module(group, task(name="Finance", members=["bob"]), diff=True)
    assert sent(api.calls[3]) == {"partitionGlobalId": PARTITION, "name": "Finance",
                                  "directoryUserIDsToAdd": [BOB["id"]], "directoryUserIDsToRemove": [ANN["id"]]}
    assert result["msg"] == "Group Finance (%s) updated: 1 members added, 1 members removed" % FINANCE
    assert result["diff"] == {"before": {"name": "Finance", "members": ["AD Finance", "ann", "robot-invoices"]},
                              "after": {"name": "Finance", "members": ["AD Finance", "bob", "robot-invoices"]}}
    assert [m["identifier"] for m in result["group"]["members"]] == [ROBOT["identifier"], AD_GROUP["identifier"], BOB["id"]]


def test_no_members_leaves_robots_and_directory_groups(api, run_module):
    existing(api, [ROBOT, user_member(ANN), AD_GROUP])
    api.add(responses.PUT, UPDATE_URL, status=204)
    run_module(group, task(name="Finance", members=[]))
    assert sent(api.calls[2]) == {"partitionGlobalId": PARTITION, "name": "Finance", "directoryUserIDsToRemove": [ANN["id"]]}


def test_append_members_removes_nothing(api, run_module):
    existing(api, [user_member(ANN)])
    searched(api, BOB)
    api.add(responses.PUT, UPDATE_URL, status=204)
    result = run_module(group, task(name="Finance", members=["bob"], append_members=True))
    assert sent(api.calls[3]) == {"partitionGlobalId": PARTITION, "name": "Finance", "directoryUserIDsToAdd": [BOB["id"]]}
    assert result["msg"].endswith("updated: 1 members added")


def test_rename_by_group_id_sends_only_the_name(api, run_module):
    api.add(responses.GET, group_url(FINANCE), json=group_record(FINANCE, "Finance", [user_member(ANN)]))
    # The listing shows that no other group carries the new name.
    api.add(responses.GET, GROUPS_LISTING, json=LISTED)
    api.add(responses.PUT, UPDATE_URL, json=group_record(FINANCE, "Finance EMEA"))
    result = run_module(group, task(group_id=FINANCE.upper(), name="Finance EMEA"))
    assert sent(api.calls[2]) == {"partitionGlobalId": PARTITION, "name": "Finance EMEA"}
    assert result["group"]["name"] == "Finance EMEA" and result["msg"].endswith("updated: renamed to Finance EMEA")
    assert requested(api) == [("GET", group_url(FINANCE)), ("GET", GROUPS_LISTING), ("PUT", UPDATE_URL)]


@pytest.mark.parametrize("kind", [0, "builtIn"])
def test_a_built_in_group_is_neither_renamed_nor_removed(api, run_module, kind):
    admins = group_record(ADMINS, "Administrators", [user_member(ANN)], kind=kind)
    api.add(responses.GET, group_url(ADMINS), json=admins)
    renamed = run_module(group, task(group_id=ADMINS, name="Admins"))
    api.add(responses.GET, GROUPS_LISTING, json=LISTED)
    api.add(responses.GET, group_url(ADMINS), json=admins)
    removed = run_module(group, task(name="administrators", state="absent"))
    api.add(responses.GET, group_url(ADMINS), json=admins)
    by_id = run_module(group, task(group_id=ADMINS, state="absent"))
    assert renamed.failed and renamed["option"] == "name"
    assert renamed["msg"] == ("Invalid option name: would rename Administrators (%s), a built-in group, which cannot be renamed; "
                              "only its users can change" % ADMINS)
    assert removed.failed and removed["msg"] == ("Invalid option name: names Administrators (%s), a built-in group, which "
                                                 "cannot be removed" % ADMINS)
    assert by_id.failed and by_id["option"] == "group_id" and "cannot be removed" in by_id["msg"]
    assert methods(api) == ["GET"] * 4


@pytest.mark.parametrize("kind", [0, "builtin"])
def test_a_built_in_group_changes_its_users(api, run_module, kind):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED)
    api.add(responses.GET, group_url(ADMINS), json=group_record(ADMINS, "Administrators", [user_member(ANN)], kind=kind))
    searched(api, BOB)
    api.add(responses.PUT, API + "/Group/" + ADMINS, status=204)
    assert run_module(group, task(name="Administrators", members=["bob"], append_members=True))["changed"] is True
    assert sent(api.calls[3]) == {"partitionGlobalId": PARTITION, "name": "Administrators", "directoryUserIDsToAdd": [BOB["id"]]}


def test_absent_deletes_by_partition_and_id(api, run_module):
    existing(api, [user_member(ANN)])
    api.add(responses.DELETE, group_url(FINANCE), status=204)
    result = run_module(group, task(name="Finance", state="absent"), diff=True)
    assert result["changed"] is True and result["msg"] == "Group Finance (%s) removed" % FINANCE
    assert result["diff"] == {"before": {"name": "Finance", "members": ["ann"]}, "after": {}}
    assert methods(api) == ["GET", "GET", "DELETE"]


def test_absent_when_missing_is_unchanged(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    by_name = run_module(group, task(name="Finance", state="absent"))
    api.add(responses.GET, group_url(FINANCE), **NOT_FOUND)
    # A 404 for a group read by id is believed once the organization's groups list.
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    by_id = run_module(group, task(group_id=FINANCE, state="absent"))
    assert by_name["changed"] is False and by_name["msg"] == "Group Finance is already absent"
    assert by_id["changed"] is False and by_id["msg"] == "Group %s is already absent" % FINANCE
    assert requested(api) == [("GET", GROUPS_LISTING), ("GET", group_url(FINANCE)), ("GET", GROUPS_LISTING)]


def test_check_mode_creates_updates_and_removes_nothing(forbid_writes, run_module):
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    searched(forbid_writes, ANN)
    created = run_module(group, task(name="Finance", members=["ann"]), check_mode=True, diff=True)
    existing(forbid_writes, [user_member(ANN)])
    searched(forbid_writes, BOB)
    updated = run_module(group, task(name="Finance", members=["bob"]), check_mode=True, diff=True)
    existing(forbid_writes, [user_member(ANN)])
    removed = run_module(group, task(name="Finance", state="absent"), check_mode=True)
    assert created["changed"] is True and created["msg"] == "Group Finance would be created"
    assert created["diff"]["after"] == {"name": "Finance", "members": ["ann"]}
    assert updated["msg"] == "Group Finance (%s) would be updated: 1 members added, 1 members removed" % FINANCE
    assert updated["diff"]["after"]["members"] == ["bob"]
    assert removed["changed"] is True and removed["msg"] == "Group Finance (%s) would be removed" % FINANCE
    assert methods(forbid_writes) == ["GET"] * 7


def test_a_member_naming_no_user_fails_before_any_write(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    searched(api, ANN)
    api.add(responses.GET, USERS_LISTING, json=page([]))
    result = run_module(group, task(name="Finance", members=["ann", "zed"]))
    assert result.failed and result["msg"] == "Invalid option members: names no user of the organization: 'zed'"
    assert methods(api) == ["GET"] * 3


def test_a_member_that_is_one_users_name_and_anothers_email_is_ambiguous(api, run_module):
    named = user_record(ANN["id"], "pat@example.com", "pat.one@example.com")
    mailed = user_record(BOB["id"], "pat", "PAT@example.com")
    existing(api, [])
    api.add(responses.GET, USERS_LISTING, json=page([named, mailed]))
    result = run_module(group, task(name="Finance", members=["pat@example.com"]))
    assert result.failed and "members 'pat@example.com' matches 2 users exactly" in result["msg"]
    assert ANN["id"] in result["msg"] and BOB["id"] in result["msg"] and "Use the user id to pick one" in result["msg"]
    assert methods(api) == ["GET"] * 3


def test_more_than_ten_members_are_resolved_from_one_listing(api, run_module):
    many = [user_record(numbered_id(n), "user%d" % n, "user%d@example.com" % n) for n in range(11)]
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    api.add(responses.GET, USERS_LISTING, json=page(many + [ANN]))
    api.add(responses.POST, CREATE_URL, status=201, json=group_record(FINANCE, "Finance"))
    names = [u["userName"].upper() for u in many[:6]] + [u["email"] for u in many[6:]]
    run_module(group, task(name="Finance", members=names))
    assert sent(api.calls[2])["directoryUserMemberIDs"] == [u["id"] for u in many]
    assert methods(api) == ["GET", "GET", "POST"]
    assert query(api.calls[1]) == {"top": ["1000"], "skip": ["0"], "sortBy": ["Id"], "sortOrder": ["asc"]}


def test_members_given_as_user_ids_are_read_by_id(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    api.add(responses.GET, API + "/User/" + ANN["id"], json=ANN)
    api.add(responses.POST, CREATE_URL, status=201, json=group_record(FINANCE, "Finance"))
    run_module(group, task(name="Finance", members=[ANN["id"]]))
    assert sent(api.calls[2])["directoryUserMemberIDs"] == [ANN["id"]] and methods(api) == ["GET", "GET", "POST"]


@pytest.mark.parametrize("extra, option, words", [
    (dict(name="Finance", members=["ann", " "]), "members", "item 2 is empty"),
    (dict(group_id="finance"), "group_id", "must be a GUID"),
    (dict(state="absent", name="Finance", group_id=FINANCE), "name", "exactly one of name or group_id, got name, group_id"),
    (dict(state="absent", name="Finance", members=["ann"]), "members", "only applies to state=present"),
    (dict(members=["ann"]), "name", "needs name or group_id"),
    (dict(name=" "), "name", "must not be empty"),
])
def test_bad_input_is_refused_before_any_request(api, run_module, extra, option, words):
    result = run_module(group, task(**extra))
    assert result.failed and result["option"] == option and words in result["msg"]
    assert len(api.calls) == 0


@pytest.mark.parametrize("listing, words", [
    ({"value": LISTED}, "The group listing is not a list"),
    ([LISTED[0], {"id": "1", "name": "Finance", "type": 1}], "Entry 1 of the group listing is not a group with a GUID id, a name and a known type"),
    ([{"id": FINANCE, "name": None, "type": 1}], "Entry 0 of the group listing is not a group with a GUID id, a name and a known type"),
])
def test_an_untrusted_group_listing_fails_and_removes_nothing(api, run_module, listing, words):
    api.add(responses.GET, GROUPS_LISTING, json=listing)
    result = run_module(group, task(name="Finance", state="absent"))
    assert result.failed and result["msg"].startswith(NOT_IDENTITY + GROUPS_LISTING) and words in result["msg"]
    assert methods(api) == ["GET"]


def test_a_group_read_by_id_that_carries_another_id_is_refused(api, run_module):
    api.add(responses.GET, group_url(FINANCE), json=group_record(ADMINS, "Administrators", []))
    result = run_module(group, task(group_id=FINANCE, state="absent"))
    assert result.failed and result["msg"].startswith(NOT_IDENTITY + group_url(FINANCE))
    assert "carries the id %s, not the id asked for" % ADMINS in result["msg"] and methods(api) == ["GET"]


@pytest.mark.parametrize("identifier", [None, "ann", "../x", 7])
def test_a_user_member_without_a_guid_identifier_changes_nothing(api, run_module, identifier):
    existing(api, [ROBOT, dict(user_member(ANN), identifier=identifier)])
    result = run_module(group, task(name="Finance", members=[]))
    assert result.failed and result["msg"].startswith(NOT_IDENTITY + group_url(FINANCE))
    assert "Member 1 is a user without a GUID identifier" in result["msg"] and methods(api) == ["GET", "GET"]


@pytest.mark.parametrize("extra, scopes", [
    (dict(members=["ann"]), ["PM.Group.Read PM.Group.Write PM.User.Read", "PM.Group.Read PM.Group.Write PM.User"]),
    (dict(), ["PM.Group.Read PM.Group.Write", "PM.Group"]),
])
def test_client_credentials_ask_for_every_scope_in_one_request_then_the_next(api, run_module, extra, scopes):
    api.add(responses.POST, TOKEN_URL, json={"error": "invalid_scope"}, status=400)
    api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token"})
    existing(api, [user_member(ANN)])
    searched(api, *([ANN] if extra else []))
    result = run_module(group, client_task(name="Finance", **extra))
    assert result["changed"] is False and asked_scopes(api) == scopes
    assert api.calls[2].request.headers["Authorization"] == "Bearer issued-token"


def test_a_403_on_a_group_write_names_the_write_scopes(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    api.add(responses.POST, CREATE_URL, status=403, json={"errorMessage": "Scope(s) 'PM.Group.Read' is(are) invalid."})
    result = run_module(group, task(name="Finance"))
    assert result.failed and result["method"] == "POST" and result["url"] == CREATE_URL and result["status"] == 403
    assert result["msg"].startswith("Permission denied: POST %s answered 403: Scope(s) 'PM.Group.Read' is(are) invalid." % CREATE_URL)
    assert "needs the scope PM.Group or PM.Group.Write" in result["msg"]
