"""What every local run of the Ansible CLIs shares (the demo, the benchmark and the end-to-end
tests): the collection built and installed from its tarball, and an environment into which
nothing of the caller's own Ansible or UiPath settings leaks."""

import os
import subprocess
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


def build_and_install(root, work):
    """Build the collection at ``root`` and install it from its tarball, as a user would.

    The tarball goes into ``work`` and the collection into ``work``/collections.
    Returns (tarball path, collections path); a failure raises RuntimeError
    with the command's output.
    """
    galaxy = os.path.join(BIN, "ansible-galaxy")
    collections = os.path.join(work, "collections")
    # Naming the target as the collections path keeps ansible-galaxy from warning that it is not one.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections)
    _run([galaxy, "collection", "build", root, "--output-path", work], env)
    tarball = os.path.join(work, [name for name in os.listdir(work) if name.endswith(".tar.gz")][0])
    try:
        _run([galaxy, "collection", "install", "--offline", tarball, "-p", collections], env)
    except RuntimeError as exc:
        if "--offline" not in str(exc):
            raise
        # ansible-core releases without --offline install a local tarball offline anyway.
        _run([galaxy, "collection", "install", tarball, "-p", collections], env)
    return tarball, collections


def _run(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError("%s failed (exit %d):\n%s%s" % (" ".join(command), done.returncode, done.stdout, done.stderr))
