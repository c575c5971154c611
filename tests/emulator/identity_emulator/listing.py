"""The paged, searchable listing that users and robot accounts share.

Both endpoints take searchTerm, top, skip, sortBy and sortOrder under the same
rules (and the `default_order` switch and the "remove" fault apply to both),
so one function serves them and they cannot drift apart.
"""

import collections
import random

from . import responses, store as store_mod, validation

# records(org): a fresh list in stored order; search_fields: what searchTerm matches; sortable: sortable_fields();
# dto(record): the wire view; remove(store, org, id): how a "remove" fault (or another admin) takes one away.
Kind = collections.namedtuple("Kind", "records search_fields sortable dto remove")


def sortable_fields(fields, unsortable=()):
    """sortBy accepts DTO property names, case-insensitively: {lower-case name: field}."""
    return {name.lower(): name for name in fields if name not in unsortable}


def serve(call, kind):
    """GET .../{partitionGlobalId}?searchTerm&top&skip&sortBy&sortOrder -> {totalCount, results}."""
    failure = call.partition_error(call.params["partitionGlobalId"])
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
    sort_by = kind.sortable.get((query.get("sortBy") or "").lower())
    with call.store.lock:
        records = kind.records(call.org)
    found = store_mod.search_records(records, query.get("searchTerm"), kind.search_fields, sort_by, order == "desc")
    if sort_by is None and call.app.settings.default_order == "random":
        random.shuffle(found)
    with call.store.lock:
        page = [kind.dto(record) for record in found[skip:skip + top]]
        if call.request.remove_after_page and skip + len(page) < len(found):
            # Entries listed before this page's end leave, so the next page starts further on.
            for record in found[:call.request.remove_after_page]:
                kind.remove(call.store, call.org, record["id"])
    return responses.json_response({"totalCount": len(found), "results": page})
