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
import re

# Long bodies (an HTML error page, say) are cut so a failure stays readable.
BODY_LIMIT = 600
# What a secret of the task is replaced with, in whatever form a server echoed it.
MASK = "********"
# A cut that leaves this many characters of a secret or more leaves too much of it;
# shorter prefixes are too common to remove from every message.
PREFIX_MIN = 6

# The secrets of the running task: no_log option values and any token it obtained.
# Ansible masks only their literal text in the task's output, and only after a
# message is composed; a server's answer can hold them escaped, encoded or cut.
_SECRETS = {}


class IdentityError(Exception):
    """Base of every error raised by this collection's module_utils."""


class ConfigurationError(IdentityError):
    """An option has a value that cannot work; raised before any request."""

    def __init__(self, option, problem):
        self.option = option
        super(ConfigurationError, self).__init__("%s: %s" % (option, problem))


def set_secrets(values):
    """Make ``values`` the secrets of the running task, forgetting any earlier ones."""
    _SECRETS.clear()
    for value in values:
        add_secret(value)


def add_secret(value):
    if isinstance(value, str) and value.strip() and value.strip() not in _SECRETS:
        # Surrounding whitespace is the first thing an answer's layout loses.
        _SECRETS[value.strip()] = None


def scrub(text):
    """``text`` with every whole form of every secret of the task replaced by MASK."""
    for secret in _SECRETS:
        text = _forms(secret).replace(text, whole=True)
    return text


def describe_body(body):
    """Render an API answer body for a message: JSON compact, text shortened, secrets removed.

    Secrets go before the layout changes: once collapsed or cut, a secret no
    longer reads as itself, to Ansible's masking or to this function.
    """
    if body is None or body == "":
        return "(empty body)"
    if not isinstance(body, str):
        body = json.dumps(body, sort_keys=True)
    body = " ".join(scrub(body).split())
    cut = len(body) > BODY_LIMIT
    if cut:
        body = body[:BODY_LIMIT]
    # The answer may end inside a secret: cut here, or cut short by the server itself.
    for secret in _SECRETS:
        body = _forms(secret).replace(body, whole=False)
    return body + "..." if cut else body


def _forms(secret):
    # Built on first need: most tasks never compose a message from an answer.
    if _SECRETS.get(secret) is None:
        _SECRETS[secret] = _Forms(secret)
    return _SECRETS[secret]


# The start of an escape a cut went through: "%C", "%C3%A", "\\u00".
_PARTIAL_ESCAPE = re.compile(r"(?:%[0-9A-Fa-f]{0,2}|\\+u?[0-9A-Fa-f]{0,4})*\Z")


class _Forms(object):
    """Where one secret reads in a text, in any of its forms, one unit (a character, a run of whitespace) at a time.

    Matching walks the units from every place where the secret's first
    characters read, keeping every position a unit can end at, so that
    encodings mixed within one echo are found too.
    """

    def __init__(self, secret):
        self.units = [_Unit(run) for run in re.findall(r"\s+|\S", secret)]
        size = 0
        for count, unit in enumerate(self.units, 1):
            size += unit.size
            if size >= PREFIX_MIN:
                break
        self.lead = re.compile("".join(unit.pattern for unit in self.units[:count]))
        self.prefix_units = count if size >= PREFIX_MIN else None

    def replace(self, text, whole):
        """Replace each whole form (``whole``), or else a prefix that runs to the end of ``text``, with MASK."""
        found = self.lead.search(text)
        while found is not None:
            end = self._walk(text, found.start(), whole)
            if end is not None and whole:
                text = text[:found.start()] + MASK + text[end:]
                found = self.lead.search(text, found.start() + len(MASK))
            elif end is not None:
                return text[:found.start()] + MASK
            else:
                found = self.lead.search(text, found.start() + 1)
        return text

    def _walk(self, text, start, whole):
        positions = set([start])
        for number, unit in enumerate(self.units):
            if not whole and self.prefix_units is not None and number >= self.prefix_units and any(
                    _PARTIAL_ESCAPE.match(text, position) for position in positions):
                return len(text)
            positions = unit.ends(text, positions)
            if not positions:
                return None
        if whole:
            return max(positions)
        return len(text) if any(_PARTIAL_ESCAPE.match(text, position) for position in positions) else None


class _Unit(object):
    """One character of a secret, or one run of its whitespace, and every way it can be written."""

    def __init__(self, run):
        self.size = len(run)
        self.repeat = run.isspace()
        escapes = set()
        for char in set(run):
            escapes.update(_escapes(char))
        # Longest first, and the plain character last: "%25" is one escaped "%", not "%" and "25".
        alternatives = sorted(escapes, key=len, reverse=True) + [r"\s" if self.repeat else re.escape(run)]
        # A whitespace run may reach a message as any other run: collapsed, a tab for spaces, a line break.
        self.pattern = "(?:%s)%s" % ("|".join(alternatives), "+" if self.repeat else "")
        # Each alternative in a look-ahead of its own: one match tells where every one of them ends.
        self._each = re.compile("".join("(?:(?=(%s))|)" % alternative for alternative in alternatives))

    def ends(self, text, positions):
        ends = set()
        waiting = list(positions)
        while waiting:
            match = self._each.match(text, waiting.pop())
            for group in range(1, match.re.groups + 1):
                end = match.end(group)
                if end > match.start() and end not in ends:
                    ends.add(end)
                    if self.repeat:
                        waiting.append(end)
        return ends


def _escapes(char):
    """Patterns for ``char`` escaped: percent (form or URL, any hex case, even twice), JSON (\\uXXXX or short), misread."""
    found = set()
    try:
        encoded = char.encode("utf-8")
    except UnicodeEncodeError:
        encoded = b""
    if encoded:
        found.add("(?i:%s)" % "".join("%%(?:25)*%02X" % byte for byte in encoded))
    for codec in ("latin-1", "cp1252"):
        # Text without a charset is read as ISO-8859-1, so a non-ASCII letter reads as two or more others.
        try:
            misread = encoded.decode(codec)
        except UnicodeDecodeError:
            continue
        if misread and misread != char:
            found.add(re.escape(misread))
    units = char.encode("utf-16-be", "surrogatepass")
    # A backslash may itself be escaped once more when JSON is quoted inside JSON.
    found.add("(?i:%s)" % "".join(r"\\+u%02X%02X" % (units[i], units[i + 1]) for i in range(0, len(units), 2)))
    short = json.dumps(char)[1:-1]
    if short.startswith("\\") and not short.startswith("\\u"):
        found.add(r"\\+" + re.escape(short[1:]) if short != "\\\\" else r"\\+")
    if char == "/":
        found.add(r"\\+/")
    if char == " ":
        found.add(r"\+")
    return found


def service_reason(body):
    """The service's own words for a refusal, or None when its answer has none of the known shapes.

    The Identity API words a refusal in one of several shapes: ``errorMessage`` (a missing scope), an
    IdentityResult's ``errors`` (also inside BulkCreate's ``result``), a validation problem's ``errors``
    by field (an invalid email), or a problem document's ``detail``. Bounded, since the body is untrusted.
    """
    if not isinstance(body, dict):
        return None
    message = body.get("errorMessage")
    if isinstance(message, str) and message.strip():
        return message.strip()
    result = body.get("result") if isinstance(body.get("result"), dict) else body
    errors = result.get("errors")
    parts = []
    if isinstance(errors, list):
        for error in errors[:10]:
            if isinstance(error, dict):
                words = [error.get(key) for key in ("code", "description")]
                words = [word.strip() for word in words if isinstance(word, str) and word.strip()]
                if words:
                    parts.append(": ".join(words))
    elif isinstance(errors, dict):
        for field in sorted(errors, key=str)[:10]:
            messages = errors[field] if isinstance(errors[field], list) else [errors[field]]
            text = " ".join(m.strip() for m in messages[:5] if isinstance(m, str) and m.strip())
            parts.append("%s: %s" % (field, text) if text else str(field))
    if parts:
        # Sentences stay sentences; bare codes are listed.
        return "".join(part if not index else (" " if parts[index - 1][-1] in ".!?" else "; ") + part
                       for index, part in enumerate(parts))
    detail = body.get("detail")
    if isinstance(detail, str) and detail.strip():
        return detail.strip()
    return None


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
        # The service's own words where its answer has them; else the answer itself, shortened.
        reason = service_reason(self.body)
        text = " ".join(parts) + ": " + describe_body(reason if reason is not None else self.body)
        if self.hint:
            text = "%s. %s" % (text, self.hint)
        return scrub(text)


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
