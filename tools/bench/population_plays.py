# The playbooks of the benchmark's scenarios e, f and g (population.py), and how their
# requests are told apart in the emulator's log: by kind for the tables, by loop for the replay of Cloud's limits.
"""Playbooks and request accounting for onboarding (e), offboarding by email (f) and a group's members (g)."""

import bench_env as env_mod

# The seed's static token with PM.User, PM.Group and PM.RobotAccount (g needs groups; e and f use it too).
ADMIN_TOKEN = "rt_acme_admin_0123456789abcdef"
CONNECTION = env_mod.MODULE_CONNECTION + "        partition_global_id: \"{{ partition }}\"\n"
URI_AUTH = "        headers:\n          Authorization: \"Bearer {{ token }}\"\n"
KINDS = ("token", "list", "get_user", "group_list", "group_get", "post_user", "bulk_create", "put_user", "put_group",
         "delete_user", "delete_bulk", "other")


def kind_of(record):
    """What one logged request was: a listing, a BulkCreate, a PUT of a user or a group, ..."""
    method, path = record["method"], record["path"].rstrip("/")
    if path.endswith("/connect/token"):
        return "token"
    parts = path.split("/api/", 1)[-1].split("/")
    resource = parts[0].lower()
    if resource == "user":
        if method == "GET":
            return "list" if len(parts) > 1 and parts[1].lower() == "users" else "get_user"
        if method == "POST" and len(parts) <= 2:
            return "bulk_create" if parts[-1].lower() == "bulkcreate" else "post_user"
        if method == "PUT":
            return "put_user"
        if method == "DELETE":
            return "delete_bulk" if len(parts) == 1 else "delete_user"
    elif resource == "group":
        if method == "GET":
            return "group_list" if len(parts) == 2 else "group_get"
        if method == "PUT":
            return "put_group"
    return "other"


def count(log):
    """Requests by kind, 429 answers (``limited``), API requests in all (``api``), and by method."""
    counts = dict((kind, 0) for kind in KINDS)
    counts.update(limited=0, api=0, GET=0, POST=0, PUT=0, DELETE=0)
    for record in log:
        kind = kind_of(record)
        counts[kind] += 1
        counts["limited"] += record.get("note") == "rate-limit"
        if kind != "token":
            counts["api"] += 1
            counts[record["method"]] = counts.get(record["method"], 0) + 1
    return counts


def patterns(log, items, loop_of):
    """{loop: the methods of one item's requests}, from a run whose loop ``name`` had ``items[name]`` like items.

    ``loop_of(record)`` names the loop a request belongs to. Each loop's requests must be one item's
    requests repeated, which is checked, so that the replay repeats what was measured.
    """
    sequences = {}
    for record in log:
        if kind_of(record) != "token" and record.get("note") != "rate-limit":
            sequences.setdefault(loop_of(record), []).append(record["method"])
    found = {}
    for name, count_ in items.items():
        sequence = sequences.pop(name, [])
        if not count_ or len(sequence) % count_:
            raise RuntimeError("%s: %d requests for %d items: %s" % (name, len(sequence), count_, sequence[:12]))
        pattern = sequence[:len(sequence) // count_]
        if pattern * count_ != sequence:
            raise RuntimeError("%s: the items' requests differ: %s" % (name, sequence[:24]))
        found[name] = pattern
    if sequences:
        raise RuntimeError("requests of no loop: %s" % dict((k, v[:6]) for k, v in sequences.items()))
    return found


def search_term(record):
    return (record.get("query") or {}).get("searchTerm") or ""


# e. onboarding -------------------------------------------------------------------------------

def onboarding_loop(record):
    """New users' requests (lookups of new names, the whole-organization check, POST) against changed users'."""
    return "changed" if record["method"] == "PUT" or search_term(record).startswith("user") else "new"


def onboard_bulk(chunk):
    return ["    - name: onboard the whole list in one task\n      uipath.identity.user:\n%s"
            "        users: \"{{ people }}\"\n        chunk_size: %d\n        state: present\n      register: onboarded\n"
            "      failed_when: onboarded.created | length != new_count or onboarded.updated | length != changed_count\n"
            % (CONNECTION, chunk)]


def onboard_module_loop():
    return ["    - name: onboard each user\n      uipath.identity.user:\n%s"
            "        username: \"{{ item.username }}\"\n        email: \"{{ item.email }}\"\n        name: \"{{ item.name }}\"\n"
            "        surname: \"{{ item.surname }}\"\n        display_name: \"{{ item.display_name }}\"\n"
            "      loop: \"{{ people }}\"\n      loop_control:\n        label: \"{{ item.username }}\"\n" % CONNECTION]


def onboard_uri_loop():
    return [
        "    - name: create each new user\n      ansible.builtin.uri:\n        url: \"{{ base }}/acme/identity_/api/User\"\n"
        "        method: POST\n%s        body_format: json\n        body:\n          partitionGlobalId: \"{{ partition }}\"\n"
        "          userName: \"{{ item.username }}\"\n          email: \"{{ item.email }}\"\n          name: \"{{ item.name }}\"\n"
        "          surname: \"{{ item.surname }}\"\n          displayName: \"{{ item.display_name }}\"\n        status_code: 200\n"
        "      loop: \"{{ new_people }}\"\n      loop_control:\n        label: \"{{ item.username }}\"\n" % URI_AUTH,
        # A uri writer knows the ids of the users to change, and what changed.
        "    - name: update each changed user\n      ansible.builtin.uri:\n"
        "        url: \"{{ base }}/acme/identity_/api/User/{{ item.id }}\"\n        method: PUT\n%s        body_format: json\n"
        "        body:\n          surname: \"{{ item.surname }}\"\n        status_code: 200\n"
        "      loop: \"{{ changed_people }}\"\n      loop_control:\n        label: \"{{ item.id }}\"\n" % URI_AUTH,
    ]


# f. offboarding by email -------------------------------------------------------------------------

def offboarding_loop(record):
    return "lookups" if record["method"] == "GET" and search_term(record) else (
        "removals" if record["method"] == "DELETE" and kind_of(record) == "delete_user" else "bulk")


def offboard_bulk_emails(chunk):
    return ["    - name: remove the leavers named by email\n      uipath.identity.user:\n%s"
            "        emails: \"{{ leaver_emails }}\"\n        chunk_size: %d\n        state: absent\n      register: removed\n"
            "      failed_when: removed.deleted | length != leaver_emails | length\n" % (CONNECTION, chunk)]


def offboard_info_loop(chunk):
    """user_info per email, then one removal by id; ``known_ids`` stand for the lookups the measured run leaves out."""
    return [
        "    - name: look each leaver up\n      uipath.identity.user_info:\n%s        email: \"{{ item }}\"\n"
        "      loop: \"{{ leaver_emails }}\"\n      register: lookups\n      failed_when: lookups.users | length != 1\n" % CONNECTION,
        "    - name: remove them in one go\n      uipath.identity.user:\n%s"
        "        user_ids: \"{{ (lookups.results | default([]) | map(attribute='users') | flatten | map(attribute='id') | list)"
        " + known_ids }}\"\n        chunk_size: %d\n        state: absent\n" % (CONNECTION, chunk),
    ]


def offboard_uri_loop():
    return [
        "    - name: look each leaver up\n      ansible.builtin.uri:\n"
        "        url: \"{{ base }}/acme/identity_/api/User/users/{{ partition }}?searchTerm={{ item | urlencode }}&top=1000\"\n"
        "%s      loop: \"{{ leaver_emails }}\"\n      register: lookups\n" % URI_AUTH,
        "    - name: remove each leaver\n      ansible.builtin.uri:\n"
        "        url: \"{{ base }}/acme/identity_/api/User/{{ (item.json.results | selectattr('email', 'equalto', item.item)"
        " | first).id }}\"\n        method: DELETE\n%s        status_code: [204, 404]\n"
        "      loop: \"{{ lookups.results }}\"\n      loop_control:\n        label: \"{{ item.item }}\"\n" % URI_AUTH,
    ]


# g. a group's members ----------------------------------------------------------------------------

def group_bulk():
    return ["    - name: put the users into the group\n      uipath.identity.group:\n%s"
            "        name: \"{{ group }}\"\n        members: \"{{ members }}\"\n        append_members: true\n"
            "      register: grouped\n      failed_when: not grouped.changed\n" % CONNECTION]


def group_module_loop():
    return ["    - name: put each user into the group\n      uipath.identity.user:\n%s"
            "        username: \"{{ item }}\"\n        groups: [\"{{ group }}\"]\n        append_groups: true\n"
            "      loop: \"{{ members }}\"\n" % CONNECTION]
