"""Which Chromium newsbot drives, and how it launches it (headless, offline, possibly as root).

Order: the ``NEWSBOT_CHROMIUM_PATH`` setting (must be an executable file), then Debian's ``/usr/bin/chromium``
when present, then the browser Playwright manages (``playwright install chromium``, under
``PLAYWRIGHT_BROWSERS_PATH`` or ``~/.cache/ms-playwright``). None of them: ``BrowserUnavailable`` naming the fix.
"""

from __future__ import annotations

import os
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# what a root, offline, headless machine needs: no sandbox (root), no GPU, no calls home
LAUNCH_ARGS = ("--disable-gpu", "--disable-quic", "--no-sandbox", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run")
FIX = ("install Debian's Chromium (apt-get install chromium), give its path with "
       "-s NEWSBOT_CHROMIUM_PATH=/path/to/chromium, or run `playwright install chromium`")


class BrowserUnavailable(RuntimeError):
    """The crawl needs Chromium and cannot have it; the message says how to fix it."""


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def playwright_managed_chromium() -> Path | None:
    """A Chromium that ``playwright install`` downloaded, if any (found without starting Playwright's driver)."""
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    patterns = ("chromium_headless_shell-*/chrome-*/headless_shell", "chromium-*/chrome-*/chrome")
    return next((p for pattern in patterns for p in sorted(root.glob(pattern)) if _executable(str(p))), None)


def chromium_executable(explicit: str | None) -> str | None:
    """The executable to launch: ``explicit`` (the setting), else Debian's, else None for Playwright's own.

    Raises ``BrowserUnavailable`` when the explicit path is not an executable file or no Chromium exists.
    """
    if explicit:
        if not _executable(explicit):
            raise BrowserUnavailable(f"NEWSBOT_CHROMIUM_PATH={explicit} is not an executable file: {FIX}")
        return explicit
    if _executable(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    if playwright_managed_chromium() is not None:
        return None
    raise BrowserUnavailable(f"no Chromium found (not at {DEBIAN_CHROMIUM}, none installed by Playwright): {FIX}")


def launch_options(explicit: str | None, given: dict) -> dict:
    """``PLAYWRIGHT_LAUNCH_OPTIONS``: headless with ``LAUNCH_ARGS`` and the executable found; ``given`` wins."""
    options = {"headless": True, "args": list(LAUNCH_ARGS)}
    try:
        path = chromium_executable(explicit)
    except BrowserUnavailable:
        path = None  # reported when the spider opens (``newsbot.browser.policy``), with the fix
    if path:
        options["executable_path"] = path
    return {**options, **given}
