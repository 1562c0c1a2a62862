"""Themes render the replica's content model as HTML pages; one module per markup.

A theme module exposes ``Theme(site, base_url)`` with ``home()``, ``listing(section, page)``,
``article(post)``, ``amp(post)`` and ``not_found()``, each returning ``str`` HTML.
"""

from __future__ import annotations

import importlib


def load(name: str):
    """The ``Theme`` class of ``newsbot.replica.themes.<name>``."""
    return importlib.import_module(f"{__name__}.{name}").Theme
