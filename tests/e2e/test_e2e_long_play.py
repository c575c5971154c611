"""One token for a long play: uipath.identity.token's token shared through module_defaults, with the client
credentials in the environment (as an AWX credential injects them) to replace it once it has expired.

The emulator issues tokens of a few seconds, and a pause outlasts the shared one, so each later task finds it
expired. The emulator's log holds no tokens, but it answers a stale one with 401: none in the log means no
request carried it after its exp.
"""

import datetime
import re

import pytest

from support import ANN_ID, BOB_ID, ORG

WRITER = dict(UIPATH_CLIENT_ID="acme-writer", UIPATH_CLIENT_SECRET="writer-secret")
# Every token the emulator signs starts with this header ({"alg":"HS256","typ":"JWT"}): its absence from
# the output shows that neither the shared token nor a renewed one was printed.
JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"

HEAD = """
- hosts: localhost
  gather_facts: false
  tasks:
"""

GET_TOKEN_AND_WAIT = """
    - name: Get the play's token
      uipath.identity.token: {}
      no_log: true
      register: uipath
    - name: Show when it expires
      ansible.builtin.debug:
        msg: "expires_in={{ uipath.expires_in }} expires_at={{ uipath.expires_at }}"
    - name: Outlast the token
      ansible.builtin.pause:
        seconds: %(pause)d
"""

# Three tasks that share one token; each has the client credentials too, from the environment.
SHARED_TOKEN_TASKS = """
    - module_defaults:
        group/uipath.identity.identity:
          access_token: "%(token)s"
      block:
        - name: Find ann
          uipath.identity.user_info:
            email: ann@example.com
          register: found
        - name: Remove ann
          uipath.identity.user:
            user_id: "{{ found.users[0].id }}"
            state: absent
        - name: Rename bob
          uipath.identity.user:
            user_id: %(bob)s
            name: Robert
"""


def token_requests(emu):
    return [r for r in emu.log if r["path"].endswith("/connect/token")]


def api_statuses(emu):
    return [r["status"] for r in emu.log if "/connect/token" not in r["path"]]


def run_play(ansible, emu, write_playbook, token="{{ uipath.access_token }}", pause=None):
    """The shared-token tasks, after the token task and a pause unless ``pause`` is None."""
    play = HEAD + ("" if pause is None else GET_TOKEN_AND_WAIT % dict(pause=pause)) + SHARED_TOKEN_TASKS % dict(token=token, bob=BOB_ID)
    return ansible.playbook(write_playbook(play), ansible.env(emu, auth=None, **WRITER), "-vvv")


def test_tasks_after_the_shared_token_expired_renew_it_once_each_and_never_send_it(ansible, emulator, write_playbook):
    emu = emulator(token_lifetime=3)
    started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    run = run_play(ansible, emu, write_playbook, pause=4)
    assert run.rc == 0 and run.recap() == dict(ok=6, changed=2, failed=0), run.out
    assert emu.user(ORG, ANN_ID) is None and emu.user(ORG, BOB_ID)["name"] == "Robert"
    # The token task's one request, then one for each of the three tasks that found the token expired.
    assert [r["status"] for r in token_requests(emu)] == [200] * 4
    assert 401 not in api_statuses(emu), api_statuses(emu)
    # The token module says when the token expires: its exp claim, 3 s after it was issued.
    shown = re.search(r"expires_in=(\d+) expires_at=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)", run.out)
    assert shown and shown.group(1) == "3", run.out
    expiry = datetime.datetime.strptime(shown.group(2), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    # (Allowing 30 s for ansible-playbook to reach the task on a slow machine.)
    assert started + datetime.timedelta(seconds=3) <= expiry <= started + datetime.timedelta(seconds=33)
    assert JWT_HEADER not in run.out and "writer-secret" not in run.out


def test_a_valid_shared_token_serves_the_whole_play_with_one_token_request(ansible, emu, write_playbook):
    run = run_play(ansible, emu, write_playbook, pause=0)
    assert run.rc == 0 and run.recap()["changed"] == 2, run.out
    assert len(token_requests(emu)) == 1 and 401 not in api_statuses(emu)


def test_a_refused_opaque_token_is_renewed_once_per_task(ansible, emu, write_playbook):
    # A personal access token that was revoked: nothing in it says so, the API's 401 does.
    revoked = "rt_acme_revoked_0123456789abcdef"
    run = run_play(ansible, emu, write_playbook, token=revoked)
    assert run.rc == 0 and run.recap()["changed"] == 2, run.out
    assert emu.user(ORG, ANN_ID) is None and emu.user(ORG, BOB_ID)["name"] == "Robert"
    # Each task: the revoked token refused once, one new token, the request repeated with it.
    assert len(token_requests(emu)) == 3
    assert api_statuses(emu) == [401, 200, 401, 200, 204, 401, 200, 200], api_statuses(emu)
    assert revoked not in run.out and JWT_HEADER not in run.out


@pytest.mark.parametrize("playbook, args, resources", [
    ("playbooks/deactivate_user.yml", ["-e", "email=bob.smith@example.com"], "PM.User.Read PM.User.Write"),
    ("playbooks/robot_account_setup.yml", ["-e", '{"robot_accounts": [{"name": "robot-new", "groups": ["Operators"]}]}'],
     "PM.Group.Read PM.Group.Write PM.RobotAccount.Read PM.RobotAccount.Write"),
])
def test_shipped_playbooks_of_several_tasks_ask_for_one_token_per_play(ansible, emu, playbook, args, resources):
    env = ansible.env(emu, auth=None, UIPATH_CLIENT_ID="acme-groups-granular", UIPATH_CLIENT_SECRET="granular-secret")
    run = ansible.playbook(playbook, env, *args)
    assert run.rc == 0 and run.recap()["changed"] >= 1, run.out
    assert [r["body"]["scope"] for r in token_requests(emu)] == [resources]
    assert "granular-secret" not in run.out
