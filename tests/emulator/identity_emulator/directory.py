"""Groups, robot accounts and directory entities of an organization, and who is in which group.

Membership is stored once, on the member: a user's `groupIDs`, a robot
account's `groupIds`, a group's list of external directory entities. A group's
members are computed from those, so GET /api/User/{id} and GET /api/Group/...
can never disagree. Callers hold the store's lock around each function.
"""

import uuid

from . import store as store_mod

# Every organization has these; they cannot be renamed or deleted.
BUILT_IN_GROUPS = ("Administrators", "Automation Users", "Automation Developers", "Everyone")
# The contract's GroupType names, in the order of their integer values.
GROUP_TYPES = ("builtIn", "custom")
# What a seed or add_group may put into a group besides users and robot accounts.
ENTITY_TYPES = ("DirectoryGroup", "DirectoryApplication")
ENTITY_FIELDS = ("objectType", "source", "identifier", "name", "email", "displayName")
ROBOT_FIELDS = ("id", "name", "displayName", "creationTime", "lastLoginTime", "groupIds")
ROBOT_SEARCH_FIELDS = ("name", "displayName")
# A user of type directoryUser comes from the organization's directory (Azure AD), not from Identity itself.
_DIRECTORY_USER = 2


def _new_id(records, fields, what):
    """The id a new record gets: the one given (it must be free) or a new one."""
    new_id = fields.get("id") or str(uuid.uuid4())
    if new_id in records:
        raise ValueError("%s id %s already exists" % (what, new_id))
    return new_id


def insert_group(org, fields):
    """Store a group from validated fields (id, name, type, entities: identifiers); returns the record."""
    record = {
        "id": _new_id(org.groups, fields, "group"), "name": fields["name"], "type": fields.get("type") or "custom",
        "creationTime": store_mod.now_iso(), "lastModificationTime": None,
        "_entities": list(fields.get("entities") or []),
    }
    org.groups[record["id"]] = record
    return record


def named(records, name):
    """The record of `records` (groups or robot accounts, by id) called `name` in any letter case, or None.

    Names are unique per organization; a linear scan is fine for the few of them an organization has.
    """
    wanted = (name or "").lower()
    return next((record for record in records.values() if record["name"].lower() == wanted), None)


def group_exists(org, group_id):
    return group_id in org.groups


def delete_group(org, group_id):
    """True when this call removed the group; its id leaves every member's list with it."""
    if org.groups.pop(group_id, None) is None:
        return False
    for user in org.users.values():
        _toggle(user["groupIDs"], group_id, False)
    for robot in org.robot_accounts.values():
        _toggle(robot["groupIds"], group_id, False)
    return True


def add_entity(org, entity):
    """Register an external directory entity (ENTITY_FIELDS, validated) so groups may hold it."""
    org.entities.setdefault(entity["identifier"], {field: entity.get(field) for field in ENTITY_FIELDS})
    return entity["identifier"]


def is_member_candidate(org, member_id):
    """Whether a group of `org` could hold this id: a user, robot account or known directory entity."""
    return member_id in org.users or member_id in org.robot_accounts or member_id in org.entities


def set_member(org, group, member_id, present):
    """Add (present=True) or remove one member; adding a member or removing a non-member changes nothing."""
    if member_id in org.users:
        _toggle(org.users[member_id]["groupIDs"], group["id"], present)
    elif member_id in org.robot_accounts:
        _toggle(org.robot_accounts[member_id]["groupIds"], group["id"], present)
    elif member_id in org.entities:
        _toggle(group["_entities"], member_id, present)
    else:
        raise KeyError("no user, robot account or directory entity %s" % member_id)


def set_groups(items, to_add, to_remove):
    """Apply an update's ...ToAdd then ...ToRemove lists to a member's own list of group ids."""
    for group_id in to_add or []:
        _toggle(items, group_id, True)
    for group_id in to_remove or []:
        _toggle(items, group_id, False)


def _toggle(items, value, present):
    if present and value not in items:
        items.append(value)
    elif not present and value in items:
        items.remove(value)


def _entity(object_type, source, identifier, name, email, display_name):
    return {"objectType": object_type, "source": source, "identifier": identifier, "name": name, "email": email,
            "displayName": display_name}


def members(org, group):
    """The group's members as directory entities: users, then robot accounts, then external entities."""
    group_id = group["id"]
    found = [_entity("DirectoryUser", "aad" if user["type"] == _DIRECTORY_USER else "local", user["id"],
                     user["userName"], user["email"], user["displayName"])
             for user in org.users.values() if group_id in user["groupIDs"]]
    found.extend(_entity("DirectoryRobotUser", "local", robot["id"], robot["name"], None, robot["displayName"])
                 for robot in org.robot_accounts.values() if group_id in robot["groupIds"])
    found.extend(dict(org.entities[identifier]) for identifier in group["_entities"])
    return found


def group_dto(org, record, group_type="integer", with_members=True):
    """The GroupDto view: `type` as the live integer or the contract's name (the group_type switch)."""
    kind = GROUP_TYPES.index(record["type"]) if group_type == "integer" else record["type"]
    return {"id": record["id"], "name": record["name"], "displayName": record["name"], "type": kind,
            "creationTime": record["creationTime"], "lastModificationTime": record["lastModificationTime"],
            "members": members(org, record) if with_members else None}


def group_dtos(org, group_type="integer", with_members=True):
    return [group_dto(org, record, group_type, with_members) for record in org.groups.values()]


def insert_robot(org, fields):
    """Store a robot account from validated fields (id, name, displayName, groupIds); returns the record."""
    record = {"id": _new_id(org.robot_accounts, fields, "robot account"), "name": fields["name"],
              "displayName": fields.get("displayName") or fields["name"], "creationTime": store_mod.now_iso(),
              "lastLoginTime": None, "groupIds": []}
    set_groups(record["groupIds"], fields.get("groupIds"), None)
    org.robot_accounts[record["id"]] = record
    return record


def delete_robot(org, robot_id):
    """True when this call removed the robot account (its memberships go with it)."""
    return org.robot_accounts.pop(robot_id, None) is not None


def robot_dto(record):
    """The RobotAccountDto view of a record (a copy; callers may keep it)."""
    out = {field: record[field] for field in ROBOT_FIELDS}
    out["groupIds"] = list(record["groupIds"])
    return out


def robot_dtos(org):
    return [robot_dto(record) for record in org.robot_accounts.values()]
