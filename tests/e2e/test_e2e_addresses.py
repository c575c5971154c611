"""Identity addresses per installation: identity_url for layouts the deployments do not describe.

The emulator answers Cloud's host-level API route with 400 InvalidPartition by default, and serves it
for the token's organization when told to, as an Automation Suite 2023.4 installation did.
"""

from support import ANN_ID, BOB_ID, ORG, PARTITION

REMOVE = "playbooks/remove_user.yml"


def api_requests(emu):
    return [(r["method"], r["path"], r["status"]) for r in emu.log if "/connect/token" not in r["path"]]


def test_cloud_host_level_route_fails_naming_identity_url_and_removes_no_one(ansible, emu):
    env = ansible.env(emu, UIPATH_IDENTITY_URL=emu.url + "/identity_")
    for named in ("user_id=" + ANN_ID, "username=bob"):
        run = ansible.playbook(REMOVE, env, "-e", named)
        assert run.rc != 0 and run.recap()["failed"] == 1, run.out
        assert "InvalidPartition" in run.out and "identity_url (UIPATH_IDENTITY_URL)" in run.out, run.out
        assert "already absent" not in run.out
    assert emu.user(ORG, ANN_ID) is not None and emu.user(ORG, BOB_ID) is not None
    assert all(status == 400 for dummy, path, status in api_requests(emu)) and api_requests(emu)


def test_automation_suite_serving_identity_host_level_is_reached_through_identity_url(ansible, emulator):
    emu = emulator(host_level_api="serve")
    # No organization at all: identity_url decides the addresses, the token endpoint is the same server's.
    env = ansible.env(emu, auth="client", UIPATH_DEPLOYMENT="automation_suite", UIPATH_ORGANIZATION=None,
                      UIPATH_IDENTITY_URL=emu.url + "/identity_/")
    run = ansible.playbook(REMOVE, env, "-e", "username=bob")
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    again = ansible.playbook(REMOVE, env, "-e", "username=bob")
    assert again.rc == 0 and again.recap()["changed"] == 0, again.out
    assert emu.user(ORG, BOB_ID) is None and emu.user(ORG, ANN_ID) is not None
    paths = set(path for dummy, path, dummy_status in api_requests(emu))
    assert paths and all(path.startswith("/identity_/api/User") for path in paths), paths
    tokens = [r["path"] for r in emu.log if r["path"].endswith("/connect/token")]
    assert tokens and set(tokens) == {"/identity_/connect/token"}


def test_the_organization_id_in_place_of_its_name_through_identity_url(ansible, emu):
    env = ansible.env(emu, UIPATH_ORGANIZATION=None, UIPATH_IDENTITY_URL="%s/%s/identity_" % (emu.url, PARTITION))
    run = ansible.playbook(REMOVE, env, "-e", "user_id=" + ANN_ID)
    assert run.rc == 0 and run.recap()["changed"] == 1, run.out
    assert emu.user(ORG, ANN_ID) is None
    assert set(path for dummy, path, dummy_status in api_requests(emu)) == {"/%s/identity_/api/User/%s" % (PARTITION, ANN_ID)}


def test_an_identity_url_ending_in_api_is_refused_before_any_request(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_IDENTITY_URL=emu.url + "/acme/identity_/api"), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "Invalid option identity_url" in run.out and "before /api" in run.out, run.out
    assert emu.log == []
