"""Removing users with the real ansible-playbook and ansible, as the README shows."""

import json
import re

from support import ANN_ID, BOB_ID, CLIENT_SECRET, FULL_TOKEN, ORG, PARTITION, mutating

REMOVE = "playbooks/remove_user.yml"


def deletes(emu):
    return [r for r in emu.log if r["method"] == "DELETE"]


def test_remove_by_id_then_rerun_is_unchanged(ansible, emu):
    env = ansible.env(emu)
    first = ansible.playbook(REMOVE, env, "-e", "user_id=" + ANN_ID)
    assert first.rc == 0, first.out
    assert first.recap()["changed"] == 1 and "User ann (%s) removed" % ANN_ID in first.out
    assert emu.user(ORG, ANN_ID) is None
    again = ansible.playbook(REMOVE, env, "-e", "user_id=" + ANN_ID)
    assert again.rc == 0 and again.recap()["changed"] == 0 and "already absent" in again.out
    assert len(deletes(emu)) == 1


def test_remove_by_username_is_exact(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "username=bob")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert emu.user(ORG, BOB_ID) is None
    assert [u["userName"] for u in emu.users(ORG) if u["userName"].startswith("bob")] == ["bobby"]


def test_remove_by_email_ignores_case(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "email=bob.smith@EXAMPLE.com")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert emu.user(ORG, BOB_ID) is None


def test_check_mode_sends_no_delete_and_diff_shows_user(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "username=ann", "--check", "--diff")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert "would be removed" in run.out
    assert '"userName": "ann"' in run.out or "userName: ann" in run.out
    assert mutating(emu) == [] and emu.user(ORG, ANN_ID) is not None


def test_list_of_emails(ansible, emu, write_playbook):
    env = ansible.env(emu)
    leavers = json.dumps({"leavers": ["ann@example.com", "nobody@example.com", "JOANN@example.com"]})
    run = ansible.playbook("playbooks/remove_users_by_email.yml", env, "-e", leavers)
    assert run.rc == 0, run.out
    assert emu.user(ORG, ANN_ID) is None and not [u for u in emu.users(ORG) if u["userName"] == "joann"]
    assert re.search(r"already_absent.*\n.*nobody@example.com", run.out)


def test_dry_run_playbook_changes_nothing(ansible, emu):
    run = ansible.playbook("playbooks/dry_run.yml", ansible.env(emu), "--diff", "-e", json.dumps({"leavers": ["ann@example.com"]}))
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert mutating(emu) == []


def tokens(emu):
    return [r for r in emu.log if r["path"].endswith("/connect/token")]


def test_client_credentials_from_environment_alone(ansible, emu):
    env = ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-writer", UIPATH_CLIENT_SECRET="writer-secret")
    run = ansible.playbook(REMOVE, env, "-e", "user_id=" + BOB_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert len(tokens(emu)) == 1 and tokens(emu)[0]["path"] == "/identity_/connect/token"
    assert tokens(emu)[0]["body"]["scope"] == "PM.User.Read PM.User.Write"
    assert "writer-secret" not in json.dumps(emu.log)


def test_application_granted_pm_user_gets_it_after_invalid_scope(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, auth="client"), "-e", "user_id=" + BOB_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert [(r["status"], r["body"]["scope"]) for r in tokens(emu)] == [(400, "PM.User.Read PM.User.Write"), (200, "PM.User")]
    assert CLIENT_SECRET not in json.dumps(emu.log)


def test_standalone_deployment(ansible, emu):
    env = ansible.env(emu, auth=None, UIPATH_DEPLOYMENT="standalone", UIPATH_ORGANIZATION=None,
                      UIPATH_CLIENT_ID="onprem-app", UIPATH_CLIENT_SECRET="onprem-secret", UIPATH_PARTITION_GLOBAL_ID=None)
    run = ansible.playbook(REMOVE, env, "-e", "username=dana")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert all(r["path"].startswith("/identity/") for r in emu.log)
    assert not [u for u in emu.users("onprem") if u["userName"] == "dana"]


def test_adhoc_command(ansible, emu):
    env = ansible.env(emu)
    run = ansible.adhoc(env, "uipath.identity.user", "user_id=%s state=absent" % ANN_ID)
    assert run.rc == 0 and "localhost | CHANGED" in run.out, run.out
    again = ansible.adhoc(env, "uipath.identity.user", "user_id=%s state=absent" % ANN_ID)
    assert again.rc == 0 and "localhost | SUCCESS" in again.out


def test_module_defaults_with_the_action_group(ansible, emu, write_playbook):
    playbook = write_playbook("""
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/uipath.identity.identity:
      url: %s
      organization: %s
      access_token: %s
      partition_global_id: %s
  tasks:
    - uipath.identity.user_info:
        email: ann@example.com
      register: found
    - uipath.identity.user:
        user_id: "{{ found.users[0].id }}"
        state: absent
""" % (emu.url, ORG, FULL_TOKEN, PARTITION))
    run = ansible.playbook(playbook, ansible.env())
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert emu.user(ORG, ANN_ID) is None


def test_token_module_feeds_module_defaults(ansible, emu, write_playbook):
    playbook = write_playbook("""
- hosts: localhost
  gather_facts: false
  tasks:
    - uipath.identity.token:
        client_id: %s
        client_secret: %s
      no_log: true
      register: uipath
    - uipath.identity.user:
        email: "{{ item }}"
        state: absent
      loop: [ann@example.com, bob.smith@example.com, nobody@example.com]
      module_defaults:
        group/uipath.identity.identity:
          access_token: "{{ uipath.access_token }}"
""" % ("acme-writer", "writer-secret"))
    run = ansible.playbook(playbook, ansible.env(emu, auth=None), "-v")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert len(tokens(emu)) == 1
    assert len(deletes(emu)) == 2
