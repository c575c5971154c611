# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The version in the User-Agent is the one galaxy.yml declares."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import yaml

from ansible_collections.uipath.identity.plugins.module_utils.version import COLLECTION_VERSION

# tests/unit/plugins/module_utils/ -> the collection's root, in the repository and in any copied layout.
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def test_collection_version_matches_galaxy_yml():
    with open(os.path.join(ROOT, "galaxy.yml")) as galaxy:
        declared = yaml.safe_load(galaxy)["version"]
    assert COLLECTION_VERSION == str(declared), (
        "plugins/module_utils/version.py says %s, galaxy.yml says %s: change both together" % (COLLECTION_VERSION, declared))
