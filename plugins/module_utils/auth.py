# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ways a task authenticates: a bearer token it is given, OAuth2 client
credentials exchanged for a token once per task, or a given token that the
client credentials replace once it has expired."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
import time
from urllib.parse import urljoin

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

NO_TOKEN_HINT = ("No token was issued. Check url and deployment, or set token_url (UIPATH_TOKEN_URL) "
                 "to the Identity Server's /connect/token endpoint")
REDIRECT_HINT = ("The token request carries client_secret, so it never follows a redirect: set token_url (UIPATH_TOKEN_URL) "
                 "to the Identity Server's /connect/token endpoint itself, with https://")

# A token this close to its exp is treated as expired: it could expire on the way, or on a server
# whose clock is a little ahead, and a renewal costs less than a refused request.
EXPIRY_MARGIN = 60


def token_claims(token):
    """The claims of a JWT, read without verification; {} for an opaque token.

    Only used to learn the organization's id (claim ``prt_id``) and when the
    token expires (``exp``); the API checks the signature, so nothing here is
    trusted for security.
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


def token_exp(token):
    """The ``exp`` claim of a JWT in epoch seconds, or None (an opaque token, or no usable claim)."""
    exp = token_claims(token).get("exp")
    return exp if _seconds(exp) else None


def expires_at(token, requested_at, expires_in):
    """When a token expires, in epoch seconds: its ``exp`` claim, else the time it was asked for plus
    ``expires_in``; None when neither says."""
    exp = token_exp(token)
    if exp is not None:
        return exp
    if isinstance(expires_in, str) and expires_in.strip().isdigit():
        expires_in = int(expires_in)
    return requested_at + expires_in if requested_at is not None and _seconds(expires_in) else None


def _seconds(value):
    # bool is an int to Python, but no token endpoint means True seconds; nan, inf and anything past the
    # year 5000 are no answer either (and would not make a date).
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 10 ** 11


class BearerToken(object):
    """A token obtained elsewhere: a personal access token or any bearer token."""

    renewable = False
    # Whether the token in use came from the token endpoint in this task, which a 401's hint tells apart.
    issued_here = False

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
    issued_here = True

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
        # When the last token was asked for: its expiry is counted from then, not from when it arrived.
        self.requested_at = None

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
        # The token request changes nothing, so it may be repeated on 429 or 5xx. The transport never
        # follows a redirect, which would re-send the form, secret and all, to wherever Location points.
        self.requested_at = time.time()
        response = transport.send("POST", self.token_url, retry=True, data=form, headers={"Accept": "application/json"})
        self.requests_made += 1
        status = response.status_code
        if 300 <= status < 400:
            raise NotIdentityApi("POST", self.token_url, status, _redirect(response, self.token_url),
                                 attempts=response.attempts, hint=REDIRECT_HINT)
        body = _json(response)
        if status == 200 and isinstance(body, dict) and _one_word(body.get("access_token")):
            token = body["access_token"]
            self._on_token(token)
            self.granted = dict((k, body.get(k)) for k in ("token_type", "expires_in", "scope"))
            return token
        error = body.get("error") if isinstance(body, dict) else None
        if _one_word(error):
            # Only the OAuth2 error fields are quoted: an endpoint may echo the form, secret and all, anywhere else.
            summary = dict((k, body[k]) for k in ("error", "error_description") if isinstance(body.get(k), str) and body[k])
            hint = _TOKEN_ERROR_HINTS.get(error, "The token endpoint refused the request")
            tried = " and then ".join(repr(scope) for scope in self._scopes[:self._scopes.index(self.scope) + 1])
            raise AuthenticationError("POST", self.token_url, status, summary,
                                      hint=hint % {"scope": tried}, attempts=response.attempts, oauth_error=error)
        if status in (401, 403):
            raise AuthenticationError("POST", self.token_url, status, _shape(response),
                                      hint=_TOKEN_ERROR_HINTS["invalid_client"], attempts=response.attempts)
        raise NotIdentityApi("POST", self.token_url, status, _shape(response), attempts=response.attempts, hint=NO_TOKEN_HINT)


class RenewableToken(object):
    """A token the task is given, with the client credentials that replace it once when it has expired.

    A play shares one token through module_defaults, and a play longer than the token's life would
    otherwise fail half way. The given token is used as long as it may be: when it is a JWT whose
    ``exp`` is past (or within EXPIRY_MARGIN of it) no request carries it; an opaque token is found
    out by the API's 401. Either way the client credentials get a new token, once per task: a token
    refused after that is not the play's shared token going stale, and the task fails.
    """

    def __init__(self, token, credentials):
        self._given = token
        self._credentials = credentials
        self.issued_here = False

    @property
    def renewable(self):
        return not self.issued_here

    def token(self, transport):
        if self.issued_here:
            return self._credentials.token(transport)
        exp = token_exp(self._given)
        if exp is not None and exp - EXPIRY_MARGIN <= time.time():
            return self.renew(transport)
        return self._given

    def renew(self, transport):
        self.issued_here = True
        return self._credentials.token(transport)


def _json(response):
    try:
        return response.json()
    except ValueError:
        return None


def _one_word(value):
    # A token goes into a header: anything else would be refused there, or worse.
    return isinstance(value, str) and value != "" and not any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value)


def _shape(response):
    """A token endpoint's answer told by its kind and size, never its text."""
    if not response.content:
        return "(empty body)"
    kind = response.headers.get("Content-Type", "").split(";")[0].strip()[:80] or "no content type"
    return "an answer of %d bytes (%s) without an OAuth2 error; its text is not shown" % (len(response.content), kind)


def _redirect(response, url):
    location = response.headers.get("Location")
    if not location:
        return "a redirect without a Location; the token request was not sent again"
    try:
        location = urljoin(url, location)
    except ValueError:
        pass
    return "a redirect to %s; the token request was not sent there" % location
