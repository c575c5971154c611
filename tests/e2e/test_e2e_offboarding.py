"""Offboarding many users named by user name or email in one task: check mode, removal, rerun, bad input."""

from support import ANN_ID, BOB_ID, ORG, mutating
from test_e2e_lifecycle import USER, run_tasks


def test_emails_are_planned_removed_then_already_absent(ansible, emu, write_playbook):
    leavers = {"emails": ["ANN@example.com", "bob.smith@example.com", "nobody@example.com"], "state": "absent"}
    run, (planned, removed, again) = run_tasks(ansible, ansible.env(emu), write_playbook,
                                               [(USER, leavers, True), (USER, leavers), (USER, leavers)], "--diff")
    assert planned["changed"] and planned["deleted"] == ["ANN@example.com", "bob.smith@example.com"], run.out
    assert removed["deleted"] == planned["deleted"] and removed["not_found"] == ["nobody@example.com"]
    assert removed["ids"] == {"ANN@example.com": ANN_ID, "bob.smith@example.com": BOB_ID}
    assert again["changed"] is False and again["not_found"] == leavers["emails"]
    assert emu.user(ORG, ANN_ID) is None and emu.user(ORG, BOB_ID) is None
    (delete,) = mutating(emu)
    assert delete["body"]["userIds"] == [ANN_ID, BOB_ID]


def test_usernames_and_bad_input(ansible, emu, write_playbook):
    run, results = run_tasks(ansible, ansible.env(emu), write_playbook, [
        (USER, {"usernames": ["bob", "bobby"], "state": "absent", "chunk_size": 1}),
        (USER, {"emails": ["bob"], "state": "absent"}),
        (USER, {"usernames": ["ann", " "], "state": "absent"}),
        (USER, {"usernames": ["ann"], "emails": ["ann@example.com"], "state": "absent"}),
    ])
    assert results[0]["deleted"] == ["bob", "bobby"] and [len(r["body"]["userIds"]) for r in mutating(emu)] == [1, 1], run.out
    assert [r["option"] for r in results[1:]] == ["emails", "usernames", "user_id"]
    # The three refused tasks sent nothing: the first task's listing and two removals are all there is.
    assert [r["method"] for r in emu.log if "/api/" in r["path"]] == ["GET", "DELETE", "DELETE"]
