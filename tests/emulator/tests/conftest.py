"""Shared fixtures: a fresh emulator per test and an authenticated session."""

import pytest

from emulator_helpers import session_for
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
