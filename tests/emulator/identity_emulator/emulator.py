"""The in-process emulator: start it, point a client at `url`, read `log`."""

import threading

from . import app as app_mod, auth, directory, seed as seed_mod, server, store as store_mod


class Emulator:  # pylint: disable=too-many-instance-attributes
    """A running Identity Server stand-in; use as a context manager.

    `seed` is a dict or a JSON file path (None: seed.example.json).
    `rate_limits` is False, True (Automation Cloud limits) or a dict of
    per-method limits overriding those.
    """

    def __init__(self, seed=None, https=False, rate_limits=False, rate_window=300, token_lifetime=3600,
                 host="127.0.0.1", port=0, **switches):
        # switches: the variants of app.SWITCHES, e.g. missing_user_body="empty".
        self.app = app_mod.App(app_mod.Settings(**switches), token_lifetime, rate_limits, rate_window)
        seed_mod.apply(seed_mod.load(seed), self.app.store, self.app.auth)
        self.https = https
        self.host = host
        self.port = port
        self.url = None
        self.ca_path = None
        self._tls = None
        self._server = None
        self._thread = None

    # Lifecycle -----------------------------------------------------------

    def start(self):
        context = None
        if self.https:
            from . import tls  # pylint: disable=import-outside-toplevel
            self._tls = tls.TlsMaterial()
            self.ca_path = self._tls.ca_path
            context = self._tls.server_context()
        self._server = server.Server((self.host, self.port), self.app, context)
        self.port = self._server.server_address[1]
        # A wildcard bind is still reached through loopback (and the certificate names it).
        host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(self.host)
        host = host or ("[%s]" % self.host if ":" in self.host else self.host)
        self.url = "%s://%s:%d" % ("https" if self.https else "http", host, self.port)
        self.app.base_url = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="identity-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None
        if self._tls is not None:
            self._tls.cleanup()
            self._tls = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # URLs ------------------------------------------------------------------

    def base(self, org=None, standalone=False):
        """API base a client would be configured with: .../{org}/identity_ or .../identity."""
        if standalone:
            return self.url + "/identity"
        return "%s/%s/identity_" % (self.url, org or self.app.store.orgs()[0].name)

    # Log and faults --------------------------------------------------------

    @property
    def log(self):
        """A snapshot (copy) of the request records so far."""
        return self.app.log.snapshot()

    def requests(self):
        return self.app.log.snapshot()

    def clear_log(self):
        self.app.log.clear()

    def add_fault(self, method=None, path=".*", status=503, retry_after=None, kind="status", delay=0.0, count=1,
                  body=None, remove=0):
        """Arm a fault for the first `count` requests whose method and path (regex search) match."""
        return self.app.faults.add(method=method, path=path, status=status, retry_after=retry_after, kind=kind,
                                   delay=delay, count=count, body=body, remove=remove)

    def clear_faults(self):
        self.app.faults.clear()

    def configure(self, **switches):
        """Switch response variants without restarting (app.SWITCHES names them)."""
        self.app.settings = self.app.settings.replace(**switches)

    # Users and tokens ------------------------------------------------------

    def _org(self, org):
        found = self.app.store.org(org) if org else self.app.store.orgs()[0]
        if found is None:
            raise KeyError("no organization named %r" % org)
        return found

    def partition(self, org=None):
        return self._org(org).partition

    def users(self, org=None):
        """Current UserDto views of an organization's users, in stored order."""
        found = self._org(org)
        with self.app.store.lock:
            return [store_mod.dto(record) for record in found.users.values()]

    def user(self, org, user_id):
        """One UserDto, or None."""
        with self.app.store.lock:
            record = self.app.store.get(self._org(org), user_id)
            return store_mod.dto(record) if record else None

    def add_user(self, org=None, **fields):
        """Insert one user directly (no validation); returns its UserDto."""
        found = self._org(org)
        fields.setdefault("id", seed_mod.stable_id(found.name, fields.get("userName")))
        with self.app.store.lock:
            return store_mod.dto(self.app.store.insert(found, fields))

    def add_users(self, org=None, count=1, prefix="user"):
        """Generate `count` local users quickly; returns their UserDtos."""
        return [store_mod.dto(record) for record in seed_mod.generate(self.app.store, self._org(org), count, prefix)]

    # Groups and robot accounts ----------------------------------------------

    def groups(self, org=None):
        """GroupDto views with members, in stored order (`type` as the group_type switch says)."""
        with self.app.store.lock:
            return directory.group_dtos(self._org(org), self.app.settings.group_type)

    def group(self, org, group_id):
        """One GroupDto with members, or None."""
        found = self._org(org)
        with self.app.store.lock:
            record = found.groups.get(group_id)
            return directory.group_dto(found, record, self.app.settings.group_type) if record else None

    def add_group(self, org=None, name="group", type="custom", members=None):  # pylint: disable=redefined-builtin
        """Insert one group directly (no validation); returns its GroupDto.

        `members` mixes ids of users, robot accounts or known directory entities with new directory
        entities given as seed `members` entries (dicts).
        """
        found = self._org(org)
        with self.app.store.lock:
            record = directory.insert_group(found, {"id": seed_mod.stable_id(found.name, name, "group"), "name": name, "type": type})
            for member in members or []:
                member_id = seed_mod.entity(found, member) if isinstance(member, dict) else member
                directory.set_member(found, record, member_id, True)
            return directory.group_dto(found, record, self.app.settings.group_type)

    def robot_accounts(self, org=None):
        """RobotAccountDto views in stored order."""
        with self.app.store.lock:
            return directory.robot_dtos(self._org(org))

    def robot_account(self, org, robot_account_id):
        """One RobotAccountDto, or None."""
        with self.app.store.lock:
            record = self._org(org).robot_accounts.get(robot_account_id)
            return directory.robot_dto(record) if record else None

    def add_robot_account(self, org=None, name="robot", display_name=None, group_ids=()):
        """Insert one robot account directly (no validation); returns its RobotAccountDto."""
        found = self._org(org)
        with self.app.store.lock:
            return directory.robot_dto(directory.insert_robot(found, {
                "id": seed_mod.stable_id(found.name, name, "robot"), "name": name, "displayName": display_name,
                "groupIds": list(group_ids)}))

    def issue_token(self, org=None, scopes=("PM.User",), client_id="emulator-test", lifetime=None, prt_id=False):
        """A bearer token as the token endpoint would sign it; lifetime < 0 gives an expired one."""
        return self.app.auth.issue(self._org(org).name, scopes, client_id, lifetime, prt_id, self.url + "/identity_")

    @staticmethod
    def claims(token):
        """Decoded payload of a JWT-shaped token."""
        return auth.decode_claims(token)
