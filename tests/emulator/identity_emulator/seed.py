"""Seed documents (see ../README.md) and bulk user generation."""

import copy
import json
import os
import uuid

from . import validation

DEFAULT_SEED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "seed.example.json")
_USER_FIELDS = (
    "id", "userName", "email", "emailConfirmed", "name", "surname", "displayName", "creationTime",
    "lastModificationTime", "lastLoginTime", "groupIDs", "legacyId", "isActive", "bypassBasicAuthRestriction",
    "type", "invitationAccepted", "category", "password",
)


def load(seed):
    """A seed dict from a dict (copied), a path, or None for the example seed."""
    if seed is None:
        seed = DEFAULT_SEED
    if isinstance(seed, dict):
        return copy.deepcopy(seed)
    with open(seed, encoding="utf-8") as handle:
        return json.load(handle)


def stable_id(org_name, user_name):
    """Seed users without an id get the same one on every run."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "emulator:%s/%s" % (org_name.lower(), (user_name or "").lower())))


def _user_fields(org, raw):
    unknown = set(raw) - set(_USER_FIELDS)
    if unknown:
        raise ValueError("seed user %r has unknown fields: %s" % (raw.get("userName"), ", ".join(sorted(unknown))))
    fields = dict(raw)
    fields["id"] = validation.parse_guid(raw.get("id") or stable_id(org.name, raw.get("userName")))
    if fields["id"] is None:
        raise ValueError("seed user %r has an id that is not a GUID" % raw.get("userName"))
    user_type = validation.user_type(raw.get("type", 0))
    if user_type is None:
        raise ValueError("seed user %r has an unknown type %r" % (raw.get("userName"), raw.get("type")))
    fields["type"] = user_type
    fields["groupIDs"] = [validation.parse_guid(group) for group in raw.get("groupIDs") or []]
    if None in fields["groupIDs"]:
        raise ValueError("seed user %r has a group id that is not a GUID" % raw.get("userName"))
    return fields


def apply(seed, store, auth):
    """Create organizations, users, clients and static tokens from a seed dict."""
    if not isinstance(seed, dict) or not seed.get("organizations"):
        raise ValueError("a seed needs at least one entry in 'organizations'")
    for raw_org in seed["organizations"]:
        partition = raw_org.get("partitionGlobalId")
        if partition is not None and validation.parse_guid(partition) is None:
            raise ValueError("organization %r has a partitionGlobalId that is not a GUID" % raw_org.get("name"))
        org = store.add_org(raw_org["name"], validation.parse_guid(partition) if partition else None,
                            bool(raw_org.get("standalone", False)))
        for raw_user in raw_org.get("users", []):
            store.insert(org, _user_fields(org, raw_user))
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
