# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Each module documents exactly the options its argument spec takes, as ansible-doc shows them."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.uipath.identity.tests.unit.plugins.docs.module_docs import MODULES, ansible_doc, module_spec

# What a reader relies on, per option; the rest (descriptions, no_log, fallbacks) has no counterpart on the other side.
COMPARED = ("type", "elements", "choices", "default", "required")


@pytest.fixture(scope="module")
def docs():
    return ansible_doc()


def documented(options):
    return dict((name, dict([(key, entry.get(key)) for key in COMPARED] + [("suboptions", documented(entry.get("suboptions") or {}))]))
                for name, entry in options.items())


def specified(spec):
    # Ansible reads a spec without a type as str, and ansible-doc shows "required: false" for no "required".
    return dict((name, dict(type=entry.get("type", "str"), elements=entry.get("elements"), choices=entry.get("choices"),
                            default=entry.get("default"), required=entry.get("required"), suboptions=specified(entry.get("options") or {})))
                for name, entry in spec.items())


def normalised(options):
    for entry in options.values():
        entry["required"] = bool(entry["required"])
        entry["type"] = entry["type"] or "str"
        normalised(entry["suboptions"])
    return options


@pytest.mark.parametrize("name", MODULES)
def test_documented_options_are_the_argument_spec(docs, name):
    spec, _kwargs = module_spec(name)
    assert normalised(documented(docs[name]["doc"]["options"])) == normalised(specified(spec))


def test_token_neither_documents_nor_takes_an_access_token(docs):
    spec, _kwargs = module_spec("token")
    assert "access_token" not in docs["token"]["doc"]["options"] and "access_token" not in spec


@pytest.mark.parametrize("name", [m for m in MODULES if m != "token"])
def test_every_other_module_documents_and_takes_one(docs, name):
    spec, _kwargs = module_spec(name)
    assert "access_token" in docs[name]["doc"]["options"] and spec["access_token"]["no_log"] is True
