"""How long an offboarding would take under Automation Cloud's Identity rate limits.

A replay on a virtual clock: each approach issues its requests in order, an
item of a loop costs the seconds measured for it on the emulator without
limits, and the emulator's own RateLimiter (fixed windows per method, opened
by the first request; 429 with Retry-After in whole seconds) decides which
requests are refused. What each approach does with a 429:

- ``module``: uipath.identity.user waits Retry-After and repeats the request,
  up to ``retries`` times and ``retry_max_wait`` seconds in all (5 and 300 by
  default);
- ``uri``: ansible.builtin.uri with ``status_code: [204, 404]`` fails the item, and the
  loop goes on with the next one (the task fails at the end; ``refused`` counts them);
- ``uri_until``: the same with ``until: removal.status != 429`` repeats the
  whole item (one more module run) after ``delay`` seconds.

scenarios.py and population.py check the replay against the emulator itself, with the
limits and the window scaled down by the same factor, before using it for
real windows of five minutes.
"""

# bench_env puts tests/emulator on sys.path.
import bench_env  # noqa: F401 pylint: disable=unused-import
from identity_emulator.faults import DEFAULT_LIMITS, RateLimiter  # pylint: disable=wrong-import-order

CLOUD_WINDOW = 300.0
CLOUD_LIMITS = dict(GET=DEFAULT_LIMITS["GET"], DELETE=DEFAULT_LIMITS["DELETE"])


def scaled_limits(factor):
    """Cloud's GET and DELETE limits divided by ``factor`` (at least 1 each)."""
    return dict((method, max(1, int(limit // factor))) for method, limit in CLOUD_LIMITS.items())


class Replay(object):
    def __init__(self, window, limits, start=0.0):
        self.limiter = RateLimiter(window, limits, enabled=True)
        self.now = start
        self.limited = 0
        self.refused = 0
        self.requests = dict(GET=0, DELETE=0)

    def _ask(self, method):
        self.requests[method] = self.requests.get(method, 0) + 1
        wait = self.limiter.check("org", method, now=self.now)
        if wait is not None:
            self.limited += 1
        return wait

    def module_request(self, method, retries=5, retry_max_wait=300.0):
        """One request of the module, with its retries; False when it gives up."""
        waited = 0.0
        attempt = 1
        while True:
            wait = self._ask(method)
            if wait is None:
                return True
            if attempt > retries or waited + wait > retry_max_wait:
                return False
            self.now += wait
            waited += wait
            attempt += 1

    def result(self, failed_at=None):
        return dict(seconds=self.now, limited=self.limited, refused=self.refused, failed_at=failed_at, requests=dict(self.requests))


def loop(kind, items, item_seconds, window=CLOUD_WINDOW, limits=None, start=0.0, until_delay=10.0):
    """A loop of ``items`` removals; ``kind`` is module, uri or uri_until. ``start``: seconds before the first item."""
    replay = Replay(window, limits or CLOUD_LIMITS, start)
    for number in range(1, items + 1):
        if kind == "module":
            # The module reads the user, then deletes it; the item's cost surrounds both.
            if not (replay.module_request("GET") and replay.module_request("DELETE")):
                return replay.result(failed_at=number)
            replay.now += item_seconds
        elif kind == "uri":
            if replay._ask("DELETE") is not None:  # pylint: disable=protected-access
                replay.refused += 1
            replay.now += item_seconds
        else:
            while True:
                refused = replay._ask("DELETE") is not None  # pylint: disable=protected-access
                replay.now += item_seconds
                if not refused:
                    break
                replay.now += until_delay
    return replay.result()


def bulk(list_gets, deletes, seconds, window=CLOUD_WINDOW, limits=None):
    """One bulk task: its listing GETs, then its DELETEs, with ``seconds`` the task's measured time."""
    replay = Replay(window, limits or CLOUD_LIMITS)
    for method in ["GET"] * list_gets + ["DELETE"] * deletes:
        if not replay.module_request(method):
            return replay.result(failed_at=method)
    replay.now += seconds
    return replay.result()


def parts(steps, window=CLOUD_WINDOW, limits=None, start=0.0, until_delay=10.0):
    """Tasks run one after the other, each a loop of like items (a single task is a loop of one item).

    ``steps``: dicts with ``name``, ``pattern`` (the methods of one item's requests, in order), ``items``,
    ``seconds`` (one item's cost, added after its requests) and ``kind`` (module, uri or uri_until, as
    for ``loop``; a uri item is one request). ``limits`` override Cloud's, all methods included. A plain uri loop
    with a refused item fails its task once the loop is done, and the play stops there: ``failed_at`` names it.
    """
    replay = Replay(window, limits or CLOUD_LIMITS, start)
    for step in steps:
        refused = replay.refused
        if step["kind"] != "module" and len(step["pattern"]) != 1:
            raise ValueError("%s: a uri item is one request, not %s" % (step["name"], step["pattern"]))
        for number in range(1, step["items"] + 1):
            if step["kind"] == "module":
                if not all(replay.module_request(method) for method in step["pattern"]):
                    return replay.result(failed_at="%s, item %d" % (step["name"], number))
            elif step["kind"] == "uri":
                if replay._ask(step["pattern"][0]) is not None:  # pylint: disable=protected-access
                    replay.refused += 1
            else:
                while replay._ask(step["pattern"][0]) is not None:  # pylint: disable=protected-access
                    replay.now += step["seconds"] + until_delay
            replay.now += step["seconds"]
        if replay.refused > refused:
            return replay.result(failed_at=step["name"])
    return replay.result()
