# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""User operations of the Identity API: the paths, bodies and answers of
``/api/User``. Every write goes through ``_write``, which in check mode
reports the change without sending it, so dry runs and real runs share
one path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.auth import token_claims
from ansible_collections.uipath.identity.plugins.module_utils.client import MISSING_UNCONFIRMED, MISROUTE_HINT
from ansible_collections.uipath.identity.plugins.module_utils.errors import ApiError, ConfigurationError, IdentityError, NotIdentityApi
from ansible_collections.uipath.identity.plugins.module_utils.identity_result import check_write
from ansible_collections.uipath.identity.plugins.module_utils.listing import STABLE_ORDER, ListingChanged, ListingPass, page_of_records
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid, name_key

READ = "PM.User or PM.User.Read"
WRITE = "PM.User or PM.User.Write"
# The largest page the listing endpoint serves: fewest requests per lookup.
PAGE_SIZE = 1000
# At most this many GET /api/User/{id} settle the ids a changing listing did not show:
# Automation Cloud allows 300 GETs per organization in 5 minutes.
SETTLE_READS = 50

PARTITION_HINT = (
    "set partition_global_id (UIPATH_PARTITION_GLOBAL_ID) to the organization's id, the GUID UiPath calls "
    "partitionGlobalId; UiPath's guide 'Retrieving partitionGlobalId for API use' shows where the portal reveals it, "
    "and tokens issued to users carry it as the claim prt_id")


class MissingPartition(ConfigurationError):
    """No partition_global_id, and the token carries none."""


class AmbiguousUser(IdentityError):
    def __init__(self, option, value, candidates):
        self.candidates = candidates
        listed = ", ".join("%s (%s / %s)" % (u.get("id"), u.get("userName"), u.get("email")) for u in candidates)
        super(AmbiguousUser, self).__init__(
            "%s %r matches %d users exactly: %s. Use user_id to pick one" % (option, value, len(candidates), listed))


class BulkIdsRefused(ApiError):
    """A bulk removal answered 404: by the API's own words, not a success."""


class UserOperations(object):
    def __init__(self, client, partition_global_id=None):
        self.client = client
        self._partition = partition_global_id
        self._partition_checked = False
        # What this task has already seen the API prove: that the address is
        # the Identity API (a JSON answer of its own shape), and that the
        # partition lists users. Each is checked at most once per task.
        self._base_proven = False
        self._partition_has_users = False

    @property
    def check_mode(self):
        return self.client.check_mode

    def partition(self, purpose):
        """The organization's GUID: the option, else the token's prt_id claim."""
        if not self._partition_checked:
            claimed = token_claims(self.client.auth.token(self.client.transport)).get("prt_id")
            claimed = claimed.lower() if is_guid(claimed) else None
            if self._partition is None and claimed is None:
                raise MissingPartition("partition_global_id", "is needed to %s and the token does not carry it: %s"
                                       % (purpose, PARTITION_HINT))
            if self._partition is not None and claimed is not None and claimed != self._partition:
                raise ConfigurationError("partition_global_id", "is %s, but the token was issued for the organization %s"
                                         % (self._partition, claimed))
            self._partition = self._partition or claimed
            self._partition_checked = True
        return self._partition

    def get(self, user_id):
        """The user record, or None when the Identity API says there is no such user."""
        url = self.client.endpoints.api("User", user_id)
        answer = self.client.call("GET", ("User", user_id), READ, missing_ok=True)
        if answer.missing:
            if answer.missing == MISSING_UNCONFIRMED:
                self._confirm_api_base(url)
            return None
        record = answer.data
        if not isinstance(record, dict) or not is_guid(record.get("id")):
            raise NotIdentityApi("GET", url, answer.status, record, hint=MISROUTE_HINT)
        if record["id"].lower() != user_id.lower():
            # Acting on it would remove or change another user than the one named.
            raise NotIdentityApi("GET", url, answer.status, record, hint=(
                "The record carries the id %s, not the id asked for, so it cannot be trusted. %s" % (record["id"], MISROUTE_HINT)))
        self._base_proven = True
        return record

    def search(self, term=None):
        """Every user the listing returns for ``term`` (all users when None), from a read it did not change under."""
        for attempt in range(2):
            listing = self.listing(term)
            found = list(listing.records())
            if not listing.changed:
                return found
        raise ListingChanged(self._listing_url(), listing.changed, "the users it lists could not be told")

    def listing(self, term=None):
        """A pass over the listing for ``term`` (all users when None), sorted by id."""
        partition = self.partition("list or look up users")

        def fetch(skip, top):
            params = dict(STABLE_ORDER, top=top, skip=skip)
            if term is not None:
                params["searchTerm"] = term
            return self._page(partition, params)
        return ListingPass(fetch, PAGE_SIZE)

    def find(self, field, value):
        """Users whose ``field`` (userName or email) equals ``value`` as the Identity API compares them.

        The listing's searchTerm matches substrings of several fields, so it
        only narrows the candidates; equality is decided here, by name_key(),
        the rule by which UiPath refuses a second user with the same user name
        or email (its contract: creating one fails). One match is therefore the
        answer, and paging stops after the page that holds it. A second match on
        that page is still returned, so that a lookup fails rather than pick one.
        A listing that changed while it was read and showed no match is read once more.
        """
        wanted = name_key(value)
        for attempt in range(2):
            listing = self.listing(value)
            matches = []
            listed = False
            for page in listing.pages():
                listed = listed or bool(page)
                matches.extend(u for u in page if isinstance(u.get(field), str) and name_key(u[field]) == wanted)
                if matches:
                    break
            if matches or not listing.changed:
                break
        else:
            raise ListingChanged(self._listing_url(), listing.changed,
                                 "a user whose %s is %r may exist although no page showed one" % (field, value))
        if not listed:
            self._confirm_partition()
        return matches

    def lookup(self, user_id=None, username=None, email=None):
        """The one user named by id, username or email; None when there is none."""
        if user_id is not None:
            return self.get(user_id)
        option, field, value = ("username", "userName", username) if username is not None else ("email", "email", email)
        matches = self.find(field, value)
        if len(matches) > 1:
            raise AmbiguousUser(option, value, matches)
        return matches[0] if matches else None

    def checked_group_ids(self, user):
        """The user's groupIDs, each proven a GUID before any of them goes into a body (groupIDsToRemove)."""
        groups = user.get("groupIDs")
        if groups is None:
            return []
        if not isinstance(groups, list) or not all(is_guid(g) for g in groups):
            raise NotIdentityApi("GET", self.client.endpoints.api("User", user["id"]), 200, {"groupIDs": groups}, hint=(
                "The user's groupIDs are not a list of GUIDs, so the answer cannot be trusted and no group was changed. "
                + MISROUTE_HINT))
        return groups

    def delete(self, user_id):
        """Remove a user; True when it was removed (or would be), False when it was already gone."""
        url = self.client.endpoints.api("User", user_id)
        answer = self._write("DELETE", ("User", user_id), expect=(200, 204), missing_ok=True)
        if answer is None:
            return True
        if answer.missing:
            # The user was there a moment ago: make sure the 404 means it is gone.
            if self.get(user_id) is not None:
                raise ApiError("DELETE", url, 404, "the user is still there", hint=(
                    "The DELETE was refused as if the user did not exist although it does; check url and deployment"))
            # Gone before our DELETE arrived, unless an earlier attempt of this
            # very request may have done it and lost its answer.
            return answer.maybe_applied_before
        return True

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
        raise ListingChanged(self._listing_url(), listing.changed, "%d of the ids it did not show could not be checked "
                             "one by one (at most %d reads)" % (len(unsure), SETTLE_READS))

    def bulk_delete(self, user_ids):
        """Remove users with one ``DELETE /api/User``.

        Whether the API ignores ids that name no user (answering 204) or refuses the request (400, 404) is
        not documented; a 404 is raised here as BulkIdsRefused rather than read as success, and the caller
        decides what the ids are.
        """
        body = {"partitionGlobalId": self.partition("remove users in bulk"), "userIds": list(user_ids)}
        answer = self._write("DELETE", ("User",), expect=(200, 204, 400), json=body, missing_ok=True)
        if answer is not None and answer.missing is not None:
            # The address was proven by the listing just read, so this 404 is the API's own.
            raise BulkIdsRefused("DELETE", self.client.endpoints.api("User"), 404, None,
                                 hint="The bulk removal was refused, which the API may do for ids that name no user")

    def create(self, body):
        """POST /api/User; the answer holds no id, so the caller looks the user up after."""
        self._write("POST", ("User",), expect=(200, 201, 400), json=body)

    def update(self, user_id, body):
        self._write("PUT", ("User", user_id), expect=(200, 204, 400), json=body)

    def _write(self, method, segments, **kwargs):
        """The one way a write is sent: skipped in check mode, and a refusal in
        the answer's body (an IdentityResult) fails, whatever its status."""
        if self.check_mode:
            return None
        answer = self.client.call(method, segments, WRITE, **kwargs)
        if answer.missing is None:
            check_write(method, self.client.endpoints.api(*segments), answer)
        return answer

    def _listing_url(self):
        return self.client.endpoints.api("User", "users", self.partition("list users"))

    def _page(self, partition, params):
        url = self.client.endpoints.api("User", "users", partition)
        answer = self.client.call("GET", ("User", "users", partition), READ, params=params)
        results, total = page_of_records(url, answer.status, answer.data, params["skip"])
        self._base_proven = True
        if total > 0:
            self._partition_has_users = True
        elif "searchTerm" not in params and not self._partition_has_users:
            # Every organization has at least the administrator who set this up.
            raise ConfigurationError("partition_global_id", "lists no users at all at GET %s: it is probably not this "
                                     "organization's id; %s" % (url, PARTITION_HINT))
        return results, total

    def _confirm_partition(self):
        """A search that found nobody proves nothing if the partition is wrong: list the organization."""
        if not self._partition_has_users:
            self._page(self.partition("look users up"), {"top": 1, "skip": 0})

    def _confirm_api_base(self, url):
        """Accept an empty 404 only once an answer of the API's own shape proved the address."""
        if self._base_proven:
            return
        try:
            partition = self.partition("confirm the API address")
        except MissingPartition:
            raise NotIdentityApi("GET", url, 404, "", hint=(
                "A 404 with an empty body can mean a missing user or a wrong address. To tell them apart, "
                + PARTITION_HINT + "; also check url and organization"))
        self._page(partition, {"top": 1, "skip": 0})
