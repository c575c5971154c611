#!/usr/bin/env python
"""`make demo`: the example playbooks against the bundled Identity Server emulator.

Builds and installs the collection from its tarball (as a user would), starts
the emulator with the example seed, runs playbooks/remove_user.yml twice and
playbooks/dry_run.yml with --check --diff, prints the requests the emulator
received, and stops the emulator.

Every command is printed so that it can be pasted into a shell at the repository
root, after the environment it prints first, while an emulator runs at that address.
"""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(TOOLS)
# ansible_env is shared with the benchmark and the end-to-end tests, one folder up.
sys.path.insert(0, TOOLS)

from ansible_env import BIN, build_and_install, clean_ansible_env  # noqa: E402 pylint: disable=wrong-import-position

WORK = os.path.join(ROOT, "build", "demo")
SEED = os.path.join(ROOT, "tests", "emulator", "seed.example.json")
# The connection as a job template or a shell profile would set it: an external application
# of the seed's organization "acme" granted PM.User.
CONNECTION = dict(UIPATH_ORGANIZATION="acme", UIPATH_CLIENT_ID="acme-app", UIPATH_CLIENT_SECRET="acme-secret",
                  UIPATH_SCOPE="PM.User")
SECRET_NAME = re.compile(r"SECRET|TOKEN|PASSWORD", re.I)


def say(text):
    print("\n\033[1m== %s\033[0m" % text if sys.stdout.isatty() else "\n== %s" % text, flush=True)


def install_collection():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    tarball, collections = build_and_install(ROOT, WORK)
    print("installed %s into %s" % (os.path.basename(tarball), os.path.relpath(collections, ROOT)))
    return collections


def start_emulator():
    ready = os.path.join(WORK, "emulator.url")
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "tests", "emulator"))
    process = subprocess.Popen([sys.executable, "-m", "identity_emulator", "--host", "127.0.0.1", "--port", "0",
                                "--seed", SEED, "--ready-file", ready], env=env)
    deadline = time.time() + 20
    while not os.path.exists(ready):
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            sys.exit("demo: the emulator did not start")
        time.sleep(0.05)
    with open(ready, encoding="utf-8") as handle:
        return process, handle.read().strip()


def emulator_log(url):
    with urllib.request.urlopen(url + "/_emulator/log", timeout=10) as answer:
        return json.load(answer)


def public_secrets():
    """The secrets of the example seed: public test data, which may be shown as they are."""
    with open(SEED, encoding="utf-8") as handle:
        seed = json.load(handle)
    return set(c["client_secret"] for c in seed.get("clients", [])) | set(t["token"] for t in seed.get("tokens", []))


def shown(name, value, public):
    # A secret that is not the seed's (one a caller might have added) is never printed.
    if SECRET_NAME.search(name) and value not in public:
        return "'<hidden>'"
    return shlex.quote(value)


def demo_env(collections, url):
    """The environment of every command: the caller's, without its own ANSIBLE_* and UIPATH_*."""
    return clean_ansible_env(collections, UIPATH_URL=url, ANSIBLE_NOCOLOR="0", **CONNECTION)


def show_env(env):
    say("The environment of the commands below (the emulator's example client; its secret is public seed data)")
    public = public_secrets()
    for name in sorted(env, key=lambda k: (not k.startswith("UIPATH_"), k)):
        if name.startswith(("UIPATH_", "ANSIBLE_")):
            print("export %s=%s" % (name, shown(name, env[name], public)))
    print("cd %s" % shlex.quote(ROOT), flush=True)


def command_line(argv):
    """``argv`` as one line a shell runs as it is: paths under the repository made relative to it."""
    def relative(arg):
        return os.path.relpath(arg, ROOT) if os.path.isabs(arg) and arg.startswith(ROOT + os.sep) else arg
    return " ".join(shlex.quote(relative(arg)) for arg in argv)


def playbook(env, title, *args):
    say(title)
    argv = [os.path.join(BIN, "ansible-playbook")] + list(args)
    print("$ " + command_line(argv), flush=True)
    result = subprocess.run(argv, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit("demo: ansible-playbook failed (exit %d)" % result.returncode)


def main():
    say("Installing the collection from its tarball")
    collections = install_collection()
    say("Starting the Identity Server emulator (example seed: organization acme)")
    process, url = start_emulator()
    try:
        env = demo_env(collections, url)
        show_env(env)
        playbook(env, "Remove ann by email: changed", "playbooks/remove_user.yml", "-e", "email=ann@example.com")
        playbook(env, "The same again: ok, nothing to do", "playbooks/remove_user.yml", "-e", "email=ann@example.com")
        playbook(env, "A dry run for three leavers: nothing is removed", "playbooks/dry_run.yml", "--check", "--diff",
                 "-e", json.dumps({"leavers": ["Bob.Smith@example.com", "joann@example.com", "nobody@example.com"]}))
        say("What the emulator received")
        records = emulator_log(url)
        for record in records:
            query = "&".join("%s=%s" % item for item in sorted(record.get("query", {}).items()))
            print("  %-6s %-3s %s%s" % (record["method"], record["status"], record["path"], "?" + query if query else ""))
        deletes = [r for r in records if r["method"] == "DELETE"]
        print("\n%d requests; %d DELETE (the first run only); the dry run sent none." % (len(records), len(deletes)))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        say("Emulator stopped")
    print("To run commands of your own against it, start the emulator as README.md shows under"
          " \"Try it against the emulator\".")


if __name__ == "__main__":
    main()
