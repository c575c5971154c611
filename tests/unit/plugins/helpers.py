# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Values and builders the unit tests share."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json

URL = "https://cloud.example.test"
ORG = "acme"
API = URL + "/acme/identity_/api"
TOKEN_URL = URL + "/identity_/connect/token"
PARTITION = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"
TOKEN = "rt_static-token-value-0123456789"
CLIENT_SECRET = "client-secret-value-987654321"
MUTATING = ("POST", "PUT", "PATCH", "DELETE")


def jwt(claims):
    """An unsigned token of JWT shape, enough for reading claims."""
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return "%s.%s.%s" % (part({"alg": "none"}), part(claims), "c2lnbmF0dXJl")


def user_record(user_id, username, email, **extra):
    record = dict(id=user_id, userName=username, email=email, name="N", surname="S", isActive=True, type=0, groupIDs=[])
    record.update(extra)
    return record
