"""The request log (and that no secret reaches it) and the /_emulator control API."""

import json

import requests

from emulator_helpers import ANN_ID, TIMEOUT, client_token, new_user


def test_records_describe_each_request(emu, api):
    session, base = api
    session.get(base + "/api/User/users/" + emu.partition("acme"), params={"searchTerm": "ann", "top": "5"}, timeout=TIMEOUT)
    session.put(base + "/api/User/" + ANN_ID, json={"name": "Anne"}, timeout=TIMEOUT)
    requests.get(emu.url + "/nowhere/identity_/api/User", timeout=TIMEOUT)
    listing, update, unknown = emu.log
    assert set(listing) >= {"time", "method", "path", "query", "body", "status", "bearer", "organization"}
    assert listing["query"] == {"searchTerm": "ann", "top": "5"}
    assert listing["method"] == "GET" and listing["status"] == 200 and listing["bearer"] is True
    assert listing["organization"] == "acme" and listing["body"] is None
    assert update["body"] == {"name": "Anne"} and update["path"] == "/acme/identity_/api/User/" + ANN_ID
    assert unknown["status"] == 404 and unknown["bearer"] is False and unknown["organization"] is None
    assert emu.requests() == emu.log
    emu.clear_log()
    assert emu.log == []


def test_log_never_holds_secrets_or_tokens(emu, api):
    session, base = api
    token_answer = client_token(base, "acme-app", "acme-secret", "PM.User")
    access_token = token_answer.json()["access_token"]
    requests.post(base + "/connect/token", auth=("acme-app", "acme-secret"), data={"grant_type": "client_credentials"},
                  timeout=TIMEOUT)
    requests.get(base + "/api/User/" + ANN_ID, headers={"Authorization": "Bearer " + access_token}, timeout=TIMEOUT)
    requests.get(base + "/api/User/" + ANN_ID, headers={"Authorization": "Bearer rt_acme_full_0123456789abcdef"}, timeout=TIMEOUT)
    session.post(base + "/api/User", json=new_user(emu, password="Sup3r-Secret-Pw"), timeout=TIMEOUT)
    session.post(base + "/api/User/BulkCreate", json={"partitionGlobalId": emu.partition("acme"),
                                                      "users": [{"userName": "b1", "password": "Bulk-Secret-Pw1"}]}, timeout=TIMEOUT)
    session.get(base + "/api/User/" + ANN_ID, params={"access_token": "query-secret-token"}, timeout=TIMEOUT)
    dumped = json.dumps(emu.log)
    for secret in ("acme-secret", access_token, access_token.split(".")[2], "rt_acme_full", "Sup3r-Secret-Pw",
                   "Bulk-Secret-Pw1", "query-secret-token", session.headers["Authorization"][7:], "Basic"):
        assert secret not in dumped
    token_record = emu.log[0]
    assert token_record["body"] == {"grant_type": "client_credentials", "client_id": "acme-app", "scope": "PM.User"}
    assert token_record["redacted"] == ["body/client_secret"]
    assert emu.log[4]["redacted"] == ["body/password"]
    assert emu.log[5]["redacted"] == ["body/users/0/password"]
    assert [record["bearer"] for record in emu.log] == [False, False, True, True, True, True, True]


def test_control_api_log_and_clear(emu, api):
    session, base = api
    session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    log = requests.get(emu.url + "/_emulator/log", timeout=TIMEOUT)
    assert log.status_code == 200 and len(log.json()) == 1
    assert log.json()[0]["path"].endswith(ANN_ID)
    assert requests.post(emu.url + "/_emulator/log/clear", timeout=TIMEOUT).status_code == 204
    assert requests.get(emu.url + "/_emulator/log", timeout=TIMEOUT).json() == []
    assert emu.log == []


def test_control_api_faults(emu, api):
    session, base = api
    url = emu.url + "/_emulator/faults"
    added = requests.post(url, json={"method": "GET", "path": "/api/User/", "status": 502, "count": 1}, timeout=TIMEOUT)
    assert added.status_code == 201 and added.json()["added"][0]["status"] == 502
    many = [{"kind": "delay", "delay": 0}, {"kind": "reset", "method": "POST"}]
    assert requests.post(url, json=many, timeout=TIMEOUT).status_code == 201
    assert len(requests.get(url, timeout=TIMEOUT).json()) == 3
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 502
    assert requests.delete(url, timeout=TIMEOUT).status_code == 204
    assert requests.get(url, timeout=TIMEOUT).json() == []
    for bad in ({"status": 418}, {"nonsense": 1}, [], "x"):
        response = requests.post(url, json=bad, timeout=TIMEOUT)
        assert response.status_code == 400 and response.json()["error"]
    assert requests.post(url, data="{", timeout=TIMEOUT).status_code == 400


def test_control_api_users(emu):
    response = requests.get(emu.url + "/_emulator/users/ACME", timeout=TIMEOUT)
    assert response.status_code == 200
    body = response.json()
    assert body["organization"] == "acme" and body["partitionGlobalId"] == emu.partition("acme")
    assert body["users"] == emu.users("acme")
    assert requests.get(emu.url + "/_emulator/users/nope", timeout=TIMEOUT).status_code == 404
    missing = requests.get(emu.url + "/_emulator/whatever", timeout=TIMEOUT)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("text/html")
    assert emu.log == []
