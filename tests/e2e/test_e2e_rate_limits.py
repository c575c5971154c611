"""Identity's rate limits, with and without Retry-After, waited out by single removals in a loop and by bulk removal.

UiPath documents the limits per organization and window but not the header, so each run is made in
both variants. The window is scaled down from Cloud's 5 minutes to a few seconds, and retries to 1, so
that only waiting out the window (not a count of quick retries) gets every request through.
"""

import pytest

from support import ORG

WINDOW = 3
VARIANTS = [pytest.param(False, id="no-retry-after"), pytest.param(True, id="retry-after")]

LOOP = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Remove each leaver
      uipath.identity.user:
        user_id: "{{ item }}"
        state: absent
      loop: %s
"""

BULK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Remove the leavers at once
      uipath.identity.user:
        user_ids: %s
        chunk_size: 2
        state: absent
      register: removed
    - name: Show the result
      ansible.builtin.debug:
        msg: "deleted={{ removed.deleted | length }} not_found={{ removed.not_found | length }}"
"""


def limited(emu, method):
    return [r for r in emu.log if r["method"] == method and r["note"] == "rate-limit"]


@pytest.mark.parametrize("retry_after", VARIANTS)
def test_a_loop_of_single_removals_larger_than_the_limit_removes_every_user(ansible, emulator, write_playbook, retry_after):
    emu = emulator(rate_limits={"DELETE": 4}, rate_window=WINDOW, rate_limit_retry_after=retry_after)
    ids = [u["id"] for u in emu.add_users(ORG, 10, prefix="leaver")]
    run = ansible.playbook(write_playbook(LOOP % ids), ansible.env(emu, UIPATH_RETRY_MAX_WAIT="30", UIPATH_RETRIES="1"))
    assert run.rc == 0 and run.recap()["failed"] == 0 and run.recap()["changed"] == 1, run.out
    assert [i for i in ids if emu.user(ORG, i)] == []
    assert limited(emu, "DELETE"), "the limit was never reached: the test proves nothing"
    expected = "status 429; retrying in" if retry_after else "status 429 (rate limit) without Retry-After"
    assert expected in run.out, run.out
    removed = [r["path"].rsplit("/", 1)[1] for r in emu.log if r["method"] == "DELETE" and r["status"] == 204]
    assert sorted(removed) == sorted(ids)


@pytest.mark.parametrize("retry_after", VARIANTS)
def test_a_bulk_removal_in_more_chunks_than_the_limit_removes_every_user(ansible, emulator, write_playbook, retry_after):
    emu = emulator(rate_limits={"DELETE": 2, "GET": 2}, rate_window=WINDOW, rate_limit_retry_after=retry_after)
    ids = [u["id"] for u in emu.add_users(ORG, 10, prefix="leaver")]
    run = ansible.playbook(write_playbook(BULK % ids), ansible.env(emu, UIPATH_RETRY_MAX_WAIT="30", UIPATH_RETRIES="1"))
    assert run.rc == 0 and run.recap()["failed"] == 0, run.out
    assert "deleted=10 not_found=0" in run.out, run.out
    assert [i for i in ids if emu.user(ORG, i)] == []
    assert limited(emu, "DELETE"), "the limit was never reached: the test proves nothing"
    bulk = [r for r in emu.log if r["method"] == "DELETE" and r["status"] == 204]
    assert sorted(i for r in bulk for i in r["body"]["userIds"]) == sorted(ids)


def test_a_limit_that_outlasts_retry_max_wait_fails_naming_the_option(ansible, emulator, write_playbook):
    emu = emulator(rate_limits={"DELETE": 1}, rate_window=60)
    ids = [u["id"] for u in emu.add_users(ORG, 2, prefix="leaver")]
    run = ansible.playbook(write_playbook(LOOP % ids), ansible.env(emu, UIPATH_RETRY_MAX_WAIT="2"))
    assert run.rc != 0 and run.recap()["failed"] == 1, run.out
    assert "answered 429" in run.out and "retry_max_wait" in run.out
    assert emu.user(ORG, ids[0]) is None and emu.user(ORG, ids[1]) is not None
