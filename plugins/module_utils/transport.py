# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP for one task: one requests Session, TLS, time-outs and bounded retries.

The transport knows nothing of users or tokens. It repeats only requests that
are safe to repeat, and reports each retry through ``warn`` so that a slow run
explains itself in the Ansible output.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import random
import time

try:
    import requests
    from urllib3.exceptions import NewConnectionError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
    # No answer, or an answer cut short: the request may or may not have been carried out.
    LOST_ANSWER = (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                   requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)
except ImportError as exc:  # pragma: no cover - depends on the environment
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.uipath.identity.plugins.module_utils.connection_hints import lost_answer_hint, seconds, tls_hint
from ansible_collections.uipath.identity.plugins.module_utils.deadline import AttemptTimedOut, Watchdog, WatchedAdapter
from ansible_collections.uipath.identity.plugins.module_utils.errors import TransportError
from ansible_collections.uipath.identity.plugins.module_utils.version import COLLECTION_VERSION

RETRY_STATUSES = frozenset((429, 502, 503, 504))
# POST is not repeated: a create that timed out may have happened.
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE"))
USER_AGENT = "uipath.identity-ansible-collection/" + COLLECTION_VERSION
# Identity's rate limits count requests per fixed window (5 minutes on Automation Cloud) and UiPath does
# not promise a Retry-After: a 429 without one is probed at most this many seconds apart until
# retry_max_wait is spent, so that a window is waited out instead of five quick retries giving up.
WINDOW_PROBE_SECONDS = 30.0
# A remainder of retry_max_wait shorter than this is not worth one more probe.
SHORTEST_PROBE_SECONDS = 0.5


def retry_after_seconds(value, now=None):
    """Seconds asked for by a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    # Imported here: most runs never see a dated Retry-After, and every task pays for imports.
    import email.utils  # pylint: disable=import-outside-toplevel
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


class Transport(object):
    """Send requests with one Session; retry what is safe to retry."""

    def __init__(self, validate_certs=True, ca_path=None, timeout=30.0, retries=5, retry_max_wait=120.0,
                 warn=None, sleep=None, backoff=1.0):
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        # requests bounds each socket read; the watchdog bounds each attempt as a whole.
        self._watchdog = Watchdog()
        for prefix in ("https://", "http://"):
            self.session.mount(prefix, WatchedAdapter(self._watchdog))
        # An explicit auth hook keeps requests from replacing the bearer header
        # with credentials from ~/.netrc; proxies and CA bundles from the
        # environment still apply.
        self.session.auth = _headers_as_given
        self.verify = ca_path if (ca_path and validate_certs) else bool(validate_certs)
        self.ca_path = ca_path if validate_certs else None
        if not validate_certs:
            # The user chose this; urllib3's per-request warning would only add noise.
            requests.packages.urllib3.disable_warnings()
        self.timeout = timeout
        self.retries = retries
        self.retry_max_wait = retry_max_wait
        self.warn = warn or (lambda message: None)
        self.sleep = sleep or time.sleep
        self.backoff = backoff

    def send(self, method, url, retry=None, **kwargs):
        """Send one request; return the final requests.Response.

        ``retry`` says whether the request may be repeated after an answer
        that may have been lost (default: whether the method is idempotent).
        A 429 and a connection that never reached the server are retried for
        every method, since the server did nothing. A status that is still
        retryable when the bound is reached is returned to the caller, whose
        error then names the attempts made (``response.attempts``).
        """
        idempotent = method in IDEMPOTENT_METHODS if retry is None else retry
        # Every request carries a credential (the token form or the bearer header): none may follow a
        # redirect, which would hand it to wherever Location points. Callers read a 3xx as what it is.
        kwargs["allow_redirects"] = False
        waited = 0.0
        attempt = 1
        window_waits = 0
        # Whether an earlier attempt may have been carried out by the server
        # although its answer was lost: a DELETE repeated after that and
        # answered 404 may well have removed the user itself.
        maybe_applied = False
        while True:
            try:
                response = self._attempt(method, url, kwargs)
            except requests.exceptions.SSLError as exc:
                raise TransportError(method, url, status="no answer", body=_reason(exc), attempts=attempt,
                                     hint=tls_hint(exc, url, self.ca_path))
            except LOST_ANSWER as exc:
                sent = not _never_sent(exc)
                delay = self._delay(attempt - window_waits, waited, None) if (idempotent or not sent) else None
                if delay is None:
                    raise TransportError(method, url, status="no answer", body=_reason(exc), attempts=attempt, hint=(
                        "The request may have been carried out; check before repeating it" if sent and not idempotent else
                        lost_answer_hint(exc, url, self.timeout)))
                self._announce(method, url, _reason(exc), delay, attempt - window_waits)
                maybe_applied = maybe_applied or sent
            except requests.exceptions.RequestException as exc:
                # Its text may quote the request (a header, say): name the kind only.
                raise TransportError(method, url, status="no answer", body=type(exc).__name__, attempts=attempt, hint=(
                    "The request could not be sent; check url, token_url, the proxy settings and that access_token is one line"))
            else:
                response.attempts = attempt
                response.maybe_applied_before = maybe_applied
                status = response.status_code
                if status != 429 and not (idempotent and status in RETRY_STATUSES):
                    return response
                asked = retry_after_seconds(response.headers.get("Retry-After"))
                if status == 429 and asked is None:
                    window_waits += 1
                    delay = self._window_delay(window_waits, waited)
                    if delay is None:
                        return response
                    self._announce_window(method, url, delay, waited)
                else:
                    delay = self._delay(attempt - window_waits, waited, asked)
                    if delay is None:
                        return response
                    self._announce(method, url, "status %d" % status, delay, attempt - window_waits)
                maybe_applied = maybe_applied or status != 429
            self.sleep(delay)
            waited += delay
            attempt += 1

    def _attempt(self, method, url, kwargs):
        """One request under the attempt's deadline; a late answer counts as no answer."""
        self._watchdog.arm(self.timeout)
        try:
            response = self.session.request(method, url, timeout=self.timeout, verify=self.verify, **kwargs)
        except requests.exceptions.RequestException as exc:
            if self._watchdog.disarm() and not _never_sent(exc):
                # Whatever the cut-off read raised (a reset, a TLS or protocol error), the cause was the deadline.
                raise self._timed_out()
            raise
        finally:
            expired = self._watchdog.disarm()
        if expired:
            # Read up to a shut-down socket, a body without a length looks complete although it may not be.
            response.close()
            raise self._timed_out()
        return response

    def _timed_out(self):
        return AttemptTimedOut("no complete answer within %s" % seconds(self.timeout))

    def _delay(self, attempt, waited, asked):
        """Seconds to wait before the next attempt, or None when the bound is reached."""
        if attempt > self.retries:
            return None
        if asked is not None:
            delay = asked
        else:
            # Exponential backoff with full jitter, so parallel forks spread out.
            delay = random.uniform(0, self.backoff * (2 ** (attempt - 1)))
        if waited + delay > self.retry_max_wait:
            return None
        return delay

    def _window_delay(self, waits, waited):
        """Seconds before probing a rate limit that named no wait again, or None when retry_max_wait is spent.

        The waits grow as the backoff does up to WINDOW_PROBE_SECONDS, with jitter so that parallel forks
        spread out, and the last one takes what is left of retry_max_wait. ``retries`` does not count
        them (a window is a span of time, not a number of attempts), but retries=0 still means no retry.
        """
        left = self.retry_max_wait - waited
        if self.retries == 0 or left < SHORTEST_PROBE_SECONDS:
            return None
        step = min(WINDOW_PROBE_SECONDS, self.backoff * (2 ** min(waits - 1, 16)))
        return min(left, random.uniform(step / 2, step))

    def _announce_window(self, method, url, delay, waited):
        self.warn("%s %s: status 429 (rate limit) without Retry-After; the limit counts requests per time window, "
                  "so waiting %.1f s before trying again (%.1f s waited so far, at most %s by retry_max_wait)" % (
                      method, url, delay, waited, seconds(self.retry_max_wait)))

    def _announce(self, method, url, reason, delay, attempt):
        self.warn("%s %s: %s; retrying in %.1f s (attempt %d of at most %d)" % (
            method, url, reason, delay, attempt + 1, self.retries + 1))

    def close(self):
        self.session.close()


def _headers_as_given(request):
    return request


def _never_sent(exc):
    """Whether a connection failure happened before the request could reach the server."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    return isinstance(getattr(reason, "reason", reason), NewConnectionError)


def _reason(exc):
    """The innermost reason of a requests exception, without the request's headers."""
    reason = exc
    seen = 0
    while getattr(reason, "args", None) and seen < 5:
        # ssl.SSLError's own "reason" is a string (an OpenSSL code): only an exception is followed.
        inner = getattr(reason, "reason", None)
        if not isinstance(inner, Exception):
            inner = reason.args[0] if isinstance(reason.args[0], Exception) else None
        if inner is None:
            break
        reason = inner
        seen += 1
    if isinstance(reason, AttemptTimedOut):
        return "timed out: %s" % reason
    return "%s: %s" % (type(reason).__name__, reason)
