#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: group
short_description: Create, change and remove groups of a UiPath organization, and set their users
version_added: 0.1.0
description:
  - Manages the local groups of a UiPath organization and the users in them through the UiPath Identity Server API,
    on Automation Cloud, Automation Suite and standalone installations.
  - V(state=present) creates the group when it is missing, and renames it or changes its users when they differ, sending
    only what changes. V(state=absent) removes it (C(DELETE /api/Group/{partitionGlobalId}/{groupId})).
  - Idempotent. A group that does not exist is V(changed=false) for V(state=absent), never an error.
  - Built-in groups (such as Administrators or Everyone) keep their name and cannot be removed; their users can change.
author:
  - uipath.identity maintainers (@uipath-identity)
extends_documentation_fragment:
  - uipath.identity.connection
  - uipath.identity.connection.access_token
  - uipath.identity.attributes.action_group
  - uipath.identity.attributes.in_process
options:
  state:
    description: V(present) creates or changes the group, V(absent) removes it.
    type: str
    default: present
    choices: [present, absent]
  name:
    description:
      - The group's name, unique in the organization. Matched exactly, ignoring case, when it names the group.
      - Required to create a group. With O(group_id), the name to give the group, which renames it when it differs.
    type: str
  group_id:
    description:
      - The group's id, a GUID. With V(state=absent) exactly one of O(name) and O(group_id) is required.
    type: str
  members:
    description:
      - The users of the group, each named by user name, email or user id, matched exactly (user names and emails ignoring
        case). Every name is resolved before anything is written; one that names no user, or more than one, fails the task.
      - With O(append_members=false) the listed users become exactly the group's users; with V(true) they are added.
      - Members that are not users (robot accounts, directory groups, applications), and users whose membership comes from a
        directory (C(source) other than C(local)), are never removed by omission; the latter are named in a warning.
      - A built-in group's users are only added to (O(append_members=true)); replacing them from a list is refused.
      - Left out, the group's members are not managed.
    type: list
    elements: str
  append_members:
    description: Whether O(members) are added to the group's users (V(true)) or replace them (V(false)).
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Reads the group and the users and reports what would change; sends no C(POST), C(PUT) or C(DELETE).
  diff_mode:
    support: full
    description: The group's name and its members by name, before and after.
notes:
  - With client credentials and no O(scope), the module asks for C(PM.Group.Read PM.Group.Write), with C(PM.User.Read) when
    O(members) is given, in one token request; where the token endpoint answers C(invalid_scope), for C(PM.Group) (and
    C(PM.User)) instead.
  - A group is found by name in C(GET /api/Group/{partitionGlobalId}), one request for every group of the organization, then
    read by id with its members. Up to 10 members are looked up one user search each; more, with one listing of every user of
    the organization, 1000 users a request.
  - A change is one C(PUT /api/Group/{groupId}) carrying the group's name (the Identity API refuses an update without it)
    and the user ids to add and to remove.
  - Looking groups or users up needs O(partition_global_id) or a token that carries it.
  - "Absence is decided as for users (see M(uipath.identity.user)): a 404 counts only when it is the Identity API's own answer."
seealso:
  - module: uipath.identity.group_info
  - module: uipath.identity.user
  - module: uipath.identity.robot_account
"""

EXAMPLES = r"""
# The connection comes from the UIPATH_* environment variables here; see uipath.identity.user for it given in the task.

- name: A group with exactly these users, named by user name, email or id
  uipath.identity.group:
    name: Finance
    members:
      - ann
      - bob.smith@example.com
      - 3fa85f64-5717-4562-b3fc-2c963f66afa6
  delegate_to: localhost

- name: A group whose users are not managed here
  uipath.identity.group:
    name: Contractors
  delegate_to: localhost

- name: Add one user to a built-in group, leaving its other users
  uipath.identity.group:
    name: Automation Developers
    members: [jdoe]
    append_members: true
  delegate_to: localhost

- name: Rename a group named by id
  uipath.identity.group:
    group_id: a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7
    name: Finance EMEA
  delegate_to: localhost

- name: Set the users of a group named by id
  uipath.identity.group:
    group_id: a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7
    members: [ann, jdoe]
  delegate_to: localhost

- name: Remove a group by name
  uipath.identity.group:
    name: Contractors 2024
    state: absent
  delegate_to: localhost

- name: Remove a group by id
  uipath.identity.group:
    group_id: a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7
    state: absent
  delegate_to: localhost

- name: See which users a change would add and remove, changing nothing
  uipath.identity.group:
    name: Finance
    members: "{{ finance_team }}"
  delegate_to: localhost
  check_mode: true
  diff: true
  register: preview

- name: Get one token for groups and the users in them
  uipath.identity.token:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
    resources: [groups, users]
  delegate_to: localhost
  no_log: true
  register: uipath

- name: Group tasks sharing that token
  module_defaults:
    group/uipath.identity.identity:
      organization: acme
      access_token: "{{ uipath.access_token }}"
      partition_global_id: "{{ uipath.partition_global_id | default(omit) }}"
  block:
    - name: One group per team, with its users
      uipath.identity.group:
        name: "{{ item.key }}"
        members: "{{ item.value }}"
      loop: "{{ teams | dict2items }}"
      delegate_to: localhost
"""

RETURN = r"""
group:
  description:
    - The group as the Identity API returned it, with its members; after a change, with the change applied (in check mode,
      as it would be).
    - C(members) lists directory entities; a user is C(objectType=DirectoryUser) with its user id as C(identifier).
  returned: when the group existed or was created
  type: dict
  sample:
    id: a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7
    name: Finance
    type: 1
    members:
      - objectType: DirectoryUser
        source: local
        identifier: 0f6a3c1e-2b4d-4e8f-9a1b-3c5d7e9f1a2b
        name: ann
        email: ann@example.com
msg:
  description: What was done, or would be done in check mode; on failure, what failed, where (method and address) and what to do.
  returned: always
  type: str
  sample: "Group Finance (a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7) updated: 1 members added"
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

from ansible_collections.uipath.identity.plugins.module_utils.group_state import ensure_absent, ensure_present
from ansible_collections.uipath.identity.plugins.module_utils.groups import GroupOperations
from ansible_collections.uipath.identity.plugins.module_utils.identity_module import IdentityModule
from ansible_collections.uipath.identity.plugins.module_utils.scopes import GROUPS, USERS, for_options
from ansible_collections.uipath.identity.plugins.module_utils.users import UserOperations
from ansible_collections.uipath.identity.plugins.module_utils.validation import refuse_options, require_name_or_id, require_names


def checked(params):
    """The module's own options, checked and normalised before any request."""
    values = dict(params)
    require_name_or_id(values, "group_id", "group")
    values["members"] = require_names("members", values["members"])
    if values["state"] == "absent":
        refuse_options(values, ("members",))
    return values


def run(identity):
    values = checked(identity.params)
    client, partition = identity.client(), identity.options["partition_global_id"]
    groups = GroupOperations(client, partition)
    if values["state"] == "absent":
        return ensure_absent(groups, group_id=values["group_id"], name=values["name"])
    return ensure_present(groups, UserOperations(client, partition), values, identity.warn)


def main():
    identity = IdentityModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            name=dict(type="str"),
            group_id=dict(type="str"),
            members=dict(type="list", elements="str"),
            append_members=dict(type="bool", default=False),
        ),
        default_scope=for_options((GROUPS, True), members=(USERS, False)),
    )
    identity.run(run)


if __name__ == "__main__":
    main()
