"""Injected failures and Automation Cloud's Identity rate limits.

Faults let tests exercise retry logic deterministically: each one fires for
the first N matching requests and then disappears.
"""

import math
import re
import threading
import time

FAULT_STATUSES = (429, 500, 502, 503, 504)
FAULT_KINDS = ("status", "reset", "delay", "body", "remove", "vanish")

# Requests per organization, per method, per window (documented for Automation Cloud).
DEFAULT_LIMITS = {"GET": 300, "POST": 24000, "PUT": 160, "PATCH": 160, "DELETE": 160}


class Fault:
    """One armed failure; `remaining` counts down as requests consume it."""

    def __init__(self, method=None, path=".*", status=503, retry_after=None, kind="status", delay=0.0, count=1,
                 body=None, remove=0):
        if kind not in FAULT_KINDS:
            raise ValueError("fault kind must be one of %s" % ", ".join(FAULT_KINDS))
        if kind == "status" and status not in FAULT_STATUSES:
            raise ValueError("fault status must be one of %s" % ", ".join(str(s) for s in FAULT_STATUSES))
        if kind == "body" and (not isinstance(status, int) or isinstance(status, bool) or not 200 <= status <= 599):
            raise ValueError("a body fault's status must be from 200 to 599")
        if kind in ("remove", "vanish") and (not isinstance(remove, int) or isinstance(remove, bool) or not 1 <= remove <= 1000):
            raise ValueError("a remove fault must remove 1 to 1000 users")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ValueError("fault count must be a positive integer")
        if not isinstance(delay, (int, float)) or isinstance(delay, bool) or not 0 <= delay <= 120:
            raise ValueError("fault delay must be between 0 and 120 seconds")
        try:
            self.pattern = re.compile(path)
        except (re.error, TypeError) as exc:
            raise ValueError("fault path is not a valid regular expression: %s" % exc) from exc
        self.method = method.upper() if method else None
        self.path = path
        self.status = status
        self.retry_after = None if retry_after is None else str(retry_after)
        self.kind = kind
        self.delay = float(delay)
        # kind="body": the JSON answered instead of the real one (a hostile or broken server).
        self.body = body
        # kind="remove": users taken away after a listing page, as a parallel task would.
        self.remove = remove
        self.remaining = count

    def matches(self, method, path):
        return (self.method is None or self.method == method) and self.pattern.search(path) is not None

    def describe(self):
        return {"method": self.method, "path": self.path, "status": self.status, "retry_after": self.retry_after,
                "kind": self.kind, "delay": self.delay, "count": self.remaining, "body": self.body, "remove": self.remove}


class FaultSet:
    """Armed faults, consumed first-added first."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []

    def add(self, **spec):
        fault = Fault(**spec)
        with self._lock:
            self._faults.append(fault)
        return fault.describe()

    def take(self, method, path):
        """The fault this request triggers, if any, consuming one use of it."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def pending(self):
        with self._lock:
            return [fault.describe() for fault in self._faults]

    def clear(self):
        with self._lock:
            self._faults.clear()


class RateLimiter:
    """Fixed windows per (organization, method), opened by the first request."""

    def __init__(self, window=300.0, limits=None, enabled=False):
        self.window = float(window)
        self.limits = dict(DEFAULT_LIMITS)
        self.limits.update({k.upper(): v for k, v in (limits or {}).items()})
        self.enabled = enabled
        self._lock = threading.Lock()
        self._windows = {}

    def check(self, org_name, method, now=None):
        """None when allowed, else the whole seconds until the window closes."""
        if not self.enabled or method not in self.limits:
            return None
        now = time.monotonic() if now is None else now
        key = (org_name.lower(), method)
        with self._lock:
            start, used = self._windows.get(key, (None, 0))
            if start is None or now >= start + self.window:
                start, used = now, 0
            if used >= self.limits[method]:
                return max(1, math.ceil(start + self.window - now))
            self._windows[key] = (start, used + 1)
        return None

    def reset(self):
        with self._lock:
            self._windows.clear()
