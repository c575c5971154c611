# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a token endpoint may make the task do: never send a credential elsewhere,
and never have its answer quoted beyond the OAuth2 error."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import parse_qs

import pytest
import responses

from ansible_collections.uipath.identity.plugins.module_utils import errors
from ansible_collections.uipath.identity.plugins.module_utils.auth import BearerToken, ClientCredentials
from ansible_collections.uipath.identity.plugins.module_utils.client import IdentityClient
from ansible_collections.uipath.identity.plugins.module_utils.endpoints import Endpoints
from ansible_collections.uipath.identity.plugins.module_utils.errors import AuthenticationError, NotIdentityApi
from ansible_collections.uipath.identity.plugins.module_utils.transport import Transport
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, CLIENT_SECRET, ORG, TOKEN, TOKEN_URL, URL

USER = ("User", "3fa85f64-5717-4562-b3fc-2c963f66afa6")
USER_URL = API + "/User/3fa85f64-5717-4562-b3fc-2c963f66afa6"
ELSEWHERE = "http://127.0.0.1:1/steal"


@pytest.fixture(autouse=True)
def no_secrets_left():
    yield
    errors.set_secrets([])


def client_with(auth):
    return IdentityClient(Endpoints(URL, "cloud", ORG), auth, Transport(retries=0, sleep=lambda s: None))


def credentials():
    return ClientCredentials(TOKEN_URL, "app", CLIENT_SECRET, "PM.User.Read")


def trap(api):
    """A server at the redirect's target that would hand out a token; no call may reach it."""
    api.assert_all_requests_are_fired = False
    for method in (responses.GET, responses.POST):
        api.add(method, ELSEWHERE, json={"access_token": "stolen"})


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_token_request_is_not_redirected(api, status):
    trap(api)
    api.add(responses.POST, TOKEN_URL, status=status, headers={"Location": ELSEWHERE})
    with pytest.raises(NotIdentityApi) as info:
        client_with(credentials()).call("GET", USER, "S")
    assert [call.request.url for call in api.calls] == [TOKEN_URL]
    message = str(info.value)
    assert ELSEWHERE in message and "not sent there" in message and "token_url" in message and "/connect/token" in message
    assert CLIENT_SECRET not in message


def test_relative_redirect_of_the_token_request_is_named_in_full(api):
    api.add(responses.POST, TOKEN_URL, status=307, headers={"Location": "/elsewhere/connect/token"})
    with pytest.raises(NotIdentityApi) as info:
        credentials().token(Transport(retries=0))
    assert URL + "/elsewhere/connect/token" in str(info.value) and len(api.calls) == 1


def test_redirect_without_location(api):
    api.add(responses.POST, TOKEN_URL, status=302)
    with pytest.raises(NotIdentityApi) as info:
        credentials().token(Transport(retries=0))
    assert "redirect" in str(info.value) and "token_url" in str(info.value)


def test_api_redirect_with_a_bearer_token_is_not_followed(api):
    trap(api)
    api.add(responses.GET, USER_URL, status=302, headers={"Location": ELSEWHERE})
    with pytest.raises(NotIdentityApi) as info:
        client_with(BearerToken(TOKEN)).call("GET", USER, "S")
    assert [call.request.url for call in api.calls] == [USER_URL]
    assert ELSEWHERE in str(info.value) and TOKEN not in str(info.value)


def echo(status, content_type):
    def answer(request):
        return status, {"Content-Type": content_type}, request.body
    return answer


@pytest.mark.parametrize("status", [400, 401, 403, 404, 500])
def test_echoed_form_is_never_quoted(api, status):
    api.add_callback(responses.POST, TOKEN_URL, callback=echo(status, "text/plain"))
    with pytest.raises((AuthenticationError, NotIdentityApi)) as info:
        credentials().token(Transport(retries=0))
    message = str(info.value)
    assert "client_secret=" not in message and "grant_type" not in message and "PM.User.Read&" not in message
    assert "text/plain" in message and str(status) in message


def test_only_the_oauth_error_fields_are_quoted(api):
    api.add(responses.POST, TOKEN_URL, status=400, json={
        "error": "invalid_client", "error_description": "Unknown client", "request": "client_secret=...", "trace": [1, 2]})
    with pytest.raises(AuthenticationError) as info:
        credentials().token(Transport(retries=0))
    message = str(info.value)
    assert "invalid_client" in message and "Unknown client" in message
    assert "request" not in message and "trace" not in message


@pytest.mark.parametrize("body", [
    {"error": {"code": "invalid_client", "form": "client_secret=x"}},
    {"error": ["invalid_client"], "error_description": {"form": "client_secret=x"}},
    ["client_secret=x"],
    "client_secret=x",
    {"error": "invalid_client", "error_description": 42},
])
def test_oauth_error_of_another_shape_is_not_quoted(api, body):
    api.add(responses.POST, TOKEN_URL, status=400, json=body)
    with pytest.raises((AuthenticationError, NotIdentityApi)) as info:
        credentials().token(Transport(retries=0))
    assert "client_secret=" not in str(info.value) and "42" not in str(info.value)


def test_access_token_that_is_not_a_string_is_no_token(api):
    api.add(responses.POST, TOKEN_URL, json={"access_token": {"value": "x"}})
    with pytest.raises(NotIdentityApi) as info:
        credentials().token(Transport(retries=0))
    assert "token_url" in str(info.value) and "value" not in str(info.value)


def test_token_endpoint_echoing_the_secret_in_error_description(api):
    errors.set_secrets([CLIENT_SECRET])

    def answer(request):
        form = request.body
        return 400, {"Content-Type": "application/json"}, '{"error": "invalid_client", "error_description": "got %s and %s"}' % (
            form, parse_qs(form)["client_secret"][0])
    api.add_callback(responses.POST, TOKEN_URL, callback=answer)
    with pytest.raises(AuthenticationError) as info:
        credentials().token(Transport(retries=0))
    assert CLIENT_SECRET not in str(info.value) and "invalid_client" in str(info.value) and errors.MASK in str(info.value)


@pytest.mark.parametrize("status", [301, 307, 308])
def test_the_transport_follows_no_redirect_whoever_asks(api, status):
    # Every request carries a credential: a caller's allow_redirects=True must not hand it on.
    trap(api)
    api.add(responses.GET, USER_URL, status=status, headers={"Location": ELSEWHERE})
    response = Transport(retries=0).send("GET", USER_URL, headers={"Authorization": "Bearer " + TOKEN}, allow_redirects=True)
    assert response.status_code == status and [call.request.url for call in api.calls] == [USER_URL]
