"""A bulk removal naming a user that someone else removed after the listing, in each variant of the API.

Whether DELETE /api/User ignores ids of no user (204) or refuses the request (400 or 404) is not
documented, so the emulator plays each; a "vanish" fault removes a named user just before the DELETE.
"""

import json

import pytest

from support import ORG

BULK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Remove the leavers at once
      uipath.identity.user:
        user_ids: %s
        state: absent
      register: removed
    - name: Show the result
      ansible.builtin.debug:
        msg: "{{ {'deleted': removed.deleted, 'not_found': removed.not_found, 'changed': removed.changed} | to_json }}"
"""


def shown(run):
    marker = '"msg": "'
    start = run.out.rindex(marker) + len(marker)
    return json.loads(json.loads('"%s"' % run.out[start:run.out.index('"\n', start)]))


@pytest.mark.parametrize("variant", ["ignore", "400", "404"])
def test_a_user_removed_between_the_listing_and_the_delete_fails_no_one_in_any_variant(ansible, emulator, write_playbook, variant):
    emu = emulator(bulk_delete_unknown_ids=variant)
    ids = [u["id"] for u in emu.add_users(ORG, 5, prefix="leaver")]
    emu.add_fault(method="DELETE", path="/api/User$", kind="vanish", remove=1)
    run = ansible.playbook(write_playbook(BULK % json.dumps(ids)), ansible.env(emu))
    assert run.rc == 0 and run.recap()["failed"] == 0, run.out
    result = shown(run)
    assert [i for i in ids if emu.user(ORG, i)] == [] and result["changed"] is True
    if variant == "ignore":
        # The API says nothing of it: the id counts as removed by this request.
        assert result["deleted"] == ids and result["not_found"] == []
    else:
        assert result["deleted"] == ids[1:] and result["not_found"] == ids[:1]
    deletes = [r for r in emu.log if r["method"] == "DELETE"]
    assert len(deletes) == (1 if variant == "ignore" else 2)
