# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where the Identity API and its token endpoint live, per deployment.

Automation Cloud and Automation Suite serve Identity under ``/identity_`` and
scope it by organization; a standalone installation serves it under
``/identity`` with no organization in the path. ``identity_url`` names the
Identity address outright for an installation laid out otherwise.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from urllib.parse import quote, unquote, urlsplit

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError

DEPLOYMENTS = ("cloud", "automation_suite", "standalone")
DEFAULT_URL = "https://cloud.uipath.com"

# An organization is one path segment of the portal URL; anything that could
# change the path (slashes, dots only, percent signs, spaces) is refused.
_ORGANIZATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.~-]*$")


_SEGMENT = re.compile(r"\A[A-Za-z0-9_.~-]+\Z")


def check_http_url(option, value):
    """Return ``value`` without trailing slashes, or raise ConfigurationError."""
    if not value or not value.strip():
        raise ConfigurationError(option, "must not be empty")
    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port
    except ValueError as exc:
        raise ConfigurationError(option, "is not a valid URL (%s)" % exc)
    if parts.scheme not in ("http", "https"):
        raise ConfigurationError(option, "must start with https:// (or http://), got %r" % _without_userinfo(value))
    if not parts.hostname:
        raise ConfigurationError(option, "has no host name")
    if parts.username is not None or parts.password is not None:
        # Credentials in a URL would be printed with every error message.
        raise ConfigurationError(option, "must not contain a user name or password; use access_token or client_id and client_secret")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise ConfigurationError(option, "must not contain a query string or fragment")
    if any(ord(c) < 33 or ord(c) == 127 for c in value):
        raise ConfigurationError(option, "must not contain spaces or control characters")
    return value.rstrip("/")


def _without_userinfo(value):
    return re.sub(r"//[^/@]*@", "//", value)


def _refuse_organization_in_url(root, organization):
    """Refuse a url that already ends with the organization, before any request.

    The organization is added to url, so https://cloud.uipath.com/acme would
    call /acme/acme/identity_, which fails as a misrouted request with no word
    of the cause. A path prefix spelled like the organization is not a layout
    either deployment uses, so this is taken to be certain, not a guess.
    """
    path = urlsplit(root).path.rstrip("/")
    if path and unquote(path.rsplit("/", 1)[-1]).lower() == organization.lower():
        raise ConfigurationError("url", "ends with the organization %r, which the collection adds itself: give url without it (%s)"
                                 % (organization, root.rstrip("/").rsplit("/", 1)[0]))


def check_identity_url(value):
    """The Identity base address given outright: above /api and /connect/token, never one of them."""
    base = check_http_url("identity_url", value)
    path = urlsplit(base).path.lower()
    for tail in ("/api", "/connect/token", "/connect"):
        if path.endswith(tail) or (tail == "/api" and "/api/" in path):
            raise ConfigurationError("identity_url", "must be the Identity base address, the part before /api and /connect/token "
                                     "(such as https://cloud.uipath.com/<organization>/identity_), got %s" % base)
    return base


class Endpoints(object):
    """The two base URLs a task talks to."""

    def __init__(self, url=None, deployment=None, organization=None, token_url=None, identity_url=None):
        deployment = deployment or "cloud"
        if deployment not in DEPLOYMENTS:
            raise ConfigurationError("deployment", "must be one of %s, got %r" % (", ".join(DEPLOYMENTS), deployment))
        self.identity_url_set = identity_url is not None
        if identity_url is not None:
            # For an installation whose layout the deployments do not describe (an Automation Suite serving
            # Identity host-level, a partition id instead of the organization name): url and organization
            # are then not used for the addresses, and the token endpoint is the same server's.
            self.api_base = check_identity_url(identity_url)
            derived_token_url = self.api_base + "/connect/token"
        else:
            self.api_base, derived_token_url = self._derived(url, deployment, organization)
        self.deployment = deployment
        self.token_url = check_http_url("token_url", token_url) if token_url is not None else derived_token_url

    @staticmethod
    def _derived(url, deployment, organization):
        """The API base and token endpoint of a deployment's usual layout."""
        root = check_http_url("url", DEFAULT_URL if url is None else url)
        if deployment == "standalone":
            return root + "/identity", root + "/identity/connect/token"
        if organization is None or not organization.strip():
            raise ConfigurationError(
                "organization",
                "is required for deployment=%s: the organization name as it appears in the portal URL "
                "(%s/<organization>/...), or set identity_url to the Identity address outright" % (deployment, root))
        organization = organization.strip()
        if not _ORGANIZATION.match(organization):
            raise ConfigurationError("organization", "must be a single name of letters, digits, '-', '_', '.' or '~', got %r" % organization)
        _refuse_organization_in_url(root, organization)
        return "%s/%s/identity_" % (root, quote(organization, safe="")), root + "/identity_/connect/token"

    def api(self, *segments):
        """The URL of an API path below ``{base}/api``; every segment is escaped."""
        for segment in segments:
            # Only plain names and ids make a segment: '.', '..' and anything a
            # server might decode into a separator would let a value climb out
            # of the API path, so they are refused rather than escaped.
            if not _SEGMENT.match(segment) or segment.strip(".") == "":
                raise ConfigurationError("path", "refused the path segment %r" % segment)
        return "/".join([self.api_base, "api"] + [quote(s, safe="") for s in segments])
