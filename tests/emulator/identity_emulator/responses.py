"""Response values and the body shapes the Identity Server answers with.

Every builder returns a fully encoded Response so the HTTP layer never has to
guess a Content-Length: keep-alive clients rely on it.
"""

import json
import secrets

JSON = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json; charset=utf-8"
HTML = "text/html; charset=utf-8"

# ASP.NET Core links each problem type to the RFC section of the status code.
_PROBLEM_TYPES = {
    400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    405: "https://tools.ietf.org/html/rfc9110#section-15.5.6",
    415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
    429: "https://tools.ietf.org/html/rfc6585#section-4",
    500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
}
_TITLES = {
    404: "Not Found",
    405: "Method Not Allowed",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "An error occurred while processing your request.",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Response:
    """One HTTP answer; `reset` asks the server to drop the connection instead."""

    __slots__ = ("status", "body", "headers", "reset", "note")

    def __init__(self, status, body=b"", content_type=None, headers=None, reset=False, note=None):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        if content_type and body:
            self.headers["Content-Type"] = content_type
        self.reset = reset
        # A short tag copied into the request log (fault kind, rate limit...).
        self.note = note


def encode(obj):
    """Compact JSON as ASP.NET Core writes it."""
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


def trace_id():
    """A W3C traceparent-style id, the format ASP.NET Core puts in problems."""
    return "00-%s-%s-00" % (secrets.token_hex(16), secrets.token_hex(8))


def json_response(obj, status=200, headers=None):
    return Response(status, encode(obj), JSON, headers)


def empty(status=204, headers=None):
    return Response(status, b"", None, headers)


def problem(status, extra=None):
    """RFC 7807 ProblemDetails as produced by [ApiController] for bare status codes."""
    body = {"type": _PROBLEM_TYPES.get(status, _PROBLEM_TYPES[500]), "title": _TITLES.get(status, "Error"), "status": status}
    body.update(extra or {})
    body["traceId"] = trace_id()
    return Response(status, encode(body), PROBLEM_JSON)


def validation_problem(errors):
    """ValidationProblemDetails: field name -> list of messages, always 400."""
    body = {
        "type": _PROBLEM_TYPES[400],
        "title": "One or more validation errors occurred.",
        "status": 400,
        "errors": errors,
        "traceId": trace_id(),
    }
    return Response(400, encode(body), PROBLEM_JSON)


def not_valid(field, value):
    """The model-binding message for a value that cannot be converted."""
    return validation_problem({field: ["The value '%s' is not valid." % value]})


def field_required(field):
    """[Required]'s message, keyed by the C# property name as ASP.NET reports it."""
    return validation_problem({field: ["The %s field is required." % field]})


def identity_result(errors, failure_status=400):
    """IdentityResult; business failures use the configured status (400 or 200)."""
    status = 200 if not errors else failure_status
    return json_response({"succeeded": not errors, "errors": list(errors)}, status)


def html_page(status, title, text):
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>\n"
        "<body><h1>%s</h1><p>%s</p></body></html>\n" % (title, title, text)
    )
    return Response(status, page.encode("utf-8"), HTML)


def not_found_page():
    """What a portal or reverse proxy serves for a path it does not know."""
    return html_page(404, "404 Not Found", "The page you are looking for does not exist.")


def method_not_allowed(allowed):
    """Endpoint routing answers a known path with a wrong verb by 405 and no body."""
    return empty(405, {"Allow": ", ".join(sorted(allowed))})


def unauthorized(error=None, description=None):
    """JwtBearer's challenge: bare `Bearer` without credentials, an error code otherwise."""
    challenge = "Bearer"
    if error:
        challenge += ' error="%s"' % error
        if description:
            challenge += ', error_description="%s"' % description
    return empty(401, {"WWW-Authenticate": challenge})


def gateway_error(status):
    """Status-only faults look like what sits in front of the service produces."""
    if status in (429, 500):
        return problem(status)
    title = "%d %s" % (status, _TITLES.get(status, "Error"))
    return html_page(status, title, "The upstream service did not answer in time or failed.")
