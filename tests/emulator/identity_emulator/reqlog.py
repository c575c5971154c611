"""The request log tests and demos read back.

Secrets never enter it: the Authorization header is reduced to a yes/no, and
secret-bearing fields are removed from bodies and queries. The JSON-pointer
paths of removed fields are kept under `redacted`, so a contract checker can
still tell they were sent.
"""

import collections
import copy
import datetime
import threading

SECRET_KEYS = frozenset(("client_secret", "password", "oldpassword", "newpassword", "access_token", "refresh_token", "token"))


def scrub(value, path=""):
    """(copy of value without secret keys, list of removed paths)."""
    removed = []
    if isinstance(value, dict):
        clean = {}
        for key, item in value.items():
            child = "%s/%s" % (path, key)
            if isinstance(key, str) and key.lower() in SECRET_KEYS:
                removed.append(child)
                continue
            clean[key], inner = scrub(item, child)
            removed.extend(inner)
        return clean, removed
    if isinstance(value, list):
        clean = []
        for index, item in enumerate(value):
            item_clean, inner = scrub(item, "%s/%d" % (path, index))
            clean.append(item_clean)
            removed.extend(inner)
        return clean, removed
    return value, removed


class RequestLog:
    """Thread-safe, bounded list of request records."""

    def __init__(self, limit=200000):
        self._lock = threading.Lock()
        self._records = collections.deque(maxlen=limit)

    def add(self, request, organization, body, content_type, response):
        """Record one answered (or dropped) request."""
        query, query_removed = scrub(request.query)
        clean_body, body_removed = scrub(body)
        record = {
            "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "method": request.method,
            "path": request.path,
            "query": query,
            "content_type": content_type,
            "body": clean_body,
            "redacted": ["query" + p for p in query_removed] + ["body" + p for p in body_removed],
            "status": None if response.reset else response.status,
            "bearer": (request.headers.get("Authorization") or "").lower().startswith("bearer "),
            "organization": organization,
            "note": response.note,
        }
        with self._lock:
            self._records.append(record)
        return record

    def snapshot(self):
        with self._lock:
            return copy.deepcopy(list(self._records))

    def clear(self):
        with self._lock:
            self._records.clear()
