# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import parse_qs

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


def test_opaque_token_has_no_partition(api, run_module):
    api.add(responses.POST, TOKEN_URL, json={"access_token": "opaque"})
    result = run_module(token_module, ARGS, check_mode=True)
    assert "partition_global_id" not in result and len(api.calls) == 1


def test_refuses_without_no_log(api, run_module):
    args = dict(ARGS, _ansible_no_log=False)
    result = run_module(token_module, args)
    assert result.failed and "no_log" in result["msg"] and len(api.calls) == 0


def test_refuses_access_token(api, run_module):
    result = run_module(token_module, dict(url=URL, organization=ORG, access_token=TOKEN, _ansible_no_log=True))
    assert result.failed and len(api.calls) == 0
