# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""ListingPass: paging that notices a listing that changed while it was read, and always ends."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.uipath.identity.plugins.module_utils.errors import NotIdentityApi
from ansible_collections.uipath.identity.plugins.module_utils.listing import ListingPass, page_of_records

RECORDS = [{"id": "%08x-0000-4000-8000-000000000000" % n} for n in range(12)]


def serve(pages):
    """fetch() answering the given (records, total) pairs in turn, recording the skips asked for."""
    asked = []

    def fetch(skip, top):
        asked.append((skip, top))
        return pages[len(asked) - 1]
    return fetch, asked


def read(pages, size=5):
    fetch, asked = serve(pages)
    listing = ListingPass(fetch, size)
    return [r["id"] for r in listing.records()], listing.changed, asked


def ids(records):
    return [r["id"] for r in records]


def test_a_stable_listing_is_read_with_overlapping_pages():
    got, changed, asked = read([(RECORDS[0:5], 12), (RECORDS[4:9], 12), (RECORDS[8:12], 12)])
    assert got == ids(RECORDS) and changed is None and asked == [(0, 5), (4, 5), (8, 5)]


def test_a_moved_total_is_a_change():
    got, changed, asked = read([(RECORDS[0:5], 12), (RECORDS[4:9], 11), (RECORDS[8:11], 11)])
    assert changed == "totalCount moved from 12 to 11" and got == ids(RECORDS[:11])


def test_a_page_that_does_not_start_where_the_last_ended_is_a_change():
    # Two records before the boundary left and two joined later on: the total stays, the overlap does not line up.
    got, changed, asked = read([(RECORDS[0:5], 12), (RECORDS[6:11], 12), (RECORDS[10:12], 10)])
    assert "skip=4 did not start with the last" in changed and RECORDS[5]["id"] not in got


def test_a_record_listed_twice_is_returned_once():
    got, changed, asked = read([(RECORDS[0:5], 12), (RECORDS[2:7], 12), (RECORDS[6:11], 12)])
    assert got == ids(RECORDS[:11]) and changed


def test_pages_of_one_record_still_advance():
    got, changed, asked = read([([record], 3) for record in RECORDS[:3]])
    assert got == ids(RECORDS[:3]) and changed is None and [skip for skip, top in asked] == [0, 1, 2]


@pytest.mark.parametrize("second", [[], RECORDS[4:5]])
def test_a_listing_that_ends_before_its_total_is_a_change_and_ends(second):
    got, changed, asked = read([(RECORDS[0:5], 12), (second, 12)])
    assert got == ids(RECORDS[:5]) and changed and len(asked) == 2


def test_an_empty_first_page_with_users_counted_is_a_change():
    got, changed, asked = read([([], 3)])
    assert got == [] and changed


@pytest.mark.parametrize("entry", [None, "x", 1, {}, {"id": 1}, {"id": "1"}, {"id": RECORDS[0]["id"] + "x"}])
def test_page_of_records_names_the_bad_entry(entry):
    with pytest.raises(NotIdentityApi) as caught:
        page_of_records("https://example.test/api/User/users/p", 200, {"totalCount": 2, "results": [RECORDS[0], entry]}, 7)
    assert "results[1] of the page at skip=7" in str(caught.value)


def test_a_server_that_ignores_skip_is_read_once_more_not_to_its_claimed_total():
    # The same first page whatever skip says, and a total of a billion: the pass ends at the first page of repeats.
    def fetch(skip, top):
        asked.append(skip)
        return RECORDS[0:5], 10 ** 9
    asked = []
    listing = ListingPass(fetch, 5)
    assert ids(listing.records()) == ids(RECORDS[0:5]) and asked == [0, 4]
    assert listing.changed
