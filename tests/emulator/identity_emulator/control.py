"""/_emulator/...: lets a separate process read the log, arm faults and look at users, groups and robot accounts.

It needs no token and is never logged, so reading the log does not change it.
"""

import json

from . import directory, responses, store as store_mod


def _error(status, message):
    return responses.json_response({"error": message}, status)


def _faults(app, request):
    if request.method == "GET":
        return responses.json_response(app.faults.pending())
    if request.method == "DELETE":
        app.faults.clear()
        return responses.empty(204)
    if request.method != "POST":
        return responses.method_not_allowed({"GET", "POST", "DELETE"})
    try:
        spec = json.loads(request.body.decode("utf-8") or "null")
    except ValueError:
        return _error(400, "the body must be a JSON fault spec or a list of them")
    specs = spec if isinstance(spec, list) else [spec]
    if not specs or not all(isinstance(item, dict) for item in specs):
        return _error(400, "the body must be a JSON fault spec or a list of them")
    added = []
    for item in specs:
        try:
            added.append(app.faults.add(**item))
        except (TypeError, ValueError) as exc:
            return _error(400, str(exc))
    return responses.json_response({"added": added}, 201)


# /_emulator/{segment}/{org} -> (answer key, the organization's current DTOs), read under the store's lock.
_VIEWS = {
    "users": ("users", lambda app, org: [store_mod.dto(record) for record in org.users.values()]),
    "groups": ("groups", lambda app, org: directory.group_dtos(org, app.settings.group_type)),
    "robot-accounts": ("robotAccounts", lambda app, org: directory.robot_dtos(org)),
}


def handle(app, request, segments):
    """Answer one control request; unknown ones get the usual 404 page."""
    if segments == ["log"] and request.method == "GET":
        return responses.json_response(app.log.snapshot())
    if segments == ["log", "clear"] and request.method == "POST":
        app.log.clear()
        return responses.empty(204)
    if segments == ["faults"]:
        return _faults(app, request)
    if len(segments) == 2 and segments[0] in _VIEWS and request.method == "GET":
        org = app.store.org(segments[1])
        if org is None:
            return _error(404, "no organization named %r" % segments[1])
        key, view = _VIEWS[segments[0]]
        with app.store.lock:
            found = view(app, org)
        return responses.json_response({"organization": org.name, "partitionGlobalId": org.partition, key: found})
    return responses.not_found_page()
