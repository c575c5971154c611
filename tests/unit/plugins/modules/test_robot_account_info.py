# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.robot_account_info: by name, id, search term, or all; reads only."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import responses

from ansible_collections.uipath.identity.plugins.modules import robot_account_info
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    GROUPS_LISTING, NOT_FOUND, ROBOTS_LISTING, TOKEN_URL, asked_scopes, client_task, methods, numbered_id, overlapping_pages, page, query,
    requested, robot_record, task)

ROBOT = robot_record("8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "robot-invoices", ["d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f60"])
NEIGHBOUR = robot_record("9f9f9f9f-9999-4999-8999-999999999999", "robot-invoices-eu")
ROBOT_URL = "%s/%s" % (ROBOTS_LISTING, ROBOT["id"])
ORDER = {"top": ["1000"], "skip": ["0"], "sortBy": ["Id"], "sortOrder": ["asc"]}


def test_by_name_keeps_the_exact_match_only(forbid_writes, run_module):
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([NEIGHBOUR, ROBOT]))
    result = run_module(robot_account_info, task(name="Robot-Invoices"))
    assert result["changed"] is False and result["robot_accounts"] == [ROBOT]
    assert query(forbid_writes.calls[0]) == dict(ORDER, searchTerm=["Robot-Invoices"]) and methods(forbid_writes) == ["GET"]


def test_by_id(forbid_writes, run_module):
    forbid_writes.add(responses.GET, ROBOT_URL, json=ROBOT)
    assert run_module(robot_account_info, task(robot_account_id=ROBOT["id"].upper()))["robot_accounts"] == [ROBOT]
    forbid_writes.add(responses.GET, ROBOT_URL, **NOT_FOUND)
    # The 404 is believed once a listing shows that the organization has robot accounts.
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([NEIGHBOUR], 4))
    assert run_module(robot_account_info, task(robot_account_id=ROBOT["id"]))["robot_accounts"] == []
    assert requested(forbid_writes) == [("GET", ROBOT_URL), ("GET", ROBOT_URL), ("GET", ROBOTS_LISTING)]
    assert query(forbid_writes.calls[2]) == {"top": ["1"], "skip": ["0"]}


def test_by_name_reads_every_robot_account_when_the_search_shows_no_exact_match(forbid_writes, run_module):
    # The search matched the display name of another robot account only; robot-invoices is listed all the same.
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([NEIGHBOUR]))
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([ROBOT, NEIGHBOUR]))
    found = run_module(robot_account_info, task(name="ROBOT-invoices"))
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([NEIGHBOUR]))
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([ROBOT, NEIGHBOUR]))
    missing = run_module(robot_account_info, task(name="robot-payroll"))
    assert found["robot_accounts"] == [ROBOT] and missing["robot_accounts"] == [] and not missing.failed
    assert [query(call) for call in forbid_writes.calls] == [dict(ORDER, searchTerm=["ROBOT-invoices"]), ORDER,
                                                             dict(ORDER, searchTerm=["robot-payroll"]), ORDER]


def test_search_returns_every_match(forbid_writes, run_module):
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([NEIGHBOUR, ROBOT]))
    result = run_module(robot_account_info, task(search="invoices"))
    assert result["robot_accounts"] == [NEIGHBOUR, ROBOT] and query(forbid_writes.calls[0]) == dict(ORDER, searchTerm=["invoices"])


def test_all_reads_every_page(forbid_writes, run_module):
    fillers = [robot_record(numbered_id(n), "robot-%d" % n) for n in range(1000)]
    for body in overlapping_pages(fillers, [ROBOT]):
        forbid_writes.add(responses.GET, ROBOTS_LISTING, json=body)
    result = run_module(robot_account_info, task())
    assert result["robot_accounts"] == fillers + [ROBOT]
    assert [query(call) for call in forbid_writes.calls] == [ORDER, dict(ORDER, skip=["999"])]


def test_an_empty_answer_is_believed_only_for_a_proven_organization(forbid_writes, run_module):
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([]))
    forbid_writes.add(responses.GET, ROBOTS_LISTING, json=page([]))
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=[])
    result = run_module(robot_account_info, task(search="nothing-like-this"))
    assert result.failed and result["option"] == "partition_global_id" and "lists no groups at all" in result["msg"]
    assert requested(forbid_writes) == [("GET", ROBOTS_LISTING), ("GET", ROBOTS_LISTING), ("GET", GROUPS_LISTING)]


def test_selectors_are_mutually_exclusive(api, run_module):
    result = run_module(robot_account_info, task(name="robot-invoices", search="invoices"))
    assert result.failed and "mutually exclusive" in result["msg"] and len(api.calls) == 0


def test_read_scope_is_asked_for(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token"})
    api.add(responses.GET, ROBOT_URL, json=ROBOT)
    assert run_module(robot_account_info, client_task(robot_account_id=ROBOT["id"]))["robot_accounts"] == [ROBOT]
    assert asked_scopes(api) == ["PM.RobotAccount.Read"]
