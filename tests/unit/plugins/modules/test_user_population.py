# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.user with users: one listing pass, BulkCreate in chunks per set of groups, one PUT per user that differs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    ADMIN, ANN, BOB, BULK_CREATE, CREATE, FINANCE, GROUPS_LISTING, LISTED_GROUPS, PARTITION, SUCCEEDED, TOKEN_URL, USERS_LISTING,
    asked_scopes, bulk_created, client_task, group_record, joiner, listed, methods, numbered_id, overlapping_pages, query,
    requested, task, user_record, user_url, writes)

GROUP_A = "aaaaaaaa-1111-4111-8111-111111111111"
GROUP_B = "bbbbbbbb-2222-4222-8222-222222222222"
OPS = "d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f60"
OLD = "f5a6b7c8-d9e0-4f1a-8b2c-3d4e5f6a7b81"
PASSWORD = "Very-Secret-Pa55word!"
OTHER_PASSWORD = "Another-Secret-77word?"
# One name an assignment: linters that read module files for their documentation skip a tuple target.
CARL = user_record(numbered_id(1), "carl", "carl@example.com", name=None, surname=None)
DORA = user_record(numbered_id(2), "dora", "dora@example.com", name=None, surname=None)
EMIL = user_record(numbered_id(3), "emil", "emil@example.com", name=None, surname=None)


def base(username, **fields):
    """The CreateUserCommandBase the module should send for joiner(username, ...)."""
    body = dict(userName=username, email="%s@example.com" % username)
    body.update(fields)
    return body


def predicted(username, **fields):
    """A created user as the diff should show it."""
    record = dict(userName=username, email="%s@example.com" % username, groupIDs=[], isActive=True)
    record.update(fields)
    return record


def test_missing_users_are_created_in_chunks_after_one_listing(api, run_module):
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL, DORA))
    api.add(responses.POST, BULK_CREATE, json=bulk_created(EMIL))
    users = [joiner("carl", name="Carl", surname="Cole", display_name="Carl C."), joiner("dora", bypass_basic_auth_restriction=True),
             joiner("emil", invitation_accepted=False)]
    result = run_module(user_module, task(users=users, chunk_size=2), diff=True)
    assert requested(api) == [("GET", USERS_LISTING), ("POST", BULK_CREATE), ("POST", BULK_CREATE)]
    assert query(api.calls[0]) == {"top": ["1000"], "skip": ["0"], "sortBy": ["Id"], "sortOrder": ["asc"]}
    assert [body for method, url, body in writes(api)] == [
        {"users": [base("carl", name="Carl", surname="Cole", displayName="Carl C."), base("dora", bypassBasicAuthRestriction=True)],
         "partitionGlobalId": PARTITION},
        {"users": [base("emil", invitationAccepted=False)], "partitionGlobalId": PARTITION}]
    assert result["changed"] is True and result["msg"] == "3 users were created, 0 were updated, 0 unchanged"
    assert (result["created"], result["updated"], result["unchanged"]) == (["carl", "dora", "emil"], [], [])
    assert result["diff"] == {"before": {"carl": {}, "dora": {}, "emil": {}}, "after": {
        "carl": predicted("carl", name="Carl", surname="Cole", displayName="Carl C."),
        "dora": predicted("dora", bypassBasicAuthRestriction=True), "emil": predicted("emil", invitationAccepted=False)}}


def test_one_batch_per_set_of_groups_in_the_order_its_first_user_lists_them(api, run_module):
    listed(api, ADMIN)
    for dummy in range(4):
        api.add(responses.POST, BULK_CREATE, json=bulk_created())
    users = [joiner("carl", group_ids=[GROUP_B.upper(), GROUP_A]), joiner("dora", group_ids=[GROUP_A]), joiner("emil"),
             joiner("fred", group_ids=[GROUP_A, GROUP_B]), joiner("gus", group_ids=[GROUP_B, GROUP_A])]
    result = run_module(user_module, task(users=users, chunk_size=2))
    assert [body for method, url, body in writes(api)] == [
        {"users": [base("carl"), base("fred")], "partitionGlobalId": PARTITION, "groupIDs": [GROUP_B, GROUP_A]},
        {"users": [base("gus")], "partitionGlobalId": PARTITION, "groupIDs": [GROUP_B, GROUP_A]},
        {"users": [base("dora")], "partitionGlobalId": PARTITION, "groupIDs": [GROUP_A]},
        {"users": [base("emil")], "partitionGlobalId": PARTITION}]
    assert result["created"] == ["carl", "fred", "gus", "dora", "emil"]


def test_named_groups_are_resolved_from_one_group_listing_with_the_group_scope(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token"})
    api.add(responses.GET, GROUPS_LISTING, json=LISTED_GROUPS + [group_record(OPS.upper(), "Operators")])
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created())
    api.add(responses.POST, BULK_CREATE, json=bulk_created())
    users = [joiner("carl", groups=["Finance"]), joiner("dora", group_ids=[OPS], groups=["finance"]),
             joiner("emil", groups=[FINANCE.upper(), "OPERATORS"])]
    result = run_module(user_module, client_task(users=users))
    assert asked_scopes(api) == ["PM.User.Read PM.User.Write PM.Group.Read"]
    assert requested(api) == [("POST", TOKEN_URL), ("GET", GROUPS_LISTING), ("GET", USERS_LISTING), ("POST", BULK_CREATE),
                              ("POST", BULK_CREATE)]
    assert [body for method, url, body in writes(api)] == [
        {"users": [base("carl")], "partitionGlobalId": PARTITION, "groupIDs": [FINANCE]},
        {"users": [base("dora"), base("emil")], "partitionGlobalId": PARTITION, "groupIDs": [OPS, FINANCE]}]
    assert result["created"] == ["carl", "dora", "emil"]


def test_without_named_groups_the_group_scope_is_not_asked_for(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token"})
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created())
    api.add(responses.POST, BULK_CREATE, json=bulk_created())
    result = run_module(user_module, client_task(users=[joiner("carl", group_ids=[FINANCE]), joiner("dora")]))
    assert asked_scopes(api) == ["PM.User.Read PM.User.Write"] and result["created"] == ["carl", "dora"]
    assert requested(api) == [("POST", TOKEN_URL), ("GET", USERS_LISTING), ("POST", BULK_CREATE), ("POST", BULK_CREATE)]


def test_users_with_a_password_are_created_one_by_one_and_it_is_never_shown(api, run_module):
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(DORA))
    api.add(responses.POST, CREATE, json=SUCCEEDED)
    api.add(responses.POST, CREATE, json=SUCCEEDED)
    users = [joiner("carl", password=PASSWORD), joiner("dora"), joiner("emil", password=OTHER_PASSWORD, group_ids=[FINANCE])]
    result = run_module(user_module, task(users=users), diff=True)
    assert writes(api) == [
        ("POST", BULK_CREATE, {"users": [base("dora")], "partitionGlobalId": PARTITION}),
        ("POST", CREATE, dict(base("carl"), partitionGlobalId=PARTITION, password=PASSWORD, validatePassword=True)),
        ("POST", CREATE, dict(base("emil"), partitionGlobalId=PARTITION, groupIDs=[FINANCE], password=OTHER_PASSWORD,
                              validatePassword=True))]
    assert result["created"] == ["dora", "carl", "emil"]
    assert result["diff"]["after"]["emil"] == predicted("emil", groupIDs=[FINANCE])
    assert PASSWORD not in result.raw and OTHER_PASSWORD not in result.raw
    # Not even masked: the result, its message and its diff do not hold a password at all.
    shown = json.dumps([result[key] for key in ("msg", "diff", "created", "updated", "unchanged")])
    assert "password" not in shown.lower() and "********" not in shown


def test_inactive_users_are_deactivated_after_one_more_listing(api, run_module):
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL, EMIL))
    api.add(responses.POST, CREATE, json=SUCCEEDED)
    listed(api, ADMIN, CARL, DORA, EMIL)
    api.add(responses.PUT, user_url(CARL["id"]), json=SUCCEEDED)
    api.add(responses.PUT, user_url(DORA["id"]), json=SUCCEEDED)
    users = [joiner("carl", is_active=False), joiner("dora", is_active=False, password=PASSWORD), joiner("emil", is_active=True)]
    result = run_module(user_module, task(users=users), diff=True)
    assert writes(api) == [
        ("POST", BULK_CREATE, {"users": [base("carl"), base("emil")], "partitionGlobalId": PARTITION}),
        ("POST", CREATE, dict(base("dora"), partitionGlobalId=PARTITION, password=PASSWORD, validatePassword=True)),
        ("PUT", user_url(CARL["id"]), {"isActive": False}), ("PUT", user_url(DORA["id"]), {"isActive": False})]
    assert requested(api)[3] == ("GET", USERS_LISTING)
    assert result["created"] == ["carl", "emil", "dora"] and result["updated"] == []
    assert result["diff"]["after"]["carl"] == predicted("carl", isActive=False) and result["diff"]["after"]["emil"] == predicted("emil")


@pytest.mark.parametrize("append, groups", [
    (False, {"groupIDsToAdd": [FINANCE], "groupIDsToRemove": [OLD]}),
    (True, {"groupIDsToAdd": [FINANCE]}),
])
def test_existing_users_get_one_put_with_only_what_differs(api, run_module, append, groups):
    bob = dict(BOB, groupIDs=[OLD])
    listed(api, ADMIN, ANN, bob)
    api.add(responses.PUT, user_url(ANN["id"]), json=SUCCEEDED)
    api.add(responses.PUT, user_url(BOB["id"]), json=SUCCEEDED)
    users = [joiner("ann", email="ANN@Example.com", name="Ann"), joiner("admin", name="N"), joiner("BOB", surname="S", group_ids=[FINANCE])]
    result = run_module(user_module, task(users=users, append_groups=append), diff=True)
    assert writes(api) == [("PUT", user_url(ANN["id"]), {"name": "Ann"}), ("PUT", user_url(BOB["id"]), groups)]
    assert result["changed"] is True and result["msg"] == "0 users were created, 2 were updated, 1 unchanged"
    assert (result["created"], result["updated"], result["unchanged"]) == ([], ["ann", "BOB"], ["admin"])
    assert result["diff"]["before"] == {"ann": ANN, "BOB": bob}
    assert result["diff"]["after"] == {"ann": dict(ANN, name="Ann"), "BOB": dict(bob, groupIDs=([OLD] if append else []) + [FINANCE])}


def test_a_rerun_writes_nothing(forbid_writes, run_module):
    listed(forbid_writes, ADMIN, ANN, dict(BOB, groupIDs=[FINANCE.upper()]), dict(CARL, isActive=False))
    users = [joiner("ann", password=PASSWORD), joiner("BOB", email="BOB@Example.com", group_ids=[FINANCE]),
             joiner("carl", is_active=False)]
    result = run_module(user_module, task(users=users), diff=True)
    assert methods(forbid_writes) == ["GET"] and result["changed"] is False
    assert (result["created"], result["updated"], result["unchanged"]) == ([], [], ["ann", "BOB", "carl"])
    assert result["msg"] == "0 users were created, 0 were updated, 3 unchanged" and result["diff"] == {"before": {}, "after": {}}


def test_check_mode_predicts_without_writing(forbid_writes, run_module):
    listed(forbid_writes, ADMIN, ANN)
    users = [joiner("ann", name="Ann"), joiner("carl"), joiner("dora", is_active=False, password=PASSWORD, group_ids=[FINANCE])]
    result = run_module(user_module, task(users=users), check_mode=True, diff=True)
    assert methods(forbid_writes) == ["GET"] and result["changed"] is True
    assert result["msg"] == "2 users would be created, 1 would be updated, 0 unchanged"
    assert (result["created"], result["updated"], result["unchanged"]) == (["carl", "dora"], ["ann"], [])
    assert result["diff"] == {"before": {"carl": {}, "dora": {}, "ann": ANN}, "after": {
        "carl": predicted("carl"), "dora": predicted("dora", isActive=False, groupIDs=[FINANCE]), "ann": dict(ANN, name="Ann")}}
    assert PASSWORD not in result.raw


def test_the_listing_pass_reads_every_page(api, run_module):
    fillers = [user_record(numbered_id(n), "f%d" % n, "f%d@example.com" % n) for n in range(1000)]
    first, second = overlapping_pages(fillers, [ANN])
    api.add(responses.GET, USERS_LISTING, json=first)
    api.add(responses.GET, USERS_LISTING, json=second)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL))
    result = run_module(user_module, task(users=[joiner("carl"), joiner("ANN")]))
    assert [query(c)["skip"] for c in api.calls[:2]] == [["0"], ["999"]] and methods(api) == ["GET", "GET", "POST"]
    assert result["created"] == ["carl"] and result["unchanged"] == ["ANN"]
