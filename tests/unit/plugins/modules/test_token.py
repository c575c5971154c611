# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import re
import time
from urllib.parse import parse_qs, quote, quote_plus

import pytest
import responses

from ansible_collections.uipath.identity.plugins.modules import token as token_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import CLIENT_SECRET, ORG, PARTITION, TOKEN, TOKEN_URL, URL, jwt

ARGS = dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET, _ansible_no_log=True)


def test_token_with_claims(api, run_module):
    issued = jwt({"prt_id": PARTITION.upper()})
    api.add(responses.POST, TOKEN_URL, json={"access_token": issued, "expires_in": 3600, "token_type": "Bearer", "scope": "PM.User"})
    result = run_module(token_module, ARGS)
    assert result["changed"] is False and result["access_token"] == issued
    assert result["expires_in"] == 3600 and result["scope"] == "PM.User" and result["partition_global_id"] == PARTITION
    assert parse_qs(api.calls[0].request.body)["scope"] == ["PM.User.Read PM.User.Write"]


def test_resources_name_the_scopes_asked_for_and_each_whole_scope_after_invalid_scope(api, run_module):
    api.add(responses.POST, TOKEN_URL, status=400, json={"error": "invalid_scope"})
    api.add(responses.POST, TOKEN_URL, json={"access_token": TOKEN})
    result = run_module(token_module, dict(ARGS, resources=["robot_accounts", "groups"]))
    assert result["access_token"] == TOKEN
    assert [parse_qs(c.request.body)["scope"][0] for c in api.calls] == [
        "PM.Group.Read PM.Group.Write PM.RobotAccount.Read PM.RobotAccount.Write",
        "PM.Group.Read PM.Group.Write PM.RobotAccount"]


def test_an_unknown_resource_is_refused_before_any_request(api, run_module):
    result = run_module(token_module, dict(ARGS, resources=["users", "tenants"]))
    assert result.failed and "resources" in result["msg"] and len(api.calls) == 0


def utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()


def test_expires_at_is_the_jwt_exp_claim(api, run_module):
    # exp wins over expires_in: it is what the API itself checks.
    issued = jwt({"exp": 1796671800})
    api.add(responses.POST, TOKEN_URL, json={"access_token": issued, "expires_in": 60})
    result = run_module(token_module, ARGS)
    assert result["expires_at"] == "2026-12-07T19:30:00Z" and result["expires_in"] == 60


@pytest.mark.parametrize("token, expires_in", [("opaque", 3600), ("opaque", "3600"), (jwt({"exp": "soon"}), 3600)])
def test_expires_at_counts_expires_in_from_the_request(api, run_module, token, expires_in):
    api.add(responses.POST, TOKEN_URL, json={"access_token": token, "expires_in": expires_in})
    before = time.time()
    result = run_module(token_module, ARGS)
    after = time.time()
    assert result["expires_in"] == expires_in
    assert int(before) + 3600 <= utc(result["expires_at"]) <= after + 3600


@pytest.mark.parametrize("expires_in", [None, True, -1, "an hour", float("inf")])
def test_no_expires_at_without_exp_or_a_number_of_seconds(api, run_module, expires_in):
    body = {"access_token": "opaque"}
    if expires_in is not None:
        body["expires_in"] = expires_in
    api.add(responses.POST, TOKEN_URL, body=json.dumps(body), content_type="application/json")
    result = run_module(token_module, ARGS)
    assert "expires_at" not in result and result["access_token"] == "opaque"


def test_opaque_token_has_no_partition(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "opaque"})
    result = run_module(token_module, ARGS, check_mode=True)
    assert "partition_global_id" not in result and len(api.calls) == 1


def test_refuses_without_no_log(api, run_module):
    args = dict(ARGS, _ansible_no_log=False)
    result = run_module(token_module, args)
    assert result.failed and "no_log" in result["msg"] and len(api.calls) == 0


def test_refuses_access_token(api, run_module):
    # Not an option of this module at all, as its documentation says: Ansible refuses it by name.
    result = run_module(token_module, dict(url=URL, organization=ORG, access_token=TOKEN, _ansible_no_log=True))
    assert result.failed and "access_token" in result["msg"] and "Unsupported" in result["msg"] and len(api.calls) == 0


def test_without_client_credentials_it_names_client_id_not_an_option_it_lacks(api, run_module, monkeypatch):
    # A token in the environment (an AWX credential may inject one) is not read, so it neither helps nor fails the task.
    monkeypatch.setenv("UIPATH_ACCESS_TOKEN", TOKEN)
    result = run_module(token_module, dict(url=URL, organization=ORG, _ansible_no_log=True))
    assert result.failed and result["option"] == "client_id" and "access_token" not in result["msg"] and len(api.calls) == 0


def test_a_token_in_the_environment_is_not_read(api, run_module, monkeypatch):
    monkeypatch.setenv("UIPATH_ACCESS_TOKEN", "some-other-token")
    api.add(responses.POST, TOKEN_URL, json={"access_token": TOKEN})
    result = run_module(token_module, ARGS)
    assert not result.failed and result["access_token"] == TOKEN


# A tab, a space, a non-ASCII letter and characters that form-encoding changes.
ODD_SECRET = "s\u00e4cret+pa ss/w\u00f6rd\t42&x=1"


def secret_forms(secret):
    # UTF-8 read as ISO-8859-1 is how requests reads text that names no charset.
    misread = secret.encode("utf-8").decode("latin-1")
    forms = [secret, " ".join(secret.split()), quote(secret, safe=""), quote(secret), quote_plus(secret),
             json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1], misread, " ".join(misread.split())]
    return forms + [re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), form) for form in forms]


@pytest.mark.parametrize("content_type, template", [
    ("text/plain", "%s"),
    ("text/plain; charset=utf-8", "bad form: %s"),
    ("application/json", '{"error": "invalid_client", "error_description": "bad form: %s"}'),
    ("application/json", '{"error": "invalid_client", "error_description": "bad secret: %s"}'),
])
def test_echoed_form_leaves_no_form_of_the_secret(api, run_module, content_type, template):
    def echo(request):
        form = request.body if "form" in template else parse_qs(request.body)["client_secret"][0]
        return 400, {"Content-Type": content_type}, template % (form if content_type.startswith("text/") else json.dumps(form)[1:-1])
    api.add_callback(responses.POST, TOKEN_URL, callback=echo)
    result = run_module(token_module, dict(ARGS, client_secret=ODD_SECRET, retries=0))
    assert result.failed and TOKEN_URL in result["msg"]
    assert [form for form in secret_forms(ODD_SECRET) if form in result["msg"] or form in result.raw] == []
    assert [ODD_SECRET[:n] for n in range(6, len(ODD_SECRET)) if ODD_SECRET[:n] in result["msg"]] == []
