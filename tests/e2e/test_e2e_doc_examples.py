"""Every module's EXAMPLES, run by the real ansible-playbook in check mode against the emulator.

The unit tests in tests/unit/plugins/docs hold the examples to the argument specs; only a run shows
that each task also works against a server: that the names it uses resolve, that a block sharing a
token gets one, that a check-mode preview reads and never writes. One play per module runs the
EXAMPLES tasks as they are, with `--check --diff`, and every task must run (none failed, none
skipped) while the emulator sees no write but token requests.

What the examples leave to the reader is given by the play, not by editing the examples:
- the connection, as `module_defaults` for the collection's action group (the examples take it from
  UIPATH_* variables, which this test leaves unset so that nothing else can supply it);
- the variables they name (`leavers`, `teams`, ...), as play `vars`;
- the organization they describe, as an emulator seeded with what they name: the example seed (whose
  organizations have UiPath's built-in groups) plus jdoe, a leaver, a contractor and robot-invoices,
  at the ids the examples use, so that a task about an existing record finds one, as it would in the
  reader's organization. Its `acme` is also the standalone installation's organization, so the
  standalone examples reach the same users.

A handful of values are rewritten in the test's copy of the tasks, because an option given in a
task wins over module_defaults: the placeholder addresses (`url`, `identity_url`, `token_url`) become
the emulator's, and a literal `partition_global_id` becomes the seed's. A block's own
`module_defaults` for the group replaces the play's entry for it (Ansible merges module_defaults by
key, and the whole group is one key), so the test merges the play's connection under the block's.
"""

import ast
import copy
import json
import os
import re

import pytest
import yaml

from support import ADMIN_TOKEN, ORG, PARTITION, REPO, SEED, mutating

MODULES = ("user", "user_info", "token", "group", "group_info", "robot_account", "robot_account_info")
PREFIX = "uipath.identity."
GROUP = "group/uipath.identity.identity"
BLOCK_KEYS = ("block", "rescue", "always")
STATS = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)", re.M)

# An external application granted every scope the examples ask for, the whole families and the
# narrower .Read/.Write ones alike (the token example names PM.Group.Read outright).
FAMILIES = ("PM.User", "PM.Group", "PM.RobotAccount")
SCOPES = list(FAMILIES) + [family + access for family in FAMILIES for access in (".Read", ".Write")]
CLIENT = {"client_id": "acme-examples", "client_secret": "examples-secret", "organization": ORG, "scopes": SCOPES}
JDOE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"  # the user id the examples name
ROBOT_INVOICES_ID = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"  # the robot account id the examples name
# What the examples name beyond the example seed.
ADDITIONS = {
    "users": [
        {"id": JDOE_ID, "userName": "jdoe", "email": "jdoe@example.com", "name": "Jane", "surname": "Doe",
         "displayName": "Jane Doe"},
        {"userName": "leaver", "email": "leaver@example.com", "name": "Lee", "surname": "Vers", "displayName": "Lee Vers"},
        {"userName": "temp1", "email": "temp1@contractor.example.com", "name": "Tem", "surname": "Porary",
         "displayName": "Tem Porary"},
    ],
    "robotAccounts": [{"id": ROBOT_INVOICES_ID, "name": "robot-invoices", "displayName": "Invoice processing robot"}],
}
# Every variable the examples use, with values that name records of the seed above (and some that do not).
VARS = {
    "uipath_client_id": CLIENT["client_id"],
    "uipath_client_secret": CLIENT["client_secret"],
    "uipath_personal_access_token": ADMIN_TOKEN,
    "vault_svc_reports_password": "Xy7-Unguessable-Pw9",
    "leavers": ["leaver@example.com", "nobody@example.com"],
    "leaver_ids": [JDOE_ID, "00000000-0000-4000-8000-0000000000aa"],
    "suspended": ["bobby@example.com", "leaver@example.com"],
    "finance_team": ["ann", "bob", "jdoe"],
    "teams": {"Finance": ["ann", "jdoe"], "Contractors": ["temp1"]},
}


def examples_seed():
    """The example seed with what the examples name, and acme as the standalone installation too."""
    with open(SEED, encoding="utf-8") as handle:
        seed = json.load(handle)
    for organization in seed["organizations"]:
        organization["standalone"] = organization["name"] == ORG
        if organization["name"] == ORG:
            for key, records in ADDITIONS.items():
                organization[key] = organization.get(key, []) + copy.deepcopy(records)
    seed["clients"].append(CLIENT)
    return seed


def examples(module):
    """The module's EXAMPLES, parsed, read from its source without importing it."""
    with open(os.path.join(REPO, "plugins", "modules", module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["EXAMPLES"]:
            return yaml.safe_load(node.value.value)
    raise AssertionError("%s has no EXAMPLES" % module)


def leaves(tasks):
    """The tasks that run, in order: blocks stand for what they hold."""
    for task in tasks:
        nested = [key for key in BLOCK_KEYS if key in task]
        if nested:
            for key in nested:
                yield from leaves(task[key])
        else:
            yield task


def pointed_at(tasks, emu, connection):
    """A copy of the tasks with the placeholder addresses the emulator's and the play's connection under each block's."""
    addresses = {"url": emu.url, "identity_url": emu.base(ORG), "token_url": emu.base(ORG) + "/connect/token"}
    tasks = copy.deepcopy(tasks)
    for task in tasks:
        if GROUP in (task.get("module_defaults") or {}):
            own = task["module_defaults"][GROUP]
            task["module_defaults"][GROUP] = dict(connection, **own)
        for key in BLOCK_KEYS:
            if key in task:
                task[key] = pointed_at(task[key], emu, connection)
        for action, args in task.items():
            if action.startswith(PREFIX) and isinstance(args, dict):
                for option in addresses:
                    if option in args:
                        args[option] = addresses[option]
                if "partition_global_id" in args and "{{" not in str(args["partition_global_id"]):
                    args["partition_global_id"] = PARTITION
    return tasks


@pytest.mark.parametrize("module", MODULES)
def test_the_examples_run_in_check_mode_and_write_nothing(module, ansible, emulator, write_playbook):
    emu = emulator(seed=examples_seed())
    tasks = examples(module)
    assert all(isinstance(task, dict) and "hosts" not in task for task in tasks), "EXAMPLES must be a list of tasks"
    connection = {"url": emu.url, "organization": ORG, "client_id": CLIENT["client_id"],
                  "client_secret": CLIENT["client_secret"]}
    play = [{"name": "The EXAMPLES of %s%s" % (PREFIX, module), "hosts": "localhost", "connection": "local",
             "gather_facts": False, "module_defaults": {GROUP: connection}, "vars": VARS,
             "tasks": pointed_at(tasks, emu, connection)}]
    run = ansible.playbook(write_playbook(yaml.safe_dump(play, sort_keys=False), module + "_examples.yml"),
                           ansible.env(), "--check", "--diff")
    stats = STATS.search(run.out)
    assert stats, run.out
    ok, failed, skipped = int(stats.group(1)), int(stats.group(4)), int(stats.group(5))
    names = [task["name"] for task in leaves(tasks)]
    # ok counts each task that ran, changed or not, and a looped task once: one per example task,
    # so a task skipped (an empty loop, a module refusing check mode) shows as one short.
    assert (run.rc, failed, skipped, ok) == (0, 0, 0, len(names)), run.out
    ran = re.findall(r"^TASK \[(.*)\] \*+$", run.out, re.M)
    assert ran == names, run.out
    assert mutating(emu) == [], "check mode wrote:\n%s" % "\n".join("%(method)s %(path)s" % r for r in mutating(emu))
