"""The OpenAPI contract checker, fed with real emulator log records."""

import pytest

import contract_check
from emulator_helpers import (ANN_ID, BATCH_ID, GROUP_ID, MISSING_ID, OPERATORS_ID, REPORTS_ID, SALES_ID, TIMEOUT,
                              client_token, new_user)


def _record(method, path, body=None, query=None, content_type="application/json", redacted=()):
    return {"method": method, "path": path, "query": query or {}, "body": body,
            "content_type": content_type if body is not None else None, "redacted": list(redacted)}


def test_a_full_client_session_conforms(contract, emu, api):
    session, base = api
    partition = emu.partition("acme")
    client_token(base, "acme-app", "acme-secret", "PM.User")
    session.get(base + "/api/User/users/" + partition, params={"searchTerm": "ann", "top": 50, "skip": 0,
                                                               "sortBy": "userName", "sortOrder": "asc"}, timeout=TIMEOUT)
    session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    session.post(base + "/api/User", json=new_user(emu, password="Passw0rd!", validatePassword=True, groupIDs=[GROUP_ID]), timeout=TIMEOUT)
    created = session.post(base + "/api/User/BulkCreate", json={"partitionGlobalId": partition, "groupIDs": None, "users": [
        {"userName": "solo", "email": "solo@example.com", "type": "user", "bypassBasicAuthRestriction": False}]}, timeout=TIMEOUT)
    user_id = created.json()["users"][0]["id"]
    session.put(base + "/api/User/" + user_id, json={"email": "solo2@example.com", "surname": None, "groupIDsToAdd": [GROUP_ID]},
                timeout=TIMEOUT)
    session.delete(base + "/api/User/" + user_id, timeout=TIMEOUT)
    session.delete(base + "/api/User", json={"partitionGlobalId": partition, "userIds": [ANN_ID]}, timeout=TIMEOUT)
    assert len(emu.log) == 8
    assert contract_check.check_log(contract, emu.log) == []


def test_unknown_path_and_method_are_flagged(contract):
    assert "is not a path of the contract" in contract_check.check_request(contract, _record("GET", "/acme/identity_/api/Users"))[0]
    assert "not under /identity_" in contract_check.check_request(contract, _record("GET", "/acme/orchestrator_/odata/Users"))[0]
    problems = contract_check.check_request(contract, _record("PATCH", "/acme/identity_/api/User/" + ANN_ID))
    assert len(problems) == 1 and "method PATCH is not in the contract" in problems[0]


def test_standalone_and_token_paths_are_known(contract):
    token = _record("POST", "/identity/connect/token", {"grant_type": "client_credentials", "client_id": "x", "scope": "PM.User"},
                    content_type="application/x-www-form-urlencoded", redacted=["body/client_secret"])
    assert contract_check.check_request(contract, token) == []
    token["redacted"] = []
    assert "'client_secret' is a required property" in contract_check.check_request(contract, token)[0]
    assert contract_check.check_request(contract, _record("GET", "/identity/api/User/" + ANN_ID)) == []


def test_non_guid_path_parameter_is_flagged(contract):
    problems = contract_check.check_request(contract, _record("DELETE", "/acme/identity_/api/User/ann"))
    assert len(problems) == 1 and "'ann' is not a 'uuid'" in problems[0]


def test_query_parameters_are_checked(contract):
    path = "/acme/identity_/api/User/users/" + ANN_ID
    problems = contract_check.check_request(contract, _record("GET", path, query={"search": "x", "top": "1001"}))
    assert any("'search' is not declared" in problem for problem in problems)
    assert any("1001 is greater than the maximum of 1000" in problem for problem in problems)
    assert contract_check.check_request(contract, _record("GET", path, query={"sortOrder": "down"}))


def test_invalid_bodies_are_flagged(contract):
    path = "/acme/identity_/api/User"
    cases = [
        ({"userName": "x", "type": 0}, "is not of type 'string'"),
        ({"userName": "x", "groupIds": []}, "'groupIds' was unexpected"),
        ({"userName": "x", "email": "no-at-sign"}, "is not a 'email'"),
        ({"userName": 5}, "is not of type 'string', 'null'"),
    ]
    for body, message in cases:
        problems = contract_check.check_request(contract, _record("POST", path, body))
        assert any(message in problem for problem in problems), (body, problems)
    assert contract_check.check_request(contract, _record("POST", path, {"userName": None, "email": None})) == []
    assert "content type" in contract_check.check_request(contract, _record("POST", path, {}, content_type="text/plain"))[0]
    assert "declares none" in contract_check.check_request(contract, _record("GET", path + "/" + ANN_ID, {"x": 1}))[0]
    bulk = {"partitionGlobalId": ANN_ID, "userIds": ["nope"]}
    assert "is not a 'uuid'" in contract_check.check_request(contract, _record("DELETE", path, bulk))[0]


def test_helpers_without_the_reference(tmp_path):
    assert contract_check.api_path("/acme/identity_/api/User/x") == ["api", "User", "x"]
    assert contract_check.api_path("/identity/connect/token") == ["connect", "token"]
    assert contract_check.api_path("/portal_/api") is None
    with pytest.raises(FileNotFoundError):
        contract_check.load_contract(str(tmp_path))


def test_group_and_robot_account_requests_conform_to_the_contract(contract, emu, admin):
    session, base = admin
    partition = emu.partition("acme")
    session.get(base + "/api/Group/" + partition, timeout=TIMEOUT)
    session.get("%s/api/Group/%s/%s" % (base, partition, OPERATORS_ID), timeout=TIMEOUT)
    created = session.post(base + "/api/Group", json={"partitionGlobalId": partition, "name": "Temp", "directoryUserMemberIDs": [ANN_ID]},
                           timeout=TIMEOUT).json()
    session.put(base + "/api/Group/" + created["id"], json={"partitionGlobalId": partition, "name": "Temp 2",
                                                            "directoryUserIDsToAdd": [BATCH_ID], "directoryUserIDsToRemove": None},
                timeout=TIMEOUT)
    session.delete("%s/api/Group/%s/%s" % (base, partition, created["id"]), timeout=TIMEOUT)
    session.delete(base + "/api/Group/" + partition, json={"groupIDs": [SALES_ID]}, timeout=TIMEOUT)
    search = {"searchTerm": "robot", "top": 5, "skip": 0, "sortBy": "name", "sortOrder": "desc"}
    session.get(base + "/api/RobotAccount/" + partition, params=search, timeout=TIMEOUT)
    session.get("%s/api/RobotAccount/%s/%s" % (base, partition, BATCH_ID), timeout=TIMEOUT)
    robot = session.post(base + "/api/RobotAccount", json={"partitionGlobalId": partition, "name": "robot-tmp", "displayName": None,
                                                           "groupIDsToAdd": [GROUP_ID]}, timeout=TIMEOUT).json()
    session.put(base + "/api/RobotAccount/" + robot["id"], json={"partitionGlobalId": partition, "displayName": "Tmp",
                                                                 "groupIDsToAdd": None, "groupIDsToRemove": [GROUP_ID]}, timeout=TIMEOUT)
    session.delete("%s/api/RobotAccount/%s/%s" % (base, partition, robot["id"]), timeout=TIMEOUT)
    session.delete(base + "/api/RobotAccount/" + partition, json={"robotAccountIDs": [REPORTS_ID]}, timeout=TIMEOUT)
    assert [record["status"] for record in emu.log] == [200, 200, 201, 200, 204, 204, 200, 200, 201, 200, 204, 204]
    assert contract_check.check_log(contract, emu.log) == []


def test_the_contract_flags_bad_group_and_robot_account_requests(contract):
    def problems(method, path, body=None):
        record = {"method": method, "path": "/acme/identity_/api/" + path, "query": {}, "body": body,
                  "content_type": "application/json" if body is not None else None, "redacted": []}
        return contract_check.check_request(contract, record)

    assert "'Finance' is not a 'uuid'" in problems("GET", "Group/%s/Finance" % MISSING_ID)[0]
    assert "'acme' is not a 'uuid'" in problems("GET", "RobotAccount/acme")[0]
    assert "'members' was unexpected" in problems("POST", "Group", {"name": "x", "members": []})[0]
    assert "'name' was unexpected" in problems("PUT", "RobotAccount/" + BATCH_ID, {"name": "x"})[0]
    assert "'groupIds' was unexpected" in problems("POST", "RobotAccount", {"name": "x", "groupIds": []})[0]
    assert "is not a 'uuid'" in problems("DELETE", "Group/" + MISSING_ID, {"groupIDs": ["x"]})[0]
    assert "'userIds' was unexpected" in problems("DELETE", "RobotAccount/" + MISSING_ID, {"userIds": []})[0]
    assert "is not of type 'string', 'null'" in problems("PUT", "Group/" + SALES_ID, {"name": 5})[0]
    assert "method PATCH is not in the contract" in problems("PATCH", "Group/" + SALES_ID)[0]
    assert problems("GET", "RobotAccount/%s" % MISSING_ID) == []
