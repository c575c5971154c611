"""Failures a user meets: each fails with a message that says what to fix, and changes nothing."""

from support import ANN_ID, ORG, mutating

REMOVE = "playbooks/remove_user.yml"


def test_expired_token_fails_with_401(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_ACCESS_TOKEN="rt_acme_expired_0123456789ab"), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and run.recap()["failed"] == 1
    assert "Authentication failed" in run.out and "answered 401" in run.out and "expired" in run.out
    assert "rt_acme_expired" not in run.out
    assert emu.user(ORG, ANN_ID) is not None


def test_wrong_client_secret_shows_the_token_endpoint_error(ansible, emu):
    env = ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-app", UIPATH_CLIENT_SECRET="not-the-secret")
    run = ansible.playbook(REMOVE, env, "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "invalid_client" in run.out and "/identity_/connect/token" in run.out
    assert "not-the-secret" not in run.out


def test_read_only_token_is_told_which_scope_to_grant(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_ACCESS_TOKEN="rt_acme_read_0123456789abcdef"), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "Permission denied" in run.out and "answered 403" in run.out
    assert "PM.User or PM.User.Write" in run.out
    assert emu.user(ORG, ANN_ID) is not None


def test_wrong_organization_is_never_read_as_absent(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_ORGANIZATION="acme-typo"), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and run.recap()["changed"] == 0
    assert "Not an Identity API answer" in run.out and "/acme-typo/identity_/api/User/" + ANN_ID in run.out
    assert "already absent" not in run.out


def test_wrong_deployment_is_never_read_as_absent(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_DEPLOYMENT="standalone"), "-e", "email=ann@example.com")
    assert run.rc != 0 and "already absent" not in run.out
    assert "/identity/api/User/users/" in run.out


def test_empty_404_without_partition_fails(ansible, emulator):
    emu = emulator(missing_user_body="empty")
    env = ansible.env(emu, UIPATH_ORGANIZATION="acme", UIPATH_PARTITION_GLOBAL_ID=None)
    run = ansible.playbook(REMOVE, env, "-e", "user_id=00000000-0000-4000-8000-000000000001")
    assert run.rc != 0 and "partition_global_id" in run.out


def test_empty_404_is_confirmed_with_the_partition(ansible, emulator):
    emu = emulator(missing_user_body="empty")
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "user_id=00000000-0000-4000-8000-000000000001")
    assert run.rc == 0 and run.recap()["changed"] == 0 and "already absent" in run.out, run.out


def test_bad_input_fails_before_any_request(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu), "-e", "user_id=../../api/User")
    assert run.rc != 0 and "user_id" in run.out and "GUID" in run.out
    assert emu.log == []


def test_url_with_credentials_is_refused_and_not_echoed(ansible, emu):
    url = emu.url.replace("://", "://admin:Hunter2Secret@")
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_URL=url), "-e", "user_id=" + ANN_ID, "-vvv")
    assert run.rc != 0 and "url" in run.out and "user name or password" in run.out
    assert "Hunter2Secret" not in run.out and emu.log == [] and mutating(emu) == []
