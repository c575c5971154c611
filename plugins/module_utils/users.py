# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""User operations of the Identity API: the paths, bodies and answers of
``/api/User``, on the shared Operations. Every write goes through ``write``, which in check mode
reports the change without sending it, so dry runs and real runs share
one path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ApiError, ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.listing import ListingChanged
from ansible_collections.uipath.identity.plugins.module_utils.operations import PARTITION_HINT, Operations, exact
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid, name_key

READ = "PM.User or PM.User.Read"
WRITE = "PM.User or PM.User.Write"
# At most this many GET /api/User/{id} settle the ids a changing listing did not show:
# Automation Cloud allows 300 GETs per organization in 5 minutes.
SETTLE_READS = 50
# Up to this many users named in one task are looked up one search each; more, and one listing
# of the whole organization (1000 users a request) is cheaper.
FEW = 10


class BulkIdsRefused(ApiError):
    """A bulk removal answered 404: by the API's own words, not a success."""


def describe(user):
    return "%s (%s / %s)" % (user.get("id"), user.get("userName"), user.get("email"))


class UserOperations(Operations):
    READ, WRITE, NOUN = READ, WRITE, "user"

    def __init__(self, client, partition_global_id=None):
        super(UserOperations, self).__init__(client, partition_global_id)
        # Whether the partition has listed a user in this task: checked at most once.
        self._partition_has_users = False

    def get(self, user_id):
        """The user record, or None when the Identity API says there is no such user."""
        return self.read(("User", user_id), user_id)

    def find(self, field, value):
        """Users whose ``field`` (userName or email) equals ``value`` as the Identity API compares them."""
        return self.find_listed(field, value)

    def lookup(self, user_id=None, username=None, email=None):
        """The one user named by id, username or email; None when there is none."""
        if user_id is not None:
            return self.get(user_id)
        option, field, value = ("username", "userName", username) if username is not None else ("email", "email", email)
        return self.one(self.find(field, value), option, value, describe, "user_id")

    def resolve_users(self, values, option):
        """The users ``values`` name, each a user name, an email or a user id, matched exactly.

        A value that is one user's name and another user's email names two users, and fails.
        """
        if len(values) > FEW:
            index = {}
            for user in self.search():
                for key in set([user["id"].lower()] + [name_key(user[f]) for f in ("userName", "email") if isinstance(user.get(f), str)]):
                    index.setdefault(key, []).append(user)
            return self.resolve(values, option, lambda value: index.get(value.lower() if is_guid(value) else name_key(value), []),
                                describe, "the user id")
        return self.resolve(values, option, self._named, describe, "the user id")

    def _named(self, value):
        if is_guid(value):
            user = self.get(value)
            return [user] if user is not None else []
        listed = self.search(value)
        if not listed:
            self.confirm_partition()
        found = exact(listed, "userName", value)
        return found + [u for u in exact(listed, "email", value) if u not in found]

    def find_many(self, field, values):
        """{value: [users whose ``field`` equals it]} for every value, from one listing pass of the organization.

        The pass ends after the page where every value has found a user. If the listing changed while it
        was read, the values it found no user for are looked up one search each (at most SETTLE_READS),
        or, when there are more, the listing is read once more: a changing listing is never read as absence.
        """
        wanted = {}
        for value in values:
            wanted.setdefault(name_key(value), value)
        for attempt in range(2):
            listing = self.listing()
            found = dict((key, []) for key in wanted)
            for page in listing.pages():
                for user in page:
                    key = name_key(user[field]) if isinstance(user.get(field), str) else None
                    if key in found:
                        found[key].append(user)
                if all(found.values()):
                    break
            unsure = [key for key, users in found.items() if not users]
            if not unsure or not listing.changed:
                break
            if len(unsure) <= SETTLE_READS:
                found.update((key, self.find(field, wanted[key])) for key in unsure)
                break
        else:
            raise ListingChanged(self.listing_url(), listing.changed, "%d of the names it did not show could not be looked up "
                                 "one by one (at most %d searches)" % (len(unsure), SETTLE_READS))
        return dict((wanted[key], found[key]) for key in wanted)

    def checked_group_ids(self, user):
        """The user's groupIDs, each proven a GUID before any of them goes into a body (groupIDsToRemove)."""
        return self.guid_list(user, "groupIDs", ("User", user["id"]))

    def delete(self, user_id):
        """Remove a user; True when it was removed (or would be), False when it was already gone."""
        return self.remove(("User", user_id), lambda: self.get(user_id))

    def existing_ids(self, user_ids):
        """Which of ``user_ids`` (lower-case GUIDs) exist, from one listing pass that stops once all are seen.

        If the listing changed while it was read, the ids it did not show are
        read one by one, or, when there are too many, the listing once more.
        """
        wanted = list(user_ids)
        lookup = set(wanted)
        found = set()
        for attempt in range(2):
            listing = self.listing()
            for user in listing.records():
                if user["id"].lower() in lookup:
                    found.add(user["id"].lower())
                    if len(found) == len(lookup):
                        return found
            if not listing.changed:
                return found
            unsure = [i for i in wanted if i not in found]
            if len(unsure) <= SETTLE_READS:
                return found.union(i for i in unsure if self.get(i) is not None)
        raise ListingChanged(self.listing_url(), listing.changed, "%d of the ids it did not show could not be checked "
                             "one by one (at most %d reads)" % (len(unsure), SETTLE_READS))

    def bulk_delete(self, user_ids):
        """Remove users with one ``DELETE /api/User``.

        Whether the API ignores ids that name no user (answering 204) or refuses the request (400, 404) is
        not documented; a 404 is raised here as BulkIdsRefused rather than read as success, and the caller
        decides what the ids are.
        """
        body = {"partitionGlobalId": self.partition("remove users in bulk"), "userIds": list(user_ids)}
        answer = self.write("DELETE", ("User",), expect=(200, 204, 400), json=body, missing_ok=True)
        if answer is not None and answer.missing is not None:
            # The address was proven by the listing just read, so this 404 is the API's own.
            raise BulkIdsRefused("DELETE", self.client.endpoints.api("User"), 404, None,
                                 hint="The bulk removal was refused, which the API may do for ids that name no user")

    def create(self, body):
        """POST /api/User; the answer holds no id, so the caller looks the user up after."""
        self.write("POST", ("User",), expect=(200, 201, 400), json=body)

    def bulk_create(self, bodies, group_ids):
        """POST /api/User/BulkCreate: users (CreateUserCommandBase) who join the same groups, all or none.

        Only the answer's IdentityResult is read (its ``result``, in the live shape): the contract promises
        nothing more, so the records the live answer also lists are not relied on.
        """
        body = {"users": list(bodies), "partitionGlobalId": self.partition("create users")}
        if group_ids:
            body["groupIDs"] = list(group_ids)
        self.write("POST", ("User", "BulkCreate"), expect=(200, 201, 400), json=body)

    def update(self, user_id, body):
        self.write("PUT", ("User", user_id), expect=(200, 204, 400), json=body)

    @staticmethod
    def listing_segments(partition):
        return ("User", "users", partition)

    def listed(self, url, total, params):
        if total > 0:
            self._partition_has_users = True
        elif "searchTerm" not in params and not self._partition_has_users:
            # Every organization has at least the administrator who set this up.
            raise ConfigurationError("partition_global_id", "lists no users at all at GET %s: it is probably not this "
                                     "organization's id; %s" % (url, PARTITION_HINT))

    def confirm_partition(self):
        """A search that found nobody proves nothing if the partition is wrong: list the organization."""
        if not self._partition_has_users:
            self.page(self.partition("look users up"), {"top": 1, "skip": 0})

    def prove_address(self):
        self.page(self.partition("confirm the API address"), {"top": 1, "skip": 0})
