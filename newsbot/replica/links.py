"""URLs of the replica: canonical ones, and the variants some links use (the crawler must fold them)."""

from __future__ import annotations

from newsbot.replica.content import Post, Teaser


def canonical(base: str, post: Post | Teaser) -> str:
    return base + post.path


def variant(base: str, post: Post | Teaser, where: str) -> str:
    """The href a listing, related block or feed uses for a post: mostly canonical, sometimes a variant.

    Chosen by post id so that the same post gets the same variant on every page of a kind.
    """
    pick = (post.id // 12 + len(where)) % 9
    if pick == 4:
        return f"{base}{post.path}?utm_source={where}&utm_medium=referral&utm_campaign=world"
    if pick == 6:
        return base + post.path.rstrip("/")
    if pick == 8 and where == "related":
        return f"{base}{post.path}amp/"
    if pick == 2 and where == "related":
        return f"{base}{post.path}?fbclid=IwAR0{post.id:x}Zq"
    return base + post.path
