"""ASP.NET Identity's business rules, reported as IdentityError entries.

These failures are not model-binding errors: the service answers them with
an IdentityResult whose `succeeded` is false.
"""

import string

# ASP.NET Identity's default UserOptions.AllowedUserNameCharacters.
USERNAME_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._@+")
PASSWORD_MIN_LENGTH = 8


def error(code, description):
    return {"code": code, "description": description}


def username_errors(user_name):
    if not user_name or any(char not in USERNAME_CHARACTERS for char in user_name):
        return [error("InvalidUserName", "Username '%s' is invalid, can only contain letters or digits." % (user_name or ""))]
    return []


def email_is_valid(email):
    """EmailAddressAttribute's rule: one '@', neither first nor last.

    A failure is model validation, answered before any business rule as a validation problem
    ("The field Email is invalid", as UiPathOrch recorded it), not as an IdentityResult.
    """
    return email.count("@") == 1 and not email.startswith("@") and not email.endswith("@")


def password_errors(password):
    problems = []
    if len(password) < PASSWORD_MIN_LENGTH:
        problems.append(error("PasswordTooShort", "Passwords must be at least %d characters." % PASSWORD_MIN_LENGTH))
    if not any(char.isdigit() for char in password):
        problems.append(error("PasswordRequiresDigit", "Passwords must have at least one digit ('0'-'9')."))
    if not any(char.islower() for char in password):
        problems.append(error("PasswordRequiresLower", "Passwords must have at least one lowercase ('a'-'z')."))
    if not any(char.isupper() for char in password):
        problems.append(error("PasswordRequiresUpper", "Passwords must have at least one uppercase ('A'-'Z')."))
    return problems


def duplicate_name(user_name):
    return error("DuplicateUserName", "Username '%s' is already taken." % user_name)


def duplicate_email(email):
    return error("DuplicateEmail", "Email '%s' is already taken." % email)


def new_user_errors(store, org, fields, taken_names=(), taken_emails=()):
    """Every reason a create would fail, in the order Identity validates them.

    `taken_*` carry lower-cased names already claimed earlier in the same
    bulk request, so a batch cannot create duplicates of itself.
    """
    problems = []
    user_name = fields.get("userName")
    email = fields.get("email")
    problems.extend(username_errors(user_name))
    if user_name and (store.name_owner(org, user_name) or user_name.lower() in taken_names):
        problems.append(duplicate_name(user_name))
    if email:
        if store.email_owner(org, email) or email.lower() in taken_emails:
            problems.append(duplicate_email(email))
    if fields.get("id") and store.get(org, fields["id"]):
        problems.append(error("DuplicateUserId", "A user with id '%s' already exists." % fields["id"]))
    if fields.get("password") and fields.get("validatePassword"):
        problems.extend(password_errors(fields["password"]))
    return problems
