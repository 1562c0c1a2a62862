"""One Redis client (and its connection pool) per process and URL, shared by every component of every crawl
in the process. ``redis`` is imported here only: nothing imports this module without ``--frontier``."""

from __future__ import annotations

import functools


class FrontierUnreachable(Exception):
    """The frontier's Redis server did not answer."""


@functools.cache
def redis_client(url: str):
    """The process's client for ``url`` (``redis://HOST:PORT/DB``)."""
    import redis

    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, health_check_interval=30)


def checked_client(url: str):
    """The client for ``url``, after a PING: ``FrontierUnreachable`` with the reason when it fails."""
    import redis

    client = redis_client(url)
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        raise FrontierUnreachable(f"the frontier at {url} does not answer: {error}") from None
    return client
