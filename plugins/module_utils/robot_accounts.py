# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Robot account operations of the Identity API: the paths, bodies and answers of
``/api/RobotAccount``. A robot account's name is fixed once it exists; its
display name and its groups (``groupIds``) can change."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError, PermissionDenied
from ansible_collections.uipath.identity.plugins.module_utils.groups import GroupOperations
from ansible_collections.uipath.identity.plugins.module_utils.operations import PARTITION_HINT, Operations, exact


def describe(robot):
    return "%s (%s)" % (robot.get("name"), robot.get("id"))


class RobotAccountOperations(Operations):
    READ, WRITE, NOUN = "PM.RobotAccount or PM.RobotAccount.Read", "PM.RobotAccount or PM.RobotAccount.Write", "robot account"

    def __init__(self, client, partition_global_id=None, groups=None):
        super(RobotAccountOperations, self).__init__(client, partition_global_id)
        self._partition_proven = False
        # The totalCount of the last page read without a search term: 0 says the organization has no robot account.
        self._total = None
        # The task's group operations, so that their one listing serves both the proof below and the group names.
        self.groups = groups or GroupOperations(client, partition_global_id)

    def get(self, robot_id):
        """The robot account, or None when the API says there is none."""
        robot = self.read(("RobotAccount", self.partition("read a robot account"), robot_id), robot_id, partition_in_path=True)
        if robot is not None:
            self.group_ids(robot)
        return robot

    def lookup(self, robot_id=None, name=None):
        if robot_id is not None:
            return self.get(robot_id)
        return self.one(self.named(name), "name", name, describe, "robot_account_id")

    def named(self, name):
        """The robot accounts whose name is ``name``.

        No source says which fields the robot listing's searchTerm matches. A search that shows no such
        robot account is therefore checked by one pass over every robot account (an organization has far
        fewer of them than users), so that a search matching display names only is never read as absence.
        """
        found = self.find_listed("name", name)
        if found or self._total == 0:
            return found
        return exact(self.search(), "name", name)

    @staticmethod
    def listing_segments(partition):
        return ("RobotAccount", partition)

    def group_ids(self, robot):
        """The robot account's groupIds, each proven a GUID before any of them goes into a body."""
        return self.guid_list(robot, "groupIds", ("RobotAccount", self.partition("read a robot account"), robot["id"]))

    def create(self, body):
        """POST /api/RobotAccount; the new robot account as the API answers it (201), None in check mode."""
        body = dict(body, partitionGlobalId=self.partition("create a robot account"))
        answer = self.write("POST", ("RobotAccount",), expect=(200, 201, 400), json=body)
        if answer is None:
            return None
        if isinstance(answer.data, dict) and answer.data.get("id") is not None:
            return self.checked_record("POST", self.client.endpoints.api("RobotAccount"), answer.status, answer.data)
        return self.lookup(name=body["name"])

    def update(self, robot_id, body):
        body = dict(body, partitionGlobalId=self.partition("change a robot account"))
        self.write("PUT", ("RobotAccount", robot_id), expect=(200, 204, 400), json=body)

    def delete(self, robot_id):
        """Remove a robot account; True when it was removed (or would be), False when it was already gone."""
        return self.remove(("RobotAccount", self.partition("remove a robot account"), robot_id), lambda: self.get(robot_id))

    def prove_address(self):
        self.page(self.partition("confirm the API address"), {"top": 1, "skip": 0})

    def confirm_partition(self):
        """A search that found no robot account proves nothing if the partition is wrong.

        A token that carries the organization's id proves it, and so does a listing with any robot account.
        An organization may have none, so then its groups (it always has built-in ones) must list.
        """
        if self.partition_from_token or self._partition_proven:
            return
        if self._total is None:
            self.page(self.partition("look robot accounts up"), {"top": 1, "skip": 0})
        if self._partition_proven:
            return
        try:
            self.groups.all()
        except PermissionDenied as exc:
            raise ConfigurationError("partition_global_id", "%s cannot be proven to be this organization's id: the token "
                                     "carries no organization id, the organization lists no robot accounts, and %s %s answered "
                                     "%s, so the groups that would show the id names an organization cannot be read. Grant the "
                                     "scope PM.Group.Read and include it in scope (UIPATH_SCOPE), or use a token issued for the "
                                     "organization that carries its id (claim prt_id); %s" % (
                                         self.partition("look robot accounts up"), exc.method, exc.url, exc.status, PARTITION_HINT))
        self._partition_proven = True

    def listed(self, url, total, params):
        if "searchTerm" not in params:
            self._total = total
        if total > 0:
            self._partition_proven = True
