"""The exit codes of ``newsbot crawl``, documented for cron users in ``docs/operations.md``.

When several checks fail, the code of the most specific one wins, in the order of ``PRECEDENCE``: a site
that was not reached also fails the error-rate check, and its code says the cause.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # the run finished and passed every check
    CHECKS_FAILED = 1  # spider errors, error rate over the limit, feed not stored, a crash, checks not run
    USAGE = 2  # bad command line: unknown spider, malformed -a/-s, arguments the spider refused
    LOCKED = 3  # another run of the same spider holds the lock (or this worker name is alive); this one did nothing
    SITE_NOT_REACHED = 4  # not a single response from the site (DNS, refused, timeouts)
    NOTHING_EXTRACTED = 5  # pages fetched but no article came out (and not because all were known)
    UNFINISHED = 6  # finish reason other than the expected ones: closespider_*, shutdown (Ctrl-C, SIGTERM)
    INCOMPLETE = 7  # the run reached less than the site announces: listing pages, REST posts, articles missed
    FRONTIER_UNREACHABLE = 8  # --frontier: the Redis server did not answer; this worker did nothing


PRECEDENCE = (ExitCode.SITE_NOT_REACHED, ExitCode.NOTHING_EXTRACTED, ExitCode.UNFINISHED, ExitCode.INCOMPLETE,
              ExitCode.CHECKS_FAILED)


def worst(codes) -> ExitCode:
    """The exit code for a run whose failed checks carry ``codes`` (``OK`` when there are none)."""
    codes = set(codes)
    return next((code for code in PRECEDENCE if code in codes), ExitCode.OK)
