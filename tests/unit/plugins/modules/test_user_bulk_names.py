# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.user with usernames or emails: bulk removal by name, every name settled first."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    API, PARTITION, overlapping_pages, query, task, user_record)

LISTING = "%s/User/users/%s" % (API, PARTITION)
IDS = ["%08x-0000-4000-8000-0000000000aa" % n for n in range(1, 8)]
RECORDS = [user_record(i, "u%d" % n, "u%d@Example.com" % n) for n, i in enumerate(IDS)]


def args(**extra):
    return task(**dict(dict(state="absent"), **extra))


def deletes(api):
    return [json.loads(c.request.body)["userIds"] for c in api.calls if c.request.method == "DELETE"]


def test_emails_are_settled_from_one_listing_and_removed_in_chunks(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 7, "results": RECORDS})
    api.add(responses.DELETE, API + "/User", status=204)
    api.add(responses.DELETE, API + "/User", status=204)
    emails = ["U2@example.com", "nobody@example.com", "u0@example.com", "u5@example.com"]
    result = run_module(user_module, args(emails=emails, chunk_size=2), diff=True)
    assert result["changed"] is True and result["msg"] == "3 users removed, 1 already absent"
    assert result["deleted"] == ["U2@example.com", "u0@example.com", "u5@example.com"]
    assert result["not_found"] == ["nobody@example.com"]
    assert result["ids"] == {"U2@example.com": IDS[2], "u0@example.com": IDS[0], "u5@example.com": IDS[5]}
    assert deletes(api) == [[IDS[2], IDS[0]], [IDS[5]]]
    assert query(api.calls[0]) == {"top": ["1000"], "skip": ["0"], "sortBy": ["Id"], "sortOrder": ["asc"]}
    assert result["diff"] == {"before": {"emails": result["deleted"]}, "after": {"emails": []}}


def test_the_listing_stops_at_the_page_where_every_name_is_found(api, run_module):
    fillers = [user_record("%08x-1111-4111-8111-111111111111" % n, "f%d" % n, "f%d@example.com" % n) for n in range(1000)]
    pages = overlapping_pages(fillers[:999] + [RECORDS[1]], fillers[999:] + [RECORDS[2]])
    api.add(responses.GET, LISTING, json=pages[0])
    api.add(responses.DELETE, API + "/User", status=204)
    result = run_module(user_module, args(usernames=["U1"]))
    assert result["deleted"] == ["U1"] and [c.request.method for c in api.calls] == ["GET", "DELETE"]


def test_a_name_two_users_have_fails_naming_both_and_removes_no_one(api, run_module):
    twin = user_record("99999999-0000-4000-8000-0000000000aa", "u1-twin", "U1@example.com")
    api.add(responses.GET, LISTING, json={"totalCount": 8, "results": RECORDS + [twin]})
    result = run_module(user_module, args(emails=["u0@example.com", "u1@example.com"]))
    assert result.failed and "email 'u1@example.com' matches 2 users exactly" in result["msg"]
    assert IDS[1] in result["msg"] and twin["id"] in result["msg"] and "(u1 / u1@Example.com)" in result["msg"]
    assert "No one was removed" in result["msg"] and [c.request.method for c in api.calls] == ["GET"]


def test_rerun_is_unchanged_and_check_mode_sends_no_delete(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[3:5]})
    result = run_module(user_module, args(usernames=["u0", "u1"]))
    assert result["changed"] is False and result["deleted"] == [] and result["not_found"] == ["u0", "u1"] and result["ids"] == {}
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[3:5]})
    result = run_module(user_module, args(usernames=["u3", "u9"]), check_mode=True)
    assert result["changed"] is True and result["deleted"] == ["u3"] and "would be removed" in result["msg"]


def test_a_changing_listing_looks_the_names_it_missed_up_one_by_one(api, run_module):
    # The total moves between the two pages: the pass changed, so the name it did not show is searched for.
    fillers = [user_record("%08x-1111-4111-8111-111111111111" % n, "f%d" % n, "f%d@example.com" % n) for n in range(1000)]
    first, second = overlapping_pages(fillers, [RECORDS[0]])
    api.add(responses.GET, LISTING, json=dict(first, totalCount=first["totalCount"] + 1))
    api.add(responses.GET, LISTING, json=second)
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [RECORDS[4]]})
    api.add(responses.DELETE, API + "/User", status=204)
    result = run_module(user_module, args(usernames=["u0", "u4"]))
    assert result["deleted"] == ["u0", "u4"] and query(api.calls[2])["searchTerm"] == ["u4"]


def test_a_failed_chunk_reports_in_names(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 7, "results": RECORDS})
    api.add(responses.DELETE, API + "/User", status=204)
    api.add(responses.DELETE, API + "/User", status=500, json={"title": "boom"})
    api.add(responses.GET, LISTING, json={"totalCount": 5, "results": RECORDS[2:]})
    result = run_module(user_module, args(usernames=["u0", "u1", "u2", "u3"], chunk_size=2))
    assert result.failed and result["deleted"] == ["u0", "u1"] and result["not_deleted"] == ["u2", "u3"]
    assert result["ids"]["u2"] == IDS[2] and result["unknown"] == []


@pytest.mark.parametrize("extra, option, words", [
    (dict(emails=["ann"]), "emails", "must be one email address"),
    (dict(emails=["a@example.com", " "]), "emails", "item 2 is empty"),
    (dict(usernames=["ann"], emails=["a@example.com"]), "user_id", "exactly one of"),
    (dict(usernames=["ann"], state="present"), "usernames", "only applies to state=absent"),
    (dict(emails=["a@example.com"], name="Ann"), "name", "only applies to state=present"),
])
def test_bad_input_is_refused_before_any_request(api, run_module, extra, option, words):
    result = run_module(user_module, args(**extra))
    assert result.failed and result["option"] == option and words in result["msg"] and len(api.calls) == 0
