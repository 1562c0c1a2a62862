"""One spider per site profile, named by the profile: ``scrapy list`` shows them, ``scrapy crawl NAME`` runs one."""

from newsbot.sites import iter_profiles
from newsbot.spiders.section import SectionSpider

for _profile in iter_profiles():
    _name = f"{_profile.__name__}Spider"
    globals()[_name] = type(_name, (SectionSpider,), {
        "name": _profile.name, "profile": _profile, "__module__": __name__,
        "__doc__": f"Crawls {_profile.section!r} of {_profile.base_url} (profile {_profile.__module__})."})
