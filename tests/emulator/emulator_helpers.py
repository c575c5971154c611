"""Small helpers the emulator's own tests share (kept out of conftest so they can be imported)."""

import requests

ACME_USERS = 6
ANN_ID = "0f6a3c1e-2b4d-4e8f-9a1b-3c5d7e9f1a2b"
BOB_ID = "2b8c5e30-4d6f-4a01-9c3d-5e7f9a1b3c4d"
MISSING_ID = "9e9e9e9e-0000-4000-8000-000000000000"
GROUP_ID = "a1c2e3f4-5b6d-4e7f-8091-a2b3c4d5e6f7"  # acme's "Finance", ann's group
SALES_ID = "b2d3f4a5-6c7e-4f80-9102-b3c4d5e6f7a8"
OPERATORS_ID = "c3e4a5b6-7d8f-4091-8213-c4d5e6f7a8b9"  # holds robot-batch and a directory group
ON_CALL_ID = "f6b7c8d9-0e1f-4a2b-9c3d-4e5f6a7b8c9d"  # that directory group
BATCH_ID = "d4f5a6b7-8c9d-4e0f-9a1b-2c3d4e5f6a7b"  # robot account robot-batch
REPORTS_ID = "e5a6b7c8-9d0e-4f1a-8b2c-3d4e5f6a7b8c"  # robot account robot-reports
TIMEOUT = 10
ADMIN_SCOPES = ("PM.User", "PM.Group", "PM.RobotAccount")


def session_for(emulator, org="acme", scopes=("PM.User",), token=None):
    """A requests.Session carrying a bearer token for `org`."""
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + (token or emulator.issue_token(org, scopes))
    return session


def client_token(base, client_id, client_secret, scope=None, **extra):
    """Raw token endpoint answer for a client_credentials request."""
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret}
    if scope is not None:
        form["scope"] = scope
    form.update(extra)
    return requests.post(base + "/connect/token", data=form, timeout=TIMEOUT)


def new_user(emulator, org="acme", **fields):
    """A CreateUserCommand body for `org` with sensible defaults."""
    body = {"userName": "newbie", "email": "newbie@example.com", "name": "New", "surname": "Bie",
            "displayName": "New Bie", "type": "user", "partitionGlobalId": emulator.partition(org)}
    body.update(fields)
    return body
