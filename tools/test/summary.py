"""The closing lines of `make test`: each stage's status and time, the version matrix, and the
count of test cases, in the plain 'N passed, N failed, N skipped' form that CI reads."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def junit_counts(paths):
    """Return (passed, failed, skipped) summed over JUnit XML reports."""
    passed = failed = skipped = 0
    for path in paths:
        try:
            tree = ET.parse(path)
        except (OSError, ET.ParseError):
            continue
        for case in tree.iter('testcase'):
            outcomes = set(child.tag for child in case)
            if outcomes & {'failure', 'error'}:
                failed += 1
            elif 'skipped' in outcomes:
                skipped += 1
            else:
                passed += 1
    return passed, failed, skipped


def print_summary(runner, seconds):
    """Print the summary of a run; return the names of the failed stages."""
    width = max([28] + [len(stage) for _leg, stage, _status, _seconds in runner.results])
    for leg, stage, status, stage_seconds in runner.results:
        print('%-7s %-*s %-24s %6.0fs' % (leg, width, stage, status, stage_seconds))
    print('\nversion matrix:')
    for name, core, python, status, leg_seconds in runner.legs:
        print('%-7s ansible-core %-8s Python %-5s %s  %.0fs' % (name, core, python, status, leg_seconds))
    failed_stages = ['%s %s' % pair for pair in runner.failures()]
    print('wall time: %.0fs' % seconds)
    print('make test: %s' % ('FAILED: ' + ', '.join(failed_stages) if failed_stages else 'all stages passed'))
    passed, failed, skipped = junit_counts(runner.junit_files)
    # Test cases of units and the pytest suites, over all legs (sanity checks are reported per stage above).
    print('tests: %d passed, %d failed, %d skipped' % (passed, failed, skipped))
    return failed_stages
