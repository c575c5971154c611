# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""``timeout`` bounds each attempt as a whole, proven against real hostile servers on 127.0.0.1.

Each server answers a byte at a time, often enough that no single socket read
ever times out: only a deadline for the attempt as a whole ends the request.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import threading
import time

import pytest

from ansible_collections.uipath.identity.plugins.module_utils.errors import TransportError
from ansible_collections.uipath.identity.plugins.module_utils.transport import Transport

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
# Well below the attempts' timeouts (0.5 s, 1 s), so that no single socket read ever times out.
DRIP = 0.2


class HostileServer(object):
    """Accepts connections on 127.0.0.1 and answers each by ``answer(connection)``."""

    def __init__(self, answer):
        self.answer = answer
        self.connections = 0
        self._stop = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(8)
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, name="hostile-server", daemon=True)
        self._thread.start()

    def url(self, path="/identity/api/User/3fa85f64-5717-4562-b3fc-2c963f66afa6"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, dummy = self._listener.accept()
            except socket.timeout:
                continue
            self.connections += 1
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection):
        try:
            connection.settimeout(5)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                request += chunk
            self.answer(self, connection)
        except OSError:
            pass  # the client hung up: that is what the test wants
        finally:
            connection.close()

    def drip(self, connection, data):
        for index in range(len(data)):
            if self._stop.is_set():
                return
            connection.sendall(data[index:index + 1])
            time.sleep(DRIP)

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self._listener.close()


def dribbled_headers(server, connection):
    server.drip(connection, HEAD + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n{}")


def dribbled_body(server, connection):
    connection.sendall(HEAD + b"Content-Length: 200\r\n\r\n")
    server.drip(connection, b"[" + b" " * 198 + b"]")


def dribbled_body_until_close(server, connection):
    # No length and no chunks: the body ends when the connection does, so a cut body looks whole.
    connection.sendall(HEAD + b"Connection: close\r\n\r\n")
    server.drip(connection, b"[" + b" " * 198 + b"]")


@pytest.fixture
def hostile():
    servers = []

    def start(answer):
        servers.append(HostileServer(answer))
        return servers[-1]
    yield start
    for server in servers:
        server.close()


def send(server, method="GET", timeout=1, **kwargs):
    warnings = []
    transport = Transport(timeout=timeout, retries=kwargs.pop("retries", 0), warn=warnings.append, sleep=lambda s: None)
    started = time.monotonic()
    try:
        with pytest.raises(TransportError) as info:
            transport.send(method, server.url(), **kwargs)
    finally:
        transport.close()
    return info.value, time.monotonic() - started, warnings


@pytest.mark.parametrize("answer", [dribbled_headers, dribbled_body, dribbled_body_until_close])
def test_a_dribbling_server_is_cut_off_at_the_timeout(hostile, answer):
    server = hostile(answer)
    error, elapsed, dummy = send(server)
    assert elapsed < 2.0, "the attempt took %.1f s with timeout=1" % elapsed
    message = str(error)
    assert "no complete answer within 1 second" in message and server.url() in message
    assert "raise timeout (UIPATH_TIMEOUT, now 1 second)" in message


def test_a_cut_off_attempt_is_retried_like_a_read_timeout(hostile):
    server = hostile(dribbled_body)
    error, elapsed, warnings = send(server, timeout=0.5, retries=1)
    assert error.attempts == 2 and server.connections == 2 and elapsed < 2.0
    assert len(warnings) == 1 and "timed out: no complete answer within 0.5 seconds; retrying" in warnings[0]


def test_a_cut_off_post_is_not_repeated(hostile):
    server = hostile(dribbled_headers)
    error, elapsed, warnings = send(server, method="POST", timeout=0.5, retries=3, json={})
    assert elapsed < 1.5 and server.connections == 1 and warnings == []
    assert "may have been carried out" in str(error)


def test_the_deadline_also_holds_through_a_proxy(hostile, monkeypatch):
    # The hostile server plays the proxy: requests sends it the whole request for http:// URLs.
    server = hostile(dribbled_body)
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:%d" % server.port)
    transport = Transport(timeout=0.5, retries=0, sleep=lambda s: None)
    started = time.monotonic()
    with pytest.raises(TransportError) as info:
        transport.send("GET", "http://identity.invalid/identity/api/User")
    transport.close()
    assert time.monotonic() - started < 1.5 and server.connections == 1
    assert "no complete answer within 0.5 seconds" in str(info.value)


def test_a_prompt_answer_passes_and_the_connection_is_kept(hostile):
    def prompt(server, connection):
        body = b'{"ok": true}'
        for dummy in range(2):
            connection.sendall(HEAD + b"Content-Length: %d\r\n\r\n" % len(body) + body)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                request += chunk
    server = hostile(prompt)
    transport = Transport(timeout=0.5, retries=0)
    assert transport.send("GET", server.url()).json() == {"ok": True}
    # Slower in total than one timeout, each answer prompt: only an attempt is bounded, not the task.
    time.sleep(0.7)
    assert transport.send("GET", server.url()).json() == {"ok": True}
    transport.close()
    assert server.connections == 1
