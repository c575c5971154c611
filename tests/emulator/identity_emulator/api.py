"""Routes of /api/User, /api/Group and /api/RobotAccount, and the checks every call passes first.

The three resources share one table so routing, authentication and the scope
check happen the same way for each; only the scope differs (PM.User,
PM.Group, PM.RobotAccount), as the contract's descriptions name them.
"""

import json

from . import directory, groups_api, responses, robots_api, routing, users_read, users_write, validation
from .call import Call

# The first path segment after /api -> the scope family its calls need.
SCOPES = {"user": "PM.User", "group": "PM.Group", "robotaccount": "PM.RobotAccount"}


def _table():
    table = routing.Table()
    table.add("User", {"POST": users_write.create_user, "DELETE": users_write.bulk_delete})
    table.add("User/BulkCreate", {"POST": users_write.bulk_create})
    table.add("User/users/{partitionGlobalId}", {"GET": users_read.list_users})
    table.add("User/{userId}", {"GET": users_read.get_user, "PUT": users_write.update_user, "DELETE": users_write.delete_user})
    table.add("User/{userId}/changepassword", {"POST": users_write.change_password})
    # The contract reuses one path shape for the partition (GET, bulk DELETE) and the id (PUT): the verb decides.
    table.add("Group", {"POST": groups_api.create_group})
    table.add("Group/{partitionGlobalId}", {"GET": groups_api.list_groups, "DELETE": groups_api.bulk_delete})
    table.add("Group/{groupId}", {"PUT": groups_api.update_group})
    table.add("Group/{partitionGlobalId}/{groupId}", {"GET": groups_api.get_group, "DELETE": groups_api.delete_group})
    table.add("RobotAccount", {"POST": robots_api.create_robot})
    table.add("RobotAccount/{partitionGlobalId}", {"GET": robots_api.list_robots, "DELETE": robots_api.bulk_delete})
    table.add("RobotAccount/{robotAccountId}", {"PUT": robots_api.update_robot})
    table.add("RobotAccount/{partitionGlobalId}/{robotAccountId}", {"GET": robots_api.get_robot, "DELETE": robots_api.delete_robot})
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
    dummy, failure = app.auth.authenticate(request, org, SCOPES[segments[0].lower()], write=request.method != "GET")
    if failure:
        return failure
    return handler(Call(app, request, org, params))


# Bulk-removal body property -> how another admin would remove one of its ids.
_REMOVERS = (
    ("userIds", users_read.LISTING.remove),
    ("groupIDs", lambda store, org, item: directory.delete_group(org, item)),
    ("robotAccountIDs", robots_api.LISTING.remove),
)


def vanish(app, request, org, count):
    """Remove the first ``count`` users, groups or robot accounts a request's JSON body names, as a parallel admin would."""
    if org is None:
        return
    try:
        body = json.loads(request.body.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError):
        return
    for key, remove in _REMOVERS:
        ids = body.get(key) if isinstance(body, dict) else None
        with app.store.lock:
            for item in (ids if isinstance(ids, list) else [])[:count]:
                if validation.parse_guid(item):
                    remove(app.store, org, validation.parse_guid(item))
