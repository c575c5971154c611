"""GET endpoints: one user by id, and the paged, searchable listing."""

from . import listing, responses, store as store_mod

LISTING = listing.Kind(
    records=lambda org: list(org.users.values()), search_fields=store_mod.SEARCH_FIELDS,
    sortable=listing.sortable_fields(store_mod.DTO_FIELDS, ("groupIDs",)), dto=store_mod.dto,
    remove=lambda store, org, user_id: store.delete(org, user_id))


def lookup(call):
    """(record, None) for the {userId} in the path, or (None, error Response)."""
    return call.lookup("userId", call.org.users)


def get_user(call):
    record, failure = lookup(call)
    if failure:
        return failure
    with call.store.lock:
        return responses.json_response(store_mod.dto(record))


def list_users(call):
    return listing.serve(call, LISTING)
