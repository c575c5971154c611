"""Failures a user meets: each fails with a message that says what to fix, and changes nothing."""

import socket
import threading
import time

from support import ANN_ID, FULL_TOKEN, ORG, mutating

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


def test_expired_and_invalid_tokens_read_differently(ansible, emu):
    expired = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_ACCESS_TOKEN="rt_acme_expired_0123456789ab"), "-e", "user_id=" + ANN_ID)
    assert expired.rc != 0 and "The access token has expired" in expired.out and "get a new one" in expired.out
    garbage = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_ACCESS_TOKEN="rt_acme_garbage_0123456789ab"), "-e", "user_id=" + ANN_ID)
    assert garbage.rc != 0 and "refused as invalid" in garbage.out and "has expired" not in garbage.out
    assert "rt_acme_expired" not in expired.out and "rt_acme_garbage" not in garbage.out
    assert emu.user(ORG, ANN_ID) is not None


def test_tls_failures_say_what_happened(ansible, emulator):
    plain = emulator()
    run = ansible.playbook(REMOVE, ansible.env(plain, UIPATH_URL=plain.url.replace("http://", "https://")), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "does not speak TLS" in run.out and "http://" in run.out and "validate_certs" not in run.out, run.out
    # The emulator's certificate names 127.0.0.1, localhost and ::1: at 127.0.0.2 its own CA trusts it, but not for that name.
    elsewhere = emulator(https=True, host="127.0.0.2")
    run = ansible.playbook(REMOVE, ansible.env(elsewhere, UIPATH_CA_PATH=elsewhere.ca_path), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "host name mismatch" in run.out and "127.0.0.2" in run.out and "validate_certs" not in run.out, run.out
    other_ca = emulator(https=True)
    run = ansible.playbook(REMOVE, ansible.env(other_ca, UIPATH_CA_PATH=elsewhere.ca_path), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "The CA bundle in ca_path (%s) did not verify" % elsewhere.ca_path in run.out, run.out
    assert "validate_certs" not in run.out
    assert plain.log == [] and elsewhere.log == [] and other_ca.log == []


def free_loopback_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def test_refused_connection_says_so_not_the_timeout(ansible):
    url = "http://127.0.0.1:%d" % free_loopback_port()
    env = ansible.env(UIPATH_URL=url, UIPATH_ORGANIZATION=ORG, UIPATH_ACCESS_TOKEN=FULL_TOKEN, UIPATH_RETRIES="1")
    run = ansible.playbook(REMOVE, env, "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "connection was refused" in run.out and "nothing is listening at %s" % url[len("http://"):] in run.out
    assert "timeout is" not in run.out and "UIPATH_TIMEOUT" not in run.out, run.out


def test_url_ending_with_the_organization_is_refused_before_any_request(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_URL=emu.url + "/" + ORG.upper()), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0 and "Invalid option url" in run.out and "ends with the organization" in run.out
    assert "give url without it (%s)" % emu.url in run.out and emu.log == []


class DribblingServer(object):
    """Answers every request on 127.0.0.1 with headers, then one body byte every half second for a minute."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.url = "http://127.0.0.1:%d" % self.listener.getsockname()[1]
        self.stopped = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while not self.stopped.is_set():
            try:
                connection = self.listener.accept()[0]
            except OSError:
                return
            threading.Thread(target=self.dribble, args=(connection,), daemon=True).start()

    def dribble(self, connection):
        try:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 120\r\n\r\n")
            for dummy in range(120):
                if self.stopped.is_set():
                    break
                connection.sendall(b" ")
                time.sleep(0.5)
        except OSError:
            pass
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.listener.close()


def test_a_dribbling_server_cannot_hold_a_task_beyond_its_timeout(ansible):
    server = DribblingServer()
    try:
        env = ansible.env(UIPATH_URL=server.url, UIPATH_ORGANIZATION=ORG, UIPATH_ACCESS_TOKEN=FULL_TOKEN,
                          UIPATH_TIMEOUT="2", UIPATH_RETRIES="0")
        started = time.monotonic()
        run = ansible.playbook(REMOVE, env, "-e", "user_id=" + ANN_ID)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    # Each byte comes well within the 2 s per read: before, the task waited for all 60 s of them.
    assert run.rc != 0 and "no complete answer within 2 seconds" in run.out, run.out
    assert elapsed < 30, "the play took %.0f s with timeout=2" % elapsed
