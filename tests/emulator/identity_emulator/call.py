"""What every API endpoint shares: the request, and the checks and answers common to the resources.

Users, groups and robot accounts bind bodies, check partitions, look records
up by a GUID in the path and answer 404s and refusals the same way; keeping
that here keeps the three from drifting apart.
"""

from . import directory, responses, validation

# The refusal of a group id that names no group of the organization (see Call.unknown_groups).
UNKNOWN_GROUP = "The group '%s' does not exist in this organization."


class Call:
    """Everything an endpoint needs about the request it serves, and the checks endpoints share."""

    def __init__(self, app, request, org, params):
        self.app = app
        self.store = app.store
        self.request = request
        self.org = org
        self.params = params

    def missing(self):
        """404 for an absent user, group or robot account: a ProblemDetails body or none, as configured."""
        if self.app.settings.missing_user_body == "empty":
            return responses.empty(404)
        return responses.problem(404)

    def business_result(self, errors):
        return responses.identity_result(errors, self.app.settings.business_error_status)

    def partition_error(self, raw):
        """None when `raw` is this organization's partitionGlobalId, else a 400."""
        partition = validation.parse_guid(raw) if isinstance(raw, str) else None
        if partition is None:
            return responses.not_valid("partitionGlobalId", raw)
        if partition != self.org.partition:
            return responses.validation_problem(
                {"partitionGlobalId": ["The partition '%s' does not belong to the organization of this request." % raw]})
        return None

    def command(self, spec):
        """(fields, None) from a JSON body bound to `spec`, or (None, 4xx Response)."""
        body, failure = validation.read_json(self.request)
        if failure:
            return None, failure
        fields, errors = validation.bind(body, spec)
        if errors:
            return None, responses.validation_problem(errors)
        if "partitionGlobalId" in spec:
            failure = self.partition_error(fields.get("partitionGlobalId") or validation.EMPTY_GUID)
        return fields, failure

    def named_command(self, spec):
        """(fields, name, None) from a body bound to `spec`, or (None, None, 400) when it fails or names nothing.

        An absent, null or blank name is refused as [Required] would refuse it: UiPath's SDK notes
        that the service rejects a group update without a name, and nothing can be created without one.
        """
        fields, failure = self.command(spec)
        if failure:
            return None, None, failure
        name = fields.get("name")
        if not name or not name.strip():
            return None, None, responses.field_required("Name")
        return fields, name, None

    def bulk_ids(self, field):
        """(ids, None) for a bulk DELETE .../{partitionGlobalId} whose body lists them in `field`, else (None, 4xx)."""
        failure = self.partition_error(self.params["partitionGlobalId"])
        if failure:
            return None, failure
        fields, failure = self.command({field: (validation.GUIDS, True)})
        if failure:
            return None, failure
        return fields.get(field) or [], None

    def remove(self, param, records, remove, refusal=lambda record: []):
        """DELETE .../{partitionGlobalId}/{id}: 204 once, 404 after (or for a concurrent loser), or refusal(record)'s errors."""
        record, failure = self.lookup(param, records)
        if failure:
            return failure
        with self.store.lock:
            problems = refusal(record)
            if problems:
                return self.business_result(problems)
            if not remove(self.org, record["id"]):
                return self.missing()
        return responses.empty(204)

    def lookup(self, param, records):
        """(record, None) for the GUID in path parameter `param` among `records` (a dict by id), else (None, 400/404).

        A {partitionGlobalId} in the same path must be this organization's.
        """
        if "partitionGlobalId" in self.params:
            failure = self.partition_error(self.params["partitionGlobalId"])
            if failure:
                return None, failure
        raw = self.params[param]
        record_id = validation.parse_guid(raw)
        if record_id is None:
            return None, responses.not_valid(param, raw)
        with self.store.lock:
            record = records.get(record_id)
        if record is None:
            return None, self.missing()
        return record, None

    def target(self, param, records, references):
        """(record, None) for the record an update names once `references()` (a 400 or None) found no unknown ids.

        Call it holding the store's lock, so that no concurrent delete slips in before the change.
        """
        record, failure = self.lookup(param, records)
        return record, failure or references()

    def unknown_references(self, fields, names, exists, message):
        """A 400 keyed by each field of `names` whose ids `exists(org, id)` denies, or None when all are known.

        Hold the store's lock from this check until the ids are used.
        """
        errors = {}
        for name in names:
            unknown = [item for item in fields.get(name) or [] if not exists(self.org, item)]
            if unknown:
                errors[name] = [message % item for item in unknown]
        return responses.validation_problem(errors) if errors else None

    def unknown_groups(self, fields, names):
        """A 400 keyed by each field of `names` listing ids of no group of the organization, else None.

        Group membership must name real groups, or GET /api/Group could not list the member.
        """
        return self.unknown_references(fields, names, directory.group_exists, UNKNOWN_GROUP)
