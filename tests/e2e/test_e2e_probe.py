"""playbooks/probe_identity.yml against the emulator in each of its variants: the report names the variant
the emulator plays, writes happen only when asked, the throwaway user is gone after, and no credential
is printed at -vvv."""

import json

import pytest

from support import CLIENT_SECRET, FULL_TOKEN, ORG

PROBE = "playbooks/probe_identity.yml"
WRITER = dict(UIPATH_CLIENT_ID="acme-writer", UIPATH_CLIENT_SECRET="writer-secret")


def report(run):
    assert run.rc == 0, run.out
    marker = '"probe_report": '
    start = run.out.rindex(marker) + len(marker)
    return json.JSONDecoder().raw_decode(run.out, start)[0]


def writes(emu):
    return [r for r in emu.log if r["method"] in ("POST", "PUT", "DELETE") and "/connect/token" not in r["path"]]


def test_by_default_the_probe_only_reads_and_reports_the_default_variants(ansible, emu):
    run = ansible.playbook(PROBE, ansible.env(emu, auth=None, **WRITER), "-vvv")
    seen = report(run)
    assert seen["missing_user_get"] == "404 problem document"
    assert seen["listing_without_sort_by"] == "200 JSON object, fields: results, totalCount"
    assert seen["listing_default_order"] == "the same twice" and seen["listing_sorted_by_id"] is True
    assert seen["host_level_route"] == "400 code InvalidPartition (in title)"
    assert seen["token"] == {"kind": "jwt", "prt_id": "present", "sub_type": "service.external", "sub_is_the_client_id": True,
                             "scope_claim": "list"}
    assert seen["missing_scope"] == "403 errorMessage, as the service words a missing scope (with a trailing space)"
    assert seen["create_again"].startswith("not probed")
    assert writes(emu) == []
    for secret in ("writer-secret", "Bearer ey"):
        assert secret not in run.out


def test_the_probe_reports_the_other_variants_and_writes_only_when_asked(ansible, emulator):
    emu = emulator(missing_user_body="empty", default_order="random", token_prt_id=False, business_error_status=200,
                   bulk_delete_unknown_ids="404", host_level_api="serve")
    before = len(emu.users(ORG))
    env = ansible.env(emu, auth=None, **WRITER)
    run = ansible.playbook(PROBE, env, "-e", "probe_writes=true", "-vvv")
    seen = report(run)
    assert seen["missing_user_get"] == "404 empty"
    assert seen["listing_default_order"] == "differs between two reads" and seen["listing_sorted_by_id"] is True
    assert seen["host_level_route"] == "404 empty"
    assert seen["token"]["prt_id"] == "absent"
    assert seen["create_again"] == "200 IdentityResult refused: DuplicateUserName"
    assert seen["delete"] == "204 empty" and seen["delete_missing_user"] == "404 empty"
    assert seen["bulk_delete_unknown_id"] == "404 problem document"
    assert len(emu.users(ORG)) == before and not [u for u in emu.users(ORG) if u["userName"].startswith("probe-")]
    assert "writer-secret" not in run.out


@pytest.mark.parametrize("variant, shown", [("ignore", "204 empty"), ("400", "400 IdentityResult refused: UserNotFound")])
def test_the_probe_tells_how_a_bulk_removal_of_an_unknown_id_is_answered(ansible, emulator, variant, shown):
    emu = emulator(bulk_delete_unknown_ids=variant)
    seen = report(ansible.playbook(PROBE, ansible.env(emu, auth=None, **WRITER), "-e", "probe_writes=true"))
    assert seen["bulk_delete_unknown_id"] == shown and seen["create_again"] == "400 IdentityResult refused: DuplicateUserName"


def test_with_a_personal_access_token_the_probe_says_it_is_opaque_and_skips_the_scope_call(ansible, emu):
    run = ansible.playbook(PROBE, ansible.env(emu), "-vvv")
    seen = report(run)
    assert seen["token"]["kind"] == "opaque" and seen["token"]["prt_id"] == "absent"
    assert seen["token"]["sub_is_the_client_id"] == "not applicable"
    assert seen["missing_scope"].startswith("not probed") and seen["missing_user_get"] == "404 problem document"
    assert FULL_TOKEN not in run.out and CLIENT_SECRET not in run.out


def test_probe_writes_must_be_a_boolean(ansible, emu):
    run = ansible.playbook(PROBE, ansible.env(emu), "-e", "probe_writes=yess")
    assert run.rc != 0 and "probe_writes must be true or false" in run.out and emu.log == []
