# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.group_info: every group, or one with its members; reads only."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import group_info
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    ANN, FINANCE, GROUPS_LISTING, LISTED_GROUPS as LISTED, NOT_FOUND, TOKEN_URL, asked_scopes, client_task, group_record, group_url,
    methods, requested, task, user_member)

WITH_MEMBERS = group_record(FINANCE, "Finance", [user_member(ANN)])
FINANCE_URL = group_url(FINANCE)


def test_all_groups_in_one_request(forbid_writes, run_module):
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=LISTED)
    result = run_module(group_info, task())
    assert result["changed"] is False and result["groups"] == LISTED and methods(forbid_writes) == ["GET"]


def test_by_name_reads_the_group_with_its_members(forbid_writes, run_module):
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=LISTED)
    forbid_writes.add(responses.GET, FINANCE_URL, json=WITH_MEMBERS)
    result = run_module(group_info, task(name="FINANCE"))
    assert result["groups"] == [WITH_MEMBERS] and [c.request.url for c in forbid_writes.calls] == [GROUPS_LISTING, FINANCE_URL]


def test_by_id(forbid_writes, run_module):
    forbid_writes.add(responses.GET, FINANCE_URL, json=WITH_MEMBERS)
    result = run_module(group_info, task(group_id=FINANCE.upper()))
    assert result["groups"] == [WITH_MEMBERS] and methods(forbid_writes) == ["GET"]


def test_a_missing_group_is_an_empty_list(forbid_writes, run_module):
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    by_name = run_module(group_info, task(name="Finance"))
    forbid_writes.add(responses.GET, FINANCE_URL, **NOT_FOUND)
    # The 404 is believed once the organization's groups list.
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=LISTED[:1])
    by_id = run_module(group_info, task(group_id=FINANCE))
    assert by_name["groups"] == [] and by_id["groups"] == [] and not by_name.failed and not by_id.failed
    assert requested(forbid_writes) == [("GET", GROUPS_LISTING), ("GET", FINANCE_URL), ("GET", GROUPS_LISTING)]


@pytest.mark.parametrize("extra", [dict(), dict(name="Finance")])
def test_an_empty_listing_fails_naming_the_partition(forbid_writes, run_module, extra):
    forbid_writes.add(responses.GET, GROUPS_LISTING, json=[])
    result = run_module(group_info, task(**extra))
    assert result.failed and result["option"] == "partition_global_id" and "groups" not in result
    assert result["msg"].startswith("Invalid option partition_global_id: lists no groups at all at GET %s" % GROUPS_LISTING)


def test_name_and_group_id_together_are_refused(api, run_module):
    result = run_module(group_info, task(name="Finance", group_id=FINANCE))
    assert result.failed and "mutually exclusive" in result["msg"] and len(api.calls) == 0


def test_read_scope_is_asked_for_and_named_on_a_403(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token"})
    api.add(responses.GET, GROUPS_LISTING, json={"errorMessage": "denied"}, status=403)
    result = run_module(group_info, client_task())
    assert asked_scopes(api) == ["PM.Group.Read"]
    assert result.failed and "needs the scope PM.Group or PM.Group.Read" in result["msg"]
