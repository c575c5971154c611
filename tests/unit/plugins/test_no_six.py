# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""No file of the collection imports ansible.module_utils.six, which ansible-core deprecates for removal."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import os

# tests/unit/plugins/ -> the collection's root, in the repository and in any copied layout.
PLUGINS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "plugins"))


def six_imports(path):
    with open(path, "rb") as source:
        tree = ast.parse(source.read(), filename=path)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = [module] + ["%s.%s" % (module, alias.name) for alias in node.names]
        else:
            continue
        if any(name == "ansible.module_utils.six" or name.startswith("ansible.module_utils.six.") for name in names):
            found.append("%s:%d" % (os.path.relpath(path, PLUGINS), node.lineno))
    return found


def test_no_plugin_imports_six():
    files = [os.path.join(folder, name) for folder, dummy, names in os.walk(PLUGINS) for name in names if name.endswith(".py")]
    assert files, "no Python files found under %s" % PLUGINS
    found = [hit for path in files for hit in six_imports(path)]
    assert found == [], "ansible.module_utils.six imported at: %s (use urllib.parse and the standard library)" % ", ".join(found)


def test_the_check_sees_every_form(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text("from ansible.module_utils.six.moves.urllib.parse import quote\n"
                    "import ansible.module_utils.six as six\n"
                    "from ansible.module_utils import six\n"
                    "from ansible.module_utils import basic\n")
    assert len(six_imports(str(path))) == 3
