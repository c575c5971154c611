# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A task given a play's shared token and the client credentials too: the token goes first, and
the credentials replace it once, when it has expired or the API refuses it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import time

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.plugins.modules import user_info
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    API, CLIENT_SECRET, TOKEN, TOKEN_URL, asked_scopes, client_task, jwt, user_record)

USER_ID = "0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60"
USER_URL = "%s/User/%s" % (API, USER_ID)
ANN = user_record(USER_ID, "ann", "ann@example.com")
RENEWED = "renewed-token-value-5551234"
EXPIRED_401 = {"WWW-Authenticate": 'Bearer error="invalid_token", error_description="The token expired"'}


def both(token=TOKEN, **extra):
    """The play's token in module_defaults, and the client credentials from the environment."""
    return client_task(access_token=token, **extra)


def bearers(api):
    """The bearer token of each API request, in order."""
    return [c.request.headers["Authorization"][len("Bearer "):] for c in api.calls if c.request.url != TOKEN_URL]


def token_requests(api):
    return [c for c in api.calls if c.request.url == TOKEN_URL]


def issue(api):
    api.add(responses.POST, TOKEN_URL, json={"access_token": RENEWED, "expires_in": 3600, "token_type": "Bearer"})


def seen_anywhere(result, secret):
    return secret in result.raw or secret in json.dumps(result)


@pytest.mark.parametrize("token", [TOKEN, jwt({"exp": int(time.time()) + 3600})])
def test_a_valid_token_is_used_and_no_token_is_asked_for(api, run_module, token):
    api.add(responses.GET, USER_URL, json=ANN)
    result = run_module(user_info, both(token, user_id=USER_ID))
    assert result["users"] == [ANN] and token_requests(api) == []
    assert bearers(api) == [token]


@pytest.mark.parametrize("seconds_left", [-600, 0, 59])
def test_an_expired_jwt_is_never_sent_one_token_request_comes_first(api, run_module, seconds_left):
    stale = jwt({"exp": int(time.time()) + seconds_left})
    issue(api)
    api.add(responses.GET, USER_URL, json=ANN)
    api.add(responses.DELETE, USER_URL, status=204)
    result = run_module(user_module, both(stale, user_id=USER_ID, state="absent"))
    assert result["changed"] is True
    assert [c.request.url for c in api.calls] == [TOKEN_URL, USER_URL, USER_URL]
    assert bearers(api) == [RENEWED, RENEWED] and stale not in bearers(api)
    # The renewal asks for what the module needs, as a task with client credentials alone would.
    assert asked_scopes(api) == ["PM.User.Read PM.User.Write"]
    assert not seen_anywhere(result, RENEWED)


@pytest.mark.parametrize("headers", [EXPIRED_401, {}])
def test_a_refused_token_is_renewed_once_and_the_request_repeated(api, run_module, headers):
    # An opaque token (or a revoked JWT) is found out by the API's 401, expired or not.
    api.add(responses.GET, USER_URL, status=401, headers=headers)
    issue(api)
    api.add(responses.GET, USER_URL, json=ANN)
    api.add(responses.DELETE, USER_URL, status=204)
    result = run_module(user_module, both(user_id=USER_ID, state="absent"))
    assert result["changed"] is True
    assert bearers(api) == [TOKEN, RENEWED, RENEWED] and len(token_requests(api)) == 1
    assert not seen_anywhere(result, RENEWED)


def test_a_second_401_fails_without_another_renewal(api, run_module):
    api.add(responses.GET, USER_URL, status=401, headers=EXPIRED_401)
    issue(api)
    api.add(responses.GET, USER_URL, status=401, headers=EXPIRED_401, json={"detail": "token %s expired" % RENEWED})
    result = run_module(user_info, both(user_id=USER_ID))
    assert result.failed and result["status"] == 401 and "Authentication failed" in result["msg"]
    assert "GET " + USER_URL in result["msg"] and "A new token from the token endpoint was refused too" in result["msg"]
    assert bearers(api) == [TOKEN, RENEWED] and len(token_requests(api)) == 1
    assert not seen_anywhere(result, RENEWED) and not seen_anywhere(result, CLIENT_SECRET)


def test_one_renewal_per_task_a_401_after_an_expiry_renewal_fails(api, run_module):
    issue(api)
    api.add(responses.GET, USER_URL, json=ANN)
    api.add(responses.DELETE, USER_URL, status=401, body="refused %s" % RENEWED, content_type="text/plain")
    result = run_module(user_module, both(jwt({"exp": int(time.time()) - 5}), user_id=USER_ID, state="absent"))
    assert result.failed and result["status"] == 401 and "DELETE " + USER_URL in result["msg"]
    assert len(token_requests(api)) == 1 and bearers(api) == [RENEWED, RENEWED]
    assert not seen_anywhere(result, RENEWED)


def test_a_failed_renewal_names_the_token_endpoint(api, run_module):
    api.add(responses.GET, USER_URL, status=401)
    api.add(responses.POST, TOKEN_URL, status=400, json={"error": "invalid_client"})
    result = run_module(user_info, both(user_id=USER_ID))
    assert result.failed and "POST " + TOKEN_URL in result["msg"] and "invalid_client" in result["msg"]
    assert not seen_anywhere(result, CLIENT_SECRET) and not seen_anywhere(result, TOKEN)


@pytest.mark.parametrize("drop, missing", [("client_secret", "client_secret"), ("client_id", "client_id")])
def test_half_the_client_credentials_beside_a_token_are_refused_before_any_request(api, run_module, drop, missing):
    given = both(user_id=USER_ID)
    del given[drop]
    result = run_module(user_info, given)
    assert result.failed and "Invalid option %s" % missing in result["msg"] and "go together" in result["msg"]
    assert len(api.calls) == 0 and not seen_anywhere(result, CLIENT_SECRET)


def test_a_renewed_token_echoed_by_the_api_is_masked(api, run_module):
    api.add(responses.GET, USER_URL, status=401)
    issue(api)
    api.add(responses.GET, USER_URL, status=500, json={"error": "bad token %s" % RENEWED})
    result = run_module(user_info, both(user_id=USER_ID))
    assert result.failed and "500" in result["msg"]
    assert not seen_anywhere(result, RENEWED) and not seen_anywhere(result, TOKEN)
