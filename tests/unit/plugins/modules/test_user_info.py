# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import parse_qs, urlsplit

import responses

from ansible_collections.uipath.identity.plugins.modules import user_info
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, ORG, PARTITION, TOKEN, URL, user_record

LISTING = "%s/User/users/%s" % (API, PARTITION)
ANN = user_record("0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60", "ann", "ann@example.com")
JOANN = user_record("1c8f0b68-3e2a-4d4a-8b7f-4e2c3d5f6a71", "joann", "joann@example.com")


def args(**extra):
    base = dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION)
    base.update(extra)
    return base


def test_by_id(forbid_writes, run_module):
    forbid_writes.add(responses.GET, API + "/User/" + ANN["id"], json=ANN)
    result = run_module(user_info, args(user_id=ANN["id"]))
    assert result["users"] == [ANN] and result["changed"] is False


def test_missing_id_is_empty(forbid_writes, run_module):
    forbid_writes.add(responses.GET, API + "/User/" + ANN["id"], json={"status": 404, "title": "Not Found"}, status=404)
    assert run_module(user_info, args(user_id=ANN["id"]))["users"] == []


def test_by_email_exact(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 2, "results": [JOANN, ANN]})
    assert run_module(user_info, args(email="ANN@example.com"))["users"] == [ANN]


def test_by_username_stops_at_the_page_with_the_match(forbid_writes, run_module):
    # The term is shared by 3,000 users: the page holding the exact match is the last one read.
    fillers = [user_record("%08d-0000-4000-8000-000000000000" % n, "ann.%d" % n, "ann.%d@x.test" % n) for n in range(1999)]
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 3000, "results": fillers[:1000]})
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 3000, "results": fillers[999:] + [ANN]})
    assert run_module(user_info, args(username="Ann"))["users"] == [ANN]
    skips = [parse_qs(urlsplit(call.request.url).query)["skip"] for call in forbid_writes.calls]
    assert skips == [["0"], ["999"]]


def test_search_returns_every_match(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 2, "results": [JOANN, ANN]})
    result = run_module(user_info, args(search="ann"))
    assert result["users"] == [JOANN, ANN]
    assert parse_qs(urlsplit(forbid_writes.calls[0].request.url).query)["searchTerm"] == ["ann"]


def test_all_users_pages(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 2, "results": [JOANN]})
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 2, "results": [ANN]})
    result = run_module(user_info, args(), check_mode=True)
    assert result["users"] == [JOANN, ANN]
    assert "searchTerm" not in parse_qs(urlsplit(forbid_writes.calls[0].request.url).query)


def test_two_selectors_fail(api, run_module):
    result = run_module(user_info, args(email="a@example.com", search="a"))
    assert result.failed and len(api.calls) == 0
