"""The OpenAPI contract checker, fed with real emulator log records."""

import pytest

import contract_check
from emulator_helpers import ANN_ID, GROUP_ID, TIMEOUT, client_token, new_user


@pytest.fixture(name="contract", scope="module")
def fixture_contract():
    reference = contract_check.reference_dir()
    if reference is None:
        pytest.skip("contract checks skipped: ../shared/reference (the UiPath OpenAPI files) is absent next to the repository")
    return contract_check.load_contract(reference)


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
