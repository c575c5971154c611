"""`python -m identity_emulator` as a separate process."""

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from emulator_helpers import TIMEOUT, client_token

EMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _start(tmp_path, *args):
    ready = tmp_path / "ready.txt"
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR)
    command = [sys.executable, "-m", "identity_emulator", "--port", "0", "--ready-file", str(ready)] + list(args)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # pylint: disable=consider-using-with
    deadline = time.monotonic() + 15
    while not ready.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError("emulator did not start: %s" % process.communicate()[1])
        time.sleep(0.05)
    return process, ready.read_text(encoding="utf-8").strip()


def _stop(process):
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    return stdout


def test_cli_starts_serves_and_stops_on_sigterm(tmp_path):
    process, url = _start(tmp_path, "--generate-users", "25", "--missing-user-body", "empty")
    try:
        assert url.startswith("http://127.0.0.1:")
        base = url + "/acme/identity_"
        token = client_token(base, "acme-app", "acme-secret").json()["access_token"]
        users = requests.get(url + "/_emulator/users/acme", timeout=TIMEOUT).json()
        assert len(users["users"]) == 6 + 25
        listing = requests.get(base + "/api/User/users/" + users["partitionGlobalId"], params={"searchTerm": "user000"},
                               headers={"Authorization": "Bearer " + token}, timeout=TIMEOUT)
        assert listing.json()["totalCount"] == 25
        missing = requests.get(base + "/api/User/" + "0" * 32, headers={"Authorization": "Bearer " + token}, timeout=TIMEOUT)
        assert missing.status_code == 404 and missing.content == b""
        assert len(requests.get(url + "/_emulator/log", timeout=TIMEOUT).json()) == 3
    finally:
        stdout = _stop(process)
    assert stdout.strip() == "identity emulator listening on " + url


def test_cli_https_prints_the_ca_path(tmp_path):
    pytest.importorskip("cryptography", reason="HTTPS mode needs the cryptography package")
    process, url = _start(tmp_path, "--https")
    try:
        assert url.startswith("https://")
    finally:
        stdout = _stop(process)
    assert "CA certificate: " in stdout and stdout.strip().endswith(".pem)")


def test_cli_refuses_a_bad_seed(tmp_path):
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR)
    result = subprocess.run([sys.executable, "-m", "identity_emulator", "--seed", str(tmp_path / "nope.json"), "--port", "0"],
                            env=env, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert "cannot start" in result.stderr
