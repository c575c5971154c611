"""Refusals as the Identity API words them, quoted in the task's message.

A missing scope is an ``errorMessage``; a create the business rules refuse an IdentityResult. The
message says the service's reason, not the body's layout. An email the server would refuse as a
validation problem is refused by the module before any request.
"""

import json

from support import ANN_ID, ORG

REMOVE = "playbooks/remove_user.yml"

PRESENT = """
- hosts: localhost
  gather_facts: false
  tasks:
    - uipath.identity.user: %s
"""


def message(run):
    """The one failed task's msg."""
    marker = "FAILED! => "
    assert marker in run.out, run.out
    return json.JSONDecoder().raw_decode(run.out, run.out.index(marker) + len(marker))[0]["msg"]


def test_a_missing_scope_quotes_the_service_reason(ansible, emu):
    run = ansible.playbook(REMOVE, ansible.env(emu, UIPATH_ACCESS_TOKEN="rt_acme_read_0123456789abcdef"), "-e", "user_id=" + ANN_ID)
    assert run.rc != 0
    text = message(run)
    assert "answered 403: Scope(s) 'PM.User.Read' is(are) invalid. Expect to have 'PM.User' or 'PM.User.Write'." in text, text
    assert '{"errorMessage"' not in text and emu.user(ORG, ANN_ID) is not None


def test_an_email_that_is_no_address_is_refused_before_any_request_on_create_update_and_lookup(ansible, emu, write_playbook):
    # The contract types email as an address and the server refuses one without a single inner '@' ("The field
    # Email is invalid"); the module says so itself, before sending anything.
    for args in (dict(username="newcomer", email="not-an-email"), dict(username="ann", email="ann@"),
                 dict(email="ann", state="absent")):
        run = ansible.playbook(write_playbook(PRESENT % json.dumps(args)), ansible.env(emu))
        assert run.rc != 0, run.out
        text = message(run)
        assert text.startswith("Invalid option email: must be one email address"), text
    assert emu.log == []


def test_a_refused_create_quotes_each_identity_error(ansible, emu, write_playbook):
    run = ansible.playbook(write_playbook(PRESENT % json.dumps(dict(username="twin", email="joann@example.com"))), ansible.env(emu))
    assert run.rc != 0, run.out
    text = message(run)
    assert "DuplicateEmail: Email 'joann@example.com' is already taken." in text, text
    assert [u for u in emu.users(ORG) if u["userName"] == "twin"] == []
