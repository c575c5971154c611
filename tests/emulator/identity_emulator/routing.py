"""Where a request goes, per deployment shape.

Cloud and Automation Suite put Identity under `/{organization}/identity_`,
standalone installations under `/identity`; the token endpoint also exists
without the organization on cloud. Anything else is not Identity at all.
"""

import collections
import urllib.parse

# kind: "control", "token", "api", "host_api" (the API on the host-level route) or None (not an
# Identity path); org: the Organization served (None on host-level routes); rest: segments after /api.
Route = collections.namedtuple("Route", "kind org rest")
NOWHERE = Route(None, None, [])


def split_path(path):
    """Decoded path segments, ignoring empty ones as ASP.NET routing does."""
    return [urllib.parse.unquote(part) for part in path.split("/") if part]


def resolve(path, store):
    """Route for a request path (without query string)."""
    parts = split_path(path)
    lowered = [part.lower() for part in parts]
    if parts[:1] == ["_emulator"]:
        return Route("control", None, parts[1:])
    if lowered[:1] == ["identity_"]:
        # Host-level route: the token endpoint, and the API that Cloud refuses there (InvalidPartition)
        # while an Automation Suite may serve it for the token's organization (app.SWITCHES).
        if lowered[1:] == ["connect", "token"]:
            return Route("token", None, [])
        return Route("host_api", None, parts[2:]) if lowered[1:2] == ["api"] else NOWHERE
    if lowered[:1] == ["identity"]:
        org, base = store.standalone_org(), 1
    elif lowered[1:2] == ["identity_"]:
        # By name, or by partitionGlobalId as Cloud's admin console calls it.
        org, base = store.org(parts[0]) or store.org_by_partition(parts[0]), 2
    else:
        return NOWHERE
    if org is None:
        return NOWHERE
    if lowered[base:] == ["connect", "token"]:
        return Route("token", org, [])
    if lowered[base:base + 1] == ["api"]:
        return Route("api", org, parts[base + 1:])
    return Route(None, org, [])


class Table:
    """Templates like ("User", "{userId}") mapped to {method: handler}.

    Literal segments beat parameters, as in ASP.NET endpoint routing; a path
    that matches with the wrong verb yields the allowed verbs instead.
    """

    def __init__(self):
        self._entries = []

    def add(self, template, methods):
        self._entries.append((tuple(template.split("/")), methods))

    @staticmethod
    def _match(template, segments):
        if len(template) != len(segments):
            return None
        params, literals = {}, 0
        for pattern, segment in zip(template, segments):
            if pattern.startswith("{"):
                params[pattern[1:-1]] = segment
            elif pattern.lower() == segment.lower():
                literals += 1
            else:
                return None
        return literals, params

    def find(self, method, segments):
        """(handler, params, allowed methods); handler is None when nothing fits."""
        candidates = []
        for template, methods in self._entries:
            found = self._match(template, segments)
            if found is not None:
                candidates.append((found[0], found[1], methods))
        candidates.sort(key=lambda item: -item[0])
        allowed = set()
        for dummy, params, methods in candidates:
            if method in methods:
                return methods[method], params, allowed
            allowed.update(methods)
        return None, {}, allowed
