"""Injected faults, rate limits and concurrent deletes."""

import concurrent.futures
import time

import pytest
import requests

from emulator_helpers import ANN_ID, MISSING_ID, TIMEOUT, session_for
from identity_emulator import Emulator
from identity_emulator.faults import DEFAULT_LIMITS


def test_status_fault_fires_count_times_with_retry_after(emu, api):
    session, base = api
    emu.add_fault(method="GET", path=r"/api/User/", status=503, retry_after="2", count=2)
    for attempt in range(2):
        response = session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "2"
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 200
    assert [record["note"] for record in emu.log] == ["fault:status", "fault:status", None]


def test_fault_matches_method_and_path(emu, api):
    session, base = api
    date = "Wed, 21 Oct 2037 07:28:00 GMT"
    emu.add_fault(method="DELETE", path=r"/api/User/[0-9a-f-]{36}$", status=429, retry_after=date)
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 200
    limited = session.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == date
    assert session.delete(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 204


@pytest.mark.parametrize("status", [500, 502, 504])
def test_every_fault_status(emu, api, status):
    session, base = api
    emu.add_fault(status=status)
    response = session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == status
    assert "Retry-After" not in response.headers


def test_reset_drops_the_connection(emu, api):
    session, base = api
    emu.add_fault(kind="reset", path="/connect/token|/api/User")
    with pytest.raises(requests.exceptions.ConnectionError):
        session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).status_code == 200
    assert emu.log[0]["status"] is None and emu.log[0]["note"] == "fault:reset"


def test_delay_answers_normally_but_late(emu, api):
    session, base = api
    emu.add_fault(kind="delay", delay=0.3)
    started = time.monotonic()
    response = session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == 200 and time.monotonic() - started >= 0.3
    with pytest.raises(requests.exceptions.ReadTimeout):
        emu.add_fault(kind="delay", delay=0.5)
        session.get(base + "/api/User/" + ANN_ID, timeout=0.1)


def test_bad_fault_specs_are_refused(emu):
    for spec in ({"status": 404}, {"kind": "explode"}, {"count": 0}, {"path": "("}, {"kind": "delay", "delay": -1}):
        with pytest.raises(ValueError):
            emu.add_fault(**spec)


def test_rate_limits_are_off_by_default(emu, api):
    session, base = api
    for attempt in range(DEFAULT_LIMITS["DELETE"] + 1):
        response = session.delete(base + "/api/User/" + MISSING_ID, timeout=TIMEOUT)
    assert response.status_code == 404
    del emu


def test_rate_limit_per_organization_and_method():
    assert DEFAULT_LIMITS == {"GET": 300, "POST": 24000, "PUT": 160, "PATCH": 160, "DELETE": 160}
    with Emulator(rate_limits=True, rate_window=30, rate_limit_retry_after=True) as emu, session_for(emu) as session:
        url = emu.base("acme") + "/api/User/" + MISSING_ID
        statuses = [session.delete(url, timeout=TIMEOUT).status_code for attempt in range(161)]
        assert statuses[:160] == [404] * 160
        assert statuses[160] == 429
        limited = session.delete(url, timeout=TIMEOUT)
        assert 1 <= int(limited.headers["Retry-After"]) <= 30
        assert session.get(url, timeout=TIMEOUT).status_code == 404
        with session_for(emu, "globex") as other:
            assert other.delete(emu.base("globex") + "/api/User/" + MISSING_ID, timeout=TIMEOUT).status_code == 404
        assert emu.log[-3]["note"] == "rate-limit"


def test_a_rate_limit_sends_no_retry_after_unless_told_to():
    with Emulator(rate_limits={"GET": 1}, rate_window=30) as emu, session_for(emu) as session:
        url = emu.base("acme") + "/api/User/" + ANN_ID
        assert [session.get(url, timeout=TIMEOUT).status_code for attempt in range(2)] == [200, 429]
        assert "Retry-After" not in session.get(url, timeout=TIMEOUT).headers
        emu.configure(rate_limit_retry_after=True)
        assert 1 <= int(session.get(url, timeout=TIMEOUT).headers["Retry-After"]) <= 30


def test_switches_refuse_unknown_names_and_values():
    for bad in ({"rate_limit_retry_after": 1}, {"missing_user_body": "html"}, {"no_such_switch": True}):
        with pytest.raises(ValueError):
            Emulator(**bad)


def test_rate_limit_window_reopens():
    with Emulator(rate_limits={"GET": 2}, rate_window=1) as emu, session_for(emu) as session:
        url = emu.base("acme") + "/api/User/" + ANN_ID
        assert [session.get(url, timeout=TIMEOUT).status_code for attempt in range(3)] == [200, 200, 429]
        time.sleep(1.05)
        assert session.get(url, timeout=TIMEOUT).status_code == 200


def test_concurrent_deletes_of_one_user_succeed_once(emu):
    url = emu.base("acme") + "/api/User/" + ANN_ID
    token = emu.issue_token("acme")

    def delete(attempt):
        del attempt
        return requests.delete(url, headers={"Authorization": "Bearer " + token}, timeout=TIMEOUT).status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(delete, range(10)))
    assert sorted(statuses) == [204] + [404] * 9
