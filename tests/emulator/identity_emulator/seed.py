"""Seed documents (see ../README.md) and bulk user generation."""

import copy
import json
import os
import uuid

from . import directory, validation

DEFAULT_SEED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "seed.example.json")
_USER_FIELDS = (
    "id", "userName", "email", "emailConfirmed", "name", "surname", "displayName", "creationTime",
    "lastModificationTime", "lastLoginTime", "groupIDs", "legacyId", "isActive", "bypassBasicAuthRestriction",
    "type", "invitationAccepted", "category", "password",
)
_GROUP_FIELDS = ("id", "name", "type", "members")
_ROBOT_FIELDS = ("id", "name", "displayName", "groupIds")


def load(seed):
    """A seed dict from a dict (copied), a path, or None for the example seed."""
    if seed is None:
        seed = DEFAULT_SEED
    if isinstance(seed, dict):
        return copy.deepcopy(seed)
    with open(seed, encoding="utf-8") as handle:
        return json.load(handle)


def stable_id(org_name, name, kind=None):
    """Seed entries without an id get the same one on every run; `kind` ("group", "robot", "entity") keeps
    a group, a robot account or a directory entity from sharing a user's id when they share its name."""
    path = (name or "").lower() if kind is None else "%s/%s" % (kind, (name or "").lower())
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "emulator:%s/%s" % (org_name.lower(), path)))


def _checked(what, raw, allowed, label_field="name"):
    """`raw` when it is an object with only `allowed` fields; the label names it in errors."""
    if not isinstance(raw, dict):
        raise ValueError("a seed %s must be an object, got %r" % (what, raw))
    unknown = set(raw) - set(allowed)
    if unknown:
        raise ValueError("seed %s %r has unknown fields: %s" % (what, raw.get(label_field), ", ".join(sorted(unknown))))
    return raw


def _guid(what, label, value):
    guid = validation.parse_guid(value)
    if guid is None:
        raise ValueError("seed %s %r has an id that is not a GUID" % (what, label))
    return guid


def _group_ids(what, org, label, values):
    """GUIDs of groups the organization has: a member of a group that does not exist could not be listed."""
    ids = [validation.parse_guid(group) for group in values or []]
    if None in ids:
        raise ValueError("seed %s %r has a group id that is not a GUID" % (what, label))
    unknown = [group for group in ids if group not in org.groups]
    if unknown:
        raise ValueError("seed %s %r names groups organization %r does not have: %s" % (what, label, org.name, ", ".join(unknown)))
    return ids


def _user_fields(org, raw):
    label = raw.get("userName") if isinstance(raw, dict) else None
    fields = dict(_checked("user", raw, _USER_FIELDS, "userName"))
    fields["id"] = _guid("user", label, raw.get("id") or stable_id(org.name, label))
    user_type = validation.user_type(raw.get("type", 0))
    if user_type is None:
        raise ValueError("seed user %r has an unknown type %r" % (label, raw.get("type")))
    fields["type"] = user_type
    fields["groupIDs"] = _group_ids("user", org, label, raw.get("groupIDs"))
    return fields


def entity(org, raw):
    """Register one external directory entity (a seed group's `members` entry); returns its identifier."""
    _checked("group member", raw, directory.ENTITY_FIELDS)
    if raw.get("objectType") not in directory.ENTITY_TYPES:
        raise ValueError("seed group member %r must have an objectType of %s" % (raw.get("name"), ", ".join(directory.ENTITY_TYPES)))
    identifier = _guid("group member", raw.get("name"), raw.get("identifier") or stable_id(org.name, raw.get("name"), "entity"))
    return directory.add_entity(org, dict(raw, identifier=identifier, source=raw.get("source", "aad")))


def _groups(org, raw_groups):
    """The built-in groups the seed does not name, then the seed's own, in its order."""
    built_in = {name.lower() for name in directory.BUILT_IN_GROUPS}
    named = {raw.get("name").lower() for raw in raw_groups if isinstance(raw, dict) and isinstance(raw.get("name"), str)}
    for name in directory.BUILT_IN_GROUPS:
        if name.lower() not in named:
            directory.insert_group(org, {"id": stable_id(org.name, name, "group"), "name": name, "type": "builtIn"})
    for raw in raw_groups:
        name = _checked("group", raw, _GROUP_FIELDS).get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError("every seed group needs a name")
        group_type = raw.get("type", "builtIn" if name.lower() in built_in else "custom")
        if group_type not in directory.GROUP_TYPES:
            raise ValueError("seed group %r has an unknown type %r" % (name, group_type))
        if directory.named(org.groups, name):
            raise ValueError("seed group %r is defined twice in organization %r" % (name, org.name))
        entities = [entity(org, member) for member in raw.get("members") or []]
        directory.insert_group(org, {"id": _guid("group", name, raw.get("id") or stable_id(org.name, name, "group")),
                                     "name": name, "type": group_type, "entities": entities})


def _robot_fields(org, raw):
    name = _checked("robot account", raw, _ROBOT_FIELDS).get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("every seed robot account needs a name")
    if directory.named(org.robot_accounts, name):
        raise ValueError("seed robot account %r is defined twice in organization %r" % (name, org.name))
    return {"id": _guid("robot account", name, raw.get("id") or stable_id(org.name, name, "robot")), "name": name,
            "displayName": raw.get("displayName"), "groupIds": _group_ids("robot account", org, name, raw.get("groupIds"))}


def apply(seed, store, auth):
    """Create organizations, groups, users, robot accounts, clients and static tokens from a seed dict."""
    if not isinstance(seed, dict) or not seed.get("organizations"):
        raise ValueError("a seed needs at least one entry in 'organizations'")
    for raw_org in seed["organizations"]:
        partition = raw_org.get("partitionGlobalId")
        if partition is not None and validation.parse_guid(partition) is None:
            raise ValueError("organization %r has a partitionGlobalId that is not a GUID" % raw_org.get("name"))
        org = store.add_org(raw_org["name"], validation.parse_guid(partition) if partition else None,
                            bool(raw_org.get("standalone", False)))
        # Groups first: users and robot accounts name them.
        _groups(org, raw_org.get("groups") or [])
        for raw_user in raw_org.get("users", []):
            store.insert(org, _user_fields(org, raw_user))
        for raw_robot in raw_org.get("robotAccounts") or []:
            directory.insert_robot(org, _robot_fields(org, raw_robot))
        generate(store, org, int(raw_org.get("generate_users", 0)))
    for client in seed.get("clients", []):
        auth.add_client(client["client_id"], client["client_secret"], client.get("scopes", ["PM.User"]),
                        client["organization"], client.get("prt_id"))
    for token in seed.get("tokens", []):
        auth.add_static_token(token["token"], token.get("scopes", ["PM.User"]), token["organization"], token.get("expires_at"))


def generate(store, org, count, prefix="user"):
    """Add `count` plain local users named <prefix>00001...; returns their records.

    Names already taken are skipped, so generating twice adds new users.
    """
    created = []
    index = 0
    with store.lock:
        while len(created) < count:
            index += 1
            user_name = "%s%05d" % (prefix, index)
            if store.name_owner(org, user_name):
                continue
            created.append(store.insert(org, {
                "id": stable_id(org.name, user_name),
                "userName": user_name,
                "email": "%s@example.test" % user_name,
                "name": prefix.capitalize(),
                "surname": "%05d" % index,
                "displayName": "%s %05d" % (prefix.capitalize(), index),
                "emailConfirmed": True,
            }))
    return created
