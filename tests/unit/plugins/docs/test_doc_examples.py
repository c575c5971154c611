# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every task of every module's EXAMPLES is one the module takes, and the examples show each use of the module.

A task's arguments are what Ansible would hand the module: the module_defaults of its play and blocks
(a later group entry replacing an earlier one, as Ansible merges them), then the task's own. They must pass
the argument spec (options exist, types, choices, mutual exclusions) and then the module's own checks made
before any request (checked(): which options go together for a state, GUIDs, email addresses). A templated
value stands for a sample of the option's type, since what a variable holds is the reader's.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.uipath.identity.plugins.module_utils.validation import require_email, require_guid
from ansible_collections.uipath.identity.tests.unit.plugins.docs.module_docs import COLLECTION, MODULES, module, module_spec

PREFIX = COLLECTION + "."
GROUP = "group/%s.identity" % COLLECTION
NESTED = ("tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always")
SAMPLE_ID = "0b7e9a57-2f1d-4c39-9a6e-3d1b2c4e5f60"

# Each use every module's examples must show, as words about one of its tasks: "option" given, "-option" not given,
# "option=value" after defaults, "check_mode" (the task runs in check mode), "shared_token" (access_token from
# module_defaults, the token of uipath.identity.token).
USES = dict(
    user=["state=present username", "state=present user_id -username", "state=present email -username -user_id",
          "state=absent user_id", "state=absent username", "state=absent email", "user_ids", "usernames", "emails", "users",
          "group_ids", "groups", "append_groups=True", "password", "is_active=False", "check_mode", "shared_token"],
    user_info=["user_id", "username", "email", "search", "-user_id -username -email -search", "shared_token"],
    token=["-scope resources=['users']", "resources", "scope"],
    group=["state=present name -group_id", "state=present group_id", "state=absent name", "state=absent group_id", "members",
           "append_members=True", "check_mode", "shared_token"],
    group_info=["name", "group_id", "-name -group_id", "shared_token"],
    robot_account=["state=present name -robot_account_id", "state=present robot_account_id", "state=absent name",
                   "state=absent robot_account_id", "groups", "append_groups=True", "display_name", "check_mode", "shared_token"],
    robot_account_info=["name", "robot_account_id", "search", "-name -robot_account_id -search", "shared_token"],
)


class Call(object):
    """One task of the examples that calls a module of this collection."""

    def __init__(self, name, args, task, shared_token):
        self.name, self.args, self.task, self.shared_token = name, args, task, shared_token
        self.params = None


def listed(value):
    return value if isinstance(value, list) else [value] if value else []


def calls(entries, defaults=()):
    for entry in entries:
        layered = list(defaults) + listed(entry.get("module_defaults"))
        nested = [key for key in NESTED if key in entry]
        for key in nested:
            yield from calls(entry[key], layered)
        for key, args in entry.items():
            if not nested and key.startswith(PREFIX):
                yield with_defaults(key, dict(args or {}), layered, entry)


def with_defaults(action, args, layered, task):
    merged = {}
    for defaults in layered:
        merged.update(defaults)
    given = dict(merged.get(GROUP, {}))
    given.update(merged.get(action, {}))
    shared = "access_token" in given and "access_token" not in args
    given.update(args)
    return Call(action[len(PREFIX):], given, task, shared)


def example_calls(name):
    return list(calls(yaml.safe_load(module(name).EXAMPLES)))


def sample(option, entry):
    """A value of the option's type for a templated one: a GUID for an id, an address for an email."""
    kind = entry.get("type", "str")
    if kind == "list":
        return [sample(option, dict(type=entry.get("elements", "str"), options=entry.get("options")))]
    if kind == "dict":
        return {}
    if kind in ("bool", "int", "float"):
        return dict(bool=True, int=1, float=1.0)[kind]
    if "_id" in option or option.endswith("ids"):
        return SAMPLE_ID
    return "someone@example.com" if "email" in option else "sample"


def resolved(args, spec):
    return dict((option, sample(option, spec.get(option, {})) if isinstance(value, str) and "{{" in value else value)
                for option, value in args.items())


def validated(call):
    spec, kwargs = module_spec(call.name)
    kwargs = dict((k, v) for k, v in kwargs.items() if k != "supports_check_mode")
    outcome = ArgumentSpecValidator(spec, **kwargs).validate(resolved(call.args, spec))
    assert not outcome.error_messages, "%s: %s" % (call.task.get("name"), outcome.error_messages)
    params = outcome.validated_parameters
    for option, value in params.items():
        # The info modules check ids and addresses in run(), before any request; this is the same check.
        for item in (value if isinstance(value, list) else [value]):
            if isinstance(item, str) and (option.endswith("_id") or option.endswith("_ids")):
                require_guid(option, item)
            elif isinstance(item, str) and option in ("email", "emails"):
                require_email(option, item)
    checked = getattr(module(call.name), "checked", None)
    if checked is not None:
        checked(dict(params))
    return params


@pytest.mark.parametrize("name", MODULES)
def test_every_task_of_the_examples_is_one_the_module_takes(name):
    found = example_calls(name)
    assert [call for call in found if call.name == name], "the examples of %s never call it" % name
    for call in found:
        assert call.name in MODULES, call.name
        validated(call)


@pytest.mark.parametrize("name", MODULES)
def test_every_token_task_is_no_log(name):
    # The token's action plugin refuses a task without no_log: true, since the result holds the token.
    for call in example_calls(name):
        if call.name == "token":
            assert call.task.get("no_log") is True, call.task.get("name")


def shows(call, use):
    for word in use.split():
        if word == "check_mode":
            ok = call.task.get("check_mode") is True
        elif word == "shared_token":
            ok = call.shared_token
        elif word.startswith("-"):
            ok = call.params.get(word[1:]) is None
        elif "=" in word:
            option, value = word.split("=", 1)
            ok = str(call.params.get(option)) == value
        else:
            ok = call.params.get(word) is not None
        if not ok:
            return False
    return True


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_show_every_use_of_the_module(name):
    own = [call for call in example_calls(name) if call.name == name]
    for call in own:
        call.params = validated(call)
    missing = [use for use in USES[name] if not any(shows(call, use) for call in own)]
    assert missing == []


@pytest.mark.parametrize("name", [m for m in MODULES if m != "token"])
def test_the_shared_token_comes_from_a_token_task_of_the_same_examples(name):
    assert [call for call in example_calls(name) if call.name == "token"]


def test_a_task_breaking_a_rule_of_checked_is_caught():
    # The validation above must see more than the argument spec: state=absent with two names is the module's own rule.
    call = Call("user", dict(state="absent", username="a", email="a@example.com"), {}, False)
    with pytest.raises(Exception, match="exactly one of"):
        validated(call)


def test_module_defaults_of_a_block_replace_those_of_the_play_for_the_group():
    play = [{"hosts": "localhost", "module_defaults": {GROUP: {"organization": "acme"}},
             "tasks": [{"module_defaults": {GROUP: {"access_token": "x"}}, "block": [{PREFIX + "user_info": None}]}]}]
    (call,) = calls(play)
    assert call.args == {"access_token": "x"} and call.shared_token
