# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading a paged listing of the Identity API (skip/top) without losing a record.

Offset paging is only as good as the order behind it: when records before the
current offset are removed while the listing is read (parallel forks, another
administrator), every later page starts further on and some records are never
seen. So the listing is read in a stable order (by id, as the API's own SDK
does), consecutive pages overlap by one record, and a pass notes that it
changed when the overlap does not line up or totalCount moves. Only a pass
that did not change proves that a record it did not show is absent; callers
settle the rest another way.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.client import MISROUTE_HINT
from ansible_collections.uipath.identity.plugins.module_utils.errors import IdentityError, NotIdentityApi
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid

# The order that keeps offsets meaningful: ids never change and never repeat.
STABLE_ORDER = {"sortBy": "Id", "sortOrder": "asc"}


class ListingChanged(IdentityError):
    """The listing changed under every read, so absence could not be proven."""

    def __init__(self, url, reason, what):
        self.url = url
        super(ListingChanged, self).__init__(
            "GET %s: the listing kept changing while it was read (%s), so %s; run the task again "
            "when fewer users are being added or removed at the same time" % (url, reason, what))


def page_of_records(url, status, data, skip):
    """The ``results`` and ``totalCount`` of one listing page, every entry checked to be a record with a GUID id."""
    results = data.get("results") if isinstance(data, dict) else None
    total = data.get("totalCount") if isinstance(data, dict) else None
    if not isinstance(results, list) or not isinstance(total, int) or isinstance(total, bool) or total < 0:
        raise NotIdentityApi("GET", url, status, data, hint=_untrusted("The page at skip=%d is not a page of the listing ({totalCount, results})" % skip))
    for index, entry in enumerate(results):
        if not isinstance(entry, dict) or not is_guid(entry.get("id")):
            where = "results[%d] of the page at skip=%d is not a record with a GUID id" % (index, skip)
            raise NotIdentityApi("GET", url, status, {"results[%d]" % index: entry}, hint=_untrusted(where))
    return results, total


def _untrusted(what):
    return "%s, so the answer cannot be trusted. %s" % (what, MISROUTE_HINT)


class ListingPass(object):
    """One read of a listing from its start; ``changed`` says why it proves no absence, or is None."""

    def __init__(self, fetch, page_size):
        # fetch(skip, top) -> (records, totalCount), records checked by page_of_records().
        self._fetch = fetch
        self._page_size = page_size
        self.changed = None

    def pages(self):
        """Each page's records not yet seen in this pass, in listing order."""
        seen = set()
        skip, total, last = 0, None, None
        while True:
            records, count = self._fetch(skip, self._page_size)
            if total is not None and count != total:
                self._note("totalCount moved from %s to %s" % (total, count))
            total = count
            fresh = records
            if last is not None:
                if records and records[0]["id"].lower() == last:
                    fresh = records[1:]
                else:
                    self._note("the page at skip=%d did not start with the last user of the page before" % skip)
            unseen = [r for r in fresh if r["id"].lower() not in seen]
            seen.update(r["id"].lower() for r in unseen)
            yield unseen
            end = skip + len(records)
            if end >= total:
                return
            if not fresh:
                self._note("the listing ended at %d of %d users" % (end, total))
                return
            if not unseen:
                # Only users listed already: the server ignores skip, or the users before it moved back a
                # whole page. Reading on would not end before totalCount, however large the server says it is.
                self._note("the page at skip=%d listed only users already seen" % skip)
                return
            if len(records) > 1:
                # One record of overlap: the next page must start with it, or something before it moved.
                last = records[-1]["id"].lower()
                skip = end - 1
            else:
                last, skip = None, end

    def records(self):
        for page in self.pages():
            yield from page

    def _note(self, reason):
        self.changed = self.changed or reason
