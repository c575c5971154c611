# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Typed errors of the Identity API client.

Every error that concerns a request carries the method and the URL (which never
holds a credential: the URL options refuse user info) and the API's own answer,
so a failure message can say what failed, where, and what to do.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

# Long bodies (an HTML error page, say) are cut so a failure stays readable.
BODY_LIMIT = 600


class IdentityError(Exception):
    """Base of every error raised by this collection's module_utils."""


class ConfigurationError(IdentityError):
    """An option has a value that cannot work; raised before any request."""

    def __init__(self, option, problem):
        self.option = option
        super(ConfigurationError, self).__init__("%s: %s" % (option, problem))


def describe_body(body):
    """Render an API answer body for a message: JSON compact, text shortened."""
    if body is None or body == "":
        return "(empty body)"
    if not isinstance(body, str):
        body = json.dumps(body, sort_keys=True)
    body = " ".join(body.split())
    if len(body) > BODY_LIMIT:
        body = body[:BODY_LIMIT] + "..."
    return body


class ApiError(IdentityError):
    """A request that got an answer the caller cannot accept."""

    def __init__(self, method, url, status=None, body=None, hint=None, attempts=1):
        self.method = method
        self.url = url
        self.status = status
        self.body = body
        self.hint = hint
        self.attempts = attempts
        super(ApiError, self).__init__(self._compose())

    def headline(self):
        return "%s %s answered %s" % (self.method, self.url, self.status)

    def _compose(self):
        parts = [self.headline()]
        if self.attempts > 1:
            parts.append("after %d attempts" % self.attempts)
        text = " ".join(parts) + ": " + describe_body(self.body)
        if self.hint:
            text = "%s. %s" % (text, self.hint)
        return text


class AuthenticationError(ApiError):
    """401 from the API, or a token endpoint that refused the credentials."""

    def __init__(self, method, url, status=None, body=None, hint=None, attempts=1, oauth_error=None):
        # The token endpoint's OAuth2 error code (invalid_client, invalid_scope, ...), if any.
        self.oauth_error = oauth_error
        super(AuthenticationError, self).__init__(method, url, status, body, hint, attempts)

    def headline(self):
        return "Authentication failed: " + super(AuthenticationError, self).headline()


class PermissionDenied(ApiError):
    """403: the token is valid but lacks the scope the call needs."""

    def headline(self):
        return "Permission denied: " + super(PermissionDenied, self).headline()


class NotIdentityApi(ApiError):
    """The answer did not come from the Identity API (wrong url, organization or proxy)."""

    def headline(self):
        return "Not an Identity API answer: " + super(NotIdentityApi, self).headline()


class TransportError(ApiError):
    """No HTTP answer at all: connection refused or reset, TLS failure, time-out."""

    def headline(self):
        return "%s %s failed" % (self.method, self.url)
