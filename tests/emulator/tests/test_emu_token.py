"""Token endpoint, static tokens, expiry, 401 and 403 answers."""

import time

import requests

from emulator_helpers import ANN_ID, TIMEOUT, client_token, new_user, session_for
from identity_emulator import Emulator


def test_client_credentials_token(emu):
    response = client_token(emu.base("acme"), "acme-app", "acme-secret", "PM.User")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "PM.User"
    assert body["access_token"].count(".") == 2
    claims = emu.claims(body["access_token"])
    assert claims["client_id"] == "acme-app"
    assert claims["scope"] == "PM.User"
    assert claims["exp"] - claims["iat"] == 3600
    assert claims["prt_id"] == emu.partition("acme")
    assert (claims["sub"], claims["sub_type"]) == ("acme-app", "service.external")


def test_prt_id_is_dropped_by_the_switch_or_a_client_that_says_so(emu):
    assert "prt_id" in emu.claims(client_token(emu.base("acme"), "acme-reader", "reader-secret").json()["access_token"])
    emu.configure(token_prt_id=False)
    assert "prt_id" not in emu.claims(client_token(emu.base("acme"), "acme-reader", "reader-secret").json()["access_token"])
    seed = {"organizations": [{"name": "solo"}],
            "clients": [{"client_id": "a", "client_secret": "s", "organization": "solo", "prt_id": False},
                        {"client_id": "b", "client_secret": "s", "organization": "solo", "prt_id": True}]}
    with Emulator(seed=seed, token_prt_id=False) as other:
        assert "prt_id" not in other.claims(client_token(other.base("solo"), "a", "s").json()["access_token"])
        assert other.claims(client_token(other.base("solo"), "b", "s").json()["access_token"])["prt_id"] == other.partition("solo")


def test_scope_defaults_to_everything_granted(emu):
    body = client_token(emu.base("acme"), "acme-writer", "writer-secret").json()
    assert body["scope"] == "PM.User.Read PM.User.Write"
    assert emu.claims(body["access_token"])["scope"] == ["PM.User.Read", "PM.User.Write"]


def test_token_errors(emu):
    base = emu.base("acme")
    cases = [
        (client_token(base, "acme-app", "wrong"), "invalid_client"),
        (client_token(base, "nobody", "acme-secret"), "invalid_client"),
        (client_token(base, "globex-app", "globex-secret"), "invalid_client"),
        (client_token(base, "acme-reader", "reader-secret", "PM.User"), "invalid_scope"),
        (client_token(base, "acme-app", "acme-secret", grant_type="password"), "unsupported_grant_type"),
        (requests.post(base + "/connect/token", json={"client_id": "acme-app"}, timeout=TIMEOUT), "invalid_request"),
        (requests.get(base + "/connect/token", timeout=TIMEOUT), "invalid_request"),
    ]
    for response, error in cases:
        assert response.status_code == 400, error
        assert response.json()["error"] == error


def test_client_secret_basic_is_accepted(emu):
    response = requests.post(emu.base("acme") + "/connect/token", auth=("acme-app", "acme-secret"),
                             data={"grant_type": "client_credentials"}, timeout=TIMEOUT)
    assert response.status_code == 200


def test_static_tokens_have_their_own_scopes(emu):
    base = emu.base("acme")
    with session_for(emu, token="rt_acme_full_0123456789abcdef") as session:
        assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 200
    with session_for(emu, token="rt_acme_read_0123456789abcdef") as session:
        assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 200
        assert session.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 403
    with session_for(emu, token="rt_acme_expired_0123456789ab") as session:
        assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 401


def test_missing_and_invalid_tokens_get_401_with_challenge(emu):
    url = emu.base("acme") + "/api/User/" + ANN_ID
    missing = requests.get(url, timeout=TIMEOUT)
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"] == "Bearer"
    assert missing.content == b""
    good = emu.issue_token("acme")
    for token in ("garbage", "a.b.c", good[:-4] + "AAAA", "rt_unknown", "\u00e9.\u00e9.\u00e9", "x.y!.z"):
        response = requests.get(url, headers={"Authorization": "Bearer " + token}, timeout=TIMEOUT)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
        assert response.content == b""
    basic = requests.get(url, auth=("acme-app", "acme-secret"), timeout=TIMEOUT)
    assert basic.status_code == 401


def test_token_of_another_organization_is_401(emu):
    with session_for(emu, org="globex") as session:
        assert session.get(emu.base("acme") + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 401


def test_expired_tokens_are_401(emu):
    with session_for(emu, token=emu.issue_token("acme", lifetime=-5)) as session:
        response = session.get(emu.base("acme") + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == 401
    assert "expired" in response.headers["WWW-Authenticate"]


def test_token_lifetime_setting_expires_real_tokens():
    with Emulator(token_lifetime=1) as emu:
        body = client_token(emu.base("acme"), "acme-app", "acme-secret").json()
        assert body["expires_in"] == 1
        with session_for(emu, token=body["access_token"]) as session:
            assert session.get(emu.base("acme") + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 200
            time.sleep(1.1)
            assert session.get(emu.base("acme") + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 401


def test_a_missing_scope_is_worded_as_the_live_service_words_it(emu):
    with session_for(emu, scopes=["PM.User.Read", "OR.Folders.Read"]) as reader:
        response = reader.delete(emu.base("acme") + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.json() == {"errorMessage": "Scope(s) 'OR.Folders.Read,PM.User.Read' is(are) invalid. "
                                               "Expect to have 'PM.User' or 'PM.User.Write'. "}


def test_scopes_gate_reads_and_writes(emu):
    base = emu.base("acme")
    with session_for(emu, scopes=["PM.User.Read"]) as reader:
        assert reader.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 200
        for response in (reader.post(base + "/api/User", json=new_user(emu), timeout=TIMEOUT),
                         reader.put(base + "/api/User/" + ANN_ID, json={}, timeout=TIMEOUT),
                         reader.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)):
            assert response.status_code == 403
            message = response.json()["errorMessage"]
            assert message.startswith("Scope(s) 'PM.User.Read' is(are) invalid")
            assert message.endswith("Expect to have 'PM.User' or 'PM.User.Write'. ")
    with session_for(emu, scopes=["PM.User.Write"]) as writer:
        assert writer.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 403
        assert writer.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 204
    token = client_token(base, "acme-other", "other-secret").json()["access_token"]
    with session_for(emu, token=token) as other:
        response = other.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == 403
    assert "Expect to have 'PM.User' or 'PM.User.Read'." in response.json()["errorMessage"]
