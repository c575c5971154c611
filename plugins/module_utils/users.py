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
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid, name_key

READ = "PM.User or PM.User.Read"
WRITE = "PM.User or PM.User.Write"
# The largest page the listing endpoint serves: fewest requests per lookup.
PAGE_SIZE = 1000

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
        answer = self.client.call("GET", ("User", user_id), READ, missing_ok=True)
        if answer.missing:
            if answer.missing == MISSING_UNCONFIRMED:
                self._confirm_api_base(self.client.endpoints.api("User", user_id))
            return None
        if not isinstance(answer.data, dict) or not answer.data.get("id"):
            raise NotIdentityApi("GET", self.client.endpoints.api("User", user_id), answer.status, answer.data, hint=MISROUTE_HINT)
        self._base_proven = True
        return answer.data

    def search(self, term=None):
        """Every user the listing returns for ``term`` (all users when None), page by page."""
        for page in self.pages(term):
            yield from page

    def pages(self, term=None):
        """The listing for ``term`` (all users when None), one page (a list of records) at a time."""
        partition = self.partition("list or look up users")
        skip = 0
        while True:
            params = {"top": PAGE_SIZE, "skip": skip}
            if term is not None:
                params["searchTerm"] = term
            results, total = self._page(partition, params)
            yield results
            skip += len(results)
            if not results or skip >= total:
                return

    def find(self, field, value):
        """Users whose ``field`` (userName or email) equals ``value`` as the Identity API compares them.

        The listing's searchTerm matches substrings of several fields, so it
        only narrows the candidates; equality is decided here, by name_key(),
        the rule by which UiPath refuses a second user with the same user name
        or email (its contract: creating one fails). One match is therefore the
        answer, and paging stops after the page that holds it. A second match on
        that page is still returned, so that a lookup fails rather than pick one.
        """
        wanted = name_key(value)
        matches = []
        listed = False
        for page in self.pages(value):
            listed = listed or bool(page)
            matches.extend(u for u in page if isinstance(u.get(field), str) and name_key(u[field]) == wanted)
            if matches:
                break
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
        """Which of ``user_ids`` exist, from one listing pass that stops once all are seen."""
        wanted = set(user_ids)
        found = set()
        for user in self.search():
            user_id = str(user.get("id", "")).lower()
            if user_id in wanted:
                found.add(user_id)
                if found == wanted:
                    break
        return found

    def bulk_delete(self, user_ids):
        """Remove users with one ``DELETE /api/User``; ids absent by then are ignored by the API."""
        body = {"partitionGlobalId": self.partition("remove users in bulk"), "userIds": list(user_ids)}
        self._write("DELETE", ("User",), expect=(200, 204, 400), json=body)

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
        check_write(method, self.client.endpoints.api(*segments), answer)
        return answer

    def _page(self, partition, params):
        url = self.client.endpoints.api("User", "users", partition)
        answer = self.client.call("GET", ("User", "users", partition), READ, params=params)
        data = answer.data
        if not isinstance(data, dict) or not isinstance(data.get("results"), list) or not isinstance(data.get("totalCount"), int):
            raise NotIdentityApi("GET", url, answer.status, data, hint=MISROUTE_HINT)
        self._base_proven = True
        if data["totalCount"] > 0:
            self._partition_has_users = True
        elif "searchTerm" not in params and not self._partition_has_users:
            # Every organization has at least the administrator who set this up.
            raise ConfigurationError("partition_global_id", "lists no users at all at GET %s: it is probably not this "
                                     "organization's id; %s" % (url, PARTITION_HINT))
        return data["results"], data["totalCount"]

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
