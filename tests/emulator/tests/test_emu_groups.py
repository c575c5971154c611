"""/api/Group: the unpaged listing, one group with its members, create, update, delete and bulk delete."""

import pytest

from emulator_helpers import (ANN_ID, BATCH_ID, BOB_ID, GROUP_ID, MISSING_ID, ON_CALL_ID, OPERATORS_ID, REPORTS_ID, SALES_ID,
                              TIMEOUT, session_for)
from identity_emulator import Emulator
from identity_emulator import seed as seed_mod

BUILT_IN = ["Administrators", "Automation Users", "Automation Developers", "Everyone"]
ACME_GROUPS = BUILT_IN + ["Finance", "Sales", "Operators", "Onboarding", "Reviewers"]
GROUP_FIELDS = {"id", "name", "displayName", "type", "creationTime", "lastModificationTime", "members"}
CAROL_ID = "4dae7052-6f81-4c23-9e5f-7091bc3d5e6f"
NAME_REQUIRED = {"Name": ["The Name field is required."]}


def _admins(org="acme"):
    return seed_mod.stable_id(org, "Administrators", "group")


def _codes(response):
    body = response.json()
    assert body["succeeded"] is False, body
    return [error["code"] for error in body["errors"]]


def _group(session, base, emu, group_id):
    return session.get("%s/api/Group/%s/%s" % (base, emu.partition("acme"), group_id), timeout=TIMEOUT)


def _member_ids(group):
    return [member["identifier"] for member in group["members"]]


def _create(session, base, emu, **fields):
    body = dict({"partitionGlobalId": emu.partition("acme")}, **fields)
    return session.post(base + "/api/Group", json=body, timeout=TIMEOUT)


def _update(session, base, emu, group_id, **fields):
    body = dict({"partitionGlobalId": emu.partition("acme")}, **fields)
    return session.put(base + "/api/Group/" + group_id, json=body, timeout=TIMEOUT)


def test_listing_is_unpaged_in_stored_order_and_carries_no_members(emu, admin):
    session, base = admin
    response = session.get(base + "/api/Group/" + emu.partition("acme"), timeout=TIMEOUT)
    assert response.status_code == 200
    groups = response.json()
    assert [group["name"] for group in groups] == ACME_GROUPS
    assert all(set(group) == GROUP_FIELDS and group["members"] is None for group in groups)
    assert [group["type"] for group in groups] == [0] * 4 + [1] * 5
    assert all(group["displayName"] == group["name"] and group["creationTime"].endswith("Z") for group in groups)
    assert groups[0]["id"] == _admins() and groups[4]["id"] == GROUP_ID
    # Every organization has the built-in groups, each with ids of its own.
    globex = emu.groups("globex")
    assert [group["name"] for group in globex] == BUILT_IN and globex[0]["id"] == _admins("globex") != _admins()
    assert session.get(base + "/api/Group/" + emu.partition("globex"), timeout=TIMEOUT).status_code == 400


def test_one_group_carries_users_robot_accounts_then_directory_entities(emu, admin):
    session, base = admin
    assert session.put(base + "/api/User/" + CAROL_ID, json={"groupIDsToAdd": [OPERATORS_ID]}, timeout=TIMEOUT).status_code == 200
    response = _group(session, base, emu, OPERATORS_ID)
    assert response.status_code == 200
    operators = response.json()
    assert set(operators) == GROUP_FIELDS and operators["type"] == 1
    assert operators["members"] == [
        {"objectType": "DirectoryUser", "source": "aad", "identifier": CAROL_ID, "name": "carol@example.com",
         "email": "carol@example.com", "displayName": "Carol Diaz"},
        {"objectType": "DirectoryRobotUser", "source": "local", "identifier": BATCH_ID, "name": "robot-batch",
         "email": None, "displayName": "Batch Robot"},
        {"objectType": "DirectoryGroup", "source": "aad", "identifier": ON_CALL_ID, "name": "Ops On-Call",
         "email": "ops-oncall@acme.example", "displayName": "Ops On-Call"},
    ]
    finance = _group(session, base, emu, GROUP_ID.upper()).json()
    assert finance["members"] == [{"objectType": "DirectoryUser", "source": "local", "identifier": ANN_ID, "name": "ann",
                                   "email": "ann@example.com", "displayName": "Ann Lee"}]
    assert emu.group("acme", OPERATORS_ID) == _group(session, base, emu, OPERATORS_ID).json()
    assert _group(session, base, emu, _admins()).json()["members"] == []


@pytest.mark.parametrize("variant", ["problem", "empty"])
def test_an_absent_group_is_404_per_variant_and_bad_ids_are_400(variant):
    with Emulator(missing_user_body=variant) as emu, session_for(emu, scopes=("PM.Group",)) as session:
        base, partition = emu.base("acme"), emu.partition("acme")
        answers = [_group(session, base, emu, MISSING_ID), _update(session, base, emu, MISSING_ID, name="x"),
                   session.delete("%s/api/Group/%s/%s" % (base, partition, MISSING_ID), timeout=TIMEOUT)]
        for response in answers:
            assert response.status_code == 404
            assert (response.content == b"") if variant == "empty" else (response.json()["title"] == "Not Found")
        assert _group(session, base, emu, "finance").json()["errors"] == {"groupId": ["The value 'finance' is not valid."]}
        foreign = session.get("%s/api/Group/%s/%s" % (base, emu.partition("globex"), GROUP_ID), timeout=TIMEOUT)
        assert foreign.status_code == 400 and "partitionGlobalId" in foreign.json()["errors"]


def test_create_answers_201_with_members_and_each_member_shows_the_group(emu, admin):
    session, base = admin
    new_id = "0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a4b"
    response = _create(session, base, emu, name="Auditors", id=new_id.upper(), directoryUserMemberIDs=[REPORTS_ID, BOB_ID, ON_CALL_ID])
    assert response.status_code == 201
    group = response.json()
    assert (group["id"], group["name"], group["displayName"], group["type"]) == (new_id, "Auditors", "Auditors", 1)
    assert _member_ids(group) == [BOB_ID, REPORTS_ID, ON_CALL_ID]
    assert session.get(base + "/api/User/" + BOB_ID, timeout=TIMEOUT).json()["groupIDs"] == [new_id]
    assert emu.robot_account("acme", REPORTS_ID)["groupIds"] == [new_id]
    assert [g["name"] for g in session.get(base + "/api/Group/" + emu.partition("acme"), timeout=TIMEOUT).json()][-1] == "Auditors"
    plain = _create(session, base, emu, name="Plain", id="00000000-0000-0000-0000-000000000000").json()
    assert plain["members"] == [] and plain["id"] != "00000000-0000-0000-0000-000000000000"


def test_create_refusals_leave_the_groups_as_they_were(emu, admin):
    session, base = admin
    for fields in ({}, {"name": None}, {"name": "  "}):
        response = _create(session, base, emu, **fields)
        assert response.status_code == 400 and response.json()["errors"] == NAME_REQUIRED, fields
    duplicate = _create(session, base, emu, name="fINANCE")
    assert duplicate.status_code == 400 and _codes(duplicate) == ["DuplicateGroupName"]
    assert duplicate.json()["errors"][0]["description"] == "Group name 'fINANCE' is already taken."
    assert _codes(_create(session, base, emu, name="Copy", id=SALES_ID)) == ["DuplicateGroupId"]
    unknown = _create(session, base, emu, name="Ghosts", directoryUserMemberIDs=[ANN_ID, MISSING_ID])
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["directoryUserMemberIDs"]
    assert MISSING_ID in unknown.json()["errors"]["directoryUserMemberIDs"][0]
    foreign = session.post(base + "/api/Group", json={"partitionGlobalId": emu.partition("globex"), "name": "X"}, timeout=TIMEOUT)
    absent = session.post(base + "/api/Group", json={"name": "X"}, timeout=TIMEOUT)
    for response in (foreign, absent):
        assert response.status_code == 400 and "partitionGlobalId" in response.json()["errors"]
    assert _create(session, base, emu, name="X", directoryUserMemberIDs=["ann"]).json()["errors"] == {
        "$.directoryUserMemberIDs": ["The JSON value could not be converted to guid[]."]}
    assert [group["name"] for group in emu.groups("acme")] == ACME_GROUPS
    emu.configure(business_error_status=200)
    assert _create(session, base, emu, name="Sales").status_code == 200


def test_update_changes_members_as_each_member_sees_them(emu, admin):
    session, base = admin
    response = _update(session, base, emu, SALES_ID, name="Sales", directoryUserIDsToAdd=[ANN_ID, BATCH_ID, ON_CALL_ID])
    assert response.status_code == 200 and response.json()["lastModificationTime"]
    assert _member_ids(response.json()) == [ANN_ID, BATCH_ID, ON_CALL_ID]
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).json()["groupIDs"] == [GROUP_ID, SALES_ID]
    robot = session.get("%s/api/RobotAccount/%s/%s" % (base, emu.partition("acme"), BATCH_ID), timeout=TIMEOUT).json()
    assert robot["groupIds"] == [OPERATORS_ID, SALES_ID]
    # Adding a member again or removing a non-member changes nothing.
    again = _update(session, base, emu, SALES_ID, name="Sales", directoryUserIDsToAdd=[ANN_ID], directoryUserIDsToRemove=[BOB_ID])
    assert _member_ids(again.json()) == [ANN_ID, BATCH_ID, ON_CALL_ID]
    removed = _update(session, base, emu, SALES_ID, name="Sales", directoryUserIDsToRemove=[ANN_ID, BATCH_ID, ON_CALL_ID])
    assert removed.json()["members"] == [] and emu.user("acme", ANN_ID)["groupIDs"] == [GROUP_ID]
    assert emu.robot_account("acme", BATCH_ID)["groupIds"] == [OPERATORS_ID]
    # A user's own update shows in the group.
    session.put(base + "/api/User/" + BOB_ID, json={"groupIDsToAdd": [SALES_ID]}, timeout=TIMEOUT)
    assert _member_ids(_group(session, base, emu, SALES_ID).json()) == [BOB_ID]


def test_update_renames_unless_the_name_is_taken_and_needs_a_name(emu, admin):
    session, base = admin
    assert _update(session, base, emu, SALES_ID, name="Sales EMEA").json()["name"] == "Sales EMEA"
    assert _update(session, base, emu, SALES_ID, name="sales emea").json()["displayName"] == "sales emea"
    taken = _update(session, base, emu, SALES_ID, name="FINANCE")
    assert taken.status_code == 400 and _codes(taken) == ["DuplicateGroupName"]
    for body in ({}, {"name": None}, {"name": ""}, {"directoryUserIDsToAdd": [ANN_ID]}):
        response = session.put(base + "/api/Group/" + SALES_ID, json=dict(body, partitionGlobalId=emu.partition("acme")), timeout=TIMEOUT)
        assert response.status_code == 400 and response.json()["errors"] == NAME_REQUIRED, body
    unknown = _update(session, base, emu, SALES_ID, name="x", directoryUserIDsToAdd=[MISSING_ID], directoryUserIDsToRemove=[GROUP_ID])
    assert unknown.status_code == 400 and set(unknown.json()["errors"]) == {"directoryUserIDsToAdd", "directoryUserIDsToRemove"}
    assert "partitionGlobalId" in session.put(base + "/api/Group/" + SALES_ID, json={"name": "x"}, timeout=TIMEOUT).json()["errors"]
    assert _update(session, base, emu, "12", name="x").json()["errors"] == {"groupId": ["The value '12' is not valid."]}
    assert emu.group("acme", SALES_ID)["name"] == "sales emea" and emu.group("acme", SALES_ID)["members"] == []


def test_built_in_groups_keep_their_names_and_cannot_be_deleted(emu, admin):
    session, base = admin
    partition = emu.partition("acme")
    renamed = _update(session, base, emu, _admins(), name="Admins")
    assert renamed.status_code == 400 and _codes(renamed) == ["BuiltInGroupCannotBeModified"]
    # Only the case differs: the name stays, the members change.
    same = _update(session, base, emu, _admins(), name="ADMINISTRATORS", directoryUserIDsToAdd=[ANN_ID])
    assert same.status_code == 200 and same.json()["name"] == "Administrators" and _member_ids(same.json()) == [ANN_ID]
    deleted = session.delete("%s/api/Group/%s/%s" % (base, partition, _admins()), timeout=TIMEOUT)
    assert deleted.status_code == 400 and _codes(deleted) == ["BuiltInGroupCannotBeDeleted"]
    bulk = session.delete(base + "/api/Group/" + partition, json={"groupIDs": [SALES_ID, _admins()]}, timeout=TIMEOUT)
    assert bulk.status_code == 400 and _codes(bulk) == ["BuiltInGroupCannotBeDeleted"]
    assert [group["name"] for group in emu.groups("acme")] == ACME_GROUPS


def test_delete_takes_the_group_out_of_every_member(emu, admin):
    session, base = admin
    url = "%s/api/Group/%s/" % (base, emu.partition("acme"))
    assert session.delete(url + OPERATORS_ID, timeout=TIMEOUT).status_code == 204
    assert emu.robot_account("acme", BATCH_ID)["groupIds"] == [] and emu.group("acme", OPERATORS_ID) is None
    assert session.delete(url + GROUP_ID, timeout=TIMEOUT).status_code == 204
    assert session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT).json()["groupIDs"] == []
    again = session.delete(url + GROUP_ID, timeout=TIMEOUT)
    assert again.status_code == 404 and again.json()["status"] == 404
    emu.configure(missing_user_body="empty")
    empty = session.delete(url + GROUP_ID, timeout=TIMEOUT)
    assert empty.status_code == 404 and empty.content == b""
    assert session.delete(url + "x", timeout=TIMEOUT).status_code == 400


def test_bulk_delete_removes_those_that_exist(emu, admin):
    session, base = admin
    url = base + "/api/Group/" + emu.partition("acme")
    body = {"groupIDs": [GROUP_ID, SALES_ID.upper(), MISSING_ID]}
    assert session.delete(url, json=body, timeout=TIMEOUT).status_code == 204
    assert [group["name"] for group in emu.groups("acme")] == BUILT_IN + ["Operators", "Onboarding", "Reviewers"]
    assert emu.user("acme", ANN_ID)["groupIDs"] == []
    assert session.delete(url, json=body, timeout=TIMEOUT).status_code == 204
    assert session.delete(url, json={"groupIDs": None}, timeout=TIMEOUT).status_code == 204
    assert session.delete(url, json={"groupIDs": ["x"]}, timeout=TIMEOUT).status_code == 400
    assert session.delete(url, timeout=TIMEOUT).status_code == 415
    assert session.delete(base + "/api/Group/" + emu.partition("globex"), json=body, timeout=TIMEOUT).status_code == 400
    assert len(emu.groups("acme")) == 7


def test_group_type_switch_serves_integers_or_the_contract_names(emu, admin):
    session, base = admin
    listing = base + "/api/Group/" + emu.partition("acme")
    assert {group["type"] for group in session.get(listing, timeout=TIMEOUT).json()} == {0, 1}
    emu.configure(group_type="name")
    assert [group["type"] for group in session.get(listing, timeout=TIMEOUT).json()] == ["builtIn"] * 4 + ["custom"] * 5
    assert _group(session, base, emu, GROUP_ID).json()["type"] == "custom"
    assert _create(session, base, emu, name="Named").json()["type"] == "custom"
    with Emulator(group_type="name") as named:
        assert named.groups("onprem")[0]["type"] == "builtIn"
    with pytest.raises(ValueError):
        Emulator(group_type="string")


def test_user_group_ids_must_name_groups_of_the_organization(emu, admin):
    session, base = admin
    globex_group = emu.groups("globex")[0]["id"]
    partition = emu.partition("acme")
    cases = [
        (session.post(base + "/api/User", json={"partitionGlobalId": partition, "userName": "gus", "groupIDs": [globex_group]},
                      timeout=TIMEOUT), "groupIDs"),
        (session.post(base + "/api/User/BulkCreate", json={"partitionGlobalId": partition, "groupIDs": [MISSING_ID],
                                                           "users": [{"userName": "gus"}]}, timeout=TIMEOUT), "groupIDs"),
        (session.put(base + "/api/User/" + ANN_ID, json={"groupIDsToAdd": [MISSING_ID]}, timeout=TIMEOUT), "groupIDsToAdd"),
        (session.put(base + "/api/User/" + ANN_ID, json={"groupIDsToRemove": [MISSING_ID]}, timeout=TIMEOUT), "groupIDsToRemove"),
    ]
    for (response, field), wrong in zip(cases, (globex_group, MISSING_ID, MISSING_ID, MISSING_ID)):
        assert response.status_code == 400, response.text
        assert response.json()["errors"] == {field: ["The group '%s' does not exist in this organization." % wrong]}
    assert emu.user("acme", ANN_ID)["groupIDs"] == [GROUP_ID] and len(emu.users("acme")) == 6
