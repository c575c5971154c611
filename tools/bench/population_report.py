# The Markdown tables of the benchmark's scenarios e, f and g (population.py): measured runs,
# the loops extrapolated from their samples, Cloud's limits replayed on a virtual clock, and each target's verdict.
"""Report of onboarding (e), offboarding by email (f) and a group's members (g)."""

import math
import statistics

from bench_env import median, spread, verdict
import cloud_replay as cloud

LABELS = (("list", "GET list"), ("get_user", "GET user"), ("group_list", "GET groups"), ("group_get", "GET group"),
          ("post_user", "POST user"), ("bulk_create", "POST BulkCreate"), ("put_user", "PUT user"), ("put_group", "PUT group"),
          ("delete_user", "DELETE user"), ("delete_bulk", "DELETE bulk"), ("other", "other"))


def duration(seconds):
    return "%.1f s" % seconds if seconds < 120 else "%.1f min" % (seconds / 60)


def kinds(counts, scale=1):
    return " + ".join("%d %s" % (counts[key] * scale, label) for key, label in LABELS if counts.get(key)) or "none"


def methods(steps):
    """Requests by method of replay steps: '1000 GET + 10 DELETE'."""
    totals = {}
    for step in steps:
        for method in step["pattern"]:
            totals[method] = totals.get(method, 0) + step["items"]
    return " + ".join("%d %s" % (totals[m], m) for m in ("GET", "POST", "PUT", "DELETE") if totals.get(m))


def whole(measures, name, part="task"):
    """A one-task contender as one replay step: its requests in the order sent."""
    return [dict(name=name, pattern=measures[-1]["patterns"][part], items=1, seconds=0.0, kind="module")]


def cloud_rows(add, rows, start):
    """Replay each approach's steps with Cloud's limits and 5-minute windows; a table row each."""
    add("")
    add("| approach | time against Cloud | requests answered 429 | outcome |")
    add("|---|---:|---:|---|")
    replays = {}
    for label, steps, seconds in rows:
        for step in steps:
            step.setdefault("seconds", 0.0)
        if seconds is not None:
            steps[-1]["seconds"] = seconds
        replay = cloud.parts(steps, start=start)
        replays[label] = replay
        outcome = "done" if not replay["failed_at"] else "%s fails once its loop is done (%d items refused), the play stops there" % (
            replay["failed_at"], replay["refused"])
        add("| %s | %s | %d | %s |" % (label, duration(replay["seconds"]), replay["limited"], outcome))
    return replays


def load_line(add, groups):
    loads = [m["load"] for group in groups for runs in group.values() for m in runs]
    add("1-minute load average after each run: median %.1f, %.1f-%.1f." % (statistics.median(loads), min(loads), max(loads)))


def table_head(add, total):
    add("| approach | measured run | wall: median | min-max | CPU: median | requests per run | for %s: wall time | requests |" % total)
    add("|---|---|---:|---:|---:|---|---:|---|")


def row(add, label, run, measures, requests_total, seconds_total, item=None):
    add("| %s | %s | %.2f | %s | %.2f | %s | %s | %s |" % (
        label, run, median(measures), spread(measures), median(measures, "cpu"), kinds(measures[-1]["counts"]),
        ("%.0f (%.3f an item)" % (seconds_total, item)) if item is not None else ("%.2f" % seconds_total if seconds_total else ""),
        requests_total))


def onboarding(add, results, targets):
    e = results["onboarding"]
    if "skipped" in e:
        add("")
        add("## e. Onboarding: skipped (%s)" % e["skipped"])
        targets.append(("e. onboarding", "not measured: %s" % e["skipped"], "**not measured**"))
        return
    s = results["onboarding_sizes"]
    sample = s["sample_new"] + s["sample_changed"]
    scale = s["new"] // s["sample_new"]
    total = s["new"] + s["changed"]
    empty, bulk_s = median(e["empty"]), median(e["bulk users"])
    item = dict((name, (median(e[name]) - empty) / sample) for name in ("module loop", "uri loop"))
    totals = dict((name, empty + total * item[name]) for name in item)
    add("")
    add("## e. Onboarding %d new users into an organization of %d, and %d existing users with one changed field (chunk_size %d)" % (
        s["new"], s["org"], s["changed"], s["chunk"]))
    add("")
    add("The loops ran over %d of the new users and %d of the changed ones (the whole's proportion); their time for %d is the "
        "empty play plus %d times the measured time per item, their requests %d times those measured." % (
            s["sample_new"], s["sample_changed"], total, total, scale))
    load_line(add, [e])
    add("")
    table_head(add, "%d + %d users" % (s["new"], s["changed"]))
    bulk = e["bulk users"][-1]["counts"]
    row(add, "one task, `users`", "%d users" % total, e["bulk users"], kinds(bulk), bulk_s)
    steps = {}
    for name, label, kind in (("module loop", "loop of `uipath.identity.user`", "module"),
                              ("uri loop", "loop of `ansible.builtin.uri`", "uri")):
        patterns = e[name][-1]["patterns"]
        steps[name] = [dict(name="new users", pattern=patterns["new"], items=s["new"], seconds=item[name], kind=kind),
                       dict(name="changed users", pattern=patterns["changed"], items=s["changed"], seconds=item[name], kind=kind)]
        row(add, label, "%d items" % sample, e[name], kinds(e[name][-1]["counts"], scale), totals[name], item[name])
    lim = e["bulk, Cloud limits"]
    add("| one task, emulator enforcing Cloud's limits per %s s | %d users | %.2f | | %.2f | %s, %d answered 429 | | |" % (
        results["bulk_window"], total, median(lim), median(lim, "cpu"), kinds(lim[-1]["counts"]), lim[-1]["counts"]["limited"]))
    add("| empty play (start-up) | | %.2f | %s | %.2f | | | |" % (empty, spread(e["empty"]), median(e["empty"], "cpu")))
    add("")
    add("One item's requests: module loop, new user %s, changed user %s; uri loop, new user %s, changed user %s." % tuple(
        ", ".join(e[name][-1]["patterns"][part]) for name in ("module loop", "uri loop") for part in ("new", "changed")))
    uri_until = [dict(step, kind="uri_until") for step in steps["uri loop"]]
    replays = cloud_rows(add, [
        ("one task, `users`", whole(e["bulk users"], "users"), bulk_s - empty),
        ("loop of `uipath.identity.user`", steps["module loop"], None),
        ("loop of `ansible.builtin.uri`, plain", steps["uri loop"], None),
        ("loop of `ansible.builtin.uri`, `until: status != 429`, delay 10", uri_until, None)], empty)
    chunks = int(math.ceil(s["new"] / float(s["chunk"])))
    pages = int(math.ceil(s["org"] / 1000.0))
    one = replays["one task, `users`"]["seconds"]
    uri_cloud = replays["loop of `ansible.builtin.uri`, plain"]["seconds"]
    speed, speed_cloud = totals["uri loop"] / bulk_s, uri_cloud / one
    add("")
    add("Requests for all %d: module loop %s; uri loop %s. One task against the uri loop: **%.0f times** faster without limits "
        "(against the module loop: %.0f times). Under Cloud's limits replayed: one task %s, uri loop %s (%.0f times), module "
        "loop %s (%.0f times)." % (
            total, methods(steps["module loop"]), methods(steps["uri loop"]), speed, totals["module loop"] / bulk_s, duration(one),
            duration(uri_cloud), speed_cloud, duration(replays["loop of `uipath.identity.user`"]["seconds"]),
            replays["loop of `uipath.identity.user`"]["seconds"] / one))
    targets.extend([
        ("e. at most ceil(%d / %d) = %d BulkCreate POSTs" % (s["new"], s["chunk"], chunks), "%d" % bulk["bulk_create"],
         verdict(bulk["bulk_create"] <= chunks)),
        ("e. at most ceil(%d / 1000) = %d listing GETs" % (s["org"], pages), "%d (and %d other GETs)" % (
            bulk["list"], bulk["GET"] - bulk["list"]), verdict(bulk["list"] <= pages)),
        ("e. one PUT per changed user (%d)" % s["changed"], "%d PUT, %d POST /api/User" % (bulk["put_user"], bulk["post_user"]),
         verdict(bulk["put_user"] == s["changed"])),
        ("e. at least 100 times faster than the uri loop", "%.0f times without limits (%.2f s against %.0f s); %.0f times under "
         "Cloud's limits replayed" % (speed, bulk_s, totals["uri loop"], speed_cloud), verdict(speed >= 100 and speed_cloud >= 100)),
    ])


def offboarding(add, results, targets):
    f, s = results["offboarding_email"], results["offboarding_email_sizes"]
    n, sample = s["leavers"], s["sample"]
    empty, bulk_s, ids_s = median(f["empty"]), median(f["bulk emails"]), median(f["bulk ids, no lookups"])
    info_item = (median(f["user_info loop + bulk ids"]) - ids_s) / sample
    uri_item = (median(f["uri loop"]) - empty) / (2 * sample)
    add("")
    add("## f. Offboarding %d users out of %d, named by email (chunk_size %d)" % (n, s["org"], s["chunk"]))
    add("")
    add("The `user_info` loop ran over %d emails, and the removal by id after it carried all %d ids: those it found and the "
        "others as given. Its time for %d is the removal by id alone (the lookup loop empty) plus %d times the measured time "
        "per lookup. The `uri` loops ran over %d emails (a search, then a DELETE, each a uri item); their time is the empty "
        "play plus %d times the time per item." % (sample, n, n, n, sample, 2 * n))
    load_line(add, [f])
    add("")
    table_head(add, "%d users" % n)
    info_p, uri_p = f["user_info loop + bulk ids"][-1]["patterns"], f["uri loop"][-1]["patterns"]
    bulk_steps = whole(f["bulk emails"], "emails", "bulk")
    info_steps = [dict(name="user_info loop", pattern=info_p["lookups"], items=n, seconds=info_item, kind="module"),
                  dict(name="removal by id", pattern=info_p["bulk"], items=1, seconds=ids_s - empty, kind="module")]
    uri_steps = [dict(name="search loop", pattern=uri_p["lookups"], items=n, seconds=uri_item, kind="uri"),
                 dict(name="DELETE loop", pattern=uri_p["removals"], items=n, seconds=uri_item, kind="uri")]
    totals = dict(info=ids_s + n * info_item, uri=empty + 2 * n * uri_item)
    row(add, "one task, `emails`", "%d users" % n, f["bulk emails"], methods(bulk_steps), bulk_s)
    row(add, "loop of `user_info`, then one task with `user_ids`", "%d lookups, %d removals" % (sample, n),
        f["user_info loop + bulk ids"], methods(info_steps), totals["info"], info_item)
    row(add, "(the task with `user_ids` alone, the ids known)", "%d users" % n, f["bulk ids, no lookups"], "", ids_s)
    row(add, "loop of `ansible.builtin.uri` (search, then DELETE)", "%d users" % sample, f["uri loop"], methods(uri_steps),
        totals["uri"], uri_item)
    lim = f["bulk, Cloud limits"]
    add("| one task, emulator enforcing Cloud's limits per %s s | %d users | %.2f | | %.2f | %s, %d answered 429 | | |" % (
        results["bulk_window"], n, median(lim), median(lim, "cpu"), kinds(lim[-1]["counts"]), lim[-1]["counts"]["limited"]))
    add("| empty play (start-up) | | %.2f | %s | %.2f | | | |" % (empty, spread(f["empty"]), median(f["empty"], "cpu")))
    replays = cloud_rows(add, [
        ("one task, `emails`", bulk_steps, bulk_s - empty),
        ("loop of `user_info`, then `user_ids`", info_steps, None),
        ("loop of `ansible.builtin.uri`, plain", uri_steps, None),
        ("loop of `ansible.builtin.uri`, `until: status != 429`, delay 10", [dict(x, kind="uri_until") for x in uri_steps], None)],
        empty)
    bulk = f["bulk emails"][-1]["counts"]
    chunks, pages = int(math.ceil(n / float(s["chunk"]))), int(math.ceil(s["org"] / 1000.0))
    add("")
    add("One task against the uri loop: **%.0f times** faster without limits (against the `user_info` loop: %.0f times); under "
        "Cloud's limits replayed, %s against %s (`user_info` loop) and %s (uri loop with `until`)." % (
            totals["uri"] / bulk_s, totals["info"] / bulk_s, duration(replays["one task, `emails`"]["seconds"]),
            duration(replays["loop of `user_info`, then `user_ids`"]["seconds"]),
            duration(replays["loop of `ansible.builtin.uri`, `until: status != 429`, delay 10"]["seconds"])))
    targets.append(("f. by email: at most %d listing GETs and ceil(%d / %d) = %d DELETEs" % (pages, n, s["chunk"], chunks),
                    "%d GET + %d DELETE" % (bulk["list"], bulk["delete_bulk"]),
                    verdict(bulk["list"] <= pages and bulk["delete_bulk"] <= chunks and bulk["api"] == bulk["list"] + bulk["delete_bulk"])))


def group_members(add, results, targets):
    g, s = results["group_members"], results["group_members_sizes"]
    n, sample = s["members"], s["sample"]
    empty, bulk_s = median(g["empty"]), median(g["group members"])
    item = (median(g["user loop"]) - empty) / sample
    total = empty + n * item
    add("")
    add("## g. Putting %d of %d users into one group" % (n, s["org"]))
    add("")
    add("The loop ran over %d of the users; its time for %d is the empty play plus %d times the measured time per item, its "
        "requests %d times those measured." % (sample, n, n, n // sample))
    load_line(add, [g])
    add("")
    table_head(add, "%d users" % n)
    loop_steps = [dict(name="user loop", pattern=g["user loop"][-1]["patterns"]["task"], items=n, seconds=item, kind="module")]
    bulk = g["group members"][-1]["counts"]
    row(add, "one task, `uipath.identity.group` with `members`", "%d users" % n, g["group members"], kinds(bulk), bulk_s)
    row(add, "loop of `uipath.identity.user` with `groups`, `append_groups`", "%d items" % sample, g["user loop"],
        kinds(g["user loop"][-1]["counts"], n // sample), total, item)
    lim = g["group members, Cloud limits"]
    add("| one task, emulator enforcing Cloud's limits per %s s | %d users | %.2f | | %.2f | %s, %d answered 429 | | |" % (
        results["bulk_window"], n, median(lim), median(lim, "cpu"), kinds(lim[-1]["counts"]), lim[-1]["counts"]["limited"]))
    add("| empty play (start-up) | | %.2f | %s | %.2f | | | |" % (empty, spread(g["empty"]), median(g["empty"], "cpu")))
    sc = results["group_cloud_scaled"]
    scaled = cloud.parts([dict(loop_steps[0], items=sc["items"])], window=sc["window"], limits=sc["limits"], start=empty)
    add("")
    add("One item of the loop: %s. Check of the replay against the emulator, limits and window divided by %d (window %.2f s, %s), "
        "a loop of %d: emulator %.1f s and %d answered 429, replay %.1f s and %d." % (
            ", ".join(loop_steps[0]["pattern"]), sc["factor"], sc["window"], ", ".join("%s %d" % kv for kv in sorted(sc["limits"].items())),
            sc["items"], sc["measure"]["seconds"], sc["measure"]["counts"]["limited"], scaled["seconds"], scaled["limited"]))
    replays = cloud_rows(add, [("one task, `group` with `members`", whole(g["group members"], "members"), bulk_s - empty),
                               ("loop of `user` with `groups`", loop_steps, None)], empty)
    pages = int(math.ceil(s["org"] / 1000.0))
    add("")
    add("One task against the loop: **%.0f times** faster without limits; under Cloud's limits replayed %s against %s." % (
        total / bulk_s, duration(replays["one task, `group` with `members`"]["seconds"]),
        duration(replays["loop of `user` with `groups`"]["seconds"])))
    targets.append(("g. one listing of users (ceil(%d / 1000) = %d GETs) and one PUT" % (s["org"], pages),
                    "%s" % kinds(bulk), verdict(bulk["list"] <= pages and bulk["put_group"] == 1 and bulk["PUT"] == 1)))


def report(results, cfg):
    """The lines of e, f and g, with a table of their targets."""
    out, targets = [], []
    results = dict(results, bulk_window=("%g" % cfg["bulk_window"]))
    for section, key in ((onboarding, "onboarding"), (offboarding, "offboarding_email"), (group_members, "group_members")):
        if key in results:
            section(out.append, results, targets)
    if targets:
        out.extend(["", "## Targets of e, f and g", "", "| target | measured | |", "|---|---|---|"])
        out.extend("| %s | %s | %s |" % target for target in targets)
    return out
