"""newsbot's settings read and checked: a value that makes no sense stops the run with the setting named.

Every default is in ``newsbot.settings``; components read their settings through these functions in
``from_crawler``, with no fallback of their own. A bad value raises ``InvalidSetting``, which fails the
crawl (``scrapy crawl`` and ``newsbot crawl`` exit non-zero), where Scrapy's ``NotConfigured`` would
only disable the component and let the run go on without it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class InvalidSetting(ValueError):
    """A setting's value is not one the component can run with."""

    def __init__(self, name: str, value: Any, expected: str):
        super().__init__(f"setting {name}={value!r} is invalid: {expected}")
        self.name = name


def choice(settings, name: str, choices: Iterable[str]) -> str:
    """The value of ``name``, one of ``choices``."""
    choices = tuple(choices)
    value = settings.get(name)
    if value not in choices:
        raise InvalidSetting(name, value, f"expected one of {', '.join(choices)}")
    return value


def number(settings, name: str, kind: Callable[[Any], float] = float, minimum: float | None = None,
           maximum: float | None = None):
    """The value of ``name`` as ``kind`` (``int`` or ``float``), within ``[minimum, maximum]``."""
    value = settings.get(name)
    try:
        converted = kind(value)
    except (TypeError, ValueError):
        raise InvalidSetting(name, value, f"expected a number ({kind.__name__})") from None
    if (minimum is not None and converted < minimum) or (maximum is not None and converted > maximum):
        bounds = f"from {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise InvalidSetting(name, value, f"expected a number {bounds}")
    return converted


def timezone(settings, name: str) -> str:
    """The value of ``name``, an IANA timezone name (``Asia/Riyadh``)."""
    value = settings.get(name)
    try:
        ZoneInfo(value)
    except (TypeError, ValueError, ZoneInfoNotFoundError):
        raise InvalidSetting(name, value, "expected an IANA timezone name such as Asia/Riyadh or UTC") from None
    return value
