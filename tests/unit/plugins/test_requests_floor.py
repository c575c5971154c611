# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every place that declares the requests library states the same floor, and the tested pins honour it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import yaml

from ansible_collections.uipath.identity.plugins.doc_fragments.connection import ModuleDocFragment

# tests/unit/plugins/ -> the collection's root, in the repository and in any copied layout.
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
# The oldest requests that keeps ~/.netrc credentials from a host a URL only pretends to name (CVE-2024-47081).
FLOOR = (2, 32, 4)


def floors(text):
    """Every 'requests >= X.Y.Z' in ``text``, as tuples."""
    return [tuple(int(part) for part in found.split(".")) for found in re.findall(r"requests\s*>=\s*([0-9.]+[0-9])", text)]


def read(*path):
    with open(os.path.join(ROOT, *path), encoding="utf-8") as handle:
        return handle.read()


def test_execution_environment_requirements_state_the_floor():
    assert floors(read("meta", "ee-requirements.txt")) == [FLOOR]


def test_module_requirements_state_the_floor():
    requirements = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["requirements"]
    assert [floors(line) for line in requirements if "requests" in line] == [[FLOOR]]


def test_the_floor_rejects_the_releases_before_the_fix():
    assert floors("requests >= 2.32.3") < [FLOOR] and floors("requests>=2.32.4") == [FLOOR]
