# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Business answers of the Identity API's writes.

Creates and updates answer an IdentityResult, ``{"succeeded": bool,
"errors": [{"code", "description"}]}``. Whether a refusal arrives with 400 or
with 200 and ``succeeded: false`` is not documented, so both are read here.
A 400 may also be ASP.NET validation problem details (``errors`` a mapping).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.uipath.identity.plugins.module_utils.errors import ApiError


class RefusedByIdentity(ApiError):
    """The API understood the request and refused it (duplicate user name, ...)."""

    def __init__(self, method, url, status, body):
        self.codes = refusal_codes(result_of(body))
        super(RefusedByIdentity, self).__init__(method, url, status, body)

    def headline(self):
        return "Refused by the Identity API (%s): %s" % (", ".join(self.codes) or "no code", super(RefusedByIdentity, self).headline())


def refusal_codes(body):
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list):
        return [str(e.get("code")) for e in errors if isinstance(e, dict) and e.get("code")]
    if isinstance(errors, dict):
        return sorted(str(field) for field in errors)
    return []


def result_of(body):
    """The IdentityResult inside a body: itself, or BulkCreate's ``result``."""
    if isinstance(body, dict) and isinstance(body.get("result"), dict):
        return body["result"]
    return body


def check_write(method, url, answer):
    """Raise RefusedByIdentity unless the answer is a success."""
    result = result_of(answer.data)
    if answer.status == 400 or (isinstance(result, dict) and result.get("succeeded") is False):
        raise RefusedByIdentity(method, url, answer.status, answer.data)
    return answer.data
