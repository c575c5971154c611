# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Values and builders the unit tests share."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
from urllib.parse import parse_qs, urlsplit

import responses

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
# The Identity API's own 404 (a problem document), as responses registers it: absence, once the organization's id is proven.
NOT_FOUND = dict(json=PROBLEM_404, status=404, content_type="application/problem+json")
NOT_IDENTITY = "Not an Identity API answer: GET "


def task(**extra):
    """A module's arguments: a static token and the organization's id, then ``extra``."""
    base = dict(url=URL, organization=ORG, access_token=TOKEN, partition_global_id=PARTITION)
    base.update(extra)
    return base


def org_token_task(**extra):
    """A module's arguments with a token issued for the organization (claim prt_id) and no partition_global_id."""
    return task(access_token=jwt({"prt_id": PARTITION.upper()}), partition_global_id=None, **extra)


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


def requested(api):
    """Each request as (method, url without its query), in order."""
    return [(call.request.method, call.request.url.split("?")[0]) for call in api.calls]


def warned(result):
    """The text of each warning of a module's result (from ansible-core 2.19 on, a warning is a summary object)."""
    return [w if isinstance(w, str) else w["event"]["msg"] for w in result.get("warnings", [])]


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


def member(object_type, identifier, name, email=None, source="local"):
    """A directory entity among a group's members; ``source`` is local for UiPath's own, else the directory's (aad)."""
    return dict(objectType=object_type, source=source, identifier=identifier, name=name, email=email, displayName=name)


def user_member(user, source="local"):
    """A user record as a group lists it among its members."""
    return member("DirectoryUser", user["id"], user["userName"], user["email"], source)


def robot_record(robot_id, name, group_ids=(), display_name=None):
    return dict(id=robot_id, name=name, displayName=display_name or name, creationTime="2026-01-01T00:00:00Z",
                lastLoginTime=None, groupIds=list(group_ids))


# The groups of the group tests: the built-in Administrators and the custom Finance, and two users to be their members.
FINANCE = "a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7"
ADMINS = "c0c0c0c0-0000-4000-8000-000000000001"
LISTED_GROUPS = [group_record(ADMINS, "Administrators", kind=0), group_record(FINANCE, "Finance")]
ANN = user_record("0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60", "ann", "ann@example.com")
BOB = user_record("2d9a1c79-4f3b-4e5b-9c80-5f3d4e6a7b82", "bob", "bob@example.com")


def group_url(group_id):
    """A group read (or removed) by id."""
    return "%s/%s" % (GROUPS_LISTING, group_id)


def existing(api, members, group=None):
    """A group found by name: the listing, then the group (Finance unless given) read by id with ``members``."""
    group = group or group_record(FINANCE, "Finance")
    api.add(responses.GET, GROUPS_LISTING, json=LISTED_GROUPS)
    api.add(responses.GET, group_url(group["id"]), json=dict(group, members=list(members)))


def searched(api, *users):
    """One user search per member, each finding that user."""
    for user in users:
        api.add(responses.GET, USERS_LISTING, json=page([user]))


# The onboarding tests (user with users): the organization's administrator, whom every listing shows, and the writes.
ADMIN = user_record("9f9f9f9f-9999-4999-8999-999999999999", "admin", "admin@example.com")
CREATE = API + "/User"
BULK_CREATE = API + "/User/BulkCreate"
SUCCEEDED = {"succeeded": True, "errors": []}


def user_url(user_id):
    """A user read, changed or removed by id."""
    return "%s/User/%s" % (API, user_id)


def joiner(username, **fields):
    """An item of the user module's users: ``username``, an email made of it, then ``fields``."""
    item = dict(username=username, email="%s@example.com" % username)
    item.update(fields)
    return item


def bulk_created(*records):
    """BulkCreate's answer as the live service sends it: its IdentityResult, then the users it created."""
    return {"result": dict(SUCCEEDED), "users": list(records)}


def listed(api, *records):
    """One listing of the organization's users, on one page."""
    api.add(responses.GET, USERS_LISTING, json=page(records))


def writes(api):
    """Each mutating request to the API (not the token endpoint) as (method, url, body), in order."""
    return [(c.request.method, c.request.url, json.loads(c.request.body) if c.request.body else None)
            for c in api.calls if c.request.method in MUTATING and c.request.url.startswith(API)]
