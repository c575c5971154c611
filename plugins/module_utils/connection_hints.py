# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What to tell the user when a request got no HTTP answer at all.

Each hint names what happened (TLS trust, host name, not TLS, refused, name
resolution, time-out) and what to change; a remedy is only suggested where it
fits the failure, so ``validate_certs: false`` is never offered for a server
that does not speak TLS or for a wrong host name.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import errno
import socket
import ssl
from urllib.parse import urlsplit

# OpenSSL's X509_V_ERR_* codes this module tells apart.
_HOST_MISMATCH = (62, 64)  # host name, IP address
_EXPIRED = (10,)
# Reasons OpenSSL gives when the other end answers a TLS hello with plain text.
_NOT_TLS = ("WRONG_VERSION_NUMBER", "HTTP_REQUEST", "UNKNOWN_PROTOCOL", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG")


def causes(exc, depth=10):
    """The exception and the ones it wraps (urllib3's reason, args, cause, context), outermost first."""
    seen = []
    while exc is not None and len(seen) < depth and all(exc is not s for s in seen):
        seen.append(exc)
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__
    return seen


def seconds(value):
    return "1 second" if value == 1 else "%g seconds" % value


def host_and_port(url):
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return "%s:%s" % (parts.hostname, port or (443 if parts.scheme == "https" else 80))


def tls_hint(exc, url, ca_path=None):
    """What a TLS failure means and what to change."""
    chain = causes(exc)
    tls_errors = [e for e in chain if isinstance(e, ssl.SSLError) or "Certificate" in type(e).__name__]
    innermost = (tls_errors or chain)[-1]
    code = getattr(innermost, "verify_code", None)
    reason = str(getattr(innermost, "reason", "") or "").upper()
    # Only the TLS layer's own words: the outer errors quote the request's URL.
    text = " ".join(str(e) for e in (tls_errors or [innermost])).lower()
    where = host_and_port(url)
    if code in _HOST_MISMATCH or "mismatch" in text or "doesn't match" in text:
        return ("The server's certificate was not issued for %s (host name mismatch): use in url the host name the "
                "certificate names, or have the certificate reissued for this name" % urlsplit(url).hostname)
    if reason in _NOT_TLS or any(r.lower().replace("_", " ") in text for r in _NOT_TLS):
        return ("The server at %s does not speak TLS at that port: if it serves plain HTTP, the url should start with "
                "http:// (or the port is wrong)" % where)
    if not (code is not None or "certificate verify failed" in text or "certificate_verify_failed" in text):
        return "The TLS handshake with %s failed: check that url names the Identity Server and its HTTPS port" % where
    if code in _EXPIRED or "expired" in text:
        return "The server's certificate has expired (or this host's clock is wrong); it must be renewed on the server"
    if ca_path:
        return ("The CA bundle in ca_path (%s) did not verify the server's certificate: set ca_path to the bundle of the "
                "CA that signed it, including any intermediate certificates" % ca_path)
    return ("The server's certificate is signed by a CA this host does not trust (unknown CA or self-signed): set "
            "ca_path (UIPATH_CA_PATH) to the CA bundle that signed it, or validate_certs: false to skip the check "
            "(not recommended)")


def lost_answer_hint(exc, url, timeout):
    """What a connection failure or time-out means; the time-out is named only for a time-out."""
    chain = causes(exc)
    where = host_and_port(url)
    if any(_is_refused(e) for e in chain):
        return ("The connection was refused: nothing is listening at %s. Check the host and port in url "
                "(or token_url) and that the server is running" % where)
    if any(isinstance(e, socket.gaierror) or type(e).__name__ == "NameResolutionError" for e in chain):
        return "The host name %s could not be resolved: check url (or token_url) and DNS" % urlsplit(url).hostname
    if any(_is_timeout(e) for e in chain):
        return ("Check url and the network path to it, or raise timeout (UIPATH_TIMEOUT, now %s) if the server "
                "is that slow" % seconds(timeout))
    return "The connection to %s failed: check url and the network path to it (proxy, firewall)" % where


def _is_refused(exc):
    return isinstance(exc, ConnectionRefusedError) or getattr(exc, "errno", None) == errno.ECONNREFUSED


def _is_timeout(exc):
    name = type(exc).__name__
    return isinstance(exc, socket.timeout) or "Timeout" in name or "TimedOut" in name
