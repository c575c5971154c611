# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bringing a whole list of users to the state a task asks for, in a handful of requests.

One listing pass of the organization settles every user named, and every
conflict (a user name two users have, an email that belongs to someone else)
fails the task before anything is written. The missing users are created with
``POST /api/User/BulkCreate`` in chunks (one chunk per set of groups, since a
chunk's users join the same groups), except those with a password, which only
``POST /api/User`` carries; each user whose fields differ gets one ``PUT``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ApiError, IdentityError
from ansible_collections.uipath.identity.plugins.module_utils.user_fields import Desired, applied
from ansible_collections.uipath.identity.plugins.module_utils.users import describe
from ansible_collections.uipath.identity.plugins.module_utils.validation import name_key


class Conflicts(IdentityError):
    """What stops a list of users before anything is written."""


class PartialOnboarding(IdentityError):
    """A write that failed part way; ``result`` says what was created and updated before it."""

    def __init__(self, cause, what, result):
        self.result = result
        super(PartialOnboarding, self).__init__("%s, while %s. Before that, %d users were created and %d updated (see created and "
                                                "updated); run the task again once the cause is fixed" % (
                                                    cause, what, len(result["created"]), len(result["updated"])))


def ensure_users_present(users, items, options, chunk_size):
    """``items``: each user's checked fields (username required); ``options``: append_groups, update_password."""
    plan = _plan(users, [Desired(dict(item, **options)) for item in items])
    result = dict(created=[], updated=[], unchanged=[d.username for d, user in plan if user is not None and not _body(d, user)])
    before, after = {}, {}
    _create(users, [d for d, user in plan if user is None], chunk_size, result, after)
    for desired, user in plan:
        body = _body(desired, user) if user is not None else {}
        if body:
            _step(users.update, (user["id"], body), "updating user %s" % desired.username, result)
            result["updated"].append(desired.username)
            before[desired.username], after[desired.username] = user, applied(user, body)
    result["changed"] = bool(result["created"] or result["updated"])
    verb = "would be" if users.check_mode else "were"
    result.update(msg="%d users %s created, %d %s updated, %d unchanged" % (
        len(result["created"]), verb, len(result["updated"]), verb, len(result["unchanged"])),
        diff=dict(before=dict((name, before.get(name, {})) for name in after), after=after))
    return result


def _body(desired, user):
    body = desired.update_body(user)
    body.update(desired.password_body())
    return body


def _plan(users, wanted):
    """(Desired, the existing user or None) for each, from one listing pass; every conflict fails here."""
    by_name, by_email = {}, {}
    for user in users.search():
        for field, index in (("userName", by_name), ("email", by_email)):
            if isinstance(user.get(field), str):
                index.setdefault(name_key(user[field]), []).append(user)
    plan, problems = [], []
    for desired in wanted:
        found = by_name.get(name_key(desired.username), [])
        if len(found) > 1:
            problems.append("user name %r matches %d users exactly: %s" % (desired.username, len(found), ", ".join(describe(u) for u in found)))
        email = desired.fields.get("email")
        holders = [u for u in by_email.get(name_key(email), []) if u not in found] if email else []
        if holders:
            problems.append("email %r of %s belongs to %s" % (email, desired.username, ", ".join(describe(u) for u in holders)))
        if found and desired.group_ids is not None:
            users.checked_group_ids(found[0])
        plan.append((desired, found[0] if found else None))
    if problems:
        raise Conflicts("%s. No user was created or changed: UiPath keeps one user name and one email to one user" % "; ".join(problems))
    return plan


def _create(users, missing, chunk_size, result, after):
    """Create the missing users; BulkCreate takes no password and no isActive, so those go one by one after."""
    batches = {}
    for desired in missing:
        if desired.password is None:
            # One batch per set of groups, which joins them in the order the first of its users lists them.
            batches.setdefault(frozenset(desired.group_ids or []), []).append(desired)
    for members in batches.values():
        for start in range(0, len(members), chunk_size):
            chunk = members[start:start + chunk_size]
            names = ", ".join(d.username for d in chunk)
            _step(users.bulk_create, ([d.create_base() for d in chunk], list(members[0].group_ids or [])), "creating %s in bulk" % names, result)
            result["created"].extend(d.username for d in chunk)
    for desired in missing:
        if desired.password is not None:
            body = desired.create_body(users.partition("create a user"))
            _step(users.create, (body,), "creating user %s" % desired.username, result)
            result["created"].append(desired.username)
    _deactivate(users, [d for d in missing if d.needs_update_after_create()], result)
    after.update((d.username, d.predicted()) for d in missing)


def _deactivate(users, inactive, result):
    """Users listed with is_active false are created active, as the API makes them, then changed."""
    if not inactive or users.check_mode:
        return
    listed = _step(users.search, (), "listing the users just created to deactivate them", result)
    created = dict((name_key(u["userName"]), u) for u in listed if isinstance(u.get("userName"), str))
    for desired in inactive:
        user = created.get(name_key(desired.username))
        if user is None:
            raise PartialOnboarding(IdentityError("the listing does not show user %s yet" % desired.username),
                                    "deactivating the users just created", dict(result, changed=True))
        _step(users.update, (user["id"], {"isActive": False}), "deactivating user %s" % desired.username, result)


def _step(write, args, what, result):
    """One write; a failure says what it was doing and what the task had done before it."""
    try:
        return write(*args)
    except ApiError as exc:
        raise PartialOnboarding(exc, what, dict(result, changed=bool(result["created"] or result["updated"])))
