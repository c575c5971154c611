# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks on values that end up in a URL path or a request body, and how names compare."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.uipath.identity.plugins.module_utils.errors import ConfigurationError

# The canonical 8-4-4-4-12 form only: the API types ids as uuid, and anything
# looser (braces, no dashes, surrounding spaces) is refused rather than guessed.
_GUID = re.compile(r"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


def is_guid(value):
    return isinstance(value, str) and _GUID.match(value) is not None


def require_guid(option, value):
    """Return ``value`` lower-cased if it is a GUID, else raise ConfigurationError."""
    if not is_guid(value):
        raise ConfigurationError(option, "must be a GUID like 3fa85f64-5717-4562-b3fc-2c963f66afa6, got %r" % (value,))
    return value.lower()


def require_text(option, value, strip=True):
    """Return ``value`` (stripped unless told not to), refusing an empty or blank string.

    A blank value is never taken as "clear this field": in a task built from a
    list or a CSV it is far more often a value that went missing on the way.
    """
    if value is None:
        return None
    if not value.strip():
        raise ConfigurationError(option, "must not be empty; leave the option out to keep the value as it is")
    return value.strip() if strip else value


def require_email(option, value):
    """Return ``value`` stripped if it reads as one email address, refusing anything else before any request.

    The rule is the Identity Server's own (ASP.NET's EmailAddressAttribute): one '@', neither first nor
    last. UiPath's contract types the field as an email, and the server refuses an address that breaks
    the rule on create and update; for a lookup it is most often a user name given as email.
    """
    value = require_text(option, value)
    if value is None:
        return None
    if value.count("@") != 1 or value.startswith("@") or value.endswith("@"):
        raise ConfigurationError(option, "must be one email address, with a single '@' and text before and after it, got %r" % value)
    return value


def name_key(value):
    """A user name or email as the Identity API compares them: each letter upper-cased on its own.

    The Identity Server (ASP.NET Identity) keeps names unique by their invariant
    upper case, which maps one character to one: "straße" and "STRASSE" are two
    users there, "Ann" and "ANN" one. Python's casefold() would call the first
    pair equal, so it is not used.
    """
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in value)


def require_names(option, values):
    """A list of names or ids, each stripped and not blank, without repeats (as the Identity API compares names)."""
    if values is None:
        return None
    names, seen = [], set()
    for index, value in enumerate(values):
        if not value.strip():
            # An empty cell of a CSV, say: never read as "no one".
            raise ConfigurationError(option, "item %d is empty; every item must name one" % (index + 1))
        value = value.strip()
        key = value.lower() if is_guid(value) else name_key(value)
        if key not in seen:
            seen.add(key)
            names.append(value)
    return names


def require_one_identifier(values, options):
    """Exactly one of ``options`` given, as removing one thing needs; else a ConfigurationError naming the first."""
    named = [option for option in options if values[option] is not None]
    if len(named) != 1:
        listed = "%s or %s" % (", ".join(options[:-1]), options[-1])
        raise ConfigurationError(options[0], "with state=absent give exactly one of %s, got %s" % (listed, ", ".join(named) or "none"))


def refuse_options(values, options, why="only applies to state=present"):
    """Fail naming the first of ``options`` that is given."""
    given = [option for option in options if values[option] is not None]
    if given:
        raise ConfigurationError(given[0], why)


def require_name_or_id(values, id_option, noun):
    """Check the options that name one record by ``name`` or by ``id_option``, in place.

    The id must be a GUID and the name not blank; state=absent takes exactly one of them, and
    state=present at least one.
    """
    if values[id_option] is not None:
        values[id_option] = require_guid(id_option, values[id_option])
    values["name"] = require_text("name", values["name"])
    if values["state"] == "absent":
        require_one_identifier(values, ("name", id_option))
    elif values["name"] is None and values[id_option] is None:
        raise ConfigurationError("name", "state=present needs name or %s to find or create the %s" % (id_option, noun))
