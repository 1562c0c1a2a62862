"""Scrapy extensions of newsbot (enabled through the ``EXTENSIONS`` setting)."""
