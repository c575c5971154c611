# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.uipath.identity.plugins.filter.probe_shape import FilterModule, probe_shape

SECRET = "eyJhbGciOi.secret-token.value"


def answer(status, body=None, content_type="application/json"):
    return {"status": status, "content": json.dumps(body) if not isinstance(body, str) and body is not None else (body or ""),
            "content_type": content_type}


@pytest.mark.parametrize("result, shown", [
    (answer(404, {"type": "t", "title": "Not Found", "status": 404}, "application/problem+json"), "404 problem document"),
    (answer(404), "404 empty"),
    (answer(302), "302 redirect"),
    ({"status": -1, "msg": "Connection refused"}, "no answer"),
    (answer(400, {"title": "InvalidPartition", "status": 400}), "400 code InvalidPartition (in title)"),
    (answer(400, {"type": "InvalidPartition", "title": "Bad Request", "status": 400}), "400 code InvalidPartition (in type)"),
    (answer(403, {"errorMessage": "Scope(s) 'A,B' is(are) invalid. Expect to have 'PM.User' or 'PM.User.Read'. "}),
     "403 errorMessage, as the service words a missing scope (with a trailing space)"),
    (answer(403, {"errorMessage": "Forbidden " + SECRET}), "403 errorMessage of another wording"),
    (answer(400, {"succeeded": False, "errors": [{"code": "DuplicateUserName", "description": SECRET}]}),
     "400 IdentityResult refused: DuplicateUserName"),
    (answer(200, {"succeeded": True, "errors": []}), "200 IdentityResult succeeded"),
    (answer(400, {"result": {"succeeded": False, "errors": [{"code": SECRET}]}, "users": []}),
     "400 BulkCreate result refused: (1 withheld)"),
    (answer(400, {"errors": {"Email": ["The field Email is invalid."]}, "title": "x", "status": 400}), "400 validation problem, fields: Email"),
    (answer(400, {"errors": {"Users[1].Email": ["x"], "$.users[0].type": ["y"], "ab12cd-34": ["z"]}, "title": "x", "status": 400}),
     "400 validation problem, fields: $.users[0].type, Users[1].Email (and 1 withheld)"),
    (answer(200, "<html>portal</html>", "text/html"), "200 HTML"),
    (answer(200, {"totalCount": 1, "results": [], SECRET: 1}), "200 JSON object, fields: results, totalCount (and 1 withheld)"),
    (answer(200, [1, 2]), "200 JSON list"),
])
def test_an_answer_is_told_by_its_shape_never_its_text(result, shown):
    assert probe_shape(result) == shown
    assert SECRET not in probe_shape(result)


def test_ids_of_a_listing_page_only_guids_lower_cased():
    page = answer(200, {"results": [{"id": "0F6A3C1E-2B4D-4E8F-9A1B-3C5D7E9F1A2B"}, {"id": SECRET}, "x", {"id": 5}]})
    assert probe_shape(page, "ids") == ["0f6a3c1e-2b4d-4e8f-9a1b-3c5d7e9f1a2b"]
    assert probe_shape(answer(500, "oops", "text/plain"), "ids") == []


def test_wrong_input_is_refused_clearly():
    with pytest.raises(AnsibleFilterError):
        probe_shape("not a result")
    with pytest.raises(AnsibleFilterError):
        probe_shape(answer(200), "everything")
    assert FilterModule().filters()["probe_shape"] is probe_shape
