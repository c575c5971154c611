# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Group operations of the Identity API: the paths, bodies and answers of ``/api/Group``.

The listing of groups is one unpaged request and carries no members; a
group's members come with the group read by id. Members are directory
entities: users (``DirectoryUser``, whose ``identifier`` is the user's id),
robot accounts, directory groups and applications.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.operations import PARTITION_HINT, Operations, exact, untrusted
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid

USER_MEMBER = "DirectoryUser"


# The contract names the type builtIn or custom; the live service sends such enums as integers
# (as it does the type of a user), in the contract's order. Both are read; anything else is refused,
# since a group of unknown kind could be a built-in one that must keep its name.
_KINDS = {0: True, 1: False, "builtin": True, "custom": False}


def is_built_in(group):
    """Whether the group is one of the organization's own (Administrators, Everyone, ...)."""
    kind = group.get("type")
    return _KINDS[kind.lower() if isinstance(kind, str) else kind]


def _known_kind(kind):
    return not isinstance(kind, bool) and isinstance(kind, (int, str)) and (kind.lower() if isinstance(kind, str) else kind) in _KINDS


def describe(group):
    return "%s (%s)" % (group.get("name"), group.get("id"))


def member_label(member):
    return member.get("name") or member.get("email") or member.get("identifier")


class GroupOperations(Operations):
    READ, WRITE, NOUN = "PM.Group or PM.Group.Read", "PM.Group or PM.Group.Write", "group"

    def __init__(self, client, partition_global_id=None):
        super(GroupOperations, self).__init__(client, partition_global_id)
        self._groups = None

    def all(self):
        """Every group of the organization, read once per task: the listing is one unpaged request."""
        if self._groups is None:
            partition = self.partition("list groups")
            url = self.client.endpoints.api("Group", partition)
            answer = self.client.call("GET", ("Group", partition), self.READ)
            if not isinstance(answer.data, list):
                raise untrusted("GET", url, answer.status, answer.data, "The group listing is not a list")
            for index, group in enumerate(answer.data):
                if not _is_group(group):
                    raise untrusted("GET", url, answer.status, {"[%d]" % index: group},
                                    "Entry %d of the group listing is not a group with a GUID id, a name and a known type" % index)
            self.base_proven = True
            if not answer.data:
                # Every organization has its built-in groups (Administrators, Everyone).
                raise ConfigurationError("partition_global_id", "lists no groups at all at GET %s: it is probably not this "
                                         "organization's id; %s" % (url, PARTITION_HINT))
            self._groups = answer.data
        return self._groups

    def get(self, group_id):
        """The group with its members, or None when the API says there is no such group."""
        segments = ("Group", self.partition("read a group"), group_id)
        group = self.read(segments, group_id, partition_in_path=True)
        if group is not None:
            if not _is_group(group):
                raise untrusted("GET", self.client.endpoints.api(*segments), 200, group,
                                "The group has no name or a type of no known kind")
            self.members(group)
        return group

    def confirm_partition(self):
        """A group the API says is missing proves nothing if the organization's id is wrong: its groups must list."""
        if not self.partition_from_token:
            self.all()

    def named(self, name):
        """The listed groups whose name is ``name`` as the Identity API compares names."""
        return exact(self.all(), "name", name)

    def lookup(self, group_id=None, name=None):
        """The one group named by id or name, with its members; None when there is none."""
        if group_id is not None:
            return self.get(group_id)
        listed = self.one(self.named(name), "name", name, describe, "group_id")
        return self.get(listed["id"]) if listed is not None else None

    def resolve_groups(self, values, option):
        """The groups ``values`` name, each a group name or id, from the task's one listing."""
        def candidates(value):
            if is_guid(value):
                return [g for g in self.all() if g["id"].lower() == value.lower()]
            return self.named(value)
        return self.resolve(values, option, candidates, describe, "its id")

    def members(self, group):
        """The group's members, each checked: a user member's identifier must be a GUID before it goes into a body."""
        members = group.get("members")
        if members is None:
            return []
        url = self.client.endpoints.api("Group", self.partition("read a group"), group["id"])
        if not isinstance(members, list):
            raise untrusted("GET", url, 200, {"members": members}, "The group's members are not a list")
        for index, member in enumerate(members):
            if not isinstance(member, dict) or not isinstance(member.get("objectType"), str):
                raise untrusted("GET", url, 200, {"members[%d]" % index: member}, "Member %d is not a directory entity" % index)
            if member["objectType"] == USER_MEMBER and not is_guid(member.get("identifier")):
                raise untrusted("GET", url, 200, {"members[%d]" % index: member},
                                "Member %d is a user without a GUID identifier" % index)
        return members

    def user_members(self, group):
        return [m for m in self.members(group) if m["objectType"] == USER_MEMBER]

    def create(self, name, member_ids):
        """POST /api/Group; the new group as the API answers it (201 GroupDto), None in check mode."""
        body = {"partitionGlobalId": self.partition("create a group"), "name": name}
        if member_ids:
            body["directoryUserMemberIDs"] = list(member_ids)
        answer = self.write("POST", ("Group",), expect=(200, 201, 400), json=body)
        if answer is None:
            return None
        if isinstance(answer.data, dict) and answer.data.get("id") is not None:
            return self.checked_record("POST", self.client.endpoints.api("Group"), answer.status, answer.data)
        # No record in the answer: read it back by name.
        self._groups = None
        return self.lookup(name=name)

    def update(self, group, name, add, remove):
        """PUT /api/Group/{id}: the service refuses an update without the group's name, so it is always sent."""
        body = {"partitionGlobalId": self.partition("change a group"), "name": name}
        if add:
            body["directoryUserIDsToAdd"] = list(add)
        if remove:
            body["directoryUserIDsToRemove"] = list(remove)
        self.write("PUT", ("Group", group["id"]), expect=(200, 204, 400), json=body)

    def delete(self, group_id):
        """Remove a group; True when it was removed (or would be), False when it was already gone."""
        return self.remove(("Group", self.partition("remove a group"), group_id), lambda: self.get(group_id))

    def prove_address(self):
        self._groups = None
        self.all()


def _is_group(group):
    return (isinstance(group, dict) and is_guid(group.get("id")) and isinstance(group.get("name"), str)
            and group["name"].strip() != "" and _known_kind(group.get("type")))
