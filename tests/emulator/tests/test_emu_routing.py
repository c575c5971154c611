"""Routing per deployment shape, 404 pages, 405s and HTTP/1.1 keep-alive."""

import http.client

import requests

from emulator_helpers import ANN_ID, TIMEOUT, client_token, session_for


def _html_404(response):
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<html" in response.text


def test_cloud_route_serves_the_named_organization(api):
    session, base = api
    response = session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json()["userName"] == "ann"


def test_organization_and_path_are_case_insensitive(emu):
    with session_for(emu) as session:
        response = session.get(emu.url + "/ACME/identity_/api/user/" + ANN_ID.upper() + "/", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json()["id"] == ANN_ID


def test_standalone_route_serves_the_standalone_organization(emu):
    base = emu.base(standalone=True)
    assert base.endswith("/identity")
    token = client_token(base, "onprem-app", "onprem-secret").json()["access_token"]
    with session_for(emu, token=token) as session:
        response = session.get(base + "/api/User/users/" + emu.partition("onprem"), timeout=TIMEOUT)
    assert response.status_code == 200
    assert {user["userName"] for user in response.json()["results"]} == {"admin", "dana"}


def test_host_level_token_endpoint_uses_the_client_organization(emu):
    response = client_token(emu.url + "/identity_", "globex-app", "globex-secret")
    assert response.status_code == 200
    with session_for(emu, token=response.json()["access_token"]) as session:
        listing = session.get(emu.base("globex") + "/api/User/users/" + emu.partition("globex"), timeout=TIMEOUT)
    assert listing.status_code == 200
    assert listing.json()["totalCount"] == 1


def test_unknown_organization_gets_an_html_404(emu):
    with session_for(emu) as session:
        _html_404(session.get(emu.url + "/nosuchorg/identity_/api/User/" + ANN_ID, timeout=TIMEOUT))
        _html_404(session.post(emu.url + "/nosuchorg/identity_/connect/token", data={"a": "b"}, timeout=TIMEOUT))


def test_unknown_paths_get_an_html_404(emu, api):
    session, base = api
    for url in (emu.url + "/", emu.url + "/acme/identity_/foo", base + "/api/Nothing", base + "/api/User/a/b/c",
                emu.url + "/identity_/foo", emu.url + "/acme/orchestrator_/odata/Users"):
        _html_404(session.get(url, timeout=TIMEOUT))


def test_the_host_level_api_route_is_refused_as_cloud_refuses_it(emu):
    with session_for(emu) as session:
        response = session.get(emu.url + "/identity_/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == 400 and response.json()["title"] == "InvalidPartition"
    assert emu.user("acme", ANN_ID) is not None


def test_the_host_level_api_route_serves_the_token_organization_when_told_to(emu):
    emu.configure(host_level_api="serve")
    token = client_token(emu.url + "/identity_", "globex-app", "globex-secret").json()["access_token"]
    with session_for(emu, token=token) as session:
        listing = session.get(emu.url + "/identity_/api/User/users/" + emu.partition("globex"), timeout=TIMEOUT)
        assert listing.status_code == 200 and listing.json()["totalCount"] == 1
        # Another organization's user is not found through the token of this one.
        assert session.get(emu.url + "/identity_/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 404
    assert requests.get(emu.url + "/identity_/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 401


def test_the_partition_id_route_serves_that_organization(emu):
    with session_for(emu) as session:
        response = session.get(emu.url + "/" + emu.partition("acme").upper() + "/identity_/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == 200 and response.json()["userName"] == "ann"


def test_known_path_with_wrong_method_is_405_before_auth(emu):
    response = requests.patch(emu.base("acme") + "/api/User", timeout=TIMEOUT)
    assert response.status_code == 405
    assert response.headers["Allow"] == "DELETE, POST"
    assert response.content == b""


def test_literal_segment_wins_but_get_falls_back_to_user_id(api):
    session, base = api
    response = session.get(base + "/api/User/BulkCreate", timeout=TIMEOUT)
    assert response.status_code == 400
    assert "userId" in response.json()["errors"]


def test_keep_alive_serves_several_requests_on_one_connection(emu):
    token = emu.issue_token("acme")
    connection = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=TIMEOUT)
    try:
        for attempt in range(3):
            connection.request("GET", "/acme/identity_/api/User/" + ANN_ID, headers={"Authorization": "Bearer " + token})
            response = connection.getresponse()
            body = response.read()
            assert response.status == 200
            assert int(response.headers["Content-Length"]) == len(body)
            assert response.version == 11
            assert not response.will_close
        connection.request("GET", "/nowhere")
        response = connection.getresponse()
        assert int(response.headers["Content-Length"]) == len(response.read())
    finally:
        connection.close()
