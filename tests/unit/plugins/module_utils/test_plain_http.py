# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Plain http beyond this machine gets one warning; loopback, as the emulator uses, gets none.

``responses`` answers every request here, so the addresses are never contacted."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import responses

from ansible.module_utils.common import warnings as module_warnings

from ansible_collections.uipath.identity.plugins.modules import token as token_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import CLIENT_SECRET, ORG, TOKEN_URL, URL


@pytest.fixture(autouse=True)
def own_warnings(monkeypatch):
    # Module warnings are kept in a global of the process: count only this test's.
    monkeypatch.setattr(module_warnings, "_global_warnings", type(module_warnings._global_warnings)())


def run_token(api, run_module, url, token_url=None):
    args = dict(url=url, organization=ORG, client_id="app", client_secret=CLIENT_SECRET, _ansible_no_log=True)
    if token_url:
        args["token_url"] = token_url
    api.add(responses.POST, token_url or url.rstrip("/") + "/identity_/connect/token", json={"access_token": "issued"})
    result = run_module(token_module, args)
    assert not result.failed, result
    # ansible-core 2.19 and later return each warning as a summary object around the text.
    texts = [w if isinstance(w, str) else w["event"]["msg"] for w in result.get("warnings", [])]
    return [text for text in texts if "unencrypted" in text]


@pytest.mark.parametrize("url, token_url, options", [
    ("http://10.1.2.3", None, "url"),
    ("http://uipath.example.test:8080/prefix", None, "url"),
    ("http://localhost.example.test", None, "url"),
    ("http://127.0.0.1.example.test", None, "url"),
    ("http://[fe80::1]", None, "url"),
    (URL, "http://10.1.2.3/identity_/connect/token", "token_url"),
    ("http://10.1.2.3", "http://10.9.9.9/identity_/connect/token", "url and token_url"),
    ("http://127.0.0.1:8080", "http://10.1.2.3/identity_/connect/token", "token_url"),
])
def test_plain_http_beyond_loopback_warns_once(api, run_module, url, token_url, options):
    warnings = run_token(api, run_module, url, token_url)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(options + " ") and "https://" in warnings[0] and CLIENT_SECRET not in warnings[0]


@pytest.mark.parametrize("url, token_url", [
    ("http://127.0.0.1:8080", None),
    ("http://127.5.6.7", None),
    ("http://localhost:8080", None),
    ("http://LOCALHOST", None),
    ("http://[::1]:8080", None),
    ("https://10.1.2.3", None),
    (URL, None),
    (URL, TOKEN_URL),
    ("http://127.0.0.1:8080", "http://localhost:9000/identity_/connect/token"),
])
def test_https_and_loopback_do_not_warn(api, run_module, url, token_url):
    assert run_token(api, run_module, url, token_url) == []
