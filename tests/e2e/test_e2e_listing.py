"""The listing and the records the API answers, with the real ansible-playbook against a hostile emulator.

Users removed between two pages of the listing (parallel forks, another admin) shift the pages that
follow; an answer may carry another user's record or entries of the wrong shape. Whatever the server
does, a user that exists is never reported absent, and no user is removed that was not asked for.
"""

import pytest

from support import ANN_ID, BOB_ID, MODULE_PROCESS, ORG
from test_e2e_lifecycle import INFO, USER, run_tasks

JOANN_ID = "1a7b4d2f-3c5e-4f90-8b2c-4d6e8f0a2b3c"
BOBBY_ID = "3c9d6f41-5e70-4b12-8d4e-6f80ab2c4d5e"
CAROL_ID = "4dae7052-6f81-4c23-9e5f-7091bc3d5e6f"
MISSING_ID = "00000000-0000-4000-8000-0000000000a1"
STAFF = 1100
TARGET = 1001
# Ten users leave after the first page is served. Read by skip alone, that hides the users listed from
# position 1000 on (in the emulator's insertion order 994 to 1003 of the staff, and 1000 to 1009 of a
# search for "staff"); read sorted by id with overlapping pages, 1000 to 1008. The target is in all of them.
SHIFT = 10


def staff_id(number):
    # Sorted by id, the staff come first (the seed's ids start higher) and in the order they were added.
    return "00000000-0000-4000-8000-%012d" % number


def add_staff(emu):
    """1,100 users whose user names and emails contain those of the target, staff number 1001."""
    for number in range(STAFF):
        if number == TARGET:
            emu.add_user(ORG, id=staff_id(number), userName="staff", email="staff@example.test")
        else:
            emu.add_user(ORG, id=staff_id(number), userName="staff.%04d" % number, email="u%04d.staff@example.test" % number)


def remove_between_pages(emu):
    emu.add_fault(method="GET", path="/api/User/users/", kind="remove", remove=SHIFT, count=1)


def reads_by_id(emu):
    return [r for r in emu.log if r["method"] == "GET" and "/api/User/users/" not in r["path"]]


def test_bulk_removal_finds_a_user_that_removals_between_pages_shift_out_of_sight(ansible, emu, write_playbook):
    add_staff(emu)
    remove_between_pages(emu)
    leavers = [staff_id(5), staff_id(TARGET), MISSING_ID]
    run, (result,) = run_tasks(ansible, ansible.env(emu), write_playbook, [(USER, dict(user_ids=leavers, state="absent"))])
    assert not result.get("failed") and result["changed"], run.out
    assert result["deleted"] == [staff_id(5), staff_id(TARGET)] and result["not_found"] == [MISSING_ID]
    assert emu.user(ORG, staff_id(TARGET)) is None
    # The listing changed while it was read, so the two ids it did not show were read one by one.
    assert sorted(r["path"].rsplit("/", 1)[1] for r in reads_by_id(emu)) == sorted([staff_id(TARGET), MISSING_ID])
    listing = [r["query"] for r in emu.log if "/api/User/users/" in r["path"]]
    assert [(q["sortBy"], q["sortOrder"], q["skip"]) for q in listing] == [("Id", "asc", "0"), ("Id", "asc", "999")]


@pytest.mark.parametrize("option, value", [("username", "STAFF"), ("email", "staff@example.test")])
def test_lookup_finds_a_user_that_removals_between_pages_shift_out_of_sight(ansible, emu, write_playbook, option, value):
    add_staff(emu)
    remove_between_pages(emu)
    run, (result,) = run_tasks(ansible, ansible.env(emu), write_playbook, [(USER, {option: value, "state": "absent"})])
    assert not result.get("failed") and result["changed"] and "already absent" not in result["msg"], run.out
    assert result["user"]["id"] == staff_id(TARGET) and emu.user(ORG, staff_id(TARGET)) is None
    # The first read changed under it and found nobody: it was read once more, from the start.
    assert [r["query"]["skip"] for r in emu.log if "/api/User/users/" in r["path"]] == ["0", "999", "0"]


def test_a_lookup_in_a_listing_that_keeps_changing_fails_instead_of_reporting_absence(ansible, emu, write_playbook):
    # Nobody is named "taff", but 1,100 users match the term, and both reads change under the lookup:
    # the absence cannot be proven, so it is not claimed.
    add_staff(emu)
    # Every listing request uses the fault up, a last page too (which removes nobody): 3 reach the second pass.
    emu.add_fault(method="GET", path="/api/User/users/", kind="remove", remove=SHIFT, count=3)
    tasks = [(INFO, {"username": "taff"}), (USER, {"username": "taff", "state": "absent"})]
    run, (info, removal) = run_tasks(ansible, ansible.env(emu), write_playbook, tasks)
    assert info.get("failed") and "kept changing" in info["msg"] and "users" not in info, run.out
    assert "/api/User/users/%s" % emu.partition(ORG) in info["msg"]
    # The faults are spent: the second task reads a listing that holds still, and nobody is named taff.
    assert removal["changed"] is False and "already absent" in removal["msg"]


def test_bulk_removal_under_an_unstable_default_order(ansible, emulator, write_playbook):
    # Without sortBy the order is the server's to choose; here it differs on every request.
    emu = emulator(default_order="random")
    add_staff(emu)
    leavers = [staff_id(number) for number in range(0, STAFF, 7)]
    run, (result,) = run_tasks(ansible, ansible.env(emu), write_playbook, [(USER, dict(user_ids=leavers, state="absent"))])
    assert not result.get("failed") and result["deleted"] == leavers and result["not_found"] == [], run.out
    assert not [i for i in leavers if emu.user(ORG, i)] and reads_by_id(emu) == []


def listing_page(entry):
    return {"totalCount": 3, "results": [emulator_user(BOB_ID), entry, emulator_user(JOANN_ID)]}


def emulator_user(user_id):
    names = {BOB_ID: ("bob", "Bob.Smith@Example.com"), JOANN_ID: ("joann", "JoAnn@Example.COM")}[user_id]
    return {"id": user_id, "userName": names[0], "email": names[1], "name": "N", "surname": "S", "type": 0, "isActive": True}


# Each task reads one page whose second entry is broken; the last one reads ann by id and gets bob's record.
HOSTILE = [
    ((USER, {"username": "ann", "state": "absent"}), None),
    ((USER, {"email": "ann@example.com", "state": "absent"}), "ann"),
    ((USER, {"user_ids": [ANN_ID], "state": "absent"}), {"userName": "ann", "email": "ann@example.com"}),
    ((USER, {"user_ids": [ANN_ID], "state": "absent"}), {"id": 12, "userName": "ann", "email": "ann@example.com"}),
    ((USER, {"username": "ann", "state": "absent"}), {"id": "../x", "userName": "ann", "email": "ann@example.com"}),
    ((USER, {"username": "ann", "state": "absent"}), {"id": "1", "userName": "ann", "email": "ann@example.com"}),
    ((USER, {"username": "ann", "name": "Ann"}), {"id": "1", "userName": "ann", "email": "ann@example.com"}),
    ((INFO, {"search": "a"}), 7),
]


def run_hostile(ansible, emulator, write_playbook, *args):
    emu = emulator()
    for task, entry in HOSTILE:
        emu.add_fault(method="GET", path="/api/User/users/", kind="body", status=200, body=listing_page(entry))
    emu.add_fault(method="GET", path="/api/User/" + ANN_ID, kind="body", status=200, body=emulator_user(BOB_ID))
    tasks = [task for task, entry in HOSTILE] + [(USER, {"user_id": ANN_ID, "state": "absent"})]
    run, results = run_tasks(ansible, ansible.env(emu), write_playbook, tasks, *args)
    assert [r for r in emu.log if r["method"] != "GET"] == [], run.out
    assert emu.user(ORG, ANN_ID) and emu.user(ORG, BOB_ID)
    return run, [(r.get("failed"), r.get("changed"), r["msg"].replace(emu.url, "<emulator>")) for r in results]


def test_hostile_answers_fail_cleanly_and_alike_in_the_worker_and_as_a_module_process(ansible, emulator, write_playbook):
    worker, in_worker = run_hostile(ansible, emulator, write_playbook)
    module, as_module = run_hostile(ansible, emulator, write_playbook, *MODULE_PROCESS)
    for failed, changed, msg in in_worker:
        assert failed and not changed and msg.startswith("Not an Identity API answer: GET <emulator>/acme/identity_/api/User/"), worker.out
    for failed, changed, msg in in_worker[:-1]:
        assert "/api/User/users/" in msg and "results[1]" in msg, msg
    assert BOB_ID in in_worker[-1][2] and "not the id asked for" in in_worker[-1][2]
    assert in_worker == as_module
    for run in (worker, module):
        assert "Traceback" not in run.out and "MODULE FAILURE" not in run.out and "deserialization" not in run.out


def test_a_lost_bulk_answer_and_a_failed_relisting_report_what_is_not_known(ansible, emu, write_playbook):
    emu.add_fault(method="DELETE", path=r"/api/User$", kind="delay", delay=0.0, count=1)   # the first chunk goes through
    emu.add_fault(method="DELETE", path=r"/api/User$", kind="delay", delay=2.5, count=1)   # carried out after the client gave up
    emu.add_fault(method="GET", path="/api/User/users/", kind="delay", delay=0.0, count=1)  # the first listing is fine
    emu.add_fault(method="GET", path="/api/User/users/", status=503, count=1)               # the one that would tell is not
    leavers = [ANN_ID, JOANN_ID, BOB_ID, BOBBY_ID, CAROL_ID]
    env = ansible.env(emu, UIPATH_TIMEOUT="1", UIPATH_RETRIES="0")
    run, (result,) = run_tasks(ansible, env, write_playbook, [(USER, dict(user_ids=leavers, chunk_size=2, state="absent"))])
    assert result["failed"] and result["changed"], run.out
    assert (result["deleted"], result["unknown"], result["not_deleted"]) == ([ANN_ID, JOANN_ID], [BOB_ID, BOBBY_ID], [CAROL_ID])
    assert "the ids in unknown may have been removed" in result["msg"]
    assert emu.user(ORG, CAROL_ID) is not None
