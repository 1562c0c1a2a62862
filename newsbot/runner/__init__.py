"""Unattended runs (``newsbot crawl``): the run lock, the atomic feed, the close-of-run checks, the summary.

- ``lock``: one run per spider at a time (``fcntl.flock``, released by the OS when the process dies).
- ``atomic_feed``: feed storage that writes ``<feed>.partial`` and renames it into place when stored.
- ``figures``: the run's figures read from the crawler stats, shared by the checks and the summary.
- ``checks``: Spidermon monitors that decide whether the run failed, each mapped to an exit code.
- ``exit_codes``: the exit codes of ``newsbot crawl``.
- ``console``: what reaches the terminal (warnings, a live progress line on a TTY).
- ``summary``: the run summary, printed on stderr and written beside the feed as ``.summary.json``.
"""
