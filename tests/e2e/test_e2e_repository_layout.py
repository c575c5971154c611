"""The repository's own promises about its layout: the README stays a user's page, and every file
under tools/ is small, says what it is for, and is named in docs/development.md."""

import os
import subprocess

from support import REPO

LIMIT = 300


def tracked(folder):
    listed = subprocess.run(["git", "ls-files", "-z", folder], cwd=REPO, check=True, capture_output=True).stdout.decode("utf-8")
    return sorted(path for path in listed.split("\0") if path and os.path.isfile(os.path.join(REPO, path)))


def read(path):
    with open(os.path.join(REPO, path), encoding="utf-8") as handle:
        return handle.read()


def test_the_readme_is_under_200_lines_and_opens_with_the_two_commands():
    lines = read("README.md").splitlines()
    assert len(lines) < 200, "README.md has %d lines: move contributor material to docs/development.md" % len(lines)
    top = "\n".join(lines[:20])
    assert "make demo" in top and "make test" in top


def test_every_tool_is_small_says_what_it_is_for_and_is_named_in_the_development_guide():
    guide = read("docs/development.md")
    tools = tracked("tools")
    assert tools
    for path in tools:
        text = read(path)
        lines = text.splitlines()
        assert len(lines) <= LIMIT, "%s has %d lines (at most %d)" % (path, len(lines), LIMIT)
        first = [line for line in lines if line.strip() and not line.startswith("#!")][0]
        assert first.startswith(('"""', "#")), "%s does not open with a comment saying what it is for" % path
        assert "`%s`" % path in guide, "docs/development.md does not name %s" % path
