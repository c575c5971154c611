# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The checks options() makes on the connection options before any request."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.identity_module import options
from ansible_collections.uipath.identity.plugins.modules import user as user_module
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import ORG, TOKEN, URL

USER_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def params(**extra):
    given = dict(url=URL, organization=ORG, access_token=TOKEN)
    given.update(extra)
    return given


@pytest.mark.parametrize("name", ["timeout", "retry_max_wait"])
@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_timeouts_must_be_finite(name, value):
    # nan slips through every "<= 0" check and inf bounds nothing.
    with pytest.raises(ConfigurationError) as info:
        options(params(**{name: value}))
    assert info.value.option == name and "finite" in str(info.value)


def test_finite_timeouts_pass():
    opts = options(params(timeout=0.5, retry_max_wait=0.0))
    assert opts["timeout"] == 0.5 and opts["retry_max_wait"] == 0.0


@pytest.mark.parametrize("name, text", [("timeout", "nan"), ("retry_max_wait", "inf"), ("timeout", "-inf")])
def test_a_module_refuses_them_before_any_request(api, run_module, name, text):
    args = params(user_id=USER_ID, state="absent")
    args[name] = text
    result = run_module(user_module, args)
    assert result.failed and "Invalid option %s" % name in result["msg"] and "finite" in result["msg"]
    assert len(api.calls) == 0
