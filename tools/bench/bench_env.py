"""What tools/bench/benchmark.py runs on: the installed collection, the emulator, ansible-playbook.

The collection is built with ansible-galaxy and installed from its tarball into
a temporary collections path, as a user would install it. Each measured run
gets a fresh in-process emulator (so every run removes the same users), whose
server is wrapped to count the TCP connections it accepts. The medians, spreads
and verdicts of the tables are here too, shared by every report.
"""

import copy
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.dirname(sys.executable)
# ansible_env stays in tools/: the demo and the end-to-end tests share it.
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from identity_emulator import Emulator  # noqa: E402 pylint: disable=wrong-import-position
from ansible_env import build_and_install, clean_ansible_env  # noqa: E402 pylint: disable=wrong-import-position

SEED = os.path.join(ROOT, "tests", "emulator", "seed.example.json")
ORG = "acme"
TOKEN = "rt_acme_full_0123456789abcdef"
CLIENT_ID, CLIENT_SECRET = "acme-app", "acme-secret"


def base_seed():
    """The example seed with acme's hand-written users removed: each scenario adds its own."""
    with open(SEED, encoding="utf-8") as handle:
        seed = json.load(handle)
    for org in seed["organizations"]:
        if org["name"] == ORG:
            org["users"] = []
    return seed


class CountingEmulator(object):
    """An emulator whose server counts accepted TCP connections."""

    def __init__(self, seed=None, **kwargs):
        self.emu = Emulator(seed=copy.deepcopy(seed) if seed is not None else base_seed(), **kwargs)
        self.connections = 0
        self._lock = threading.Lock()

    def start(self):
        self.emu.start()
        server = self.emu._server  # pylint: disable=protected-access
        accept = server.process_request

        def counting(request, client_address):
            with self._lock:
                self.connections += 1
            return accept(request, client_address)

        server.process_request = counting
        return self

    def stop(self):
        self.emu.stop()

    def reset_counters(self):
        self.emu.clear_log()
        with self._lock:
            self.connections = 0

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def __getattr__(self, name):
        return getattr(self.emu, name)


def count_requests(log):
    """Requests by kind: token, GET by id, GET listing, DELETE by id, DELETE bulk, 429 answers."""
    counts = dict(token=0, get_user=0, list=0, delete_user=0, delete_bulk=0, other=0, limited=0)
    for record in log:
        path = record["path"]
        if record.get("note") == "rate-limit":
            counts["limited"] += 1
        if path.endswith("/connect/token"):
            counts["token"] += 1
        elif record["method"] == "GET" and "/api/User/users/" in path:
            counts["list"] += 1
        elif record["method"] == "GET":
            counts["get_user"] += 1
        elif record["method"] == "DELETE" and path.rstrip("/").endswith("/api/User"):
            counts["delete_bulk"] += 1
        elif record["method"] == "DELETE":
            counts["delete_user"] += 1
        else:
            counts["other"] += 1
    counts["api"] = sum(counts[k] for k in ("get_user", "list", "delete_user", "delete_bulk", "other"))
    return counts


# Tables ----------------------------------------------------------------------

def median(measures, key="seconds"):
    return statistics.median(m[key] for m in measures)


def spread(measures):
    values = [m["seconds"] for m in measures]
    return "%.2f-%.2f" % (min(values), max(values))


def verdict(met):
    return "**met**" if met else "**missed**"


class Lab(object):
    """A temporary collections path with the collection installed from its tarball."""

    def __init__(self, keep=False):
        self.work = tempfile.mkdtemp(prefix="uipath-identity-bench-")
        self.keep = keep
        self.home = os.path.join(self.work, "ansible_home")
        os.makedirs(os.path.join(self.home, "tmp"))
        self.collections = os.path.join(self.work, "collections")
        self.tarball = None
        self._serial = 0

    def install(self):
        tarball, self.collections = build_and_install(ROOT, self.work)
        self.tarball = os.path.basename(tarball)
        return self

    def cleanup(self):
        if not self.keep:
            shutil.rmtree(self.work, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def env(self, **extra):
        """A clean environment: no ANSIBLE_* or UIPATH_* from the caller's shell."""
        env = clean_ansible_env(self.collections, self.home, **extra)
        return env

    def write(self, name, text):
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path

    def playbook(self, playbook, extra_vars, env=None, expect_rc=0):
        """Run ansible-playbook; return (wall seconds, CPU seconds, output). Fails loudly when rc differs from expect_rc.

        The CPU seconds are those of ansible-playbook and every process under it (workers, module
        processes), all waited for: less disturbed than wall time by other work on the machine.
        """
        self._serial += 1
        vars_file = self.write("vars-%d.json" % self._serial, json.dumps(extra_vars))
        command = [os.path.join(BIN, "ansible-playbook"), playbook, "-e", "@" + vars_file]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, env=env or self.env(), capture_output=True, text=True, check=False, timeout=3600)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        os.unlink(vars_file)
        output = done.stdout + done.stderr
        if expect_rc is not None and done.returncode != expect_rc:
            raise RuntimeError("%s exited %d (expected %d):\n%s" % (os.path.basename(playbook), done.returncode, expect_rc, output[-4000:]))
        return seconds, cpu, output


# Playbooks -------------------------------------------------------------------

HEAD = "- hosts: localhost\n  gather_facts: false\n"
MODULE_CONNECTION = ("        url: \"{{ base }}\"\n        organization: acme\n        access_token: \"{{ token }}\"\n")


def play(tasks, head_extra=""):
    return HEAD + head_extra + "  tasks:\n" + ("".join(tasks) if tasks else "    []\n")


def empty_play():
    return HEAD + "  tasks: []\n"


def ping_tasks(count):
    return ["    - name: ping %d\n      ansible.builtin.ping:\n" % n for n in range(1, count + 1)]


def module_remove_tasks(user_ids):
    return ["    - name: remove user %d\n      uipath.identity.user:\n%s        user_id: %s\n        state: absent\n"
            % (n, MODULE_CONNECTION, user_id) for n, user_id in enumerate(user_ids, 1)]


def uri_remove_tasks(user_ids):
    return ["    - name: remove user %d\n      ansible.builtin.uri:\n"
            "        url: \"{{ base }}/acme/identity_/api/User/%s\"\n        method: DELETE\n"
            "        headers:\n          Authorization: \"Bearer {{ token }}\"\n        status_code: [204, 404]\n"
            % (n, user_id) for n, user_id in enumerate(user_ids, 1)]


def bulk_remove_task():
    return ["    - name: remove the leavers in bulk\n      uipath.identity.user:\n%s"
            "        partition_global_id: \"{{ partition }}\"\n        user_ids: \"{{ leavers }}\"\n        state: absent\n"
            % MODULE_CONNECTION]


def module_loop_task():
    return ["    - name: remove each leaver\n      uipath.identity.user:\n%s"
            "        user_id: \"{{ item }}\"\n        state: absent\n      loop: \"{{ leavers }}\"\n" % MODULE_CONNECTION]


def uri_loop_task(until_delay=None):
    task = ("    - name: remove each leaver\n      ansible.builtin.uri:\n"
            "        url: \"{{ base }}/acme/identity_/api/User/{{ item }}\"\n        method: DELETE\n"
            "        headers:\n          Authorization: \"Bearer {{ token }}\"\n        status_code: [204, 404]\n"
            "      loop: \"{{ leavers }}\"\n")
    if until_delay is not None:
        # What a uri loop needs to survive rate limits: repeat an item while it is answered 429.
        task += ("      register: removal\n      until: removal.status != 429\n      retries: 1000\n      delay: %s\n" % until_delay)
    return [task]


def lookup_task():
    return ["    - name: find the user by email\n      uipath.identity.user_info:\n%s"
            "        partition_global_id: \"{{ partition }}\"\n        email: \"{{ email }}\"\n"
            "      register: found\n      failed_when: found.users | length != 1\n" % MODULE_CONNECTION]


def client_credentials_play(user_ids):
    defaults = ("  module_defaults:\n    group/uipath.identity.identity:\n      url: \"{{ base }}\"\n      organization: acme\n"
                "      client_id: \"{{ client_id }}\"\n      client_secret: \"{{ client_secret }}\"\n")
    tasks = ["    - name: remove user %d\n      uipath.identity.user:\n        user_id: %s\n        state: absent\n" % (n, user_id)
             for n, user_id in enumerate(user_ids, 1)]
    return play(tasks, defaults)


def token_once_play(user_ids):
    inner = "".join("        - name: remove user %d\n          uipath.identity.user:\n            user_id: %s\n            state: absent\n"
                    % (n, user_id) for n, user_id in enumerate(user_ids, 1))
    tasks = [
        "    - name: get one token for the play\n      uipath.identity.token:\n        url: \"{{ base }}\"\n        organization: acme\n"
        "        client_id: \"{{ client_id }}\"\n        client_secret: \"{{ client_secret }}\"\n      no_log: true\n      register: uipath\n",
        "    - name: remove users with that token\n      module_defaults:\n        group/uipath.identity.identity:\n"
        "          url: \"{{ base }}\"\n          organization: acme\n          access_token: \"{{ uipath.access_token }}\"\n"
        "      block:\n" + inner,
    ]
    return play(tasks)
