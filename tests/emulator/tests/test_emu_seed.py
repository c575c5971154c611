"""Seed documents, the example seed and fast bulk generation."""

import json
import time

import pytest

from emulator_helpers import ACME_USERS, TIMEOUT, session_for
from identity_emulator import Emulator
from identity_emulator import seed as seed_mod

MINIMAL = {"organizations": [{"name": "solo", "users": [{"userName": "only", "email": "only@example.com", "type": "robot"}]}],
           "clients": [{"client_id": "c", "client_secret": "s", "organization": "solo"}]}


def test_example_seed_has_substring_traps(emu):
    names = {user["userName"]: user for user in emu.users("acme")}
    assert len(names) == ACME_USERS
    assert {"ann", "joann", "bob", "bobby"} <= set(names)
    assert names["joann"]["email"] == "JoAnn@Example.COM"
    assert emu.app.store.standalone_org().name == "onprem"


def test_seed_from_dict_and_file(tmp_path):
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    for seed in (MINIMAL, str(path)):
        with Emulator(seed=seed) as emu:
            (user,) = emu.users("solo")
            assert user["type"] == 1 and user["id"] == seed_mod.stable_id("solo", "only")
            # Without a standalone flag the first organization is served on /identity.
            assert emu.app.store.standalone_org().name == "solo"
            assert emu.claims(emu.issue_token("solo"))["scope"] == "PM.User"
    assert MINIMAL["organizations"][0]["users"][0]["type"] == "robot"


@pytest.mark.parametrize("broken, message", [
    ({}, "organizations"),
    ({"organizations": [{"name": "a", "partitionGlobalId": "nope"}]}, "partitionGlobalId"),
    ({"organizations": [{"name": "a", "users": [{"userName": "u", "colour": "red"}]}]}, "unknown fields"),
    ({"organizations": [{"name": "a", "users": [{"userName": "u", "type": "alien"}]}]}, "unknown type"),
    ({"organizations": [{"name": "a"}, {"name": "A"}]}, "twice"),
    ({"organizations": [{"name": "a"}], "clients": [{"client_id": "c", "client_secret": "s", "organization": "b"}]}, "unknown organization"),
])
def test_broken_seeds_are_refused(broken, message):
    with pytest.raises(ValueError, match=message):
        Emulator(seed=broken)


def test_generated_users_are_fast_and_searchable():
    seed = {"organizations": [{"name": "big", "generate_users": 2500}]}
    with Emulator(seed=seed) as emu:
        started = time.monotonic()
        emu.add_users("big", 10000)
        assert time.monotonic() - started < 5
        assert len(emu.users("big")) == 12500
        with session_for(emu, "big") as session:
            url = emu.base("big") + "/api/User/users/" + emu.partition("big")
            body = session.get(url, params={"searchTerm": "user0250", "top": 1000}, timeout=TIMEOUT).json()
            assert body["totalCount"] == 10  # user02500 .. user02509
            assert session.get(url, params={"top": 1000, "skip": 12000}, timeout=TIMEOUT).json()["totalCount"] == 12500


def test_generating_twice_adds_new_names(emu):
    first = emu.add_users("globex", 3)
    second = emu.add_users("globex", 3, prefix="user")
    assert {user["userName"] for user in first}.isdisjoint(user["userName"] for user in second)
    assert len(emu.users("globex")) == 7
