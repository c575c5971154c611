# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""uipath.identity.user with state=absent, its HTTP mocked with responses."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import user as user_module

from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, CLIENT_SECRET, ORG, PARTITION, TOKEN, TOKEN_URL, URL, jwt, user_record

USER_ID = "0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60"
ANN = user_record(USER_ID, "ann", "Ann@Example.com")
JOANN = user_record("1c8f0b68-3e2a-4d4a-8b7f-4e2c3d5f6a71", "joann", "joann@example.com")
PROBLEM_404 = {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Not Found", "status": 404}


def args(**extra):
    base = dict(url=URL, organization=ORG, access_token=TOKEN, state="absent")
    base.update(extra)
    return base


def user_url(user_id=USER_ID):
    return "%s/User/%s" % (API, user_id)


def listing_url():
    return "%s/User/users/%s" % (API, PARTITION)


def listing(api, results, total=None, **match):
    api.add(responses.GET, listing_url(), json={"totalCount": len(results) if total is None else total, "results": results})


class TestRemoveById(object):
    def test_existing_user_is_removed(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), status=204)
        result = run_module(user_module, args(user_id=USER_ID), diff=True)
        assert result["changed"] is True
        assert result["user"] == ANN
        assert result["diff"] == {"before": ANN, "after": {}}
        assert "removed" in result["msg"]
        assert api.calls[1].request.headers["Authorization"] == "Bearer " + TOKEN

    def test_guid_in_upper_case_is_accepted(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), status=204)
        assert run_module(user_module, args(user_id=USER_ID.upper()))["changed"] is True

    def test_missing_user_is_unchanged(self, api, run_module):
        api.add(responses.GET, user_url(), json=PROBLEM_404, status=404, content_type="application/problem+json")
        result = run_module(user_module, args(user_id=USER_ID))
        assert result["changed"] is False
        assert "already absent" in result["msg"]
        assert "user" not in result
        assert [c.request.method for c in api.calls] == ["GET"]

    def test_delete_answered_404_after_get_is_unchanged(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), json=PROBLEM_404, status=404, content_type="application/problem+json")
        api.add(responses.GET, user_url(), json=PROBLEM_404, status=404, content_type="application/problem+json")
        result = run_module(user_module, args(user_id=USER_ID))
        assert result["changed"] is False
        assert "someone else" in result["msg"]

    def test_empty_404s_after_a_successful_read_need_no_partition(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), body="", status=404)
        api.add(responses.GET, user_url(), body="", status=404)
        result = run_module(user_module, args(user_id=USER_ID))
        assert result["changed"] is False and "someone else" in result["msg"]

    def test_delete_answered_404_while_the_user_is_still_there_fails(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), json=PROBLEM_404, status=404, content_type="application/problem+json")
        api.add(responses.GET, user_url(), json=ANN)
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and "still there" in result["msg"]

    def test_delete_answered_200_with_a_refusal_fails(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), json={"succeeded": False, "errors": [{"code": "X", "description": "no"}]})
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and "X" in result["msg"]

    def test_delete_answered_200_counts_as_removed(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), status=200)
        assert run_module(user_module, args(user_id=USER_ID))["changed"] is True

    def test_check_mode_sends_no_delete(self, forbid_writes, run_module):
        forbid_writes.add(responses.GET, user_url(), json=ANN)
        result = run_module(user_module, args(user_id=USER_ID), check_mode=True, diff=True)
        assert result["changed"] is True
        assert "would be removed" in result["msg"]
        assert result["diff"]["before"] == ANN
        assert [c.request.method for c in forbid_writes.calls] == ["GET"]

    def test_check_mode_on_missing_user(self, forbid_writes, run_module):
        forbid_writes.add(responses.GET, user_url(), json=PROBLEM_404, status=404, content_type="application/problem+json")
        assert run_module(user_module, args(user_id=USER_ID), check_mode=True)["changed"] is False


class TestAbsenceNeedsTheIdentityApi(object):
    def test_html_404_is_a_misroute(self, api, run_module):
        api.add(responses.GET, user_url(), body="<html><body>Page not found</body></html>", status=404, content_type="text/html")
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and not result.get("changed")
        assert user_url() in result["msg"]
        assert "organization" in result["msg"] and "HTML" in result["msg"]

    def test_json_404_of_another_shape_is_a_misroute(self, api, run_module):
        api.add(responses.GET, user_url(), json={"message": "no route"}, status=404)
        assert run_module(user_module, args(user_id=USER_ID)).failed

    def test_gateway_json_404_with_a_status_is_a_misroute(self, api, run_module):
        gateway = {"timestamp": "2026-01-01T00:00:00Z", "status": 404, "error": "Not Found", "path": "/x"}
        api.add(responses.GET, user_url(), json=gateway, status=404)
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and "already absent" not in result["msg"]

    def test_redirect_is_a_misroute(self, api, run_module):
        api.add(responses.GET, user_url(), status=302, headers={"Location": URL + "/portal_/login"})
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and "/portal_/login" in result["msg"]

    def test_html_200_is_a_misroute(self, api, run_module):
        api.add(responses.GET, user_url(), body="<html>portal</html>", status=200, content_type="text/html")
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and "Not an Identity API answer" in result["msg"]

    def test_empty_404_confirmed_by_the_listing(self, api, run_module):
        api.add(responses.GET, user_url(), body="", status=404)
        listing(api, [ANN])
        result = run_module(user_module, args(user_id=USER_ID, partition_global_id=PARTITION))
        assert result["changed"] is False and not result.failed
        assert parse_qs(urlsplit(api.calls[1].request.url).query)["top"] == ["1"]

    def test_empty_404_without_partition_fails(self, api, run_module):
        api.add(responses.GET, user_url(), body="", status=404)
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed
        assert "partition_global_id" in result["msg"] and user_url() in result["msg"]

    def test_empty_404_and_html_listing_fails(self, api, run_module):
        api.add(responses.GET, user_url(), body="", status=404)
        api.add(responses.GET, listing_url(), body="<html></html>", status=404, content_type="text/html")
        result = run_module(user_module, args(user_id=USER_ID, partition_global_id=PARTITION))
        assert result.failed and listing_url() in result["msg"]


class TestLookup(object):
    def test_by_username_matches_exactly(self, api, run_module):
        listing(api, [JOANN, ANN])
        api.add(responses.DELETE, user_url(), status=204)
        result = run_module(user_module, args(username="ANN", partition_global_id=PARTITION))
        assert result["changed"] is True and result["user"]["id"] == USER_ID
        query = parse_qs(urlsplit(api.calls[0].request.url).query)
        assert query == {"searchTerm": ["ANN"], "top": ["1000"], "skip": ["0"], "sortBy": ["Id"], "sortOrder": ["asc"]}

    def test_by_email_ignores_case(self, api, run_module):
        listing(api, [ANN])
        api.add(responses.DELETE, user_url(), status=204)
        assert run_module(user_module, args(email="ann@example.COM", partition_global_id=PARTITION))["changed"] is True

    def test_names_compare_as_the_identity_api_compares_them(self, api, run_module):
        # One upper-case letter for one: "strasse" is not the user "straße" (casefold() would say it is).
        listing(api, [user_record(USER_ID, "straße", "s@example.com")])
        result = run_module(user_module, args(username="STRASSE", partition_global_id=PARTITION))
        assert result["changed"] is False and "already absent" in result["msg"]

    def test_substring_only_is_absent(self, api, run_module):
        listing(api, [JOANN])
        result = run_module(user_module, args(username="ann", partition_global_id=PARTITION))
        assert result["changed"] is False

    def test_search_without_results_confirms_the_partition(self, api, run_module):
        listing(api, [])
        listing(api, [JOANN], total=40)
        result = run_module(user_module, args(username="ann", partition_global_id=PARTITION))
        assert result["changed"] is False and "already absent" in result["msg"]
        assert "searchTerm" not in parse_qs(urlsplit(api.calls[1].request.url).query)

    def test_partition_without_users_fails(self, api, run_module):
        listing(api, [])
        listing(api, [])
        result = run_module(user_module, args(username="ann", partition_global_id=PARTITION))
        assert result.failed and "partition_global_id" in result["msg"] and "no users at all" in result["msg"]

    def test_partition_differing_from_the_token_is_named_on_an_empty_404(self, api, run_module):
        token = jwt({"prt_id": "11111111-2222-4333-8444-555555555555"})
        api.add(responses.GET, user_url(), body="", status=404)
        result = run_module(user_module, args(user_id=USER_ID, access_token=token, partition_global_id=PARTITION))
        assert result.failed and "issued for the organization" in result["msg"]

    def test_partition_differing_from_the_token_fails(self, api, run_module):
        token = jwt({"prt_id": "11111111-2222-4333-8444-555555555555"})
        result = run_module(user_module, args(username="ann", access_token=token, partition_global_id=PARTITION))
        assert result.failed and "issued for the organization" in result["msg"] and len(api.calls) == 0

    def test_pages_until_total_count(self, api, run_module):
        fillers = [user_record("%08d-0000-4000-8000-000000000000" % n, "ann%d" % n, "a%d@x.test" % n) for n in range(1000)]
        api.add(responses.GET, listing_url(), json={"totalCount": 1001, "results": fillers})
        # Pages overlap by one user: the second starts with the last of the first.
        api.add(responses.GET, listing_url(), json={"totalCount": 1001, "results": fillers[-1:] + [ANN]})
        api.add(responses.DELETE, user_url(), status=204)
        result = run_module(user_module, args(username="ann", partition_global_id=PARTITION))
        assert result["changed"] is True
        assert parse_qs(urlsplit(api.calls[1].request.url).query)["skip"] == ["999"]

    def test_paging_stops_after_the_page_with_the_match(self, api, run_module):
        # 5,000 users share the search term; the exact match is on the first page, so one GET is enough.
        fillers = [user_record("%08d-0000-4000-8000-000000000000" % n, "u%d.ann" % n, "u%d.ann@x.test" % n) for n in range(999)]
        api.add(responses.GET, listing_url(), json={"totalCount": 5000, "results": fillers[:500] + [ANN] + fillers[500:]})
        api.add(responses.DELETE, user_url(), status=204)
        result = run_module(user_module, args(email="ann@example.com", partition_global_id=PARTITION))
        assert result["changed"] is True and result["user"]["id"] == USER_ID
        assert [call.request.method for call in api.calls] == ["GET", "DELETE"]

    def test_no_match_reads_every_page(self, api, run_module):
        fillers = [user_record("%08d-0000-4000-8000-000000000000" % n, "u%d.ann" % n, "u%d.ann@x.test" % n) for n in range(1500)]
        api.add(responses.GET, listing_url(), json={"totalCount": 1500, "results": fillers[:1000]})
        api.add(responses.GET, listing_url(), json={"totalCount": 1500, "results": fillers[999:]})
        result = run_module(user_module, args(email="ann@example.com", partition_global_id=PARTITION))
        assert result["changed"] is False and len(api.calls) == 2

    def test_two_exact_matches_fail_with_ids(self, api, run_module):
        twin = user_record("2d9a1c79-4f3b-4e5b-9c80-5f3d4e6a7b82", "Ann", "ann2@example.com")
        listing(api, [ANN, twin])
        result = run_module(user_module, args(username="ann", partition_global_id=PARTITION))
        assert result.failed
        assert USER_ID in result["msg"] and twin["id"] in result["msg"]

    def test_partition_from_token_claim(self, api, run_module):
        listing(api, [ANN])
        api.add(responses.DELETE, user_url(), status=204)
        token = jwt({"prt_id": PARTITION.upper(), "scope": "PM.User"})
        assert run_module(user_module, args(username="ann", access_token=token))["changed"] is True

    def test_no_partition_fails_before_listing(self, api, run_module):
        result = run_module(user_module, args(email="ann@example.com"))
        assert result.failed and "partition_global_id" in result["msg"] and "prt_id" in result["msg"]

    def test_listing_of_wrong_shape_fails(self, api, run_module):
        api.add(responses.GET, listing_url(), json={"items": []})
        assert run_module(user_module, args(username="ann", partition_global_id=PARTITION)).failed


class TestErrors(object):
    def test_401_with_a_static_token(self, api, run_module):
        api.add(responses.GET, user_url(), status=401)
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and "Authentication failed" in result["msg"] and result["status"] == 401
        assert TOKEN not in result.raw

    def test_403_names_the_scopes(self, api, run_module):
        body = {"errorMessage": "Scope(s) 'PM.User.Read' is(are) invalid. Expect to have 'PM.User' or 'PM.User.Write'."}
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), json=body, status=403)
        result = run_module(user_module, args(user_id=USER_ID))
        assert result.failed and "PM.User or PM.User.Write" in result["msg"] and "Expect to have" in result["msg"]
        assert result["method"] == "DELETE" and result["url"] == user_url()

    def test_403_on_lookup_names_read_scopes(self, api, run_module):
        api.add(responses.GET, user_url(), json={"errorMessage": "denied"}, status=403)
        assert "PM.User or PM.User.Read" in run_module(user_module, args(user_id=USER_ID))["msg"]

    def test_other_status_carries_method_url_and_body(self, api, run_module):
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), json={"title": "boom", "status": 500}, status=500)
        result = run_module(user_module, args(user_id=USER_ID, retries=0))
        assert result.failed
        assert result["msg"].startswith("DELETE %s answered 500" % user_url()) and "boom" in result["msg"]


class TestClientCredentials(object):
    def test_token_is_fetched_once_with_least_scope(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"access_token": "issued-token-1", "expires_in": 3600, "token_type": "Bearer"})
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), status=204)
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent"))
        assert result["changed"] is True
        form = parse_qs(api.calls[0].request.body)
        assert form == {"grant_type": ["client_credentials"], "client_id": ["app"], "client_secret": [CLIENT_SECRET],
                        "scope": ["PM.User.Read PM.User.Write"]}
        assert api.calls[0].request.headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert all(c.request.headers["Authorization"] == "Bearer issued-token-1" for c in api.calls[1:])

    def test_refused_client_shows_the_token_endpoint_error(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"error": "invalid_client"}, status=400)
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent"))
        assert result.failed and "invalid_client" in result["msg"] and TOKEN_URL in result["msg"]
        assert CLIENT_SECRET not in result.raw

    def test_default_scope_falls_back_to_pm_user(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"error": "invalid_scope"}, status=400)
        api.add(responses.POST, TOKEN_URL, json={"access_token": "full-scope-token"})
        api.add(responses.GET, user_url(), json=PROBLEM_404, status=404, content_type="application/problem+json")
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent"))
        assert result["changed"] is False
        assert [parse_qs(c.request.body)["scope"] for c in api.calls[:2]] == [["PM.User.Read PM.User.Write"], ["PM.User"]]

    def test_default_scopes_both_refused(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"error": "invalid_scope"}, status=400)
        api.add(responses.POST, TOKEN_URL, json={"error": "invalid_scope"}, status=400)
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent"))
        assert result.failed and "'PM.User.Read PM.User.Write' and then 'PM.User'" in result["msg"]

    def test_invalid_client_is_not_retried_with_other_scopes(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"error": "invalid_client"}, status=400)
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent"))
        assert result.failed and len(api.calls) == 1

    def test_refused_scope_names_it(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"error": "invalid_scope"}, status=400)
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              scope="PM.User", user_id=USER_ID, state="absent"))
        assert "invalid_scope" in result["msg"] and "PM.User" in result["msg"]

    def test_expired_token_is_renewed_once(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"access_token": "first-token"})
        api.add(responses.GET, user_url(), status=401)
        api.add(responses.POST, TOKEN_URL, json={"access_token": "second-token"})
        api.add(responses.GET, user_url(), json=ANN)
        api.add(responses.DELETE, user_url(), status=204)
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent"))
        assert result["changed"] is True
        assert api.calls[3].request.headers["Authorization"] == "Bearer second-token"

    def test_second_401_fails(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"access_token": "first-token"})
        api.add(responses.GET, user_url(), status=401)
        api.add(responses.POST, TOKEN_URL, json={"access_token": "second-token"})
        api.add(responses.GET, user_url(), status=401)
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent"))
        assert result.failed and "Authentication failed" in result["msg"]
        for secret in ("first-token", "second-token", CLIENT_SECRET):
            assert secret not in result.raw

    def test_issued_token_echoed_in_an_error_body_is_masked(self, api, run_module):
        api.add(responses.POST, TOKEN_URL, json={"access_token": "echoed-token-value"})
        api.add(responses.GET, user_url(), body="bad token echoed-token-value", status=500, content_type="text/plain")
        result = run_module(user_module, dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET,
                                              user_id=USER_ID, state="absent", retries=0))
        assert result.failed and "echoed-token-value" not in result.raw


class TestEnvironment(object):
    def test_connection_from_environment_alone(self, api, run_module, monkeypatch):
        monkeypatch.setenv("UIPATH_URL", URL + "/")
        monkeypatch.setenv("UIPATH_ORGANIZATION", ORG)
        monkeypatch.setenv("UIPATH_ACCESS_TOKEN", TOKEN)
        monkeypatch.setenv("UIPATH_CLIENT_ID", "")
        api.add(responses.GET, user_url(), json=PROBLEM_404, status=404, content_type="application/problem+json")
        assert run_module(user_module, dict(user_id=USER_ID, state="absent"))["changed"] is False

    def test_standalone_urls(self, api, run_module):
        base = "https://orch.example.test/prefix/identity/api/User/" + USER_ID
        api.add(responses.GET, base, json=ANN)
        api.add(responses.DELETE, base, status=204)
        result = run_module(user_module, dict(url="https://orch.example.test/prefix/", deployment="standalone",
                                              access_token=TOKEN, user_id=USER_ID, state="absent"))
        assert result["changed"] is True


@pytest.mark.parametrize("extra, option", [
    (dict(user_id="not-a-guid"), "user_id"),
    (dict(user_id="../../api/User"), "user_id"),
    (dict(user_id=USER_ID + " "), "user_id"),
    (dict(username=""), "username"),
    (dict(email="  "), "email"),
    (dict(user_id=USER_ID, url="cloud.example.test"), "url"),
    (dict(user_id=USER_ID, url="https://admin:s3cretpass@cloud.example.test"), "url"),
    (dict(user_id=USER_ID, url=""), "url"),
    (dict(user_id=USER_ID, organization=None), "organization"),
    (dict(user_id=USER_ID, organization="acme/other"), "organization"),
    (dict(user_id=USER_ID, timeout=-1), "timeout"),
    (dict(user_id=USER_ID, access_token=None), "access_token"),
    (dict(user_id=USER_ID, client_secret=CLIENT_SECRET), "client_id"),
    (dict(user_id=USER_ID, access_token=None, client_id="app"), "client_secret"),
    (dict(user_id=USER_ID, partition_global_id="acme"), "partition_global_id"),
    (dict(user_id=USER_ID, deployment="onprem"), "deployment"),
    (dict(user_id=USER_ID, access_token="two\nlines"), "access_token"),
    (dict(user_id=USER_ID, access_token="a b"), "access_token"),
    (dict(user_id=USER_ID, username="ann"), "user_id"),
    (dict(), "user_id"),
])
def test_bad_input_fails_before_any_request(api, run_module, extra, option):
    given = args(**extra)
    result = run_module(user_module, dict((k, v) for k, v in given.items() if v is not None))
    assert result.failed and option in result["msg"]
    assert len(api.calls) == 0
    assert CLIENT_SECRET not in result.raw and "s3cretpass" not in result.raw


def test_result_is_json_serialisable_without_secrets(api, run_module):
    api.add(responses.GET, user_url(), json=ANN)
    api.add(responses.DELETE, user_url(), status=204)
    result = run_module(user_module, args(user_id=USER_ID))
    assert TOKEN not in json.dumps(result)
