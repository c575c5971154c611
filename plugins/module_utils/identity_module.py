# -*- coding: utf-8 -*-
# Copyright: uipath.identity contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every module of the collection shares: the connection options, their
checks, building the client from them, and turning errors into failures."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import math
import os
import re
from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleFallbackNotFound, AnsibleModule, missing_required_lib

from ansible_collections.uipath.identity.plugins.module_utils.auth import BearerToken, ClientCredentials, RenewableToken
from ansible_collections.uipath.identity.plugins.module_utils.client import IdentityClient
from ansible_collections.uipath.identity.plugins.module_utils.endpoints import DEPLOYMENTS, Endpoints
from ansible_collections.uipath.identity.plugins.module_utils.errors import (
    ApiError, ConfigurationError, IdentityError, add_secret, scrub, set_secrets)
from ansible_collections.uipath.identity.plugins.module_utils.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, Transport
from ansible_collections.uipath.identity.plugins.module_utils.validation import require_guid


def env(*names):
    """An env fallback that treats an empty variable as unset.

    Job templates inject every field of a credential type, empty or not; an
    empty UIPATH_ACCESS_TOKEN must not count as a second way to authenticate.
    """
    for name in names:
        value = os.environ.get(name)
        if value is not None and value.strip() != "":
            return value
    raise AnsibleFallbackNotFound


def connection_argument_spec(takes_token=True):
    """The connection options; ``takes_token`` false leaves out access_token, for a module that gets the token itself."""
    # No 'default' where an environment variable may supply the value: Ansible
    # applies defaults before fallbacks, so the defaults are applied in options().
    spec = dict(
        url=dict(type="str", fallback=(env, ["UIPATH_URL"])),
        organization=dict(type="str", fallback=(env, ["UIPATH_ORGANIZATION"])),
        deployment=dict(type="str", choices=list(DEPLOYMENTS), fallback=(env, ["UIPATH_DEPLOYMENT"])),
        client_id=dict(type="str", fallback=(env, ["UIPATH_CLIENT_ID"])),
        client_secret=dict(type="str", no_log=True, fallback=(env, ["UIPATH_CLIENT_SECRET"])),
        scope=dict(type="str", fallback=(env, ["UIPATH_SCOPE"])),
        token_url=dict(type="str", no_log=False, fallback=(env, ["UIPATH_TOKEN_URL"])),
        identity_url=dict(type="str", fallback=(env, ["UIPATH_IDENTITY_URL"])),
        partition_global_id=dict(type="str", fallback=(env, ["UIPATH_PARTITION_GLOBAL_ID"])),
        validate_certs=dict(type="bool", fallback=(env, ["UIPATH_VALIDATE_CERTS"])),
        ca_path=dict(type="path", fallback=(env, ["UIPATH_CA_PATH"])),
        timeout=dict(type="float", fallback=(env, ["UIPATH_TIMEOUT"])),
        retries=dict(type="int", fallback=(env, ["UIPATH_RETRIES"])),
        retry_max_wait=dict(type="float", fallback=(env, ["UIPATH_RETRY_MAX_WAIT"])),
    )
    if takes_token:
        spec["access_token"] = dict(type="str", no_log=True, fallback=(env, ["UIPATH_ACCESS_TOKEN"]))
    return spec


DEFAULTS = dict(deployment="cloud", validate_certs=True, timeout=30.0, retries=5, retry_max_wait=300.0)


def options(params):
    """The connection options with defaults applied and every value checked."""
    opts = dict(params)
    for name, value in DEFAULTS.items():
        if opts.get(name) is None:
            opts[name] = value
    for name in ("timeout", "retry_max_wait"):
        # nan passes every comparison below and inf never ends: neither bounds anything.
        if not math.isfinite(opts[name]):
            raise ConfigurationError(name, "must be a finite number of seconds, got %s" % opts[name])
    if opts["timeout"] <= 0:
        raise ConfigurationError("timeout", "must be a number of seconds greater than 0, got %s" % opts["timeout"])
    if opts["retries"] < 0:
        raise ConfigurationError("retries", "must be 0 or more, got %s" % opts["retries"])
    if opts["retry_max_wait"] < 0:
        raise ConfigurationError("retry_max_wait", "must be 0 or more seconds, got %s" % opts["retry_max_wait"])
    if opts.get("ca_path") and not os.path.isfile(opts["ca_path"]):
        raise ConfigurationError("ca_path", "is not a readable file: %s" % opts["ca_path"])
    if opts.get("partition_global_id") is not None:
        opts["partition_global_id"] = require_guid("partition_global_id", opts["partition_global_id"])
    for name in ("access_token", "client_id", "client_secret", "scope"):
        if opts.get(name) is not None and not opts[name].strip():
            raise ConfigurationError(name, "must not be empty")
    token = (opts.get("access_token") or "").strip()
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in token):
        # It goes into a header, where requests would refuse it quoting the value; never echo it.
        raise ConfigurationError("access_token", "must be one word without spaces, line breaks or control characters")
    # Both together is allowed: the token is used, and the client credentials replace it once it has expired.
    has_token = opts.get("access_token") is not None
    has_client = opts.get("client_id") is not None or opts.get("client_secret") is not None
    if not has_token and not has_client:
        if "access_token" in params:
            raise ConfigurationError("access_token", "no credentials: set access_token (UIPATH_ACCESS_TOKEN), or client_id and "
                                     "client_secret (UIPATH_CLIENT_ID, UIPATH_CLIENT_SECRET) of an external application")
        # A module without the option (it gets the token) must not point to it.
        raise ConfigurationError("client_id", "no credentials: set client_id and client_secret (UIPATH_CLIENT_ID, "
                                 "UIPATH_CLIENT_SECRET) of an external application")
    if has_client and (opts.get("client_id") is None or opts.get("client_secret") is None):
        missing = "client_secret" if opts.get("client_id") else "client_id"
        raise ConfigurationError(missing, "client_id and client_secret go together; %s is missing" % missing)
    return opts


def is_loopback(host):
    """Whether ``host`` names this machine: localhost, 127.0.0.0/8 or ::1."""
    host = (host or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class IdentityModule(object):
    """An AnsibleModule with the connection options and the client built from them."""

    def __init__(self, argument_spec, default_scope, mask_token=True, takes_token=True, **kwargs):
        spec = connection_argument_spec(takes_token)
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.default_scope = default_scope
        # A token the task obtained is masked in its output like a no_log
        # option, except where returning it is the task's purpose.
        self.mask_token = mask_token
        self.options = None
        self._client = None

    def client(self):
        """The task's one client (and so one Session and at most one token request)."""
        if self._client is None:
            self._mask_url_passwords()
            # Messages built from a server's answer drop these in every form an answer can hold them.
            set_secrets(self.module.no_log_values)
            opts = self.options = options(self.params)
            endpoints = Endpoints(opts["url"], opts["deployment"], opts["organization"], opts["token_url"], opts["identity_url"])
            self._warn_plain_http(endpoints, opts["token_url"] is not None)
            transport = Transport(validate_certs=opts["validate_certs"], ca_path=opts["ca_path"], timeout=opts["timeout"],
                                  retries=opts["retries"], retry_max_wait=opts["retry_max_wait"], warn=self.warn)
            self._client = IdentityClient(endpoints, self._auth(opts, endpoints), transport, check_mode=self.check_mode)
        return self._client

    def _auth(self, opts, endpoints):
        """The given token, the client credentials, or both: the token then goes first and they renew it."""
        credentials = None
        if opts["client_id"] is not None:
            credentials = ClientCredentials(endpoints.token_url, opts["client_id"].strip(), opts["client_secret"],
                                            opts["scope"].strip() if opts["scope"] else self._default_scope(),
                                            on_token=self._keep_token_secret)
        if opts.get("access_token") is None:
            return credentials
        token = opts["access_token"].strip()
        return BearerToken(token) if credentials is None else RenewableToken(token, credentials)

    def _default_scope(self):
        # A module whose needs depend on its options (a user task with groups also reads groups) gives a function.
        return self.default_scope(self.params) if callable(self.default_scope) else self.default_scope

    def warn(self, message):
        """A warning, with the task's secrets removed in every form: a retry's reason may quote what a server sent."""
        self.module.warn(scrub(message))

    def _keep_token_secret(self, token):
        add_secret(token)
        if self.mask_token:
            self.module.no_log_values.add(token)

    def _warn_plain_http(self, endpoints, token_url_set):
        # One warning, however many options it concerns: the emulator and tests on this machine need none.
        addresses = [("identity_url" if endpoints.identity_url_set else "url", endpoints.api_base)] + (
            [("token_url", endpoints.token_url)] if token_url_set else [])
        plain = []
        for name, address in addresses:
            parts = urlsplit(address)
            if parts.scheme == "http" and not is_loopback(parts.hostname):
                plain.append((name, parts.hostname))
        if plain:
            self.module.warn("%s %s plain http to %s: the client secret, access tokens and user data travel unencrypted "
                             "and can be read or changed on the way; use https://" % (
                                 " and ".join(name for name, _host in plain), "uses" if len(plain) == 1 else "use",
                                 " and ".join(sorted(set(host for _name, host in plain)))))

    def _mask_url_passwords(self):
        # A URL with a password is refused, but the task's echo of its own
        # arguments (shown with -v) would still print it: mask it there too.
        for name in ("url", "token_url", "identity_url"):
            value = self.params.get(name) or ""
            try:
                password = urlsplit(value).password
            except ValueError:
                # Too malformed to parse (it will be refused): find user:password@ by hand.
                found = re.search(r"//[^/@:]*:([^/@]*)@", value)
                password = found.group(1) if found else None
            if password:
                self.module.no_log_values.add(password)

    def run(self, action):
        """Run ``action(self)`` and exit with its result, or fail with a clear message."""
        try:
            # Every connection option is checked here, before any request.
            self.client()
            result = action(self)
        except ConfigurationError as exc:
            self.module.fail_json(msg="Invalid option %s" % exc, option=exc.option)
        except ApiError as exc:
            self.module.fail_json(msg=scrub(str(exc)), method=exc.method, url=exc.url, status=exc.status, attempts=exc.attempts)
        except IdentityError as exc:
            # Some failures carry a partial result, such as the ids a bulk removal did remove.
            self.module.fail_json(msg=scrub(str(exc)), **getattr(exc, "result", {}))
        finally:
            # A module run inside the task's worker must not leave this task's secrets to the next one.
            set_secrets(())
            if self._client is not None:
                self._client.close()
        self.module.exit_json(**result)
