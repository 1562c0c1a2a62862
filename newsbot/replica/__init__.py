"""The local replica of the target site: an Arabic WordPress 6 site on the tagDiv "Newspaper" theme.

It is the demo target and the test fixture the spiders are written against; no crawling code imports it.

- ``Site(articles=N, seed=S, edited=K)``: the deterministic content model (``content.py``).
- ``Replica(site, theme="tagdiv", base_url=...)``: request -> response without sockets (``site.py``).
- ``running_replica(...)``: serves it on 127.0.0.1 from a background thread, yields the base URL (``server.py``).
- ``write_truth(site, directory, base_url)``: the expected items, duplicates and traps (``truth.py``).
"""

from newsbot.replica.content import Site
from newsbot.replica.server import running_replica
from newsbot.replica.site import Replica
from newsbot.replica.truth import write_truth

__all__ = ["Site", "Replica", "running_replica", "write_truth"]
