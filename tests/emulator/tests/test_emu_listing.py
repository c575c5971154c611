"""Listing faults: an answer replaced by a given body, users removed between pages, an unstable default order."""

import pytest
import requests

from emulator_helpers import ACME_USERS, ANN_ID, BOB_ID, TIMEOUT, client_token, session_for
from identity_emulator import Emulator


def _list(session, emu, **query):
    query.setdefault("top", 1000)
    response = session.get(emu.base("acme") + "/api/User/users/" + emu.partition("acme"), params=query, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(page):
    return [user["id"] for user in page["results"]]


def test_body_fault_answers_the_given_json_once(emu, api):
    session, base = api
    bob = emu.user("acme", BOB_ID)
    emu.add_fault(method="GET", path="/api/User/" + ANN_ID, kind="body", status=200, body=bob)
    answered = session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert answered.status_code == 200 and answered.json() == bob
    assert answered.headers["Content-Type"].startswith("application/json")
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).json()["id"] == ANN_ID
    assert [record["note"] for record in emu.log] == ["fault:body", None]


def test_body_fault_can_be_any_json_with_any_status(emu, api):
    session = api[0]
    emu.add_fault(path="/api/User/users/", kind="body", status=200, body={"totalCount": 2, "results": [None, "x"]})
    emu.add_fault(path="/api/User/users/", kind="body", status=500, body=[1, 2])
    assert _list(session, emu) == {"totalCount": 2, "results": [None, "x"]}
    assert session.get(emu.base("acme") + "/api/User/users/" + emu.partition("acme"), timeout=TIMEOUT).status_code == 500


def test_body_fault_through_the_control_api(emu, api):
    added = requests.post(emu.url + "/_emulator/faults", json={"kind": "body", "status": 200, "body": {"id": 12}}, timeout=TIMEOUT)
    assert added.status_code == 201 and added.json()["added"][0]["body"] == {"id": 12}
    assert api[0].get(api[1] + "/api/User/" + ANN_ID, timeout=TIMEOUT).json() == {"id": 12}


def test_remove_fault_shifts_the_next_page(emu, api):
    session = api[0]
    emu.add_users("acme", 14, prefix="staff")
    everyone = _ids(_list(session, emu, sortBy="Id"))
    emu.add_fault(method="GET", path="/api/User/users/", kind="remove", remove=3, count=1)
    first = _list(session, emu, sortBy="Id", top=10)
    assert _ids(first) == everyone[:10] and first["totalCount"] == ACME_USERS + 14
    second = _list(session, emu, sortBy="Id", top=10, skip=10)
    # The three earliest users left after the first page: the second starts three users later.
    assert second["totalCount"] == ACME_USERS + 14 - 3 and _ids(second) == everyone[13:]
    assert [emu.user("acme", i) for i in everyone[:3]] == [None] * 3
    assert emu.log[-2]["note"] == "fault:remove"


def test_remove_fault_spares_the_last_page(emu, api):
    emu.add_fault(method="GET", path="/api/User/users/", kind="remove", remove=2, count=1)
    assert len(_ids(_list(api[0], emu))) == ACME_USERS and len(emu.users("acme")) == ACME_USERS


def test_sort_by_id_is_stable_and_the_random_default_order_is_not():
    with Emulator(default_order="random") as emu, session_for(emu) as session:
        emu.add_users("acme", 200, prefix="staff")
        by_id = _ids(_list(session, emu, sortBy="Id"))
        assert by_id == sorted(by_id) and by_id == _ids(_list(session, emu, sortBy="id", sortOrder="asc"))
        orders = {tuple(_ids(_list(session, emu))) for attempt in range(3)}
        assert len(orders) > 1
        emu.configure(default_order="insertion")
        assert _ids(_list(session, emu)) == [user["id"] for user in emu.users("acme")]


@pytest.mark.parametrize("spec", [
    {"kind": "body", "status": 99}, {"kind": "body", "status": True}, {"kind": "remove"}, {"kind": "remove", "remove": 1001},
])
def test_bad_listing_fault_specs_are_refused(emu, spec):
    with pytest.raises(ValueError):
        emu.add_fault(**spec)


def test_bad_default_order_is_refused():
    with pytest.raises(ValueError):
        Emulator(default_order="sideways")


def test_cli_default_order_and_a_remove_fault_through_the_control_api(tmp_path):
    from test_emu_cli import _start, _stop  # pylint: disable=import-outside-toplevel
    process, url = _start(tmp_path, "--generate-users", "30", "--default-order", "random")
    try:
        base = url + "/acme/identity_"
        headers = {"Authorization": "Bearer " + client_token(base, "acme-app", "acme-secret").json()["access_token"]}
        listing = base + "/api/User/users/" + requests.get(url + "/_emulator/users/acme", timeout=TIMEOUT).json()["partitionGlobalId"]
        orders = {tuple(u["id"] for u in requests.get(listing, params={"top": 100}, headers=headers, timeout=TIMEOUT).json()["results"])
                  for attempt in range(3)}
        assert len(orders) > 1
        fault = {"method": "GET", "path": "/api/User/users/", "kind": "remove", "remove": 4}
        assert requests.post(url + "/_emulator/faults", json=fault, timeout=TIMEOUT).status_code == 201
        first = requests.get(listing, params={"top": 10, "sortBy": "Id"}, headers=headers, timeout=TIMEOUT).json()
        assert first["totalCount"] == 36 and len(requests.get(url + "/_emulator/users/acme", timeout=TIMEOUT).json()["users"]) == 32
    finally:
        _stop(process)
