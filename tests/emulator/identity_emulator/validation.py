"""Model binding the way ASP.NET Core does it for the user endpoints.

JSON property names match case-insensitively, unknown properties are ignored,
and a value of the wrong type becomes a ValidationProblemDetails entry keyed
by its JSON path (`$.email`), so clients see the same failures as live.
"""

import json
import re
import uuid

from . import responses

# System.Guid parses the "D", "N", "B" and "P" formats; nothing looser.
_GUID_FORMS = (
    re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
    re.compile(r"^[0-9a-fA-F]{32}$"),
    re.compile(r"^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$"),
    re.compile(r"^\([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\)$"),
)

# What an absent Guid binds to: nobody's partition, and "pick one" for a new id.
EMPTY_GUID = "00000000-0000-0000-0000-000000000000"

USER_TYPES = ("user", "robot", "directoryUser", "directoryGroup", "robotAccount", "application")

# Field kinds understood by bind().
STR, BOOL, INT, GUID, GUIDS, STRS, STRMAP, USERTYPE, OBJS = (
    "string", "boolean", "int64", "guid", "guid[]", "string[]", "string map", "UserType", "object[]")


def parse_guid(value):
    """Canonical lower-case GUID text, or None when .NET would refuse it."""
    if not isinstance(value, str) or not any(form.match(value) for form in _GUID_FORMS):
        return None
    return str(uuid.UUID(value.strip("{}()")))


def user_type(value):
    """UserType from the live integer form or the contract's string names."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(USER_TYPES):
        return value
    if isinstance(value, str):
        for index, name in enumerate(USER_TYPES):
            if name.lower() == value.lower():
                return index
    return None


def _convert(kind, value):
    """(True, converted) or (False, None) for one non-null JSON value."""
    if kind == STR:
        return isinstance(value, str), value
    if kind == BOOL:
        return isinstance(value, bool), value
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool), value
    if kind == GUID:
        guid = parse_guid(value)
        return guid is not None, guid
    if kind == USERTYPE:
        converted = user_type(value)
        return converted is not None, converted
    if kind == GUIDS:
        if not isinstance(value, list):
            return False, None
        guids = [parse_guid(item) for item in value]
        return None not in guids, guids
    if kind == STRS:
        return isinstance(value, list) and all(isinstance(item, str) for item in value), value
    if kind == STRMAP:
        return isinstance(value, dict) and all(isinstance(item, str) for item in value.values()), value
    if kind == OBJS:
        return isinstance(value, list) and all(isinstance(item, dict) for item in value), value
    raise ValueError("unknown field kind %r" % kind)


def bind(body, spec, prefix="$"):
    """Apply a {name: (kind, nullable)} spec to a JSON object.

    Returns (values, errors): values holds only the properties the client
    sent, so an update can tell "absent" from "null".
    """
    if not isinstance(body, dict):
        return {}, {prefix: ["The JSON value could not be converted to a command object."]}
    by_lower = {name.lower(): name for name in spec}
    values, errors = {}, {}
    for key, value in body.items():
        name = by_lower.get(key.lower())
        if name is None:
            continue
        kind, nullable = spec[name]
        path = "%s.%s" % (prefix, name)
        if value is None:
            if nullable:
                values[name] = None
            else:
                errors[path] = ["The JSON value null could not be converted to %s." % kind]
            continue
        ok, converted = _convert(kind, value)
        if ok:
            values[name] = converted
        else:
            errors[path] = ["The JSON value could not be converted to %s." % kind]
    return values, errors


def is_json_type(content_type):
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def read_json(request):
    """The parsed [FromBody] object, or a Response explaining why there is none."""
    if not is_json_type(request.headers.get("Content-Type")):
        return None, responses.problem(415)
    if not request.body.strip():
        return None, responses.validation_problem({"": ["A non-empty request body is required."]})
    try:
        return json.loads(request.body.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError) as exc:
        message = getattr(exc, "msg", None) or str(exc)
        return None, responses.validation_problem({
            "$": ["The request body is not valid JSON: %s." % message],
            "command": ["The command field is required."],
        })


def query_int(query, name, default, low, high):
    """An integer query parameter with [Range] validation; (value, error Response)."""
    raw = query.get(name)
    if raw is None or raw == "":
        return default, None
    try:
        value = int(raw)
    except ValueError:
        return None, responses.not_valid(name, raw)
    if not low <= value <= high:
        return None, responses.validation_problem({name: ["The field %s must be between %d and %d." % (name, low, high)]})
    return value, None
