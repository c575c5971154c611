#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: user_info
short_description: Read users of a UiPath organization
version_added: 0.1.0
description:
  - Reads users of a UiPath organization through the UiPath Identity Server API, by id, user name, email, a search term,
    or all users of the organization.
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
  user_id:
    description: The id of one user, a GUID.
    type: str
  username:
    description: A user name, matched exactly, ignoring case.
    type: str
  email:
    description:
      - An email address, matched exactly, ignoring case.
      - Must have a single C(@) with text before and after it, as the Identity Server requires of every email; anything else
        is refused before any request.
    type: str
  search:
    description:
      - A search term as the Identity API understands it, a part of a user name, email, first, last or display name.
      - Every user it matches is returned.
    type: str
notes:
  - At most one of O(user_id), O(username), O(email) and O(search); with none, every user of the organization is returned.
  - Every way but O(user_id) lists C(GET /api/User/users/{partitionGlobalId}), 1000 users a request, and needs
    O(partition_global_id) or a token that carries it.
  - By O(username) or O(email), paging stops after the page that holds the exact match, since UiPath refuses a second user
    with the same user name or email; RV(users) holds every exact match on the pages read.
  - With client credentials and no O(scope), it asks for C(PM.User.Read), and when the token endpoint answers
    C(invalid_scope), for C(PM.User) instead.
  - A user that does not exist gives an empty RV(users), not a failure; a wrong address still fails, as described for M(uipath.identity.user).
seealso:
  - module: uipath.identity.user
"""

EXAMPLES = r"""
# The connection comes from the UIPATH_* environment variables here; see uipath.identity.user for it given in the task.

- name: Find a user by email
  uipath.identity.user_info:
    email: jdoe@example.com
  delegate_to: localhost
  register: found

- name: Its id, or that there is none
  ansible.builtin.debug:
    msg: "{{ found.users[0].id if found.users else 'no user has that email' }}"

- name: Find a user by user name
  uipath.identity.user_info:
    username: jdoe
  delegate_to: localhost
  register: by_name

- name: Read a user by id
  uipath.identity.user_info:
    user_id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
  delegate_to: localhost
  register: by_id

- name: Every user whose user name, email or names hold "smith"
  uipath.identity.user_info:
    search: smith
  delegate_to: localhost
  register: smiths

- name: Every user of the organization
  uipath.identity.user_info:
  delegate_to: localhost
  register: everyone

- name: The user names of the inactive ones
  ansible.builtin.debug:
    msg: "{{ everyone.users | rejectattr('isActive') | map(attribute='userName') | list }}"

- name: Get one token for the tasks below
  uipath.identity.token:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
  delegate_to: localhost
  no_log: true
  register: uipath

- name: Find contractors and remove them, sharing that token
  module_defaults:
    group/uipath.identity.identity:
      organization: acme
      access_token: "{{ uipath.access_token }}"
      partition_global_id: "{{ uipath.partition_global_id | default(omit) }}"
  block:
    - name: Users whose email is at the contractor's domain
      uipath.identity.user_info:
        search: "@contractor.example.com"
      delegate_to: localhost
      register: contractors

    - name: Remove them in a few requests
      uipath.identity.user:
        user_ids: "{{ contractors.users | map(attribute='id') | list }}"
        state: absent
      delegate_to: localhost
"""

RETURN = r"""
users:
  description:
    - The users found, as the Identity API returns them; empty when none matched.
    - C(type) is an integer in the live service (0 user, 1 robot, 2 directory user, 3 directory group, 4 robot account, 5 application).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
      userName: jdoe
      email: jdoe@example.com
      isActive: true
      type: 0
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
from ansible_collections.uipath.identity.plugins.module_utils.users import UserOperations
from ansible_collections.uipath.identity.plugins.module_utils.validation import require_email, require_guid, require_text

DEFAULT_SCOPE = ("PM.User.Read", "PM.User")
SELECTORS = ("user_id", "username", "email", "search")


def run(identity):
    params = identity.params
    user_id = require_guid("user_id", params["user_id"]) if params["user_id"] is not None else None
    username, search = (require_text(name, params[name]) for name in ("username", "search"))
    email = require_email("email", params["email"])
    users = UserOperations(identity.client(), identity.options["partition_global_id"])
    if user_id is not None:
        user = users.get(user_id)
        found = [user] if user else []
    elif username is not None:
        found = users.find("userName", username)
    elif email is not None:
        found = users.find("email", email)
    else:
        found = list(users.search(search))
    return dict(changed=False, users=found)


def main():
    identity = IdentityModule(
        argument_spec=dict(
            user_id=dict(type="str"),
            username=dict(type="str"),
            email=dict(type="str"),
            search=dict(type="str"),
        ),
        default_scope=DEFAULT_SCOPE,
        mutually_exclusive=[SELECTORS],
    )
    identity.run(run)


if __name__ == "__main__":
    main()
