# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""An API that echoes what it was sent leaves no form of a secret in the task's failure."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from urllib.parse import quote, quote_plus

import pytest
import requests
import responses

from ansible_collections.uipath.identity.plugins.module_utils import errors
from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import API, ORG, TOKEN, URL, user_record

USER_ID = "0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60"
USER_URL = "%s/User/%s" % (API, USER_ID)
PASSWORD = "P\u00e4ssw\u00f6rd with\ttab-2024"


def forms(secret):
    return [secret, " ".join(secret.split()), json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
            quote(secret), quote_plus(secret), quote(secret).lower(), secret.encode("utf-8").decode("latin-1")]


def echo_body(content_type):
    def answer(request):
        return 400, {"Content-Type": content_type}, "rejected: " + request.body.decode("utf-8")
    return answer


@pytest.mark.parametrize("content_type", ["text/plain", "text/plain; charset=utf-8"])
def test_echoed_password_is_removed_from_the_failure(api, run_module, content_type):
    api.add(responses.GET, USER_URL, json=user_record(USER_ID, "jdoe", "jdoe@example.com"))
    api.add_callback(responses.PUT, USER_URL, callback=echo_body(content_type))
    result = run_module(user_module, dict(url=URL, organization=ORG, access_token=TOKEN, user_id=USER_ID,
                                          password=PASSWORD, update_password="always", retries=0))
    assert result.failed and "rejected" in result["msg"]
    assert [form for form in forms(PASSWORD) if form in result["msg"] or form in result.raw] == []
    assert errors.MASK in result["msg"]


def test_echoed_access_token_is_removed_from_the_failure(api, run_module):
    # Long enough that the message's cut falls inside the token.
    api.add(responses.GET, USER_URL, status=500, content_type="text/plain", body="no such token: " + "." * 575 + TOKEN)
    result = run_module(user_module, dict(url=URL, organization=ORG, access_token=TOKEN, user_id=USER_ID, state="absent",
                                          retries=0))
    assert result.failed and "no such token" in result["msg"] and TOKEN[:6] not in result["msg"]


def test_secrets_do_not_outlive_the_task(api, run_module):
    api.add(responses.GET, USER_URL, status=500, content_type="text/plain", body="boom")
    run_module(user_module, dict(url=URL, organization=ORG, access_token=TOKEN, user_id=USER_ID, state="absent", retries=0))
    assert errors.describe_body(TOKEN) == TOKEN


def test_a_retry_warning_quoting_what_the_server_sent_holds_no_form_of_a_secret(api, run_module):
    # A broken status line is quoted in the reason of the retry: a server can put an echo there.
    echoed = requests.exceptions.ConnectionError("BadStatusLine: 'HTTP/1.1 %s %s'" % (quote(TOKEN), json.dumps(PASSWORD)))
    api.add(responses.GET, USER_URL, body=echoed)
    api.add(responses.GET, USER_URL, json=user_record(USER_ID, "jdoe", "jdoe@example.com"))
    api.add(responses.PUT, USER_URL, json={"succeeded": True, "errors": []})
    result = run_module(user_module, dict(url=URL, organization=ORG, access_token=TOKEN, user_id=USER_ID, password=PASSWORD,
                                          update_password="always", retries=1, retry_max_wait=1))
    warnings = json.dumps(result.get("warnings"))
    assert result["changed"] is True and "BadStatusLine" in warnings and errors.MASK in warnings
    assert [form for form in forms(PASSWORD) + forms(TOKEN) if form in warnings] == []
