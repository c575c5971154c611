"""HTTPS with a generated CA: trusted with the CA file, refused without it."""

import os

import pytest
import requests

from emulator_helpers import ANN_ID, TIMEOUT
from identity_emulator import Emulator

pytest.importorskip("cryptography", reason="HTTPS mode needs the cryptography package")


def test_https_with_and_without_the_ca():
    with Emulator(https=True) as emu:
        assert emu.url.startswith("https://127.0.0.1:")
        assert os.path.isfile(emu.ca_path)
        headers = {"Authorization": "Bearer " + emu.issue_token("acme")}
        url = emu.base("acme") + "/api/User/" + ANN_ID
        assert requests.get(url, headers=headers, verify=emu.ca_path, timeout=TIMEOUT).status_code == 200
        localhost = url.replace("127.0.0.1", "localhost")
        assert requests.get(localhost, headers=headers, verify=emu.ca_path, timeout=TIMEOUT).status_code == 200
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(url, headers=headers, timeout=TIMEOUT)
        # The server survives a refused handshake.
        assert requests.get(url, headers=headers, verify=emu.ca_path, timeout=TIMEOUT).status_code == 200
        ca_path = emu.ca_path
    assert not os.path.exists(ca_path)


def test_plain_http_has_no_ca(emu):
    assert emu.url.startswith("http://") and emu.ca_path is None
