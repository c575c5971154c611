# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Removing many users at once: named by id, by user name or by email, they are
settled from one listing pass and removed with ``DELETE /api/User`` in chunks,
with an honest account of what went, what was already gone, and what a
failure left unknown."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import (
    ApiError, AuthenticationError, IdentityError, NotIdentityApi, PermissionDenied)
from ansible_collections.uipath.identity.plugins.module_utils.users import describe

# How often one chunk is sent again after the API refused it for ids someone else removed meanwhile.
RESENDS = 3


class PartialRemoval(IdentityError):
    """A bulk removal that failed part way; ``result`` says which ids went, which did not, and which may have."""

    def __init__(self, cause, result, total, unchecked=None):
        self.result = result
        message = "%s. Removed %d of %d users before the failure; those in not_deleted were not removed" % (
            cause, len(result["deleted"]), total)
        if result["unknown"]:
            message += ("; the ids in unknown may have been removed: the request that carried them got no usable answer and "
                        "the listing that would tell failed too (%s)" % unchecked)
        super(PartialRemoval, self).__init__(message)


class AmbiguousNames(IdentityError):
    """Names that more than one user carries exactly: nobody is removed."""

    def __init__(self, kind, matches):
        listed = "; ".join("%s %r matches %d users exactly: %s" % (kind, name, len(users), ", ".join(describe(u) for u in users))
                           for name, users in matches)
        super(AmbiguousNames, self).__init__("%s. No one was removed: remove the right user by user_id, and take the name off "
                                             "the list" % listed)


def ensure_many_absent(users, user_ids, chunk_size):
    """Remove many users by id. ``user_ids`` come checked and without duplicates (the module's checked())."""
    wanted = list(user_ids)
    existing = users.existing_ids(wanted) if wanted else set()
    result = _remove(users, [i for i in wanted if i in existing], [i for i in wanted if i not in existing], chunk_size)
    return _summed_up(users, result, "user_ids")


def ensure_named_absent(users, option, field, names, chunk_size):
    """Remove the users named by ``field`` (userName or email): every name settled before any removal.

    The result speaks in the names given: ``deleted``, ``not_found`` (and after a failure ``not_deleted``,
    ``unknown``), with ``ids`` mapping each name that named a user to its id.
    """
    matches = users.find_many(field, names)
    shared = [(name, found) for name, found in matches.items() if len(found) > 1]
    if shared:
        # "emails" -> "email 'x' matches 2 users exactly", as a lookup of one user words it.
        raise AmbiguousNames(option[:-1], shared)
    ids = dict((name, found[0]["id"].lower()) for name, found in matches.items() if found)
    name_of = {}
    for name in names:
        if name in ids:
            name_of.setdefault(ids[name], name)
    try:
        result = _remove(users, list(name_of), [], chunk_size)
    except PartialRemoval as exc:
        exc.result = _in_names(exc.result, name_of, names, ids)
        raise
    return _summed_up(users, _in_names(result, name_of, names, ids), option)


def _in_names(result, name_of, names, ids):
    named = dict((key, [name_of[i] for i in value]) if isinstance(value, list) else (key, value) for key, value in result.items())
    named["not_found"] = [name for name in names if name not in ids] + named["not_found"]
    named["ids"] = ids
    return named


def _summed_up(users, result, option):
    verb = "would be removed" if users.check_mode else "removed"
    result.update(changed=bool(result["deleted"]), msg="%d users %s, %d already absent" % (
        len(result["deleted"]), verb, len(result["not_found"])),
        diff=dict(before={option: result["deleted"]}, after={option: []}))
    return result


def _remove(users, present, absent, chunk_size):
    """DELETE ``present`` (ids a listing has just shown) in chunks; ``absent`` are reported as not found."""
    result = dict(deleted=[], not_found=list(absent))
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
                    # What this task set out to remove: every id present, less those found gone since.
                    total = len(present) + len(absent) - len(result["not_found"])
                    unchecked = _after_failure(users, result, chunk, present[start + chunk_size:])
                    raise PartialRemoval(exc, result, total, unchecked)
                # Removed by someone else since the listing: absent, not removed by this task; the rest goes again.
                result["not_found"].extend(gone)
                chunk = [i for i in chunk if i not in gone]
        result["deleted"].extend(chunk)
    return result


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
