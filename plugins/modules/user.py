#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: user
short_description: Manage users of a UiPath organization
version_added: 0.1.0
description:
  - Removes a user of a UiPath organization through the UiPath Identity Server API
    (C(DELETE /api/User/{userId})), on Automation Cloud, Automation Suite and standalone installations.
  - Idempotent. A user that does not exist is reported as V(changed=false), never as an error.
  - The user is read first, so the task result and C(--diff) show the record that was removed.
author:
  - uipath.identity contributors
extends_documentation_fragment:
  - uipath.identity.connection
options:
  state:
    description:
      - V(absent) removes the user.
    type: str
    required: true
    choices: [absent]
  user_id:
    description:
      - The user's id, a GUID such as C(3fa85f64-5717-4562-b3fc-2c963f66afa6).
      - Exactly one of O(user_id), O(username) and O(email) is required.
    type: str
  username:
    description:
      - The user's user name. Matched exactly, ignoring case, as the Identity Server treats user names.
      - Needs O(partition_global_id) or a token that carries it.
    type: str
  email:
    description:
      - The user's email address. Matched exactly, ignoring case, as email addresses are.
      - Needs O(partition_global_id) or a token that carries it.
    type: str
attributes:
  check_mode:
    support: full
    description: Reads the user and reports what would change; sends no C(DELETE).
  diff_mode:
    support: full
    description: The user record before, nothing after.
  action_group:
    support: full
    membership: [uipath.identity.identity]
notes:
  - With client credentials the default O(scope) is C(PM.User.Read PM.User.Write), the least that reading and then removing
    a user needs. An external application granted C(PM.User) instead needs O(scope=PM.User).
  - A personal access token needs the scope C(PM.User), or both C(PM.User.Read) and C(PM.User.Write).
  - Looking up by O(username) or O(email) pages through C(GET /api/User/users/{partitionGlobalId}) with the value as search term,
    1000 users a page, and compares the exact value, since the search term matches parts of several fields.
    More than one exact match fails and lists the candidates' ids.
  - "How absence is decided: a user is absent only when the Identity API itself says so. A 404 answer counts when its body is
    a problem document (JSON with a status, title or type), as the Identity Server sends. A 404 with an empty body counts only
    after a listing of the organization's users at the same address succeeded, which needs O(partition_global_id) (or a token
    carrying it). Anything else (an HTML page, a redirect, a JSON error of another shape, a success that is not JSON) fails
    with the address tried, so a wrong O(url), O(organization) or O(deployment), or a proxy answering for them, is never taken
    for a missing user."
  - "Limits of that rule: a different ASP.NET service answering problem documents at the configured address would be taken
    for the Identity API. Check the address once with a user that exists, for example with C(--check)."
  - A C(DELETE) answered 404 after the user was read means someone else removed it meanwhile, V(changed=false); if the
    C(DELETE) was repeated after a lost answer or a 5xx, it may have been this task that removed it, V(changed=true).
seealso:
  - name: Identity Server user API
    description: UiPath's documentation of the user endpoints.
    link: https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/delete-specific-user
"""

EXAMPLES = r"""
- name: Remove a user by id
  uipath.identity.user:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
    user_id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
    state: absent
  delegate_to: localhost

- name: Remove a user by email, with the connection from UIPATH_* environment variables
  uipath.identity.user:
    email: leaver@example.com
    state: absent
  delegate_to: localhost

- name: Remove users by user name on a standalone installation
  uipath.identity.user:
    url: https://orchestrator.example.com
    deployment: standalone
    access_token: "{{ uipath_token }}"
    partition_global_id: 7b3d2c1a-0f4e-4b5a-9c8d-1e2f3a4b5c6d
    username: "{{ item }}"
    state: absent
  loop: [jdoe, asmith]
  delegate_to: localhost
"""

RETURN = r"""
user:
  description:
    - The user record as the Identity API returned it before the removal. Absent when the user did not exist.
    - C(type) is an integer in the live service (0 user, 1 robot, 2 directory user, 3 directory group, 4 robot account, 5 application).
  returned: when the user existed
  type: dict
  sample:
    id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
    userName: jdoe
    email: jdoe@example.com
    name: Jane
    surname: Doe
    isActive: true
    type: 0
msg:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: User jdoe (3fa85f64-5717-4562-b3fc-2c963f66afa6) removed
"""

from ansible_collections.uipath.identity.plugins.module_utils.identity_module import IdentityModule
from ansible_collections.uipath.identity.plugins.module_utils.users import UserOperations
from ansible_collections.uipath.identity.plugins.module_utils.validation import require_guid, require_text

DEFAULT_SCOPE = "PM.User.Read PM.User.Write"
IDENTIFIERS = ("user_id", "username", "email")


def run(identity):
    params = identity.params
    user_id = require_guid("user_id", params["user_id"]) if params["user_id"] is not None else None
    username = require_text("username", params["username"])
    email = require_text("email", params["email"])
    named = user_id or username or email
    users = UserOperations(identity.client(), identity.options["partition_global_id"])
    user = users.lookup(user_id=user_id, username=username, email=email)
    if user is None:
        return dict(changed=False, msg="User %s is already absent" % named)
    removed = users.delete(user["id"])
    label = "%s (%s)" % (user.get("userName") or user.get("email"), user["id"])
    if identity.check_mode:
        msg = "User %s would be removed" % label
    elif removed:
        msg = "User %s removed" % label
    else:
        msg = "User %s was removed by someone else meanwhile" % label
    result = dict(changed=removed, user=user, msg=msg)
    if removed:
        result["diff"] = dict(before=user, after={})
    return result


def main():
    identity = IdentityModule(
        argument_spec=dict(
            state=dict(type="str", required=True, choices=["absent"]),
            user_id=dict(type="str"),
            username=dict(type="str"),
            email=dict(type="str"),
        ),
        default_scope=DEFAULT_SCOPE,
        mutually_exclusive=[IDENTIFIERS],
        required_one_of=[IDENTIFIERS],
    )
    identity.run(run)


if __name__ == "__main__":
    main()
