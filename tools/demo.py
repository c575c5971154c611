#!/usr/bin/env python
"""`make demo`: the example playbooks against the bundled Identity Server emulator.

Builds and installs the collection from its tarball (as a user would), starts
the emulator with the example seed, runs playbooks/remove_user.yml twice and
playbooks/dry_run.yml with --check --diff, prints the requests the emulator
received, and stops the emulator.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

from ansible_env import BIN, build_and_install, clean_ansible_env

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "build", "demo")
SEED = os.path.join(ROOT, "tests", "emulator", "seed.example.json")


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


def playbook(collections, url, title, *args):
    say(title)
    print("$ ansible-playbook " + " ".join(args), flush=True)
    # The connection as a job template or a shell profile would set it:
    # an external application of the organization "acme" granted PM.User.
    env = clean_ansible_env(collections, UIPATH_URL=url, UIPATH_ORGANIZATION="acme", UIPATH_CLIENT_ID="acme-app",
                            UIPATH_CLIENT_SECRET="acme-secret", UIPATH_SCOPE="PM.User", ANSIBLE_NOCOLOR="0")
    result = subprocess.run([os.path.join(BIN, "ansible-playbook")] + list(args), cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit("demo: ansible-playbook failed (exit %d)" % result.returncode)


def main():
    say("Installing the collection from its tarball")
    collections = install_collection()
    say("Starting the Identity Server emulator (example seed: organization acme)")
    process, url = start_emulator()
    try:
        playbook(collections, url, "Remove ann by email: changed", "playbooks/remove_user.yml", "-e", "email=ann@example.com")
        playbook(collections, url, "The same again: ok, nothing to do", "playbooks/remove_user.yml", "-e", "email=ann@example.com")
        playbook(collections, url, "A dry run for three leavers: nothing is removed", "playbooks/dry_run.yml", "--check", "--diff",
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


if __name__ == "__main__":
    main()
