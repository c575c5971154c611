"""Where a task's time goes: the module process, its imports, and Ansible around it.

Ansible runs each module as a separate Python process started with
ansible_python_interpreter. Pointing that at a small bash wrapper measures the
process from exec to exit (bash's EPOCHREALTIME, no extra fork), and a second
wrapper adds ``-X importtime`` so that the AnsiballZ run reports every import
with its cumulative time. The rest of a task's time is Ansible's own work on
the controller (worker fork, templating, building and copying the payload).
"""

import glob
import os
import re
import statistics
import subprocess
import sys

import bench_env as env_mod

TIMING_WRAPPER = """#!/bin/bash
start=$EPOCHREALTIME
"%(python)s" "$@"
rc=$?
echo "$start $EPOCHREALTIME ${1##*/}" >> "%(log)s"
exit $rc
"""

IMPORT_WRAPPER = """#!/bin/bash
exec "%(python)s" -X importtime "$@" 2> "%(folder)s/imports.$$.txt"
"""

LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( +)(\S+)\s*$")
KINDS = ("ping", "uri", "user", "user_info")


def _wrapper(lab, name, text):
    path = lab.write(name, text)
    os.chmod(path, 0o755)
    return path


def _plays(lab, count, user_ids):
    info = ["    - name: read user %d\n      uipath.identity.user_info:\n%s        user_id: %s\n" % (n, env_mod.MODULE_CONNECTION, user_id)
            for n, user_id in enumerate(user_ids[count:2 * count], 1)]
    return dict(
        ping=lab.write("profile-ping.yml", env_mod.play(env_mod.ping_tasks(count))),
        uri=lab.write("profile-uri.yml", env_mod.play(env_mod.uri_remove_tasks(user_ids[:count]))),
        user=lab.write("profile-user.yml", env_mod.play(env_mod.module_remove_tasks(user_ids[2 * count:3 * count]))),
        user_info=lab.write("profile-user_info.yml", env_mod.play(info)),
    )


def _run_all(lab, count, interpreter, before=None, after=None):
    """Run each kind's playbook once against a fresh emulator, with ``interpreter`` as the module Python."""
    for kind in KINDS:
        with env_mod.CountingEmulator() as emu:
            users = emu.add_users(env_mod.ORG, 3 * count)
            plays = _plays(lab, count, [u["id"] for u in users])
            if before:
                before(kind)
            # The implicit localhost sets ansible_python_interpreter to the controller's Python, which only an extra var overrides.
            lab.playbook(plays[kind], dict(base=emu.url, token=env_mod.TOKEN, ansible_python_interpreter=interpreter))
            if after:
                after(kind)


def parse_importtime(text):
    """The import tree of one process: list of (depth, name, self_us, cumulative_us)."""
    entries = []
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            entries.append(((len(match.group(3)) - 1) // 2, match.group(4), int(match.group(1)), int(match.group(2))))
    return entries


def summarize_imports(entries):
    """Milliseconds: all imports, and the parts that differ between the modules."""
    def cumulative(name):
        return sum(cum for _depth, entry, _self, cum in entries if entry == name) / 1000.0

    top = sorted(((cum, name) for depth, name, _self, cum in entries if depth == 0), reverse=True)
    return dict(
        total=sum(cum for depth, _name, _self, cum in entries if depth == 0) / 1000.0,
        basic=cumulative("ansible.module_utils.basic"),
        requests=cumulative("requests"),
        urls=cumulative("ansible.module_utils.urls"),
        collection_own=sum(own for _depth, name, own, _cum in entries if name.startswith("ansible_collections.uipath.")) / 1000.0,
        top=[(name, cum / 1000.0) for cum, name in top[:6]],
    )


def profile(lab, count):
    """Median module-process time and import profile per kind, over ``count`` tasks each."""
    log = lab.path("process-times.txt")
    timing = _wrapper(lab, "python-timing", TIMING_WRAPPER % dict(python=sys.executable, log=log))
    process = dict((kind, []) for kind in KINDS)
    gaps = dict((kind, []) for kind in KINDS)

    def read_times(kind):
        spans = []
        with open(log, encoding="utf-8") as handle:
            for line in handle:
                start, end, script = line.split()
                if script == "AnsiballZ_%s.py" % kind:
                    spans.append((float(start), float(end)))
        os.unlink(log)
        spans.sort()
        process[kind] = [(end - start) * 1000.0 for start, end in spans]
        # Between the end of one module process and the start of the next, Ansible alone works.
        gaps[kind] = [(spans[n + 1][0] - spans[n][1]) * 1000.0 for n in range(len(spans) - 1)]

    _run_all(lab, count, timing, after=read_times)

    folder = lab.path("importtime")
    os.makedirs(folder)
    importer = _wrapper(lab, "python-importtime", IMPORT_WRAPPER % dict(python=sys.executable, folder=folder))
    imports = {}

    def clear(_kind):
        for path in glob.glob(os.path.join(folder, "imports.*.txt")):
            os.unlink(path)

    def collect(kind):
        summaries = []
        for path in glob.glob(os.path.join(folder, "imports.*.txt")):
            with open(path, encoding="utf-8") as handle:
                entries = parse_importtime(handle.read())
            if entries:
                summaries.append(summarize_imports(entries))
        imports[kind] = summaries

    _run_all(lab, count, importer, before=clear, after=collect)
    result = {}
    for kind in KINDS:
        summaries = imports.get(kind) or []
        median = dict((key, statistics.median(s[key] for s in summaries)) for key in ("total", "basic", "requests", "urls", "collection_own")) \
            if summaries else {}
        result[kind] = dict(process_ms=statistics.median(process[kind]) if process[kind] else None, samples=len(process[kind]),
                            between_ms=statistics.median(gaps[kind]) if gaps[kind] else None,
                            imports=median, top=summaries[len(summaries) // 2]["top"] if summaries else [])
    return result


IMPORT_PROBE = """
import time
import ansible.module_utils.basic
started = time.perf_counter()
import %s
print((time.perf_counter() - started) * 1000.0)
"""
HTTP_LIBRARIES = ("requests", "http.client, ssl", "ansible.module_utils.urls")


def import_costs(repeat=7):
    """Milliseconds to import each HTTP library into a Python that has ansible.module_utils.basic already (median)."""
    costs = {}
    for statement in HTTP_LIBRARIES:
        samples = []
        for _number in range(repeat):
            done = subprocess.run([sys.executable, "-c", IMPORT_PROBE % statement], capture_output=True, text=True, check=True)
            samples.append(float(done.stdout.strip()))
        costs[statement] = statistics.median(samples)
    return costs


def scope_fallback(lab):
    """Token requests of one client-credentials task, for an application with PM.User and one with Read+Write."""
    counts = {}
    for client_id, secret in (("acme-app", "acme-secret"), ("acme-writer", "writer-secret")):
        with env_mod.CountingEmulator() as emu:
            user = emu.add_users(env_mod.ORG, 1)[0]
            path = lab.write("profile-scope.yml", env_mod.client_credentials_play([user["id"]]))
            emu.reset_counters()
            lab.playbook(path, dict(base=emu.url, client_id=client_id, client_secret=secret))
            tokens = [r for r in emu.log if r["path"].endswith("/connect/token")]
            counts[client_id] = dict(requests=len(tokens), statuses=[r["status"] for r in tokens],
                                     scopes=[(r.get("body") or {}).get("scope") for r in tokens])
    return counts
