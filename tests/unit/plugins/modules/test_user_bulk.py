# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.user with user_ids: bulk removal."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, ORG, PARTITION, TOKEN, URL, user_record

LISTING = "%s/User/users/%s" % (API, PARTITION)
IDS = ["%08x-0000-4000-8000-000000000000" % n for n in range(1, 8)]
RECORDS = [user_record(i, "u%d" % n, "u%d@example.com" % n) for n, i in enumerate(IDS)]


def args(**extra):
    base = dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION, state="absent")
    base.update(extra)
    return base


def test_removes_existing_in_chunks(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 5, "results": RECORDS[:5]})
    api.add(responses.DELETE, API + "/User", status=204)
    api.add(responses.DELETE, API + "/User", status=204)
    wanted = IDS[:3] + [IDS[6], IDS[0]]
    result = run_module(user_module, args(user_ids=wanted, chunk_size=2), diff=True)
    assert result["changed"] is True
    assert result["deleted"] == IDS[:3] and result["not_found"] == [IDS[6]]
    bodies = [json.loads(c.request.body) for c in api.calls[1:]]
    assert bodies == [{"partitionGlobalId": PARTITION, "userIds": IDS[:2]}, {"partitionGlobalId": PARTITION, "userIds": IDS[2:3]}]


def test_listing_stops_once_every_id_is_seen(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 5000, "results": RECORDS})
    api.add(responses.DELETE, API + "/User", status=204)
    result = run_module(user_module, args(user_ids=IDS[:2]))
    assert result["deleted"] == IDS[:2]
    assert [c.request.method for c in api.calls] == ["GET", "DELETE"]


def test_rerun_is_unchanged(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[4:6]})
    result = run_module(user_module, args(user_ids=IDS[:2]))
    assert result["changed"] is False and result["deleted"] == [] and result["not_found"] == IDS[:2]


def test_check_mode_sends_no_delete(forbid_writes, run_module):
    forbid_writes.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[:2]})
    result = run_module(user_module, args(user_ids=IDS[:2]), check_mode=True)
    assert result["changed"] is True and result["deleted"] == IDS[:2] and "would be removed" in result["msg"]


def test_failed_chunk_reports_what_went(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 4, "results": RECORDS[:4]})
    api.add(responses.DELETE, API + "/User", status=204)
    api.add(responses.DELETE, API + "/User", json={"title": "boom", "status": 500}, status=500)
    api.add(responses.GET, LISTING, json={"totalCount": 3, "results": RECORDS[2:4] + RECORDS[5:6]})
    result = run_module(user_module, args(user_ids=IDS[:4], chunk_size=2))
    assert result.failed and result["changed"] is True
    assert result["deleted"] == IDS[:2] and result["not_deleted"] == IDS[2:4]
    assert "Removed 2 of 4" in result["msg"] and "boom" in result["msg"]


def test_chunk_carried_out_despite_its_error_counts_as_deleted(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 4, "results": RECORDS[:4]})
    api.add(responses.DELETE, API + "/User", json={"title": "boom", "status": 500}, status=500)
    api.add(responses.GET, LISTING, json={"totalCount": 3, "results": RECORDS[3:6]})
    result = run_module(user_module, args(user_ids=IDS[:4], chunk_size=3))
    assert result.failed and result["changed"] is True
    assert result["deleted"] == IDS[:3] and result["not_deleted"] == IDS[3:4]


def test_failed_relisting_reports_the_failed_chunk_as_unknown(api, run_module):
    # The chunk's answer was lost and the listing that would tell failed: its users may be gone, or not.
    api.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[:2]})
    api.add(responses.DELETE, API + "/User", json={"title": "boom", "status": 500}, status=500)
    api.add(responses.GET, LISTING, json={"title": "also boom", "status": 500}, status=500)
    result = run_module(user_module, args(user_ids=IDS[:2], retries=0))
    assert result.failed and result["changed"] is True
    assert result["deleted"] == [] and result["unknown"] == IDS[:2] and result["not_deleted"] == []
    assert "the ids in unknown may have been removed" in result["msg"] and "also boom" in result["msg"]


def test_failed_relisting_keeps_what_is_known_apart_from_what_is_not(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 6, "results": RECORDS[:6]})
    api.add(responses.DELETE, API + "/User", status=204)
    api.add(responses.DELETE, API + "/User", json={"title": "boom", "status": 500}, status=500)
    api.add(responses.GET, LISTING, json={"title": "also boom", "status": 500}, status=500)
    result = run_module(user_module, args(user_ids=IDS[:6], chunk_size=2, retries=0))
    assert result.failed and result["changed"] is True
    # The third chunk was never sent: this task did not remove those users.
    assert (result["deleted"], result["unknown"], result["not_deleted"]) == (IDS[:2], IDS[2:4], IDS[4:6])
    assert "Removed 2 of 6 users before the failure" in result["msg"]
    assert [json.loads(c.request.body)["userIds"] for c in api.calls if c.request.method == "DELETE"] == [IDS[:2], IDS[2:4]]


def test_a_known_outcome_has_no_unknown_ids(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[:2]})
    api.add(responses.DELETE, API + "/User", json={"title": "boom", "status": 500}, status=500)
    api.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[:2]})
    result = run_module(user_module, args(user_ids=IDS[:2], retries=0))
    assert result.failed and result["changed"] is False
    assert (result["deleted"], result["unknown"], result["not_deleted"]) == ([], [], IDS[:2])
    assert "may have been removed" not in result["msg"]


def test_ids_are_normalised_and_deduplicated(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": RECORDS[:1]})
    api.add(responses.DELETE, API + "/User", status=204)
    result = run_module(user_module, args(user_ids=[IDS[0].upper(), IDS[0]]))
    assert result["deleted"] == [IDS[0]]


def test_organization_without_users_is_a_wrong_partition(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 0, "results": []})
    result = run_module(user_module, args(user_ids=IDS[:2]))
    assert result.failed and "partition_global_id" in result["msg"]


def test_bulk_answered_200_with_a_refusal_fails(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": RECORDS[:1]})
    api.add(responses.DELETE, API + "/User", json={"succeeded": False, "errors": [{"code": "Nope", "description": "no"}]})
    result = run_module(user_module, args(user_ids=IDS[:1]))
    assert result.failed and "Nope" in result["msg"] and result["deleted"] == []


def test_empty_list_does_nothing(api, run_module):
    result = run_module(user_module, args(user_ids=[]))
    assert result["changed"] is False and len(api.calls) == 0


@pytest.mark.parametrize("extra, option", [
    (dict(user_ids=["nope"]), "user_ids"),
    (dict(user_ids=IDS[:1], chunk_size=0), "chunk_size"),
    (dict(user_ids=IDS[:1], chunk_size=1001), "chunk_size"),
    (dict(user_ids=IDS[:1], email="a@example.com"), "user_id"),
])
def test_bad_bulk_input(api, run_module, extra, option):
    result = run_module(user_module, args(**extra))
    assert result.failed and option in result["msg"] and len(api.calls) == 0


NOT_FOUND_400 = {"succeeded": False, "errors": [{"code": "UserNotFound", "description": "User '%s' was not found." % IDS[1]}]}
NOT_FOUND_404 = {"type": "https://tools.ietf.org/html/rfc7231#section-6.5.4", "title": "Not Found", "status": 404}


@pytest.mark.parametrize("refusal", [dict(status=400, json=NOT_FOUND_400),
                                     dict(status=404, json=NOT_FOUND_404, content_type="application/problem+json"),
                                     dict(status=404, body="")])
def test_a_chunk_refused_for_a_user_removed_meanwhile_is_sent_again_without_it(api, run_module, refusal):
    # Listed, then removed by someone else before the DELETE: the API refuses the whole request for it.
    api.add(responses.GET, LISTING, json={"totalCount": 3, "results": RECORDS[:3]})
    api.add(responses.DELETE, API + "/User", **refusal)
    api.add(responses.GET, LISTING, json={"totalCount": 2, "results": [RECORDS[0], RECORDS[2]]})
    api.add(responses.DELETE, API + "/User", status=204)
    result = run_module(user_module, args(user_ids=IDS[:3]), diff=True)
    assert not result.get("failed") and result["changed"] is True, result
    assert result["deleted"] == [IDS[0], IDS[2]] and result["not_found"] == [IDS[1]]
    bodies = [json.loads(c.request.body)["userIds"] for c in api.calls if c.request.method == "DELETE"]
    assert bodies == [IDS[:3], [IDS[0], IDS[2]]]
    assert result["diff"]["before"] == {"user_ids": [IDS[0], IDS[2]]}


def test_a_refused_chunk_whose_users_are_all_still_there_fails_as_before(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 3, "results": RECORDS[:3]})
    api.add(responses.DELETE, API + "/User", status=400, json={"succeeded": False, "errors": [{"code": "Locked"}]})
    api.add(responses.GET, LISTING, json={"totalCount": 3, "results": RECORDS[:3]})
    api.add(responses.GET, LISTING, json={"totalCount": 3, "results": RECORDS[:3]})
    result = run_module(user_module, args(user_ids=IDS[:3]))
    assert result.failed and "Locked" in result["msg"] and result["deleted"] == [] and result["not_deleted"] == IDS[:3]
    assert [c.request.method for c in api.calls].count("DELETE") == 1


def test_a_chunk_whose_users_all_went_meanwhile_sends_nothing_more_and_changes_nothing(api, run_module):
    api.add(responses.GET, LISTING, json={"totalCount": 2, "results": RECORDS[:2]})
    api.add(responses.DELETE, API + "/User", status=404, json=NOT_FOUND_404, content_type="application/problem+json")
    api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [RECORDS[5]]})
    result = run_module(user_module, args(user_ids=IDS[:2]))
    assert not result.get("failed") and result["changed"] is False and result["deleted"] == [] and result["not_found"] == IDS[:2]


def test_a_chunk_refused_again_and_again_is_sent_a_bounded_number_of_times(api, run_module):
    ids = IDS[:6]
    api.add(responses.GET, LISTING, json={"totalCount": 6, "results": RECORDS[:6]})
    for dropped in range(1, 5):
        api.add(responses.DELETE, API + "/User", status=404, json=NOT_FOUND_404, content_type="application/problem+json")
        api.add(responses.GET, LISTING, json={"totalCount": 6 - dropped, "results": RECORDS[dropped:6]})
    result = run_module(user_module, args(user_ids=ids))
    deletes = [c for c in api.calls if c.request.method == "DELETE"]
    assert result.failed and len(deletes) == 4 and result["not_found"][:3] == IDS[:3]
