"""Where a module runs: inside the task's worker on the controller, or as a module process.

The action plugin runs the module in the worker only where a module process would
run on the controller with the controller's Python anyway. Both ways must give the
same results, the same masking of secrets and the same requests.
"""

import json
import os
import re
import shutil
import subprocess

import pytest

from support import ADMIN_TOKEN, ANN_ID, BIN, BOB_ID, CLIENT_SECRET, FULL_TOKEN, MODULE_PROCESS, ORG, Ansible

# A module of the collection that raises where its code would have a bug, run through the collection's
# action plugin as any of its modules is: added to a copy of the installed collection, for these tests only.
CRASH_MODULE = """
from __future__ import absolute_import, division, print_function
__metaclass__ = type
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(key=dict(type="str", required=True)), supports_check_mode=True)
    module.exit_json(changed=False, value={}[module.params["key"]])


if __name__ == "__main__":
    main()
"""
CRASH_ACTION = """
from __future__ import absolute_import, division, print_function
__metaclass__ = type
from ansible_collections.uipath.identity.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    MODULE = "crash_probe"
"""
# A traceback's frames name the files the code ran from, which differ between the two ways.
FRAMES = re.compile(r"(Traceback \(most recent call last\):)(?:(?:\\n|\n) {2}(?:(?!\\n)[^\n])*)+")

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
    - name: a module that raises
      uipath.identity.crash_probe: {key: missing}
      register: crashed
      ignore_errors: true
    - name: create a user with a password
      uipath.identity.user: {username: zelda.new, email: zelda.new@example.com, password: "S3cret-zelda-pw!"}
      register: created
    - name: make a group of bob
      uipath.identity.group: {name: Parity, members: [bob], access_token: "%(admin)s"}
      diff: true
      register: group
    - name: read the group
      uipath.identity.group_info: {name: parity, access_token: "%(admin)s"}
      register: group_read
    - name: bad group input
      uipath.identity.group: {group_id: not-a-guid, access_token: "%(admin)s"}
      register: bad_group
      ignore_errors: true
    - name: make a robot account in the group
      uipath.identity.robot_account: {name: robot-parity, groups: [Parity], access_token: "%(admin)s"}
      register: robot
    - name: read robot accounts
      uipath.identity.robot_account_info: {name: robot-parity, access_token: "%(admin)s"}
      register: robots
    - name: bad robot account input
      uipath.identity.robot_account: {name: robot-parity, groups: [No such group], access_token: "%(admin)s"}
      register: bad_robot
      ignore_errors: true
    - name: write them down
      ansible.builtin.copy:
        dest: "{{ out }}"
        content: "{{ {'removed': removed, 'absent': absent, 'dry': dry, 'info': info, 'bad': bad, 'created': created,
                      'crashed': crashed, 'group': group, 'group_read': group_read, 'bad_group': bad_group,
                      'robot': robot, 'robots': robots, 'bad_robot': bad_robot} | to_json }}"
""" % dict(ann=ANN_ID, admin=ADMIN_TOKEN)


@pytest.fixture(scope="session")
def probe_collections(collections_path, tmp_path_factory):
    """The installed collection, copied, with the crashing module added."""
    target = str(tmp_path_factory.mktemp("probe") / "collections")
    shutil.copytree(collections_path, target, symlinks=True)
    plugins = os.path.join(target, "ansible_collections", "uipath", "identity", "plugins")
    for folder, text in (("modules", CRASH_MODULE), ("action", CRASH_ACTION)):
        with open(os.path.join(plugins, folder, "crash_probe.py"), "w", encoding="utf-8") as handle:
            handle.write(text)
    return target


@pytest.fixture
def probing(ansible, probe_collections):
    return Ansible(probe_collections, ansible.home)


def comparable(value, created_ids=()):
    """Registered results without what differs between two runs: the emulator's times, the ids of what the
    play created, and a failure's traceback (in exception at -vvv; in module_stderr before ansible-core 2.19),
    which names the files the code ran from."""
    if isinstance(value, dict):
        return dict((key, comparable(item, created_ids)) for key, item in value.items()
                    if key not in ("creationTime", "lastModificationTime", "lastLoginTime", "legacyId", "exception"))
    if isinstance(value, list):
        return [comparable(item, created_ids) for item in value]
    if isinstance(value, str):
        value = FRAMES.sub(r"\1<frames>", value)
        for number, created in enumerate(created_ids):
            value = value.replace(created, "<created %d>" % number)
    return value


def created_ids(results):
    """The ids of the user, group and robot account the parity play created."""
    return [results["created"]["user"]["id"], results["group"]["group"]["id"], results["robot"]["robot_account"]["id"]]


def run_parity(ansible, emulator, write_playbook, tmp_path, *extra):
    emu = emulator()
    out = str(tmp_path / ("results%s.json" % len(extra)))
    run = ansible.playbook(write_playbook(PARITY_PLAY), ansible.env(emu), "-vvv", "-e", "out=" + out, *extra)
    assert run.rc == 0, run.out
    with open(out, encoding="utf-8") as handle:
        results = json.load(handle)
    requests = [(r["method"], r["path"], r["status"]) for r in emu.log]
    requests = [(method, comparable(path, created_ids(results)), status) for method, path, status in requests]
    return run, comparable(results, created_ids(results)), requests


def test_both_ways_give_the_same_results_and_requests(probing, emulator, write_playbook, tmp_path):
    worker, in_worker, worker_requests = run_parity(probing, emulator, write_playbook, tmp_path)
    module, as_module, module_requests = run_parity(probing, emulator, write_playbook, tmp_path, *MODULE_PROCESS)
    assert "uipath.identity.user runs in the controller's process" in worker.out
    assert "AnsiballZ_user.py" not in worker.out
    assert "uipath.identity.user runs as a module: uipath_identity_in_process is false" in module.out
    assert "AnsiballZ_user.py" in module.out
    assert in_worker == as_module
    assert worker_requests == module_requests
    assert in_worker["removed"]["changed"] is True and in_worker["absent"]["changed"] is False
    assert in_worker["bad"]["failed"] is True and "user_id" in in_worker["bad"]["msg"]
    assert in_worker["group"]["changed"] is True and in_worker["robot"]["changed"] is True
    assert [g["name"] for g in in_worker["group_read"]["groups"]] == ["Parity"]
    assert [r["name"] for r in in_worker["robots"]["robot_accounts"]] == ["robot-parity"]
    assert in_worker["bad_group"]["option"] == "group_id" and in_worker["bad_robot"]["option"] == "groups"
    # A module that raises fails with its own error both ways, never as an unreadable result.
    crashed = json.dumps(in_worker["crashed"])
    assert in_worker["crashed"]["failed"] is True and "missing" in crashed and "deserialization" not in crashed
    for run in (worker, module):
        # Up to ansible-core 2.20, -vvv shows each task's arguments: with the token and the password masked.
        assert '"module_args"' not in run.out or '"password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in run.out
        assert FULL_TOKEN not in run.out and "S3cret-zelda-pw!" not in run.out


def test_both_ways_print_the_same(probing, emulator, write_playbook, tmp_path):
    # What the user reads at the default verbosity, diffs and failures included, with the emulator's
    # address, times, the new user's id and a traceback's frames put aside.
    screens = []
    for number, extra in enumerate(((), MODULE_PROCESS)):
        emu = emulator()
        out = str(tmp_path / ("screen%d.json" % number))
        run = probing.playbook(write_playbook(PARITY_PLAY), probing.env(emu), "--diff", "-e", "out=" + out, *extra)
        assert run.rc == 0, run.out
        with open(out, encoding="utf-8") as handle:
            created = created_ids(json.load(handle))
        screen = comparable(run.out.replace(emu.url, "<url>").replace(out, "<out>"), created)
        screens.append(FRAMES.sub(r"\1<frames>", re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z?", "<time>", screen)))
    assert "Invalid option user_id" in screens[0] and "missing" in screens[0] and "deserialization" not in screens[0]
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


def test_the_switch_is_read_from_the_host_the_task_runs_on(ansible, emulator, write_playbook, tmp_path):
    # Under delegate_to, that is the delegated host: the inventory host's switch decides nothing there.
    play = removal_of_ann(write_playbook, ["delegate_to: localhost"], hosts="far.example.invalid")
    for switched_off, way in (("far.example.invalid", "runs in the controller's process"),
                              ("localhost", "runs as a module: uipath_identity_in_process is false")):
        inventory = tmp_path / "hosts.ini"
        inventory.write_text("far.example.invalid ansible_host=192.0.2.1 ansible_connection=ssh\n"
                             "localhost ansible_connection=local ansible_python_interpreter=\"{{ ansible_playbook_python }}\"\n"
                             "[off]\n%s\n[off:vars]\nuipath_identity_in_process=false\n" % switched_off)
        emu = emulator()
        run = ansible.playbook(play, ansible.env(emu), "-i", str(inventory), "-vvv")
        assert run.rc == 0 and run.recap("far.example.invalid")["changed"] == 1, run.out
        assert way in run.out, run.out


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


def controller_python():
    """The Python the ansible commands start with (their first line names it), and another name of the same file
    in its folder (python beside python3, or the reverse), if there is one."""
    with open(os.path.join(BIN, "ansible-playbook"), encoding="utf-8") as handle:
        executable = handle.readline()[2:].strip()
    folder = os.path.dirname(executable)
    others = [os.path.join(folder, name) for name in ("python", "python3") if os.path.join(folder, name) != executable]
    same = [path for path in others if os.path.exists(path) and os.path.realpath(path) == os.path.realpath(executable)]
    return executable, (same or [None])[0]


def test_another_name_of_the_controllers_python_runs_in_the_worker(ansible, emu, write_playbook, tmp_path):
    # A new user's inventory names the environment's python where Ansible was started as python3, or the reverse.
    # The file that name links to, outside the environment, is another Python: a module process there.
    executable, other_name = controller_python()
    if other_name is None:
        pytest.skip("%s has no other name in its folder" % executable)
    base = os.path.realpath(executable)
    inventory = tmp_path / "hosts.ini"
    inventory.write_text("same-python ansible_connection=local ansible_python_interpreter=%s\n"
                         "base-python ansible_connection=local ansible_python_interpreter=%s\n" % (other_name, base))
    play = write_playbook("- hosts: all\n  gather_facts: false\n  tasks:\n"
                          "    - uipath.identity.user_info: {user_id: %s}\n      ignore_errors: true\n" % ANN_ID)
    run = ansible.playbook(play, ansible.env(emu, ANSIBLE_PYTHON_INTERPRETER=None), "-i", str(inventory), "-vvv")
    assert run.recap("same-python")["ok"] == 1, run.out
    assert "<same-python> uipath.identity.user_info runs in the controller's process" in run.out
    if os.path.dirname(base) != os.path.dirname(executable):
        assert "<base-python> uipath.identity.user_info runs as a module: the module's Python (%s)" % base in run.out


def test_common_inventories_of_localhost(ansible, emu, write_playbook, tmp_path):
    # AWX's inventory names the playbook's Python: the worker. Without an interpreter Ansible discovers one with
    # the host's first module (here ping), from the names it knows (python3.X first on PATH from ansible-core
    # 2.19 on; the distribution's /usr/bin/python3 on Debian before); later modules start with what it found,
    # in the worker where that is provably the controller's Python.
    inventory = tmp_path / "hosts.ini"
    inventory.write_text('awx ansible_connection=local ansible_python_interpreter="{{ ansible_playbook_python }}"\n'
                         "plain ansible_connection=local\n")
    play = write_playbook("- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n      ignore_errors: true\n"
                          "    - uipath.identity.user_info: {user_id: %s}\n      ignore_errors: true\n" % ANN_ID)
    env = ansible.env(emu, ANSIBLE_PYTHON_INTERPRETER=None, PATH=os.pathsep.join((BIN, "/usr/bin", "/bin")))
    run = ansible.playbook(play, env, "-i", str(inventory), "-vvv")
    assert run.rc == 0 and run.recap("awx")["ok"] == 2, run.out
    assert "<awx> uipath.identity.user_info runs in the controller's process" in run.out
    found = (re.findall(r'"discovered_interpreter_python": "([^"]+)"', run.out) or [""])[0]
    executable = controller_python()[0]
    plain = re.search(r"<plain> uipath.identity.user_info runs (.*)", run.out).group(1)
    if found and os.path.realpath(found) == os.path.realpath(executable) and \
            os.path.realpath(os.path.dirname(found)) == os.path.realpath(os.path.dirname(executable)):
        assert plain == "in the controller's process", run.out
    else:
        assert plain.startswith("as a module: the module's Python ("), run.out
