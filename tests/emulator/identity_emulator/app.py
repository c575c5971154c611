"""Request pipeline shared by the in-process and the standalone emulator.

Order per request: control API (never logged) -> injected fault -> routing
(404 page) -> rate limit -> token endpoint or the API (users, groups, robot
accounts). Each Identity request is logged once it has an answer.
"""

import json
import logging
import time
import urllib.parse

from . import api, auth as auth_mod, control, faults as faults_mod, reqlog, responses, routing, store as store_mod

LOG = logging.getLogger(__name__)

# Each switch plays one variant of what the live service may do where no source settles it
# (docs/fidelity.md in the collection names the evidence); the first value is the default.
SWITCHES = {
    # The 404 body for an absent user (and group, and robot account).
    "missing_user_body": ("problem", "empty"),
    # GroupDto.type: the contract declares the names builtIn/custom, but the live service sends UserType as
    # integers, so it likely sends 0/1 here too.
    "group_type": ("integer", "name"),
    # The status of an IdentityResult refusal.
    "business_error_status": (400, 200),
    # The order of a listing without sortBy is undocumented; "random" shows what paging it costs.
    "default_order": ("insertion", "random"),
    # UiPath documents the rate limits but not a Retry-After header on their 429.
    "rate_limit_retry_after": (False, True),
    # The API on the host-level route {url}/identity_/api: newer Cloud organizations answer 400
    # InvalidPartition there; an Automation Suite 2023.4 served it (for the token's organization).
    "host_level_api": ("invalid_partition", "serve"),
    # Client-credentials tokens carry the organization id as prt_id (UiPath's own CLI reads it there);
    # False drops it, for a token that does not (a seed client's "prt_id" overrides either way).
    "token_prt_id": (True, False),
    # A bulk DELETE /api/User naming ids of no user: ignored (204), or the request refused (400, 404)
    # with nothing removed. Undocumented; the collection handles each.
    "bulk_delete_unknown_ids": ("ignore", "400", "404"),
}


class Request:
    """The parts of an HTTP request the pipeline looks at."""

    def __init__(self, method, target, headers, body=b""):
        split = urllib.parse.urlsplit(target)
        self.method = method.upper()
        self.path = split.path or "/"
        self.query = {}
        for key, value in urllib.parse.parse_qsl(split.query, keep_blank_values=True):
            # Repeated parameters become lists; ASP.NET binds the first to a scalar.
            if key in self.query:
                previous = self.query[key]
                self.query[key] = (previous if isinstance(previous, list) else [previous]) + [value]
            else:
                self.query[key] = value
        self.headers = headers
        self.body = body
        # Set by a "remove" fault: users the listing takes away after serving this page.
        self.remove_after_page = 0


class Settings:
    """Behaviour switches that tests may flip while the emulator runs."""

    def __init__(self, **values):
        for name, value in values.items():
            if name not in SWITCHES:
                raise ValueError("unknown switch %r; known: %s" % (name, ", ".join(sorted(SWITCHES))))
            # bool is an int: True must not pass for 1, nor 1 for True.
            if not any(value == allowed and type(value) is type(allowed) for allowed in SWITCHES[name]):
                raise ValueError("%s must be one of %s, got %r" % (name, ", ".join(str(v) for v in SWITCHES[name]), value))
        for name, allowed in SWITCHES.items():
            setattr(self, name, values.get(name, allowed[0]))

    def replace(self, **changes):
        """A copy with some switches flipped; None leaves one as it is."""
        values = {name: getattr(self, name) for name in SWITCHES}
        values.update({name: value for name, value in changes.items() if value is not None})
        return Settings(**values)


class App:
    """State and dispatch; thread-safe because each part locks itself."""

    def __init__(self, settings, token_lifetime=3600, rate_limits=False, rate_window=300):
        self.settings = settings
        self.store = store_mod.Store()
        self.auth = auth_mod.Auth(self.store, token_lifetime, switches=lambda: self.settings)
        self.faults = faults_mod.FaultSet()
        limits = rate_limits if isinstance(rate_limits, dict) else None
        self.limiter = faults_mod.RateLimiter(rate_window, limits, enabled=bool(rate_limits))
        self.log = reqlog.RequestLog()
        self.base_url = ""

    def handle(self, request):
        route = routing.resolve(request.path, self.store)
        if route.kind == "control":
            return control.handle(self, request, route.rest)
        try:
            response = self._serve(request, route)
        except Exception:  # pylint: disable=broad-exception-caught
            # A bug in the emulator must surface as a 500 in the test, not a hung socket.
            LOG.exception("emulator failed on %s %s", request.method, request.path)
            response = responses.problem(500)
            response.note = "emulator-error"
        org = route.org.name if route.org is not None else None
        self.log.add(request, org, self._loggable_body(request), request.headers.get("Content-Type"), response)
        return response

    def _serve(self, request, route):
        fault = self.faults.take(request.method, request.path)
        if fault is not None and fault.kind == "reset":
            return responses.Response(0, reset=True, note="fault:reset")
        if fault is not None and fault.kind == "status":
            response = responses.gateway_error(fault.status)
            if fault.retry_after is not None:
                response.headers["Retry-After"] = fault.retry_after
            response.note = "fault:status"
            return response
        if fault is not None and fault.kind == "body":
            response = responses.json_response(fault.body, fault.status)
            response.note = "fault:body"
            return response
        if fault is not None and fault.kind == "vanish":
            # Another admin removes some of what this request names, just before it arrives.
            api.vanish(self, request, route.org, fault.remove)
        if fault is not None and fault.kind == "remove":
            # Only the listing acts on it, once it knows the page it served.
            request.remove_after_page = fault.remove
        if fault is not None:
            time.sleep(fault.delay)
        if route.kind == "host_api":
            route = self._host_level(request, route)
            if isinstance(route, responses.Response):
                return route
        if route.kind == "token":
            response = self.auth.token_endpoint(request, route.org, self.base_url + "/identity_")
        elif route.kind == "api":
            retry_after = self.limiter.check(route.org.name, request.method)
            if retry_after is not None:
                response = responses.problem(429)
                if self.settings.rate_limit_retry_after:
                    response.headers["Retry-After"] = str(retry_after)
                response.note = "rate-limit"
                return response
            response = api.dispatch(self, request, route.org, route.rest)
        else:
            response = responses.not_found_page()
        if fault is not None:
            response.note = "fault:" + fault.kind
        return response

    def _host_level(self, request, route):
        """The host-level API route as the switch plays it: refused, or the token's organization."""
        if self.settings.host_level_api == "invalid_partition":
            return responses.problem(400, {"title": "InvalidPartition", "detail": "The request names no valid partition."})
        org = self.auth.org_of(request)
        if org is None:
            return responses.unauthorized()
        return routing.Route("api", org, route.rest)

    @staticmethod
    def _loggable_body(request):
        """Parsed JSON or form body for the log; raw bytes never go there."""
        if not request.body:
            return None
        media = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = request.body.decode("utf-8")
            if media == "application/x-www-form-urlencoded":
                return dict(urllib.parse.parse_qsl(text, keep_blank_values=True))
            return json.loads(text)
        except ValueError:
            return {"unparsed_bytes": len(request.body)}
