"""GET endpoints: one user by id, and the paged, searchable listing."""

import random

from . import responses, store as store_mod, validation

# sortBy accepts UserDto property names, case-insensitively.
_SORTABLE = {name.lower(): name for name in store_mod.DTO_FIELDS if name not in ("groupIDs",)}


def lookup(call):
    """(record, None) for the {userId} in the path, or (None, error Response)."""
    raw = call.params["userId"]
    user_id = validation.parse_guid(raw)
    if user_id is None:
        return None, responses.not_valid("userId", raw)
    with call.store.lock:
        record = call.store.get(call.org, user_id)
    if record is None:
        return None, call.missing_user()
    return record, None


def get_user(call):
    record, failure = lookup(call)
    if failure:
        return failure
    with call.store.lock:
        return responses.json_response(store_mod.dto(record))


def partition_error(call, raw):
    """None when `raw` is this organization's partitionGlobalId, else a 400."""
    partition = validation.parse_guid(raw) if isinstance(raw, str) else None
    if partition is None:
        return responses.not_valid("partitionGlobalId", raw)
    if partition != call.org.partition:
        return responses.validation_problem(
            {"partitionGlobalId": ["The partition '%s' does not belong to the organization of this request." % raw]})
    return None


def list_users(call):
    failure = partition_error(call, call.params["partitionGlobalId"])
    if failure:
        return failure
    # A repeated parameter binds its first value, as ASP.NET does for scalars.
    query = {key: value[0] if isinstance(value, list) else value for key, value in call.request.query.items()}
    top, failure = validation.query_int(query, "top", 10, 0, 1000)
    if failure:
        return failure
    skip, failure = validation.query_int(query, "skip", 0, 0, 2147483647)
    if failure:
        return failure
    order = (query.get("sortOrder") or "asc").lower()
    if order not in ("asc", "desc"):
        return responses.not_valid("sortOrder", query.get("sortOrder"))
    # An unknown sortBy falls back to the default order rather than failing.
    sort_by = _SORTABLE.get((query.get("sortBy") or "").lower())
    found = call.store.search(call.org, query.get("searchTerm"), sort_by, order == "desc")
    if sort_by is None and call.app.settings.default_order == "random":
        random.shuffle(found)
    with call.store.lock:
        page = [store_mod.dto(record) for record in found[skip:skip + top]]
    if call.request.remove_after_page and skip + len(page) < len(found):
        # Users listed before this page's end leave, so the next page starts further on.
        for record in found[:call.request.remove_after_page]:
            call.store.delete(call.org, record["id"])
    return responses.json_response({"totalCount": len(found), "results": page})
