#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: group_info
short_description: Read groups of a UiPath organization
version_added: 0.1.0
description:
  - Reads the groups of a UiPath organization through the UiPath Identity Server API, by name, by id, or all of them.
  - Changes nothing.
author:
  - uipath.identity maintainers (@uipath-identity)
extends_documentation_fragment:
  - uipath.identity.connection
  - uipath.identity.connection.access_token
  - uipath.identity.attributes.action_group
  - uipath.identity.attributes.in_process
  - uipath.identity.attributes.read_only
options:
  name:
    description: A group name, matched exactly, ignoring case.
    type: str
  group_id:
    description: The id of one group, a GUID.
    type: str
notes:
  - At most one of O(name) and O(group_id); with neither, every group of the organization is returned, without members
    (one request, C(GET /api/Group/{partitionGlobalId})).
  - One group, asked for by O(name) or O(group_id), is returned with its members (one more request).
  - With client credentials and no O(scope), it asks for C(PM.Group.Read), and where the token endpoint answers
    C(invalid_scope), for C(PM.Group) instead.
  - Needs O(partition_global_id) or a token that carries it.
  - A group that does not exist gives an empty RV(groups), not a failure.
seealso:
  - module: uipath.identity.group
"""

EXAMPLES = r"""
# The connection comes from the UIPATH_* environment variables here; see uipath.identity.user for it given in the task.

- name: One group with its users
  uipath.identity.group_info:
    name: Finance
  delegate_to: localhost
  register: finance

- name: The user names in it
  ansible.builtin.debug:
    msg: "{{ finance.groups[0].members | selectattr('objectType', 'equalto', 'DirectoryUser') | map(attribute='name') | list }}"

- name: One group by id
  uipath.identity.group_info:
    group_id: a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7
  delegate_to: localhost
  register: by_id

- name: Every group of the organization, without their users
  uipath.identity.group_info:
  delegate_to: localhost
  register: all_groups

- name: Get one token for the tasks below
  uipath.identity.token:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
    resources: [groups]
  delegate_to: localhost
  no_log: true
  register: uipath

- name: Read groups with that token
  module_defaults:
    group/uipath.identity.identity:
      organization: acme
      access_token: "{{ uipath.access_token }}"
      partition_global_id: "{{ uipath.partition_global_id | default(omit) }}"
  block:
    - name: Each group of a list, with its users
      uipath.identity.group_info:
        name: "{{ item }}"
      loop: [Finance, Operators]
      delegate_to: localhost
      register: audited
"""

RETURN = r"""
groups:
  description:
    - The groups found, as the Identity API returns them; empty when none matched.
    - C(type) is the built-in or custom kind (C(builtIn)/C(custom), or 0/1 as the service may send it).
    - C(members) is there only when one group was asked for.
  returned: always
  type: list
  elements: dict
  sample:
    - id: a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7
      name: Finance
      type: 1
      members:
        - objectType: DirectoryUser
          identifier: 0f6a3c1e-2b4d-4e8f-9a1b-3c5d7e9f1a2b
          name: ann
msg:
  description: On failure, what failed, where (method and address) and what to do.
  returned: failure
  type: str
  sample: "Permission denied: GET https://cloud.uipath.com/acme/identity_/api/Group/6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b answered 403"
option:
  description:
    - The option to fix, when its value cannot work, or when the options given do not go together; such a failure comes before
      any request.
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

from ansible_collections.uipath.identity.plugins.module_utils.groups import GroupOperations
from ansible_collections.uipath.identity.plugins.module_utils.identity_module import IdentityModule
from ansible_collections.uipath.identity.plugins.module_utils.scopes import GROUPS, alternatives
from ansible_collections.uipath.identity.plugins.module_utils.validation import require_guid, require_text


def run(identity):
    params = identity.params
    group_id = require_guid("group_id", params["group_id"]) if params["group_id"] is not None else None
    name = require_text("name", params["name"])
    groups = GroupOperations(identity.client(), identity.options["partition_global_id"])
    if group_id is None and name is None:
        return dict(changed=False, groups=list(groups.all()))
    group = groups.lookup(group_id=group_id, name=name)
    return dict(changed=False, groups=[group] if group else [])


def main():
    identity = IdentityModule(
        argument_spec=dict(
            name=dict(type="str"),
            group_id=dict(type="str"),
        ),
        default_scope=alternatives((GROUPS, False)),
        mutually_exclusive=[("name", "group_id")],
    )
    identity.run(run)


if __name__ == "__main__":
    main()
