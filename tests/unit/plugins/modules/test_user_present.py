# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.user with state=present: create and update."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, ORG, PARTITION, TOKEN, URL, user_record

USER_ID = "0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60"
GROUP_A = "aaaaaaaa-1111-4111-8111-111111111111"
GROUP_B = "bbbbbbbb-2222-4222-8222-222222222222"
PASSWORD = "Very-Secret-Pa55word!"
OTHER = user_record("9f9f9f9f-9999-4999-8999-999999999999", "admin", "admin@example.com")
JDOE = user_record(USER_ID, "jdoe", "jdoe@example.com", name="Jane", surname="Doe", groupIDs=[GROUP_A.upper()])
LISTING = "%s/User/users/%s" % (API, PARTITION)
USER_URL = "%s/User/%s" % (API, USER_ID)


def args(**extra):
    base = dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION)
    base.update(extra)
    return base


def body(call):
    return json.loads(call.request.body)


def test_unchanged_user_sends_no_write(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    result = run_module(user_module, args(username="jdoe", email="jdoe@example.com", name="Jane", group_ids=[GROUP_A]))
    assert result["changed"] is False and result["user"] == JDOE


def test_update_sends_only_changed_fields(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    api.add(responses.PUT, USER_URL, json={"succeeded": True, "errors": []})
    result = run_module(user_module, args(username="jdoe", name="Janet", surname="Doe", is_active=False,
                                          group_ids=[GROUP_B]), diff=True)
    assert result["changed"] is True
    assert body(api.calls[1]) == {"name": "Janet", "isActive": False, "groupIDsToAdd": [GROUP_B], "groupIDsToRemove": [GROUP_A]}
    assert result["diff"]["before"] == JDOE
    assert result["diff"]["after"]["name"] == "Janet" and result["diff"]["after"]["groupIDs"] == [GROUP_B]


def test_append_groups_removes_nothing(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    api.add(responses.PUT, USER_URL, json={"succeeded": True})
    run_module(user_module, args(username="jdoe", group_ids=[GROUP_B], append_groups=True))
    assert body(api.calls[1]) == {"groupIDsToAdd": [GROUP_B]}


def test_update_in_check_mode_sends_nothing(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    result = run_module(user_module, args(username="jdoe", email="new@example.com"), check_mode=True, diff=True)
    assert result["changed"] is True and result["diff"]["after"]["email"] == "new@example.com"


def test_create_posts_then_looks_up(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [OTHER]})
    api.add(responses.POST, API + "/User", json={"succeeded": True, "errors": []})
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    result = run_module(user_module, args(username="jdoe", email="jdoe@example.com", name="Jane", password=PASSWORD,
                                          group_ids=[GROUP_A]), diff=True)
    assert result["changed"] is True and result["user"]["id"] == USER_ID
    sent = body(api.calls[2])
    assert sent == {"userName": "jdoe", "email": "jdoe@example.com", "name": "Jane", "partitionGlobalId": PARTITION,
                    "groupIDs": [GROUP_A], "password": PASSWORD, "validatePassword": True}
    assert PASSWORD not in result.raw.replace(json.dumps(sent), "")
    assert "password" not in result["diff"]["after"]


def test_create_inactive_updates_after(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [OTHER]})
    api.add(responses.POST, API + "/User", json={"succeeded": True})
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    api.add(responses.PUT, USER_URL, json={"succeeded": True})
    result = run_module(user_module, args(username="jdoe", is_active=False))
    assert body(api.calls[4]) == {"isActive": False} and result["user"]["isActive"] is False


def test_create_in_check_mode(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 1, "results": [OTHER]})
    result = run_module(user_module, args(username="jdoe", password=PASSWORD), check_mode=True)
    assert result["changed"] is True and "would be created" in result["msg"]
    assert PASSWORD not in result.raw


@pytest.mark.parametrize("status", [400, 200])
def test_refusal_fails_with_codes(api, run_module, status):
    refusal = {"succeeded": False, "errors": [{"code": "DuplicateEmail", "description": "Email 'x' is already taken."}]}
    api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [OTHER]})
    api.add(responses.POST, API + "/User", json=refusal, status=status)
    result = run_module(user_module, args(username="jdoe", email="x@example.com", password=PASSWORD))
    assert result.failed and "DuplicateEmail" in result["msg"] and "already taken" in result["msg"]
    assert PASSWORD not in result.raw


def test_validation_problem_on_update_fails_quoting_the_field_and_its_reason(api, run_module):
    # An address the module's own check lets pass and the server refuses all the same.
    problem = {"title": "One or more validation errors occurred.", "status": 400, "errors": {"Email": ["The field Email is invalid."]}}
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    api.add(responses.PUT, USER_URL, json=problem, status=400)
    result = run_module(user_module, args(username="jdoe", email="jdoe@example"))
    assert result.failed and "answered 400: Email: The field Email is invalid." in result["msg"], result["msg"]


@pytest.mark.parametrize("email", ["not-an-email", "@example.com", "jdoe@", "jdoe@@example.com", "a@b@example.com"])
def test_an_email_that_is_no_address_is_refused_before_any_request(api, run_module, email):
    for state in ("present", "absent"):
        result = run_module(user_module, args(email=email, state=state))
        assert result.failed and result["msg"].startswith("Invalid option email") and "single '@'" in result["msg"]
    assert len(api.calls) == 0


def test_a_refused_create_quotes_each_identity_error(api, run_module):
    refusal = {"succeeded": False, "errors": [{"code": "DuplicateEmail", "description": "Email 'x@example.com' is already taken."},
                                              {"code": "InvalidUserName", "description": "Username 'newbie' is invalid."}]}
    api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [OTHER]})
    api.add(responses.POST, API + "/User", json=refusal, status=400)
    result = run_module(user_module, args(username="newbie", email="x@example.com"))
    assert result.failed and ("DuplicateEmail: Email 'x@example.com' is already taken. InvalidUserName: Username 'newbie' is invalid."
                              in result["msg"]), result["msg"]


def test_password_always_is_sent_and_changes(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    api.add(responses.PUT, USER_URL, json={"succeeded": True})
    result = run_module(user_module, args(username="jdoe", password=PASSWORD, update_password="always"), diff=True)
    assert result["changed"] is True and body(api.calls[1]) == {"password": PASSWORD}
    assert PASSWORD not in result.raw


def test_password_on_create_is_not_sent_to_existing_user(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    assert run_module(user_module, args(username="jdoe", password=PASSWORD))["changed"] is False


def test_user_id_of_missing_user_cannot_create(api, run_module):
    api.add(responses.GET, USER_URL, json={"title": "Not Found", "status": 404}, status=404)
    result = run_module(user_module, args(user_id=USER_ID, name="x"))
    assert result.failed and "user_id" in result["msg"]


def test_email_alone_cannot_create(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [OTHER]})
    result = run_module(user_module, args(email="new@example.com"))
    assert result.failed and "username: is required to create" in result["msg"]


def test_username_cannot_be_renamed(api, run_module):
    api.add(responses.GET, USER_URL, json=JDOE)
    result = run_module(user_module, args(user_id=USER_ID, username="other"))
    assert result.failed and "cannot be changed" in result["msg"]


def test_string_user_type_is_accepted(api, run_module):
    robot = dict(JDOE, type="robot")
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [robot]})
    assert run_module(user_module, args(username="jdoe"))["user"]["type"] == "robot"


@pytest.mark.parametrize("extra, option", [
    (dict(username="jdoe", group_ids=["x"]), "group_ids"),
    (dict(user_ids=[USER_ID]), "user_ids"),
    (dict(), "username"),
    (dict(state="absent", username="jdoe", name="x"), "name"),
])
def test_present_bad_input(api, run_module, extra, option):
    result = run_module(user_module, args(**extra))
    assert result.failed and option in result["msg"] and len(api.calls) == 0


def test_email_naming_the_user_is_not_rewritten(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    result = run_module(user_module, args(email="JDOE@example.com", name="Jane"))
    assert result["changed"] is False


def test_email_differing_in_case_only_is_not_sent(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    assert run_module(user_module, args(username="jdoe", email="JDoe@Example.com"))["changed"] is False


def lagging_listing(api, times):
    for dummy in range(times):
        api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
        api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [OTHER]})


def test_creation_warns_when_the_listing_lags(api, run_module, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    lagging_listing(api, 1)
    api.add(responses.POST, API + "/User", json={"succeeded": True})
    for dummy in range(4):
        api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    result = run_module(user_module, args(username="jdoe"))
    assert result["changed"] is True and "does not show it yet" in json.dumps(result["warnings"])
    assert "deprecations" not in result


def test_created_inactive_user_not_listed_fails(api, run_module, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    lagging_listing(api, 1)
    api.add(responses.POST, API + "/User", json={"succeeded": True})
    api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    api.assert_all_requests_are_fired = False
    result = run_module(user_module, args(username="jdoe", is_active=False))
    assert result.failed and "could not be deactivated" in result["msg"] and result["changed"] is True
    # The organization was shown to have users once: later empty searches cost one GET each.
    assert len([c for c in api.calls if c.request.method == "GET"]) == 2 + 4


def test_created_user_found_on_a_later_look(api, run_module, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    lagging_listing(api, 1)
    api.add(responses.POST, API + "/User", json={"succeeded": True})
    lagging_listing(api, 1)
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    api.add(responses.PUT, USER_URL, json={"succeeded": True})
    result = run_module(user_module, args(username="jdoe", is_active=False))
    assert result["changed"] is True and result["user"]["id"] == USER_ID and result["user"]["isActive"] is False


def test_diff_and_user_show_only_what_is_sent(api, run_module):
    # The email differs in case only, so it is not sent; the name is. The result must not claim the email changed.
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    api.add(responses.PUT, USER_URL, json={"succeeded": True, "errors": []})
    result = run_module(user_module, args(username="jdoe", email="JDoe@Example.com", name="Janet"), diff=True)
    assert body(api.calls[1]) == {"name": "Janet"}
    assert result["diff"]["after"]["email"] == "jdoe@example.com" and result["user"]["email"] == "jdoe@example.com"
    assert result["diff"]["after"] == dict(JDOE, name="Janet")


def test_diff_in_check_mode_shows_only_what_would_be_sent(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 1, "results": [JDOE]})
    result = run_module(user_module, args(username="jdoe", email="JDOE@EXAMPLE.COM", surname="Dow", group_ids=[GROUP_A.lower()]),
                        check_mode=True, diff=True)
    assert result["changed"] is True and result["msg"].endswith("would be updated: surname")
    assert result["diff"]["after"] == dict(JDOE, surname="Dow")


@pytest.mark.parametrize("option", ["name", "surname", "display_name", "password"])
@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_empty_text_is_refused_before_any_request(api, run_module, option, value):
    result = run_module(user_module, args(**{"username": "jdoe", option: value}))
    assert result.failed and result["option"] == option and "must not be empty" in result["msg"]
    assert len(api.calls) == 0


def test_empty_email_is_refused_before_any_request(api, run_module):
    result = run_module(user_module, args(username="jdoe", email=""))
    assert result.failed and result["option"] == "email" and len(api.calls) == 0
