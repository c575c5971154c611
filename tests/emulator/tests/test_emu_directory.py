"""Groups and robot accounts around the endpoints: scopes per resource, routing, seeds, the in-process and control APIs."""

import pytest
import requests

from emulator_helpers import ANN_ID, BATCH_ID, BOB_ID, MISSING_ID, ON_CALL_ID, SALES_ID, TIMEOUT, client_token, session_for
from identity_emulator import Emulator
from identity_emulator import seed as seed_mod

SCOPE_MESSAGE = "Scope(s) '%s' is(are) invalid. Expect to have '%s' or '%s'. "


def _paths(emu):
    """(read URL, write method, write URL, write body) per resource."""
    base, partition = emu.base("acme"), emu.partition("acme")
    return {
        "PM.User": (base + "/api/User/" + ANN_ID, "DELETE", base + "/api/User/" + BOB_ID, None),
        "PM.Group": (base + "/api/Group/" + partition, "POST", base + "/api/Group", {"partitionGlobalId": partition, "name": "New"}),
        "PM.RobotAccount": (base + "/api/RobotAccount/" + partition, "POST", base + "/api/RobotAccount",
                            {"partitionGlobalId": partition, "name": "robot-new"}),
    }


def _forbidden(response, granted, family, kind):
    assert response.status_code == 403, response.text
    assert response.json() == {"errorMessage": SCOPE_MESSAGE % (",".join(sorted(granted)), family, family + "." + kind)}


@pytest.mark.parametrize("family", ["PM.User", "PM.Group", "PM.RobotAccount"])
def test_each_resource_needs_its_own_scope_family(emu, family):
    read_url, method, write_url, body = _paths(emu)[family]
    others = [scope for scope in ("PM.User", "PM.Group", "PM.RobotAccount") if scope != family]
    with session_for(emu, scopes=others) as session:
        _forbidden(session.get(read_url, timeout=TIMEOUT), others, family, "Read")
        _forbidden(session.request(method, write_url, json=body, timeout=TIMEOUT), others, family, "Write")
    with session_for(emu, scopes=[family + ".Read"]) as reader:
        assert reader.get(read_url, timeout=TIMEOUT).status_code == 200
        _forbidden(reader.request(method, write_url, json=body, timeout=TIMEOUT), [family + ".Read"], family, "Write")
    with session_for(emu, scopes=[family + ".Write", "OR.Folders.Read"]) as writer:
        _forbidden(writer.get(read_url, timeout=TIMEOUT), [family + ".Write", "OR.Folders.Read"], family, "Read")
        assert writer.request(method, write_url, json=body, timeout=TIMEOUT).status_code in (201, 204)
    with session_for(emu, scopes=[family]) as full:
        assert full.get(read_url, timeout=TIMEOUT).status_code == 200


def test_routing_tells_the_partition_from_the_id_by_the_verb(emu, admin):
    session, base = admin
    patched = session.patch(base + "/api/Group/" + SALES_ID, json={}, timeout=TIMEOUT)
    assert patched.status_code == 405 and patched.headers["Allow"] == "DELETE, GET, PUT"
    assert session.post(base + "/api/RobotAccount/" + BATCH_ID, json={}, timeout=TIMEOUT).headers["Allow"] == "DELETE, GET, PUT"
    assert session.get(base + "/api/Group/%s/%s/members" % (emu.partition("acme"), SALES_ID), timeout=TIMEOUT).status_code == 404
    # An id where the partition belongs is refused as a foreign partition, not looked up.
    assert "partitionGlobalId" in session.get(base + "/api/Group/" + SALES_ID, timeout=TIMEOUT).json()["errors"]


def test_seed_clients_and_tokens_for_groups_and_robot_accounts(emu):
    base = emu.base("acme")
    admin = client_token(base, "acme-admin", "admin-secret", "PM.User PM.Group PM.RobotAccount").json()
    assert admin["scope"] == "PM.User PM.Group PM.RobotAccount"
    assert emu.claims(admin["access_token"])["scope"] == ["PM.User", "PM.Group", "PM.RobotAccount"]
    granular = client_token(base, "acme-groups-granular", "granular-secret", "PM.Group.Read PM.RobotAccount.Write").json()
    assert granular["scope"] == "PM.Group.Read PM.RobotAccount.Write"
    reader = client_token(base, "acme-group-reader", "group-reader-secret").json()
    assert reader["scope"] == "PM.User PM.Group.Read"
    for client, secret, scope in (("acme-group-reader", "group-reader-secret", "PM.User PM.Group"),
                                  ("acme-app", "acme-secret", "PM.User PM.RobotAccount.Read"),
                                  ("acme-groups-granular", "granular-secret", "PM.User")):
        answer = client_token(base, client, secret, scope)
        assert answer.status_code == 400 and answer.json() == {"error": "invalid_scope"}, (client, scope)
    with session_for(emu, token=reader["access_token"]) as session:
        assert session.get(base + "/api/Group/" + emu.partition("acme"), timeout=TIMEOUT).status_code == 200
        _forbidden(session.delete("%s/api/Group/%s/%s" % (base, emu.partition("acme"), SALES_ID), timeout=TIMEOUT),
                   ["PM.Group.Read", "PM.User"], "PM.Group", "Write")
    with session_for(emu, token="rt_acme_admin_0123456789abcdef") as session:
        assert session.get(base + "/api/RobotAccount/" + emu.partition("acme"), timeout=TIMEOUT).json()["totalCount"] == 2


def test_the_in_process_api(emu):
    assert [group["name"] for group in emu.groups()][:4] == ["Administrators", "Automation Users", "Automation Developers", "Everyone"]
    assert emu.group("acme", MISSING_ID) is None and emu.robot_account("acme", MISSING_ID) is None
    entity = {"objectType": "DirectoryApplication", "name": "Payroll App"}
    added = emu.add_group("acme", "Payroll", members=[ANN_ID, BATCH_ID, ON_CALL_ID, entity])
    assert added == emu.group("acme", added["id"]) and added["type"] == 1
    assert [m["objectType"] for m in added["members"]] == ["DirectoryUser", "DirectoryRobotUser", "DirectoryGroup", "DirectoryApplication"]
    assert added["members"][3]["identifier"] == seed_mod.stable_id("acme", "Payroll App", "entity")
    assert emu.add_group("globex", "Gatekeepers", type="builtIn")["type"] == 0
    robot = emu.add_robot_account("acme", "robot-x", group_ids=[added["id"]])
    assert robot == emu.robot_account("acme", robot["id"]) and robot["displayName"] == "robot-x"
    assert [r["name"] for r in emu.robot_accounts("acme")] == ["robot-batch", "robot-reports", "robot-x"]
    assert emu.add_robot_account("acme", "robot-y", display_name="Y")["displayName"] == "Y"
    assert [m["name"] for m in emu.group("acme", added["id"])["members"]][:3] == ["ann", "robot-batch", "robot-x"]


def test_the_control_api_shows_groups_and_robot_accounts(emu):
    groups = requests.get(emu.url + "/_emulator/groups/ACME", timeout=TIMEOUT).json()
    assert groups["organization"] == "acme" and groups["partitionGlobalId"] == emu.partition("acme")
    assert groups["groups"] == emu.groups("acme") and groups["groups"][6]["members"]
    robots = requests.get(emu.url + "/_emulator/robot-accounts/acme", timeout=TIMEOUT).json()
    assert robots["robotAccounts"] == emu.robot_accounts("acme") and set(robots) == {"organization", "partitionGlobalId", "robotAccounts"}
    for view in ("groups", "robot-accounts"):
        missing = requests.get(emu.url + "/_emulator/%s/nowhere" % view, timeout=TIMEOUT)
        assert missing.status_code == 404 and "nowhere" in missing.json()["error"]
    assert emu.log == []


def test_seed_groups_and_robot_accounts():
    seed = {"organizations": [{"name": "solo",
                               "groups": [{"name": "everyone", "members": [{"objectType": "DirectoryGroup", "name": "Staff"}]},
                                          {"name": "Crew"}],
                               "users": [{"userName": "u", "groupIDs": [seed_mod.stable_id("solo", "crew", "group")]}],
                               "robotAccounts": [{"name": "r", "groupIds": [seed_mod.stable_id("solo", "Everyone", "group")]}]}]}
    with Emulator(seed=seed) as emu:
        groups = emu.groups("solo")
        # The seed names Everyone: it keeps its place in the seed, as a built-in group of that name.
        expected = [("Administrators", 0), ("Automation Users", 0), ("Automation Developers", 0), ("everyone", 0), ("Crew", 1)]
        assert [(g["name"], g["type"]) for g in groups] == expected
        assert [(m["objectType"], m["source"], m["name"]) for m in groups[3]["members"]] == [
            ("DirectoryRobotUser", "local", "r"), ("DirectoryGroup", "aad", "Staff")]
        assert [m["name"] for m in groups[4]["members"]] == ["u"]
        assert emu.robot_accounts("solo")[0]["id"] == seed_mod.stable_id("solo", "r", "robot")


@pytest.mark.parametrize("organization, message", [
    ({"groups": [{"name": "g", "colour": "red"}]}, "unknown fields"),
    ({"groups": [{"name": " "}]}, "needs a name"),
    ({"groups": [{"name": "g", "type": "special"}]}, "unknown type"),
    ({"groups": [{"name": "g"}, {"name": "G"}]}, "twice"),
    ({"groups": [{"name": "g", "id": "nope"}]}, "not a GUID"),
    ({"groups": [{"name": "g", "members": [{"objectType": "DirectoryUser", "name": "x"}]}]}, "objectType"),
    ({"groups": [{"name": "g", "members": [{"objectType": "DirectoryGroup", "name": "x", "mail": "x"}]}]}, "unknown fields"),
    ({"users": [{"userName": "u", "groupIDs": [MISSING_ID]}]}, "names groups"),
    ({"robotAccounts": [{"name": "r", "groupIds": [MISSING_ID]}]}, "names groups"),
    ({"robotAccounts": [{"name": "r", "groupIds": ["x"]}]}, "not a GUID"),
    ({"robotAccounts": [{"name": "r", "password": "x"}]}, "unknown fields"),
    ({"robotAccounts": [{"name": "r"}, {"name": "R"}]}, "twice"),
    ({"robotAccounts": ["r"]}, "must be an object"),
])
def test_broken_group_and_robot_account_seeds_are_refused(organization, message):
    with pytest.raises(ValueError, match=message):
        Emulator(seed={"organizations": [dict(organization, name="a")]})


def test_cli_group_type(tmp_path):
    from test_emu_cli import _start, _stop  # pylint: disable=import-outside-toplevel
    process, url = _start(tmp_path, "--group-type", "name")
    try:
        groups = requests.get(url + "/_emulator/groups/acme", timeout=TIMEOUT).json()["groups"]
        assert {group["type"] for group in groups} == {"builtIn", "custom"}
    finally:
        _stop(process)
