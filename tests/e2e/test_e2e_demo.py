"""`make demo` (tools/demo/demo.py): it runs, and what it prints can be pasted into a shell.

The demo stops its emulator when it ends, so the pasted lines are run against this test's own
emulator, with the demo's UIPATH_URL replaced by that emulator's address.
"""

import os
import re
import subprocess
import sys

import pytest

from support import ANN_ID, AS_MODULE_PROCESSES, ORG, REPO, clean_ansible_env

DEMO = os.path.join(REPO, "tools", "demo", "demo.py")


@pytest.mark.skipif(AS_MODULE_PROCESSES, reason="the demo runs as a user runs it, once")
def test_demo_runs_and_its_commands_paste_into_a_shell(emu, tmp_path):
    env = clean_ansible_env(str(tmp_path / "unused"))
    done = subprocess.run([sys.executable, DEMO], cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "1 DELETE (the first run only); the dry run sent none." in out
    # The example seed's secret is public test data, so the demo shows it as it is.
    assert "export UIPATH_CLIENT_SECRET=acme-secret" in out

    pasted = [line[2:] if line.startswith("$ ") else line
              for line in out.splitlines() if line.startswith(("export ", "cd ", "$ "))]
    assert sum(line.startswith("cd ") for line in pasted) == 1
    assert sum("ansible-playbook" in line for line in pasted) == 3, out
    pasted = [re.sub(r"^export UIPATH_URL=.*", "export UIPATH_URL=" + emu.url, line) for line in pasted]
    again = subprocess.run(["bash", "-ec", "\n".join(pasted)], env=clean_ansible_env(str(tmp_path / "unused")),
                           capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stdout + again.stderr
    assert emu.user(ORG, ANN_ID) is None
    assert len([r for r in emu.log if r["method"] == "DELETE"]) == 1


def test_demo_shows_no_secret_but_the_seeds():
    sys.path.insert(0, os.path.dirname(DEMO))
    try:
        import demo  # pylint: disable=import-outside-toplevel,import-error
    finally:
        sys.path.remove(os.path.dirname(DEMO))
    public = demo.public_secrets()
    assert demo.shown("UIPATH_CLIENT_SECRET", "acme-secret", public) == "acme-secret"
    assert demo.shown("UIPATH_CLIENT_SECRET", "a real one", public) == "'<hidden>'"
    assert demo.shown("UIPATH_ACCESS_TOKEN", "eyJhbGciOi.x.y", public) == "'<hidden>'"
    assert demo.shown("UIPATH_URL", "http://127.0.0.1:1/a b", public) == "'http://127.0.0.1:1/a b'"
