"""POST, PUT and DELETE endpoints of /api/User."""

from . import directory, responses, rules, store as store_mod, users_read, validation
from .validation import BOOL, GUID, GUIDS, INT, OBJS, STR, STRMAP, STRS, USERTYPE

# {property: (kind, nullable)} per command schema of the contract.
CREATE_BASE = {
    "id": (GUID, True), "userName": (STR, True), "email": (STR, True), "name": (STR, True),
    "surname": (STR, True), "displayName": (STR, True), "type": (USERTYPE, False),
    "bypassBasicAuthRestriction": (BOOL, False), "legacyId": (INT, True), "invitationAccepted": (BOOL, False),
}
CREATE = dict(CREATE_BASE, partitionGlobalId=(GUID, False), password=(STR, True), validatePassword=(BOOL, False),
              groupIDs=(GUIDS, True), userLogins=(OBJS, True))
BULK_CREATE = {"users": (OBJS, True), "partitionGlobalId": (GUID, False), "groupIDs": (GUIDS, True)}
UPDATE = {
    "name": (STR, True), "surname": (STR, True), "displayName": (STR, True), "email": (STR, True),
    "isActive": (BOOL, True), "password": (STR, True), "groupIDsToAdd": (GUIDS, True), "groupIDsToRemove": (GUIDS, True),
    "bypassBasicAuthRestriction": (BOOL, True), "invitationAccepted": (BOOL, True),
    "extensionUserAttributesToAddOrUpdate": (STRMAP, True), "extensionUserAttributesToRemove": (STRS, True),
}
BULK_DELETE = {"partitionGlobalId": (GUID, False), "userIds": (GUIDS, True)}
CHANGE_PASSWORD = {"oldPassword": (STR, True), "newPassword": (STR, True)}
_PLAIN_UPDATES = ("name", "surname", "displayName", "isActive", "bypassBasicAuthRestriction", "invitationAccepted")


def _invalid_email(email, key):
    """A validation problem's entry for an email EmailAddressAttribute refuses, else {}."""
    if email and not rules.email_is_valid(email):
        return {key: ["The field Email is invalid."]}
    return {}


def create_user(call):
    """CreateUserCommand -> IdentityResult; the new id is not returned."""
    fields, failure = call.command(CREATE)
    if failure:
        return failure
    invalid = _invalid_email(fields.get("email"), "Email")
    if invalid:
        return responses.validation_problem(invalid)
    with call.store.lock:
        failure = call.unknown_groups(fields, ("groupIDs",))
        if failure:
            return failure
        problems = rules.new_user_errors(call.store, call.org, fields)
        if not problems:
            call.store.insert(call.org, fields)
    return call.business_result(problems)


def bulk_create(call):
    """CreateUsersCommand -> the live {result, users} shape, all or nothing."""
    fields, failure = call.command(BULK_CREATE)
    if failure:
        return failure
    bound, errors = [], {}
    for index, user in enumerate(fields.get("users") or []):
        values, problems = validation.bind(user, CREATE_BASE, "$.users[%d]" % index)
        bound.append(values)
        errors.update(problems)
        errors.update(_invalid_email(values.get("email"), "Users[%d].Email" % index))
    if errors:
        return responses.validation_problem(errors)
    with call.store.lock:
        failure = call.unknown_groups(fields, ("groupIDs",))
        if failure:
            return failure
        problems, names, emails = [], set(), set()
        for values in bound:
            problems.extend(rules.new_user_errors(call.store, call.org, values, names, emails))
            names.add((values.get("userName") or "").lower())
            emails.add((values.get("email") or "").lower())
        if problems:
            body = {"result": {"succeeded": False, "errors": problems}, "users": []}
            return responses.json_response(body, call.app.settings.business_error_status)
        groups = fields.get("groupIDs") or []
        created = [store_mod.dto(call.store.insert(call.org, dict(values, groupIDs=groups))) for values in bound]
    return responses.json_response({"result": {"succeeded": True, "errors": []}, "users": created})


def update_user(call):
    """UpdateUserCommand: only properties sent with a non-null value change."""
    record, failure = users_read.lookup(call)
    if failure:
        return failure
    fields, failure = call.command(UPDATE)
    if failure:
        return failure
    invalid = _invalid_email(fields.get("email"), "Email")
    if invalid:
        return responses.validation_problem(invalid)
    with call.store.lock:
        if call.store.get(call.org, record["id"]) is None:
            return call.missing()
        failure = call.unknown_groups(fields, ("groupIDsToAdd", "groupIDsToRemove"))
        if failure:
            return failure
        problems = []
        email = fields.get("email")
        if email is not None:
            owner = call.store.email_owner(call.org, email)
            if owner and owner != record["id"]:
                problems.append(rules.duplicate_email(email))
        if fields.get("password") is not None:
            problems.extend(rules.password_errors(fields["password"]))
        if problems:
            return call.business_result(problems)
        _apply_update(call.store, call.org, record, fields)
    return call.business_result([])


def _apply_update(store, org, record, fields):
    for name in _PLAIN_UPDATES:
        if fields.get(name) is not None:
            record[name] = fields[name]
    email = fields.get("email")
    if email is not None and email != record["email"]:
        store.change_email(org, record, email)
        record["emailConfirmed"] = False
    if fields.get("password") is not None:
        record["_password"] = store_mod.hash_password(fields["password"])
    directory.set_groups(record["groupIDs"], fields.get("groupIDsToAdd"), fields.get("groupIDsToRemove"))
    record["_extensionAttributes"].update(fields.get("extensionUserAttributesToAddOrUpdate") or {})
    for name in fields.get("extensionUserAttributesToRemove") or []:
        record["_extensionAttributes"].pop(name, None)
    record["lastModificationTime"] = store_mod.now_iso()


def delete_user(call):
    """204 once; every later (or concurrent) delete of the same id gets a 404."""
    return call.remove("userId", call.org.users, call.store.delete)


def bulk_delete(call):
    """BulkSoftDeleteCommand: ids that are not (or no longer) there are ignored, or refuse it all (a switch)."""
    fields, failure = call.command(BULK_DELETE)
    if failure:
        return failure
    ids = fields.get("userIds") or []
    with call.store.lock:
        unknown = [user_id for user_id in ids if call.store.get(call.org, user_id) is None]
        variant = call.app.settings.bulk_delete_unknown_ids
        if unknown and variant == "404":
            return responses.problem(404, {"detail": "User(s) not found: %s" % ", ".join(unknown)})
        if unknown and variant == "400":
            return responses.identity_result([rules.error("UserNotFound", "User '%s' was not found." % user_id) for user_id in unknown], 400)
        for user_id in ids:
            call.store.delete(call.org, user_id)
    return responses.empty(204)


def change_password(call):
    record, failure = users_read.lookup(call)
    if failure:
        return failure
    fields, failure = call.command(CHANGE_PASSWORD)
    if failure:
        return failure
    with call.store.lock:
        problems = []
        if record["_password"] and not store_mod.password_matches(record["_password"], fields.get("oldPassword")):
            problems.append(rules.error("PasswordMismatch", "Incorrect password."))
        problems.extend(rules.password_errors(fields.get("newPassword") or ""))
        if not problems:
            record["_password"] = store_mod.hash_password(fields["newPassword"])
            record["lastModificationTime"] = store_mod.now_iso()
    return call.business_result(problems)
