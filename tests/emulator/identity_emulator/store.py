"""Organizations and their users, guarded by one lock.

Users live in an insertion-ordered dict so an unsorted listing is stable, and
lower-cased indexes on userName and email make uniqueness checks cheap even
with tens of thousands of generated users. Groups and robot accounts live
beside them (directory.py manages those).
"""

import datetime
import hashlib
import itertools
import secrets
import threading
import uuid

# Fields the API exposes; everything else in a record stays internal.
DTO_FIELDS = (
    "id", "userName", "email", "emailConfirmed", "name", "surname", "displayName", "creationTime",
    "lastModificationTime", "lastLoginTime", "groupIDs", "legacyId", "isActive",
    "bypassBasicAuthRestriction", "type", "invitationAccepted", "category",
)
SEARCH_FIELDS = ("userName", "email", "name", "surname", "displayName")


def now_iso():
    """UTC timestamp with milliseconds and a Z, as the service serialises DateTime."""
    stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def hash_password(password):
    """Never keep a clear-text password, even in a throwaway emulator."""
    salt = secrets.token_bytes(8)
    return salt.hex() + ":" + hashlib.sha256(salt + password.encode("utf-8")).hexdigest()


def password_matches(stored, password):
    if not stored or password is None:
        return False
    salt_hex, digest = stored.split(":", 1)
    return hashlib.sha256(bytes.fromhex(salt_hex) + password.encode("utf-8")).hexdigest() == digest


def _key(text):
    return text.lower() if isinstance(text, str) and text else None


class Organization:
    """One partition: its name, partitionGlobalId and users."""

    def __init__(self, name, partition, standalone=False):
        self.name = name
        self.partition = partition
        self.standalone = standalone
        self.users = {}
        self.by_name = {}
        self.by_email = {}
        # Insertion-ordered like users, for the same reason; directory.py keeps them.
        self.groups = {}
        self.robot_accounts = {}
        # External directory groups and applications that may be group members, by identifier.
        self.entities = {}


class Store:
    """All organizations; callers hold `lock` around compound operations."""

    def __init__(self):
        self.lock = threading.RLock()
        self._orgs = {}
        self._legacy_ids = itertools.count(1000)

    def add_org(self, name, partition=None, standalone=False):
        with self.lock:
            if name.lower() in self._orgs:
                raise ValueError("organization %r is defined twice" % name)
            partition = partition or str(uuid.uuid5(uuid.NAMESPACE_DNS, name.lower() + ".org.emulator.invalid"))
            org = Organization(name, partition, standalone)
            self._orgs[name.lower()] = org
            return org

    def org(self, name):
        """Organization names in URLs are case-insensitive."""
        return self._orgs.get((name or "").lower())

    def org_by_partition(self, partition):
        """The organization whose partitionGlobalId this is (any letter case), or None."""
        wanted = (partition or "").lower()
        for org in self._orgs.values():
            if org.partition.lower() == wanted:
                return org
        return None

    def orgs(self):
        return list(self._orgs.values())

    def standalone_org(self):
        """The org served on /identity: the one marked standalone, else the first."""
        for org in self._orgs.values():
            if org.standalone:
                return org
        return next(iter(self._orgs.values()), None)

    def insert(self, org, fields):
        """Store a new user from already validated fields; returns the record."""
        with self.lock:
            user_id = fields.get("id") or str(uuid.uuid4())
            if user_id in org.users:
                raise ValueError("user id %s already exists" % user_id)
            record = {
                "id": user_id,
                "userName": fields.get("userName"),
                "email": fields.get("email"),
                "emailConfirmed": bool(fields.get("emailConfirmed", False)),
                "name": fields.get("name"),
                "surname": fields.get("surname"),
                "displayName": fields.get("displayName"),
                "creationTime": fields.get("creationTime") or now_iso(),
                "lastModificationTime": fields.get("lastModificationTime"),
                "lastLoginTime": fields.get("lastLoginTime"),
                "groupIDs": list(fields.get("groupIDs") or []),
                "legacyId": fields.get("legacyId") if fields.get("legacyId") is not None else next(self._legacy_ids),
                "isActive": fields.get("isActive", True) is not False,
                "bypassBasicAuthRestriction": bool(fields.get("bypassBasicAuthRestriction", False)),
                "type": fields.get("type") or 0,
                "invitationAccepted": bool(fields.get("invitationAccepted", False)),
                "category": fields.get("category") or 0,
                "_password": hash_password(fields["password"]) if fields.get("password") else None,
                "_extensionAttributes": {},
            }
            org.users[user_id] = record
            self._index(org, record)
            return record

    @staticmethod
    def _index(org, record):
        if _key(record["userName"]):
            org.by_name[_key(record["userName"])] = record["id"]
        if _key(record["email"]):
            org.by_email[_key(record["email"])] = record["id"]

    @staticmethod
    def _unindex(org, record):
        for index, field in ((org.by_name, "userName"), (org.by_email, "email")):
            if index.get(_key(record[field])) == record["id"]:
                del index[_key(record[field])]

    def get(self, org, user_id):
        return org.users.get(user_id)

    def name_owner(self, org, user_name):
        return org.by_name.get(_key(user_name))

    def email_owner(self, org, email):
        return org.by_email.get(_key(email))

    def change_email(self, org, record, email):
        with self.lock:
            self._unindex(org, record)
            record["email"] = email
            self._index(org, record)

    def delete(self, org, user_id):
        """True when this call removed the user; exactly one concurrent caller wins."""
        with self.lock:
            record = org.users.pop(user_id, None)
            if record is None:
                return False
            self._unindex(org, record)
            return True

    def search(self, org, term=None, sort_by=None, descending=False):
        """Users matching a search term, optionally sorted (see search_records)."""
        with self.lock:
            records = list(org.users.values())
        return search_records(records, term, SEARCH_FIELDS, sort_by, descending)


def search_records(records, term, fields, sort_by=None, descending=False):
    """Case-insensitive substring search on `fields`; sorts are stable on the given order.

    `records` is a list the caller owns: it may come back sorted in place.
    """
    if term:
        needle = term.lower()
        records = [r for r in records if any(needle in (r[f] or "").lower() for f in fields)]
    if sort_by:
        # Nulls sort first ascending, as SQL Server orders them.
        records.sort(key=lambda r: (r[sort_by] is not None, _sortable(r[sort_by])), reverse=descending)
    elif descending:
        records.reverse()
    return records


def _sortable(value):
    return value.lower() if isinstance(value, str) else (value if value is not None else 0)


def dto(record):
    """The UserDto view of a record (a copy; callers may keep it)."""
    out = {field: record[field] for field in DTO_FIELDS}
    out["groupIDs"] = list(record["groupIDs"])
    return out
