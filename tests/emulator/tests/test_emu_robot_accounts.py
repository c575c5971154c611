"""/api/RobotAccount: the paged listing (the users' rules), get, create, update, delete and bulk delete."""

import pytest

from emulator_helpers import BATCH_ID, GROUP_ID, MISSING_ID, OPERATORS_ID, REPORTS_ID, SALES_ID, TIMEOUT, session_for
from identity_emulator import Emulator

ROBOT_FIELDS = {"id", "name", "displayName", "creationTime", "lastLoginTime", "groupIds"}
NAME_REQUIRED = {"Name": ["The Name field is required."]}


def _codes(response):
    body = response.json()
    assert body["succeeded"] is False, body
    return [error["code"] for error in body["errors"]]


def _list(session, emu, expect=200, **query):
    response = session.get(emu.base("acme") + "/api/RobotAccount/" + emu.partition("acme"), params=query, timeout=TIMEOUT)
    assert response.status_code == expect, response.text
    return response.json()


def _names(page):
    return [robot["name"] for robot in page["results"]]


def _one(session, emu, robot_id):
    return session.get("%s/api/RobotAccount/%s/%s" % (emu.base("acme"), emu.partition("acme"), robot_id), timeout=TIMEOUT)


def _create(session, emu, **fields):
    body = dict({"partitionGlobalId": emu.partition("acme")}, **fields)
    return session.post(emu.base("acme") + "/api/RobotAccount", json=body, timeout=TIMEOUT)


def _update(session, emu, robot_id, **fields):
    body = dict({"partitionGlobalId": emu.partition("acme")}, **fields)
    return session.put(emu.base("acme") + "/api/RobotAccount/" + robot_id, json=body, timeout=TIMEOUT)


def test_listing_pages_searches_and_sorts_as_the_user_listing_does(emu, admin):
    session = admin[0]
    for index in range(12):
        emu.add_robot_account("acme", "bot-%02d" % index, display_name="Night Shift" if index % 4 == 0 else None)
    first = _list(session, emu)
    assert first["totalCount"] == 14 and len(first["results"]) == 10 and set(first["results"][0]) == ROBOT_FIELDS
    assert _names(first)[:3] == ["robot-batch", "robot-reports", "bot-00"]
    assert first["results"][0]["groupIds"] == [OPERATORS_ID] and first["results"][0]["lastLoginTime"] is None
    assert _names(_list(session, emu, top=3, skip=12)) == ["bot-10", "bot-11"]
    assert _list(session, emu, top=0)["results"] == []
    assert _names(_list(session, emu, searchTerm="ROBOT-")) == ["robot-batch", "robot-reports"]
    assert _names(_list(session, emu, searchTerm="night shift")) == ["bot-00", "bot-04", "bot-08"]
    assert _list(session, emu, searchTerm="Batch Robot")["totalCount"] == 1
    assert _names(_list(session, emu, sortBy="NAME", sortOrder="desc", top=2)) == ["robot-reports", "robot-batch"]
    by_id = [robot["id"] for robot in _list(session, emu, sortBy="Id", top=100)["results"]]
    assert by_id == sorted(by_id)
    assert _names(_list(session, emu, sortBy="groupIds", top=2)) == ["robot-batch", "robot-reports"]
    assert _names(_list(session, emu, sortOrder="DESC", top=1)) == ["bot-11"]
    for query in ({"top": 1001}, {"top": -1}, {"skip": -1}, {"top": "ten"}, {"sortOrder": "down"}):
        assert "errors" in _list(session, emu, 400, **query), query
    foreign = session.get(emu.base("acme") + "/api/RobotAccount/" + emu.partition("globex"), timeout=TIMEOUT)
    assert foreign.status_code == 400 and "partitionGlobalId" in foreign.json()["errors"]


def test_random_default_order_and_the_remove_fault_apply_to_robot_accounts():
    with Emulator(default_order="random") as emu, session_for(emu, scopes=("PM.RobotAccount.Read",)) as session:
        for index in range(60):
            emu.add_robot_account("acme", "bot-%02d" % index)
        assert len({tuple(_names(_list(session, emu, top=100))) for attempt in range(3)}) > 1
        everyone = [robot["id"] for robot in _list(session, emu, sortBy="id", top=100)["results"]]
        emu.add_fault(method="GET", path="/api/RobotAccount/", kind="remove", remove=3)
        _list(session, emu, sortBy="id", top=10)
        second = _list(session, emu, sortBy="id", top=10, skip=10)
        assert second["totalCount"] == 59 and [robot["id"] for robot in second["results"]] == everyone[13:23]
        assert emu.log[-2]["note"] == "fault:remove"


def test_get_one_robot_account(emu, admin):
    session = admin[0]
    response = _one(session, emu, REPORTS_ID.upper())
    assert response.status_code == 200
    assert response.json() == emu.robot_account("acme", REPORTS_ID)
    assert response.json()["displayName"] == "robot-reports" and response.json()["groupIds"] == []
    assert _one(session, emu, "robot-reports").json()["errors"] == {"robotAccountId": ["The value 'robot-reports' is not valid."]}
    assert _one(session, emu, MISSING_ID).json()["title"] == "Not Found"


@pytest.mark.parametrize("variant", ["problem", "empty"])
def test_an_absent_robot_account_is_404_per_variant(variant):
    with Emulator(missing_user_body=variant) as emu, session_for(emu, scopes=("PM.RobotAccount",)) as session:
        url = "%s/api/RobotAccount/%s/%s" % (emu.base("acme"), emu.partition("acme"), MISSING_ID)
        for response in (_one(session, emu, MISSING_ID), _update(session, emu, MISSING_ID, displayName="x"),
                         session.delete(url, timeout=TIMEOUT)):
            assert response.status_code == 404
            assert (response.content == b"") if variant == "empty" else (response.json()["status"] == 404)


def test_create_answers_201_and_joins_the_groups(emu, admin):
    session = admin[0]
    response = _create(session, emu, name="robot-new", groupIDsToAdd=[SALES_ID, GROUP_ID, SALES_ID])
    assert response.status_code == 201
    robot = response.json()
    assert set(robot) == ROBOT_FIELDS and (robot["name"], robot["displayName"]) == ("robot-new", "robot-new")
    assert robot["groupIds"] == [SALES_ID, GROUP_ID] and robot["lastLoginTime"] is None
    assert [m["identifier"] for m in emu.group("acme", SALES_ID)["members"]] == [robot["id"]]
    named = _create(session, emu, name="robot.two@x+y_z", displayName="Robot Two").json()
    assert named["displayName"] == "Robot Two" and _list(session, emu)["totalCount"] == 4


def test_create_refusals(emu, admin):
    session = admin[0]
    for fields in ({}, {"name": None}, {"name": " "}, {"displayName": "No Name"}):
        response = _create(session, emu, **fields)
        assert response.status_code == 400 and response.json()["errors"] == NAME_REQUIRED, fields
    duplicate = _create(session, emu, name="ROBOT-BATCH")
    assert duplicate.status_code == 400 and _codes(duplicate) == ["DuplicateRobotAccountName"]
    assert duplicate.json()["errors"][0]["description"] == "Robot account name 'ROBOT-BATCH' is already taken."
    assert _codes(_create(session, emu, name="night robot")) == ["InvalidUserName"]
    unknown = _create(session, emu, name="robot-x", groupIDsToAdd=[MISSING_ID])
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["groupIDsToAdd"]
    absent = session.post(emu.base("acme") + "/api/RobotAccount", json={"name": "robot-x"}, timeout=TIMEOUT)
    assert absent.status_code == 400 and "partitionGlobalId" in absent.json()["errors"]
    assert "$.groupIDsToAdd" in _create(session, emu, name="robot-x", groupIDsToAdd="Sales").json()["errors"]
    assert len(emu.robot_accounts("acme")) == 2
    emu.configure(business_error_status=200)
    assert _create(session, emu, name="robot-batch").status_code == 200


def test_update_changes_display_name_and_groups_only(emu, admin):
    session = admin[0]
    response = _update(session, emu, BATCH_ID, name="renamed", displayName="Batch Bot", groupIDsToAdd=[SALES_ID],
                       groupIDsToRemove=[OPERATORS_ID])
    assert response.status_code == 200
    robot = response.json()
    assert (robot["name"], robot["displayName"], robot["groupIds"]) == ("robot-batch", "Batch Bot", [SALES_ID])
    assert [m["objectType"] for m in emu.group("acme", OPERATORS_ID)["members"]] == ["DirectoryGroup"]
    unchanged = _update(session, emu, BATCH_ID, displayName=None).json()
    assert unchanged == robot == _one(session, emu, BATCH_ID).json()
    unknown = _update(session, emu, BATCH_ID, groupIDsToRemove=[MISSING_ID])
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["groupIDsToRemove"]
    no_partition = session.put(emu.base("acme") + "/api/RobotAccount/" + BATCH_ID, json={"displayName": "x"}, timeout=TIMEOUT)
    assert no_partition.status_code == 400 and emu.robot_account("acme", BATCH_ID) == robot


def test_delete_then_404_and_bulk_delete(emu, admin):
    session = admin[0]
    url = "%s/api/RobotAccount/%s" % (emu.base("acme"), emu.partition("acme"))
    assert session.delete(url + "/" + BATCH_ID, timeout=TIMEOUT).status_code == 204
    assert [m["objectType"] for m in emu.group("acme", OPERATORS_ID)["members"]] == ["DirectoryGroup"]
    assert session.delete(url + "/" + BATCH_ID, timeout=TIMEOUT).status_code == 404
    assert session.delete(url + "/nope", timeout=TIMEOUT).status_code == 400
    for name in ("bot-1", "bot-2", "bot-3"):
        emu.add_robot_account("acme", name)
    ids = [robot["id"] for robot in emu.robot_accounts("acme")]
    assert session.delete(url, json={"robotAccountIDs": [ids[1], ids[3], MISSING_ID]}, timeout=TIMEOUT).status_code == 204
    assert [robot["name"] for robot in emu.robot_accounts("acme")] == ["robot-reports", "bot-2"]
    assert session.delete(url, json={"robotAccountIDs": ["x"]}, timeout=TIMEOUT).status_code == 400
    assert session.delete(url.replace(emu.partition("acme"), emu.partition("globex")), json={"robotAccountIDs": [ids[0]]},
                          timeout=TIMEOUT).status_code == 400
    assert emu.robot_account("acme", REPORTS_ID) is not None


def test_a_vanish_fault_understands_group_and_robot_account_ids(emu, admin):
    session, base = admin
    foreign = emu.partition("globex")
    emu.add_fault(method="DELETE", path="/api/(Group|RobotAccount)/", kind="vanish", remove=1, count=2)
    # The requests themselves fail (a foreign partition): only the fault removed anything.
    assert session.delete(base + "/api/Group/" + foreign, json={"groupIDs": [SALES_ID, GROUP_ID]}, timeout=TIMEOUT).status_code == 400
    assert session.delete(base + "/api/RobotAccount/" + foreign, json={"robotAccountIDs": [REPORTS_ID, BATCH_ID]},
                          timeout=TIMEOUT).status_code == 400
    assert emu.group("acme", SALES_ID) is None and emu.group("acme", GROUP_ID) is not None
    assert [robot["id"] for robot in emu.robot_accounts("acme")] == [BATCH_ID]
    assert [record["note"] for record in emu.log] == ["fault:vanish"] * 2
