"""Check logged requests against UiPath's published OpenAPI contract.

Usage from tests: `contract = load_contract(reference_dir())`, then
`check_request(contract, record)` for each emulator log record. Standalone:
`python contract_check.py LOG.json` with a log saved from GET /_emulator/log.
"""

import json
import os
import re
import sys
import urllib.parse

import jsonschema
import yaml

CONTRACT_FILES = ("uipath-identity-openapi.yaml", "uipath-identity-token-openapi.yaml")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# OpenAPI-only keywords that JSON Schema draft 7 does not know (or would misread).
_DROPPED = frozenset(("nullable", "discriminator", "xml", "example", "externalDocs", "deprecated", "readOnly", "writeOnly"))
# Stands in for a secret the request log removed, so `required` still sees it.
_PLACEHOLDER = "redacted"
_FORMATS = jsonschema.FormatChecker()


@_FORMATS.checks("uuid")
def _is_uuid(value):
    return not isinstance(value, str) or _UUID.match(value) is not None


def reference_dir():
    """<repo root>/../shared/reference when both contract files are there, else None."""
    repo_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(os.path.dirname(repo_root), "shared", "reference")
    if all(os.path.isfile(os.path.join(path, name)) for name in CONTRACT_FILES):
        return path
    return None


def _to_json_schema(node):
    """OpenAPI 3.0 schema -> draft 7: `nullable` becomes a null type, refs point at definitions."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in _DROPPED or key.startswith("x-"):
            continue
        if key == "$ref":
            out[key] = value.replace("#/components/schemas/", "#/definitions/")
        elif key == "properties":
            out[key] = {name: _to_json_schema(schema) for name, schema in value.items()}
        else:
            out[key] = _to_json_schema(value)
    if node.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = list(out["enum"]) + [None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def _closed(schema):
    """Forbid undeclared properties where a schema lists its own (the service would ignore them silently)."""
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: (value if key == "enum" else _closed(value)) for key, value in schema.items()}
    if "properties" in out:
        out["properties"] = {name: _closed(sub) for name, sub in schema["properties"].items()}
        if "additionalProperties" not in out and not any(k in out for k in ("allOf", "anyOf", "oneOf")):
            out["additionalProperties"] = False
    return out


class Contract:
    """Operations of the contract documents, indexed by path template."""

    def __init__(self, documents, strict=True):
        self.operations = []
        definitions = {}
        for document in documents:
            for name, schema in ((document.get("components") or {}).get("schemas") or {}).items():
                definitions[name] = _to_json_schema(schema)
            for template, item in (document.get("paths") or {}).items():
                methods = {method.upper(): op for method, op in item.items() if isinstance(op, dict) and "responses" in op}
                self.operations.append((tuple(part for part in template.split("/") if part), template, methods))
        self.definitions = _closed(definitions) if strict else definitions
        self.strict = strict

    def match(self, segments):
        """[(template, methods, path parameters)], literal-richest first."""
        found = []
        for parts, template, methods in self.operations:
            if len(parts) != len(segments):
                continue
            params, literals = {}, 0
            for part, segment in zip(parts, segments):
                if part.startswith("{"):
                    params[part[1:-1]] = segment
                elif part.lower() == segment.lower():
                    literals += 1
                else:
                    break
            else:
                found.append((literals, template, methods, params))
        found.sort(key=lambda item: -item[0])
        return [item[1:] for item in found]

    def schema(self, openapi_schema):
        converted = _to_json_schema(openapi_schema)
        if self.strict:
            converted = _closed(converted)
        # A root that is only a $ref would hide its siblings in draft 7; wrap it.
        return {"allOf": [converted], "definitions": self.definitions}


def load_contract(reference=None, strict=True):
    """Parse both contract files from `reference` (default: reference_dir())."""
    reference = reference or reference_dir()
    if reference is None:
        raise FileNotFoundError("the OpenAPI reference folder ../shared/reference is absent")
    documents = []
    for name in CONTRACT_FILES:
        with open(os.path.join(reference, name), encoding="utf-8") as handle:
            documents.append(yaml.safe_load(handle))
    return Contract(documents, strict)


def api_path(path):
    """Path relative to the Identity base (after /identity_ or /identity), or None."""
    segments = [urllib.parse.unquote(part) for part in path.split("/") if part]
    lowered = [segment.lower() for segment in segments]
    for base in ("identity_", "identity"):
        if base in lowered:
            return segments[lowered.index(base) + 1:]
    return None


def _put_back(container, pointer):
    """Re-insert a redacted field (JSON-pointer-ish path) with a placeholder value."""
    keys = pointer.split("/")
    for key in keys[:-1]:
        container = container[int(key)] if isinstance(container, list) else container.get(key, {})
    if isinstance(container, dict):
        container[keys[-1]] = _PLACEHOLDER


def _schema_errors(contract, openapi_schema, value, where):
    validator = jsonschema.Draft7Validator(contract.schema(openapi_schema), format_checker=_FORMATS)
    problems = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
        location = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p for p in error.absolute_path)
        problems.append("%s%s: %s" % (where, location, error.message))
    return problems


def _query_value(schema, raw):
    """Query strings are text; convert what the schema says is a number or boolean."""
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            return float(raw)
    except ValueError:
        return raw
    if kind == "boolean" and raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    return raw


def _check_parameters(contract, operation, path_params, query, redacted):
    problems = []
    declared = {(p.get("in"), p.get("name")): p for p in operation.get("parameters") or []}
    for name, value in path_params.items():
        param = declared.get(("path", name))
        if param is None:
            problems.append("path parameter {%s} is not declared" % name)
            continue
        problems.extend(_schema_errors(contract, param.get("schema") or {}, _query_value(param.get("schema") or {}, value),
                                       "path parameter %s=%r" % (name, value)))
    query = dict(query or {})
    for pointer in redacted:
        if pointer.startswith("query/"):
            query[pointer[6:]] = _PLACEHOLDER
    for name, value in query.items():
        param = declared.get(("query", name))
        if param is None:
            problems.append("query parameter %r is not declared" % name)
            continue
        schema = param.get("schema") or {}
        values = value if isinstance(value, list) and schema.get("type") != "array" else [value]
        if len(values) > 1:
            problems.append("query parameter %r is repeated" % name)
        for item in values:
            problems.extend(_schema_errors(contract, schema, _query_value(schema, item), "query parameter %s" % name))
    for (place, name), param in declared.items():
        if param.get("required") and place == "query" and name not in query:
            problems.append("required query parameter %r is missing" % name)
    return problems


def _check_body(contract, operation, record):
    body = record.get("body")
    request_body = operation.get("requestBody")
    if request_body is None:
        return [] if body is None else ["sends a body but the operation declares none"]
    if body is None:
        return ["request body is required but none was sent"] if request_body.get("required") else []
    if isinstance(body, dict) and set(body) == {"unparsed_bytes"}:
        return ["body could not be parsed as JSON or a form"]
    media = (record.get("content_type") or "").split(";")[0].strip().lower()
    content = {key.lower(): value for key, value in (request_body.get("content") or {}).items()}
    if media not in content:
        return ["content type %r is not one the operation accepts (%s)" % (media or None, ", ".join(sorted(content)))]
    body = json.loads(json.dumps(body))
    for pointer in record.get("redacted") or []:
        if pointer.startswith("body/"):
            _put_back(body, pointer[5:])
    return _schema_errors(contract, content[media].get("schema") or {}, body, "body")


def check_request(contract, record):
    """Violations (strings) of one request-log record; an empty list means it conforms."""
    method = (record.get("method") or "").upper()
    label = "%s %s" % (method, record.get("path"))
    segments = api_path(record.get("path") or "")
    if segments is None:
        return ["%s: path is not under /identity_ or /identity" % label]
    matches = contract.match(segments)
    if not matches:
        return ["%s: /%s is not a path of the contract" % (label, "/".join(segments))]
    for template, methods, params in matches:
        if method in methods:
            operation = methods[method]
            problems = _check_parameters(contract, operation, params, record.get("query"), record.get("redacted") or [])
            problems.extend(_check_body(contract, operation, record))
            return ["%s (%s %s): %s" % (label, method, template, problem) for problem in problems]
    allowed = sorted({name for match in matches for name in match[1]})
    return ["%s: method %s is not in the contract for %s (it has %s)" % (label, method, matches[0][0], ", ".join(allowed))]


def check_log(contract, records):
    """All violations of a whole request log."""
    return [problem for record in records for problem in check_request(contract, record)]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        sys.stderr.write("usage: contract_check.py LOG.json  (a saved GET /_emulator/log answer; '-' reads stdin)\n")
        return 2
    if reference_dir() is None:
        sys.stderr.write("contract check skipped: ../shared/reference with the OpenAPI files is absent\n")
        return 0
    if argv[0] == "-":
        records = json.load(sys.stdin)
    else:
        with open(argv[0], encoding="utf-8") as handle:
            records = json.load(handle)
    problems = check_log(load_contract(), records)
    sys.stdout.write("".join(problem + "\n" for problem in problems))
    sys.stdout.write("%d request(s) checked, %d violation(s)\n" % (len(records), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
