# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Values and builders the unit tests share."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
from urllib.parse import parse_qs, urlsplit

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


# Shared by the tests of groups, robot accounts and the user's groups.
USERS_LISTING = "%s/User/users/%s" % (API, PARTITION)
GROUPS_LISTING = "%s/Group/%s" % (API, PARTITION)
ROBOTS_LISTING = "%s/RobotAccount/%s" % (API, PARTITION)
PROBLEM_404 = {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Not Found", "status": 404}
NOT_IDENTITY = "Not an Identity API answer: GET "


def task(**extra):
    """A module's arguments: a static token and the organization's id, then ``extra``."""
    base = dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION)
    base.update(extra)
    return base


def client_task(**extra):
    """A module's arguments with client credentials (no scope: the module's default is asked for)."""
    base = dict(url=URL, organization=ORG, client_id="app", client_secret=CLIENT_SECRET, partition_global_id=PARTITION)
    base.update(extra)
    return base


def asked_scopes(api):
    """The scope of each token request, in order."""
    return [parse_qs(c.request.body)["scope"][0] for c in api.calls if c.request.url == TOKEN_URL]


def sent(call):
    return json.loads(call.request.body)


def query(call):
    return parse_qs(urlsplit(call.request.url).query)


def methods(api):
    return [call.request.method for call in api.calls]


def page(records, total=None):
    """One page of a paged listing."""
    return {"totalCount": len(records) if total is None else total, "results": list(records)}


def numbered_id(number):
    """A GUID told by its number: for listings of many records."""
    return "%08d-0000-4000-8000-000000000000" % number


def overlapping_pages(first, rest):
    """The two pages of one listing: ``first`` full, then ``rest`` after the last record of ``first`` again."""
    total = len(first) + len(rest)
    return page(first, total), page(first[-1:] + list(rest), total)


def group_record(group_id, name, members=None, kind=1):
    """A GroupDto; ``kind`` 0 is builtIn as the live service sends it, 1 custom. Listed groups carry no members."""
    record = dict(id=group_id, name=name, displayName=name, type=kind, creationTime="2026-01-01T00:00:00Z")
    if members is not None:
        record["members"] = list(members)
    return record


def member(object_type, identifier, name, email=None):
    """A directory entity among a group's members."""
    return dict(objectType=object_type, source="local", identifier=identifier, name=name, email=email, displayName=name)


def user_member(user):
    """A user record as a group lists it among its members."""
    return member("DirectoryUser", user["id"], user["userName"], user["email"])


def robot_record(robot_id, name, group_ids=(), display_name=None):
    return dict(id=robot_id, name=name, displayName=display_name or name, creationTime="2026-01-01T00:00:00Z",
                lastLoginTime=None, groupIds=list(group_ids))
