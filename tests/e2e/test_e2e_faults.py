"""Faults injected into the emulator: retries, re-authentication, TLS, secrets and concurrency."""

import email.utils
import json
import time

from support import ANN_ID, BOB_ID, CLIENT_SECRET, FULL_TOKEN, ORG

REMOVE = "playbooks/remove_user.yml"


def statuses(emu, method):
    return [r["status"] for r in emu.log if r["method"] == method and "/connect/token" not in r["path"]]


def test_429_with_retry_after_seconds_is_waited_out(ansible, emu):
    emu.add_fault(method="DELETE", path="/api/User/", status=429, retry_after="1", count=2)
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "user_id=" + ANN_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert statuses(emu, "DELETE") == [429, 429, 204]
    assert run.out.count("status 429; retrying in 1.0 s") == 2


def test_429_with_retry_after_date(ansible, emu):
    emu.add_fault(method="GET", path="/api/User/", status=429, retry_after=email.utils.formatdate(time.time() + 1, usegmt=True))
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "user_id=" + ANN_ID)
    assert run.rc == 0 and statuses(emu, "GET") == [429, 200], run.out


def test_gateway_errors_and_a_reset_are_retried(ansible, emu):
    emu.add_fault(method="GET", path="/api/User/users/", status=502)
    emu.add_fault(method="GET", path="/api/User/users/", status=503)
    emu.add_fault(method="GET", path="/api/User/users/", kind="reset")
    emu.add_fault(method="DELETE", path="/api/User/", status=504)
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "username=bob")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert emu.user(ORG, BOB_ID) is None
    assert run.out.count("retrying in") == 4


def test_delete_retried_after_a_lost_answer_counts_as_done(ansible, emu):
    emu.add_fault(method="DELETE", path="/api/User/", kind="reset")
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "user_id=" + ANN_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out


def test_bound_reached_fails_with_status_and_attempts(ansible, emu):
    emu.add_fault(method="GET", path="/api/User/", status=503, count=10)
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_RETRIES="2"), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "answered 503 after 3 attempts" in run.out
    assert statuses(emu, "GET") == [503, 503, 503] and statuses(emu, "DELETE") == []


def test_total_wait_cap_fails_at_once(ansible, emu):
    emu.add_fault(method="GET", path="/api/User/", status=429, retry_after="120")
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_RETRY_MAX_WAIT="5"), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "answered 429" in run.out and statuses(emu, "GET") == [429]


def test_create_is_never_repeated(ansible, emu, write_playbook):
    emu.add_fault(method="POST", path="/api/User$", status=503)
    playbook = write_playbook("""
- hosts: localhost
  gather_facts: false
  tasks:
    - uipath.identity.user:
        username: newcomer
        email: newcomer@example.com
""")
    run = ansible.playbook(playbook, ansible.env(emu))
    assert run.rc != 0 and "answered 503" in run.out
    assert statuses(emu, "POST") == [503]


def test_expired_token_is_renewed_once(ansible, emulator):
    emu = emulator(token_lifetime=1)
    # The DELETE waits past the token's lifetime before the emulator checks the token.
    emu.add_fault(method="DELETE", path="/api/User/", kind="delay", delay=2.5)
    run = ansible.playbook(REMOVE, ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-writer", UIPATH_CLIENT_SECRET="writer-secret"),
                           "-e", "user_id=" + ANN_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert statuses(emu, "DELETE") == [401, 204]
    assert len([r for r in emu.log if r["path"].endswith("/connect/token")]) == 2


def test_second_401_fails_with_the_reason(ansible, emulator):
    emu = emulator(token_lifetime=0)
    run = ansible.playbook(REMOVE, ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-writer", UIPATH_CLIENT_SECRET="writer-secret"),
                           "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "Authentication failed" in run.out and "A new token" in run.out
    assert statuses(emu, "GET") == [401, 401]


def test_tls_validation_is_on_by_default(ansible, emulator):
    emu = emulator(https=True)
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "certificate" in run.out and "ca_path" in run.out and "validate_certs" in run.out
    assert emu.log == []


def test_tls_with_ca_path(ansible, emulator):
    emu = emulator(https=True)
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_CA_PATH=emu.ca_path), "-e", "user_id=" + ANN_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out


def test_tls_without_validation(ansible, emulator):
    emu = emulator(https=True)
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_VALIDATE_CERTS="false"), "-e", "user_id=" + ANN_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out


def test_secrets_never_reach_vvv_output(ansible, emu, write_playbook, tmp_path):
    password = "Onboard-Passw0rd-Secret"
    # As in real use the password comes from a variable (a vault, say), not the task's text,
    # which Ansible quotes around a failing task.
    secrets = tmp_path / "secrets.json"
    secrets.write_text(json.dumps({"new_password": password}))
    playbook = write_playbook("""
- hosts: localhost
  gather_facts: false
  tasks:
    - name: remove with client credentials
      uipath.identity.user:
        user_id: %s
        state: absent
    - name: create with a password
      uipath.identity.user:
        username: pwuser
        email: pwuser@example.com
        password: "{{ new_password }}"
    - name: a refused password change fails
      uipath.identity.user:
        username: ann-missing
        email: Bob.Smith@Example.com
        password: "{{ new_password }}"
      ignore_errors: true
    - name: a failing call with the secret in the environment
      uipath.identity.user:
        user_id: %s
        state: absent
        organization: acme-typo
      ignore_errors: true
""" % (ANN_ID, BOB_ID))
    env = ansible.env(emu, auth="client")
    run = ansible.playbook(playbook, env, "-vvv", "-e", "@" + str(secrets))
    assert run.recap()["failed"] == 0, run.out
    issued = [r for r in emu.log if r["path"].endswith("/connect/token") and r["status"] == 200]
    assert issued and "ignored=2" in run.out
    for secret in (CLIENT_SECRET, password, FULL_TOKEN):
        assert secret not in run.out, secret
    bad = ansible.playbook(REMOVE, ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-app", UIPATH_CLIENT_SECRET="Wrong-Secret-Value"),
                           "-e", "user_id=" + BOB_ID, "-vvv")
    assert bad.rc != 0 and "Wrong-Secret-Value" not in bad.out
    static = ansible.playbook(REMOVE, ansible.env(emu), "-e", "user_id=" + BOB_ID, "-vvv")
    assert static.rc == 0 and FULL_TOKEN not in static.out
    assert "Bearer" not in json.dumps(emu.log)


def inventory(tmp_path, user_ids):
    lines = ["[users]"] + ["host%02d ansible_connection=local target_user=%s" % (n, user_id) for n, user_id in enumerate(user_ids)]
    path = tmp_path / "inventory.ini"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


FORKED = """
- hosts: users
  gather_facts: false
  tasks:
    - uipath.identity.user:
        user_id: "{{ target_user }}"
        state: absent
"""


def test_ten_forks_removing_one_user(ansible, emu, write_playbook, tmp_path):
    run = ansible.playbook(write_playbook(FORKED), ansible.env(emu), "-i", inventory(tmp_path, [ANN_ID] * 10), "-f", "10")
    recaps = [run.recap("host%02d" % n) for n in range(10)]
    assert sum(r["changed"] for r in recaps) == 1 and sum(r["failed"] for r in recaps) == 0, run.out
    assert statuses(emu, "DELETE").count(204) == 1


def test_ten_forks_under_a_rate_limit(ansible, emulator, write_playbook, tmp_path):
    emu = emulator(rate_limits={"DELETE": 3}, rate_window=2)
    ids = [u["id"] for u in emu.add_users(ORG, 10, prefix="leaver")]
    run = ansible.playbook(write_playbook(FORKED), ansible.env(emu), "-i", inventory(tmp_path, ids), "-f", "10")
    recaps = [run.recap("host%02d" % n) for n in range(10)]
    assert all(r["changed"] == 1 and r["failed"] == 0 for r in recaps), run.out
    removed = [r["path"].rsplit("/", 1)[1] for r in emu.log if r["method"] == "DELETE" and r["status"] == 204]
    assert sorted(removed) == sorted(ids)
    assert 429 in statuses(emu, "DELETE")
