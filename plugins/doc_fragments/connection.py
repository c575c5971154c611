# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The options every uipath.identity module shares. Defaults are stated in
    # the descriptions, not as 'default:', because an environment variable
    # may supply the value and Ansible would apply a spec default first.
    # access_token is apart (ACCESS_TOKEN below): uipath.identity.token gets
    # a token and takes none, so its documentation must not offer one.
    DOCUMENTATION = r"""
options:
  url:
    description:
      - Address of the UiPath platform, without the organization.
      - For Automation Cloud C(https://cloud.uipath.com) (the default), C(https://govcloud.uipath.us) for Public Sector,
        or the address of a Dedicated, Automation Suite or standalone installation. A path prefix is kept; trailing slashes are ignored.
      - Must start with C(https://) or C(http://) and must not contain a user name, password, query or fragment.
      - C(http://) to a host other than this machine (C(localhost), C(127.0.0.0/8), C(::1)) is warned about,
        since credentials, tokens and user data then travel unencrypted.
      - If not set, the environment variable E(UIPATH_URL) is used.
    type: str
  organization:
    description:
      - The organization name as it appears in the portal address, C(https://cloud.uipath.com/<organization>/...).
      - Required unless O(deployment=standalone) or O(identity_url) is set.
      - If not set, the environment variable E(UIPATH_ORGANIZATION) is used.
    type: str
  deployment:
    description:
      - How UiPath is installed, which decides the API addresses.
      - V(cloud) and V(automation_suite) use C({url}/{organization}/identity_/api) and the token endpoint C({url}/identity_/connect/token).
      - V(standalone) uses C({url}/identity/api) and C({url}/identity/connect/token).
      - Defaults to V(cloud). If not set, the environment variable E(UIPATH_DEPLOYMENT) is used.
    type: str
    choices: [cloud, automation_suite, standalone]
  identity_url:
    description:
      - The Identity Server's base address outright, the part before C(/api) and C(/connect/token), for an installation whose
        layout O(deployment) does not describe.
      - For example C(https://automationsuite.example.com/identity_) for an Automation Suite serving Identity host-level, or
        C(https://cloud.uipath.com/<partitionGlobalId>/identity_).
      - When set, O(url) and O(organization) are not used for the addresses, and the token endpoint is C({identity_url}/connect/token)
        unless O(token_url) says otherwise.
      - The README lists, per deployment, the addresses known to work.
      - If not set, the environment variable E(UIPATH_IDENTITY_URL) is used.
    type: str
  client_id:
    description:
      - The app ID of a confidential external application, for the OAuth2 client credentials grant.
      - If not set, the environment variable E(UIPATH_CLIENT_ID) is used.
    type: str
  client_secret:
    description:
      - The app secret of the external application named by O(client_id).
      - If not set, the environment variable E(UIPATH_CLIENT_SECRET) is used.
    type: str
  scope:
    description:
      - Space-separated scopes asked for with client credentials.
      - Defaults to the least that the module's operation needs (such as C(PM.User.Read PM.User.Write)), and, where the token
        endpoint refuses that, to the whole scope of each resource instead (C(PM.User)), one resource at a time;
        each module's notes say which.
      - If not set, the environment variable E(UIPATH_SCOPE) is used.
    type: str
  token_url:
    description:
      - The token endpoint, when it differs from the one derived from O(url) and O(deployment).
      - The token request carries O(client_secret), so it never follows a redirect; a redirect fails the task, naming where it pointed.
        C(http://) beyond this machine is warned about as for O(url).
      - If not set, the environment variable E(UIPATH_TOKEN_URL) is used.
    type: str
  partition_global_id:
    description:
      - The organization's GUID, which UiPath calls C(partitionGlobalId). Needed to look users up by username or email,
        to create users, to remove users in bulk, and to confirm a 404 that has an empty body.
      - When not set, the claim C(prt_id) of the token is used if the token carries it.
      - If not set, the environment variable E(UIPATH_PARTITION_GLOBAL_ID) is used.
    type: str
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate. Turn off only for a test installation.
      - Defaults to V(true). If not set, the environment variable E(UIPATH_VALIDATE_CERTS) is used.
    type: bool
  ca_path:
    description:
      - A PEM file of the CA certificates to trust, for installations whose certificate a private CA signed.
      - If not set, the environment variable E(UIPATH_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for the server to connect and to answer, for each request.
      - Defaults to V(30). If not set, the environment variable E(UIPATH_TIMEOUT) is used.
    type: float
  retries:
    description:
      - How many times a request that is safe to repeat is retried after a 429, 502, 503 or 504 answer,
        a lost connection or a time-out. C(GET), C(PUT), C(DELETE) and the token request are repeated; creating requests never are.
      - A V(Retry-After) header is honoured; otherwise the wait grows exponentially with random jitter. Each retry shows a warning.
      - A 429 without V(Retry-After) is waited out instead, since the Identity rate limits count requests per time window
        (5 minutes on Automation Cloud) and UiPath does not promise the header; the request is tried again at most 30 seconds
        apart until O(retry_max_wait) is spent, however many tries that takes. V(0) turns this off too.
      - Defaults to V(5). If not set, the environment variable E(UIPATH_RETRIES) is used.
    type: int
  retry_max_wait:
    description:
      - The most seconds one request may spend waiting between retries in total; a wait that would pass it fails at once.
      - A 429 without V(Retry-After) is retried until this is spent, the last wait taking what is left.
      - Defaults to V(300), one Automation Cloud rate-limit window. If not set, the environment variable E(UIPATH_RETRY_MAX_WAIT) is used.
    type: float
notes:
  - "The modules talk to the UiPath API from where they run; run them on the controller, for example with C(delegate_to: localhost)."
  - Requires the Python library C(requests) 2.32.4 or later where the module runs.
requirements:
  - requests >= 2.32.4
"""

    # Every module but uipath.identity.token, which gets the token instead.
    ACCESS_TOKEN = r"""
options:
  access_token:
    description:
      - A bearer token, such as a personal access token, or a token obtained elsewhere (M(uipath.identity.token) gets one for a play).
      - Set O(access_token), or O(client_id) with O(client_secret), or both.
      - With both, the token is used, and the client credentials serve only to replace it once per task when it has expired,
        so that a play sharing one token through C(module_defaults) may outlast it. The token is taken as expired when it is a JWT whose C(exp)
        claim is past or less than 60 seconds away (then it is never sent), or when the API answers 401 to it (then the request
        is sent again, once, with the new token). A 401 after that fails the task.
      - If not set, the environment variable E(UIPATH_ACCESS_TOKEN) is used. An empty variable counts as not set.
    type: str
"""
