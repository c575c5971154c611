# Scenarios e, f and g of `make bench` (tools/bench/benchmark.py): whole populations in one task against loops,
# on the emulator with every request counted, each measured run checked for its outcome.
"""Onboarding (e), offboarding by email (f) and a group's members (g): one task against loops of tasks.

  e. 1,000 new users into an organization of 2,500, and 100 existing users with one changed field: one task with
     ``users`` (BulkCreate in chunks, one PUT per changed user), a loop of ``uipath.identity.user``, a loop of
     ``ansible.builtin.uri`` (POST per new user, PUT per changed one, the ids known up front);
  f. 1,000 users removed by email: ``emails`` in one task, ``user_info`` per email then one removal by id, and
     ``uri`` (a search per email, a DELETE per user);
  g. 1,000 users put into one group: ``uipath.identity.group`` with ``members``, or ``uipath.identity.user`` with
     ``groups`` and ``append_groups`` per user.

Loops run over a sample of the items and are extrapolated (docs/benchmarks.md says how); the one-task
contenders run with every item. population_report.py turns the results into tables.
"""

import json
import os
import subprocess

import bench_env as env_mod
import cloud_replay as cloud
import population_plays as plays

FULL = dict(e_org=2500, e_new=1000, e_changed=100, e_sample_new=40, e_sample_changed=4, f_org=2500, f_leavers=1000,
            f_sample=20, g_org=2500, g_members=1000, g_sample=50, g_cloud_items=13)
QUICK = dict(e_org=500, e_new=200, e_changed=20, e_sample_new=10, e_sample_changed=1, f_org=500, f_leavers=200,
             f_sample=4, g_org=500, g_members=200, g_sample=10, g_cloud_items=3)
GROUP = "Sales"
CHANGED_SURNAME = "Changed"


def config(quick):
    return dict(QUICK if quick else FULL)


def users_option(lab):
    """None when the installed uipath.identity.user documents the option ``users``, else why e cannot run."""
    done = subprocess.run([os.path.join(env_mod.BIN, "ansible-doc"), "-j", "-t", "module", "uipath.identity.user"],
                          env=lab.env(), capture_output=True, text=True, check=False)
    try:
        options = json.loads(done.stdout)["uipath.identity.user"]["doc"]["options"]
    except (ValueError, KeyError, TypeError):
        return "ansible-doc could not read uipath.identity.user: %s" % (done.stderr.strip()[-300:] or done.returncode)
    if "users" not in options:
        return "the installed uipath.identity.user has no option users (bulk onboarding) yet"
    return None


def one_task(_record):
    """Every request in one loop (or one task)."""
    return "task"


def spread_over(values, count):
    """``count`` of ``values`` spread evenly over the list, so that every listing page holds some."""
    spacing = len(values) / float(count)
    return [values[int(n * spacing)] for n in range(count)]


class Population(object):
    """Runs e, f and g for scenarios.py's Bench, with its ``alternate`` and ``say``."""

    def __init__(self, bench, alternate, say):
        self.bench = bench
        self.cfg = bench.cfg
        self.lab = bench.lab
        self.results = bench.results
        self.say = say
        self.alternate = lambda contenders: alternate(self.cfg["runs"], contenders)

    def run(self, playbook, org, extra, check, loops=None, loop_of=None, **emulator_kwargs):
        """One measured run against a fresh emulator of ``org`` users; ``check(emu)`` names what went wrong, if anything."""
        with env_mod.CountingEmulator(**emulator_kwargs) as emu:
            measure = self.bench.measure(playbook, org, extra=dict(extra, token=plays.ADMIN_TOKEN), emu=emu)
            log = emu.log
            problem = check(emu)
            if problem:
                raise RuntimeError("%s: %s" % (os.path.basename(playbook), problem))
            measure["counts"] = plays.count(log)
            if loops:
                measure["patterns"] = plays.patterns(log, loops, loop_of)
            return measure

    def limited_run(self, playbook, org, extra, check):
        """The one-task contender once against the emulator enforcing Cloud's limits in windows of a few seconds."""
        measure = self.run(playbook, org, extra, check, rate_limits=True, rate_window=self.cfg["bulk_window"],
                           rate_limit_retry_after=True)
        self.say("  once, Cloud's limits per %g s   %7.2f s  %d answered 429" % (
            self.cfg["bulk_window"], measure["seconds"], measure["counts"]["limited"]))
        return measure

    # e -----------------------------------------------------------------------------------------

    def onboarding(self):
        cfg = self.cfg
        reason = users_option(self.lab)
        if reason:
            self.say("e. skipped: %s" % reason)
            self.results["onboarding"] = dict(skipped=reason)
            return
        org, new, changed = cfg["e_org"], cfg["e_new"], cfg["e_changed"]
        existing = env_mod.CountingEmulator().add_users(env_mod.ORG, org)
        newcomers = [dict(username="new%05d" % n, email="new%05d@example.test" % n, name="New", surname="%05d" % n,
                          display_name="New %05d" % n) for n in range(1, new + 1)]
        movers = [dict(username=u["userName"], email=u["email"], name=u["name"], surname=CHANGED_SURNAME,
                       display_name=u["displayName"], id=u["id"]) for u in spread_over(existing, changed)]
        scale = new // cfg["e_sample_new"]
        if cfg["e_sample_changed"] * scale != changed:
            raise ValueError("the sample must hold new and changed users in the proportion of the whole")
        sample_new, sample_changed = newcomers[:cfg["e_sample_new"]], movers[:cfg["e_sample_changed"]]

        def plain(people):
            return [dict((k, v) for k, v in p.items() if k != "id") for p in people]

        def onboarded(new_people, changed_people):
            def check(emu):
                users = dict((u["userName"], u) for u in emu.users(env_mod.ORG))
                missing = [p["username"] for p in new_people if (users.get(p["username"]) or {}).get("email") != p["email"]]
                stale = [p["username"] for p in changed_people if users[p["username"]]["surname"] != CHANGED_SURNAME]
                if missing or stale or len(users) != org + len(new_people):
                    return "%d users, expected %d; not created: %s; not updated: %s" % (
                        len(users), org + len(new_people), missing[:5], stale[:5])
                return None
            return check

        chunk = cfg["chunk"]
        lab = self.lab
        empty = lab.write("empty.yml", env_mod.empty_play())
        bulk = lab.write("e-bulk.yml", env_mod.play(plays.onboard_bulk(chunk)))
        module_loop = lab.write("e-module-loop.yml", env_mod.play(plays.onboard_module_loop()))
        uri_loop = lab.write("e-uri-loop.yml", env_mod.play(plays.onboard_uri_loop()))
        whole = dict(people=plain(newcomers + movers), new_count=new, changed_count=changed)
        sample = dict(people=plain(sample_new + sample_changed), new_people=plain(sample_new), changed_people=sample_changed)
        loops = dict(new=len(sample_new), changed=len(sample_changed))

        self.say("e. onboarding %d new users into %d, %d changed: one task, and loops over %d + %d of them" % (
            new, org, changed, len(sample_new), len(sample_changed)))
        self.results["onboarding"] = self.alternate([
            ("bulk users", lambda: self.run(bulk, org, whole, onboarded(newcomers, movers), dict(task=1), one_task)),
            ("module loop", lambda: self.run(module_loop, org, sample, onboarded(sample_new, sample_changed), loops,
                                             plays.onboarding_loop)),
            ("uri loop", lambda: self.run(uri_loop, org, sample, onboarded(sample_new, sample_changed), loops,
                                          plays.onboarding_loop)),
            ("empty", lambda: self.bench.measure(empty)),
        ])
        self.results["onboarding"]["bulk, Cloud limits"] = [self.limited_run(bulk, org, whole, onboarded(newcomers, movers))]
        self.results["onboarding_sizes"] = dict(org=org, new=new, changed=changed, sample_new=len(sample_new),
                                                sample_changed=len(sample_changed), chunk=chunk)

    # f -----------------------------------------------------------------------------------------

    def offboarding_by_email(self):
        cfg = self.cfg
        org, count, chunk = cfg["f_org"], cfg["f_leavers"], cfg["chunk"]
        leavers = spread_over(env_mod.CountingEmulator().add_users(env_mod.ORG, org), count)
        emails = [u["email"] for u in leavers]
        sample = cfg["f_sample"]

        def removed(gone):
            ids = set(u["id"] for u in gone)

            def check(emu):
                left = emu.users(env_mod.ORG)
                kept = [u["email"] for u in left if u["id"] in ids]
                if kept or len(left) != org - len(ids):
                    return "%d users left, expected %d; not removed: %s" % (len(left), org - len(ids), kept[:5])
                return None
            return check

        lab = self.lab
        empty = lab.write("empty.yml", env_mod.empty_play())
        bulk = lab.write("f-bulk.yml", env_mod.play(plays.offboard_bulk_emails(chunk)))
        info_loop = lab.write("f-info-loop.yml", env_mod.play(plays.offboard_info_loop(chunk)))
        uri_loop = lab.write("f-uri-loop.yml", env_mod.play(plays.offboard_uri_loop()))
        # The lookup loop runs over the sample; the ids of the other leavers are given as the loop would have found them,
        # so that the removal by id carries all of them. With no lookups at all it is the removal by id alone.
        info_sample = dict(leaver_emails=emails[:sample], known_ids=[u["id"] for u in leavers[sample:]])
        ids_only = dict(leaver_emails=[], known_ids=[u["id"] for u in leavers])
        offboarding = plays.offboarding_loop

        self.say("f. offboarding %d of %d users named by email: one task, and loops over %d of them" % (count, org, sample))
        self.results["offboarding_email"] = self.alternate([
            ("bulk emails", lambda: self.run(bulk, org, dict(leaver_emails=emails), removed(leavers), dict(bulk=1), offboarding)),
            ("user_info loop + bulk ids", lambda: self.run(info_loop, org, info_sample, removed(leavers),
                                                           dict(lookups=sample, bulk=1), offboarding)),
            ("bulk ids, no lookups", lambda: self.run(info_loop, org, ids_only, removed(leavers), dict(bulk=1), offboarding)),
            ("uri loop", lambda: self.run(uri_loop, org, dict(leaver_emails=emails[:sample]), removed(leavers[:sample]),
                                          dict(lookups=sample, removals=sample), offboarding)),
            ("empty", lambda: self.bench.measure(empty)),
        ])
        self.results["offboarding_email"]["bulk, Cloud limits"] = [
            self.limited_run(bulk, org, dict(leaver_emails=emails), removed(leavers))]
        self.results["offboarding_email_sizes"] = dict(org=org, leavers=count, sample=sample, chunk=chunk)

    # g -----------------------------------------------------------------------------------------

    def group_members(self):
        cfg = self.cfg
        org, count, sample = cfg["g_org"], cfg["g_members"], cfg["g_sample"]
        members = spread_over(env_mod.CountingEmulator().add_users(env_mod.ORG, org), count)

        def grouped(users):
            expected = set(u["id"] for u in users)

            def check(emu):
                group = [g for g in emu.groups(env_mod.ORG) if g["name"] == GROUP][0]
                ids = set(m["identifier"] for m in group["members"] or () if m["objectType"] == "DirectoryUser")
                if ids != expected:
                    return "%s has %d users, expected %d (%d missing)" % (GROUP, len(ids), len(expected), len(expected - ids))
                return None
            return check

        lab = self.lab
        empty = lab.write("empty.yml", env_mod.empty_play())
        bulk = lab.write("g-bulk.yml", env_mod.play(plays.group_bulk()))
        module_loop = lab.write("g-module-loop.yml", env_mod.play(plays.group_module_loop()))
        names = [u["userName"] for u in members]
        whole, part = dict(group=GROUP, members=names), dict(group=GROUP, members=names[:sample])

        self.say("g. %d of %d users into the group %s: one task, and a loop over %d of them" % (count, org, GROUP, sample))
        self.results["group_members"] = self.alternate([
            ("group members", lambda: self.run(bulk, org, whole, grouped(members), dict(task=1), one_task)),
            ("user loop", lambda: self.run(module_loop, org, part, grouped(members[:sample]), dict(task=sample), one_task)),
            ("empty", lambda: self.bench.measure(empty)),
        ])
        self.results["group_members"]["group members, Cloud limits"] = [self.limited_run(bulk, org, whole, grouped(members))]
        self.results["group_members_sizes"] = dict(org=org, members=count, sample=sample)
        self.cloud_scaled(module_loop, org, members[:cfg["g_cloud_items"]], grouped)

    def cloud_scaled(self, module_loop, org, items, grouped):
        """g's loop against the emulator with Cloud's limits (PUT and GET bind there) and window divided by cloud_scale."""
        factor = self.cfg["cloud_scale"]
        window = cloud.CLOUD_WINDOW / factor
        limits = dict((method, max(1, int(limit // factor))) for method, limit in cloud.DEFAULT_LIMITS.items())
        self.say("g. Cloud's limits scaled by 1/%d: window %.2f s, %s, a loop of %d" % (factor, window, limits, len(items)))
        measure = self.run(module_loop, org, dict(group=GROUP, members=[u["userName"] for u in items]),
                           grouped(items), rate_limits=limits, rate_window=window, rate_limit_retry_after=True)
        self.results["group_cloud_scaled"] = dict(factor=factor, window=window, limits=limits, items=len(items), measure=measure)
        self.say("  user loop, limits scaled   %7.2f s  %d answered 429" % (measure["seconds"], measure["counts"]["limited"]))
