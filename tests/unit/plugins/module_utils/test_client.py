# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.module_utils.auth import BearerToken, ClientCredentials, token_claims
from ansible_collections.uipath.identity.plugins.module_utils.client import INVALID_PARTITION_HINT, MISSING, MISSING_UNCONFIRMED, IdentityClient
from ansible_collections.uipath.identity.plugins.module_utils.endpoints import Endpoints
from ansible_collections.uipath.identity.plugins.module_utils.errors import (
    ApiError, AuthenticationError, IdentityError, NotIdentityApi, PermissionDenied)
from ansible_collections.uipath.identity.plugins.module_utils.transport import Transport
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, CLIENT_SECRET, ORG, TOKEN, TOKEN_URL, URL, jwt

USER = ("User", "3fa85f64-5717-4562-b3fc-2c963f66afa6")
USER_URL = API + "/User/3fa85f64-5717-4562-b3fc-2c963f66afa6"


def make_client(auth=None, check_mode=False):
    return IdentityClient(Endpoints(URL, "cloud", ORG), auth or BearerToken(TOKEN),
                          Transport(retries=0, sleep=lambda s: None), check_mode=check_mode)


def test_404_problem_document_is_missing(api):
    api.add(responses.GET, USER_URL, json={"title": "Not Found", "status": 404}, status=404, content_type="application/problem+json")
    assert make_client().call("GET", USER, "S", missing_ok=True).missing == MISSING


def test_404_empty_is_unconfirmed(api):
    api.add(responses.GET, USER_URL, body="", status=404)
    assert make_client().call("GET", USER, "S", missing_ok=True).missing == MISSING_UNCONFIRMED


def test_404_without_missing_ok_is_an_error(api):
    api.add(responses.GET, USER_URL, json={"title": "Not Found", "status": 404}, status=404)
    with pytest.raises(NotIdentityApi):
        make_client().call("GET", USER, "S")


def test_json_success_is_decoded(api):
    api.add(responses.GET, USER_URL, json={"id": "x"})
    answer = make_client().call("GET", USER, "S")
    assert answer.status == 200 and answer.data == {"id": "x"}


def test_success_that_is_not_json_is_a_misroute(api):
    api.add(responses.GET, USER_URL, body="hello", content_type="text/plain")
    with pytest.raises(NotIdentityApi):
        make_client().call("GET", USER, "S")


def test_unexpected_status_is_an_api_error(api):
    api.add(responses.PUT, USER_URL, json={"succeeded": False}, status=409)
    with pytest.raises(ApiError) as info:
        make_client().call("PUT", USER, "S")
    assert not isinstance(info.value, (AuthenticationError, NotIdentityApi, PermissionDenied)) and info.value.status == 409 and "succeeded" in str(info.value)


def test_403_is_permission_denied(api):
    api.add(responses.GET, USER_URL, status=403)
    with pytest.raises(PermissionDenied) as info:
        make_client().call("GET", USER, "PM.User or PM.User.Read")
    assert "PM.User or PM.User.Read" in str(info.value)


def test_check_mode_refuses_writes_at_the_client():
    with pytest.raises(IdentityError):
        make_client(check_mode=True).call("DELETE", USER, "S")


def test_long_bodies_are_cut(api):
    api.add(responses.GET, USER_URL, body="x" * 5000, status=500, content_type="text/plain")
    with pytest.raises(ApiError) as info:
        make_client().call("GET", USER, "S")
    assert len(str(info.value)) < 1000


def test_client_credentials_once_per_task(api):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "t1"})
    api.add(responses.GET, USER_URL, json={"id": "x"})
    api.add(responses.GET, USER_URL, json={"id": "x"})
    seen = []
    auth = ClientCredentials(TOKEN_URL, "app", CLIENT_SECRET, "PM.User.Read", on_token=seen.append)
    client = make_client(auth)
    client.call("GET", USER, "S")
    client.call("GET", USER, "S")
    assert auth.requests_made == 1 and seen == ["t1"]


@pytest.mark.parametrize("status, body, error, hint", [
    (400, {"error": "invalid_client"}, AuthenticationError, "client_secret"),
    (400, {"error": "invalid_scope", "error_description": "no"}, AuthenticationError, "PM.User.Read"),
    (400, {"error": "unauthorized_client"}, AuthenticationError, "confidential"),
    (401, "", AuthenticationError, "client_id"),
    (404, "<html></html>", NotIdentityApi, "token_url"),
    (200, {"no_token": True}, NotIdentityApi, "token_url"),
])
def test_token_endpoint_errors(api, status, body, error, hint):
    kwargs = dict(json=body) if isinstance(body, dict) else dict(body=body)
    api.add(responses.POST, TOKEN_URL, status=status, **kwargs)
    auth = ClientCredentials(TOKEN_URL, "app", CLIENT_SECRET, "PM.User.Read")
    with pytest.raises(error) as info:
        make_client(auth).call("GET", USER, "S")
    assert hint in str(info.value) and TOKEN_URL in str(info.value)
    assert CLIENT_SECRET not in str(info.value)


def test_token_claims():
    assert token_claims(jwt({"prt_id": "abc"})) == {"prt_id": "abc"}
    assert token_claims("rt_opaque") == {}
    assert token_claims("a.!!!.c") == {}
    assert token_claims(None) == {}


EXPIRED = 'Bearer error="invalid_token", error_description="The token expired at \'01/09/2001 01:46:40\'"'


@pytest.mark.parametrize("challenge, says, never", [
    (EXPIRED, ["The access token has expired", "get a new one", "client_id and client_secret"], ["invalid"]),
    ('Bearer error="invalid_token", error_description="The token expired"', ["has expired"], ["invalid"]),
    ('Bearer error="invalid_token"', ["refused as invalid", "has not expired"], ["has expired"]),
    ('Bearer error="invalid_token", error_description="The signature key was not found"', ["refused as invalid"], ["has expired"]),
    ("Bearer", ["may be expired, revoked"], ["has expired", "as invalid"]),
    (None, ["may be expired, revoked"], ["has expired", "as invalid"]),
])
def test_401_tells_an_expired_token_from_an_invalid_one(api, challenge, says, never):
    api.add(responses.GET, USER_URL, status=401, headers={"WWW-Authenticate": challenge} if challenge else {})
    with pytest.raises(AuthenticationError) as info:
        make_client().call("GET", USER, "S")
    hint = info.value.hint
    assert all(text in hint for text in says), hint
    assert not any(text in hint for text in never), hint


def test_401_never_quotes_the_challenge(api):
    # A hostile server may echo the token it was sent into the challenge.
    challenge = 'Bearer error="invalid_token", error_description="token %s expired"' % TOKEN
    api.add(responses.GET, USER_URL, status=401, headers={"WWW-Authenticate": challenge})
    with pytest.raises(AuthenticationError) as info:
        make_client().call("GET", USER, "S")
    assert "has expired" in str(info.value) and TOKEN not in str(info.value)


def test_401_for_a_renewed_token_stays_about_the_application(api):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "t1"})
    api.add(responses.GET, USER_URL, status=401, headers={"WWW-Authenticate": EXPIRED})
    api.add(responses.POST, TOKEN_URL, json={"access_token": "t2"})
    api.add(responses.GET, USER_URL, status=401, headers={"WWW-Authenticate": EXPIRED})
    with pytest.raises(AuthenticationError) as info:
        make_client(ClientCredentials(TOKEN_URL, "app", CLIENT_SECRET, "PM.User.Read")).call("GET", USER, "S")
    assert "A new token from the token endpoint was refused too, as expired at once" in str(info.value)


def test_a_rate_limit_that_outlasts_retry_max_wait_says_which_option_to_raise(api):
    api.add(responses.DELETE, USER_URL, status=429)
    with pytest.raises(ApiError) as info:
        make_client().call("DELETE", USER, "S")
    text = str(info.value)
    assert info.value.status == 429 and "DELETE " + USER_URL in text and "retry_max_wait" in text and "5 minutes" in text


@pytest.mark.parametrize("body", [
    {"type": "https://tools.ietf.org/html/rfc7231#section-6.5.1", "title": "InvalidPartition", "status": 400},
    {"errorCode": "InvalidPartition", "message": "Partition is not valid"},
    {"error": {"code": "InvalidPartition"}},
    ["InvalidPartition"],
])
@pytest.mark.parametrize("method, expect", [("GET", (200,)), ("DELETE", (200, 204, 400))])
def test_invalid_partition_names_identity_url_whatever_the_call_expects(api, body, method, expect):
    api.add(method, USER_URL, json=body, status=400)
    with pytest.raises(ApiError) as info:
        make_client().call(method, USER, "S", expect=expect)
    assert "InvalidPartition" in str(info.value) and "identity_url" in str(info.value) and info.value.status == 400


def test_a_refusal_that_only_quotes_the_word_is_read_as_the_refusal_it_is(api):
    body = {"succeeded": False, "errors": [{"code": "DuplicateUserName", "description": "User name 'InvalidPartition' is already taken."}]}
    api.add(responses.PUT, USER_URL, json=body, status=400)
    answer = make_client().call("PUT", USER, "S", expect=(200, 204, 400))
    assert answer.status == 400 and answer.data == body


def test_invalid_partition_as_text_is_not_taken_for_the_code(api):
    api.add(responses.GET, USER_URL, body='{"title": "InvalidPartition"}', status=400, content_type="text/plain")
    with pytest.raises(ApiError) as info:
        make_client().call("GET", USER, "S")
    assert info.value.hint != INVALID_PARTITION_HINT
