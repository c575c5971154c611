# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Answers that are not what they claim to be: a record of another user, ids that are no GUIDs,
listing entries of the wrong shape. Each fails as "not an Identity API answer", writing nothing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.plugins.modules import user_info
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, ORG, PARTITION, TOKEN, URL, user_record

ANN_ID = "0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60"
BOB_ID = "2d9a1c79-4f3b-4e5b-9c80-5f3d4e6a7b82"
ANN = user_record(ANN_ID, "ann", "ann@example.com")
BOB = user_record(BOB_ID, "bob", "bob@example.com")
LISTING = "%s/User/users/%s" % (API, PARTITION)
NOT_IDENTITY = "Not an Identity API answer: GET "


def args(**extra):
    base = dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION, state="absent")
    base.update(extra)
    return base


def methods(api):
    return [call.request.method for call in api.calls]


class TestRecordReadById(object):
    def test_another_users_record_is_refused_and_nothing_is_removed(self, api, run_module):
        api.add(responses.GET, API + "/User/" + ANN_ID, json=BOB)
        result = run_module(user_module, args(user_id=ANN_ID))
        assert result.failed and not result.get("changed")
        assert result["msg"].startswith(NOT_IDENTITY + API + "/User/" + ANN_ID)
        assert BOB_ID in result["msg"] and "not the id asked for" in result["msg"]
        assert methods(api) == ["GET"]

    def test_the_same_id_in_upper_case_is_the_same_user(self, api, run_module):
        api.add(responses.GET, API + "/User/" + ANN_ID, json=dict(ANN, id=ANN_ID.upper()))
        api.add(responses.DELETE, API + "/User/" + ANN_ID.upper(), status=204)
        assert run_module(user_module, args(user_id=ANN_ID))["changed"] is True

    @pytest.mark.parametrize("record_id", [None, 12, "", "../x", ANN_ID + " "])
    def test_a_record_without_a_guid_id_is_refused(self, api, run_module, record_id):
        api.add(responses.GET, API + "/User/" + ANN_ID, json=dict(ANN, id=record_id))
        result = run_module(user_module, args(user_id=ANN_ID))
        assert result.failed and result["msg"].startswith(NOT_IDENTITY) and methods(api) == ["GET"]

    def test_user_info_by_id_refuses_another_users_record(self, forbid_writes, run_module):
        forbid_writes.add(responses.GET, API + "/User/" + ANN_ID, json=BOB)
        result = run_module(user_info, dict(url=URL, organization=ORG, access_token=TOKEN, user_id=ANN_ID))
        assert result.failed and result["msg"].startswith(NOT_IDENTITY) and "users" not in result


BAD_ENTRIES = [
    pytest.param(None, id="null"),
    pytest.param("ann", id="string"),
    pytest.param(7, id="number"),
    pytest.param({"userName": "ann", "email": "ann@example.com"}, id="no-id"),
    pytest.param(dict(ANN, id=12), id="integer-id"),
    pytest.param(dict(ANN, id="1"), id="id-1"),
    pytest.param(dict(ANN, id="../x"), id="id-dot-dot"),
    pytest.param(dict(ANN, id=None), id="null-id"),
    pytest.param(dict(ANN, id=[ANN_ID]), id="list-id"),
]


def listing_with(entry):
    return {"totalCount": 3, "results": [BOB, entry, user_record("3e0b2d8a-5a4c-4f6c-8d91-6a4e5f7b8c93", "cy", "cy@example.com")]}


def assert_names_the_entry(result):
    assert result.failed and not result.get("changed"), result
    assert result["msg"].startswith(NOT_IDENTITY + LISTING), result["msg"]
    assert "results[1]" in result["msg"] and "skip=0" in result["msg"]
    assert "Traceback" not in result.raw


class TestMalformedListingEntries(object):
    @pytest.mark.parametrize("entry", BAD_ENTRIES)
    def test_lookup_by_name_fails_naming_the_entry_and_removes_nothing(self, api, run_module, entry):
        api.add(responses.GET, LISTING, json=listing_with(entry))
        result = run_module(user_module, args(username="ann"))
        assert_names_the_entry(result)
        assert methods(api) == ["GET"]

    @pytest.mark.parametrize("entry", BAD_ENTRIES)
    def test_bulk_removal_fails_naming_the_entry_and_removes_nothing(self, api, run_module, entry):
        api.add(responses.GET, LISTING, json=listing_with(entry))
        result = run_module(user_module, args(user_ids=[ANN_ID]))
        assert_names_the_entry(result)
        assert methods(api) == ["GET"]

    @pytest.mark.parametrize("entry", BAD_ENTRIES)
    def test_user_info_fails_naming_the_entry(self, forbid_writes, run_module, entry):
        forbid_writes.add(responses.GET, LISTING, json=listing_with(entry))
        result = run_module(user_info, dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION, search="a"))
        assert_names_the_entry(result)

    def test_a_results_list_of_garbage_names_its_first_entry(self, api, run_module):
        api.add(responses.GET, LISTING, json={"totalCount": 3, "results": [1, 2, 3]})
        result = run_module(user_module, args(email="ann@example.com"))
        assert result.failed and "results[0]" in result["msg"] and result["msg"].startswith(NOT_IDENTITY)

    @pytest.mark.parametrize("body", [
        {"totalCount": True, "results": []},
        {"totalCount": -1, "results": []},
        {"totalCount": "2", "results": [ANN]},
        {"totalCount": 1, "results": {"0": ANN}},
        [ANN],
        None,
    ])
    def test_a_listing_of_the_wrong_shape_fails(self, api, run_module, body):
        api.add(responses.GET, LISTING, json=body)
        result = run_module(user_module, args(user_ids=[ANN_ID]))
        assert result.failed and result["msg"].startswith(NOT_IDENTITY) and "Traceback" not in result.raw

    def test_a_user_created_then_found_with_a_bad_id_is_not_updated(self, api, run_module):
        # The id of a user just created comes from the listing: no GUID, no PUT to deactivate it.
        api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [BOB]})
        api.add(responses.POST, API + "/User", json={"succeeded": True, "errors": []})
        api.add(responses.GET, LISTING, json={"totalCount": 1, "results": [dict(ANN, id="1")]})
        result = run_module(user_module, dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION,
                                              username="ann", email="ann@example.com", is_active=False))
        assert result.failed and result["msg"].startswith(NOT_IDENTITY) and "results[0]" in result["msg"]
        assert methods(api) == ["GET", "POST", "GET"]


class TestGroupIdsOfARecord(object):
    """A user's groupIDs go into groupIDsToRemove: each must be a GUID before anything is sent."""

    @pytest.mark.parametrize("groups", [["../../x"], [None], [7], "a-string", {"id": ANN_ID}])
    def test_a_record_whose_group_ids_are_no_guids_changes_nothing(self, api, run_module, groups):
        api.add(responses.GET, API + "/User/" + ANN_ID, json=dict(ANN, groupIDs=groups))
        result = run_module(user_module, dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION,
                                              user_id=ANN_ID, group_ids=[BOB_ID]))
        assert result.failed and result["msg"].startswith(NOT_IDENTITY) and "groupIDs" in result["msg"]
        assert "Traceback" not in result.raw and methods(api) == ["GET"]

    def test_group_ids_of_guids_are_managed(self, api, run_module):
        api.add(responses.GET, API + "/User/" + ANN_ID, json=dict(ANN, groupIDs=[ANN_ID.upper()]))
        api.add(responses.PUT, API + "/User/" + ANN_ID, json={"succeeded": True, "errors": []})
        result = run_module(user_module, dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION,
                                              user_id=ANN_ID, group_ids=[BOB_ID]))
        assert result["changed"] is True and methods(api) == ["GET", "PUT"]
