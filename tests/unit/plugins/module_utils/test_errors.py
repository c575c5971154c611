# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A secret of the task never reaches a message, in whatever form a server echoes it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
from urllib.parse import quote, quote_plus, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.uipath.identity.plugins.module_utils import errors
from ansible_collections.uipath.identity.plugins.module_utils.errors import BODY_LIMIT, MASK, ApiError, describe_body

# A tab, a space, a non-ASCII letter and characters that every encoding changes.
SECRET = "s\u00e4cret+pa ss/w\u00f6rd\t42&x=1\"q\\"


def lower_hex(text):
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), text)


def forms(secret):
    """Every form of ``secret`` a server could echo, as the tests know them."""
    # The last: UTF-8 read as ISO-8859-1, as requests reads text that names no charset.
    found = [secret, " ".join(secret.split()), urlencode({"client_secret": secret}).split("=", 1)[1],
             secret.encode("utf-8").decode("latin-1")]
    for encoded in (quote(secret, safe=""), quote(secret), quote_plus(secret)):
        found += [encoded, lower_hex(encoded)]
    for ascii_only in (True, False):
        escaped = json.dumps(secret, ensure_ascii=ascii_only)[1:-1]
        found += [escaped, re.sub(r"\\u[0-9a-f]{4}", lambda m: m.group(0).upper().replace("\\U", "\\u"), escaped)]
    return found


def leaked(text, secret=SECRET):
    return [form for form in forms(secret) if form in text]


@pytest.fixture(autouse=True)
def secrets():
    errors.set_secrets([SECRET])
    yield
    errors.set_secrets([])


@pytest.mark.parametrize("index", range(len(forms(SECRET))))
def test_every_form_is_removed(index):
    form = forms(SECRET)[index]
    text = describe_body("the server says: <%s> end" % form)
    assert leaked(text) == [] and MASK in text and text.startswith("the server says: <") and text.endswith("> end")


def test_json_escape_made_by_the_message_itself_is_removed():
    # A JSON answer is rendered with json.dumps, which itself writes \u00e4 and \t.
    text = describe_body({"echo": SECRET, "error": "invalid_client"})
    assert leaked(text) == [] and "invalid_client" in text and MASK in text


def test_tab_inside_a_secret_is_removed_before_whitespace_is_collapsed():
    # Collapsed, "a\tb" would read "a b": no longer the secret that Ansible masks.
    text = describe_body("echo:\n" + SECRET + "\n")
    assert leaked(text) == [] and " ".join(SECRET.split()) not in text


def test_collapsed_form_in_the_answer_is_removed():
    text = describe_body("echo: " + SECRET.replace("\t", "   "))
    assert leaked(text) == [] and "pa ss" not in text


@pytest.mark.parametrize("kept", [6, 9, 14])
def test_secret_at_the_cut_leaves_no_prefix(kept):
    secret = "abcdefghijklmnopqrstuvwxyz0123"
    errors.set_secrets([secret])
    text = describe_body("x" * (BODY_LIMIT - kept) + secret + " and more")
    assert secret[:6] not in text and text.endswith("...")


def test_prefix_the_server_cut_is_removed():
    # An answer that is itself cut short (a server's own limit) ends with part of the secret.
    errors.set_secrets(["abcdefghijklmnopqrstuvwxyz0123"])
    assert describe_body("client abcdefghi") == "client " + MASK


def test_prefix_cut_inside_a_percent_escape_is_removed():
    secret = "\u00e4" * 8
    errors.set_secrets([secret])
    # Six whole escaped letters and half of the seventh's first byte.
    text = describe_body("echo " + quote(secret)[:38])
    assert text == "echo " + MASK


def test_short_tail_that_matches_five_characters_is_kept():
    errors.set_secrets(["abcdefghij"])
    text = describe_body("x" * (BODY_LIMIT - 5) + "abcde")
    assert text.endswith("abcde")


def test_short_secret_is_removed_whole_but_not_as_a_prefix():
    errors.set_secrets(["pw1"])
    assert describe_body("password pw1 refused") == "password %s refused" % MASK
    assert describe_body("name pw") == "name pw"


def test_other_text_is_kept():
    assert describe_body({"error": "invalid_client", "error_description": "Unknown client"}) == \
        '{"error": "invalid_client", "error_description": "Unknown client"}'


def test_api_error_message_has_no_form():
    error = ApiError("GET", "https://x.example.test/api", 500, body="oops " + quote_plus(SECRET))
    assert leaked(str(error)) == [] and "oops" in str(error)


def test_several_secrets_and_an_added_one():
    errors.set_secrets(["first-secret", None, ""])
    errors.add_secret("issued-token-value")
    text = describe_body("first-secret issued-token-value")
    assert text == "%s %s" % (MASK, MASK)


def test_set_secrets_replaces_the_previous_task():
    errors.set_secrets(["only-this-one"])
    assert describe_body("previous-secret only-this-one") == "previous-secret " + MASK
    errors.set_secrets(["previous-secret"])
    assert describe_body("previous-secret only-this-one") == MASK + " only-this-one"


# Any text but "*", which MASK is made of; surrogates cannot be sent, so no secret holds one.
SECRETS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="*"), min_size=1, max_size=24)


@settings(max_examples=50, deadline=None)
@given(SECRETS.filter(lambda secret: secret.strip()))
def test_any_secret_in_any_form_as_text_or_inside_json(secret):
    errors.set_secrets([secret])
    secret = secret.strip()
    for form in forms(secret):
        for body in (form, "%s and %s" % (form, form), {"echo": form}):
            assert leaked(describe_body(body), secret) == [], (form, body)


@pytest.mark.parametrize("body, reason", [
    # A missing scope, as the live service words it (its trailing space dropped).
    ({"errorMessage": "Scope(s) 'A,B' is(are) invalid. Expect to have 'PM.User' or 'PM.User.Read'. "},
     "Scope(s) 'A,B' is(are) invalid. Expect to have 'PM.User' or 'PM.User.Read'."),
    # An invalid email: a validation problem by field.
    ({"title": "One or more validation errors occurred.", "status": 400, "errors": {"Email": ["The field Email is invalid."]}},
     "Email: The field Email is invalid."),
    # A BulkCreate refusal: the IdentityResult inside result.
    ({"result": {"succeeded": False, "errors": [{"code": "DuplicateUserName", "description": "Username 'ann' is already taken."}]},
      "users": []}, "DuplicateUserName: Username 'ann' is already taken."),
    ({"succeeded": False, "errors": [{"code": "A"}, {"code": "B"}]}, "A; B"),
    ({"type": "x", "title": "Bad Request", "status": 400, "detail": "The partition is wrong."}, "The partition is wrong."),
    ({"succeeded": False, "errors": []}, None),
    ({"errors": [None, 3, {"code": 7}], "errorMessage": 5}, None),
    ("plain text", None),
    ([{"code": "A"}], None),
])
def test_the_service_reason_is_read_from_each_shape_it_comes_in(body, reason):
    assert errors.service_reason(body) == reason
    text = str(ApiError("PUT", "https://x.example.test/api/User/1", 400, body))
    assert text.endswith(": " + (reason if reason is not None else describe_body(body)))


def test_the_service_reason_of_a_huge_hostile_answer_is_bounded_and_scrubbed():
    errors.set_secrets(["Sup3r-Secret-Value"])
    try:
        body = {"errors": [{"code": "C%d" % n, "description": "is Sup3r-Secret-Value" + " x" * n} for n in range(5000)]}
        text = str(ApiError("PUT", "https://x.example.test/api/User/1", 400, body))
        assert "Sup3r-Secret-Value" not in text and len(text) < BODY_LIMIT + 200 and "C9:" in text and "C10:" not in text
    finally:
        errors.set_secrets(())
