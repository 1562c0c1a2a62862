"""What Chromium does on a page before newsbot reads it, as scrapy-playwright ``PageMethod`` callables, and
which of the page's own requests it refuses.

Waits are on the page's state (a selector, a count of elements), never fixed sleeps. A wait that times out
leaves the page as it is: the spider reads what is there. Each callable returns whether the page is complete
(scrapy-playwright keeps it in ``PageMethod.result``; the spider counts ``playwright/wait_timeouts``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from playwright.async_api import TimeoutError as PlaywrightTimeout

logger = logging.getLogger(__name__)

BLOCKED_RESOURCES = frozenset({"image", "font", "media"})

# true once the button is gone or hidden, or the page holds more links than before the click
_LOADED = """([button, before]) => {
  const more = document.querySelector(button);
  return !more || more.offsetParent === null || document.querySelectorAll('a[href]').length > before;
}"""
# true once the page holds as many comments as its comment count says (no count shown: nothing to wait for)
_COMMENTS_IN = """([count, comment]) => {
  const shown = document.querySelector(count);
  const expected = shown ? parseInt((shown.textContent.match(/\\d+/) || ['0'])[0], 10) : 0;
  return document.querySelectorAll(comment).length >= expected;
}"""


def blocked_resource(request) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST``: images, fonts and media are never downloaded by the browser."""
    return request.resource_type in BLOCKED_RESOURCES


def css(candidates: Iterable[str]) -> str:
    """A profile's selector candidates as one CSS selector list for the browser (XPath and ``::`` parts dropped)."""
    return ", ".join(c.split("::")[0] for c in candidates if not c.startswith(("/", "(", "./")))


async def load_all(page, button: str, max_clicks: int, timeout_ms: int) -> bool:
    """Click the "load more" ``button`` until it is gone or hidden, at most ``max_clicks`` times; after each
    click wait until new links arrive or the button goes. True when the button went (everything loaded)."""
    for clicks in range(max_clicks + 1):
        more = page.locator(button).first
        if not await more.count() or not await more.is_visible():
            return True
        if clicks == max_clicks:
            break
        before = await page.locator("a[href]").count()
        await more.click(timeout=timeout_ms)
        try:
            await page.wait_for_function(_LOADED, arg=[button, before], timeout=timeout_ms)
        except PlaywrightTimeout:
            logger.warning("no new link after clicking %r on %s within %d ms", button, page.url, timeout_ms)
            return False
    logger.warning("%s: still a %r button after %d clicks (NEWSBOT_BROWSER_MAX_CLICKS)", page.url, button, max_clicks)
    return False


async def wait_for_comments(page, count: str, comment: str, timeout_ms: int) -> bool:
    """Wait until the page holds as many ``comment`` elements as its ``count`` element says; True if it does."""
    try:
        await page.wait_for_function(_COMMENTS_IN, arg=[count, comment], timeout=timeout_ms)
        return True
    except PlaywrightTimeout:
        logger.warning("comments of %s did not all appear within %d ms", page.url, timeout_ms)
        return False
