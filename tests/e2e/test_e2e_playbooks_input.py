"""The shipped playbooks given an email that two users share, mistyped input and an empty list.

UiPath refuses a second user with the same email or user name, but a removal playbook must not
count on it: the emulator's add_user inserts such a user unchecked. Each case must stop the play
with a message that says what is wrong, before any write (no POST, PUT, PATCH or DELETE).
playbooks/awx_remove_users.yml has the same cases in test_e2e_awx.py, run as AWX runs it.
"""

import json

import pytest

from support import ANN_ID, BOB_ID, ORG, mutating
from test_e2e_playbooks_lifecycle import BOBBY_ID, JOANN_ID, shown

OFFBOARD, BY_EMAIL, DRY_RUN = "playbooks/offboard_users.yml", "playbooks/remove_users_by_email.yml", "playbooks/dry_run.yml"
REMOVE, DEACTIVATE, ONBOARD = "playbooks/remove_user.yml", "playbooks/deactivate_user.yml", "playbooks/onboard_users.yml"
TWIN_ID = "7c0d1e2f-3a4b-4c5d-8e6f-708192a3b4c5"
MISTYPED = [
    pytest.param(["-e", "leavers=ann@example.com"], "leavers must be a list", id="a-string"),
    pytest.param(["-e", '{"leavers": []}'], "Give the leavers", id="an-empty-list"),
    pytest.param(["-e", '{"leavers": [["ann@example.com"]]}'], "leavers must be a list of email addresses", id="a-nested-list"),
]


def twin_of_ann(emu, **fields):
    """A second user with ann's email (in other letter case), or with the fields given."""
    fields = fields or dict(userName="ann.lee", email="ANN@example.com")
    return emu.add_user(ORG, id=TWIN_ID, name="Ann", surname="Lee", **fields)


def assert_names_both(out, value="'ann@example.com'"):
    assert "%s matches 2 users exactly" % value in out, out
    assert ANN_ID in out and TWIN_ID in out and "(ann / ann@example.com)" in out


def assert_no_one_removed(emu):
    assert mutating(emu) == []
    assert not [i for i in (ANN_ID, TWIN_ID, BOB_ID, BOBBY_ID, JOANN_ID) if emu.user(ORG, i) is None]


@pytest.mark.parametrize("playbook", [OFFBOARD, BY_EMAIL])
def test_an_email_shared_by_two_users_stops_the_removal_before_anyone_is_removed(ansible, emu, playbook):
    twin_of_ann(emu)
    leavers = {"leavers": ["bobby@example.com", "ann@example.com", "joann@example.com"]}
    run = ansible.playbook(playbook, ansible.env(emu), "-e", json.dumps(leavers))
    assert run.rc != 0 and run.recap()["failed"] == 1, run.out
    assert_names_both(run.out)
    assert "No one was removed" in run.out
    assert_no_one_removed(emu)


@pytest.mark.parametrize("playbook", [OFFBOARD, BY_EMAIL, DRY_RUN])
@pytest.mark.parametrize("extra, message", MISTYPED)
def test_a_list_of_leavers_that_is_not_one_fails_before_any_request(ansible, emu, playbook, extra, message):
    run = ansible.playbook(playbook, ansible.env(emu), *extra)
    assert run.rc != 0 and message in run.out, run.out
    assert emu.log == []


def test_offboard_users_in_check_mode_says_would_remove(ansible, emu):
    run = ansible.playbook(OFFBOARD, ansible.env(emu), "-e", json.dumps({"leavers": ["ann@example.com", "nobody@example.com"]}), "--check")
    assert run.rc == 0, run.out
    assert shown(run, "Report who was removed and who was not found") == {"would_remove": ["ann@example.com"], "not_found": ["nobody@example.com"]}
    assert "deleted" not in run.out.split("TASK [Report")[1]
    assert mutating(emu) == []


def test_dry_run_playbook_names_both_users_of_a_shared_email(ansible, emu):
    # Its per-email task is the module's, whose own guard fails the item; a dry run sends no write anyway.
    twin_of_ann(emu)
    run = ansible.playbook(DRY_RUN, ansible.env(emu), "-e", json.dumps({"leavers": ["ann@example.com", "bob.smith@example.com"]}))
    assert run.rc != 0, run.out
    assert_names_both(run.out)
    assert_no_one_removed(emu)


@pytest.mark.parametrize("option, twin", [
    ("email=ann@example.com", dict(userName="ann.lee", email="ANN@example.com")),
    ("username=ann", dict(userName="ANN", email="ann.lee@example.com")),
], ids=["email", "username"])
def test_remove_user_by_a_shared_name_is_refused_by_the_modules_guard(ansible, emu, option, twin):
    twin_of_ann(emu, **twin)
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", option)
    assert run.rc != 0 and "Use user_id to pick one" in run.out, run.out
    assert_names_both(run.out, "%s '%s'" % tuple(option.split("=")))
    assert_no_one_removed(emu)


@pytest.mark.parametrize("playbook", [REMOVE, DEACTIVATE])
@pytest.mark.parametrize("extra", [
    pytest.param('{"email": ["ann@example.com"]}', id="a-list"),
    pytest.param('{"email": ""}', id="empty"),
    pytest.param('{"username": {"name": "ann"}}', id="a-mapping"),
])
def test_one_user_playbooks_refuse_a_name_that_is_not_text(ansible, emu, playbook, extra):
    run = ansible.playbook(playbook, ansible.env(emu), "-e", extra)
    assert run.rc != 0 and "must be one user's id, user name or email, as text" in run.out, run.out
    assert emu.log == []


def test_deactivate_user_names_both_users_of_a_shared_email_and_changes_no_one(ansible, emu):
    twin_of_ann(emu)
    run = ansible.playbook(DEACTIVATE, ansible.env(emu), "-e", "email=ann@example.com")
    assert run.rc != 0 and "No UiPath user is named" not in run.out, run.out
    assert_names_both(run.out)
    assert "-e user_id=" in run.out and mutating(emu) == []


@pytest.mark.parametrize("playbook, extra", [
    (DEACTIVATE, ["-e", "email=bob.smith@example.com", "-e", "reactivate=yess"]),
    (ONBOARD, ["-e", "users_csv=new_users.csv", "-e", "append_groups=flase"]),
], ids=["deactivate-reactivate", "onboard-append_groups"])
def test_a_mistyped_boolean_fails_before_any_request(ansible, emu, playbook, extra):
    run = ansible.playbook(playbook, ansible.env(emu), *extra)
    assert run.rc != 0 and "must be true or false" in run.out, run.out
    assert emu.log == [] and emu.user(ORG, BOB_ID)["isActive"] is True


@pytest.mark.parametrize("holders", [2, 1], ids=["two-users", "another-user"])
def test_onboard_users_stops_before_any_write_when_an_email_belongs_to_someone_else(ansible, emu, tmp_path, holders):
    if holders == 2:
        twin_of_ann(emu)
    csv = tmp_path / "hires.csv"
    csv.write_text("username,email,name,surname\nkim,kim@example.com,Kim,Park\nnewbie,Ann@Example.com,New,Bie\nann,,Ann,Lee\n")
    run = ansible.playbook(ONBOARD, ansible.env(emu), "-e", "users_csv=" + str(csv))
    assert run.rc != 0, run.out
    assert "email 'Ann@Example.com' of newbie belongs to" in run.out and "(ann / ann@example.com)" in run.out
    assert (TWIN_ID in run.out) == (holders == 2)
    # ann's own row is fine: the email is hers.
    assert "of ann belongs" not in run.out
    assert "No user was created or changed" in run.out
    assert mutating(emu) == [] and not [u for u in emu.users(ORG) if u["userName"] in ("kim", "newbie")]
    # The same email on two rows of the list is refused before any request.
    emu.clear_log()
    csv.write_text("username,email\nnewbie,Ann@Example.com\nann,ann@example.com\n")
    run = ansible.playbook(ONBOARD, ansible.env(emu), "-e", "users_csv=" + str(csv))
    assert run.rc != 0 and "items 1 and 2 have the same email 'ann@example.com'" in run.out, run.out
    assert emu.log == []


@pytest.mark.parametrize("extra, message", [
    pytest.param(["-e", "new_users=jdoe"], "new_users must be a list of users", id="a-string"),
    pytest.param(["-e", '{"new_users": ["jdoe"]}'], "new_users must be a list of users", id="a-list-of-names"),
    pytest.param(["-e", '{"new_users": []}'], "every user needs a username", id="an-empty-list"),
])
def test_onboard_users_refuses_a_list_that_is_not_one_before_any_request(ansible, emu, extra, message):
    run = ansible.playbook(ONBOARD, ansible.env(emu), *extra)
    assert run.rc != 0 and message in run.out, run.out
    assert emu.log == []
