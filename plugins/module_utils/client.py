# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Identity API client: authenticated calls and what their statuses mean.

The client knows the API's conventions (bearer tokens, JSON, problem details)
but nothing about users; the operations built on it name paths and bodies.

The rule for a missing resource: a 404 counts as "not there" only when it is
the Identity API's own answer. An RFC 7807 problem document (served as
application/problem+json, or JSON with status 404 and a title) is; a 404 with
an empty body is returned as
unconfirmed, for the caller to confirm against an endpoint that proves the
API base; anything else (an HTML page from a portal or proxy, a redirect, a
JSON error of another shape) is a misrouted request and fails.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.uipath.identity.plugins.module_utils.errors import (
    ApiError,
    AuthenticationError,
    IdentityError,
    NotIdentityApi,
    PermissionDenied,
)

MISROUTE_HINT = ("The answer does not come from the UiPath Identity API: check url, organization and deployment "
                 "(UIPATH_URL, UIPATH_ORGANIZATION, UIPATH_DEPLOYMENT), or identity_url (UIPATH_IDENTITY_URL) where it is set, "
                 "and any proxy in between")

RATE_LIMIT_HINT = ("The Identity rate limit did not lift within the retries allowed (Automation Cloud allows an organization "
                   "300 GET and 160 PUT, PATCH or DELETE requests per 5 minutes): raise retry_max_wait (or retries, when the "
                   "server named a wait), or spread the work over time or into bulk requests")

INVALID_PARTITION_HINT = ("This Identity address does not serve the organization's partition (InvalidPartition), as Automation "
                          "Cloud answers on its host-level address {url}/identity_: give url and organization (the collection "
                          "calls {url}/{organization}/identity_), or set identity_url (UIPATH_IDENTITY_URL) to the Identity "
                          "address your installation serves")

MISSING = "missing"            # a 404 the Identity API itself gave
MISSING_UNCONFIRMED = "empty"  # a 404 with no body: may be the API, may be a wrong route


class Answer(object):
    """The useful part of a response: status, decoded JSON, and how a 404 was read."""

    def __init__(self, status, data=None, missing=None, maybe_applied_before=False):
        self.status = status
        self.data = data
        self.missing = missing
        self.maybe_applied_before = maybe_applied_before


class IdentityClient(object):
    def __init__(self, endpoints, auth, transport, check_mode=False):
        self.endpoints = endpoints
        self.auth = auth
        self.transport = transport
        self.check_mode = check_mode

    def call(self, method, segments, scopes, params=None, json=None, expect=(200,), missing_ok=False):
        """Call ``{api_base}/api/<segments>`` and return an Answer.

        ``scopes`` names the scopes the call needs, for the 403 message.
        With ``missing_ok`` a 404 is returned (Answer.missing says how it was
        read) instead of raised.
        """
        url = self.endpoints.api(*segments)
        if self.check_mode and method != "GET":
            # A safety net below the operations, which already skip writes in check mode.
            raise IdentityError("refused to send %s %s in check mode" % (method, url))
        response = self._send(method, url, params, json)
        if response.status_code == 401 and self.auth.renewable:
            # The token may have expired during a long task (or a long play, for a token it was given): one new
            # token, one more try.
            self.auth.renew(self.transport)
            response = self._send(method, url, params, json)
        shown_url = _shown_url(response, url)
        status = response.status_code
        maybe_applied = getattr(response, "maybe_applied_before", False)
        if status == 400 and _names_invalid_partition(response):
            # Before the writes' own reading of a 400 as a refusal: the address, not the request, is wrong.
            raise ApiError(method, shown_url, status, _body(response), attempts=getattr(response, "attempts", 1),
                           hint=INVALID_PARTITION_HINT)
        if status in expect:
            return Answer(status, _json_body(method, shown_url, response) if status != 204 else None,
                          maybe_applied_before=maybe_applied)
        attempts = getattr(response, "attempts", 1)
        if status == 401:
            raise AuthenticationError(method, shown_url, status, _body(response), attempts=attempts,
                                      hint=_401_hint(_token_refusal(response), self.auth.issued_here))
        if status == 403:
            raise PermissionDenied(method, shown_url, status, _body(response), attempts=attempts, hint=(
                "This call needs the scope %s; grant it to the external application (or the personal access token) "
                "and, with client credentials, include it in scope" % scopes))
        if status == 404 and missing_ok:
            missing = _read_404(response)
            if missing is not None:
                return Answer(status, missing=missing, maybe_applied_before=maybe_applied)
        if status == 404 or 300 <= status < 400 or _looks_like_html(response):
            raise NotIdentityApi(method, shown_url, status, _describe_misroute(response), attempts=attempts, hint=MISROUTE_HINT)
        if status == 429:
            raise ApiError(method, shown_url, status, _body(response), attempts=attempts, hint=RATE_LIMIT_HINT)
        raise ApiError(method, shown_url, status, _body(response), attempts=attempts)

    def _send(self, method, url, params, json):
        headers = {
            "Authorization": "Bearer " + self.auth.token(self.transport),
            "Accept": "application/json",
        }
        return self.transport.send(method, url, params=params, json=json, headers=headers)

    def close(self):
        self.transport.close()


# One auth-param of a challenge (RFC 7235): name=token or name="quoted string".
_AUTH_PARAM = re.compile(r'([A-Za-z_]+)[ \t]*=[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))')


def _token_refusal(response):
    """How the API's WWW-Authenticate challenge refused the token: "expired", "invalid" or None.

    Only a verdict is drawn from the header; its text is never quoted, as a
    hostile server could echo the token in it.
    """
    header = (response.headers.get("WWW-Authenticate") or "")[:2000]
    params = {}
    for match in _AUTH_PARAM.finditer(header):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        params.setdefault(match.group(1).lower(), value)
    error = (params.get("error") or "").lower()
    if error not in ("", "invalid_token"):
        return None
    if "expired" in (params.get("error_description") or "").lower():
        return "expired"
    return "invalid" if error == "invalid_token" else None


def _401_hint(refusal, issued_here):
    if issued_here and refusal == "expired":
        return ("A new token from the token endpoint was refused too, as expired at once: check that the clocks of this "
                "host and of the Identity Server agree, and the token lifetime of the external application")
    if issued_here:
        return ("A new token from the token endpoint was refused too: check that the external application belongs "
                "to this organization")
    if refusal == "expired":
        return ("The access token has expired: get a new one (a new personal access token, or a new token from the "
                "token endpoint) for access_token (UIPATH_ACCESS_TOKEN), or give client_id and client_secret as well, "
                "which then replace an expired token")
    if refusal == "invalid":
        return ("The access token was refused as invalid (it has not expired): check that access_token "
                "(UIPATH_ACCESS_TOKEN) is complete and current, not revoked, and issued for this organization")
    return "The access token was refused: it may be expired, revoked, or issued for another organization"


def _shown_url(response, url):
    request = getattr(response, "request", None)
    return getattr(request, "url", None) or url


def _content_type(response):
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _looks_like_html(response):
    return _content_type(response) in ("text/html", "application/xhtml+xml")


_CODE_FIELDS = ("code", "errorcode", "error", "title", "type")


def _names_invalid_partition(response):
    """Whether a 400 carries the code InvalidPartition.

    Where the code stands in the body is not documented: any value that is the code, or a code-like
    field (code, errorCode, error, title, type) naming it, counts, a message that quotes it does not
    (a refused user name could be spelled so).
    """
    if "json" not in _content_type(response):
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    pending, seen = [(None, body)], 0
    while pending and seen < 200:
        key, value = pending.pop()
        seen += 1
        if isinstance(value, dict):
            pending.extend((str(k).lower(), v) for k, v in list(value.items())[:50])
        elif isinstance(value, list):
            pending.extend((key, v) for v in value[:50])
        elif isinstance(value, str):
            text = value.strip().lower()
            if text == "invalidpartition" or (key in _CODE_FIELDS and "invalidpartition" in text):
                return True
    return False


def _body(response):
    try:
        return response.json()
    except ValueError:
        return response.text


def _json_body(method, url, response):
    """The decoded JSON of a success; a success that is not JSON is no API answer."""
    if not response.content:
        return None
    if "json" not in _content_type(response):
        raise NotIdentityApi(method, url, response.status_code, _describe_misroute(response), hint=MISROUTE_HINT)
    try:
        return response.json()
    except ValueError:
        raise NotIdentityApi(method, url, response.status_code, _describe_misroute(response), hint=MISROUTE_HINT)


def _read_404(response):
    if not response.content.strip():
        return MISSING_UNCONFIRMED
    kind = _content_type(response)
    if kind not in ("application/problem+json", "application/json"):
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    # ASP.NET Core's problem details; a gateway's JSON 404 (Spring's
    # {timestamp, status, error, path}, say) has no title and does not count.
    if kind == "application/problem+json" or (body.get("status") == 404 and "title" in body):
        return MISSING
    return None


def _describe_misroute(response):
    location = response.headers.get("Location")
    kind = _content_type(response) or "no content type"
    if location:
        return "a redirect to %s" % location
    if _looks_like_html(response):
        return "an HTML page (%s)" % kind
    return _body(response)
