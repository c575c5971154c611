"""Command line: run the emulator as a process until SIGTERM or SIGINT."""

import argparse
import logging
import os
import signal
import sys
import threading

from .emulator import Emulator


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m identity_emulator",
                                     description="Local emulator of the UiPath Identity Server user, group and robot account API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--seed", help="seed JSON file (default: seed.example.json)")
    parser.add_argument("--https", action="store_true", help="serve TLS with a generated CA (needs cryptography)")
    parser.add_argument("--missing-user-body", choices=("problem", "empty"), default="problem",
                        help="404 body for an absent user")
    parser.add_argument("--business-error-status", type=int, choices=(400, 200), default=400,
                        help="status of IdentityResult failures")
    parser.add_argument("--group-type", choices=("integer", "name"), default="integer",
                        help="GroupDto.type as the integers 0/1 (as live sends user types) or the contract's names")
    parser.add_argument("--default-order", choices=("insertion", "random"), default="insertion",
                        help="order of a listing without sortBy")
    parser.add_argument("--host-level-api", choices=("invalid_partition", "serve"), default="invalid_partition",
                        help="the API on the host-level route /identity_/api: refused as Cloud does, or served")
    parser.add_argument("--no-token-prt-id", action="store_true",
                        help="client-credentials tokens without the prt_id claim")
    parser.add_argument("--rate-limits", action="store_true", help="enforce Automation Cloud rate limits")
    parser.add_argument("--rate-window", type=float, default=300, metavar="SECONDS")
    parser.add_argument("--rate-limit-retry-after", action="store_true",
                        help="send Retry-After with a rate limit's 429 (UiPath does not promise it)")
    parser.add_argument("--token-lifetime", type=int, default=3600, metavar="SECONDS")
    parser.add_argument("--generate-users", type=int, default=0, metavar="N",
                        help="add N generated users to --generate-org")
    parser.add_argument("--generate-org", help="organization for --generate-users (default: the first)")
    parser.add_argument("--ready-file", metavar="PATH", help="write the base URL here once listening")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    return parser.parse_args(argv)


def _write_ready_file(path, url):
    # Write then rename, so a poller never reads a half-written URL.
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(url + "\n")
    os.replace(temporary, path)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(message)s")
    try:
        emulator = Emulator(seed=args.seed, https=args.https, missing_user_body=args.missing_user_body,
                            rate_limits=args.rate_limits, rate_window=args.rate_window,
                            token_lifetime=args.token_lifetime, business_error_status=args.business_error_status,
                            host=args.host, port=args.port, default_order=args.default_order,
                            rate_limit_retry_after=args.rate_limit_retry_after, host_level_api=args.host_level_api,
                            token_prt_id=not args.no_token_prt_id, group_type=args.group_type)
        if args.generate_users:
            emulator.add_users(args.generate_org, args.generate_users)
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        emulator.start()
    except (OSError, ValueError, KeyError) as exc:
        sys.stderr.write("identity emulator: cannot start: %s\n" % exc)
        return 2
    try:
        line = "identity emulator listening on %s" % emulator.url
        if emulator.ca_path:
            line += " (CA certificate: %s)" % emulator.ca_path
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        if args.ready_file:
            _write_ready_file(args.ready_file, emulator.url)
        # Event.wait with a timeout keeps the main thread responsive to signals.
        while not stop.wait(0.5):
            pass
    finally:
        emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
