"""The collection as Galaxy and Automation Hub receive it: the tarball of ansible-galaxy
collection build, what it holds, and an install from it."""

import fnmatch
import json
import os
import subprocess
import tarfile

import pytest
import yaml

from support import BIN, REPO

# Whatever serves development and not the collection's users. Patterns match a member's path
# (fnmatch: * crosses folders); a folder's pattern also matches everything below it.
CLUTTER = (
    "tools", ".ci", "build", ".git", ".github", ".gitignore", "tests/e2e", "tests/emulator", "tests/output",
    "tests/requirements*.txt", ".venv*", "*/.venv*", "*__pycache__*", "*.pyc", ".pytest_cache", "*/.pytest_cache",
    ".hypothesis", "*/.hypothesis", "Makefile", "*.log", "*.tar.gz", ".ansible", ".ansible-lint",
    "changelogs/.plugin-cache.yaml",
)
# What a user of the collection needs from it.
REQUIRED = (
    "MANIFEST.json", "FILES.json", "README.md", "COPYING", "CHANGELOG.rst", "changelogs/changelog.yaml", "meta/runtime.yml",
    "meta/execution-environment.yml", "meta/ee-requirements.txt", "plugins/modules/user.py", "plugins/modules/user_info.py",
    "plugins/modules/token.py", "plugins/doc_fragments/connection.py", "docs/awx/uipath_credential_type.json",
    "docs/awx/awx_remove_users.survey.json", "playbooks/awx_remove_users.yml",
)


def galaxy():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def run(*command, **kwargs):
    done = subprocess.run(list(command), capture_output=True, text=True, check=False, timeout=300, **kwargs)
    assert done.returncode == 0, " ".join(command) + "\n" + done.stdout + done.stderr
    return done.stdout


def clutter(name):
    return [pattern for pattern in CLUTTER if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(name, pattern + "/*")]


@pytest.fixture(scope="module")
def tarball(tmp_path_factory):
    output = tmp_path_factory.mktemp("tarball")
    run(os.path.join(BIN, "ansible-galaxy"), "collection", "build", REPO, "--output-path", str(output))
    meta = galaxy()
    path = output / ("%s-%s-%s.tar.gz" % (meta["namespace"], meta["name"], meta["version"]))
    assert path.exists(), os.listdir(str(output))
    return str(path)


def test_tarball_holds_the_collection_and_no_development_clutter(tarball):
    with tarfile.open(tarball) as archive:
        members = archive.getmembers()
    files = sorted(member.name for member in members if member.isfile())
    print("%s: %d files, %d bytes" % (os.path.basename(tarball), len(files), os.path.getsize(tarball)))
    for name in files:
        print("  " + name)
    found = dict((member.name, clutter(member.name)) for member in members if clutter(member.name))
    assert not found, "development files in the tarball (add them to build_ignore in galaxy.yml): %s" % found
    assert not [name for name in REQUIRED if name not in files]
    assert not [member.name for member in members if member.issym() or member.name.startswith(("/", ".."))]
    with tarfile.open(tarball) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))["collection_info"]
    assert (manifest["namespace"], manifest["name"], manifest["version"]) == ("uipath", "identity", galaxy()["version"])
    # The licence travels with the collection, whole, and the manifest points at it.
    assert manifest["license_file"] == "COPYING"
    with tarfile.open(tarball) as archive:
        licence = archive.extractfile("COPYING").read().decode("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3, 29 June 2007" in licence and "END OF TERMS AND CONDITIONS" in licence


def test_install_from_the_tarball(tarball, tmp_path):
    target = str(tmp_path / "collections")
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ANSIBLE_"))
    env.update(ANSIBLE_COLLECTIONS_PATH=target, ANSIBLE_HOME=str(tmp_path / "home"), ANSIBLE_NOCOLOR="1")
    galaxy_bin = os.path.join(BIN, "ansible-galaxy")
    out = run(galaxy_bin, "collection", "install", tarball, "-p", target, env=env)
    assert "uipath.identity:%s was installed successfully" % galaxy()["version"] in out
    # Every installed file matches the checksums in the tarball's FILES.json.
    out = run(galaxy_bin, "collection", "verify", "--offline", "-p", target, "uipath.identity", env=env)
    assert "Successfully verified that checksums for 'uipath.identity:%s' are internally consistent" % galaxy()["version"] in out, out
    listed = json.loads(run(galaxy_bin, "collection", "list", "uipath.identity", "-p", target, "--format", "json", env=env))
    assert [info["version"] for info in listed[os.path.join(target, "ansible_collections")].values()] == [galaxy()["version"]]
    modules = run(os.path.join(BIN, "ansible-doc"), "-t", "module", "-l", "uipath.identity", env=env)
    assert sorted(line.split()[0] for line in modules.splitlines() if line.strip()) == [
        "uipath.identity.group", "uipath.identity.group_info", "uipath.identity.robot_account", "uipath.identity.robot_account_info",
        "uipath.identity.token", "uipath.identity.user", "uipath.identity.user_info"]
