# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The listing read in a stable order, and what a listing that changed while it was read may still prove.

Users removed between two pages shift the later pages: an offset-paged read then never sees some
users. A user that exists must never be reported absent, so a changed listing is settled another way.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from urllib.parse import parse_qs, urlsplit

import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.plugins.modules import user_info
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, ORG, PARTITION, TOKEN, URL, user_record

LISTING = "%s/User/users/%s" % (API, PARTITION)
PROBLEM_404 = {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Not Found", "status": 404}
# 1,010 users in the order the listing sorts them (by id); the names share the term "staff".
STAFF = [user_record("%08x-0000-4000-8000-000000000000" % n, "staff.%04d" % n, "staff.%04d@example.com" % n) for n in range(1010)]
MISSING_ID = "ffffffff-0000-4000-8000-000000000000"


def args(**extra):
    base = dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION, state="absent")
    base.update(extra)
    return base


def page(api, records, total):
    api.add(responses.GET, LISTING, json={"totalCount": total, "results": records})


def single(api, record=None, user_id=None):
    if record is None:
        api.add(responses.GET, API + "/User/" + user_id, json=PROBLEM_404, status=404, content_type="application/problem+json")
    else:
        api.add(responses.GET, API + "/User/" + record["id"], json=record)


def queries(api):
    return [parse_qs(urlsplit(call.request.url).query) for call in api.calls if "/User/users/" in call.request.url]


def shifted(removed):
    """The second page (skip=999) once ``removed`` users listed on the first page have gone."""
    return [r for r in STAFF if r not in removed][999:1999]


class TestStableOrder(object):
    def test_pages_are_read_sorted_by_id_and_overlap_by_one(self, api, run_module):
        page(api, STAFF[:1000], 1010)
        page(api, STAFF[999:], 1010)
        result = run_module(user_module, args(user_ids=[MISSING_ID]))
        assert result["changed"] is False and result["not_found"] == [MISSING_ID]
        assert [(q["sortBy"], q["sortOrder"], q["top"], q["skip"]) for q in queries(api)] == [
            (["Id"], ["asc"], ["1000"], ["0"]), (["Id"], ["asc"], ["1000"], ["999"])]

    def test_a_user_listed_twice_is_returned_once(self, forbid_writes, run_module):
        page(forbid_writes, STAFF[:1000], 1010)
        page(forbid_writes, STAFF[999:], 1010)
        result = run_module(user_info, dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION))
        assert [u["id"] for u in result["users"]] == [u["id"] for u in STAFF]


class TestBulkRemoval(object):
    def test_a_user_shifted_out_of_sight_is_read_by_id_and_removed(self, api, run_module):
        # Five users of the first page leave before the second is read: STAFF[1000..1003] are never listed.
        target = STAFF[1002]
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:5]), 1005)
        single(api, target)
        single(api, user_id=MISSING_ID)
        api.add(responses.DELETE, API + "/User", status=204)
        result = run_module(user_module, args(user_ids=[STAFF[3]["id"], target["id"], MISSING_ID]))
        assert result["changed"] is True and result["deleted"] == [STAFF[3]["id"], target["id"]]
        assert result["not_found"] == [MISSING_ID]
        assert json.loads(api.calls[-1].request.body)["userIds"] == [STAFF[3]["id"], target["id"]]

    def test_a_change_that_leaves_the_total_alone_is_seen_at_the_page_boundary(self, api, run_module):
        # Two users leave and two join: totalCount stays, but the second page no longer starts where the first ended.
        target = STAFF[1000]
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:2]), 1010)
        single(api, target)
        api.add(responses.DELETE, API + "/User", status=204)
        result = run_module(user_module, args(user_ids=[target["id"]]))
        assert result["deleted"] == [target["id"]] and result["not_found"] == []

    def test_many_unseen_ids_are_settled_by_reading_the_listing_again(self, api, run_module):
        unseen = ["%08x-1111-4000-8000-000000000000" % n for n in range(60)]
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:5]), 1005)
        page(api, STAFF[5:1005], 1005)
        page(api, STAFF[1004:], 1005)
        result = run_module(user_module, args(user_ids=unseen))
        assert result["changed"] is False and result["not_found"] == unseen
        assert [q["skip"] for q in queries(api)] == [["0"], ["999"], ["0"], ["999"]]
        assert len(api.calls) == 4

    def test_a_listing_that_keeps_changing_fails_rather_than_call_users_absent(self, api, run_module):
        unseen = ["%08x-1111-4000-8000-000000000000" % n for n in range(60)]
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:5]), 1005)
        page(api, STAFF[5:1005], 1005)
        page(api, shifted(STAFF[:10]), 1000)
        result = run_module(user_module, args(user_ids=unseen))
        assert result.failed and not result.get("changed") and "not_found" not in result
        assert "kept changing" in result["msg"] and LISTING in result["msg"] and "60" in result["msg"]
        assert [c.request.method for c in api.calls] == ["GET"] * 4

    def test_every_id_seen_needs_no_more_reads_even_if_the_listing_changed(self, api, run_module):
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:5]), 1005)
        api.add(responses.DELETE, API + "/User", status=204)
        result = run_module(user_module, args(user_ids=[STAFF[1]["id"], STAFF[1009]["id"]]))
        assert result["deleted"] == [STAFF[1]["id"], STAFF[1009]["id"]] and len(api.calls) == 3


class TestLookupByName(object):
    def test_a_changed_listing_without_a_match_is_read_again(self, api, run_module):
        target = STAFF[1001]
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:5]), 1005)
        page(api, STAFF[5:1005], 1005)
        api.add(responses.DELETE, API + "/User/" + target["id"], status=204)
        result = run_module(user_module, args(username=target["userName"]))
        assert result["changed"] is True and result["user"]["id"] == target["id"]
        assert [q["skip"] for q in queries(api)] == [["0"], ["999"], ["0"]]

    def test_a_listing_that_keeps_changing_is_not_read_as_absent(self, api, run_module):
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:5]), 1005)
        page(api, STAFF[5:1005], 1005)
        page(api, shifted(STAFF[:10]), 1000)
        result = run_module(user_module, args(email="nobody.staff@example.com"))
        assert result.failed and not result.get("changed") and "already absent" not in result["msg"]
        assert "kept changing" in result["msg"] and LISTING in result["msg"]

    def test_a_match_in_a_changed_listing_is_the_answer(self, api, run_module):
        target = STAFF[1009]
        page(api, STAFF[:1000], 1010)
        page(api, shifted(STAFF[:5]), 1005)
        api.add(responses.DELETE, API + "/User/" + target["id"], status=204)
        result = run_module(user_module, args(username=target["userName"]))
        assert result["changed"] is True and len(api.calls) == 3

    def test_user_info_search_reads_a_changed_listing_again(self, forbid_writes, run_module):
        page(forbid_writes, STAFF[:1000], 1010)
        page(forbid_writes, shifted(STAFF[:5]), 1005)
        page(forbid_writes, STAFF[5:1005], 1005)
        page(forbid_writes, STAFF[1004:], 1005)
        result = run_module(user_info, dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION, search="staff"))
        assert [u["id"] for u in result["users"]] == [u["id"] for u in STAFF[5:]]
