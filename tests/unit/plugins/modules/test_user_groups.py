# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.user with groups named: resolved from one group listing before the user is read, merged with group_ids."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    API, GROUPS_LISTING, PARTITION, TOKEN_URL, USERS_LISTING, asked_scopes, client_task, group_record, methods, page, sent, task,
    user_record)

FINANCE = "a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7"
OPS = "d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f60"
EXTRA = "e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a70"
OLD = "f5a6b7c8-d9e0-4f1a-8b2c-3d4e5f6a7b81"
GROUPS = [group_record("c0c0c0c0-0000-4000-8000-000000000001", "Administrators", kind=0),
          group_record(FINANCE, "Finance"), group_record(OPS.upper(), "Operators")]
JDOE = user_record("0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60", "jdoe", "jdoe@example.com", groupIDs=[OLD])
OTHER = user_record("9f9f9f9f-9999-4999-8999-999999999999", "admin", "admin@example.com")
USER_URL = API + "/User/" + JDOE["id"]


@pytest.mark.parametrize("append, changes", [
    (False, {"groupIDsToAdd": [EXTRA, FINANCE, OPS], "groupIDsToRemove": [OLD]}),
    (True, {"groupIDsToAdd": [EXTRA, FINANCE, OPS]}),
])
def test_groups_by_name_and_id_join_group_ids(api, run_module, append, changes):
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    api.add(responses.GET, USERS_LISTING, json=page([JDOE]))
    api.add(responses.PUT, USER_URL, json={"succeeded": True, "errors": []})
    result = run_module(user_module, task(username="jdoe", group_ids=[EXTRA, FINANCE.upper()], groups=["finance", OPS],
                                          append_groups=append))
    assert [c.request.url.split("?")[0] for c in api.calls] == [GROUPS_LISTING, USERS_LISTING, USER_URL]
    assert sent(api.calls[2]) == changes and result["changed"] is True


def test_create_carries_the_named_groups(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    api.add(responses.GET, USERS_LISTING, json=page([]))
    api.add(responses.GET, USERS_LISTING, json=page([OTHER]))
    api.add(responses.POST, API + "/User", json={"succeeded": True, "errors": []})
    api.add(responses.GET, USERS_LISTING, json=page([dict(JDOE, groupIDs=[OPS])]))
    result = run_module(user_module, task(username="jdoe", groups=["Operators"]))
    assert sent(api.calls[3]) == {"userName": "jdoe", "partitionGlobalId": PARTITION, "groupIDs": [OPS]}
    assert result["changed"] is True and result["user"]["groupIDs"] == [OPS]


def test_an_unknown_group_fails_before_the_user_is_read(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    result = run_module(user_module, task(username="jdoe", groups=["Finance", "Payroll", EXTRA]))
    assert result.failed and result["msg"] == "Invalid option groups: names no group of the organization: 'Payroll', '%s'" % EXTRA
    assert methods(api) == ["GET"]


def test_scope_asked_includes_group_read(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"error": "invalid_scope"}, status=400)
    api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token"})
    api.add(responses.GET, GROUPS_LISTING, json=GROUPS)
    api.add(responses.GET, USERS_LISTING, json=page([dict(JDOE, groupIDs=[FINANCE])]))
    assert run_module(user_module, client_task(username="jdoe", groups=["Finance"]))["changed"] is False
    assert asked_scopes(api) == ["PM.User.Read PM.User.Write PM.Group.Read", "PM.User.Read PM.User.Write PM.Group"]


def test_a_403_on_the_group_listing_names_the_group_read_scope(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json={"errorMessage": "denied"}, status=403)
    result = run_module(user_module, task(username="jdoe", groups=["Finance"]))
    assert result.failed and result["url"] == GROUPS_LISTING and "needs the scope PM.Group or PM.Group.Read" in result["msg"]


@pytest.mark.parametrize("extra, words", [
    (dict(state="absent", username="jdoe", groups=["Finance"]), "groups: only applies to state=present"),
    (dict(username="jdoe", groups=["Finance", "  "]), "groups: item 2 is empty"),
])
def test_bad_groups_are_refused_before_any_request(api, run_module, extra, words):
    result = run_module(user_module, task(**extra))
    assert result.failed and result["option"] == "groups" and words in result["msg"] and len(api.calls) == 0
