"""Token endpoint and bearer-token checks.

Access tokens are JWT-shaped and HMAC-signed with a key made at start-up, so
they survive only as long as the emulator and cannot be forged by tests.
Static tokens stand in for personal access tokens (`rt_...`).
"""

import base64
import binascii
import hashlib
import hmac
import json
import os
import time
import urllib.parse
import uuid

from . import responses

_NO_CACHE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode_claims(token):
    """The payload of a JWT-shaped token without checking it (test helper)."""
    return json.loads(_unb64(token.split(".")[1]))


def _token_error(code, description=None):
    body = {"error": code}
    if description:
        body["error_description"] = description
    return responses.json_response(body, 400, _NO_CACHE)


class Principal:
    """Who a valid bearer token stands for."""

    def __init__(self, org_name, scopes, client_id, expires_at=None):
        self.org_name = org_name
        self.scopes = frozenset(scopes)
        self.client_id = client_id
        self.expires_at = expires_at


class Auth:
    """Registered clients, static tokens and the signing key."""

    def __init__(self, store, lifetime=3600, switches=None):
        self.store = store
        self.lifetime = lifetime
        # The app's current Settings (tests flip them while the emulator runs); None: the defaults.
        self._switches = switches or (lambda: None)
        self._key = os.urandom(32)
        self._clients = {}
        self._static = {}

    def add_client(self, client_id, client_secret, scopes, organization, prt_id=None):
        """A client-credentials app; prt_id None follows the token_prt_id switch, True or False overrides it."""
        if self.store.org(organization) is None:
            raise ValueError("client %r names unknown organization %r" % (client_id, organization))
        self._clients[client_id] = {
            "secret": client_secret, "scopes": list(scopes), "org": self.store.org(organization).name,
            "prt_id": None if prt_id is None else bool(prt_id)}

    def add_static_token(self, token, scopes, organization, expires_at=None):
        if self.store.org(organization) is None:
            raise ValueError("static token names unknown organization %r" % organization)
        self._static[token] = Principal(self.store.org(organization).name, scopes, None, expires_at)

    def issue(self, org_name, scopes, client_id="emulator-test", lifetime=None, prt_id=False, issuer=""):
        """A signed access token; a negative lifetime gives an already expired one."""
        org = self.store.org(org_name)
        if org is None:
            raise ValueError("unknown organization %r" % org_name)
        now = int(time.time())
        scopes = list(scopes)
        claims = {
            "iss": issuer, "nbf": now, "iat": now,
            "exp": now + int(self.lifetime if lifetime is None else lifetime),
            "client_id": client_id,
            # A single scope is a plain string in IdentityServer tokens, several an array.
            "scope": scopes[0] if len(scopes) == 1 else scopes,
            "jti": uuid.uuid4().hex,
            "org": org.name,
            # Cloud's client-credentials tokens: the app's client id as subject, of the subject type of apps.
            "sub": client_id,
            "sub_type": "service.external",
        }
        if prt_id:
            claims["prt_id"] = org.partition
        signing_input = _b64(b'{"alg":"HS256","typ":"JWT"}') + "." + _b64(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        signature = hmac.new(self._key, signing_input.encode("ascii"), hashlib.sha256).digest()
        return signing_input + "." + _b64(signature)

    def _verify(self, token):
        """(Principal, None) or (None, reason) for a JWT-shaped token."""
        parts = token.split(".")
        if len(parts) != 3:
            return None, None
        try:
            expected = hmac.new(self._key, (parts[0] + "." + parts[1]).encode("ascii"), hashlib.sha256).digest()
            valid = hmac.compare_digest(expected, _unb64(parts[2]))
            claims = json.loads(_unb64(parts[1])) if valid else None
        except (binascii.Error, ValueError, UnicodeEncodeError):
            return None, None
        if not valid:
            return None, None
        if claims["exp"] <= time.time():
            return None, "The token expired at '%s'" % time.strftime("%m/%d/%Y %H:%M:%S", time.gmtime(claims["exp"]))
        scopes = claims["scope"] if isinstance(claims["scope"], list) else claims["scope"].split()
        return Principal(claims["org"], scopes, claims["client_id"]), None

    def _principal(self, request):
        """(Principal, None) for a valid bearer token; (None, reason) else, reason None without a token."""
        header = request.headers.get("Authorization") or ""
        scheme, dummy, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return None, False
        principal = self._static.get(token)
        reason = None
        if principal is not None and principal.expires_at is not None and principal.expires_at <= time.time():
            principal, reason = None, "The token expired"
        elif principal is None:
            principal, reason = self._verify(token)
        return principal, reason

    def org_of(self, request):
        """The organization a valid bearer token was issued for, or None: what a host-level route serves."""
        principal, dummy = self._principal(request)
        return None if principal is None else self.store.org(principal.org_name)

    def authenticate(self, request, org, scope, write):
        """(Principal, None) when the call may proceed, else (None, 401/403 Response).

        `scope` is the resource's family (PM.User, PM.Group, PM.RobotAccount): it grants everything,
        its `.Read` variant reads (GET) and its `.Write` variant writes.
        """
        principal, reason = self._principal(request)
        if principal is None and reason is False:
            return None, responses.unauthorized()
        if principal is None:
            return None, responses.unauthorized("invalid_token", reason)
        if principal.org_name.lower() != org.name.lower():
            # The signature is fine but the audience/partition is not this one.
            return None, responses.unauthorized("invalid_token", "The token was issued for another organization")
        needed = (scope, scope + (".Write" if write else ".Read"))
        if not principal.scopes.intersection(needed):
            # Worded as the live service words it: comma-joined, with its trailing space.
            message = "Scope(s) '%s' is(are) invalid. Expect to have '%s' or '%s'. " % (
                ",".join(sorted(principal.scopes)), needed[0], needed[1])
            return None, responses.json_response({"errorMessage": message}, 403)
        return principal, None

    def _client_from(self, request, form):
        """client_secret_post or client_secret_basic credentials."""
        header = request.headers.get("Authorization") or ""
        if header.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(header[6:].strip()).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return None, None
            client_id, dummy, secret = decoded.partition(":")
            return urllib.parse.unquote_plus(client_id), urllib.parse.unquote_plus(secret)
        return form.get("client_id"), form.get("client_secret")

    def token_endpoint(self, request, org, issuer):
        """POST /connect/token for client_credentials, answered like IdentityServer."""
        media = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if request.method != "POST" or media != "application/x-www-form-urlencoded":
            return _token_error("invalid_request")
        try:
            form = dict(urllib.parse.parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            return _token_error("invalid_request")
        client_id, secret = self._client_from(request, form)
        client = self._clients.get(client_id or "")
        if client is None or not secret or not hmac.compare_digest(client["secret"], secret):
            return _token_error("invalid_client")
        if org is not None and org.name != client["org"]:
            return _token_error("invalid_client")
        if form.get("grant_type") != "client_credentials":
            return _token_error("unsupported_grant_type")
        requested = (form.get("scope") or "").split()
        if any(scope not in client["scopes"] for scope in requested):
            return _token_error("invalid_scope")
        scopes = requested or client["scopes"]
        prt_id = client["prt_id"]
        if prt_id is None:
            settings = self._switches()
            prt_id = True if settings is None else settings.token_prt_id
        token = self.issue(client["org"], scopes, client_id, prt_id=prt_id, issuer=issuer)
        body = {"access_token": token, "expires_in": int(self.lifetime), "token_type": "Bearer", "scope": " ".join(scopes)}
        return responses.json_response(body, 200, _NO_CACHE)
