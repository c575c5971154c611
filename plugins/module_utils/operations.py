# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the operations on every resource of the Identity API (users, groups,
robot accounts) do alike: the organization's id, reading one record by id
without trusting the answer, the one write path that honours check mode,
removing one record, and exact lookup by name with the ambiguity rule.

A resource's own file names its paths, bodies and scopes on top of this.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.auth import token_claims
from ansible_collections.uipath.identity.plugins.module_utils.client import MISSING_UNCONFIRMED, MISROUTE_HINT
from ansible_collections.uipath.identity.plugins.module_utils.errors import ApiError, ConfigurationError, IdentityError, NotIdentityApi
from ansible_collections.uipath.identity.plugins.module_utils.identity_result import check_write
from ansible_collections.uipath.identity.plugins.module_utils.listing import STABLE_ORDER, ListingChanged, ListingPass, page_of_records
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid, name_key

# The largest page a listing serves: fewest requests per lookup.
PAGE_SIZE = 1000

PARTITION_HINT = (
    "set partition_global_id (UIPATH_PARTITION_GLOBAL_ID) to the organization's id, the GUID UiPath calls "
    "partitionGlobalId; UiPath's guide 'Retrieving partitionGlobalId for API use' shows where the portal reveals it, "
    "and tokens issued to users carry it as the claim prt_id")


class MissingPartition(ConfigurationError):
    """No partition_global_id, and the token carries none."""


class Ambiguous(IdentityError):
    """A name that more than one record carries exactly: never pick one."""

    def __init__(self, option, value, candidates, noun, describe, id_option):
        self.candidates = candidates
        listed = ", ".join(describe(record) for record in candidates)
        super(Ambiguous, self).__init__("%s %r matches %d %ss exactly: %s. Use %s to pick one" % (
            option, value, len(candidates), noun, listed, id_option))


def untrusted(method, url, status, body, what):
    """A NotIdentityApi for an answer whose shape cannot be the API's own."""
    return NotIdentityApi(method, url, status, body, hint="%s, so the answer cannot be trusted. %s" % (what, MISROUTE_HINT))


def exact(records, field, value):
    """The records whose ``field`` equals ``value`` as the Identity API compares names (see name_key)."""
    wanted = name_key(value)
    return [r for r in records if isinstance(r.get(field), str) and name_key(r[field]) == wanted]


class Operations(object):
    """The shared part of a resource's operations. Subclasses set:

    - ``READ`` and ``WRITE``: the scopes a read or a write needs, as the 403 message names them;
    - ``NOUN``: what one record is called in messages;
    - ``prove_address()``: one read of the organization's listing, to tell an empty 404 from a wrong address;
    - for a paged listing, ``listing_segments(partition)`` and ``listed(url, total, params)``, which sees each page's totalCount.
    """

    READ = WRITE = NOUN = None

    def __init__(self, client, partition_global_id=None):
        self.client = client
        self._partition = partition_global_id
        self._partition_checked = False
        self.partition_from_token = False
        # Whether an answer of the API's own shape has proven the address in this task.
        self.base_proven = False

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
            # The token was issued for this organization: its id needs no other proof.
            self.partition_from_token = claimed is not None
            self._partition_checked = True
        return self._partition

    def read(self, segments, wanted_id, partition_in_path=False):
        """The record at ``segments``, checked to carry ``wanted_id``; None when the API says there is none.

        Where the path holds the organization's id (``partition_in_path``), a 404 may only mean a wrong
        id, so absence is believed once that id is proven (confirm_partition()).
        """
        url = self.client.endpoints.api(*segments)
        answer = self.client.call("GET", segments, self.READ, missing_ok=True)
        if answer.missing:
            if answer.missing == MISSING_UNCONFIRMED:
                self.confirm_address(url)
            if partition_in_path:
                self.confirm_partition()
            return None
        record = self.checked_record("GET", url, answer.status, answer.data)
        if record["id"].lower() != wanted_id.lower():
            # Acting on it would change or remove another record than the one named.
            raise NotIdentityApi("GET", url, answer.status, record, hint=(
                "The record carries the id %s, not the id asked for, so it cannot be trusted. %s" % (record["id"], MISROUTE_HINT)))
        return record

    def checked_record(self, method, url, status, record):
        """``record`` if it is an object with a GUID id, as every record of the API is."""
        if not isinstance(record, dict) or not is_guid(record.get("id")):
            raise untrusted(method, url, status, record, "The answer is not a %s record with a GUID id" % self.NOUN)
        self.base_proven = True
        return record

    def guid_list(self, record, field, segments):
        """The ids in ``record[field]`` (none when it is absent), each proven a GUID before any of them goes into a body.

        ``segments`` name the record's own address, for the message.
        """
        ids = record.get(field)
        if ids is None:
            return []
        if not isinstance(ids, list) or not all(is_guid(i) for i in ids):
            raise untrusted("GET", self.client.endpoints.api(*segments), 200, {field: ids},
                            "The %s's %s are not a list of GUIDs, and nothing was changed" % (self.NOUN, field))
        return ids

    def confirm_address(self, url):
        """Accept an empty 404 only once an answer of the API's own shape proved the address."""
        if self.base_proven:
            return
        try:
            self.prove_address()
        except MissingPartition:
            raise NotIdentityApi("GET", url, 404, "", hint=(
                "A 404 with an empty body can mean a missing %s or a wrong address. To tell them apart, %s; also check url "
                "and organization" % (self.NOUN, PARTITION_HINT)))

    def prove_address(self):
        raise NotImplementedError

    def write(self, method, segments, **kwargs):
        """The one way a write is sent: skipped in check mode (None), and a refusal in
        the answer's body (an IdentityResult) fails, whatever its status."""
        if self.check_mode:
            return None
        answer = self.client.call(method, segments, self.WRITE, **kwargs)
        if answer.missing is None:
            check_write(method, self.client.endpoints.api(*segments), answer)
        return answer

    def remove(self, segments, read_again):
        """DELETE one record the task has just read; True when removed (or it would be), False when already gone.

        ``read_again()`` reads the record once more, or None when it is gone.
        """
        url = self.client.endpoints.api(*segments)
        answer = self.write("DELETE", segments, expect=(200, 204), missing_ok=True)
        if answer is None or not answer.missing:
            return True
        # The record was there a moment ago: make sure the 404 means it is gone.
        if read_again() is not None:
            raise ApiError("DELETE", url, 404, "the %s is still there" % self.NOUN, hint=(
                "The DELETE was refused as if the %s did not exist although it does; check url and deployment" % self.NOUN))
        # Gone before our DELETE arrived, unless an earlier attempt of this very request may have done it and lost its answer.
        return answer.maybe_applied_before

    def listing(self, term=None):
        """A pass over the paged listing for ``term`` (all records when None), sorted by id."""
        partition = self.partition("list %ss" % self.NOUN)

        def fetch(skip, top):
            params = dict(STABLE_ORDER, top=top, skip=skip)
            if term is not None:
                params["searchTerm"] = term
            return self.page(partition, params)
        return ListingPass(fetch, PAGE_SIZE)

    def listing_url(self):
        return self.client.endpoints.api(*self.listing_segments(self.partition("list %ss" % self.NOUN)))

    def page(self, partition, params):
        """One page of the listing: its records, each checked, and totalCount."""
        segments = self.listing_segments(partition)
        url = self.client.endpoints.api(*segments)
        answer = self.client.call("GET", segments, self.READ, params=params)
        results, total = page_of_records(url, answer.status, answer.data, params["skip"])
        self.base_proven = True
        self.listed(url, total, params)
        return results, total

    def search(self, term=None):
        """Every record the listing returns for ``term`` (all when None), from a read it did not change under."""
        for attempt in range(2):
            listing = self.listing(term)
            found = list(listing.records())
            if not listing.changed:
                return found
        raise ListingChanged(self.listing_url(), listing.changed, "the %ss it lists could not be told" % self.NOUN)

    def find_listed(self, field, value):
        """Records whose ``field`` equals ``value``, from the paged listing searched for ``value``.

        The listing's searchTerm matches substrings of several fields, so it
        only narrows the candidates; equality is decided here, by name_key(),
        the rule by which UiPath refuses a second record with the same name.
        One match is therefore the answer, and paging stops after the page that
        holds it; a second match on that page is still returned, so that a
        lookup fails rather than pick one. A listing that changed while it was
        read and showed no match is read once more. Subclasses give
        ``listing(term)``, ``listing_url()`` and ``confirm_partition()``.
        """
        for attempt in range(2):
            listing = self.listing(value)
            matches = []
            listed = False
            for page in listing.pages():
                listed = listed or bool(page)
                matches.extend(exact(page, field, value))
                if matches:
                    break
            if matches or not listing.changed:
                break
        else:
            raise ListingChanged(self.listing_url(), listing.changed,
                                 "a %s whose %s is %r may exist although no page showed one" % (self.NOUN, field, value))
        if not listed:
            # A search that found nothing proves nothing if the partition is wrong.
            self.confirm_partition()
        return matches

    def one(self, matches, option, value, describe, id_option):
        """The one record of ``matches``, None for none; more than one fails."""
        if len(matches) > 1:
            raise Ambiguous(option, value, matches, self.NOUN, describe, id_option)
        return matches[0] if matches else None

    def resolve(self, values, option, candidates, describe, id_option):
        """The records ``values`` name (each a name or an id, as ``candidates(value)`` matches it), in order, once each.

        Every value is resolved before the caller writes anything: one that names no record, or more
        than one, fails the task naming it.
        """
        records, seen, unknown = [], set(), []
        for value in values:
            record = self.one(candidates(value), option, value, describe, id_option)
            if record is None:
                unknown.append(value)
            elif record["id"].lower() not in seen:
                seen.add(record["id"].lower())
                records.append(record)
        if unknown:
            raise ConfigurationError(option, "names no %s of the organization: %s" % (self.NOUN, ", ".join(repr(v) for v in unknown)))
        return records
