"""Site profiles, one module each; ``iter_profiles()`` finds them all (``newsbot new-site`` adds one)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

from newsbot.sites.base import Discovery, Selectors, SiteProfile, TAGDIV_NEWSPAPER, WORDPRESS

__all__ = ["Discovery", "Selectors", "SiteProfile", "TAGDIV_NEWSPAPER", "WORDPRESS", "iter_profiles", "get_profile"]


def iter_profiles() -> Iterator[type[SiteProfile]]:
    """Every profile class defined in a module of this package (the base module excepted)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, SiteProfile) and obj.__module__ == module.__name__ and "name" in vars(obj):
                yield obj


def get_profile(name: str) -> type[SiteProfile]:
    for profile in iter_profiles():
        if profile.name == name:
            return profile
    known = ", ".join(sorted(p.name for p in iter_profiles()))
    raise KeyError(f"no site profile named {name!r} (known: {known})")
