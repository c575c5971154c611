"""The checks Galaxy, Automation Hub and Automation Platform users rely on: ansible-lint with the
production profile, antsibull-docs, antsibull-changelog, and ansible-builder.

These tools pin other versions of what the test environments pin, so they live in their own
environment, .venv-tools (tests/requirements-tools.txt), which `make test` builds; the variable
IDENTITY_TOOLS_VENV names another. Without one these tests skip and say so. The linters run on a
copy of the working tree laid out as ansible_collections/uipath/identity, as they expect.
"""

import os
import shutil
import subprocess

import pytest
import yaml

from support import REPO

TOOLS = os.environ.get("IDENTITY_TOOLS_VENV") or os.path.join(REPO, ".venv-tools")
TOOLS_BIN = os.path.join(TOOLS, "bin")

pytestmark = pytest.mark.skipif(not os.path.exists(os.path.join(TOOLS_BIN, "ansible-lint")),
                                reason="%s holds no ansible-lint: `make test` builds it from tests/requirements-tools.txt" % TOOLS)


def galaxy():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def working_tree_files():
    """The repository's files as git sees the working tree: tracked plus untracked, not ignored."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO,
                            check=True, capture_output=True).stdout.decode("utf-8")
    return sorted(set(path for path in listed.split("\0") if path and os.path.isfile(os.path.join(REPO, path))))


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    """A copy of the working tree at <tmp>/ansible_collections/<namespace>/<name>."""
    meta = galaxy()
    root = tmp_path_factory.mktemp("lint") / "ansible_collections" / meta["namespace"] / meta["name"]
    for path in working_tree_files():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(os.path.join(REPO, path), str(target))
    return str(root)


def tool(command, cwd, tmp_path, **variables):
    """Run one of the tools with a clean environment; return (exit status, output)."""
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "UIPATH_")))
    env.update(PATH=TOOLS_BIN + os.pathsep + env.get("PATH", ""), ANSIBLE_HOME=str(tmp_path / "ansible_home"),
               ANSIBLE_NOCOLOR="1", NO_COLOR="1", PY_COLORS="0", **variables)
    run = subprocess.run([os.path.join(TOOLS_BIN, command[0])] + list(command[1:]), cwd=cwd, env=env,
                         capture_output=True, text=True, check=False, timeout=600)
    return run.returncode, run.stdout + run.stderr


def test_ansible_lint_production_profile_passes(collection, tmp_path):
    # Offline: no schema or version downloads. The playbooks' modules resolve to the copy itself.
    collections = os.path.dirname(os.path.dirname(os.path.dirname(collection)))
    status, output = tool(["ansible-lint", "--profile", "production", "--offline", "--nocolor"], collection, tmp_path,
                          ANSIBLE_COLLECTIONS_PATH=collections)
    summary = [line for line in output.splitlines() if line.startswith(("Passed:", "Failed:"))]
    print("ansible-lint: %s" % (summary[-1] if summary else "(no summary line)"))
    assert status == 0 and summary and summary[-1].startswith("Passed:"), output
    assert "0 failure(s), 0 warning(s)" in summary[-1], output


def test_every_ansible_lint_skip_has_a_reason():
    with open(os.path.join(REPO, ".ansible-lint"), encoding="utf-8") as handle:
        text = handle.read()
    config = yaml.safe_load(text)
    assert config["profile"] == "production"
    lines = text.splitlines()
    for key in ("skip_list", "warn_list"):
        for rule in config.get(key) or []:
            # Each rule stands on its own line, after a comment or with one at its end, saying why.
            index = [i for i, line in enumerate(lines) if line.strip().startswith("- %s" % rule)][0]
            assert "#" in lines[index] or lines[index - 1].strip().startswith("#"), "%s: %s has no reason" % (key, rule)


def test_antsibull_docs_lint_passes(collection, tmp_path):
    status, output = tool(["antsibull-docs", "lint-collection-docs", "--plugin-docs", "--validate-collection-refs", "dependent",
                           collection], collection, tmp_path)
    print("antsibull-docs lint-collection-docs --plugin-docs: exit %d, %d messages" % (status, len(output.strip().splitlines())))
    assert status == 0 and not output.strip(), output


def test_changelog_fragments_and_the_rendered_changelog_agree(collection, tmp_path):
    status, output = tool(["antsibull-changelog", "lint"], collection, tmp_path)
    assert status == 0 and not output.strip(), output
    status, output = tool(["antsibull-changelog", "lint-changelog-yaml", "changelogs/changelog.yaml"], collection, tmp_path)
    assert status == 0 and not output.strip(), output

    # CHANGELOG.rst is what changelogs/changelog.yaml renders to, not edited by hand.
    with open(os.path.join(collection, "CHANGELOG.rst"), encoding="utf-8") as handle:
        committed = handle.read()
    status, output = tool(["antsibull-changelog", "generate"], collection, tmp_path)
    assert status == 0, output
    with open(os.path.join(collection, "CHANGELOG.rst"), encoding="utf-8") as handle:
        assert handle.read() == committed, "CHANGELOG.rst differs from what changelogs/changelog.yaml renders: run antsibull-changelog generate"

    # Once galaxy.yml's version is released in changelog.yaml, a fragment left over is missing from its notes.
    with open(os.path.join(collection, "changelogs", "changelog.yaml"), encoding="utf-8") as handle:
        releases = yaml.safe_load(handle)["releases"]
    pending = sorted(name for name in os.listdir(os.path.join(collection, "changelogs", "fragments")) if name.endswith((".yml", ".yaml")))
    version = galaxy()["version"]
    print("changelog: releases %s; galaxy.yml version %s; fragments not yet released: %s" % (sorted(releases), version, pending or "none"))
    assert not (version in releases and pending), (
        "fragments %s are not in the changelog of %s, which galaxy.yml builds: run "
        "`PATH=$PWD/.venv-tools/bin:$PATH antsibull-changelog release --version %s --update-existing`, "
        "or raise the version" % (pending, version, version))


def test_ansible_builder_introspect_finds_requests(collections_path, tmp_path):
    # The collection as installed from its tarball, as an image build installs it.
    status, output = tool(["ansible-builder", "introspect", collections_path], tmp_path, tmp_path)
    assert status == 0, output
    print("ansible-builder introspect: %s" % " ".join(output.split()))
    python = yaml.safe_load(output)["python"]
    assert [line for line in python if line.split()[0] == "requests" and "uipath.identity" in line], output


def test_ansible_builder_create_gives_a_build_context(tmp_path):
    definition = tmp_path / "execution-environment.yml"
    shutil.copy(os.path.join(REPO, "docs", "awx", "execution-environment.yml"), str(definition))
    context = tmp_path / "context"
    status, output = tool(["ansible-builder", "create", "-f", str(definition), "--context", str(context),
                           "--output-filename", "Containerfile"], tmp_path, tmp_path)
    assert status == 0, output
    files = sorted(os.path.relpath(os.path.join(folder, name), str(context)) for folder, _dirs, names in os.walk(str(context)) for name in names)
    print("ansible-builder create: build context with %s" % ", ".join(files))
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile and "introspect.py introspect" in containerfile
    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert [entry["name"] for entry in requirements["collections"]] == ["uipath.identity"]
