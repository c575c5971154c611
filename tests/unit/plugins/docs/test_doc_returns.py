# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Each module's RETURN documents every key the module returns, on success and on failure, and no other.

The keys are taken from the code, never from the documentation: a failure's from what IdentityModule.run
and its constructor hand fail_json for each kind of error, from the results the errors of module_utils
carry (built by the functions that raise them, driven here with small fakes), and from every fail_json
call and every failure an action plugin returns (read from the source); a success's from running each
module against a mocked API in the ways that give each key.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import glob
import os
import re
from unittest import mock

import pytest
import responses
import yaml

from ansible_collections.uipath.identity.plugins.module_utils import bulk_removal, identity_module, population, user_state
from ansible_collections.uipath.identity.plugins.module_utils.errors import ApiError, ConfigurationError, IdentityError
from ansible_collections.uipath.identity.plugins.module_utils.identity_module import IdentityModule
from ansible_collections.uipath.identity.plugins.module_utils.user_fields import checked_fields
from ansible_collections.uipath.identity.tests.unit.plugins.helpers import (
    ADMIN, API, FINANCE, GROUPS_LISTING, LISTED_GROUPS, PARTITION, ROBOTS_LISTING, TOKEN_URL, USERS_LISTING, group_record, joiner,
    jwt, page, robot_record, task, user_record, user_url)
from ansible_collections.uipath.identity.tests.unit.plugins.docs.module_docs import MODULES, module

# Ansible's own keys, which it documents once for every module: their meaning is the same in each.
ANSIBLE_KEYS = frozenset(("changed", "diff", "failed"))
PLUGINS = os.path.join(os.path.dirname(os.path.abspath(identity_module.__file__)), os.pardir)
ANN = user_record("0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60", "ann", "ann@example.com")
ROBOT = robot_record("8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "robot-invoices")
REFUSED = ApiError("DELETE", API + "/User", status=500, body={"title": "boom"})


class Failed(Exception):
    def __init__(self, keys):
        super(Failed, self).__init__(keys)
        self.keys = set(keys)


class FakeModule(object):
    no_log_values = set()

    def fail_json(self, **kwargs):
        raise Failed(kwargs)

    def exit_json(self, **kwargs):
        raise AssertionError("exit_json(%s) where a failure was expected" % kwargs)


def run_failure_keys():
    """What IdentityModule.run hands fail_json, for each kind of error it tells apart, and its constructor without requests."""
    keys = set()
    for error in (ConfigurationError("timeout", "bad"), ApiError("GET", API + "/User", status=403), IdentityError("bad")):
        identity = IdentityModule.__new__(IdentityModule)
        identity.module, identity._client = FakeModule(), None
        identity.client = lambda: None

        def action(_identity, error=error):
            raise error
        with pytest.raises(Failed) as info:
            identity.run(action)
        keys |= info.value.keys
    with mock.patch.object(identity_module, "HAS_REQUESTS", False), mock.patch.object(identity_module, "AnsibleModule", lambda **kw: FakeModule()):
        with pytest.raises(Failed) as info:
            IdentityModule(argument_spec={}, default_scope=None)
    return keys | info.value.keys


class FakeUsers(object):
    """Just enough of UserOperations for the functions below to reach the error they raise with a result."""

    check_mode = False

    def __init__(self):
        self.listings = 0
        self.client = mock.Mock()

    def existing_ids(self, ids):
        # The first listing shows the users; the one after the failed request fails too, so nothing is known of it.
        self.listings += 1
        if self.listings > 1:
            raise IdentityError("listing failed")
        return set(ids)

    def bulk_delete(self, chunk):
        raise REFUSED

    def find_many(self, field, names):
        return dict((name, [ANN]) for name in names)

    def search(self, term=None):
        return []

    def bulk_create(self, bodies, group_ids):
        raise REFUSED

    def partition(self, purpose):
        return PARTITION

    def create(self, body):
        return None

    def lookup(self, **names):
        return None


def raised_result(call):
    with pytest.raises(IdentityError) as info:
        call()
    return set(info.value.result)


# Where an error is given a result, and how to make that code raise it: (file of module_utils, call).
CARRIED = (
    ("bulk_removal", lambda: raised_result(lambda: bulk_removal.ensure_many_absent(FakeUsers(), [ANN["id"]], 10))),
    ("bulk_removal", lambda: raised_result(lambda: bulk_removal.ensure_named_absent(FakeUsers(), "emails", "email", [ANN["email"]], 10))),
    ("population", lambda: raised_result(lambda: population.ensure_users_present(
        FakeUsers(), [checked_fields(dict(username="carl"))], dict(append_groups=False, update_password="on_create"), 10))),
    ("user_state", lambda: raised_result(lambda: user_state.ensure_present(
        FakeUsers(), checked_fields(dict(username="carl", is_active=False)), None))),
)


def sources(folder):
    for path in sorted(glob.glob(os.path.join(PLUGINS, folder, "*.py"))):
        with open(path) as handle:
            yield os.path.basename(path)[:-3], ast.parse(handle.read())


def static_failure_keys(folder):
    """{file: keywords of every fail_json call, and of every dict(failed=True, ...) an action plugin returns}."""
    found = {}
    for name, tree in sources(folder):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            words = [k.arg for k in node.keywords if k.arg is not None]
            called = getattr(node.func, "attr", getattr(node.func, "id", None))
            if called == "fail_json" or (called == "dict" and "failed" in words):
                found.setdefault(name, set()).update(words)
    return found


def imports(name, util):
    with open(module(name).__file__) as handle:
        return re.search(r"module_utils\.%s import" % util, handle.read()) is not None


def failure_keys(name):
    keys = run_failure_keys()
    for found in static_failure_keys("module_utils").values():
        keys |= found
    keys |= static_failure_keys("action").get(name, set())
    for util, derive in CARRIED:
        if imports(name, util):
            keys |= derive()
    return keys


def test_every_error_given_a_result_is_derived_above():
    # A new place that puts a result on an error must be driven in CARRIED, or its keys would go unchecked.
    assigned = set()
    for name, tree in sources("module_utils"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "result" for t in node.targets):
                assigned.add(name)
    assert assigned == set(util for util, derive in CARRIED)


# Runs that give every key of a success: (module, arguments, check mode, responses to register).
RUNS = [
    ("user", task(user_id=ANN["id"], state="absent"), True, [(responses.GET, user_url(ANN["id"]), ANN)]),
    ("user", task(user_ids=[ANN["id"], ADMIN["id"]], state="absent"), True, [(responses.GET, USERS_LISTING, page([ANN]))]),
    ("user", task(emails=[ANN["email"], "nobody@example.com"], state="absent"), True, [(responses.GET, USERS_LISTING, page([ANN]))]),
    ("user", task(users=[joiner("carl"), dict(joiner("ann"), name="Ann"), joiner("admin")]), True,
     [(responses.GET, USERS_LISTING, page([ANN, ADMIN]))]),
    ("user_info", task(), False, [(responses.GET, USERS_LISTING, page([ANN]))]),
    ("group", task(group_id=FINANCE, state="absent"), True,
     [(responses.GET, "%s/%s" % (GROUPS_LISTING, FINANCE), group_record(FINANCE, "Finance", members=[]))]),
    ("group_info", task(), False, [(responses.GET, GROUPS_LISTING, LISTED_GROUPS)]),
    ("robot_account", task(robot_account_id=ROBOT["id"], state="absent"), True, [(responses.GET, "%s/%s" % (ROBOTS_LISTING, ROBOT["id"]), ROBOT)]),
    ("robot_account_info", task(), False, [(responses.GET, ROBOTS_LISTING, page([ROBOT]))]),
    ("token", dict(url=task()["url"], organization="acme", client_id="app", client_secret="s", _ansible_no_log=True), False,
     [(responses.POST, TOKEN_URL, {"access_token": jwt({"prt_id": PARTITION, "exp": 1796671800}), "expires_in": 3600,
                                   "token_type": "Bearer", "scope": "PM.User.Read PM.User.Write"})]),
]


def success_keys(name, api, run_module):
    keys = set()
    for run, args, check_mode, answers in RUNS:
        if run != name:
            continue
        for method, url, body in answers:
            api.add(method, url, json=body)
        result = run_module(module(name), args, check_mode=check_mode, diff=True)
        assert not result.failed, result["msg"]
        keys |= set(result) - set(["invocation", "warnings", "deprecations"])
    return keys


@pytest.mark.parametrize("name", MODULES)
def test_return_documents_every_key_and_only_those(api, run_module, name):
    documented = set(yaml.safe_load(module(name).RETURN))
    returned = (success_keys(name, api, run_module) | failure_keys(name)) - ANSIBLE_KEYS
    assert (sorted(returned - documented), sorted(documented - returned)) == ([], [])


@pytest.mark.parametrize("name", MODULES)
def test_keys_only_a_failure_returns_say_so(name):
    # The keys a success never returns must not read as if it did.
    docs = yaml.safe_load(module(name).RETURN)
    for key in ("option", "method", "url", "status", "attempts", "exception"):
        assert docs[key]["returned"].startswith("failure"), key
