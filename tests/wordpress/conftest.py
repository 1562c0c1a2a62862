"""The `wordpress_site` fixture: a real WordPress (Debian's packages) for the session, torn down at the end.

Missing packages skip the tier with their names, or fail it when CI is set in the environment. The fixture
does not install packages itself: scripts/install-test-deps.sh does (see setup_wordpress.APT_PACKAGES).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from setup_wordpress import APT_PACKAGES, WordPressSite, free_port, missing_packages, missing_theme


def _skip_or_fail(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _unavailable_message(missing: list[str]) -> str:
    how = ("run scripts/install-test-deps.sh" if os.geteuid() == 0 and shutil.which("apt-get")
           else "they need root and apt-get")
    return (f"the WordPress tier needs the Debian packages {' '.join(missing)}; {how} "
            f"(apt-get install {' '.join(APT_PACKAGES)})")


@pytest.fixture(scope="session")
def wordpress_site():
    missing = missing_packages()
    if missing:
        _skip_or_fail(_unavailable_message(missing))
    workdir = Path(tempfile.mkdtemp(prefix="newsbot-wp-"))  # /tmp: Apache's www-data children must reach it
    site = WordPressSite(workdir, free_port())
    try:
        site.start()
        yield site
    finally:
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def use_theme(wordpress_site):
    """Switch the site to a theme of Debian's packages; skip (fail under CI) when the package is missing."""

    def switch(name: str) -> None:
        package = missing_theme(name)
        if package:
            _skip_or_fail(f"theme {name} is not installed: apt-get install {package} (scripts/install-test-packages)")
        wordpress_site.use_theme(name)

    return switch
