#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: robot_account_info
short_description: Read robot accounts of a UiPath organization
version_added: 0.1.0
description:
  - Reads robot accounts of a UiPath organization through the UiPath Identity Server API, by name, by id, by a search term,
    or all of them.
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
    description: A robot account name, matched exactly, ignoring case.
    type: str
  robot_account_id:
    description: The id of one robot account, a GUID.
    type: str
  search:
    description: A search term as the Identity API understands it, a part of a name or display name; every match is returned.
    type: str
notes:
  - At most one of O(name), O(robot_account_id) and O(search); with none, every robot account of the organization is
    returned, read from C(GET /api/RobotAccount/{partitionGlobalId}) 1000 a request.
  - With client credentials and no O(scope), it asks for C(PM.RobotAccount.Read), and where the token endpoint answers
    C(invalid_scope), for C(PM.RobotAccount) instead.
  - Needs O(partition_global_id) or a token that carries it.
  - A robot account that does not exist gives an empty RV(robot_accounts), not a failure.
seealso:
  - module: uipath.identity.robot_account
"""

EXAMPLES = r"""
# The connection comes from the UIPATH_* environment variables here; see uipath.identity.user for it given in the task.

- name: One robot account by name
  uipath.identity.robot_account_info:
    name: robot-invoices
  delegate_to: localhost
  register: robot

- name: One robot account by id
  uipath.identity.robot_account_info:
    robot_account_id: 8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
  delegate_to: localhost
  register: by_id

- name: Every robot account whose name or display name holds "invoice"
  uipath.identity.robot_account_info:
    search: invoice
  delegate_to: localhost
  register: invoice_robots

- name: Every robot account of the organization
  uipath.identity.robot_account_info:
  delegate_to: localhost
  register: all_robots

- name: The names of those in no group
  ansible.builtin.debug:
    msg: "{{ all_robots.robot_accounts | rejectattr('groupIds') | map(attribute='name') | list }}"

- name: Get one token for the tasks below
  uipath.identity.token:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
    resources: [robot_accounts]
  delegate_to: localhost
  no_log: true
  register: uipath

- name: Read robot accounts with that token
  module_defaults:
    group/uipath.identity.identity:
      organization: acme
      access_token: "{{ uipath.access_token }}"
      partition_global_id: "{{ uipath.partition_global_id | default(omit) }}"
  block:
    - name: The robot accounts of a list of processes
      uipath.identity.robot_account_info:
        name: "robot-{{ item }}"
      loop: [invoices, payroll]
      delegate_to: localhost
      register: robots
"""

RETURN = r"""
robot_accounts:
  description: The robot accounts found, as the Identity API returns them; empty when none matched.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      name: robot-invoices
      displayName: Invoice processing robot
      groupIds: []
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

from ansible_collections.uipath.identity.plugins.module_utils.identity_module import IdentityModule
from ansible_collections.uipath.identity.plugins.module_utils.robot_accounts import RobotAccountOperations
from ansible_collections.uipath.identity.plugins.module_utils.scopes import ROBOT_ACCOUNTS, alternatives
from ansible_collections.uipath.identity.plugins.module_utils.validation import require_guid, require_text


def run(identity):
    params = identity.params
    robot_id = require_guid("robot_account_id", params["robot_account_id"]) if params["robot_account_id"] is not None else None
    name, search = (require_text(option, params[option]) for option in ("name", "search"))
    robots = RobotAccountOperations(identity.client(), identity.options["partition_global_id"])
    if robot_id is not None:
        robot = robots.get(robot_id)
        found = [robot] if robot else []
    elif name is not None:
        found = robots.named(name)
    else:
        found = robots.search(search)
        if not found:
            # An empty answer proves nothing if the organization's id is wrong.
            robots.confirm_partition()
    return dict(changed=False, robot_accounts=found)


def main():
    identity = IdentityModule(
        argument_spec=dict(
            name=dict(type="str"),
            robot_account_id=dict(type="str"),
            search=dict(type="str"),
        ),
        default_scope=alternatives((ROBOT_ACCOUNTS, False)),
        mutually_exclusive=[("name", "robot_account_id", "search")],
    )
    identity.run(run)


if __name__ == "__main__":
    main()
