"""The Markdown tables of scenarios a to d, tokens and profile (scenarios.py), each target with its verdict,
followed by those of e, f and g (population_report.py).

Loops are measured over a sample of their items and extrapolated from the time per item above the empty
play; Cloud's limits are replayed on a virtual clock (cloud_replay.py) from the times measured here.
"""

import math
import statistics

import bench_env as env_mod
from bench_env import median, spread, verdict
import cloud_replay as cloud
import population_report
import task_profile


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
    add("Check of the replay (tools/bench/cloud_replay.py) against the emulator, with limits and window divided by %d: "
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
    for kind in task_profile.KINDS:
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
