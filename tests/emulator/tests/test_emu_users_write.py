"""POST /api/User, BulkCreate, PUT, DELETE (single and bulk) and changepassword."""

import uuid

from emulator_helpers import ACME_USERS, ANN_ID, BOB_ID, GROUP_ID, MISSING_ID, SALES_ID, TIMEOUT, new_user, session_for
from identity_emulator import Emulator


def _codes(response):
    body = response.json()
    assert body["succeeded"] is False
    return [error["code"] for error in body["errors"]]


def test_create_user_returns_identity_result_without_id(emu, api):
    session, base = api
    response = session.post(base + "/api/User", json=new_user(emu, type="robot", groupIDs=[GROUP_ID]), timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json() == {"succeeded": True, "errors": []}
    created = [user for user in emu.users("acme") if user["userName"] == "newbie"]
    assert len(created) == 1
    assert created[0]["type"] == 1 and created[0]["groupIDs"] == [GROUP_ID] and created[0]["isActive"] is True


def test_create_user_business_errors(emu, api):
    session, base = api

    def post(**fields):
        return session.post(base + "/api/User", json=new_user(emu, **fields), timeout=TIMEOUT)

    assert _codes(post(userName="ANN")) == ["DuplicateUserName"]
    assert _codes(post(email="joann@example.com")) == ["DuplicateEmail"]
    assert _codes(post(userName="Joann", email="JOANN@EXAMPLE.COM")) == ["DuplicateUserName", "DuplicateEmail"]
    assert _codes(post(userName="has space")) == ["InvalidUserName"]
    assert _codes(post(password="short", validatePassword=True))[0] == "PasswordTooShort"
    assert post(userName="ann").status_code == 400
    assert len(emu.users("acme")) == ACME_USERS


def test_an_invalid_email_is_a_validation_problem_on_create_bulk_create_and_update(emu, api):
    session, base = api
    answers = [
        (session.post(base + "/api/User", json=new_user(emu, email="not-an-email"), timeout=TIMEOUT), "Email"),
        (session.post(base + "/api/User/BulkCreate", json={"partitionGlobalId": emu.partition("acme"), "users": [
            {"userName": "fine", "email": "fine@example.com"}, {"userName": "bad", "email": "@bad"}]}, timeout=TIMEOUT), "Users[1].Email"),
        (session.put(base + "/api/User/" + ANN_ID, json={"email": "ann@"}, timeout=TIMEOUT), "Email"),
    ]
    for response, key in answers:
        body = response.json()
        assert response.status_code == 400 and "succeeded" not in body, body
        assert body["title"] == "One or more validation errors occurred." and body["errors"] == {key: ["The field Email is invalid."]}
    assert len(emu.users("acme")) == ACME_USERS and emu.user("acme", ANN_ID)["email"] == "ann@example.com"


def test_business_error_status_200_variant():
    with Emulator(business_error_status=200) as emu, session_for(emu) as session:
        response = session.post(emu.base("acme") + "/api/User", json=new_user(emu, userName="ann"), timeout=TIMEOUT)
        assert response.status_code == 200
        assert _codes(response) == ["DuplicateUserName"]


def test_create_user_validation_problems(emu, api):
    session, base = api
    url = base + "/api/User"
    cases = [
        (session.post(url, json=new_user(emu, partitionGlobalId=emu.partition("globex")), timeout=TIMEOUT), "partitionGlobalId"),
        (session.post(url, json={"userName": "x", "email": "x@example.com"}, timeout=TIMEOUT), "partitionGlobalId"),
        (session.post(url, json=new_user(emu, bypassBasicAuthRestriction="yes"), timeout=TIMEOUT), "$.bypassBasicAuthRestriction"),
        (session.post(url, json=new_user(emu, type="wizard"), timeout=TIMEOUT), "$.type"),
        (session.post(url, json=new_user(emu, groupIDs=["nope"]), timeout=TIMEOUT), "$.groupIDs"),
        (session.post(url, data="{not json", headers={"Content-Type": "application/json"}, timeout=TIMEOUT), "$"),
        (session.post(url, json=[1, 2], timeout=TIMEOUT), "$"),
    ]
    for response, field in cases:
        assert response.status_code == 400, field
        assert field in response.json()["errors"], response.text
    unsupported = session.post(url, data="userName=x", headers={"Content-Type": "text/plain"}, timeout=TIMEOUT)
    assert unsupported.status_code == 415


def test_bulk_create_returns_the_created_users(emu, api):
    session, base = api
    body = {"partitionGlobalId": emu.partition("acme"), "groupIDs": [GROUP_ID],
            "users": [{"userName": "one", "email": "one@example.com", "type": 0},
                      {"userName": "two", "email": "two@example.com", "type": "user"}]}
    response = session.post(base + "/api/User/BulkCreate", json=body, timeout=TIMEOUT)
    assert response.status_code == 200
    result = response.json()
    assert result["result"] == {"succeeded": True, "errors": []}
    assert [user["userName"] for user in result["users"]] == ["one", "two"]
    for user in result["users"]:
        assert uuid.UUID(user["id"]) and user["groupIDs"] == [GROUP_ID]
        assert session.get(base + "/api/User/" + user["id"], timeout=TIMEOUT).json()["userName"] == user["userName"]


def test_bulk_create_is_all_or_nothing(emu, api):
    session, base = api
    partition = emu.partition("acme")
    batches = [
        [{"userName": "fresh", "email": "fresh@example.com"}, {"userName": "bob", "email": "b2@example.com"}],
        [{"userName": "twin", "email": "twin@example.com"}, {"userName": "TWIN", "email": "twin2@example.com"}],
    ]
    for users in batches:
        response = session.post(base + "/api/User/BulkCreate", json={"partitionGlobalId": partition, "users": users}, timeout=TIMEOUT)
        assert response.status_code == 400
        assert response.json()["users"] == []
        assert [error["code"] for error in response.json()["result"]["errors"]] == ["DuplicateUserName"]
    assert len(emu.users("acme")) == ACME_USERS


def test_update_applies_only_given_fields(emu, api):
    session, base = api
    before = emu.user("acme", ANN_ID)
    body = {"name": "Anne", "surname": None, "isActive": False, "groupIDsToAdd": [SALES_ID],
            "groupIDsToRemove": [GROUP_ID], "extensionUserAttributesToAddOrUpdate": {"dept": "x"}}
    response = session.put(base + "/api/User/" + ANN_ID, json=body, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json() == {"succeeded": True, "errors": []}
    after = emu.user("acme", ANN_ID)
    assert after["name"] == "Anne" and after["surname"] == before["surname"] and after["isActive"] is False
    assert after["groupIDs"] == [SALES_ID]
    assert after["email"] == before["email"] and after["lastModificationTime"]


def test_update_email_keeps_emails_unique(emu, api):
    session, base = api
    response = session.put(base + "/api/User/" + ANN_ID, json={"email": "BOB.smith@example.com"}, timeout=TIMEOUT)
    assert _codes(response) == ["DuplicateEmail"] and response.status_code == 400
    assert session.put(base + "/api/User/" + BOB_ID, json={"email": "robert@example.com"}, timeout=TIMEOUT).status_code == 200
    assert session.put(base + "/api/User/" + ANN_ID, json={"email": "Bob.Smith@Example.com"}, timeout=TIMEOUT).status_code == 200
    assert emu.user("acme", ANN_ID)["email"] == "Bob.Smith@Example.com"
    assert emu.user("acme", ANN_ID)["emailConfirmed"] is False
    assert session.put(base + "/api/User/" + ANN_ID, json={"email": "ANN@example.com"}, timeout=TIMEOUT).status_code == 200


def test_update_missing_or_malformed_ids(api):
    session, base = api
    assert session.put(base + "/api/User/" + MISSING_ID, json={"name": "x"}, timeout=TIMEOUT).status_code == 404
    assert session.put(base + "/api/User/xyz", json={"name": "x"}, timeout=TIMEOUT).json()["errors"] == {
        "userId": ["The value 'xyz' is not valid."]}
    assert session.put(base + "/api/User/" + ANN_ID, json={"isActive": "no"}, timeout=TIMEOUT).status_code == 400


def test_delete_user_then_missing(emu, api):
    session, base = api
    assert session.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 204
    second = session.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert second.status_code == 404 and second.json()["status"] == 404
    emu.configure(missing_user_body="empty")
    third = session.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert third.status_code == 404 and third.content == b""
    assert session.delete(base + "/api/User/12", timeout=TIMEOUT).status_code == 400
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 404


def test_bulk_delete(emu, api):
    session, base = api
    body = {"partitionGlobalId": emu.partition("acme"), "userIds": [ANN_ID, BOB_ID, MISSING_ID]}
    response = session.delete(base + "/api/User", json=body, timeout=TIMEOUT)
    assert response.status_code == 204 and response.content == b""
    assert {user["id"] for user in emu.users("acme")}.isdisjoint({ANN_ID, BOB_ID})
    assert len(emu.users("acme")) == ACME_USERS - 2
    assert session.delete(base + "/api/User", json=body, timeout=TIMEOUT).status_code == 204


def test_bulk_delete_rejects_bad_commands(emu, api):
    session, base = api
    url = base + "/api/User"
    bad = [
        {"partitionGlobalId": emu.partition("globex"), "userIds": [ANN_ID]},
        {"userIds": [ANN_ID]},
        {"partitionGlobalId": emu.partition("acme"), "userIds": ["ann"]},
        {"partitionGlobalId": "acme", "userIds": [ANN_ID]},
        {"partitionGlobalId": emu.partition("acme"), "userIds": ANN_ID},
    ]
    for body in bad:
        assert session.delete(url, json=body, timeout=TIMEOUT).status_code == 400, body
    assert session.delete(url, data="[", headers={"Content-Type": "application/json"}, timeout=TIMEOUT).status_code == 400
    assert session.delete(url, timeout=TIMEOUT).status_code == 415
    assert len(emu.users("acme")) == ACME_USERS


def test_change_password(emu, api):
    session, base = api
    emu.add_user("acme", userName="pat", email="pat@example.com", password="Old-pass1")
    user_id = [user["id"] for user in emu.users("acme") if user["userName"] == "pat"][0]
    url = base + "/api/User/%s/changepassword" % user_id
    assert _codes(session.post(url, json={"oldPassword": "wrong", "newPassword": "New-pass1"}, timeout=TIMEOUT)) == ["PasswordMismatch"]
    response = session.post(url, json={"oldPassword": "Old-pass1", "newPassword": "New-pass1"}, timeout=TIMEOUT)
    assert response.json() == {"succeeded": True, "errors": []}


def test_bulk_delete_of_unknown_ids_per_variant(emu, api):
    session, base = api
    body = {"partitionGlobalId": emu.partition("acme"), "userIds": [ANN_ID, MISSING_ID]}
    refused = {"400": 400, "404": 404}
    for variant in ("400", "404"):
        emu.configure(bulk_delete_unknown_ids=variant)
        response = session.delete(base + "/api/User", json=body, timeout=TIMEOUT)
        assert response.status_code == refused[variant] and MISSING_ID in response.text
        assert emu.user("acme", ANN_ID) is not None
    emu.configure(bulk_delete_unknown_ids="ignore")
    assert session.delete(base + "/api/User", json=body, timeout=TIMEOUT).status_code == 204
    assert emu.user("acme", ANN_ID) is None


def test_a_vanish_fault_removes_users_the_request_names_before_it_is_served(emu, api):
    session, base = api
    emu.add_fault(method="DELETE", path="/api/User$", kind="vanish", remove=1)
    emu.configure(bulk_delete_unknown_ids="404")
    body = {"partitionGlobalId": emu.partition("acme"), "userIds": [ANN_ID, BOB_ID]}
    assert session.delete(base + "/api/User", json=body, timeout=TIMEOUT).status_code == 404
    assert emu.user("acme", ANN_ID) is None and emu.user("acme", BOB_ID) is not None
    assert emu.log[-1]["note"] == "fault:vanish"
