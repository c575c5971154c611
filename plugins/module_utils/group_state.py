# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bringing a group to the state a task asks for: read, resolve every name,
decide, write through GroupOperations (which skips writes in check mode), and
return the module result. Only user members are managed: robot accounts,
directory groups and applications in a group are never removed by omission."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.removal import removal
from ansible_collections.uipath.identity.plugins.module_utils.groups import USER_MEMBER, describe, is_built_in, member_label
from ansible_collections.uipath.identity.plugins.module_utils.validation import name_key


def _as_member(user):
    """A user as the group lists it among its members."""
    return {"objectType": USER_MEMBER, "source": "local", "identifier": user["id"], "name": user.get("userName"),
            "email": user.get("email"), "displayName": user.get("displayName")}


def _view(group):
    """What --diff shows of a group: its name and its members by name."""
    return {"name": group.get("name"), "members": sorted(str(member_label(m)) for m in group.get("members") or [])}


def ensure_present(groups, users, params, warn):
    name, group_id = params.get("name"), params.get("group_id")
    group = groups.lookup(group_id=group_id, name=name)
    # Every member is resolved before anything is written: an unknown or ambiguous name fails the task here.
    wanted = users.resolve_users(params["members"], "members") if params.get("members") is not None else None
    if group is None:
        if group_id is not None:
            raise ConfigurationError("group_id", "names no existing group; to create a group give name instead of group_id")
        return _create(groups, name, wanted or [])
    new_name = _new_name(groups, group, name if group_id is not None else None)
    if wanted is not None and not params.get("append_members") and is_built_in(group):
        # Replacing the users of Administrators from a list is one typo away from locking everyone out.
        raise ConfigurationError("append_members", "must be true for %s, a built-in group: its users are only added to, "
                                 "never replaced from a list" % describe(group))
    add, remove, kept = _member_changes(groups.user_members(group), wanted, params.get("append_members"))
    if kept:
        warn("Group %s keeps %d users not listed in members, since they come from a directory, not from UiPath: %s"
             % (describe(group), len(kept), ", ".join(sorted(str(member_label(m)) for m in kept))))
    if new_name is None and not add and not remove:
        return dict(changed=False, group=group, msg="Group %s is as wanted" % describe(group))
    groups.update(group, new_name or group["name"], [u["id"] for u in add], [m["identifier"] for m in remove])
    removed = set(m["identifier"].lower() for m in remove)
    after = dict(group, name=new_name or group["name"],
                 members=[m for m in group.get("members") or [] if str(m.get("identifier")).lower() not in removed]
                 + [_as_member(u) for u in add])
    done = ["renamed to %s" % new_name] if new_name else []
    done += ["%d members added" % len(add)] if add else []
    done += ["%d members removed" % len(remove)] if remove else []
    verb = "would be updated" if groups.check_mode else "updated"
    return dict(changed=True, group=after, msg="Group %s %s: %s" % (describe(group), verb, ", ".join(done)),
                diff=dict(before=_view(group), after=_view(after)))


def _new_name(groups, group, name):
    """The name a task gives a group it names by id, when that is a change; None when it is not."""
    if name is None or name == group["name"]:
        return None
    if is_built_in(group):
        if name_key(name) == name_key(group["name"]):
            # The service keeps a built-in group's name as it is: a difference in letter case is no change.
            return None
        raise ConfigurationError("name", "would rename %s, a built-in group, which cannot be renamed; only its users can change"
                                 % describe(group))
    taken = [g for g in groups.named(name) if g["id"].lower() != group["id"].lower()]
    if taken:
        raise ConfigurationError("name", "would rename %s to the name of another group, %s" % (describe(group), describe(taken[0])))
    return name


def _member_changes(current, wanted, append):
    """(users to add, user members to remove, user members kept though not wanted).

    Nothing is removed by omission with ``append``, nor ever a user whose membership comes from a
    directory (``source`` other than local): its identifier need not be a UiPath user id.
    """
    if wanted is None:
        return [], [], []
    have = set(m["identifier"].lower() for m in current)
    want = set(u["id"].lower() for u in wanted)
    add = [u for u in wanted if u["id"].lower() not in have]
    unwanted = [] if append else [m for m in current if m["identifier"].lower() not in want]
    remove = [m for m in unwanted if str(m.get("source") or "").lower() == "local"]
    return add, remove, [m for m in unwanted if m not in remove]


def _create(groups, name, wanted):
    predicted = {"name": name, "members": [_as_member(u) for u in wanted]}
    created = groups.create(name, [u["id"] for u in wanted])
    if groups.check_mode:
        return dict(changed=True, group=predicted, msg="Group %s would be created" % name,
                    diff=dict(before={}, after=_view(predicted)))
    group = created if created is not None else predicted
    return dict(changed=True, group=group, msg="Group %s created with %d members" % (describe(group), len(wanted)),
                diff=dict(before={}, after=_view(group)))


def ensure_absent(groups, group_id=None, name=None):
    group = groups.lookup(group_id=group_id, name=name)
    if group is None:
        return dict(changed=False, msg="Group %s is already absent" % (group_id or name))
    if is_built_in(group):
        raise ConfigurationError("name" if name is not None else "group_id",
                                 "names %s, a built-in group, which cannot be removed" % describe(group))
    return removal(groups, group, "Group %s" % describe(group), "group", _view)
