# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The collection's version, for the User-Agent of every request.

galaxy.yml is the source of truth, but a module runs as a zipped payload on
its target, where galaxy.yml (and the installed collection's MANIFEST.json)
cannot be read; so the version is kept here as the one literal in Python, and
a unit test fails when it differs from galaxy.yml.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

COLLECTION_VERSION = "1.0.0"
