"""Where a module runs: inside the task's worker on the controller, or as a module process.

The action plugin runs the module in the worker only where a module process would
run on the controller with the controller's Python anyway. Both ways must give the
same results, the same masking of secrets and the same requests.
"""

import json
import os
import re
import subprocess

from support import ANN_ID, BIN, BOB_ID, CLIENT_SECRET, FULL_TOKEN, MODULE_PROCESS, ORG

# Every kind of outcome, registered and written to a file to compare the two ways.
PARITY_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: remove ann
      uipath.identity.user: {user_id: "%(ann)s", state: absent}
      register: removed
    - name: remove ann again
      uipath.identity.user: {user_id: "%(ann)s", state: absent}
      register: absent
    - name: dry run for bob
      uipath.identity.user: {username: bob, state: absent}
      check_mode: true
      diff: true
      register: dry
    - name: read joann by email
      uipath.identity.user_info: {email: JOANN@example.com}
      register: info
    - name: bad input
      uipath.identity.user: {user_id: not-a-guid, state: absent}
      register: bad
      ignore_errors: true
    - name: create a user with a password
      uipath.identity.user: {username: zelda.new, email: zelda.new@example.com, password: "S3cret-zelda-pw!"}
      register: created
    - name: write them down
      ansible.builtin.copy:
        dest: "{{ out }}"
        content: "{{ {'removed': removed, 'absent': absent, 'dry': dry, 'info': info, 'bad': bad, 'created': created} | to_json }}"
""" % dict(ann=ANN_ID)


def comparable(value, created_id=None):
    """Registered results without what differs between two runs: the emulator's times, the new user's id,
    and a failure's traceback (shown at -vvv), which names the files the code ran from."""
    if isinstance(value, dict):
        return dict((key, comparable(item, created_id)) for key, item in value.items()
                    if key not in ("creationTime", "lastModificationTime", "lastLoginTime", "legacyId", "exception"))
    if isinstance(value, list):
        return [comparable(item, created_id) for item in value]
    if created_id and isinstance(value, str):
        return value.replace(created_id, "<created>")
    return value


def run_parity(ansible, emulator, write_playbook, tmp_path, *extra):
    emu = emulator()
    out = str(tmp_path / ("results%s.json" % len(extra)))
    run = ansible.playbook(write_playbook(PARITY_PLAY), ansible.env(emu), "-vvv", "-e", "out=" + out, *extra)
    assert run.rc == 0, run.out
    with open(out, encoding="utf-8") as handle:
        results = json.load(handle)
    requests = [(r["method"], r["path"], r["status"]) for r in emu.log]
    return run, comparable(results, results["created"]["user"]["id"]), requests


def test_both_ways_give_the_same_results_and_requests(ansible, emulator, write_playbook, tmp_path):
    worker, in_worker, worker_requests = run_parity(ansible, emulator, write_playbook, tmp_path)
    module, as_module, module_requests = run_parity(ansible, emulator, write_playbook, tmp_path, *MODULE_PROCESS)
    assert "uipath.identity.user runs in the controller's process" in worker.out
    assert "AnsiballZ_user.py" not in worker.out
    assert "uipath.identity.user runs as a module: uipath_identity_in_process is false" in module.out
    assert "AnsiballZ_user.py" in module.out
    assert in_worker == as_module
    assert worker_requests == module_requests
    assert in_worker["removed"]["changed"] is True and in_worker["absent"]["changed"] is False
    assert in_worker["bad"]["failed"] is True and "user_id" in in_worker["bad"]["msg"]
    for run in (worker, module):
        # Up to ansible-core 2.20, -vvv shows each task's arguments: with the token and the password masked.
        assert '"module_args"' not in run.out or '"password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in run.out
        assert FULL_TOKEN not in run.out and "S3cret-zelda-pw!" not in run.out


def test_both_ways_print_the_same(ansible, emulator, write_playbook, tmp_path):
    # What the user reads at the default verbosity, diffs and failures included, with the emulator's
    # address, times and the new user's id put aside.
    screens = []
    for number, extra in enumerate(((), MODULE_PROCESS)):
        emu = emulator()
        out = str(tmp_path / ("screen%d.json" % number))
        run = ansible.playbook(write_playbook(PARITY_PLAY), ansible.env(emu), "--diff", "-e", "out=" + out, *extra)
        assert run.rc == 0, run.out
        with open(out, encoding="utf-8") as handle:
            created = json.load(handle)["created"]["user"]["id"]
        screen = run.out.replace(emu.url, "<url>").replace(created, "<created>").replace(out, "<out>")
        screens.append(re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z?", "<time>", screen))
    assert "Invalid option user_id" in screens[0]
    assert screens[0] == screens[1]


def test_client_credentials_and_token_module_in_the_worker(ansible, emu, write_playbook):
    play = write_playbook("""
- hosts: localhost
  gather_facts: false
  tasks:
    - uipath.identity.token: {client_id: acme-writer, client_secret: writer-secret}
      no_log: true
      register: issued
    - uipath.identity.user:
        access_token: "{{ issued.access_token }}"
        user_id: %s
        state: absent
""" % BOB_ID)
    env = ansible.env(emu, auth=None)
    run = ansible.playbook(play, env, "-vvv")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert "uipath.identity.token runs in the controller's process" in run.out
    assert emu.user(ORG, BOB_ID) is None
    assert "writer-secret" not in run.out and CLIENT_SECRET not in run.out
    assert len([r for r in emu.log if r["path"].endswith("/connect/token")]) == 1


def test_token_without_no_log_is_refused_even_without_target_syslog(ansible, emu, write_playbook):
    # ANSIBLE_NO_TARGET_SYSLOG makes a module believe its output is not logged; the task's own no_log decides.
    play = write_playbook("- hosts: localhost\n  gather_facts: false\n  tasks:\n    - uipath.identity.token: {}\n")
    env = ansible.env(emu, auth="client", ANSIBLE_NO_TARGET_SYSLOG="true")
    for extra in ((), MODULE_PROCESS):
        run = ansible.playbook(play, env, *extra)
        assert run.rc != 0 and "set no_log: true on this task" in run.out, run.out
    assert [r for r in emu.log if r["path"].endswith("/connect/token")] == []


def removal_of_ann(write_playbook, keywords, hosts="localhost"):
    """A play of one task removing ann, with task ``keywords`` (YAML lines) added."""
    return write_playbook("- hosts: %s\n  gather_facts: false\n  tasks:\n"
                          "    - uipath.identity.user: {user_id: %s, state: absent}\n%s"
                          % (hosts, ANN_ID, "".join("      %s\n" % line for line in keywords)))


def test_environment_keyword_runs_a_module_with_it(ansible, emu, write_playbook):
    play = removal_of_ann(write_playbook, ["environment:", "  UIPATH_ACCESS_TOKEN: " + FULL_TOKEN])
    run = ansible.playbook(play, ansible.env(emu, auth=None), "-vvv")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert "runs as a module: the task sets environment variables" in run.out


def test_async_task_runs_a_module(ansible, emu, write_playbook):
    run = ansible.playbook(removal_of_ann(write_playbook, ["async: 60", "poll: 1"]), ansible.env(emu), "-vvv")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert "runs as a module: the task is async" in run.out and emu.user(ORG, ANN_ID) is None


def test_delegated_to_localhost_from_an_unreachable_host(ansible, emu, write_playbook, tmp_path):
    # Plays often target inventory hosts and delegate API calls to localhost: no connection to the host is made.
    inventory = tmp_path / "hosts.ini"
    inventory.write_text("far.example.invalid ansible_host=192.0.2.1 ansible_connection=ssh\n")
    play = removal_of_ann(write_playbook, ["delegate_to: localhost"], hosts="far.example.invalid")
    run = ansible.playbook(play, ansible.env(emu), "-i", str(inventory), "-vvv")
    assert run.rc == 0 and run.recap("far.example.invalid")["changed"] == 1, run.out
    assert "runs in the controller's process" in run.out


def test_a_retry_warning_reaches_the_screen_once(ansible, emulator, write_playbook):
    # A loop runs every item in one worker; the item answered 429 warns, the other does not repeat it.
    play = write_playbook("""
- hosts: localhost
  gather_facts: false
  tasks:
    - uipath.identity.user: {user_id: "{{ item }}", state: absent}
      loop: [%s, %s]
""" % (ANN_ID, BOB_ID))
    for extra in ((), MODULE_PROCESS):
        emu = emulator()
        emu.add_fault(method="DELETE", path="/api/User/", status=429, retry_after="0", count=1)
        run = ansible.playbook(play, ansible.env(emu), *extra)
        assert run.rc == 0 and run.recap()["changed"] == 1, run.out
        assert run.out.count("status 429; retrying") == 1, run.out


def test_adhoc_command_runs_in_the_worker(ansible, emu):
    run = ansible.adhoc(ansible.env(emu), "uipath.identity.user", "user_id=%s state=absent" % ANN_ID, "-vvv")
    assert run.rc == 0 and "CHANGED" in run.out, run.out
    assert "runs in the controller's process" in run.out and "AnsiballZ" not in run.out


def test_vaulted_client_secret_both_ways(ansible, emulator, write_playbook, tmp_path):
    # AWX and most playbooks keep the secret in a vault: it must reach the module decrypted, and never the screen.
    password_file = tmp_path / "vault-pass"
    password_file.write_text("vault-password-for-tests\n")
    vaulted = subprocess.run([os.path.join(BIN, "ansible-vault"), "encrypt_string", "--vault-password-file", str(password_file),
                              "writer-secret", "--name", "secret"], capture_output=True, text=True, check=True,
                             env=ansible.env()).stdout
    play = write_playbook("""
- hosts: localhost
  gather_facts: false
  vars:
%s
  tasks:
    - uipath.identity.user: {client_id: acme-writer, client_secret: "{{ secret }}", user_id: %s, state: absent}
""" % ("\n".join("    " + line for line in vaulted.strip().splitlines()), ANN_ID))
    for extra in ((), MODULE_PROCESS):
        emu = emulator()
        run = ansible.playbook(play, ansible.env(emu, auth=None), "--vault-password-file", str(password_file), "-vvv", *extra)
        assert run.rc == 0 and run.recap()["changed"] == 1, run.out
        assert emu.user(ORG, ANN_ID) is None and "writer-secret" not in run.out
