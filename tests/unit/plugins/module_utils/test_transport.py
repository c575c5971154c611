# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import email.utils
import socket
import ssl

import pytest
import requests
import responses
import urllib3
from urllib3.exceptions import MaxRetryError, NewConnectionError

from ansible_collections.uipath.identity.plugins.module_utils.errors import TransportError
from ansible_collections.uipath.identity.plugins.module_utils.transport import Transport, retry_after_seconds
from ansible_collections.uipath.identity.plugins.module_utils.version import COLLECTION_VERSION

URL = "https://x.example.test/identity/api/User/3fa85f64-5717-4562-b3fc-2c963f66afa6"


class Recorder(object):
    def __init__(self):
        self.warnings = []
        self.sleeps = []

    def transport(self, **kwargs):
        kwargs.setdefault("backoff", 1.0)
        return Transport(warn=self.warnings.append, sleep=self.sleeps.append, **kwargs)


@pytest.fixture
def rec():
    return Recorder()


def test_retry_after_forms():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    date = email.utils.formatdate(1000.0 + 30, usegmt=True)
    assert retry_after_seconds(date, now=1000.0) == pytest.approx(30.0)
    assert retry_after_seconds(email.utils.formatdate(10.0, usegmt=True), now=1000.0) == 0.0


def test_429_honours_retry_after_and_warns(api, rec):
    api.add(responses.DELETE, URL, status=429, headers={"Retry-After": "3"})
    api.add(responses.DELETE, URL, status=204)
    response = rec.transport().send("DELETE", URL)
    assert response.status_code == 204 and response.attempts == 2
    assert rec.sleeps == [3.0]
    assert len(rec.warnings) == 1 and "DELETE %s: status 429; retrying in 3.0 s" % URL in rec.warnings[0]
    assert response.maybe_applied_before is False


@pytest.mark.parametrize("status", [502, 503, 504])
def test_5xx_gateway_errors_are_retried_with_backoff(api, rec, status):
    api.add(responses.GET, URL, status=status)
    api.add(responses.GET, URL, status=status)
    api.add(responses.GET, URL, json={})
    response = rec.transport(backoff=2.0).send("GET", URL)
    assert response.status_code == 200 and response.attempts == 3
    assert 0 <= rec.sleeps[0] <= 2.0 and 0 <= rec.sleeps[1] <= 4.0


def test_delete_after_a_5xx_may_have_been_applied(api, rec):
    api.add(responses.DELETE, URL, status=502)
    api.add(responses.DELETE, URL, status=404)
    assert rec.transport().send("DELETE", URL).maybe_applied_before is True


def test_500_is_not_retried(api, rec):
    api.add(responses.GET, URL, status=500)
    assert rec.transport().send("GET", URL).status_code == 500
    assert rec.sleeps == []


def test_post_is_not_retried(api, rec):
    api.add(responses.POST, URL, status=503)
    response = rec.transport().send("POST", URL)
    assert response.status_code == 503 and response.attempts == 1


def test_token_post_may_opt_in(api, rec):
    api.add(responses.POST, URL, status=503)
    api.add(responses.POST, URL, json={})
    assert rec.transport().send("POST", URL, retry=True).status_code == 200


def test_bound_on_attempts_returns_last_answer(api, rec):
    for dummy in range(3):
        api.add(responses.GET, URL, status=429, headers={"Retry-After": "1"})
    response = rec.transport(retries=2).send("GET", URL)
    assert response.status_code == 429 and response.attempts == 3
    assert len(rec.warnings) == 2


def test_bound_on_total_wait(api, rec):
    api.add(responses.GET, URL, status=429, headers={"Retry-After": "100"})
    response = rec.transport(retry_max_wait=60).send("GET", URL)
    assert response.status_code == 429 and rec.sleeps == []


def test_a_429_without_retry_after_is_waited_out_across_a_window_not_given_up_after_the_retries(api, rec):
    # Cloud's limits count 5-minute windows: five quick backoffs (1+2+4+8+16 s) would give up inside one.
    for dummy in range(12):
        api.add(responses.DELETE, URL, status=429)
    api.add(responses.DELETE, URL, status=204)
    response = rec.transport(retries=5, retry_max_wait=300).send("DELETE", URL)
    assert response.status_code == 204 and response.attempts == 13
    assert len(rec.sleeps) == 12 and all(0 < wait <= 30.0 for wait in rec.sleeps)
    # The waits grow as the backoff does (jittered between half and all of each step), then hold at 30 s.
    for number, wait in enumerate(rec.sleeps):
        step = min(30.0, 2.0 ** number)
        assert step / 2 <= wait <= step
    assert len(rec.warnings) == 12 and all("without Retry-After" in w and "time window" in w for w in rec.warnings)
    assert "at most 300 seconds by retry_max_wait" in rec.warnings[0]


def test_a_429_without_retry_after_spends_retry_max_wait_and_no_more(api, rec):
    api.add(responses.GET, URL, status=429)
    response = rec.transport(retry_max_wait=100).send("GET", URL)
    assert response.status_code == 429
    # The last wait takes what is left (a remainder under half a second is not worth a try); then the 429 is the answer.
    # The waits are floats: their sum may pass retry_max_wait by a rounding error (1e-14 s), never by more.
    assert 99.5 <= sum(rec.sleeps) <= 100.0 + 1e-9 and max(rec.sleeps) <= 30.0
    assert response.attempts == len(rec.sleeps) + 1


def test_no_retry_means_no_window_wait_either(api, rec):
    api.add(responses.GET, URL, status=429)
    response = rec.transport(retries=0).send("GET", URL)
    assert response.status_code == 429 and rec.sleeps == [] and response.attempts == 1


def test_window_waits_leave_the_retries_to_other_failures(api, rec):
    for dummy in range(4):
        api.add(responses.GET, URL, status=429)
    api.add(responses.GET, URL, status=503)
    api.add(responses.GET, URL, json={})
    response = rec.transport(retries=1).send("GET", URL)
    assert response.status_code == 200 and response.attempts == 6
    assert "attempt 2 of at most 2" in rec.warnings[-1]


def test_an_unreadable_retry_after_on_a_429_is_waited_out_as_none(api, rec):
    api.add(responses.GET, URL, status=429, headers={"Retry-After": "soon"})
    api.add(responses.GET, URL, json={})
    response = rec.transport().send("GET", URL)
    assert response.status_code == 200 and "without Retry-After" in rec.warnings[0]


def test_connection_errors_are_retried_then_reported(api, rec):
    error = requests.exceptions.ConnectionError("Connection reset by peer")
    for dummy in range(3):
        api.add(responses.GET, URL, body=error)
    with pytest.raises(TransportError) as info:
        rec.transport(retries=2).send("GET", URL)
    assert info.value.attempts == 3 and URL in str(info.value) and "reset" in str(info.value)


def test_read_timeout_is_retried(api, rec):
    api.add(responses.GET, URL, body=requests.exceptions.ReadTimeout("read timed out"))
    api.add(responses.GET, URL, json={})
    assert rec.transport().send("GET", URL).status_code == 200


def test_tls_failure_says_what_to_set(api, rec):
    api.add(responses.GET, URL, body=requests.exceptions.SSLError("CERTIFICATE_VERIFY_FAILED"))
    with pytest.raises(TransportError) as info:
        rec.transport().send("GET", URL)
    assert "ca_path" in str(info.value) and "validate_certs" in str(info.value)
    assert rec.sleeps == []


def tls_error(text, verify_code=None, reason=None):
    """requests' SSLError wrapping urllib3's around the ssl module's, as a real handshake raises them."""
    inner = ssl.SSLCertVerificationError(1, text) if verify_code else ssl.SSLError(1, text)
    inner.verify_code, inner.reason = verify_code, reason
    return requests.exceptions.SSLError(MaxRetryError(None, URL, urllib3.exceptions.SSLError(inner)))


UNKNOWN_CA = ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)",
              20, "CERTIFICATE_VERIFY_FAILED")
SELF_SIGNED = ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)",
               18, "CERTIFICATE_VERIFY_FAILED")
HOST_MISMATCH = ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for "
                 "'x.example.test'. (_ssl.c:1006)", 62, "CERTIFICATE_VERIFY_FAILED")
NOT_TLS = ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", None, "WRONG_VERSION_NUMBER")


@pytest.mark.parametrize("error, ca_path, says, never", [
    (UNKNOWN_CA, None, ["CA this host does not trust", "ca_path", "validate_certs: false"], ["ca_path (/"]),
    (SELF_SIGNED, None, ["unknown CA or self-signed", "validate_certs: false"], []),
    (UNKNOWN_CA, "/etc/corp-ca.pem", ["CA bundle in ca_path (/etc/corp-ca.pem) did not verify"], ["validate_certs"]),
    (HOST_MISMATCH, None, ["not issued for x.example.test", "host name mismatch"], ["validate_certs", "ca_path"]),
    (HOST_MISMATCH, "/etc/corp-ca.pem", ["host name mismatch"], ["validate_certs", "CA bundle"]),
    (NOT_TLS, None, ["does not speak TLS", "x.example.test:443", "http://"], ["validate_certs", "ca_path", "certificate"]),
    (NOT_TLS, "/etc/corp-ca.pem", ["does not speak TLS"], ["validate_certs", "CA bundle"]),
])
def test_tls_failures_say_what_happened(api, error, ca_path, says, never):
    api.add(responses.GET, URL, body=tls_error(*error))
    with pytest.raises(TransportError) as info:
        Transport(ca_path=ca_path, retries=0).send("GET", URL)
    hint = info.value.hint
    assert all(text in hint for text in says), hint
    assert not any(text in hint for text in never), hint
    assert URL in str(info.value)


def test_a_refused_connection_says_so_and_not_the_timeout(rec):
    # A port just bound and released on loopback: nothing listens there.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    url = "http://127.0.0.1:%d/identity/api/User" % port
    with pytest.raises(TransportError) as info:
        rec.transport(retries=1).send("GET", url)
    message = str(info.value)
    assert "refused" in message and "nothing is listening at 127.0.0.1:%d" % port in message
    assert "timeout" not in message.lower() and info.value.attempts == 2


def test_an_unknown_host_name_says_so(api, rec):
    # urllib3 2 raises its NameResolutionError from the gaierror, urllib3 1.26 a NewConnectionError in its handler.
    unresolved = NewConnectionError(None, "Failed to establish a new connection: [Errno -2] Name or service not known")
    unresolved.__cause__ = socket.gaierror(-2, "Name or service not known")
    api.add(responses.GET, URL, body=requests.exceptions.ConnectionError(MaxRetryError(None, URL, unresolved)))
    with pytest.raises(TransportError) as info:
        rec.transport(retries=0).send("GET", URL)
    assert "x.example.test could not be resolved" in str(info.value) and "timeout" not in str(info.value).lower()


def test_a_read_timeout_names_the_timeout(api, rec):
    api.add(responses.GET, URL, body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(TransportError) as info:
        rec.transport(retries=0, timeout=7.5).send("GET", URL)
    assert "raise timeout (UIPATH_TIMEOUT, now 7.5 seconds)" in str(info.value)


def test_user_agent_names_the_collection_version(api, rec):
    api.add(responses.GET, URL, json={})
    rec.transport().send("GET", URL)
    assert api.calls[0].request.headers["User-Agent"] == "uipath.identity-ansible-collection/" + COLLECTION_VERSION


def test_tls_settings():
    assert Transport(validate_certs=True, ca_path="/etc/ca.pem").verify == "/etc/ca.pem"
    assert Transport(validate_certs=True).verify is True
    assert Transport(validate_certs=False, ca_path="/etc/ca.pem").verify is False


def test_cut_short_answer_is_retried_and_may_have_been_applied(api, rec):
    api.add(responses.DELETE, URL, body=requests.exceptions.ChunkedEncodingError("Connection broken"))
    api.add(responses.DELETE, URL, status=404)
    response = rec.transport().send("DELETE", URL)
    assert response.status_code == 404 and response.maybe_applied_before is True


def test_refused_connection_was_never_applied(api, rec):
    refused = requests.exceptions.ConnectionError(MaxRetryError(None, URL, NewConnectionError(None, "Connection refused")))
    api.add(responses.DELETE, URL, body=refused)
    api.add(responses.DELETE, URL, status=404)
    assert rec.transport().send("DELETE", URL).maybe_applied_before is False


def test_post_is_retried_when_nothing_was_done(api, rec):
    api.add(responses.POST, URL, status=429, headers={"Retry-After": "0"})
    api.add(responses.POST, URL, body=requests.exceptions.ConnectTimeout("connect timed out"))
    api.add(responses.POST, URL, json={})
    assert rec.transport().send("POST", URL).status_code == 200


def test_post_with_a_lost_answer_is_not_repeated(api, rec):
    api.add(responses.POST, URL, body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(TransportError) as info:
        rec.transport().send("POST", URL)
    assert "may have been carried out" in str(info.value) and rec.sleeps == []


def test_other_request_errors_are_named_not_quoted(api, rec):
    api.add(responses.GET, URL, body=requests.exceptions.InvalidHeader("Invalid header value 'Bearer SECRET\\nPART'"))
    with pytest.raises(TransportError) as info:
        rec.transport().send("GET", URL, headers={"Authorization": "Bearer x"})
    assert "InvalidHeader" in str(info.value) and "SECRET" not in str(info.value)


def test_netrc_never_replaces_the_bearer_header(tmp_path, monkeypatch, api, rec):
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine x.example.test login bob password netrc-password\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HOME", str(tmp_path))
    api.add(responses.GET, URL, json={})
    rec.transport().send("GET", URL, headers={"Authorization": "Bearer the-token"})
    assert api.calls[0].request.headers["Authorization"] == "Bearer the-token"
    api.add(responses.POST, URL, json={})
    rec.transport().send("POST", URL, data={"a": "b"})
    assert "Authorization" not in api.calls[1].request.headers
