"""Scrapy extensions of newsbot: run-level behaviour tied to signals, one concern each."""
