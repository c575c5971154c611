"""The /api/Group endpoints: list, get, create, update, delete and bulk delete.

Groups belong to one organization. Their members are never stored on the
group (directory.py computes them), so adding a user here shows in that
user's `groupIDs` at once, and the other way round.
"""

from . import directory, responses, rules, store as store_mod
from .validation import EMPTY_GUID, GUID, GUIDS, STR

# {property: (kind, nullable)} per command schema of the contract.
CREATE = {"partitionGlobalId": (GUID, False), "id": (GUID, False), "name": (STR, True), "directoryUserMemberIDs": (GUIDS, True)}
UPDATE = {"partitionGlobalId": (GUID, False), "name": (STR, True), "directoryUserIDsToAdd": (GUIDS, True),
          "directoryUserIDsToRemove": (GUIDS, True)}
UNKNOWN_MEMBER = "The member '%s' is not a user, robot account or directory entity of this organization."


def _dto(call, record, with_members=True):
    return directory.group_dto(call.org, record, call.app.settings.group_type, with_members)


def duplicate_name(name):
    return rules.error("DuplicateGroupName", "Group name '%s' is already taken." % name)


def _built_in(record, verb):
    code = "BuiltInGroupCannotBe" + verb.capitalize()
    return rules.error(code, "The built-in group '%s' cannot be %s." % (record["name"], verb.lower()))


def _unknown_members(call, fields, names):
    return call.unknown_references(fields, names, directory.is_member_candidate, UNKNOWN_MEMBER)


def list_groups(call):
    """Every group, unpaged; a listing carries no members (`members` is null), a GET of one group does."""
    failure = call.partition_error(call.params["partitionGlobalId"])
    if failure:
        return failure
    with call.store.lock:
        return responses.json_response(directory.group_dtos(call.org, call.app.settings.group_type, with_members=False))


def get_group(call):
    record, failure = call.lookup("groupId", call.org.groups)
    if failure:
        return failure
    with call.store.lock:
        return responses.json_response(_dto(call, record))


def create_group(call):
    """CreateGroupCommand -> 201 GroupDto with its members."""
    fields, name, failure = call.named_command(CREATE)
    if failure:
        return failure
    # Guid.Empty is what an absent id binds to: the service picks one.
    group_id = fields.get("id") if fields.get("id") != EMPTY_GUID else None
    with call.store.lock:
        failure = _unknown_members(call, fields, ("directoryUserMemberIDs",))
        if failure:
            return failure
        problems = [duplicate_name(name)] if directory.named(call.org.groups, name) else []
        if group_id in call.org.groups:
            problems.append(rules.error("DuplicateGroupId", "A group with id '%s' already exists." % group_id))
        if problems:
            return call.business_result(problems)
        record = directory.insert_group(call.org, {"id": group_id, "name": name, "type": "custom"})
        for member in fields.get("directoryUserMemberIDs") or []:
            directory.set_member(call.org, record, member, True)
        return responses.json_response(_dto(call, record), 201)


def update_group(call):
    """UpdateGroupCommand: a name is required; a built-in group keeps its name but its members may change."""
    fields, name, failure = call.named_command(UPDATE)
    if failure:
        return failure
    with call.store.lock:
        record, failure = call.target("groupId", call.org.groups,
                                      lambda: _unknown_members(call, fields, ("directoryUserIDsToAdd", "directoryUserIDsToRemove")))
        if failure:
            return failure
        other = directory.named(call.org.groups, name)
        if record["type"] == "builtIn" and name.lower() != record["name"].lower():
            return call.business_result([_built_in(record, "modified")])
        if other is not None and other["id"] != record["id"]:
            return call.business_result([duplicate_name(name)])
        if record["type"] != "builtIn":
            record["name"] = name
        for member in fields.get("directoryUserIDsToAdd") or []:
            directory.set_member(call.org, record, member, True)
        for member in fields.get("directoryUserIDsToRemove") or []:
            directory.set_member(call.org, record, member, False)
        record["lastModificationTime"] = store_mod.now_iso()
        return responses.json_response(_dto(call, record))


def delete_group(call):
    """204 once; a later delete gets a 404, a built-in group a refusal."""
    return call.remove("groupId", call.org.groups, directory.delete_group,
                       lambda record: [_built_in(record, "deleted")] if record["type"] == "builtIn" else [])


def bulk_delete(call):
    """BulkGroupDeleteCommand: ids of no group are ignored; a built-in group among them refuses the whole request."""
    ids, failure = call.bulk_ids("groupIDs")
    if failure:
        return failure
    with call.store.lock:
        built_in = [call.org.groups[item] for item in ids if item in call.org.groups and call.org.groups[item]["type"] == "builtIn"]
        if built_in:
            return call.business_result([_built_in(record, "deleted") for record in built_in])
        for item in ids:
            directory.delete_group(call.org, item)
    return responses.empty(204)
