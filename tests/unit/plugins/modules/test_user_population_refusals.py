# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.user with users: what is refused before any write, and what a failed write reports."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    ADMIN, ANN, BOB, BULK_CREATE, GROUPS_LISTING, LISTED_GROUPS, SUCCEEDED, USERS_LISTING, bulk_created, joiner, listed,
    methods, numbered_id, requested, task, user_record, user_url, writes)

TWIN = user_record("3e3e3e3e-3333-4333-8333-333333333333", "ANN", "ann.twin@example.com")
CARL = user_record(numbered_id(1), "carl", "carl@example.com")
DORA = user_record(numbered_id(2), "dora", "dora@example.com")


def test_every_conflict_is_reported_in_one_message_before_any_write(api, run_module):
    listed(api, ADMIN, ANN, TWIN, BOB)
    users = [joiner("ann"), joiner("carl", email="BOB@example.com"), joiner("dora"), joiner("bob", email="admin@example.com")]
    result = run_module(user_module, task(users=users))
    assert result.failed and methods(api) == ["GET"]
    assert result["msg"] == (
        "user name 'ann' matches 2 users exactly: %s (ann / ann@example.com), %s (ANN / ann.twin@example.com); "
        "email 'BOB@example.com' of carl belongs to %s (bob / bob@example.com); "
        "email 'admin@example.com' of bob belongs to %s (admin / admin@example.com). "
        "No user was created or changed: UiPath keeps one user name and one email to one user" % (
            ANN["id"], TWIN["id"], BOB["id"], ADMIN["id"]))


@pytest.mark.parametrize("users, words", [
    ([joiner("ann"), joiner("carl"), joiner("ANN", email="other@example.com")], "items 1 and 3 have the same username 'ANN'"),
    ([joiner("carl", email="x@example.com"), joiner("dora", email="X@Example.COM")], "items 1 and 2 have the same email 'X@Example.COM'"),
])
def test_a_user_listed_twice_is_refused_before_any_request(api, run_module, users, words):
    result = run_module(user_module, task(users=users))
    assert result.failed and result["option"] == "users" and words in result["msg"] and len(api.calls) == 0


@pytest.mark.parametrize("extra, option, words", [
    (dict(users=[joiner("carl"), joiner("  ")]), "users[2].username", "must not be empty"),
    (dict(users=[joiner("carl"), joiner("dora", email="dora.example.com")]), "users[2].email", "single '@'"),
    (dict(users=[joiner("carl", group_ids=[numbered_id(1), "finance"])]), "users[1].group_ids", "must be a GUID"),
    (dict(users=[joiner("carl", groups=["Finance", " "])]), "users[1].groups", "item 2 is empty"),
    (dict(users=[joiner("carl", name=" ")]), "users[1].name", "must not be empty"),
    (dict(users=[joiner("carl")], state="absent"), "users", "only applies to state=present"),
    (dict(users=[joiner("carl")], username="carl"), "username", "describes one user: with users, give it in each item"),
    (dict(users=[joiner("carl")], groups=["Finance"]), "groups", "describes one user"),
])
def test_bad_input_is_refused_before_any_request(api, run_module, extra, option, words):
    result = run_module(user_module, task(**extra))
    assert result.failed and result["option"] == option and words in result["msg"] and len(api.calls) == 0


def test_an_unknown_group_fails_naming_its_item_before_any_user_is_read(api, run_module):
    api.add(responses.GET, GROUPS_LISTING, json=LISTED_GROUPS)
    result = run_module(user_module, task(users=[joiner("carl", groups=["Finance"]), joiner("dora", groups=["finance", "Payroll"])]))
    assert result.failed and result["option"] == "users[2].groups"
    assert result["msg"] == "Invalid option users[2].groups: names no group of the organization: 'Payroll'"
    assert requested(api) == [("GET", GROUPS_LISTING)]


REFUSAL = {"result": {"succeeded": False, "errors": [{"code": "DuplicateUserName", "description": "Username 'emil' is already taken."}]},
           "users": []}


def refused_second_chunk(api, run_module, status):
    """Four users in chunks of two, the second chunk refused with ``status``: the task's result."""
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL, DORA))
    api.add(responses.POST, BULK_CREATE, json=REFUSAL, status=status)
    result = run_module(user_module, task(users=[joiner("carl"), joiner("dora"), joiner("emil"), joiner("fred")], chunk_size=2))
    assert [[u["userName"] for u in body["users"]] for method, url, body in writes(api)] == [["carl", "dora"], ["emil", "fred"]]
    return result


@pytest.mark.parametrize("status", [400, 200])
def test_a_refused_chunk_fails_quoting_the_code_and_reports_the_earlier_chunks(api, run_module, status):
    result = refused_second_chunk(api, run_module, status)
    assert result.failed and result["changed"] is True
    assert (result["created"], result["updated"]) == (["carl", "dora"], [])
    assert result["msg"].startswith("Refused by the Identity API (")
    assert ("POST %s answered %d: DuplicateUserName: Username 'emil' is already taken., while creating emil, fred in bulk. "
            "Before that, 2 users were created and 0 updated" % (BULK_CREATE, status)) in result["msg"]


@pytest.mark.parametrize("status", [400, 200])
def test_a_refused_chunk_names_the_code_in_the_headline(api, run_module, status):
    result = refused_second_chunk(api, run_module, status)
    assert result["msg"].startswith("Refused by the Identity API (DuplicateUserName): POST %s answered %d: " % (BULK_CREATE, status))


def test_the_records_a_bulk_create_answer_lists_are_not_relied_on(api, run_module):
    # Only the IdentityResult decides; a listed record of another shape changes nothing, since none is used.
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL, dict(DORA, id="dora")))
    result = run_module(user_module, task(users=[joiner("carl"), joiner("dora")]))
    assert result["changed"] is True and result["created"] == ["carl", "dora"] and methods(api) == ["GET", "POST"]


def test_a_failed_update_after_creates_reports_what_was_created(api, run_module):
    listed(api, ADMIN, ANN, BOB)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL))
    api.add(responses.PUT, user_url(ANN["id"]), json=SUCCEEDED)
    api.add(responses.PUT, user_url(BOB["id"]), json={"title": "Internal Server Error"}, status=500)
    users = [joiner("ann", name="Ann"), joiner("bob", name="Bob"), joiner("carl")]
    result = run_module(user_module, task(users=users))
    assert [(method, url) for method, url, body in writes(api)] == [
        ("POST", BULK_CREATE), ("PUT", user_url(ANN["id"])), ("PUT", user_url(BOB["id"]))]
    assert result.failed and result["changed"] is True
    assert (result["created"], result["updated"], result["unchanged"]) == (["carl"], ["ann"], [])
    assert result["msg"].startswith("PUT %s answered 500" % user_url(BOB["id"]))
    assert ", while updating user bob. Before that, 1 users were created and 1 updated" in result["msg"]


def test_a_created_inactive_user_the_listing_does_not_show_yet_fails_naming_it(api, run_module):
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL, DORA))
    listed(api, ADMIN, CARL)
    api.add(responses.PUT, user_url(CARL["id"]), json=SUCCEEDED)
    result = run_module(user_module, task(users=[joiner("carl", is_active=False), joiner("dora", is_active=False)]))
    assert writes(api)[1:] == [("PUT", user_url(CARL["id"]), {"isActive": False})]
    assert result.failed and result["changed"] is True and result["created"] == ["carl", "dora"]
    assert result["msg"].startswith("the listing does not show user dora yet, while deactivating the users just created")


def test_a_failed_listing_after_creates_reports_what_was_created(api, run_module):
    listed(api, ADMIN)
    api.add(responses.POST, BULK_CREATE, json=bulk_created(CARL))
    api.add(responses.GET, USERS_LISTING, json={"title": "Internal Server Error"}, status=500)
    result = run_module(user_module, task(users=[joiner("carl", is_active=False)]))
    assert methods(api) == ["GET", "POST", "GET"] and result.failed
    assert result["msg"].startswith("GET %s?" % USERS_LISTING) and " answered 500: " in result["msg"]
    assert result.get("created") == ["carl"] and result.get("changed") is True
