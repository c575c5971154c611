# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bringing users to the state a task asks for: each function reads, decides,
writes through UserOperations (which skips writes in check mode), and returns
the module result."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import (
    ApiError, AuthenticationError, ConfigurationError, IdentityError, NotIdentityApi, PermissionDenied)
from ansible_collections.uipath.identity.plugins.module_utils.removal import removal
from ansible_collections.uipath.identity.plugins.module_utils.user_fields import Desired, applied
from ansible_collections.uipath.identity.plugins.module_utils.validation import name_key


class PartialRemoval(IdentityError):
    """A bulk removal that failed part way; ``result`` says which ids went, which did not, and which may have."""

    def __init__(self, cause, result, total, unchecked=None):
        self.result = result
        message = "%s. Removed %d of %d users before the failure; the ids in not_deleted were not removed" % (
            cause, len(result["deleted"]), total)
        if result["unknown"]:
            message += ("; the ids in unknown may have been removed: the request that carried them got no usable answer and "
                        "the listing that would tell failed too (%s)" % unchecked)
        super(PartialRemoval, self).__init__(message)


def _label(user):
    return "%s (%s)" % (user.get("userName") or user.get("email"), user.get("id"))


def ensure_absent(users, user_id=None, username=None, email=None):
    user = users.lookup(user_id=user_id, username=username, email=email)
    if user is None:
        return dict(changed=False, msg="User %s is already absent" % (user_id or username or email))
    return removal(users, user, "User %s" % _label(user), "user")


def ensure_many_absent(users, user_ids, chunk_size):
    """Remove many users by id: one listing pass, then DELETE /api/User in chunks.

    ``user_ids`` come checked and without duplicates (the module's checked()).
    """
    wanted = list(user_ids)
    existing = users.existing_ids(wanted) if wanted else set()
    present = [i for i in wanted if i in existing]
    result = dict(deleted=[], not_found=[i for i in wanted if i not in existing])
    for start in range(0, len(present), chunk_size):
        chunk = present[start:start + chunk_size]
        for resend in range(RESENDS + 1):
            try:
                if chunk:
                    users.bulk_delete(chunk)
                break
            except ApiError as exc:
                gone = _gone_meanwhile(users, exc, chunk) if resend < RESENDS else []
                if not gone:
                    # What this task set out to remove: every id listed, less those found gone before sending.
                    total = len(wanted) - len(result["not_found"])
                    unchecked = _after_failure(users, result, chunk, present[start + chunk_size:])
                    raise PartialRemoval(exc, result, total, unchecked)
                # Removed by someone else since the listing: absent, not removed by this task; the rest goes again.
                result["not_found"].extend(gone)
                chunk = [i for i in chunk if i not in gone]
        result["deleted"].extend(chunk)
    verb = "would be removed" if users.check_mode else "removed"
    result.update(changed=bool(result["deleted"]), msg="%d users %s, %d already absent" % (
        len(result["deleted"]), verb, len(result["not_found"])),
        diff=dict(before=dict(user_ids=result["deleted"]), after=dict(user_ids=[])))
    return result


# How often one chunk is sent again after the API refused it for ids someone else removed meanwhile.
RESENDS = 3


def _gone_meanwhile(users, exc, chunk):
    """The ids of a chunk the API refused (400 or 404) that no longer exist, or [] if that does not explain it.

    Whether a bulk removal naming a user that is gone is refused or ignored is not documented. Only a
    refusal by the API itself qualifies (never a misroute, an authentication or permission failure, or
    no answer), and only ids that a listing shows gone are taken out: then the refusal is read as having
    changed nothing, which is what a 4xx says.
    """
    if exc.status not in (400, 404) or isinstance(exc, (NotIdentityApi, AuthenticationError, PermissionDenied)):
        return []
    try:
        remaining = users.existing_ids(chunk)
    except IdentityError:
        return []
    return [i for i in chunk if i not in remaining]


def _after_failure(users, result, chunk, unsent):
    """Sort the ids of the failed chunk, and of the chunks never sent, by what is known of them.

    A failed request may still have been carried out (its answer lost), so one
    more listing decides which of its ids went. If that listing fails too, they
    are ``unknown``: claimed neither removed nor present. The ids never sent were
    not removed by this task; the listing only tells whether someone else did.
    Returns the listing's failure, or None.
    """
    unchecked = None
    try:
        remaining = users.existing_ids(chunk + unsent)
    except IdentityError as exc:
        unchecked, remaining = exc, None
    if remaining is None:
        result.update(unknown=list(chunk), not_deleted=list(unsent))
    else:
        result["deleted"].extend(i for i in chunk if i not in remaining)
        result["not_found"].extend(i for i in unsent if i not in remaining)
        result.update(unknown=[], not_deleted=[i for i in chunk + unsent if i in remaining])
    result["changed"] = bool(result["deleted"] or result["unknown"])
    return unchecked


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
