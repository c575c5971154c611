"""`make bench`: uipath.identity against ansible.builtin.uri and Automation Cloud's rate limits.

Runs the real ansible-playbook (implicit localhost, gather_facts: false) with
the collection built and installed from its tarball into a temporary
collections path, against the in-process Identity Server emulator, and prints
Markdown tables of medians over alternating runs (A B C A B C ...):

  a. one removal per task: uipath.identity.user against ansible.builtin.uri (DELETE), same static token,
     the module run in the task's worker and as a module process (uipath_identity_in_process=false);
  b. offboarding: bulk user_ids, a loop of module tasks, a loop of uri tasks; then Automation Cloud's limits;
  c. user_info by email in a large organization, match early and late;
  d. the floor: ansible.builtin.ping, same task count;
  tokens: client credentials in every task, or uipath.identity.token once per play;
  profile: module process time, its imports, TCP connections, token requests;
  e, f, g (population.py): onboarding, offboarding by email, a group's members, one task against loops.

  python tools/bench/benchmark.py         # the full run (about 12 minutes on 2 cores)
  python tools/bench/benchmark.py --quick # a smoke run: fewer runs, tasks and users

See docs/benchmarks.md for the results and what they mean.
"""

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_env as env_mod  # noqa: E402 pylint: disable=wrong-import-position
import population  # noqa: E402 pylint: disable=wrong-import-position
from report import report  # noqa: E402 pylint: disable=wrong-import-position
from scenarios import Bench, alternate, say  # noqa: E402 pylint: disable=wrong-import-position

FULL = dict(runs=5, tasks=30, org=2500, leavers=1000, sample=20, chunk=100, lookup_org=10000, token_tasks=100,
            cloud_scale=80, cloud_items=13, bulk_window=5.0, profile_tasks=8)
QUICK = dict(runs=2, tasks=5, org=500, leavers=200, sample=4, chunk=100, lookup_org=2000, token_tasks=5,
             cloud_scale=160, cloud_items=4, bulk_window=2.0, profile_tasks=2)
STEPS = ("tasks", "offboarding", "lookup", "tokens", "profile", "onboarding", "offboarding_by_email", "group_members")


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    core = subprocess.run([os.path.join(env_mod.BIN, "ansible"), "--version"], capture_output=True, text=True, check=False).stdout
    core = core.splitlines()[0].strip() if core else "unknown"
    git = subprocess.run(["git", "-C", env_mod.ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", env_mod.ROOT, "status", "--porcelain", "--", "plugins"], capture_output=True, text=True,
                           check=False).stdout.strip()
    revision = (git or "unknown") + (" with uncommitted changes in plugins/" if dirty else "")
    return dict(nproc=os.cpu_count(), cpu=model, python=platform.python_version(), ansible=core, system=platform.platform(),
                revision=revision)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer runs, tasks and users")
    parser.add_argument("--runs", type=int, help="alternating runs per contender (default 5, --quick 2)")
    parser.add_argument("--json", default=os.path.join(env_mod.ROOT, "build", "benchmark", "results.json"),
                        help="where to write the raw measurements (default build/benchmark/results.json)")
    parser.add_argument("--only", choices=STEPS, action="append", help=argparse.SUPPRESS)
    parser.add_argument("--from-json", metavar="PATH", help="print the report of an earlier run's raw measurements instead of measuring")
    args = parser.parse_args()
    if args.from_json:
        with open(args.from_json, encoding="utf-8") as handle:
            saved = json.load(handle)
        print(report(saved["results"], saved["config"], saved["machine"]))
        return
    cfg = dict(QUICK if args.quick else FULL, quick=args.quick, **population.config(args.quick))
    if args.runs:
        cfg["runs"] = max(1, args.runs)
    # A stopped benchmark still removes its temporary collections path (the finally below).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    started = time.time()
    info = machine()
    say("building and installing the collection from its tarball")
    lab = env_mod.Lab().install()
    say("installed %s into %s" % (lab.tarball, lab.collections))
    bench = Bench(lab, cfg)
    population_steps = population.Population(bench, alternate, say)
    try:
        for step in STEPS:
            if args.only and step not in args.only:
                continue
            began = time.time()
            getattr(bench if hasattr(bench, step) else population_steps, step)()
            say("  (%s: %.0f s)" % (step, time.time() - began))
    finally:
        lab.cleanup()
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    if args.only:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(dict(config=cfg, machine=info, results=bench.results), handle, indent=1, default=str)
        say("partial run; raw results in %s" % args.json)
        return
    text = report(bench.results, cfg, info)
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(dict(config=cfg, machine=info, results=bench.results), handle, indent=1, default=str)
    print(text)
    print("\nTotal %.0f s; raw measurements in %s" % (time.time() - started, os.path.relpath(args.json)))


if __name__ == "__main__":
    main()
