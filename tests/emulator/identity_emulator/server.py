"""HTTP/1.1 plumbing: a threading server with keep-alive, optional TLS and resets."""

import http.server
import logging
import socket
import socketserver
import ssl
import struct
import threading

from .app import Request

LOG = logging.getLogger(__name__)


class Handler(http.server.BaseHTTPRequestHandler):
    """Turns each request into an app.Request and writes the app's Response."""

    protocol_version = "HTTP/1.1"
    server_version = "IdentityEmulator/1.0"
    sys_version = ""
    # Idle keep-alive connections are dropped after this many seconds.
    timeout = 120
    # Headers and body go out in separate writes; without TCP_NODELAY the
    # second one waits for a delayed ACK (about 40 ms per request).
    disable_nagle_algorithm = True

    def version_string(self):
        return self.server_version

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    # Skip optional trailers up to the blank line.
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self):
        try:
            body = self._read_body()
        except ValueError:
            self.send_error(400, "Malformed request body framing")
            return
        response = self.server.app.handle(Request(self.command, self.path, self.headers, body))
        if response.reset:
            self._reset()
            return
        payload = b"" if self.command == "HEAD" else response.body
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    def _reset(self):
        """Drop the connection with a TCP RST, like a proxy that gave up."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        # The request log is the record of traffic; stderr stays quiet.
        LOG.debug("%s " + format, self.address_string(), *args)


class Server(http.server.ThreadingHTTPServer):
    """One thread per connection; TLS is negotiated in that thread, not in accept()."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, app, ssl_context=None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.app = app
        self.ssl_context = ssl_context
        self._open = set()
        self._open_lock = threading.Lock()

    def server_bind(self):
        # HTTPServer.server_bind resolves the host name (getfqdn), which can
        # stall for seconds without DNS; the name is not needed here.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def finish_request(self, request, client_address):
        connection = request
        with self._open_lock:
            self._open.add(request)
        try:
            if self.ssl_context is not None:
                request.settimeout(Handler.timeout)
                connection = self.ssl_context.wrap_socket(request, server_side=True)
                with self._open_lock:
                    self._open.add(connection)
            self.RequestHandlerClass(connection, client_address, self)
        except (OSError, ssl.SSLError) as exc:
            # Clients that distrust the CA or hang up mid-request end up here.
            LOG.debug("connection from %s ended: %s", client_address, exc)
        finally:
            with self._open_lock:
                self._open.discard(request)
                self._open.discard(connection)
            if connection is not request:
                connection.close()

    def handle_error(self, request, client_address):
        LOG.debug("error on connection from %s", client_address, exc_info=True)

    def close_connections(self):
        """Wake handler threads blocked on idle keep-alive connections."""
        with self._open_lock:
            connections = list(self._open)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
