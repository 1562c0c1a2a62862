"""Checks of the world_news profile: registered as a spider, and extraction of saved pages equal to the
fields expected of them. Save an article page as ``tests/data/sites/world_news/<anything>.html`` and write its
``url`` and the fields you expect (read off the page by you, not by newsbot) in ``<anything>.json`` beside it.
"""

from profile_checks import profile_tests

test_registered_as_a_spider, test_pages_saved, test_extraction_matches_expected_fields = profile_tests("world_news")
