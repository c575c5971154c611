"""The README's commands, run as they are written, so that they cannot rot.

"Try it against the emulator" is run line by line in bash from the repository root, with
two changes a test needs: the port 8080 becomes a free one, and the virtual environment it
activates is the one running this test (each leg of `make test` has its own).
"""

import os
import re
import shlex
import socket
import subprocess

import pytest

from support import AS_MODULE_PROCESSES, BIN, REPO, clean_ansible_env

README = os.path.join(REPO, "README.md")
ACTIVATE = ". .venv/bin/activate"
EMULATOR = re.compile(r"^PYTHONPATH=tests/emulator python -m identity_emulator .*&$")


def code_blocks(text):
    return re.findall(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S)


def section(text, title):
    match = re.search(r"^## %s\n(.*?)(?=^## |\Z)" % re.escape(title), text, re.M | re.S)
    assert match, "README.md has no section %r" % title
    return match.group(1)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def readme():
    with open(README, encoding="utf-8") as handle:
        return handle.read()


def test_readme_opens_with_make_demo_and_make_test():
    first = code_blocks(readme())[0]
    assert [line.split()[:2] for line in first.splitlines()] == [["make", "demo"], ["make", "test"]]


@pytest.mark.skipif(AS_MODULE_PROCESSES, reason="the README's commands run as written, once")
def test_try_it_against_the_emulator(tmp_path):
    block = code_blocks(section(readme(), "Try it against the emulator"))[0]
    lines = block.strip().splitlines()
    assert lines[0] == ACTIVATE and any(EMULATOR.match(line) for line in lines), block
    port = str(free_port())
    script = ["set -e", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
              "export PATH=%s:\"$PATH\"" % shlex.quote(BIN)]
    for line in lines[1:]:
        script.append(line.replace("8080", port))
        if EMULATOR.match(line):
            # A person types the next line after the emulator says it listens; a script must wait for it.
            script.append("for _ in $(seq 200); do (: </dev/tcp/127.0.0.1/%s) 2>/dev/null && break; sleep 0.05; done" % port)
    home = str(tmp_path / "home")
    os.makedirs(os.path.join(home, "tmp"))
    # The collection is installed into this test's own collections path, not ~/.ansible.
    env = clean_ansible_env(str(tmp_path / "collections"), home)
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "uipath.identity:" in out and "was installed successfully" in out
    assert "identity emulator listening on http://127.0.0.1:%s" % port in out
    results = re.findall(r"^localhost \| (\w+) =>", out, re.M)
    assert results == ["SUCCESS", "CHANGED", "CHANGED", "SUCCESS"], out
    assert '"userName": "ann"' in out and "would be removed" in out and "User ann (" in out
    assert '"name": "Finance"' in out
