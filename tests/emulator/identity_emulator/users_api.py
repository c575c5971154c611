"""Routes of /api/User and the checks every call passes first."""

import json

from . import responses, routing, users_read, users_write


class Call:
    """Everything a user endpoint needs about the request it serves."""

    def __init__(self, app, request, org, params):
        self.app = app
        self.store = app.store
        self.request = request
        self.org = org
        self.params = params

    def missing_user(self):
        """404 for an absent user: a ProblemDetails body or none, as configured."""
        if self.app.settings.missing_user_body == "empty":
            return responses.empty(404)
        return responses.problem(404)

    def business_result(self, errors):
        return responses.identity_result(errors, self.app.settings.business_error_status)


def _table():
    table = routing.Table()
    table.add("User", {"POST": users_write.create_user, "DELETE": users_write.bulk_delete})
    table.add("User/BulkCreate", {"POST": users_write.bulk_create})
    table.add("User/users/{partitionGlobalId}", {"GET": users_read.list_users})
    table.add("User/{userId}", {"GET": users_read.get_user, "PUT": users_write.update_user, "DELETE": users_write.delete_user})
    table.add("User/{userId}/changepassword", {"POST": users_write.change_password})
    return table


TABLE = _table()


def dispatch(app, request, org, segments):
    """Route, authenticate, authorize, then run the endpoint.

    The order mirrors ASP.NET Core: unknown path (404) and wrong verb (405)
    come from routing, before authentication (401) and scopes (403); path and
    body binding (400) happen only for authorized calls.
    """
    handler, params, allowed = TABLE.find(request.method, segments)
    if handler is None:
        return responses.method_not_allowed(allowed) if allowed else responses.not_found_page()
    dummy, failure = app.auth.authenticate(request, org, write=request.method != "GET")
    if failure:
        return failure
    return handler(Call(app, request, org, params))


def vanish(app, request, org, count):
    """Remove the first ``count`` users a request's JSON body names (userIds), as a parallel admin would."""
    if org is None:
        return
    try:
        body = json.loads(request.body.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError):
        return
    ids = body.get("userIds") if isinstance(body, dict) else None
    for user_id in (ids if isinstance(ids, list) else [])[:count]:
        if isinstance(user_id, str):
            app.store.delete(org, user_id)
