# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""From the options of a task to the API's user fields: what to create, what
differs from the record, and what the record will look like afterwards."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.validation import (
    name_key, require_email, require_guid, require_names, require_text)

# option name -> field of UserDto, CreateUserCommand and UpdateUserCommand
SETTABLE = (
    ("email", "email"),
    ("name", "name"),
    ("surname", "surname"),
    ("display_name", "displayName"),
    ("is_active", "isActive"),
    ("bypass_basic_auth_restriction", "bypassBasicAuthRestriction"),
    ("invitation_accepted", "invitationAccepted"),
)
# CreateUserCommand has no isActive: a user created inactive is updated after.
CREATABLE = frozenset(field for option, field in SETTABLE if field != "isActive")
_UPDATABLE = frozenset(field for option, field in SETTABLE)


def checked_fields(values, prefix=""):
    """The fields of one user in ``values`` checked and normalised in place, before any request.

    ``prefix`` names where they stand in a failure (``users[3].``, for one user of a list).
    """
    values["username"] = require_text(prefix + "username", values.get("username"))
    values["email"] = require_email(prefix + "email", values.get("email"))
    # Names and passwords are sent as given; only a blank one is refused.
    for option in ("name", "surname", "display_name", "password"):
        values[option] = require_text(prefix + option, values.get(option), strip=False)
    if values.get("group_ids") is not None:
        seen = set()
        values["group_ids"] = [g for g in (require_guid(prefix + "group_ids", raw) for raw in values["group_ids"])
                               if not (g in seen or seen.add(g))]
    values["groups"] = require_names(prefix + "groups", values.get("groups"))
    return values


class Desired(object):
    """The state a task asks for; None in a field means "not managed"."""

    def __init__(self, params):
        self.username = params.get("username")
        self.fields = dict((field, params.get(option)) for option, field in SETTABLE if params.get(option) is not None)
        if self.username is None and params.get("user_id") is None:
            # The email names the user here; it is not a value to set.
            self.fields.pop("email", None)
        self.group_ids = params.get("group_ids")
        self.append_groups = bool(params.get("append_groups"))
        self.password = params.get("password")
        self.update_password = params.get("update_password") or "on_create"

    def create_base(self):
        """The fields of a CreateUserCommandBase, what BulkCreate takes for each user."""
        body = dict((field, value) for field, value in self.fields.items() if field in CREATABLE)
        body["userName"] = self.username
        return body

    def create_body(self, partition):
        body = self.create_base()
        body["partitionGlobalId"] = partition
        if self.group_ids:
            body["groupIDs"] = list(self.group_ids)
        if self.password is not None:
            # Let the organization's password policy judge the password.
            body.update(password=self.password, validatePassword=True)
        return body

    def needs_update_after_create(self):
        return self.fields.get("isActive") is False

    def update_body(self, current):
        """The UpdateUserCommand holding only what differs; {} when nothing does."""
        body = dict((field, value) for field, value in self.fields.items() if not _same(field, current.get(field), value))
        add, remove = self._group_changes(current)
        if add:
            body["groupIDsToAdd"] = add
        if remove:
            body["groupIDsToRemove"] = remove
        return body

    def password_body(self):
        # A password cannot be read back, so "always" sends it on every run.
        if self.password is not None and self.update_password == "always":
            return {"password": self.password}
        return {}

    def _group_changes(self, current):
        if self.group_ids is None:
            return [], []
        have = [g.lower() for g in (current.get("groupIDs") or [])]
        want = [g.lower() for g in self.group_ids]
        add = [g for g in want if g not in have]
        remove = [] if self.append_groups else [g for g in have if g not in want]
        return add, remove

    def predicted(self):
        """The record of the user once created (without secrets)."""
        record = dict(userName=self.username, groupIDs=list(self.group_ids or []), isActive=True)
        record.update(self.fields)
        return record


def applied(current, body):
    """The record once an UpdateUserCommand ``body`` is carried out: what is sent changes, nothing else.

    Built from the body rather than from the task's options, so that a value the
    task gave but did not send (an email differing in case only) is not shown as
    changed in the result or the diff.
    """
    record = dict(current)
    record.update((field, value) for field, value in body.items() if field in _UPDATABLE)
    if "groupIDsToAdd" in body or "groupIDsToRemove" in body:
        removed = set(g.lower() for g in body.get("groupIDsToRemove", []))
        kept = [g for g in (current.get("groupIDs") or []) if g.lower() not in removed]
        record["groupIDs"] = kept + list(body.get("groupIDsToAdd", []))
    return record


def _same(field, have, want):
    # Email addresses compare without regard to case: a task that only differs
    # in case from the record must not rewrite the address (which may also
    # reset its confirmation).
    if field == "email" and isinstance(have, str) and isinstance(want, str):
        return name_key(have) == name_key(want)
    return have == want
