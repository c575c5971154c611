# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
name: probe_shape
author: uipath.identity contributors
version_added: 0.1.0
short_description: Describe an answer of the Identity API by its shape, never its text
description:
  - Turns the registered result of an M(ansible.builtin.uri) call into one line that says what kind of answer came back,
    for the report of C(playbooks/probe_identity.yml).
  - The line holds the status, the kind of body (empty, problem document, IdentityResult, validation problem, C(errorMessage),
    redirect, HTML, other) and the names of fields and error codes. Message texts, ids and header values are never quoted,
    so that the line holds no credential whatever the server sent.
  - With O(what=ids), the lower-cased ids of a listing page instead, for comparing orders.
positional: what
options:
  _input:
    description: The registered result of an M(ansible.builtin.uri) task.
    type: dict
    required: true
  what:
    description: V(shape) for the description, V(ids) for the ids of a listing page.
    type: str
    default: shape
    choices: [shape, ids]
"""

EXAMPLES = r"""
- name: Read a user id that names no one
  ansible.builtin.uri:
    url: "https://cloud.uipath.com/acme/identity_/api/User/3fa85f64-5717-4562-b3fc-2c963f66afa6"
    headers:
      Authorization: "Bearer {{ token }}"
    status_code: "{{ range(100, 600) | list }}"
    return_content: true
  no_log: true
  register: answer

- name: Say what came back
  ansible.builtin.debug:
    msg: "{{ answer | uipath.identity.probe_shape }}"
"""

RETURN = r"""
_value:
  description:
    - "For V(shape), a line such as C(404 problem document), C(404 empty), C(400 code InvalidPartition),
      C(403 errorMessage, as the service words a missing scope) or C(400 IdentityResult refused: DuplicateUserName)."
    - For V(ids), a list of lower-cased ids.
  type: raw
"""

import json
import re

from ansible.errors import AnsibleFilterError

# Codes and field names are printed only when they look like names (words of letters, joined by
# dots, with [n] indexes), since a hostile answer could put anything in their place; tokens and
# secrets carry digits, dashes or dots between runs of mixed case, and are withheld.
_NAME = re.compile(r"\A(?:\$\.)?[A-Za-z]{1,40}(?:\[\d{1,4}\])?(?:\.[A-Za-z]{1,40}(?:\[\d{1,4}\])?){0,3}\Z")
_GUID = re.compile(r"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
_SCOPE_WORDING = re.compile(r"\AScope\(s\) '[^']*' is\(are\) invalid\. Expect to have '[^']*' or '[^']*'\.( ?)\Z")
_LIMIT = 10


def _names(values):
    shown = [v for v in values if isinstance(v, str) and _NAME.match(v)]
    withheld = len(values) - len(shown[:_LIMIT])
    text = ", ".join(shown[:_LIMIT])
    if withheld:
        text += (" " if text else "") + "(%s%d withheld)" % ("and " if text else "", withheld)
    return text


def _body(result):
    if isinstance(result.get("json"), (dict, list)):
        return result["json"]
    text = result.get("content")
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _kind(body, content_type):
    if body is None:
        return "empty"
    if isinstance(body, str):
        return "HTML" if "html" in content_type else "text (%s)" % (content_type.split(";")[0].strip() or "no content type")
    if not isinstance(body, dict):
        return "JSON %s" % type(body).__name__
    message = body.get("errorMessage")
    if isinstance(message, str):
        found = _SCOPE_WORDING.match(message)
        if found:
            return "errorMessage, as the service words a missing scope%s" % (" (with a trailing space)" if found.group(1) else "")
        return "errorMessage of another wording"
    # The fields the modules read the code from (plugins/module_utils/client.py).
    for key in ("code", "errorCode", "title", "error", "type"):
        value = body.get(key)
        if isinstance(value, str) and value.lower() == "invalidpartition":
            return "code InvalidPartition (in %s)" % key
    result = body.get("result") if isinstance(body.get("result"), dict) else body
    if "succeeded" in result:
        errors = result.get("errors") if isinstance(result.get("errors"), list) else []
        codes = _names([e.get("code") for e in errors if isinstance(e, dict)])
        shape = "BulkCreate result" if result is not body else "IdentityResult"
        return "%s %s" % (shape, "succeeded" if result.get("succeeded") is True else "refused: " + (codes or "no code"))
    if isinstance(body.get("errors"), dict):
        return "validation problem, fields: %s" % _names(sorted(body["errors"], key=str))
    if "title" in body and "status" in body:
        return "problem document"
    return "JSON object, fields: %s" % _names(sorted(body, key=str))


def probe_shape(result, what="shape"):
    if not isinstance(result, dict):
        raise AnsibleFilterError("probe_shape expects the registered result of a uri task, got %s" % type(result).__name__)
    if what == "ids":
        body = _body(result)
        records = body.get("results") if isinstance(body, dict) else None
        return [r["id"].lower() for r in (records if isinstance(records, list) else [])
                if isinstance(r, dict) and isinstance(r.get("id"), str) and _GUID.match(r["id"])]
    if what != "shape":
        raise AnsibleFilterError("probe_shape: what must be shape or ids, got %r" % (what,))
    status = result.get("status")
    if not isinstance(status, int) or status < 0:
        return "no answer"
    if 300 <= status < 400:
        return "%d redirect" % status
    content_type = str(result.get("content_type") or "").lower()
    return "%d %s" % (status, _kind(_body(result), content_type))


class FilterModule(object):
    def filters(self):
        return {"probe_shape": probe_shape}
