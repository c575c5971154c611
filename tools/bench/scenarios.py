"""Scenarios a to d, tokens and profile of `make bench` (benchmark.py): the playbooks of each contender,
their measured runs, and the check that every run left the organization as expected.

Each contender runs once per round, in the same order every round, so that a change in the machine's load
falls on all of them alike; the medians and their tables are in report.py.
"""

import os
import sys

import bench_env as env_mod
import cloud_replay as cloud
import task_profile

# The host variable that makes the collection's action plugin start a module process, as
# Ansible does for most modules, instead of running the module inside the task's worker.
AS_MODULE_PROCESS = dict(uipath_identity_in_process=False)


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
        # The replay of cloud_replay.py models a 429 with Retry-After: the emulator plays that variant.
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
        self.results["profile"] = task_profile.profile(self.lab, self.cfg["profile_tasks"])
        self.results["scope"] = task_profile.scope_fallback(self.lab)
        self.results["import_costs"] = task_profile.import_costs()
