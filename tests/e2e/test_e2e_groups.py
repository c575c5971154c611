"""Groups with the real ansible-playbook: created, their users set exactly or added to, renamed,
removed, read; built-in groups kept; a user's groups named; robot accounts left in a group."""

import pytest

from support import ADMIN_TOKEN, ANN_ID, BOB_ID, ORG, mutating
from test_e2e_lifecycle import USER, run_tasks

GROUP = "uipath.identity.group"
GROUP_INFO = "uipath.identity.group_info"
FINANCE = "a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7"  # ann's group in the seed
JOANN_ID = "1a7b4d2f-3c5e-4f90-8b2c-4d6e8f0a2b3c"


@pytest.fixture
def admin(ansible, emu):
    return ansible.env(emu, auth=None, UIPATH_ACCESS_TOKEN=ADMIN_TOKEN)


def group_named(emu, name):
    found = [g for g in emu.groups(ORG) if g["name"].lower() == name.lower()]
    return found[0] if found else None


def user_ids(group):
    return sorted(m["identifier"] for m in group["members"] if m["objectType"] == "DirectoryUser")


def test_a_group_is_created_a_rerun_changes_nothing_and_a_change_sends_only_it(ansible, emu, admin, write_playbook):
    wanted = {"name": "Auditors", "members": ["ann", "Bob.Smith@example.com"]}
    run, (planned, created) = run_tasks(ansible, admin, write_playbook, [(GROUP, wanted, True), (GROUP, wanted)], "--diff")
    assert planned["changed"] and planned["msg"] == "Group Auditors would be created", run.out
    assert created["changed"] and sorted(planned["diff"]["after"]["members"]) == ["ann", "bob"]
    group = group_named(emu, "Auditors")
    assert user_ids(group) == sorted([ANN_ID, BOB_ID])
    assert [(r["method"], r["path"]) for r in mutating(emu)] == [("POST", "/acme/identity_/api/Group")]
    emu.clear_log()
    run, (again,) = run_tasks(ansible, admin, write_playbook, [(GROUP, wanted)])
    assert again["changed"] is False and mutating(emu) == [], run.out
    emu.clear_log()
    run, (dry, changed) = run_tasks(ansible, admin, write_playbook, [
        (GROUP, {"name": "auditors", "members": ["ann", "joann"]}, True), (GROUP, {"name": "auditors", "members": ["ann", "joann"]})], "--diff")
    assert dry["changed"] and changed["changed"], run.out
    assert changed["diff"]["before"]["members"] == ["ann", "bob"] and changed["diff"]["after"]["members"] == ["ann", "joann"]
    (put,) = mutating(emu)
    assert put["method"] == "PUT" and put["body"] == {"partitionGlobalId": put["body"]["partitionGlobalId"], "name": "Auditors",
                                                      "directoryUserIDsToAdd": [JOANN_ID], "directoryUserIDsToRemove": [BOB_ID]}
    assert user_ids(group_named(emu, "Auditors")) == sorted([ANN_ID, JOANN_ID])


def test_absent_removes_the_group_and_a_rerun_is_unchanged_check_mode_first(ansible, emu, admin, write_playbook):
    emu.add_group(ORG, "Leavers")
    absent = {"name": "Leavers", "state": "absent"}
    run, (dry, removed, again) = run_tasks(ansible, admin, write_playbook, [(GROUP, absent, True), (GROUP, absent), (GROUP, absent)])
    assert dry["changed"] and removed["changed"] and not again["changed"], run.out
    assert again["msg"] == "Group Leavers is already absent" and group_named(emu, "Leavers") is None
    assert [r["method"] for r in mutating(emu)] == ["DELETE"]


def test_exclusive_members_leave_robot_accounts_and_directory_groups_in_place(ansible, emu, admin, write_playbook):
    before = group_named(emu, "Operators")
    others = sorted(m["identifier"] for m in before["members"] if m["objectType"] != "DirectoryUser")
    assert others, "the seed's Operators group has a robot account and a directory group"
    run, (result,) = run_tasks(ansible, admin, write_playbook, [(GROUP, {"name": "Operators", "members": ["ann"]})])
    assert result["changed"], run.out
    after = group_named(emu, "Operators")
    assert user_ids(after) == [ANN_ID]
    assert sorted(m["identifier"] for m in after["members"] if m["objectType"] != "DirectoryUser") == others


def test_append_members_removes_no_one(ansible, emu, admin, write_playbook):
    run, (result,) = run_tasks(ansible, admin, write_playbook, [(GROUP, {"group_id": FINANCE, "members": ["bob"], "append_members": True})])
    assert result["changed"], run.out
    assert user_ids(group_named(emu, "Finance")) == sorted([ANN_ID, BOB_ID])
    (put,) = mutating(emu)
    assert put["body"]["directoryUserIDsToAdd"] == [BOB_ID] and "directoryUserIDsToRemove" not in put["body"]


@pytest.mark.parametrize("group_type", ["integer", "name"])
def test_a_built_in_group_keeps_its_name_and_stays_but_its_users_may_change(ansible, emulator, write_playbook, group_type):
    # The contract names the type builtIn; the live service may send it as 0, as it sends a user's type.
    emu = emulator(group_type=group_type)
    admin = ansible.env(emu, auth=None, UIPATH_ACCESS_TOKEN=ADMIN_TOKEN)
    admins = group_named(emu, "Administrators")
    assert admins["type"] == (0 if group_type == "integer" else "builtIn")
    run, (renamed, removed, joined) = run_tasks(ansible, admin, write_playbook, [
        (GROUP, {"group_id": admins["id"], "name": "Admins"}), (GROUP, {"name": "Administrators", "state": "absent"}),
        (GROUP, {"name": "Administrators", "members": ["bob"], "append_members": True})])
    assert renamed["failed"] and "built-in group, which cannot be renamed" in renamed["msg"], run.out
    assert removed["failed"] and "built-in group, which cannot be removed" in removed["msg"]
    assert joined["changed"] and BOB_ID in user_ids(group_named(emu, "Administrators"))
    assert [r["method"] for r in mutating(emu)] == ["PUT"]


def test_bad_input_and_unknown_members_fail_before_any_write(ansible, emu, admin, write_playbook):
    run, results = run_tasks(ansible, admin, write_playbook, [
        (GROUP, {"name": "Auditors", "members": ["ann", "nobody-by-that-name"]}),
        (GROUP, {"name": "Auditors", "members": ["ann", " "]}),
        (GROUP, {"group_id": "not-a-guid"}),
        (GROUP, {"name": "Finance", "group_id": FINANCE, "state": "absent"}),
    ])
    assert all(r["failed"] for r in results), run.out
    assert "'nobody-by-that-name'" in results[0]["msg"] and results[0]["msg"].startswith("Invalid option members")
    assert [r["option"] for r in results[1:]] == ["members", "group_id", "name"]
    assert mutating(emu) == []
    # Only the first task read anything: the other three were refused before any request.
    assert not [r for r in emu.log if "Auditors" in str(r["query"])]


def test_group_info_lists_every_group_and_one_with_its_members(ansible, emu, admin, write_playbook):
    run, (everyone, finance, missing) = run_tasks(ansible, admin, write_playbook, [
        (GROUP_INFO, {}), (GROUP_INFO, {"name": "FINANCE"}), (GROUP_INFO, {"name": "No such group"})])
    names = [g["name"] for g in everyone["groups"]]
    assert {"Administrators", "Everyone", "Finance", "Operators"} <= set(names), run.out
    assert [g["id"] for g in finance["groups"]] == [FINANCE] and user_ids(finance["groups"][0]) == [ANN_ID]
    assert missing["groups"] == [] and not missing.get("failed")
    assert all(r["method"] == "GET" for r in emu.log if "/api/" in r["path"])


def test_a_user_joins_groups_named_from_one_listing_of_groups(ansible, emu, admin, write_playbook):
    run, (result,) = run_tasks(ansible, admin, write_playbook, [(USER, {"username": "bob", "groups": ["finance", "Operators"]})])
    assert result["changed"], run.out
    group_reads = [r for r in emu.log if "/api/Group" in r["path"]]
    assert [r["method"] for r in group_reads] == ["GET"]
    operators = group_named(emu, "Operators")["id"]
    assert sorted(g.lower() for g in emu.user(ORG, BOB_ID)["groupIDs"]) == sorted([FINANCE, operators])
    run, (unknown,) = run_tasks(ansible, admin, write_playbook, [(USER, {"username": "bob", "groups": ["Nope"]})])
    assert unknown["failed"] and "names no group of the organization: 'Nope'" in unknown["msg"], run.out


def test_a_token_that_may_not_change_groups_is_told_which_scope(ansible, emu, write_playbook):
    env = ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-group-reader", UIPATH_CLIENT_SECRET="group-reader-secret")
    run, (result,) = run_tasks(ansible, env, write_playbook, [(GROUP, {"name": "Auditors"})])
    assert result["failed"] and mutating(emu) == [], run.out
    assert "invalid_scope" in result["msg"] and "PM.Group" in result["msg"]


@pytest.mark.parametrize("missing_body", ["problem", "empty"])
def test_a_group_or_robot_account_id_of_no_one_is_already_absent_in_both_404_variants(ansible, emulator, write_playbook, missing_body):
    emu = emulator(missing_user_body=missing_body)
    admin = ansible.env(emu, auth=None, UIPATH_ACCESS_TOKEN=ADMIN_TOKEN)
    nobody = "00000000-0000-4000-8000-0000000000ab"
    run, results = run_tasks(ansible, admin, write_playbook, [
        (GROUP, {"group_id": nobody, "state": "absent"}), ("uipath.identity.robot_account", {"robot_account_id": nobody, "state": "absent"})])
    assert [r["changed"] for r in results] == [False, False] and not any(r.get("failed") for r in results), run.out
    assert mutating(emu) == []


def test_users_from_a_directory_are_kept_and_named_and_built_in_groups_are_only_added_to(ansible, emu, admin, write_playbook):
    carol = [u for u in emu.users(ORG) if u["userName"] == "carol@example.com"][0]
    run, (joined, replaced, admins) = run_tasks(ansible, admin, write_playbook, [
        (GROUP, {"name": "Finance", "members": ["carol@example.com"], "append_members": True}),
        (GROUP, {"name": "Finance", "members": ["bob"]}),
        (GROUP, {"name": "Administrators", "members": ["bob"]})])
    assert joined["changed"] and replaced["changed"], run.out
    # ann (a local user) leaves; carol (from a directory) stays and is named in a warning.
    assert user_ids(group_named(emu, "Finance")) == sorted([BOB_ID, carol["id"]])
    assert any("keeps 1 users not listed in members" in w and "carol@example.com" in w for w in replaced["warnings"])
    assert admins["failed"] and admins["option"] == "append_members"
    assert [r["method"] for r in mutating(emu)] == ["PUT", "PUT"]
