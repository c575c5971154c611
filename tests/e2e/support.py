"""What the end-to-end tests share: the seed's names and a runner for the Ansible CLIs."""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tools"))

from ansible_env import BIN, clean_ansible_env  # noqa: E402 pylint: disable=wrong-import-position
SEED = os.path.join(REPO, "tests", "emulator", "seed.example.json")
ORG = "acme"
PARTITION = "5b4d3c2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
ANN_ID = "0f6a3c1e-2b4d-4e8f-9a1b-3c5d7e9f1a2b"
BOB_ID = "2b8c5e30-4d6f-4a01-9c3d-5e7f9a1b3c4d"
CLIENT_ID, CLIENT_SECRET = "acme-app", "acme-secret"
FULL_TOKEN = "rt_acme_full_0123456789abcdef"
# A static token of the seed's that may read and change users, groups and robot accounts.
ADMIN_TOKEN = "rt_acme_admin_0123456789abcdef"
# Set by tools/test/run_tests.py for a second pass of the suite: every module runs as a module
# process instead of inside the task's worker (see plugins/plugin_utils/in_process.py).
AS_MODULE_PROCESSES = os.environ.get("IDENTITY_E2E_MODULE_PROCESS") == "1"
# The extra var that makes the collection's action plugins start a module process.
MODULE_PROCESS = ("-e", "uipath_identity_in_process=false")
MODULE_PROCESS_ARGS = list(MODULE_PROCESS) if AS_MODULE_PROCESSES else []
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


class Ansible(object):
    """Runs ansible-playbook / ansible with a clean environment pointed at an emulator."""

    def __init__(self, collections, home):
        self.collections = collections
        self.home = home

    def env(self, emu=None, auth="token", **extra):
        env = clean_ansible_env(self.collections, self.home)
        if emu is not None:
            env.update(UIPATH_URL=emu.url, UIPATH_ORGANIZATION=ORG, UIPATH_PARTITION_GLOBAL_ID=PARTITION, UIPATH_RETRY_MAX_WAIT="20")
            if auth == "token":
                env["UIPATH_ACCESS_TOKEN"] = FULL_TOKEN
            elif auth == "client":
                env.update(UIPATH_CLIENT_ID=CLIENT_ID, UIPATH_CLIENT_SECRET=CLIENT_SECRET)
        env.update(dict((k, str(v)) for k, v in extra.items() if v is not None))
        for name in [k for k, v in extra.items() if v is None]:
            env.pop(name, None)
        return env

    def playbook(self, playbook, env, *args):
        path = playbook if os.path.isabs(playbook) else os.path.join(REPO, playbook)
        return Run(subprocess.run([os.path.join(BIN, "ansible-playbook"), path] + MODULE_PROCESS_ARGS + list(args),
                                  env=env, capture_output=True, text=True, check=False, timeout=300))

    def adhoc(self, env, module, module_args, *args):
        return Run(subprocess.run([os.path.join(BIN, "ansible"), "localhost", "-m", module, "-a", module_args] + MODULE_PROCESS_ARGS + list(args),
                                  env=env, capture_output=True, text=True, check=False, timeout=300))


class Run(object):
    def __init__(self, completed):
        self.rc = completed.returncode
        self.out = completed.stdout + completed.stderr

    def recap(self, host="localhost"):
        for match in RECAP.finditer(self.out):
            if match.group(1) == host:
                return dict(ok=int(match.group(2)), changed=int(match.group(3)), failed=int(match.group(5)))
        raise AssertionError("no PLAY RECAP for %s in:\n%s" % (host, self.out))


def mutating(emu):
    return [r for r in emu.log if r["method"] in ("POST", "PUT", "PATCH", "DELETE") and "/connect/token" not in r["path"]]
