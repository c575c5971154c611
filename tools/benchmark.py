#!/usr/bin/env python
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
  e, f, g (tools/benchmark_population.py): onboarding, offboarding by email, a group's members, one task against loops.

  python tools/benchmark.py            # the full run (about 12 minutes on 2 cores)
  python tools/benchmark.py --quick    # a smoke run: fewer runs, tasks and users

See docs/benchmarks.md for the results and what they mean.
"""

import argparse
import json
import math
import os
import platform
import signal
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import benchmark_env as env_mod  # noqa: E402 pylint: disable=wrong-import-position
from benchmark_env import median, spread, verdict  # noqa: E402 pylint: disable=wrong-import-position
import benchmark_cloud as cloud  # noqa: E402 pylint: disable=wrong-import-position,wrong-import-order
import benchmark_profile as profiling  # noqa: E402 pylint: disable=wrong-import-position
import benchmark_population as population  # noqa: E402 pylint: disable=wrong-import-position
import benchmark_population_report as population_report  # noqa: E402 pylint: disable=wrong-import-position

FULL = dict(runs=5, tasks=30, org=2500, leavers=1000, sample=20, chunk=100, lookup_org=10000, token_tasks=100,
            cloud_scale=80, cloud_items=13, bulk_window=5.0, profile_tasks=8)
# The host variable that makes the collection's action plugin start a module process, as
# Ansible does for most modules, instead of running the module inside the task's worker.
AS_MODULE_PROCESS = dict(uipath_identity_in_process=False)
QUICK = dict(runs=2, tasks=5, org=500, leavers=200, sample=4, chunk=100, lookup_org=2000, token_tasks=5,
             cloud_scale=160, cloud_items=4, bulk_window=2.0, profile_tasks=2)
STEPS = ("tasks", "offboarding", "lookup", "tokens", "profile", "onboarding", "offboarding_by_email", "group_members")


def say(text):
    print(text, file=sys.stderr, flush=True)


def alternate(runs, contenders):
    """Run each contender once per round, in the same order every round; {name: [measure, ...]}."""
    results = dict((name, []) for name, _run in contenders)
    for number in range(1, runs + 1):
        for name, run in contenders:
            measure = run()
            results[name].append(measure)
            say("  round %d/%d  %-28s %7.2f s  cpu %6.2f s  load %4.1f  %s  %d connections" % (
                number, runs, name, measure["seconds"], measure["cpu"], measure["load"], _short(measure["counts"]), measure["connections"]))
    return results


def _short(counts):
    return " ".join("%s=%d" % (k, v) for k, v in counts.items() if v and k != "api")


def users_left(expected):
    """A check of a measured run: the organization keeps exactly ``expected`` users."""
    def check(measure, _log, _output):
        return None if measure["remaining"] == expected else "%d users left, expected %d" % (measure["remaining"], expected)
    return check


def generated_ids(count):
    """Ids of the users emu.add_users(ORG, count) makes (they are derived from the names)."""
    emu = env_mod.CountingEmulator()
    return [u["id"] for u in emu.add_users(env_mod.ORG, count)]


class Bench(object):
    def __init__(self, lab, cfg):
        self.lab = lab
        self.cfg = cfg
        self.results = {}

    # One measured run ----------------------------------------------------------

    def measure(self, playbook, users=0, extra=None, check=None, emu=None, expect_rc=0, **emulator_kwargs):
        """Run ``playbook`` once against a fresh emulator (or ``emu``); seconds, request counts, connections."""
        own = emu is None
        if own:
            emu = env_mod.CountingEmulator(**emulator_kwargs).start()
        try:
            if users:
                emu.add_users(env_mod.ORG, users)
            emu.reset_counters()
            variables = dict(base=emu.url, token=env_mod.TOKEN, partition=emu.partition(env_mod.ORG),
                             client_id=env_mod.CLIENT_ID, client_secret=env_mod.CLIENT_SECRET)
            variables.update(extra or {})
            seconds, cpu, output = self.lab.playbook(playbook, variables, expect_rc=expect_rc)
            log = emu.log
            measure = dict(seconds=seconds, cpu=cpu, load=os.getloadavg()[0], counts=env_mod.count_requests(log), connections=emu.connections,
                           remaining=len(emu.users(env_mod.ORG)), statuses=sorted(set(r["status"] for r in log if r["status"])))
            if check:
                problem = check(measure, log, output)
                if problem:
                    raise RuntimeError("%s: %s\n%s" % (os.path.basename(playbook), problem, output[-3000:]))
            return measure
        finally:
            if own:
                emu.stop()

    # a and d ------------------------------------------------------------------------

    def tasks(self):
        count = self.cfg["tasks"]
        ids = generated_ids(count)
        lab = self.lab
        empty = lab.write("empty.yml", env_mod.empty_play())
        ping = lab.write("a-ping.yml", env_mod.play(env_mod.ping_tasks(count)))
        uri = lab.write("a-uri.yml", env_mod.play(env_mod.uri_remove_tasks(ids)))
        module = lab.write("a-module.yml", env_mod.play(env_mod.module_remove_tasks(ids)))

        say("a/d. %d tasks: one removal each (uri, module), ping, and an empty play" % count)
        self.results["tasks"] = alternate(self.cfg["runs"], [
            ("uri", lambda: self.measure(uri, count, check=users_left(0))),
            ("module", lambda: self.measure(module, count, check=users_left(0))),
            ("module process", lambda: self.measure(module, count, extra=AS_MODULE_PROCESS, check=users_left(0))),
            ("ping", lambda: self.measure(ping)),
            ("empty", lambda: self.measure(empty)),
        ])

    # b ------------------------------------------------------------------------------

    def offboarding(self):
        cfg = self.cfg
        ids = generated_ids(cfg["org"])
        # Leavers spread over the whole organization (2 of every 5 users), so no listing page is free of them.
        spacing = cfg["org"] / float(cfg["leavers"])
        leavers = [ids[int(n * spacing)] for n in range(cfg["leavers"])]
        sample = leavers[:cfg["sample"]]
        lab = self.lab
        empty = lab.write("empty.yml", env_mod.empty_play())
        bulk = lab.write("b-bulk.yml", env_mod.play(env_mod.bulk_remove_task()))
        module_loop = lab.write("b-module-loop.yml", env_mod.play(env_mod.module_loop_task()))
        uri_loop = lab.write("b-uri-loop.yml", env_mod.play(env_mod.uri_loop_task()))
        org = cfg["org"]

        say("b. offboarding %d of %d users: bulk, and loops over %d of them" % (len(leavers), org, len(sample)))
        # The replay of tools/benchmark_cloud.py models a 429 with Retry-After: the emulator plays that variant.
        bulk_limits = dict(rate_limits=True, rate_window=cfg["bulk_window"], rate_limit_retry_after=True)
        self.results["offboarding"] = alternate(cfg["runs"], [
            ("bulk", lambda: self.measure(bulk, org, extra=dict(leavers=leavers), check=users_left(org - len(leavers)))),
            ("module loop", lambda: self.measure(module_loop, org, extra=dict(leavers=sample), check=users_left(org - len(sample)))),
            ("module loop, module processes", lambda: self.measure(module_loop, org, extra=dict(AS_MODULE_PROCESS, leavers=sample),
                                                                   check=users_left(org - len(sample)))),
            ("uri loop", lambda: self.measure(uri_loop, org, extra=dict(leavers=sample), check=users_left(org - len(sample)))),
            ("bulk, Cloud limits", lambda: self.measure(bulk, org, extra=dict(leavers=leavers), check=users_left(org - len(leavers)),
                                                        **bulk_limits)),
            # The same number of leavers, all among the first users listed: the listing may stop early.
            # The listing is read sorted by id, so "first" is first in the ids' order.
            ("bulk, leavers listed first", lambda: self.measure(bulk, org, extra=dict(leavers=sorted(ids)[:len(leavers)]),
                                                                check=users_left(org - len(leavers)))),
            ("empty", lambda: self.measure(empty)),
        ])
        self.results["leavers"] = len(leavers)
        self.results["sample"] = len(sample)
        self.cloud_scaled(org, leavers)

    def cloud_scaled(self, org, leavers):
        """The loops against the emulator with Cloud's limits and window both divided by ``cloud_scale``."""
        cfg = self.cfg
        factor = cfg["cloud_scale"]
        window = cloud.CLOUD_WINDOW / factor
        limits = cloud.scaled_limits(factor)
        items = leavers[:cfg["cloud_items"]]
        delay = round(10.0 / factor, 3)
        lab = self.lab
        module_loop = lab.write("b-module-loop.yml", env_mod.play(env_mod.module_loop_task()))
        uri_loop = lab.write("b-uri-loop.yml", env_mod.play(env_mod.uri_loop_task()))
        uri_until = lab.write("b-uri-until.yml", env_mod.play(env_mod.uri_loop_task(until_delay=delay)))
        kwargs = dict(rate_limits=limits, rate_window=window, rate_limit_retry_after=True)

        say("b. Cloud's limits scaled by 1/%d: window %.2f s, %s, loops of %d" % (factor, window, limits, len(items)))
        scaled = dict(factor=factor, window=window, limits=limits, items=len(items), until_delay=delay)
        scaled["module loop"] = self.measure(module_loop, org, extra=dict(leavers=items), check=users_left(org - len(items)), **kwargs)
        scaled["uri loop, until"] = self.measure(uri_until, org, extra=dict(leavers=items), check=users_left(org - len(items)), **kwargs)
        scaled["uri loop"] = self.measure(uri_loop, org, extra=dict(leavers=items), expect_rc=2, **kwargs)
        for name in ("module loop", "uri loop, until", "uri loop"):
            say("  %-28s %7.2f s  %s" % (name, scaled[name]["seconds"], _short(scaled[name]["counts"])))
        self.results["cloud_scaled"] = scaled

    # c ------------------------------------------------------------------------------

    def lookup(self):
        size = self.cfg["lookup_org"]
        lab = self.lab
        empty = lab.write("empty.yml", env_mod.empty_play())
        find = lab.write("c-lookup.yml", env_mod.play(env_mod.lookup_task()))
        say("c. user_info by email in an organization of %d users" % size)
        with env_mod.CountingEmulator() as emu:
            # 1: ann@corp.test; 2..size-1: u00002.ann@corp.test with user name u00002.bob@corp.test; size: bob@corp.test.
            # "ann@corp.test" and "bob@corp.test" are search terms that match nearly every user; the others match one.
            # The listing is read sorted by id: ann's id sorts first, bob's last, whatever the fillers' ids.
            emu.add_user(env_mod.ORG, id="00000000-0000-4000-8000-000000000001", userName="ann", email="ann@corp.test",
                         name="Ann", surname="First", displayName="Ann First")
            for number in range(2, size):
                emu.add_user(env_mod.ORG, userName="u%05d.bob@corp.test" % number, email="u%05d.ann@corp.test" % number,
                             name="Filler", surname="%05d" % number, displayName="Filler %05d" % number)
            emu.add_user(env_mod.ORG, id="ffffffff-ffff-4fff-bfff-ffffffffffff", userName="bob", email="bob@corp.test",
                         name="Bob", surname="Last", displayName="Bob Last")
            cases = [
                ("unique term, early", "u00002.ann@corp.test"),
                ("unique term, late", "u%05d.ann@corp.test" % (size - 1)),
                ("shared term, early", "ann@corp.test"),
                ("shared term, late", "bob@corp.test"),
            ]
            contenders = [(name, (lambda email=email: self.measure(find, emu=emu, extra=dict(email=email)))) for name, email in cases]
            contenders.append(("empty", lambda: self.measure(empty, emu=emu)))
            self.results["lookup"] = alternate(self.cfg["runs"], contenders)
            self.results["lookup_terms"] = dict(cases)
            self.results["lookup_matches"] = dict((name, len(emu.app.store.search(emu.app.store.org(env_mod.ORG), email)))
                                                  for name, email in cases)

    # tokens -------------------------------------------------------------------------

    def tokens(self):
        count = self.cfg["token_tasks"]
        ids = generated_ids(count)
        lab = self.lab
        per_task = lab.write("t-client-credentials.yml", env_mod.client_credentials_play(ids))
        once = lab.write("t-token-once.yml", env_mod.token_once_play(ids))

        say("tokens. %d removals: client credentials in each task, or one token per play" % count)
        self.results["tokens"] = alternate(self.cfg["runs"], [
            ("client credentials per task", lambda: self.measure(per_task, count, check=users_left(0))),
            ("token once + module_defaults", lambda: self.measure(once, count, check=users_left(0))),
        ])

    # profile ------------------------------------------------------------------------

    def profile(self):
        say("profile. module process time and imports (%d tasks each), token requests per task" % self.cfg["profile_tasks"])
        self.results["profile"] = profiling.profile(self.lab, self.cfg["profile_tasks"])
        self.results["scope"] = profiling.scope_fallback(self.lab)
        self.results["import_costs"] = profiling.import_costs()


# Report ------------------------------------------------------------------------------

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


def per_item(measures, baseline, items):
    return (median(measures) - baseline) / float(items)


def report(results, cfg, info):  # pylint: disable=too-many-locals,too-many-statements
    out = []
    add = out.append
    runs = cfg["runs"]
    add("# uipath.identity benchmark%s" % (" (--quick)" if cfg.get("quick") else ""))
    add("")
    add("Machine: %d CPUs, %s; Python %s; %s; %s." % (info["nproc"], info["cpu"], info["python"], info["ansible"], info["system"]))
    add("Collection: the working tree at %s, built and installed from its tarball." % info.get("revision", "unknown"))
    add("Medians of %d alternating runs; every run against a fresh emulator unless said otherwise; times in seconds. "
        "CPU: user + system time of ansible-playbook and all processes under it, which other work on the machine "
        "disturbs less than wall time." % runs)
    loads = [m["load"] for group in ("tasks", "offboarding", "lookup", "tokens") for runs_ in results[group].values() for m in runs_]
    add("1-minute load average after each run: median %.1f, %.1f-%.1f (the machine has %d CPUs)." % (
        statistics.median(loads), min(loads), max(loads), info["nproc"]))

    # a and d
    t = results["tasks"]
    n = cfg["tasks"]
    empty = median(t["empty"])
    kinds = ("uri", "module", "module process", "ping")
    task = dict((k, per_item(t[k], empty, n)) for k in kinds)
    add("")
    add("## a/d. %d tasks, one removal each, static token" % n)
    add("")
    empty_cpu = median(t["empty"], "cpu")
    cpu = dict((k, (median(t[k], "cpu") - empty_cpu) / n) for k in kinds)
    add("| contender | wall: median | min-max | per task (minus start-up) | CPU: median | per task | requests per run | TCP connections |")
    add("|---|---:|---:|---:|---:|---:|---|---:|")
    add("| empty play (start-up) | %.2f | %s | | %.2f | | | |" % (empty, spread(t["empty"]), empty_cpu))
    rows = (("ping", "`ansible.builtin.ping`", "none"),
            ("uri", "`ansible.builtin.uri` DELETE", "%(delete_user)d DELETE"),
            ("module", "`uipath.identity.user` absent", "%(get_user)d GET + %(delete_user)d DELETE"),
            ("module process", "`uipath.identity.user` absent, `uipath_identity_in_process=false`", "%(get_user)d GET + %(delete_user)d DELETE"))
    for key, label, requests in rows:
        last = t[key][-1]
        add("| %s | %.2f | %s | %.3f | %.2f | %.3f | %s | %d |" % (
            label, median(t[key]), spread(t[key]), task[key], median(t[key], "cpu"), cpu[key], requests % last["counts"], last["connections"]))
    ratio_a = median(t["module"]) / median(t["uri"])
    ratio_d = task["module"] / task["ping"]
    add("")
    add("- a. module/uri, wall time: **%.2f** (per task: %.2f, %+.0f ms a task; CPU time: %.2f). Target <= 1.05: %s" % (
        ratio_a, task["module"] / task["uri"], (task["module"] - task["uri"]) * 1000, median(t["module"], "cpu") / median(t["uri"], "cpu"),
        verdict(ratio_a <= 1.05)))
    add("- d. module task / ping task: **%.2f** (CPU time: %.2f; uri task / ping task: %.2f). Target <= 1.3: %s" % (
        ratio_d, cpu["module"] / cpu["ping"], task["uri"] / task["ping"], verdict(ratio_d <= 1.3)))
    add("- The module started as a module process (`uipath_identity_in_process=false`): %.2f times uri, %.2f times ping "
        "(%.0f ms a task against %.0f ms in the worker)." % (
            task["module process"] / task["uri"], task["module process"] / task["ping"], task["module process"] * 1000, task["module"] * 1000))

    # b
    b = results["offboarding"]
    leavers, sample = results["leavers"], results["sample"]
    empty_b = median(b["empty"])
    bulk = b["bulk"][-1]["counts"]
    bulk_s = median(b["bulk"])
    loops = {}
    for name in ("module loop", "module loop, module processes", "uri loop"):
        item = per_item(b[name], empty_b, sample)
        loops[name] = dict(item=item, total=empty_b + leavers * item)
    scale = leavers / float(sample)
    mc, uc = b["module loop"][-1]["counts"], b["uri loop"][-1]["counts"]
    add("")
    add("## b. Offboarding %d users out of %d (static token, chunk_size %d)" % (leavers, cfg["org"], cfg["chunk"]))
    add("")
    add("The loops ran over the first %d leavers in each run; their time for %d is the empty play plus %d times the "
        "measured time per item." % (sample, leavers, leavers))
    add("")
    add("| approach | measured run | wall: median | min-max | CPU: median | requests per run | for %d users: wall time | requests |" % leavers)
    add("|---|---|---:|---:|---:|---|---:|---|")
    add("| bulk `user_ids` | %d users | %.2f | %s | %.2f | %d GET list + %d DELETE bulk | %.2f | %d GET + %d DELETE |" % (
        leavers, bulk_s, spread(b["bulk"]), median(b["bulk"], "cpu"), bulk["list"], bulk["delete_bulk"], bulk_s, bulk["list"],
        bulk["delete_bulk"]))
    add("| loop of `uipath.identity.user` | %d items | %.2f | %s | %.2f | %d GET + %d DELETE | %.0f (%.3f an item) | %d GET + %d DELETE |" % (
        sample, median(b["module loop"]), spread(b["module loop"]), median(b["module loop"], "cpu"), mc["get_user"], mc["delete_user"],
        loops["module loop"]["total"], loops["module loop"]["item"], mc["get_user"] * scale, mc["delete_user"] * scale))
    mp = b["module loop, module processes"]
    add("| loop of `uipath.identity.user`, `uipath_identity_in_process=false` | %d items | %.2f | %s | %.2f | %d GET + %d DELETE | %.0f (%.3f an item) "
        "| %d GET + %d DELETE |" % (
            sample, median(mp), spread(mp), median(mp, "cpu"), mp[-1]["counts"]["get_user"], mp[-1]["counts"]["delete_user"],
            loops["module loop, module processes"]["total"], loops["module loop, module processes"]["item"],
            mp[-1]["counts"]["get_user"] * scale, mp[-1]["counts"]["delete_user"] * scale))
    add("| loop of `ansible.builtin.uri` | %d items | %.2f | %s | %.2f | %d DELETE | %.0f (%.3f an item) | %d DELETE |" % (
        sample, median(b["uri loop"]), spread(b["uri loop"]), median(b["uri loop"], "cpu"), uc["delete_user"], loops["uri loop"]["total"],
        loops["uri loop"]["item"], uc["delete_user"] * scale))
    lim = b["bulk, Cloud limits"][-1]
    add("| bulk, emulator enforcing 160 DELETE / 300 GET per %.0f s | %d users | %.2f | %s | %.2f | %d GET + %d DELETE, %d answered 429 | | |" % (
        cfg["bulk_window"], leavers, median(b["bulk, Cloud limits"]), spread(b["bulk, Cloud limits"]), median(b["bulk, Cloud limits"], "cpu"),
        lim["counts"]["list"], lim["counts"]["delete_bulk"], lim["counts"]["limited"]))
    first = b["bulk, leavers listed first"]
    add("| bulk, the %d leavers are the first %d users listed | %d users | %.2f | %s | %.2f | %d GET list + %d DELETE bulk | | |" % (
        leavers, leavers, leavers, median(first), spread(first), median(first, "cpu"), first[-1]["counts"]["list"],
        first[-1]["counts"]["delete_bulk"]))
    add("| empty play (start-up) | | %.2f | %s | %.2f | | | |" % (empty_b, spread(b["empty"]), median(b["empty"], "cpu")))
    speedup = loops["uri loop"]["total"] / bulk_s
    chunks = int(math.ceil(leavers / float(cfg["chunk"])))
    add("")
    add("- Bulk requests: %d listing GETs (target <= 3) and %d DELETEs (target ceil(%d/%d) = %d): %s" % (
        bulk["list"], bulk["delete_bulk"], leavers, cfg["chunk"], chunks, verdict(bulk["list"] <= 3 and bulk["delete_bulk"] <= chunks)))
    add("- Bulk against the uri loop, no limits: **%.0f times** faster (module loop: %.0f times). Target >= 50: %s" % (
        speedup, loops["module loop"]["total"] / bulk_s, verdict(speedup >= 50)))

    # b under Cloud's limits
    s = results["cloud_scaled"]
    factor = s["factor"]
    add("")
    add("### b. Under Automation Cloud's limits (160 DELETE and 300 GET per 5 minutes)")
    add("")
    add("Check of the replay (tools/benchmark_cloud.py) against the emulator, with limits and window divided by %d: "
        "window %.2f s, %s, loops of %d items, `until` delay %.3f s; 1 run each." % (
            factor, s["window"], ", ".join("%s %d" % kv for kv in sorted(s["limits"].items())), s["items"], s["until_delay"]))
    add("")
    add("| approach | emulator: s | 429s | replay: s | 429s |")
    add("|---|---:|---:|---:|---:|")
    replays = dict(
        module=cloud.loop("module", s["items"], loops["module loop"]["item"], s["window"], s["limits"]),
        uri_until=cloud.loop("uri_until", s["items"], loops["uri loop"]["item"], s["window"], s["limits"], until_delay=s["until_delay"]),
        uri=cloud.loop("uri", s["items"], loops["uri loop"]["item"], s["window"], s["limits"]),
    )
    for name, key in (("module loop", "module"), ("uri loop, until", "uri_until"), ("uri loop", "uri")):
        measured, replay = s[name], replays[key]
        add("| %s | %.1f | %d | %.1f | %d |" % (
            name, measured["seconds"], measured["counts"]["limited"], empty_b + replay["seconds"], replay["limited"]))
    add("")
    add("The plain uri loop left %d of %d users in place on the emulator (replay: %d); Ansible goes on with the next item "
        "after a 429 and fails the task at the end." % (s["uri loop"]["remaining"] - (cfg["org"] - s["items"]), s["items"],
                                                        replays["uri"]["refused"]))
    real = dict(
        bulk=cloud.bulk(bulk["list"], bulk["delete_bulk"], bulk_s),
        module=cloud.loop("module", leavers, loops["module loop"]["item"], start=empty_b),
        uri=cloud.loop("uri", leavers, loops["uri loop"]["item"], start=empty_b),
        uri_until=cloud.loop("uri_until", leavers, loops["uri loop"]["item"], start=empty_b),
    )
    add("")
    add("Replayed with Cloud's real limits and 5-minute windows, %d users, per-item times from the table above:" % leavers)
    add("")
    add("| approach | time against Cloud | requests answered 429 |")
    add("|---|---:|---:|")
    add("| bulk `user_ids` | %.1f s | %d |" % (real["bulk"]["seconds"], real["bulk"]["limited"]))
    add("| loop of `uipath.identity.user` | %.1f min | %d |" % (real["module"]["seconds"] / 60, real["module"]["limited"]))
    add("| loop of `ansible.builtin.uri`, `until: status != 429`, delay 10 | %.1f min | %d |" % (
        real["uri_until"]["seconds"] / 60, real["uri_until"]["limited"]))
    add("| loop of `ansible.builtin.uri`, plain | %.1f min, then the task fails: %d of %d users not removed | %d |" % (
        real["uri"]["seconds"] / 60, real["uri"]["refused"], leavers, real["uri"]["limited"]))
    add("")
    add("- Under Cloud's limits the bulk removal needs %.1f s, the loops %.0f minutes (module) and %.0f minutes (uri with `until`): %s" % (
        real["bulk"]["seconds"], real["module"]["seconds"] / 60, real["uri_until"]["seconds"] / 60,
        verdict(real["bulk"]["seconds"] < 300 and min(real["module"]["seconds"], real["uri_until"]["seconds"]) > 10 * real["bulk"]["seconds"])))
    results["cloud_real"] = real

    # c
    c = results["lookup"]
    empty_c = median(c["empty"])
    pages = int(math.ceil(cfg["lookup_org"] / 1000.0))
    add("")
    add("## c. `user_info` by email, organization of %d users (one emulator for all runs)" % cfg["lookup_org"])
    add("")
    add("| case | email | users the search term matches | listing GETs | median | task (minus start-up) |")
    add("|---|---|---:|---:|---:|---:|")
    for name, email in results["lookup_terms"].items():
        add("| %s | `%s` | %d | %d | %.2f | %.2f |" % (
            name, email, results["lookup_matches"][name], c[name][-1]["counts"]["list"], median(c[name]), median(c[name]) - empty_c))
    gets = dict((name, c[name][-1]["counts"]["list"]) for name in results["lookup_terms"])
    add("")
    add("- At most ceil(%d/1000) = %d GETs: %s. Fewer when the match is found early: unique term %d GET, shared term early %d "
        "against late %d: %s" % (cfg["lookup_org"], pages, verdict(max(gets.values()) <= pages), gets["unique term, early"],
                                 gets["shared term, early"], gets["shared term, late"],
                                 verdict(gets["shared term, early"] < gets["shared term, late"])))

    # tokens
    k = results["tokens"]
    add("")
    add("## Tokens: %d removals with client credentials (application `%s`, granted PM.User)" % (cfg["token_tasks"], env_mod.CLIENT_ID))
    add("")
    add("| contender | wall: median | min-max | CPU: median | token requests | API requests | TCP connections |")
    add("|---|---:|---:|---:|---:|---:|---:|")
    for name in ("client credentials per task", "token once + module_defaults"):
        last = k[name][-1]
        add("| %s | %.2f | %s | %.2f | %d | %d | %d |" % (
            name, median(k[name]), spread(k[name]), median(k[name], "cpu"), last["counts"]["token"], last["counts"]["api"], last["connections"]))
    add("")
    add("- Token requests %d against %d; one token per play saves %.2f s (%.0f ms a task, the token task included)." % (
        k["client credentials per task"][-1]["counts"]["token"], k["token once + module_defaults"][-1]["counts"]["token"],
        median(k["client credentials per task"]) - median(k["token once + module_defaults"]),
        (median(k["client credentials per task"]) - median(k["token once + module_defaults"])) * 1000 / cfg["token_tasks"]))
    scope = results["scope"]
    add("- One task with client credentials and no `scope`: %s." % "; ".join(
        "`%s` %d token request(s) (%s)" % (client, v["requests"], ", ".join("%s -> %s" % (sc, st) for sc, st in zip(v["scopes"], v["statuses"])))
        for client, v in scope.items()))

    # profile
    p = results["profile"]
    add("")
    add("## Where a task's time goes (medians over %d tasks of each)" % cfg["profile_tasks"])
    add("")
    add("The collection's modules run as module processes here, as with `uipath_identity_in_process=false`: the "
        "timing wrapper set as `ansible_python_interpreter` is not the controller's Python. "
        "Module process: from exec to exit of the AnsiballZ process. Ansible between: from the end of one task's module process "
        "to the start of the next one's (controller work: results, next task, payload, temporary directory). Imports: cumulative "
        "times from separate runs under `python -X importtime`, which itself slows imports down; compare them with each other.")
    add("")
    add("| module | task in a/d (minus start-up) | module process | Ansible between | imports | `module_utils.basic` | `requests` | "
        "`module_utils.urls` | collection code, own |")
    add("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    task_ms = dict(ping=task["ping"] * 1000, uri=task["uri"] * 1000, user=task["module process"] * 1000)
    for kind in profiling.KINDS:
        row = p[kind]
        imp = row["imports"]
        add("| %s | %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |" % (
            kind, ("%.0f ms" % task_ms[kind]) if kind in task_ms else "", row["process_ms"] or 0, row["between_ms"] or 0,
            imp.get("total", 0), imp.get("basic", 0), imp.get("requests", 0), imp.get("urls", 0), imp.get("collection_own", 0)))
    add("")
    for kind in ("user", "uri"):
        add("- Largest top-level imports of %s: %s" % (kind, ", ".join("`%s` %.0f ms" % tuple(item) for item in p[kind]["top"])))
    if "import_costs" in results:
        add("- Importing an HTTP library into a Python that has already imported `ansible.module_utils.basic` (from site-packages, "
            "median of 7 processes): %s." % ", ".join("`import %s` %.1f ms" % (name, ms) for name, ms in results["import_costs"].items()))
    ac = t["module"][-1]
    add("- TCP connections: the module made %d for %d requests in %d tasks (one per task, kept alive between its GET and DELETE); "
        "uri %d for %d; bulk %d for %d requests; client credentials per task %d for %d requests." % (
            ac["connections"], ac["counts"]["api"], n, t["uri"][-1]["connections"], t["uri"][-1]["counts"]["api"],
            b["bulk"][-1]["connections"], b["bulk"][-1]["counts"]["api"], k["client credentials per task"][-1]["connections"],
            k["client credentials per task"][-1]["counts"]["api"] + k["client credentials per task"][-1]["counts"]["token"]))
    return "\n".join(out + population_report.report(results, cfg))


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
    scenarios = population.Population(bench, alternate, say)
    try:
        for step in STEPS:
            if args.only and step not in args.only:
                continue
            began = time.time()
            getattr(bench if hasattr(bench, step) else scenarios, step)()
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
