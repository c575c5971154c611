"""Onboarding a whole list in one task: uipath.identity.user with users, and onboard_users.yml on it."""

from support import ANN_ID, BOB_ID, ORG, mutating
from test_e2e_groups import group_named
from test_e2e_lifecycle import USER, run_tasks

JOINERS = [{"username": "new.one", "email": "new.one@example.com", "name": "New", "surname": "One"},
           {"username": "new.two", "email": "new.two@example.com", "groups": ["Finance"]},
           {"username": "new.three", "email": "new.three@example.com"}]
# ann exists and gets a new surname; bob exists and is listed as he is.
KNOWN = [{"username": "ann", "surname": "Lee-Smith"}, {"username": "BOB", "email": "bob.smith@example.com"}]


def user_named(emu, username):
    found = [u for u in emu.users(ORG) if (u["userName"] or "").lower() == username.lower()]
    return found[0] if found else None


def test_a_list_is_planned_in_check_mode_then_onboarded_in_a_handful_of_requests_then_unchanged(ansible, emu, write_playbook):
    env = ansible.env(emu, auth=None, UIPATH_ACCESS_TOKEN="rt_acme_admin_0123456789abcdef")
    task = {"users": JOINERS + KNOWN, "chunk_size": 2}
    run, (planned,) = run_tasks(ansible, env, write_playbook, [(USER, task, True)], "--diff")
    assert planned["changed"] and planned["created"] == ["new.one", "new.three", "new.two"], run.out
    assert planned["updated"] == ["ann"] and planned["unchanged"] == ["BOB"] and mutating(emu) == []
    assert planned["diff"]["after"]["ann"]["surname"] == "Lee-Smith" and planned["diff"]["before"]["new.one"] == {}
    emu.clear_log()
    run, (done,) = run_tasks(ansible, env, write_playbook, [(USER, task)])
    assert done["changed"] and done["msg"] == "3 users were created, 1 were updated, 1 unchanged", run.out
    writes = [(r["method"], r["path"].split("/api/")[1]) for r in mutating(emu)]
    # new.one and new.three share no groups: one chunk of 2; new.two joins Finance: a chunk of its own.
    assert writes == [("POST", "User/BulkCreate"), ("POST", "User/BulkCreate"), ("PUT", "User/" + ANN_ID)]
    assert [r["body"].get("groupIDs") for r in mutating(emu)[:2]] == [None, [group_named(emu, "Finance")["id"]]]
    listing_gets = [r for r in emu.log if r["method"] == "GET" and "/api/User/users/" in r["path"]]
    assert len(listing_gets) == 1
    assert user_named(emu, "ann")["surname"] == "Lee-Smith" and user_named(emu, "new.one")["name"] == "New"
    emu.clear_log()
    run, (again,) = run_tasks(ansible, env, write_playbook, [(USER, task)])
    assert again["changed"] is False and again["unchanged"] == ["new.one", "new.two", "new.three", "ann", "BOB"], run.out
    assert mutating(emu) == []


def test_passwords_and_inactive_users_go_one_by_one(ansible, emu, write_playbook):
    env = ansible.env(emu)
    secret = "Pa55-word-for-zed!"
    task = {"users": [{"username": "zed", "email": "zed@example.com", "password": secret},
                      {"username": "yan", "email": "yan@example.com", "is_active": False}]}
    run, (done,) = run_tasks(ansible, env, write_playbook, [(USER, task)], "-vvv")
    assert done["created"] == ["yan", "zed"], run.out
    assert [(r["method"], r["path"].split("/api/")[1].split("/")[0]) for r in mutating(emu)] == [
        ("POST", "User"), ("POST", "User"), ("PUT", "User")]
    assert user_named(emu, "yan")["isActive"] is False and secret not in run.out


def test_conflicts_and_bad_input_stop_the_list_before_anything_is_written(ansible, emu, write_playbook):
    env = ansible.env(emu)
    run, results = run_tasks(ansible, env, write_playbook, [
        (USER, {"users": [{"username": "new.one", "email": "ANN@example.com"}]}),
        (USER, {"users": [{"username": "x1"}, {"username": "X1"}]}),
        (USER, {"users": [{"username": "x1", "email": "not-an-address"}]}),
        (USER, {"users": [{"username": "x1"}], "username": "x2"}),
        (USER, {"users": [{"username": "x1"}], "state": "absent"}),
    ])
    assert all(r["failed"] for r in results), run.out
    assert "email 'ANN@example.com' of new.one belongs to %s (ann / ann@example.com)" % ANN_ID in results[0]["msg"]
    assert [r.get("option") for r in results[1:]] == ["users", "users[1].email", "username", "users"]
    assert mutating(emu) == [] and len([r for r in emu.log if "/api/" in r["path"]]) == 1


def test_a_refused_chunk_names_the_reason_and_what_was_created_before_it(ansible, emu, write_playbook):
    env = ansible.env(emu)
    task = {"users": [{"username": "fine.one"}, {"username": "not fine!"}], "chunk_size": 1}
    run, (result,) = run_tasks(ansible, env, write_playbook, [(USER, task)])
    assert result["failed"] and result["changed"] and result["created"] == ["fine.one"], run.out
    assert "InvalidUserName" in result["msg"] and "while creating not fine! in bulk" in result["msg"]
    assert user_named(emu, "fine.one") is not None and user_named(emu, "not fine!") is None


def test_onboard_users_playbook_sends_one_task_for_its_csv(ansible, emu, tmp_path):
    csv = tmp_path / "joiners.csv"
    csv.write_text("username,email,name,surname\nnew.one,new.one@example.com,New,One\nbob,bob.smith@example.com,Bob,Smith\n")
    env = ansible.env(emu)
    run = ansible.playbook("playbooks/onboard_users.yml", env, "-e", "users_csv=%s" % csv)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert '"created": [\n            "new.one"' in run.out and user_named(emu, "new.one") is not None
    assert len([r for r in emu.log if r["method"] == "GET" and "/api/User/users/" in r["path"]]) == 1
    assert emu.user(ORG, BOB_ID)["name"] == "Bob"
