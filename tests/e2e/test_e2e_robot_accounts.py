"""Robot accounts with the real ansible-playbook and ansible: created in their groups, changed,
removed and read; the name fixed; bad input refused before any request; the setup playbooks."""

import json

from support import ADMIN_TOKEN, ANN_ID, BOB_ID, ORG, mutating
from test_e2e_groups import group_named, user_ids
from test_e2e_lifecycle import run_tasks

ROBOT = "uipath.identity.robot_account"
ROBOT_INFO = "uipath.identity.robot_account_info"


def admin_env(ansible, emu):
    return ansible.env(emu, auth=None, UIPATH_ACCESS_TOKEN=ADMIN_TOKEN)


def robot_named(emu, name):
    found = [r for r in emu.robot_accounts(ORG) if r["name"].lower() == name.lower()]
    return found[0] if found else None


def test_a_robot_account_is_created_in_its_groups_and_a_rerun_changes_nothing(ansible, emu, write_playbook):
    env = admin_env(ansible, emu)
    wanted = {"name": "robot-invoices", "display_name": "Invoice robot", "groups": ["Operators", "finance"]}
    run, (planned, created, again) = run_tasks(ansible, env, write_playbook, [(ROBOT, wanted, True), (ROBOT, wanted), (ROBOT, wanted)])
    assert planned["changed"] and created["changed"] and not again["changed"], run.out
    robot = robot_named(emu, "robot-invoices")
    expected = sorted([group_named(emu, "Operators")["id"], group_named(emu, "Finance")["id"]])
    assert robot["displayName"] == "Invoice robot" and sorted(robot["groupIds"]) == expected
    (post,) = mutating(emu)
    assert post["path"] == "/acme/identity_/api/RobotAccount" and post["body"]["name"] == "robot-invoices"


def test_only_what_differs_is_sent_and_check_mode_sends_nothing(ansible, emu, write_playbook):
    env = admin_env(ansible, emu)
    change = {"name": "robot-batch", "display_name": "Nightly batch", "groups": ["Finance"], "append_groups": True}
    run, (dry, changed) = run_tasks(ansible, env, write_playbook, [(ROBOT, change, True), (ROBOT, change)], "--diff")
    assert dry["changed"] and changed["changed"], run.out
    (put,) = mutating(emu)
    finance = group_named(emu, "Finance")["id"]
    assert put["method"] == "PUT" and put["body"] == {"partitionGlobalId": put["body"]["partitionGlobalId"],
                                                      "displayName": "Nightly batch", "groupIDsToAdd": [finance]}
    assert changed["diff"]["before"]["displayName"] != changed["diff"]["after"]["displayName"]
    assert finance in [g.lower() for g in robot_named(emu, "robot-batch")["groupIds"]]


def test_the_name_is_fixed_and_bad_input_is_refused_before_any_request(ansible, emu, write_playbook):
    env = admin_env(ansible, emu)
    batch = robot_named(emu, "robot-batch")
    run, results = run_tasks(ansible, env, write_playbook, [
        (ROBOT, {"robot_account_id": batch["id"], "name": "robot-renamed"}),
        (ROBOT, {"name": "robot-batch", "groups": ["No such group"]}),
        (ROBOT, {"robot_account_id": "not-a-guid"}),
        (ROBOT, {"name": "robot-batch", "display_name": "x", "state": "absent"}),
        (ROBOT, {"state": "absent"}),
    ])
    assert all(r["failed"] for r in results), run.out
    assert "name cannot be changed" in results[0]["msg"] and "'No such group'" in results[1]["msg"]
    assert [r["option"] for r in results] == ["name", "groups", "robot_account_id", "display_name", "name"]
    assert mutating(emu) == [] and robot_named(emu, "robot-batch")["name"] == "robot-batch"


def test_absent_removes_it_and_a_rerun_is_unchanged(ansible, emu, write_playbook):
    env = admin_env(ansible, emu)
    absent = {"name": "ROBOT-REPORTS", "state": "absent"}
    run, (dry, removed, again) = run_tasks(ansible, env, write_playbook, [(ROBOT, absent, True), (ROBOT, absent), (ROBOT, absent)])
    assert dry["changed"] and removed["changed"] and not again["changed"], run.out
    assert robot_named(emu, "robot-reports") is None and [r["method"] for r in mutating(emu)] == ["DELETE"]


def test_robot_account_info_ad_hoc(ansible, emu):
    env = admin_env(ansible, emu)
    run = ansible.adhoc(env, ROBOT_INFO, "search=robot")
    assert run.rc == 0 and '"robot-batch"' in run.out and '"robot-reports"' in run.out, run.out
    run = ansible.adhoc(env, ROBOT_INFO, "name=Robot-Batch")
    assert run.rc == 0 and run.out.count('"name": "robot-batch"') == 1, run.out


def test_robot_account_setup_playbook_previews_then_applies_then_changes_nothing(ansible, emu, write_playbook):
    env = admin_env(ansible, emu)
    setup = ["-e", json.dumps({"robot_accounts": [{"name": "robot-invoices", "display_name": "Invoices", "groups": ["Operators"]},
                                                  {"name": "robot-batch", "groups": ["Finance", "Operators"]}]})]
    preview = ansible.playbook("playbooks/robot_account_setup.yml", env, "--check", "--diff", *setup)
    assert preview.rc == 0 and mutating(emu) == [], preview.out
    applied = ansible.playbook("playbooks/robot_account_setup.yml", env, *setup)
    # One looped task that changed: one robot account created, one updated.
    assert applied.rc == 0 and applied.recap()["changed"] == 1, applied.out
    assert '"created": [\n            "robot-invoices"' in applied.out and '"updated": [\n            "robot-batch"' in applied.out
    assert sorted(robot_named(emu, "robot-batch")["groupIds"]) == sorted([group_named(emu, n)["id"] for n in ("Finance", "Operators")])
    writes = len(mutating(emu))
    again = ansible.playbook("playbooks/robot_account_setup.yml", env, *setup)
    assert again.rc == 0 and again.recap()["changed"] == 0 and len(mutating(emu)) == writes, again.out
    bad = ansible.playbook("playbooks/robot_account_setup.yml", env, "-e", '{"robot_accounts": [{"display_name": "x"}]}')
    assert bad.rc != 0 and "robot_accounts must be a list" in bad.out and len(mutating(emu)) == writes


def test_group_members_playbook_from_a_csv_with_check_diff_as_the_preview(ansible, emu, tmp_path):
    env = admin_env(ansible, emu)
    csv = tmp_path / "members.csv"
    csv.write_text("member,comment\nann,lead\nbob.smith@example.com,\n")
    args = ["-e", "group=Finance", "-e", "members_csv=%s" % csv]
    preview = ansible.playbook("playbooks/group_members.yml", env, "--check", "--diff", *args)
    # The diff shows the members by name: bob is the one to be added.
    assert preview.rc == 0 and '+        "bob"' in preview.out, preview.out
    assert mutating(emu) == []
    applied = ansible.playbook("playbooks/group_members.yml", env, *args)
    assert applied.rc == 0 and applied.recap()["changed"] == 1, applied.out
    assert user_ids(group_named(emu, "Finance")) == sorted([ANN_ID, BOB_ID])
    again = ansible.playbook("playbooks/group_members.yml", env, *args)
    assert again.rc == 0 and again.recap()["changed"] == 0, again.out
    unknown = ansible.playbook("playbooks/group_members.yml", env, "-e", '{"group": "Finance", "members": ["ann", "ghost"]}')
    assert unknown.rc != 0 and "'ghost'" in unknown.out and len(mutating(emu)) == 1


def test_robot_account_setup_checks_the_whole_list_first_and_previews_groups_still_to_come(ansible, emu):
    env = admin_env(ansible, emu)
    for bad in ({"robot_accounts": [{"name": "robot-new"}, {"name": "   "}]},
                {"robot_accounts": [{"name": "robot-new", "groups": {"Operators": True}}]},
                {"robot_accounts": [{"name": "robot-new"}, {"name": "ROBOT-NEW"}]},
                {"robot_accounts": [{"name": "robot-new", "groups": ["Operators", ""]}]}):
        run = ansible.playbook("playbooks/robot_account_setup.yml", env, "-e", json.dumps(bad))
        assert run.rc != 0 and "nothing was changed" in run.out, run.out
    assert mutating(emu) == []
    wanted = {"robot_accounts": [{"name": "robot-new", "groups": ["Brand New Group", "Operators"]}]}
    preview = ansible.playbook("playbooks/robot_account_setup.yml", env, "--check", "-e", json.dumps(wanted))
    assert preview.rc == 0 and mutating(emu) == [], preview.out
    applied = ansible.playbook("playbooks/robot_account_setup.yml", env, "-e", json.dumps(wanted))
    assert applied.rc == 0, applied.out
    assert sorted(robot_named(emu, "robot-new")["groupIds"]) == sorted(group_named(emu, n)["id"] for n in ("Brand New Group", "Operators"))


def test_group_members_playbook_never_empties_a_group_by_accident(ansible, emu, tmp_path):
    env = admin_env(ansible, emu)
    header_only = tmp_path / "members.csv"
    header_only.write_text("member\n")
    for args in (["-e", "group=Finance"], ["-e", "group=Finance", "-e", "members_csv=%s" % header_only],
                 ["-e", '{"group": "Finance", "members": []}'],
                 ["-e", "group=Finance", "-e", "members_csv=%s" % header_only, "-e", '{"members": ["ann"]}']):
        run = ansible.playbook("playbooks/group_members.yml", env, *args)
        assert run.rc != 0 and "Nothing was changed" in run.out, run.out
    assert emu.log == []
    emptied = ansible.playbook("playbooks/group_members.yml", env, "-e", '{"group": "Finance", "members": [], "allow_empty": true}')
    assert emptied.rc == 0 and user_ids(group_named(emu, "Finance")) == [], emptied.out
