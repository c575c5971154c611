# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Property tests: whatever a user passes, no request leaves the API base path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import posixpath
from urllib.parse import unquote, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ansible_collections.uipath.identity.plugins.module_utils.endpoints import Endpoints
from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid, require_guid

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
TRICKY = st.sampled_from(["..", ".", "/", "%2e%2e", "%2F", "?", "#", "\\", "@", ":", " ", "\n", "\x00", "~"])
SEGMENT = st.one_of(TEXT, st.lists(st.one_of(TEXT, TRICKY), max_size=6).map("".join))


def resolved_path(url):
    """The path a server sees once dot segments are resolved, decoded."""
    path = urlsplit(url).path
    return posixpath.normpath(unquote(path))


@settings(max_examples=300, deadline=None)
@given(organization=SEGMENT, user=SEGMENT)
@example(organization="acme", user="..")
@example(organization="..", user="x")
@example(organization="acme", user="../../other")
def test_no_value_leaves_the_api_base(organization, user):
    try:
        endpoints = Endpoints("https://cloud.example.test/base", "cloud", organization)
        url = endpoints.api("User", user)
    except ConfigurationError:
        return
    base = urlsplit(endpoints.api_base)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == (base.scheme, base.netloc)
    assert not parts.query and not parts.fragment
    # Each value is one escaped segment: the path has exactly the segments we built.
    assert parts.path.split("/")[-3:-1] == ["api", "User"]
    assert resolved_path(url).startswith(resolved_path(endpoints.api_base) + "/api/User")


@settings(max_examples=300, deadline=None)
@given(value=SEGMENT)
def test_only_guids_pass_validation(value):
    try:
        checked = require_guid("user_id", value)
    except ConfigurationError:
        assert not is_guid(value)
        return
    assert is_guid(checked) and len(checked) == 36 and "/" not in checked and "." not in checked


@settings(max_examples=200, deadline=None)
@given(st.uuids())
def test_every_uuid_passes(value):
    assert require_guid("user_id", str(value).upper()) == str(value)


@settings(max_examples=300, deadline=None)
@given(url=st.one_of(TEXT, st.builds(lambda a, b: "https://" + a + "/" + b, TEXT, TEXT)))
@example(url="HTTP://0#")
@example(url="https://host?")
@example(url="https://user@host")
@example(url="https://[::1]:8443/x")
def test_url_option_never_keeps_credentials_or_query(url):
    try:
        endpoints = Endpoints(url, "standalone")
    except ConfigurationError:
        return
    parts = urlsplit(endpoints.api_base)
    assert parts.scheme in ("http", "https") and parts.hostname
    assert parts.username is None and parts.password is None
    assert not parts.query and not parts.fragment
    assert endpoints.api_base.endswith("/identity")
