"""Shared fixtures: a fresh emulator per test and an authenticated session."""

import pytest

from emulator_helpers import ADMIN_SCOPES, session_for
from identity_emulator import Emulator


@pytest.fixture(name="emu")
def fixture_emu():
    with Emulator() as emulator:
        yield emulator


@pytest.fixture(name="api")
def fixture_api(emu):
    """(session with PM.User on acme, acme API base URL)."""
    with session_for(emu) as session:
        yield session, emu.base("acme")


@pytest.fixture(name="admin")
def fixture_admin(emu):
    """(session with PM.User, PM.Group and PM.RobotAccount on acme, acme API base URL)."""
    with session_for(emu, scopes=ADMIN_SCOPES) as session:
        yield session, emu.base("acme")


@pytest.fixture(name="contract", scope="session")
def fixture_contract():
    """UiPath's OpenAPI contract, or a skip saying why it is absent."""
    # Imported here: only the contract tests need jsonschema and pyyaml.
    import contract_check  # pylint: disable=import-outside-toplevel
    reference = contract_check.reference_dir()
    if reference is None:
        pytest.skip("contract checks skipped: ../shared/reference (the UiPath OpenAPI files) is absent next to the repository")
    return contract_check.load_contract(reference)
