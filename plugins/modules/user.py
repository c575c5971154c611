#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: user
short_description: Create, update and remove users of a UiPath organization
version_added: 0.1.0
description:
  - Manages users of a UiPath organization through the UiPath Identity Server API,
    on Automation Cloud, Automation Suite and standalone installations.
  - V(state=present) creates the user when it is missing and updates what differs when it exists, sending only changed fields.
  - V(state=absent) removes the user (C(DELETE /api/User/{userId})), or many users at once with O(user_ids) (C(DELETE /api/User)).
  - Idempotent. A user that does not exist is V(changed=false) for V(state=absent), never an error.
  - The user is read first, so the task result and C(--diff) show the record before and after.
author:
  - uipath.identity maintainers (@uipath-identity)
extends_documentation_fragment:
  - uipath.identity.connection
  - uipath.identity.connection.access_token
  - uipath.identity.attributes.action_group
  - uipath.identity.attributes.in_process
options:
  state:
    description:
      - V(present) creates or updates the user, V(absent) removes it.
    type: str
    default: present
    choices: [present, absent]
  user_id:
    description:
      - The user's id, a GUID such as C(3fa85f64-5717-4562-b3fc-2c963f66afa6).
      - With V(state=absent) exactly one of O(user_id), O(username), O(email), O(user_ids), O(usernames) and O(emails) is required.
      - With V(state=present) the user is found by O(user_id), else by O(username), else by O(email).
    type: str
  username:
    description:
      - The user name. Matched exactly, ignoring case, as the Identity Server treats user names.
      - Required to create a user. It cannot be changed once the user exists.
      - Looking a user up by name needs O(partition_global_id) or a token that carries it.
    type: str
  email:
    description:
      - The email address. Matched exactly, ignoring case, when it names the user.
      - With V(state=present) and O(username) or O(user_id) given, the email address to set. A difference in letter case alone
        is not a change, so it is not sent.
      - Must read as one address as the Identity Server checks it, a single C(@) with text before and after; anything else
        (a user name given as email, say) is refused before any request.
    type: str
  user_ids:
    description:
      - Many users to remove at once, by id; only with V(state=absent).
      - One listing pass of the organization (1000 users a request, ending as soon as every id is seen) tells which exist;
        then C(DELETE /api/User) removes them O(chunk_size) at a time.
    type: list
    elements: str
  usernames:
    description:
      - Many users to remove at once, by user name, each matched exactly (ignoring case); only with V(state=absent).
      - One listing pass of the organization (1000 users a request, ending once every name is found) settles every name
        before anything is removed; a name that more than one user has fails the task, naming them, and nobody is removed.
        Then C(DELETE /api/User) removes them O(chunk_size) at a time.
      - RV(deleted) and RV(not_found) list the names given; RV(ids) maps each name that named a user to its id.
    type: list
    elements: str
  emails:
    description:
      - Many users to remove at once, by email address, as O(usernames) does by user name; only with V(state=absent).
      - Each must be one address (a single C(@) with text before and after); anything else is refused before any request.
    type: list
    elements: str
  users:
    description:
      - Many users to be present at once, each a mapping of the options that describe one user; only with V(state=present),
        and instead of O(user_id), O(username), O(email) and the user's own fields.
      - One listing pass of the organization settles every user. A user name that two users have, or an email listed for a user
        that belongs to another one, fails the task before anything is written, naming them.
      - The missing users are created with C(POST /api/User/BulkCreate), O(chunk_size) at a time; a chunk's users join the same
        groups, so users with other groups go in other chunks. BulkCreate takes no password, so a user listed with a password
        is created with C(POST /api/User), one request each; a user listed with C(is_active=false) is created, then deactivated.
      - Each existing user whose fields differ gets one C(PUT /api/User/{userId}) with only what differs.
      - O(append_groups) and O(update_password) apply to every user of the list.
      - A failed request fails the task naming what it was doing, with RV(created) and RV(updated) saying what was done before it.
    type: list
    elements: dict
    suboptions:
      username:
        description: As O(username), for this user of the list. Required.
        type: str
        required: true
      email:
        description: As O(email).
        type: str
      name:
        description: As O(name).
        type: str
      surname:
        description: As O(surname).
        type: str
      display_name:
        description: As O(display_name).
        type: str
      is_active:
        description: As O(is_active).
        type: bool
      bypass_basic_auth_restriction:
        description: As O(bypass_basic_auth_restriction).
        type: bool
      invitation_accepted:
        description: As O(invitation_accepted).
        type: bool
      password:
        description: As O(password); such a user is created with its own request, as BulkCreate takes no password.
        type: str
      group_ids:
        description: As O(group_ids).
        type: list
        elements: str
      groups:
        description: As O(groups); the names of the whole list are resolved from one listing of groups.
        type: list
        elements: str
  chunk_size:
    description:
      - How many ids one bulk C(DELETE /api/User) request carries, with O(user_ids), O(usernames) or O(emails); how many users
        one C(POST /api/User/BulkCreate) carries, with O(users).
      - Automation Cloud counts requests, not users, against its limit of 160 removals per 5 minutes.
    type: int
    default: 100
  name:
    description: The first name.
    type: str
  surname:
    description: The last name.
    type: str
  display_name:
    description: The name shown in the portal.
    type: str
  is_active:
    description:
      - Whether the user may sign in. V(false) deactivates the user, the reversible alternative to removing it.
    type: bool
  bypass_basic_auth_restriction:
    description: Whether the user may sign in with a password where basic authentication is otherwise restricted.
    type: bool
  invitation_accepted:
    description: Whether the user counts as having accepted the invitation to the organization.
    type: bool
  password:
    description:
      - The password of a local user. Never shown in results or diffs.
      - The organization's password policy checks it.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the user is created.
      - V(always) sends it on every run, which then always reports a change, since a password cannot be read back to compare.
    type: str
    default: on_create
    choices: [always, on_create]
  group_ids:
    description:
      - Ids of the groups the user belongs to.
      - With O(append_groups=false) the user ends up in exactly these groups, so list every group the user keeps, including any
        the organization gives to everyone; with V(true) they are added to the current ones.
      - Changing group membership needs the rights of an organization administrator.
    type: list
    elements: str
  groups:
    description:
      - Groups of the user, each a group name (matched exactly, ignoring case) or a group id, beside any O(group_ids); the two
        lists together are the groups O(append_groups) speaks of.
      - Every one is resolved from one listing of the organization's groups (C(GET /api/Group/{partitionGlobalId})) before
        anything is written; one that names no group fails the task. This needs the scope C(PM.Group.Read) or C(PM.Group).
    type: list
    elements: str
  append_groups:
    description: Whether O(group_ids) and O(groups) are added to the user's groups (V(true)) or replace them (V(false)).
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Reads the users and reports what would change; sends no C(POST), C(PUT) or C(DELETE) to C(/api/User)
      (only the token request, with client credentials).
  diff_mode:
    support: full
    description: The user record before and after; the password is never part of it.
notes:
  - With client credentials and no O(scope), the module asks for C(PM.User.Read PM.User.Write), the least that reading and
    then writing users needs, and when the token endpoint answers C(invalid_scope), for C(PM.User) instead. With O(groups) it
    also asks for C(PM.Group.Read) (or C(PM.Group)), in the same token request.
  - A personal access token needs the scope C(PM.User), or both C(PM.User.Read) and C(PM.User.Write).
  - Looking up by O(username) or O(email) pages through C(GET /api/User/users/{partitionGlobalId}) with the value as search term,
    1000 users a page, and compares the exact value, since the search term matches parts of several fields.
    UiPath refuses a second user with the same user name or email, so paging stops after the page that holds the exact
    match. More than one exact match on the pages read fails and lists the candidates' ids.
  - "Creating: C(POST /api/User) answers no id, so the user is looked up by name after it. This request is used rather than
    C(POST /api/User/BulkCreate) because only it carries a password and group ids, and its answer is the documented IdentityResult.
    A user created with O(is_active=false) is deactivated by one more request."
  - "Refusals such as DuplicateUserName, DuplicateEmail or InvalidUserName fail with their codes and descriptions, whether the
    API sends them with status 400 or with 200 and C(succeeded: false)."
  - "How absence is decided: a user is absent only when the Identity API itself says so. A 404 answer counts when its body is
    a problem document (C(application/problem+json), or JSON with status 404 and a title), as the Identity Server sends. A 404 with an empty body counts only
    after a listing of the organization's users at the same address succeeded, which needs O(partition_global_id) (or a token
    carrying it). Anything else (an HTML page, a redirect, a JSON error of another shape, a success that is not JSON) fails
    with the address tried, so a wrong O(url), O(organization) or O(deployment), or a proxy answering for them, is never taken
    for a missing user."
  - "Limits of that rule: a different ASP.NET service answering problem documents at the configured address would be taken
    for the Identity API. Check the address once with a user that exists, for example with C(--check)."
  - A lookup by O(username) or O(email) that the search answers with no user at all is checked once more with a listing of the
    whole organization, so that a wrong O(partition_global_id) (an organization with no users) fails instead of passing for absence.
    An O(partition_global_id) that differs from the token's C(prt_id) claim fails too.
  - A C(DELETE) answered 404 after the user was read is checked with one more read. If the user is gone, someone else removed it
    meanwhile, V(changed=false); if the C(DELETE) was repeated after a lost answer or a 5xx, it may have been this task that removed
    it, V(changed=true). If the user is still there, the task fails.
  - An empty or blank O(name), O(surname), O(display_name), O(email), O(username) or O(password) is refused before any request,
    so that a value lost on the way (an empty cell of a CSV file, say) never wipes a field. Leave an option out to keep the
    field as it is; the module does not clear fields.
  - The returned RV(user) and the C(--diff) C(after) are the record with what was sent applied, so a value that is not sent
    (an email differing in letter case only) is never shown as changed.
  - A bulk removal that fails part way fails the task with RV(deleted) (already removed) and RV(not_deleted) (not removed).
seealso:
  - module: uipath.identity.user_info
  - name: Identity Server user API
    description: UiPath's documentation of the user endpoints.
    link: https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/delete-specific-user
"""

EXAMPLES = r"""
# Most tasks leave the connection out: url, organization, client_id and client_secret then come from the
# UIPATH_* environment variables (an AWX credential sets them), or from module_defaults as at the end.

- name: Create a user, or update what differs
  uipath.identity.user:
    username: jdoe
    email: jdoe@example.com
    name: Jane
    surname: Doe
    display_name: Jane Doe
  delegate_to: localhost

- name: Create a local user with a first password, which later runs leave alone
  uipath.identity.user:
    username: svc-reports
    email: svc-reports@example.com
    password: "{{ vault_svc_reports_password }}"
    update_password: on_create
  delegate_to: localhost

# state defaults to present: a user named jdoe that does not exist yet is created with these groups.
- name: Put a user in exactly these groups, named
  uipath.identity.user:
    username: jdoe
    groups: [Finance, Automation Users]
  delegate_to: localhost

- name: Add a user to one more group, given by id, keeping its other groups
  uipath.identity.user:
    username: jdoe
    group_ids:
      - 6a1f3c2e-8b4d-4e5f-9a0b-1c2d3e4f5a6b
    append_groups: true
  delegate_to: localhost

- name: Change the email of a user named by id
  uipath.identity.user:
    user_id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
    email: jane.doe@example.com
  delegate_to: localhost

- name: Deactivate a user named by email, the reversible alternative to removing it
  uipath.identity.user:
    email: leaver@example.com
    is_active: false
  delegate_to: localhost

- name: Onboard joiners in a few requests; those that exist are updated where they differ
  uipath.identity.user:
    users:
      - {username: jdoe, email: jdoe@example.com, name: Jane, surname: Doe, groups: [Finance]}
      - {username: asmith, email: asmith@example.com, name: Alex, surname: Smith}
      - {username: contractor1, email: contractor1@example.com, is_active: false}
  delegate_to: localhost
  register: onboarded

- name: Remove a user by id
  uipath.identity.user:
    user_id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
    state: absent
  delegate_to: localhost

- name: Remove a user by user name
  uipath.identity.user:
    username: jdoe
    state: absent
  delegate_to: localhost

- name: Remove a user by email
  uipath.identity.user:
    email: leaver@example.com
    state: absent
  delegate_to: localhost

- name: Remove many users by id, 100 a request
  uipath.identity.user:
    user_ids: "{{ leaver_ids }}"
    state: absent
  delegate_to: localhost

- name: Remove many users by user name; a name two users share fails the task and removes nobody
  uipath.identity.user:
    usernames: [jdoe, asmith]
    state: absent
  delegate_to: localhost

- name: Offboard leavers named by email, 50 a request
  uipath.identity.user:
    emails:
      - first.leaver@example.com
      - second.leaver@example.com
    state: absent
    chunk_size: 50
  delegate_to: localhost
  register: offboarded

- name: See what an offboarding would remove, removing no one
  uipath.identity.user:
    emails: "{{ leavers }}"
    state: absent
  delegate_to: localhost
  check_mode: true
  diff: true
  register: preview

- name: Say who would go
  ansible.builtin.debug:
    msg: "Would remove {{ preview.deleted | join(', ') }}; not found: {{ preview.not_found | join(', ') }}"

- name: Every connection option in the task, on Automation Cloud with client credentials
  uipath.identity.user:
    url: https://cloud.uipath.com
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
    email: leaver@example.com
    state: absent
  delegate_to: localhost

- name: A standalone installation and a personal access token
  uipath.identity.user:
    url: https://orchestrator.example.com
    deployment: standalone
    access_token: "{{ uipath_personal_access_token }}"
    partition_global_id: 7b3d2c1a-0f4e-4b5a-9c8d-1e2f3a4b5c6d
    username: jdoe
    state: absent
  delegate_to: localhost

- name: Get one token for the user tasks below
  uipath.identity.token:
    organization: acme
    client_id: "{{ uipath_client_id }}"
    client_secret: "{{ uipath_client_secret }}"
  delegate_to: localhost
  no_log: true
  register: uipath

- name: User tasks sharing that token
  module_defaults:
    group/uipath.identity.identity:
      organization: acme
      access_token: "{{ uipath.access_token }}"
      partition_global_id: "{{ uipath.partition_global_id | default(omit) }}"
  block:
    - name: Deactivate a user
      uipath.identity.user:
        username: jdoe
        is_active: false
      delegate_to: localhost

    - name: Remove the leavers
      uipath.identity.user:
        emails: "{{ leavers }}"
        state: absent
      delegate_to: localhost
"""

RETURN = r"""
user:
  description:
    - With V(state=absent), the user record as the Identity API returned it before the removal.
    - With V(state=present), the record as read with the task's changes applied (in check mode, as it would be).
    - C(type) is an integer in the live service (0 user, 1 robot, 2 directory user, 3 directory group, 4 robot account, 5 application).
    - Also on the failure of a user created inactive that the listing did not show yet, so that it could not be deactivated,
      as the user would be; the task then reports V(changed=true).
  returned: when the user existed or was created; on failure, when a user was created but could not be deactivated
  type: dict
  sample:
    id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
    userName: jdoe
    email: jdoe@example.com
    name: Jane
    surname: Doe
    isActive: true
    type: 0
deleted:
  description:
    - With O(user_ids), the ids removed (or that would be, in check mode); with O(usernames) or O(emails), the names given
      of the users removed.
    - When a bulk removal failed part way, those removed before the failure.
  returned: with O(user_ids), O(usernames) or O(emails), also on failure
  type: list
  elements: str
created:
  description:
    - With O(users), the user names of the users created (or that would be, in check mode).
    - When a request failed part way, those created before it.
  returned: with O(users), also on failure
  type: list
  elements: str
updated:
  description:
    - With O(users), the user names of the users changed (or that would be, in check mode).
    - When a request failed part way, those changed before it.
  returned: with O(users), also on failure
  type: list
  elements: str
unchanged:
  description: With O(users), the user names of the users that were already as listed.
  returned: with O(users), also on failure
  type: list
  elements: str
ids:
  description: With O(usernames) or O(emails), each name given that named a user, with that user's id.
  returned: with O(usernames) or O(emails), also on failure
  type: dict
  sample: {first.leaver@example.com: 3fa85f64-5717-4562-b3fc-2c963f66afa6}
not_found:
  description:
    - With O(user_ids), the ids that were already absent; with O(usernames) or O(emails), the names given that named no user.
    - After a failed bulk request, also the ids (or names) the task had not yet sent that a listing no longer showed (removed meanwhile
      by someone else).
  returned: with O(user_ids), O(usernames) or O(emails), also on failure
  type: list
  elements: str
not_deleted:
  description:
    - With O(user_ids), when a bulk request failed, the ids this task did not remove, because a listing after the failure still
      showed them, or because the request that would have carried them was never sent. With O(usernames) or O(emails), their names.
  returned: failure, when a bulk removal failed part way
  type: list
  elements: str
unknown:
  description:
    - With O(user_ids), when a bulk request failed and the listing that would tell what it did failed too, the ids of that request
      (with O(usernames) or O(emails), their names). A request that failed may still have been carried out, so they may have been
      removed, and the task reports V(changed=true). Run the task again to settle them.
    - Empty when that listing succeeded.
  returned: failure, when a bulk removal failed part way
  type: list
  elements: str
msg:
  description: What was done, or would be done in check mode; on failure, what failed, where (method and address) and what to do.
  returned: always
  type: str
  sample: User jdoe (3fa85f64-5717-4562-b3fc-2c963f66afa6) removed
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

from ansible_collections.uipath.identity.plugins.module_utils.bulk_removal import ensure_many_absent, ensure_named_absent
from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError
from ansible_collections.uipath.identity.plugins.module_utils.groups import GroupOperations
from ansible_collections.uipath.identity.plugins.module_utils.identity_module import IdentityModule
from ansible_collections.uipath.identity.plugins.module_utils.population import ensure_users_present
from ansible_collections.uipath.identity.plugins.module_utils.scopes import GROUPS, USERS, alternatives
from ansible_collections.uipath.identity.plugins.module_utils.user_fields import checked_fields
from ansible_collections.uipath.identity.plugins.module_utils.user_state import ensure_absent, ensure_present
from ansible_collections.uipath.identity.plugins.module_utils.users import UserOperations
from ansible_collections.uipath.identity.plugins.module_utils.validation import (
    name_key, refuse_options, require_email, require_guid, require_names, require_one_identifier)

IDENTIFIERS = ("user_id", "username", "email", "user_ids", "usernames", "emails")
# Options that name many users, with the field of a user each value is matched against.
MANY = (("user_ids", "id"), ("usernames", "userName"), ("emails", "email"))
ATTRIBUTES = ("name", "surname", "display_name", "is_active", "bypass_basic_auth_restriction", "invitation_accepted",
              "password", "group_ids", "groups")


def checked(params):
    """The module's own options, checked and normalised before any request."""
    values = checked_fields(dict(params))
    if values["user_id"] is not None:
        values["user_id"] = require_guid("user_id", values["user_id"])
    if values["user_ids"] is not None:
        values["user_ids"] = require_names("user_ids", [require_guid("user_ids", raw) for raw in values["user_ids"]])
    values["usernames"] = require_names("usernames", values["usernames"])
    if values["emails"] is not None:
        values["emails"] = [require_email("emails", value) for value in require_names("emails", values["emails"])]
    if values["chunk_size"] < 1 or values["chunk_size"] > 1000:
        raise ConfigurationError("chunk_size", "must be from 1 to 1000, got %s" % values["chunk_size"])
    named = [name for name in IDENTIFIERS if values[name] is not None]
    if values["state"] == "absent":
        refuse_options(values, ("users",), "only applies to state=present")
        require_one_identifier(values, IDENTIFIERS)
        refuse_options(values, ATTRIBUTES)
    else:
        refuse_options(values, [option for option, field in MANY], "only applies to state=absent")
        if values["users"] is not None:
            refuse_options(values, ("user_id", "username", "email") + ATTRIBUTES, "describes one user: with users, give it in each item")
            values["users"] = checked_items(values["users"])
        elif not named:
            raise ConfigurationError("username", "state=present needs user_id, username or email to find or create the user")
    return values


def checked_items(items):
    """Each user of ``users`` checked, and each listed once: a user name or an email twice is refused."""
    checked_users, seen = [], {}
    for number, item in enumerate(items, 1):
        fields = checked_fields(dict(item), "users[%d]." % number)
        for field in ("username", "email"):
            if fields[field] is None:
                continue
            first = seen.setdefault((field, name_key(fields[field])), number)
            if first != number:
                raise ConfigurationError("users", "items %d and %d have the same %s %r; list each user once" % (first, number, field, fields[field]))
        checked_users.append(fields)
    return checked_users


def scopes(params):
    """The user scopes, and a group read where any group is named by name."""
    named_groups = params.get("groups") is not None or any(item.get("groups") is not None for item in params.get("users") or [])
    return alternatives((USERS, True), *([(GROUPS, False)] if named_groups else []))


def run(identity):
    values = checked(identity.params)
    users = UserOperations(identity.client(), identity.options["partition_global_id"])
    groups = GroupOperations(users.client, identity.options["partition_global_id"])
    # Named groups join the ids, resolved from one listing before anything is read or written of a user.
    for option, fields in [("groups", values)] + [("users[%d].groups" % n, item) for n, item in enumerate(values["users"] or [], 1)]:
        if fields["groups"] is not None:
            named = [g["id"].lower() for g in groups.resolve_groups(fields["groups"], option)]
            fields["group_ids"] = require_names("group_ids", (fields["group_ids"] or []) + named)
    if values["users"] is not None:
        options = dict((name, values[name]) for name in ("append_groups", "update_password"))
        return ensure_users_present(users, values["users"], options, values["chunk_size"])
    if values["state"] == "present":
        return ensure_present(users, values, identity.warn)
    if values["user_ids"] is not None:
        return ensure_many_absent(users, values["user_ids"], values["chunk_size"])
    for option, field in MANY[1:]:
        if values[option] is not None:
            return ensure_named_absent(users, option, field, values[option], values["chunk_size"])
    return ensure_absent(users, user_id=values["user_id"], username=values["username"], email=values["email"])


def main():
    identity = IdentityModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            user_id=dict(type="str"),
            username=dict(type="str"),
            email=dict(type="str"),
            user_ids=dict(type="list", elements="str"),
            usernames=dict(type="list", elements="str"),
            emails=dict(type="list", elements="str"),
            chunk_size=dict(type="int", default=100),
            name=dict(type="str"),
            surname=dict(type="str"),
            display_name=dict(type="str"),
            is_active=dict(type="bool"),
            bypass_basic_auth_restriction=dict(type="bool"),
            invitation_accepted=dict(type="bool"),
            password=dict(type="str", no_log=True),
            update_password=dict(type="str", default="on_create", choices=["always", "on_create"], no_log=False),
            group_ids=dict(type="list", elements="str"),
            groups=dict(type="list", elements="str"),
            append_groups=dict(type="bool", default=False),
            users=dict(type="list", elements="dict", options=dict(
                username=dict(type="str", required=True),
                email=dict(type="str"),
                name=dict(type="str"),
                surname=dict(type="str"),
                display_name=dict(type="str"),
                is_active=dict(type="bool"),
                bypass_basic_auth_restriction=dict(type="bool"),
                invitation_accepted=dict(type="bool"),
                password=dict(type="str", no_log=True),
                group_ids=dict(type="list", elements="str"),
                groups=dict(type="list", elements="str"),
            )),
        ),
        default_scope=scopes,
    )
    identity.run(run)


if __name__ == "__main__":
    main()
