# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A deadline for each HTTP attempt as a whole: connect, headers and the complete body.

requests applies ``timeout`` to each socket operation, so a server that sends
a byte now and then keeps one attempt alive without end. A watchdog timer
ends such an attempt: at the deadline it shuts down the sockets of the
connections the attempt took from urllib3's pools, which makes the blocked
read in the task's thread return at once. A timer thread is used rather than
SIGALRM because a module may run inside Ansible's worker process, whose
task time-out owns that signal.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import threading

try:
    from requests.adapters import HTTPAdapter
    from requests.exceptions import ReadTimeout
except ImportError:  # pragma: no cover - the transport reports the missing library
    HTTPAdapter = object
    ReadTimeout = Exception

# How often, after the deadline, to look again for a connection that had no
# socket yet (it was still being opened) when the deadline passed.
RECHECK_SECONDS = 0.1


class AttemptTimedOut(ReadTimeout):
    """The attempt got no complete answer before its deadline; retried like any read time-out."""


class Watchdog(object):
    """Shuts down the sockets an attempt uses once its deadline has passed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._connections = []
        self._sockets = []
        self._timer = None
        self._armed = False
        self.expired = False

    def handed_out(self, connection):
        with self._lock:
            if self._armed:
                self._connections.append(connection)
                self._sockets.append(getattr(connection, "sock", None))

    def opened(self, sock):
        # http.client lets go of the socket of an answer that ends with the
        # connection (conn.sock becomes None) while the body is still read from it.
        with self._lock:
            if self._armed:
                self._sockets.append(sock)

    def arm(self, seconds):
        with self._lock:
            self._connections = []
            self._sockets = []
            self.expired = False
            self._armed = True
            self._start(seconds)

    def disarm(self):
        """End the attempt's watch; return whether its deadline passed."""
        with self._lock:
            self._armed = False
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._connections = []
            self._sockets = []
            return self.expired

    def _start(self, seconds):
        self._timer = threading.Timer(seconds, self._fire)
        # A timer left behind must never keep the module process alive.
        self._timer.daemon = True
        self._timer.start()

    def _fire(self):
        with self._lock:
            if not self._armed:
                return
            self.expired = True
            for sock in self._sockets + [getattr(c, "sock", None) for c in self._connections]:
                _shut_down(sock)
            self._start(RECHECK_SECONDS)


def _shut_down(sock):
    # A TLS-in-TLS connection (an HTTPS proxy) wraps the socket in a transport object.
    for dummy in range(3):
        if sock is None or isinstance(sock, socket.socket):
            break
        sock = getattr(sock, "socket", None)
    if sock is None:
        return
    try:
        # socket.socket's own method, not SSLSocket.shutdown: that one also drops
        # the TLS state the task's thread may be reading with at this moment.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        # Already closed or never connected: nothing left to stop.
        pass


class WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose pools report every connection they hand out to a Watchdog.

    The pool classes are subclassed per pool manager (direct, HTTP(S) proxy or
    SOCKS proxy), so each keeps its own way of connecting.
    """

    def __init__(self, watchdog, *args, **kwargs):
        self._watchdog = watchdog
        self._watched_classes = {}
        super(WatchedAdapter, self).__init__(*args, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super(WatchedAdapter, self).init_poolmanager(*args, **kwargs)
        self._watch(self.poolmanager)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super(WatchedAdapter, self).proxy_manager_for(proxy, **proxy_kwargs)
        self._watch(manager)
        return manager

    def _watch(self, manager):
        classes = getattr(manager, "pool_classes_by_scheme", None)
        if not classes:
            return
        manager.pool_classes_by_scheme = dict((scheme, self._watched(cls)) for scheme, cls in classes.items())

    def _watched(self, cls):
        if getattr(cls, "_identity_watchdog", None) is self._watchdog:
            return cls
        if cls not in self._watched_classes:
            watchdog = self._watchdog
            base = cls.ConnectionCls

            # The classes below derive from cls and base alone, so calling those directly is what
            # super() would call; it also reads the same to every pylint release we test with.
            def _get_conn(pool, *args, **kwargs):
                connection = cls._get_conn(pool, *args, **kwargs)
                watchdog.handed_out(connection)
                return connection

            def connect(connection, *args, **kwargs):
                try:
                    return base.connect(connection, *args, **kwargs)
                finally:
                    watchdog.opened(getattr(connection, "sock", None))

            # The same names as the classes they watch: urllib3 puts them into its error texts.
            watched_connection = type(base.__name__, (base,), {"connect": connect, "__module__": base.__module__})
            watched = type(cls.__name__, (cls,), {"_get_conn": _get_conn, "ConnectionCls": watched_connection,
                                                  "_identity_watchdog": watchdog, "__module__": cls.__module__})
            self._watched_classes[cls] = watched
        return self._watched_classes[cls]
