"""A user's life with the real ansible-playbook: created, updated, deactivated, read, with and without a partition id.

Each test writes a playbook whose tasks run the modules and whose last task prints
every task's registered result as JSON, so results can be checked field by field.
"""

import itertools
import json

import pytest

from support import ANN_ID, BOB_ID, ORG, PARTITION, mutating

USER = "uipath.identity.user"
INFO = "uipath.identity.user_info"
GROUP_A = "a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7"  # ann's group in the seed
GROUP_B = "b2d3f4a5-6c7e-4f80-9102-b3c4d5e6f7a8"
GROUP_C = "c3e4a5b6-7d8f-4091-8213-c4d5e6f7a8b9"
ABSENT_ID = "00000000-0000-4000-8000-0000000000aa"
NEWBIE = {"username": "newbie", "email": "newbie@example.com", "name": "New", "surname": "Bie", "display_name": "New Bie"}
SECRET = "Xy7-Unguessable-Pw9"
PLAYS = itertools.count()

TASK = """
    - name: Step %d
      %s: %s
      register: step_%d
      ignore_errors: true
"""
PLAY = """
- name: Lifecycle steps
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
%s
    - name: Show every step's result
      ansible.builtin.debug:
        msg: "{{ [%s] | to_json }}"
"""


def run_tasks(ansible, env, write_playbook, tasks, *args):
    """Run (module, args) tasks in one play; return the Run and each task's registered result.

    Every task has ignore_errors, so a failure is read from its result; a
    (module, args, True) task runs in check mode whatever the command line says.
    """
    body = ""
    for index, task in enumerate(tasks):
        body += TASK % (index, task[0], json.dumps(task[1]), index)
        if len(task) > 2 and task[2]:
            body += "      check_mode: true\n"
    number = next(PLAYS)
    names = ", ".join("step_%d" % index for index in range(len(tasks)))
    run = ansible.playbook(write_playbook(PLAY % (body, names), "steps%d.yml" % number), env, *args)
    return run, shown_results(run)


def shown_results(run):
    """The step results the last task printed, as JSON inside its msg."""
    assert "TASK [Show every step's result]" in run.out, run.out
    start = run.out.index("=> ", run.out.rindex("TASK [Show every step's result]")) + 3
    shown = json.JSONDecoder().raw_decode(run.out, start)[0]
    return json.loads(shown["msg"])


def named(emu, username):
    found = [u for u in emu.users(ORG) if (u["userName"] or "").lower() == username.lower()]
    return found[0] if found else None


def writes(emu, method):
    return [r for r in mutating(emu) if r["method"] == method]


def test_present_creates_the_user_check_mode_first_and_a_rerun_is_unchanged(ansible, emu, write_playbook):
    env = ansible.env(emu)
    run, (planned,) = run_tasks(ansible, env, write_playbook, [(USER, NEWBIE)], "--check", "--diff")
    assert planned["changed"] and planned["msg"] == "User newbie would be created", run.out
    assert mutating(emu) == [] and named(emu, "newbie") is None
    assert "+++ after" in run.out and '"userName": "newbie"' in run.out
    run, (created, again) = run_tasks(ansible, env, write_playbook, [(USER, NEWBIE), (USER, NEWBIE)])
    assert created["changed"] and not created.get("failed") and "created" in created["msg"], run.out
    assert again["changed"] is False and "is as wanted" in again["msg"]
    user = named(emu, "newbie")
    assert (user["email"], user["name"], user["surname"], user["displayName"], user["isActive"]) == (
        "newbie@example.com", "New", "Bie", "New Bie", True)
    assert created["user"]["id"] == user["id"]
    assert len(writes(emu, "POST")) == 1 and writes(emu, "PUT") == []
    assert writes(emu, "POST")[0]["body"]["partitionGlobalId"] == PARTITION


def test_present_updates_only_the_changed_fields_and_check_mode_sends_no_put(ansible, emu, write_playbook):
    env = ansible.env(emu)
    wanted = {"username": "ann", "email": "ann@example.com", "name": "Ann", "surname": "Lee-Park", "display_name": "Ann Lee-Park"}
    run, (planned,) = run_tasks(ansible, env, write_playbook, [(USER, wanted)], "--check", "--diff")
    assert planned["changed"] and planned["msg"] == "User ann (%s) would be updated: displayName, surname" % ANN_ID, run.out
    assert mutating(emu) == [] and emu.user(ORG, ANN_ID)["surname"] == "Lee"
    assert '-    "surname": "Lee",' in run.out and '+    "surname": "Lee-Park",' in run.out
    assert '-    "displayName": "Ann Lee",' in run.out and '+    "displayName": "Ann Lee-Park",' in run.out
    run, (updated, again) = run_tasks(ansible, env, write_playbook, [(USER, wanted), (USER, wanted)])
    assert updated["changed"] and again["changed"] is False, run.out
    puts = writes(emu, "PUT")
    assert len(puts) == 1 and puts[0]["path"].endswith("/api/User/" + ANN_ID)
    assert puts[0]["body"] == {"surname": "Lee-Park", "displayName": "Ann Lee-Park"}
    assert (emu.user(ORG, ANN_ID)["surname"], emu.user(ORG, ANN_ID)["name"]) == ("Lee-Park", "Ann")


def test_password_never_appears_in_any_output_even_with_vvv_and_diff(ansible, emu, write_playbook):
    tasks = [(USER, dict(username="pwuser", email="pwuser@example.com", password=SECRET)),
             (USER, dict(username="pwuser", password=SECRET)),
             (USER, dict(username="pwuser", password=SECRET, update_password="always"))]
    # ansible-core 2.21 prints a task's arguments at -vvv only when asked to.
    env = ansible.env(emu, ANSIBLE_INJECT_INVOCATION="true")
    run, (created, on_create, always) = run_tasks(ansible, env, write_playbook, tasks, "-vvv", "--diff")
    assert created["changed"] and on_create["changed"] is False, run.out
    assert always["changed"] and always["msg"].endswith("updated: password")
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in run.out  # -vvv did print the task's arguments
    assert SECRET not in run.out and SECRET not in json.dumps([created, on_create, always])
    assert SECRET not in json.dumps(emu.log)
    assert [r["redacted"] for r in mutating(emu)] == [["body/password"], ["body/password"]]


def test_group_ids_are_appended_or_replace_the_current_groups(ansible, emu, write_playbook):
    append = dict(username="ann", group_ids=[GROUP_B], append_groups=True)
    replace = dict(username="ann", group_ids=[GROUP_C], append_groups=False)
    run, results = run_tasks(ansible, ansible.env(emu), write_playbook, [(USER, append), (USER, append), (USER, replace)])
    assert [r["changed"] for r in results] == [True, False, True], run.out
    assert results[0]["user"]["groupIDs"] == [GROUP_A, GROUP_B] and results[2]["user"]["groupIDs"] == [GROUP_C]
    assert [r["body"] for r in writes(emu, "PUT")] == [{"groupIDsToAdd": [GROUP_B]},
                                                       {"groupIDsToAdd": [GROUP_C], "groupIDsToRemove": [GROUP_A, GROUP_B]}]
    assert emu.user(ORG, ANN_ID)["groupIDs"] == [GROUP_C]


def test_is_active_false_deactivates_reversibly_and_a_new_user_can_start_inactive(ansible, emu, write_playbook):
    off = dict(username="bob", is_active=False)
    tasks = [(USER, off), (USER, off), (USER, dict(user_id=BOB_ID, is_active=True)), (USER, dict(username="frozen", is_active=False))]
    run, results = run_tasks(ansible, ansible.env(emu), write_playbook, tasks)
    assert [r["changed"] for r in results] == [True, False, True, True], run.out
    assert [r["body"] for r in writes(emu, "PUT")] == [{"isActive": False}, {"isActive": True}, {"isActive": False}]
    assert emu.user(ORG, BOB_ID)["isActive"] is True
    assert named(emu, "frozen")["isActive"] is False and results[3]["user"]["isActive"] is False


@pytest.mark.parametrize("status", [400, 200])
def test_duplicate_email_fails_with_duplicate_email_whatever_the_status(ansible, emulator, write_playbook, status):
    emu = emulator(business_error_status=status)
    tasks = [(USER, dict(username="ann2", email="ANN@example.com")), (USER, dict(username="bob", email="ann@example.com"))]
    run, (create, update) = run_tasks(ansible, ansible.env(emu), write_playbook, tasks)
    for result in (create, update):
        assert result["failed"] and "DuplicateEmail" in result["msg"], run.out
        assert "answered %d" % status in result["msg"]
    assert named(emu, "ann2") is None and emu.user(ORG, BOB_ID)["email"] == "Bob.Smith@Example.com"
    assert [r["status"] for r in mutating(emu)] == [status, status]


def test_user_type_given_as_integer_or_string_is_handled(ansible, emu, write_playbook):
    # Inserted directly, the type stays the name the contract declares; the seed's robot01 has the number the live API sends.
    typed = emu.add_user(ORG, userName="typedbyname", email="typedbyname@example.com", name="Typed", type="robot")
    robot = named(emu, "robot01")
    tasks = [(USER, dict(username="typedbyname", display_name="Typed by name")), (USER, dict(username="robot01", display_name="Typed by number")),
             (USER, dict(user_ids=[typed["id"], robot["id"]], state="absent"))]
    run, results = run_tasks(ansible, ansible.env(emu), write_playbook, tasks)
    assert [(bool(r.get("failed")), r["changed"]) for r in results] == [(False, True)] * 3, run.out
    assert (results[0]["user"]["type"], results[0]["user"]["displayName"]) == ("robot", "Typed by name")
    assert (results[1]["user"]["type"], results[1]["user"]["displayName"]) == (1, "Typed by number")
    assert results[2]["deleted"] == [typed["id"], robot["id"]] and named(emu, "typedbyname") is None and named(emu, "robot01") is None


def test_user_info_by_id_username_email_search_and_all_pages_is_read_only(ansible, emu, write_playbook):
    emu.add_users(ORG, 1001, prefix="page")
    tasks = [(INFO, dict(user_id=ANN_ID)), (INFO, dict(username="ANN")), (INFO, dict(email="bob.smith@EXAMPLE.com")),
             (INFO, dict(search="bob")), (INFO, {}), (INFO, dict(user_id=ABSENT_ID))]
    run, results = run_tasks(ansible, ansible.env(emu), write_playbook, tasks)
    assert not [r for r in results if r.get("failed") or r["changed"]], run.out
    ids = [[u["id"] for u in r["users"]] for r in results]
    assert ids[:3] == [[ANN_ID], [ANN_ID], [BOB_ID]]
    assert sorted(u["userName"] for u in results[3]["users"]) == ["bob", "bobby"]
    # Read sorted by id, pages overlapping by one user, each user once.
    assert len(ids[4]) == 1007 and len(set(ids[4])) == 1007 and ids[4] == sorted(u["id"] for u in emu.users(ORG))
    assert ids[5] == []
    listing = [r["query"] for r in emu.log if "/api/User/users/" in r["path"] and "searchTerm" not in r["query"]]
    assert [(q["top"], q["skip"], q["sortBy"]) for q in listing] == [("1000", "0", "Id"), ("1000", "999", "Id")]
    assert mutating(emu) == []


def test_user_info_runs_in_check_mode(ansible, emu, write_playbook):
    tasks = [(INFO, dict(email="ann@example.com")), (INFO, dict(user_id=BOB_ID), True)]
    run, (found, by_id) = run_tasks(ansible, ansible.env(emu), write_playbook, tasks, "--check")
    assert run.rc == 0 and not [r for r in (found, by_id) if r.get("failed") or r["changed"]], run.out
    assert [u["id"] for u in found["users"]] == [ANN_ID] and [u["id"] for u in by_id["users"]] == [BOB_ID]
    assert mutating(emu) == []


def test_without_partition_a_client_whose_token_carries_prt_id_can_look_up_and_create(ansible, emu, write_playbook):
    env = ansible.env(emu, auth="client", UIPATH_PARTITION_GLOBAL_ID=None)
    tasks = [(INFO, dict(email="ann@example.com")), (USER, dict(username="viaprt", email="viaprt@example.com")),
             (USER, dict(user_ids=[BOB_ID], state="absent"))]
    run, results = run_tasks(ansible, env, write_playbook, tasks)
    assert not [r for r in results if r.get("failed")], run.out
    assert results[0]["users"][0]["id"] == ANN_ID and named(emu, "viaprt") is not None and emu.user(ORG, BOB_ID) is None
    listing = [r["path"] for r in emu.log if "/api/User/users/" in r["path"]]
    assert listing and all(path.endswith("/" + PARTITION) for path in listing)
    assert [r["body"]["partitionGlobalId"] for r in mutating(emu)] == [PARTITION, PARTITION]


def test_without_partition_a_static_token_fails_saying_where_to_find_it(ansible, emu, write_playbook):
    env = ansible.env(emu, UIPATH_PARTITION_GLOBAL_ID=None)
    tasks = [(INFO, dict(email="ann@example.com")), (USER, dict(username="nopartition")), (INFO, dict(user_id=ANN_ID))]
    run, (by_email, create, by_id) = run_tasks(ansible, env, write_playbook, tasks)
    for result in (by_email, create):
        assert result["failed"] and "partition_global_id" in result["msg"], run.out
        assert "UIPATH_PARTITION_GLOBAL_ID" in result["msg"] and "prt_id" in result["msg"]
        assert "Retrieving partitionGlobalId for API use" in result["msg"]
    assert by_id["users"][0]["id"] == ANN_ID  # a lookup by id needs no partition
    assert [r["path"] for r in emu.log] == ["/%s/identity_/api/User/%s" % (ORG, ANN_ID)]


def test_without_partition_a_client_token_lacking_prt_id_fails_saying_where_to_find_it(ansible, emulator, write_playbook):
    emu = emulator(token_prt_id=False)
    env = ansible.env(emu, auth="client", UIPATH_PARTITION_GLOBAL_ID=None)
    tasks = [(INFO, dict(email="ann@example.com")), (USER, dict(user_ids=[BOB_ID], state="absent"))]
    run, results = run_tasks(ansible, env, write_playbook, tasks)
    for result in results:
        assert result["failed"] and "UIPATH_PARTITION_GLOBAL_ID" in result["msg"] and "prt_id" in result["msg"], run.out
    assert emu.user(ORG, BOB_ID) is not None and mutating(emu) == []
    assert [r for r in emu.log if "/connect/token" not in r["path"]] == []


def test_creating_a_user_shows_no_deprecation_warning(ansible, emu, write_playbook):
    # Fails on ansible-core 2.19: the module passes warnings=[] to exit_json,
    # which 2.19 deprecates (removal in 2.23) and reports on every creation.
    run, (created,) = run_tasks(ansible, ansible.env(emu, ANSIBLE_DEPRECATION_WARNINGS="true"), write_playbook, [(USER, NEWBIE)])
    assert created["changed"] and named(emu, "newbie") is not None, run.out
    assert "DEPRECATION WARNING" not in run.out, run.out


def test_naming_a_user_by_email_in_another_case_does_not_rewrite_its_email(ansible, emu, write_playbook):
    # Fails: when email only names the user (no username or user_id), the module also sends it
    # as the address to set whenever its case differs, so the PUT carries email and the
    # address loses its confirmation, contrary to the option's documentation.
    run, (result,) = run_tasks(ansible, ansible.env(emu), write_playbook, [(USER, dict(email="bob.smith@example.com", is_active=False))])
    assert result["changed"] and not result.get("failed"), run.out
    assert [r["body"] for r in writes(emu, "PUT")] == [{"isActive": False}]
    assert emu.user(ORG, BOB_ID)["email"] == "Bob.Smith@Example.com" and emu.user(ORG, BOB_ID)["emailConfirmed"] is True


def test_an_empty_name_from_an_adhoc_command_is_refused_and_sends_nothing(ansible, emu):
    # `name=` on the command line is an empty string: it once set the user's first name to ''.
    run = ansible.adhoc(ansible.env(emu), USER, "username=bob display_name= name=")
    assert run.rc != 0 and "must not be empty" in run.out, run.out
    assert [r for r in emu.log if "/connect/token" not in r["path"]] == []


def test_diff_shows_only_what_is_sent(ansible, emu, write_playbook):
    ann = emu.user(ORG, ANN_ID)
    shouted = ann["email"].upper()
    run, (result,) = run_tasks(ansible, ansible.env(emu), write_playbook,
                               [(USER, dict(user_id=ANN_ID, email=shouted, surname="Changed"))], "--diff")
    assert result["changed"] and [r["body"] for r in writes(emu, "PUT")] == [{"surname": "Changed"}], run.out
    assert result["diff"]["after"]["email"] == ann["email"] and result["user"]["email"] == ann["email"]
