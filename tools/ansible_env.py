"""The environment every local run of the Ansible CLIs gets: the demo, the benchmark and the
end-to-end tests. Nothing of the caller's own Ansible or UiPath settings leaks in."""

import os
import sys

BIN = os.path.dirname(sys.executable)


def clean_ansible_env(collections, home=None, **extra):
    """os.environ without ANSIBLE_* and UIPATH_*, pointed at ``collections``.

    With ``home``, Ansible keeps its temporary files and caches there, away from
    the user's ~/.ansible. ``extra`` is added last, as strings.
    """
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("UIPATH_", "ANSIBLE_")))
    env.update(
        PATH=BIN + os.pathsep + env.get("PATH", ""),
        ANSIBLE_COLLECTIONS_PATH=collections,
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
        ANSIBLE_RETRY_FILES_ENABLED="false",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_DEPRECATION_WARNINGS="false",
    )
    if home is not None:
        env.update(ANSIBLE_HOME=home, ANSIBLE_LOCAL_TEMP=os.path.join(home, "tmp"))
    env.update(dict((k, str(v)) for k, v in extra.items()))
    return env
