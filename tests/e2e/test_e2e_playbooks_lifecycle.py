"""Bulk removal by id, and the onboarding, offboarding and deactivation playbooks, run as an admin would."""

import json
import math
import os
import re
import sys
import time

from support import ANN_ID, BOB_ID, ORG, REPO, mutating
from test_e2e_lifecycle import USER, run_tasks

JOANN_ID = "1a7b4d2f-3c5e-4f90-8b2c-4d6e8f0a2b3c"
BOBBY_ID = "3c9d6f41-5e70-4b12-8d4e-6f80ab2c4d5e"
CAROL_ID = "4dae7052-6f81-4c23-9e5f-7091bc3d5e6f"
ROBOT_ID = "5ebf8163-7092-4d34-8f60-81a2cd4e6f70"
ABSENT = ["00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2"]
GROUP = "6a1f3c2e-8b4d-4e5f-9a0b-1c2d3e4f5a6b"
ONBOARD, OFFBOARD, DEACTIVATE = "playbooks/onboard_users.yml", "playbooks/offboard_users.yml", "playbooks/deactivate_user.yml"


def deletes(emu):
    return [r for r in emu.log if r["method"] == "DELETE"]


def shown(run, task):
    """The msg that the debug task named ``task`` printed."""
    start = run.out.index("=> ", run.out.index("TASK [%s]" % task)) + 3
    return json.JSONDecoder().raw_decode(run.out, start)[0]["msg"]


def named(emu, username):
    return [u for u in emu.users(ORG) if u["userName"] == username]


def test_bulk_removal_reports_deleted_and_not_found_check_mode_sends_no_delete_and_a_rerun_is_unchanged(ansible, emu, write_playbook):
    env = ansible.env(emu)
    removal = dict(user_ids=[ANN_ID, ABSENT[0], BOB_ID, ABSENT[1], ROBOT_ID, ANN_ID], chunk_size=2, state="absent")
    run, (planned,) = run_tasks(ansible, env, write_playbook, [(USER, removal)], "--check")
    assert planned["changed"] and planned["msg"] == "3 users would be removed, 2 already absent", run.out
    assert (planned["deleted"], planned["not_found"]) == ([ANN_ID, BOB_ID, ROBOT_ID], ABSENT)
    assert deletes(emu) == [] and emu.user(ORG, ANN_ID) is not None
    run, (removed, again) = run_tasks(ansible, env, write_playbook, [(USER, removal), (USER, removal)])
    assert removed["changed"] and (removed["deleted"], removed["not_found"]) == ([ANN_ID, BOB_ID, ROBOT_ID], ABSENT), run.out
    assert again["changed"] is False and (again["deleted"], again["not_found"]) == ([], [ANN_ID, ABSENT[0], BOB_ID, ABSENT[1], ROBOT_ID])
    bulk_path = "/%s/identity_/api/User" % ORG
    assert [(r["path"], r["body"]["userIds"]) for r in deletes(emu)] == [(bulk_path, [ANN_ID, BOB_ID]), (bulk_path, [ROBOT_ID])]
    assert not [u for u in (ANN_ID, BOB_ID, ROBOT_ID) if emu.user(ORG, u)] and emu.user(ORG, JOANN_ID) is not None


def test_bulk_removal_with_a_failing_chunk_reports_which_ids_were_and_were_not_removed(ansible, emu, write_playbook):
    emu.add_fault(method="DELETE", path=r"/api/User$", kind="delay", delay=0.0, count=1)  # the first chunk goes through
    emu.add_fault(method="DELETE", path=r"/api/User$", status=500, count=1)  # 500 is never retried
    removal = dict(user_ids=[ANN_ID, JOANN_ID, BOB_ID, BOBBY_ID, CAROL_ID, ABSENT[0]], chunk_size=2, state="absent")
    run, (failed, resumed) = run_tasks(ansible, ansible.env(emu), write_playbook, [(USER, removal), (USER, removal)])
    assert failed["failed"] and failed["changed"] and "answered 500" in failed["msg"], run.out
    assert "Removed 2 of 5 users before the failure" in failed["msg"]
    assert (failed["deleted"], failed["not_deleted"], failed["not_found"]) == ([ANN_ID, JOANN_ID], [BOB_ID, BOBBY_ID, CAROL_ID], [ABSENT[0]])
    assert [(r["status"], r["body"]["userIds"]) for r in deletes(emu)][:2] == [(204, [ANN_ID, JOANN_ID]), (500, [BOB_ID, BOBBY_ID])]
    # Run again, the fault gone: the ids not removed are, the rest count as absent.
    assert not resumed.get("failed") and resumed["deleted"] == [BOB_ID, BOBBY_ID, CAROL_ID]
    assert resumed["not_found"] == [ANN_ID, JOANN_ID, ABSENT[0]] and len(deletes(emu)) == 4
    assert not [u for u in (ANN_ID, JOANN_ID, BOB_ID, BOBBY_ID, CAROL_ID) if emu.user(ORG, u)]


def test_bulk_removal_of_1000_of_2500_users_takes_few_requests(ansible, emulator, write_playbook, capsys, request):
    emu = emulator(rate_limits=True)  # Automation Cloud's limits: GET 300, DELETE 160 per 5 minutes
    generated = emu.add_users(ORG, 2500, prefix="staff")
    leavers = [generated[index * 5 // 2]["id"] for index in range(1000)]  # spread over every page, the last included
    env = ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-writer", UIPATH_CLIENT_SECRET="writer-secret")
    started = time.monotonic()
    run, (result,) = run_tasks(ansible, env, write_playbook, [(USER, dict(user_ids=leavers, chunk_size=100, state="absent"))])
    elapsed = time.monotonic() - started
    assert not result.get("failed") and result["deleted"] == leavers and result["not_found"] == [], run.out
    listing = [r for r in emu.log if r["method"] == "GET" and "/api/User/users/" in r["path"]]
    bulk = [r for r in emu.log if r["method"] == "DELETE" and r["path"].endswith("/api/User")]
    token = [r for r in emu.log if r["path"].endswith("/connect/token")]
    assert len(listing) <= 3 and len(bulk) == math.ceil(1000 / 100) and len(token) == 1
    assert len(emu.log) == len(listing) + len(bulk) + len(token) and not [r for r in emu.log if r["status"] == 429]
    assert sorted(i for r in bulk for i in r["body"]["userIds"]) == sorted(leavers)
    assert len(emu.users(ORG)) == 2506 - 1000
    summary = ("bulk removal of 1000 of 2506 users (chunk_size 100): %d listing GET, %d bulk DELETE, %d token request, "
               "%d requests in all, %.1f s" % (len(listing), len(bulk), len(token), len(emu.log), elapsed))
    print(summary)
    request.node.user_properties.append(("request_counts", summary))
    if request.config.getoption("capture") != "no":
        with capsys.disabled():
            sys.stdout.write("\n" + summary + "\n")


def test_onboard_users_playbook_from_the_example_csv_creates_then_a_rerun_changes_nothing(ansible, emu):
    env = ansible.env(emu)
    # A bare file name is looked for in playbooks/files, as the file lookup does.
    run = ansible.playbook(ONBOARD, env, "-e", "users_csv=new_users.csv")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert shown(run, "Summarise") == {"created": ["jdoe", "asmith", "mgarcia"], "updated": [], "unchanged": []}
    user = named(emu, "mgarcia")[0]
    assert (user["email"], user["name"], user["surname"], user["isActive"]) == ("maria.garcia@example.com", "Maria", "Garcia", True)
    again = ansible.playbook(ONBOARD, env, "-e", "users_csv=" + os.path.join(REPO, "playbooks", "files", "new_users.csv"))
    assert again.rc == 0 and again.recap()["changed"] == 0, again.out
    assert shown(again, "Summarise")["unchanged"] == ["jdoe", "asmith", "mgarcia"]
    # The three new users in one bulk request.
    assert [(r["method"], r["path"].rsplit("/", 1)[1]) for r in mutating(emu)] == [("POST", "BulkCreate")]


def test_onboard_users_playbook_reads_a_csv_with_group_ids_a_bom_and_crlf(ansible, emu, tmp_path):
    csv = tmp_path / "hires.csv"
    csv.write_bytes(("\ufeffUsername, Email ,name,surname,group_ids\r\n"
                     "ann,ann@example.com,Ann,Lee,%s\r\n\r\n"
                     "kim,kim@example.com,Kim,,%s; %s\r\n" % (GROUP, GROUP, BOB_ID)).encode("utf-8"))
    run = ansible.playbook(ONBOARD, ansible.env(emu), "-e", "users_csv=" + str(csv), "--diff")
    assert run.rc == 0, run.out
    assert shown(run, "Summarise") == {"created": ["kim"], "updated": ["ann"], "unchanged": []}
    assert emu.user(ORG, ANN_ID)["groupIDs"] == ["a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7", GROUP]  # added to the current one
    kim = named(emu, "kim")[0]
    assert (kim["surname"], kim["groupIDs"]) == (None, [GROUP, BOB_ID])
    assert [r["body"] for r in mutating(emu) if r["method"] == "PUT"] == [{"groupIDsToAdd": [GROUP]}]


def test_onboard_users_playbook_from_a_vars_file_in_check_mode_then_for_real(ansible, emu):
    env = ansible.env(emu)
    example = "@" + os.path.join(REPO, "playbooks", "vars", "new_users.yml")
    planned = ansible.playbook(ONBOARD, env, "-e", example, "--check", "--diff")
    assert planned.rc == 0 and shown(planned, "Summarise")["created"] == ["jdoe", "asmith"], planned.out
    # --diff shows each user to be created under its name.
    assert mutating(emu) == [] and re.search(r'\+ +"userName": "asmith"', planned.out), planned.out
    hires = {"new_users": [{"username": "ann", "display_name": "Ann Lee-Park", "group_ids": [GROUP]},
                           {"username": "lee", "email": "lee@example.com", "name": "Lee"}], "append_groups": False}
    run = ansible.playbook(ONBOARD, env, "-e", json.dumps(hires))
    assert run.rc == 0 and shown(run, "Summarise") == {"created": ["lee"], "updated": ["ann"], "unchanged": []}, run.out
    ann = emu.user(ORG, ANN_ID)
    assert (ann["displayName"], ann["groupIDs"], ann["surname"]) == ("Ann Lee-Park", [GROUP], "Lee")
    empty = ansible.playbook(ONBOARD, env)
    assert empty.rc != 0 and "every user needs a username" in empty.out


def test_offboard_users_playbook_looks_up_each_email_then_removes_in_one_bulk_request(ansible, emu, tmp_path):
    env = ansible.env(emu)
    leavers = json.dumps({"leavers": ["ann@example.com", "nobody@example.com", "BOB.smith@example.com", "bobby@example.com"]})
    planned = ansible.playbook(OFFBOARD, env, "-e", leavers, "--check")
    assert planned.rc == 0, planned.out
    assert shown(planned, "Report who was removed and who was not found")["would_remove"] == ["ann@example.com", "BOB.smith@example.com", "bobby@example.com"]
    assert deletes(emu) == [] and emu.user(ORG, ANN_ID) is not None
    run = ansible.playbook(OFFBOARD, env, "-e", leavers)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert shown(run, "Report who was removed and who was not found") == {
        "deleted": ["ann@example.com", "BOB.smith@example.com", "bobby@example.com"], "not_found": ["nobody@example.com"]}
    assert [r["body"]["userIds"] for r in deletes(emu)] == [[ANN_ID, BOB_ID, BOBBY_ID]]
    assert not [u for u in (ANN_ID, BOB_ID, BOBBY_ID) if emu.user(ORG, u)] and emu.user(ORG, JOANN_ID) is not None
    leavers_file = tmp_path / "leavers.txt"
    leavers_file.write_text("ann@example.com\n\n  bobby@example.com \n")
    again = ansible.playbook(OFFBOARD, env, "-e", "leavers_file=" + str(leavers_file))
    assert again.rc == 0 and again.recap()["changed"] == 0, again.out
    assert shown(again, "Report who was removed and who was not found") == {"deleted": [], "not_found": ["ann@example.com", "bobby@example.com"]}
    assert len(deletes(emu)) == 1


def test_deactivate_user_playbook_deactivates_reactivates_and_never_creates(ansible, emu):
    env = ansible.env(emu)
    run = ansible.playbook(DEACTIVATE, env, "-e", "email=bob.smith@example.com", "--diff")
    assert run.rc == 0 and run.recap()["changed"] == 1 and "updated: isActive" in run.out, run.out
    assert '-    "isActive": true,' in run.out and '+    "isActive": false,' in run.out
    assert emu.user(ORG, BOB_ID)["isActive"] is False and emu.user(ORG, BOB_ID)["email"] == "Bob.Smith@Example.com"
    again = ansible.playbook(DEACTIVATE, env, "-e", "username=bob")
    assert again.rc == 0 and again.recap()["changed"] == 0, again.out
    back = ansible.playbook(DEACTIVATE, env, "-e", "user_id=" + BOB_ID, "-e", "reactivate=true")
    assert back.rc == 0 and back.recap()["changed"] == 1 and emu.user(ORG, BOB_ID)["isActive"] is True, back.out
    assert [r["body"] for r in mutating(emu)] == [{"isActive": False}, {"isActive": True}]
    missing = ansible.playbook(DEACTIVATE, env, "-e", "username=nobody")
    assert missing.rc != 0 and "No UiPath user is named nobody" in missing.out
    assert len(mutating(emu)) == 2 and not named(emu, "nobody")
