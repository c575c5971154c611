#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: robot_account
short_description: Create, change and remove robot accounts of a UiPath organization
version_added: 0.1.0
description:
  - Manages robot accounts, the identities that run unattended automation, and their groups through the UiPath Identity
    Server API, on Automation Cloud, Automation Suite and standalone installations.
  - V(state=present) creates the robot account when it is missing, and changes its display name or groups when they
    differ, sending only what changes. V(state=absent) removes it
    (C(DELETE /api/RobotAccount/{partitionGlobalId}/{robotAccountId})).
  - Idempotent. A robot account that does not exist is V(changed=false) for V(state=absent), never an error.
author:
  - uipath.identity maintainers (@uipath-identity)
extends_documentation_fragment:
  - uipath.identity.connection
  - uipath.identity.connection.access_token
  - uipath.identity.attributes.action_group
  - uipath.identity.attributes.in_process
options:
  state:
    description: V(present) creates or changes the robot account, V(absent) removes it.
    type: str
    default: present
    choices: [present, absent]
  name:
    description:
      - The robot account's name, unique in the organization, matched exactly, ignoring case.
      - Required to create one. It cannot change once the robot account exists, so with O(robot_account_id) a different
        name fails the task.
    type: str
  robot_account_id:
    description:
      - The robot account's id, a GUID. With V(state=absent) exactly one of O(name) and O(robot_account_id) is required.
    type: str
  display_name:
    description: The name shown in the portal. On creation it defaults to O(name).
    type: str
  groups:
    description:
      - The groups of the robot account, each a group name (matched exactly, ignoring case) or a group id. Every one is
        resolved from one listing of the organization's groups before anything is written; an unknown one fails the task.
      - With O(append_groups=false) the robot account ends up in exactly these groups; with V(true) they are added.
      - Left out, its groups are not managed.
    type: list
    elements: str
  append_groups:
    description: Whether O(groups) are added to the robot account's groups (V(true)) or replace them (V(false)).
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Reads the robot account and the groups and reports what would change; sends no C(POST), C(PUT) or C(DELETE).
  diff_mode:
    support: full
    description: The robot account record before and after.
notes:
  - With client credentials and no O(scope), the module asks for C(PM.RobotAccount.Read PM.RobotAccount.Write), with
    C(PM.Group.Read) when O(groups) is given, in one token request; where the token endpoint answers C(invalid_scope), for
    C(PM.RobotAccount) (and C(PM.Group)) instead.
  - A robot account is found by name in the paged listing C(GET /api/RobotAccount/{partitionGlobalId}) searched for the name,
    1000 a request, stopping at the page that holds the exact match. Needs O(partition_global_id) or a token that carries it.
  - A search that finds no robot account is believed only for an organization whose id is proven, by the token's own claim,
    by a listing that shows any robot account, or else by the listing of its groups.
  - "Absence is decided as for users (see M(uipath.identity.user)): a 404 counts only when it is the Identity API's own answer."
seealso:
  - module: uipath.identity.robot_account_info
  - module: uipath.identity.group
"""

EXAMPLES = r"""
# The connection comes from the UIPATH_* environment variables here; see uipath.identity.user for it given in the task.

- name: A robot account for unattended jobs, in exactly one group
  uipath.identity.robot_account:
    name: robot-invoices
    display_name: Invoice processing robot
    groups: [Operators]
  delegate_to: localhost

- name: Add it to one more group, keeping the others
  uipath.identity.robot_account:
    name: robot-invoices
    groups: [Automation Users]
    append_groups: true
  delegate_to: localhost

- name: Change the display name of a robot account named by id
  uipath.identity.robot_account:
    robot_account_id: 8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
    display_name: Invoices (EMEA)
  delegate_to: localhost

- name: Remove a robot account by name
  uipath.identity.robot_account:
    name: robot-invoices
    state: absent
  delegate_to: localhost

- name: Remove a robot account by id
  uipath.identity.robot_account:
    robot_account_id: 8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
    state: absent
  delegate_to: localhost

- name: See what would change in a robot account's groups, changing nothing
  uipath.identity.robot_account:
    name: robot-invoices
    groups: [Operators, Finance]
  delegate_to: localhost
  check_mode: true
  diff: true

- name: Get one token for robot accounts and their groups
  uipath.identity.token:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
    resources: [robot_accounts, groups]
  delegate_to: localhost
  no_log: true
  register: uipath

- name: Robot account tasks sharing that token
  module_defaults:
    group/uipath.identity.identity:
      organization: acme
      access_token: "{{ uipath.access_token }}"
      partition_global_id: "{{ uipath.partition_global_id | default(omit) }}"
  block:
    - name: One robot account per process, each in the Operators group
      uipath.identity.robot_account:
        name: "robot-{{ item }}"
        groups: [Operators]
      loop: [invoices, payroll]
      delegate_to: localhost
"""

RETURN = r"""
robot_account:
  description:
    - The robot account as the Identity API returned it; after a change, with the change applied (in check mode, as it would
      be). C(groupIds) holds the ids of its groups.
  returned: when the robot account existed or was created
  type: dict
  sample:
    id: 8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
    name: robot-invoices
    displayName: Invoice processing robot
    groupIds: [d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f60]
msg:
  description: What was done, or would be done in check mode; on failure, what failed, where (method and address) and what to do.
  returned: always
  type: str
  sample: "Robot account robot-invoices (8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f) updated: displayName"
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
from ansible_collections.uipath.identity.plugins.module_utils.robot_account_state import ensure_absent, ensure_present
from ansible_collections.uipath.identity.plugins.module_utils.robot_accounts import RobotAccountOperations
from ansible_collections.uipath.identity.plugins.module_utils.scopes import GROUPS, ROBOT_ACCOUNTS, for_options
from ansible_collections.uipath.identity.plugins.module_utils.validation import refuse_options, require_name_or_id, require_names, require_text


def checked(params):
    """The module's own options, checked and normalised before any request."""
    values = dict(params)
    require_name_or_id(values, "robot_account_id", "robot account")
    values["display_name"] = require_text("display_name", values["display_name"], strip=False)
    values["groups"] = require_names("groups", values["groups"])
    if values["state"] == "absent":
        refuse_options(values, ("display_name", "groups"))
    return values


def run(identity):
    values = checked(identity.params)
    client, partition = identity.client(), identity.options["partition_global_id"]
    robots = RobotAccountOperations(client, partition)
    if values["state"] == "absent":
        return ensure_absent(robots, robot_id=values["robot_account_id"], name=values["name"])
    return ensure_present(robots, robots.groups, values)


def main():
    identity = IdentityModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            name=dict(type="str"),
            robot_account_id=dict(type="str"),
            display_name=dict(type="str"),
            groups=dict(type="list", elements="str"),
            append_groups=dict(type="bool", default=False),
        ),
        default_scope=for_options((ROBOT_ACCOUNTS, True), groups=(GROUPS, False)),
    )
    identity.run(run)


if __name__ == "__main__":
    main()
