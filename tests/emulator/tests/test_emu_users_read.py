"""GET /api/User/{userId} and the paged, searchable GET /api/User/users/{partitionGlobalId}."""

import uuid

from emulator_helpers import ACME_USERS, ANN_ID, MISSING_ID, TIMEOUT, session_for
from identity_emulator import Emulator

DTO_FIELDS = {"id", "userName", "email", "emailConfirmed", "name", "surname", "displayName", "creationTime",
              "lastModificationTime", "lastLoginTime", "groupIDs", "legacyId", "isActive", "bypassBasicAuthRestriction",
              "type", "invitationAccepted", "category"}


def _list(session, base, partition, **query):
    return session.get(base + "/api/User/users/" + partition, params=query, timeout=TIMEOUT)


def test_get_user_returns_the_live_user_dto(api):
    session, base = api
    response = session.get(base + "/api/User/" + ANN_ID, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    user = response.json()
    assert set(user) == DTO_FIELDS
    assert user["type"] == 0 and isinstance(user["category"], int)
    assert user["email"] == "ann@example.com"
    assert user["creationTime"].endswith("Z")


def test_types_are_integers_whatever_the_seed_said(emu, api):
    session, base = api
    users = _list(session, base, emu.partition("acme"), top=100).json()["results"]
    by_name = {user["userName"]: user for user in users}
    assert by_name["carol@example.com"]["type"] == 2
    assert by_name["carol@example.com"]["category"] == 2
    assert by_name["robot01"]["type"] == 1


def test_missing_user_problem_body(api):
    session, base = api
    response = session.get(base + "/api/User/" + MISSING_ID, timeout=TIMEOUT)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == "Not Found" and body["status"] == 404
    assert body["type"].startswith("https://") and body["traceId"]


def test_missing_user_empty_body():
    with Emulator(missing_user_body="empty") as emu, session_for(emu) as session:
        response = session.get(emu.base("acme") + "/api/User/" + MISSING_ID, timeout=TIMEOUT)
        assert response.status_code == 404
        assert response.content == b""
        assert response.headers["Content-Length"] == "0"


def test_non_guid_user_id_is_a_validation_problem(api):
    session, base = api
    response = session.get(base + "/api/User/not-a-guid", timeout=TIMEOUT)
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"userId": ["The value 'not-a-guid' is not valid."]}
    assert body["title"] == "One or more validation errors occurred."
    assert body["status"] == 400 and body["traceId"] and body["type"]


def test_guid_spellings_dotnet_accepts(api):
    session, base = api
    for spelling in (ANN_ID.upper(), ANN_ID.replace("-", ""), "{%s}" % ANN_ID):
        assert session.get(base + "/api/User/" + spelling, timeout=TIMEOUT).json()["id"] == ANN_ID


def test_listing_defaults(emu, api):
    session, base = api
    body = _list(session, base, emu.partition("acme")).json()
    assert body["totalCount"] == ACME_USERS
    assert [user["userName"] for user in body["results"]] == [user["userName"] for user in emu.users("acme")]
    emu.add_users("acme", 20)
    body = _list(session, base, emu.partition("acme")).json()
    assert body["totalCount"] == ACME_USERS + 20
    assert len(body["results"]) == 10


def test_search_term_is_a_case_insensitive_substring_match(emu, api):
    session, base = api
    partition = emu.partition("acme")

    def names(term):
        body = _list(session, base, partition, searchTerm=term, top=100).json()
        assert body["totalCount"] == len(body["results"])
        return sorted(user["userName"] for user in body["results"])

    assert names("ann") == ["ann", "joann"]
    assert names("JOANN@example.com") == ["joann"]
    assert names("bob") == ["bob", "bobby"]
    assert names("TABLES") == ["bobby"]
    assert names("smith@EXAMPLE") == ["bob"]
    assert names("nobody-matches") == []
    assert len(names("")) == ACME_USERS


def test_paging_is_stable_and_complete(emu, api):
    session, base = api
    emu.add_users("acme", 45)
    partition = emu.partition("acme")
    seen = []
    for skip in range(0, 60, 7):
        seen.extend(user["id"] for user in _list(session, base, partition, top=7, skip=skip).json()["results"])
    assert len(seen) == len(set(seen)) == ACME_USERS + 45
    again = [user["id"] for user in _list(session, base, partition, top=1000).json()["results"]]
    assert again == seen


def test_sorting(emu, api):
    session, base = api
    partition = emu.partition("acme")
    names = [user["userName"] for user in _list(session, base, partition, sortBy="userName", sortOrder="desc").json()["results"]]
    assert names == sorted(names, key=str.lower, reverse=True)
    names = [user["userName"] for user in _list(session, base, partition, sortBy="USERNAME").json()["results"]]
    assert names == sorted(names, key=str.lower)


def test_invalid_query_values(emu, api):
    session, base = api
    partition = emu.partition("acme")
    assert _list(session, base, partition, top=1000).status_code == 200
    for query, field in (({"top": 1001}, "top"), ({"top": -1}, "top"), ({"top": "ten"}, "top"),
                         ({"skip": -1}, "skip"), ({"sortOrder": "sideways"}, "sortOrder")):
        response = _list(session, base, partition, **query)
        assert response.status_code == 400, query
        assert field in response.json()["errors"]


def test_repeated_query_parameters_bind_the_first_value(emu, api):
    session, base = api
    url = base + "/api/User/users/" + emu.partition("acme") + "?top=1&top=5&searchTerm=bob&searchTerm=ann"
    body = session.get(url, timeout=TIMEOUT).json()
    assert body["totalCount"] == 2 and len(body["results"]) == 1
    assert body["results"][0]["userName"] == "bob"


def test_wrong_partition_is_rejected(emu, api):
    session, base = api
    for partition in (emu.partition("globex"), str(uuid.uuid4()), "not-a-guid"):
        response = _list(session, base, partition)
        assert response.status_code == 400
        assert "partitionGlobalId" in response.json()["errors"]
