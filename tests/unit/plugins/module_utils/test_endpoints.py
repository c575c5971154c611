# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.uipath.identity.plugins.module_utils.endpoints import Endpoints
from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid, require_guid


@pytest.mark.parametrize("url, deployment, organization, api_base, token_url", [
    (None, None, "acme", "https://cloud.uipath.com/acme/identity_", "https://cloud.uipath.com/identity_/connect/token"),
    ("https://cloud.uipath.com/", "cloud", "acme", "https://cloud.uipath.com/acme/identity_", "https://cloud.uipath.com/identity_/connect/token"),
    ("https://govcloud.uipath.us", "cloud", "gov", "https://govcloud.uipath.us/gov/identity_", "https://govcloud.uipath.us/identity_/connect/token"),
    ("https://as.example.com//", "automation_suite", "org1", "https://as.example.com/org1/identity_", "https://as.example.com/identity_/connect/token"),
    ("https://host.example.com:8443/uipath", "automation_suite", "o", "https://host.example.com:8443/uipath/o/identity_",
     "https://host.example.com:8443/uipath/identity_/connect/token"),
    ("https://orch.example.com", "standalone", None, "https://orch.example.com/identity", "https://orch.example.com/identity/connect/token"),
    ("http://127.0.0.1:8080/prefix/", "standalone", "ignored", "http://127.0.0.1:8080/prefix/identity", "http://127.0.0.1:8080/prefix/identity/connect/token"),
])
def test_urls_per_deployment(url, deployment, organization, api_base, token_url):
    endpoints = Endpoints(url, deployment, organization)
    assert endpoints.api_base == api_base
    assert endpoints.token_url == token_url
    assert endpoints.api("User", "x") == api_base + "/api/User/x"


def test_token_url_override():
    endpoints = Endpoints("https://as.example.com", "automation_suite", "o", token_url="https://as.example.com/o/identity_/connect/token/")
    assert endpoints.token_url == "https://as.example.com/o/identity_/connect/token"


@pytest.mark.parametrize("url, deployment, organization, option", [
    ("cloud.uipath.com", "cloud", "acme", "url"),
    ("ftp://cloud.uipath.com", "cloud", "acme", "url"),
    ("https://", "cloud", "acme", "url"),
    ("", "cloud", "acme", "url"),
    ("https://user:hunter2pw@cloud.uipath.com", "cloud", "acme", "url"),
    ("https://cloud.uipath.com?x=1", "cloud", "acme", "url"),
    ("https://cloud.uipath.com:99999", "cloud", "acme", "url"),
    ("https://cloud.uipath.com", "cloud", None, "organization"),
    ("https://cloud.uipath.com", "cloud", " ", "organization"),
    ("https://cloud.uipath.com", "cloud", "a/b", "organization"),
    ("https://cloud.uipath.com", "cloud", "..", "organization"),
    ("https://cloud.uipath.com", "cloud", "a b", "organization"),
    ("https://cloud.uipath.com", "onprem", "acme", "deployment"),
])
def test_bad_endpoint_options(url, deployment, organization, option):
    with pytest.raises(ConfigurationError) as info:
        Endpoints(url, deployment, organization)
    assert info.value.option == option
    assert "hunter2pw" not in str(info.value)


def test_bad_token_url():
    with pytest.raises(ConfigurationError) as info:
        Endpoints("https://x.example.com", "standalone", token_url="x.example.com/token")
    assert info.value.option == "token_url"


@pytest.mark.parametrize("segment", ["", ".", "..", "...", "a/b", "a%2Fb", "a b", "a?b", "a#b", "a\\b"])
def test_dot_segments_are_refused(segment):
    with pytest.raises(ConfigurationError):
        Endpoints("https://x.example.com", "standalone").api("User", segment)


def test_plain_segments_pass():
    assert Endpoints("https://x.example.com", "standalone").api("User", "users", "A-b_c.d~e") == "https://x.example.com/identity/api/User/users/A-b_c.d~e"


@pytest.mark.parametrize("value, ok", [
    ("3fa85f64-5717-4562-b3fc-2c963f66afa6", True),
    ("3FA85F64-5717-4562-B3FC-2C963F66AFA6", True),
    ("{3fa85f64-5717-4562-b3fc-2c963f66afa6}", False),
    ("3fa85f6457174562b3fc2c963f66afa6", False),
    ("3fa85f64-5717-4562-b3fc-2c963f66afa6\n", False),
    ("3fa85f64-5717-4562-b3fc-2c963f66afa", False),
    ("", False),
    (None, False),
    (42, False),
])
def test_guid(value, ok):
    assert is_guid(value) is ok


def test_require_guid_lowercases_and_names_option():
    assert require_guid("user_id", "3FA85F64-5717-4562-B3FC-2C963F66AFA6") == "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    with pytest.raises(ConfigurationError) as info:
        require_guid("user_id", "nope")
    assert info.value.option == "user_id" and "GUID" in str(info.value)


@pytest.mark.parametrize("url, deployment, organization, root", [
    ("https://cloud.uipath.com/acme", "cloud", "acme", "https://cloud.uipath.com"),
    ("https://cloud.uipath.com/Acme/", "cloud", "acme", "https://cloud.uipath.com"),
    ("https://as.example.com:8443/uipath/ORG1", "automation_suite", "org1", "https://as.example.com:8443/uipath"),
    ("https://cloud.uipath.com/%61cme", "cloud", "acme", "https://cloud.uipath.com"),
])
def test_url_that_ends_with_the_organization_is_refused(url, deployment, organization, root):
    # Else the API base would be .../acme/acme/identity_, read as a misrouted answer with no word of why.
    with pytest.raises(ConfigurationError) as info:
        Endpoints(url, deployment, organization)
    assert info.value.option == "url"
    assert "ends with the organization" in str(info.value) and "give url without it (%s)" % root in str(info.value)


@pytest.mark.parametrize("url, deployment, organization, api_base", [
    ("https://cloud.uipath.com/acme2", "cloud", "acme", "https://cloud.uipath.com/acme2/acme/identity_"),
    ("https://acme.example.com", "automation_suite", "acme", "https://acme.example.com/acme/identity_"),
    ("https://orch.example.com/acme", "standalone", "acme", "https://orch.example.com/acme/identity"),
])
def test_organization_elsewhere_in_url_is_fine(url, deployment, organization, api_base):
    assert Endpoints(url, deployment, organization).api_base == api_base


@pytest.mark.parametrize("identity_url, deployment, api_base", [
    # An Automation Suite serving Identity host-level (seen on a 2023.4 installation).
    ("https://as.example.com/identity_/", "automation_suite", "https://as.example.com/identity_"),
    # Cloud's admin console calls the partition id in place of the organization name.
    ("https://cloud.uipath.com/5b4d3c2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a/identity_", "cloud",
     "https://cloud.uipath.com/5b4d3c2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a/identity_"),
    ("https://orch.example.com/identity", "standalone", "https://orch.example.com/identity"),
])
def test_identity_url_names_the_api_base_outright_and_needs_no_organization(identity_url, deployment, api_base):
    endpoints = Endpoints(None, deployment, None, identity_url=identity_url)
    assert endpoints.api_base == api_base and endpoints.identity_url_set
    assert endpoints.token_url == api_base + "/connect/token"
    assert endpoints.api("User", "x") == api_base + "/api/User/x"


def test_identity_url_wins_over_url_and_organization_and_token_url_over_both():
    endpoints = Endpoints("https://cloud.uipath.com/acme", "cloud", "acme", token_url="https://cloud.uipath.com/identity_/connect/token",
                          identity_url="https://cloud.uipath.com/acme/identity_")
    assert endpoints.api_base == "https://cloud.uipath.com/acme/identity_"
    assert endpoints.token_url == "https://cloud.uipath.com/identity_/connect/token"


@pytest.mark.parametrize("identity_url", [
    "https://as.example.com/identity_/api", "https://as.example.com/identity_/api/User", "https://as.example.com/identity_/connect/token",
    "as.example.com/identity_", "https://user:pw@as.example.com/identity_", "https://as.example.com/identity_?x=1", "",
])
def test_a_wrong_identity_url_is_refused_naming_the_option(identity_url):
    with pytest.raises(ConfigurationError) as info:
        Endpoints(None, "automation_suite", None, identity_url=identity_url)
    assert info.value.option == "identity_url"
    assert "pw" not in str(info.value)


def test_without_identity_url_the_organization_is_still_required_and_the_message_names_both():
    with pytest.raises(ConfigurationError) as info:
        Endpoints("https://as.example.com", "automation_suite", None)
    assert info.value.option == "organization" and "identity_url" in str(info.value)
