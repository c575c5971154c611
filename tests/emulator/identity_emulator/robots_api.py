"""The /api/RobotAccount endpoints: paged listing, get, create, update, delete and bulk delete.

A robot account's name is fixed at creation (Orchestrator could not follow a
rename); only its display name and groups change afterwards.
"""

from . import directory, listing, responses, rules
from .validation import GUID, GUIDS, STR

# {property: (kind, nullable)} per command schema of the contract.
CREATE = {"partitionGlobalId": (GUID, False), "name": (STR, True), "displayName": (STR, True), "groupIDsToAdd": (GUIDS, True)}
UPDATE = {"partitionGlobalId": (GUID, False), "displayName": (STR, True), "groupIDsToAdd": (GUIDS, True),
          "groupIDsToRemove": (GUIDS, True)}

LISTING = listing.Kind(
    records=lambda org: list(org.robot_accounts.values()), search_fields=directory.ROBOT_SEARCH_FIELDS,
    sortable=listing.sortable_fields(directory.ROBOT_FIELDS, ("groupIds",)), dto=directory.robot_dto,
    remove=lambda store, org, robot_id: directory.delete_robot(org, robot_id))


def list_robots(call):
    return listing.serve(call, LISTING)


def get_robot(call):
    record, failure = call.lookup("robotAccountId", call.org.robot_accounts)
    if failure:
        return failure
    with call.store.lock:
        return responses.json_response(directory.robot_dto(record))


def create_robot(call):
    """CreateRobotAccountCommand -> 201 RobotAccountDto; the name follows the user name rules."""
    fields, name, failure = call.named_command(CREATE)
    if failure:
        return failure
    with call.store.lock:
        failure = call.unknown_groups(fields, ("groupIDsToAdd",))
        if failure:
            return failure
        problems = rules.username_errors(name)
        if directory.named(call.org.robot_accounts, name):
            problems.append(rules.error("DuplicateRobotAccountName", "Robot account name '%s' is already taken." % name))
        if problems:
            return call.business_result(problems)
        record = directory.insert_robot(call.org, {"name": name, "displayName": fields.get("displayName"),
                                                   "groupIds": fields.get("groupIDsToAdd")})
        return responses.json_response(directory.robot_dto(record), 201)


def update_robot(call):
    """UpdateRobotAccountCommand: null or omitted fields stay; a `name` in the body is ignored like any unknown property."""
    fields, failure = call.command(UPDATE)
    if failure:
        return failure
    with call.store.lock:
        record, failure = call.target("robotAccountId", call.org.robot_accounts,
                                      lambda: call.unknown_groups(fields, ("groupIDsToAdd", "groupIDsToRemove")))
        if failure:
            return failure
        if fields.get("displayName") is not None:
            record["displayName"] = fields["displayName"]
        directory.set_groups(record["groupIds"], fields.get("groupIDsToAdd"), fields.get("groupIDsToRemove"))
        return responses.json_response(directory.robot_dto(record))


def delete_robot(call):
    """204 once; every later (or concurrent) delete of the same id gets a 404."""
    return call.remove("robotAccountId", call.org.robot_accounts, directory.delete_robot)


def bulk_delete(call):
    """BulkRobotAccountDeleteCommand: removes those that exist, ignores the rest."""
    ids, failure = call.bulk_ids("robotAccountIDs")
    if failure:
        return failure
    with call.store.lock:
        for robot_id in ids:
            directory.delete_robot(call.org, robot_id)
    return responses.empty(204)
