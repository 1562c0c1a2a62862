"""JavaScript-rendered pages with scrapy-playwright and Chromium, only where a page needs it.

- ``policy``: which requests go to Chromium (profile, page kind, detection), the settings it installs, the
  check that fails a crawl loudly when the browser cannot run;
- ``chromium``: which Chromium is launched, with which flags;
- ``pages``: what Chromium does on a page before it is read (click "load more", wait for comments) and the
  resources it never downloads (images, fonts, media).
"""

from newsbot.browser.chromium import BrowserUnavailable
from newsbot.browser.policy import BrowserPolicy, configure

__all__ = ["BrowserPolicy", "BrowserUnavailable", "configure"]
