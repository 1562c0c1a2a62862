"""The ``--sites`` file: the sites one pool of workers crawls, in TOML (``tomllib``, no dependency)::

    [[site]]
    name = "example-world"                # the site's name in keys, feeds and the summary (default: spider)
    spider = "world_news"                 # scrapy list
    args = { base_url = "https://example.com" }    # as -a
    settings = { CONCURRENT_REQUESTS_PER_DOMAIN = 4 }   # as -s, for this site only

A file that cannot be read, or an entry without a spider or with a name used twice, is a usage error
naming the entry.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from newsbot.frontier.keys import check_name


class SitesFileError(ValueError):
    pass


@dataclass(frozen=True)
class SiteEntry:
    name: str
    spider: str
    args: dict[str, str] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)


def read_sites(path: Path) -> list[SiteEntry]:
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SitesFileError(f"{path}: {error}") from None
    entries = document.get("site")
    if not isinstance(entries, list) or not entries:
        raise SitesFileError(f"{path}: no [[site]] entry")
    sites: list[SiteEntry] = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}: site {number}"
        if not isinstance(entry.get("spider"), str):
            raise SitesFileError(f"{where}: no spider = \"NAME\"")
        try:
            name = check_name("site", entry.get("name", entry["spider"]))
        except ValueError as error:
            raise SitesFileError(f"{where}: {error}") from None
        if any(site.name == name for site in sites):
            raise SitesFileError(f"{where}: the name {name!r} is used twice (give each entry a name)")
        args, settings = entry.get("args", {}), entry.get("settings", {})
        if not isinstance(args, dict) or not isinstance(settings, dict):
            raise SitesFileError(f"{where}: args and settings are tables")
        sites.append(SiteEntry(name, entry["spider"], {k: str(v) for k, v in args.items()}, settings))
    return sites
