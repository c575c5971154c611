# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The two ways a task authenticates: a bearer token it is given, or OAuth2
client credentials exchanged for a token once per task."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json

from ansible_collections.uipath.identity.plugins.module_utils.errors import (
    AuthenticationError,
    NotIdentityApi,
)

# Hints for the token endpoint's OAuth2 error codes (RFC 6749, section 5.2).
_TOKEN_ERROR_HINTS = {
    "invalid_client": "Check client_id and client_secret (UIPATH_CLIENT_ID, UIPATH_CLIENT_SECRET): "
                      "the external application must exist in this organization and be confidential",
    "invalid_scope": "The external application is not granted the scope asked for (%(scope)s): grant it as an "
                     "application scope of the external application, or set scope (UIPATH_SCOPE) to scopes it has",
    "unauthorized_client": "The external application may not use the client credentials grant: "
                           "it must be a confidential application with application scopes",
    "unsupported_grant_type": "The token endpoint does not accept client credentials; check token_url",
}


def token_claims(token):
    """The claims of a JWT, read without verification; {} for an opaque token.

    Only used to learn the organization's id (claim ``prt_id``); the API checks
    the signature, so nothing here is trusted for security.
    """
    parts = (token or "").split(".")
    if len(parts) != 3:
        return {}
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError):
        return {}
    return claims if isinstance(claims, dict) else {}


class BearerToken(object):
    """A token obtained elsewhere: a personal access token or any bearer token."""

    renewable = False

    def __init__(self, token):
        self._token = token

    def token(self, transport):
        return self._token

    def renew(self, transport):
        return self._token


class ClientCredentials(object):
    """OAuth2 client credentials: one token request per task, one renewal at most.

    ``scope`` is one scope string, or a sequence of alternatives tried in turn
    while the token endpoint answers invalid_scope: an external application
    may be granted PM.User, or PM.User.Read and PM.User.Write, and asking for
    scopes it lacks is refused.
    """

    renewable = True

    def __init__(self, token_url, client_id, client_secret, scope, on_token=None):
        self.token_url = token_url
        self.client_id = client_id
        self._client_secret = client_secret
        self._scopes = [scope] if isinstance(scope, str) else list(scope)
        self.scope = self._scopes[0]
        # Lets the module mask the token it was never given as an option.
        self._on_token = on_token or (lambda token: None)
        self._token = None
        self.granted = {}
        self.requests_made = 0

    def token(self, transport):
        if self._token is None:
            self._token = self._fetch(transport)
        return self._token

    def renew(self, transport):
        self._token = None
        return self.token(transport)

    def _fetch(self, transport):
        for number, scope in enumerate(self._scopes, 1):
            self.scope = scope
            try:
                return self._request(transport)
            except AuthenticationError as exc:
                if exc.oauth_error != "invalid_scope" or number == len(self._scopes):
                    raise

    def _request(self, transport):
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self._client_secret,
            "scope": self.scope,
        }
        # The token request changes nothing, so it may be repeated on 429 or 5xx.
        response = transport.send("POST", self.token_url, retry=True, data=form, headers={"Accept": "application/json"})
        self.requests_made += 1
        body = _json_or_text(response)
        if response.status_code == 200 and isinstance(body, dict) and body.get("access_token"):
            token = body["access_token"]
            self._on_token(token)
            self.granted = dict((k, body.get(k)) for k in ("token_type", "expires_in", "scope"))
            return token
        if isinstance(body, dict) and body.get("error"):
            # Keep only the OAuth2 error fields: nothing else of the answer is needed.
            summary = dict((k, body[k]) for k in ("error", "error_description") if body.get(k))
            hint = _TOKEN_ERROR_HINTS.get(body["error"], "The token endpoint refused the request")
            tried = " and then ".join(repr(scope) for scope in self._scopes[:self._scopes.index(self.scope) + 1])
            raise AuthenticationError("POST", self.token_url, response.status_code, summary,
                                      hint=hint % {"scope": tried}, attempts=response.attempts, oauth_error=body["error"])
        if response.status_code in (401, 403):
            raise AuthenticationError("POST", self.token_url, response.status_code, body,
                                      hint=_TOKEN_ERROR_HINTS["invalid_client"], attempts=response.attempts)
        raise NotIdentityApi("POST", self.token_url, response.status_code, body, attempts=response.attempts, hint=(
            "No token was issued. Check url and deployment, or set token_url (UIPATH_TOKEN_URL) "
            "to the Identity Server's /connect/token endpoint"))


def _json_or_text(response):
    try:
        return response.json()
    except ValueError:
        return response.text
