# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bringing users to the state a task asks for: each function reads, decides,
writes through UserOperations (which skips writes in check mode), and returns
the module result."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError, IdentityError
from ansible_collections.uipath.identity.plugins.module_utils.removal import removal
from ansible_collections.uipath.identity.plugins.module_utils.user_fields import Desired, applied
from ansible_collections.uipath.identity.plugins.module_utils.validation import name_key


def _label(user):
    return "%s (%s)" % (user.get("userName") or user.get("email"), user.get("id"))


def ensure_absent(users, user_id=None, username=None, email=None):
    user = users.lookup(user_id=user_id, username=username, email=email)
    if user is None:
        return dict(changed=False, msg="User %s is already absent" % (user_id or username or email))
    return removal(users, user, "User %s" % _label(user), "user")


def ensure_present(users, params, warn):
    desired = Desired(params)
    user = users.lookup(user_id=params.get("user_id"), username=desired.username,
                        email=None if desired.username else params.get("email"))
    if user is None:
        return _create(users, desired, params, warn)
    if desired.username is not None and name_key(str(user.get("userName", ""))) != name_key(desired.username):
        raise ConfigurationError("username", "differs from the user's user name %r, and user names cannot be changed" % user.get("userName"))
    if desired.group_ids is not None:
        users.checked_group_ids(user)
    body = desired.update_body(user)
    body.update(desired.password_body())
    after = applied(user, body)
    if not body:
        return dict(changed=False, user=user, msg="User %s is as wanted" % _label(user))
    users.update(user["id"], body)
    changed_fields = sorted(k for k in body if k != "password")
    if "password" in body:
        changed_fields.append("password")
    verb = "would be updated" if users.check_mode else "updated"
    return dict(changed=True, user=after, msg="User %s %s: %s" % (_label(user), verb, ", ".join(changed_fields)),
                diff=dict(before=user, after=after))


def _create(users, desired, params, warn):
    if params.get("user_id") is not None:
        raise ConfigurationError("user_id", "names no existing user; to create a user give username (and email) instead of user_id")
    if desired.username is None:
        raise ConfigurationError("username", "is required to create a user, and no user has the email %r" % params.get("email"))
    predicted = desired.predicted()
    users.create(desired.create_body(users.partition("create a user")))
    if users.check_mode:
        return dict(changed=True, user=predicted, msg="User %s would be created" % desired.username,
                    diff=dict(before={}, after=predicted))
    created = _find_created(users, desired.username)
    if created is None:
        if desired.needs_update_after_create():
            error = IdentityError("User %s was created, but the listing does not show it yet, so it could not be deactivated: "
                                  "run the task again" % desired.username)
            # The user exists now: the failure must still say that something changed.
            error.result = dict(changed=True, user=predicted)
            raise error
        warn("User %s was created but the listing does not show it yet" % desired.username)
        created = predicted
    elif desired.needs_update_after_create():
        users.update(created["id"], {"isActive": False})
        created = dict(created, isActive=False)
    return dict(changed=True, user=created, msg="User %s created" % _label(created), diff=dict(before={}, after=created))


def _find_created(users, username, waits=(0.5, 1.0, 2.0)):
    """The user just created; the listing may take a moment to show it."""
    created = users.lookup(username=username)
    for wait in waits:
        if created is not None:
            break
        users.client.transport.sleep(wait)
        created = users.lookup(username=username)
    return created
