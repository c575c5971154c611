# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.robot_account: create, change and remove robot accounts, its HTTP mocked with responses."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import robot_account
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    ADMINS, API, GROUPS_LISTING, NOT_FOUND, NOT_IDENTITY, PARTITION, ROBOTS_LISTING, TOKEN_URL, asked_scopes, client_task,
    group_record, methods, numbered_id, org_token_task, overlapping_pages, page, query, requested, robot_record, sent, task)

ROBOT_ID = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
OPS = "d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f60"
AUTOMATION = "e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a70"
GROUPS = [group_record(ADMINS, "Administrators", kind=0),
          group_record(OPS, "Operators"), group_record(AUTOMATION, "Automation Users")]
ROBOT = robot_record(ROBOT_ID, "robot-invoices", [OPS], "Invoice robot")
# Found by a search for robot-invoices, but not named so.
NEIGHBOUR = robot_record("9f9f9f9f-9999-4999-8999-999999999999", "robot-invoices-eu")
CREATE_URL = API + "/RobotAccount"
UPDATE_URL = API + "/RobotAccount/" + ROBOT_ID
ROBOT_URL = "%s/%s" % (ROBOTS_LISTING, ROBOT_ID)
EVERY = {"top": ["1000"], "skip": ["0"], "sortBy": ["Id"], "sortOrder": ["asc"]}
SEARCH = dict(EVERY, searchTerm=["robot-invoices"])
PROOF = {"top": ["1"], "skip": ["0"]}


def listed(api, *robots):
    api.add(responses.GET, ROBOTS_LISTING, json=page(robots))


def test_create_posts_name_display_name_groups_and_partition(api, run_module):
    listed(api)
    api.add(responses.GET, ROBOTS_LISTING, json=page([NEIGHBOUR], 7))
    # The search showed no robot-invoices: one pass over every robot account decides.
    api.add(responses.GET, ROBOTS_LISTING, json=page([NEIGHBOUR]))
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    api.add(responses.POST, CREATE_URL, status=201, json=robot_record(ROBOT_ID, "robot-invoices", [OPS, AUTOMATION]))
    result = run_module(robot_account, task(name="robot-invoices", groups=["operators", AUTOMATION.upper()]), diff=True)
    assert sent(api.calls[4]) == {"name": "robot-invoices", "displayName": "robot-invoices", "groupIDsToAdd": [OPS, AUTOMATION],
                                  "partitionGlobalId": PARTITION}
    assert [query(call) for call in api.calls[:3]] == [SEARCH, PROOF, EVERY]
    assert requested(api)[3:] == [("GET", GROUPS_LISTING), ("POST", CREATE_URL)]
    assert result["changed"] is True and result["msg"] == "Robot account robot-invoices (%s) created" % ROBOT_ID
    assert result["robot_account"]["id"] == ROBOT_ID and result["diff"]["before"] == {}


def test_a_token_carrying_the_partition_needs_no_proof(api, run_module):
    listed(api)
    listed(api)
    api.add(responses.POST, CREATE_URL, status=201, json=ROBOT)
    result = run_module(robot_account, org_token_task(name="robot-invoices", display_name="Invoice robot"))
    assert sent(api.calls[2]) == {"name": "robot-invoices", "displayName": "Invoice robot", "partitionGlobalId": PARTITION}
    assert result["changed"] is True and methods(api) == ["GET", "GET", "POST"]
    assert [query(call) for call in api.calls[:2]] == [SEARCH, EVERY]


def test_rerun_unchanged_sends_no_write(forbid_writes, run_module):
    listed(forbid_writes, NEIGHBOUR, ROBOT)
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    result = run_module(robot_account, task(name="ROBOT-INVOICES", display_name="Invoice robot", groups=["Operators"]))
    assert result["changed"] is False and result["robot_account"] == ROBOT
    assert result["msg"] == "Robot account robot-invoices (%s) is as wanted" % ROBOT_ID and methods(forbid_writes) == ["GET", "GET"]


def test_a_display_name_change_sends_only_the_display_name(api, run_module):
    listed(api, ROBOT)
    api.add(responses.PUT, UPDATE_URL, json=dict(ROBOT, displayName="Invoices"))
    result = run_module(robot_account, task(name="robot-invoices", display_name="Invoices"), diff=True)
    assert sent(api.calls[1]) == {"displayName": "Invoices", "partitionGlobalId": PARTITION}
    assert result["msg"] == "Robot account robot-invoices (%s) updated: displayName" % ROBOT_ID
    assert result["diff"] == {"before": ROBOT, "after": dict(ROBOT, displayName="Invoices")}


@pytest.mark.parametrize("append, changes, after", [
    (False, {"groupIDsToAdd": [AUTOMATION], "groupIDsToRemove": [OPS]}, [AUTOMATION]),
    (True, {"groupIDsToAdd": [AUTOMATION]}, [OPS.upper(), AUTOMATION]),
])
def test_groups_replace_or_are_appended(api, run_module, append, changes, after):
    listed(api, dict(ROBOT, groupIds=[OPS.upper()]))
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    api.add(responses.PUT, UPDATE_URL, status=204)
    result = run_module(robot_account, task(name="robot-invoices", groups=["Automation Users"], append_groups=append))
    assert sent(api.calls[2]) == dict(changes, partitionGlobalId=PARTITION)
    assert result["changed"] is True and result["robot_account"]["groupIds"] == after


def test_another_name_for_an_existing_robot_account_fails_before_any_write(api, run_module):
    api.add(responses.GET, ROBOT_URL, json=ROBOT)
    result = run_module(robot_account, task(robot_account_id=ROBOT_ID, name="robot-payroll", display_name="Payroll"))
    assert result.failed and result["option"] == "name"
    assert "differs from the robot account's name 'robot-invoices'" in result["msg"] and methods(api) == ["GET"]


def test_an_unknown_group_fails_before_any_write(api, run_module):
    listed(api, ROBOT)
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    unknown = "11111111-2222-4333-8444-555555555555"
    result = run_module(robot_account, task(name="robot-invoices", groups=["Operators", "Payroll", unknown]))
    assert result.failed and result["msg"] == "Invalid option groups: names no group of the organization: 'Payroll', '%s'" % unknown
    assert methods(api) == ["GET", "GET"]


def test_absent_deletes_by_partition_and_id(api, run_module):
    listed(api, NEIGHBOUR, ROBOT)
    api.add(responses.DELETE, ROBOT_URL, status=204)
    result = run_module(robot_account, task(name="robot-invoices", state="absent"), diff=True)
    assert result["changed"] is True and result["msg"] == "Robot account robot-invoices (%s) removed" % ROBOT_ID
    assert result["diff"] == {"before": ROBOT, "after": {}} and methods(api) == ["GET", "DELETE"]


def test_absent_when_missing_is_unchanged(api, run_module):
    api.add(responses.GET, ROBOT_URL, **NOT_FOUND)
    # The 404 is believed once a listing shows that the organization has robot accounts.
    listed(api, NEIGHBOUR)
    by_id = run_module(robot_account, task(robot_account_id=ROBOT_ID, state="absent"))
    listed(api, NEIGHBOUR)
    listed(api, NEIGHBOUR)
    by_name = run_module(robot_account, task(name="robot-invoices", state="absent"))
    assert by_id["changed"] is False and by_id["msg"] == "Robot account %s is already absent" % ROBOT_ID
    assert by_name["changed"] is False and by_name["msg"] == "Robot account robot-invoices is already absent"
    assert requested(api) == [("GET", ROBOT_URL)] + [("GET", ROBOTS_LISTING)] * 3
    assert [query(call) for call in api.calls[1:]] == [PROOF, SEARCH, EVERY]


def test_check_mode_creates_updates_and_removes_nothing(forbid_writes, run_module):
    listed(forbid_writes)
    listed(forbid_writes, NEIGHBOUR)
    listed(forbid_writes, NEIGHBOUR)
    created = run_module(robot_account, task(name="robot-invoices"), check_mode=True, diff=True)
    listed(forbid_writes, ROBOT)
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    updated = run_module(robot_account, task(name="robot-invoices", groups=["Automation Users"]), check_mode=True)
    listed(forbid_writes, ROBOT)
    removed = run_module(robot_account, task(name="robot-invoices", state="absent"), check_mode=True)
    assert created["msg"] == "Robot account robot-invoices would be created"
    assert created["diff"]["after"] == {"name": "robot-invoices", "displayName": "robot-invoices", "groupIds": []}
    assert updated["msg"] == "Robot account robot-invoices (%s) would be updated: groupIDsToAdd, groupIDsToRemove" % ROBOT_ID
    assert updated["robot_account"]["groupIds"] == [AUTOMATION]
    assert removed["changed"] is True and removed["msg"] == "Robot account robot-invoices (%s) would be removed" % ROBOT_ID
    assert methods(forbid_writes) == ["GET"] * 6


def test_lookup_pages_the_listing_sorted_by_id(api, run_module):
    for body in overlapping_pages([robot_record(numbered_id(n), "robot-invoices-%d" % n) for n in range(1000)], [ROBOT]):
        api.add(responses.GET, ROBOTS_LISTING, json=body)
    api.add(responses.DELETE, ROBOT_URL, status=204)
    assert run_module(robot_account, task(name="robot-invoices", state="absent"))["changed"] is True
    assert [query(call) for call in api.calls[:2]] == [SEARCH, dict(SEARCH, skip=["999"])]


def test_a_search_finding_nothing_in_an_organization_without_robots_is_proven_by_its_groups(api, run_module):
    listed(api)
    listed(api)
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    result = run_module(robot_account, task(name="robot-invoices", state="absent"))
    assert result["changed"] is False and result["msg"] == "Robot account robot-invoices is already absent"
    # The proof showed no robot account at all, so no pass over every robot account follows.
    assert requested(api) == [("GET", ROBOTS_LISTING)] * 2 + [("GET", GROUPS_LISTING)]
    assert [query(call) for call in api.calls[:2]] == [SEARCH, PROOF]


def test_one_group_listing_proves_the_partition_and_resolves_the_groups(api, run_module):
    listed(api)
    listed(api)
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    api.add(responses.POST, CREATE_URL, status=201, json=ROBOT)
    result = run_module(robot_account, task(name="robot-invoices", groups=["Operators"]))
    assert result["changed"] is True
    assert requested(api) == [("GET", ROBOTS_LISTING)] * 2 + [("GET", GROUPS_LISTING), ("POST", CREATE_URL)]


@pytest.mark.parametrize("answer, words", [
    (dict(status=403, json={"errorMessage": "denied"}),
     "the organization lists no robot accounts, and GET %s answered 403, so the groups that would show" % GROUPS_LISTING),
    (dict(json=[]), "lists no groups at all at GET %s" % GROUPS_LISTING),
])
def test_an_unproven_partition_fails_naming_it_and_creates_nothing(api, run_module, answer, words):
    listed(api)
    listed(api)
    api.add(responses.GET, GROUPS_LISTING, **answer)
    result = run_module(robot_account, task(name="robot-invoices"))
    assert result.failed and result["option"] == "partition_global_id" and words in result["msg"]
    assert methods(api) == ["GET"] * 3


def test_a_404_by_id_in_an_organization_without_robot_accounts_is_proven_by_its_groups(api, run_module):
    api.add(responses.GET, ROBOT_URL, **NOT_FOUND)
    listed(api)
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    result = run_module(robot_account, task(robot_account_id=ROBOT_ID, state="absent"))
    assert result["changed"] is False and result["msg"] == "Robot account %s is already absent" % ROBOT_ID
    assert requested(api) == [("GET", ROBOT_URL), ("GET", ROBOTS_LISTING), ("GET", GROUPS_LISTING)] and query(api.calls[1]) == PROOF


@pytest.mark.parametrize("answer, words", [
    (dict(json=[]), "lists no groups at all at GET %s" % GROUPS_LISTING),
    (dict(status=403, json={"errorMessage": "denied"}), "robot accounts, and GET %s answered 403, so the groups" % GROUPS_LISTING),
])
def test_a_404_by_id_under_an_unproven_organization_fails_naming_it(api, run_module, answer, words):
    api.add(responses.GET, ROBOT_URL, **NOT_FOUND)
    listed(api)
    api.add(responses.GET, GROUPS_LISTING, **answer)
    result = run_module(robot_account, task(robot_account_id=ROBOT_ID, display_name="Invoices"))
    assert result.failed and result["option"] == "partition_global_id" and words in result["msg"]
    assert requested(api) == [("GET", ROBOT_URL), ("GET", ROBOTS_LISTING), ("GET", GROUPS_LISTING)]


def test_a_404_by_id_needs_no_proof_with_a_token_issued_for_the_organization(api, run_module):
    api.add(responses.GET, ROBOT_URL, **NOT_FOUND)
    result = run_module(robot_account, org_token_task(robot_account_id=ROBOT_ID, state="absent"))
    assert result["changed"] is False and requested(api) == [("GET", ROBOT_URL)]


def test_a_listing_that_showed_robot_accounts_proves_a_later_404(api, run_module):
    listed(api, ROBOT)
    api.add(responses.DELETE, ROBOT_URL, **NOT_FOUND)
    api.add(responses.GET, ROBOT_URL, **NOT_FOUND)
    result = run_module(robot_account, task(name="robot-invoices", state="absent"))
    assert result["changed"] is False and result["msg"].endswith("(%s) was removed by someone else meanwhile" % ROBOT_ID)
    assert requested(api) == [("GET", ROBOTS_LISTING), ("DELETE", ROBOT_URL), ("GET", ROBOT_URL)]


def test_a_search_without_the_exact_name_is_settled_by_every_robot_account(api, run_module):
    # The search matched another robot account's display name only.
    listed(api, NEIGHBOUR)
    listed(api, NEIGHBOUR, dict(ROBOT, name="Robot-Invoices"))
    api.add(responses.DELETE, ROBOT_URL, status=204)
    result = run_module(robot_account, task(name="robot-invoices", state="absent"))
    assert result["changed"] is True and result["msg"] == "Robot account Robot-Invoices (%s) removed" % ROBOT_ID
    assert requested(api) == [("GET", ROBOTS_LISTING), ("GET", ROBOTS_LISTING), ("DELETE", ROBOT_URL)]
    assert [query(call) for call in api.calls[:2]] == [SEARCH, EVERY]


@pytest.mark.parametrize("group_ids", [["../x"], [None], "a-string", [OPS, 7]])
def test_untrusted_group_ids_change_nothing(api, run_module, group_ids):
    listed(api, dict(ROBOT, groupIds=group_ids))
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    result = run_module(robot_account, task(name="robot-invoices", groups=["Automation Users"]))
    assert result.failed and result["msg"].startswith(NOT_IDENTITY + ROBOTS_LISTING)
    assert "groupIds are not a list of GUIDs" in result["msg"] and methods(api) == ["GET", "GET"]


def test_a_robot_account_read_by_id_with_untrusted_group_ids_is_refused(api, run_module):
    api.add(responses.GET, ROBOT_URL, json=dict(ROBOT, groupIds=["x"]))
    result = run_module(robot_account, task(robot_account_id=ROBOT_ID, state="absent"))
    assert result.failed and "groupIds are not a list of GUIDs" in result["msg"] and methods(api) == ["GET"]


@pytest.mark.parametrize("extra, option, words", [
    (dict(robot_account_id="robot-invoices"), "robot_account_id", "must be a GUID"),
    (dict(state="absent", name="r", robot_account_id=ROBOT_ID), "name", "exactly one of name or robot_account_id"),
    (dict(state="absent", name="r", groups=["Operators"]), "groups", "only applies to state=present"),
    (dict(state="absent", name="r", display_name="R"), "display_name", "only applies to state=present"),
    (dict(name="r", groups=["Operators", ""]), "groups", "item 2 is empty"),
    (dict(display_name="R"), "name", "needs name or robot_account_id"),
])
def test_bad_input_is_refused_before_any_request(api, run_module, extra, option, words):
    result = run_module(robot_account, task(**extra))
    assert result.failed and result["option"] == option and words in result["msg"] and len(api.calls) == 0


def test_client_credentials_ask_for_robot_account_and_group_scopes(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"error": "invalid_scope"}, status=400)
    api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token"})
    listed(api, ROBOT)
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    assert run_module(robot_account, client_task(name="robot-invoices", groups=["Operators"]))["changed"] is False
    assert asked_scopes(api) == ["PM.RobotAccount.Read PM.RobotAccount.Write PM.Group.Read",
                                 "PM.RobotAccount.Read PM.RobotAccount.Write PM.Group"]
