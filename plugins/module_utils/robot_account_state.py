# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bringing a robot account to the state a task asks for: read, resolve the
group names, decide, write through RobotAccountOperations (which skips writes
in check mode), and return the module result."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.removal import removal
from ansible_collections.uipath.identity.plugins.module_utils.robot_accounts import describe
from ansible_collections.uipath.identity.plugins.module_utils.validation import name_key


def ensure_present(robots, groups, params):
    name, robot_id = params.get("name"), params.get("robot_account_id")
    robot = robots.lookup(robot_id=robot_id, name=name)
    # Group names are resolved before anything is written, from one listing of the organization's groups.
    wanted = [g["id"].lower() for g in groups.resolve_groups(params["groups"], "groups")] if params.get("groups") is not None else None
    if robot is None:
        if robot_id is not None:
            raise ConfigurationError("robot_account_id", "names no existing robot account; to create one give name instead")
        return _create(robots, name, params.get("display_name"), wanted or [])
    if name is not None and name_key(str(robot.get("name", ""))) != name_key(name):
        raise ConfigurationError("name", "differs from the robot account's name %r, and a robot account's name cannot be changed"
                                 % robot.get("name"))
    body = {}
    if params.get("display_name") is not None and params["display_name"] != robot.get("displayName"):
        body["displayName"] = params["display_name"]
    if wanted is not None:
        have = [g.lower() for g in robots.group_ids(robot)]
        add = [g for g in wanted if g not in have]
        remove = [] if params.get("append_groups") else [g for g in have if g not in wanted]
        if add:
            body["groupIDsToAdd"] = add
        if remove:
            body["groupIDsToRemove"] = remove
    if not body:
        return dict(changed=False, robot_account=robot, msg="Robot account %s is as wanted" % describe(robot))
    robots.update(robot["id"], body)
    after = _applied(robot, body)
    verb = "would be updated" if robots.check_mode else "updated"
    return dict(changed=True, robot_account=after, msg="Robot account %s %s: %s" % (describe(robot), verb, ", ".join(sorted(body))),
                diff=dict(before=robot, after=after))


def _applied(robot, body):
    """The record once ``body`` is carried out: what is sent changes, nothing else."""
    record = dict(robot)
    if "displayName" in body:
        record["displayName"] = body["displayName"]
    removed = set(body.get("groupIDsToRemove", []))
    if "groupIDsToAdd" in body or removed:
        record["groupIds"] = [g for g in robot.get("groupIds") or [] if g.lower() not in removed] + body.get("groupIDsToAdd", [])
    return record


def _create(robots, name, display_name, group_ids):
    if name is None:
        raise ConfigurationError("name", "is required to create a robot account")
    body = {"name": name, "displayName": display_name if display_name is not None else name}
    if group_ids:
        body["groupIDsToAdd"] = list(group_ids)
    predicted = {"name": name, "displayName": body["displayName"], "groupIds": list(group_ids)}
    created = robots.create(body)
    if robots.check_mode:
        return dict(changed=True, robot_account=predicted, msg="Robot account %s would be created" % name,
                    diff=dict(before={}, after=predicted))
    robot = created if created is not None else predicted
    return dict(changed=True, robot_account=robot, msg="Robot account %s created" % describe(robot), diff=dict(before={}, after=robot))


def ensure_absent(robots, robot_id=None, name=None):
    robot = robots.lookup(robot_id=robot_id, name=name)
    if robot is None:
        return dict(changed=False, msg="Robot account %s is already absent" % (robot_id or name))
    return removal(robots, robot, "Robot account %s" % describe(robot), "robot_account")
