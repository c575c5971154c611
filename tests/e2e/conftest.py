"""End-to-end runs: the real ansible-playbook and ansible commands against the emulator.

The collection is built and installed the way a user would (ansible-galaxy
collection build, then install from the tarball) into a temporary collections
path, once per session. Every request the collection sends to an emulator is
checked against UiPath's OpenAPI contract when ../shared/reference is there.
"""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "emulator"))

from identity_emulator import Emulator  # noqa: E402 pylint: disable=wrong-import-position
import contract_check  # noqa: E402 pylint: disable=wrong-import-position
from support import REPO, SEED, Ansible  # noqa: E402 pylint: disable=wrong-import-position
from ansible_env import build_and_install  # noqa: E402 pylint: disable=wrong-import-position

CONTRACT = {"checked": 0, "violations": [], "skipped": None}


def pytest_terminal_summary(terminalreporter):
    if CONTRACT["skipped"]:
        terminalreporter.write_line("contract check: SKIPPED, %s" % CONTRACT["skipped"])
    else:
        terminalreporter.write_line("contract check: %d requests checked against the OpenAPI contract, %d violations"
                                    % (CONTRACT["checked"], len(CONTRACT["violations"])))


@pytest.fixture(scope="session")
def contract():
    folder = contract_check.reference_dir()
    if folder is None:
        CONTRACT["skipped"] = "../shared/reference with UiPath's OpenAPI files is absent"
        return None
    return contract_check.load_contract(folder)


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    """The collection built from this working tree and installed from its tarball."""
    return build_and_install(REPO, str(tmp_path_factory.mktemp("galaxy")))[1]


@pytest.fixture
def emulator(contract):
    """An emulator seeded with seed.example.json; its requests are contract-checked at the end."""
    emulators = []

    def start(**kwargs):
        kwargs.setdefault("seed", SEED)
        emu = Emulator(**kwargs).start()
        emulators.append(emu)
        return emu

    yield start
    violations = []
    for emu in emulators:
        records = emu.log
        emu.stop()
        if contract is None:
            continue
        for record in records:
            if record["path"].startswith("/_emulator"):
                continue
            CONTRACT["checked"] += 1
            violations.extend("%s %s: %s" % (record["method"], record["path"], v) for v in contract_check.check_request(contract, record))
    CONTRACT["violations"].extend(violations)
    assert not violations, "requests outside UiPath's contract:\n" + "\n".join(violations)


@pytest.fixture
def emu(emulator):
    return emulator()


@pytest.fixture
def ansible(collections_path, tmp_path):
    home = str(tmp_path / "ansible_home")
    os.makedirs(os.path.join(home, "tmp"))
    return Ansible(collections_path, home)


@pytest.fixture
def write_playbook(tmp_path):
    def write(text, name="play.yml"):
        path = tmp_path / name
        path.write_text(text)
        return str(path)
    return write
