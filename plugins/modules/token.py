#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: token
short_description: Get one access token for many UiPath Identity tasks
version_added: 0.1.0
description:
  - Exchanges OAuth2 client credentials for an access token once, so that the tasks of a play can share it
    through C(module_defaults) instead of each asking the token endpoint for its own.
  - "The task must set C(no_log: true), since its result holds the token; without it the module fails before any request."
author:
  - uipath.identity maintainers (@uipath-identity)
extends_documentation_fragment:
  - uipath.identity.connection
  - uipath.identity.attributes.action_group
  - uipath.identity.attributes.in_process
  - uipath.identity.attributes.read_only
options:
  resources:
    description:
      - What the play's tasks manage, when O(scope) is not given. The token is asked for the scopes that read and change them,
        C(PM.User.Read PM.User.Write) for V(users), C(PM.Group.Read PM.Group.Write) for V(groups),
        C(PM.RobotAccount.Read PM.RobotAccount.Write) for V(robot_accounts), all in one request; where the token endpoint answers
        C(invalid_scope), each resource's whole scope (C(PM.User), C(PM.Group), C(PM.RobotAccount)) is tried instead, one
        resource at a time, as the other modules do.
    type: list
    elements: str
    choices: [users, groups, robot_accounts]
    default: [users]
notes:
  - Needs O(client_id) and O(client_secret). It takes no access token, as there would be nothing to get; E(UIPATH_ACCESS_TOKEN) is
    not read.
  - With no O(scope) and the default O(resources), it asks for C(PM.User.Read PM.User.Write), enough for M(uipath.identity.user)
    and M(uipath.identity.user_info), and when the token endpoint answers C(invalid_scope), for C(PM.User) instead.
  - The token expires after RV(expires_in) seconds, an hour on Automation Cloud, at RV(expires_at). For a play that may run longer,
    give its other tasks O(client_id) and O(client_secret) as well (in C(module_defaults) or the environment, as an AWX credential does);
    each task then uses the shared token while it is valid, and gets a new one from them when it has expired.
seealso:
  - module: uipath.identity.user
"""

EXAMPLES = r"""
# One token request for a whole play: the token task first, then a block whose tasks share it.
- name: Get a token
  uipath.identity.token:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
  no_log: true
  register: uipath

- name: The tasks that use it
  module_defaults:
    group/uipath.identity.identity:
      organization: acme
      access_token: "{{ uipath.access_token }}"
      partition_global_id: "{{ uipath.partition_global_id | default(omit) }}"
      # For a play that may outlast the token: a task that finds it expired gets a new one from these.
      client_id: "{{ uipath_client_id }}"
      client_secret: "{{ uipath_client_secret }}"
  block:
    # Deactivating needs the user: an address no user has fails its task (creating one needs a username).
    - name: Deactivate the suspended users, a task each, all with the one token
      uipath.identity.user:
        email: "{{ item }}"
        is_active: false
      loop: "{{ suspended }}"

    - name: Remove the leavers
      uipath.identity.user:
        emails: "{{ leavers }}"
        state: absent

- name: A token for users, groups and robot accounts alike, with the connection from UIPATH_* environment variables
  uipath.identity.token:
    resources: [users, groups, robot_accounts]
  delegate_to: localhost
  no_log: true
  register: uipath

- name: A token with the scopes named outright, on a standalone installation
  uipath.identity.token:
    url: https://orchestrator.example.com
    deployment: standalone
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
    scope: PM.User PM.Group.Read
  delegate_to: localhost
  no_log: true
  register: uipath

- name: When it expires
  ansible.builtin.debug:
    msg: "{{ uipath.expires_at | default('not said') }}"
"""

RETURN = r"""
access_token:
  description: The bearer token. Pass it as O(uipath.identity.user#module:access_token) to the collection's other modules.
  returned: success
  type: str
token_type:
  description: The token's type, C(Bearer).
  returned: success
  type: str
expires_in:
  description: Seconds the token is valid from when it was issued, as the token endpoint said.
  returned: when the token endpoint says
  type: int
  sample: 3600
expires_at:
  description:
    - When the token expires, in UTC (ISO 8601), to the second.
    - The token's own C(exp) claim when it is a JWT that has one, else the time the token was asked for plus RV(expires_in).
  returned: when the token carries C(exp) or the token endpoint says RV(expires_in)
  type: str
  sample: "2026-12-07T19:30:00Z"
scope:
  description: The scopes granted.
  returned: when the token endpoint says
  type: str
  sample: PM.User.Read PM.User.Write
partition_global_id:
  description: The organization's id, from the token's C(prt_id) claim.
  returned: when the token carries it
  type: str
msg:
  description: On failure, what failed, where (method and address) and what to do.
  returned: failure
  type: str
  sample: "Permission denied: GET https://cloud.uipath.com/acme/identity_/api/Group/6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b answered 403"
option:
  description:
    - The option to fix, when its value cannot work, or when the options given do not go together; such a failure comes before
      any request. Also V(no_log), when the task does not set it.
  returned: failure, when an option is at fault
  type: str
  sample: partition_global_id
method:
  description: The HTTP method of the request that failed.
  returned: failure, when a request failed
  type: str
  sample: DELETE
url:
  description: The address of the request that failed. It never holds a credential, since the address options refuse one.
  returned: failure, when a request failed
  type: str
  sample: https://cloud.uipath.com/acme/identity_/api/User/3fa85f64-5717-4562-b3fc-2c963f66afa6
status:
  description:
    - The HTTP status of the answer that failed the task.
    - V(null) when no answer came (a refused or lost connection, a TLS failure, a time-out).
  returned: failure, when a request failed
  type: int
  sample: 403
attempts:
  description: How many times the request was sent, retries included; see O(retries).
  returned: failure, when a request failed
  type: int
  sample: 1
exception:
  description: Why the Python library C(requests) could not be imported where the module runs.
  returned: failure, when C(requests) is missing
  type: str
"""

import datetime

from ansible_collections.uipath.identity.plugins.module_utils.auth import expires_at, token_claims
from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.identity_module import IdentityModule
from ansible_collections.uipath.identity.plugins.module_utils.scopes import GROUPS, ROBOT_ACCOUNTS, USERS, alternatives
from ansible_collections.uipath.identity.plugins.module_utils.validation import is_guid

RESOURCES = dict(users=USERS, groups=GROUPS, robot_accounts=ROBOT_ACCOUNTS)


def scopes(params):
    wanted = params.get("resources") or ["users"]
    return alternatives(*[(RESOURCES[name], True) for name in RESOURCES if name in wanted])


def run(identity):
    if not identity.module.no_log:
        raise ConfigurationError("no_log", "set no_log: true on this task, since its result holds an access token")
    client = identity.client()
    token = client.auth.token(client.transport)
    result = dict(changed=False, access_token=token)
    result.update((k, v) for k, v in client.auth.granted.items() if v is not None)
    expiry = expires_at(token, client.auth.requested_at, result.get("expires_in"))
    if expiry is not None:
        # Whole seconds, rounded down: a timestamp a little early is safe, one late is not.
        result["expires_at"] = datetime.datetime.fromtimestamp(int(expiry), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    partition = token_claims(token).get("prt_id")
    if is_guid(partition):
        result["partition_global_id"] = partition.lower()
    return result


def main():
    # The task must be no_log (checked in run), so its output hides the token anyway.
    identity = IdentityModule(argument_spec=dict(
        resources=dict(type="list", elements="str", choices=list(RESOURCES), default=["users"]),
    ), default_scope=scopes, mask_token=False, takes_token=False)
    identity.run(run)


if __name__ == "__main__":
    main()
